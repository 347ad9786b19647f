"""Bounds on what one untrusted file may cost, checked before and while parsing.

No parser used here limits decompression or sheet dimensions by itself: a 1 MB xlsx can
inflate to 1 GiB, a 25 KB sheet can claim cells up to XFD1048576. The cheap checks run
here (file size, the zip directory); rows and pages are checked by the extractors; time
and memory are enforced on the worker process by the pipeline.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from core.errors import ExtractError, UnsupportedFormat

MB = 1024 * 1024


class LimitExceeded(ExtractError):
    """A file went past one of the configured limits."""


class InvalidLimit(ValueError):
    """A limit given a value that means nothing (zero, negative); the message names its option."""


def _limit(default: float, unit: str, help_text: str) -> Any:
    """A `Limits` field: its default, unit and help (the `plans ingest` option is made from them)."""
    return field(default=default, metadata={"unit": unit, "help": help_text})


@dataclass(frozen=True)
class Limits:
    """Per-file limits. Each field is a `plans ingest` option (`option`), declared only here."""

    max_file_mb: float = _limit(100, "MB", "Largest file read")
    max_unzipped_mb: float = _limit(500, "MB", "Largest uncompressed size of an Office zip, checked before parsing")
    max_zip_ratio: float = _limit(200, "ratio", "Largest compression ratio of a zip entry, against zip bombs")
    max_rows: int = _limit(200_000, "rows", "Most rows of a sheet")
    max_columns: int = _limit(1_000, "columns", "Most columns of a sheet")
    max_pages: int = _limit(2_000, "pages", "Most pages of a PDF")
    timeout_s: float = _limit(120, "s", "Time to read one file")
    max_memory_mb: int = _limit(3_072, "MB", "Address space of a worker process")

    def __post_init__(self) -> None:
        for name in LIMIT_NAMES:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise InvalidLimit(f"{option(name)} must be a number greater than 0, not {value!r}")

    def hint(self, name: str) -> str:
        """'limit --max-rows=200000; raise it with `plans ingest --max-rows ...`' for field `name`."""
        return f"limit {option(name)}={getattr(self, name):g}; raise it with `plans ingest {option(name)} ...`"


# Not a per-file limit: how long a command waits for a warehouse another process holds (`--wait`).
DEFAULT_WAIT_S = 30.0
LIMIT_NAMES = tuple(f.name for f in fields(Limits))
DEFAULT_LIMITS = Limits()


def option(name: str) -> str:
    """The `plans ingest` option of a `Limits` field: `max_file_mb` -> `--max-file-mb`; a field in
    seconds ends in `_s`, which the option leaves out (`timeout_s` -> `--timeout`)."""
    return "--" + name.removesuffix("_s").replace("_", "-")


def exceeded(where: str, what: str, limits: Limits, name: str) -> LimitExceeded:
    return LimitExceeded(where, f"{what}; {limits.hint(name)}")


def check_file(path: Path, limits: Limits) -> None:
    """Size of the file, and for zip-based formats the size and ratio its directory announces."""
    size = path.stat().st_size
    if size == 0:
        raise UnsupportedFormat(path.name, "the file is empty (0 bytes)")
    if size > limits.max_file_mb * MB:
        raise exceeded(path.name, f"file is {size / MB:.1f} MB", limits, "max_file_mb")
    if not zipfile.is_zipfile(path):
        return
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # detection reports the damaged zip with its own message
    unzipped = sum(entry.file_size for entry in entries)
    if unzipped > limits.max_unzipped_mb * MB:
        what = f"the zip inflates to {unzipped / MB:.0f} MB"
        raise exceeded(path.name, what, limits, "max_unzipped_mb")
    for entry in entries:
        if entry.compress_size and entry.file_size / entry.compress_size > limits.max_zip_ratio:
            ratio = entry.file_size / entry.compress_size
            what = f"zip entry {entry.filename} is compressed {ratio:.0f}:1 (a zip bomb?)"
            raise exceeded(path.name, what, limits, "max_zip_ratio")
