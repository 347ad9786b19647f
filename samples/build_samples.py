"""Rebuild the sample source documents from their plain-text seeds.

Each sample has one builder function; ``main()`` rebuilds every sample next
to this script.  Samples:

* ``plan_strategique_entraide.xlsx`` (``build_excel``), rebuilt from
  ``seeds/000_plan_strategique_excel.txt``, the tab-separated rendering of the
  real spreadsheet "Plan Stratégique Entraide et Solidarités 2021-2024".
* ``feuille_de_route_direction_generale.docx`` (``build_word``), rebuilt from
  ``seeds/001_feuille_de_route_word.txt``, the text rendering of the Word
  document "FEUILLE DE ROUTE DE LA DIRECTION GENERALE, Projet au 17/02/2022".
  Its rules are in the docstring of ``build_word``.
* ``plan_strategique_transversal_cpas.pdf``, built by ``pdf_sample.build_pdf`` from
  ``seeds/003_plan_strategique_transversal_pdf.txt`` (its layout rules are in that module).
* ``projet_federal_centres_sociaux_drome.html`` (``build_projet_federal``) and
  ``reussir_2020_chantier_ecole.html`` (``build_reussir_2020``): two saved web
  pages rebuilt from seeds 002 and 004; their layout rules and interpretation
  decisions are in the docstrings of those functions.

Layout rules of the workbook (sheet ``Plan``):

* Seed line L (1-based) becomes Excel row L; tab-separated field j (0-based)
  becomes column j (A = 0).  Every non-empty field is written literally where
  it is, including the rows the rendering shifted sideways (codes in column
  B, C or E, marks in column P which has no header...): the mess is the
  point.  Fields are kept byte-for-byte; only the newline is stripped.
* Title rows ("Plan Stratégique ...") are merged across A:O, bold, larger.
* Count rows ("Total", "Nbre Filtre"): each number of the seed becomes a
  formula (``=COUNTA(X10:X83)`` on "Total", ``=SUBTOTAL(3,X10:X83)`` on
  "Nbre Filtre") whose cached value is the seed number.
* Header rows ("Axe | Objectif général | ...") are bold, filled and wrapped.
* Action codes are strings, "X" marks are strings.

Interpretation decisions (where the text rendering is ambiguous, we choose
what a real spreadsheet most likely held):

1. Codes that look like a decimal number (one dot, i.e. "2.2") are written
   as numbers: Excel auto-converts such an entry when typed.  Only "2.2" is
   affected; every other code ("1.1.1") stays a string.
2. "Avoir un rôle d'observatoire social" appears in column A of the 5.2.2
   line (seed line 44).  It is the operational objective of the 5.2.x actions
   that the rendering misplaced: it goes to column C of the 5.2.1 line (seed
   line 43) and A44 stays empty.  The rest of line 44 stays literal (code
   5.2.2 in column C, its label in D...).  The rows are located by content;
   the task brief quoted them as lines 43/42, one less than in the seed.
3. "Promouvoir la transversalité et les synergies dans l'association" appears
   in column B of the duplicated 7.3.1 line (seed line 61; the brief said 60).
   It is an operational objective, so it goes to column C of the same row.
4. Two axes were clipped by the rendering and are restored in full:
   "de et Solidarités dans les aspirations ..." becomes "Inscrire l'action
   d'Entraide et Solidarités dans les aspirations des personnes et les défis
   sociétaux", and the last axis "... et ainsi défendre se" ends with
   "défendre ses valeurs".
5. Vertical merges.  In the real sheet the Axe / Objectif cells span their
   actions; the rendering shows the text on the first row only.  Within each
   block (the action rows after a header row, up to the next empty line or
   the end of the sheet):
   * column A is merged down while the following rows have A empty;
   * column B is merged down while the following rows have B empty and the
     same first code segment as the anchor row;
   * column C likewise, with the same first two code segments.
   A row's action code is its rightmost field matching ``^\\d+(\\.\\d+)+$``
   (which includes "2.2").  A rule-merge needs 2+ rows, and a merge anchor
   must be text: a stray action code sitting in column B or C (shifted row)
   never becomes the anchor of a merge.  A row without any code stops a B/C
   merge.
6. The "Nbre Filtre" rows count with SUBTOTAL(3, ...), which only makes
   sense on a filtered sheet, so an autofilter is set on the first header
   row over the data (A9:P83).
7. Cosmetics: column widths A-C 40, D 10, E 50, F-H 25, I-P 12; text cells
   wrap and are top-aligned; "X" marks and codes are centred; the count
   formulas are bold.  No freeze panes (the header row repeats per block).
8. Determinism: fixed document properties (created 2022-02-17) so that two
   runs produce identical bytes.
"""

