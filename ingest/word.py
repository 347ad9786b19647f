"""Word roadmaps (.docx): a "feuille de route" whose structure lives in styles, not columns.

The body is read once, in order, as paragraphs and tables; each paragraph is first
described (style, list level, italics, bold, capitals), then one walk gives it a role:

* title (``Title`` style, or a first heading-like paragraph), version label ("Projet au
  17/02/2022"), period ("couvrant les années 2022 à 2024");
* axis: a heading (``Heading n``), or a bold or all-caps ``Normal`` paragraph when the
  document uses no heading style; a heading deeper than the axis headings is a strategic
  objective;
* vision: "En 2025, ... :" and the paragraphs that follow it, the strategic objective of
  the actions below it;
* action: a list paragraph (numbering properties, list style) or a bullet typed by hand;
  a nested or italic bullet is a sub-action of the action above it; a numbered item
  followed by bullets is a theme, the operational objective of the bullets under it;
* fiche: "Action 3 : ..." then "Pilote : ...", "Calendrier : ..." lines;
* tables: a header row ("Action | Pilote | Échéance") read as rows of actions, or a
  key/value table ("Pilote | DG") that completes a fiche.

Everything else becomes a `note-paragraph` finding. Locations are "§12" (the 12th
paragraph of the body, empty ones included, table cells not) or "table 1, row 3, cell 2".
"""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from core import findings as kinds
from core import period_rules
from core.errors import ExtractError
from core.findings import Words, adds
from core.header_rules import HEADER_SYNONYMS
from core.limits import DEFAULT_LIMITS, Limits
from core.periods import period_name, period_record
from core.records import HIERARCHY_FIELDS, AxisNote, Cell, Clue, Finding, Metadata, Period, RawAction, RawPlan, Source
from core.source import as_source
from core.text import clean, match_key, names_plan
from ingest import fiches, word_rules
from ingest.contents import contents_lines
from ingest.headers import header_of
from ingest.table import Grid, Layout, interpret, is_period_mark, template_row

# Field label (exact synonym, as match_key) -> field, for "Pilote : DG" lines and key/value tables.
_SYNONYMS: dict[str, str] = {synonym: name for name, values in HEADER_SYNONYMS.items() for synonym in values}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- what the body holds ---------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """One body paragraph, described."""

    number: int  # 1-based, in body order
    text: str  # cleaned
    raw: str  # as written (leading spaces of a typed nested bullet)
    style: str  # match_key of the style name
    heading: int | None  # 0 for a Title style, n for Heading n
    list_level: int | None  # Word list paragraph: its level (0 = first)
    numbered: bool  # a numbered (not bulleted) Word list paragraph
    italic: bool
    bold: bool
    caps: bool
    indent: int | None  # left indentation in EMU, when set
    location: str = ""  # where another reader found it ("p.2, line 5"); "" -> "§number"

    @property
    def ref(self) -> str:
        return self.location or f"§{self.number}"


@dataclass(frozen=True)
class TableBlock:
    number: int  # 1-based
    rows: tuple[tuple[str, ...], ...]
    inherited: frozenset[tuple[int, int]]  # (row, col) continuing a vertical merge
    spans: Mapping[tuple[int, int], int] = field(default_factory=dict)  # (row, col) -> columns it spans

    def ref(self, row: int, col: int) -> str:
        return f"table {self.number}, row {row + 1}, cell {col + 1}"

    def grid(self) -> Grid:
        """The table for the table interpreter, its cells named the Word way."""
        return Grid(f"table {self.number}", self.rows, self.inherited, frozenset(), self.spans, refs=self.ref)


Block = Para | TableBlock


