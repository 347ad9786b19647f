"""Run the stages in order for a batch of files.

Files are extracted and normalized in worker processes, a chunk of files per task (a
parser that crashes or hangs takes only its worker down; pandera validates a whole chunk
at once); only this process writes to DuckDB, one short transaction per batch of results
(a batch that fails is loaded again file by file, so a file is wholly in or wholly out).
Results come back in the order of the input, whatever `jobs`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

import duckdb

from core import findings
from core.errors import PlansError, WarehouseError
from core.limits import DEFAULT_LIMITS, DEFAULT_WAIT_S, Limits
from core.records import Source
from core.source import SIDECAR_SUFFIX
from core.text import printable
from ingest import extract, identify
from ingest.profiles import Profile, named
from normalize import NormalizedPlan, Overrides, PlanDraft, prepare, validate_plans
from plans.sidecar import read as read_sidecar
from plans.signals import Interrupts
from plans.workers import WorkerFailure, Workers, WorkerTimeout, in_process, reads_in_process, run_with_alarm
from warehouse import LoadResult, Warehouse
from warehouse.identity import FileFacts
from warehouse.load import Decision
from warehouse.publish import Draft, draft_path

# Extensions picked up when a directory is given (a file named explicitly is always read).
PLAN_EXTENSIONS = frozenset(
    {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".docx", ".doc", ".odt", ".pdf", ".html", ".htm", ".xml"}
)
T = TypeVar("T")
# Most results loaded in one transaction.
LOAD_BATCH = 64


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C during an ingest: the files loaded before it are published, `not_loaded` were not."""

    def __init__(self, not_loaded: tuple[str, ...]) -> None:
        super().__init__(f"{len(not_loaded)} files not loaded")
        self.not_loaded = not_loaded


@dataclass(frozen=True)
class IngestOptions:
    db: Path
    jobs: int | None = None  # worker processes; None: one per core, or none for a small batch (workers)
    overrides: Overrides = field(default_factory=Overrides)
    limits: Limits = DEFAULT_LIMITS
    lock_timeout_s: float = DEFAULT_WAIT_S  # how long to wait for a warehouse another process holds
    profiles: tuple[Profile, ...] = ()  # mapping profiles tried on every workbook (ingest.profiles)
    reprocess: bool = False  # read again the files already loaded and replace what they produced


@dataclass(frozen=True)
class FileReport:
    """What happened to one file; `status` is ok / review / not-a-plan / failed (`normalize.verdict`),
    unchanged (these bytes and settings were loaded by an earlier run) or duplicate (they repeat a
    file of this run, which `message` names); `reasons` say why a file is `review` or `not-a-plan`."""

    path: str
    file_name: str
    format: str
    status: str
    plan: str | None = None
    plan_id: int | None = None
    actions: int = 0
    anomalies: int = 0
    anomaly_kinds: dict[str, int] = field(default_factory=dict)
    message: str | None = None
    reasons: tuple[str, ...] = ()
    score: float | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


# Files a folder scan passes over: what office suites and editors leave beside a document being
# edited (lock files, temporary and backup copies). A file named explicitly is still read.
SKIPPED_NAMES = (
    re.compile(r"^~\$"),  # Microsoft Office owner file: ~$plan.xlsx
    re.compile(r"^\.~lock\..*#$"),  # LibreOffice lock file: .~lock.plan.ods#
    re.compile(r"^~.*\.tmp$", re.IGNORECASE),  # Word's temporary copies: ~WRL0001.tmp
    re.compile(r"\.(tmp|temp|bak|swp|part|crdownload)$", re.IGNORECASE),  # temporary, partial downloads
    re.compile(r"~$"),  # editor backups: plan.xlsx~
    re.compile(r"^\.#"),  # Emacs lock links
)


