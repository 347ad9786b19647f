"""Build ``plan_strategique_transversal_cpas.pdf`` from seed 003 (called by ``build_samples.py``).

The seed ``seeds/003_plan_strategique_transversal_pdf.txt`` is a text rendering of the
"Plan Stratégique Transversal 2019-2024" of the CPAS de Saint-Ghislain: narrative
pages, a planning table (tab-separated lines), more narrative, and a "fiche action"
annex.  The PDF is laid out as follows.

Layout rules:

* Narrative (seed lines before "Axe : Développer", and from "f) Les indicateurs" to
  the annex): portrait A4, one paragraph per non-empty line.  A line holding only
  whitespace is a page break of the original, and so are the SOMMAIRE, INTRODUCTION
  and CONCLUSION headings.  Bullets keep their marks: "- ✓ 1.1.1. ..." is a ✓ bullet,
  "- x" a dash bullet, "• x", "❖ x", "➤ x" likewise; nested items are indented more.
  Markdown-like markup becomes reportlab markup (``***x***`` bold italic, ``**x**``
  bold, ``*x*`` italic, ``^{er}`` superscript; ``<i>``/``<u>`` kept).
* Planning table: landscape A4, one ruled table per page, 9 columns (objectives and
  actions, pilot, deadline, A programmer, En cours, Finalisé, Indice de santé,
  result indicators, result reached).  A blank seed line inside the table is a page
  break of the original, so the table is cut exactly there: this is what puts the
  end of the pilot of actions 1.2.1 and 1.2.7 on the next page, in a row whose
  action cell is empty.  Every page repeats the three header rows of its axis block
  (the "Axe : Insérer" block keeps its "A program mer" header).  The "Axe : ..." row
  spans the table width; header cells span like the original's.
* Annex: portrait, consecutive tab-separated lines form a ruled table, the other
  lines are paragraphs; the HTML list of the "Budgétaires" cell becomes one line per
  bullet.

Decisions:

1. Font: reportlab's standard fonts have no ✓, ❖ or ➤, so the sample embeds DejaVu
   Sans (subset), found in the usual system font folders.  Building the sample needs
   it; reading the committed PDF does not.
2. The cover page shows the title and the quotation only, like the seed: the
   organisation is named in the text ("au CPAS de Saint-Ghislain"), not on the cover.
3. The charts of the original are not rendered (the seed only keeps their captions).
4. Determinism: ``invariant=1`` (fixed dates and document id), so two builds give the
   same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
FONT_FILES = {
    "DejaVu": "DejaVuSans.ttf",
    "DejaVu-Bold": "DejaVuSans-Bold.ttf",
    "DejaVu-Italic": "DejaVuSans-Oblique.ttf",
    "DejaVu-BoldItalic": "DejaVuSans-BoldOblique.ttf",
}
VERA_DIR = Path(reportlab.__file__).parent / "fonts"
VERA_FILES = {
    "DejaVu": "Vera.ttf",
    "DejaVu-Bold": "VeraBd.ttf",
    "DejaVu-Italic": "VeraIt.ttf",
    "DejaVu-BoldItalic": "VeraBI.ttf",
}
TABLE_START = "Axe : Développer\t"
TABLE_END = "f) Les indicateurs"
ANNEX_START = "Annexe : exemple fiche action :"
PAGE_HEADINGS = ("SOMMAIRE", "INTRODUCTION", "CONCLUSION")
TABLE_COLUMNS = 9
# Landscape A4 minus 2 x 30 pt margins = 781.9 pt.
COLUMN_WIDTHS = (222.0, 165.0, 75.0, 44.0, 38.0, 40.0, 44.0, 104.0, 50.0)
MARGIN = 30.0
BULLETS: tuple[tuple[str, str, int], ...] = (
    # (prefix after the leading spaces, bullet drawn, indent level)
    ("- ✓ ", "✓", 2),
    ("- ", "-", 1),
    ("• ", "•", 1),
    ("❖ ", "❖", 0),
    ("➤ ", "➤", 1),
)


@dataclass(frozen=True)
class Sections:
    before: list[str]
    table: list[str]
    after: list[str]
    annex: list[str]


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle


def register_fonts(fallback: bool = False) -> None:
    """DejaVu Sans from the system's font folders. With `fallback` (synthetic plans, which
    draw no ✓ ❖ ➤), reportlab's own Bitstream Vera stands in when DejaVu is not installed."""
    paths = {name: next((d / f for d in FONT_DIRS if (d / f).is_file()), None) for name, f in FONT_FILES.items()}
    if None in paths.values() and fallback:
        paths = {name: VERA_DIR / file_name for name, file_name in VERA_FILES.items()}
    for name, path in paths.items():
        if path is None:
            raise SystemExit(
                f"font {FONT_FILES[name]} not found in {', '.join(map(str, FONT_DIRS))}: install fonts-dejavu"
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        "DejaVu", normal="DejaVu", bold="DejaVu-Bold", italic="DejaVu-Italic", boldItalic="DejaVu-BoldItalic"
    )


