"""The pipeline's batching: chunks of files per worker task, batches of results per transaction."""

from __future__ import annotations

import shutil
import signal
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from core.limits import DEFAULT_LIMITS
from core.records import Source
from ingest import extract, identify
from normalize import NormalizedPlan
from plans.pipeline import IngestOptions, _load, ingest
from plans.workers import CHUNK_MAX, WorkerFailure, Workers, WorkerTimeout, chunks, in_process, run_with_alarm
from tests.conftest import sample_files
from warehouse import Warehouse
from warehouse.identity import FileFacts

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _named(*names: str) -> list[Source]:
    """Sources that name no real file: the worker tasks below only read their names."""
    return [Source(name, name, "0" * 64, 1, "xlsx") for name in names]


def test_chunks_keep_every_file_once_in_order() -> None:
    paths = [Path(str(i)) for i in range(101)]
    for jobs in (1, 2, 8):
        groups = chunks(paths, jobs)
        assert [p for group in groups for p in group] == paths
        assert max(len(group) for group in groups) <= CHUNK_MAX
        assert len(groups) >= min(len(paths), 2 * jobs)


def _names_hanging_on_b(sources: list[Source]) -> list[str]:
    """A worker task: 'b' hangs as in C code (its alarm blocked), the others return their name."""

    def read(source: Source) -> str:
        if source.file_name == "b":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return source.file_name

    return [run_with_alarm(0.5, partial(read, source)) for source in sources]


@pytest.mark.slow
def test_a_hang_the_alarm_cannot_stop_fails_only_its_file() -> None:
    workers: Workers[str] = Workers(1, replace(DEFAULT_LIMITS, timeout_s=0.5), _names_hanging_on_b)
    try:
        results = list(workers.map(_named("a", "b", "c")))
    finally:
        workers.close()
    assert [source.file_name for source, _ in results] == ["a", "b", "c"]
    assert results[0][1] == "a" and results[2][1] == "c"
    failure = results[1][1]
    # The worker's watchdog ended it ("the worker process stopped"), not the pool's last-resort wait
    # ("no result after N s"): told by the message, not by a wall-clock bound a loaded machine breaks.
    assert isinstance(failure, WorkerFailure) and "b: the worker process stopped" in failure.message
    assert "no result after" not in failure.message and "--timeout" in failure.message


def _short_of_memory_in_company(sources: list[Source]) -> list[str | WorkerFailure]:
    """A worker task: 'big' runs out of memory unless it is read alone (memory kept from other files)."""
    crowded = len(sources) > 1
    return [
        WorkerFailure("big: needs more memory", "out-of-memory", retry_alone=True)
        if s.file_name == "big" and crowded
        else s.file_name
        for s in sources
    ]


@pytest.mark.slow
def test_a_file_out_of_memory_is_read_again_alone_in_a_fresh_worker() -> None:
    sources = _named("a", "big", "c", "d")
    assert chunks(sources, 1)[0] == sources[:2]  # 'big' shares its chunk
    workers: Workers[str | WorkerFailure] = Workers(1, DEFAULT_LIMITS, _short_of_memory_in_company)
    try:
        results = [result for _, result in workers.map(sources)]
    finally:
        workers.close()
    assert results == ["a", "big", "c", "d"]


