"""Generate a synthetic corpus of plans, reproducibly from a seed.

    python samples/synthetic.py OUT_DIR N --seed 42 [--scale 1.0]

Plans are Excel workbooks (one in two), Word roadmaps (one in three) and PDF plans (one in
six: file i is a PDF when i % 6 == 4). They are written by the builders of the samples
(``build_samples.py``'s ``write_workbook`` and ``write_document``, ``pdf_sample.py``'s
table, narrative and annex flowables), so they carry the same layout and the same mess:

* Excel: a title row, "MAJ :", "Total" / "Nbre Filtre" count formulas, the header
  row repeated by block (each block after the first re-states title and counts),
  vertically merged Axe / Objectif cells, "X" marks over the semesters (and in the
  headerless column P), one row shifted one column to the right and one action row
  duplicated verbatim.
* Word: a Title, "Axe n : ..." Heading 1 paragraphs with their vision statement,
  ``List Bullet`` actions, nested italic ``List Bullet 2`` sub-actions and
  ``List Number`` themes followed by italic bullets.
* PDF: portrait narrative pages (title, INTRODUCTION, parts with bullets; the text names
  "le CPAS de ..." and states "pas moins de N projets/actions"), then the landscape
  "Plan Stratégique Transversal" table: per axis, an "Axe : ..." row and the seed's three
  header rows, repeated on every page (9 to 15 rows a page), "Objectif stratégique n",
  "Objectif opérationnel n.m" (with its result indicator) and "Action n.m.k : ..." rows
  with pilot, deadline and an X in one status column (or none); in about half the
  files, at the first page break inside an axis, the pilot of the page's last action
  runs over to the next page (a row with an empty action cell). Two in five end with a
  "fiche projet" annex about their first action.

Sizes vary from about 10 to 200 actions (times ``--scale``). Each file has its own
random generator seeded with ``"{seed}-{index}"``, so file i is the same whatever N;
its title holds its number, so that no two plans are versions of one another.
PDFs embed DejaVu Sans like the PDF sample (the fonts must be installed to generate).

``manifest.json`` in OUT_DIR lists every file with the number of actions it holds
(``expected_actions``): one per distinct action row (the duplicated row is read once,
with a ``duplicate-row`` anomaly), one per bullet, one per "Action" row of a PDF table.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from build_samples import (  # noqa: E402  (the builders live next to this script)
    EXCEL_SEED,
    FILTER_LABEL,
    PDF_SEED,
    TITLE_PREFIX,
    TOTAL_LABEL,
    Grid,
    read_seed,
    write_document,
    write_workbook,
)
from pdf_sample import (  # noqa: E402
    annex,
    document,
    make_styles,
    narrative,
    planning_table,
    read_sections,
    register_fonts,
    table_pages,
)
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak  # noqa: E402

VERBS = (
    "Définir",
    "Mettre en place",
    "Évaluer",
    "Renforcer",
    "Développer",
    "Créer",
    "Former",
    "Structurer",
    "Accompagner",
    "Recenser",
    "Favoriser",
    "Organiser",
    "Piloter",
    "Consolider",
    "Élaborer",
)
OBJECTS = (
    "une trame commune de rapport d’activité",
    "les partenariats locaux",
    "l’accueil des personnes accompagnées",
    "la politique de formation des salariés",
    "un outil de suivi des bénévoles",
    "la démarche qualité",
    "la communication interne",
    "les conseils de la vie sociale",
    "un plan de mobilité durable",
    "l’habitat inclusif",
    "la gestion des déchets",
    "les fiches de poste",
    "le dossier de l’usager dématérialisé",
    "une charte de partenariat",
    "l’observatoire social",
)
COMPLEMENTS = (
    "avec les pôles",
    "dans chaque territoire",
    "avant l’assemblée générale",
    "en lien avec la DRH",
    "pour les personnes accompagnées",
    "au sein de l’association",
    "avec les financeurs",
    "à l’échelle départementale",
    "",
)
PILOTS = ("DG", "Codir", "Directeurs de Pôles", "DRH", "Resp. Services", "Comm. Vie associative", "Pôle ressources")
PARTNERS = ("Groupes Prospectives", "Bénévoles", "Caf", "Conseil départemental", "URIOPSS", "Équipes projet", "")
INDICATORS = (
    "Taux de réalisation",
    "Nombre de réunions",
    "Nbre de personnes formées",
    "Satisfaction des équipes",
    "Document approuvé par le CA",
    "",
)
THEMES = (
    "Développement de l’offre",
    "RH, Qualité",
    "Représentativité, droit des usagers",
    "Communication, plaidoyer",
    "Transition écologique",
    "Gouvernance et vie associative",
    "Stratégie financière",
)
PLACES = ("Nord", "Sud", "Est", "Ouest", "Centre", "Littoral", "Montagne", "Vallée", "Plaine", "Métropole")
SEMESTERS = 7  # columns I..O; P (index 15) has no header
ROWS_PER_BLOCK = 25
DEADLINES = ("2020", "2021-2022", "2019-2024", "Début 2021", "2019 -2020", "2023", "2022-2023", "2024")
STATUS_COLUMNS = ("A programmer", "En cours", "Finalisé")  # PDF table columns 3..5 (6 is "Indice de santé")
PDF_ROWS_PER_PAGE = 12
PDF_COLUMNS = 9


@dataclass(frozen=True)
class Generated:
    file_name: str
    expected_actions: int


def label(rng: random.Random, seen: set[str]) -> str:
    """A label not yet used in this plan (a repeated label would be a duplicate action)."""
    parts = (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(COMPLEMENTS))
    text = " ".join(part for part in parts if part)
    if text in seen:
        text += f" (volet {len(seen) + 1})"
    seen.add(text)
    return text


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(OBJECTS) for _ in range(words)).capitalize()


def action_count(rng: random.Random, scale: float) -> int:
    """Varied sizes: mostly small plans, some large ones."""
    return max(3, round(rng.choice((10, 20, 30, 50, 80, 120, 200)) * rng.uniform(0.7, 1.3) * scale))


# --------------------------------------------------------------------------
# Excel
# --------------------------------------------------------------------------


def excel_rows(rng: random.Random, actions: int) -> list[list[str]]:
    """The action rows (16 fields): hierarchy on the first row of its group only."""
    rows: list[list[str]] = []
    seen: set[str] = set()
    engagement = 0
    while len(rows) < actions:
        engagement += 1
        axis = f"Axe {engagement} : {rng.choice(THEMES)}" if engagement == 1 or rng.random() < 0.4 else ""
        general = f"Engagement n°{engagement} : {sentence(rng, 2)}"
        for objective in range(1, rng.randint(1, 4) + 1):
            operational = sentence(rng, 1)
            for number in range(1, rng.randint(1, 5) + 1):
                first_of_group = number == 1
                marks = ["X" if rng.random() < 0.4 else "" for _ in range(SEMESTERS)]
                rows.append(
                    [
                        axis if first_of_group and objective == 1 else "",
                        general if first_of_group and objective == 1 else "",
                        operational if first_of_group else "",
                        f"{engagement}.{objective}.{number}",
                        label(rng, seen),
                        rng.choice(PILOTS),
                        rng.choice(PARTNERS),
                        rng.choice(INDICATORS),
                        *marks,
                        "X" if rng.random() < 0.05 else "",
                    ]
                )
                axis = general = ""
                if len(rows) == actions:
                    return rows
    return rows


def mess_up(rng: random.Random, rows: list[list[str]]) -> None:
    """One row shifted one column to the right (code in E), one row duplicated after itself."""
    if len(rows) < 4:
        return
    shifted = rng.randrange(1, len(rows))
    fields = rows[shifted]
    rows[shifted] = ["", "", "", "", *fields[3:15]]
    duplicated = rng.randrange(1, len(rows))
    while duplicated == shifted:
        duplicated = rng.randrange(1, len(rows))
    rows.insert(duplicated + 1, list(rows[duplicated]))


def excel_grid(rng: random.Random, title: str, actions: int) -> tuple[Grid, int]:
    """The seed-like grid of a workbook and the last Excel row of its data."""
    header = next(fields for fields in read_seed(EXCEL_SEED) if fields[:1] == ["Axe"])
    rows = excel_rows(rng, actions)
    mess_up(rng, rows)
    counts = [str(sum(1 for row in rows if len(row) > col and row[col])) for col in range(1, 16)]
    counts = [count if count != "0" else "" for count in counts]
    grid: Grid = [[""], [""], [title], [""], ["MAJ :"], [""], [TOTAL_LABEL, *counts], [FILTER_LABEL, *counts]]
    for start in range(0, len(rows), ROWS_PER_BLOCK):
        if start:
            grid += [[""], [title], [""], [FILTER_LABEL, *counts]]
        grid.append(list(header))
        grid += rows[start : start + ROWS_PER_BLOCK]
    return grid, len(grid)


def write_excel(rng: random.Random, out: Path, scale: float, number: int) -> int:
    actions = action_count(rng, scale)
    title = f"{TITLE_PREFIX} {rng.choice(PLACES)} {number} {rng.randint(2019, 2024)}-{rng.randint(2025, 2028)}"
    grid, last_row = excel_grid(rng, title, actions)
    write_workbook(grid, out, title, last_row)
    return actions  # the duplicated row is read once (a duplicate-row anomaly)


# --------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------


def word_lines(rng: random.Random, title: str, actions: int) -> tuple[list[str], int]:
    lines = [
        title,
        f"Projet au {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2020, 2024)}",
        "Objet & Calendrier de la feuille de route",
        sentence(rng, 3) + ".",
    ]
    seen: set[str] = set()
    bullets = 0
    axis = 0
    while bullets < actions:
        axis += 1
        lines += [f"Axe {axis} : {rng.choice(THEMES)}", "En 2025, la Résidence sociale :", sentence(rng, 2) + "."]
        for _ in range(rng.randint(2, 8)):
            lines.append(f"- {label(rng, seen)}")
            bullets += 1
            if rng.random() < 0.15:
                for _ in range(rng.randint(1, 3)):
                    lines.append(f" - *{label(rng, seen)}*")
                    bullets += 1
        if rng.random() < 0.3:
            for theme in range(1, rng.randint(1, 3) + 1):
                lines.append(f"{theme}. {rng.choice(THEMES)}")
                for _ in range(rng.randint(1, 3)):
                    lines.append(f"- *{label(rng, seen)}*")
                    bullets += 1
    return lines, bullets


def write_word(rng: random.Random, out: Path, scale: float, number: int) -> int:
    title = f"FEUILLE DE ROUTE {rng.choice(PLACES).upper()} {number} {rng.randint(2020, 2025)}"
    lines, bullets = word_lines(rng, title, action_count(rng, scale))
    write_document(lines, out, title)
    return bullets


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------


@functools.cache
def pdf_header() -> tuple[tuple[str, ...], ...]:
    """The three header rows of the seed's planning table (repeated on every table page)."""
    register_fonts(fallback=True)  # once per process
    first_page = table_pages(read_sections(PDF_SEED).table)[0]
    return tuple(tuple(row) for row in first_page[1:4])


