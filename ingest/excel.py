"""Excel workbooks (.xlsx, .xlsm, .xls, .xlsb, .ods): every sheet, wherever its header row is.

The sheet is read as a grid of texts (cached values of formulas, merged cells spread
down their first column), then each sheet is walked once:

* rows above the header give the title, a version label and stated counts;
* the header row maps columns to fields through `core.header_rules.HEADER_SYNONYMS`;
* below it, repeated title/count/header blocks are skipped (one finding per block),
  rows whose action code sits in the wrong column are re-aligned (finding), and
  period columns marked `X` become `Period`s.

python-calamine (Rust) reads the cells: several times faster than openpyxl, no macro is
run, no XML entity is expanded. What it does not give for an xlsx sheet (hidden columns,
the text of error cells, the extent of the sheet before it is loaded) is read from the
sheet XML, with defusedxml where it is parsed.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import python_calamine
from defusedxml import ElementTree as defused_et

from core import findings as kinds
from core import period_rules
from core.errors import ExtractError
from core.findings import Words
from core.limits import DEFAULT_LIMITS, Limits, exceeded
from core.period_rules import YEAR_RANGE
from core.periods import PeriodKey, next_period, period_name, period_record
from core.records import (
    HIERARCHY_FIELDS,
    Cell,
    Clue,
    Finding,
    LayoutHints,
    Metadata,
    Period,
    RawAction,
    RawPlan,
    Source,
    StatedCount,
)
from core.text import clean, match_key, names_plan, printable
from ingest import fiches, rules, table_rules, tet
from ingest.detect import identify
from ingest.headers import Header, header_of, is_mark
from ingest.profiles import Mismatch, Profile, match
from ingest.table import (
    Grid,
    Layout,
    get_column_letter,
    interpret,
    is_period_mark,
    role_of,
    template_row,
    with_styles,
)
from ingest.table import quote_sheet as _quote_sheet


@dataclass
class _SheetResult:
    actions: list[RawAction] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    counts: list[StatedCount] = field(default_factory=list)
    title: str | None = None
    version_label: str | None = None
    data_rows: int = 0
    subtitles: list[str] = field(default_factory=list)  # rows between the title and the header


def extract(file: Path | Source, limits: Limits = DEFAULT_LIMITS, profiles: tuple[Profile, ...] = ()) -> RawPlan:
    """Read every sheet of the workbook `file` (.xlsx, .xlsm, .xls, .xlsb, .ods, with calamine).

    A sheet that one of `profiles` fits is read with the layout the profile gives (its header row
    and column roles override what the table interpreter would guess)."""
    source = file if isinstance(file, Source) else identify(file)
    path, fmt = Path(source.path), source.format
    grids = [grid for grid in _read_workbook(path, fmt, limits) if not _our_check_sheet(grid)]
    layouts = [_profiled(grid, profiles) for grid in grids]
    styles_of = _style_reader(path) if fmt == "xlsx" else None
    # Territoires en Transitions sheets have their own reader (template rows, sous-actions).
    results = [
        _SheetResult(*tet.read_sheet(grid))
        if layout is None and tet.is_tet_sheet(grid)
        else _parse_sheet(grid, layout[1] if layout else None, styles_of)
        for grid, layout in zip(grids, layouts, strict=True)
    ]
    actions: list[RawAction] = []
    findings: list[Finding] = list(_profile_findings(path, grids, layouts, profiles))
    counts: list[StatedCount] = []
    described: dict[str, str] = {}
    for grid, result in zip(grids, results, strict=True):
        if result is None:
            sheet_metadata = _metadata_sheet(grid)
            described.update(sheet_metadata)
            if not sheet_metadata:
                findings.extend(_skipped_sheet(grid))
            continue
        offset = len(actions)
        actions.extend(tet.shifted(result.actions, offset))
        findings.extend(_offset(f, offset) for f in result.findings)
        counts.extend(result.counts)
    parsed = [result for result in results if result is not None]
    named = names_plan(_texts(grids))
    if not parsed and (fiche_actions := _fiche_sheets(grids)):
        return RawPlan(source, _metadata(_SheetResult(), {}), fiche_actions[0], fiche_actions[1], names_plan=named)
    said = any(finding.kind == kinds.NOT_A_PLAN.name for finding in findings)  # a TeT sheet says it itself
    if not actions and not said and any(not result.data_rows for result in parsed):
        # Headers and no row under them: a blank template, not a plan.
        reason = Words("empty template: a header and no rows", "modèle vide : un en-tête et aucune ligne")
        findings.append(kinds.NOT_A_PLAN.finding(path.name, reason=reason))
    if not parsed:
        # A readable workbook that holds no plan: loaded with zero actions (status not-a-plan).
        least, rows = rules.MIN_HEADER_FIELDS, rules.HEADER_SEARCH_ROWS
        reason = Words(
            f"no sheet has a header row (looked for a row naming at least {least} columns such as 'Action', "
            f"'Pilote', 'Échéance' in the first {rows} rows)",
            f"aucune feuille n'a de ligne d'en-tête (cherché une ligne nommant au moins {least} colonnes comme "
            f"« Action », « Pilote », « Échéance » dans les {rows} premières lignes)",
        )
        findings.append(kinds.NO_PLAN_FOUND.finding(path.name, reason=reason))
        return RawPlan(source, _metadata(_SheetResult(), described), (), tuple(findings))
    metadata = _metadata(parsed[0], described)
    return RawPlan(source, metadata, tuple(actions), tuple(findings), tuple(counts), names_plan=named)


def _texts(grids: Sequence[Grid]) -> Iterator[str]:
    """The sheets' names and their cells, one by one (`names_plan` stops at the first that names a plan)."""
    for grid in grids:
        yield grid.sheet
        yield from (value for row in grid.rows for value in row if value)