from __future__ import annotations

import html
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import docx
import xlsxwriter
from docx.document import Document
from pdf_sample import build_pdf
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

HERE = Path(__file__).parent
EXCEL_SEED = HERE / "seeds" / "000_plan_strategique_excel.txt"
EXCEL_OUT = HERE / "plan_strategique_entraide.xlsx"
WORD_SEED = HERE / "seeds" / "001_feuille_de_route_word.txt"
WORD_OUT = HERE / "feuille_de_route_direction_generale.docx"
PDF_SEED = HERE / "seeds" / "003_plan_strategique_transversal_pdf.txt"
PDF_OUT = HERE / "plan_strategique_transversal_cpas.pdf"
FEDERAL_SEED = HERE / "seeds" / "002_projet_federal_html.txt"
FEDERAL_OUT = HERE / "projet_federal_centres_sociaux_drome.html"
REUSSIR_SEED = HERE / "seeds" / "004_reussir_2020_html.txt"
REUSSIR_OUT = HERE / "reussir_2020_chantier_ecole.html"

SHEET_NAME = "Plan"
CREATED = datetime(2022, 2, 17)
TITLE_PREFIX = "Plan Stratégique Entraide et Solidarités"
HEADER_FIRST_CELL = "Axe"
TOTAL_LABEL = "Total"
FILTER_LABEL = "Nbre Filtre"
TITLE_LAST_COL = 14  # column O
FORMULA_FIRST_ROW = 10  # Excel rows counted by the Total / Nbre Filtre formulas
FORMULA_LAST_ROW = 83
CODE_PATTERN = re.compile(r"^\d+(\.\d+)+$")
NUMERIC_CODE_PATTERN = re.compile(r"^\d+\.\d+$")

AXIS_1_CLIPPED = "de et Solidarités dans les aspirations des personnes et les défis sociétaux"
AXIS_1_FULL = "Inscrire l'action d'Entraide et Solidarités dans les aspirations des personnes et les défis sociétaux"
AXIS_4_CLIPPED_END = "et ainsi défendre se"
OBSERVATORY_OBJECTIVE = "Avoir un rôle d'observatoire social"
TRANSVERSALITY_OBJECTIVE = "Promouvoir la transversalité et les synergies dans l'association"

COLUMN_WIDTHS: tuple[tuple[int, int, float], ...] = (
    (0, 2, 40),  # A-C: axe, objectif général, objectif opérationnel
    (3, 3, 10),  # D: N° action
    (4, 4, 50),  # E: action
    (5, 7, 25),  # F-H: pilote, acteurs, indicateur
    (8, 15, 12),  # I-P: semesters and the headerless column P
)

Grid = list[list[str]]


@dataclass(frozen=True)
class Merge:
    """A vertical merge of one column over rows first..last (0-based)."""

    col: int
    first: int
    last: int


# --------------------------------------------------------------------------
# Seed reading and corrections
# --------------------------------------------------------------------------


