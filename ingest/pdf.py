"""PDF plans: planning tables that run across pages, outline lists, "fiche action" annexes.

pdfplumber reads the pages: ruled tables (`rules.PDF_TABLE_SETTINGS`, cells from the
drawn lines) and the text lines outside them. It costs about 100 ms a page, so pypdfium2
first reads every page's text and drawings (about 1 ms a page) and pdfplumber reads only
the pages where something can be found (triage; tables and findings are the same as
when every page is read):

* a page that draws paths (lines, rectangles, at any depth of form XObjects) is read whole:
  a ruled table can only be there, and pdfplumber's table finder gets its edges from
  nothing else; a page that draws none has no table, so the finder never runs on it;
* a page without drawings is read for its text lines when it is page 1 (title), has no
  text (a scanned page, reported), follows a page that ends in an outline item (its label
  may go on), comes after a fiche action title (every page of the annex is read), or when
  its pdfium text (match key) matches the triage patterns of
  `rules` (looser than the readers' own rules): an outline code "1.1.1", "fiche
  action/projet", a stated total ("34 projets/actions"), an activity block or a fiche field
  ("Activité 1.1", "Pilote :", `fiche_rules.PDF_TRIAGE`); a hierarchy heading ("Axe 1 :")
  when an outline code comes on this page or later; an organisation word ("CPAS") until
  the organisation is found;
* any other page is skipped: it is kept (`Page.read` False) without lines or tables.

If pdfium does not count the same pages as pdfplumber, every page is read. The lines of a table of
contents ("9.1.1 Part Names ........ 14", `ingest.contents`) are left out: no reader below reads
them. Then, in page order:

* planning tables: header rows (one or more, repeated on every page) map columns to
  fields; each other row is a band (one text across the table: "AXE 2 – …", a heading), an
  axis, strategic objective, operational objective, action or continuation row (empty label
  cell: its cells are appended to the action, or heading, above it, across a page break too
  when the table goes on there: same or next page, same columns). A label column of bullets
  gives an action per bullet; beside it, under the same "Actions" header, categories. Columns
  headed by a status word ("A programmer", "En cours", "Finalisé") hold marks: the marked one
  gives the status. An objective's result indicator goes to its actions.
* the outline list of the narrative ("✓ 1.1.1. ...") cross-checks the table: it never
  adds actions when a table was read; items missing on either side, or numbered
  differently, become findings. A PDF without planning table is read from its outline;
  without outline either, from its fiches actions or activity blocks (`ingest/fiches.py`:
  "Activité 1.1 : ..." then "Acteurs en charge : ...", "Intitulé de l'action : ...").
* a "fiche action" annex completes the action it names (status, start, end, progress,
  referent, partners).
* metadata: the title is the biggest text of page 1, the organisation the first
  "CPAS de ..." of the text, and "pas moins de 34 projets/actions" a stated count.

A PDF without pages or without any character (a scan), encrypted or damaged, raises
`ExtractError` with a one-line reason.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from core import findings as kinds
from core.errors import ExtractError
from core.findings import FIELDS_FR, Words, fields_named
from core.header_rules import HEADER_SYNONYMS
from core.limits import DEFAULT_LIMITS, Limits, exceeded
from core.records import (
    HIERARCHY_FIELDS,
    Cell,
    Clue,
    Finding,
    Metadata,
    Period,
    RawAction,
    RawPlan,
    Source,
    StatedCount,
)
from core.source import as_source
from core.text import clean, match_key, names_plan
from ingest import fiches, pdf_lists, rules, table_rules
from ingest import pdf_lists_rules as list_rules
from ingest.contents import contents_lines

_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d{2})\b")
_MAX_FORM_DEPTH = 15


# --- what is read from the file -----------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A text line outside the tables of a page."""

    text: str
    x0: float
    top: float
    size: float
    bold: bool = False  # every letter in a bold font
    number: int = 0  # 1-based on its page, as read (a table of contents left out keeps the others' numbers)


