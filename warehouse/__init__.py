"""Stage 3: validated frames -> the DuckDB warehouse, one transaction per file."""

from warehouse.load import LoadResult, Warehouse

__all__ = ["LoadResult", "Warehouse"]