def read_seed(seed: Path) -> Grid:
    """Return the seed as rows of tab-separated fields (newline stripped only)."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    if lines[-1] == "":  # a final newline ends the last line, it does not start one
        lines.pop()
    return [line.split("\t") for line in lines]


def cell(grid: Grid, row: int, col: int) -> str:
    """Field at (row, col), or "" when the line is shorter."""
    fields = grid[row]
    return fields[col] if col < len(fields) else ""


def set_cell(grid: Grid, row: int, col: int, value: str) -> None:
    """Set a field, padding the line with empty fields when needed."""
    fields = grid[row]
    fields.extend([""] * (col + 1 - len(fields)))
    fields[col] = value


def find_row(grid: Grid, col: int, predicate: str) -> int:
    """Index of the only row whose field ``col`` equals or ends with ``predicate``."""
    matches = [i for i in range(len(grid)) if cell(grid, i, col).endswith(predicate)]
    if len(matches) != 1:
        raise ValueError(f"expected one row with {predicate!r} in column {col}: {matches}")
    return matches[0]


def move_field(grid: Grid, src: tuple[int, int], dst: tuple[int, int]) -> None:
    """Move a field to an empty destination cell."""
    if cell(grid, *dst):
        raise ValueError(f"destination {dst} is not empty")
    set_cell(grid, *dst, cell(grid, *src))
    set_cell(grid, *src, "")


def correct_seed(grid: Grid) -> None:
    """Apply the interpretation decisions 2-4 of the module docstring in place."""
    observatory = find_row(grid, 0, OBSERVATORY_OBJECTIVE)
    move_field(grid, (observatory, 0), (observatory - 1, 2))

    transversality = find_row(grid, 1, TRANSVERSALITY_OBJECTIVE)
    move_field(grid, (transversality, 1), (transversality, 2))

    axis_1 = find_row(grid, 0, AXIS_1_CLIPPED)
    set_cell(grid, axis_1, 0, AXIS_1_FULL)

    axis_4 = find_row(grid, 0, AXIS_4_CLIPPED_END)
    set_cell(grid, axis_4, 0, cell(grid, axis_4, 0) + "s valeurs")


# --------------------------------------------------------------------------
# Row classification and merges
# --------------------------------------------------------------------------


def is_blank(fields: list[str]) -> bool:
    return not any(fields)


def is_title(fields: list[str]) -> bool:
    return fields[0].startswith(TITLE_PREFIX)


def is_header(fields: list[str]) -> bool:
    return fields[0] == HEADER_FIRST_CELL


def is_count(fields: list[str]) -> bool:
    return fields[0] in (TOTAL_LABEL, FILTER_LABEL)


def is_code(value: str) -> bool:
    return bool(CODE_PATTERN.match(value))


def action_code(fields: list[str]) -> str | None:
    """Rightmost field of the row that looks like an action code."""
    codes = [value for value in fields if is_code(value)]
    return codes[-1] if codes else None


def code_prefix(code: str | None, segments: int) -> tuple[str, ...] | None:
    return tuple(code.split(".")[:segments]) if code else None


def blocks(grid: Grid) -> Iterator[range]:
    """Action rows of each block: after a header row, up to a blank line or the end."""
    for start, fields in enumerate(grid):
        if not is_header(fields):
            continue
        end = start + 1
        while end < len(grid) and not is_blank(grid[end]):
            end += 1
        yield range(start + 1, end)


def column_merges(grid: Grid, rows: range, col: int, segments: int | None) -> Iterator[Merge]:
    """Merges of column ``col`` in a block.

    ``segments`` is the number of leading code segments that must match the
    anchor's for a row to join the merge (``None``: no code condition).
    """
    for anchor in rows:
        value = cell(grid, anchor, col)
        if not value or is_code(value):
            continue
        prefix = code_prefix(action_code(grid[anchor]), segments or 0)
        last = anchor
        for row in range(anchor + 1, rows.stop):
            if cell(grid, row, col):
                break
            if segments and (prefix is None or code_prefix(action_code(grid[row]), segments) != prefix):
                break
            last = row
        if last > anchor:
            yield Merge(col, anchor, last)


def vertical_merges(grid: Grid) -> list[Merge]:
    """All Axe / Objectif général / Objectif opérationnel merges (decision 5)."""
    merges: list[Merge] = []
    for rows in blocks(grid):
        merges += column_merges(grid, rows, 0, None)
        merges += column_merges(grid, rows, 1, 1)
        merges += column_merges(grid, rows, 2, 2)
    return merges


# --------------------------------------------------------------------------
# Excel writing
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Formats:
    title: Format
    label: Format
    count: Format
    header: Format
    text: Format
    centred: Format


def make_formats(workbook: xlsxwriter.Workbook) -> Formats:
    base = {"font_name": "Calibri", "font_size": 11}
    return Formats(
        title=workbook.add_format({**base, "bold": True, "font_size": 16, "align": "center"}),
        label=workbook.add_format({**base, "bold": True}),
        count=workbook.add_format({**base, "bold": True, "align": "center"}),
        header=workbook.add_format(
            {
                **base,
                "bold": True,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
                "bg_color": "#BDD7EE",
                "border": 1,
            }
        ),
        text=workbook.add_format({**base, "text_wrap": True, "valign": "top", "border": 1}),
        centred=workbook.add_format({**base, "align": "center", "valign": "top", "border": 1}),
    )


def write_title(sheet: Worksheet, row: int, fields: list[str], fmt: Formats) -> None:
    sheet.merge_range(row, 0, row, TITLE_LAST_COL, fields[0], fmt.title)
    sheet.set_row(row, 24)


def write_counts(sheet: Worksheet, row: int, fields: list[str], fmt: Formats, last_row: int = FORMULA_LAST_ROW) -> None:
    sheet.write_string(row, 0, fields[0], fmt.label)
    function = "COUNTA(" if fields[0] == TOTAL_LABEL else "SUBTOTAL(3,"
    for col, value in enumerate(fields[1:], start=1):
        if not value:
            continue
        letter = xl_col_to_name(col)
        formula = f"={function}{letter}{FORMULA_FIRST_ROW}:{letter}{last_row})"
        sheet.write_formula(row, col, formula, fmt.count, value=int(value))


def write_header(sheet: Worksheet, row: int, fields: list[str], fmt: Formats) -> None:
    for col, value in enumerate(fields):
        if value:
            sheet.write_string(row, col, value, fmt.header)
    sheet.set_row(row, 30)


def write_field(sheet: Worksheet, row: int, col: int, value: str, fmt: Formats) -> None:
    """Write one data field: decimal-looking code as number, else a string."""
    if NUMERIC_CODE_PATTERN.match(value):
        sheet.write_number(row, col, float(value), fmt.centred)
    elif is_code(value) or value == "X":
        sheet.write_string(row, col, value, fmt.centred)
    else:
        sheet.write_string(row, col, value, fmt.text)


def write_data(sheet: Worksheet, row: int, fields: list[str], fmt: Formats, skip: set[tuple[int, int]]) -> None:
    for col, value in enumerate(fields):
        if value and (row, col) not in skip:
            write_field(sheet, row, col, value, fmt)


def write_merges(sheet: Worksheet, grid: Grid, merges: list[Merge], fmt: Formats) -> None:
    for merge in merges:
        value = cell(grid, merge.first, merge.col)
        sheet.merge_range(merge.first, merge.col, merge.last, merge.col, value, fmt.text)


def setup_sheet(sheet: Worksheet, grid: Grid) -> None:
    for first, last, width in COLUMN_WIDTHS:
        sheet.set_column(first, last, width)
    first_header = next(i for i, fields in enumerate(grid) if is_header(fields))
    last_col = max(len(fields) for fields in grid) - 1
    sheet.autofilter(first_header, 0, len(grid) - 1, last_col)


def build_excel(seed: Path, out: Path) -> None:
    """Rebuild the messy "Plan Stratégique" workbook from its text rendering."""
    grid = read_seed(seed)
    correct_seed(grid)
    write_workbook(grid, out, "Plan Stratégique Entraide et Solidarités 2021-2024", FORMULA_LAST_ROW)


def write_workbook(grid: Grid, out: Path, title: str, last_row: int) -> None:
    """Write a corrected seed grid as the workbook (also used by samples/synthetic.py).

    ``last_row`` is the last Excel row the count formulas cover.
    """
    merges = vertical_merges(grid)
    anchors = {(merge.first, merge.col) for merge in merges}

    workbook = xlsxwriter.Workbook(str(out), {"strings_to_numbers": False})
    workbook.set_properties({"title": title, "created": CREATED})
    fmt = make_formats(workbook)
    sheet = workbook.add_worksheet(SHEET_NAME)
    setup_sheet(sheet, grid)

    for row, fields in enumerate(grid):
        if is_blank(fields):
            continue
        if is_title(fields):
            write_title(sheet, row, fields, fmt)
        elif is_count(fields):
            write_counts(sheet, row, fields, fmt, last_row)
        elif is_header(fields):
            write_header(sheet, row, fields, fmt)
        else:
            write_data(sheet, row, fields, fmt, anchors)
    write_merges(sheet, grid, merges, fmt)
    workbook.close()


# --------------------------------------------------------------------------
# Word roadmap
# --------------------------------------------------------------------------

WORD_TITLE = "FEUILLE DE ROUTE DE LA DIRECTION GENERALE"
WORD_SECTION = "Objet & Calendrier de la feuille de route"
WORD_DATE = (2022, 2, 17, 0, 0, 0)
NUMBERED_THEME = re.compile(r"^(\d+)\. (.+)$")
ITALIC = re.compile(r"^\*(.+)\*$")


def word_paragraph(document: Document, line: str) -> None:
    """One seed line -> one paragraph with the style a Word author would have used."""
    if line == WORD_TITLE:
        document.add_paragraph(line, style="Title")
        return
    if line == WORD_SECTION or line.startswith("Axe "):
        document.add_paragraph(line, style="Heading 1")
        return
    theme = NUMBERED_THEME.match(line)
    if theme:
        document.add_paragraph(theme.group(2), style="List Number")
        return
    style = "Normal"
    if line.startswith(" - "):
        style, line = "List Bullet 2", line[3:]
    elif line.startswith("- "):
        style, line = "List Bullet", line[2:]
    italic = ITALIC.match(line)
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(italic.group(1) if italic else line)
    if italic:
        run.italic = True


def freeze_zip(path: Path) -> None:
    """Rewrite the package with fixed member dates so that two builds give the same bytes."""
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, date_time=WORD_DATE), data, compress_type=zipfile.ZIP_DEFLATED)


def build_word(seed: Path, out: Path) -> None:
    """Rebuild the Word "feuille de route" from its text rendering.

    Every non-empty seed line becomes one paragraph, in order (blank lines only
    separate paragraphs, so seed line N is not paragraph N: the first action,
    "Créer une direction nationale du développement...", is paragraph 12):

    * the first line, the title, has the ``Title`` style;
    * "Objet & Calendrier de la feuille de route" and the "Axe ..." lines have
      ``Heading 1`` ("Axe 1 et 2 : ..." stays one heading);
    * "- x" lines are ``List Bullet`` paragraphs and " - x" lines (indented in
      the seed) ``List Bullet 2`` paragraphs: real Word lists, whose bullets
      come from the styles' numbering, not typed dashes (the dash is removed);
    * "1. Mise en conformité et réglementation" and the other numbered themes
      are ``List Number`` paragraphs, the number removed (Word numbers them
      1 to 6 itself);
    * a text wrapped in ``*...*`` is one italic run without the asterisks (the
      theme sub-actions stay at the first list level, as in the seed: only
      the italics mark them as sub-actions);
    * every other line ("Projet au 17/02/2022", "En 2025, la Résidence
      sociale :", the vision statements...) is a ``Normal`` paragraph.

    Determinism: fixed core properties (created, modified 2022-02-17) and fixed
    zip member dates.
    """
    write_document(seed.read_text(encoding="utf-8").split("\n"), out, WORD_TITLE)


def write_document(lines: list[str], out: Path, title: str) -> None:
    """Write seed-like lines as the Word document (also used by samples/synthetic.py)."""
    document = docx.Document()
    for line in lines:
        if line.strip() == title:
            document.add_paragraph(title, style="Title")
        elif line.strip():
            word_paragraph(document, line.rstrip())
    properties = document.core_properties
    properties.title = title
    properties.author = "Direction générale"
    properties.last_modified_by = "Direction générale"
    properties.created = CREATED
    properties.modified = CREATED
    properties.last_printed = CREATED
    properties.revision = 1
    document.save(str(out))
    freeze_zip(out)


def main() -> None:
    """Rebuild every sample next to this script."""
    build_excel(EXCEL_SEED, EXCEL_OUT)
    build_word(WORD_SEED, WORD_OUT)
    build_pdf(PDF_SEED, PDF_OUT)  # layout rules and decisions: samples/pdf_sample.py
    build_projet_federal(FEDERAL_SEED, FEDERAL_OUT)
    build_reussir_2020(REUSSIR_SEED, REUSSIR_OUT)


# --------------------------------------------------------------------------
# Saved web pages (seeds 002 and 004)
# --------------------------------------------------------------------------

NBSP = "\u00a0"


def text(value: str) -> str:
    """HTML text: <, > and & escaped; accents, ’, «» and NBSP kept as UTF-8."""
    return html.escape(value, quote=False)


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def seed_lines(seed: Path) -> list[str]:
    """The seed's lines, newline stripped only (a final newline does not start a line)."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def paragraphs(lines: list[str]) -> list[str]:
    """Join a line that starts with a lower-case letter to the line before it.

    The text renderings break some sentences in two ("... de certaines" / "structures en
    vue ..."); on the page that is one paragraph whose source holds a newline (a soft wrap).
    """
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].strip() and line[:1].islower():
            joined[-1] += "\n" + line
        else:
            joined.append(line)
    return joined


