"""SIGKILL during a batch, and a second process on the same warehouse: nothing is
corrupted, only whole files are in, and re-running completes the batch."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import openpyxl
import pytest

from tests.conftest import sample_files

pytestmark = pytest.mark.slow  # ingests killed with SIGKILL again and again

TRIALS = int(os.environ.get("PLANS_KILL_TRIALS", "6"))
CLI = [sys.executable, "-c", "from plans.cli import main; main()"]


def _batch(folder: Path) -> dict[str, int]:
    """The samples plus distinct generated plans; file name -> actions expected."""
    folder.mkdir()
    for sample in sample_files():
        (folder / sample.name).write_bytes(sample.read_bytes())
    for index in range(8):
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["N° action", "Action", "Pilote", "S1 2024", "S2 2024"])
        for row in range(40 + index):
            sheet.append([f"1.{row + 1}", f"Action {row} du plan {index}", "DG", "X", None])
        book.save(folder / f"generated_{index}.xlsx")
    reference = folder.parent / "reference.duckdb"
    subprocess.run([*CLI, "ingest", str(folder), "--db", str(reference), "--json"], check=True, capture_output=True)
    return _actions_per_file(reference)


def _actions_per_file(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db)) as con:
        rows = con.execute(
            "SELECT s.file_name, count(a.action_id) FROM sources s JOIN plans p USING (source_id) "
            "LEFT JOIN actions a USING (plan_id) WHERE s.status <> 'failed' GROUP BY ALL"
        ).fetchall()
    return dict(rows)


def _check_whole_files(db: Path, expected: dict[str, int]) -> int:
    if not db.exists():
        return 0  # killed before its first publication: nothing published yet
    with duckdb.connect(str(db), read_only=True) as con:  # the published file: never half-written
        sources = con.execute("SELECT file_name FROM sources WHERE status <> 'failed'").fetchall()
        orphans = con.execute(
            "SELECT count(*) FROM actions a LEFT JOIN plans p USING (plan_id) WHERE p.plan_id IS NULL"
        ).fetchall()
    names = [name for (name,) in sources]
    assert len(names) == len(set(names)), "a file was loaded twice"
    assert orphans == [(0,)]
    got = _actions_per_file(db)
    assert all(got[name] == expected[name] for name in got), "a file is partly loaded"
    return len(names)


def test_sigkill_at_random_moments_leaves_only_whole_files(tmp_path: Path) -> None:
    expected = _batch(tmp_path / "batch")
    db = tmp_path / "plans.duckdb"
    rng = random.Random(20261123)
    loaded_counts = []
    for _ in range(TRIALS):
        process = subprocess.Popen(
            [*CLI, "ingest", str(tmp_path / "batch"), "--db", str(db), "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.5, 5.0))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        loaded_counts.append(_check_whole_files(db, expected))
    finished = subprocess.run(
        [*CLI, "ingest", str(tmp_path / "batch"), "--db", str(db), "--json"], capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    assert _check_whole_files(db, expected) == len(expected)
    assert _actions_per_file(db) == expected
    assert loaded_counts == sorted(loaded_counts)  # progress is never lost


def test_a_second_ingest_waits_for_the_lock_or_says_who_holds_it(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    subprocess.run([*CLI, "ingest", str(sample_files()[0]), "--db", str(db)], check=True, capture_output=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pathlib import Path; from warehouse.publish import WriterLock; "
            f"WriterLock(Path({str(db)!r}), 0); print('held', flush=True); input(); time.sleep(2)",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    refused = subprocess.run(
        [*CLI, "ingest", str(sample_files()[1]), "--db", str(db), "--wait", "0.5"], capture_output=True, text=True
    )
    assert refused.returncode == 1
    assert f"in use by process {holder.pid}" in refused.stderr and "--wait" in refused.stderr
    waiting = subprocess.Popen(
        [*CLI, "ingest", str(sample_files()[1]), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    holder.communicate("release\n")  # the lock is released while (or before) the second ingest waits for it
    _, errors = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, errors  # default wait: 30 s


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_ingests_at_once_load_each_file_once(tmp_path: Path, jobs: str) -> None:
    expected = _batch(tmp_path / "batch")
    db = tmp_path / "plans.duckdb"
    runs = [
        subprocess.Popen(
            [*CLI, "ingest", str(tmp_path / "batch"), "--db", str(db), "-j", jobs, "--wait", "600"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for run in runs:
        _, errors = run.communicate(timeout=300)
        assert run.returncode == 0, errors
    assert _check_whole_files(db, expected) == len(expected)
