"""Tell a file's format from its bytes, never from its extension."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

import msoffcrypto
import msoffcrypto.exceptions
import olefile

from core.records import Source
from core.source import describe_source
from ingest.iapst import is_iapst

# Magic numbers of the formats we recognise, so that a bad file gets a precise message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .xls, .doc, or an encrypted Office file
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # empty zip archive
)
# The main part of each Office Open XML package.
_OOXML_PARTS: tuple[tuple[str, str], ...] = (
    ("xl/workbook.xml", "xlsx"),
    ("word/document.xml", "docx"),
    ("xl/workbook.bin", "xlsb"),
    ("ppt/presentation.xml", "pptx"),
)
# OpenDocument packages name their kind in the `mimetype` entry.
_OPENDOCUMENT: dict[bytes, str] = {
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.text": "odt",
}
# Streams of an OLE compound file (legacy Office) -> format.
_OLE_STREAMS: tuple[tuple[str, str], ...] = (("Workbook", "xls"), ("Book", "xls"), ("WordDocument", "doc"))
_HTML_MARKERS: tuple[bytes, ...] = (b"<!doctype html", b"<html")
# A page fragment (no <html> nor <body>, as pasted from a site's editor) opens with one of these tags,
# after comments; an XML file opens with its `<?xml` prolog or a root element not in this list.
_FRAGMENT_TAGS: frozenset[bytes] = frozenset(
    {b"div", b"section", b"article", b"main", b"ul", b"ol", b"p", b"table", b"nav", b"header", b"footer"}
    | {b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"span", b"a", b"strong", b"em", b"b", b"dl", b"blockquote"}
    | {b"figure", b"img", b"br", b"hr", b"body", b"head", b"meta", b"title", b"link", b"style", b"script"}
)
_FIRST_TAG = re.compile(rb"<(?P<name>[a-zA-Z][a-zA-Z0-9]*)[\s>/]")
# An OpenDocument saved with a password lists how each part is encrypted in its manifest.
_MANIFEST = "META-INF/manifest.xml"
_ENCRYPTED_MANIFEST = b"encryption-data"
_MANIFEST_BYTES = 1 << 20  # read at most this much of it: a manifest is a few KB


def identify(path: Path) -> Source:
    """The file's `Source`: name, size, sha256 and the format its bytes show."""
    return describe_source(path, detect_format(path))


def detect_format(path: Path) -> str:
    """Return "xlsx", "docx", "pdf", "html" ... as read from the bytes of `path`."""
    with path.open("rb") as handle:
        head = handle.read(2048)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "zip":
                return _zip_kind(path)
            return _ole_kind(path) if kind == "ole" else kind
    if is_iapst(head):  # an XML exchange file: before HTML, whose markers its texts may hold
        return "ia-pst"
    if any(marker in head.lower() for marker in _HTML_MARKERS) or _is_fragment(head):
        return "html"
    return "unknown"


def _is_fragment(head: bytes) -> bool:
    """Whether the bytes open (after a BOM, spaces and comments) with an HTML tag: a page fragment."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    while text.startswith(b"<!--"):
        end = text.find(b"-->")
        if end < 0:
            return False
        text = text[end + 3 :].lstrip()
    found = _FIRST_TAG.match(text)
    return found is not None and found.group("name").lower() in _FRAGMENT_TAGS


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else None
            encrypted = mimetype is not None and _MANIFEST in names and _lists_encryption(archive)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, ValueError, zlib.error):
        return "corrupt-zip"  # the main process detects every file (pipeline): a damaged one must not stop it
    for part, kind in _OOXML_PARTS:
        if part in names:
            return kind
    if encrypted:
        return "encrypted"
    if mimetype is not None:
        return _OPENDOCUMENT.get(mimetype, "opendocument")
    return "zip"


def _lists_encryption(archive: zipfile.ZipFile) -> bool:
    with archive.open(_MANIFEST) as manifest:
        return _ENCRYPTED_MANIFEST in manifest.read(_MANIFEST_BYTES)


def _ole_kind(path: Path) -> str:
    """Legacy .xls/.doc, or an Office file encrypted with a password (also an OLE file)."""
    try:
        with path.open("rb") as handle:
            if msoffcrypto.OfficeFile(handle).is_encrypted():
                return "encrypted"
    except Exception:
        pass  # not known to be encrypted: look at its streams
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry).casefold() for entry in ole.listdir()}
    except (OSError, ValueError, IndexError):
        return "ole"
    return next((kind for stream, kind in _OLE_STREAMS if stream.casefold() in streams), "ole")
