"""Text helpers shared by the stages. Data keeps its accents and typography;
`match_key` is only ever used to *compare* texts."""

from __future__ import annotations

import re
import unicodedata

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
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.casefold().replace("’", "'").replace("\u00a0", " ")
    return _MATCH_SPACES.sub(" ", folded).strip(_EDGE_PUNCT)
