"""Stage 4: the warehouse -> clean files for the associations and for other tools.

`export_plans(...)` writes one file per plan and format: the association's workbook
(`xlsx`), `csv`, `parquet`, the iA.PST exchange XML (`ia-pst`) and the Territoires en
Transitions import workbook (`tet`). `export_dataset(...)` writes every current action as
a Parquet dataset partitioned by organization, for bigger engines.
"""

from export.run import FORMATS, ExportedFile, export_dataset, export_plans

__all__ = ["FORMATS", "ExportedFile", "export_dataset", "export_plans"]
