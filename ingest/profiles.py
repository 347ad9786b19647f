"""Mapping profiles: a user names the roles of a layout once, in a small TOML file.

    # profiles/suivi_pole.toml
    match = ["Quoi", "Qui", "Pour quand"]   # header texts that identify the layout
    sheet = "Suivi"                         # optional: only this sheet
    header_row = 4                          # optional: 1-based, as Excel shows it
    planned_fill = "FFC000"                 # optional: the fill that means "planned"
    [columns]                               # field = header text, or a column letter
    label = "Quoi"
    pilot = "Qui"
    deadline = "Pour quand"
    axis = "A"
    [status_words]                          # optional: source word = planned / in_progress / done / abandoned
    "Bouclé" = "done"

Every sheet whose header row holds all the `match` texts (compared through `match_key`) is read
with the profile: `match` turns a sheet's grid into `LayoutHints` for the table reader, or says in
one line why it does not fit. Texts, not positions, identify a layout, so a column added elsewhere
does not break it; a column given by letter is for headers that have no text of their own.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from core.errors import PlansError
from core.records import FIELDS, LayoutHints
from core.text import match_key
from ingest import rules

PROFILE_SUFFIX = ".toml"
PROFILES_FOLDER = "profiles"  # the default folder, beside the warehouse file
STATUSES = ("planned", "in_progress", "done", "abandoned")  # the statuses of the warehouse
_KEYS = ("name", "description", "match", "sheet", "header_row", "columns", "status_words", "planned_fill")
_LETTERS = re.compile(r"[A-Z]{1,3}")
_FILL = re.compile(r"[0-9A-Fa-f]{6}")


class ProfileError(PlansError):
    """A profile file that cannot be used (the message names the file and the key)."""


@dataclass(frozen=True)
class Profile:
    name: str
    path: str  # the file it was read from, for messages
    match: tuple[str, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)  # field -> header text or column letter
    sheet: str | None = None
    header_row: int | None = None  # 0-based
    status_words: Mapping[str, str] = field(default_factory=dict)
    planned_fill: str | None = None
    required: bool = False  # named by the file's sidecar: say so when it does not fit


@dataclass(frozen=True)
class Mismatch:
    """Why a profile does not fit a sheet, in one line."""

    reason: str


def default_profiles_dir(db: Path) -> Path:
    """Where `plans ingest` looks for profiles when `--profiles` is not given."""
    return db.parent / PROFILES_FOLDER


def load_profiles(folder: Path) -> tuple[Profile, ...]:
    """Every `*.toml` of `folder`, in name order; two profiles with one name are an error."""
    profiles = tuple(load_profile(path) for path in sorted(folder.glob(f"*{PROFILE_SUFFIX}")))
    names: dict[str, str] = {}
    for profile in profiles:
        if profile.name in names:
            raise ProfileError(profile.path, f"profile name '{profile.name}' is also the name of {names[profile.name]}")
        names[profile.name] = profile.path
    return profiles


def load_profile(path: Path) -> Profile:
    """Read and check one profile file; any mistake raises `ProfileError` naming the file and the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise ProfileError(path.name, f"invalid profile: {error}") from error
    return parse_profile(data, path.stem, path.name)


def parse_profile(data: Mapping[str, object], default_name: str, where: str) -> Profile:
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise ProfileError(where, f"unknown key '{unknown[0]}' (a profile has {', '.join(_KEYS)})")
    columns = _table(data, "columns", where)
    for name, value in columns.items():
        if name not in FIELDS:
            raise ProfileError(where, f"unknown field 'columns.{name}' (fields: {', '.join(FIELDS)})")
        if not value.strip():
            raise ProfileError(where, f"'columns.{name}' is empty: give a header text or a column letter")
    if "label" not in columns:
        raise ProfileError(where, "'columns' must name the 'label' column (the text of each action)")
    statuses = _table(data, "status_words", where)
    for word, status in statuses.items():
        if status not in STATUSES:
            raise ProfileError(where, f"'status_words.{word}' is '{status}', not one of {', '.join(STATUSES)}")
    match = _texts(data, "match", where)
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1):
        raise ProfileError(where, f"'header_row' must be a row number from 1, not {header_row!r}")
    if not match and header_row is None:
        raise ProfileError(where, "give 'match' (header texts that identify the layout) or 'header_row'")
    fill = _text(data, "planned_fill", where)
    if fill is not None and not _FILL.fullmatch(fill.removeprefix("#")):
        raise ProfileError(where, f"'planned_fill' must be an RGB colour such as \"FFC000\", not '{fill}'")
    return Profile(
        name=_text(data, "name", where) or default_name,
        path=where,
        match=match,
        columns=dict(columns),
        sheet=_text(data, "sheet", where),
        header_row=header_row - 1 if isinstance(header_row, int) else None,
        status_words={match_key(word): status for word, status in statuses.items()},
        planned_fill=fill.removeprefix("#").upper() if fill else None,
    )


