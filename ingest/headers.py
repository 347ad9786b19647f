"""Header rows shared by every grid-shaped source (Excel sheets, Word tables).

A header row maps columns to canonical fields through `core.header_rules.HEADER_SYNONYMS`
and to periods through `core.periods` (the period vocabulary every stage shares); labels
("Pilote : DG") in Word fiches use the same synonyms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from core.header_rules import HEADER_SYNONYMS
from core.periods import PeriodKey, anchor_periods, period_of
from core.text import match_key
from ingest import rules


@dataclass(frozen=True)
class Header:
    row: int
    fields: dict[str, int]
    periods: dict[int, PeriodKey]
    # Period columns whose year the row does not give ("janv.", "T1"): `anchor_periods`
    # resolves them from the context (a year row above, the title); until then no reader uses them.
    relative_periods: dict[int, PeriodKey] = field(default_factory=dict)


def header_of(row: int, values: Sequence[str]) -> Header | None:
    """The header read from `values`, or None when the row does not name enough fields."""
    fields, found = named_columns(values, field_of)
    found.update(month_initials(values))
    score = len(fields) + (1 if found else 0)
    if "label" not in fields or score < rules.MIN_HEADER_FIELDS:
        return None
    anchored = anchor_periods(found)  # a year in the row itself ("janv. 2024 | févr. | …")
    periods = {col: key for col, key in anchored.items() if key.year is not None}
    relative = {col: key for col, key in anchored.items() if key.year is None}
    return Header(row, fields, periods, relative)


def named_columns(
    values: Sequence[str], name_of: Callable[[str], str | None]
) -> tuple[dict[str, int], dict[int, PeriodKey]]:
    """The field each cell of a header row names (`name_of` a match key; the first column naming
    a field keeps it), and the period each names."""
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
        name = name_of(key)
        if name is not None and name not in fields:
            fields[name] = col
    return fields, periods


@lru_cache(maxsize=8192)  # called for every cell of every row (repeated-header check): cache by key
def field_of(key: str) -> str | None:
    """The field a header names (`key` is a `match_key`): exact synonym, or synonym then punctuation."""
    best: tuple[int, str] | None = None
    for name, synonyms in HEADER_SYNONYMS.items():
        for synonym in synonyms:
            exact = key == synonym
            prefix = key.startswith(synonym) and not key[len(synonym)].isalnum() if len(key) > len(synonym) else False
            if (exact or prefix) and (best is None or len(synonym) > best[0]):
                best = (len(synonym) + (1000 if exact else 0), name)
    return best[1] if best else None


def month_initials(values: Sequence[str]) -> dict[int, PeriodKey]:
    """Columns of a run of month initials ("J | F | M | A | …"): one letter says no month alone,
    a run of them does when exactly one starting month spells it (relative keys, to anchor)."""
    found: dict[int, PeriodKey] = {}
    col = 0
    while col < len(values):
        end = col
        while end < len(values) and len(match_key(values[end])) == 1 and match_key(values[end]) in rules.MONTH_INITIALS:
            end += 1
        letters = "".join(match_key(v) for v in values[col:end])
        cycle = rules.MONTH_INITIALS * (len(letters) // len(rules.MONTH_INITIALS) + 2)
        starts = [k for k in range(len(rules.MONTH_INITIALS)) if cycle[k : k + len(letters)] == letters]
        if len(letters) >= rules.MIN_MONTH_INITIALS and len(starts) == 1:
            found.update({col + k: PeriodKey("month", None, (starts[0] + k) % 12 + 1) for k in range(len(letters))})
        col = end + 1
    return found


def group_years(values: Sequence[str]) -> dict[int, int]:
    """The year each column takes from a group row above the header ("" | "2024" | "" | "2025"):
    a year cell and every column to its right up to the next one (a merged cell spans them)."""
    years: dict[int, int] = {}
    current: int | None = None
    for col, value in enumerate(values):
        key = period_of(match_key(value)) if value.strip() else None
        if key is not None and key.grain == "year" and key.year is not None:
            current = key.year
        if current is not None:
            years[col] = current
    return years


def is_mark(value: str) -> bool:
    """Whether a cell under a period header says "planned then" (`X`, `✓`, `1`, `oui`...)."""
    return match_key(value) in rules.MARKS
