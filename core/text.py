"""Text helpers shared by the stages. Data keeps its accents and typography;
`match_key` is only ever used to *compare* texts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from core import text_rules
from core.periods import period_of

_SPACES = re.compile(r"[ \t\r\n]+")  # NBSP is deliberately not in this class
_MATCH_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " .:;,-–—*"


def printable(text: str) -> str:
    """Text safe to print and store: file names that are not UTF-8 (Python keeps their bytes
    as surrogates) are read as Windows-1252, the usual encoding of French names."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape")
        return raw.decode("cp1252", "replace")


def clean(text: str) -> str:
    """Trim the edges and collapse inner runs of ordinary whitespace; inner NBSP, ’ and accents stay."""
    return _SPACES.sub(" ", text).strip()


def match_key(text: str) -> str:
    """Accent-, case- and typography-insensitive form of `text`, for matching only."""
    # Called for every cell of every row (header and mark checks): short texts repeat a lot.
    return _cached_key(text) if len(text) <= _CACHED_LENGTH else _key(text)


_CACHED_LENGTH = 200  # bounds the cache to a few MB


@lru_cache(maxsize=16_384)
def _cached_key(text: str) -> str:
    return _key(text)


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.casefold().replace("’", "'").replace("\u00a0", " ")
    return _MATCH_SPACES.sub(" ", folded).strip(_EDGE_PUNCT)


def top_level_parts(text: str, separators: re.Pattern[str], most: int = 0) -> list[str]:
    """`text` cut at the `separators` outside parentheses (at most `most` cuts; 0: every one):
    a parenthesis qualifies what precedes it, "Pôle ressources (Énergies, Fluides)" stays whole."""
    depth = 0
    masked = []
    for ch in text:
        depth += ch == "("
        masked.append(ch if depth == 0 else "\0")
        depth -= ch == ")" and depth > 0
    parts: list[str] = []
    start = 0
    for match in separators.finditer("".join(masked)):
        if most and len(parts) == most:
            break
        parts.append(text[start : match.start()])
        start = match.end()
    parts.append(text[start:])
    return parts


def names_plan(texts: Iterable[str]) -> bool:
    """Whether any of `texts` names a plan, its actions or a project (`text_rules.PLAN_WORDS`)."""
    return any(text_rules.PLAN_WORDS.search(text.casefold()) for text in texts)


_WORDS = re.compile(r"[^\W\d_]+")


def reads_as_text(text: str) -> bool:
    """Whether `text` says something in words: not a number, an amount or a date ("6.552", "(0.3)",
    "1 500 €", "2 000 euros", "12/03/2024", "mars 2024", "S1 2024"), nor punctuation alone."""
    key = match_key(text)
    if period_of(key) is not None:
        return False
    return any(word not in text_rules.AMOUNT_UNITS for word in _WORDS.findall(key))
