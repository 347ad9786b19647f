"""What the Excel sample (seed 000) holds beyond its golden files (`test_golden.py`)."""

from __future__ import annotations

from normalize import NormalizedPlan


def test_every_action_has_its_fields(excel_plan: NormalizedPlan) -> None:
    actions = excel_plan.actions
    for column in ("action_code", "label", "axis", "strategic_objective", "pilot", "partners"):
        assert actions[column].notna().all(), column
    # 8.1.x have no operational objective in the sheet; 5.2.2 has no indicator.
    assert set(actions.loc[actions["operational_objective"].isna(), "action_code"]) == {"8.1.1", "8.1.2", "8.1.3"}
    assert set(actions.loc[actions["indicator"].isna(), "action_code"]) == {"5.2.2"}


def test_schedule_rows_equal_the_marks_of_distinct_actions(excel_plan: NormalizedPlan) -> None:
    per_period = excel_plan.schedule.groupby(["year", "semester"]).size().to_dict()
    # Counted by hand on the seed after re-aligning shifted rows (duplicates counted once).
    assert per_period == {
        (2022, 1): 23,
        (2022, 2): 32,
        (2023, 1): 23,
        (2023, 2): 27,
        (2024, 1): 19,
        (2024, 2): 30,
        (2025, 1): 20,
        (2025, 2): 7,
    }
    first = excel_plan.actions.set_index("action_code").loc["6.1.5"]
    assert (first["start_year"], first["start_semester"], first["end_year"], first["end_semester"]) == (
        2022,
        1,
        2025,
        1,
    )
