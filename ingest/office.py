"""What an Office Open XML file (.docx, .xlsx) says about itself outside its body.

Document properties (`docProps/app.xml`: the company; `docProps/core.xml`: when it was
modified or created) and Word page headers and footers (`word/header*.xml`,
`word/footer*.xml`). Parts are read straight from the zip with defusedxml (no entity
expansion); a missing, oversized or broken part says nothing. The author (`dc:creator`,
`cp:lastModifiedBy`) is a person, never an organisation: it is not read.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from core.text import clean
from ingest import rules

_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_TERMS = "{http://purl.org/dc/terms/}"
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADER_FOOTER_PART = re.compile(r"^word/(?:header|footer)\d*\.xml$")


@dataclass(frozen=True)
class Properties:
    company: str | None = None
    date: str | None = None  # ISO day: `modified`, else `created`


def properties(path: Path) -> Properties:
    """The company and the date the document properties give."""
    archive = _archive(path)
    if archive is None:
        return Properties()
    with archive:
        app = _root(archive, "docProps/app.xml")
        core = _root(archive, "docProps/core.xml")
    company = clean(app.findtext(f"{_APP}Company") or "") if app is not None else ""
    dates = [core.findtext(f"{_TERMS}{name}") or "" for name in ("modified", "created")] if core is not None else []
    day = next((found.group(0) for text in dates if (found := rules.ISO_DAY.match(text.strip()))), None)
    return Properties(company or None, day)


def word_headers_footers(path: Path) -> tuple[str, ...]:
    """The paragraphs of a Word document's page headers and footers, each text once, in part order."""
    archive = _archive(path)
    if archive is None:
        return ()
    with archive:
        names = sorted(name for name in archive.namelist() if _HEADER_FOOTER_PART.match(name))
        texts = [text for name in names if (root := _root(archive, name)) is not None for text in _paragraphs(root)]
    return tuple(dict.fromkeys(text for text in texts if text))


def _paragraphs(root: Element) -> Iterator[str]:
    for paragraph in root.iter(f"{_WORD}p"):
        yield clean("".join(node.text or "" for node in paragraph.iter(f"{_WORD}t")))


def _archive(path: Path) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None


def _root(archive: zipfile.ZipFile, name: str) -> Element | None:
    try:
        info = archive.getinfo(name)
        if info.file_size > rules.MAX_PROPERTY_PART_BYTES:
            return None
        root: Element = ElementTree.fromstring(archive.read(info))
    except (KeyError, zipfile.BadZipFile, OSError, ElementTree.ParseError, DefusedXmlException, ValueError):
        return None
    return root
