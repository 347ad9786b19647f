"""The `plans` command line: parse, call one library function, render.

Results go to stdout, messages and progress to stderr. Exit codes: 0 every file was
read (`ok`, `review`, `not-a-plan`, `unchanged` or `duplicate`), 1 some file failed, 2 bad usage.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TextIO, TypeVar

import click
import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.tree import Tree

from core.errors import PlansError
from core.limits import DEFAULT_LIMITS, Limits
from export import FORMATS as EXPORT_FORMATS
from export import export_dataset, export_plans
from export.flat import CsvOptions
from export.reader import default_out
from ingest.profiles import default_profiles_dir, load_profiles
from normalize import Overrides
from plans.language import OUTLINE_WORDS, action_details, language
from plans.pipeline import FileReport, IngestInterrupted, IngestOptions, ingest, scan
from plans.render import FORMATS, MAX_REASONS_SHOWN, STATUS_STYLE, console, render
from plans.sidecar import parse_period
from warehouse import Warehouse, queries
from warehouse.load import DEFAULT_WAIT_S

CONTEXT = {"help_option_names": ["-h", "--help"]}
DEFAULT_DB = Path("warehouse/plans.duckdb")
T = TypeVar("T")


@click.group(context_settings=CONTEXT)
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn strategic action plans (Excel, ...) into one DuckDB dataset.

    \b
    Example:
      plans ingest samples/ --db warehouse/plans.duckdb
    """
    ctx.obj = {"debug": debug}