@dataclass(frozen=True)
class PageTable:
    """A ruled table: rows of cells, None where a spanning cell covers the position."""

    number: int  # 1-based, on its page
    rows: tuple[tuple[str | None, ...], ...]
    # (row, col) -> the (row, col) of the spanning cell that covers it (the positions rows hold None for)
    covered: Mapping[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    edges: tuple[float, ...] = ()  # x of each column's left edge (points)

    def span(self, row: int, col: int) -> int:
        """How many columns of its row the cell at (row, col) covers."""
        return 1 + sum(1 for (r, _), origin in self.covered.items() if r == row and origin == (row, col))


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[Line, ...]
    tables: tuple[PageTable, ...]
    chars: int  # characters of the text layer (0 on a scanned page)
    read: bool = True  # False: skipped by the triage (nothing to find there), no lines nor tables

    def table_ref(self, table: PageTable, row: int, col: int | None = None) -> str:
        where = f"p.{self.number}" + (f", table {table.number}" if len(self.tables) > 1 else "")
        return f"{where}, row {row + 1}" + (f", col {col + 1}" if col is not None else "")


def extract(file: Path | Source, limits: Limits = DEFAULT_LIMITS) -> RawPlan:
    """Read the PDF plan at `path`."""
    source = as_source(file, "pdf")
    path = Path(source.path)
    pages, info = _read_pages(path, limits)
    pages = _without_contents(pages)
    fiche_pages = _fiche_starts(pages)
    plan_pages = [p for p in pages if p.number < (fiche_pages[0] if fiche_pages else len(pages) + 1)]
    state = _TableState()
    state.findings.extend(_scanned_pages(pages))
    for page in plan_pages:
        for table in page.tables:
            _read_table(page, table, state)
    outline = list(_outline_items(plan_pages))
    actions = state.actions
    findings = state.findings
    if actions:
        findings.extend(_cross_check(actions, outline))
    else:
        actions = [_outline_action(item) for item in outline]
    for start in fiche_pages if actions else ():  # without a plan above, the fiches are the plan (below)
        findings.extend(_read_fiche(pages, start, fiche_pages, actions))
    metadata = _metadata(pages, info)
    counts = tuple(_stated_counts(plan_pages))
    named = names_plan(_texts(pages))
    if actions:
        return RawPlan(source, metadata, tuple(a.freeze() for a in actions), tuple(findings), counts, names_plan=named)
    # No planning table nor outline: fiches actions or activity blocks (ingest/fiches.py), then
    # bullet lists under headings (ingest/pdf_lists.py).
    reading = fiches.read(_pieces(pages))
    findings.extend(reading.findings)
    if reading.actions:
        return RawPlan(source, metadata, reading.actions, tuple(findings), counts, names_plan=named)
    listed = pdf_lists.read(plan_pages, metadata.title)
    if listed is not None:
        found = (*findings, *listed.findings)
        return RawPlan(source, metadata, listed.actions, found, counts, listed.axes, names_plan=named)
    if reading.reason:
        findings.append(kinds.NOT_A_PLAN.finding(path.name, reason=reading.reason))
    reason = Words(
        "no planning table (a ruled table with an 'Action' column), no outline list ('1.1.1. ...'), "
        "no fiche nor bullet list found in the text",
        "ni tableau de planification (un tableau à colonne « Action »), ni sommaire numéroté (« 1.1.1. … »), "
        "ni fiche, ni liste à puces dans le texte",
    )
    findings.append(kinds.NO_PLAN_FOUND.finding(path.name, reason=reason))
    return RawPlan(source, metadata, (), tuple(findings), counts)


def _texts(pages: Sequence[Page]) -> Iterator[str]:
    """Every text read: the lines of the pages read, then their tables' cells."""
    for page in pages:
        yield from (line.text for line in page.lines)
        yield from (value for table in page.tables for row in table.rows for value in row if value)


def _pieces(pages: Sequence[Page]) -> Iterator[fiches.Piece]:
    """The pages' text lines, then their tables' rows, in page order, for the fiche reader."""
    for page in pages:
        for line in page.lines:
            yield fiches.Piece(line.text, f"p.{page.number}, line {line.number}", wraps=True)
        for table in page.tables:
            if all(sum(1 for value in row if _cell_text(value)) <= 1 for row in table.rows):
                # A frame around text (a boxed fiche): its lines, not one cell of run-together fields.
                for index, row in enumerate(table.rows):
                    lines = [clean(part) for value in row for part in (value or "").split("\n") if clean(part)]
                    for text in lines:
                        yield fiches.Piece(text, page.table_ref(table, index), wraps=True)
                continue
            for index, row in enumerate(table.rows):
                cells = tuple(_cell_text(value) for value in row)
                refs = tuple(page.table_ref(table, index, col) for col in range(len(row)))
                yield fiches.Piece(" | ".join(c for c in cells if c), page.table_ref(table, index), cells, refs)


# --- reading the file ---------------------------------------------------------------


def _read_pages(path: Path, limits: Limits) -> tuple[list[Page], dict[str, str]]:
    """The pages, and the document information dictionary (its text entries: /Title, /ModDate...)."""
    try:
        with pdfplumber.open(path) as pdf:
            if not pdf.pages:
                raise ExtractError(path.name, "the PDF has no pages")
            if len(pdf.pages) > limits.max_pages:
                raise exceeded(path.name, f"the PDF has {len(pdf.pages)} pages", limits, "max_pages")
            triage = _triage(path, len(pdf.pages))
            reading = _Reading()
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_read_page(number, page, triage, reading))
                page.close()  # drops pdfplumber's objects of the page: a 300-page plan held 1 GB
            images = 0 if any(page.chars for page in pages) else sum(len(page.images) for page in pdf.pages)
            info = {key: value for key, value in pdf.metadata.items() if isinstance(value, str)}
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, MemoryError):
            raise cause from error  # the memory limit, named as such by the pipeline
        if isinstance(cause, PDFPasswordIncorrect):
            raise ExtractError(path.name, "encrypted PDF: it cannot be opened without its password") from error
        raise ExtractError(path.name, f"cannot open the PDF ({type(cause).__name__}: {cause})") from error
    except (
        MalformedPDFException, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError
    ) as error:  # fmt: skip
        raise ExtractError(path.name, f"cannot read the PDF ({type(error).__name__}: {error})") from error
    if not any(page.chars for page in pages):
        raise ExtractError(
            path.name,
            f"no text layer: scanned PDF? ({len(pages)} page(s), {images} image(s), not one character of text)",
        )
    return pages, info


# --- page triage ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Seen:
    """What pdfium says of a page, cheaply (about 1 ms a page)."""

    chars: int  # characters of its text layer
    ruled: bool  # it draws paths (lines, rectangles): a ruled table may be there
    key: str  # match key of its text
    outline_ahead: bool = False  # this page or a later one may hold an outline item
    bullet_items: int = 0  # lines opening with a bullet glyph that read as actions (pdf_lists)
    bullet_list: bool = False  # after plan words, such lines here (or one, going on from the page before)


@dataclass
class _Reading:
    """What the pages read so far decide for the next ones."""

    open_item_x0: float | None = None  # an outline item still open at the end of the last page read
    fiche: bool = False  # a fiche action started: every page from there on is read
    organization: bool = False  # the organisation is found


