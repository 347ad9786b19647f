"""An unseen-layouts corpus: plans (and non-plans) in layouts none of the readers was written for.

    python -m samples.unseen --out DIR --seed N [--report]

Each family is a function that writes one file from a `random.Random` and returns its truth: the
actions a person reads in it (label, pilot, planned periods) or "not a plan". Vocabulary (header
words, pilots, verbs, band prefixes, marks, fills) is drawn per seed from tables of synonyms, so
that no rule can be tuned to one word list. With `--report`, every file is ingested through the
real pipeline into a temporary warehouse and compared with its truth, family by family.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

import docx
import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from core.text import match_key
from plans.pipeline import IngestOptions, ingest

FIXED_TIME = dt.datetime(2025, 1, 6, 9, 0, 0)  # document properties: the same bytes for the same seed
YearSemester = tuple[int, int | None]  # (year, semester); semester None: the year as a whole

# ---------------------------------------------------------------- vocabulary (synonym tables)
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "label": (
        "Intitulé de l'action",
        "Libellé",
        "Description de l'action",
        "Mesure",
        "Actions à mener",
        "Quoi ?",
        "Action proposée",
        "Intitulé",
        "Nature de l'action",
        "Actions",
    ),
    "pilot": (
        "Responsable",
        "Référent",
        "Porteur",
        "Qui ?",
        "Chef de projet",
        "Pilote",
        "Responsable de l'action",
        "Personne référente",
    ),
    "partners": ("Partenaires", "Acteurs associés", "Avec qui ?", "Contributeurs", "Parties prenantes"),
    "deadline": ("Échéance", "Date limite", "Pour quand ?", "Délai", "Échéancier", "Quand ?", "Date butoir"),
    "indicator": ("Indicateur", "Indicateurs de suivi", "Critère de réussite", "Résultat attendu"),
    "status": ("Statut", "État", "Avancement", "État d'avancement", "Où en est-on ?"),
    "comment": ("Commentaire", "Remarques", "Observations", "Notes"),
    "code": ("N°", "Réf.", "Code", "#", "Numéro"),
    "start": ("Début", "Date de début", "Démarrage", "Lancement", "Date de démarrage"),
    "end": ("Fin", "Date de fin", "Clôture", "Achèvement", "Date de fin prévue"),
    "budget": ("Budget", "Coût estimé", "Moyens financiers", "Montant (€)"),
    "priority": ("Prioritaire", "Priorité haute", "Urgent", "Action phare"),
    "type": ("Type", "Nature", "Catégorie", "Type d'action"),
    "schedule": ("Calendrier", "Planning", "Période de réalisation", "Programmation", "Chronogramme"),
    "axis": ("Axe", "Orientation", "Enjeu", "Ambition", "Thématique"),
}
VERBS: tuple[tuple[str, ...], ...] = (
    ("Mettre en place", "Instaurer", "Déployer"),
    ("Renforcer", "Consolider", "Intensifier"),
    ("Créer", "Concevoir", "Bâtir"),
    ("Développer", "Étendre", "Élargir"),
    ("Former", "Sensibiliser", "Outiller"),
    ("Évaluer", "Mesurer", "Analyser"),
    ("Organiser", "Planifier", "Coordonner"),
    ("Rédiger", "Formaliser", "Écrire"),
    ("Accompagner", "Soutenir", "Appuyer"),
    ("Mobiliser", "Fidéliser", "Recruter"),
)
OBJECTS = (
    "un réseau de familles d'accueil",
    "le projet d'établissement",
    "les permanences juridiques",
    "un guide d'accueil des nouveaux salariés",
    "la coopération avec les bailleurs sociaux",
    "les ateliers numériques",
    "un baromètre de satisfaction",
    "la participation des habitants",
    "le parcours des jeunes majeurs",
    "les achats responsables",
    "un pôle ressources handicap",
    "les maraudes de nuit",
    "la prévention des risques psychosociaux",
    "un espace de répit pour les aidants",
    "les outils de reporting financier",
    "la mutualisation des véhicules",
    "l'épicerie solidaire",
    "le conseil des jeunes",
    "les entretiens professionnels",
    "un annuaire des partenaires",
    "la veille sur les appels à projets",
    "la rénovation des locaux",
    "le tutorat des bénévoles",
    "les séjours de vacances adaptés",
    "une politique de mécénat",
)
COMPLEMENTS = (
    "sur chaque site",
    "avec les collectivités",
    "d'ici l'été",
    "en lien avec le siège",
    "pour les familles",
    "à l'échelle du territoire",
    "avec les usagers",
    "dans les quartiers prioritaires",
    "",
    "",
)
PILOTS = (
    "Directrice générale",
    "DAF",
    "Responsable RH",
    "Chargée de mission qualité",
    "Coordinateur jeunesse",
    "Pôle enfance",
    "Conseil d'administration",
    "Bureau",
    "Cheffe de service",
    "Équipe éducative",
    "Référent numérique",
    "Secrétaire général",
    "Service comptable",
    "Directeur adjoint",
)
PARTNERS = ("CCAS", "Mission locale", "Département", "ARS", "Bénévoles", "Caf", "Collège voisin", "")
INDICATORS = ("Nombre de participants", "Taux de satisfaction", "Document validé", "Nombre de partenaires", "")
AXIS_THEMES = (
    "Accueillir et accompagner",
    "Coopérer sur le territoire",
    "Prendre soin des équipes",
    "Gouverner ensemble",
    "Assurer notre modèle économique",
    "Agir pour la transition écologique",
)
AXIS_PREFIXES = (
    "Axe {n} : ",
    "ORIENTATION {n} - ",
    "Enjeu n°{n} – ",
    "{roman}. ",
    "Ambition {n} / ",
    "Priorité {n} : ",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI")
MARKS = ("X", "x", "●", "1", "oui", "✓")
FILLS = ("FFC000", "92D050", "00B0F0", "F4B084", "A9D08E", "8EA9DB")
MONTH_NAMES = (
    ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
    (
        "Janvier",
        "Février",
        "Mars",
        "Avril",
        "Mai",
        "Juin",
        "Juillet",
        "Août",
        "Septembre",
        "Octobre",
        "Novembre",
        "Décembre",
    ),
    ("J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"),
)
STATUS_WORDS = ("Non démarré", "En cours", "Terminé", "Reporté", "À lancer", "Réalisé", "Abandonné")
TYPES = ("Action", "Projet", "Étude", "Événement", "Formation", "Chantier")
TITLES = (
    "Plan d'action {y0}-{y1}",
    "Feuille de route {y0}-{y1}",
    "Programme d'actions {y0}–{y1}",
    "Nos engagements {y0}-{y1}",
    "Plan de développement {y0}/{y1}",
)


# ---------------------------------------------------------------- truth
@dataclass(frozen=True)
class Expected:
    """One action as a person reads it: its label, its pilot (or None) and when it is planned."""

    label: str
    pilot: str | None = None
    schedule: frozenset[YearSemester] = frozenset()


@dataclass(frozen=True)
class Truth:
    family: str
    file_name: str
    plan: bool
    actions: tuple[Expected, ...] = ()

    @property
    def has_pilots(self) -> bool:
        return any(a.pilot for a in self.actions)

    @property
    def has_schedules(self) -> bool:
        return any(a.schedule for a in self.actions)


@dataclass(frozen=True)
class Spec:
    """A generated action: label, pilot, partner, indicator, axis and span in months from the plan start."""

    label: str
    pilot: str
    partner: str
    indicator: str
    axis: int
    start: int  # month index from January of the first year
    months: int


@dataclass(frozen=True)
class Plan:
    years: tuple[int, ...]
    axes: tuple[str, ...]  # full axis headings, prefix included
    actions: tuple[Spec, ...]
    words: dict[str, str]  # field -> header word for this file

    def title(self, rng: random.Random) -> str:
        return rng.choice(TITLES).format(y0=self.years[0], y1=self.years[-1])


def _month(plan: Plan, index: int) -> tuple[int, int]:
    return plan.years[0] + index // 12, index % 12 + 1


def _semesters(plan: Plan, spec: Spec) -> frozenset[YearSemester]:
    months = (_month(plan, spec.start + k) for k in range(spec.months))
    return frozenset((year, 1 if month <= 6 else 2) for year, month in months)


def _years(plan: Plan, spec: Spec) -> frozenset[YearSemester]:
    return frozenset((year, None) for year, _ in (_month(plan, spec.start + k) for k in range(spec.months)))


def _end_year(plan: Plan, spec: Spec) -> frozenset[YearSemester]:
    return frozenset({(_month(plan, spec.start + spec.months - 1)[0], None)})


def _make_plan(rng: random.Random, years: int = 3, months_max: int = 10, axes: int = 0) -> Plan:
    first = rng.choice((2023, 2024, 2025))
    span = tuple(range(first, first + years))
    count = rng.randint(8, 40)
    verbs = [rng.choice(group) for group in VERBS]
    labels: list[str] = []
    seen: set[str] = set()
    while len(labels) < count:
        label = f"{rng.choice(verbs)} {rng.choice(OBJECTS)} {rng.choice(COMPLEMENTS)}".strip()
        if label.lower() not in seen:
            seen.add(label.lower())
            labels.append(label)
    axis_count = axes or rng.randint(2, 4)
    prefix = rng.choice(AXIS_PREFIXES)
    themes = rng.sample(AXIS_THEMES, axis_count)
    axis_names = tuple(prefix.format(n=i + 1, roman=ROMAN[i]) + theme for i, theme in enumerate(themes))
    total = 12 * years
    specs = []
    for index, label in enumerate(labels):
        months = rng.randint(1, months_max)
        specs.append(
            Spec(
                label=label,
                pilot=rng.choice(PILOTS),
                partner=rng.choice(PARTNERS),
                indicator=rng.choice(INDICATORS),
                axis=min(axis_count - 1, index * axis_count // count),
                start=rng.randrange(0, total - months + 1),
                months=months,
            )
        )
    words = {name: rng.choice(options) for name, options in HEADER_WORDS.items()}
    return Plan(span, axis_names, tuple(specs), words)


When = Callable[[Plan, Spec], frozenset[YearSemester]]  # the periods a person reads for an action


def _truth(family: str, path: Path, plan: Plan, pilots: bool, when: When | None) -> Truth:
    return Truth(
        family,
        path.name,
        True,
        tuple(
            Expected(s.label, s.pilot if pilots else None, when(plan, s) if when else frozenset()) for s in plan.actions
        ),
    )


# ---------------------------------------------------------------- writers
def _workbook() -> tuple[Workbook, Worksheet]:
    book = Workbook()
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    sheet = book.active
    assert sheet is not None
    return book, sheet


def _deadline_text(rng: random.Random, plan: Plan, spec: Spec) -> str:
    year, month = _month(plan, spec.start + spec.months - 1)
    return rng.choice((f"{year}", f"fin {year}", f"{MONTH_NAMES[1][month - 1].lower()} {year}", f"{month:02d}/{year}"))


def _title_rows(rng: random.Random, sheet: Worksheet, plan: Plan) -> int:
    """A title, sometimes an organisation line and an update date; returns the next free row (1-based)."""
    sheet.cell(1, 1, plan.title(rng)).font = Font(bold=True, size=14)
    row = 2
    if rng.random() < 0.5:
        sheet.cell(row, 1, rng.choice(("Association Les Tilleuls", "Fondation Horizon", "ADSEA du Nord")))
        row += 1
    if rng.random() < 0.5:
        sheet.cell(row, 1, f"Mise à jour : {rng.randint(1, 28):02d}/0{rng.randint(1, 9)}/{plan.years[0]}")
        row += 1
    return row + rng.randint(0, 1)


def _header(sheet: Worksheet, row: int, texts: Sequence[str], fill: str | None = None) -> None:
    for col, text in enumerate(texts, start=1):
        cell = sheet.cell(row, col, text)
        cell.font = Font(bold=True)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)


def _cells(spec: Spec, fields: Sequence[str], rng: random.Random, plan: Plan, index: int) -> list[object]:
    values: dict[str, object] = {
        "label": spec.label,
        "pilot": spec.pilot,
        "partners": spec.partner,
        "indicator": spec.indicator,
        "deadline": _deadline_text(rng, plan, spec),
        "status": rng.choice(STATUS_WORDS),
        "comment": rng.choice(("", "", "À revoir en comité", "Financement à trouver", "Voir fiche jointe")),
        "code": f"{spec.axis + 1}.{index + 1}",
        "budget": rng.choice((1500, 3000, 12000, 800, None)),
    }
    return [values.get(name) for name in fields]


def synonym_headers(rng: random.Random, out: Path) -> Truth:
    """Other header words in another column order, the header a few rows down."""
    plan = _make_plan(rng)
    fields = ["label", "pilot", "deadline", *rng.sample(["partners", "indicator", "status", "comment", "code"], 3)]
    rng.shuffle(fields)
    book, sheet = _workbook()
    row = _title_rows(rng, sheet, plan)
    _header(sheet, row, [plan.words[f] for f in fields])
    for index, spec in enumerate(plan.actions):
        for col, value in enumerate(_cells(spec, fields, rng, plan, index), start=1):
            sheet.cell(row + 1 + index, col, value)
    path = out / "synonym_headers.xlsx"
    book.save(path)
    return _truth("synonym_headers", path, plan, True, _end_year)


def multirow_header(rng: random.Random, out: Path) -> Truth:
    """Three header rows: groups, years merged over their semesters, semester names; label cells merged down."""
    plan = _make_plan(rng, years=2)
    book, sheet = _workbook()
    top = _title_rows(rng, sheet, plan)
    fixed = ["label", "pilot", "partners"]
    for col, name in enumerate(fixed, start=1):
        sheet.cell(top, col, plan.words[name]).font = Font(bold=True)
        sheet.merge_cells(start_row=top, start_column=col, end_row=top + 2, end_column=col)
    first = len(fixed) + 1
    sheet.cell(top, first, plan.words["schedule"]).font = Font(bold=True)
    sheet.merge_cells(start_row=top, start_column=first, end_row=top, end_column=first + 2 * len(plan.years) - 1)
    names = rng.choice((("S1", "S2"), ("1er sem.", "2e sem."), ("Semestre 1", "Semestre 2"), ("Janv-Juin", "Juil-Déc")))
    for k, year in enumerate(plan.years):
        col = first + 2 * k
        sheet.cell(top + 1, col, year)
        sheet.merge_cells(start_row=top + 1, start_column=col, end_row=top + 1, end_column=col + 1)
        sheet.cell(top + 2, col, names[0])
        sheet.cell(top + 2, col + 1, names[1])
    mark = rng.choice(MARKS)
    for index, spec in enumerate(plan.actions):
        row = top + 3 + index
        for col, value in enumerate(_cells(spec, fixed, rng, plan, index), start=1):
            sheet.cell(row, col, value)
        for year, semester in _semesters(plan, spec):
            sheet.cell(row, first + 2 * plan.years.index(year) + (semester or 1) - 1, mark)
    path = out / "multirow_header.xlsx"
    book.save(path)
    return _truth("multirow_header", path, plan, True, _semesters)


def _banded(rng: random.Random, out: Path, family: str, merged: bool) -> Truth:
    plan = _make_plan(rng)
    fields = [*rng.sample(["label", "pilot", "deadline"], 3), rng.choice(("indicator", "partners"))]
    if not merged:
        fields = ["", *fields]  # column A holds only the band texts
    book, sheet = _workbook()
    row = _title_rows(rng, sheet, plan)
    _header(sheet, row, [plan.words.get(f, "") for f in fields], rng.choice(FILLS))
    band_fill = PatternFill("solid", fgColor=rng.choice(FILLS))
    current = -1
    for index, spec in enumerate(plan.actions):
        row += 1
        if spec.axis != current:
            current = spec.axis
            sheet.cell(row, 1, plan.axes[current]).font = Font(bold=True)
            sheet.cell(row, 1).fill = band_fill
            if merged:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(fields))
            row += 1
        for col, value in enumerate(_cells(spec, fields, rng, plan, index), start=1):
            sheet.cell(row, col, value)
    path = out / f"{family}.xlsx"
    book.save(path)
    return _truth(family, path, plan, True, _end_year)


def band_merged(rng: random.Random, out: Path) -> Truth:
    """Axis band rows merged across the table between the actions."""
    return _banded(rng, out, "band_merged", merged=True)


def band_column_a(rng: random.Random, out: Path) -> Truth:
    """Axis bands written in column A alone, the actions from column B."""
    return _banded(rng, out, "band_column_a", merged=False)


def _gantt(rng: random.Random, out: Path, family: str, weekly: bool) -> Truth:
    plan = _make_plan(rng, years=1 if weekly else 2, months_max=5)
    book, sheet = _workbook()
    top = _title_rows(rng, sheet, plan)
    fixed = [rng.choice(("label", "label")), "pilot"]
    _header(sheet, top + 1, [plan.words[f] for f in fixed])
    first = len(fixed) + 1
    fill = PatternFill("solid", fgColor=rng.choice(FILLS))
    header_fill = PatternFill("solid", fgColor="D9D9D9")
    months = MONTH_NAMES[rng.randrange(len(MONTH_NAMES))]
    columns: list[tuple[int, int]] = []  # per column: (year, month)
    if weekly:
        year = plan.years[0]
        style = rng.choice(("S{w}", "Sem. {w}", "{d:%d/%m}", "W{w:02d}"))
        for week in range(1, 53):
            monday = dt.date.fromisocalendar(year, week, 1)
            columns.append((monday.year if monday.year == year else year, monday.month if monday.year == year else 1))
            sheet.cell(top + 1, first + week - 1, style.format(w=week, d=monday)).fill = header_fill
    else:
        for k in range(12 * len(plan.years)):
            columns.append(_month(plan, k))
            sheet.cell(top + 1, first + k, months[k % 12]).fill = header_fill
    # the row above names the months (weekly) or the years (monthly), merged over their columns
    start = 0
    while start < len(columns):
        key = columns[start][1] if weekly else columns[start][0]
        end = start
        while end + 1 < len(columns) and (columns[end + 1][1] if weekly else columns[end + 1][0]) == key:
            end += 1
        sheet.cell(top, first + start, months[key - 1] if weekly else key).alignment = Alignment(horizontal="center")
        if end > start:
            sheet.merge_cells(start_row=top, start_column=first + start, end_row=top, end_column=first + end)
        start = end + 1
    truths = []
    for index, spec in enumerate(plan.actions):
        row = top + 2 + index
        sheet.cell(row, 1, spec.label)
        sheet.cell(row, 2, spec.pilot)
        if weekly:
            begin = rng.randrange(0, 52 - 2)
            length = rng.randint(1, min(12, 52 - begin))
            planned = range(begin, begin + length)
        else:
            planned = range(spec.start, spec.start + spec.months)
        for k in planned:
            sheet.cell(row, first + k).fill = fill
        schedule = frozenset((columns[k][0], 1 if columns[k][1] <= 6 else 2) for k in planned)
        truths.append(Expected(spec.label, spec.pilot, schedule))
    for k in range(len(columns)):
        sheet.column_dimensions[get_column_letter(first + k)].width = 3
    path = out / f"{family}.xlsx"
    book.save(path)
    return Truth(family, path.name, True, tuple(truths))


def gantt_months(rng: random.Random, out: Path) -> Truth:
    """A Gantt by month: the planned months are filled cells (no text), the years merged above."""
    return _gantt(rng, out, "gantt_months", weekly=False)


def gantt_weeks(rng: random.Random, out: Path) -> Truth:
    """A Gantt by week: filled week cells, the months merged above."""
    return _gantt(rng, out, "gantt_weeks", weekly=True)


def quarter_grid(rng: random.Random, out: Path) -> Truth:
    """Quarters as columns ("T1 2025", "2025 Q2", "1er trim. 2025"), marked."""
    plan = _make_plan(rng, years=2, months_max=7)
    book, sheet = _workbook()
    row = _title_rows(rng, sheet, plan)
    fields = rng.choice((["label", "pilot"], ["code", "label", "pilot"], ["label", "pilot", "indicator"]))
    style = rng.choice(("T{q} {y}", "{y} T{q}", "Q{q} {y}", "{o} trim. {y}", "Trimestre {q} {y}"))
    quarters = [(y, q) for y in plan.years for q in range(1, 5)]
    ordinal = ("1er", "2e", "3e", "4e")
    names = [style.format(q=q, y=y, o=ordinal[q - 1]) for y, q in quarters]
    _header(sheet, row, [*(plan.words[f] for f in fields), *names])
    mark = rng.choice(MARKS)
    truths = []
    for index, spec in enumerate(plan.actions):
        r = row + 1 + index
        for col, value in enumerate(_cells(spec, fields, rng, plan, index), start=1):
            sheet.cell(r, col, value)
        hit = sorted({(y, (m - 1) // 3 + 1) for y, m in (_month(plan, spec.start + k) for k in range(spec.months))})
        for year, quarter in hit:
            sheet.cell(r, len(fields) + 1 + quarters.index((year, quarter)), mark)
        truths.append(Expected(spec.label, spec.pilot, frozenset((y, 1 if q <= 2 else 2) for y, q in hit)))
    path = out / "quarter_grid.xlsx"
    book.save(path)
    return Truth("quarter_grid", path.name, True, tuple(truths))


def start_end_dates(rng: random.Random, out: Path) -> Truth:
    """Only a start date and an end date per action (real dates or month texts)."""
    plan = _make_plan(rng, months_max=12)
    book, sheet = _workbook()
    row = _title_rows(rng, sheet, plan)
    fields = ["label", "pilot", "start", "end", *rng.sample(["partners", "status", "comment"], 1)]
    _header(sheet, row, [plan.words[f] for f in fields])
    as_dates = rng.random() < 0.5
    for index, spec in enumerate(plan.actions):
        r = row + 1 + index
        values = _cells(spec, fields, rng, plan, index)
        begin, end = _month(plan, spec.start), _month(plan, spec.start + spec.months - 1)
        for offset, (year, month) in ((2, begin), (3, end)):
            if as_dates:
                values[offset] = dt.datetime(year, month, 1 if offset == 2 else 28)
            else:
                values[offset] = rng.choice((f"{month:02d}/{year}", f"{MONTH_NAMES[1][month - 1].lower()} {year}"))
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(r, col, value)
            if isinstance(value, dt.datetime):
                cell.number_format = "DD/MM/YYYY"
    path = out / "start_end_dates.xlsx"
    book.save(path)
    return _truth("start_end_dates", path, plan, True, _semesters)


def flags_and_types(rng: random.Random, out: Path) -> Truth:
    """True/false and type columns right next to the label (neither is the label)."""
    plan = _make_plan(rng)
    book, sheet = _workbook()
    row = _title_rows(rng, sheet, plan)
    around = rng.sample(["priority", "type"], 2)
    fields = [around[0], "label", around[1], "pilot", "deadline"]
    _header(sheet, row, [plan.words[f] for f in fields])
    booleans = rng.choice(((True, False), ("Oui", "Non"), ("VRAI", "FAUX")))
    for index, spec in enumerate(plan.actions):
        r = row + 1 + index
        values = _cells(spec, fields, rng, plan, index)
        for k, name in enumerate(fields):
            if name == "priority":
                values[k] = rng.choice(booleans)
            elif name == "type":
                values[k] = rng.choice(TYPES)
        for col, value in enumerate(values, start=1):
            sheet.cell(r, col, value)
    path = out / "flags_and_types.xlsx"
    book.save(path)
    return _truth("flags_and_types", path, plan, True, _end_year)


def totals_and_notes(rng: random.Random, out: Path) -> Truth:
    """A status and a budget column, a totals row, then notes and a legend under the table."""
    plan = _make_plan(rng)
    book, sheet = _workbook()
    row = _title_rows(rng, sheet, plan)
    fields = ["code", "label", "pilot", "deadline", "status", "budget", "comment"]
    _header(sheet, row, [plan.words[f] for f in fields])
    for index, spec in enumerate(plan.actions):
        for col, value in enumerate(_cells(spec, fields, rng, plan, index), start=1):
            sheet.cell(row + 1 + index, col, value)
    last = row + len(plan.actions)
    total = last + 1
    sheet.cell(total, 1, rng.choice(("Total", "TOTAL", "Total général", "Nombre d'actions")))
    sheet.cell(total, 2, f"=COUNTA(B{row + 1}:B{last})")
    sheet.cell(total, 6, f"=SUM(F{row + 1}:F{last})")
    notes = (
        "NB : les actions reportées seront revues en comité de pilotage.",
        "Légende : les montants sont indiqués en euros TTC.",
        f"Document validé par le conseil d'administration du {rng.randint(1, 28)}/06/{plan.years[0]}.",
        "Source : tableau de bord interne.",
    )
    for k, note in enumerate(rng.sample(notes, rng.randint(2, 4))):
        sheet.cell(total + 2 + k, 1, note)
    path = out / "totals_and_notes.xlsx"
    book.save(path)
    return _truth("totals_and_notes", path, plan, True, _end_year)


def sheet_per_axis(rng: random.Random, out: Path) -> Truth:
    """A reading-guide sheet, then one sheet per axis, each with its own header."""
    plan = _make_plan(rng)
    book, guide = _workbook()
    guide.title = rng.choice(("Lisez-moi", "Sommaire", "Présentation"))
    guide.cell(1, 1, plan.title(rng))
    guide.cell(3, 1, "Ce classeur présente une feuille par axe du plan.")
    guide.cell(4, 1, "Chaque ligne est une action ; les colonnes précisent le responsable et l'échéance.")
    fields = ["label", "pilot", "deadline", rng.choice(("indicator", "partners", "status"))]
    for axis, name in enumerate(plan.axes):
        sheet = book.create_sheet(f"Axe {axis + 1}")
        sheet.cell(1, 1, name).font = Font(bold=True)
        _header(sheet, 3, [plan.words[f] for f in fields])
        row = 3
        for index, spec in enumerate(plan.actions):
            if spec.axis == axis:
                row += 1
                for col, value in enumerate(_cells(spec, fields, rng, plan, index), start=1):
                    sheet.cell(row, col, value)
    path = out / "sheet_per_axis.xlsx"
    book.save(path)
    return _truth("sheet_per_axis", path, plan, True, _end_year)


def year_marks(rng: random.Random, out: Path) -> Truth:
    """Whole years as columns, marked; the pilot column after them."""
    plan = _make_plan(rng, months_max=20)
    book, sheet = _workbook()
    row = _title_rows(rng, sheet, plan)
    style = rng.choice(("{y}", "Année {y}", "En {y}", "{y}"))
    _header(sheet, row, [plan.words["label"], *(style.format(y=y) for y in plan.years), plan.words["pilot"]])
    mark = rng.choice(MARKS)
    for index, spec in enumerate(plan.actions):
        r = row + 1 + index
        sheet.cell(r, 1, spec.label)
        for year, _ in _years(plan, spec):
            sheet.cell(r, 2 + plan.years.index(year), mark)
        sheet.cell(r, 2 + len(plan.years), spec.pilot)
    path = out / "year_marks.xlsx"
    book.save(path)
    return _truth("year_marks", path, plan, True, _years)


def blank_template(rng: random.Random, out: Path) -> Truth:
    """Non-plan: the empty template of a plan grid (header words, ruled empty rows, an instruction)."""
    plan = _make_plan(rng)
    book, sheet = _workbook()
    sheet.cell(1, 1, rng.choice(("Modèle de plan d'action", "Trame – plan d'actions", "Plan d'action (à compléter)")))
    sheet.cell(2, 1, "Complétez une ligne par action, puis renvoyez le fichier à la direction.")
    fields = ["label", "pilot", "deadline", "indicator", "status"]
    _header(sheet, 4, [plan.words[f] for f in fields], rng.choice(FILLS))
    for r in range(5, 5 + rng.randint(10, 30)):
        for c in range(1, len(fields) + 1):
            sheet.cell(r, c).fill = PatternFill("solid", fgColor="F2F2F2")
    path = out / "blank_template.xlsx"
    book.save(path)
    return Truth("blank_template", path.name, False)


def directory(rng: random.Random, out: Path) -> Truth:
    """Non-plan: a contact list (names, functions, phones), a table with no action."""
    book, sheet = _workbook()
    sheet.cell(1, 1, rng.choice(("Annuaire des salariés", "Liste des contacts", "Coordonnées des référents")))
    _header(sheet, 3, ["Nom", "Prénom", rng.choice(("Fonction", "Poste", "Rôle")), "Service", "Téléphone", "Courriel"])
    names = ("Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Michel", "Garcia")
    firsts = ("Claire", "Julien", "Sophie", "Karim", "Nadia", "Thomas", "Léa", "Hugo", "Inès", "Paul")
    for r in range(4, 4 + rng.randint(8, 40)):
        last, first = rng.choice(names), rng.choice(firsts)
        values = (
            last,
            first,
            rng.choice(PILOTS),
            rng.choice(("Siège", "Pôle enfance", "Pôle adultes", "Accueil")),
            f"01 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            f"{first.lower()}.{last.lower()}@exemple.org",
        )
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c, value)
    path = out / "directory.xlsx"
    book.save(path)
    return Truth("directory", path.name, False)


# ---------------------------------------------------------------- documents
def _document() -> docx.document.Document:
    document = docx.Document()
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    document.core_properties.last_printed = FIXED_TIME
    return document


FICHE_KEYS = {
    "label": ("Intitulé de l'action", "Nom de l'action", "Action", "Intitulé", "Titre"),
    "pilot": ("Pilote", "Responsable", "Référent(e)", "Porteur de l'action"),
    "deadline": ("Échéance", "Calendrier", "Date de réalisation", "Délai"),
    "objective": ("Objectif", "Objectif visé", "Finalité"),
    "partners": ("Partenaires", "Acteurs mobilisés"),
    "indicator": ("Indicateurs", "Critères d'évaluation"),
}
FICHE_HEADINGS = ("Fiche action n°{n}", "FICHE-ACTION {n}", "Fiche {n}", "Action n° {n}")


def _fiche_rows(rng: random.Random, plan: Plan, spec: Spec, keys: dict[str, str], blank: bool) -> list[tuple[str, str]]:
    values = {
        "label": spec.label,
        "pilot": spec.pilot,
        "deadline": str(_month(plan, spec.start + spec.months - 1)[0]),
        "objective": plan.axes[spec.axis].split(" ", 2)[-1],
        "partners": spec.partner or "Aucun",
        "indicator": spec.indicator or "À définir",
    }
    order = ["label", *rng.sample(["pilot", "deadline", "objective", "partners", "indicator"], 5)]
    return [(keys[name], "" if blank else values[name]) for name in order]


def _fiche_word(rng: random.Random, out: Path, family: str, blank: bool) -> Truth:
    plan = _make_plan(rng)
    if blank:
        plan = Plan(plan.years, plan.axes, plan.actions[: rng.randint(1, 3)], plan.words)
    keys = {name: rng.choice(options) for name, options in FICHE_KEYS.items()}
    heading = rng.choice(FICHE_HEADINGS)
    document = _document()
    document.add_heading(plan.title(rng) if not blank else "Fiche action – modèle à compléter", level=0)
    for index, spec in enumerate(plan.actions):
        document.add_heading(heading.format(n=index + 1), level=1)
        rows = _fiche_rows(rng, plan, spec, keys, blank)
        table = document.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        for (key, value), row in zip(rows, table.rows, strict=True):
            row.cells[0].text = key
            row.cells[1].text = value
        document.add_paragraph("")
    path = out / f"{family}.docx"
    document.save(str(path))
    return Truth(family, path.name, False) if blank else _truth(family, path, plan, True, _end_year)


def fiche_word(rng: random.Random, out: Path) -> Truth:
    """One key/value table per action in a Word document."""
    return _fiche_word(rng, out, "fiche_word", blank=False)


def blank_fiche(rng: random.Random, out: Path) -> Truth:
    """Non-plan: the same fiche tables with every value left empty."""
    return _fiche_word(rng, out, "blank_fiche", blank=True)


def _pdf(path: Path, paragraphs: Sequence[tuple[str, str]]) -> None:
    """Paragraphs (style, text) with standard fonts; style is title / heading / body / field."""
    styles = {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=12),
        "heading": ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=10),
        "body": ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13),
        "field": ParagraphStyle("field", fontName="Helvetica", fontSize=10, leading=13, leftIndent=10),
    }
    story = [Paragraph(escape(text), styles[style]) if style != "space" else Spacer(1, 8) for style, text in paragraphs]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)


def fiche_pdf(rng: random.Random, out: Path) -> Truth:
    """'Label : value' paragraphs per action in a PDF."""
    plan = _make_plan(rng)
    keys = {name: rng.choice(options) for name, options in FICHE_KEYS.items()}
    heading = rng.choice(FICHE_HEADINGS)
    separator = rng.choice((" : ", " : ", " – ", ": "))
    paragraphs = [("title", plan.title(rng)), ("body", "Ce document rassemble les fiches actions du plan.")]
    for index, spec in enumerate(plan.actions):
        paragraphs.append(("heading", heading.format(n=index + 1)))
        paragraphs += [
            ("field", f"{key}{separator}{value}") for key, value in _fiche_rows(rng, plan, spec, keys, False)
        ]
    path = out / "fiche_pdf.pdf"
    _pdf(path, paragraphs)
    return _truth("fiche_pdf", path, plan, True, _end_year)


def numbered_form(rng: random.Random, out: Path) -> Truth:
    """Non-plan: a form with numbered headings and dotted blanks to fill in."""
    blank = "." * rng.randint(20, 50)
    sections = (
        ("Identification de la structure", ("Nom", "Adresse", "Responsable légal", "Téléphone")),
        ("Présentation du projet", ("Intitulé du projet", "Objectifs", "Public visé", "Responsable")),
        ("Calendrier", ("Date de début", "Date de fin", "Échéance")),
        ("Budget prévisionnel", ("Montant demandé", "Autres financements")),
        ("Engagements", ("Fait à", "Le", "Signature")),
    )
    titles = ("Formulaire de demande de subvention", "Dossier de candidature", "Appel à projets – formulaire")
    paragraphs = [("title", rng.choice(titles))]
    style = rng.choice(("{n}. ", "{n} - ", "{n}) ", "Partie {n} : "))
    for number, (heading, fields) in enumerate(sections, start=1):
        paragraphs.append(("heading", style.format(n=number) + heading))
        paragraphs += [("field", f"{field} : {blank}") for field in fields]
    path = out / "numbered_form.pdf"
    _pdf(path, paragraphs)
    return Truth("numbered_form", path.name, False)


def activity_blocks(rng: random.Random, out: Path) -> Truth:
    """'Activité 1.1 : ...' paragraphs under objective headings, each followed by its sub-fields."""
    plan = _make_plan(rng)
    word = rng.choice(("Activité", "Action", "Mesure"))
    separator = rng.choice((" : ", " – ", ". "))
    keys = {
        "pilot": rng.choice(("Responsable", "Pilote", "Porteur")),
        "when": rng.choice(("Période", "Calendrier", "Échéance")),
        "indicator": rng.choice(("Indicateur", "Résultat attendu")),
    }
    document = _document()
    document.add_heading(plan.title(rng), level=0)
    document.add_paragraph("Le présent plan décline nos objectifs en activités.")
    truths = []
    current, number = -1, 0
    for spec in plan.actions:
        if spec.axis != current:
            current, number = spec.axis, 0
            document.add_heading(f"Objectif {current + 1} : {plan.axes[current].split(' ', 2)[-1]}", level=1)
        number += 1
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{word} {current + 1}.{number}{separator}{spec.label}").bold = True
        years = sorted({y for y, _ in _years(plan, spec)})
        when = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
        for key, value in ((keys["pilot"], spec.pilot), (keys["when"], when), (keys["indicator"], spec.indicator)):
            if value:
                document.add_paragraph(f"{key} : {value}")
        truths.append(Expected(spec.label, spec.pilot, _years(plan, spec)))
    path = out / "activity_blocks.docx"
    document.save(str(path))
    return Truth("activity_blocks", path.name, True, tuple(truths))


# reportlab takes Unicode and writes the font's code (Symbol 0xB7, ZapfDingbats "l", "u", "4"); a
# character the font lacks is drawn as its missing-glyph square.
BULLETS = (("Symbol", "•"), ("ZapfDingbats", "●"), ("ZapfDingbats", "◆"), ("ZapfDingbats", "✔"))


def bullet_pdf(rng: random.Random, out: Path) -> Truth:
    """Axis headings, then actions as indented bullets drawn with Symbol/Dingbats glyphs (long ones wrap)."""
    plan = _make_plan(rng)
    font, glyph = rng.choice(BULLETS)
    indent = rng.choice((36, 48, 60))
    path = out / "bullet_pdf.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 790.0

    def line(x: float, text: str, face: str = "Helvetica", size: float = 10) -> None:
        nonlocal y
        if y < 60:
            pdf.showPage()
            y = 790.0
        pdf.setFont(face, size)
        pdf.drawString(x, y, text)
        y -= size + 5

    line(50, plan.title(rng), "Helvetica-Bold", 16)
    line(50, "Nos priorités pour les années à venir, axe par axe.")
    current = -1
    for spec in plan.actions:
        if spec.axis != current:
            current = spec.axis
            y -= 6
            line(50, plan.axes[current], "Helvetica-Bold", 12)
        words, lines, text = spec.label.split(), [], ""
        for word in words:  # wrap at ~45 characters to make continuation lines
            if len(text) + len(word) > 45 and text:
                lines.append(text)
                text = word
            else:
                text = f"{text} {word}".strip()
        lines.append(text)
        if y < 60:  # the bullet goes with its first line, on the next page
            pdf.showPage()
            y = 790.0
        pdf.setFont(font, 8)
        pdf.drawString(indent, y, glyph)
        for part in lines:
            line(indent + 14, part)
    pdf.showPage()
    pdf.save()
    return _truth("bullet_pdf", path, plan, False, None)


def _html(path: Path, title: str, body: str) -> None:
    links = (("/", "Accueil"), ("/qui", "Qui sommes-nous ?"), ("/contact", "Contact"))
    nav = "<nav><ul>" + "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links) + "</ul></nav>"
    footer = "<footer><ul><li>Mentions légales</li><li>Plan du site</li></ul></footer>"
    page = f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
    path.write_text(f"{page}<body>{nav}<main><h1>{escape(title)}</h1>{body}</main>{footer}</body></html>\n", "utf-8")


def html_list(rng: random.Random, out: Path) -> Truth:
    """A `<ul>` of actions under a 'plan d'action' heading, among other lists (menu, values, footer)."""
    plan = _make_plan(rng)
    heading = rng.choice(
        (
            "Le plan d'action {y0}-{y1}",
            "Notre plan d'actions {y0}",
            "Nos actions pour {y0}-{y1}",
            "Feuille de route {y0}-{y1}",
        )
    )
    values = "".join(f"<li>{v}</li>" for v in rng.sample(("Solidarité", "Respect", "Engagement", "Laïcité"), 3))
    items = "".join(f"<li>{escape(s.label)}</li>" for s in plan.actions)
    body = (
        f"<p>L'association accompagne les familles depuis {plan.years[0] - 30}.</p>"
        f"<h2>Nos valeurs</h2><ul>{values}</ul>"
        f"<h2>{escape(heading.format(y0=plan.years[0], y1=plan.years[-1]))}</h2><ul>{items}</ul>"
        "<p>Pour en savoir plus, contactez-nous.</p>"
    )
    path = out / "html_list.html"
    _html(path, rng.choice(("Notre projet associatif", "Projet social", "Qui sommes-nous")), body)
    return _truth("html_list", path, plan, False, None)


