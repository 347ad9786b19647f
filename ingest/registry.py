"""Pick the extractor for a file from the format detected in its bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.errors import UnsupportedFormat
from core.limits import DEFAULT_LIMITS, Limits, check_file
from core.records import RawPlan, Source
from ingest import excel, html, iapst, pdf, word
from ingest.detect import identify
from ingest.profiles import Profile

Extractor = Callable[[Path | Source, Limits], RawPlan]

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


def extract(file: Path | Source, limits: Limits = DEFAULT_LIMITS, profiles: tuple[Profile, ...] = ()) -> RawPlan:
    """Read one source file into a `RawPlan`; raises `ExtractError` with a one-line reason.

    `file` is a path, or its `Source` when the caller has hashed and detected it already (the
    pipeline: once per file, `identify`). `profiles` (mapping profiles, `ingest.profiles`) are
    handed to the workbook reader only."""
    path = Path(file.path) if isinstance(file, Source) else file
    check_file(path, limits)
    source = file if isinstance(file, Source) else identify(path)
    extractor = EXTRACTORS.get(source.format)
    if extractor is None:
        reason = _KNOWN_UNREADABLE.get(source.format, f"a {source.format} file, not supported yet")
        raise UnsupportedFormat(path.name, f"cannot read: the bytes are {reason} (whatever the extension says)")
    if profiles and source.format in PROFILED_FORMATS:
        return excel.extract(source, limits, profiles)
    return extractor(source, limits)