def extract(file: Path | Source, limits: Limits = DEFAULT_LIMITS) -> RawPlan:
    """Read the Word document at `path`."""
    source = as_source(file, "docx")
    path = Path(source.path)
    blocks = _without_contents(_read_blocks(path))
    # Bold or all-caps paragraphs are headings only in documents without Heading styles (a Title does not count).
    walk = _Walk(has_headings=any(isinstance(b, Para) and b.heading for b in blocks))
    for position, block in enumerate(blocks):
        following = blocks[position + 1 :]
        if isinstance(block, Para):
            walk.paragraph(block, following)
        else:
            walk.table(block)
    walk.finish()
    # A recueil of fiches or activity blocks ("Activité 1.1 :", "Intitulé | ..."): ingest/fiches.py, kept
    # when it reads at least as many actions as the walk (a roadmap's bullets stay with the walk; the
    # walk would take a fiche's heading, "FICHE-ACTION 2", for an axis).
    reading = fiches.read(_pieces(blocks))
    if reading.actions and len(reading.actions) >= len(walk.drafts):
        metadata = Metadata(title=walk.title, version_label=walk.version, organization_clues=_cover(blocks))
        return RawPlan(source, metadata, reading.actions, reading.findings, names_plan=names_plan(_texts(blocks)))
    paragraphs = sum(1 for b in blocks if isinstance(b, Para) and b.text)
    tables = sum(1 for b in blocks if isinstance(b, TableBlock))
    if not walk.drafts and reading.reason:
        walk.findings.append(kinds.NOT_A_PLAN.finding("§1", reason=reading.reason))
    if not walk.drafts:
        walk.findings.append(kinds.NO_ACTIONS_FOUND.finding("§1", paragraphs=paragraphs, tables=tables))
    organization = _organization(walk.subjects)
    metadata = Metadata(
        title=walk.title,
        organization=organization,
        organization_source="body" if organization else None,
        organization_clues=_cover(blocks),
        period_start=walk.period[0] if walk.period else None,
        period_end=walk.period[1] if walk.period else None,
        version_label=walk.version,
    )
    actions = tuple(draft.freeze() for draft in walk.drafts)
    return RawPlan(source, metadata, actions, tuple(walk.findings), (), tuple(walk.axes), names_plan(_texts(blocks)))


def _texts(blocks: Sequence[Block]) -> Iterator[str]:
    """Every text of the body: paragraphs and table cells."""
    for block in blocks:
        if isinstance(block, Para):
            yield block.text
        else:
            yield from (cell for row in block.rows for cell in row)


@dataclass(frozen=True)
class Walked:
    """What the walk reads from paragraphs another reader described (a PDF's lines)."""

    actions: tuple[RawAction, ...]
    findings: tuple[Finding, ...]
    axes: tuple[AxisNote, ...]


def walk_paragraphs(paras: Sequence[Para], title: str | None) -> Walked:
    """The same walk as for a Word body, over paragraphs whose headings and list levels the caller
    decided (`heading`, `list_level` set); `title` is already known, so no paragraph is taken for it."""
    walk = _Walk(has_headings=True, title=title or "")
    for position, para in enumerate(paras):
        walk.paragraph(para, paras[position + 1 :])
    walk.finish()
    return Walked(tuple(draft.freeze() for draft in walk.drafts), tuple(walk.findings), tuple(walk.axes))


# --- reading the package ---------------------------------------------------------------


def _read_blocks(path: Path) -> list[Block]:
    try:
        with path.open("rb") as handle:
            document = docx.Document(handle)
    # AttributeError: a package part whose root is not the element python-docx expects.
    except (
        OpcError, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, OSError, etree.LxmlError
    ) as error:  # fmt: skip
        message = f"cannot open the Word document ({type(error).__name__}: {_one_line(error)})"
        raise ExtractError(path.name, message) from error
    try:
        numbering = _numbering_formats(document)
        styles: dict[str | None, Any] = {}  # style id -> style: python-docx resolves it anew at each call
        blocks: list[Block] = []
        paragraphs = tables = 0
        for item in _body_items(document.element.body, document._body):
            if isinstance(item, Paragraph):
                paragraphs += 1
                blocks.append(_para(paragraphs, item, numbering, styles))
            else:
                tables += 1
                blocks.append(_table(tables, item))
        return blocks
    except (KeyError, ValueError, TypeError, AttributeError, IndexError, etree.LxmlError) as error:
        message = f"cannot read the document body ({type(error).__name__}: {_one_line(error)})"
        raise ExtractError(path.name, message) from error


