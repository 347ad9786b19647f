"""Bounds on what one untrusted file may cost, checked before and while parsing.

No parser used here limits decompression or sheet dimensions by itself: a 1 MB xlsx can
inflate to 1 GiB, a 25 KB sheet can claim cells up to XFD1048576. The cheap checks run
here (file size, the zip directory); rows and pages are checked by the extractors; time
and memory are enforced on the worker process by the pipeline.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from core.errors import ExtractError, UnsupportedFormat

MB = 1024 * 1024


class LimitExceeded(ExtractError):
    """A file went past one of the configured limits."""


@dataclass(frozen=True)
class Limits:
    """Per-file limits; each names the `plans ingest` option that raises it."""

    max_file_mb: float = 100
    max_unzipped_mb: float = 500
    max_zip_ratio: float = 200
    max_rows: int = 200_000
    max_columns: int = 1_000
    max_pages: int = 2_000
    timeout_s: float = 120
    max_memory_mb: int = 3_072


DEFAULT_LIMITS = Limits()


def exceeded(where: str, what: str, option: str, value: object) -> LimitExceeded:
    return LimitExceeded(where, f"{what}; limit {option}={value} (raise it with `plans ingest {option} ...`)")


def check_file(path: Path, limits: Limits) -> None:
    """Size of the file, and for zip-based formats the size and ratio its directory announces."""
    size = path.stat().st_size
    if size == 0:
        raise UnsupportedFormat(path.name, "the file is empty (0 bytes)")
    if size > limits.max_file_mb * MB:
        raise exceeded(path.name, f"file is {size / MB:.1f} MB", "--max-file-mb", limits.max_file_mb)
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
        raise exceeded(path.name, what, "--max-unzipped-mb", limits.max_unzipped_mb)
    for entry in entries:
        if entry.compress_size and entry.file_size / entry.compress_size > limits.max_zip_ratio:
            ratio = entry.file_size / entry.compress_size
            what = f"zip entry {entry.filename} is compressed {ratio:.0f}:1 (a zip bomb?)"
            raise exceeded(path.name, what, "--max-zip-ratio", limits.max_zip_ratio)
