"""Territoires en Transitions (ADEME) plan workbooks: the import template and the plan export.

A TeT sheet is recognised by its header vocabulary (`tet_rules.COLUMNS`, every version). Above
the header sit a title and group bands ("Présentation de l'action", "Acteurs"); below it, the
import template has a field-type row ("Champ texte") and an instruction row ("Si vos axes sont
numérotés...") before its example action. Those rows are recognised by content, never by
position. Each remaining row is a fiche action; a "Titre de la sous-action" makes the row a
sub-action of its fiche. A sheet with the header and no action is an empty template.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from core import findings as kinds
from core.findings import Words
from core.records import Cell, Finding, Period, RawAction
from core.text import clean, match_key
from ingest import tet_rules as rules
from ingest.headers import is_relative, period_of, period_record


class SheetGrid(Protocol):
    """What the reader needs of a sheet (`ingest.excel.Grid`)."""

    @property
    def sheet(self) -> str: ...
    @property
    def rows(self) -> tuple[tuple[str, ...], ...]: ...
    def ref(self, row: int, col: int) -> str: ...


@dataclass(frozen=True)
class Layout:
    """The header row and each column's role."""

    row: int
    roles: Mapping[int, str]


@lru_cache(maxsize=4096)
def column_key(text: str) -> str:
    """'Sous-axe (x.x)' -> 'sous axe'; 'Élu·e référent·e ' -> 'elu e referent e'."""
    key = re.sub(r"\([^)]*\)", " ", match_key(text))
    return " ".join(re.sub(r"[^\w]+", " ", key).split())


_COLUMNS = {column_key(text): role for text, role in rules.COLUMNS.items()}
_SIGNATURE = frozenset(column_key(text) for text in rules.SIGNATURE)


def role_of(header: str) -> str | None:
    """What a TeT header names: a field of FIELDS or a role of `tet_rules.COLUMNS`; None if unknown."""
    return _COLUMNS.get(column_key(header))


def layout_of(grid: SheetGrid) -> Layout | None:
    """The TeT header of the sheet, or None when the sheet is not a TeT sheet."""
    for row in range(min(len(grid.rows), rules.HEADER_SEARCH_ROWS)):
        keys = [column_key(value) for value in grid.rows[row]]
        roles = {col: _COLUMNS[key] for col, key in enumerate(keys) if key in _COLUMNS}
        if len(_SIGNATURE.intersection(keys)) >= rules.MIN_SIGNATURE and "label" in roles.values():
            return Layout(row, roles)
    return None


def is_tet_sheet(grid: SheetGrid) -> bool:
    return layout_of(grid) is not None


def read_sheet(grid: SheetGrid) -> tuple[list[RawAction], list[Finding]]:
    """The fiches and sous-actions of a TeT sheet; `RawAction.parent` indexes this sheet's list."""
    layout = layout_of(grid)
    if layout is None:
        return [], []
    actions: list[RawAction] = []
    findings: list[Finding] = []
    fiches: dict[str, int] = {}  # folded fiche title -> index, to attach sous-actions
    skipped: list[int] = []
    for row in range(layout.row + 1, len(grid.rows)):
        values = grid.rows[row]
        if not any(value.strip() for value in values):
            continue
        if _is_template_row(values):
            skipped.append(row)
            continue
        cells = _cells(grid, layout, row)
        periods = _periods(grid, layout, row)
        sub = cells.pop("sub_label", None)
        label = cells.get("label")
        if sub is None:
            if label is None:
                texts = "; ".join(clean(v) for v in values if v.strip())
                holds = Words(
                    f"holds no fiche title: '{texts[:120]}'", f"ne contient aucun titre de fiche : « {texts[:120]} »"
                )
                findings.append(kinds.NOTE_ROW.finding(grid.ref(row, 0), rows=Words("row", "la ligne"), holds=holds))
                continue
            fiches[match_key(label.text)] = len(actions)
            actions.append(RawAction(label.ref, cells, periods))
            continue
        parent = fiches.get(match_key(label.text)) if label else _last_fiche(actions)
        if parent is None and label is not None:  # a sous-action whose fiche has no row of its own
            fiche_cells = {name: cell for name, cell in cells.items() if name in _FICHE_FIELDS}
            parent = fiches[match_key(label.text)] = len(actions)
            actions.append(RawAction(label.ref, fiche_cells))
        cells["label"] = sub
        cells.pop("parent", None)  # the fiche is the parent; "Actions liées" of a sous-action is a link
        actions.append(RawAction(sub.ref, cells, periods, parent=parent))
    if skipped:
        rows = ", ".join(str(row + 1) for row in skipped)
        findings.append(kinds.TEMPLATE_ROW.finding(grid.ref(skipped[0], 0), rows=rows))
    if not actions:
        reason = Words(
            f"empty template: the Territoires en Transitions sheet '{grid.sheet}' has its header but no action",
            f"modèle vide : la feuille Territoires en Transitions « {grid.sheet} » a son en-tête mais aucune action",
        )
        findings.append(kinds.NOT_A_PLAN.finding(grid.ref(layout.row, 0), reason=reason))
    return actions, findings


