"""A query result as plain rows: what the light read commands return and `plans.render` prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rows:
    """Column names and rows of Python values (what DuckDB's `fetchall` gives), no pandas needed."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def column(self, name: str) -> list[Any]:
        """The values of one column, in row order."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]
