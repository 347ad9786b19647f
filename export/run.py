"""Choose plans, write one file per plan and format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from core.errors import WarehouseError
from export.flat import CsvOptions, write_csv, write_parquet
from export.formats import SUFFIXES
from export.iapst import write_ia_pst
from export.reader import PlanData, dataset_query, read_plan, select_plans
from export.table import file_stem
from export.tet import write_tet
from export.xlsx import write_xlsx
from warehouse import Warehouse

Writer = Callable[[PlanData, Path], None]
_WRITERS: dict[str, Writer] = {
    "xlsx": write_xlsx,
    "csv": partial(write_csv, options=CsvOptions()),
    "parquet": write_parquet,
    "ia-pst": write_ia_pst,
    "tet": write_tet,
}
# Format -> (file suffix, writer); a format without a writer fails here, at import.
FORMATS: dict[str, tuple[str, Writer]] = {name: (suffix, _WRITERS[name]) for name, suffix in SUFFIXES.items()}


@dataclass(frozen=True)
class ExportedFile:
    plan_id: int
    plan_key: str
    format: str
    path: str
    actions: int
    anomalies: int


def export_plans(
    db: Path,
    out: Path,
    formats: tuple[str, ...],
    selectors: tuple[str, ...] = (),
    csv_options: CsvOptions | None = None,
) -> list[ExportedFile]:
    """Write each selected plan (default: every current plan) in each format into `out`."""
    writers = dict(FORMATS)
    if csv_options is not None:
        writers["csv"] = (".csv", partial(write_csv, options=csv_options))
    out.mkdir(parents=True, exist_ok=True)
    written: list[ExportedFile] = []
    with Warehouse(db, read_only=True) as warehouse:
        plans = [read_plan(warehouse, plan_id) for plan_id in select_plans(warehouse, selectors)]
    stems = [file_stem(p.plan) for p in plans]
    for data, stem in zip(plans, stems, strict=True):
        if stems.count(stem) > 1:
            stem = f"{stem}_{data.plan['plan_id']}"  # two versions of one plan exported together
        for fmt in formats:
            suffix, writer = writers[fmt]
            path = out / f"{stem}{suffix}"
            writer(data, path)
            written.append(
                ExportedFile(
                    int(data.plan["plan_id"]),
                    str(data.plan["plan_key"]),
                    fmt,
                    str(path),
                    len(data.actions),
                    len(data.anomalies),
                )
            )
    return written


def export_dataset(db: Path, out: Path) -> Path:
    """Every action of the current plans as Parquet files partitioned by organization (hive layout)."""
    target = out / "actions_dataset"
    out.mkdir(parents=True, exist_ok=True)
    with Warehouse(db, read_only=True) as warehouse:
        try:
            warehouse.con.execute(
                f"COPY ({dataset_query()}) TO '{target.as_posix()}' "
                "(FORMAT parquet, PARTITION_BY (organization), OVERWRITE_OR_IGNORE true)"
            ).fetchall()
        except Exception as error:  # DuckDB raises its own types; name the target
            raise WarehouseError(str(target), f"cannot write the dataset: {error}") from error
    return target