def shifted(actions: Sequence[RawAction], offset: int) -> Iterator[RawAction]:
    """The actions with their `parent` moved by `offset` (sheets are concatenated)."""
    for action in actions:
        yield action if action.parent is None else replace(action, parent=action.parent + offset)


_FICHE_FIELDS = frozenset({"axis", "strategic_objective", "operational_objective", "label"})


def _last_fiche(actions: list[RawAction]) -> int | None:
    return next((i for i in range(len(actions) - 1, -1, -1) if actions[i].parent is None), None)


def _is_template_row(values: Sequence[str]) -> bool:
    """The field-type row or the instruction row: most of its cells are template text."""
    texts = [value for value in values if value.strip()]
    template = sum(1 for text in texts if _is_field_type(text) or _is_instruction(text))
    return len(texts) >= 2 and template >= rules.TEMPLATE_ROW_SHARE * len(texts)


def _is_field_type(text: str) -> bool:
    return bool(rules.FIELD_TYPE.match(match_key(text.split("\n", 1)[0])))


def _is_instruction(text: str) -> bool:
    return bool(rules.INSTRUCTION.search(match_key(text)))


def _cells(grid: SheetGrid, layout: Layout, row: int) -> dict[str, Cell]:
    """Field -> cell; several columns of one field (the pilots, the notes) are joined in column order."""
    values = grid.rows[row]
    parts: dict[str, list[tuple[str, str]]] = {}
    for col, role in sorted(layout.roles.items()):
        field = _FIELD_OF_ROLE.get(role, role)
        text = _value(role, values[col]) if col < len(values) else ""
        if field is None or not text:
            continue
        if field == "status" and match_key(text) in rules.HEALTH_STATUSES:
            field = "health"
        parts.setdefault(field, []).append((_PREFIX.get(role, "") + text, grid.ref(row, col)))
    return {field: Cell(rules.JOIN.join(text for text, _ in found), found[0][1]) for field, found in parts.items()}


# Roles that are not fields: where they go (None: not kept).
_FIELD_OF_ROLE: dict[str, str | None] = {"priority": "comment", "note": "comment", "flag": None, "calendar": None}
_PREFIX = {"priority": "Priorité : "}


def _value(role: str, raw: str) -> str:
    """The cell's text as the role reads it; template instructions are not values."""
    text = raw.strip()
    if not text or _is_instruction(text):
        return ""
    if role in ("label", "sub_label"):
        text = rules.ALTERNATIVES.split(text, maxsplit=1)[0]
        return "" if match_key(text) in _BOOLEANS else clean(text)
    if role in ("start_date", "end_date"):
        return _date_text(text)
    return clean(text)


_BOOLEANS = frozenset({"oui", "non", "vrai", "faux", "true", "false"})


def _date_text(text: str) -> str:
    """A date cell as text: a day number (an .ods/.xls date typed as a number) becomes ISO."""
    if text.isdigit() and int(text) in rules.SERIAL_DAYS:
        return (dt.date(1899, 12, 30) + dt.timedelta(days=int(text))).isoformat()
    if match_key(text) in _BOOLEANS or not any(ch.isdigit() for ch in text):
        return ""  # a checkbox or a word in a date column: not a date
    return clean(text)


def _periods(grid: SheetGrid, layout: Layout, row: int) -> tuple[Period, ...]:
    """The "Calendrier" column: 'S1 2024, S2 2024' or '2025' -> periods."""
    values = grid.rows[row]
    found: list[Period] = []
    for col, role in layout.roles.items():
        if role != "calendar" or col >= len(values):
            continue
        for part in re.split(r"[,;\n]+", values[col]):
            key = period_of(match_key(part))
            if key is not None and not is_relative(key):  # "S1" alone has no year to record
                found.append(period_record(key, grid.ref(row, col)))
    return tuple(found)