def html_projects(rng: random.Random, out: Path) -> Truth:
    """Numbered `<h3>1- Projet</h3>` blocks, each with 'Objectifs :' bullets and a pilot line."""
    plan = _make_plan(rng)
    number = rng.choice(("{n}- ", "{n}. ", "{n}) ", "Projet {n} : "))
    goals = rng.choice(("Objectifs :", "Finalités :", "Buts poursuivis :"))
    pilot = rng.choice(("Pilote", "Porteur", "Référent"))
    blocks = []
    for n, spec in enumerate(plan.actions, start=1):
        bullets = "".join(f"<li>{escape(o)}</li>" for o in rng.sample(OBJECTS, 2))
        blocks.append(
            f"<h3>{escape(number.format(n=n) + spec.label)}</h3><p><strong>{goals}</strong></p><ul>{bullets}</ul>"
            f"<p>{pilot} : {escape(spec.pilot)}</p>"
        )
    body = f"<h2>{escape(plan.title(rng))}</h2>{''.join(blocks)}"
    path = out / "html_projects.html"
    _html(path, "Nos projets", body)
    return _truth("html_projects", path, plan, True, None)


def guidelines(rng: random.Random, out: Path) -> Truth:
    """Non-plan: advice on writing a plan (numbered headings, bullet lists of imperatives)."""
    advice = (
        "Définissez des objectifs mesurables",
        "Nommez un pilote pour chaque action",
        "Fixez une échéance réaliste",
        "Associez les équipes dès le début",
        "Prévoyez des indicateurs de suivi",
        "Relisez le plan chaque année",
        "Limitez le nombre d'actions prioritaires",
    )
    steps = ("Préparer la démarche", "Rédiger les actions", "Suivre et évaluer")
    number = rng.choice(("{n}- ", "{n}. ", "Étape {n} : "))
    body = "<p>Ce guide vous aide à construire le plan d'action de votre structure.</p>"
    for n, step in enumerate(steps, start=1):
        items = "".join(f"<li>{a}.</li>" for a in rng.sample(advice, 3))
        body += f"<h3>{number.format(n=n)}{step}</h3><p>Conseils :</p><ul>{items}</ul>"
    path = out / "guidelines.html"
    _html(path, rng.choice(("Guide méthodologique", "Comment rédiger votre plan d'action ?", "Fiche conseil")), body)
    return Truth("guidelines", path.name, False)