def skipped_name(name: str) -> bool:
    return any(pattern.search(name) for pattern in SKIPPED_NAMES)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named, plus plan files found (recursively) in the directories named."""
    return scan(paths)[0]


def scan(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(files to read, lock and temporary files passed over) for the paths named."""
    found: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for candidate in sorted(p for p in path.rglob("*") if p.is_file()):
            parts = candidate.relative_to(path).parts
            if skipped_name(candidate.name):
                skipped.append(candidate)
            elif candidate.suffix.lower() in PLAN_EXTENSIONS and not any(part.startswith(".") for part in parts):
                found.append(candidate)
    return found, skipped


def file_facts(path: Path, flags: bytes) -> FileFacts:
    """What the warehouse keeps about a file besides its reading: its absolute path, a hash of the
    user's settings (sidecar text and the metadata flags, `setting_flags`; None when neither) and
    the identity its sidecar forces (`plan_key`)."""
    try:
        text: bytes | None = path.with_name(path.name + SIDECAR_SUFFIX).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        text = None
    settings = None if text is None and not flags else hashlib.sha256(flags + b"\0" + (text or b"")).hexdigest()
    key = None
    if text is not None:
        with contextlib.suppress(PlansError):  # a bad sidecar: the worker reports it, the file fails
            key = read_sidecar(path).plan_key
    return FileFacts(printable(os.path.abspath(path)), settings, key)


def setting_flags(overrides: Overrides) -> bytes:
    """The metadata flags of an ingest, as they count in a file's settings (empty when none)."""
    given = {k: v for k, v in asdict(overrides).items() if v is not None}
    return json.dumps(given, sort_keys=True).encode() if given else b""


def _profiles_for(path: Path, profile: str | None, profiles: tuple[Profile, ...]) -> tuple[Profile, ...]:
    """The profile the sidecar names (`profile = "name"`), alone; else every profile."""
    if profile is None:
        return profiles
    return (named(profiles, profile, path.name + SIDECAR_SUFFIX),)


def process_chunk(
    sources: list[Source], overrides: Overrides, limits: Limits, profiles: tuple[Profile, ...] = ()
) -> list[NormalizedPlan | WorkerFailure]:
    """Extract and normalize files (runs in a worker process): each file under its own alarm,
    then the frames of all of them validated together. The readers take the `Source`s as they
    are (hashed and detected once, by the main process)."""
    drafts = [
        _guarded(source.file_name, limits, partial(_prepare, source, overrides, limits, profiles)) for source in sources
    ]
    plans = [draft for draft in drafts if isinstance(draft, PlanDraft)]
    together = _guarded("the chunk", limits, partial(validate_plans, plans))
    checked: list[NormalizedPlan | WorkerFailure] = []
    if isinstance(together, WorkerFailure):
        # One plan broke the validation of the chunk: validate each alone, so that only it fails.
        for plan in plans:
            alone = _guarded(plan.source.file_name, limits, partial(validate_plans, [plan]))
            checked.append(alone if isinstance(alone, WorkerFailure) else alone[0])
    else:
        checked.extend(together)
    results = iter(checked)
    return [next(results) if isinstance(draft, PlanDraft) else draft for draft in drafts]


def _prepare(source: Source, overrides: Overrides, limits: Limits, profiles: tuple[Profile, ...]) -> PlanDraft:
    path = Path(source.path)
    sidecar = read_sidecar(path)
    raw = extract(source, limits, _profiles_for(path, sidecar.profile, profiles))
    return prepare(raw, overrides.merged_over(sidecar.overrides))


def _guarded(name: str, limits: Limits, task: Callable[[], T]) -> T | WorkerFailure:
    """`task()` under the alarm; an error becomes a one-line `WorkerFailure` naming `name`."""
    try:
        return run_with_alarm(limits.timeout_s, task)
    except PlansError as error:
        return WorkerFailure(str(error), findings.failure_kind(error).name)
    except WorkerTimeout:
        return WorkerFailure(
            f"{name}: reading took longer than {limits.timeout_s:g} s ({limits.hint('timeout_s')})",
            findings.TIMEOUT.name,
        )
    except MemoryError:
        return WorkerFailure(
            f"{name}: reading needs more memory than {limits.max_memory_mb} MB ({limits.hint('max_memory_mb')})",
            findings.OUT_OF_MEMORY.name,
            retry_alone=True,
        )
    except RecursionError:
        return WorkerFailure(f"{name}: the document nests too deeply to be read", findings.TOO_DEEP.name)
    except Exception as error:  # a parser bug must not stop the batch: report it as a failure
        first_line = str(error).splitlines()[0] if str(error) else ""
        return WorkerFailure(f"{name}: unexpected {type(error).__name__}: {first_line}", findings.PARSER_ERROR.name)


