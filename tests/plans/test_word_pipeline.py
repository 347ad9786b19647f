"""`plans ingest samples/` loads the Word roadmap next to the workbook, sub-actions linked to their parents."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import duckdb
import pytest
from click.testing import CliRunner

from plans.cli import main
from tests.conftest import SAMPLES, WORD_SAMPLE


@pytest.mark.slow
def test_samples_folder_loads_the_word_roadmap_with_parents(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    reports = {r["file_name"]: r for r in json.loads(result.stdout)}
    word = reports[WORD_SAMPLE.name]
    assert (word["format"], word["status"], word["actions"], word["anomalies"]) == ("docx", "ok", 55, 2)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            """
            SELECT child.label, parent.label, child.operational_objective
            FROM actions child
            JOIN plans p ON p.plan_id = child.plan_id
            JOIN sources s ON s.source_id = p.source_id
            LEFT JOIN actions parent ON parent.action_id = child.parent_action_id
            WHERE s.file_name = ? AND child.parent_action_id IS NOT NULL
            ORDER BY child.action_id
            """,
            [WORD_SAMPLE.name],
        ).fetchall()
        plan = con.execute(
            "SELECT organization, plan_kind, period_start, period_end, version_label FROM plans WHERE title = ?",
            ["FEUILLE DE ROUTE DE LA DIRECTION GENERALE"],
        ).fetchall()
    assert len(rows) == 19
    assert {parent for _, parent, _ in rows} == {
        "Continuer la montée en charge et la stabilisation des nouveaux projets du pôle 49 :",
        "Développer une politique impulsée par le national autour des axes suivants :",
    }
    assert rows[0] == (
        "Logements pour l'habitat partagé et l'habitat inclusif",
        "Continuer la montée en charge et la stabilisation des nouveaux projets du pôle 49 :",
        None,
    )
    assert rows[-1][2] == "QVT"
    assert plan == [("La Résidence sociale", "roadmap", 2022, 2024, "Projet au 17/02/2022")]


@pytest.mark.slow
def test_letter_is_not_a_plan_and_corrupt_word_file_fails_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "received"
    folder.mkdir()
    letter = docx.Document()
    letter.add_paragraph("Madame, Monsieur, veuillez trouver ci-joint notre rapport annuel.")
    letter.save(str(folder / "lettre.docx"))
    (folder / "cut.docx").write_bytes(WORD_SAMPLE.read_bytes()[:9000])
    db = tmp_path / "plans.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--json"])
    reports = {r["file_name"]: r for r in json.loads(result.stdout)}
    assert (reports["lettre.docx"]["status"], reports["lettre.docx"]["actions"]) == ("not-a-plan", 0)
    kinds = {"note-paragraph": 1, "no-actions-found": 1, "no-title": 1}  # no title: the file name stands in
    assert reports["lettre.docx"]["anomaly_kinds"] == kinds
    assert reports["cut.docx"]["status"] == "failed"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: cut.docx: cannot read: the bytes are a damaged or truncated zip/Office file "
        "(whatever the extension says)"
    ]
