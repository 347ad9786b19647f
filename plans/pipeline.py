"""Run the stages in order for a batch of files.

Each file is extracted and normalized in a worker process (a parser that crashes or
hangs takes only its worker down); only this process writes to DuckDB, one short
transaction per file. Results come back in the order of the input, whatever `jobs`.
"""

from __future__ import annotations

import os
import time
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

from ingest import extract
from ingest.detect import detect_format
from ingest.errors import PlansError
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import Source
from ingest.source import describe_source, file_sha256
from ingest.text import printable
from normalize import NormalizedPlan, Overrides, normalize
from plans.workers import WorkerFailure, Workers, WorkerTimeout, run_with_alarm
from warehouse import Warehouse

# Extensions picked up when a directory is given (a file named explicitly is always read).
PLAN_EXTENSIONS = frozenset(
    {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".docx", ".doc", ".odt", ".pdf", ".html", ".htm"}
)
SIDECAR_SUFFIX = ".plan.toml"
# Longest time the ingest keeps the warehouse open for consecutive loads (others wait meanwhile).
HOLD_S = 1.0


@dataclass(frozen=True)
class IngestOptions:
    db: Path
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    overrides: Overrides = field(default_factory=Overrides)
    limits: Limits = DEFAULT_LIMITS
    lock_timeout_s: float = 30.0  # how long to wait for a warehouse another process holds


@dataclass(frozen=True)
class FileReport:
    """What happened to one file; `status` is ok / warning / failed / unchanged."""

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

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named, plus plan files found (recursively) in the directories named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in PLAN_EXTENSIONS
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return found


def read_sidecar(path: Path) -> Overrides:
    """`<file>.plan.toml` next to a source: organization, title, plan_kind, period, version_label."""
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return Overrides()
    try:
        data = tomllib.loads(sidecar.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise PlansError(sidecar.name, f"invalid sidecar file: {error}") from error
    start, end = parse_period(str(data["period"])) if "period" in data else (None, None)
    return Overrides(
        organization=data.get("organization"),
        title=data.get("title"),
        plan_kind=data.get("plan_kind"),
        period_start=data.get("period_start", start),
        period_end=data.get("period_end", end),
        version_label=data.get("version_label"),
    )


def parse_period(text: str) -> tuple[int, int]:
    """'2021-2024' -> (2021, 2024); '2023' -> (2023, 2023)."""
    parts = [p.strip() for p in text.replace("–", "-").split("-")]
    if len(parts) > 2 or not all(p.isdigit() and len(p) == 4 for p in parts):
        raise ValueError(f"period must look like 2021-2024, not '{text}'")
    return int(parts[0]), int(parts[-1])


def process_file(path: Path, overrides: Overrides, limits: Limits) -> NormalizedPlan | WorkerFailure:
    """Extract and normalize one file (runs in a worker process, under its alarm)."""
    try:
        return run_with_alarm(
            limits.timeout_s, lambda: normalize(extract(path, limits), overrides.merged_over(read_sidecar(path)))
        )
    except PlansError as error:
        return WorkerFailure(str(error))
    except WorkerTimeout:
        return WorkerFailure(
            f"{path.name}: reading took longer than {limits.timeout_s:g} s "
            "(limit --timeout; raise it with `plans ingest --timeout ...`)"
        )
    except MemoryError:
        return WorkerFailure(
            f"{path.name}: reading needs more memory than {limits.max_memory_mb} MB "
            "(limit --max-memory-mb; raise it with `plans ingest --max-memory-mb ...`)"
        )
    except RecursionError:
        return WorkerFailure(f"{path.name}: the document nests too deeply to be read")
    except Exception as error:  # a parser bug must not stop the batch: report it as a failure
        first_line = str(error).splitlines()[0] if str(error) else ""
        return WorkerFailure(f"{path.name}: unexpected {type(error).__name__}: {first_line}")


def _failed_source(path: Path) -> Source:
    try:
        fmt = detect_format(path)
    except (PlansError, OSError):
        fmt = "unknown"
    return describe_source(path, fmt)


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

    # The warehouse is opened only for short moments, so that queries and other ingests
    # can get in between: once to skip files already ingested, then once per file loaded.
    todo: list[Path] = []
    with Warehouse(options.db, wait_s=options.lock_timeout_s) as warehouse:
        seen: set[str] = set()
        for path in files:
            if not path.is_file():
                done(FileReport(*_names(path), "", "failed", message=f"{path}: no such file"))
                continue
            sha256 = file_sha256(path)
            if sha256 in seen or warehouse.has_source(sha256):
                done(FileReport(*_names(path), "", "unchanged", message="already ingested"))
            else:
                seen.add(sha256)
                todo.append(path)
    if todo:
        work = partial(process_file, overrides=options.overrides, limits=options.limits)
        workers: Workers[NormalizedPlan | WorkerFailure] = Workers(options.jobs, options.limits, work)
        writer: Warehouse | None = None
        opened = 0.0
        try:
            for path, result in workers.map(todo):
                if writer is None:
                    writer, opened = Warehouse(options.db, wait_s=options.lock_timeout_s), time.monotonic()
                done(_load(writer, path, result))
                # Opening and closing the file costs more than loading a plan: keep it open while
                # results are waiting, for at most HOLD_S, then let other processes in.
                if not workers.next_ready() or time.monotonic() - opened > HOLD_S:
                    writer.close()
                    writer = None
        finally:
            if writer is not None:
                writer.close()
            workers.close()
    order = {_names(path)[0]: index for index, path in enumerate(files)}
    return sorted(reports, key=lambda report: order.get(report.path, 0))


def _names(path: Path) -> tuple[str, str]:
    """The path and file name as reported (printable even when the name is not UTF-8)."""
    return printable(str(path)), printable(path.name)


def _load(warehouse: Warehouse, path: Path, result: NormalizedPlan | WorkerFailure) -> FileReport:
    if isinstance(result, WorkerFailure):
        source = _failed_source(path)
        message = printable(result.message)
        warehouse.record_failure(source, message)
        return FileReport(*_names(path), source.format, "failed", message=message)
    try:
        loaded = warehouse.load(result)
    except PlansError as error:
        warehouse.record_failure(result.source, str(error))
        return FileReport(*_names(path), result.source.format, "failed", message=str(error))
    return FileReport(
        *_names(path),
        result.source.format,
        loaded.status,
        plan=result.plan["title"],
        plan_id=loaded.plan_id,
        actions=loaded.actions,
        anomalies=loaded.anomalies,
        anomaly_kinds=result.anomaly_counts(),
    )
