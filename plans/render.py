"""Print results on stdout: tables that fit the terminal, CSV or JSON (one object per row), outlines.

Light to import: tables are drawn here, rich is imported only for an outline, pandas never (a
DataFrame is read through its own methods), so that `plans --help` and `plans list` start at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from warehouse.rows import Rows

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from plans.pipeline import FileReport

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
# Width of a table written to a file or a pipe (no terminal, no COLUMNS): wide, as a file has no margin.
PIPED_WIDTH = 200
# A column never shrinks below this: "…" alone says that something is there.
MIN_COLUMN = 1


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


def cell_width(text: str) -> int:
    """Terminal columns `text` takes: wide (CJK) characters two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


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
    """`text` in at most `size` columns, cut with … when longer."""
    if cell_width(text) <= size:
        return text
    kept = ""
    for char in text:
        if cell_width(kept + char) > size - 1:
            break
        kept += char
    return kept + "…"


def _pad(text: str, size: int, right: bool) -> str:
    space = " " * (size - cell_width(text))
    return space + text if right else text + space


def table(
    title: str | None, columns: Sequence[str], cells: list[list[str]], right: Sequence[bool], styles: Sequence[str] = ()
) -> list[str]:
    """The lines of a boxed table that fits the terminal: long cells cut with …, the widest
    columns first. `styles` (a `STATUS_STYLE` colour per row, may be empty) colour a row's last cell.

    Drawn here rather than by rich: `plans list` then starts without importing it."""
    natural = [max([cell_width(c), *(cell_width(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    # Each column takes its cells, a space each side and a border; plus the table's left border.
    sizes = fit(natural, width() - 3 * len(columns) - 1)

    def line(left: str, fill: str, middle: str, end: str) -> str:
        return left + middle.join(fill * (size + 2) for size in sizes) + end

    def row(values: Sequence[str], bar: str, style: str = "") -> str:
        texts = [_pad(_clip(v, size), size, r) for v, size, r in zip(values, sizes, right, strict=True)]
        if style:
            texts[-1] = click.style(texts[-1], **({"dim": True} if style == "dim" else {"fg": style}))
        return bar + bar.join(f" {text} " for text in texts) + bar

    lines = [_clip(title, width())] if title else []
    lines += [line("┏", "━", "┳", "┓"), row(columns, "┃"), line("┡", "━", "╇", "┩")]
    lines += [row(values, "│", styles[i] if i < len(styles) else "") for i, values in enumerate(cells)]
    lines.append(line("└", "─", "┴", "┘"))
    return lines


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
        for text in table(title, rows.columns, [[_cell(v) for v in row] for row in values], right):
            click.echo(text)
        click.echo(f"{len(rows.rows)} row(s)")


def render_ingest(reports: list[FileReport], db: Path, elapsed: float, skipped: int = 0) -> None:
    """The ingest's table of files, the reasons of those to review, and the summary line."""
    columns = ("File", "Format", "Plan", "Actions", "Anomalies", "Status")
    cells = [[r.file_name, r.format, r.plan or "", str(r.actions), str(r.anomalies), r.status] for r in reports]
    right = [column in ("Actions", "Anomalies") for column in columns]
    styles = [STATUS_STYLE.get(r.status, "") for r in reports]
    for text in table(f"Ingested into {db}", columns, cells, right, styles):
        click.echo(text)
    for r in reports:
        if r.reasons:
            click.echo(f"{_styled(r.status)} {r.file_name}:")
            for reason in r.reasons[:MAX_REASONS_SHOWN]:
                click.echo(f"  - {reason}")
            if len(r.reasons) > MAX_REASONS_SHOWN:
                click.echo(f"  … {len(r.reasons) - MAX_REASONS_SHOWN} more (--json)")
    counts = {status: sum(1 for r in reports if r.status == status) for status in STATUS_STYLE}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    if skipped:
        summary = f"{summary or 'nothing to do'}; {skipped} lock or temporary file(s) skipped"
    click.echo(f"{len(reports)} file(s) in {elapsed:.1f}s: {summary or 'nothing to do'}")


def _styled(status: str) -> str:
    style = STATUS_STYLE.get(status, "")
    return click.style(status, **({"dim": True} if style == "dim" else {"fg": style or None}))


@contextmanager
def progress(total: int) -> Iterator[Callable[[str | None], None]]:
    """A step per file, with its error line (if it failed) on stderr; a progress bar above them on
    a terminal, for two files or more (rich, imported only then)."""
    if total < 2 or not sys.stderr.isatty():

        def say(error: str | None) -> None:
            if error:
                click.echo(f"{click.style('error:', fg='red')} {error}", err=True)

        yield say
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    errors = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=errors, transient=True) as bar:
        task = bar.add_task("Ingesting", total=total)

        def advance(error: str | None) -> None:
            if error:
                errors.print(f"[red]error:[/red] {escape(error)}", highlight=False, soft_wrap=True)
            bar.advance(task)

        yield advance


def render_interrupted(not_loaded: Sequence[str]) -> None:
    """After Ctrl-C (on stderr): the files not loaded."""
    header = f"{len(not_loaded)} file(s) not loaded (run the same command again to load them):"
    click.echo(f"{click.style('interrupted:', fg='red')} {header}", err=True)
    for name in not_loaded:
        click.echo(f"  - {name}", err=True)


def render_outline(plan: dict[str, object], actions: pd.DataFrame) -> None:
    """Axis > strategic objective > operational objective > action lines, in the locale's language."""
    from rich.markup import escape
    from rich.tree import Tree

    from plans.language import OUTLINE_WORDS, action_details, language

    speak = language()
    words = OUTLINE_WORDS[speak]
    tree = Tree(f"[bold]{plan['title']}[/bold] ({plan['organization'] or words['organization unknown']})")
    tree.add(words["summary"].format(**plan), style="dim")
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
        details = action_details(row, speak)
        code = f"{row['action_code']} " if row["action_code"] else ""
        parent.add(f"[cyan]{escape(code)}[/cyan]{escape(str(row['label']))} [dim]({escape(details)})[/dim]")
    console().print(tree)
