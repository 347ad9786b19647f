"""Benchmark of the pipeline on a synthetic corpus (`make bench`, or `python -m plans.bench [--full]`).

For N = 10 and 100 plans (and 1000 with `--full`) made by `samples/synthetic.py --seed 42`:

* ingest (jobs=2) into a fresh warehouse: files/s and actions/s;
* parse-only: the same files opened and read in this process with the libraries the issue
  names (openpyxl `load_workbook` + every cell of every sheet, python-docx `Document` +
  every paragraph's text and style, pdfplumber's tables of every page), and with the
  fastest reader of each format (python-calamine, python-docx, pypdfium2's page text); the
  ratios of the jobs=1 ingest (one worker process) to both;
* the speed-up of jobs=2 over jobs=1;
* re-ingesting the unchanged corpus (every file skipped by its hash);
* adding one more plan to the warehouse of the N plans vs to an empty warehouse;
* peak memory (max RSS of this process and of its largest child, the worker processes).

Then start-up, as whole processes (median of 5 runs): `plans --help`, `plans list` on the
samples warehouse, and `plans ingest` of one small generated workbook into a copy of that
warehouse (a fresh copy each run, so the file is really read), with that time over the file's
parse-only time.

Then readers during an ingest of `READERS_N` generated plans (jobs=2, into a copy of the samples
warehouse): a loop of plain DuckDB read-only connections, a new one every 50 ms, counts its
reads and refusals; then the same ingest with one read-only connection held open for its whole
length (a BI tool) and with none, timed, and the ratio of the two.

Then the latency (median of 5 runs) of every README cookbook query on a warehouse of at
least 100,000 actions, built by ingesting generated big plans (`--scale 20`); it is kept
in the work folder and reused by the next run.

This is a measurement, not a test: nothing fails when a figure is poor.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import duckdb
import openpyxl
import pdfplumber
import pypdfium2
import python_calamine

from plans.docs import cookbook_queries
from plans.pipeline import IngestOptions, discover, ingest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "samples" / "synthetic.py"
SEED = 42
BIG_ACTIONS = 100_000
BIG_SCALE = 20.0
SAMPLES = ROOT / "samples"
CLI = (sys.executable, "-c", "from plans.cli import main; main()")
RUNS = 5
READERS_N = 200
READ_EVERY_S = 0.05


@dataclass(frozen=True)
class Row:
    n: int
    actions: int
    ingest_s: float
    ingest_1_s: float
    parse_s: float
    fastest_s: float
    reingest_s: float
    add_full_s: float
    add_empty_s: float
    rss_self_mb: float
    rss_child_mb: float


def generate(out: Path, count: int, scale: float = 1.0) -> int:
    """Generate the corpus (once; reused when its manifest is there); return its actions."""
    manifest = out / "manifest.json"
    if not manifest.is_file() or len(json.loads(manifest.read_text("utf-8"))) != count:
        shutil.rmtree(out, ignore_errors=True)
        command = [sys.executable, str(GENERATOR), str(out), str(count), "--seed", str(SEED), "--scale", str(scale)]
        subprocess.run(command, check=True, capture_output=True)
    return sum(int(entry["expected_actions"]) for entry in json.loads(manifest.read_text("utf-8")))


def timed(task: Callable[[], object]) -> float:
    start = time.perf_counter()
    task()
    return time.perf_counter() - start


def parse_only(path: Path) -> None:
    """Open and read a file with the library the issue names for its format (openpyxl,
    python-docx, pdfplumber): the cost of merely reading it, the pipeline's yardstick."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        workbook = openpyxl.load_workbook(path, data_only=True)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for _ in row:
                    pass
            _ = sheet.merged_cells.ranges
        workbook.close()
    elif suffix == ".docx":
        _read_docx(path)
    elif suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()


