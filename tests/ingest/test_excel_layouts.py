"""A second spreadsheet layout, built here: header lower down, other column names,
one sheet per axis, year columns, a hidden column, other marks."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ingest import extract
from normalize import NormalizedPlan, normalize


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Axe 1 - Gouvernance"
    first["A1"] = "Plan d'action 2024-2026 de l'association Les Amis du Quartier"
    first["A2"] = "Mise à jour : mars 2024"
    first.append([])
    first.append([])
    first.append([])
    first.append(["Réf.", "Intitulé", "Responsable", "Partenaires", "Indicateurs", "Statut", 2024, 2025, 2026])
    first.append(["1.1.", "Renouveler le bureau", "Présidente", None, "Bureau élu", "En cours", "✓", None, None])
    first.append(
        [
            None,
            "Action 1.2 : Former les nouveaux administrateurs",
            "Trésorier",
            "Fédération",
            "Nombre de formés",
            "Finalisé",
            "oui",
            1,
            None,
        ]
    )
    first.append(["1.3", "Écrire  la charte\u00a0éthique", "DG", None, None, "bizarre", None, "x", "X"])
    first.column_dimensions["E"].hidden = True
    second = book.create_sheet("Axe 2 - Accueil")
    second["A1"] = "Accueil"
    second.append([])
    second.append([])
    second.append(["Intitulé de l'action", "N°", "Pilote(s)", "Échéance", 2024, 2025])
    second.append(["Ouvrir une permanence le samedi", "2.1", "Coordinatrice", None, "x", "x"])
    second.append(["Créer un livret d'accueil", "2.2", "Chargée de communication", "2026", None, None])
    second["K8"] = "Légende : x = prévu"
    path = tmp_path_factory.mktemp("layouts") / "plan_amis.xlsx"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def plan(workbook: Path) -> NormalizedPlan:
    return normalize(extract(workbook))


def test_every_sheet_is_read_with_its_own_header(plan: NormalizedPlan) -> None:
    columns = ["action_code", "label", "axis", "pilot", "partners", "indicator", "status", "source_location"]
    rows = plan.actions[columns].astype(object).where(plan.actions[columns].notna(), None)
    assert rows.values.tolist() == [
        [
            "1.1",
            "Renouveler le bureau",
            "Axe 1 - Gouvernance",
            "Présidente",
            None,
            "Bureau élu",
            "in_progress",
            "'Axe 1 - Gouvernance'!B7",
        ],
        [
            "1.2",
            "Former les nouveaux administrateurs",
            "Axe 1 - Gouvernance",
            "Trésorier",
            "Fédération",
            "Nombre de formés",
            "done",
            "'Axe 1 - Gouvernance'!B8",
        ],
        [
            "1.3",
            "Écrire la charte\u00a0éthique",
            "Axe 1 - Gouvernance",
            "DG",
            None,
            None,
            None,
            "'Axe 1 - Gouvernance'!B9",
        ],
        [
            "2.1",
            "Ouvrir une permanence le samedi",
            "Axe 2 - Accueil",
            "Coordinatrice",
            None,
            None,
            None,
            "'Axe 2 - Accueil'!A5",
        ],
        [
            "2.2",
            "Créer un livret d'accueil",
            "Axe 2 - Accueil",
            "Chargée de communication",
            None,
            None,
            None,
            "'Axe 2 - Accueil'!A6",
        ],
    ]


def test_year_columns_and_deadlines_become_schedule_rows(plan: NormalizedPlan) -> None:
    codes = plan.actions.set_index("action_ref")["action_code"]
    schedule = plan.schedule.assign(code=plan.schedule["action_ref"].map(codes))
    assert schedule["semester"].isna().all()
    assert schedule.groupby("code")["year"].apply(list).to_dict() == {
        "1.1": [2024],
        "1.2": [2024, 2025],
        "1.3": [2025, 2026],
        "2.1": [2024, 2025],
        "2.2": [2026],
    }
    first = plan.actions.iloc[1]
    assert (first["start_year"], first["end_year"]) == (2024, 2025)
    assert pd.isna(first["start_semester"])


def test_doubtful_cells_are_reported(plan: NormalizedPlan) -> None:
    found = sorted(zip(plan.anomalies["kind"], plan.anomalies["location"], strict=True))
    assert found == [
        ("hidden-column", "'Axe 1 - Gouvernance'!E6"),
        ("note-row", "'Axe 2 - Accueil'!A8"),
        ("unknown-status", "'Axe 1 - Gouvernance'!F9"),
    ]


def test_metadata_comes_from_the_first_sheet(plan: NormalizedPlan) -> None:
    assert plan.plan["title"] == "Plan d'action 2024-2026 de l'association Les Amis du Quartier"
    assert plan.plan["organization"] == "association Les Amis du Quartier"
    assert (plan.plan["period_start"], plan.plan["period_end"]) == (2024, 2026)
    assert plan.plan["plan_kind"] == "action_plan"
    assert plan.plan["version_label"] == "mars 2024"