def pdf_row(*fields: str) -> list[str]:
    return [*fields, *[""] * (PDF_COLUMNS - len(fields))]


def pdf_action_row(rng: random.Random, code: str, text: str) -> list[str]:
    marks = ["", "", "", ""]
    if rng.random() < 0.9:
        marks[rng.randrange(len(STATUS_COLUMNS))] = "X"
    return pdf_row(f"<i>Action {code} : {text}</i>", rng.choice(PILOTS), rng.choice(DEADLINES), *marks)


def pdf_axes(rng: random.Random, actions: int) -> list[list[list[str]]]:
    """Per axis, its table rows: the axis row, objective rows and "Action a.o.k : ..." rows."""
    axes: list[list[list[str]]] = []
    seen: set[str] = set()
    count = 0
    while count < actions:
        number = len(axes) + 1
        rows = [pdf_row(f"Axe : {rng.choice(THEMES)}"), pdf_row(f"Objectif stratégique {number} : {sentence(rng, 2)}")]
        for objective in range(1, rng.randint(1, 4) + 1):
            indicator = rng.choice(INDICATORS)
            code = f"{number}.{objective}"
            rows.append(pdf_row(f"Objectif opérationnel {code} : {sentence(rng, 1)}", *[""] * 6, indicator))
            for action in range(1, rng.randint(1, 6) + 1):
                rows.append(pdf_action_row(rng, f"{code}.{action}", label(rng, seen)))
                count += 1
                if count == actions:
                    return [*axes, rows]
        axes.append(rows)
    return axes


