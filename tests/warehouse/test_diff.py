"""`plans diff` on a real edited copy of the Excel sample: exactly the four changes made."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl.cell.cell import MergedCell

from plans.cli import main
from plans.pipeline import IngestOptions, ingest
from tests.conftest import EXCEL_SAMPLE
from warehouse.diff import diff_actions, match_actions
from warehouse.queries import diff_plan, open_read_only


def _edited_copy(path: Path) -> Path:
    """One action reworded (1.2.2), one removed (1.2.4), one added (10.2.2), one pilot changed (1.1.2)."""
    book = openpyxl.load_workbook(EXCEL_SAMPLE, data_only=True)  # keep the cached values, not the formulas
    sheet = book["Plan"]
    assert sheet["D13"].value == "1.2.2" and sheet["D15"].value == "1.2.4" and sheet["D11"].value == "1.1.2"
    sheet["E13"] = "Dresser l'inventaire des outils existants et de leur usage"
    for cell in sheet[15]:
        if not isinstance(cell, MergedCell):  # a merged cell's value belongs to the row above
            cell.value = None
    sheet["F11"] = "Comm.Vie Associative"
    for column, value in zip(
        "DEFGHI", ("10.2.2", "Accueillir les nouveaux bénévoles", "DG", "Codir", "Nombre", "X"), strict=False
    ):
        sheet[f"{column}84"] = value
    book.save(path)
    return path


@pytest.mark.slow
def test_diff_reports_exactly_the_four_changes(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    edited = _edited_copy(tmp_path / "plan_v2.xlsx")
    reports = ingest([EXCEL_SAMPLE, edited], IngestOptions(db=db, jobs=1))
    assert [r.status for r in reports] == ["review", "review"]
    with open_read_only(db) as warehouse:
        result = diff_plan(warehouse, "entraide")
    changes = result.changes[["change", "action_code", "fields"]].values.tolist()
    assert changes == [
        ["added", "10.2.2", ""],
        ["removed", "1.2.4", ""],
        ["changed", "1.1.2", "pilot"],
        ["changed", "1.2.2", "label"],
    ]
    pilot = result.changes.iloc[2]
    assert pilot["before"] == "pilot: Personne déléguée par la Présidence"
    assert pilot["after"] == "pilot: Comm.Vie Associative"
    assert (result.old["file_name"], result.new["file_name"]) == ("plan_strategique_entraide.xlsx", "plan_v2.xlsx")
    cli = CliRunner().invoke(main, ["diff", "entraide", "--db", str(db), "--format", "json"])
    assert cli.exit_code == 0, cli.output
    assert [row["change"] for row in json.loads(cli.stdout)] == ["added", "removed", "changed", "changed"]
    backwards = CliRunner().invoke(main, ["diff", "entraide", "--db", str(db), "--from", "2", "--to", "1"])
    assert backwards.exit_code == 0, backwards.output
    assert "10.2.2" in backwards.stdout and "removed" in backwards.stdout


def _frame(rows: list[tuple[str | None, str]]) -> pd.DataFrame:
    columns = ["axis", "strategic_objective", "operational_objective", "pilot", "partners", "indicator"]
    frame = pd.DataFrame(rows, columns=["action_code", "label"]).assign(**dict.fromkeys(columns))
    frame = frame.assign(status=None, progress_pct=None, health=None, schedule=None, action_id=range(1, len(rows) + 1))
    return frame.astype(object)


def test_actions_without_code_are_matched_by_label() -> None:
    old = _frame([(None, "Former les bénévoles à l'accueil"), (None, "Ouvrir un tiers lieu")])
    new = _frame([(None, "Ouvrir un tiers lieu à Chinon"), (None, "Former les bénévoles à l’accueil des familles")])
    assert sorted((m.old, m.new, m.by) for m in match_actions(old, new)) == [(0, 1, "label"), (1, 0, "label")]
    assert diff_actions(old, new)["fields"].tolist() == ["label", "label"]


def test_a_renumbered_action_is_matched_by_label_and_reports_its_code() -> None:
    old = _frame([("1.1", "Créer une commission bénévolat"), ("1.2", "Refaire le site internet")])
    new = _frame([("2.1", "Créer une commission bénévolat"), ("1.2", "Refaire le site internet")])
    assert diff_actions(old, new)[["change", "fields"]].values.tolist() == [["changed", "action_code"]]