def _without_contents(blocks: Sequence[Block]) -> list[Block]:
    """The blocks without the paragraphs of a table of contents: in a contents style ("toc 1"), or
    found by `ingest.contents` among the non-empty paragraphs (typed entries: a title, dots or a tab,
    a page number). A table of contents is no part of the plan."""
    paras = [block for block in blocks if isinstance(block, Para) and block.text]
    listed = contents_lines([para.raw for para in paras])
    left_out = {para.number for index, para in enumerate(paras) if index in listed}
    left_out |= {para.number for para in paras if word_rules.CONTENTS_STYLE.match(para.style)}
    return [block for block in blocks if not (isinstance(block, Para) and block.number in left_out)]


def _body_items(element: Any, parent: Any) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in body order, including those inside content controls (w:sdt)."""
    for child in element.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, parent)
        elif child.tag == f"{_W}tbl":
            yield Table(child, parent)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            yield from _body_items(content if content is not None else child, parent)


def _one_line(error: BaseException) -> str:
    return clean(str(error)) or "no detail"


def _numbering_formats(document: Any) -> dict[tuple[str, int], str]:
    """(numId, level) -> numFmt ("bullet", "decimal"...) from the numbering part, if any."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for node in numbering.iter(f"{_W}abstractNum"):
        levels = {}
        for lvl in node.iter(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            levels[int(lvl.get(f"{_W}ilvl", "0"))] = fmt.get(f"{_W}val", "") if fmt is not None else ""
        abstract[node.get(f"{_W}abstractNumId", "")] = levels
    formats: dict[tuple[str, int], str] = {}
    for num in numbering.iter(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is None:
            continue
        for level, fmt in abstract.get(ref.get(f"{_W}val", ""), {}).items():
            formats[(num.get(f"{_W}numId", ""), level)] = fmt
    return formats


def _num_pr(element: Any) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a paragraph or style element's numbering properties."""
    p_pr = element.find(f"{_W}pPr")
    num_pr = p_pr.find(f"{_W}numPr") if p_pr is not None else None
    if num_pr is None:
        return None, None
    num_id = num_pr.find(f"{_W}numId")
    ilvl = num_pr.find(f"{_W}ilvl")
    return (
        num_id.get(f"{_W}val") if num_id is not None else None,
        int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else None,
    )


def _para(
    number: int, paragraph: Paragraph, numbering: dict[tuple[str, int], str], styles: dict[str | None, Any]
) -> Para:
    style_id = paragraph._p.style
    if style_id not in styles:
        styles[style_id] = paragraph.style
    style = styles[style_id]
    style_key = match_key(style.name or "") if style is not None else ""
    heading: int | None = None
    if style_key in word_rules.TITLE_STYLES:
        heading = 0
    elif found := word_rules.HEADING_STYLE.match(style_key):
        heading = int(found.group("level"))
    list_level, numbered = _list_of(paragraph, style, style_key, numbering)
    runs = [run for run in paragraph.runs if run.text.strip()]
    letters = [ch for ch in paragraph.text if ch.isalpha()]
    style_font = style.font if style is not None else None
    return Para(
        number=number,
        text=clean(paragraph.text),
        raw=paragraph.text,
        style=style_key,
        heading=heading,
        list_level=list_level,
        numbered=numbered,
        italic=bool(runs) and all(_flag(run.font.italic, style_font, "italic") for run in runs),
        bold=bool(runs) and all(_flag(run.font.bold, style_font, "bold") for run in runs),
        caps=len(letters) >= 3 and (all(ch.isupper() for ch in letters) or all(run.font.all_caps for run in runs)),
        indent=_indent(paragraph, style),
    )


def _flag(value: bool | None, style_font: Any, name: str) -> bool:
    if value is not None:
        return value
    return bool(style_font is not None and getattr(style_font, name))


def _indent(paragraph: Paragraph, style: Any) -> int | None:
    indent = paragraph.paragraph_format.left_indent
    if indent is None and style is not None:
        indent = style.paragraph_format.left_indent
    return int(indent) if indent is not None else None


def _list_of(
    paragraph: Paragraph, style: Any, style_key: str, numbering: dict[tuple[str, int], str]
) -> tuple[int | None, bool]:
    """(level, numbered) of a Word list paragraph, (None, False) for any other paragraph."""
    num_id, ilvl = _num_pr(paragraph._p)
    chain = style
    while (num_id is None or ilvl is None) and chain is not None:
        style_num, style_ilvl = _num_pr(chain.element)
        num_id = num_id if num_id is not None else style_num
        ilvl = ilvl if ilvl is not None else style_ilvl
        chain = chain.base_style
    named = word_rules.LIST_STYLE.match(style_key)
    if num_id == "0" or (num_id is None and not named):
        return None, False  # numbering explicitly removed, or no list at all
    level = max(ilvl or 0, int(named.group("level")) - 1 if named and named.group("level") else 0)
    fmt = numbering.get((num_id or "", ilvl or 0))
    if fmt is not None:
        numbered = fmt not in word_rules.UNNUMBERED_FORMATS
    else:
        numbered = bool(word_rules.NUMBERED_LIST_STYLE.match(style_key))
    return level, numbered


def _table(number: int, table: Table) -> TableBlock:
    rows: list[tuple[str, ...]] = []
    inherited: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], int] = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        values: list[str] = []
        for tc in tr.tc_lst:
            text = clean(_Cell(tc, table).text)
            col = len(values)
            if tc.vMerge == "continue" and r > 0 and col < len(rows[r - 1]):
                text = rows[r - 1][col]
                inherited.add((r, col))
            if tc.grid_span > 1:
                spans[r, col] = tc.grid_span
            values.extend([text] + [""] * (max(tc.grid_span, 1) - 1))
        rows.append(tuple(values))
    return TableBlock(number, tuple(rows), frozenset(inherited), spans)


