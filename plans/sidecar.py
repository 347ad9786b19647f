"""`<file>.plan.toml` beside a source: what the user says about the plan, checked key by key.

Keys (and their French aliases) are the data table `KEYS`; an unknown key or a bad value is a
`PlansError` naming the sidecar file, the key and what is allowed. The keys the document
could also give override it (`normalize.Overrides`); `profile` names the mapping profile that
reads the file (`ingest.profiles`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import PlansError
from core.source import SIDECAR_SUFFIX
from core.text import clean, match_key
from normalize import Overrides
from normalize.rules import PLAN_KINDS

# A year a plan may start or end in.
YEARS = range(1900, 2101)


@dataclass(frozen=True)
class Key:
    """A sidecar key: its names (the first is the one documented) and how its value is read (a
    `ValueError` says what it takes)."""

    names: tuple[str, ...]
    read: Callable[[Any], Any]


@dataclass(frozen=True)
class Sidecar:
    overrides: Overrides = field(default_factory=Overrides)
    profile: str | None = None
    plan_key: str | None = None  # the plan this file is a version of, said by the user (warehouse.identity)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not clean(value):
        raise ValueError("a non-empty text")
    return clean(value)


def _year(value: Any) -> int:
    year = int(value) if isinstance(value, str) and value.strip().isdigit() else value
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        raise ValueError(f"a year from {YEARS.start} to {YEARS.stop - 1}")
    return year


def parse_period(text: str) -> tuple[int, int]:
    """'2021-2024' -> (2021, 2024); '2023' -> (2023, 2023)."""
    parts = [p.strip() for p in text.replace("–", "-").split("-")]
    if len(parts) > 2 or not all(p.isdigit() and len(p) == 4 for p in parts):
        raise ValueError(f"period must look like 2021-2024, not '{text}'")
    return int(parts[0]), int(parts[-1])


def _period(value: Any) -> tuple[int, int]:
    try:
        start, end = parse_period(str(_year(value) if isinstance(value, int) else _text(value)))
        return _year(start), _year(end)
    except ValueError:
        raise ValueError('a period such as "2021-2024" or a year') from None


# What `plan_kind` takes: the kinds normalize knows, or the French words that name them ("feuille de route").
PLAN_KIND_VALUES: tuple[str, ...] = tuple(dict.fromkeys(kind for _, kind in PLAN_KINDS))


def _plan_kind(value: Any) -> str:
    text = _text(value)
    if text in PLAN_KIND_VALUES:
        return text
    named = next((kind for pattern, kind in PLAN_KINDS if pattern.search(match_key(text))), None)
    if named is None:
        raise ValueError(f"one of {', '.join(PLAN_KIND_VALUES)} (or 'plan stratégique', 'feuille de route', ...)")
    return named


KEYS: dict[str, Key] = {
    "organization": Key(("organization", "organisation", "association", "structure"), _text),
    "title": Key(("title", "titre", "intitule", "nom du plan"), _text),
    "plan_kind": Key(("plan_kind", "type", "type de plan", "kind"), _plan_kind),
    "period": Key(("period", "periode", "duree"), _period),
    "period_start": Key(("period_start", "debut", "annee de debut"), _year),
    "period_end": Key(("period_end", "fin", "annee de fin"), _year),
    "version_label": Key(("version_label", "version", "maj", "mise a jour"), _text),
    "profile": Key(("profile", "profil"), _text),
    "plan_key": Key(("plan_key", "plan", "cle du plan", "identifiant du plan"), _text),
}
# Every accepted spelling (compared through match_key, `_` as a space) -> its key.
ALIASES: dict[str, str] = {match_key(name.replace("_", " ")): key for key, spec in KEYS.items() for name in spec.names}


def read(path: Path) -> Sidecar:
    """The sidecar of the source at `path` (nothing when there is none), checked."""
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return Sidecar()
    try:
        data = tomllib.loads(sidecar.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise PlansError(sidecar.name, f"invalid sidecar file: {error}") from error
    return checked(data, sidecar.name)


def checked(data: dict[str, Any], where: str) -> Sidecar:
    """The sidecar `data` as overrides; `where` names the file in errors."""
    values: dict[str, Any] = {}
    for name, value in data.items():
        key = ALIASES.get(match_key(name.replace("_", " ")))
        if key is None:
            allowed = ", ".join(spec.names[0] for spec in KEYS.values())
            raise PlansError(where, f"unknown key '{name}'; the keys are {allowed} (French names accepted)")
        if key in values:
            raise PlansError(where, f"key '{name}' repeats '{key}', given already")
        try:
            values[key] = KEYS[key].read(value)
        except ValueError as error:
            raise PlansError(where, f"key '{name}' = {value!r}: expected {error}") from None
    start, end = values.pop("period", (None, None))
    overrides = Overrides(
        organization=values.get("organization"),
        title=values.get("title"),
        plan_kind=values.get("plan_kind"),
        period_start=values.get("period_start", start),
        period_end=values.get("period_end", end),
        version_label=values.get("version_label"),
        organization_source="sidecar" if "organization" in values else None,
    )
    return Sidecar(overrides, values.get("profile"), values.get("plan_key"))