# --- mapping profiles -----------------------------------------------------------------


def _profiled(grid: Grid, profiles: tuple[Profile, ...]) -> tuple[Profile, LayoutHints] | None:
    """The first profile that fits the sheet, with the layout it gives."""
    for profile in profiles:
        hints = match(profile, grid.sheet, grid.rows)
        if isinstance(hints, LayoutHints):
            return profile, hints
    return None


def _profile_findings(
    path: Path,
    grids: Sequence[Grid],
    layouts: Sequence[tuple[Profile, LayoutHints] | None],
    profiles: tuple[Profile, ...],
) -> Iterator[Finding]:
    """Which profile read which sheet; a profile the sidecar names that fits no sheet, and why."""
    used: set[str] = set()
    for grid, layout in zip(grids, layouts, strict=True):
        if layout is not None:
            profile, hints = layout
            used.add(profile.name)
            where = grid.ref(hints.header_row or 0, 0)
            yield kinds.PROFILE_USED.finding(where, sheet=grid.sheet, profile=profile.name, path=profile.path)
    for profile in profiles:
        if profile.required and profile.name not in used:
            yield kinds.PROFILE_MISMATCH.finding(path.name, profile=profile.name, reason=_mismatch(profile, grids))


def _mismatch(profile: Profile, grids: Sequence[Grid]) -> str:
    """Why the profile fits none of the sheets, told for the first sheet it may read."""
    key = match_key(profile.sheet or "")
    target = next((grid for grid in grids if not key or match_key(grid.sheet) == key), None)
    if target is None:
        return f"the workbook has no sheet '{profile.sheet}'" if profile.sheet else "the workbook has no sheet"
    found = match(profile, target.sheet, target.rows)
    return found.reason if isinstance(found, Mismatch) else f"sheet '{target.sheet}' was read otherwise"


def _fiche_sheets(grids: Sequence[Grid]) -> tuple[tuple[RawAction, ...], tuple[Finding, ...]] | None:
    """One fiche action per sheet ("Intitulé | ...", "Pilote | ..." rows), read by ingest/fiches.py."""
    actions: list[RawAction] = []
    findings: list[Finding] = []
    for grid in grids:
        pieces = (
            fiches.Piece(
                " | ".join(v for v in values if v),
                grid.ref(row, 0),
                values,
                tuple(grid.ref(row, col) for col in range(len(values))),
            )
            for row, values in enumerate(grid.rows)
        )
        reading = fiches.read(pieces)
        findings.extend(_offset(f, len(actions)) for f in reading.findings)
        actions.extend(reading.actions)
    return (tuple(actions), tuple(findings)) if actions else None


# --- reading the workbook -------------------------------------------------------------

