"""Periods as plans name them: "1° semestre 2022", "T1 2024", "janv.", "Mois 3", "Semaine 12".

A `PeriodKey` is what a header cell, a deadline or a date text names; every stage reads
periods through this module (the vocabulary is `core.period_rules`): ingest for header
rows, normalize for deadlines and dates.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from core import period_rules as rules
from core.records import Period

_COUNT = {"semester": 2, "quarter": 4, "month": 12}


@dataclass(frozen=True)
class PeriodKey:
    """A period named by a header. Opaque outside this module: build it with `period_of`,
    read it with `period_record` / `period_name`, step with `next_period`, anchor with
    `anchor_periods`.

    `year` is None for a relative header ("janv.", "T1", "S1") until `anchor_periods` gives
    it one; `from_start` marks "Mois 3", counted from the plan's first month.
    """

    grain: str  # "year", "semester", "quarter", "month" or "week"
    year: int | None
    index: int | None = None  # semester 1-2, quarter 1-4, month 1-12, week 1-53
    from_start: bool = False
    day: int | None = None  # a day header ("09/01") names its month; its day orders the columns

    def __iter__(self) -> Iterator[int | None]:
        # Readers written before finer grains unpack `(year, semester)`; they keep working.
        return iter((self.year, _semester(self)))


@lru_cache(maxsize=8192)
def period_of(key: str) -> PeriodKey | None:
    """The period a header names (`key` is a `match_key`), or None: "1° semestre 2022",
    "T1 2024", "janvier 2024", "01/2024", "janv." (relative), "Mois 3", "Semaine 12"."""
    for pattern in rules.PERIOD_PATTERNS:
        found = pattern.match(key)
        period = _key_of({name: text for name, text in found.groupdict().items() if text}) if found else None
        if period is not None:  # else a later pattern may still read it ("sem 12" is not a month word)
            return period
    return None


def _key_of(groups: dict[str, str]) -> PeriodKey | None:
    year = _year(groups.get("year"))
    if "rel" in groups:
        return PeriodKey("month", None, int(groups["rel"]), from_start=True)
    if "mfrom" in groups:
        return _month_span(year, rules.MONTH_WORDS.get(groups["mfrom"]), rules.MONTH_WORDS.get(groups["mto"]))
    if "week" in groups:
        return _week(year, int(groups["week"]))
    if "mname" in groups:
        month = rules.MONTH_WORDS.get(groups["mname"])
        return PeriodKey("month", year, month) if month else None
    if "month" in groups:
        month = int(groups["month"])
        if "day" in groups and not _is_date(year, month, int(groups["day"])):
            return None
        day = int(groups["day"]) if "day" in groups and year is None else None
        return PeriodKey("month", year, month, day=day) if 1 <= month <= 12 else None
    if "quarter" in groups:
        return PeriodKey("quarter", year, rules.QUARTER_WORDS[groups["quarter"]])
    if "sem" in groups:
        return PeriodKey("semester", year, rules.SEMESTER_WORDS[groups["sem"]])
    return PeriodKey("year", year) if year is not None else None


def _month_span(year: int | None, first: int | None, last: int | None) -> PeriodKey | None:
    """ "Janv-Juin": the semester, "Avr-Juin": the quarter those months make; any other span is none."""
    if first is None or last is None or last < first or (first - 1) % 3 or last % 3:
        return None
    months = last - first + 1
    if months == 6 and first in (1, 7):
        return PeriodKey("semester", year, 1 if first == 1 else 2)
    return PeriodKey("quarter", year, last // 3) if months == 3 else None


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) + rules.TWO_DIGIT_CENTURY if len(text) == 2 else int(text)


def _is_date(year: int | None, month: int, day: int) -> bool:
    try:
        date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def _week(year: int | None, week: int) -> PeriodKey | None:
    if year is not None and _thursday(year, week) is None:
        return None  # week 53 of a year that has 52
    return PeriodKey("week", year, week)


def _thursday(year: int, week: int) -> date | None:
    """The Thursday of ISO week `week`: the month it falls in is the week's month."""
    try:
        return date.fromisocalendar(year, week, 4)
    except ValueError:
        return None


def years_in(text: str) -> tuple[int, ...]:
    """The years a title names ("Plan d'action 2024-2026" -> 2024, 2026), first the earliest."""
    found = [int(year) for match in rules.YEAR_RANGE.finditer(text) for year in match.groups() if year]
    return tuple(sorted(found))


