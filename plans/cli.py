"""The `plans` command line: parse, call one library function, render.

Results go to stdout, messages and progress to stderr. Exit codes: 0 every file was
read (`ok`, `review`, `not-a-plan`, `unchanged` or `duplicate`), 1 some file failed, 2 bad usage.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import click

from core.errors import PlansError
from core.limits import Limits
from export.formats import DEFAULT_OUT, SUFFIXES
from plans.options import db_option, format_option, limit_options, wait_option, waited
from plans.render import progress, render, render_ingest, render_interrupted, render_outline

if TYPE_CHECKING:
    from collections.abc import Callable

    from plans.pipeline import FileReport, IngestInterrupted
    from warehouse.connect import Reader

# Each command imports what it runs when it runs (pandas, the readers, the exporters...): `plans --help`
# and `plans list` start in a fraction of a second (README, Performance).
CONTEXT = {"help_option_names": ["-h", "--help"]}
T = TypeVar("T")


class PlansGroup(click.Group):
    """Any `PlansError` of a command ends it with one `error: ...` line on stderr and exit code 1
    (with its traceback under `plans --debug`)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlansError as error:
            if ctx.params.get("debug"):
                traceback.print_exc()
            click.echo(f"{click.style('error:', fg='red')} {error}", err=True)
            ctx.exit(1)


@click.group(cls=PlansGroup, context_settings=CONTEXT)
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong.")
def main(debug: bool) -> None:
    """Turn strategic action plans (Excel, ...) into one DuckDB dataset.

    The warehouse is --db, else the PLANS_DB environment variable, else
    data/plans.duckdb in the current folder.

    \b
    Example:
      plans ingest samples/ --db data/plans.duckdb
    """


