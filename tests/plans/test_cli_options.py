"""Options shared by the commands: the warehouse rule (--db, PLANS_DB, default), tables that fit
the terminal, the limits declared once in `Limits`, one error exit."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from core.limits import InvalidLimit, Limits, option
from plans.cli import main
from plans.pipeline import FileReport, IngestOptions, ingest
from tests.conftest import EXCEL_SAMPLE

READ_COMMANDS = (["list"], ["sources"], ["show", "1"], ["query", "SELECT 1"], ["diff", "1"], ["search", "x"])


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_on_a_missing_warehouse_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    default = runner.invoke(main, command)
    from_env = runner.invoke(main, command, env={"PLANS_DB": str(tmp_path / "env" / "p.duckdb")})
    given = runner.invoke(main, [*command, "--db", "elsewhere.duckdb"], env={"PLANS_DB": "ignored.duckdb"})
    for result, where, origin in (
        (default, tmp_path / "data" / "plans.duckdb", "the default"),
        (from_env, tmp_path / "env" / "p.duckdb", "from PLANS_DB"),
        (given, tmp_path / "elsewhere.duckdb", "from --db"),
    ):
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines() == [result.stderr.strip()]  # one line
        assert f"no warehouse at {where} ({origin}" in result.stderr and "plans ingest" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing created


def test_ingest_creates_the_warehouse_plans_db_names_and_readers_find_it(tmp_path: Path) -> None:
    db = tmp_path / "from-env" / "plans.duckdb"
    runner = CliRunner(env={"PLANS_DB": str(db)})
    assert runner.invoke(main, ["ingest", str(EXCEL_SAMPLE)]).exit_code == 0
    assert db.is_file()
    listed = runner.invoke(main, ["list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert [plan["file_name"] for plan in json.loads(listed.stdout)] == [EXCEL_SAMPLE.name]


def test_tables_fit_the_terminal_and_csv_stays_whole(samples_db: Path) -> None:
    runner = CliRunner()
    narrow = runner.invoke(main, ["list", "--db", str(samples_db)], env={"COLUMNS": "60"})
    assert narrow.exit_code == 0, narrow.output
    lines = narrow.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 60
    counts = runner.invoke(
        main, ["query", "SELECT actions FROM plan_summary", "--db", str(samples_db), "--format", "json"]
    )
    assert "…" in narrow.stdout
    assert all(f" {plan['actions']} " in narrow.stdout for plan in json.loads(counts.stdout))  # short cells whole
    csv = runner.invoke(main, ["list", "--db", str(samples_db), "--format", "csv"], env={"COLUMNS": "60"})
    titles = runner.invoke(main, ["query", "SELECT title FROM plans", "--db", str(samples_db), "--format", "json"])
    assert all(plan["title"] in csv.stdout for plan in json.loads(titles.stdout))
    assert "…" not in csv.stdout and max(len(line) for line in csv.stdout.splitlines()) > 60


def test_the_widest_column_shrinks_first(samples_db: Path) -> None:
    sql = "SELECT 1 AS n, 'court' AS short, repeat('long ', 40) AS long"
    result = CliRunner().invoke(main, ["query", sql, "--db", str(samples_db)], env={"COLUMNS": "60"})
    row = next(line for line in result.stdout.splitlines() if "court" in line)
    assert "│ 1 │ court │ long long" in row and row.rstrip().endswith("… │") and len(row.rstrip()) <= 60


def test_every_limit_is_an_ingest_option_with_its_default_and_unit() -> None:
    flat = " ".join(CliRunner().invoke(main, ["ingest", "--help"]).stdout.split())
    for spec in fields(Limits):
        start = flat.index(f" {option(spec.name)} ")
        entry = flat[start : flat.index(" --", start + 1)]  # up to the next option
        assert f"({spec.metadata['unit']})." in entry and f"[default: {spec.default}]" in entry
    assert option("timeout_s") == "--timeout" and option("max_file_mb") == "--max-file-mb"


@pytest.mark.parametrize(("name", "value"), [("max_rows", -1), ("timeout_s", 0), ("max_file_mb", -0.5)])
def test_a_limit_that_means_nothing_is_refused_naming_its_option(tmp_path: Path, name: str, value: float) -> None:
    values: dict[str, Any] = {name: value}
    with pytest.raises(InvalidLimit, match=f"^{option(name)} must be a number greater than 0"):
        Limits(**values)
    db = tmp_path / "p.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(EXCEL_SAMPLE), "--db", str(db), option(name), str(value)])
    assert result.exit_code == 2 and f"{option(name)} must be a number greater than 0" in result.stderr
    assert not (tmp_path / "p.duckdb").exists()


def test_a_limit_given_is_the_one_applied(tmp_path: Path) -> None:
    args = ["ingest", str(EXCEL_SAMPLE), "--db", str(tmp_path / "p.duckdb"), "--max-rows", "5", "--json"]
    result = CliRunner().invoke(main, args)
    [report] = json.loads(result.stdout)
    assert report["status"] == "failed" and "limit --max-rows=5;" in report["message"]


def test_errors_are_one_line_and_the_traceback_is_for_debug(samples_db: Path) -> None:
    runner = CliRunner()
    plain = runner.invoke(main, ["show", "no-such-plan", "--db", str(samples_db)])
    debug = runner.invoke(main, ["--debug", "show", "no-such-plan", "--db", str(samples_db)])
    assert plain.exit_code == debug.exit_code == 1
    assert plain.stderr.startswith("error: no-such-plan: no such plan") and len(plain.stderr.splitlines()) == 1
    assert "Traceback" in debug.stderr and debug.stderr.rstrip().endswith(plain.stderr.rstrip())


def test_a_small_batch_is_read_without_a_worker_process(tmp_path: Path) -> None:
    shutil.copy(EXCEL_SAMPLE, tmp_path / "plan.xlsx")
    children: list[int] = []

    def seen(_: FileReport) -> None:
        children.append(len(multiprocessing.active_children()))

    [alone] = ingest([tmp_path / "plan.xlsx"], IngestOptions(db=tmp_path / "a.duckdb"), on_file=seen)
    [pooled] = ingest([tmp_path / "plan.xlsx"], IngestOptions(db=tmp_path / "b.duckdb", jobs=1), on_file=seen)
    assert children == [0, 1]  # --jobs asks for workers whatever the batch
    assert alone.status == pooled.status and alone.actions == pooled.actions > 0