# Detected format -> the extensions for which calamine picks the reader of that format.
_SUFFIXES = {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls",), "xlsb": (".xlsb",), "ods": (".ods",)}
# SyntaxError covers the XML parsers' ParseError (malformed or refused XML).
_READ_ERRORS = (
    python_calamine.CalamineError,
    zipfile.BadZipFile,
    zlib.error,  # a damaged deflate stream
    NotImplementedError,  # a zip compression method Python does not have
    KeyError,
    ValueError,
    TypeError,
    OSError,
    EOFError,
    SyntaxError,
)


def _read_workbook(path: Path, fmt: str, limits: Limits) -> list[Grid]:
    """Every sheet as a grid, read by calamine; for xlsx the sheet XML is first checked for size."""
    try:
        data = path.read_bytes()
        layouts = _xlsx_layouts(data) if fmt == "xlsx" else {}
        workbook = _open(path, fmt, data)
    except _READ_ERRORS as error:
        raise ExtractError(path.name, f"cannot open the workbook ({type(error).__name__}: {error})") from error
    except BaseException as error:
        if not _is_panic(error):
            raise
        raise _panic(path.name, "", error) from error
    with workbook:
        return [
            _read_sheet(path, fmt, workbook, index, meta, layouts.get(meta.name), limits)
            for index, meta in enumerate(workbook.sheets_metadata)
        ]


def _read_sheet(
    path: Path,
    fmt: str,
    workbook: python_calamine.CalamineWorkbook,
    index: int,
    meta: python_calamine.SheetMetadata,
    layout: _SheetLayout | None,
    limits: Limits,
) -> Grid:
    name = meta.name
    if fmt == "xlsx":
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            return _grid(name, [], [], frozenset())  # a chart or macro sheet: no cells to read
        if layout is None:
            raise ExtractError(path.name, f"cannot open the workbook (sheet '{name}' has no worksheet part)")
        # Before calamine builds the sheet: its grid spans every cell the XML places.
        _check_size(path, name, layout.rows, layout.columns, limits)
    try:
        sheet = workbook.get_sheet_by_index(index)
        end = sheet.end or (-1, -1)
        _check_size(path, name, end[0] + 1, end[1] + 1, limits)  # .xls, .xlsb, .ods: known once loaded
        cells = sheet.to_python(skip_empty_area=False)
        merges = [(top, left, bottom, right) for (top, left), (bottom, right) in sheet.merged_cell_ranges or []]
    except _READ_ERRORS as error:
        if fmt == "xlsx":  # as with openpyxl: a damaged sheet fails the workbook
            raise ExtractError(path.name, f"cannot read sheet '{name}' ({type(error).__name__}: {error})") from error
        return _grid(name, [], [], frozenset())  # a chart sheet, or damaged: no cells
    except BaseException as error:
        if not _is_panic(error):
            raise
        raise _panic(path.name, name, error) from error
    rows = [[value if value.__class__ is str else _text(value) for value in row] for row in cells]
    if layout is None:
        return _grid(name, rows, merges, frozenset())
    _restore_errors(rows, layout.errors)
    return _grid(name, rows, merges, layout.hidden_columns)


def _open(path: Path, fmt: str, data: bytes) -> python_calamine.CalamineWorkbook:
    """calamine picks its reader by a path's extension (which may lie) and cannot open a path
    that is not UTF-8; from bytes it tries every reader and, if all fail, says only "Cannot
    detect file format". So: the path when its extension is right, else the bytes."""
    if path.suffix.lower() in _SUFFIXES.get(fmt, ()) and printable(str(path)) == str(path):
        return python_calamine.CalamineWorkbook.from_path(path)
    return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))


def _is_panic(error: BaseException) -> bool:
    """calamine's Rust panics arrive as pyo3's PanicException, a BaseException (not importable)."""
    return type(error).__name__ == "PanicException"


def _panic(file_name: str, sheet: str, error: BaseException) -> ExtractError:
    where = f", sheet '{sheet}'" if sheet else ""
    message = str(error).splitlines()[0] if str(error).strip() else "no message"
    return ExtractError(file_name, f"the spreadsheet reader failed{where} (calamine panic: {message})")


def _check_size(path: Path, sheet: str, rows: int, columns: int, limits: Limits) -> None:
    if rows > limits.max_rows:
        raise exceeded(f"{path.name}, sheet '{sheet}'", f"{rows} rows", limits, "max_rows")
    if columns > limits.max_columns:
        raise exceeded(f"{path.name}, sheet '{sheet}'", f"{columns} columns", limits, "max_columns")


@dataclass(frozen=True)
class _SheetLayout:
    """What calamine does not say about an xlsx sheet, read from its XML before calamine loads it."""

    rows: int
    columns: int
    hidden_columns: frozenset[int]
    errors: dict[tuple[int, int], str]  # (row, col) -> "#N/A", ...: calamine gives error cells as ""


_MAX_XLSX_COLUMN = 16_384  # XFD
# calamine places a cell by its r="B12" (any case, either quote), else after the previous
# cell, on the row given by the row's r, else after the previous row.
# A cell's opening tag and its attributes; a self-closed one (`<c r="K9" s="3"/>`, a style
# without a value, as some writers put on every cell of the sheet) places nothing for calamine.
_CELL_OPEN = re.compile(rb"<(?:[\w.-]+:)?c(?=[\s/>])([^>]*)>")
_ROW_OR_CELL = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)")
_R_ATTR = re.compile(rb"\br\s*=\s*[\"']([A-Za-z]{0,9})([0-9]{1,12})")
_ERROR_CELL = re.compile(rb'<c\s[^>]*?\bt="e"[^>]*(?<!/)>.*?</c>', re.DOTALL)
_ERROR_PARTS = re.compile(rb'\br="([A-Z]{1,9})([0-9]{1,12})".*?<v>([^<]*)</v>', re.DOTALL)