def test_a_batch_that_fails_to_load_is_loaded_file_by_file(
    tmp_path: Path, excel_plan: NormalizedPlan, word_plan: NormalizedPlan
) -> None:
    broken = excel_plan.actions.copy()
    broken["label"] = broken["label"].astype(object)
    broken.loc[5, "label"] = None  # violates the warehouse's NOT NULL
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7 damaged")
    batch: list[tuple[Source, NormalizedPlan | WorkerFailure]] = [
        (word_plan.source, word_plan),
        (excel_plan.source, replace(excel_plan, actions=broken)),
        (identify(tmp_path / "bad.pdf"), WorkerFailure("bad.pdf: damaged", "unreadable")),
    ]
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        facts = {source.path: FileFacts(source.path) for source, _ in batch}
        reports = _load(warehouse, batch, facts, reprocess=False)
        assert [(r.file_name, r.format, r.status) for r in reports] == [
            (word_plan.source.file_name, "docx", "ok"),
            (excel_plan.source.file_name, "xlsx", "failed"),
            ("bad.pdf", "pdf", "failed"),
        ]
        assert reports[1].message and "rolled back" in reports[1].message
        loaded = warehouse.query("SELECT count(*) AS n FROM actions")["n"].iloc[0]
        assert loaded == len(word_plan.actions)
        statuses = warehouse.query("SELECT status, count(*) AS n FROM sources GROUP BY ALL ORDER BY ALL")
        assert statuses.values.tolist() == [["failed", 2], ["ok", 1]]


def _content(db: Path) -> list[tuple[object, ...]]:
    with Warehouse(db, read_only=True) as warehouse:
        rows = warehouse.con.execute(
            "SELECT s.file_name, s.status, p.plan_key, p.is_current, a.action_key, a.label, a.parent_action_id - "
            "min(a.action_id) OVER (PARTITION BY a.plan_id), a.start_year, a.end_year, a.pilot "
            "FROM sources s LEFT JOIN plans p USING (source_id) LEFT JOIN actions a USING (plan_id) ORDER BY ALL"
        ).fetchall()
        anomalies = warehouse.con.execute(
            "SELECT s.file_name, an.kind, an.location, an.message FROM anomalies an JOIN sources s USING (source_id) "
            "ORDER BY ALL"
        ).fetchall()
    return [*rows, *anomalies]


@pytest.mark.slow
def test_results_are_the_same_whatever_the_number_of_workers(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("seeds", "*.py", "__pycache__"))
    (folder / "damaged.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    shutil.copy(folder / "plan_strategique_entraide.xlsx", folder / "copy_of_the_grid.xlsx")
    runs = {jobs: ingest([folder], IngestOptions(db=tmp_path / f"jobs{jobs}.duckdb", jobs=jobs)) for jobs in (1, 2)}
    assert [r.as_dict() for r in runs[1]] == [r.as_dict() for r in runs[2]]
    assert {r.status for r in runs[1]} == {"ok", "review", "failed", "duplicate"}
    assert _content(tmp_path / "jobs1.duckdb") == _content(tmp_path / "jobs2.duckdb")


@pytest.mark.parametrize(
    "path",
    [pytest.param(path, marks=pytest.mark.slow if path.suffix == ".pdf" else ()) for path in sample_files()],
    ids=lambda path: path.name,
)
def test_a_reader_takes_the_source_it_is_given_as_is(path: Path) -> None:
    """The pipeline hashes and detects each file once: the reader keeps that `Source` (a sha256
    no file has shows it was not hashed again)."""
    given = replace(identify(path), sha256="f" * 64)
    assert extract(given).source == given


class _SlowToDie:
    """An object whose `__del__` outlasts the time limit: an alarm ringing in it is swallowed
    ("Exception ignored in __del__"), as in a gc callback."""

    def __del__(self) -> None:
        time.sleep(0.6)


def _swallowing_the_first_ring() -> str:
    doomed = _SlowToDie()
    del doomed  # 0.6 s inside __del__: the 0.2 s alarm rings there and is swallowed
    return "done"


def _swallowing_the_first_ring_then_hanging() -> str:
    _swallowing_the_first_ring()
    until = time.monotonic() + 30
    while time.monotonic() < until:  # a Python-level hang: only a later ring can stop it
        pass
    return "hung"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_alarm_swallowed_in_a_destructor_still_fails_the_task() -> None:
    with in_process(), pytest.raises(WorkerTimeout):
        run_with_alarm(0.2, _swallowing_the_first_ring)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_alarm_rings_again_after_a_swallowed_ring() -> None:
    with in_process(), pytest.raises(WorkerTimeout):
        run_with_alarm(0.2, _swallowing_the_first_ring_then_hanging)
