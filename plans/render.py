"""Print results on stdout: rich tables that fit the terminal, CSV or JSON (one object per row).

Light to import: rich is imported when a table or an outline is drawn, pandas never (a DataFrame
is read through its own methods), so that `plans --help` and `plans list` start at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warehouse.rows import Rows

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console
    from rich.table import Table

    from plans.pipeline import FileReport

FORMATS = ("table", "csv", "json")
# The colour of each file status (`normalize.verdict`), in the order the ingest summary counts them.
STATUS_STYLE = {
    "ok": "green",
    "review": "yellow",
    "not-a-plan": "cyan",
    "failed": "red",
    "unchanged": "dim",
}
# Reasons shown per file under the ingest table (all of them are in `--json` and `sources.status_reason`).
MAX_REASONS_SHOWN = 3
# Width of a table written to a file or a pipe (no terminal, no COLUMNS): wide, as a file has no margin.
PIPED_WIDTH = 200
# A column never shrinks below this (its cells then show a character or two and …).
MIN_COLUMN = 3


def plain(value: Any) -> Any:
    """A DuckDB/pandas/numpy value as plain Python for JSON (lists, dicts, ints, ISO dates, None)."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return plain(value.tolist())
    if isinstance(value, dt.datetime | dt.date):  # pd.Timestamp too
        return value.isoformat()
    pandas = sys.modules.get("pandas")  # pd.NA only exists when pandas was imported
    if value is None or (pandas is not None and value is pandas.NA) or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def rows_of(result: Rows | pd.DataFrame) -> Rows:
    if isinstance(result, Rows):
        return result
    return Rows(tuple(str(c) for c in result.columns), list(result.itertuples(index=False, name=None)))


def width() -> int:
    """COLUMNS, else the terminal's width, else (output to a file or a pipe) `PIPED_WIDTH`."""
    if sys.stdout.isatty() or "COLUMNS" in os.environ:
        return shutil.get_terminal_size().columns
    return PIPED_WIDTH


def console() -> Console:
    from rich.console import Console

    return Console(width=width())


def fit(widths: Sequence[int], room: int) -> list[int]:
    """Column widths that fit `room` characters of cells: the widest column loses a character
    until they fit (or every column is down to `MIN_COLUMN`)."""
    fitted = list(widths)
    while sum(fitted) > room:
        widest = max(range(len(fitted)), key=lambda i: fitted[i])
        if fitted[widest] <= MIN_COLUMN:
            break
        fitted[widest] -= 1
    return fitted


def _clip(text: str, size: int) -> str:
    from rich.cells import cell_len, set_cell_size

    return text if cell_len(text) <= size else set_cell_size(text, size - 1) + "…"


