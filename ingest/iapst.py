"""iA.PST / eComptes PST exchange files (XML, XSD "201805V1"), as iA.PST exports them.

dataroot > PST > Volets > Volet > ObjectifStrategiques > ObjectifStrategique >
ObjectifsOperationnels > ObjectifOperationnel > Actions > Action. Volets give the axis,
objectives the strategic and operational objectives; each Action is one action with its
status, dates, responsable (pilot), progress and partners. Parsed with defusedxml (no DTD,
no entity expansion); the file size is bounded by the registry, the number of actions by
`--max-rows`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as defused_et

from core import findings as kinds
from core.errors import ExtractError
from core.findings import Words
from core.limits import DEFAULT_LIMITS, Limits, exceeded
from core.records import Cell, Finding, Metadata, RawAction, RawPlan, Source
from core.source import as_source
from core.text import clean, match_key
from ingest import iapst_rules as rules


def is_iapst(head: bytes) -> bool:
    """Whether the first bytes of a file are an iA.PST exchange file (root `dataroot` + PST parts)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not (start.startswith(b"<?xml") or start.startswith(b"<" + rules.ROOT.encode())):
        return False
    return f"<{rules.ROOT}".encode() in head and any(marker in head for marker in rules.MARKERS)


def extract(file: Path | Source, limits: Limits = DEFAULT_LIMITS) -> RawPlan:
    source = as_source(file, "ia-pst")
    path = Path(source.path)
    try:
        root = defused_et.fromstring(path.read_bytes())
    except (ET.ParseError, DefusedXmlException, ValueError) as error:
        raise ExtractError(path.name, f"cannot read the iA.PST file ({type(error).__name__}: {error})") from error
    if _local(root.tag) != rules.ROOT:
        raise ExtractError(path.name, f"not an iA.PST file: the root element is <{_local(root.tag)}>")
    found = list(_actions(root))
    if len(found) > limits.max_rows:
        raise exceeded(path.name, f"{len(found)} actions", limits, "max_rows")
    findings: list[Finding] = []
    if not found:
        levels = sum(1 for element in root.iter() if _local(element.tag) in dict(rules.LEVELS))
        reason = Words(
            f"the iA.PST file holds no action ({levels} volet(s) and objective(s))",
            f"le fichier iA.PST ne contient aucune action ({levels} volet(s) et objectif(s))",
        )
        findings.append(kinds.NOT_A_PLAN.finding(path.name, reason=reason))
    # An iA.PST file is a plan's format ("Plan Stratégique Transversal"): it names one.
    return RawPlan(source, _metadata(root), tuple(found), tuple(findings), names_plan=True)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((child for child in element if _local(child.tag) == name), None)


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    """`name` elements directly under `element`, or under its container ("Volets" > "Volet")."""
    for child in element:
        if _local(child.tag) == name:
            yield child
        elif len(child) and all(_local(grand.tag) == name for grand in child):
            yield from child


def _text(element: ET.Element | None, name: str) -> str:
    return clean(_raw_text(element, name))


def _raw_text(element: ET.Element | None, name: str) -> str:
    """The text of the child `name`, lines kept (a Description holds one field a line)."""
    child = _child(element, name) if element is not None else None
    return child.text or "" if child is not None else ""


def _actions(root: ET.Element) -> Iterator[RawAction]:
    pst = _child(root, "PST")
    if pst is None:
        return
    yield from _walk(pst, 0, {}, "PST")


def _walk(element: ET.Element, depth: int, context: dict[str, Cell], where: str) -> Iterator[RawAction]:
    """Down the levels: each level's Libelle fills its field for the actions below it."""
    if depth == len(rules.LEVELS):
        for index, action in enumerate(_children(element, rules.ACTION), start=1):
            yield _action(action, context, f"{where}/{_name(action, rules.ACTION, index)}")
        return
    tag, field = rules.LEVELS[depth]
    for index, level in enumerate(_children(element, tag), start=1):
        path = f"{where}/{_name(level, tag, index)}"
        label = _text(level, "Libelle")
        inner = dict(context)
        if label and not rules.PLACEHOLDER.match(label):
            inner[field] = Cell(label, f"{path}/Libelle", inherited=True)
        yield from _walk(level, depth + 1, inner, path)


def _name(element: ET.Element, tag: str, index: int) -> str:
    """Where an element is: by its ElementId, else by its position."""
    element_id = element.get("ElementId", "")
    return f"{tag}[@ElementId='{element_id}']" if element_id else f"{tag}[{index}]"


def _action(element: ET.Element, context: dict[str, Cell], where: str) -> RawAction:
    cells = dict(context)

    def put(field: str, text: str, part: str) -> None:
        if text:
            cells[field] = Cell(text, f"{where}/{part}")

    put("label", _text(element, "Libelle"), "Libelle")
    put("start_date", _text(element, "DateDebut"), "DateDebut")
    put("end_date", _text(element, "DateFin"), "DateFin")
    status = _text(element, "Statut")
    word, health = rules.STATUS.get(status.upper(), (status, None))
    put("status", word, "Statut")
    put("health", health or "", "Statut")
    put("progress", _text(element, "TauxAvancement"), "TauxAvancement")
    pilots = [_person(_child(element, name)) for name in rules.PEOPLE] + [_text(element, "Departement")]
    put("pilot", rules.JOIN.join(p for p in pilots if p), "Responsable")
    partners = _child(element, "Partenaires")
    names = [clean(partner.text or "") for partner in (partners if partners is not None else ())]
    put("partners", ", ".join(name for name in names if name), "Partenaires")
    put("budget", _budget(element), "Articles")
    description = _child(element, "Description")
    for name, value in _description_fields(_raw_text(description, "Valeur")):
        put(name, value, "Description")
    remark = _child(element, "RemarqueStatut")
    put("comment", _text(remark, "Valeur") if remark is not None else "", "RemarqueStatut")
    return RawAction(cells["label"].ref if "label" in cells else where, cells)


def _person(element: ET.Element | None) -> str:
    return " ".join(part for part in (_text(element, name) for name in rules.PERSON_PARTS) if part)


def _budget(element: ET.Element) -> str:
    """The sum of the action's budget articles (Articles > Article > Montant)."""
    total = Decimal(0)
    seen = False
    for article in _children(element, "Article"):
        try:
            total += Decimal(_text(article, "Montant"))
            seen = True
        except InvalidOperation:
            continue
    return f"{total:f}" if seen else ""


def _description_fields(text: str) -> Iterator[tuple[str, str]]:
    """'Indicateur : nombre de rapports' lines of a Description -> ("indicator", "nombre de rapports")."""
    for line in (text or "").splitlines():
        found = rules.DESCRIPTION_LINE.match(line)
        if found and match_key(found.group("name")) in rules.DESCRIPTION_FIELDS:
            yield rules.DESCRIPTION_FIELDS[match_key(found.group("name"))], clean(found.group("value"))


def _metadata(root: ET.Element) -> Metadata:
    pst = _child(root, "PST")
    description = _child(pst, "DescriptionPST") if pst is not None else None
    start, end = _text(description, "ExerciceDebut"), _text(description, "ExerciceFin")
    return Metadata(
        title=_text(description, "Libelle") or None,
        period_start=int(start) if start.isdigit() else None,
        period_end=int(end) if end.isdigit() else None,
    )
