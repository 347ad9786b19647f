"""Identity of a source file: name, size and the sha256 of its bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from core.records import Source
from core.text import printable

# `<file>.plan.toml` beside a source: what the user says about it (plans/sidecar.py).
SIDECAR_SUFFIX = ".plan.toml"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def describe_source(path: Path, fmt: str) -> Source:
    return Source(
        path=str(path),
        file_name=printable(path.name),
        sha256=file_sha256(path),
        size_bytes=path.stat().st_size,
        format=fmt,
    )