def read_fastest(path: Path) -> None:
    """The same with the fastest reader of each format: python-calamine (cells and merged
    ranges), python-docx (no faster reader gives styles), pypdfium2 (the text of each page)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            sheet.to_python(skip_empty_area=False)
            _ = sheet.merged_cell_ranges
    elif suffix == ".docx":
        _read_docx(path)
    elif suffix == ".pdf":
        document = pypdfium2.PdfDocument(str(path))
        try:
            for page in document:
                page.get_textpage().get_text_range()
        finally:
            document.close()


def _read_docx(path: Path) -> None:
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        _ = (paragraph.text, paragraph.style.name if paragraph.style is not None else None)


def read_all(files: list[Path], reader: Callable[[Path], None]) -> None:
    for path in files:
        reader(path)


def fresh_ingest(paths: list[Path], db: Path, jobs: int) -> int:
    """Ingest into a new warehouse; the actions loaded. A failed file is said on stderr (a
    generated plan should never fail: it would be a bug, and the figures would be off)."""
    db.unlink(missing_ok=True)
    reports = ingest(paths, IngestOptions(db=db, jobs=jobs))
    for report in reports:
        if report.status == "failed":
            print(f"FAILED {report.file_name}: {report.message}", file=sys.stderr)
    return sum(report.actions for report in reports)


def peak_mb() -> tuple[float, float]:
    """Max resident set size (MiB) of this process, and of its largest child (Linux: KiB).

    A spawned worker is forked first, and Linux carries the parent's high-water mark into the
    child: the child figure is an upper bound, never below the parent's at the fork.
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, child / 1024


def measure(work: Path, n: int) -> Row:
    corpus = work / f"corpus_{n + 1}"  # plan n+1 is the one added afterwards (file i does not depend on N)
    generate(corpus, n + 1)
    *files, extra = discover([corpus])
    db, db1, empty = work / f"w{n}.duckdb", work / f"w{n}_jobs1.duckdb", work / f"empty_{n}.duckdb"

    start = time.perf_counter()
    actions = fresh_ingest(files, db, jobs=2)
    ingest_s = time.perf_counter() - start
    ingest_1_s = timed(lambda: fresh_ingest(files, db1, jobs=1))
    parse_s = timed(lambda: read_all(files, parse_only))
    fastest_s = timed(lambda: read_all(files, read_fastest))
    reingest_s = timed(lambda: ingest(files, IngestOptions(db=db, jobs=2)))
    add_full_s = timed(lambda: ingest([extra], IngestOptions(db=db, jobs=2)))
    add_empty_s = timed(lambda: fresh_ingest([extra], empty, jobs=2))
    own, child = peak_mb()
    for path in (db1, empty):
        path.unlink(missing_ok=True)
    return Row(n, actions, ingest_s, ingest_1_s, parse_s, fastest_s, reingest_s, add_full_s, add_empty_s, own, child)


def big_warehouse(work: Path) -> tuple[Path, int]:
    """A warehouse of at least 100,000 actions from generated big plans (kept for the next run)."""
    db = work / "big.duckdb"
    corpus = work / "corpus_big"
    count = 60
    while True:
        actions = generate(corpus, count, BIG_SCALE)
        if actions >= BIG_ACTIONS:
            break
        count = int(count * BIG_ACTIONS / actions) + 5
    if db.is_file():
        with duckdb.connect(str(db), read_only=True) as con:
            row = con.execute("SELECT count(*) FROM actions").fetchone()
            if row is not None and row[0] >= BIG_ACTIONS:
                return db, int(row[0])
    return db, fresh_ingest([corpus], db, jobs=2)


def query_latencies(db: Path) -> list[tuple[str, float, int]]:
    """(first line of the query, median ms of 5 runs after one warm-up, rows)."""
    results: list[tuple[str, float, int]] = []
    with duckdb.connect(str(db), read_only=True) as con:
        for sql in cookbook_queries():
            rows = len(con.execute(sql).fetchall())
            runs = []
            for _ in range(5):
                start = time.perf_counter()
                con.execute(sql).fetchall()
                runs.append((time.perf_counter() - start) * 1000)
            results.append((" ".join(sql.split())[:60], statistics.median(runs), rows))
    return results


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float  # user + system time of the process (and its children): what the work costs