def anchor_periods(
    keys: Mapping[int, PeriodKey],
    column_years: Mapping[int, int] | None = None,
    sheet_years: Sequence[int] = (),
    first_month: PeriodKey | None = None,
) -> dict[int, PeriodKey]:
    """Give relative period columns (`keys`: column -> key) their year; anchored keys stay.

    Columns are walked left to right. A relative column takes, in this order: the year of a
    group header above it where that year changes (`column_years`, column -> year, from a
    "2024" row: `group_years`); else the running year (the last year seen to its left, a year
    more when its index does not grow: "déc." then "janv.", even under one "2024" cell spread
    over 24 months); else the first of `sheet_years` (years of the sheet title, "2024-2026", or the
    first year found in the sheet). "Mois N" counts from `first_month` (a month key, e.g.
    `period_of("sept 2024")`), else from January of the first year known. What finds no year
    stays relative.
    """
    groups = column_years or {}
    known = [key.year for key in keys.values() if key.year is not None]
    start_year = next(iter([*sheet_years, *(groups[c] for c in sorted(groups)), *known]), None)
    start = _month_number(first_month) if first_month is not None else None
    if start is None and start_year is not None:
        start = start_year * 12
    anchored: dict[int, PeriodKey] = {}
    running: int | None = None
    group: int | None = None
    previous: PeriodKey | None = None
    for col in sorted(keys):
        key = keys[col]
        if key.from_start:
            anchored[col] = _from_start(key, start)
        elif key.year is not None:
            anchored[col] = key
            running = key.year
        else:
            if col in groups and groups[col] != group:  # a new group cell ("2025")
                running = group = groups[col]
            elif running is not None and _wraps(previous, key):  # also under one group cell spread wide
                running += 1
            elif running is None and sheet_years:
                running = sheet_years[0]
            anchored[col] = replace(key, year=running)
        previous = key
    return anchored


def _month_number(key: PeriodKey) -> int | None:
    """Months since year 0 of a month key (None for any other key)."""
    if key.grain != "month" or key.year is None or key.index is None or key.from_start:
        return None
    return key.year * 12 + key.index - 1


def _from_start(key: PeriodKey, start: int | None) -> PeriodKey:
    if start is None or key.index is None:
        return key
    number = start + key.index - 1
    return PeriodKey("month", number // 12, number % 12 + 1)


def _wraps(previous: PeriodKey | None, key: PeriodKey) -> bool:
    """ "déc." then "janv.", "T4" then "T1": the next column starts a new year."""
    if previous is None or previous.grain != key.grain or previous.from_start:
        return False
    if previous.day is not None and key.day is not None:  # "30/01" then "06/02": days order them
        return (previous.index or 0, previous.day) >= (key.index or 0, key.day)
    return (previous.index or 0) >= (key.index or 0)


def _semester(key: PeriodKey) -> int | None:
    month = _month(key)
    if key.grain == "semester":
        return key.index
    if key.grain == "quarter" and key.index is not None:
        return 1 if key.index <= 2 else 2
    return None if month is None else (1 if month <= 6 else 2)


def _quarter(key: PeriodKey) -> int | None:
    if key.grain == "quarter":
        return key.index
    month = _month(key)
    return None if month is None else (month - 1) // 3 + 1


def _month(key: PeriodKey) -> int | None:
    if key.grain == "month" and not key.from_start:
        return key.index
    if key.grain == "week" and key.year is not None and key.index is not None:
        thursday = _thursday(key.year, key.index)
        return thursday.month if thursday else None
    return None


def _legacy(period: PeriodKey | tuple[int | None, int | None]) -> PeriodKey:
    """A `(year, semester)` pair from a reader that unpacked its key (word.py) as a key."""
    if isinstance(period, PeriodKey):
        return period
    year, semester = period
    return PeriodKey("semester", year, semester) if semester else PeriodKey("year", year)


def period_name(period: PeriodKey | tuple[int | None, int | None]) -> str:
    """ "2024", "2024-S1", "2024-Q1", "2024-03", "2024-W12"; a relative key says so."""
    key = _legacy(period)
    if key.from_start:
        return f"month {key.index} of the plan"
    year = "?" if key.year is None else str(key.year)
    match key.grain:
        case "semester":
            return f"{year}-S{key.index}"
        case "quarter":
            return f"{year}-Q{key.index}"
        case "month":
            return f"{year}-{key.index:02d}"
        case "week":
            return f"{year}-W{key.index:02d}"
    return year


def next_period(period: PeriodKey) -> PeriodKey:
    """The period after `period`, at the same grain (an unlabelled column after the last one)."""
    key = period
    if key.grain == "year" or key.index is None:
        return replace(key, year=None if key.year is None else key.year + 1)
    if key.from_start:
        return replace(key, index=key.index + 1)
    last = _COUNT.get(key.grain) or _weeks_in(key.year)
    if key.index < last:
        return replace(key, index=key.index + 1)
    return replace(key, year=None if key.year is None else key.year + 1, index=1)


def _weeks_in(year: int | None) -> int:
    return 52 if year is None or _thursday(year, 53) is None else 53


def is_relative(period: PeriodKey) -> bool:
    """Whether the key still waits for its year (`anchor_periods`): `period_record` needs one."""
    return period.year is None or period.from_start


def period_record(period: PeriodKey | tuple[int | None, int | None], ref: str) -> Period:
    """The `Period` a source cell marks under the column of `period` (one place builds them).

    A finer grain fills the coarser ones (March 2024: semester 1, quarter 1, month 3). The key
    must have its year (`Header.periods` keys do; relative ones go through `anchor_periods`).
    """
    key = _legacy(period)
    if key.year is None or is_relative(key):
        raise ValueError(f"period {period_name(key)} has no year: anchor it first (anchor_periods)")
    return Period(key.year, _semester(key), ref, _quarter(key), _month(key))