def _period(_: click.Context, __: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        return parse_period(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


@main.command("ingest", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_DB,
    show_default=True,
    help="DuckDB warehouse file.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes [default: number of cores]."
)
@click.option("--json", "as_json", is_flag=True, help="Print the per-file results as JSON.")
@click.option("--organization", help="Override the organization of every plan ingested.")
@click.option(
    "--organization-from", type=click.Choice(["folder"]),
    help="Where to take the organization when neither the user (sidecar, --organization) nor the document "
    "names it: 'folder', the name of the folder holding the file (one folder per association).",
)  # fmt: skip
@click.option("--title", help="Override the title of every plan ingested.")
@click.option("--period", callback=_period, help="Override the plan period, e.g. 2021-2024.")
@click.option(
    "--max-file-mb", type=float, default=DEFAULT_LIMITS.max_file_mb, show_default=True, help="Largest file read."
)
@click.option(
    "--max-unzipped-mb", type=float, default=DEFAULT_LIMITS.max_unzipped_mb, show_default=True,
    help="Largest uncompressed size of an Office zip (checked before parsing).",
)  # fmt: skip
@click.option(
    "--max-zip-ratio", type=float, default=DEFAULT_LIMITS.max_zip_ratio, show_default=True,
    help="Largest compression ratio of a zip entry (zip bombs).",
)  # fmt: skip
@click.option("--max-rows", type=int, default=DEFAULT_LIMITS.max_rows, show_default=True, help="Rows per sheet.")
@click.option(
    "--max-columns", type=int, default=DEFAULT_LIMITS.max_columns, show_default=True, help="Columns per sheet."
)
@click.option("--max-pages", type=int, default=DEFAULT_LIMITS.max_pages, show_default=True, help="Pages per PDF.")
@click.option("--timeout", type=float, default=DEFAULT_LIMITS.timeout_s, show_default=True, help="Seconds per file.")
@click.option(
    "--max-memory-mb", type=int, default=DEFAULT_LIMITS.max_memory_mb, show_default=True,
    help="Address space of a worker process.",
)  # fmt: skip
@click.option(
    "--wait", type=float, default=30.0, show_default=True, help="Seconds to wait for a warehouse another process holds."
)
@click.option(
    "--profiles", "profiles_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of mapping profiles (*.toml) [default: profiles/ beside the warehouse, when it exists].",
)  # fmt: skip
@click.option(
    "--reprocess", is_flag=True,
    help="Read again the files already loaded (new profiles, a new version of plans) and replace what they produced.",
)  # fmt: skip
@click.pass_context
def ingest_command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    db: Path,
    jobs: int | None,
    as_json: bool,
    organization: str | None,
    organization_from: str | None,
    title: str | None,
    period: tuple[int, int] | None,
    max_file_mb: float,
    max_unzipped_mb: float,
    max_zip_ratio: float,
    max_rows: int,
    max_columns: int,
    max_pages: int,
    timeout: float,
    max_memory_mb: int,
    wait: float,
    profiles_dir: Path | None,
    reprocess: bool,
) -> None:
    """Ingest plan files (or directories of them) into the warehouse.

    Each file is loaded whole or not at all and ends with a status: ok (a plan read
    cleanly), review (a plan read with doubts; the reasons are listed), not-a-plan
    (guidelines, a blank form...: nothing loaded, the reason is given), failed (could not
    be read), unchanged (same bytes and settings already ingested) or duplicate (repeats
    a file of the same batch). Exit code 0 unless a file failed. A `<file>.plan.toml`
    next to a file overrides its metadata (organization, title, plan_kind, period =
    "2021-2024", version_label; French names such as organisation, titre, période
    accepted; an unknown key or a bad value is an error), may name the mapping profile
    that reads it (profile = "name") and the plan it is a version of (plan_key =
    "..."). A file whose sidecar or flags changed is read again and replaces its
    earlier reading; --reprocess reads again every file already loaded.

    \b
    Example:
      plans ingest samples/ --db warehouse/plans.duckdb
      plans ingest plan.xlsx --organization "Entraide et Solidarités" --json
      plans ingest samples/ --reprocess
    """
    overrides = Overrides(
        organization=organization,
        organization_from=organization_from,
        title=title,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
    )
    limits = Limits(
        max_file_mb, max_unzipped_mb, max_zip_ratio, max_rows, max_columns, max_pages, timeout, max_memory_mb
    )
    errors = Console(stderr=True)
    folder = profiles_dir or default_profiles_dir(db)
    try:
        profiles = load_profiles(folder) if folder.is_dir() else ()
    except PlansError as error:
        errors.print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    options = IngestOptions(
        db=db,
        jobs=jobs or IngestOptions(db).jobs,
        overrides=overrides,
        limits=limits,
        lock_timeout_s=wait,
        profiles=profiles,
        reprocess=reprocess,
    )
    files, skipped = scan(paths)
    total = len(files)
    started = time.perf_counter()
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=errors,
            transient=True,
            disable=total < 2 or not errors.is_terminal,
        ) as progress:
            task = progress.add_task("Ingesting", total=total)
            so_far: list[FileReport] = []

            def advance(report: FileReport) -> None:
                so_far.append(report)
                progress.advance(task)
                if report.status == "failed":
                    errors.print(f"[red]error:[/red] {report.message}", highlight=False, soft_wrap=True)

            reports = ingest(paths, options, on_file=advance)
    except IngestInterrupted as stop:
        _interrupted(so_far, stop, db, time.perf_counter() - started, as_json)
    except PlansError as error:
        if ctx.obj["debug"]:
            traceback.print_exc()
        errors.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        sys.exit(1)
    elapsed = time.perf_counter() - started
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        _render(reports, db, elapsed, len(skipped))
    sys.exit(1 if any(r.status == "failed" for r in reports) else 0)


@main.command("export", context_settings=CONTEXT)
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=DEFAULT_DB,
    show_default=True,
    help="DuckDB warehouse file.",
)
@click.option(
    "--plan",
    "plans",
    multiple=True,
    metavar="PLAN_ID|PLAN_KEY",
    help="Plan to export (repeatable) [default: every current plan].",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(EXPORT_FORMATS)),
    help="Output format (repeatable) [default: xlsx].",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=default_out(),
    show_default=True,
    help="Output directory.",
)
@click.option("--sep", default=";", show_default=True, help="CSV separator.")
@click.option("--no-bom", is_flag=True, help="CSV without the UTF-8 byte order mark.")
@click.option(
    "--all",
    "dataset",
    is_flag=True,
    help="With --format parquet: every current action as one dataset partitioned by organization.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the files written as JSON.")
