"""Header rows shared by every grid-shaped source (Excel sheets, Word tables).

A header row maps columns to canonical fields through `ingest.rules.HEADER_SYNONYMS`
and to periods through `ingest.rules.PERIOD_PATTERNS`; labels ("Pilote : DG") in Word
fiches use the same synonyms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ingest import rules
from ingest.records import Period
from ingest.text import match_key

PeriodKey = tuple[int, int | None]


@dataclass(frozen=True)
class Header:
    row: int
    fields: dict[str, int]
    periods: dict[int, PeriodKey]


def header_of(row: int, values: Sequence[str]) -> Header | None:
    """The header read from `values`, or None when the row does not name enough fields."""
    fields: dict[str, int] = {}
    periods: dict[int, PeriodKey] = {}
    for col, value in enumerate(values):
        key = match_key(value)
        if not key:
            continue
        period = period_of(key)
        if period is not None:
            periods[col] = period
            continue
        name = field_of(key)
        if name is not None and name not in fields:
            fields[name] = col
    score = len(fields) + (1 if periods else 0)
    if "label" not in fields or score < rules.MIN_HEADER_FIELDS:
        return None
    return Header(row, fields, periods)


@lru_cache(maxsize=8192)  # called for every cell of every row (repeated-header check): cache by key
def field_of(key: str) -> str | None:
    """The field a header names (`key` is a `match_key`): exact synonym, or synonym then punctuation."""
    best: tuple[int, str] | None = None
    for name, synonyms in rules.HEADER_SYNONYMS.items():
        for synonym in synonyms:
            exact = key == synonym
            prefix = key.startswith(synonym) and not key[len(synonym)].isalnum() if len(key) > len(synonym) else False
            if (exact or prefix) and (best is None or len(synonym) > best[0]):
                best = (len(synonym) + (1000 if exact else 0), name)
    return best[1] if best else None


@lru_cache(maxsize=8192)
def period_of(key: str) -> PeriodKey | None:
    """The period a header names ("1° semestre 2022" -> (2022, 1)), or None."""
    for pattern in rules.PERIOD_PATTERNS:
        found = pattern.match(key)
        if found:
            groups = found.groupdict()
            semester = rules.SEMESTER_WORDS[groups["sem"]] if groups.get("sem") else None
            return int(groups["year"]), semester
    return None


def period_name(period: PeriodKey) -> str:
    year, semester = period
    return f"{year}-S{semester}" if semester else str(year)


def next_period(period: PeriodKey) -> PeriodKey:
    """The period after `period`, at the same grain (an unlabelled column after the last one)."""
    year, semester = period
    if semester is None:
        return year + 1, None
    return (year, 2) if semester == 1 else (year + 1, 1)


def period_record(period: PeriodKey, ref: str) -> Period:
    """The `Period` a source cell marks under the column of `period` (one place builds them)."""
    year, semester = period
    return Period(year, semester, ref)


def is_mark(value: str) -> bool:
    """Whether a cell under a period header says "planned then" (`X`, `✓`, `1`, `oui`...)."""
    return match_key(value) in rules.MARKS