def ingest(
    paths: Iterable[Path], options: IngestOptions, on_file: Callable[[FileReport], None] | None = None
) -> list[FileReport]:
    """Ingest every file into the warehouse; never stops at a bad file."""
    files = discover(paths)
    reports: list[FileReport] = []

    def done(report: FileReport) -> None:
        reports.append(report)
        if on_file is not None:
            on_file(report)

    # The ingest writes a private draft of the warehouse and publishes it by rename (warehouse.publish):
    # readers never wait for it, and a second ingest waits for the lock. The draft costs a copy of
    # the warehouse: when the published warehouse says every file is already in, none is made.
    # Each file is hashed and detected once, here: its reader and its failure take this `Source`.
    present = [path for path in files if path.is_file()]
    sources = [identify(path) for path in present]
    flags = setting_flags(options.overrides)
    entries = [
        (source.sha256, _names(path)[1], file_facts(path, flags)) for path, source in zip(present, sources, strict=True)
    ]
    facts = {source.path: entry[2] for source, entry in zip(sources, entries, strict=True)}
    for path in files:
        if not path.is_file():
            done(FileReport(*_names(path), "", "failed", message=f"{path}: no such file"))
    published = _triage_published(options.db, entries, options.reprocess)
    if published is not None and all(decision.unchanged for decision in published):
        for path, decision in zip(present, published, strict=True):
            done(_unchanged(path, decision))
        return _in_order(reports, files)
    interrupts = Interrupts()
    try:
        with interrupts.installed(), Draft(options.db, options.lock_timeout_s) as draft:
            todo: list[Source] = []
            decisions = draft.warehouse.triage(entries, options.reprocess)
            for path, source, decision in zip(present, sources, decisions, strict=True):
                if decision.unchanged:
                    done(_unchanged(path, decision))
                else:
                    todo.append(source)
            if todo:
                _load_all(draft, todo, options, facts, interrupts, done)
    except KeyboardInterrupt:  # Ctrl-C: what was loaded is published (Draft), the rest is named
        reported = {report.path for report in reports}
        not_loaded = tuple(name for name in (_names(path)[0] for path in files) if name not in reported)
        raise IngestInterrupted(not_loaded) from None
    return _in_order(reports, files)


def _in_order(reports: list[FileReport], files: list[Path]) -> list[FileReport]:
    order = {_names(path)[0]: index for index, path in enumerate(files)}
    return sorted(reports, key=lambda report: order.get(report.path, 0))


def _triage_published(db: Path, entries: list[tuple[str, str, FileFacts]], reprocess: bool) -> list[Decision] | None:
    """What loading would do, read from the published warehouse (read-only, no copy); None when it
    cannot tell (no warehouse yet, a WAL or a draft to recover, a schema to update)."""
    if not db.is_file() or db.with_name(db.name + ".wal").exists() or draft_path(db).exists():
        return None
    try:
        with Warehouse(db, read_only=True) as warehouse:
            return warehouse.triage(entries, reprocess)
    except (WarehouseError, duckdb.Error):
        return None


def _unchanged(path: Path, decision: Decision) -> FileReport:
    same = "" if decision.same_as == _names(path)[1] else f" as {decision.same_as}"
    return FileReport(*_names(path), "", "unchanged", message=f"already ingested{same} (same bytes and settings)")