def pdf_pages(rng: random.Random, axes: list[list[list[str]]]) -> list[list[list[str]]]:
    """Table pages for ``pdf_sample.planning_table``: each axis starts a page (axis row, then the header
    rows), at most PDF_ROWS_PER_PAGE (plus or minus 3) rows a page. At one page break (if any), the pilot of the last
    action runs over to the next page in a row with an empty action cell (a "continued-row")."""
    header = [list(row) for row in pdf_header()]
    pages: list[list[list[str]]] = []
    split = rng.random() < 0.5
    per_page = PDF_ROWS_PER_PAGE + rng.randint(-3, 3)
    for rows in axes:
        axis, body = rows[0], rows[1:]
        for start in range(0, len(body), per_page):
            chunk = [list(row) for row in body[start : start + per_page]]
            if start == 0:
                pages.append([axis, *header, *chunk])
                continue
            previous = pages[-1][-1]
            words = previous[1].split(" ")
            if split and previous[0].startswith("<i>Action") and len(words) > 1:
                previous[1] = words[0]
                chunk.insert(0, pdf_row("", " ".join(words[1:])))
                split = False
            pages.append(chunk)
    return pages


def pdf_narrative(rng: random.Random, title: str, place: str, actions: int) -> list[str]:
    """Narrative lines in the seed's notation (a whitespace-only line is a page break)."""
    lines = [title, f"***{sentence(rng, 2)}***", "INTRODUCTION"]
    lines += [sentence(rng, rng.randint(3, 8)) + "." for _ in range(rng.randint(2, 6))]
    lines.append(
        f"Ce travail au CPAS de {place} a permis d’envisager des mesures concrètes : "
        f"pas moins de {actions} projets/actions en sont ressortis."
    )
    for part, heading in enumerate(("Le P.S.T. : sa définition", "Construction de notre plan")[: rng.randint(1, 2)]):
        lines += [" ", f"{'I' * (part + 1)}. {heading}"]
        for _ in range(rng.randint(3, 12)):
            text = sentence(rng, rng.randint(2, 10))
            lines.append(f"- {text} ;" if rng.random() < 0.3 else f"{text}.")
    return lines