def _pieces(blocks: Sequence[Block]) -> Iterator[fiches.Piece]:
    """Paragraphs and table rows in body order, for the fiche reader."""
    for block in blocks:
        if isinstance(block, Para):
            yield fiches.Piece(block.text, block.ref, heading=bool(block.heading))
            continue
        for row, values in enumerate(block.rows):
            refs = tuple(block.ref(row, col) for col in range(len(values)))
            yield fiches.Piece(" | ".join(v for v in values if v), block.ref(row, 0), values, refs)


# --- the walk --------------------------------------------------------------------------


@dataclass
class _Draft:
    location: str
    cells: dict[str, Cell]
    parent: int | None = None
    periods: tuple[Period, ...] = ()
    italic: bool = False

    def freeze(self) -> RawAction:
        return RawAction(self.location, dict(self.cells), self.periods, self.parent)


@dataclass
class _Vision:
    cell: Cell
    first: int
    last: int
    collecting: bool  # a lead-in ("En 2025, X :") still gathering its statement
    used: bool = False


@dataclass
class _Walk:
    has_headings: bool
    drafts: list[_Draft] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    axes: list[AxisNote] = field(default_factory=list)
    title: str | None = None
    version: str | None = None
    period: tuple[int, int] | None = None
    subjects: list[str] = field(default_factory=list)
    axis: Cell | None = None
    axis_level: int | None = None
    axis_used: bool = False
    axis_worded: bool = False
    section: list[Para] = field(default_factory=list)  # heading of a section with no action yet
    vision: _Vision | None = None
    theme: Cell | None = None
    theme_parent: int | None = None
    last_top: int | None = None
    current: int | None = None  # the action that field lines complete
    pending_field: str | None = None  # "Indicateur :" with its value on the next lines
    notes: list[Para] = field(default_factory=list)
    started: bool = False  # a non-empty paragraph or table was seen
    previous_was_action: bool = False

    # -- paragraphs

    def paragraph(self, para: Para, following: Sequence[Block]) -> None:
        if not para.text:
            return
        first = not self.started
        self.started = True
        was_action, self.previous_was_action = self.previous_was_action, False
        if para.heading == 0 and self.title is None:
            self.title = para.text
            return
        if fiche := word_rules.FICHE_ACTION.match(para.text):
            self._fiche_action(para, fiche.group("code"), fiche.group("label"))
            return
        if first and self.title is None and self._heading_like(para) and not _axis_worded(para):
            self.title = para.text
            return
        if para.heading is None and self._field_line(para):
            return
        if word_rules.VISION.match(match_key(para.text)) and para.list_level is None:
            self._start_vision(para)
            return
        bullet = _bullet(para, self._typed_level(para))
        if bullet is not None:
            self._bullet(para, *bullet, following, was_action)
            return
        if self._heading_like(para):
            self._heading(para)
            return
        self._prose(para)

    def _heading_like(self, para: Para) -> bool:
        if para.heading is not None:
            return True
        if self.has_headings or para.list_level is not None or len(para.text) > word_rules.MAX_HEADING_CHARS:
            return False
        return para.bold or para.caps

    def _typed_level(self, para: Para) -> int:
        return 0 if para.indent is None or para.indent <= 0 else 1

    def _heading(self, para: Para) -> None:
        level = para.heading if para.heading else 1
        axis_worded = _axis_worded(para)
        if axis_worded or self.axis_level is None or level <= self.axis_level:
            self._close_section()
            self.axis = Cell(para.text, para.ref, inherited=True)
            self.axis_level = level
            self.axis_used = False
            self.axis_worded = axis_worded
            self.section = [para]
            self._reset_group()
        else:  # a deeper heading under an axis: a strategic objective
            self._close_vision()
            self.vision = _Vision(Cell(para.text, para.ref, inherited=True), para.number, para.number, False)
            self._reset_group(keep_vision=True)

    def _reset_group(self, keep_vision: bool = False) -> None:
        if not keep_vision:
            self._close_vision()
            self.vision = None
        self.theme = None
        self.theme_parent = None
        self.last_top = None
        self.current = None
        self.pending_field = None

    def _start_vision(self, para: Para) -> None:
        self._flush_notes()
        self._close_vision()
        self._reset_group()
        subject = word_rules.VISION_SUBJECT.match(para.text)
        if subject:
            self.subjects.append(subject.group("subject"))
        lead_in = para.text.endswith(":")
        self.vision = _Vision(Cell(para.text, para.ref, inherited=True), para.number, para.number, lead_in)

    def _prose(self, para: Para) -> None:
        if self.pending_field is not None and self.current is not None:
            self._append_field(self.current, self.pending_field, para.text, para.ref)
            return
        if self.vision is not None and self.vision.collecting:
            vision = self.vision
            vision.cell = Cell(f"{vision.cell.text} {para.text}", f"§{vision.first}-§{para.number}", inherited=True)
            vision.last = para.number
            return
        if self.axis is None and self.version is None and _is_version(para.text):
            self.version = para.text
            return
        period = word_rules.PERIOD_SENTENCE.search(match_key(para.text))
        if period and self.period is None:
            self.period = (int(period.group("start")), int(period.group("end")))
            return
        self.notes.append(para)

    def _flush_notes(self) -> None:
        notes, self.notes = self.notes, []
        for run in _contiguous(notes):
            self.findings.append(_note_finding(run))

    def _close_vision(self) -> None:
        vision = self.vision
        if vision is None or vision.used:
            return
        vision.used = True  # reported once
        axis = self.axis.text if self.axis else ""
        self.axes.append(AxisNote(axis, vision.cell.text, vision.cell.ref))
        named = Words(f" '{axis[:40]}'", f" « {axis[:40]} »") if axis else ""
        finding = kinds.VISION_WITHOUT_ACTIONS.finding(vision.cell.ref, vision=vision.cell.text[:60], axis=named)
        self.findings.append(finding)

    def _close_section(self) -> None:
        if self.axis is not None and not self.axis_used:
            if self.axis_worded:
                self.findings.append(kinds.EMPTY_AXIS.finding(self.axis.ref, axis=self.axis.text[:60]))
            else:
                self.notes = self.section + self.notes
        self._close_vision()
        self._flush_notes()

    def finish(self) -> None:
        self._close_section()
        self._close_vision()
        self._flush_notes()

    # -- actions

    def _bullet(
        self, para: Para, level: int, numbered: bool, text: str, following: Sequence[Block], was_action: bool
    ) -> None:
        if self.pending_field is not None and self.current is not None:
            self._append_field(self.current, self.pending_field, text, para.ref)
            self.previous_was_action = True
            return
        self._flush_notes()
        if self.vision is not None:
            self.vision.collecting = False
        if numbered and level == 0 and _introduces_bullets(following, self._typed_level):
            if self.theme is None:
                self.theme_parent = self.last_top if was_action else None
            self.theme = Cell(text, para.ref, inherited=True)
            return
        parent_italic = self.last_top is not None and self.drafts[self.last_top].italic
        nested = level > 0 or (para.italic and not parent_italic) or self.theme_parent is not None
        parent = self.theme_parent if self.theme_parent is not None else self.last_top
        if nested and parent is None:
            self.findings.append(kinds.ORPHAN_SUB_ACTION.finding(para.ref, len(self.drafts), text=text[:60]))
            nested = False
        cells = self._context()
        if self.theme is not None and (nested or self.theme_parent is None):
            cells["operational_objective"] = self.theme
        cells["label"] = Cell(text, para.ref)
        self.drafts.append(_Draft(para.ref, cells, parent if nested else None, italic=para.italic))
        if not nested:
            self.last_top = len(self.drafts) - 1
        self.current = len(self.drafts) - 1
        self.previous_was_action = True

    def _context(self) -> dict[str, Cell]:
        cells: dict[str, Cell] = {}
        if self.axis is not None:
            cells["axis"] = self.axis
            self.axis_used = True
        if self.vision is not None:
            cells["strategic_objective"] = self.vision.cell
            self.vision.used = True
        return cells

    def _fiche_action(self, para: Para, code: str, label: str) -> None:
        self._flush_notes()
        if self.vision is not None:
            self.vision.collecting = False
        cells = self._context()
        cells["action_code"] = Cell(code, para.ref)
        cells["label"] = Cell(clean(label), para.ref)
        self.drafts.append(_Draft(para.ref, cells))
        self.last_top = self.current = len(self.drafts) - 1
        self.theme, self.theme_parent, self.pending_field = None, None, None
        self.previous_was_action = True

    def _field_line(self, para: Para) -> bool:
        """ "Pilote : DG" after an action completes that action."""
        found = word_rules.FIELD_LINE.match(para.text)
        if found is None or self.current is None:
            return False
        name = _field_label(found.group("name"))
        if name is None or name in ("label", "action_code"):
            return False
        value = clean(found.group("value"))
        self.pending_field = None if value else name
        if value:
            self._append_field(self.current, name, value, para.ref)
        self.previous_was_action = True
        return True

    def _append_field(self, index: int, name: str, text: str, ref: str) -> None:
        cells = self.drafts[index].cells
        old = cells.get(name)
        if old is None or old.inherited:
            cells[name] = Cell(text, ref)
        else:
            cells[name] = Cell(f"{old.text}; {text}", old.ref)

    # -- tables

    def table(self, block: TableBlock) -> None:
        self.started = True
        self.previous_was_action = False
        self._flush_notes()
        if self.vision is not None:
            self.vision.collecting = False
        layout = interpret(block.grid(), search_rows=word_rules.TABLE_HEADER_ROWS)
        if layout is not None and not layout.guessed_header:
            self._action_table(block, layout)
        elif self._fiche_table(block):
            pass  # a key/value fiche before a guessed header: its labels are not column headers
        elif layout is not None:
            self._action_table(block, layout)
        else:
            filled = sum(1 for row in block.rows if any(row))
            if filled:
                finding = kinds.TABLE_WITHOUT_HEADER.finding(block.ref(0, 0), table=block.number, rows=filled)
                self.findings.append(finding)

    def _action_table(self, block: TableBlock, layout: Layout) -> None:
        header = layout.header
        self.findings.extend(layout.findings)
        bands: dict[str, Cell] = {}
        for row in range(header.row + 1, len(block.rows)):
            values = block.rows[row]
            own = [c for c, v in enumerate(values) if v and (row, c) not in block.inherited]
            if not own:
                continue
            if row in layout.bands:
                name, cell = layout.bands[row]
                level = HIERARCHY_FIELDS.index(name)
                bands = {n: c for n, c in bands.items() if HIERARCHY_FIELDS.index(n) < level} | {name: cell}
                continue
            if row in layout.not_actions:
                self.findings.append(template_row(block.ref(row, own[0]), row, layout.not_actions[row]))
                continue
            if header_of(row, values) is not None:
                rows = Words(f"row {row + 1}", f"la ligne {row + 1}")
                repeat = Words("repeats", "répète")
                what = Words("header", "l'en-tête")
                self.findings.append(
                    kinds.REPEATED_HEADER.finding(block.ref(row, 0), rows=rows, repeat=repeat, what=what)
                )
                continue
            cells = self._context() | bands
            for name, col in header.fields.items():
                if col < len(values) and values[col]:
                    cells[name] = Cell(values[col], block.ref(row, col), (row, col) in block.inherited)
            periods: list[Period] = []
            for col, (year, semester) in sorted(header.periods.items()):
                value = values[col] if col < len(values) else ""
                if is_period_mark(value):
                    periods.append(period_record((year, semester), block.ref(row, col)))
                elif value:
                    where, index = block.ref(row, col), len(self.drafts)
                    period = period_name((year, semester))
                    self.findings.append(
                        kinds.UNKNOWN_MARK.finding(where, index, value=value, period=period, examples="")
                    )
            label = cells.get("label") or cells.get("action_code")
            location = label.ref if label else block.ref(row, own[0])
            self.drafts.append(_Draft(location, cells, periods=tuple(periods)))
            if "label" in cells:
                self.last_top = self.current = len(self.drafts) - 1

    def _fiche_table(self, block: TableBlock) -> bool:
        """A key/value table ("Action | ...", "Pilote | DG"): one fiche."""
        pairs: list[tuple[str, int, int]] = []  # field, row, column of the value
        for row, values in enumerate(block.rows):
            filled = [c for c, v in enumerate(values) if v]
            if len(filled) >= 2 and (name := _field_label(values[filled[0]])) is not None:
                pairs.append((name, row, filled[1]))
        if len(pairs) < word_rules.MIN_FICHE_TABLE_FIELDS:
            return False
        names = [name for name, _, _ in pairs]
        label = next((block.rows[row][col] for name, row, col in pairs if name == "label"), "")
        given = {name: block.rows[row][col] for name, row, col in pairs if name != "label"}
        repeated = next(
            (
                i
                for i, d in enumerate(self.drafts)
                if label
                and "label" in d.cells
                and fiches.repeats(label, given, d.cells["label"].text, {n: c.text for n, c in d.cells.items()})
            ),
            None,
        )
        if repeated is not None:  # an annex fiche of an action read above: it completes it
            self._annex_fiche(block, pairs, repeated)
        elif "label" in names:
            cells = self._context()
            location = ""
            for name, row, col in pairs:
                cells.setdefault(name, Cell(block.rows[row][col], block.ref(row, col)))
                if name == "label":
                    location = block.ref(row, col)
            self.drafts.append(_Draft(location, cells))
            self.last_top = self.current = len(self.drafts) - 1
        elif self.current is not None:
            for name, row, col in pairs:
                self._append_field(self.current, name, block.rows[row][col], block.ref(row, col))
        else:
            return False
        return True

    def _annex_fiche(self, block: TableBlock, pairs: Sequence[tuple[str, int, int]], index: int) -> None:
        cells = self.drafts[index].cells
        added = []
        for name, row, col in pairs:
            if name not in cells or cells[name].inherited:
                cells[name] = Cell(block.rows[row][col], block.ref(row, col))
                added.append(name)
        label = cells["label"].text
        fiche = Words(f"the fiche of table {block.number}", f"la fiche du tableau {block.number}")
        self.findings.append(
            kinds.REPEATED_BLOCK.finding(block.ref(0, 0), index, block=fiche, read=f"'{label[:60]}'", added=adds(added))
        )


