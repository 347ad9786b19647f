"""Months and quarters in the warehouse: they load, and the (year, semester) questions answer as before."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from core.records import Cell, Metadata, Period, RawAction, RawPlan, Source
from normalize import NormalizedPlan, normalize
from warehouse import Warehouse
from warehouse.queries import show_plan


def _plan(title: str, digit: str, periods: Sequence[tuple[Period, ...]]) -> NormalizedPlan:
    source = Source(f"/tmp/{digit}.xlsx", f"{digit}.xlsx", digit * 64, 1, "xlsx")
    actions = tuple(
        RawAction(f"Plan!B{row}", {"label": Cell(f"Action {row}", f"Plan!B{row}")}, marks)
        for row, marks in enumerate(periods, start=3)
    )
    return normalize(RawPlan(source, Metadata(title=title, organization="Asso"), actions))


# The same two actions, once as a grid of months and quarters, once as a grid of semesters.
_FINE = [
    (Period(2024, 1, "C3", 1, 1), Period(2024, 1, "D3", 1, 2), Period(2024, 2, "K3", 3, 9)),
    (Period(2025, 2, "E4", 4), Period(2026, None, "F4")),
]
_COARSE = [
    (Period(2024, 1, "C3"), Period(2024, 2, "D3")),
    (Period(2025, 2, "E4"), Period(2026, None, "F4")),
]


def _semesters(warehouse: Warehouse, title: str) -> list[tuple[object, ...]]:
    rows = warehouse.query(
        "SELECT a.label, s.period, s.year_only FROM schedule_semesters s JOIN actions a USING (action_id) "
        "JOIN plans p ON p.plan_id = a.plan_id WHERE p.title = ? ORDER BY ALL",
        [title],
    )
    return list(rows.itertuples(index=False, name=None))


def test_months_and_quarters_load_and_semester_queries_answer_the_same(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        warehouse.load(_plan("Plan mensuel", "1", _FINE))
        warehouse.load(_plan("Plan semestriel", "2", _COARSE))
        assert _semesters(warehouse, "Plan mensuel") == _semesters(warehouse, "Plan semestriel")
        assert len(_semesters(warehouse, "Plan mensuel")) == 5  # 2024-S1, 2024-S2, 2025-S2, 2026-S1, 2026-S2
        stored = warehouse.query(
            "SELECT year, semester, quarter, month FROM action_schedule JOIN actions USING (action_id) "
            "WHERE label = 'Action 3' AND plan_id = 1 ORDER BY ALL"
        )
        assert list(stored.itertuples(index=False, name=None)) == [(2024, 1, 1, 1), (2024, 1, 1, 2), (2024, 2, 3, 9)]
        months = warehouse.query(
            "SELECT a.label, m.period, m.quarter, m.quarter_only FROM schedule_months m "
            "JOIN actions a USING (action_id) WHERE m.plan_id = 1 ORDER BY ALL"
        )
        assert list(months.itertuples(index=False, name=None)) == [
            ("Action 3", "2024-01", 1, False),
            ("Action 3", "2024-02", 1, False),
            ("Action 3", "2024-09", 3, False),
            ("Action 4", "2025-10", 4, True),
            ("Action 4", "2025-11", 4, True),
            ("Action 4", "2025-12", 4, True),
        ]
        current = warehouse.query(
            "SELECT label, start_year, start_semester, start_quarter, start_month, end_year, end_month "
            "FROM current_actions WHERE plan_id = 1 ORDER BY label"
        )
        assert current.astype(object).where(current.notna(), None).values.tolist() == [
            ["Action 3", 2024, 1, 1, 1, 2024, 9],
            ["Action 4", 2025, 2, 4, None, 2026, None],
        ]
        outline = show_plan(warehouse, "1")
        assert list(outline.actions["schedule"]) == ["2024-01 2024-02 2024-09", "2025-Q4 2026"]


def test_an_older_warehouse_gains_the_new_columns(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as warehouse:
        warehouse.load(_plan("Plan semestriel", "2", _COARSE))
        for table, column in [
            ("action_schedule", "quarter"),
            ("action_schedule", "month"),
            *(("actions", name) for name in ("start_quarter", "start_month", "end_quarter", "end_month")),
        ]:
            warehouse.con.execute(f"ALTER TABLE {table} DROP COLUMN {column}").fetchall()
        warehouse.con.execute("CREATE OR REPLACE VIEW current_actions AS SELECT 1 AS x").fetchall()
        warehouse.con.execute("DROP TABLE warehouse_info").fetchall()  # made before the schema fingerprint
    older = tmp_path / "older.duckdb"
    shutil.copy(tmp_path / "w.duckdb", older)
    with Warehouse(older) as warehouse:
        warehouse.load(_plan("Plan mensuel", "1", _FINE))
        assert _semesters(warehouse, "Plan mensuel") == _semesters(warehouse, "Plan semestriel")
        months = warehouse.query("SELECT count(*) AS n FROM action_schedule WHERE month IS NOT NULL")
        assert int(months["n"].iloc[0]) == 3
