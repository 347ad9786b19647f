"""The association's table: one row per action, French headers, one column per period."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

import pandas as pd

from export.reader import PlanData, records

# Labels the association reads; `ingest` maps them back (see normalize/rules.py STATUS_WORDS).
STATUS_LABELS: dict[str, str] = {
    "planned": "À programmer",
    "in_progress": "En cours",
    "done": "Finalisé",
    "abandoned": "Abandonné",
}
HEALTH_LABELS: dict[str, str] = {"good": "Bon", "at_risk": "Risque", "blocked": "Blocage", "paused": "Pause"}
# Plan kinds as the association names them; `normalize` maps them back (normalize/rules.py PLAN_KIND_NAMES).
PLAN_KIND_LABELS: dict[str, str] = {
    "strategic_plan": "plan stratégique",
    "roadmap": "feuille de route",
    "action_plan": "plan d'actions",
    "project": "projet",
}

# The words of a location (`p.3, table 2, row 4`, `line 41, sentence 1`, `row 5, item 2`) as the association reads
# them. Only a word followed by its number is translated, and never inside a sheet name (`Plan!E12`).
LOCATION_WORDS_FR: dict[str, str] = {
    "line": "ligne",
    "sentence": "phrase",
    "row": "ligne",
    "col": "colonne",
    "cell": "cellule",
    "table": "tableau",
    "page": "page",
    "sheet": "feuille",
    "paragraph": "paragraphe",
    "item": "puce",  # a bullet of a PDF table cell (`p.27, row 5, item 2`)
}
_LOCATION_WORD = re.compile(rf"\b({'|'.join(LOCATION_WORDS_FR)}) (?=\d)(?![^!]*!)")

# Warehouse column -> French header, in the order of the export.
COLUMNS: dict[str, str] = {
    "axis": "Axe",
    "strategic_objective": "Objectif stratégique",
    "operational_objective": "Objectif opérationnel",
    "action_code": "N° action",
    "label": "Action",
    "parent": "Action parente",
    "pilot": "Pilote",
    "partners": "Partenaires",
    "indicator": "Indicateur",
    "status": "Statut",
    "progress_pct": "Avancement",
    "health": "Santé",
}
HIERARCHY_COLUMNS = 3  # Axe, Objectif stratégique, Objectif opérationnel

Period = tuple[int, int | None]


def periods(data: PlanData) -> list[Period]:
    """Columns of the schedule grid: the semesters of the plan's years; years when the plan
    gives only years; both (the year first) for the years where a plan mixes the two."""
    years = [int(y) for y in data.schedule["year"]]
    for bound in (data.plan.get("period_start"), data.plan.get("period_end")):
        if bound is not None and not pd.isna(bound):
            years.append(int(bound))
    if not years:
        return []
    span = range(min(years), max(years) + 1)
    year_only = data.schedule["semester"].isna()
    if year_only.all() and len(data.schedule):
        return [(year, None) for year in span]
    years_alone = {int(y) for y in data.schedule.loc[year_only, "year"]}
    return [p for year in span for p in ([(year, None)] if year in years_alone else []) + [(year, 1), (year, 2)]]


def action_dates(action: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of an action's schedule (a year without semester covers the year;
    a month or quarter, when known, narrows it)."""
    begin = end = None
    if action["start_year"] is not None:
        month = _first_month(action, "start")
        begin = dt.date(int(action["start_year"]), month, 1)
    if action["end_year"] is not None:
        year, month = int(action["end_year"]), _last_month(action, "end")
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return begin, end


def _known(action: dict[str, Any], name: str) -> int | None:
    value = action.get(name)  # a `records` row: None for missing; absent from older frames
    return None if value is None else int(value)


def _first_month(action: dict[str, Any], side: str) -> int:
    month, quarter, semester = (_known(action, f"{side}_{grain}") for grain in ("month", "quarter", "semester"))
    if month is not None:
        return month
    if quarter is not None:
        return quarter * 3 - 2
    return 7 if semester == 2 else 1


def _last_month(action: dict[str, Any], side: str) -> int:
    month, quarter, semester = (_known(action, f"{side}_{grain}") for grain in ("month", "quarter", "semester"))
    if month is not None:
        return month
    if quarter is not None:
        return quarter * 3
    return 6 if semester == 1 else 12


def french_date(value: Any) -> str | None:
    """A date (or timestamp) as the association writes it: JJ/MM/AAAA, with HH:MM for a timestamp."""
    if value is None or pd.isna(value):
        return None
    stamp = pd.Timestamp(value)
    has_time = (stamp.hour, stamp.minute, stamp.second) != (0, 0, 0)
    return stamp.strftime("%d/%m/%Y %H:%M" if has_time else "%d/%m/%Y")


def period_header(period: Period) -> str:
    year, semester = period
    return f"S{semester} {year}" if semester else str(year)


def association_table(data: PlanData) -> tuple[pd.DataFrame, list[Period]]:
    """The actions as the association reads them; period columns hold True where planned."""
    grid = periods(data)
    planned: dict[int, set[Period]] = {}
    for entry in records(data.schedule):
        year, semester = int(entry["year"]), None if entry["semester"] is None else int(entry["semester"])
        planned.setdefault(int(entry["action_id"]), set()).add((year, semester))
    rows: list[dict[str, Any]] = []
    for action in records(data.actions):
        row: dict[str, Any] = {header: _value(action, name) for name, header in COLUMNS.items()}
        marks = planned.get(int(action["action_id"]), set())
        for period in grid:
            row[period_header(period)] = period in marks
        rows.append(row)
    columns = [*COLUMNS.values(), *(period_header(p) for p in grid)]
    return pd.DataFrame(rows, columns=columns), grid


def french_location(location: str) -> str:
    """A location in the association's words: `p.3, table 2, row 4` -> `p.3, tableau 2, ligne 4`."""
    return _LOCATION_WORD.sub(lambda found: LOCATION_WORDS_FR[found.group(1)] + " ", location)


def _value(action: dict[str, Any], name: str) -> Any:
    if name == "parent":
        code, label = action.get("parent_code"), action.get("parent_label")
        return _text(code) or _text(label)
    value = action.get(name)
    if value is None:
        return None
    if name == "status":
        return STATUS_LABELS[value]
    if name == "health":
        return HEALTH_LABELS[value]
    return value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def file_stem(plan: dict[str, Any]) -> str:
    """A readable, safe file name: organization and title, ASCII letters, digits and dashes."""
    organization = _slug(plan.get("organization") or "")
    title = _slug(plan.get("title") or "") or f"plan-{plan['plan_id']}"
    stem = title if not organization or organization in title else f"{organization}_{title}"
    return stem[:120].rstrip("-_")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