def page(head: list[str], body: list[str]) -> str:
    return "\n".join(["<!DOCTYPE html>", '<html lang="fr">', "<head>", *head, "</head>", "<body>", *body])


def menu(items: tuple[tuple[str, str], ...], css: str) -> list[str]:
    links = [f'<li><a href="{attr(href)}">{text(label)}</a></li>' for label, href in items]
    return [f'<ul class="{css}">', *links, "</ul>"]


FEDERAL_SITE = "Fédération des centres sociaux de la Drôme"
FEDERAL_TITLE = "Projet fédéral : Des organisations sur les territoires"
FEDERAL_MENU: tuple[tuple[str, str], ...] = (
    ("Accueil", "/"),
    ("La Fédération", "/la-federation/"),
    ("Le projet fédéral", "/projet-federal/"),
    ("Les centres sociaux et EVS", "/centres-sociaux/"),
    ("Actualités", "/actualites/"),
    ("Contact", "/contact/"),
)
FEDERAL_SECTIONS = (
    "CONTEXTE GLOBAL",
    "ENJEUX POUR LE RÉSEAU",
    "ACTIONS DU PRÉCÉDENT PROJET",
    "OBJECTIFS OPÉRATIONNELS",
    "PISTES D’ACTIONS :",
)
FEDERAL_SUBSECTION = "Projets déjà engagés :"
SKIP_LINK = "Aller au contenu principal"


