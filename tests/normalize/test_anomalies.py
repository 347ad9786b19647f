"""What the Excel sample's anomalies say: every repair and doubt, with its location."""

from __future__ import annotations

from normalize import NormalizedPlan


def _messages(plan: NormalizedPlan, kind: str) -> dict[str, str]:
    rows = plan.anomalies[plan.anomalies["kind"] == kind]
    return dict(zip(rows["location"], rows["message"], strict=True))


def test_anomaly_kinds_of_the_excel_sample(excel_plan: NormalizedPlan) -> None:
    assert excel_plan.anomaly_counts() == {
        "repeated-header": 3,  # header block repeated at rows 26, 47 and 68
        "inferred-period-column": 1,  # marks in column P, which has no header
        "realigned-row": 23,  # 18 rows shifted right, 5 shifted left
        "misplaced-code": 3,  # 2.3.2, 3.1.2, 3.1.3: code outside its column, label in place
        "misplaced-hierarchy": 1,  # "Engagement n°8" written in the Axe column
        "inferred-hierarchy": 2,  # 4.2.1 and 10.2.1 have no objective of their own
        "duplicate-row": 2,  # 7.3.1 and 7.3.2 written twice
        "count-mismatch": 5,  # the sheet's Total row vs what was read
    }


def test_duplicates_name_both_locations(excel_plan: NormalizedPlan) -> None:
    duplicates = _messages(excel_plan, "duplicate-row")
    assert set(duplicates) == {"Plan!F61", "Plan!F62"}
    assert "Plan!E59" in duplicates["Plan!F61"] and "7.3.1" in duplicates["Plan!F61"]
    assert "Plan!D60" in duplicates["Plan!F62"] and "differs in schedule" in duplicates["Plan!F62"]
    kept = excel_plan.anomalies[excel_plan.anomalies["kind"] == "duplicate-row"]["action_ref"]
    codes = excel_plan.actions.set_index("action_ref").loc[list(kept), "action_code"]
    assert list(codes) == ["7.3.1", "7.3.2"]


def test_counts_are_reconciled_with_the_total_row(excel_plan: NormalizedPlan) -> None:
    mismatches = _messages(excel_plan, "count-mismatch")
    assert mismatches["Plan!E7"] == (
        "the document states 58 actions; 57 distinct actions were read (59 action rows, 2 duplicate(s))"
    )
    assert mismatches["Plan!J7"] == "the document states 33 actions planned in 2022-S2; 32 were read"
    # Semesters whose stated count matches what was read are not reported.
    assert "Plan!I7" not in mismatches and "Plan!N7" not in mismatches


def test_shifted_rows_are_reported_where_they_are(excel_plan: NormalizedPlan) -> None:
    realigned = _messages(excel_plan, "realigned-row")
    assert realigned["Plan!E21"].startswith("action 3.1.1: cells shifted 1 column(s) right")
    assert realigned["Plan!B24"].startswith("action 3.2.1: cells shifted 1 column(s) left")
    assert _messages(excel_plan, "inferred-period-column") == {
        "Plan!P9": "column P has no header but holds 7 mark(s); read as 2025-S2, the period after column O"
    }


def test_plan_metadata_is_read_from_the_title(excel_plan: NormalizedPlan) -> None:
    assert excel_plan.plan == {
        "plan_key": "entraide-et-solidarites/plan-strategique-entraide-et-solidarites-2021-2024",
        "organization": "Entraide et Solidarités",
        "title": "Plan Stratégique Entraide et Solidarités 2021-2024",
        "plan_kind": "strategic_plan",
        "period_start": 2021,
        "period_end": 2024,
        "version_label": None,
        "organization_source": "title",
        "version_date": "2022-02-17",  # docProps/core.xml `modified`: the workbook has no version label
        "version_date_source": "properties",
    }
