"""Which organisation wrote a plan, from the places a document names it (`normalize.rules`).

The reader hands over what it found itself (`Metadata.organization`, with its place) and texts
that may name it (`Metadata.organization_clues`); this picks one, in the order of
`rules.ORGANIZATION_PLACES`, after the title. What the user says wins (`metadata.apply`).
"""

from __future__ import annotations

from pathlib import Path

from core import period_rules
from core.records import Clue, Metadata
from core.text import clean, match_key
from normalize import rules, title_rules

# Places whose text reads like a title: the name may follow a separator ("… – Les Amarres").
_TITLE_LIKE = frozenset({"title", "header-footer", "pdf-metadata"})


def found(metadata: Metadata, title: str, title_place: str) -> tuple[str | None, str | None]:
    """(organisation, kind of place) from the document; (None, None) when it names none."""
    if metadata.organization:
        return metadata.organization, metadata.organization_source or "body"
    clues = [Clue(title_place, title), *sorted(metadata.organization_clues, key=_rank)]
    return next(((name, clue.place) for clue in clues if (name := in_clue(clue)) is not None), (None, None))


def _rank(clue: Clue) -> int:
    places = rules.ORGANIZATION_PLACES
    return places.index(clue.place) if clue.place in places else len(places)


def in_clue(clue: Clue) -> str | None:
    """The organisation `clue` names, or None."""
    text = clean(clue.text)
    if clue.whole:
        return _name(text)
    if clue.place in _TITLE_LIKE:
        after_kind = _beside_kind(text)
        if after_kind is not None:
            return after_kind
    named = rules.ORGANIZATION_NAME.search(text) if clue.place in _TITLE_LIKE else rules.ORGANIZATION_NAME.match(text)
    if named is None and clue.place in _TITLE_LIKE:
        named = rules.ORGANIZATION_OF.search(text)
    if named is not None:
        return _name(named.group("org"))
    if clue.place in ("title", "file-name") and rules.TITLE_KIND_PREFIX.match(text):
        rest = rules.PERIOD_IN_TEXT.sub("", rules.TITLE_KIND_PREFIX.sub("", text, count=1))
        return _name(rules.LEADING_CONNECTOR.sub("", clean(rest).strip(" -–:,")))
    return None


def _beside_kind(text: str) -> str | None:
    """'Plan d'actions 2024 – Les Amarres' -> 'Les Amarres': the one part beside the plan's kind that
    is neither a period, a page number nor a version."""
    parts = [clean(part) for part in rules.TITLE_PART_SEPARATOR.split(text) if clean(part)]
    kinds = [part for part in parts if rules.TITLE_KIND_PREFIX.match(part)]
    others = [part for part in parts if part not in kinds and not _noise(part)]
    return _name(others[0]) if kinds and len(others) == 1 else None


def _noise(part: str) -> bool:
    key = match_key(part)
    return bool(period_rules.VERSION_PATTERN.match(key)) or any(p.match(key) for p in rules.NOT_ORGANIZATION_PARTS)


def _name(text: str) -> str | None:
    """`text` as an organisation's name (years around it dropped), or None when it cannot be one."""
    name = clean(rules.YEARS_AROUND.sub("", clean(text))).strip(" -–—:,|")
    key = match_key(name)
    if not any(char.isalpha() for char in name) or _noise(name):
        return None
    if len(name) > rules.MAX_ORGANIZATION_CHARS or len(name.split()) > rules.MAX_ORGANIZATION_WORDS:
        return None
    refused = (*rules.NOT_ORGANIZATION_NAMES, *title_rules.PLACEHOLDERS, *title_rules.NAVIGATION)
    if any(p.match(key) for p in refused):
        return None
    return name


def of_folder(path: str) -> str | None:
    """The folder holding the file names the organisation (`--organization-from folder`)."""
    return _name(Path(path).parent.name.replace("_", " "))
