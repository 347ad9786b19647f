"""Period headers of every grain, and how relative ones ("janv.", "T1", "Mois 3") get their year."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from core.periods import (
    PeriodKey,
    anchor_periods,
    is_relative,
    next_period,
    period_name,
    period_of,
    period_record,
    years_in,
)
from core.records import Period
from core.text import match_key
from ingest import excel
from ingest.headers import group_years, header_of, is_mark, month_initials

MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def _name(text: str) -> str | None:
    key = period_of(match_key(text))
    return None if key is None else period_name(key)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # years and semesters, as read before finer grains
        ("2024", "2024"),
        ("Année 2024", "2024"),
        ("1° semestre 2022", "2022-S1"),
        ("2ème semestre 2022", "2022-S2"),
        ("S1 2024", "2024-S1"),
        ("S2-2024", "2024-S2"),
        ("2024 S1", "2024-S1"),
        ("Semestre 2 2023", "2023-S2"),
        # quarters
        ("T1 2024", "2024-Q1"),
        ("Q2 2025", "2025-Q2"),
        ("2024-T3", "2024-Q3"),
        ("1er trimestre 2024", "2024-Q1"),
        ("4ème trimestre 2026", "2026-Q4"),
        ("Trim. 2 2024", "2024-Q2"),
        # months
        ("janvier 2024", "2024-01"),
        ("Janv. 2024", "2024-01"),
        ("janv-24", "2024-01"),
        ("févr. 2025", "2025-02"),
        ("Décembre 2024", "2024-12"),
        ("01/2024", "2024-01"),
        ("9/2024", "2024-09"),
        ("2024-01", "2024-01"),
        ("2024/11", "2024-11"),
        ("September 2024", "2024-09"),
        # days name their month
        ("01/03/2024", "2024-03"),
        ("2024-03-15", "2024-03"),
        ("2024-03-15 00:00:00", "2024-03"),
        # weeks; "S1 2024" above stays a semester
        ("Semaine 12 2024", "2024-W12"),
        ("Sem. 5 2024", "2024-W05"),
        ("2024-W12", "2024-W12"),
        ("S12 2024", "2024-W12"),
        # relative: no year in the header
        ("janv.", "?-01"),
        ("Août", "?-08"),
        ("T1", "?-Q1"),
        ("Q4", "?-Q4"),
        ("1er trimestre", "?-Q1"),
        ("S1", "?-S1"),
        ("Semaine 12", "?-W12"),
        ("W3", "?-W03"),
        ("S12", "?-W12"),
        ("M1", "month 1 of the plan"),
        ("Mois 12", "month 12 of the plan"),
        # abbreviated ordinals, "En 2024", and spans of months that make a semester or a quarter
        ("1er sem.", "?-S1"),
        ("2e sem. 2025", "2025-S2"),
        ("1er trim. 2024", "2024-Q1"),
        ("3e trim.", "?-Q3"),
        ("En 2024", "2024"),
        ("Janv-Juin", "?-S1"),
        ("Juil. - Déc. 2024", "2024-S2"),
        ("avril à juin 2025", "2025-Q2"),
        # a day without its year (a weekly Gantt's Mondays) names its month
        ("09/01", "?-01"),
        ("27/02", "?-02"),
    ],
)
def test_period_of_reads_every_grain(text: str, name: str) -> None:
    assert _name(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "Action",
        "Pilote",
        "Échéance",
        "2019-2020",
        "31/02/2024",
        "13/2024",
        "Semaine 53 2024",
        "Mois 0",
        "marsupial",
        "Mars-Avril",  # two months make no semester nor quarter
        "Juin-Janv",
        "31/02",
    ],
)
def test_what_is_not_a_period(text: str) -> None:
    assert _name(text) is None


def test_relative_keys_say_so_and_have_no_record_until_anchored() -> None:
    assert is_relative(_key("janv.")) and is_relative(_key("Mois 3")) and not is_relative(_key("janv. 2024"))
    with pytest.raises(ValueError, match="anchor"):
        period_record(_key("T1"), "A1")
    (anchored,) = anchor_periods({3: _key("T1")}, sheet_years=[2025]).values()
    assert not is_relative(anchored) and period_record(anchored, "A1") == Period(2025, 1, "A1", quarter=1)


def test_a_finer_grain_fills_the_coarser_ones() -> None:
    def record(text: str) -> Period:
        key = period_of(match_key(text))
        assert key is not None
        return period_record(key, "P!C3")

    assert record("2024") == Period(2024, None, "P!C3")
    assert record("S2 2024") == Period(2024, 2, "P!C3")
    assert record("T3 2024") == Period(2024, 2, "P!C3", quarter=3)
    assert record("mars 2024") == Period(2024, 1, "P!C3", quarter=1, month=3)
    assert record("Semaine 12 2024") == Period(2024, 1, "P!C3", quarter=1, month=3)  # its Thursday: 21 March


def test_a_key_still_unpacks_as_year_and_semester() -> None:
    key = period_of(match_key("oct. 2024"))
    assert key is not None
    year, semester = key  # readers written for (year, semester) keys
    assert (year, semester) == (2024, 2)
    assert period_record((year, semester), "A1") == Period(2024, 2, "A1")


def test_next_period_steps_at_the_same_grain() -> None:
    def after(text: str) -> str:
        key = period_of(match_key(text))
        assert key is not None
        return period_name(next_period(key))

    assert after("2024") == "2025"
    assert after("S2 2024") == "2025-S1"
    assert after("T4 2024") == "2025-Q1"
    assert after("nov. 2024") == "2024-12"
    assert after("déc. 2024") == "2025-01"
    assert after("Semaine 52 2024") == "2025-W01"
    assert after("Semaine 52 2026") == "2026-W53"  # 2026 has 53 ISO weeks


def _key(text: str) -> PeriodKey:
    key = period_of(match_key(text))
    assert key is not None, text
    return key


def _keys(*texts: str) -> dict[int, PeriodKey]:
    return {col: _key(text) for col, text in enumerate(texts, start=2)}


def _names(anchored: dict[int, PeriodKey]) -> list[str]:
    return [period_name(anchored[col]) for col in sorted(anchored)]


def test_relative_months_take_the_year_of_the_group_row_above() -> None:
    keys = _keys(*MONTHS, *MONTHS[:2])
    anchored = anchor_periods(keys, column_years={2: 2024, 14: 2025})
    assert _names(anchored)[:3] == ["2024-01", "2024-02", "2024-03"]
    assert _names(anchored)[11:] == ["2024-12", "2025-01", "2025-02"]


def test_one_year_cell_over_two_years_of_months_wraps_too() -> None:
    keys = _keys(*MONTHS, *MONTHS)
    anchored = anchor_periods(keys, column_years=group_years(["", "", "2024", *[""] * 23]))
    assert _names(anchored)[11:13] == ["2024-12", "2025-01"] and _names(anchored)[-1] == "2025-12"


def test_months_that_wrap_from_december_to_january_add_a_year() -> None:
    keys = _keys("sept.", "oct.", "nov.", "déc.", "janv.", "févr.")
    anchored = anchor_periods(keys, column_years={2: 2024})
    assert _names(anchored) == ["2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-02"]
    quarters = anchor_periods(_keys("T3", "T4", "T1", "T2"), sheet_years=[2024])
    assert _names(quarters) == ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]


def test_a_year_in_the_sheet_title_anchors_what_has_no_group_row() -> None:
    anchored = anchor_periods(_keys("T1", "T2", "T3", "T4"), sheet_years=[2025, 2027])
    assert _names(anchored) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert _names(anchor_periods(_keys("T1", "T2"))) == ["?-Q1", "?-Q2"]


def test_mois_n_counts_from_the_plans_first_month() -> None:
    keys = _keys("Mois 1", "Mois 2", "Mois 5", "Mois 13")
    first = _key("sept. 2024")
    anchored = anchor_periods(keys, first_month=first)
    assert _names(anchored) == ["2024-09", "2024-10", "2025-01", "2025-09"]
    by_year = anchor_periods(keys, sheet_years=[2024])
    assert _names(by_year) == ["2024-01", "2024-02", "2024-05", "2025-01"]


def test_header_of_anchors_months_on_a_year_in_the_row_and_keeps_the_others_aside() -> None:
    header = header_of(4, ["Action", "Pilote", "nov. 2024", "déc.", "janv.", "févr."])
    assert header is not None
    assert [period_name(header.periods[col]) for col in sorted(header.periods)] == [
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
    ]
    relative = header_of(4, ["Action", "Pilote", *MONTHS])
    assert relative is not None and not relative.periods
    assert sorted(relative.relative_periods) == list(range(2, 14))


def test_context_years_from_a_group_row_and_a_title() -> None:
    assert group_years(["Action", "", "2024", "", "", "Année 2025", ""]) == {
        2: 2024,
        3: 2024,
        4: 2024,
        5: 2025,
        6: 2025,
    }
    assert group_years(["Action", "Pilote", "janv."]) == {}
    assert years_in("Plan d'action 2024-2026") == (2024, 2026)
    assert years_in("Feuille de route") == ()
    keys = _keys("Mois 1", "Mois 2")
    assert _names(anchor_periods(keys, sheet_years=years_in("Projet 2025 – 2027"))) == ["2025-01", "2025-02"]


def test_a_mark_says_planned_and_a_word_or_zero_does_not() -> None:
    for mark in ("X", "x", "✓", "•", "●", "■", "1", "oui", "Oui", "×"):
        assert is_mark(mark), mark
    for text in ("", "non", "0", "en cours"):
        assert not is_mark(text), text


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_excel_months_with_a_year_in_the_header_row_are_read_as_months(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "months.xlsx",
        [
            ["Plan d'action 2024-2025"],
            ["Action", "Pilote", "Indicateur", "nov. 2024", "déc.", "janv.", "févr."],
            ["Former les bénévoles", "DG", "Nombre", "X", "X", "", ""],
            ["Ouvrir un accueil", "CA", "Ouverture", "", "", "•", "x"],
        ],
    )
    plan = excel.extract(path)
    periods = [[(p.year, p.month, p.ref) for p in action.periods] for action in plan.actions]
    assert periods == [
        [(2024, 11, "Plan!D3"), (2024, 12, "Plan!E3")],
        [(2025, 1, "Plan!F4"), (2025, 2, "Plan!G4")],
    ]


def test_excel_months_under_a_year_group_row(tmp_path: Path) -> None:
    """ "janv." … "déc." under a "2024" group row take their year from it; months without any
    year in the sheet are not read, and say so."""
    marks = ["X", "X", "X", "", "", "", "", "", "", "", "", "X"]
    path = _workbook(
        tmp_path / "group.xlsx",
        [
            ["", "", "2024"],
            ["Action", "Pilote", *MONTHS],
            ["Former les bénévoles", "DG", *marks],
        ],
    )
    (action,) = excel.extract(path).actions
    assert [(p.year, p.semester, p.quarter, p.month, p.ref) for p in action.periods] == [
        (2024, 1, 1, 1, "Plan!C3"),
        (2024, 1, 1, 2, "Plan!D3"),
        (2024, 1, 1, 3, "Plan!E3"),
        (2024, 2, 4, 12, "Plan!N3"),
    ]
    yearless = _workbook(tmp_path / "yearless.xlsx", [["Action", "Pilote", *MONTHS], ["Former", "DG", *marks]])
    plan = excel.extract(yearless)
    assert [a.periods for a in plan.actions] == [()]
    assert [f.location for f in plan.findings if f.kind == "unanchored-period"] == ["Plan!C1"]


def test_a_run_of_month_initials_names_months_when_one_start_spells_it() -> None:
    initials = month_initials(["Action", "J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D", "J"])
    assert [(col, key.index) for col, key in sorted(initials.items())][:3] == [(1, 1), (2, 2), (3, 3)]
    assert initials[13].index == 1 and all(key.year is None for key in initials.values())
    assert month_initials(["J", "A", "S", "O", "N", "D"])[0].index == 7
    assert month_initials(["A", "B", "C", "D", "E", "F"]) == {}  # not the months' letters
    assert month_initials(["M", "A", "M", "J"]) == {}  # too short to tell


def test_day_headers_wrap_to_the_next_year_by_their_days_not_their_months() -> None:
    anchored = anchor_periods(_keys("02/01", "09/01", "30/01", "06/02", "25/12", "01/01"), sheet_years=(2024,))
    assert _names(anchored) == ["2024-01", "2024-01", "2024-01", "2024-02", "2024-12", "2025-01"]