Family = Callable[[random.Random, Path], Truth]
FAMILIES: dict[str, Family] = {
    family.__name__: family
    for family in (
        synonym_headers,
        multirow_header,
        band_merged,
        band_column_a,
        gantt_months,
        gantt_weeks,
        quarter_grid,
        start_end_dates,
        flags_and_types,
        totals_and_notes,
        sheet_per_axis,
        year_marks,
        fiche_word,
        fiche_pdf,
        activity_blocks,
        bullet_pdf,
        html_list,
        html_projects,
        blank_template,
        directory,
        blank_fiche,
        numbered_form,
        guidelines,
    )
}


def generate(out: Path, seed: int) -> list[Truth]:
    """Write every family's file into `out`; each family has its own generator seeded with (seed, name)."""
    out.mkdir(parents=True, exist_ok=True)
    return [family(random.Random(f"{seed}-{name}"), out) for name, family in FAMILIES.items()]


# ---------------------------------------------------------------- measuring
@dataclass(frozen=True)
class Found:
    label: str
    pilot: str | None
    schedule: frozenset[YearSemester]


@dataclass(frozen=True)
class Score:
    family: str
    plan: bool
    status: str
    expected: int
    found: int  # actions read in the file
    matched: int  # expected actions whose label was found
    pilots: int  # matched actions with the expected pilot (of those that have one)
    pilots_expected: int
    schedules: int  # matched actions with the expected periods
    schedules_expected: int

    @property
    def invented(self) -> int:
        """Actions read that are none of the expected ones (band rows, headers, notes...)."""
        return self.found - self.matched

    @property
    def passed(self) -> bool:
        if not self.plan:
            return self.found == 0 and self.status == "not-a-plan"
        return (
            self.matched >= 0.95 * self.expected
            and self.invented <= 0.05 * self.expected
            and self.pilots >= 0.95 * self.pilots_expected
            and self.schedules >= 0.95 * self.schedules_expected
        )


