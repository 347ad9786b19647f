"""The two web page samples against CSVs written by hand from seeds 002 and 004."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from normalize import NormalizedPlan
from tests.conftest import FEDERAL_SAMPLE
from tests.normalize.golden import golden_rows, read_golden


@pytest.mark.parametrize(
    ("fixture", "golden", "count"),
    [
        ("federal_plan", "projet_federal_centres_sociaux_drome.actions.csv", 16),
        ("reussir_plan", "reussir_2020_chantier_ecole.actions.csv", 10),
    ],
)
def test_sample_matches_the_hand_written_golden_table(
    fixture: str, golden: str, count: int, request: pytest.FixtureRequest
) -> None:
    plan: NormalizedPlan = request.getfixturevalue(fixture)
    expected = read_golden(golden)
    got = golden_rows(plan, list(expected[0]))
    assert len(got) == len(expected) == count
    for want, have in zip(expected, got, strict=True):
        assert have == want, f"action '{want['label'][:40]}' differs"


def test_federal_project_metadata_axes_and_anomalies(federal_plan: NormalizedPlan) -> None:
    assert federal_plan.plan == {
        "plan_key": "federation-des-centres-sociaux-de-la-drome/projet-federal-des-organisations-sur-les-territoires",
        "organization": "Fédération des centres sociaux de la Drôme",
        "title": "Projet fédéral : Des organisations sur les territoires",
        "plan_kind": "project",
        "period_start": None,
        "period_end": None,
        "version_label": None,
        "organization_source": "site-name",
        # The page gives no date: the file's modification time stands in.
        "version_date": datetime.fromtimestamp(FEDERAL_SAMPLE.stat().st_mtime, UTC).date().isoformat(),
        "version_date_source": "file-mtime",
    }
    axes = federal_plan.axes
    assert axes.groupby("axis", sort=False).size().to_dict() == {
        "Impact social": 4,
        "Gouvernance": 3,
        "Fonction accueil": 3,
    }
    # Context, stakes and objectives keep their section label; a "not addressed" statement is a note, not an action.
    impact = axes[axes["axis"] == "Impact social"]["description"].tolist()
    assert [text.split(" : ")[0] for text in impact] == [
        "CONTEXTE GLOBAL",
        "ENJEUX POUR LE RÉSEAU",
        "ACTIONS DU PRÉCÉDENT PROJET",
        "OBJECTIFS OPÉRATIONNELS",
    ]
    assert impact[2] == "ACTIONS DU PRÉCÉDENT PROJET : Dimension non abordée dans le cadre d’une démarche de réseau."
    assert "→ à repenser leurs modèles socio-économiques" in impact[0]
    assert federal_plan.anomaly_counts() == {"split-paragraph": 2, "ambiguous-objective": 2}


def test_a_start_without_end_leaves_the_end_year_empty(federal_plan: NormalizedPlan) -> None:
    actions = federal_plan.actions.set_index("label")
    started = actions.loc["Expérimentation de la nouvelle gouvernance fédérale"]
    assert (started["start_year"], started["start_semester"]) == (2016, 2)
    assert pd.isna(started["end_year"]) and pd.isna(started["end_semester"])
    bounded = actions.loc["Mise en place de rencontres « gouvernance collégiale »"]
    assert (bounded["start_year"], bounded["end_year"]) == (2014, 2015)


def test_prose_plan_metadata_pillars_and_reviews(reussir_plan: NormalizedPlan) -> None:
    assert reussir_plan.plan == {
        "plan_key": "chantier-ecole/reussir-2020-le-nouveau-plan-d-actions-strategiques-de-chantier-ecole",
        "organization": "CHANTIER école",
        "title": "Réussir 2020, le nouveau plan d’actions stratégiques de CHANTIER école",
        "plan_kind": "action_plan",
        "period_start": 2015,
        "period_end": 2020,
        "version_label": "adopté le 17 septembre 2015",
        "organization_source": "site-name",
        "version_date": "2015-09-17",
        "version_date_source": "version-label",
    }
    assert len(reussir_plan.axes) == 3
    assert set(reussir_plan.axes["axis"]) == set(reussir_plan.actions["axis"])
    assert reussir_plan.anomaly_counts() == {"skipped-paragraph": 5, "needs-review": 11}
    anomalies = reussir_plan.anomalies
    reviews = anomalies[anomalies["kind"] == "needs-review"]
    # One review per candidate action, and one for the inferred period (no action).
    assert sorted(reviews["action_ref"].dropna().astype(int)) == list(range(10))
    assert reviews["action_ref"].isna().sum() == 1
    assert (reussir_plan.actions["confidence"] == 0.5).all()
