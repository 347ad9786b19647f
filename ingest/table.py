"""One table interpreter for every grid-shaped source (Excel sheets today).

Input: a `Grid` of cell texts with what the source says about their style (merged spans,
fills). Output: a `Layout`: the header row(s), the column roles, the band rows (one text
across the table: an axis or objective heading) and the rows that are not actions (a
template's field types or instructions), plus findings.

The header is the first row naming at least three fields with a label (`headers.header_of`,
today's rule, kept for the known layouts); otherwise the first row of short texts of which
two name a role or may name the label. Each column then gets a role from its header words and
from what its cells hold: the label column is the one whose cells read as actions, never one
of true/false or field types. A `LayoutHints` (a mapping profile) overrides the guesses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from core import findings as kinds
from core import period_rules
from core.findings import Words
from core.periods import PeriodKey, anchor_periods, is_relative, period_of, years_in
from core.records import HIERARCHY_FIELDS, Cell, Finding, LayoutHints
from core.text import clean, match_key, reads_as_text
from ingest import rules, table_rules
from ingest.headers import Header, field_of, group_years, header_of, is_mark, month_initials, named_columns

_NO_STYLE: Mapping[tuple[int, int], int] = {}
_NO_FILLS: Mapping[tuple[int, int], str] = {}


@dataclass(frozen=True)
class Grid:
    """A sheet (or table) as texts. `inherited` holds the (row, col) filled from a merged cell
    above; `spans` the number of columns a merged cell covers (when more than one); `fills` the
    RGB of filled cells, when the source was read for them. `refs` names a cell the source's
    way (a Word table's "table 2, row 3, cell 1"); else as a spreadsheet cell ("Plan!B3")."""

    sheet: str
    rows: tuple[tuple[str, ...], ...]
    inherited: frozenset[tuple[int, int]]
    hidden_columns: frozenset[int]
    spans: Mapping[tuple[int, int], int] = field(default_factory=lambda: _NO_STYLE)
    fills: Mapping[tuple[int, int], str] = field(default_factory=lambda: _NO_FILLS)
    refs: Callable[[int, int], str] | None = None
    bold: frozenset[tuple[int, int]] = frozenset()

    def ref(self, row: int, col: int) -> str:
        if self.refs is not None:
            return self.refs(row, col)
        return f"{quote_sheet(self.sheet)}!{get_column_letter(col + 1)}{row + 1}"


@dataclass(frozen=True)
class Layout:
    """How to read a grid: the header (its `row` is the last header row), its rows, the band
    rows (row -> the hierarchy field and cell they set below them), the rows that hold no
    action (row -> why), the cells whose fill marks a period, and findings."""

    header: Header
    header_rows: tuple[int, ...]
    bands: Mapping[int, tuple[str, Cell]]
    not_actions: Mapping[int, str]
    marked: frozenset[tuple[int, int]]
    findings: tuple[Finding, ...]
    wants_styles: bool  # fills may mark periods, or bold/fill may make a lone label a heading
    status_words: Mapping[str, str]
    guessed_header: bool  # the header was guessed (no row named a label and three fields)


def interpret(
    grid: Grid, hints: LayoutHints | None = None, search_rows: int = rules.HEADER_SEARCH_ROWS
) -> Layout | None:
    """The layout of `grid`, or None when no row of the first `search_rows` reads as a header."""
    if hints is not None and hints.sheet not in (None, grid.sheet):
        hints = None
    found = _header(grid, hints, search_rows)
    if found is None:
        return None
    header, header_rows, by_synonym = found
    header_rows = _with_group_row(grid, header_rows)
    not_actions = dict(_template_rows(grid, header))
    data = [row for row in range(header.row + 1, min(len(grid.rows), header.row + 1 + table_rules.PROFILE_ROWS))]
    profiles = _Profiles(grid, tuple(r for r in data if r not in not_actions))
    texts = _header_texts(grid, header_rows)
    fields, guessed = _roles(texts, header, profiles, by_synonym, hints)
    if "label" not in fields:
        return None
    guessed_header = header_of(header.row, grid.rows[header.row]) is None and not (hints and hints.columns)
    if guessed_header and profiles[fields["label"]].actions == 0:
        return None  # a guessed header over cells none of which reads as an action
    periods, unanchored = _anchored(grid, header_rows, header.periods)
    header = Header(header.row, fields, periods)
    findings: list[Finding] = list(unanchored)
    if guessed:
        findings.append(_guessed_finding(grid, header))
    lone = _lone_cells(grid, header.row + 1, not_actions)
    bands = dict(_bands(grid, header, texts, lone))
    marked, wants_fills = _fill_marks(grid, header, hints)
    label = fields["label"]
    lone_label = any(col == label and row not in bands for row, col in lone.items())
    wants_styles = wants_fills or (not grid.fills and not grid.bold and lone_label)
    status_words = {match_key(k): v for k, v in hints.status_words.items()} if hints else {}
    return Layout(
        header, header_rows, bands, not_actions, marked, tuple(findings), wants_styles, status_words, guessed_header
    )


def is_period_mark(value: str) -> bool:
    """A cell under a period header that says "planned then": a mark, or a date."""
    return bool(value) and _is_period_mark(value)


@lru_cache(maxsize=4096)
def _is_period_mark(value: str) -> bool:
    key = match_key(value)
    return is_mark(value) or key in table_rules.EXTRA_MARKS or bool(table_rules.DATE.match(key))


# --- the header -----------------------------------------------------------------------


def _header(grid: Grid, hints: LayoutHints | None, search_rows: int) -> tuple[Header, tuple[int, ...], bool] | None:
    """The header, its rows, and whether its label column was named by a header synonym."""
    if hints is not None and hints.header_row is not None and hints.header_row < len(grid.rows):
        row = hints.header_row
        fields, periods = _named(grid.rows[row])
        return Header(row, fields, periods), (row,), "label" in fields
    for row in range(min(len(grid.rows), search_rows)):
        header = header_of(row, grid.rows[row])
        if header is not None:
            # Today's header, plus the columns only the interpreter's words name ("Date de début").
            fields, _ = _named(grid.rows[row])
            taken = set(header.fields.values())
            extra = {name: col for name, col in fields.items() if name not in header.fields and col not in taken}
            periods = {**header.periods, **header.relative_periods}  # anchored once the header rows are known
            fields = {**header.fields, **extra}
            rows = _period_rows(grid, row, fields.get("label"))
            if rows:  # "Calendrier" over a year row over "S1 | S2": the lowest row names the periods
                periods = _named(grid.rows[rows[-1]])[1]
                fields = {name: col for name, col in fields.items() if col not in periods}
            return Header(rows[-1] if rows else row, fields, periods), (row, *rows), True
    for row in range(min(len(grid.rows), search_rows)):
        guessed = _guessed_header(grid, row)
        if guessed is not None:
            return guessed
    return None


def _period_rows(grid: Grid, row: int, label: int | None) -> tuple[int, ...]:
    """Rows right under a header that only name periods, none in its label column (a year row,
    then a row of semesters, quarters or months): sub-headers of a group header, not data."""
    found: list[int] = []
    for sub in range(row + 1, min(len(grid.rows), row + 3)):
        cols = [c for c, v in enumerate(grid.rows[sub]) if v.strip() and (sub, c) not in grid.inherited]
        if not cols or label in cols or any(period_of(match_key(grid.rows[sub][c])) is None for c in cols):
            break
        found.append(sub)
    return tuple(found)


def _named(values: Sequence[str]) -> tuple[dict[str, int], dict[int, PeriodKey]]:
    """Fields and periods a header row names (interpreter words first, then HEADER_SYNONYMS)."""
    fields, periods = named_columns(values, role_of)
    initials = month_initials(values)
    for name, col in list(fields.items()):
        if col in initials:
            del fields[name]
    return fields, {**periods, **initials}


@lru_cache(maxsize=4096)
def role_of(key: str) -> str | None:
    """The role a header (match key) names: an interpreter word, else a header synonym."""
    best: tuple[int, str] | None = None
    for name, words in table_rules.HEADER_WORDS.items():
        for word in words:
            exact = key == word
            prefix = len(key) > len(word) and key.startswith(word) and not key[len(word)].isalnum()
            if (exact or prefix) and (best is None or len(word) + 1000 * exact > best[0]):
                best = (len(word) + 1000 * exact, name)
    return best[1] if best else field_of(key)


def _may_be_label(key: str) -> bool:
    return key in table_rules.WEAK_LABEL_WORDS or any(word in key for word in table_rules.ACTION_WORDS)


def _guessed_header(grid: Grid, row: int) -> tuple[Header, tuple[int, ...], bool] | None:
    """A row of short texts, two of which name a role (or may name the label), above data."""
    values = grid.rows[row]
    cols = [c for c, v in enumerate(values) if v.strip() and (row, c) not in grid.inherited]
    if len(cols) < table_rules.MIN_GUESSED_HEADER_CELLS:
        return None
    if any(len(values[c]) > table_rules.MAX_HEADER_CELL or _is_value(values[c]) for c in cols):
        return None
    fields, periods = _named(values)
    weak = [c for c in cols if _may_be_label(match_key(values[c])) and c not in fields.values()]
    if len(fields) + (1 if periods else 0) + (1 if weak else 0) < table_rules.MIN_GUESSED_HEADER_CELLS:
        return None
    header_rows: tuple[int, ...] = (row,)
    sub = row + 1
    rows = _period_rows(grid, row, fields.get("label", weak[0] if weak else None))
    if rows:  # a group header over a year row over "S1 | S2": the lowest row names the periods
        periods = _named(grid.rows[rows[-1]])[1]
        fields = {name: col for name, col in fields.items() if col not in periods}
        header_rows = (row, *rows)
    elif sub < len(grid.rows):
        sub_fields, sub_periods = _named(grid.rows[sub])
        filled = sum(1 for v in grid.rows[sub] if v.strip())
        if sub_periods and filled == len(sub_periods) + len(sub_fields) and not sub_fields.keys() - fields.keys():
            # A group header over sub-headers ("Échéancier" over "2024 | 2025"): one header.
            for name, col in sub_fields.items():
                fields.setdefault(name, col)
            fields = {name: col for name, col in fields.items() if col not in sub_periods}
            periods.update(sub_periods)
            header_rows = (row, sub)
    if not _has_data_below(grid, header_rows[-1]):
        return None
    return Header(header_rows[-1], fields, periods), header_rows, "label" in fields


def _anchored(
    grid: Grid, header_rows: Sequence[int], periods: Mapping[int, PeriodKey]
) -> tuple[dict[int, PeriodKey], tuple[Finding, ...]]:
    """Period columns with their year: months, quarters or "Mois N" without one take it from a
    group row above them ("2024" over "janv. … déc."), else from the years the title or the
    sheet name give; columns still without a year are not read (`unanchored-period`)."""
    if not any(is_relative(key) for key in periods.values()):
        return dict(periods), ()
    top = header_rows[0]
    column_years: dict[int, int] = {}
    for row in (top - 1, *header_rows[:-1]):
        if row >= 0:
            column_years.update(group_years(grid.rows[row]))
    above = " ".join(value for row in range(top) for value in grid.rows[row] if value.strip())
    anchored = anchor_periods(periods, column_years, years_in(above) or years_in(grid.sheet))
    kept = {col: key for col, key in anchored.items() if not is_relative(key)}
    lost = sorted(col for col in anchored if col not in kept)
    if not lost:
        return kept, ()
    names = ", ".join(get_column_letter(col + 1) for col in lost)
    return kept, (kinds.UNANCHORED_PERIOD.finding(grid.ref(header_rows[-1], lost[0]), columns=names),)


def _with_group_row(grid: Grid, header_rows: tuple[int, ...]) -> tuple[int, ...]:
    """The row right above the header when it groups its columns ("Présentation | Acteurs"):
    several short texts, none a value. It is part of the header, not a title."""
    above = header_rows[0] - 1
    if above < 0:
        return header_rows
    texts = [v for v in grid.rows[above] if v.strip()]
    if len(texts) < 2 or any(_not_a_header_word(v) for v in texts):
        return header_rows
    return (above, *header_rows)


def _header_texts(grid: Grid, header_rows: Sequence[int]) -> tuple[str, ...]:
    """Each column's header text: that of the lowest header row naming it (a sub-header, else
    the group header over it)."""
    width = max((len(grid.rows[row]) for row in header_rows), default=0)
    texts = []
    for col in range(width):
        named = [
            grid.rows[row][col] for row in header_rows if col < len(grid.rows[row]) and grid.rows[row][col].strip()
        ]
        texts.append(named[-1] if named else "")
    return tuple(texts)


def _not_a_header_word(text: str) -> bool:
    versioned = period_rules.VERSION_PATTERN.match(match_key(text))
    return len(text) > table_rules.MAX_HEADER_CELL or _is_value(text) or versioned is not None


def _is_value(text: str) -> bool:
    key = match_key(text)
    return bool(table_rules.AMOUNT.match(key) or table_rules.DATE.match(key)) and period_of(key) is None


def _has_data_below(grid: Grid, row: int) -> bool:
    return any(sum(1 for v in values if v.strip()) >= 2 for values in grid.rows[row + 1 : row + 1 + 20])


def _width(grid: Grid) -> int:
    return max((len(values) for values in grid.rows), default=0)


# --- rows that are not actions ---------------------------------------------------------


def _template_rows(grid: Grid, header: Header) -> Iterator[tuple[int, str]]:
    """Rows of a template right under the header: field types ("Champ texte") or instructions."""
    for row in range(header.row + 1, min(len(grid.rows), header.row + 4)):
        texts = [match_key(v) for v in grid.rows[row] if v.strip()]
        if not texts:
            continue
        if _share(texts, lambda key: bool(table_rules.FIELD_TYPE.match(key))) >= table_rules.MAJORITY:
            yield row, "field types"
        elif _share(texts, lambda key: bool(table_rules.INSTRUCTION.match(key))) >= table_rules.MAJORITY:
            yield row, "instructions"
        else:
            return


def _share(texts: Sequence[str], test: object) -> float:
    assert callable(test)
    return sum(1 for text in texts if test(text)) / len(texts) if texts else 0.0


# --- what a column holds ---------------------------------------------------------------


@dataclass(frozen=True)
class _Profile:
    filled: int = 0
    actions: int = 0  # sentences that read as actions
    not_labels: int = 0  # true/false, field types
    amounts: int = 0
    dates: int = 0
    numbers: int = 0  # no words: a small number ("0.3", "12"), a code of digits, punctuation
    marks: int = 0
    names: int = 0  # a person or a service
    distinct: int = 0


class _Profiles(Mapping[int, _Profile]):
    """Column -> what its cells hold, read when first asked (most sheets need the label column only)."""

    def __init__(self, grid: Grid, rows: tuple[int, ...]) -> None:
        self._grid, self._rows, self._width = grid, rows, _width(grid)
        self._read: dict[int, _Profile] = {}

    def __getitem__(self, col: int) -> _Profile:
        if not 0 <= col < self._width:
            raise KeyError(col)
        if col not in self._read:
            self._read[col] = _profile(self._grid, col, self._rows)
        return self._read[col]

    def __iter__(self) -> Iterator[int]:
        return iter(range(self._width))

    def __len__(self) -> int:
        return self._width


def _profile(grid: Grid, col: int, rows: Sequence[int]) -> _Profile:
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for row in rows:
        values = grid.rows[row]
        if col >= len(values) or not values[col].strip() or (row, col) in grid.inherited:
            continue
        counts["filled"] += 1
        seen.add(values[col])
        counts[_kind(values[col])] += 1
    return _Profile(
        filled=counts["filled"],
        actions=counts["action"],
        not_labels=counts["not_label"],
        amounts=counts["amount"],
        dates=counts["date"],
        numbers=counts["number"],
        marks=counts["mark"],
        names=counts["name"],
        distinct=len(seen),
    )


@lru_cache(maxsize=8192)
def _kind(text: str) -> str:
    """What one cell holds: not_label, mark, date, amount, number, action, name, or other."""
    key = match_key(text)
    if key in table_rules.BOOLEANS or table_rules.FIELD_TYPE.match(key):
        return "not_label"
    if is_period_mark(text) and not table_rules.DATE.match(key):
        return "mark"
    if table_rules.DATE.match(key):
        return "date"
    if table_rules.AMOUNT.match(key):
        digits = "".join(ch for ch in key if ch.isdigit())
        return "amount" if ("€" in key or "eur" in key or int(digits or 0) >= table_rules.MIN_AMOUNT) else "number"
    if not reads_as_text(text):
        return "number"
    words = key.split()
    if _reads_as_action(words):
        return "action"
    if len(words) <= table_rules.MAX_NAME_WORDS and len(key) <= table_rules.MAX_NAME_LENGTH:
        return "name"
    return "other"


def _reads_as_action(words: Sequence[str]) -> bool:
    """An infinitive or a nominalisation first, then more words ("Recruter un éducateur")."""
    if len(words) < 2:
        return False
    first = words[0].strip("\"'«»()-–:;,.")
    if not first.isalpha() or first in table_rules.NOT_ACTION_FIRST_WORDS or len(first) < 4:
        return False
    return first.endswith(table_rules.INFINITIVE_ENDINGS) or first.endswith(table_rules.NOMINAL_ENDINGS)


def _majority(part: int, profile: _Profile) -> bool:
    return profile.filled > 0 and part / profile.filled >= table_rules.MAJORITY


def _not_a_label(profile: _Profile) -> bool:
    """Mostly true/false or field types, marks, or values that are no words (amounts, dates, numbers):
    never the label column."""
    values = profile.amounts + profile.dates + profile.numbers
    return any(_majority(part, profile) for part in (profile.not_labels, profile.marks, values))


# --- column roles ----------------------------------------------------------------------


def _roles(
    header_values: Sequence[str],
    header: Header,
    profiles: Mapping[int, _Profile],
    by_synonym: bool,
    hints: LayoutHints | None,
) -> tuple[dict[str, int], bool]:
    """Field -> column, and whether the label column was chosen from its cells."""
    fields = dict(header.fields)
    taken = set(fields.values()) | set(header.periods)
    for col, name in _content_roles(header_values, profiles, taken, fields):
        fields[name] = col
        taken.add(col)
    guessed = False
    label = fields.get("label")
    if label is None or _not_a_label(profiles.get(label, _Profile())):
        fields.pop("label", None)
        choice = _label_by_content(header_values, header, profiles, fields)
        if choice is not None:
            fields["label"] = choice
            guessed = True
    elif not by_synonym:
        guessed = True
    objective = _objective_column(header_values, profiles, fields, set(header.periods))
    if objective is not None:
        fields["operational_objective"] = objective
    if hints is not None and hints.columns:
        fields = {name: col for name, col in fields.items() if col not in hints.columns}
        fields.update({name: col for col, name in hints.columns.items()})
        guessed = False
    return fields, guessed


def _content_roles(
    header_values: Sequence[str], profiles: Mapping[int, _Profile], taken: set[int], fields: Mapping[str, int]
) -> Iterator[tuple[int, str]]:
    """Roles of the columns their header did not name: amounts, names, dates (headed columns only)."""
    given = set(fields)
    for col in range(min(len(header_values), len(profiles))):
        if col in taken or not header_values[col].strip() or _names_no_field(match_key(header_values[col])):
            continue
        profile = profiles[col]
        if _majority(profile.amounts, profile) and "budget" not in given:
            given.add("budget")
            yield col, "budget"
        elif _majority(profile.names, profile) and profile.actions == 0 and not given & {"pilot", "pilot_partners"}:
            given.add("pilot")  # short names of people or services under an unknown header
            yield col, "pilot"
        elif _majority(profile.dates, profile):
            name = next((n for n in ("deadline", "start_date", "end_date") if n not in given), None)
            if name is not None:
                given.add(name)
                yield col, name


def _names_no_field(key: str) -> bool:
    return any(key == w or (key.startswith(w) and not key[len(w)].isalnum()) for w in table_rules.NO_FIELD_WORDS)


def _objective_column(
    header_values: Sequence[str], profiles: Mapping[int, _Profile], fields: Mapping[str, int], periods: set[int]
) -> int | None:
    """An "Objectifs" column left of the label whose cells are texts (infinitives, "Renforcer le
    lien social", or nouns, "Lien social"): the objectives the actions serve ("Objectifs | Moyens")."""
    label = fields.get("label")
    if label is None or "operational_objective" in fields:
        return None
    taken = set(fields.values()) | periods
    for col in range(min(label, len(header_values))):
        key = match_key(header_values[col])
        profile = profiles[col]
        headed = col not in taken and key.startswith(table_rules.OBJECTIVE_HEADER)
        if headed and profile.filled and not _not_a_label(profile):
            return col
    return None


def _label_by_content(
    header_values: Sequence[str], header: Header, profiles: Mapping[int, _Profile], fields: Mapping[str, int]
) -> int | None:
    """The column whose cells read most as actions; a header that may name the label first."""
    taken = {col for name, col in fields.items() if name not in HIERARCHY_FIELDS} | set(header.periods)

    found = []
    for col, profile in profiles.items():
        key = match_key(header_values[col]) if col < len(header_values) else ""
        if col in taken or _not_a_label(profile) or profile.actions == 0:
            continue
        # A header naming the label ("Titre de l'action") before one that may ("Objectifs").
        rank = 2 if role_of(key) == "label" else 1 if _may_be_label(key) else 0
        found.append((rank, profile.actions, profile.distinct, -col))
    best = max(found, default=None)
    return -best[3] if best else None


def _guessed_finding(grid: Grid, header: Header) -> Finding:
    letter = get_column_letter
    roles = ", ".join(f"{letter(col + 1)}={name}" for name, col in sorted(header.fields.items(), key=lambda i: i[1]))
    column = letter(header.fields["label"] + 1)
    return kinds.GUESSED_COLUMNS.finding(grid.ref(header.row, header.fields["label"]), column=column, roles=roles)


# --- band rows -------------------------------------------------------------------------


def _bands(
    grid: Grid, header: Header, header_values: Sequence[str], lone: Mapping[int, int]
) -> Iterator[tuple[int, tuple[str, Cell]]]:
    """Rows holding one text that heads the rows below it (an axis or an objective)."""
    label = header.fields["label"]
    hierarchy_cols = {header.fields[name] for name in HIERARCHY_FIELDS if name in header.fields}
    width = max([*header.fields.values(), *header.periods, 0]) + 1
    roles = {col: name for name, col in header.fields.items()}
    first_col = min((c for c, v in enumerate(header_values) if v.strip()), default=0)
    styled = _styled_headings(grid, header, lone)
    for row, col in lone.items():
        values = grid.rows[row]
        if col >= width:  # a note beside the table
            continue
        spans = grid.spans.get((row, col), 1) >= max(2, width // 2)
        if col in hierarchy_cols and not spans:
            continue  # the hierarchy column's own text: read as it is
        text = clean(values[col])
        key = match_key(text)
        if sum(ch.isalpha() for ch in key) < 3 or rules.CODE_PATTERN.match(key):
            continue
        # Alone in the first column (a code column or none): a heading; alone in a pilot or
        # status column it is the rest of the action above.
        first = col == first_col and col != label and roles.get(col, "action_code") == "action_code"
        if spans or first or (col == label and (row, col) in styled) or (col != label and (row, col) in grid.fills):
            level = next((name for pattern, name in table_rules.BAND_LEVELS if pattern.match(key)), None)
            yield row, (level or table_rules.BAND_DEFAULT_LEVEL, Cell(text, grid.ref(row, col), inherited=True))


def _lone_cells(grid: Grid, start: int, not_actions: Mapping[int, str]) -> dict[int, int]:
    """Row -> the column of its only own text, for the rows below `start` that hold one text."""
    lone: dict[int, int] = {}
    inherited = grid.inherited
    for row in range(start, len(grid.rows)):
        if row in not_actions:
            continue
        cols = [c for c, v in enumerate(grid.rows[row]) if v and v.strip() and (row, c) not in inherited]
        if len(cols) == 1:
            lone[row] = cols[0]
    return lone


def _styled_headings(grid: Grid, header: Header, lone_cells: Mapping[int, int]) -> frozenset[tuple[int, int]]:
    """Label cells bold or filled while the labels of the action rows (with other cells) mostly are not."""
    label = header.fields["label"]
    lone = [(row, col) for row, col in lone_cells.items() if col == label]
    if not (grid.bold or grid.fills) or not lone:
        return frozenset()
    full = [
        (row, label)
        for row in range(header.row + 1, len(grid.rows))
        if row not in lone_cells and label < len(grid.rows[row]) and grid.rows[row][label].strip()
    ]
    styled = {cell for cell in lone if cell in grid.bold or cell in grid.fills}
    usual = sum(1 for cell in full if cell in grid.bold or cell in grid.fills)
    return frozenset(styled) if usual * 2 < len(full) else frozenset()


# --- periods marked by a fill ----------------------------------------------------------


def _fill_marks(grid: Grid, header: Header, hints: LayoutHints | None) -> tuple[frozenset[tuple[int, int]], bool]:
    """Cells of period columns whose fill differs from the usual fill of the planning area (or is
    the profile's planned fill); and whether the fills are worth reading (no text mark at all)."""
    if not header.periods:
        return frozenset(), False
    rows = range(header.row + 1, len(grid.rows))
    has_text = any(
        col < len(values) and values[col].strip() for values in grid.rows[rows.start :] for col in header.periods
    )
    if not grid.fills:
        return frozenset(), not has_text
    planned = (hints.planned_fill or "").upper()[-6:] if hints else ""
    label = header.fields["label"]
    actions = [row for row in rows if label < len(grid.rows[row]) and grid.rows[row][label].strip()]
    cells = [(row, col) for row in actions for col in header.periods]
    # The usual fill of the planning area (a Gantt's empty grid is shaded too); planned cells are the rest.
    usual = Counter(grid.fills.get(cell) for cell in cells).most_common(1)[0][0] if cells else None
    marked: set[tuple[int, int]] = set()
    for cell in cells:
        fill = grid.fills.get(cell)
        if fill is not None and ((planned and fill.upper()[-6:] == planned) or (not planned and fill != usual)):
            marked.add(cell)
    return frozenset(marked), False


def with_styles(grid: Grid, fills: Mapping[tuple[int, int], str], bold: frozenset[tuple[int, int]]) -> Grid:
    return replace(grid, fills=fills, bold=bold)


# --- references ------------------------------------------------------------------------


def get_column_letter(index: int) -> str:
    """1 -> "A", 28 -> "AB"."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def quote_sheet(name: str) -> str:
    return name if name.replace("_", "").isalnum() else "'" + name.replace("'", "''") + "'"


def template_row(where: str, row: int | None, what: str) -> Finding:
    """The `note-row` of a template's field-type or instruction row (`Layout.not_actions`); `row`
    (0-based) is named when the location does not show it."""
    rows = Words(f"row {row + 1}", f"la ligne {row + 1}") if row is not None else Words("row", "la ligne")
    what_fr = table_rules.SKIPPED_ROWS_FR.get(what, what)
    holds = Words(f"holds {what} of a template, not an action", f"contient {what_fr} d'un modèle, pas une action")
    return kinds.NOTE_ROW.finding(where, rows=rows, holds=holds)