@click.pass_context
def export_command(
    ctx: click.Context,
    db: Path,
    plans: tuple[str, ...],
    formats: tuple[str, ...],
    out: Path,
    sep: str,
    no_bom: bool,
    dataset: bool,
    as_json: bool,
) -> None:
    """Write plans back as clean files: one file per plan and format.

    xlsx is the association's workbook (Gantt grid, "Plan" and "À vérifier" sheets);
    csv is UTF-8 with BOM and ';' for French Excel; ia-pst is the iA.PST exchange XML;
    tet is the Territoires en Transitions import workbook.

    \b
    Example:
      plans export --format xlsx --format csv --out export/out/
      plans export --plan 3 --format ia-pst
      plans export --format parquet --all
    """
    if dataset and set(formats) != {"parquet"}:
        raise click.UsageError("--all writes a Parquet dataset: use it with --format parquet only")
    try:
        if dataset:
            target = export_dataset(db, out)
            click.echo(json.dumps({"dataset": str(target)}) if as_json else str(target))
            return
        written = export_plans(db, out, formats or ("xlsx",), plans, CsvOptions(sep=sep, bom=not no_bom))
    except PlansError as error:
        if ctx.obj["debug"]:
            traceback.print_exc()
        Console(stderr=True).print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps([vars(f) for f in written], ensure_ascii=False, indent=2))
        return
    for exported in written:
        click.echo(exported.path)
    Console(stderr=True).print(f"{len(written)} file(s) written to {out}", highlight=False)


def _interrupted(
    reports: list[FileReport], stop: IngestInterrupted, db: Path, elapsed: float, as_json: bool
) -> NoReturn:
    """Ctrl-C: what was loaded (and published), what was not; exit code 130 as for any SIGINT."""
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        _render(reports, db, elapsed)
    errors = Console(stderr=True)
    errors.print(
        f"[red]interrupted:[/red] {len(stop.not_loaded)} file(s) not loaded (run the same command again to load them):",
        highlight=False,
        soft_wrap=True,
    )
    for name in stop.not_loaded:
        errors.print(f"  - {escape(name)}", highlight=False, soft_wrap=True)
    sys.exit(130)


def _render(reports: list[FileReport], db: Path, elapsed: float, skipped: int = 0) -> None:
    table = Table(title=f"Ingested into {db}", title_justify="left")
    for column in ("File", "Format", "Plan", "Actions", "Anomalies", "Status"):
        table.add_column(column, justify="right" if column in ("Actions", "Anomalies") else "left")
    for r in reports:
        style = STATUS_STYLE.get(r.status, "")
        table.add_row(
            r.file_name, r.format, r.plan or "", str(r.actions), str(r.anomalies), f"[{style}]{r.status}[/{style}]"
        )
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(table)
    for r in reports:
        if r.message and r.status not in ("failed", "unchanged"):  # a duplicate's original, a re-read
            style = STATUS_STYLE.get(r.status, "")
            console.print(f"[{style}]{r.status}[/{style}] {escape(r.file_name)}: {escape(r.message)}", highlight=False)
        if r.reasons:
            style = STATUS_STYLE.get(r.status, "")
            console.print(f"[{style}]{r.status}[/{style}] {escape(r.file_name)}:", highlight=False)
            for reason in r.reasons[:MAX_REASONS_SHOWN]:
                console.print(f"  - {escape(reason)}", highlight=False, soft_wrap=True)
            if len(r.reasons) > MAX_REASONS_SHOWN:
                console.print(f"  … {len(r.reasons) - MAX_REASONS_SHOWN} more (--json)", highlight=False)
    counts = {status: sum(1 for r in reports if r.status == status) for status in STATUS_STYLE}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    if skipped:
        summary = f"{summary or 'nothing to do'}; {skipped} lock or temporary file(s) skipped"
    console.print(f"{len(reports)} file(s) in {elapsed:.1f}s: {summary or 'nothing to do'}", highlight=False)


# Read-only commands for analysts: each parses, calls one function of warehouse.queries, renders.

_DB_FILE_OPTION = click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_DB,
    show_default=True,
    help="DuckDB warehouse file (opened read-only).",
)


def _store_wait(ctx: click.Context, _: click.Parameter, value: float) -> float:
    ctx.meta["plans_wait_s"] = value
    return value


_WAIT_OPTION = click.option(
    "--wait",
    type=float,
    default=DEFAULT_WAIT_S,
    show_default=True,
    expose_value=False,
    callback=_store_wait,
    help="Seconds to wait for a warehouse held by a process writing it directly (an ingest never blocks readers).",
)


