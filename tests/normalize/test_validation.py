"""pandera failures become one anomaly per failing row; the rest of the plan loads."""

from __future__ import annotations

from core.records import Cell, Metadata, RawAction, RawPlan, Source
from normalize import normalize


def _action(row: int, code: str, label: str, progress: str) -> RawAction:
    cells = {
        "action_code": Cell(code, f"Plan!A{row}"),
        "label": Cell(label, f"Plan!B{row}"),
        "progress": Cell(progress, f"Plan!C{row}"),
    }
    return RawAction(f"Plan!B{row}", cells)


def test_a_row_failing_the_schema_is_reported_and_dropped() -> None:
    raw = RawPlan(
        Source("p.xlsx", "p.xlsx", "0" * 64, 10, "xlsx"),
        Metadata(title="Plan d'action 2024"),
        (_action(2, "1.1", "Ouvrir", "50%"), _action(3, "1.2", "Fermer", "150%"), _action(4, "1.3", "Gérer", "")),
    )
    plan = normalize(raw)
    assert plan.actions["action_code"].tolist() == ["1.1", "1.3"]
    violations = plan.anomalies[plan.anomalies["kind"] == "schema-violation"]
    assert violations["location"].tolist() == ["Plan!B3"]
    [message] = violations["message"].tolist()
    assert message.startswith("row dropped: progress_pct: fails less_than_or_equal_to(100)")
    assert violations["action_ref"].isna().all()  # the action is gone; the anomaly stays
