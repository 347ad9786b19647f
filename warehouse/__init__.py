"""Stage 3: validated frames -> the DuckDB warehouse, one transaction per file.

`Warehouse` and `LoadResult` are imported on first use: the read commands go through
`warehouse.connect` and `warehouse.queries` and never pay for pandas and the normalize stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warehouse.load import LoadResult, Warehouse

__all__ = ["LoadResult", "Warehouse"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from warehouse import load

        return getattr(load, name)
    raise AttributeError(f"module 'warehouse' has no attribute {name!r}")
