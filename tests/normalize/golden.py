"""Compare a normalized plan with a golden CSV written by hand from its seed."""

from __future__ import annotations

import csv
from typing import Any

import pandas as pd

from normalize import NormalizedPlan
from tests.conftest import GOLDEN


def read_golden(name: str) -> list[dict[str, str]]:
    with (GOLDEN / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, f"{name} is empty"
    return rows


def _period(year: Any, semester: Any) -> str:
    return str(year) if pd.isna(semester) else f"{year}-S{semester}"


def golden_rows(plan: NormalizedPlan, columns: list[str]) -> list[dict[str, str]]:
    """The plan's actions as golden rows: `schedule` is "2022-S1;2023" and `parent_label`
    the label of the parent action; every other column is the action's own, "" for NULL."""
    schedule: dict[int, list[str]] = {}
    for period in plan.schedule.to_dict("records"):
        schedule.setdefault(int(period["action_ref"]), []).append(_period(period["year"], period["semester"]))
    labels = dict(zip(plan.actions["action_ref"], plan.actions["label"], strict=True))
    rows: list[dict[str, str]] = []
    for action in plan.actions.to_dict("records"):
        row: dict[str, str] = {}
        for name in columns:
            if name == "schedule":
                row[name] = ";".join(schedule.get(int(action["action_ref"]), []))
            elif name == "parent_label":
                row[name] = "" if pd.isna(action["parent_ref"]) else labels[action["parent_ref"]]
            else:
                row[name] = "" if pd.isna(action[name]) else str(action[name])
        rows.append(row)
    return rows
