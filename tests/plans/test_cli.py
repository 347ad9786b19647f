"""The `plans ingest` command on real files: summary, JSON, exit codes, bad files, overrides."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from plans.cli import main
from tests.conftest import EXCEL_SAMPLE


def _batch(tmp_path: Path) -> Path:
    folder = tmp_path / "received"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXCEL_SAMPLE, folder / "entraide.xlsx")
    (folder / "sub" / "empty.xlsx").write_bytes(b"")
    (folder / "sub" / "truncated.xlsx").write_bytes(EXCEL_SAMPLE.read_bytes()[:5000])
    (folder / "readme.txt").write_text("not a plan", encoding="utf-8")  # ignored: not a plan extension
    return folder


@pytest.mark.slow
def test_bad_files_fail_alone_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(_batch(tmp_path)), "--db", str(db), "--jobs", "2"])
    assert result.exit_code == 1
    assert "entraide.xlsx" in result.stdout and "review" in result.stdout
    assert "3 file(s)" in result.stdout and "1 review, 2 failed" in result.stdout
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert error_lines == [
        "error: empty.xlsx: the file is empty (0 bytes)",
        "error: truncated.xlsx: cannot read: the bytes are a damaged or truncated zip/Office file "
        "(whatever the extension says)",
    ]
    assert "Traceback" not in result.output
    with duckdb.connect(str(db), read_only=True) as con:
        sources = con.execute("SELECT file_name, status FROM sources ORDER BY source_id").fetchall()
        assert sorted(sources) == [("empty.xlsx", "failed"), ("entraide.xlsx", "review"), ("truncated.xlsx", "failed")]
        assert con.execute("SELECT count(*) FROM actions").fetchall() == [(57,)]


def test_json_output_and_unchanged_rerun(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    args = ["ingest", str(EXCEL_SAMPLE), "--db", str(db), "--json"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    [report] = json.loads(first.stdout)
    assert (report["status"], report["actions"], report["anomalies"]) == ("review", 57, 40)
    assert report["anomaly_kinds"]["duplicate-row"] == 2
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0
    assert [r["status"] for r in json.loads(again.stdout)] == ["unchanged"]


@pytest.mark.slow
def test_jobs_do_not_change_the_results(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx"):
        shutil.copy(EXCEL_SAMPLE, folder / name)
    (folder / "a.xlsx.plan.toml").write_text('organization = "Autre association"\n', encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(
            main, ["ingest", str(folder), "--db", str(tmp_path / f"{jobs}.duckdb"), "--json", "-j", jobs]
        )
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    # b.xlsx has the same bytes as a.xlsx but not its sidecar: another reading, with its own metadata.
    assert [(r["status"], r["plan_id"]) for r in outputs[0]] == [("review", 1), ("review", 2)]


@pytest.mark.slow
def test_overrides_from_flags_and_sidecar(tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    shutil.copy(EXCEL_SAMPLE, source)
    source.with_name("plan.xlsx.plan.toml").write_text(
        'organization = "Entraide & Solidarités (37)"\nversion_label = "MAJ 2023"\n', encoding="utf-8"
    )
    db = tmp_path / "plans.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db), "--period", "2021-2025"])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT organization, period_start, period_end, version_label FROM plans").fetchall()
    assert row == [("Entraide & Solidarités (37)", 2021, 2025, "MAJ 2023")]


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["ingest"]).exit_code == 2
    bad_period = CliRunner().invoke(main, ["ingest", str(EXCEL_SAMPLE), "--period", "soon"])
    assert bad_period.exit_code == 2 and "2021-2024" in bad_period.output


def test_every_command_has_help_with_an_example() -> None:
    for args in (["-h"], ["ingest", "-h"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0 and "Example:" in result.output
