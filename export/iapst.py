"""The iA.PST / eComptes PST exchange file (XSD "201805V1").

Axes become Volets (one Volet named after the plan when actions have no axis), then
ObjectifStrategique > ObjectifOperationnel > Action. The XSD has no sub-actions: they are
listed as actions of their objective. It knows no pilot as free text either (Responsable
needs a civility, name and first name): the pilot goes to Departement.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from export.reader import PlanData, records
from export.table import action_dates

VERSION = "201805V1"
GENERATOR = "plans"
MAX_LABEL = 255
NO_LEVEL = {
    "axis": "Plan",
    "strategic_objective": "(sans objectif stratégique)",
    "operational_objective": "(sans objectif opérationnel)",
}
STATUS = {"planned": "NON_COMMENCE", "in_progress": "EN_COURS", "done": "TERMINE", "abandoned": "ANNULE_ABANDONNE"}
HEALTH_STATUS = {"blocked": "PROBLEME", "paused": "EN_ATTENTE"}  # iA.PST's health overrides "en cours"


def write_ia_pst(data: PlanData, path: Path) -> None:
    tree = ET.ElementTree(build(data))
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def build(data: PlanData) -> ET.Element:
    plan = data.plan
    start, end = _plan_years(data)
    root = ET.Element("dataroot")
    ids = ET.SubElement(root, "Identifiants")
    admin = "CPAS" if "cpas" in f"{plan['organization']} {plan['title']}".lower() else "AC"
    for name, value in (
        ("Id", plan["plan_key"]), ("TypeAdmin", admin), ("INS", "0"), ("Type", "PST"),
        ("Exercice", str(start)), ("Version", VERSION), ("Generateur", GENERATOR),
    ):  # fmt: skip
        ET.SubElement(ids, name).text = value
    pst = ET.SubElement(root, "PST")
    description = ET.SubElement(pst, "DescriptionPST")
    ET.SubElement(description, "IdPST").text = str(plan["plan_id"])
    ET.SubElement(description, "Libelle").text = _label(plan["title"])
    ET.SubElement(description, "ExerciceDebut").text = str(start)
    ET.SubElement(description, "ExerciceFin").text = str(end)
    volets = ET.SubElement(pst, "Volets")
    if data.actions.empty:
        _element(volets, "Volet", "V1", _label(plan["title"]), [], start, "")
        return root
    descriptions = dict(zip(data.axes["axis"], data.axes["description"], strict=True))
    for v, (axis, in_axis) in enumerate(_groups(records(data.actions), "axis"), start=1):
        volet = _element(volets, "Volet", f"V{v}", axis, in_axis, start, descriptions.get(axis, ""))
        objectives = ET.SubElement(volet, "ObjectifStrategiques")
        for s, (strategic, in_os) in enumerate(_groups(in_axis, "strategic_objective"), start=1):
            os_element = _element(objectives, "ObjectifStrategique", f"V{v}.OS{s}", strategic, in_os, start, "")
            operationals = ET.SubElement(os_element, "ObjectifsOperationnels")
            for o, (operational, in_oo) in enumerate(_groups(in_os, "operational_objective"), start=1):
                oo_id = f"V{v}.OS{s}.OO{o}"
                oo_element = _element(operationals, "ObjectifOperationnel", oo_id, operational, in_oo, start, "")
                container = ET.SubElement(oo_element, "Actions")
                for action in in_oo:
                    _action(container, action, start)
    return root


def _plan_years(data: PlanData) -> tuple[int, int]:
    years = [int(y) for y in data.schedule["year"]]
    years += [int(p) for p in (data.plan["period_start"], data.plan["period_end"]) if p is not None and not pd.isna(p)]
    if not years:
        years = [pd.Timestamp(data.plan["ingested_at"]).year]
    return min(years), max(years)


def _groups(records: list[dict[str, Any]], level: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Records grouped by `level`, in order of first appearance."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(record[level] or NO_LEVEL[level], []).append(record)
    return list(groups.items())


def _label(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _element(
    parent: ET.Element, tag: str, element_id: str, label: str, actions: list[dict[str, Any]], year: int, text: str
) -> ET.Element:
    """A Volet or objective: its status and progress summarise its actions."""
    statuses = {a["status"] for a in actions}
    if statuses == {"done"}:
        status = "done"
    elif statuses & {"in_progress", "done"}:
        status = "in_progress"
    else:
        status = "planned"
    progress = [float(a["progress_pct"]) for a in actions if a["progress_pct"] is not None]
    mean = sum(progress) / len(progress) if progress else (100.0 if status == "done" else 0.0)
    element = ET.SubElement(parent, tag, {"ElementId": element_id, "Exercice": str(year)})
    _base(element, label, None, None, text, STATUS[status], None, mean, [])
    return element


def _action(parent: ET.Element, action: dict[str, Any], plan_start: int) -> None:
    year = int(action["start_year"]) if action["start_year"] is not None else plan_start
    element = ET.SubElement(parent, "Action", {"ElementId": f"A{action['action_id']}", "Exercice": str(year)})
    status = STATUS.get(action["status"] or "planned", "NON_COMMENCE")
    if status == "EN_COURS" and action["health"] in HEALTH_STATUS:
        status = HEALTH_STATUS[action["health"]]
    label = f"{action['action_code']} {action['label']}" if action["action_code"] else action["label"]
    description = "\n".join(
        f"{name} : {action[key]}"
        for key, name in (("indicator", "Indicateur"), ("source_location", "Source"))
        if action[key]
    )
    progress = (
        float(action["progress_pct"]) if action["progress_pct"] is not None else (100.0 if status == "TERMINE" else 0.0)
    )
    begin, end = action_dates(action)
    _base(element, label, begin, end, description, status, action["pilot"], progress, _split(action["partners"]))


def _base(
    element: ET.Element,
    label: str,
    begin: dt.date | None,
    end: dt.date | None,
    description: str,
    status: str,
    department: str | None,
    progress: float,
    partners: Iterable[str],
) -> None:
    """The elements every PST level carries, in the XSD's order."""
    ET.SubElement(element, "Libelle").text = _label(label)
    if begin is not None:
        ET.SubElement(element, "DateDebut").text = begin.isoformat()
    if end is not None:
        ET.SubElement(element, "DateFin").text = end.isoformat()
    _description(element, "Description", description)
    ET.SubElement(element, "Statut").text = status
    if department:
        ET.SubElement(element, "Departement").text = department
    ET.SubElement(element, "TauxAvancement").text = f"{progress:g}"
    _description(element, "RemarqueStatut", "")
    ET.SubElement(element, "ETP").text = "0"
    ET.SubElement(element, "Plans")
    container = ET.SubElement(element, "Partenaires")
    for partner in partners:
        ET.SubElement(container, "Partenaire").text = partner
    ET.SubElement(element, "Articles")
    ET.SubElement(element, "Projections")


def _description(parent: ET.Element, tag: str, text: str) -> None:
    element = ET.SubElement(parent, tag)
    ET.SubElement(element, "Mode").text = "TEXTE"
    ET.SubElement(element, "Valeur").text = text


def _split(partners: str | None) -> list[str]:
    return [p.strip() for p in (partners or "").replace(";", ",").split(",") if p.strip()]