def _xlsx_layouts(data: bytes) -> dict[str, _SheetLayout]:
    """Sheet name -> its extent (from the references of its cells), hidden columns and error cells.

    Sheets are found as calamine finds them: `<sheet name r:id>` of xl/workbook.xml, then the
    target of that relationship in xl/_rels/workbook.xml.rels. Names are matched without their
    namespace (transitional and strict files)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: _sheet_layout(archive.read(part)) for name, part in _sheet_parts(archive).items()}


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the archive."""
    names = set(archive.namelist())
    rels = defused_et.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter() if _local(rel.tag) == "Relationship"}
    parts = {}
    for sheet in defused_et.fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(sheet.tag) != "sheet":
            continue
        rel_id = next((value for key, value in sheet.attrib.items() if _local(key) == "id"), None)
        target = targets.get(rel_id, "")
        part = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if target and part in names:
            parts[sheet.get("name", "")] = part
    return parts


# --- cell fills (xlsx), read only for period columns without text marks -----------------------

_CELL_ATTRIBUTES = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*)>")
_S_ATTR = re.compile(rb"\bs\s*=\s*[\"'](\d{1,6})")


CellStyles = tuple[Mapping[tuple[int, int], str], frozenset[tuple[int, int]]]  # fills, bold cells


def _style_reader(path: Path) -> Callable[[str], CellStyles]:
    """sheet name -> ((row, col) -> fill colour of its filled cells, its bold cells); empty when unreadable."""

    def read(sheet: str) -> CellStyles:
        try:
            with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
                part = _sheet_parts(archive).get(sheet)
                if part is None or "xl/styles.xml" not in archive.namelist():
                    return {}, frozenset()
                fills, bold = _styles(archive.read("xl/styles.xml"))
                return _cell_styles(archive.read(part), fills, bold) if fills or bold else ({}, frozenset())
        except _READ_ERRORS:
            return {}, frozenset()

    return read


def _children(parent: object, name: str) -> list[defused_et.Element]:
    return [e for e in (parent or []) if _local(e.tag) == name]  # type: ignore[attr-defined]


def _styles(xml: bytes) -> tuple[dict[int, str], frozenset[int]]:
    """Cell style index (`s=`) -> its fill colour ("FFFFC000", "theme4:0", "indexed13"), for the
    filled styles; and the bold styles."""
    root = defused_et.fromstring(xml)
    section = {_local(e.tag): e for e in root}
    colours: list[str | None] = []
    for fill in _children(section.get("fills"), "fill"):
        pattern = next(iter(_children(fill, "patternFill")), None)
        colour = None
        if pattern is not None and pattern.get("patternType", "none") not in {"none", "gray125"}:
            fg = next(iter(_children(pattern, "fgColor")), None)
            if fg is not None:
                colour = fg.get("rgb") or (f"theme{fg.get('theme')}:{fg.get('tint', '0')}" if fg.get("theme") else None)
                colour = colour or (f"indexed{fg.get('indexed')}" if fg.get("indexed") else None)
        colours.append(colour)
    bold_fonts = {
        index
        for index, font in enumerate(_children(section.get("fonts"), "font"))
        if any(b.get("val", "1").lower() not in {"0", "false"} for b in _children(font, "b"))
    }
    fills: dict[int, str] = {}
    bold: set[int] = set()
    for index, xf in enumerate(_children(section.get("cellXfs"), "xf")):
        fill_id, font_id = int(xf.get("fillId", "0") or 0), int(xf.get("fontId", "0") or 0)
        if fill_id < len(colours) and colours[fill_id]:
            fills[index] = str(colours[fill_id])
        if font_id in bold_fonts:
            bold.add(index)
    return fills, frozenset(bold)


def _cell_styles(xml: bytes, fills: dict[int, str], bold: frozenset[int]) -> CellStyles:
    filled: dict[tuple[int, int], str] = {}
    bolded: set[tuple[int, int]] = set()
    for attributes in _CELL_ATTRIBUTES.findall(xml):
        style, ref = _S_ATTR.search(attributes), _R_ATTR.search(attributes)
        if style is None or ref is None or not ref.group(1):
            continue
        index = int(style.group(1))
        cell = int(ref.group(2)) - 1, _column_number(ref.group(1).upper()) - 1
        if index in fills:
            filled[cell] = fills[index]
        if index in bold:
            bolded.add(cell)
    return filled, frozenset(bolded)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_layout(xml: bytes) -> _SheetLayout:
    valued = [attributes for attributes in _CELL_OPEN.findall(xml) if not attributes.endswith(b"/")]
    refs = [ref.groups() for ref in map(_R_ATTR.search, valued) if ref is not None and ref.group(1)]
    if len(refs) == len(valued):
        letters, digits = (set(part) for part in zip(*refs, strict=True)) if refs else (set(), set())
        rows = max(map(int, digits), default=0)
        # Longer letters are further right; among equal lengths, alphabetical order is column order.
        last = max((text.upper() for text in letters), key=lambda text: (len(text), text), default=b"")
        columns = _column_number(last)
    else:
        rows, columns = _positional_extent(xml)
    return _SheetLayout(rows, columns, _hidden_column_indexes(xml), _error_cells(xml))