# --- small pure helpers ----------------------------------------------------------------


def _axis_worded(para: Para) -> bool:
    return bool(word_rules.AXIS_HEADING.match(match_key(para.text)))


def _field_label(name: str) -> str | None:
    key = word_rules.PLURAL_MARK.sub("", match_key(name))
    return _SYNONYMS.get(key)


def _bullet(para: Para, typed_level: int) -> tuple[int, bool, str] | None:
    """(level, numbered, text) of a list paragraph or a typed bullet; None otherwise."""
    if para.heading is not None:
        return None  # numbered headings ("1. Axe ...") are headings, not list items
    if para.list_level is not None:
        typed = word_rules.TYPED_BULLET.match(para.text)  # a dash typed inside a Word list item
        return para.list_level, para.numbered, clean(typed.group("text")) if typed else para.text
    return _typed(para.raw, typed_level)


def _typed(raw: str, typed_level: int) -> tuple[int, bool, str] | None:
    for pattern, numbered in ((word_rules.TYPED_BULLET, False), (word_rules.TYPED_NUMBER, True)):
        found = pattern.match(raw)
        if found:
            level = 1 if found.group("indent") else typed_level
            return level, numbered, clean(found.group("text"))
    return None


def _introduces_bullets(following: Sequence[Block], typed_level: Any) -> bool:
    """Whether the next non-empty block is an unnumbered bullet (the numbered item is a theme)."""
    for block in following:
        if isinstance(block, TableBlock):
            return False
        if not block.text:
            continue
        bullet = _bullet(block, typed_level(block))
        return bullet is not None and not bullet[1]
    return False