def _text(data: Mapping[str, object], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ProfileError(where, f"'{key}' must be a text, not {value!r}")
    return value


def _texts(data: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ProfileError(where, f'\'{key}\' must be a list of header texts, such as ["Action", "Qui"]')
    return tuple(value)


def _table(data: Mapping[str, object], key: str, where: str) -> dict[str, str]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ProfileError(where, f"'{key}' must be a table ([{key}])")
    for name, text in value.items():
        if not isinstance(text, str):
            raise ProfileError(where, f"'{key}.{name}' must be a text, not {text!r}")
    return dict(value)


def named(profiles: Sequence[Profile], name: str, where: str) -> Profile:
    """The profile a sidecar names, marked `required` (a mismatch is then reported)."""
    for profile in profiles:
        if profile.name == name:
            return replace(profile, required=True)
    known = ", ".join(p.name for p in profiles) or "none loaded"
    raise ProfileError(where, f"names profile '{name}', which is not among the profiles ({known})")


def match(profile: Profile, sheet: str, rows: Sequence[Sequence[str]]) -> LayoutHints | Mismatch:
    """The layout of `sheet` under `profile`, or why the profile does not fit it."""
    if profile.sheet is not None and match_key(profile.sheet) != match_key(sheet):
        return Mismatch(f"it reads sheet '{profile.sheet}', not '{sheet}'")
    if profile.header_row is not None:
        candidates: Sequence[int] = [profile.header_row] if profile.header_row < len(rows) else []
    else:
        candidates = range(min(len(rows), rules.HEADER_SEARCH_ROWS))
    best = Mismatch(f"sheet '{sheet}' has no row {(profile.header_row or 0) + 1}")
    fewest = len(profile.match) + 1
    for row in candidates:
        keys = [match_key(value) for value in rows[row]]
        missing = [text for text in profile.match if match_key(text) not in keys]
        if missing:
            if len(missing) < fewest:
                fewest, best = len(missing), Mismatch(_missing(sheet, row, missing, profile.header_row is None))
            continue
        columns = _columns(profile.columns, keys)
        if isinstance(columns, Mismatch):
            return Mismatch(f"row {row + 1} of sheet '{sheet}': {columns.reason}")
        return LayoutHints(sheet, row, columns, profile.status_words, profile.planned_fill)
    return best


def _missing(sheet: str, row: int, missing: list[str], searched: bool) -> str:
    texts = ", ".join(f"'{text}'" for text in missing)
    if searched:
        return f"no header row of sheet '{sheet}' holds {texts} (closest: row {row + 1})"
    return f"row {row + 1} of sheet '{sheet}' does not hold {texts}"


def _columns(wanted: Mapping[str, str], keys: Sequence[str]) -> dict[int, str] | Mismatch:
    """Field per column: a header text found in the row, else a column letter."""
    columns: dict[int, str] = {}
    for name, text in wanted.items():
        key = match_key(text)
        if key in keys:
            col = keys.index(key)
        elif _LETTERS.fullmatch(text.strip()):
            col = _column_index(text.strip())
        else:
            return Mismatch(f"no column '{text}' for {name}")
        if col in columns:
            return Mismatch(f"column {text} is given for both {columns[col]} and {name}")
        columns[col] = name
    return columns


def _column_index(letters: str) -> int:
    """'A' -> 0, 'AB' -> 27."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
