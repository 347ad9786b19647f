"""Pick the extractor for a file from the format detected in its bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest import excel, html
from ingest.detect import detect_format
from ingest.errors import UnsupportedFormat
from ingest.records import RawPlan

Extractor = Callable[[Path], RawPlan]

# One entry per readable format; later formats (docx, pdf, html) register here.
EXTRACTORS: dict[str, Extractor] = {
    "xlsx": excel.extract,
    "html": html.extract,
}

# Formats we recognise but cannot read (yet): say what the file is.
_KNOWN_UNREADABLE: dict[str, str] = {
    "ole": "a legacy Office file (.xls/.doc) or an encrypted Office file, not supported yet",
    "corrupt-zip": "a damaged or truncated zip/Office file",
    "zip": "a zip archive that is not an Office document",
    "opendocument": "an OpenDocument file (.ods/.odt), not supported yet",
    "pptx": "a PowerPoint presentation, not a plan format we read",
    "unknown": "not a format we recognise",
}


def supported_formats() -> tuple[str, ...]:
    return tuple(EXTRACTORS)


def extract(path: Path) -> RawPlan:
    """Read one source file into a `RawPlan`; raises `ExtractError` with a one-line reason."""
    fmt = detect_format(path)
    extractor = EXTRACTORS.get(fmt)
    if extractor is None:
        reason = _KNOWN_UNREADABLE.get(fmt, f"a {fmt} file, not supported yet")
        raise UnsupportedFormat(path.name, f"cannot read: the bytes are {reason} (whatever the extension says)")
    return extractor(path)