def _cover(blocks: Sequence[Block]) -> tuple[Clue, ...]:
    """The first paragraphs (a cover page, a subtitle under the title): they may name the organisation."""
    paras = [block.text for block in blocks[: word_rules.COVER_BLOCKS] if isinstance(block, Para) and block.text]
    return tuple(Clue("cover", text) for text in paras)


def _organization(subjects: Sequence[str]) -> str | None:
    """The subject every vision names ("la Résidence sociale"), capitalised; None if they differ."""
    counts = Counter(clean(s) for s in subjects)
    if len(counts) != 1:
        return None
    subject = next(iter(counts))
    return subject[:1].upper() + subject[1:]


def _contiguous(paras: Sequence[Para]) -> Iterator[list[Para]]:
    run: list[Para] = []
    for para in paras:
        if run and para.number != run[-1].number + 1:
            yield run
            run = []
        run.append(para)
    if run:
        yield run


def _note_finding(notes: list[Para]) -> Finding:
    where = notes[0].ref if len(notes) == 1 else f"{notes[0].ref}-{notes[-1].ref}"
    text = notes[0].text if len(notes[0].text) <= 80 else notes[0].text[:79] + "…"
    holds = "holds" if len(notes) == 1 else f"hold {len(notes)} paragraphs of"
    return kinds.NOTE_PARAGRAPH.finding(where, where=where, holds=holds, paragraphs=len(notes), text=text)


def _is_version(text: str) -> bool:
    return len(text) <= word_rules.MAX_VERSION_CHARS and bool(period_rules.VERSION_PATTERN.match(match_key(text)))