def pdf_fiche(rng: random.Random, axes: list[list[list[str]]]) -> list[str]:
    """A "fiche projet" annex about the first action, in the seed's notation (tab-separated = table)."""
    row = next(row for row in axes[0] if row[0].startswith("<i>Action"))
    code, text = row[0].removeprefix("<i>Action ").removesuffix("</i>").split(" : ", 1)
    status = next((s for s, mark in zip(STATUS_COLUMNS, row[3:6], strict=True) if mark), "A programmer")
    start = rng.randint(2019, 2022)
    return [
        "Annexe : exemple fiche action :",
        f"FICHE PROJET : AXE => {axes[0][0][0].removeprefix('Axe : ').upper()}",
        "N° de projet\t\tStatut",
        f"{code}\tLibellé {text}\t{status}",
        "Date de la dernière mise à jour\t\tDébut",
        f"\t\t{start}",
        "\t\tFin",
        f"\t\t{start + rng.randint(0, 3)}",
        "Description",
        sentence(rng, 4) + ".",
        "Intervenants",
        f"Référent projet\t{row[1]}",
        f"Partenaires\t{rng.choice(PARTNERS) or 'Ville'}",
        "Taux d'avancement",
        f"{rng.randrange(0, 101, 5)}%",
    ]


def write_pdf(rng: random.Random, out: Path, scale: float, number: int) -> int:
    actions = action_count(rng, scale)
    place = rng.choice(PLACES)
    title = f"Plan Stratégique Transversal {place} {number} {rng.randint(2019, 2021)}-{rng.randint(2024, 2026)}"
    axes = pdf_axes(rng, actions)
    styles = make_styles()
    pdf_header()
    story: list[Flowable] = narrative(pdf_narrative(rng, title, place, actions), styles)
    story += [NextPageTemplate("landscape"), PageBreak()]
    story += planning_table(styles, pdf_pages(rng, axes))
    if rng.random() < 0.4:
        story += [NextPageTemplate("portrait"), PageBreak()]
        story += annex(pdf_fiche(rng, axes), styles)
    document(out, title, "plans samples/synthetic.py").build(story)
    return actions


# --------------------------------------------------------------------------


def generate(out_dir: Path, count: int, seed: int = 42, scale: float = 1.0) -> list[Generated]:
    """Write `count` plans into `out_dir` (and manifest.json); return what was written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Generated] = []
    for index in range(count):
        rng = random.Random(f"{seed}-{index}")
        if index % 6 == 4:
            name = f"{index:05d}_plan_strategique_transversal.pdf"
            expected = write_pdf(rng, out_dir / name, scale, index + 1)
        elif index % 3 == 2:
            name = f"{index:05d}_feuille_de_route.docx"
            expected = write_word(rng, out_dir / name, scale, index + 1)
        else:
            name = f"{index:05d}_plan_strategique.xlsx"
            expected = write_excel(rng, out_dir / name, scale, index + 1)
        written.append(Generated(name, expected))
    manifest = [{"file": g.file_name, "expected_actions": g.expected_actions} for g in written]
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every plan's size")
    args = parser.parse_args(argv)
    written = generate(args.out_dir, args.count, args.seed, args.scale)
    print(f"{len(written)} plans, {sum(g.expected_actions for g in written)} actions in {args.out_dir}")


if __name__ == "__main__":
    main()