def _positional_extent(xml: bytes) -> tuple[int, int]:
    """Rows and columns of a sheet where some cells have no r="B12" (rare): follow them in order."""
    rows = columns = row = col = 0
    for tag, attributes in _ROW_OR_CELL.findall(xml):
        ref = _R_ATTR.search(attributes)
        if tag == b"row":
            row, col = (int(ref.group(2)) if ref else row + 1), 0
        elif ref and ref.group(1):
            row, col = int(ref.group(2)), _column_number(ref.group(1).upper())
        else:
            col += 1
        rows, columns = max(rows, row), max(columns, col)
    return rows, columns


def _column_number(letters: bytes) -> int:
    return column_index_from_string(letters.decode()) if len(letters) <= 3 else _MAX_XLSX_COLUMN + 1


def _hidden_column_indexes(xml: bytes) -> frozenset[int]:
    """0-based columns of `<cols><col min max hidden="1">`, which come before `<sheetData>`."""
    hidden: set[int] = set()
    head = xml[: xml.find(b"sheetData")]
    if b"hidden" not in head:
        return frozenset()  # most sheets: nothing to parse
    for _, element in defused_et.iterparse(_SmallReads(xml), events=("start",)):
        tag = _local(element.tag)
        if tag == "sheetData":
            break
        if tag == "col" and element.get("hidden", "").lower() in {"1", "true"}:
            low = int(element.get("min", "1"))
            high = min(int(element.get("max", str(low))), _MAX_XLSX_COLUMN)
            hidden.update(range(max(low, 1) - 1, high))
    return frozenset(hidden)


class _SmallReads(io.BytesIO):
    """iterparse reads 16 KiB at a time and parses all of it: read less, to stop soon after `<sheetData>`."""

    def read(self, size: int | None = -1) -> bytes:
        return super().read(2048 if size is None or size < 0 else min(size, 2048))


