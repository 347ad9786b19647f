"""Flat files: CSV for French Excel or for tools, Parquet with proper types."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from export.reader import PlanData
from export.safety import neutralise
from export.table import association_table


@dataclass(frozen=True)
class CsvOptions:
    """French Excel opens `;`-separated UTF-8 with a BOM; tools usually want `,` without."""

    sep: str = ";"
    bom: bool = True


def write_csv(data: PlanData, path: Path, options: CsvOptions) -> None:
    table, grid = association_table(data)
    marks = table.columns[len(table.columns) - len(grid) :]
    text = table.astype(object)
    for column in marks:
        text[column] = table[column].map(lambda planned: "X" if planned else "")
    text = text.map(lambda v: neutralise(v) if isinstance(v, str) else ("" if v is None or pd.isna(v) else v))
    encoding = "utf-8-sig" if options.bom else "utf-8"
    text.to_csv(path, sep=options.sep, index=False, encoding=encoding, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


def write_parquet(data: PlanData, path: Path) -> None:
    table, _ = association_table(data)
    table = table.astype({"Avancement": "Float64"})
    table.to_parquet(path, index=False)
