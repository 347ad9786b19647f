"""The table interpreter on sheets built here with openpyxl: headers that never say "action",
headers on two rows, band rows, template rows, true/false columns, fills that mark periods."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from core.records import RawPlan
from ingest import excel, word
from ingest.profiles import Profile
from normalize import normalize
from tests.conftest import ROOT

# The real-world development set, beside the checkout when there (CI has it; `make test` never needs it).
REAL = ROOT.parent / "shared" / "realworld" / "files"
ORANGE = PatternFill("solid", fgColor="FFFFC000")
GREY = PatternFill("solid", fgColor="FFF2F2F2")


def _sheet(tmp_path: Path, rows: Sequence[Sequence[object]], name: str = "plan.xlsx") -> tuple[Path, Worksheet]:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    return tmp_path / name, sheet


def _save(path: Path, sheet: Worksheet) -> RawPlan:
    assert sheet.parent is not None
    sheet.parent.save(path)
    return excel.extract(path)


def _labels(plan: RawPlan) -> list[str]:
    return [action.text("label") for action in plan.actions]


def _kinds(plan: RawPlan) -> list[str]:
    return [finding.kind for finding in plan.findings]


def test_task_actor_and_dates(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Tâche", "Acteur", "Date de début", "Date de fin"],
            ["Rédiger le cahier des charges", "Marie Dupont", "01/02/2024", "31/03/2024"],
            ["Organisation d'une réunion des bénévoles", "Service RH", "01/04/2024", "30/04/2024"],
        ],
    )
    plan = _save(path, sheet)
    assert _labels(plan) == ["Rédiger le cahier des charges", "Organisation d'une réunion des bénévoles"]
    assert [a.text("pilot") for a in plan.actions] == ["Marie Dupont", "Service RH"]
    assert [a.text("start_date") for a in plan.actions] == ["01/02/2024", "01/04/2024"]
    assert [a.text("end_date") for a in plan.actions] == ["31/03/2024", "30/04/2024"]
    assert "guessed-columns" not in _kinds(plan)  # "Tâche" names the label
    assert plan.actions[0].location == "Sheet!A2"


def test_title_owner_deadline_in_capitals(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Suivi du projet associatif"],
            [],
            ["TITRE DE LA TÂCHE", "PROPRIÉTAIRE", "DATE LIMITE"],
            ["Mettre à jour les statuts", "Président", "2024-06-30"],
            ["Recruter deux animateurs", "Directrice", "2024-09-01"],
        ],
    )
    plan = _save(path, sheet)
    assert _labels(plan) == ["Mettre à jour les statuts", "Recruter deux animateurs"]
    assert [a.text("pilot") for a in plan.actions] == ["Président", "Directrice"]
    assert [a.text("deadline") for a in plan.actions] == ["2024-06-30", "2024-09-01"]
    assert plan.metadata.title == "Suivi du projet associatif"


def test_pilot_and_budget_read_from_cells(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Action", "Binôme", "Enveloppe", "Échéance"],
            ["Rénover la cuisine collective", "Paul Martin", "12 000 €", "2025"],
            ["Acheter un minibus", "DAF", "35000", "2026"],
        ],
    )
    plan = _save(path, sheet)
    assert _labels(plan) == ["Rénover la cuisine collective", "Acheter un minibus"]
    assert [a.text("pilot") for a in plan.actions] == ["Paul Martin", "DAF"]
    assert [a.text("budget") for a in plan.actions] == ["12 000 €", "35000"]


def test_who_what_where_how(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["N°", "Qui ?", "Quoi ?", "Où ?", "Comment ?"],
            ["1", "Coordinatrice", "Ouvrir une permanence le samedi", "Maison de quartier", "Avec deux bénévoles"],
            ["2", "Équipe", "Créer un livret d'accueil", "Siège", "Atelier d'écriture"],
        ],
    )
    plan = _save(path, sheet)
    assert _labels(plan) == ["Ouvrir une permanence le samedi", "Créer un livret d'accueil"]
    assert [a.text("pilot") for a in plan.actions] == ["Coordinatrice", "Équipe"]
    assert [a.text("action_code") for a in plan.actions] == ["1", "2"]
    assert [a.cells["label"].ref for a in plan.actions] == ["Sheet!C2", "Sheet!C3"]


def test_two_row_header_with_axis_bands_in_merged_cells(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Plan d'action"],
            ["Objectifs", "Moyens", "Résultats attendus", "Échéancier", None],
            [None, None, None, 2024, 2025],
            ["Axe 1 – Accueil des familles"],
            ["Mieux accueillir les familles", "Former les bénévoles à l'écoute", "20 bénévoles formés", "x", None],
            [None, "Aménager un espace d'attente", "Espace ouvert", None, "x"],
            ["Axe 2 – Vie associative"],
            ["Renforcer la gouvernance", "Organiser une assemblée participative", "Une AG par an", "x", "x"],
        ],
    )
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("D2:E2")
    sheet.merge_cells("A4:E4")
    sheet.merge_cells("A5:A6")
    sheet.merge_cells("A7:E7")
    plan = _save(path, sheet)
    assert _labels(plan) == [
        "Former les bénévoles à l'écoute",
        "Aménager un espace d'attente",
        "Organiser une assemblée participative",
    ]
    assert [a.text("axis") for a in plan.actions] == [
        "Axe 1 – Accueil des familles",
        "Axe 1 – Accueil des familles",
        "Axe 2 – Vie associative",
    ]
    assert [[p.year for p in a.periods] for a in plan.actions] == [[2024], [2025], [2024, 2025]]
    assert plan.actions[0].text("indicator") == "20 bénévoles formés"
    objectives = [(a.text("operational_objective"), a.cells["operational_objective"].inherited) for a in plan.actions]
    assert objectives == [
        ("Mieux accueillir les familles", False),
        ("Mieux accueillir les familles", True),  # merged down over the second means
        ("Renforcer la gouvernance", False),
    ]
    assert plan.metadata.title == "Plan d'action"
    guessed = [f for f in plan.findings if f.kind == "guessed-columns"]
    assert len(guessed) == 1 and "B=label" in guessed[0].message


def test_template_rows_and_true_false_column(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Axe (x)", "Titre de l'action", "Titre de la sous-action", "Pilote", "Action en amélioration continue"],
            ["Champ texte", "Champ texte", "Champ texte", "Champ texte", "Champ binaire"],
            ["1. Climat", "Rénover les logements du parc social", None, "Service habitat", "VRAI"],
            ["1. Climat", "Développer les mobilités douces", "Créer des pistes cyclables", "Voirie", "FAUX"],
        ],
    )
    plan = _save(path, sheet)
    assert _labels(plan) == ["Rénover les logements du parc social", "Développer les mobilités douces"]
    assert [a.text("pilot") for a in plan.actions] == ["Service habitat", "Voirie"]
    assert "guessed-columns" in _kinds(plan)
    assert any(f.kind == "note-row" and f.location == "Sheet!A2" for f in plan.findings)


def test_an_objectives_column_of_nouns_left_of_the_actions_gives_their_objective(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Objectifs", "Actions", "Pilote", "2024", "2025"],
            ["Lien social", "Organiser un repas de quartier", "Marie", "X", None],
            ["Lien social", "Créer un jardin partagé", "Paul", None, "X"],
            ["Accès aux droits", "Tenir une permanence juridique", "CESF", "X", "X"],
        ],
    )
    plan = _save(path, sheet)
    assert _labels(plan) == [
        "Organiser un repas de quartier",
        "Créer un jardin partagé",
        "Tenir une permanence juridique",
    ]
    assert [a.text("operational_objective") for a in plan.actions] == ["Lien social", "Lien social", "Accès aux droits"]


def test_bands_in_column_a_set_axis_and_objective(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["N°", "Intitulé", "Pilote", "Échéance"],
            ["Axe 1 - Gouvernance"],
            ["OBJECTIF 1 : Associer les adhérents"],
            ["1.1.1", "Créer un comité des usagers", "DG", "2024"],
            ["OBJECTIF 2 : Clarifier les rôles"],
            ["1.2.1", "Rédiger les fiches de poste", "RH", "2025"],
            ["Axe 2 - Accueil"],
            ["2.1.1", "Ouvrir le samedi", "Accueil", "2025"],
        ],
    )
    plan = _save(path, sheet)
    assert _labels(plan) == ["Créer un comité des usagers", "Rédiger les fiches de poste", "Ouvrir le samedi"]
    assert [a.text("axis") for a in plan.actions] == ["Axe 1 - Gouvernance", "Axe 1 - Gouvernance", "Axe 2 - Accueil"]
    assert [a.text("strategic_objective") for a in plan.actions] == [
        "OBJECTIF 1 : Associer les adhérents",
        "OBJECTIF 2 : Clarifier les rôles",
        "",  # a new axis clears the objective above it
    ]
    assert plan.actions[0].cells["axis"].ref == "Sheet!A2"


def test_bold_theme_rows_in_the_label_column(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Action", "Pilote", "Échéance"],
            ["Logement"],
            ["Créer dix places d'hébergement", "Directeur", "2025"],
            ["Réhabiliter le foyer", "Directeur", "2026"],
            ["Emploi"],
            ["Ouvrir un chantier d'insertion", "Chargée d'insertion", "2025"],
            ["Accompagnement individuel renforcé"],  # not bold: an action whose other cells are empty
        ],
    )
    sheet["A2"].font = Font(bold=True)
    sheet["A5"].font = Font(bold=True)
    plan = _save(path, sheet)
    assert _labels(plan) == [
        "Créer dix places d'hébergement",
        "Réhabiliter le foyer",
        "Ouvrir un chantier d'insertion",
        "Accompagnement individuel renforcé",
    ]
    assert [a.text("axis") for a in plan.actions] == ["Logement", "Logement", "Emploi", "Emploi"]


def _gantt(tmp_path: Path, periods: Sequence[str], profiles: tuple[Profile, ...] = ()) -> RawPlan:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Action", "Pilote", *periods],
            ["Lancer l'appel à bénévoles", "Présidente", *([None] * len(periods))],
            ["Former les nouveaux bénévoles", "Coordinateur", *([None] * len(periods))],
            ["Total", None, *([None] * len(periods))],
        ],
    )
    for row in (2, 3):
        for col in range(3, 3 + len(periods)):
            sheet.cell(row, col).fill = GREY  # the sheet's own shading of the empty grid
    sheet.cell(2, 3).fill = ORANGE
    sheet.cell(2, 4).fill = ORANGE
    sheet.cell(3, 5).fill = ORANGE
    assert sheet.parent is not None
    sheet.parent.save(path)
    return excel.extract(path, profiles=profiles)


def test_filled_cells_mark_semesters(tmp_path: Path) -> None:
    plan = _gantt(tmp_path, ["S1 2024", "S2 2024", "S1 2025", "S2 2025"])
    assert _labels(plan) == ["Lancer l'appel à bénévoles", "Former les nouveaux bénévoles"]
    assert [[(p.year, p.semester) for p in a.periods] for a in plan.actions] == [[(2024, 1), (2024, 2)], [(2025, 1)]]
    assert plan.actions[1].periods[0].ref == "Sheet!E3"


def test_planned_fill_of_a_profile(tmp_path: Path) -> None:
    profile = Profile("gris", "test", match=("Action", "Pilote"), planned_fill="F2F2F2")  # grey means planned
    plan = _gantt(tmp_path, ["S1 2024", "S2 2024", "S1 2025", "S2 2025"], (profile,))
    assert [[(p.year, p.semester) for p in a.periods] for a in plan.actions] == [
        [(2025, 1), (2025, 2)],
        [(2024, 1), (2024, 2), (2025, 2)],
    ]


def test_filled_cells_mark_months(tmp_path: Path) -> None:
    plan = _gantt(tmp_path, ["janv. 2024", "févr. 2024", "mars 2024", "avr. 2024"])
    assert [[(p.year, p.month) for p in a.periods] for a in plan.actions] == [[(2024, 1), (2024, 2)], [(2024, 3)]]


def test_hints_override_header_and_roles(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Colonne 1", "Colonne 2", "Colonne 3"],
            ["Nettoyer le jardin partagé", "Julie", "fait"],
            ["Réparer la clôture", "Marc", "pas commencé"],
        ],
    )
    assert sheet.parent is not None
    sheet.parent.save(path)
    assert excel.extract(path).actions == ()
    columns = {"label": "A", "pilot": "B", "status": "C"}
    profile = Profile("jardin", "test", header_row=0, columns=columns, status_words={"fait": "Réalisé"})
    plan = excel.extract(path, profiles=(profile,))
    assert _labels(plan) == ["Nettoyer le jardin partagé", "Réparer la clôture"]
    assert [a.text("status") for a in plan.actions] == ["Réalisé", "pas commencé"]
    assert "guessed-columns" not in _kinds(plan)


def test_value_lists_and_headers_alone_are_not_actions(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Cibles", "Statut", "Niveau de priorité"],
            ["Grand public", "À venir", "Élevé"],
            ["Associations", "En cours", "Moyen"],
        ],
    )
    assert _save(path, sheet).actions == ()
    path, sheet = _sheet(tmp_path, [["Action", "Pilote", "Échéance", "Statut"]], "empty.xlsx")
    for row in range(2, 50):
        sheet.cell(row, 1).fill = GREY  # formatted, empty rows
    plan = _save(path, sheet)
    assert plan.actions == ()
    assert [(f.kind, f.message) for f in plan.findings] == [("not-a-plan", "empty template: a header and no rows")]


@pytest.mark.skipif(not REAL.is_dir(), reason="the real files are not on this machine")
def test_real_territoires_en_transitions_files() -> None:
    empty = excel.extract(REAL / "tet_export_plan_action_vide.xlsx")
    assert empty.actions == ()
    assert "not-a-plan" in _kinds(empty)
    model = excel.extract(REAL / "tet_modele-import-pa.ods")
    assert len(model.actions) == 1
    assert model.actions[0].text("label").startswith("Action 1 - Assurer la coordination")
    assert model.actions[0].text("axis").startswith("1. Un territoire désirable")
    assert model.metadata.title is None  # the row grouping the columns is part of the header


def test_word_table_without_action_header(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Feuille de route 2025", level=0)
    table = document.add_table(rows=5, cols=3)
    rows = [
        ("Tâche", "Acteur", "Date limite"),
        ("Axe 1 - Bénévolat", "", ""),
        ("Recruter dix bénévoles", "Coordinatrice", "juin 2025"),
        ("Axe 2 - Locaux", "", ""),
        ("Rénover la salle d'accueil", "Trésorier", "décembre 2025"),
    ]
    for row, values in enumerate(rows):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    table.cell(1, 0).merge(table.cell(1, 2))
    table.cell(3, 0).merge(table.cell(3, 2))
    path = tmp_path / "feuille.docx"
    document.save(str(path))
    plan = word.extract(path)
    assert _labels(plan) == ["Recruter dix bénévoles", "Rénover la salle d'accueil"]
    assert [a.text("pilot") for a in plan.actions] == ["Coordinatrice", "Trésorier"]
    assert [a.text("deadline") for a in plan.actions] == ["juin 2025", "décembre 2025"]
    assert [a.text("axis") for a in plan.actions] == ["Axe 1 - Bénévolat", "Axe 2 - Locaux"]
    assert plan.actions[0].location == "table 1, row 3, cell 1"


def test_group_header_over_a_year_row_over_semesters(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Nos engagements 2025-2026"],
            ["Quoi ?", "Pilote", "Partenaires", "Calendrier", None, None, None],
            [None, None, None, 2025, None, 2026, None],
            [None, None, None, "1er sem.", "2e sem.", "1er sem.", "2e sem."],
            ["Créer un guide d'accueil", "DAF", "Caf", None, "x", "x", None],
            ["Former les bénévoles", "Bureau", None, None, None, None, "x"],
        ],
    )
    for col in (1, 2, 3):
        sheet.merge_cells(start_row=2, start_column=col, end_row=4, end_column=col)
    sheet.merge_cells("D2:G2")
    sheet.merge_cells("D3:E3")
    sheet.merge_cells("F3:G3")
    plan = _save(path, sheet)
    assert _labels(plan) == ["Créer un guide d'accueil", "Former les bénévoles"]
    assert [[(p.year, p.semester) for p in a.periods] for a in plan.actions] == [[(2025, 2), (2026, 1)], [(2026, 2)]]
    assert "repeated-header" not in _kinds(plan) and "deadline" not in plan.actions[0].cells


def test_month_initials_under_merged_years_marked_by_fills(tmp_path: Path) -> None:
    initials = list("JFMAMJJASOND") * 2
    path, sheet = _sheet(
        tmp_path,
        [
            ["Plan d'action"],
            [None, None, 2024, *([None] * 11), 2025],
            ["Mesure", "Personne référente", *initials],
            ["Lancer l'appel à bénévoles", "Présidente", *([None] * 24)],
            ["Former les nouveaux bénévoles", "Coordinateur", *([None] * 24)],
        ],
    )
    sheet.merge_cells("C2:N2")
    sheet.merge_cells("O2:Z2")
    sheet.cell(4, 13).fill = ORANGE  # November 2024
    sheet.cell(4, 14).fill = ORANGE  # December 2024
    sheet.cell(5, 15).fill = ORANGE  # January 2025
    plan = _save(path, sheet)
    assert [a.text("pilot") for a in plan.actions] == ["Présidente", "Coordinateur"]
    assert [[(p.year, p.month) for p in a.periods] for a in plan.actions] == [[(2024, 11), (2024, 12)], [(2025, 1)]]


def test_quarters_years_and_start_end_words(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Action proposée", "Chef de projet", "Lancement", "Achèvement", "1er trim. 2024", "En 2025"],
            ["Créer un guide d'accueil", "DAF", "février 2024", "03/2024", "x", None],
            ["Former les bénévoles", "Bureau", "01/2025", "juin 2025", None, "x"],
        ],
    )
    plan = _save(path, sheet)
    assert [a.text("pilot") for a in plan.actions] == ["DAF", "Bureau"]
    assert [(a.text("start_date"), a.text("end_date")) for a in plan.actions] == [
        ("février 2024", "03/2024"),
        ("01/2025", "juin 2025"),
    ]
    assert [[(p.year, p.quarter) for p in a.periods] for a in plan.actions] == [[(2024, 1)], [(2025, None)]]


def test_a_row_holding_header_words_is_data_not_a_repeated_header(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Prioritaire", "Description de l'action", "Type", "Responsable", "Échéance"],
            ["Oui", "Créer un guide d'accueil", "Projet", "DAF", "2025"],
            ["Non", "Former les bénévoles", "Action", "Responsable RH", "novembre 2025"],
            ["Prioritaire", "Description de l'action", "Type", "Responsable", "Échéance"],
            ["Non", "Évaluer le projet", "Étude", "Bureau", "2026"],
        ],
    )
    plan = _save(path, sheet)
    assert _labels(plan) == ["Créer un guide d'accueil", "Former les bénévoles", "Évaluer le projet"]
    assert _kinds(plan).count("repeated-header") == 1


def test_a_type_column_is_not_taken_for_the_pilot(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Urgent", "Actions", "Type", "Suivi par", "Échéance"],
            ["Oui", "Créer un guide d'accueil", "Projet", "DAF", "2025"],
            ["Non", "Former les bénévoles", "Formation", "Bureau", "2026"],
            ["Non", "Évaluer le projet", "Étude", "Service RH", "2026"],
        ],
    )
    plan = _save(path, sheet)
    assert [a.text("pilot") for a in plan.actions] == ["DAF", "Bureau", "Service RH"]


def test_a_column_of_numbers_is_never_the_label_column(tmp_path: Path) -> None:
    """Its few captions read as actions ("Répartition par poste"), its cells are numbers: no label column."""
    path, sheet = _sheet(
        tmp_path,
        [
            ["Réf.", "Responsable", "Valeurs"],
            ["", "", "Répartition par poste"],
            ["", "", "(en milliers)"],
            *(["QU86", "Pollan", value] for value in ("6.552", "5.128", "2.4", "0.3", "21.4", "0")),
        ],
    )
    plan = _save(path, sheet)
    assert (plan.actions, _kinds(plan)) == ((), ["sheet-without-header", "no-plan-found"])


def test_a_label_cell_that_holds_a_number_or_a_date_is_no_action(tmp_path: Path) -> None:
    path, sheet = _sheet(
        tmp_path,
        [
            ["Action", "Pilote", "Échéance"],
            ["Créer un comité de suivi", "DG", "2025"],
            ["12,5", "DAF", "2025"],
            ["03/04/2025", "RH", "2026"],
            ["Former les bénévoles", "RH", "2026"],
        ],
    )
    plan = normalize(_save(path, sheet))
    assert plan.actions["label"].tolist() == ["Créer un comité de suivi", "Former les bénévoles"]
    missing = plan.anomalies[plan.anomalies["kind"] == "missing-label"]
    assert missing[["location", "message"]].values.tolist() == [
        ["Sheet!A3", "row has no action label: '12,5; DAF; 2025'; skipped"],
        ["Sheet!A4", "row has no action label: '03/04/2025; RH; 2026'; skipped"],
    ]
