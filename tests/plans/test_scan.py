"""Folder scans pass over what office suites and editors leave beside a document being edited."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from plans.cli import main
from plans.pipeline import discover, scan
from tests.conftest import EXCEL_SAMPLE

LEFTOVERS = ("~$plan.xlsx", ".~lock.plan.ods#", "~WRL0001.tmp", "plan.xlsx~", "plan.docx.tmp", "rapport.pdf.part")


@pytest.mark.slow
def test_lock_and_temporary_files_are_skipped_and_counted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "plan.xlsx").write_bytes(EXCEL_SAMPLE.read_bytes())
    for name in LEFTOVERS:
        (tmp_path / "sub" / name).write_bytes(b"\x00" * 162)  # an owner file's size; its content does not matter
    files, skipped = scan([tmp_path])
    assert files == [tmp_path / "plan.xlsx"] == discover([tmp_path])
    assert sorted(p.name for p in skipped) == sorted(LEFTOVERS)
    named = tmp_path / "sub" / "~$plan.xlsx"
    assert scan([named]) == ([named], [])  # a file named explicitly is read (and fails if it is not a plan)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 0, result.output
    assert f"{len(LEFTOVERS)} lock or temporary file(s) skipped" in result.stdout
