"""The PDF sample (seed 003, CPAS de Saint-Ghislain) against a CSV written by hand from the seed."""

from __future__ import annotations

from collections import Counter

import pytest

from core.records import RawPlan
from ingest import extract
from normalize import NormalizedPlan, normalize
from tests.conftest import SAMPLES
from tests.normalize.golden import golden_rows, read_golden

PDF_SAMPLE = SAMPLES / "plan_strategique_transversal_cpas.pdf"
GOLDEN_ACTIONS = "plan_strategique_transversal_cpas.actions.csv"


@pytest.fixture(scope="module")
def pdf_raw() -> RawPlan:
    return extract(PDF_SAMPLE)


@pytest.fixture(scope="module")
def pdf_plan(pdf_raw: RawPlan) -> NormalizedPlan:
    return normalize(pdf_raw)


def test_pdf_sample_matches_the_hand_written_golden_table(pdf_plan: NormalizedPlan) -> None:
    expected = read_golden(GOLDEN_ACTIONS)
    got = golden_rows(pdf_plan, list(expected[0]))
    assert len(got) == len(expected) == 34
    for want, have in zip(expected, got, strict=True):
        assert have == want, f"action {want['action_code']} differs"


def test_pdf_sample_plan_metadata_and_stated_total(pdf_raw: RawPlan, pdf_plan: NormalizedPlan) -> None:
    plan = pdf_plan.plan
    assert plan["title"] == "Plan Stratégique Transversal 2019-2024"
    assert (plan["organization"], plan["organization_source"]) == ("CPAS de Saint-Ghislain", "body")
    assert (plan["version_date"], plan["version_date_source"]) == ("2000-01-01", "pdf-metadata")  # /ModDate
    assert (plan["plan_kind"], plan["period_start"], plan["period_end"]) == ("strategic_plan", 2019, 2024)
    assert [(c.subject, c.value) for c in pdf_raw.stated_counts] == [("actions", 34)]
    assert "count-mismatch" not in pdf_plan.anomaly_counts()


def test_pdf_sample_anomalies(pdf_plan: NormalizedPlan) -> None:
    anomalies = pdf_plan.anomalies
    assert Counter(anomalies["kind"]) == {
        "heading-values": 5,  # deadlines written on objective rows (2020, 2024, Début 2021, 2024, 2022)
        "continued-row": 2,  # pilots of 1.2.1 and 1.2.7 continued on the next page
        "outline-mismatch": 1,  # the outline's 3.2.3.4 is the table's 3.2.4
        "fiche-referent": 1,  # the fiche's referent, while the table has a pilot
    }
    codes = pdf_plan.actions.set_index("action_ref")["action_code"]
    by_kind = {kind: group for kind, group in anomalies.groupby("kind")}
    assert sorted(codes[by_kind["continued-row"]["action_ref"]]) == ["1.2.1", "1.2.7"]
    mismatch = by_kind["outline-mismatch"].iloc[0]
    assert codes[mismatch["action_ref"]] == "3.2.4" and "3.2.3.4" in mismatch["message"]
    assert codes[by_kind["fiche-referent"].iloc[0]["action_ref"]] == "1.1.1"


def test_pdf_sample_locations_give_page_and_row(pdf_plan: NormalizedPlan) -> None:
    locations = pdf_plan.actions.set_index("action_code")["source_location"]
    assert locations["1.1.1"] == "p.12, row 7"
    assert locations.str.fullmatch(r"p\.\d+, row \d+").all()
