"""Read plans back from the warehouse for export (read-only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from core.errors import WarehouseError
from warehouse import Warehouse


@dataclass(frozen=True)
class PlanData:
    """One plan version with its source, actions, schedule, anomalies and axis descriptions."""

    plan: dict[str, Any]
    actions: pd.DataFrame
    schedule: pd.DataFrame
    anomalies: pd.DataFrame
    axes: pd.DataFrame


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with missing values as None (pandas gives NaN, NA or NaT)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [{str(key): value for key, value in row.items()} for row in clean.to_dict("records")]


_PLAN_SQL = """
SELECT p.*, s.file_name, s.sha256, s.format, s.ingested_at
FROM plans p JOIN sources s USING (source_id)
"""


def select_plans(warehouse: Warehouse, selectors: tuple[str, ...]) -> list[int]:
    """Plan ids for `selectors` (plan ids or plan keys); every current plan when empty."""
    if not selectors:
        current = warehouse.query("SELECT plan_id FROM plans WHERE is_current ORDER BY plan_id")
        return [int(x) for x in current["plan_id"]]
    ids: list[int] = []
    for selector in selectors:
        if selector.isdigit():
            found = warehouse.query("SELECT plan_id FROM plans WHERE plan_id = ?", [int(selector)])
        else:
            found = warehouse.query(
                "SELECT plan_id FROM plans WHERE plan_key = ? ORDER BY is_current DESC, plan_id DESC LIMIT 1",
                [selector],
            )
        if found.empty:
            raise WarehouseError(str(warehouse.path), f"no plan '{selector}' (give a plan_id or a plan_key)")
        ids.append(int(found["plan_id"].iloc[0]))
    return ids


def read_plan(warehouse: Warehouse, plan_id: int) -> PlanData:
    plan = records(warehouse.query(_PLAN_SQL + " WHERE p.plan_id = ?", [plan_id]))[0]
    actions = warehouse.query(
        """
        SELECT a.*, parent.action_code AS parent_code, parent.label AS parent_label
        FROM actions a LEFT JOIN actions parent ON parent.action_id = a.parent_action_id
        WHERE a.plan_id = ? ORDER BY a.action_id
        """,
        [plan_id],
    )
    schedule = warehouse.query(
        "SELECT s.* FROM action_schedule s JOIN actions a USING (action_id) WHERE a.plan_id = ? "
        "ORDER BY s.action_id, s.year, s.semester NULLS FIRST, s.quarter NULLS FIRST, s.month NULLS FIRST",
        [plan_id],
    )
    anomalies = warehouse.query(
        """
        SELECT n.kind, n.location, a.action_code, a.label, n.message, coalesce(n.message_fr, n.message) AS message_fr
        FROM anomalies n JOIN plans p USING (source_id) LEFT JOIN actions a ON a.action_id = n.action_id
        WHERE p.plan_id = ? ORDER BY n.location, n.kind
        """,
        [plan_id],
    )
    axes = warehouse.query("SELECT axis, description, source_location FROM axes WHERE plan_id = ?", [plan_id])
    return PlanData(plan, actions, schedule, anomalies, axes)


def dataset_query() -> str:
    """Every action of the current plans with its plan, for the partitioned Parquet dataset."""
    return """
        SELECT p.organization, p.plan_key, p.title, p.period_start, p.period_end, p.version_label,
               s.file_name, s.sha256, a.*
        FROM actions a JOIN plans p USING (plan_id) JOIN sources s USING (source_id)
        WHERE p.is_current
    """


def default_out() -> Path:
    return Path("export/out")