def _key(text: str) -> str:
    return match_key(text)


def _label_matches(expected: str, found: str) -> bool:
    """Same words, or the found label ends with them (a kept number such as '1.2 ' or 'Projet 3 : ')."""
    want, got = _key(expected), _key(found)
    return got == want or (got.endswith(want) and len(got) - len(want) <= 14)


def _pilot_matches(expected: str, found: str | None) -> bool:
    return found is not None and _key(expected) in _key(found)


def _schedule_matches(expected: frozenset[YearSemester], found: frozenset[YearSemester]) -> bool:
    """Every expected period is found (a year alone is met by any of its semesters) and nothing else."""
    found_years = {year for year, _ in found}
    return all(
        (year in found_years) if semester is None else ((year, semester) in found) for year, semester in expected
    ) and found_years <= {year for year, _ in expected}


def score(truth: Truth, status: str, found: Sequence[Found]) -> Score:
    matched = pilots = schedules = 0
    pool = list(found)
    for want in truth.actions:
        hit = next((f for f in pool if _label_matches(want.label, f.label)), None)
        if hit is None:
            continue
        pool.remove(hit)
        matched += 1
        pilots += bool(want.pilot) and _pilot_matches(want.pilot or "", hit.pilot)
        schedules += bool(want.schedule) and _schedule_matches(want.schedule, hit.schedule)
    return Score(
        truth.family,
        truth.plan,
        status,
        len(truth.actions),
        len(found),
        matched,
        pilots,
        sum(1 for a in truth.actions if a.pilot),
        schedules,
        sum(1 for a in truth.actions if a.schedule),
    )