def make_styles() -> Styles:
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=10, leading=13, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName="DejaVu", fontSize=7.5, leading=9)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontSize=24, leading=30, alignment=TA_CENTER, spaceAfter=24),
        heading=ParagraphStyle("heading", parent=body, fontName="DejaVu-Bold", fontSize=12, leading=16, spaceBefore=8),
        body=body,
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName="DejaVu-Bold"),
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
    )


def read_sections(seed: Path) -> Sections:
    lines = seed.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(TABLE_START))
    end = next(i for i, line in enumerate(lines) if line.startswith(TABLE_END))
    annex = next(i for i, line in enumerate(lines) if line.startswith(ANNEX_START))
    return Sections(lines[:start], lines[start:end], lines[end:annex], lines[annex:])


def markup(text: str) -> str:
    """Seed markup -> reportlab paragraph markup (the seed's own <i>/<u> tags are kept)."""
    text = text.replace("&", "&amp;").replace("=>", "=&gt;")
    text = re.sub(r"\*\*\*(.+?)\*\*\*", r"<b><i>\1</i></b>", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return re.sub(r"\^\{(.+?)\}", r"<super>\1</super>", text)


def narrative(lines: list[str], styles: Styles) -> list[Flowable]:
    flowables: list[Flowable] = []
    pending: list[str] = []  # a ***quotation*** spread over several lines
    for raw in lines:
        if raw and not raw.strip():
            flowables.append(PageBreak())
            continue
        line = raw.strip().replace("\t", "   ")
        if not line:
            continue
        if pending or (line.startswith("***") and not line.endswith("***")):
            pending.append(line)
            if line.endswith("***"):
                flowables.append(Paragraph(markup(" ".join(pending)), styles.heading))
                pending = []
            continue
        if line in PAGE_HEADINGS and flowables:
            flowables.append(PageBreak())
        flowables.append(paragraph(raw, line, styles))
    return flowables


def paragraph(raw: str, line: str, styles: Styles) -> Paragraph:
    if line.startswith("Plan Stratégique Transversal"):
        return Paragraph(markup(line), styles.title)
    nested = raw.startswith(" ")
    for prefix, bullet, level in BULLETS:
        if line.startswith(prefix):
            indent = 18.0 * (level + (1 if nested and level < 2 else 0))
            style = ParagraphStyle(
                f"bullet{level}",
                parent=styles.body,
                leftIndent=indent + 14,
                bulletIndent=indent,
                bulletFontName="DejaVu",
            )
            return Paragraph(markup(line[len(prefix) :]), style, bulletText=bullet)
    is_heading = re.match(r"^(?:[IVX]+\. |[a-g]\) |SOMMAIRE|INTRODUCTION|CONCLUSION|Annexe)", line)
    return Paragraph(markup(line), styles.heading if is_heading else styles.body)


def table_pages(lines: list[str]) -> list[list[list[str]]]:
    """The table lines cut at blank lines (the original's page breaks), padded to 9 fields."""
    pages: list[list[list[str]]] = [[]]
    for line in lines:
        if not line.strip():
            if pages[-1]:
                pages.append([])
            continue
        fields = line.split("\t")[:TABLE_COLUMNS]
        pages[-1].append(fields + [""] * (TABLE_COLUMNS - len(fields)))
    return [page for page in pages if page]


def planning_table(styles: Styles, pages: list[list[list[str]]]) -> list[Flowable]:
    flowables: list[Flowable] = []
    header: list[list[str]] = []
    for number, rows in enumerate(pages):
        axis = rows[:1] if rows[0][0].startswith("Axe :") else []
        body = rows[len(axis) :]
        if body and body[0][0].startswith("Objectifs et actions"):
            header, body = body[:3], body[3:]
        data = axis + header + body
        flowables.append(page_table(styles, data, has_axis=bool(axis)))
        if number < len(pages) - 1:
            flowables.append(PageBreak())
    return flowables


def page_table(styles: Styles, rows: list[list[str]], has_axis: bool) -> Table:
    top = 1 if has_axis else 0  # first header row
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, top), (-1, top + 2), colors.HexColor("#DDDDDD")),
        ("SPAN", (0, top), (2, top)),
        ("SPAN", (3, top), (6, top)),
        ("SPAN", (7, top), (8, top)),
        ("SPAN", (0, top + 1), (0, top + 2)),
        ("SPAN", (3, top + 1), (6, top + 1)),
        ("SPAN", (1, top + 1), (1, top + 2)),
        ("SPAN", (2, top + 1), (2, top + 2)),
        ("SPAN", (7, top + 1), (7, top + 2)),
        ("SPAN", (8, top + 1), (8, top + 2)),
    ]
    if has_axis:
        commands += [("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#BBBBBB"))]
    data = []
    for index, fields in enumerate(rows):
        is_header = top <= index < top + 3
        data.append(
            [table_cell(styles, col, value, is_header or (has_axis and index == 0)) for col, value in enumerate(fields)]
        )
    return Table(data, colWidths=COLUMN_WIDTHS, style=TableStyle(commands), repeatRows=0)


