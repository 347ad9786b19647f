"""Loading into a real DuckDB file: whole files, unchanged files, versions, rollback."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from core.errors import WarehouseError
from core.text import match_key
from normalize import NormalizedPlan
from warehouse import Warehouse
from warehouse.load import schema_fingerprint

_SEARCHED = ["label", "axis", "strategic_objective", "operational_objective", "indicator", "pilot", "partners"]


def _counts(warehouse: Warehouse) -> dict[str, int]:
    tables = ("sources", "plans", "actions", "action_schedule", "anomalies")
    return {t: int(warehouse.query(f"SELECT count(*) AS n FROM {t}")["n"].iloc[0]) for t in tables}


def test_sample_loads_whole(tmp_path: Path, excel_plan: NormalizedPlan) -> None:
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        result = warehouse.load(excel_plan)
        assert (result.status, result.actions, result.anomalies) == ("review", 57, 40)
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
        failed = warehouse.record_failure(plan.source, "plan_strategique_entraide.xlsx: not loaded", "load-error")
        assert failed.status == "failed"
        assert not warehouse.has_source(plan.source.sha256)  # a failed attempt may be retried


def test_narrative_plans_load_their_axes_and_confidence(
    tmp_path: Path, federal_plan: NormalizedPlan, reussir_plan: NormalizedPlan
) -> None:
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        assert warehouse.load(federal_plan).status == "review"
        assert warehouse.load(reussir_plan).status == "review"
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


def test_many_plans_load_in_one_transaction_and_the_last_version_is_current(
    tmp_path: Path, excel_plan: NormalizedPlan, word_plan: NormalizedPlan
) -> None:
    newer = replace(excel_plan, source=replace(excel_plan.source, sha256="f" * 64), actions=excel_plan.actions.head(3))
    newer = replace(newer, schedule=newer.schedule[newer.schedule["action_ref"] < 3], anomalies=newer.anomalies.head(0))
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        results = warehouse.load_many([excel_plan, word_plan, newer, word_plan])
        assert [r.status for r in results] == ["review", "ok", "ok", "unchanged"]
        assert [r.plan_id for r in results] == [1, 2, 3, None]
        current = warehouse.query("SELECT plan_id FROM plans WHERE is_current ORDER BY plan_id")
        assert current["plan_id"].tolist() == [2, 3]
        per_plan = warehouse.query("SELECT plan_id, min(action_id) AS first, count(*) AS n FROM actions GROUP BY ALL")
        assert sorted(per_plan.itertuples(index=False, name=None)) == [
            (1, 1, 57),
            (2, 58, len(word_plan.actions)),
            (3, 58 + len(word_plan.actions), 3),
        ]
        people = warehouse.query("SELECT count(*) AS n FROM action_people")["n"].iloc[0]
        assert people == len(excel_plan.people) + len(word_plan.people) + len(newer.people)


def test_a_failing_plan_rolls_back_its_whole_batch(
    tmp_path: Path, excel_plan: NormalizedPlan, word_plan: NormalizedPlan
) -> None:
    broken = excel_plan.actions.copy()
    broken["label"] = broken["label"].astype(object)
    broken.loc[5, "label"] = None
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        with pytest.raises(WarehouseError, match="2 files: not loaded, rolled back"):
            warehouse.load_many([word_plan, replace(excel_plan, actions=broken)])
        assert _counts(warehouse) == dict.fromkeys(("sources", "plans", "actions", "action_schedule", "anomalies"), 0)


def test_search_text_is_filled_at_load_and_for_an_older_warehouse(tmp_path: Path, excel_plan: NormalizedPlan) -> None:
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        warehouse.load(excel_plan)
        found = warehouse.query("SELECT action_code FROM actions WHERE search_text LIKE '%benevol%' ORDER BY 1")
        label = excel_plan.actions.set_index("action_code")["label"]
        texts = excel_plan.actions[_SEARCHED].apply(lambda row: " ".join(v for v in row if isinstance(v, str)), axis=1)
        expected = excel_plan.actions["action_code"][texts.map(match_key).str.contains("benevol")]
        assert found["action_code"].tolist() == sorted(expected)
        assert len(found) >= 1 and "é" in " ".join(label[found["action_code"]])  # found despite the accents
        warehouse.con.execute("ALTER TABLE actions DROP COLUMN search_text").fetchall()
        warehouse.con.execute("CREATE OR REPLACE VIEW current_actions AS SELECT 1 AS x").fetchall()
        warehouse.con.execute("DROP TABLE warehouse_info").fetchall()  # made before the schema fingerprint
    older = tmp_path / "older.duckdb"
    shutil.copy(tmp_path / "plans.duckdb", older)
    with Warehouse(older) as warehouse:
        again = warehouse.query("SELECT action_code FROM current_actions WHERE search_text LIKE '%benevol%' ORDER BY 1")
        assert again["action_code"].tolist() == found["action_code"].tolist()


def _set_up_at(db: Path) -> list[tuple[str, datetime]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT schema_sha256, updated_at FROM warehouse_info").fetchall()


def test_a_warehouse_set_up_with_todays_schema_is_not_set_up_again(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    Warehouse(db).close()
    first = _set_up_at(db)
    assert len(first) == 1 and first[0][0] == schema_fingerprint()
    Warehouse(db).close()
    assert _set_up_at(db) == first


@pytest.mark.parametrize(
    "change",
    ["UPDATE warehouse_info SET schema_sha256 = 'an older schema'", "DROP VIEW current_actions"],
    ids=["other-fingerprint", "views-dropped"],
)
def test_a_warehouse_with_another_schema_or_without_its_views_is_set_up_again(tmp_path: Path, change: str) -> None:
    db = tmp_path / "plans.duckdb"
    Warehouse(db).close()
    [(_, first_at)] = _set_up_at(db)
    with duckdb.connect(str(db)) as con:
        con.execute(change)
    with Warehouse(db) as warehouse:
        assert warehouse.rows("SELECT count(*) FROM current_actions").rows == [(0,)]
    [(fingerprint, again_at)] = _set_up_at(db)
    assert fingerprint == schema_fingerprint() and again_at > first_at


def test_a_warehouse_from_before_the_verdict_opens_and_takes_the_new_statuses(
    tmp_path: Path, excel_plan: NormalizedPlan
) -> None:
    """Its `sources.status` CHECK allowed only ok/warning/failed: the table is rebuilt, rows kept."""
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(
            "CREATE TABLE sources (source_id BIGINT PRIMARY KEY, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, "
            "format VARCHAR NOT NULL, size_bytes BIGINT NOT NULL, ingested_at TIMESTAMP NOT NULL, "
            "status VARCHAR NOT NULL CHECK (status IN ('ok', 'warning', 'failed')), error_message VARCHAR)"
        )
        con.execute("INSERT INTO sources VALUES (1, 'old.xlsx', 'abc', 'xlsx', 10, now(), 'warning', NULL)")
    with Warehouse(db) as warehouse:
        assert warehouse.load(excel_plan).status == "review"
        rows = warehouse.query("SELECT source_id, status, status_reason IS NULL AS no_reason FROM sources ORDER BY 1")
        assert rows.values.tolist() == [[1, "warning", True], [2, "review", False]]
