"""Print a query result on stdout: a rich table, CSV or JSON (one object per row)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "json")
# The colour of each file status (`normalize.verdict`), in the order the ingest summary counts them.
STATUS_STYLE = {
    "ok": "green",
    "review": "yellow",
    "not-a-plan": "cyan",
    "failed": "red",
    "unchanged": "dim",
    "duplicate": "dim",
}
# Reasons shown per file under the ingest table (all of them are in `--json` and `sources.status_reason`).
MAX_REASONS_SHOWN = 3


def plain(value: Any) -> Any:
    """A DuckDB/pandas value as plain Python for JSON (lists, dicts, ints, ISO dates, None)."""
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return value.isoformat()
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return value


def _cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def console() -> Console:
    return Console(width=None if sys.stdout.isatty() else 200)


def render(frame: pd.DataFrame, fmt: str, title: str | None = None) -> None:
    if fmt == "csv":
        text = frame.map(_cell).to_csv(index=False) if len(frame) else frame.to_csv(index=False)
        sys.stdout.write(text)
    elif fmt == "json":
        records = [{str(k): plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        table = Table(title=title, title_justify="left")
        for column in frame.columns:
            numeric = pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
            table.add_column(str(column), justify="right" if numeric else "left", overflow="fold")
        for row in frame.itertuples(index=False):
            table.add_row(*(_cell(v) for v in row))
        out = console()
        out.print(table)
        out.print(f"{len(frame)} row(s)", highlight=False)