def _DB_OPTION(command: Callable[..., None]) -> Callable[..., None]:  # used as @_DB_OPTION
    """--db, and --wait (kept in the context for `_read`)."""
    return _DB_FILE_OPTION(_WAIT_OPTION(command))


_FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)


def _fail(ctx: click.Context, error: PlansError) -> NoReturn:
    if ctx.obj and ctx.obj.get("debug"):
        traceback.print_exc()
    Console(stderr=True).print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    sys.exit(1)


def _read(ctx: click.Context, db: Path, task: Callable[[Warehouse], T]) -> T:
    """`task` on the warehouse opened read-only; a `PlansError` ends the command with its one-line message."""
    try:
        with queries.open_read_only(db, ctx.meta.get("plans_wait_s", DEFAULT_WAIT_S)) as warehouse:
            return task(warehouse)
    except PlansError as error:
        _fail(ctx, error)


@main.command("sources", context_settings=CONTEXT)
@_DB_OPTION
@_FORMAT_OPTION
@click.option("--failed", is_flag=True, help="Only the files that failed, with the reason.")
@click.pass_context
def sources_command(ctx: click.Context, db: Path, fmt: str, failed: bool) -> None:
    """List the files ingested: format, status (ok, review, not-a-plan, failed) and why.

    \b
    Example:
      plans sources --failed
      plans sources --format csv
    """
    frame = _read(ctx, db, lambda warehouse: queries.list_sources(warehouse, failed))
    render(frame, fmt, title=f"{'Failed files' if failed else 'Files'} in {db}")


@main.command("list", context_settings=CONTEXT)
@_DB_OPTION
@_FORMAT_OPTION
@click.option("--all", "all_versions", is_flag=True, help="Every version, not only the current one.")
@click.pass_context
def list_command(ctx: click.Context, db: Path, fmt: str, all_versions: bool) -> None:
    """List the plans in the warehouse with their counts (current versions).

    \b
    Example:
      plans list
      plans list --all --format csv
    """
    frame = _read(ctx, db, lambda warehouse: queries.list_plans(warehouse, all_versions))
    render(frame, fmt, title=f"Plans in {db}")
    unknown = int(frame["organization"].isna().sum())
    if unknown and fmt == "table":
        Console(stderr=True).print(
            f"{unknown} plan(s) without organisation (listed last; each is its own plan until a sidecar "
            "`organization = ...` or `plan_key = ...` says otherwise): see `plans review`",
            highlight=False,
            soft_wrap=True,
        )


@main.command("review", context_settings=CONTEXT)
@_DB_OPTION
@_FORMAT_OPTION
@click.pass_context
def review_command(ctx: click.Context, db: Path, fmt: str) -> None:
    """What a person should look at, most important first.

    1 plans without organisation or title (with the sidecar line that fixes it),
    2 files read with doubts (review) or judged not a plan, 3 stated counts that
    disagree with the actions read, 4 rows without an action label; each with
    its file and place (sheet!cell, page).

    \b
    Example:
      plans review
      plans review --format csv
    """
    frame = _read(ctx, db, queries.review)
    render(frame, fmt, title=f"To review in {db}")


@main.command("show", context_settings=CONTEXT)
@click.argument("plan")
@_DB_OPTION
@_FORMAT_OPTION
@click.pass_context
def show_command(ctx: click.Context, plan: str, db: Path, fmt: str) -> None:
    """Show one plan as an outline: axis > objectives > actions (pilot, schedule, status).

    PLAN is a plan_key, a plan_id, or words of its title or organization.
    `--format csv|json` prints the actions as rows instead.

    \b
    Example:
      plans show entraide
      plans show 1 --format json
    """
    outline = _read(ctx, db, lambda warehouse: queries.show_plan(warehouse, plan))
    if fmt != "table":
        render(outline.actions, fmt)
        return
    render_outline(outline.plan, outline.actions)


