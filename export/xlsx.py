"""The association's workbook: the actions as a Gantt grid, the plan, and what to check."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from core.findings import label_fr
from export.reader import PlanData
from export.safety import is_formula_like
from export.table import (
    HIERARCHY_COLUMNS,
    PLAN_KIND_LABELS,
    STATUS_LABELS,
    association_table,
    french_date,
    french_location,
)

ACTIONS_SHEET = "Actions"
PLAN_SHEET = "Plan"
CHECK_SHEET = "À vérifier"
NO_ANOMALY = "Aucune anomalie : rien à vérifier."
MARK = "X"
MARK_FILL = "#A9D08E"
_WIDTHS = {
    "Axe": 28, "Objectif stratégique": 28, "Objectif opérationnel": 28, "N° action": 10, "Action": 50,
    "Action parente": 12, "Pilote": 22, "Partenaires": 22, "Indicateur": 30, "Statut": 14,
    "Avancement": 11, "Santé": 10,
}  # fmt: skip


def write_xlsx(data: PlanData, path: Path) -> None:
    # Strings stay strings: nothing the plan says can become a formula, a number or a link.
    options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    with xlsxwriter.Workbook(str(path), options) as book:
        styles = Styles(book)
        book.set_properties(
            {"title": str(data.plan["title"]), "comments": f"Exporté par plans (plan {data.plan['plan_id']})"}
        )
        _actions_sheet(book.add_worksheet(ACTIONS_SHEET), data, styles)
        _plan_sheet(book.add_worksheet(PLAN_SHEET), data, styles)
        _check_sheet(book.add_worksheet(CHECK_SHEET), data, styles)


class Styles:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"text_wrap": True, "valign": "top", "border": 1, "border_color": "#BFBFBF"}
        self.header = book.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "valign": "vcenter"})
        self.text = book.add_format(base)
        self.quoted = book.add_format({**base, "quote_prefix": True})
        self.mark = book.add_format({**base, "bg_color": MARK_FILL, "align": "center", "bold": True})
        self.empty = book.add_format({**base, "align": "center"})
        self.percent = book.add_format({**base, "num_format": '0" %"'})


def write_cell(sheet: Worksheet, row: int, col: int, value: Any, styles: Styles) -> None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        sheet.write_blank(row, col, None, styles.text)
    elif isinstance(value, str):
        sheet.write_string(row, col, value, styles.quoted if is_formula_like(value) else styles.text)
    else:
        sheet.write_number(row, col, float(value), styles.percent)


def _actions_sheet(sheet: Worksheet, data: PlanData, styles: Styles) -> None:
    table, grid = association_table(data)
    period_columns = set(table.columns[len(table.columns) - len(grid) :])
    for col, header in enumerate(table.columns):
        sheet.write_string(0, col, header, styles.header)
        sheet.set_column(col, col, _WIDTHS.get(header, 8))
    for row, record in enumerate(table.to_dict("records"), start=1):
        sheet.set_row(row, _height(record))
        for col, header in enumerate(table.columns):
            value = record[header]
            if header in period_columns:
                sheet.write_string(row, col, MARK, styles.mark) if value else sheet.write_blank(
                    row, col, None, styles.empty
                )
            else:
                write_cell(sheet, row, col, value, styles)
    last_row, last_col = max(len(table), 1), len(table.columns) - 1
    sheet.freeze_panes(1, HIERARCHY_COLUMNS)
    sheet.autofilter(0, 0, last_row, last_col)
    status = list(table.columns).index("Statut")
    sheet.data_validation(
        1, status, max(last_row, 1), status, {"validate": "list", "source": list(STATUS_LABELS.values())}
    )
    sheet.set_row(0, 30)
    # Printed (or converted to PDF): landscape, one page wide, the header on every page.
    sheet.set_landscape()
    sheet.set_paper(8)  # A3
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def _height(record: dict[Hashable, Any]) -> float:
    """Row height in points for wrapped text (spreadsheets do not always recompute it)."""
    lines = max(
        (
            -(-len(value) // max(_WIDTHS.get(str(header), 8) - 2, 1))
            for header, value in record.items()
            if isinstance(value, str)
        ),
        default=1,
    )
    return 13.0 * max(lines, 1)


def _plan_sheet(sheet: Worksheet, data: PlanData, styles: Styles) -> None:
    plan = data.plan
    period = "–".join(str(int(p)) for p in (plan["period_start"], plan["period_end"]) if not pd.isna(p))
    rows = [
        ("Organisation", plan["organization"]),
        ("Titre", plan["title"]),
        ("Type de plan", PLAN_KIND_LABELS.get(plan["plan_kind"], plan["plan_kind"])),
        ("Période", period or None),
        ("Version", plan["version_label"]),
        ("Identifiant du plan (plan_key)", plan["plan_key"]),
        ("Fichier d'origine", plan["file_name"]),
        ("Empreinte SHA-256 du fichier", plan["sha256"]),
        ("Date d'ingestion (UTC)", french_date(plan["ingested_at"])),
        ("Nombre d'actions", len(data.actions)),
        ("Points à vérifier", len(data.anomalies)),
    ]
    rows += [(f"Axe : {a['axis']}", a["description"]) for a in data.axes.to_dict("records")]
    sheet.write_row(0, 0, ["Champ", "Valeur"], styles.header)
    for row, (name, value) in enumerate(rows, start=1):
        sheet.write_string(row, 0, name, styles.header)
        write_cell(sheet, row, 1, value, styles)
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 1, 80)


def _check_sheet(sheet: Worksheet, data: PlanData, styles: Styles) -> None:
    headers = ["Type", "Emplacement dans le fichier d'origine", "N° action", "Action", "Détail"]
    sheet.write_row(0, 0, headers, styles.header)
    for col, width in enumerate((22, 22, 10, 40, 90)):
        sheet.set_column(col, col, width)
    if data.anomalies.empty:
        sheet.write_string(1, 0, NO_ANOMALY, styles.text)
        return
    for row, anomaly in enumerate(data.anomalies.to_dict("records"), start=1):
        anomaly["kind"] = label_fr(str(anomaly["kind"]))
        anomaly["location"] = french_location(str(anomaly["location"]))
        for col, name in enumerate(("kind", "location", "action_code", "label", "message_fr")):
            write_cell(sheet, row, col, anomaly[name], styles)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(data.anomalies), len(headers) - 1)
