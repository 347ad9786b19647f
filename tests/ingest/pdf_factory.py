"""Small PDFs built with reportlab for the PDF extractor tests (standard fonts only)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.flowables import Flowable

HEADER = ("Objectifs et actions :", "Pilote", "Échéance", "A programmer", "En cours", "Finalisé", "Indice de santé")
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=20, leading=24)

Rows = Sequence[Sequence[str]]


def grid(rows: Rows, header: Sequence[str] = HEADER) -> Table:
    """A ruled table: the header row, then `rows` (multi-line cells wrap)."""
    data = [[Paragraph(text.replace("&", "&amp;"), CELL) for text in row] for row in (header, *rows)]
    width = 760.0 / len(header)
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return Table(data, colWidths=[width] * len(header), style=style)


Span = tuple[tuple[int, int], tuple[int, int]]


def spanned(rows: Rows, widths: Sequence[float], spans: Sequence[Span] = ()) -> Table:
    """A ruled table whose cells may span others (reportlab's SPAN, from (col, row) to (col, row), the
    lines inside a span not drawn); "\n" breaks a cell's lines."""
    data = [[Paragraph(_markup(text), CELL) for text in row] for row in rows]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    commands += [("SPAN", start, end) for start, end in spans]
    return Table(data, colWidths=list(widths), style=TableStyle(commands))


def _markup(text: str) -> str:
    """A cell's text as a paragraph: its line breaks kept, its bullets in the Symbol font (as Word draws them)."""
    escaped = text.replace("&", "&amp;").replace("\n", "<br/>")
    return escaped.replace("•", '<font face="Symbol">•</font>')


def ruled(rows: Rows) -> Table:
    """A ruled table of plain texts (a form such as the fiche action)."""
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    return Table([[Paragraph(text, CELL) for text in row] for row in rows], style=style)


def build(path: Path, story: Sequence[Flowable | str]) -> Path:
    """Strings become paragraphs (the first a title, "<page>" a page break); flowables go as they are."""
    flowables: list[Flowable] = []
    for index, item in enumerate(story):
        if isinstance(item, str):
            flowables.append(PageBreak() if item == "<page>" else Paragraph(item, TITLE if index == 0 else BODY))
        else:
            flowables.append(item)
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1, leftMargin=30, rightMargin=30)
    doc.build(flowables)
    return path


def table_pages(path: Path, pages: Sequence[Rows], header: Sequence[str] = HEADER, before: Sequence[str] = ()) -> Path:
    """A title and narrative lines, then one ruled table per page, the header repeated on each."""
    story: list[Flowable | str] = [*before] if before else ["Plan d'actions 2021-2024"]
    for number, rows in enumerate(pages):
        if number or before:
            story.append("<page>")
        story.append(grid(rows, header))
    return build(path, story)


def without_text(path: Path, pages: int = 2) -> Path:
    """Pages that only hold drawings, like a scan: no character at all."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        pdf.setFillColor(colors.grey)
        pdf.rect(50, 50, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def image_only(path: Path, text_first: str = "") -> Path:
    """A page holding one picture and nothing else, what a scanner produces; with `text_first`,
    a page of text comes before it."""
    picture = Image.new("L", (120, 160), color=200)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number, line in enumerate(text_first.split("\n") if text_first else []):
        pdf.drawString(72, 760 - 16 * number, line)
    if text_first:
        pdf.showPage()
    pdf.drawImage(ImageReader(picture), 50, 50, width=480, height=640)
    pdf.showPage()
    pdf.save()
    return path


def damaged(path: Path) -> Path:
    """The first half of a real PDF, as a broken download leaves it."""
    whole = path.with_suffix(".whole.pdf")
    table_pages(whole, [[["Action 1.1.1 : Ouvrir", "CPAS", "2021", "X", "", "", ""]]])
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt="secret")
    pdf.drawString(72, 720, "Plan d'actions 2021-2024")
    pdf.showPage()
    pdf.save()
    return path


def zero_pages(path: Path) -> Path:
    """A well-formed PDF whose page tree is empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
