"""Give every action its axis, strategic and operational objective.

Sheets spread these over many rows (merged cells, texts written once per group, texts in
the wrong column). The rules, in order of trust:

1. a text starting with a level word ("Axe", "Engagement n°8", "Objectif opérationnel
   1.2") belongs to that level, whatever its column;
2. a text written on a row (not spread from a merged cell) belongs to the group of that
   row's action code: strategic objective by the code's first number, operational
   objective by its first two; the axis follows the strategic group;
3. a text spread from a merged cell comes next;
4. otherwise the value is filled down from the previous action of the same parent
   group, and a finding says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core import findings as kinds
from core.findings import FIELDS_FR, Words
from core.records import HIERARCHY_FIELDS, Finding, RawAction
from core.text import clean, match_key
from normalize import rules

_LABELS = {
    "axis": "axis",
    "strategic_objective": "strategic objective",
    "operational_objective": "operational objective",
}


@dataclass(frozen=True)
class Slot:
    text: str
    ref: str
    inherited: bool
    key: str | None  # the code group this text belongs to


def group_key(level: str, code: str | None) -> str | None:
    """The code prefix shared by the actions of one group at `level`."""
    if not code or "." not in code:
        return None
    parts = code.split(".")
    if level == "operational_objective":
        return ".".join(parts[:2]) if len(parts) >= 3 else None
    return parts[0]  # axis and strategic objective are grouped by the first number


def _level_of(text: str) -> tuple[str | None, str | None]:
    key = match_key(text)
    for pattern, level in rules.LEVEL_PATTERNS:
        found = pattern.match(key)
        if found:
            return level, found.groupdict().get("num")
    return None, None


def _slots(action: RawAction, code: str | None, index: int, findings: list[Finding]) -> dict[str, Slot]:
    slots: dict[str, Slot] = {}
    for column in HIERARCHY_FIELDS:
        cell = action.cells.get(column)
        if cell is None or not clean(cell.text):
            continue
        level, number = _level_of(cell.text)
        level = level or column
        if level != column and not cell.inherited:
            # The hierarchy's French names all start with a vowel: "l'axe", "l'objectif …".
            in_column = Words(_LABELS[column], FIELDS_FR[column])
            reads_as = Words(_LABELS[level], "l'" + FIELDS_FR[level])
            finding = kinds.MISPLACED_HIERARCHY.finding(
                cell.ref, index, text=clean(cell.text)[:60], column=in_column, level=reads_as
            )
            findings.append(finding)
        key = number if number and level != "axis" else group_key(level, code)
        current = slots.get(level)
        if current is None or (current.inherited and not cell.inherited):
            slots[level] = Slot(clean(cell.text), cell.ref, cell.inherited, key)
    return slots


def resolve(
    actions: Sequence[RawAction], codes: Sequence[str | None], is_action: Sequence[bool]
) -> tuple[list[dict[str, str | None]], list[Finding]]:
    """Return the hierarchy of each row (heading rows included) and the findings."""
    findings: list[Finding] = []
    slots = [_slots(action, code, i, findings) for i, (action, code) in enumerate(zip(actions, codes, strict=True))]
    explicit: dict[tuple[str, str], str] = {}
    spread: dict[tuple[str, str], str] = {}
    for row in slots:
        for level, slot in row.items():
            if slot.key is not None:
                (spread if slot.inherited else explicit).setdefault((level, slot.key), slot.text)
    resolved: list[dict[str, str | None]] = []
    previous: dict[str, str | None] = dict.fromkeys(HIERARCHY_FIELDS)
    previous_code: str | None = None
    for index, (row, code) in enumerate(zip(slots, codes, strict=True)):
        values: dict[str, str | None] = {}
        for level in HIERARCHY_FIELDS:
            key = group_key(level, code)
            own = row.get(level)
            candidates = (
                own.text if own and not own.inherited else None,
                explicit.get((level, key)) if key else None,
                own.text if own else None,
                spread.get((level, key)) if key else None,
            )
            value = next((c for c in candidates if c), None)
            if value is None:
                value = _fill_down(level, code, previous_code, previous, values)
                if value and level != "axis" and is_action[index]:
                    missing = Words(_LABELS[level], "d'" + FIELDS_FR[level])
                    finding = kinds.INFERRED_HIERARCHY.finding(
                        actions[index].location, index, level=missing, value=value[:60]
                    )
                    findings.append(finding)
            values[level] = value
        resolved.append(values)
        previous = values
        previous_code = code if is_action[index] else previous_code
    return resolved, findings


def _fill_down(
    level: str,
    code: str | None,
    previous_code: str | None,
    previous: dict[str, str | None],
    current: dict[str, str | None],
) -> str | None:
    """The previous row's value, unless a higher level changed or the code left the group."""
    higher = HIERARCHY_FIELDS[: HIERARCHY_FIELDS.index(level)]
    if any(current.get(name) != previous.get(name) for name in higher):
        return None  # a higher level changed (the axis, even when both rows lack a strategic objective)
    left_group = group_key("strategic_objective", code) != group_key("strategic_objective", previous_code)
    if level == "operational_objective" and code and previous_code and left_group:
        return None
    return previous.get(level)
