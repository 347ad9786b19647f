"""Stage 4: the warehouse -> clean files for the associations and for other tools.

`export_plans(...)` writes one file per plan and format: the association's workbook
(`xlsx`), `csv`, `parquet`, the iA.PST exchange XML (`ia-pst`) and the Territoires en
Transitions import workbook (`tet`). `export_dataset(...)` writes every current action as
a Parquet dataset partitioned by organization, for bigger engines.

The writers are imported on first use (openpyxl, pandas...): `export.formats` names the formats
for the command line without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from export.run import FORMATS, ExportedFile, export_dataset, export_plans

__all__ = ["FORMATS", "ExportedFile", "export_dataset", "export_plans"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from export import run

        return getattr(run, name)
    raise AttributeError(f"module 'export' has no attribute {name!r}")
