"""Field-level cleaning: codes, labels, statuses, progress, deadlines."""

from __future__ import annotations

import re

from ingest.text import clean, match_key
from normalize import rules

PeriodKey = tuple[int, int | None]


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