def _load_all(
    draft: Draft,
    todo: list[Source],
    options: IngestOptions,
    facts: dict[str, FileFacts],
    interrupts: Interrupts,
    done: Callable[[FileReport], None],
) -> None:
    """Read `todo` in the workers (a small batch: in this process) and load the results into the
    draft, a batch per transaction.

    On Ctrl-C the workers are killed at once (the draft, holding only whole files, is then
    published by the caller's `with`)."""
    work = partial(process_chunk, overrides=options.overrides, limits=options.limits, profiles=options.profiles)
    if reads_in_process(options.jobs, len(todo)):
        with in_process():
            results = work(todo)
        with interrupts.critical():
            for report in _load(draft.warehouse, list(zip(todo, results, strict=True)), facts, options.reprocess):
                done(report)
            draft.touch()
        return
    jobs = options.jobs or os.cpu_count() or 1
    workers: Workers[NormalizedPlan | WorkerFailure] = Workers(jobs, options.limits, work)
    batch: list[tuple[Source, NormalizedPlan | WorkerFailure]] = []
    try:
        for source, result in workers.map(todo):
            batch.append((source, result))
            if workers.next_ready() and len(batch) < LOAD_BATCH:
                continue  # more results are there: load them together
            with interrupts.critical():  # a batch and its reports go together
                for report in _load(draft.warehouse, batch, facts, options.reprocess):
                    done(report)
                batch = []
                draft.touch()
    except KeyboardInterrupt:
        workers.kill()
        raise
    finally:
        workers.close()


def _names(path: Path) -> tuple[str, str]:
    """The path and file name as reported (printable even when the name is not UTF-8)."""
    return printable(str(path)), printable(path.name)


def _load(
    warehouse: Warehouse,
    batch: list[tuple[Source, NormalizedPlan | WorkerFailure]],
    facts: dict[str, FileFacts],
    reprocess: bool,
) -> list[FileReport]:
    """Load a batch of results in one transaction; if it fails, file by file (only the culprit fails)."""
    read = [(source, result) for source, result in batch if isinstance(result, NormalizedPlan)]
    try:
        loaded: list[LoadResult | None] = list(
            warehouse.load_many([plan for _, plan in read], [facts[source.path] for source, _ in read], reprocess)
        )
    except PlansError:
        loaded = [None] * len(read)
    results = iter(loaded)
    return [
        _report(
            warehouse,
            source,
            result,
            next(results) if isinstance(result, NormalizedPlan) else None,
            facts[source.path],
            reprocess,
        )
        for source, result in batch
    ]


def _report(
    warehouse: Warehouse,
    source: Source,
    result: NormalizedPlan | WorkerFailure,
    loaded: LoadResult | None,
    facts: FileFacts,
    reprocess: bool,
) -> FileReport:
    path = Path(source.path)
    if isinstance(result, WorkerFailure):
        message = printable(result.message)
        warehouse.record_failure(source, message, result.kind, facts)
        return FileReport(*_names(path), source.format, "failed", message=message)
    if loaded is None:  # its batch was rolled back: alone now
        try:
            loaded = warehouse.load(result, facts, reprocess)
        except PlansError as error:
            warehouse.record_failure(result.source, str(error), findings.failure_kind(error).name, facts)
            return FileReport(*_names(path), result.source.format, "failed", message=str(error))
    if loaded.status == "unchanged":  # its bytes and settings were loaded by this very run
        message = f"duplicate of {loaded.same_as} (same bytes and settings): not loaded twice"
        return FileReport(*_names(path), result.source.format, "duplicate", message=message)
    return FileReport(
        *_names(path),
        result.source.format,
        loaded.status,
        plan=None if loaded.status == "not-a-plan" else result.plan["title"],
        plan_id=loaded.plan_id,
        actions=loaded.actions,
        anomalies=loaded.anomalies,
        anomaly_kinds=result.anomaly_counts(),
        reasons=loaded.reasons,
        score=loaded.score,
        message="read again: replaces its earlier reading" if loaded.replaced else None,
    )