@main.command("query", context_settings={**CONTEXT, "ignore_unknown_options": True})
@click.argument("sql", nargs=-1, type=click.UNPROCESSED)
@click.option(
    "--file", "-f", "sql_file", type=click.File("r", encoding="utf-8"), help="Read the SQL from a file (- for stdin)."
)
@_DB_OPTION
@_FORMAT_OPTION
@click.pass_context
def query_command(ctx: click.Context, sql: tuple[str, ...], sql_file: TextIO | None, db: Path, fmt: str) -> None:
    """Run one SQL query on the warehouse (read-only) and print its result.

    The SQL comes from the argument, from a file (-f FILE) or from stdin. Only reading
    statements run (SELECT, EXPLAIN, PRAGMA, CALL), one at a time, on a connection that
    cannot touch files, the network, extensions or settings.

    Tables: sources, plans, actions, action_schedule, action_people, anomalies, axes.
    Views: current_actions, schedule_semesters, plan_summary, pilot_load, anomalies_located.

    \b
    Example:
      plans query "SELECT axis, count(*) AS n FROM current_actions GROUP BY axis"
      plans query "SELECT * FROM pilot_load ORDER BY actions_as_pilot DESC" --format csv
      plans query -f questions/pilots.sql
    """
    text = _query_text(sql, sql_file)
    try:
        queries.read_statement(text)
    except queries.QueryRefused as error:
        if "no SQL" in error.message:
            _usage(f"{error.message}: give SQL as an argument, with -f FILE or on stdin")
        _fail(ctx, error)
    except PlansError as error:
        _fail(ctx, error)
    frame = _read(ctx, db, lambda warehouse: queries.run_query(warehouse, text))
    render(frame, fmt)


def _query_text(sql: tuple[str, ...], sql_file: TextIO | None) -> str:
    """The SQL of `plans query`: the argument (words joined), the file, or stdin when neither is given."""
    if sql and sql_file is not None:
        _usage("give the SQL either as an argument or with -f, not both")
    if sql_file is not None:
        return str(sql_file.read())
    if sql:
        return " ".join(sql)
    if sys.stdin.isatty():
        _usage("no SQL given: give it as an argument, with -f FILE or on stdin")
    return sys.stdin.read()


def _usage(message: str) -> NoReturn:
    """A one-line usage error, exit code 2 (as click's own usage errors)."""
    Console(stderr=True).print(f"[red]usage error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    sys.exit(2)


@main.command("diff", context_settings=CONTEXT)
@click.argument("plan")
@click.option("--from", "old", type=int, help="plan_id of the older version [default: the one before --to].")
@click.option("--to", "new", type=int, help="plan_id of the newer version [default: the latest].")
@_DB_OPTION
@_FORMAT_OPTION
@click.pass_context
def diff_command(ctx: click.Context, plan: str, old: int | None, new: int | None, db: Path, fmt: str) -> None:
    """List actions added, removed and changed between two versions of a plan.

    Actions are matched by code, then by label similarity. PLAN is a plan_key, a
    plan_id or words of its title; `plans list --all` shows the versions (plan_id).

    \b
    Example:
      plans diff entraide
      plans diff entraide-et-solidarites/plan-strategique --from 1 --to 3 --format json
    """
    result = _read(ctx, db, lambda warehouse: queries.diff_plan(warehouse, plan, old, new))
    title = (
        f"Changes from version {result.old['plan_id']} ({result.old['file_name']}) "
        f"to version {result.new['plan_id']} ({result.new['file_name']})"
    )
    render(result.changes, fmt, title=title)


@main.command("search", context_settings=CONTEXT)
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Rows to print.")
@_DB_OPTION
@_FORMAT_OPTION
@click.pass_context
def search_command(ctx: click.Context, words: tuple[str, ...], limit: int, db: Path, fmt: str) -> None:
    """Find actions of the current plans by words, ignoring accents and case, best first.

    A word matches its inflections ("bénévolat" finds "bénévoles", "benevoles").

    \b
    Example:
      plans search bénévolat
      plans search logement jeunes --limit 5 --format csv
    """
    frame = _read(ctx, db, lambda warehouse: queries.search_actions(warehouse, " ".join(words), limit))
    render(frame, fmt)


def render_outline(plan: dict[str, object], actions: pd.DataFrame) -> None:
    """Axis > strategic objective > operational objective > action lines, in the locale's language."""
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