def build_projet_federal(seed: Path, out: Path) -> None:
    """Rebuild seed 002 as the saved page of a federation's project (a WordPress-like page).

    Layout rules:

    * seed line 1 is the article's ``<h1>``;
    * a line followed (after blank lines) by "CONTEXTE GLOBAL" is a theme: ``<h2>``;
    * the upper-case section lines (``FEDERAL_SECTIONS``) are ``<h3>``;
    * "Projets déjà engagés :" is a bold paragraph, ``<p><strong>``, as editors write
      sub-headings in a WordPress body;
    * a line made of one NBSP is an empty ``<p>&nbsp;</p>`` (the spacer the editor left);
    * every other line is a ``<p>``, its "→" arrows kept as text; a line starting with
      a lower-case letter continues the paragraph above (soft wrap, see ``paragraphs``);
    * the last line, "Aller au contenu principal", is the theme's skip link; it stays
      where the seed has it, in the footer after the article.

    Interpretation decisions: the seed names neither the federation nor the page. The
    partners ("Caf de la Drôme", a "démarche départementale", the neighbouring
    "Fédération ardéchoise") make it the departmental federation of the Drôme, so the site
    is "Fédération des centres sociaux de la Drôme" (``og:site_name``) and the page title
    "Projet fédéral : Des organisations sur les territoires" (the seed's first line is the
    chapter of the federal project this page shows). Navigation, footer, a stylesheet
    link and an analytics script are invented page chrome. No date: the bytes are fixed.
    """
    lines = seed_lines(seed)
    if lines[-1] != SKIP_LINK:
        raise ValueError(f"expected the seed to end with {SKIP_LINK!r}")
    content = paragraphs(lines[:-1])
    significant = [i for i, line in enumerate(content) if line.strip()]
    themes = {i for i, nxt in itertools.pairwise(significant) if content[nxt] == FEDERAL_SECTIONS[0]}
    article: list[str] = []
    for index, line in enumerate(content):
        if not line:
            continue
        if index == significant[0]:
            article.append(f'<h1 class="entry-title">{text(line)}</h1>')
            article.append('<div class="entry-content">')
        elif index in themes:
            article.append(f"<h2>{text(line)}</h2>")
        elif line in FEDERAL_SECTIONS:
            article.append(f"<h3>{text(line)}</h3>")
        elif line == FEDERAL_SUBSECTION:
            article.append(f"<p><strong>{text(line)}</strong></p>")
        elif line == NBSP:
            article.append("<p>&nbsp;</p>")
        else:
            article.append(f"<p>{text(line)}</p>")
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(FEDERAL_TITLE)} – {text(FEDERAL_SITE)}</title>",
        f'<meta property="og:site_name" content="{attr(FEDERAL_SITE)}">',
        f'<meta property="og:title" content="{attr(FEDERAL_TITLE)}">',
        '<link rel="stylesheet" href="/wp-content/themes/federation/style.css">',
        "<script>window.dataLayer = window.dataLayer || []; dataLayer.push({page: 'projet-federal'});</script>",
    ]
    body = [
        '<header class="site-header">',
        f'<p class="site-title"><a href="/">{text(FEDERAL_SITE)}</a></p>',
        '<nav class="main-navigation" aria-label="Menu principal">',
        *menu(FEDERAL_MENU, "menu"),
        "</nav>",
        "</header>",
        '<main id="main" class="site-main">',
        '<article class="page type-page">',
        *article,
        "</div>",
        "</article>",
        "</main>",
        '<footer class="site-footer">',
        f"<p>© {text(FEDERAL_SITE)} – Tous droits réservés</p>",
        *menu((("Mentions légales", "/mentions-legales/"), ("Plan du site", "/plan-du-site/")), "footer-menu"),
        f'<a class="skip-link screen-reader-text" href="#main">{text(SKIP_LINK)}</a>',
        "</footer>",
        '<script src="/wp-includes/js/wp-embed.min.js"></script>',
        "</body>",
        "</html>",
        "",
    ]
    out.write_text(page(head, body), encoding="utf-8")