def run_cli(*args: str) -> Run:
    """One `plans` command as a whole process (it must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*CLI, *args], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Run(wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)


def median_run(runs: list[Run]) -> Run:
    return Run(statistics.median(r.wall_s for r in runs), statistics.median(r.cpu_s for r in runs))


def startup(work: Path) -> list[tuple[str, Run]]:
    """(what, median of `RUNS` whole-process runs): --help, list, ingest of one small workbook,
    and the parse-only time of that workbook (in this process, cpu = wall)."""
    samples_db = work / "samples.duckdb"
    if not samples_db.is_file():
        run_cli("ingest", str(SAMPLES), "--db", str(samples_db))
    generate(work / "corpus_one", 1)
    [workbook] = discover([work / "corpus_one"])
    copy = work / "one.duckdb"

    def ingest_one() -> Run:
        shutil.copyfile(samples_db, copy)
        return run_cli("ingest", str(workbook), "--db", str(copy))

    help_run = median_run([run_cli("--help") for _ in range(RUNS)])
    list_run = median_run([run_cli("list", "--db", str(samples_db)) for _ in range(RUNS)])
    ingest_run = median_run([ingest_one() for _ in range(RUNS)])
    parse_only(workbook)  # the libraries imported: parse-only is the reading alone
    parse_s = statistics.median(timed(lambda: parse_only(workbook)) for _ in range(RUNS))
    copy.unlink(missing_ok=True)
    return [
        ("plans --help", help_run),
        ("plans list (samples warehouse)", list_run),
        (f"plans ingest {workbook.name} ({workbook.stat().st_size // 1024} KB) into it", ingest_run),
        ("parse-only of that file (openpyxl, in this process)", Run(parse_s, parse_s)),
        ("ingest / parse-only", Run(ingest_run.wall_s / parse_s, ingest_run.cpu_s / parse_s)),
    ]


@dataclass(frozen=True)
class Readers:
    files: int
    reads: int
    refusals: int
    held_s: float  # the ingest with a reader connection held open
    alone_s: float  # the same ingest with no reader


def _ingest_process(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [*CLI, "ingest", str(corpus), "--db", str(db), "-j", "2"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def readers(work: Path) -> Readers:
    """Readers racing an ingest of `READERS_N` plans, and what a held reader costs the ingest."""
    samples_db = work / "samples.duckdb"
    if not samples_db.is_file():
        run_cli("ingest", str(SAMPLES), "--db", str(samples_db))
    corpus = work / f"corpus_{READERS_N}"
    generate(corpus, READERS_N)
    db = work / "readers.duckdb"

    def fresh() -> Path:
        shutil.copyfile(samples_db, db)
        return db

    process, reads, refusals = _ingest_process(corpus, fresh()), 0, 0
    while process.poll() is None:
        try:
            with duckdb.connect(str(db), read_only=True) as con:
                con.execute("SELECT count(*) FROM actions").fetchall()
            reads += 1
        except duckdb.Error:
            refusals += 1
        time.sleep(READ_EVERY_S)
    held = duckdb.connect(str(fresh()), read_only=True)
    try:
        held_s = timed(lambda: _ingest_process(corpus, db).wait())
    finally:
        held.close()
    alone_s = timed(lambda: _ingest_process(corpus, fresh()).wait())
    db.unlink(missing_ok=True)
    return Readers(READERS_N, reads, refusals, held_s, alone_s)


def print_readers(found: Readers) -> None:
    print(f"\nReaders during an ingest of {found.files} plans (jobs=2):")
    print(f"{found.reads:>8} reads, {found.refusals} refused (a new read-only connection every {READ_EVERY_S:g} s)")
    print(f"{found.held_s:8.1f} s  ingest with a read-only connection held open")
    print(f"{found.alone_s:8.1f} s  the same ingest with no reader")
    print(f"{found.held_s / found.alone_s:8.2f}    held / alone")


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'N':>5} {'actions':>7} {'files/s':>8} {'actions/s':>9} {'ingest s':>8} {'jobs=1 s':>8} {'parse s':>7} "
        f"{'fastest s':>9} {'j1/parse':>8} {'j1/fastest':>10} {'j2 speed-up':>11} {'first/re-ingest':>15} "
        f"{'add: full/empty':>15} {'peak MiB self/child':>19}"
    )
    print(header)
    for r in rows:
        print(
            f"{r.n:>5} {r.actions:>7} {r.n / r.ingest_s:>8.1f} {r.actions / r.ingest_s:>9.0f} {r.ingest_s:>8.2f} "
            f"{r.ingest_1_s:>8.2f} {r.parse_s:>7.2f} {r.fastest_s:>9.2f} {r.ingest_1_s / r.parse_s:>8.2f} "
            f"{r.ingest_1_s / r.fastest_s:>10.2f} {r.ingest_1_s / r.ingest_s:>11.2f} "
            f"{r.ingest_s / r.reingest_s:>15.1f} {r.add_full_s / r.add_empty_s:>15.2f} "
            f"{r.rss_self_mb:>9.0f}/{r.rss_child_mb:<9.0f}"
        )
    if len(rows) > 1:
        for small, large in itertools.pairwise(rows):
            growth = large.ingest_s / small.ingest_s
            print(f"growth {small.n} -> {large.n} plans: time x{growth:.1f} for x{large.n / small.n:.0f} plans")
    print(
        "ingest = jobs=2 into a fresh warehouse; jobs=1 = one worker process (the main process only writes); "
        "parse = the issue's libraries (openpyxl, python-docx, pdfplumber tables), fastest = python-calamine, "
        "python-docx, pypdfium2 text, both in this one process; j1/parse, j1/fastest = jobs=1 time over those; "
        "j2 speed-up = jobs=1 / jobs=2; first/re-ingest = first ingest / re-ingest unchanged; add: full/empty = "
        "one plan into the N-plan warehouse / into an empty one (both include starting the workers)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark the pipeline on a synthetic corpus.")
    parser.add_argument("--full", action="store_true", help="also N = 1000 (long on 2 cores)")
    parser.add_argument("--work", type=Path, help="work folder, kept (default: a temporary folder)")
    parser.add_argument("--no-queries", action="store_true", help="skip the 100,000-action query latencies")
    parser.add_argument("--startup", action="store_true", help="only the start-up figures")
    parser.add_argument("--readers", action="store_true", help="only the readers-during-an-ingest figures")
    args = parser.parse_args(argv)
    sizes = [10, 100, 1000] if args.full else [10, 100]
    with tempfile.TemporaryDirectory(prefix="plans-bench-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        only = args.startup or args.readers
        if only:
            sizes, args.no_queries = [], True
        rows = []
        for n in sizes:
            rows.append(measure(work, n))
            print(f"N={n} done", file=sys.stderr, flush=True)
        if rows:
            print_table(rows)
        if args.startup or not only:
            print(f"\nStart-up, whole processes (median of {RUNS}; seconds, the last line a ratio):")
            print(f"{'wall':>8} {'cpu':>8}")
            for what, run in startup(work):
                print(f"{run.wall_s:8.3f} {run.cpu_s:8.3f}  {what}")
        if args.readers or not only:
            print_readers(readers(work))
        if not args.no_queries:
            db, actions = big_warehouse(work)
            print(f"\nREADME cookbook queries on {actions} actions (median of 5, ms):")
            for text, ms, count in query_latencies(db):
                print(f"{ms:8.1f} ms {count:>7} rows  {text}")


if __name__ == "__main__":
    main()
