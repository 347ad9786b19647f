"""Pick the extractor for a file from the format detected in its bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from core.errors import UnsupportedFormat
from core.limits import DEFAULT_LIMITS, Limits, check_file
from core.records import Clue, RawPlan
from ingest import excel, html, iapst, office, pdf, word
from ingest.detect import detect_format
from ingest.profiles import Profile

Extractor = Callable[[Path, Limits], RawPlan]

# One entry per readable format, detected from the bytes.
EXTRACTORS: dict[str, Extractor] = {
    "xlsx": excel.extract,
    "xls": excel.extract,
    "xlsb": excel.extract,
    "ods": excel.extract,
    "docx": word.extract,
    "pdf": pdf.extract,
    "html": html.extract,
    "ia-pst": iapst.extract,
}

# Office Open XML formats: their document properties name the company and a date.
PROPERTY_FORMATS = frozenset({"xlsx", "docx"})

# Formats whose reader takes mapping profiles (workbooks: the Excel reader).
PROFILED_FORMATS = frozenset({"xlsx", "xls", "xlsb", "ods"})

# Formats we recognise but cannot read (yet): say what the file is.
_KNOWN_UNREADABLE: dict[str, str] = {
    "encrypted": "a password-protected (encrypted) Office file: remove the password and send it again",
    "doc": "a legacy Word .doc file: save it as .docx",
    "odt": "an OpenDocument text (.odt): save it as .docx",
    "ole": "a legacy Office (OLE) file that is neither a workbook nor a Word document",
    "corrupt-zip": "a damaged or truncated zip/Office file",
    "zip": "a zip archive that is not an Office document",
    "opendocument": "an OpenDocument file that is neither a spreadsheet nor a text",
    "pptx": "a PowerPoint presentation, not a plan format we read",
    "unknown": "not a format we recognise",
}


def supported_formats() -> tuple[str, ...]:
    return tuple(EXTRACTORS)


def extract(path: Path, limits: Limits = DEFAULT_LIMITS, profiles: tuple[Profile, ...] = ()) -> RawPlan:
    """Read one source file into a `RawPlan`; raises `ExtractError` with a one-line reason.

    `profiles` (mapping profiles, `ingest.profiles`) are handed to the workbook reader only."""
    check_file(path, limits)
    fmt = detect_format(path)
    extractor = EXTRACTORS.get(fmt)
    if extractor is None:
        reason = _KNOWN_UNREADABLE.get(fmt, f"a {fmt} file, not supported yet")
        raise UnsupportedFormat(path.name, f"cannot read: the bytes are {reason} (whatever the extension says)")
    if profiles and fmt in PROFILED_FORMATS:
        return _outside_body(excel.extract(path, limits, profiles), path, fmt)
    return _outside_body(extractor(path, limits), path, fmt)


def _outside_body(raw: RawPlan, path: Path, fmt: str) -> RawPlan:
    """What the file says outside what its reader reads: the organisation clues and the date of the
    document properties and Word headers and footers, and, when nothing dates the document, the
    file's modification time (`Metadata.version_date`; a version label's date wins in normalize)."""
    meta = raw.metadata
    clues: list[Clue] = []
    if fmt == "docx":
        clues.extend(Clue("header-footer", text) for text in office.word_headers_footers(path))
    date, date_source = meta.version_date, meta.version_date_source
    if fmt in PROPERTY_FORMATS:
        found = office.properties(path)
        if found.company:
            clues.append(Clue("properties", found.company, whole=True))
        if date is None and found.date:
            date, date_source = found.date, "properties"
    if date is None:
        date = datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
        date_source = "file-mtime"
    clues = [*meta.organization_clues, *clues]
    metadata = replace(meta, organization_clues=tuple(clues), version_date=date, version_date_source=date_source)
    return replace(raw, metadata=metadata)