REUSSIR_SITE = "CHANTIER école"
REUSSIR_BREADCRUMB_LINKS = {"Accueil": "/", "Actualité": "/spip.php?rubrique2", "Vie du réseau": "/spip.php?rubrique9"}
REUSSIR_MENU: tuple[tuple[str, str], ...] = (
    ("Le réseau", "/spip.php?rubrique1"),
    ("Actualité", "/spip.php?rubrique2"),
    ("Entreprises Sociales Apprenantes", "/spip.php?rubrique3"),
    ("Formation", "/spip.php?rubrique4"),
    ("Ressources", "/spip.php?rubrique5"),
    ("Contact", "/spip.php?page=contact"),
)
REUSSIR_RUBRIQUE = "Dans la même rubrique..."
REUSSIR_INTERTITLES = (
    "Trois piliers pour consolider et poursuivre le rayonnement du Réseau",
    "Une volonté affirmée de se doter de moyens pour la réussite de ce nouveau plan",
)
REUSSIR_SHARE = "Partager :"
REUSSIR_SHARE_LINKS: tuple[tuple[str, str, str], ...] = (
    (
        "facebook",
        "Facebook",
        "https://www.facebook.com/sharer.php?u=https%3A%2F%2Fwww.chantierecole.org%2Fspip.php%3Farticle412",
    ),
    (
        "twitter",
        "Twitter",
        "https://twitter.com/intent/tweet?url=https%3A%2F%2Fwww.chantierecole.org%2Fspip.php%3Farticle412",
    ),
    (
        "linkedin",
        "LinkedIn",
        "https://www.linkedin.com/shareArticle?url=https%3A%2F%2Fwww.chantierecole.org%2Fspip.php%3Farticle412",
    ),
    ("mail", "Courriel", "mailto:?subject=R%C3%A9ussir%202020"),
)
BULLET = "•" + NBSP


