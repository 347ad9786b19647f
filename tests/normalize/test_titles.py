"""Plan titles that make sense: placeholders, paragraphs, glued labels and navigation are no titles."""

from __future__ import annotations

import pytest

from core.records import Cell, Metadata, RawAction, RawPlan, Source
from normalize import metadata
from normalize.metadata import Overrides
from normalize.plan import prepare

SOURCE = Source("/data/plan_2024.xlsx", "plan_2024.xlsx", "0" * 64, 10, "xlsx")


def _plan(title: str | None) -> RawPlan:
    action = RawAction("row 2", {"label": Cell("Créer un comité", "B2")})
    return RawPlan(SOURCE, Metadata(title=title), (action,))


@pytest.mark.parametrize(
    "title",
    [
        "Plan d'action 2024-2026",
        "FEUILLE DE ROUTE DE LA DIRECTION GENERALE",
        "Réussir 2020, le nouveau plan d’actions stratégiques de CHANTIER école",
        "Projet fédéral : Des organisations sur les territoires",
        "Les actions du centre social",
    ],
)
def test_titles_that_make_sense_are_kept(title: str) -> None:
    assert metadata.title_problem(title) is None
    assert metadata.complete(Metadata(title=title), SOURCE).title == title


@pytest.mark.parametrize(
    ("title", "why"),
    [
        (None, "none"),
        ("", "none"),
        ("Titre du site", "placeholder"),
        ("Sans titre", "placeholder"),
        ("Document1", "placeholder"),
        ("Untitled", "placeholder"),
        ("Accueil", "navigation"),
        ("Accueil > Nos actions", "navigation"),
        ("Axe Objectif Action Pilote Échéance Statut", "labels"),
        ("Présentation de l’action Objectifs et indicateurs Acteurs", "labels"),
        ("Présentation de l’action", "labels"),
        ("Actions", "labels"),
        ("Le plan a été adopté en 2023. Il comprend trois axes et douze actions.", "paragraph"),
        ("Plan " + "très " * 25 + "long", "paragraph"),
        ("Plan-" + "x" * 160, "characters"),
    ],
)
def test_no_title_falls_back_on_the_file_name(title: str | None, why: str) -> None:
    problem = metadata.title_problem(title)
    assert problem is not None and why in problem.en
    assert metadata.complete(Metadata(title=title), SOURCE).title == "plan_2024"


def test_no_title_finding_unless_the_user_gives_one() -> None:
    draft = prepare(_plan("Sans titre"))
    found = draft.anomalies[draft.anomalies["kind"] == "no-title"]
    assert list(found["message"]) == [
        "no title 'Sans titre': the candidate is a placeholder; the file name 'plan_2024' is used"
    ]
    assert draft.plan["title"] == "plan_2024"
    assert "no-title" not in set(prepare(_plan("Plan d'action 2024")).anomalies["kind"])
    overridden = prepare(_plan(None), Overrides(title="Plan 2024"))
    assert "no-title" not in set(overridden.anomalies["kind"])
    assert overridden.plan["title"] == "Plan 2024"
