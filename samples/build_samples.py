"""Rebuild the sample source documents from their plain-text seeds.

Each sample has one builder function; ``main()`` rebuilds every sample next
to this script.  Samples:

``plan_strategique_transversal_cpas.pdf`` is built by ``pdf_sample.build_pdf`` from
``seeds/003_plan_strategique_transversal_pdf.txt`` (its layout rules are in that module).

``plan_strategique_entraide.xlsx`` (``build_excel``), rebuilt from
``seeds/000_plan_strategique_excel.txt``, the tab-separated rendering of the
real spreadsheet "Plan Stratégique Entraide et Solidarités 2021-2024".

``feuille_de_route_direction_generale.docx`` (``build_word``), rebuilt from
``seeds/001_feuille_de_route_word.txt``, the text rendering of the Word
document "FEUILLE DE ROUTE DE LA DIRECTION GENERALE, Projet au 17/02/2022".
Its rules are in the docstring of ``build_word``.

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


def write_counts(sheet: Worksheet, row: int, fields: list[str], fmt: Formats) -> None:
    sheet.write_string(row, 0, fields[0], fmt.label)
    function = "COUNTA(" if fields[0] == TOTAL_LABEL else "SUBTOTAL(3,"
    for col, value in enumerate(fields[1:], start=1):
        if not value:
            continue
        letter = xl_col_to_name(col)
        formula = f"={function}{letter}{FORMULA_FIRST_ROW}:{letter}{FORMULA_LAST_ROW})"
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
    merges = vertical_merges(grid)
    anchors = {(merge.first, merge.col) for merge in merges}

    workbook = xlsxwriter.Workbook(str(out), {"strings_to_numbers": False})
    workbook.set_properties({"title": "Plan Stratégique Entraide et Solidarités 2021-2024", "created": CREATED})
    fmt = make_formats(workbook)
    sheet = workbook.add_worksheet(SHEET_NAME)
    setup_sheet(sheet, grid)

    for row, fields in enumerate(grid):
        if is_blank(fields):
            continue
        if is_title(fields):
            write_title(sheet, row, fields, fmt)
        elif is_count(fields):
            write_counts(sheet, row, fields, fmt)
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
    document = docx.Document()
    for line in seed.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            word_paragraph(document, line.rstrip())
    properties = document.core_properties
    properties.title = WORD_TITLE
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


if __name__ == "__main__":
    main()