def _found(db: Path, plan_id: int | None) -> list[Found]:
    if plan_id is None:
        return []
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT a.action_id, a.label, a.pilot, a.start_year, a.start_semester, a.end_year, a.end_semester,"
            " list(struct_pack(y := s.year, s := s.semester)) FILTER (WHERE s.year IS NOT NULL)"
            " FROM actions a LEFT JOIN action_schedule s USING (action_id) WHERE a.plan_id = ?"
            " GROUP BY ALL ORDER BY a.action_id",
            [plan_id],
        ).fetchall()
    found = []
    for _, label, pilot, y0, s0, y1, s1, periods in rows:
        schedule = frozenset((p["y"], p["s"]) for p in periods or [])
        if not schedule and y1 is not None:
            schedule = _span(y0 or y1, s0, y1, s1)
        found.append(Found(label, pilot, schedule))
    return found


def _span(y0: int, s0: int | None, y1: int, s1: int | None) -> frozenset[YearSemester]:
    """The periods between a start and an end (years alone when semesters are not known)."""
    if s0 is None or s1 is None:
        return frozenset((year, None) for year in range(y0, y1 + 1))
    return frozenset((y, s) for y in range(y0, y1 + 1) for s in (1, 2) if (y0, s0) <= (y, s) <= (y1, s1))


