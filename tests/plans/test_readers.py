"""Real processes: readers are never refused during an ingest, an open reader never blocks it,
kill -9 leaves no worker behind and a whole warehouse, Ctrl-C stops an ingest cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import openpyxl
import pytest

from tests.conftest import sample_files

pytestmark = pytest.mark.slow  # ingests in subprocesses, readers racing them, Ctrl-C

CLI = [sys.executable, "-c", "from plans.cli import main; main()"]
FILES = 50
ROWS = 30


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """FILES distinct small workbooks of ROWS actions each."""
    out = tmp_path_factory.mktemp("batch")
    for index in range(FILES):
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["N° action", "Action", "Pilote", "S1 2024", "S2 2024"])
        for row in range(ROWS):
            sheet.append([f"1.{row + 1}", f"Action {row} du plan {index}", "DG", "X", None])
        book.save(out / f"plan_{index:02d}.xlsx")
    return out


def _start(folder: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, "ingest", str(folder), "--db", str(db), "-j", "2", "--json", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own session: the test finds every process of the batch by session id
        # As a shell starts a foreground command: Ctrl-C handled, even when the tests run with it
        # ignored (a script's background job), which `plans` would otherwise keep.
        preexec_fn=_sigint_default,
    )


def _sigint_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _session(sid: int) -> list[int]:
    """Live (non-zombie) processes of session `sid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) ": state ppid pgrp session
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _left_after(sid: int, seconds: float) -> list[int]:
    """Processes of session `sid` still alive `seconds` after now (polled: they may end sooner)."""
    deadline = time.monotonic() + seconds
    while _session(sid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _session(sid)


def _ignores_ctrl_c(pid: int) -> bool:
    """The worker initializer has run (it ignores SIGINT right after asking to die with its parent)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    ignored = next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:"))
    return bool(int(ignored, 16) & (1 << (signal.SIGINT - 1)))


def _wait_for_workers(process: subprocess.Popen[str], count: int = 2, timeout_s: float = 120.0) -> None:
    """Until `count` workers (plus the resource tracker, which also ignores SIGINT) are initialized."""
    deadline = time.monotonic() + timeout_s
    while sum(_ignores_ctrl_c(pid) for pid in _session(process.pid)) < 1 + count:
        assert process.poll() is None, "the ingest ended before its workers started"
        assert time.monotonic() < deadline, "no workers started"
        time.sleep(0.05)


def _whole(con: duckdb.DuckDBPyConnection) -> int:
    """Files loaded; asserts each holds all its actions and nothing is orphaned."""
    per_file = con.execute(
        "SELECT s.file_name, count(a.action_id) FROM sources s JOIN plans p USING (source_id) "
        "LEFT JOIN actions a USING (plan_id) WHERE s.file_name LIKE 'plan_%' GROUP BY ALL"
    ).fetchall()
    orphans = con.execute("SELECT count(*) FROM actions a ANTI JOIN plans p USING (plan_id)").fetchall()[0][0]
    assert orphans == 0
    assert all(count == ROWS for _, count in per_file), per_file
    return len(per_file)


def test_readers_are_never_refused_nor_block_an_ingest(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    subprocess.run([*CLI, "ingest", str(sample_files()[0]), "--db", str(db)], check=True, capture_output=True)
    held = duckdb.connect(str(db), read_only=True)  # a BI tool keeping its connection open for the whole ingest
    before = held.execute("SELECT count(*) FROM sources").fetchall()[0][0]
    ingest = _start(folder, db)
    reads, refusals, seen = 0, [], []
    while ingest.poll() is None:
        try:
            with duckdb.connect(str(db), read_only=True) as con:
                seen.append(_whole(con))
            reads += 1
        except duckdb.Error as error:
            refusals.append(str(error))
        time.sleep(0.05)
    out, err = ingest.communicate()
    assert ingest.returncode == 0, err
    assert refusals == []
    assert reads >= 10 and seen == sorted(seen)  # a reader sees the last state published, never less
    assert held.execute("SELECT count(*) FROM sources").fetchall()[0][0] == before  # its snapshot, until it reconnects
    held.close()
    with duckdb.connect(str(db), read_only=True) as con:
        assert _whole(con) == FILES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans.duckdb", "plans.duckdb.lock"]  # no draft left
    assert {report["status"] for report in json.loads(out)} == {"ok"}


def test_read_commands_answer_while_an_ingest_holds_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    subprocess.run([*CLI, "ingest", str(sample_files()[0]), "--db", str(db)], check=True, capture_output=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from warehouse.publish import WriterLock; "
            f"WriterLock(Path({str(db)!r}), 0); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        # With no time to wait (--wait 0), a reader that needed the writer's lock would fail at once:
        # they answer, so they never take it (no wall-clock bound for a loaded machine to break).
        for command in (["list"], ["sources"], ["query", "SELECT count(*) FROM actions"]):
            read = subprocess.run([*CLI, *command, "--db", str(db), "--wait", "0"], capture_output=True, text=True)
            assert read.returncode == 0, read.stderr
        refused = subprocess.run(
            [*CLI, "ingest", str(sample_files()[1]), "--db", str(db), "--wait", "0.5"], capture_output=True, text=True
        )
        assert refused.returncode == 1
        assert f"in use by process {holder.pid}" in refused.stderr and "--wait" in refused.stderr
    finally:
        holder.kill()
        holder.wait()
    again = subprocess.run([*CLI, "ingest", str(sample_files()[1]), "--db", str(db)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr  # the kernel dropped the dead holder's lock


def test_kill_9_leaves_no_process_and_a_whole_warehouse(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    ingest = _start(folder, db)
    _wait_for_workers(ingest)  # mid-batch: the workers are reading; 50 files take longer than this gap
    os.kill(ingest.pid, signal.SIGKILL)  # the parent alone, as the OOM killer would
    ingest.wait()
    assert _left_after(ingest.pid, 2.0) == []
    if db.exists():
        with duckdb.connect(str(db), read_only=True) as con:
            _whole(con)
    finished = subprocess.run([*CLI, "ingest", str(folder), "--db", str(db), "--json"], capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr  # the draft left behind is discarded, its files read again
    with duckdb.connect(str(db), read_only=True) as con:
        assert _whole(con) == FILES


def test_ctrl_c_stops_soon_says_what_was_loaded_and_exits_130(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    ingest = _start(folder, db)
    _wait_for_workers(ingest)  # no sleep: on a fast machine the batch would be over (none left to interrupt)
    os.killpg(ingest.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
    sent = time.monotonic()
    out, err = ingest.communicate(timeout=60)
    stopped_s = time.monotonic() - sent
    assert ingest.returncode == 130, err
    assert stopped_s < 10, stopped_s  # 2 s on an idle machine; generous here (shared CPUs)
    assert _left_after(ingest.pid, 2.0) == []
    loaded = {report["file_name"] for report in json.loads(out) if report["status"] in ("ok", "review")}
    not_loaded = {line.strip()[2:].rsplit("/", 1)[-1] for line in err.splitlines() if line.strip().startswith("- ")}
    assert "interrupted:" in err and not_loaded
    assert loaded | not_loaded == {p.name for p in folder.iterdir()} and not loaded & not_loaded
    if loaded:
        with duckdb.connect(str(db), read_only=True) as con:
            names = {name for (name,) in con.execute("SELECT file_name FROM sources").fetchall()}
            assert names == loaded and _whole(con) == len(loaded)  # what was reported loaded is published
    assert sorted(p.name for p in tmp_path.iterdir()) in (["plans.duckdb", "plans.duckdb.lock"], ["plans.duckdb.lock"])
