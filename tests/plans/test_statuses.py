"""Every file ends ok / review / not-a-plan / failed / unchanged; the exit code fails only on `failed`."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import duckdb
import pytest
from click.testing import CliRunner

from plans.cli import main
from tests.conftest import EXCEL_SAMPLE

# What each sample is and why: a grid whose own total disagrees with what was read, two web pages
# read from prose, a roadmap and a PDF read cleanly.
SAMPLE_STATUSES = {
    "feuille_de_route_direction_generale.docx": "ok",
    "plan_strategique_entraide.xlsx": "review",
    "plan_strategique_transversal_cpas.pdf": "ok",
    "projet_federal_centres_sociaux_drome.html": "review",
    "reussir_2020_chantier_ecole.html": "review",
}


def test_the_samples_statuses_differ_and_say_why(samples_db: Path) -> None:
    with duckdb.connect(str(samples_db), read_only=True) as con:
        rows = con.execute("SELECT file_name, status, status_reason, score FROM sources ORDER BY file_name").fetchall()
        plans = con.execute("SELECT count(*) FROM plans").fetchall()[0][0]
    assert {name: status for name, status, _, _ in rows} == SAMPLE_STATUSES
    reasons = {name: reason for name, _, reason, _ in rows}
    assert reasons["feuille_de_route_direction_generale.docx"] is None
    assert reasons["plan_strategique_entraide.xlsx"].startswith("count-mismatch (5): the document states 58 actions")
    assert "low-confidence (10): 10 of 10 actions were inferred" in reasons["reussir_2020_chantier_ecole.html"]
    assert all(0 < score <= 1 for _, _, _, score in rows) and plans == 5


def _guidelines(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Règlement de l'appel à projets", 0)
    for rule in (
        "Les associations candidates doivent être déclarées depuis trois ans ;",
        "Le dossier de candidature doit être complet ;",
        "Les critères d'éligibilité sont précisés en annexe ;",
        "Les porteurs de projet déposent un seul dossier ;",
        "Le cofinancement est obligatoire.",
    ):
        document.add_paragraph(rule, style="List Bullet")
    document.save(str(path))
    return path


@pytest.mark.slow
def test_not_a_plan_and_review_exit_0_failed_exits_1_usage_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _guidelines(folder / "reglement.docx")
    (folder / "plan.xlsx").write_bytes(EXCEL_SAMPLE.read_bytes())
    db = tmp_path / "plans.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 file(s)" in result.stdout and "1 review, 1 not-a-plan" in result.stdout
    assert "not-a-plan reglement.docx:" in result.stdout and "  - not a plan: of 5 items read" in result.stdout
    listed = CliRunner().invoke(main, ["list", "--db", str(db), "--format", "json"])
    assert [plan["file_name"] for plan in json.loads(listed.stdout)] == ["plan.xlsx"]  # junk is not a plan

    (folder / "broken.xlsx").write_bytes(b"")
    again = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--json"])
    assert again.exit_code == 1
    statuses = {r["file_name"]: (r["status"], r["reasons"][:1]) for r in json.loads(again.stdout)}
    assert statuses["broken.xlsx"] == ("failed", [])
    assert statuses["reglement.docx"] == ("unchanged", [])

    usage = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--jobs", "0"])
    assert usage.exit_code == 2


@pytest.mark.slow
def test_json_carries_the_reasons_and_the_score(tmp_path: Path) -> None:
    path = _guidelines(tmp_path / "reglement.docx")
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "p.duckdb"), "--json"])
    [report] = json.loads(result.stdout)
    assert (report["status"], report["actions"], report["plan"], report["score"]) == ("not-a-plan", 0, None, 0.0)
    assert report["anomaly_kinds"] == {"not-a-plan": 1}
    assert report["reasons"][0].startswith("not a plan: of 5 items read, 0% have a pilot")
    with duckdb.connect(str(tmp_path / "p.duckdb"), read_only=True) as con:
        # the reason stays findable: in sources and as an anomaly of the file
        assert con.execute("SELECT kind FROM anomalies_located").fetchall() == [("not-a-plan",)]
        assert con.execute("SELECT count(*) FROM current_actions").fetchall() == [(0,)]
