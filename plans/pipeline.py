"""Run the stages in order for a batch of files.

Each file is extracted and normalized in a worker process (a parser that crashes or
hangs takes only its worker down); only this process writes to DuckDB, one short
transaction per file. Results come back in the order of the input, whatever `jobs`.
"""

from __future__ import annotations

import multiprocessing
import os
import tomllib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ingest import extract
from ingest.detect import detect_format
from ingest.errors import PlansError
from ingest.records import Source
from ingest.source import describe_source
from normalize import NormalizedPlan, Overrides, normalize
from warehouse import Warehouse

# Extensions picked up when a directory is given (a file named explicitly is always read).
PLAN_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".docx", ".doc", ".odt", ".pdf", ".html", ".htm"})
SIDECAR_SUFFIX = ".plan.toml"


@dataclass(frozen=True)
class IngestOptions:
    db: Path
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    overrides: Overrides = field(default_factory=Overrides)


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


@dataclass(frozen=True)
class _Failure:
    message: str


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


def process_file(path: Path, overrides: Overrides) -> NormalizedPlan | _Failure:
    """Extract and normalize one file (runs in a worker process)."""
    try:
        return normalize(extract(path), overrides.merged_over(read_sidecar(path)))
    except PlansError as error:
        return _Failure(str(error))
    except Exception as error:  # a parser bug must not stop the batch: report it as a failure
        return _Failure(f"{path.name}: unexpected {type(error).__name__}: {error}")


def _failed_source(path: Path) -> Source:
    try:
        fmt = detect_format(path)
    except (PlansError, OSError):
        fmt = "unknown"
    return describe_source(path, fmt)


def _results(paths: list[Path], options: IngestOptions) -> Iterator[NormalizedPlan | _Failure]:
    if options.jobs <= 1 or len(paths) <= 1:
        yield from (process_file(p, options.overrides) for p in paths)
        return
    # spawn: workers start clean (no copy of DuckDB's state), as on every platform.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=options.jobs, mp_context=context) as pool:
        yield from pool.map(process_file, paths, [options.overrides] * len(paths))


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

    with Warehouse(options.db) as warehouse:
        todo: list[Path] = []
        seen: set[str] = set()
        for path in files:
            if not path.is_file():
                done(FileReport(str(path), path.name, "", "failed", message=f"{path}: no such file"))
                continue
            source = describe_source(path, "")
            if source.sha256 in seen or warehouse.has_source(source.sha256):
                done(FileReport(str(path), path.name, "", "unchanged", message="already ingested"))
            else:
                seen.add(source.sha256)
                todo.append(path)
        for path, result in zip(todo, _results(todo, options), strict=True):
            done(_load(warehouse, path, result))
    order = {str(path): index for index, path in enumerate(files)}
    return sorted(reports, key=lambda report: order.get(report.path, 0))


def _load(warehouse: Warehouse, path: Path, result: NormalizedPlan | _Failure) -> FileReport:
    if isinstance(result, _Failure):
        source = _failed_source(path)
        warehouse.record_failure(source, result.message)
        return FileReport(str(path), path.name, source.format, "failed", message=result.message)
    try:
        loaded = warehouse.load(result)
    except PlansError as error:
        warehouse.record_failure(result.source, str(error))
        return FileReport(str(path), path.name, result.source.format, "failed", message=str(error))
    return FileReport(
        str(path),
        path.name,
        result.source.format,
        loaded.status,
        plan=result.plan["title"],
        plan_id=loaded.plan_id,
        actions=loaded.actions,
        anomalies=loaded.anomalies,
        anomaly_kinds=result.anomaly_counts(),
    )
