"""The whole action table of the Word sample against a CSV written by hand from seed 001."""

from __future__ import annotations

from collections import Counter

from core.records import RawPlan
from normalize import NormalizedPlan
from tests.normalize.golden import golden_rows, read_golden

GOLDEN_ACTIONS = "feuille_de_route_direction_generale.actions.csv"
THEMES = [
    "Mise en conformité et réglementation",
    "Bienveillance",
    "Droits et représentativité des bénéficiaires",
    "Outils et méthodes pour favoriser l'autodétermination, l'épanouissement et l'inclusion sociale des bénéficiaires",
    "Socle de compétences des personnels socio-éducatifs",
    "QVT",
]


def test_word_sample_matches_the_hand_written_golden_table(word_plan: NormalizedPlan) -> None:
    expected = read_golden(GOLDEN_ACTIONS)
    got = golden_rows(word_plan, list(expected[0]))
    assert len(got) == len(expected) == 55
    for want, have in zip(expected, got, strict=True):
        assert have == want, f"action '{want['label'][:50]}' differs"


def test_word_sample_counts_themes_and_metadata(word_raw: RawPlan, word_plan: NormalizedPlan) -> None:
    actions = word_plan.actions
    assert actions["parent_ref"].isna().sum() == 36
    assert actions["parent_ref"].notna().sum() == 19
    themes = actions.loc[actions["operational_objective"].notna()]
    assert list(dict.fromkeys(themes["operational_objective"])) == THEMES
    assert themes["parent_ref"].notna().all() and len(themes) == 16
    assert word_plan.plan == {
        "plan_key": "la-residence-sociale/feuille-de-route-de-la-direction-generale",
        "organization": "La Résidence sociale",
        "title": "FEUILLE DE ROUTE DE LA DIRECTION GENERALE",
        "plan_kind": "roadmap",
        "period_start": 2022,
        "period_end": 2024,
        "version_label": "Projet au 17/02/2022",
        "organization_source": "body",  # the subject of every vision
        "version_date": "2022-02-17",
        "version_date_source": "version-label",
    }
    assert word_plan.anomaly_counts() == {"note-paragraph": 1, "vision-without-actions": 1}
    assert list(word_plan.anomalies["location"]) == ["§3-§4", "§7-§9"]
    assert list(word_plan.axes["source_location"]) == ["§7-§9"]
    assert word_plan.axes["description"][0].startswith("En 2025, la Résidence sociale : Offre, au travers")


def test_word_sample_locations_name_paragraphs(word_raw: RawPlan) -> None:
    locations = [action.location for action in word_raw.actions]
    assert locations[0] == "§12"  # "Créer une direction nationale du développement..."
    assert locations[6] == "§18"  # the first italic sub-action of the "pôle 49" action
    assert word_raw.actions[0].cells["strategic_objective"].ref == "§10-§11"
    assert word_raw.actions[-1].cells["axis"].ref == "§72"
    assert Counter(a.confidence for a in word_raw.actions) == {1.0: 55}
