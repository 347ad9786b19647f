"""The Territoires en Transitions (ADEME) plan import workbook: its columns, in its order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import xlsxwriter

from export.reader import PlanData, records
from export.table import action_dates
from export.xlsx import Styles, write_cell

# Row 1 of TeT's import workbook, exactly (the importer rejects columns out of order).
HEADERS: tuple[str, ...] = (
    "Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de la fiche action", "Descriptif",
    "Instances de gouvernance", "Objectifs", "Indicateurs liés", "Structure pilote",
    "Moyens humains et techniques", "Partenaires", "Direction ou service pilote", "Personne pilote",
    "Élu·e référent·e", "Participation Citoyenne", "Financements", "Financeur 1", "Montant € HT",
    "Financeur 2", "Montant € HT", "Financeur 3", "Montant € HT", "Budget prévisionnel total € HT",
    "Statut", "Niveau de priorité", "Date de début", "Date de fin", "Action en amélioration continue",
    "Calendrier", "Actions liées", "Fiches des plans liées", "Notes de suivi",
    "Etapes de la fiche action", "Notes complémentaires", "Documents et liens",
)  # fmt: skip
STATUS = {"planned": "À venir", "in_progress": "En cours", "done": "Réalisé", "abandoned": "Abandonné"}
HEALTH_STATUS = {"blocked": "Bloqué", "paused": "En pause"}


def write_tet(data: PlanData, path: Path) -> None:
    schedule = _schedule_text(data)
    with xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False}) as book:
        styles = Styles(book)
        dates = book.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
        sheet = book.add_worksheet("Import")
        sheet.write_row(0, 0, HEADERS, styles.header)
        for row, action in enumerate(records(data.actions), start=1):
            values = _row(action, schedule.get(int(action["action_id"]), ""), data.plan["file_name"])
            for col, header in enumerate(HEADERS):
                value = values.get(header)
                if isinstance(value, dt.date):
                    sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), dates)
                else:
                    write_cell(sheet, row, col, value, styles)
        sheet.freeze_panes(1, 0)


def _row(action: dict[str, Any], calendar: str, file_name: str) -> dict[str, Any]:
    status = STATUS.get(action["status"] or "")
    if action["health"] in HEALTH_STATUS:
        status = HEALTH_STATUS[action["health"]]
    title = f"{action['action_code']} {action['label']}" if action["action_code"] else action["label"]
    begin, end = action_dates(action)
    return {
        "Axe (x)": action["axis"],
        "Sous-axe (x.x)": action["strategic_objective"],
        "Sous-sous axe (x.x.x)": action["operational_objective"],
        "Titre de la fiche action": title,
        "Indicateurs liés": action["indicator"],
        "Partenaires": action["partners"],
        "Direction ou service pilote": action["pilot"],
        "Statut": status,
        "Date de début": begin,
        "Date de fin": end,
        "Calendrier": calendar or None,
        "Actions liées": action["parent_code"] or action["parent_label"],
        "Notes complémentaires": f"Importé de {file_name} ({action['source_location']})",
    }


def _schedule_text(data: PlanData) -> dict[int, str]:
    texts: dict[int, list[str]] = {}
    for row in records(data.schedule):
        label = _period_label(row)
        labels = texts.setdefault(int(row["action_id"]), [])
        if label not in labels:
            labels.append(label)
    return {action: ", ".join(labels) for action, labels in texts.items()}


def _period_label(row: dict[str, Any]) -> str:
    """A schedule row at its finest grain, in French: "2024", "S1 2024", "T2 2024", "03/2024"."""
    month, quarter, semester = (row.get(name) for name in ("month", "quarter", "semester"))
    if month is not None:  # `records` gives None for missing values
        return f"{int(month):02d}/{row['year']}"
    if quarter is not None:
        return f"T{int(quarter)} {row['year']}"
    return f"S{int(semester)} {row['year']}" if semester is not None else str(row["year"])
