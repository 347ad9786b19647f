"""Start, end and deadline dates become the schedule; month and quarter grids keep their grain."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from core.records import Cell, Metadata, Period, RawAction, RawPlan, Source, StatedCount
from ingest import excel
from normalize import NormalizedPlan, normalize
from normalize.fields import parse_date, parse_date_range, span


def _plan(*actions: RawAction) -> NormalizedPlan:
    source = Source("/tmp/p.xlsx", "p.xlsx", "0" * 64, 1, "xlsx")
    return normalize(RawPlan(source, Metadata(title="Plan d'action 2024-2026", organization="Les Amarres"), actions))


def _action(row: int, **texts: str) -> RawAction:
    cells = {"label": Cell(f"Action {row}", f"Plan!B{row}")}
    columns = {"start_date": "E", "end_date": "F", "deadline": "G"}
    cells.update({name: Cell(text, f"Plan!{columns[name]}{row}") for name, text in texts.items()})
    return RawAction(f"Plan!B{row}", cells)


def _schedule(plan: NormalizedPlan, ref: int = 0) -> list[tuple[Any, ...]]:
    rows = plan.schedule[plan.schedule["action_ref"] == ref]
    return [
        tuple(None if pd.isna(v) else int(v) for v in row)
        for row in rows[["year", "semester", "quarter", "month"]].itertuples(index=False)
    ]


def _action_row(plan: NormalizedPlan, ref: int = 0) -> dict[str, Any]:
    row = plan.actions.set_index("action_ref").loc[ref]
    names = ("start_year", "start_semester", "start_quarter", "start_month", "end_year", "end_semester", "end_month")
    return {name: None if pd.isna(row[name]) else int(row[name]) for name in names}


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("01/09/2024", (2024, 2, 3, 9)),
        ("2024-09-01", (2024, 2, 3, 9)),
        ("2024-09-01T00:00:00", (2024, 2, 3, 9)),
        ("sept. 2024", (2024, 2, 3, 9)),
        ("1er septembre 2024", (2024, 2, 3, 9)),
        ("T2 2025", (2025, 1, 2, None)),
        ("2e semestre 2025", (2025, 2, None, None)),
        ("2024", (2024, None, None, None)),
        ("sept.", None),
        ("à définir", None),
        ("32/01/2024", None),
    ],
)
def test_parse_date(text: str, slot: tuple[int | None, ...] | None) -> None:
    assert parse_date(text) == slot


def test_a_range_spans_the_coarser_grain_of_its_ends() -> None:
    assert span((2024, None, None, None), (2025, 2, 3, 9)) == ((2024, None, None, None), (2025, None, None, None))
    assert span((2024, 2, 4, 11), (2025, 1, 1, 1)) == ((2024, 2, 4, 11), (2024, 2, 4, 12), (2025, 1, 1, 1))
    assert span((2025, 1, 1, 1), (2024, 1, 1, 1)) is None
    assert parse_date_range("de janvier à mars 2025") == ((2025, 1, 1, 1), (2025, 1, 1, 2), (2025, 1, 1, 3))


def test_start_and_end_dates_make_the_months_they_span() -> None:
    plan = _plan(_action(3, start_date="01/11/2024", end_date="2025-02-28"))
    assert _schedule(plan) == [(2024, 2, 4, 11), (2024, 2, 4, 12), (2025, 1, 1, 1), (2025, 1, 1, 2)]
    assert _action_row(plan) == {
        "start_year": 2024,
        "start_semester": 2,
        "start_quarter": 4,
        "start_month": 11,
        "end_year": 2025,
        "end_semester": 1,
        "end_month": 2,
    }
    assert plan.anomalies.empty


def test_a_start_date_runs_to_the_deadline() -> None:
    plan = _plan(_action(3, start_date="sept. 2024", deadline="31/12/2024"))
    assert _schedule(plan) == [(2024, 2, 3, 9), (2024, 2, 4, 10), (2024, 2, 4, 11), (2024, 2, 4, 12)]


def test_a_start_date_alone_leaves_the_end_open() -> None:
    plan = _plan(_action(3, start_date="2024-03-01"))
    assert _schedule(plan) == [(2024, 1, 1, 3)]
    assert _action_row(plan)["start_month"] == 3 and _action_row(plan)["end_year"] is None


def test_year_deadlines_read_as_before_and_date_deadlines_give_their_month() -> None:
    plan = _plan(_action(3, deadline="2024-2025"), _action(4, deadline="Fin 2025"), _action(5, deadline="30/06/2025"))
    assert _schedule(plan, 0) == [(2024, None, None, None), (2025, None, None, None)]
    assert _schedule(plan, 1) == [(2025, 2, None, None)]
    assert _schedule(plan, 2) == [(2025, 1, 2, 6)]


def test_unreadable_and_backwards_dates_are_findings_at_their_cell() -> None:
    plan = _plan(
        _action(3, start_date="bientôt", end_date="2025"),
        _action(4, start_date="2026-01-01", end_date="2024-01-01"),
    )
    anomalies = dict(zip(plan.anomalies["location"], plan.anomalies["kind"], strict=True))
    assert anomalies == {"Plan!E3": "unreadable-date", "Plan!F4": "implausible-dates"}
    assert _schedule(plan, 0) == [(2025, None, None, None)]
    assert _schedule(plan, 1) == [(2024, 1, 1, 1), (2026, 1, 1, 1)]


def test_month_and_quarter_grids_keep_their_grain_and_still_count_in_their_semester() -> None:
    months = RawAction(
        "Plan!B3",
        {"label": Cell("Former", "Plan!B3")},
        (Period(2024, 1, "Plan!C3", 1, 1), Period(2024, 1, "Plan!D3", 1, 2), Period(2024, 2, "Plan!K3", 3, 9)),
    )
    quarters = RawAction("Plan!B4", {"label": Cell("Ouvrir", "Plan!B4")}, (Period(2025, 2, "Plan!E4", 4),))
    plan = _plan(months, quarters)
    assert _schedule(plan, 0) == [(2024, 1, 1, 1), (2024, 1, 1, 2), (2024, 2, 3, 9)]
    assert _schedule(plan, 1) == [(2025, 2, 4, None)]
    assert _action_row(plan, 1)["start_quarter"] == 4 and _action_row(plan, 1)["start_month"] is None


def test_counts_stated_per_month_or_quarter_are_reconciled_at_their_grain() -> None:
    action = RawAction("Plan!B3", {"label": Cell("Former", "Plan!B3")}, (Period(2024, 1, "Plan!E3", 1, 3),))
    counts = (
        StatedCount("2024-03", 1, "Plan!E9"),
        StatedCount("2024-Q1", 1, "Plan!F9"),
        StatedCount("2024-S1", 1, "Plan!G9"),
        StatedCount("2024-04", 1, "Plan!H9"),
    )
    source = Source("/tmp/p.xlsx", "p.xlsx", "0" * 64, 1, "xlsx")
    plan = normalize(
        RawPlan(source, Metadata(title="Plan 2024", organization="Les Amarres"), (action,), stated_counts=counts)
    )
    mismatches = plan.anomalies[plan.anomalies["kind"] == "count-mismatch"]
    assert list(mismatches["location"]) == ["Plan!H9"]


def test_start_and_end_date_columns_of_a_workbook_make_the_schedule(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan"
    sheet.append(["Plan d'actions 2024-2025"])
    sheet.append(["Action", "Pilote", "Date de début", "Fin"])
    sheet.append(["Former les bénévoles", "DG", dt.datetime(2024, 11, 4), dt.datetime(2025, 1, 31)])
    sheet.append(["Ouvrir un accueil", "CA", "sept. 2025", "à voir"])
    book.save(tmp_path / "dates.xlsx")
    plan = normalize(excel.extract(tmp_path / "dates.xlsx"))
    assert _schedule(plan, 0) == [(2024, 2, 4, 11), (2024, 2, 4, 12), (2025, 1, 1, 1)]
    assert _schedule(plan, 1) == [(2025, 2, 3, 9)]
    anomalies = dict(zip(plan.anomalies["location"], plan.anomalies["kind"], strict=True))
    assert anomalies == {"Plan!D4": "unreadable-date", "dates.xlsx": "no-organization"}
