"""The project's exceptions: few, never with an empty message, always naming where.

Findings about the *content* of a plan (a shifted row, a duplicate) are not
exceptions: they are `Finding` records. An exception means a whole file (or the
warehouse) could not be used.
"""

from __future__ import annotations

from core.text import printable


class PlansError(Exception):
    """Base class. `where` names the file (and sheet/page/cell when known)."""

    def __init__(self, where: str, message: str) -> None:
        if not message.strip():
            raise ValueError("PlansError needs a message")
        self.where = printable(where)
        self.message = " ".join(printable(message).split())  # always one line
        super().__init__(f"{self.where}: {self.message}" if where else self.message)


class ExtractError(PlansError):
    """A source file cannot be read as a plan (corrupt, empty, unsupported...)."""


class UnsupportedFormat(ExtractError):
    """The bytes are not a format we read."""


class WarehouseError(PlansError):
    """The DuckDB warehouse cannot be opened or written."""