def table_cell(styles: Styles, col: int, value: str, bold: bool) -> Paragraph:
    style = styles.cell_bold if bold else styles.cell_center if 3 <= col <= 6 else styles.cell
    return Paragraph(markup(value.strip()), style)


def annex(lines: list[str], styles: Styles) -> list[Flowable]:
    flowables: list[Flowable] = []
    block: list[list[str]] = []
    for line in [*lines, ""]:
        if "\t" in line:
            block.append([budget_lines(field) for field in line.split("\t")])
            continue
        if block:
            flowables.append(annex_table(styles, block))
            block = []
        if line.strip():
            flowables.append(paragraph(line, line.strip(), styles))
    return flowables


def budget_lines(field: str) -> str:
    """The HTML list of the "Budgétaires" cell as one line per bullet."""
    text = re.sub(r"</?ul[^>]*>", "", field)
    return re.sub(r"\s*•\s*", "<br/>• ", text).removeprefix("<br/>").strip()


def annex_markup(value: str) -> str:
    return value.replace("&", "&amp;") if "<br/>" in value else markup(value)


def annex_table(styles: Styles, rows: list[list[str]]) -> Table:
    width = max(len(r) for r in rows)
    data = [
        [Paragraph(markup(v) if "<br/>" not in v else v.replace("&", "&amp;"), styles.body) for v in r] for r in rows
    ]
    data = [r + [Paragraph("", styles.body)] * (width - len(r)) for r in data]
    widths = (130.0, 250.0, 100.0) if width == 3 else (130.0, 350.0)
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return Table(data, colWidths=widths[:width], style=style)


def build_pdf(seed: Path, out: Path) -> None:
    """Rebuild the CPAS's "Plan Stratégique Transversal" PDF from its text rendering."""
    register_fonts()
    styles = make_styles()
    sections = read_sections(seed)
    doc = document(out, "Plan Stratégique Transversal 2019-2024", "plans samples/build_samples.py")
    story: list[Flowable] = narrative(sections.before, styles)
    story += [NextPageTemplate("landscape"), PageBreak()]
    story += planning_table(styles, table_pages(sections.table))
    story += [NextPageTemplate("portrait"), PageBreak()]
    story += narrative(sections.after, styles)
    story += [PageBreak(), Spacer(1, 1)]
    story += annex(sections.annex, styles)
    doc.build(story)


def document(out: Path, title: str, creator: str) -> BaseDocTemplate:
    """A portrait A4 document with a "landscape" page template for the planning table (fixed dates)."""
    portrait_size, landscape_size = A4, landscape(A4)
    doc = BaseDocTemplate(
        str(out), pagesize=portrait_size, title=title, author="", subject="", creator=creator, invariant=1
    )
    doc.addPageTemplates(
        [
            PageTemplate("portrait", [frame(portrait_size, 56.0)], pagesize=portrait_size),
            PageTemplate("landscape", [frame(landscape_size, MARGIN)], pagesize=landscape_size),
        ]
    )
    return doc


def frame(size: tuple[float, float], margin: float) -> Frame:
    return Frame(margin, margin, size[0] - 2 * margin, size[1] - 2 * margin, id=f"f{size[0]:.0f}")