def _triage(path: Path, count: int) -> list[_Seen] | None:
    """Every page's text and paths, by pdfium; None (every page is read) if pdfium does not see
    the same number of pages as pdfplumber."""
    try:
        document = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError) as error:
        raise ExtractError(path.name, f"pdfium cannot open the PDF ({type(error).__name__}: {error})") from error
    try:
        if len(document) != count:
            return None
        seen = [_seen(path, document, index) for index in range(count)]
    finally:
        document.close()
    ahead = False
    for index in reversed(range(count)):
        ahead = ahead or bool(rules.PDF_TRIAGE_OUTLINE.search(seen[index].key))
        seen[index] = replace(seen[index], outline_ahead=ahead)
    before, previous = False, 0
    for index in range(count):
        before = before or bool(list_rules.TRIAGE_PLAN_WORDS.search(seen[index].key))
        items = seen[index].bullet_items
        listed = before and (items >= list_rules.MIN_ITEMS or (items and previous >= list_rules.MIN_ITEMS))
        seen[index] = replace(seen[index], bullet_list=bool(listed))
        previous = items
    return seen


def _seen(path: Path, document: Any, index: int) -> _Seen:
    try:
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                text, chars = textpage.get_text_range(), textpage.count_chars()
            finally:
                textpage.close()
            ruled = _draws_paths(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0)
        finally:
            page.close()
    except (pdfium.PdfiumError, OSError, ValueError) as error:
        message = f"p.{index + 1}: pdfium cannot read the page ({type(error).__name__}: {error})"
        raise ExtractError(path.name, message) from error
    return _Seen(chars, ruled, match_key(text), bullet_items=pdf_lists.triage_items(text))