def measure(out: Path, truths: Sequence[Truth], db: Path) -> list[Score]:
    """Ingest the generated files through the real pipeline and score each against its truth."""
    reports = {r.file_name: r for r in ingest([out / t.file_name for t in truths], IngestOptions(db=db, jobs=2))}
    scores = []
    for truth in truths:
        report = reports[truth.file_name]
        scores.append(score(truth, report.status, _found(db, report.plan_id)))
    return scores


def _row(*values: object) -> str:
    family, kind, *numbers, status = (str(v) for v in values)
    return f"{family:<18} {kind:<9} " + " ".join(f"{n:>9}" for n in numbers) + f"  {status}"


def render(scores: Sequence[Score]) -> str:
    columns = ("family", "kind", "expected", "found", "matched", "extra", "pilots", "schedules", "status")
    lines = [_row(*columns)]
    for s in scores:
        pilots = f"{s.pilots}/{s.pilots_expected}" if s.pilots_expected else "-"
        schedules = f"{s.schedules}/{s.schedules_expected}" if s.schedules_expected else "-"
        mark = "pass" if s.passed else "FAIL"
        kind = "plan" if s.plan else "non-plan"
        lines.append(
            _row(s.family, kind, s.expected, s.found, s.matched, s.invented, pilots, schedules, f"{s.status} {mark}")
        )
    plans = [s for s in scores if s.plan]
    others = [s for s in scores if not s.plan]
    lines.append(
        f"total: {sum(s.passed for s in scores)}/{len(scores)} families pass; "
        f"actions {sum(s.matched for s in plans)}/{sum(s.expected for s in plans)} found; "
        f"pilots {sum(s.pilots for s in plans)}/{sum(s.pilots_expected for s in plans)}; "
        f"schedules {sum(s.schedules for s in plans)}/{sum(s.schedules_expected for s in plans)}; "
        f"non-plans {sum(s.passed for s in others)}/{len(others)} read as not-a-plan "
        f"({sum(s.found for s in others)} actions invented)"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the files into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--report", action="store_true", help="ingest the files and score them per family")
    args = parser.parse_args(argv)
    truths = generate(args.out, args.seed)
    if not args.report:
        print(f"{len(truths)} files written to {args.out}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        print(render(measure(args.out, truths, Path(tmp) / "unseen.duckdb")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
