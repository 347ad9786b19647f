"""Field-level cleaning: codes, labels, statuses, progress, deadlines."""

from __future__ import annotations

import re

from core.periods import is_relative, period_of, period_record
from core.text import clean, match_key
from normalize import rules

PeriodKey = tuple[int, int | None]
# A schedule slot: (year, semester, quarter, month); a finer grain fills the coarser ones.
Slot = tuple[int, int | None, int | None, int | None]


def normalize_code(text: str) -> str | None:
    """'1.1.1.' -> '1.1.1'; 'Action 2.3' -> '2.3'; anything else that is not a code -> None."""
    value = clean(text).rstrip(".").upper()
    value = re.sub(r"^(?:FICHE\s+)?ACTION\s*(?:N°\s*)?", "", value)
    return value if rules.CODE.match(value) else None


def split_label(text: str) -> tuple[str | None, str]:
    """Split a code written at the start of a label: ('1.1.1', 'Définir ...')."""
    label = clean(text)
    found = rules.LABEL_CODE_PREFIX.match(label)
    if found and found.end() < len(label):
        return found.group("code"), label[found.end() :]
    return None, label


def parse_status(text: str) -> str | None:
    key = match_key(text)
    if key in rules.STATUS_WORDS:
        return rules.STATUS_WORDS[key]
    return next((status for word, status in rules.STATUS_WORDS.items() if key.startswith(word)), None)


def parse_health(text: str) -> str | None:
    return rules.HEALTH_WORDS.get(match_key(text))


def parse_progress(text: str) -> float | None:
    found = re.search(r"(\d+(?:[.,]\d+)?)\s*%?", text)
    if not found:
        return None
    number = found.group(1)
    value = float(number.replace(",", "."))
    if "%" not in text and value < 1 and any(sep in number for sep in ".,"):
        value *= 100  # a fraction such as 0,25
    return value


def is_open_ended(text: str) -> bool:
    """'depuis 2017' states a start, not an end."""
    return bool(rules.OPEN_ENDED_DEADLINE.match(match_key(text)))


def is_ongoing(text: str) -> bool:
    """'En continu', 'Permanent', 'Tout au long du plan': the action goes on, no period is named."""
    key = match_key(text)
    return any(pattern.match(key) for pattern in rules.ONGOING_DEADLINES)


def parse_deadline(text: str) -> tuple[PeriodKey, ...]:
    """'2019-2020' -> 2019, 2020; 'Début 2021' -> 2021 S1; unknown text -> ()."""
    key = re.sub(r"\s*-\s*", "-", match_key(text))
    for pattern, semester in rules.DEADLINE_PATTERNS:
        found = pattern.match(key)
        if not found:
            continue
        start = int(found.group("start"))
        end = int(found.group("end")) if found.groupdict().get("end") else start
        if semester is not None:
            return ((start, semester),)
        return tuple((year, None) for year in range(start, max(start, end) + 1))
    return ()


def slot_of(year: int, semester: int | None, quarter: int | None = None, month: int | None = None) -> Slot:
    return year, semester, quarter, month


def parse_date(text: str) -> Slot | None:
    """A start or end date: "01/09/2024", "2024-09-01", "1er sept. 2024" -> (2024, 2, 3, 9);
    "T3 2024" -> (2024, 2, 3, None); "2024" -> (2024, None, None, None); else None."""
    key = rules.DATE_DAY_PREFIX.sub("", match_key(text))
    period = period_of(key)
    if period is None or is_relative(period):  # a month or quarter without its year is no date
        return None
    record = period_record(period, "")
    return record.year, record.semester, record.quarter, record.month


def parse_date_range(text: str) -> tuple[Slot, ...]:
    """A deadline written as a date ("30/06/2025", "juin 2025") or a range of dates
    ("sept. 2024 - juin 2025"): the slots it spans; () when unreadable."""
    single = parse_date(text)
    if single is not None:
        return (single,)
    found = rules.DATE_RANGE.match(match_key(text))
    if not found:
        return ()
    start, end = parse_date(found.group("start")), parse_date(found.group("end"))
    if start is None and end is not None and end[3] is not None:
        start = parse_date(f"{found.group('start')} {end[0]}")  # "de janvier à mars 2025"
    if start is None or end is None:
        return ()
    return span(start, end) or ()


def _grain(slot: Slot) -> int:
    """0 year, 1 semester, 2 quarter, 3 month: the finest field the slot has."""
    return max((rank for rank, value in enumerate(slot) if value is not None), default=0)


_PER_YEAR = (1, 2, 4, 12)


def _ordinal(slot: Slot, grain: int) -> int:
    year, semester, quarter, month = slot
    parts = (0, (semester or 1) - 1, (quarter or 1) - 1, (month or 1) - 1)
    return year * _PER_YEAR[grain] + parts[grain]


def _slot_at(number: int, grain: int) -> Slot:
    year, index = divmod(number, _PER_YEAR[grain])
    if grain == 0:
        return slot_of(year, None)
    if grain == 1:
        return slot_of(year, index + 1)
    if grain == 2:
        return slot_of(year, 1 if index < 2 else 2, index + 1)
    return slot_of(year, 1 if index < 6 else 2, index // 3 + 1, index + 1)


def span(start: Slot, end: Slot) -> tuple[Slot, ...] | None:
    """Every slot from `start` to `end` at the coarser of their grains ("2024" to "sept. 2025":
    2024, 2025); None when the end comes before the start or the span is implausibly long."""
    grain = min(_grain(start), _grain(end))
    first, last = _ordinal(start, grain), _ordinal(end, grain)
    if last < first or last - first >= rules.MAX_DATE_SPAN:
        return None
    return tuple(_slot_at(number, grain) for number in range(first, last + 1))