def _period(_: click.Context, __: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    from plans.sidecar import parse_period

    try:
        return parse_period(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


@main.command("ingest", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option(read=False)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: number of cores; none for at most 2 files, read in this process].",
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
@limit_options
@wait_option("Seconds to wait for a warehouse another process holds.")
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
    limits: Limits,
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
    earlier reading; --reprocess reads again every file already loaded. The warehouse is created when missing.

    \b
    Example:
      plans ingest samples/ --db data/plans.duckdb
      plans ingest plan.xlsx --organization "Entraide et Solidarités" --json
      plans ingest samples/ --reprocess
    """
    from ingest.profiles import default_profiles_dir, load_profiles
    from normalize import Overrides
    from plans.pipeline import IngestInterrupted, IngestOptions, ingest, scan

    overrides = Overrides(
        organization=organization,
        organization_from=organization_from,
        title=title,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
    )
    folder = profiles_dir or default_profiles_dir(db)
    options = IngestOptions(
        db=db,
        jobs=jobs,
        overrides=overrides,
        limits=limits,
        lock_timeout_s=waited(ctx),
        profiles=load_profiles(folder) if folder.is_dir() else (),
        reprocess=reprocess,
    )
    files, skipped = scan(paths)
    started = time.perf_counter()
    so_far: list[FileReport] = []
    try:
        with progress(len(files)) as step:

            def advance(report: FileReport) -> None:
                so_far.append(report)
                step(report.message if report.status == "failed" else None)

            reports = ingest(paths, options, on_file=advance)
    except IngestInterrupted as stop:
        _interrupted(so_far, stop, db, time.perf_counter() - started, as_json)
    elapsed = time.perf_counter() - started
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        render_ingest(reports, db, elapsed, len(skipped))
    sys.exit(1 if any(r.status == "failed" for r in reports) else 0)


@main.command("export", context_settings=CONTEXT)
@db_option(read=True)
@wait_option("Seconds to wait for a warehouse held by a process writing it directly.")
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
    type=click.Choice(list(SUFFIXES)),
    help="Output format (repeatable) [default: xlsx].",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Output directory (created when missing).",
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
def export_command(
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
      plans export --format xlsx --format csv --out data/export/
      plans export --plan 3 --format ia-pst
      plans export --format parquet --all
    """
    from export import export_dataset, export_plans
    from export.flat import CsvOptions

    if dataset and set(formats) != {"parquet"}:
        raise click.UsageError("--all writes a Parquet dataset: use it with --format parquet only")
    if dataset:
        target = export_dataset(db, out)
        click.echo(json.dumps({"dataset": str(target)}) if as_json else str(target))
        return
    written = export_plans(db, out, formats or ("xlsx",), plans, CsvOptions(sep=sep, bom=not no_bom))
    if as_json:
        click.echo(json.dumps([vars(f) for f in written], ensure_ascii=False, indent=2))
        return
    for exported in written:
        click.echo(exported.path)
    click.echo(f"{len(written)} file(s) written to {out}", err=True)


def _interrupted(
    reports: list[FileReport], stop: IngestInterrupted, db: Path, elapsed: float, as_json: bool
) -> NoReturn:
    """Ctrl-C: what was loaded (and published), what was not; exit code 130 as for any SIGINT."""
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        render_ingest(reports, db, elapsed)
    render_interrupted(stop.not_loaded)
    sys.exit(130)


# Read-only commands for analysts: each parses, calls one function of warehouse.queries, renders.


def _read(ctx: click.Context, db: Path, task: Callable[[Reader], T]) -> T:
    """`task` on the warehouse opened read-only."""
    from warehouse.queries import open_read_only

    with open_read_only(db, waited(ctx)) as warehouse:
        return task(warehouse)


def _read_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--db (which must exist), --wait and --format."""
    wait = wait_option(
        "Seconds to wait for a warehouse held by a process writing it directly (an ingest never blocks readers)."
    )
    return db_option(read=True)(wait(format_option(command)))


@main.command("sources", context_settings=CONTEXT)
@_read_options
@click.option("--failed", is_flag=True, help="Only the files that failed, with the reason.")
@click.pass_context
def sources_command(ctx: click.Context, db: Path, fmt: str, failed: bool) -> None:
    """List the files ingested: format, status (ok, review, not-a-plan, failed) and why.

    \b
    Example:
      plans sources --failed
      plans sources --format csv
    """
    from warehouse.queries import list_sources

    rows = _read(ctx, db, lambda warehouse: list_sources(warehouse, failed))
    render(rows, fmt, title=f"{'Failed files' if failed else 'Files'} in {db}")


@main.command("list", context_settings=CONTEXT)
@_read_options
@click.option("--all", "all_versions", is_flag=True, help="Every version, not only the current one.")
@click.pass_context
def list_command(ctx: click.Context, db: Path, fmt: str, all_versions: bool) -> None:
    """List the plans in the warehouse with their counts (current versions).

    \b
    Example:
      plans list
      plans list --all --format csv
    """
    from warehouse.queries import list_plans

    rows = _read(ctx, db, lambda warehouse: list_plans(warehouse, all_versions))
    render(rows, fmt, title=f"Plans in {db}")
    unknown = sum(1 for value in rows.column("organization") if value is None)
    if unknown and fmt == "table":
        click.echo(
            f"{unknown} plan(s) without organisation (listed last; each is its own plan until a sidecar "
            "`organization = ...` or `plan_key = ...` says otherwise): see `plans review`",
            err=True,
        )


@main.command("review", context_settings=CONTEXT)
@_read_options
@click.pass_context
def review_command(ctx: click.Context, db: Path, fmt: str) -> None:
    """What a person should look at, most important first.

    1 plans without organisation or title (with the sidecar line that fixes it),
    2 files read with doubts (review) or judged not a plan, 3 stated counts that
    disagree with the actions read, 4 rows without an action label; each with
    its file and place (sheet!cell, page). In French when LANG is French.

    \b
    Example:
      plans review
      plans review --format csv
    """
    from plans.language import language
    from warehouse.queries import review

    frame = _read(ctx, db, lambda warehouse: review(warehouse, language()))
    render(frame, fmt, title=f"To review in {db}")


@main.command("show", context_settings=CONTEXT)
@click.argument("plan")
@_read_options
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
    from warehouse.queries import show_plan

    outline = _read(ctx, db, lambda warehouse: show_plan(warehouse, plan))
    if fmt != "table":
        render(outline.actions, fmt)
        return
    render_outline(outline.plan, outline.actions)


@main.command("query", context_settings={**CONTEXT, "ignore_unknown_options": True})
@click.argument("sql", nargs=-1, type=click.UNPROCESSED)
@click.option(
    "--file", "-f", "sql_file", type=click.File("r", encoding="utf-8"), help="Read the SQL from a file (- for stdin)."
)
@_read_options
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
    from warehouse.queries import QueryRefused, read_statement, run_query

    text = _query_text(sql, sql_file)
    try:
        read_statement(text)
    except QueryRefused as error:
        if "no SQL" in error.message:
            _usage(f"{error.message}: give SQL as an argument, with -f FILE or on stdin")
        raise
    frame = _read(ctx, db, lambda warehouse: run_query(warehouse, text))
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
    click.echo(f"{click.style('usage error:', fg='red')} {message}", err=True)
    sys.exit(2)


@main.command("diff", context_settings=CONTEXT)
@click.argument("plan")
@click.option("--from", "old", type=int, help="plan_id of the older version [default: the one before --to].")
@click.option("--to", "new", type=int, help="plan_id of the newer version [default: the latest].")
@_read_options
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
    from warehouse.queries import diff_plan

    result = _read(ctx, db, lambda warehouse: diff_plan(warehouse, plan, old, new))
    title = (
        f"Changes from version {result.old['plan_id']} ({result.old['file_name']}) "
        f"to version {result.new['plan_id']} ({result.new['file_name']})"
    )
    render(result.changes, fmt, title=title)


@main.command("search", context_settings=CONTEXT)
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Rows to print.")
@_read_options
@click.pass_context
def search_command(ctx: click.Context, words: tuple[str, ...], limit: int, db: Path, fmt: str) -> None:
    """Find actions of the current plans by words, ignoring accents and case, best first.

    A word matches its inflections ("bénévolat" finds "bénévoles", "benevoles").

    \b
    Example:
      plans search bénévolat
      plans search logement jeunes --limit 5 --format csv
    """
    from warehouse.search import search_actions

    frame = _read(ctx, db, lambda warehouse: search_actions(warehouse, " ".join(words), limit))
    render(frame, fmt)
