"""Territoires en Transitions workbooks, built here as TeT ships them: a group-band row, the
header, a field-type row, an instruction row, then the fiches and their sous-actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from core.records import RawPlan
from ingest import extract
from ingest.tet import role_of
from normalize import normalize

HEADER = [
    "Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de l'action", "Titre de la sous-action",
    "Descriptif", "Structure pilote", "Partenaires ", "Direction ou service pilote", "Personne pilote",
    "Élu·e référent·e ", "Budget prévisionnel total € HT", "Statut ", "Niveau de priorité", "Date de début",
    "Date de fin", "Action en amélioration continue", "Actions liées", "Calendrier", "Notes",
]  # fmt: skip
FIELD_TYPES = ["Champ texte"] * 11 + ["Champ numérique", "Champ liste déroulante", "Champ liste déroulante"]
FIELD_TYPES += ["Champ date", "Champ date", "Champ binaire", "Champ texte non importé", "Champ texte", "Champ texte"]
INSTRUCTIONS = [
    "Si vos axes sont numérotés, indiquez d'abord le numéro puis le titre",
    "Si vos sous-axes sont numérotés, indiquez d'abord le numéro",
    None,
    "Texte court de 300 caractères maximum, espaces compris.",
    None,
    "Présentez en quelques lignes le descriptif.",
    "➔ Utilisez exactement la même écriture pour chaque intitulé",
    "➔ Utilisez exactement la même écriture pour chaque intitulé",
    "Plusieurs services peuvent être indiqués. ➔ Utilisez exactement la même écriture",
    'Créez sous la forme : "Prénom NOM"',
    'Créez sous la forme : "Prénom NOM"',
    "Saisissez un nombre entier, sans espaces",
    "Choisissez l'option qui correspond le mieux dans la liste déroulante",
    "Choisissez l'option qui correspond le mieux dans la liste déroulante",
    "Saisissez une date sous le format JJ/MM/AAAA",
    "Saisissez une date sous le format JJ/MM/AAAA",
    "Indiquer si l'action est en amélioration continue",
    "Ce champ ne sera pas intégré lors de l'importation.",
    None,
    None,
]
FICHE = [
    "1. Un territoire sobre", "1.1. Réduire les consommations", "1.1.1. Bâtiments publics",
    "Action 1 - Rénover les écoles\n(ou)\n1.1.1.1. Rénover les écoles", None, "Isolation des toits",
    "Commune", "ADEME, Région", "Service technique", "Marie PAUL", "Renée CHARLES", 120000, "En cours", "Élevé",
    dt.datetime(2024, 3, 1), dt.datetime(2026, 12, 31), False, None, "S1 2024, S2 2024", "Voir le PPI",
]  # fmt: skip
SUB_ACTION = [
    "1. Un territoire sobre", "1.1. Réduire les consommations", "1.1.1. Bâtiments publics",
    "Action 1 - Rénover les écoles", "Auditer l'école Jean Jaurès", None, None, None, "Service technique",
    "Pierre GWEN", None, None, "Bloqué", None, dt.datetime(2024, 3, 1), None, True, None, None, None,
]  # fmt: skip


def _template(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Fichier_dimport"
    sheet.append(["Présentation de l’action", None, None, None, None, "Objectifs et indicateurs"])
    sheet.append(HEADER)
    sheet.append(FIELD_TYPES)
    sheet.append(INSTRUCTIONS)
    for row in rows:
        sheet.append(row)
    lists = book.create_sheet("Listes_déroulantes")
    lists.append(["Statut ", "Niveau de priorité"])
    for status, priority in (("À venir", "Élevé"), ("En cours", "Moyen"), ("Réalisé", "Bas")):
        lists.append([status, priority])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def tet_plan(tmp_path_factory: pytest.TempPathFactory) -> RawPlan:
    return extract(_template(tmp_path_factory.mktemp("tet") / "modele-import.xlsx", [FICHE, SUB_ACTION]))


def test_template_rows_are_not_actions_a_fiche_and_its_sous_action_are(tet_plan: RawPlan) -> None:
    fiche, sub = tet_plan.actions
    assert fiche.text("label") == "Action 1 - Rénover les écoles"  # the first of the two spellings
    assert sub.text("label") == "Auditer l'école Jean Jaurès"
    assert (fiche.parent, sub.parent) == (None, 0)
    [skipped] = [f for f in tet_plan.findings if f.kind == "template-row"]
    assert "rows 3, 4" in skipped.message and skipped.location == "Fichier_dimport!A3"


def test_columns_map_to_fields(tet_plan: RawPlan) -> None:
    fiche, sub = tet_plan.actions
    assert fiche.text("axis") == "1. Un territoire sobre"
    assert fiche.text("strategic_objective") == "1.1. Réduire les consommations"
    assert fiche.text("operational_objective") == "1.1.1. Bâtiments publics"
    # Structure, service, person and élu pilote, in the template's order.
    assert fiche.text("pilot") == "Commune; Service technique; Marie PAUL; Renée CHARLES"
    assert fiche.cells["pilot"].ref == "Fichier_dimport!G5"
    assert fiche.text("partners") == "ADEME, Région"
    assert (fiche.text("status"), fiche.text("budget")) == ("En cours", "120000")
    assert (fiche.text("start_date"), fiche.text("end_date")) == ("2024-03-01", "2026-12-31")
    assert fiche.text("comment") == "Priorité : Élevé; Voir le PPI"
    assert [(p.year, p.semester) for p in fiche.periods] == [(2024, 1), (2024, 2)]
    # "Bloqué" is a health in TeT's status list; a true/false column is never a label nor a date.
    assert (sub.text("status"), sub.text("health")) == ("", "Bloqué")
    assert sub.text("pilot") == "Service technique; Pierre GWEN"
    assert sub.text("end_date") == ""


def test_the_template_normalizes_to_one_fiche_and_one_sub_action(tet_plan: RawPlan) -> None:
    actions = normalize(tet_plan).actions
    assert len(actions) == 2
    fiche, sub = actions.to_dict("records")
    assert sub["parent_ref"] == 0 and fiche["status"] == "in_progress" and sub["health"] == "blocked"


def test_a_sous_action_without_its_fiche_row_creates_the_fiche(tmp_path: Path) -> None:
    plan = extract(_template(tmp_path / "sub_only.xlsx", [SUB_ACTION, [*SUB_ACTION[:4], "Chiffrer", *SUB_ACTION[5:]]]))
    fiche, first, second = plan.actions
    assert fiche.text("label") == "Action 1 - Rénover les écoles" and fiche.parent is None
    assert (first.parent, second.parent) == (0, 0)
    assert "pilot" not in fiche.cells  # the row's pilot is the sous-action's


def test_an_empty_template_is_not_a_plan(tmp_path: Path) -> None:
    plan = extract(_template(tmp_path / "vide.xlsx", []))
    assert plan.actions == ()
    [finding] = [f for f in plan.findings if f.kind == "not-a-plan"]
    assert "empty template" in finding.message and finding.location == "Fichier_dimport!A2"


def test_an_ordinary_grid_with_a_few_tet_words_is_not_read_as_tet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Axe", "Action", "Pilote", "Partenaires", "Statut", "Champ texte"])
    sheet.append(["Axe 1", "Accueillir les familles", "Directrice", "CAF", "En cours", "Champ texte libre"])
    book.save(tmp_path / "grid.xlsx")
    plan = extract(tmp_path / "grid.xlsx")
    assert [a.text("label") for a in plan.actions] == ["Accueillir les familles"]
    assert not any(f.kind in ("template-row", "not-a-plan") for f in plan.findings)


# The header of TeT's plan export (another version: other pilot column, € TTC, no sous-action).
EXPORT_HEADER = [
    "Axe (x)", "Sous-axe (x.x)", " Sous-sous axe (x.x.x)", "Titre de la fiche action", "Descriptif",
    "Thématique principale", "Structure pilote", "Partenaires ", "Service-département-pôle pilote",
    "Personne pilote", "Élu·e référent·e ", "Budget prévisionnel total € TTC", "Statut ", "Date de début",
    "Date de fin", "Action en amélioration continue", "Calendrier", "Actions liées", "Fiches des plans liées",
]  # fmt: skip


@pytest.mark.parametrize(
    ("texts", "role"),
    [
        (["Sous-axe (x.x)", "SOUS AXE", "Sous-axe"], "strategic_objective"),
        (["Élu·e référent·e ", "Elu·e referent·e"], "pilot"),
        (["Titre de l'action", "Titre de l’action", "TITRE DE LA FICHE ACTION"], "label"),
        (["Budget prévisionnel total € HT", "Budget prévisionnel total € TTC"], "budget"),
    ],
)
def test_header_spellings_of_every_version_name_one_column(texts: list[str], role: str) -> None:
    assert {role_of(text) for text in texts} == {role}


def test_the_plan_export_version_is_read_too(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan daction"
    sheet.append(["Présentation de l’action", None, None, None, None, None, "Acteurs"])
    sheet.append(EXPORT_HEADER)
    sheet.append(["1. Mobilité", None, None, "Créer une piste cyclable", None, None, None, None, "Voirie", "Jean MARC"])
    book.save(tmp_path / "export.xlsx")
    [action] = extract(tmp_path / "export.xlsx").actions
    assert (action.text("label"), action.text("pilot")) == ("Créer une piste cyclable", "Voirie; Jean MARC")
    assert action.text("axis") == "1. Mobilité"