def _error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Cells typed as errors (#N/A, #REF!...), which calamine gives as empty cells."""
    if b't="e"' not in xml:
        return {}
    found = {}
    for cell in _ERROR_CELL.findall(xml):
        parts = _ERROR_PARTS.search(cell)
        if parts is not None and len(parts.group(1)) <= 3:
            col = column_index_from_string(parts.group(1).decode()) - 1
            found[(int(parts.group(2)) - 1, col)] = parts.group(3).decode("utf-8", "replace")
    return found


def _restore_errors(rows: list[list[str]], errors: dict[tuple[int, int], str]) -> None:
    for (row, col), text in errors.items():
        if row < len(rows) and col < len(rows[row]) and not rows[row][col]:
            rows[row][col] = text


def _grid(title: str, rows: list[list[str]], merges: list[tuple[int, int, int, int]], hidden: frozenset[int]) -> Grid:
    """`merges` are (top row, left column, bottom row, right column), 0-based."""
    inherited: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], int] = {}
    # A merged range holds its value in the top-left cell only; spread it down the first
    # column (spreading across columns would copy a title into every column).
    for top, col, bottom, right in merges:
        if top >= len(rows) or col >= len(rows[top]):
            continue
        if right > col:
            spans[top, col] = right - col + 1
        for row in range(top + 1, min(bottom + 1, len(rows))):
            if col < len(rows[row]) and not rows[row][col]:
                rows[row][col] = rows[top][col]
                inherited.add((row, col))
    return Grid(title, tuple(tuple(r) for r in rows), frozenset(inherited), hidden, spans)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def column_index_from_string(letters: str) -> int:
    """ "A" -> 1, "AB" -> 28."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index


# --- one sheet ------------------------------------------------------------------------


def _parse_sheet(
    grid: Grid, hints: LayoutHints | None = None, styles_of: Callable[[str], CellStyles] | None = None
) -> _SheetResult | None:
    layout = interpret(grid, hints)
    if layout is None:
        return None
    if layout.wants_styles and styles_of is not None:
        # Period columns without a text mark (fills may mark them), or a lone text in the label
        # column (bold or filled, a heading): styles are read only then, to keep the common case fast.
        fills, bold = styles_of(grid.sheet)
        if fills or bold:
            grid = with_styles(grid, fills, bold)
            layout = interpret(grid, hints) or layout
    header = layout.header
    result = _SheetResult()
    result.findings.extend(layout.findings)
    _read_preamble(grid, header, layout.header_rows, result)
    aligned = [(row, *_realign(grid, row, header)) for row in _data_rows(grid, layout, result)]
    result.data_rows = len(aligned)
    periods = _complete_periods(grid, header, [values for _, values, _, _ in aligned], result)
    sheet_axis = _sheet_axis(grid, header)
    for row, values, origin, repair in aligned:
        context = _band_context(layout, row)
        action = _action(grid, layout, periods, row, values, origin, sheet_axis, context, result)
        if repair is not None:
            index = len(result.actions) if action is not None else None
            result.findings.append(replace(repair, action=index))
        if action is not None:
            result.actions.append(action)
    result.findings.extend(_hidden_column_findings(grid, header))
    return result


def _band_context(layout: Layout, row: int) -> dict[str, Cell]:
    """The hierarchy the band rows above `row` set: a band clears the levels below its own."""
    context: dict[str, Cell] = {}
    for band_row in sorted(layout.bands):
        if band_row > row:
            break
        name, cell = layout.bands[band_row]
        level = HIERARCHY_FIELDS.index(name)
        for lower in HIERARCHY_FIELDS[level:]:
            context.pop(lower, None)
        context[name] = cell
    return context


def _nonempty(values: Sequence[str]) -> list[int]:
    return [col for col, value in enumerate(values) if value.strip()]


def _read_preamble(grid: Grid, header: Header, header_rows: Sequence[int], result: _SheetResult) -> None:
    """Rows above the header (and not part of it): title, version label, stated counts."""
    for row in range(min(header_rows)):
        values = grid.rows[row]
        cols = _nonempty(values)
        if not cols:
            continue
        if _is_count_row(values):
            result.counts.extend(_stated_counts(grid, header, row))
            continue
        text = clean(values[cols[0]])
        version = period_rules.VERSION_PATTERN.match(match_key(text))
        if version:
            value = clean(text.split(":", 1)[1]) if ":" in text else ""
            result.version_label = result.version_label or (value or None)
        elif result.title is None:
            result.title = text
        else:
            result.subtitles.append(text)


def _is_count_row(values: Sequence[str]) -> bool:
    cols = _nonempty(values)
    return bool(cols) and match_key(values[cols[0]]) in rules.COUNT_LABELS


def _stated_counts(grid: Grid, header: Header, row: int) -> Iterator[StatedCount]:
    values = grid.rows[row]
    label_col = header.fields["label"]
    for col, value in enumerate(values):
        if not value.strip().isdigit():
            continue
        if col == label_col:
            yield StatedCount("actions", int(value), grid.ref(row, col))
        elif col in header.periods:
            yield StatedCount(period_name(header.periods[col]), int(value), grid.ref(row, col))


def _data_rows(grid: Grid, layout: Layout, result: _SheetResult) -> Iterator[int]:
    """Rows below the header that may hold actions; skipped blocks become findings."""
    header = layout.header
    title_key = match_key(result.title or "")
    skipped: list[tuple[int, str]] = []
    for row in range(header.row + 1, len(grid.rows)):
        values = grid.rows[row]
        cols = [col for col in _nonempty(values) if (row, col) not in grid.inherited]
        if not cols or row in layout.bands:
            continue  # empty, only the continuation of merged cells, or a band heading
        if row in layout.not_actions:
            result.findings.append(template_row(grid.ref(row, cols[0]), None, layout.not_actions[row]))
            continue
        kind = _skipped_kind(values, cols, title_key, header.fields["label"])
        if kind is not None:
            skipped.append((row, kind))
            continue
        if skipped:
            result.findings.append(_skipped_block(grid, skipped))
            skipped = []
        yield row
    if skipped:
        result.findings.append(_skipped_block(grid, skipped))


def _skipped_kind(values: Sequence[str], cols: list[int], title_key: str, label: int) -> str | None:
    # A header again (a page's repeat, a second table): its label column names a field too; a
    # row whose cells merely contain header words ("Action" as a type, "Responsable RH") is data.
    if header_of(0, values) is not None and label < len(values) and role_of(match_key(values[label])) is not None:
        return "header"
    if _is_count_row(values):
        return "count"
    first = match_key(values[cols[0]])
    if len(cols) == 1 and (first == title_key or period_rules.VERSION_PATTERN.match(first)):
        return "title"
    return None


def _skipped_block(grid: Grid, skipped: list[tuple[int, str]]) -> Finding:
    first, last = skipped[0][0] + 1, skipped[-1][0] + 1
    sorts = sorted({sort for _, sort in skipped})
    where = f"{_quote_sheet(grid.sheet)}!{first}:{last}"
    rows = Words(f"rows {first}-{last}", f"les lignes {first} à {last}")
    named = Words(", ".join(sorts), ", ".join(table_rules.SKIPPED_ROWS_FR[sort] for sort in sorts))
    if "header" in sorts:
        what = Words(f"{named.en} rows", f"les lignes {named.fr}")
        return kinds.REPEATED_HEADER.finding(where, rows=rows, repeat=Words("repeat", "répètent"), what=what)
    holds = Words(f"hold {named.en} rows, not actions", f"sont des lignes {named.fr}, pas des actions")
    return kinds.NOTE_ROW.finding(where, rows=rows, holds=holds)


# --- re-aligning shifted rows ---------------------------------------------------------


def _realign(grid: Grid, row: int, header: Header) -> tuple[list[str], list[int], Finding | None]:
    """Return the row's values moved back under the header, and each value's source column.

    The action code is the anchor: the rightmost code-like cell near the code column. The
    label is the first non-empty cell after it; the distance between that cell and the
    label column is the shift of the whole action part (label, pilot, ..., marks).
    """
    values = list(grid.rows[row])
    origin = list(range(len(values)))
    code_col = header.fields.get("action_code")
    label_col = header.fields["label"]
    if code_col is None:
        return values, origin, None
    limit = min(len(values), label_col + rules.MAX_SHIFT + 1)
    codes = [c for c in range(limit) if (row, c) not in grid.inherited and rules.CODE_PATTERN.match(values[c].strip())]
    if not codes or codes[-1] == code_col:
        return values, origin, None
    anchor = codes[-1]
    code = values[anchor].strip()
    # Cells spread from a merge above are not part of this row's own (possibly shifted) text.
    own = [value if (row, col) not in grid.inherited else "" for col, value in enumerate(values)]
    label_at = next((c for c in range(anchor + 1, len(values)) if own[c].strip()), None)
    shift = 0 if label_at is None else label_at - label_col
    width = len(values) + max(0, -shift)
    moved, moved_origin = [""] * width, [-1] * width
    first_action_col = min(code_col, label_col)
    for col in range(anchor):
        value = values[col]
        if not value.strip() or value.strip() == code:
            continue  # the same code written twice is one code
        inherited = (row, col) in grid.inherited
        target = col - shift if col >= first_action_col and shift > 0 and not inherited else col
        if target >= first_action_col or moved[target]:
            target = col
        moved[target], moved_origin[target] = value, col
    moved[code_col], moved_origin[code_col] = code, anchor
    if label_at is not None:
        for col in range(label_at, len(values)):
            if values[col]:
                moved[col - shift], moved_origin[col - shift] = values[col], col
    letter = get_column_letter
    if shift:
        direction = Words("right", "vers la droite") if shift > 0 else Words("left", "vers la gauche")
        realigned = kinds.REALIGNED_ROW.finding(
            grid.ref(row, anchor),
            code=code,
            shift=abs(shift),
            direction=direction,
            code_column=letter(anchor + 1),
            label_column=letter(label_at + 1 if label_at is not None else 0),
        )
        return moved, moved_origin, realigned
    found, expected = letter(anchor + 1), letter(code_col + 1)
    return (
        moved,
        moved_origin,
        kinds.MISPLACED_CODE.finding(grid.ref(row, anchor), code=code, found=found, expected=expected),
    )


# --- periods --------------------------------------------------------------------------


def _complete_periods(grid: Grid, header: Header, rows: list[list[str]], result: _SheetResult) -> dict[int, PeriodKey]:
    """Header periods, plus unlabelled columns right after them that hold marks."""
    periods = dict(header.periods)
    if not periods:
        return periods
    header_values = grid.rows[header.row]
    col = max(periods) + 1
    while True:
        named = col < len(header_values) and header_values[col].strip()
        marks = sum(1 for values in rows if col < len(values) and is_mark(values[col]))
        if named or not marks:
            return periods
        periods[col] = next_period(periods[col - 1])
        name = period_name(periods[col])
        result.findings.append(
            kinds.INFERRED_PERIOD_COLUMN.finding(
                grid.ref(header.row, col),
                column=get_column_letter(col + 1),
                marks=marks,
                period=name,
                previous=get_column_letter(col),
            )
        )
        col += 1


# --- one action -----------------------------------------------------------------------


def _sheet_axis(grid: Grid, header: Header) -> Cell | None:
    """When the header has no axis column, an "Axe ..." title or sheet name gives the axis."""
    if "axis" in header.fields:
        return None
    for row in range(header.row):
        for col in _nonempty(grid.rows[row]):
            if match_key(grid.rows[row][col]).startswith("axe"):
                return Cell(clean(grid.rows[row][col]), grid.ref(row, col), inherited=True)
    if match_key(grid.sheet).startswith("axe"):
        return Cell(grid.sheet, f"{_quote_sheet(grid.sheet)}!A1", inherited=True)
    return None


def _action(
    grid: Grid,
    layout: Layout,
    periods: dict[int, PeriodKey],
    row: int,
    values: list[str],
    origin: list[int],
    sheet_axis: Cell | None,
    context: dict[str, Cell],
    result: _SheetResult,
) -> RawAction | None:
    header = layout.header
    cells: dict[str, Cell] = {}
    for name, col in header.fields.items():
        if col < len(values) and values[col].strip():
            source_col = origin[col]
            inherited = (row, source_col) in grid.inherited
            cells[name] = Cell(values[col], grid.ref(row, source_col), inherited)
    status = cells.get("status")
    if status is not None and match_key(status.text) in layout.status_words:
        cells["status"] = Cell(layout.status_words[match_key(status.text)], status.ref, status.inherited)
    for name, cell in context.items():
        cells.setdefault(name, cell)
    if sheet_axis is not None:
        cells.setdefault("axis", sheet_axis)
    found: list[Period] = []
    for col, key in sorted(periods.items(), key=lambda item: item[0]):
        value = values[col] if col < len(values) else ""
        source = origin[col] if col < len(origin) else col  # a row shorter than the header: its own column
        if is_period_mark(value) or (row, source) in layout.marked:
            found.append(period_record(key, grid.ref(row, source)))
        elif value.strip():
            where = grid.ref(row, source)
            result.findings.append(
                kinds.UNKNOWN_MARK.finding(where, value=clean(value), period=period_name(key), examples="")
            )
    label = cells.get("label") or cells.get("action_code")
    location = label.ref if label else grid.ref(row, 0)
    meaningful = set(cells) - set(HIERARCHY_FIELDS)
    if not meaningful and not found and not any(cells.get(f) and not cells[f].inherited for f in HIERARCHY_FIELDS):
        texts = "; ".join(clean(v) for v in values if v.strip())
        holds = Words(f"holds no action: '{texts[:120]}'", f"ne contient aucune action : « {texts[:120]} »")
        result.findings.append(kinds.NOTE_ROW.finding(grid.ref(row, 0), rows=Words("row", "la ligne"), holds=holds))
        return None
    return RawAction(location, cells, tuple(found))


def _hidden_column_findings(grid: Grid, header: Header) -> Iterator[Finding]:
    for col in sorted(grid.hidden_columns):
        count = sum(1 for values in grid.rows[header.row + 1 :] if col < len(values) and values[col].strip())
        if count:
            yield kinds.HIDDEN_COLUMN.finding(grid.ref(header.row, col), column=get_column_letter(col + 1), count=count)


def _our_check_sheet(grid: Grid) -> bool:
    """The "À vérifier" sheet of a workbook we exported (`export/xlsx.py`)."""
    first: Sequence[str] = next((values for values in grid.rows if _nonempty(values)), [])
    header = tuple(match_key(value) for value in first[: len(rules.CHECK_SHEET_HEADER)])
    return match_key(grid.sheet) == rules.CHECK_SHEET_NAME and header == rules.CHECK_SHEET_HEADER


def _metadata_sheet(grid: Grid) -> dict[str, str]:
    """A "Champ | Valeur" sheet (as `plans export` writes it): field name -> value."""
    found: dict[str, str] = {}
    for values in grid.rows:
        cols = _nonempty(values)
        if len(cols) >= 2 and match_key(values[cols[0]]) in rules.METADATA_KEYS:
            found[rules.METADATA_KEYS[match_key(values[cols[0]])]] = clean(values[cols[1]])
    return found


def _metadata(first: _SheetResult, described: dict[str, str]) -> Metadata:
    period = YEAR_RANGE.search(described.get("period", ""))
    organization = described.get("organization")
    return Metadata(
        title=described.get("title") or first.title,
        organization=organization,
        organization_source="sheet" if organization else None,
        organization_clues=tuple(Clue("subtitle", text) for text in first.subtitles),
        plan_kind=described.get("plan_kind"),
        period_start=int(period.group("start")) if period else None,
        period_end=int(period.group("end") or period.group("start")) if period else None,
        version_label=described.get("version_label") or first.version_label,
    )


def _skipped_sheet(grid: Grid) -> Iterator[Finding]:
    filled = sum(1 for values in grid.rows if _nonempty(values))
    if filled:
        yield kinds.SHEET_WITHOUT_HEADER.finding(f"{_quote_sheet(grid.sheet)}!A1", sheet=grid.sheet, rows=filled)


def _offset(finding: Finding, offset: int) -> Finding:
    if finding.action is None:
        return finding
    return replace(finding, action=finding.action + offset)