def _draws_paths(parent: Any, count: Any, get: Any, depth: int) -> bool:
    """Whether a page (or a form XObject in it) holds a path object; too deep nesting counts as yes."""
    if depth > _MAX_FORM_DEPTH:
        return True
    for index in range(count(parent)):
        obj = get(parent, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            return True
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and _draws_paths(
            obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, depth + 1
        ):
            return True
    return False


def _read_page(number: int, page: Any, triage: list[_Seen] | None, reading: _Reading) -> Page:
    """The page as pdfplumber reads it, or an empty page when triage shows nothing can be found there."""
    seen = triage[number - 1] if triage is not None else None
    if seen is not None and not _worth_reading(number, seen, reading):
        return Page(number, (), (), seen.chars, read=False)
    read = _page(number, page, ruled=seen is None or seen.ruled)
    _note(read, reading)
    return read


def _worth_reading(number: int, seen: _Seen, reading: _Reading) -> bool:
    """The triage rule (see the module docstring)."""
    key = seen.key
    return (
        seen.ruled
        or not seen.chars
        or number == 1
        or reading.fiche
        or reading.open_item_x0 is not None
        or any(pattern.search(key) for pattern in rules.PDF_TRIAGE_TEXT)
        or (seen.outline_ahead and any(pattern.search(key) for pattern in rules.PDF_TRIAGE_HEADINGS))
        or (not reading.organization and any(word in key for word in rules.PDF_TRIAGE_ORGANIZATION_WORDS))
        or seen.bullet_list  # a bullet list (pdf_lists)
    )


def _note(page: Page, reading: _Reading) -> None:
    """What a page read tells about the next ones: an outline item left open, a fiche, the organisation."""
    for line in page.lines:
        if rules.OUTLINE_ITEM.match(line.text):
            reading.open_item_x0 = line.x0
        elif reading.open_item_x0 is None or line.x0 <= reading.open_item_x0 + 3:
            reading.open_item_x0 = None
        if rules.FICHE_TITLE.match(match_key(line.text)):
            reading.fiche = True
    text = "\n".join(line.text for line in page.lines)
    if any(pattern.search(text) for pattern in rules.ORGANIZATION_PATTERNS):
        reading.organization = True


def _page(number: int, page: Any, ruled: bool = True) -> Page:
    """The ruled tables (looked for when `ruled`: the page draws paths) and the text lines outside them."""
    found = page.find_tables(rules.PDF_TABLE_SETTINGS) if ruled else []
    tables = tuple(_table(index, table) for index, table in enumerate(found, start=1))
    boxes = [table.bbox for table in found]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_lines = [line for line in page.filter(outside).extract_text_lines(return_chars=True) if clean(line["text"])]
    lines = tuple(
        Line(
            clean(pdf_lists.line_text(line["text"], line["chars"])),
            float(line["x0"]),
            float(line["top"]),
            _size(line["chars"]),
            _bold(line["chars"]),
            index,
        )
        for index, line in enumerate(text_lines, start=1)
    )
    return Page(number, lines, tables, len(page.chars))


def _table(number: int, table: Any) -> PageTable:
    """pdfplumber's table as texts, with the grid positions each spanning cell covers."""
    edges = sorted({cell[0] for cell in table.cells})
    tops = sorted({cell[1] for cell in table.cells})
    tolerance = rules.PDF_SPAN_TOLERANCE
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(table.rows):  # rows and their cells follow `tops` and `edges` (pdfplumber's grid)
        for c, box in enumerate(row.cells):
            if box is None:
                continue
            cols = [j for j, x in enumerate(edges) if box[0] <= x < box[2] - tolerance]
            lines = [i for i, top in enumerate(tops) if box[1] <= top < box[3] - tolerance]
            covered.update({(i, j): (r, c) for i in lines for j in cols if (i, j) != (r, c)})
    rows = tuple(tuple(row) for row in table.extract())
    return PageTable(number, rows, covered, tuple(float(x) for x in edges))


def _without_contents(pages: Sequence[Page]) -> list[Page]:
    """The pages without the lines of their table of contents (`ingest.contents`), which run
    across pages: no reader reads them."""
    lines = [(page.number, line) for page in pages for line in page.lines]
    left_out = contents_lines([line.text for _, line in lines])
    if not left_out:
        return list(pages)
    skipped = {(lines[index][0], lines[index][1].number) for index in left_out}
    return [
        replace(page, lines=tuple(line for line in page.lines if (page.number, line.number) not in skipped))
        for page in pages
    ]


def _scanned_pages(pages: Sequence[Page]) -> Iterator[Finding]:
    """Pages without text in a PDF that has text elsewhere: nothing can be read from them."""
    for page in pages:
        if not page.chars:
            yield kinds.PAGE_WITHOUT_TEXT.finding(f"p.{page.number}")


def _size(chars: Sequence[dict[str, Any]]) -> float:
    sizes = [float(c["size"]) for c in chars if str(c.get("text", "")).strip()]
    return max(sizes) if sizes else 0.0


def _bold(chars: Sequence[dict[str, Any]]) -> bool:
    letters = [c for c in chars if str(c.get("text", "")).isalpha()]
    return bool(letters) and all(
        any(w in str(c.get("fontname", "")) for w in list_rules.BOLD_FONT_WORDS) for c in letters
    )


def _cell_text(value: str | None) -> str:
    return clean(value or "")


# --- planning tables ----------------------------------------------------------------


@dataclass
class _Row:
    """An action (or heading) being built; continuation rows add to its cells."""

    location: str
    cells: dict[str, Cell]
    code: str | None = None
    periods: list[Period] = field(default_factory=list)

    def append(self, name: str, cell: Cell) -> None:
        current = self.cells.get(name)
        if current is None or not current.text:
            self.cells[name] = cell
        else:
            self.cells[name] = Cell(f"{current.text} {cell.text}", f"{current.ref} + {cell.ref}", current.inherited)

    def freeze(self) -> RawAction:
        return RawAction(self.location, dict(self.cells), tuple(self.periods))


@dataclass(frozen=True)
class _Columns:
    """What the header rows say about each column of a table."""

    fields: dict[int, str]  # column -> field (label, pilot, deadline, indicator, health, result...)
    status_marks: dict[int, str]  # column -> status text of a mark in it
    categories: tuple[int, ...] = ()  # under the action header beside its bullet column: a level below the others
    bullets: bool = False  # the label column holds bullet items, each one an action

    @property
    def label(self) -> int:
        return next(col for col, name in self.fields.items() if name == "label")


@dataclass(frozen=True)
class _Placed:
    """The planning table read last: its page, its columns' edges and reading, the levels its bands set."""

    page: int
    edges: tuple[float, ...]
    columns: _Columns
    banded: frozenset[str]


@dataclass
class _TableState:
    """What carries over from row to row, table to table and page to page."""

    placed: _Placed | None = None
    headings: dict[str, _Row] = field(default_factory=dict)  # level -> the heading row in force
    last: _Row | None = None  # the action or heading a continuation row continues
    actions: list[_Row] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _read_table(page: Page, table: PageTable, state: _TableState) -> None:
    """The leading header rows give the columns; a table without them goes on from the planning table of
    the same or the previous page when its columns start at the same places, else it is not read."""
    header = _header_block(table.rows)
    columns = _columns(table, header) if header else None
    goes_on = _goes_on(state.placed, page, table, columns if header else None)
    if not header and goes_on and state.placed is not None:
        columns = state.placed.columns
    width = max((len(row) for row in table.rows), default=0)
    if columns is None or max(columns.fields) >= width:
        state.findings.append(_unread_table(page, table))
        return
    if not goes_on:
        state.last = None  # a row with an empty label continues nothing read before this table
    bands = dict(_bands(page, table, header, columns.label))
    banded = frozenset(level for level, _ in bands.values() if level is not None)
    if goes_on and state.placed is not None:
        banded |= state.placed.banded
    state.placed = _Placed(page.number, table.edges, columns, banded)
    leveled = _leveled(columns, banded)
    body = max(header, default=-1) + 1
    for index, row in enumerate(table.rows):
        if index in header or not any(_cell_text(value) for value in row):
            continue
        if index in bands:
            level, cell = bands[index]
            if level is not None:
                _heading(page.table_ref(table, index), level, cell, {}, state)
            continue
        _read_row(page, table, index, leveled, body, state)


def _goes_on(placed: _Placed | None, page: Page, table: PageTable, columns: _Columns | None) -> bool:
    """Whether the table goes on from the planning table read last: on the same page or the next one, with
    the same header fields in the same order, or (`columns` None: no header) its columns at the same x."""
    if placed is None or not 0 <= page.number - placed.page <= 1:
        return False
    if columns is not None:
        return _field_order(columns) == _field_order(placed.columns)
    tolerance = rules.PDF_SAME_EDGE_TOLERANCE
    return len(table.edges) == len(placed.edges) and all(
        abs(a - b) <= tolerance for a, b in zip(table.edges, placed.edges, strict=True)
    )


def _field_order(columns: _Columns) -> tuple[str, ...]:
    return tuple(name for _, name in sorted(columns.fields.items()))


def _bands(
    page: Page, table: PageTable, header: Sequence[int], label: int
) -> Iterator[tuple[int, tuple[str | None, Cell]]]:
    """Rows holding one text spread over at least half the table: a heading over the rows below it, at
    the level its words name ("AXE 2 – …", "Objectif opérationnel …"), else, below the header and
    outside the label column, an axis. Above the header a band without such words (a title) gives
    nothing (level None); in the label column, one below the header without them is read as a row."""
    top = max(header, default=-1)
    for index, row in enumerate(table.rows):
        filled = [(col, _cell_text(value)) for col, value in enumerate(row) if _cell_text(value)]
        if index in header or len(filled) != 1 or table.span(index, filled[0][0]) < max(2, (len(row) + 1) // 2):
            continue
        col, text = filled[0]
        level = _band_level(text)
        if level is None and index > top:
            if col == label:
                continue
            level = table_rules.BAND_DEFAULT_LEVEL
        yield index, (level, Cell(text, page.table_ref(table, index, col)))


def _band_level(text: str) -> str | None:
    key = match_key(text)
    return _level_of(text) or next((level for pattern, level in table_rules.BAND_LEVELS if pattern.match(key)), None)


def _leveled(columns: _Columns, banded: frozenset[str]) -> _Columns:
    """The hierarchy columns at their levels: below the levels the table's bands set (an "Axes" column
    under a band "AXE 1 – …" holds strategic objectives), in the order of their own levels, then the
    category columns one level further down; a column left without a level gives nothing."""
    levels = HIERARCHY_FIELDS
    named = sorted((levels.index(name), col) for col, name in columns.fields.items() if name in levels)
    fields = {col: name for col, name in columns.fields.items() if name not in levels}
    level = max((levels.index(name) + 1 for name in banded), default=0)
    for own, col in [*named, *((-1, col) for col in columns.categories)]:
        level = max(own, level)
        if level < len(levels):
            fields[col] = levels[level]
        level += 1
    return replace(columns, fields=fields)


def _header_block(rows: Sequence[tuple[str | None, ...]]) -> list[int]:
    """Indexes of the first run of header rows (the rows above it may be an axis row)."""
    block: list[int] = []
    for index, row in enumerate(rows):
        if _is_header_row(row):
            block.append(index)
        elif block and any(_cell_text(value) for value in row):
            break
    return block


def _unread_table(page: Page, table: PageTable) -> Finding:
    return kinds.UNREAD_TABLE.finding(page.table_ref(table, 0).rsplit(", row", 1)[0], rows=len(table.rows))


def _header_field(text: str) -> str | None:
    """The field a header cell names, a status-mark column ('status:<text>'), or None."""
    lines = [line for line in text.split("\n") if line.strip()]
    variants = {match_key(" ".join(lines)), match_key("".join(lines))}
    for key in variants:
        squeezed = key.replace(" ", "")
        for header, status in rules.STATUS_MARK_HEADERS.items():
            if squeezed == header.replace(" ", ""):
                return f"status:{status}"
        name = _synonym_field(key)
        if name is not None:
            return name
    return None


def _synonym_field(key: str) -> str | None:
    best: tuple[int, str] | None = None
    tables = (rules.PDF_HEADER_SYNONYMS, HEADER_SYNONYMS)
    for synonyms_of in tables:
        for name, synonyms in synonyms_of.items():
            for synonym in synonyms:
                exact = key == synonym or key.replace(" ", "") == synonym.replace(" ", "")
                prefix = len(key) > len(synonym) and key.startswith(synonym) and not key[len(synonym)].isalnum()
                score = len(synonym) + (1000 if exact else 0)
                if (exact or prefix) and (best is None or score > best[0]):
                    best = (score, name)
    return best[1] if best else None


def _is_header_row(row: Sequence[str | None]) -> bool:
    texts = [_cell_text(value) for value in row if _cell_text(value)]
    keys = [match_key(t) for t in texts]
    if any(key in rules.MARKS or rules.ACTION_ROW.match(key) or rules.CODED_HEADING.match(key) for key in keys):
        return False
    named = [t for t in texts if _header_field(t) or match_key(t) in rules.PDF_HEADER_GROUPS]
    return len(named) >= 2 and len(named) * 2 >= len(texts)


def _columns(table: PageTable, header: Sequence[int]) -> _Columns | None:
    """Each column takes the lowest header cell that names something (the most specific)."""
    header_rows = [table.rows[i] for i in header]
    width = max(len(row) for row in header_rows)
    fields: dict[int, str] = {}
    marks: dict[int, str] = {}
    for col in range(width):
        for row in reversed(header_rows):
            text = row[col] if col < len(row) else None
            name = _header_field(text) if text else None
            if name is None:
                continue
            if name.startswith("status:"):
                marks[col] = name.removeprefix("status:")
            elif name not in fields.values():
                fields[col] = name
            break
    if "label" not in fields.values():
        return None
    return _bullet_label(_Columns(fields, marks), table, header)


def _bullet_label(columns: _Columns, table: PageTable, header: Sequence[int]) -> _Columns:
    """A label column of bullet items (each one an action). Under an action header spread over several
    columns, the one holding bullets is the label and the others hold categories ("Événements")."""
    label = columns.label
    spread = {col for (row, col), origin in table.covered.items() if row in header and origin[1] == label}
    group = sorted({label, *spread} - {col for col, name in columns.fields.items() if name != "label"})
    body = table.rows[max(header) + 1 :]
    shares = {col: _bullet_share(body, col) for col in group}
    best = max(group, key=lambda col: (shares[col], -col))
    if shares[best] < rules.PDF_BULLET_COLUMN_SHARE:
        return columns
    fields = {col: name for col, name in columns.fields.items() if col != label} | {best: "label"}
    return replace(columns, fields=fields, categories=tuple(col for col in group if col != best), bullets=True)


def _bullet_share(rows: Sequence[tuple[str | None, ...]], col: int) -> float:
    """The share of the column's filled cells that open with a bullet glyph."""
    filled = [value for row in rows if col < len(row) and (value := row[col]) and value.strip()]
    bulleted = sum(pdf_lists.glyph_item(value.strip().split("\n")[0]) is not None for value in filled)
    return bulleted / len(filled) if filled else 0.0


def _level_of(text: str) -> str | None:
    key = match_key(text.lstrip(rules.OUTLINE_BULLETS))
    return next((level for pattern, level in rules.ROW_LEVELS if pattern.match(key)), None)


def _read_row(page: Page, table: PageTable, index: int, columns: _Columns, body: int, state: _TableState) -> None:
    """A row below the header (`body`: its first row): a heading, actions (one per bullet item of a label
    cell of bullets), or, with an empty label cell, the rest of the row above."""
    row = table.rows[index]
    location = page.table_ref(table, index)
    value = row[columns.label]
    label = _cell_text(value)
    cells = dict(_row_cells(page, table, index, columns, body))
    status = _status(page, table, index, row, columns, state.findings)
    if status is not None:
        cells["status"] = status
    if not label:
        if cells:  # a row that fills no field (a header word wrapped onto a row of its own) gives nothing
            _continue_row(location, cells, state)
        return
    ref = page.table_ref(table, index, columns.label)
    level = _level_of(label)
    if level is not None:
        _heading(location, level, Cell(label, ref), cells, state)
        return
    items = _bullet_items(value) if columns.bullets else [label]
    for number, text in enumerate(items, start=1):
        item = f", item {number}" if len(items) > 1 else ""
        _action(location + item, Cell(text, ref + item), dict(cells), state)


def _row_cells(page: Page, table: PageTable, index: int, columns: _Columns, body: int) -> Iterator[tuple[str, Cell]]:
    """The row's cells by field. A hierarchy cell covered by a cell spanning down from a row above
    (from `body` on) takes its text, as inherited."""
    row = table.rows[index]
    for col, name in columns.fields.items():
        if name == "label" or col >= len(row):
            continue
        text = _cell_text(row[col])
        origin = table.covered.get((index, col))
        if text:
            yield name, Cell(text, page.table_ref(table, index, col))
        elif name in HIERARCHY_FIELDS and origin is not None and origin[1] == col and body <= origin[0] < index:
            spread = _cell_text(table.rows[origin[0]][col])
            if spread:
                yield name, Cell(spread, page.table_ref(table, *origin), inherited=True)


def _bullet_items(value: str | None) -> list[str]:
    """The items of a cell that opens with a bullet, each with the lines below it up to the next line
    opening with the same glyph (other glyphs are its details); else the cell's text, whole."""
    items: list[list[str]] = []
    glyph = None
    for line in (value or "").split("\n"):
        item = pdf_lists.glyph_item(line)
        if item is not None and glyph in (None, item[0]):
            glyph = item[0]
            items.append([item[1]])
        elif items:
            items[-1].append(line)
        elif clean(line):
            break
    return [clean(" ".join(lines)) for lines in items] if glyph else [_cell_text(value)]


def _action(location: str, label: Cell, cells: dict[str, Cell], state: _TableState) -> None:
    code_found = rules.ACTION_ROW.match(match_key(label.text))
    action = _Row(location, {"label": label})
    action.code = code_found.group("code") if code_found else None
    for level_name in HIERARCHY_FIELDS:
        heading = state.headings.get(level_name)
        if heading is not None:
            cell = heading.cells[level_name]
            action.cells[level_name] = Cell(cell.text, cell.ref, inherited=True)
    for name, cell in cells.items():
        if name != "result":
            action.cells[name] = cell
    if "indicator" not in action.cells:
        indicator = _heading_indicator(state)
        if indicator is not None:
            action.cells["indicator"] = Cell(indicator.text, indicator.ref, inherited=True)
    if "result" in cells:
        _result_finding(cells["result"], len(state.actions), state)
    state.actions.append(action)
    state.last = action


def _status(
    page: Page,
    table: PageTable,
    index: int,
    row: Sequence[str | None],
    columns: _Columns,
    findings: list[Finding],
) -> Cell | None:
    marked: list[Cell] = []
    for col, status in columns.status_marks.items():
        text = _cell_text(row[col]) if col < len(row) else ""
        ref = page.table_ref(table, index, col)
        if not text:
            continue
        if match_key(text) in rules.MARKS:
            marked.append(Cell(status, ref))
        else:
            examples = Words(" (X, ✓, oui...)", " (X, ✓, oui…)")
            findings.append(kinds.UNKNOWN_MARK.finding(ref, value=text[:40], period=f"'{status}'", examples=examples))
    if len(marked) > 1:
        names = ", ".join(c.text for c in marked)
        where = page.table_ref(table, index)
        findings.append(kinds.CONFLICTING_STATUS.finding(where, names=names, kept=marked[-1].text))
    return marked[-1] if marked else None


def _heading(location: str, level: str, label: Cell, cells: dict[str, Cell], state: _TableState) -> None:
    label = replace(label, text=rules.PDF_CONTINUED_HEADING.sub("", label.text))  # "AXE 3 – OUTILS (suite)"
    heading = _Row(location, {level: label, **cells})
    state.headings[level] = heading
    lower = HIERARCHY_FIELDS[HIERARCHY_FIELDS.index(level) + 1 :]
    for name in lower:
        state.headings.pop(name, None)
    state.last = heading
    # its deadline, pilot, status…; a hierarchy cell (an "Axe" cell beside an objective row) is its context
    extra = {name: cell for name, cell in cells.items() if name not in ("indicator", "result", *HIERARCHY_FIELDS)}
    if extra:
        what = Words(
            "; ".join(f"{name} '{cell.text[:40]}'" for name, cell in extra.items()),
            " ; ".join(f"{FIELDS_FR.get(name, name)} « {cell.text[:40]} »" for name, cell in extra.items()),
        )
        state.findings.append(kinds.HEADING_VALUES.finding(location, heading=label.text[:60], values=what))


def _heading_indicator(state: _TableState) -> Cell | None:
    for level in ("operational_objective", "strategic_objective", "axis"):
        heading = state.headings.get(level)
        if heading is not None and "indicator" in heading.cells:
            return heading.cells["indicator"]
    return None


def _continue_row(location: str, cells: dict[str, Cell], state: _TableState) -> None:
    target = state.last
    if target is None:
        what = "; ".join(cell.text[:40] for cell in cells.values())
        state.findings.append(kinds.ORPHAN_ROW.finding(location, text=what))
        return
    for name, cell in cells.items():
        target.append(name, cell)
    index = state.actions.index(target) if target in state.actions else None
    subject = (
        Words(f"action {target.code}", f"l'action {target.code}")
        if index is not None and target.code
        else Words(f"the row at {target.location}", f"la ligne {target.location}")
    )
    names = fields_named(list(cells))
    finding = kinds.CONTINUED_ROW.finding(location, index, subject=subject, where=target.location, fields=names)
    state.findings.append(finding)


def _result_finding(cell: Cell, index: int, state: _TableState) -> None:
    state.findings.append(kinds.RESULT_REACHED.finding(cell.ref, index, text=cell.text[:60]))


# --- outline list -------------------------------------------------------------------


@dataclass(frozen=True)
class _OutlineItem:
    code: str
    label: str
    location: str
    headings: tuple[tuple[str, Cell], ...]


def _outline_items(pages: Sequence[Page]) -> Iterator[_OutlineItem]:
    headings: dict[str, Cell] = {}
    current: tuple[Line, str, str, str] | None = None  # first line, code, label, location
    for page in pages:
        for line in page.lines:
            number = line.number
            found = rules.OUTLINE_ITEM.match(line.text)
            continues = current is not None and line.x0 > current[0].x0 + 3 and not found
            if continues and current is not None:
                current = (current[0], current[1], f"{current[2]} {line.text}", current[3])
                continue
            if current is not None:
                yield _OutlineItem(current[1], current[2], current[3], tuple(headings.items()))
                current = None
            if found:
                current = (line, found.group("code"), found.group("label"), f"p.{page.number}, line {number}")
                continue
            level = _level_of(line.text)
            if level is not None:
                headings[level] = Cell(line.text.lstrip(rules.OUTLINE_BULLETS), f"p.{page.number}, line {number}")
                for lower in HIERARCHY_FIELDS[HIERARCHY_FIELDS.index(level) + 1 :]:
                    headings.pop(lower, None)
    if current is not None:
        yield _OutlineItem(current[1], current[2], current[3], tuple(headings.items()))


def _outline_action(item: _OutlineItem) -> _Row:
    cells = {name: Cell(cell.text, cell.ref, inherited=True) for name, cell in item.headings}
    cells["action_code"] = Cell(item.code, item.location)
    cells["label"] = Cell(item.label, item.location)
    return _Row(item.location, cells, item.code)


def _cross_check(actions: list[_Row], outline: list[_OutlineItem]) -> Iterator[Finding]:
    """Compare the table's action codes with the outline's; the table is what is loaded."""
    if not outline:
        return
    table_codes = {a.code: i for i, a in enumerate(actions) if a.code}
    outline_codes = {item.code for item in outline}
    only_outline = [item for item in outline if item.code not in table_codes]
    only_table = [i for code, i in table_codes.items() if code not in outline_codes]
    for item in only_outline:
        match = _similar_action(item, actions, only_table)
        if match is not None:
            only_table.remove(match)
            code = actions[match].code
            yield kinds.OUTLINE_MISMATCH.finding(
                actions[match].location,
                match,
                label=item.label[:50],
                outline_code=item.code,
                where=item.location,
                code=code,
            )
            continue
        yield kinds.OUTLINE_ONLY_ACTION.finding(item.location, code=item.code, label=item.label[:60])
    for index in only_table:
        label = actions[index].cells["label"].text
        where, code = actions[index].location, actions[index].code
        yield kinds.MISSING_FROM_OUTLINE.finding(where, index, code=code, label=label[:60])


def _similar_action(item: _OutlineItem, actions: list[_Row], candidates: list[int]) -> int | None:
    def ratio(index: int) -> float:
        label = rules.ACTION_ROW.sub("", match_key(actions[index].cells["label"].text)).lstrip(" .:-–")
        return difflib.SequenceMatcher(None, match_key(item.label), label).ratio()

    scored = sorted(((ratio(i), i) for i in candidates), reverse=True)
    return scored[0][1] if scored and scored[0][0] >= rules.OUTLINE_LABEL_SIMILARITY else None


# --- fiche action annex ---------------------------------------------------------------


def _fiche_starts(pages: Sequence[Page]) -> list[int]:
    return [page.number for page in pages if any(rules.FICHE_TITLE.match(match_key(line.text)) for line in page.lines)]


def _read_fiche(pages: Sequence[Page], start: int, starts: Sequence[int], actions: list[_Row]) -> Iterator[Finding]:
    end = next((s for s in starts if s > start), len(pages) + 1)
    fiche_pages = [p for p in pages if start <= p.number < end]
    values: dict[str, Cell] = {}
    for page in fiche_pages:
        for table in page.tables:
            for name, cell in _fiche_table_values(page, table):
                values.setdefault(name, cell)
        for name, cell in _fiche_line_values(page):
            values.setdefault(name, cell)
    where = f"p.{start}"
    code_cell = values.get("code")
    code = rules.ACTION_ROW.sub(r"\g<code>", match_key(code_cell.text)).rstrip(".") if code_cell else None
    index = next((i for i, a in enumerate(actions) if code and a.code == code), None)
    if index is None:
        yield kinds.FICHE_WITHOUT_ACTION.finding(where, code=code or "?")
        return
    yield from _enrich(actions[index], index, values)


def _fiche_table_values(page: Page, table: PageTable) -> Iterator[tuple[str, Cell]]:
    """A key cell's value: its own text after the key, else the next cell to its right, else the next one
    below (positions covered by a spanning cell, None, are passed over)."""
    rows = table.rows
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            name, rest = _fiche_key(_cell_text(value))
            if name is None:
                continue
            if rest:
                yield name, Cell(rest, page.table_ref(table, r, c))
                continue
            right = next(((r, cc) for cc in range(c + 1, len(row)) if row[cc] is not None), None)
            below = next(
                ((rr, c) for rr in range(r + 1, len(rows)) if c < len(rows[rr]) and rows[rr][c] is not None), None
            )
            for position in (right, below):
                text = _cell_text(rows[position[0]][position[1]]) if position else ""
                if position and text and _fiche_key(text)[0] is None:
                    yield name, Cell(text, page.table_ref(table, *position))
                    break


def _fiche_line_values(page: Page) -> Iterator[tuple[str, Cell]]:
    """Outside tables: 'Key : value' on one line, or a key line followed by its value line."""
    for index, line in enumerate(page.lines):
        name, rest = _fiche_key(line.text)
        if name is None:
            continue
        if rest:
            yield name, Cell(rest, f"p.{page.number}, line {line.number}")
        elif index + 1 < len(page.lines) and _fiche_key((after := page.lines[index + 1]).text)[0] is None:
            yield name, Cell(after.text, f"p.{page.number}, line {after.number}")


def _fiche_key(text: str) -> tuple[str | None, str]:
    key = match_key(text)
    for label, name in sorted(rules.FICHE_KEYS.items(), key=lambda kv: -len(kv[0])):
        if key == label:
            return name, ""
        if key.startswith(label) and key[len(label)] in " :":
            return name, clean(text[len(label) :]).lstrip(": ").strip()
    return None, ""


def _enrich(action: _Row, index: int, values: dict[str, Cell]) -> Iterator[Finding]:
    for name, target in (("status", "status"), ("progress", "progress"), ("partners", "partners")):
        cell = values.get(name)
        if cell is None:
            continue
        current = action.cells.get(target)
        if current is None:
            action.cells[target] = cell
        elif match_key(current.text) != match_key(cell.text):
            said = fields_named([name])
            yield kinds.FICHE_CONFLICT.finding(
                cell.ref, index, field=said, fiche=cell.text[:40], table=current.text[:40]
            )
    referent = values.get("referent")
    if referent is not None:
        if "pilot" not in action.cells:
            action.cells["pilot"] = referent
        else:
            yield kinds.FICHE_REFERENT.finding(referent.ref, index, referent=referent.text[:80])
    start, end = _fiche_year(values.get("start")), _fiche_year(values.get("end"))
    first, last = start or end, end or start
    if first is not None and last is not None:
        ref = " + ".join(cell.ref for name in ("start", "end") if (cell := values.get(name)))
        action.periods.extend(Period(year, None, ref) for year in range(first, max(first, last) + 1))


def _fiche_year(cell: Cell | None) -> int | None:
    found = _YEAR.search(cell.text) if cell else None
    return int(found.group("year")) if found else None


# --- metadata and stated counts ---------------------------------------------------------


def _metadata(pages: Sequence[Page], info: dict[str, str]) -> Metadata:
    first = pages[0].lines
    title = None
    if first:
        biggest = max(line.size for line in first)
        title = clean(" ".join(line.text for line in first if line.size >= biggest - 0.5)) or None
    organization, place = None, None
    for page in pages:
        text = "\n".join(line.text for line in page.lines)
        found = next((m for p in rules.ORGANIZATION_PATTERNS if (m := p.search(text))), None)
        if found:
            organization, place = clean(found.group("org")), "cover" if page.number == 1 else "body"
            break
    # /Author is a person: never an organisation clue. /Title may end with the organisation.
    running = _running_lines(pages)
    clues = [
        *(Clue("cover", line.text) for line in first[: rules.PDF_COVER_LINES] if line.text not in running),
        *(Clue("header-footer", text) for text in running),
        *([Clue("pdf-metadata", clean(info["Title"]))] if clean(info.get("Title", "")) else []),
    ]
    dated = next((day for key in ("ModDate", "CreationDate") if (day := _pdf_day(info.get(key, "")))), None)
    return Metadata(
        title=title,
        organization=organization,
        organization_source=place,
        organization_clues=tuple(clues),
        version_date=dated,
        version_date_source="pdf-metadata" if dated else None,
    )


def _running_lines(pages: Sequence[Page]) -> list[str]:
    """Top and bottom lines repeated on several pages (page numbers aside): headers and footers."""
    seen: dict[str, list[str]] = {}
    for page in pages:
        if not page.lines:
            continue
        ordered = sorted(page.lines, key=lambda line: line.top)
        for line in {ordered[0].text: ordered[0], ordered[-1].text: ordered[-1]}.values():
            seen.setdefault(rules.PDF_PAGE_NUMBER.sub("", match_key(line.text)).strip(), []).append(line.text)
    return [texts[0] for key, texts in seen.items() if key and len(texts) >= rules.PDF_RUNNING_MIN_PAGES]


def _pdf_day(text: str) -> str | None:
    """'D:20240312093000+01'00'' -> '2024-03-12'; None when it is not a valid date."""
    found = rules.PDF_DATE.match(text.strip())
    if found is None:
        return None
    try:
        return date(int(found.group("year")), int(found.group("month")), int(found.group("day"))).isoformat()
    except ValueError:
        return None


def _stated_counts(pages: Sequence[Page]) -> Iterator[StatedCount]:
    for page in pages:
        key = match_key(" ".join(line.text for line in page.lines))
        for pattern in rules.STATED_TOTAL_PATTERNS:
            for found in pattern.finditer(key):
                yield StatedCount("actions", int(found.group("n")), f"p.{page.number}")