def table(
    title: str | None, columns: Sequence[str], cells: list[list[str]], right: Sequence[bool], styles: Sequence[str] = ()
) -> Table:
    """A rich table whose long cells are cut with … so that it fits the terminal, the widest columns first.

    `styles` (one per row, may be empty) colour whole rows' last cell (the ingest status)."""
    from rich.cells import cell_len
    from rich.markup import escape
    from rich.table import Table

    natural = [max([cell_len(c), *(cell_len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    # Each column takes its cells, a space each side and a border; plus the table's left border.
    sizes = fit(natural, width() - 3 * len(columns) - 1)
    result = Table(title=title, title_justify="left")
    for column, size, is_right in zip(columns, sizes, right, strict=True):
        result.add_column(_clip(column, size), justify="right" if is_right else "left", no_wrap=True, max_width=size)
    for index, row in enumerate(cells):
        clipped = [escape(_clip(cell, size)) for cell, size in zip(row, sizes, strict=True)]
        if index < len(styles) and styles[index]:
            clipped[-1] = f"[{styles[index]}]{clipped[-1]}[/{styles[index]}]"
        result.add_row(*clipped)
    return result


def _numeric(values: list[Any]) -> bool:
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present)


def render(result: Rows | pd.DataFrame, fmt: str, title: str | None = None) -> None:
    rows = rows_of(result)
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([_cell(v) for v in row] for row in rows.rows)
    elif fmt == "json":
        records = [{column: plain(v) for column, v in zip(rows.columns, row, strict=True)} for row in rows.rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        values = [[plain(v) for v in row] for row in rows.rows]
        right = [_numeric([row[i] for row in values]) for i in range(len(rows.columns))]
        out = console()
        out.print(table(title, rows.columns, [[_cell(v) for v in row] for row in values], right))
        out.print(f"{len(rows.rows)} row(s)", highlight=False)


def render_ingest(reports: list[FileReport], db: Path, elapsed: float, skipped: int = 0) -> None:
    """The ingest's table of files, the reasons of those to review, and the summary line."""
    from rich.markup import escape

    columns = ("File", "Format", "Plan", "Actions", "Anomalies", "Status")
    cells = [[r.file_name, r.format, r.plan or "", str(r.actions), str(r.anomalies), r.status] for r in reports]
    right = [column in ("Actions", "Anomalies") for column in columns]
    styles = [STATUS_STYLE.get(r.status, "") for r in reports]
    out = console()
    out.print(table(f"Ingested into {db}", columns, cells, right, styles))
    for r in reports:
        if r.reasons:
            style = STATUS_STYLE.get(r.status, "")
            out.print(f"[{style}]{r.status}[/{style}] {escape(r.file_name)}:", highlight=False)
            for reason in r.reasons[:MAX_REASONS_SHOWN]:
                out.print(f"  - {escape(reason)}", highlight=False, soft_wrap=True)
            if len(r.reasons) > MAX_REASONS_SHOWN:
                out.print(f"  … {len(r.reasons) - MAX_REASONS_SHOWN} more (--json)", highlight=False)
    counts = {status: sum(1 for r in reports if r.status == status) for status in STATUS_STYLE}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    if skipped:
        summary = f"{summary or 'nothing to do'}; {skipped} lock or temporary file(s) skipped"
    out.print(f"{len(reports)} file(s) in {elapsed:.1f}s: {summary or 'nothing to do'}", highlight=False)


def render_interrupted(not_loaded: Sequence[str]) -> None:
    """After Ctrl-C (on stderr): the files not loaded."""
    from rich.console import Console
    from rich.markup import escape

    errors = Console(stderr=True)
    errors.print(
        f"[red]interrupted:[/red] {len(not_loaded)} file(s) not loaded (run the same command again to load them):",
        highlight=False,
        soft_wrap=True,
    )
    for name in not_loaded:
        errors.print(f"  - {escape(name)}", highlight=False, soft_wrap=True)


def render_outline(plan: dict[str, object], actions: pd.DataFrame) -> None:
    """Axis > strategic objective > operational objective > action lines."""
    from rich.markup import escape
    from rich.tree import Tree

    tree = Tree(f"[bold]{plan['title']}[/bold] ({plan['organization'] or 'organization unknown'})")
    tree.add(
        f"{plan['actions']} actions, {plan['anomalies']} anomalies, file {plan['file_name']}, "
        f"plan_key {plan['plan_key']}",
        style="dim",
    )
    branches: dict[tuple[object, ...], Tree] = {}
    for row in actions.to_dict("records"):
        parent = tree
        path: tuple[object, ...] = ()
        for level in ("axis", "strategic_objective", "operational_objective"):
            value = row[level]
            if value is None or value != value:
                continue
            path = (*path, value)
            if path not in branches:
                branches[path] = parent.add(escape(str(value)), style="bold" if level == "axis" else "")
            parent = branches[path]
        details = [f"pilot: {row['pilot']}" if row["pilot"] else "no pilot"]
        details.append(f"schedule: {row['schedule']}" if row["schedule"] else "no schedule")
        details.append(f"status: {row['status']}" if row["status"] else "no status")
        code = f"{row['action_code']} " if row["action_code"] else ""
        parent.add(f"[cyan]{escape(code)}[/cyan]{escape(str(row['label']))} [dim]({escape('; '.join(details))})[/dim]")
    console().print(tree)