def build_reussir_2020(seed: Path, out: Path) -> None:
    """Rebuild seed 004 as the saved SPIP article page of CHANTIER école.

    Layout rules, in the seed's order:

    * line 1, "Accueil > Actualité > Vie du réseau > ...", is the breadcrumb
      (``<p class="arbo">``): each part but the last is a link;
    * "Dans la même rubrique..." and the "•" lines after it are the section's menu
      (``<div class="menu rubrique">`` with an ``<h2>`` and a ``<ul>``; the "•" + NBSP is
      the list bullet, so it is not in the text of the items, which are links);
    * the title line (after its two leading NBSP, the room of the article's icon) is the
      article's ``<h1>``;
    * ``REUSSIR_INTERTITLES`` are SPIP intertitles, ``<h3 class="spip">``;
    * every other line is a ``<p>``; a line starting with a lower-case letter continues the
      paragraph above (soft wrap);
    * the last line, "Partager :", opens the share links (Facebook, Twitter, LinkedIn,
      mail), a ``<div class="partage">`` at the end of the article.

    Interpretation decisions: the header, the main menu, the footer, the article number
    (412) and the share URLs are invented page chrome; lines holding only NBSP are the
    spacing of the rendering and are dropped. No date: the bytes are fixed.
    """
    lines = seed_lines(seed)
    crumbs = lines[0].split(" > ")
    links = [f'<a href="{attr(REUSSIR_BREADCRUMB_LINKS[c])}">{text(c)}</a>' for c in crumbs[:-1]]
    breadcrumb = f'<p class="arbo">{" &gt; ".join(links)} &gt; <span class="on">{text(crumbs[-1])}</span></p>'
    start = lines.index(REUSSIR_RUBRIQUE)
    items = [line.removeprefix(BULLET) for line in lines[start + 1 :] if line.startswith(BULLET)]
    title_at = next(i for i, line in enumerate(lines) if line.startswith(NBSP * 2))
    title = lines[title_at].strip(NBSP + " ")
    if lines[-1] != REUSSIR_SHARE:
        raise ValueError(f"expected the seed to end with {REUSSIR_SHARE!r}")
    article: list[str] = []
    for line in paragraphs(lines[title_at + 1 : -1]):
        if not line.strip(NBSP + " "):
            continue
        if line in REUSSIR_INTERTITLES:
            article.append(f'<h3 class="spip">{text(line)}</h3>')
        else:
            article.append(f"<p>{text(line)}</p>")
    share = [
        f'<a class="{css}" href="{attr(href)}" title="{attr(label)}">{text(label)}</a>'
        for css, label, href in REUSSIR_SHARE_LINKS
    ]
    head = [
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        f"<title>{text(title)} - {text(REUSSIR_SITE)}</title>",
        f'<meta property="og:site_name" content="{attr(REUSSIR_SITE)}">',
        f'<meta property="og:title" content="{attr(title)}">',
        '<link rel="stylesheet" href="squelettes/css/chantierecole.css" type="text/css">',
        '<script type="text/javascript" src="prive/javascript/jquery.js"></script>',
    ]
    body = [
        '<div class="page">',
        '<div id="entete">',
        f'<a rel="start home" href="/" title="Accueil" class="logo">{text(REUSSIR_SITE)}</a>',
        '<p class="slogan">Réseau des Entreprises Sociales Apprenantes</p>',
        "</div>",
        '<div id="navigation">',
        *menu(REUSSIR_MENU, "menu-liste"),
        "</div>",
        '<div id="conteneur">',
        breadcrumb,
        '<div class="menu rubrique">',
        f'<h2 class="h2">{text(REUSSIR_RUBRIQUE)}</h2>',
        *menu(tuple((item, f"/spip.php?article{400 - n}") for n, item in enumerate(items)), "menu-liste"),
        "</div>",
        '<div class="contenu-principal">',
        '<div class="cartouche">',
        f'<h1 class="surlignable">{text(title)}</h1>',
        "</div>",
        '<div class="surlignable texte">',
        *article,
        "</div>",
        '<div class="partage">',
        f"<span>{text(REUSSIR_SHARE)}</span>",
        *share,
        "</div>",
        "</div>",
        "</div>",
        '<div id="pied">',
        f'<p>{text(REUSSIR_SITE)} – Réseau national – <a href="/spip.php?page=plan">Plan du site</a> – '
        '<a href="/spip.php?page=mentions">Mentions légales</a></p>',
        "</div>",
        "</div>",
        '<script type="text/javascript">var _paq = window._paq || []; _paq.push(["trackPageView"]);</script>',
        "</body>",
        "</html>",
        "",
    ]
    out.write_text(page(head, body), encoding="utf-8")


if __name__ == "__main__":
    main()
