"""Loading into a real DuckDB file: whole files, unchanged files, versions, rollback."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ingest.errors import WarehouseError
from normalize import NormalizedPlan
from warehouse import Warehouse


def _counts(warehouse: Warehouse) -> dict[str, int]:
    tables = ("sources", "plans", "actions", "action_schedule", "anomalies")
    return {t: int(warehouse.query(f"SELECT count(*) AS n FROM {t}")["n"].iloc[0]) for t in tables}


def test_sample_loads_whole(tmp_path: Path, excel_plan: NormalizedPlan) -> None:
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        result = warehouse.load(excel_plan)
        assert (result.status, result.actions, result.anomalies) == ("warning", 57, 40)
        assert _counts(warehouse) == {"sources": 1, "plans": 1, "actions": 57, "action_schedule": 181, "anomalies": 40}
        orphans = warehouse.query(
            "SELECT count(*) AS n FROM action_schedule s LEFT JOIN actions a USING (action_id) WHERE a.plan_id IS NULL"
        )
        assert orphans["n"].iloc[0] == 0
        located = warehouse.query("SELECT source_location FROM actions WHERE action_code = '3.1.1'")
        assert located["source_location"].tolist() == ["Plan!F21"]


def test_same_bytes_twice_are_unchanged(tmp_path: Path, excel_plan: NormalizedPlan) -> None:
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        warehouse.load(excel_plan)
        before = _counts(warehouse)
        assert warehouse.load(excel_plan).status == "unchanged"
        assert _counts(warehouse) == before


def test_a_changed_file_becomes_the_current_version(tmp_path: Path, excel_plan: NormalizedPlan) -> None:
    newer = replace(
        excel_plan,
        source=replace(excel_plan.source, sha256="f" * 64),
        plan={**excel_plan.plan, "version_label": "v2"},
        actions=excel_plan.actions.head(10),
        schedule=excel_plan.schedule[excel_plan.schedule["action_ref"] < 10],
        anomalies=excel_plan.anomalies.head(0),
    )
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        first = warehouse.load(excel_plan)
        second = warehouse.load(newer)
        assert second.status == "ok"
        plans = warehouse.con.execute("SELECT plan_id, version_label, is_current FROM plans ORDER BY plan_id")
        assert [list(row) for row in plans.fetchall()] == [[first.plan_id, None, False], [second.plan_id, "v2", True]]
        per_plan = warehouse.query("SELECT plan_id, count(*) AS n FROM actions GROUP BY plan_id ORDER BY plan_id")
        assert per_plan["n"].tolist() == [57, 10]


def test_a_failing_load_leaves_nothing(tmp_path: Path, excel_plan: NormalizedPlan) -> None:
    broken = excel_plan.actions.copy()
    broken["label"] = broken["label"].astype(object)
    broken.loc[5, "label"] = None  # violates the warehouse's NOT NULL after pandera has run
    plan = replace(excel_plan, actions=broken)
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        with pytest.raises(WarehouseError, match="rolled back"):
            warehouse.load(plan)
        assert _counts(warehouse) == dict.fromkeys(("sources", "plans", "actions", "action_schedule", "anomalies"), 0)
        failed = warehouse.record_failure(plan.source, "plan_strategique_entraide.xlsx: not loaded")
        assert failed.status == "failed"
        assert not warehouse.has_source(plan.source.sha256)  # a failed attempt may be retried


def test_narrative_plans_load_their_axes_and_confidence(
    tmp_path: Path, federal_plan: NormalizedPlan, reussir_plan: NormalizedPlan
) -> None:
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        assert warehouse.load(federal_plan).status == "warning"
        assert warehouse.load(reussir_plan).status == "warning"
        axes = warehouse.query(
            "SELECT p.organization, count(*) AS notes FROM axes JOIN plans p USING (plan_id) "
            "GROUP BY p.organization ORDER BY p.organization"
        )
        assert axes.values.tolist() == [["CHANTIER école", 3], ["Fédération des centres sociaux de la Drôme", 10]]
        confidence = warehouse.query(
            "SELECT confidence, count(*) AS n, count(DISTINCT an.action_id) AS reviewed FROM actions "
            "LEFT JOIN anomalies an ON an.action_id = actions.action_id AND an.kind = 'needs-review' "
            "GROUP BY confidence ORDER BY confidence"
        )
        assert confidence.values.tolist() == [[0.5, 10, 10], [0.8, 16, 0]]
        open_ended = warehouse.query(
            "SELECT count(*) AS n FROM actions WHERE start_year IS NOT NULL AND end_year IS NULL"
        )
        # The five "depuis ..." deadlines of the federal project (2017 twice, 2018, 2016-S2, 2017 for the CAF).
        assert open_ended["n"].iloc[0] == 5
