"""Full-text search of the current actions (`plans search`), accent- and case-insensitive."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from core.text import match_key
from warehouse.connect import Connection

# Search: fields and their weight in the score.
SEARCH_FIELDS: dict[str, float] = {
    "label": 3.0,
    "indicator": 1.5,
    "operational_objective": 1.0,
    "strategic_objective": 1.0,
    "axis": 1.0,
    "pilot": 1.0,
    "partners": 1.0,
}
# French words too common to rank anything (compared after match_key).
SEARCH_STOP_WORDS = frozenset(
    [
        "les",
        "des",
        "une",
        "aux",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "qui",
        "que",
        "est",
        "son",
        "ses",
        "leur",
        "leurs",
        "ces",
        "cet",
        "cette",
        "plus",
        "tout",
        "tous",
    ]
)
_WORD = re.compile(r"\w+")
_MIN_TERM = 3


def _terms(text: str) -> list[str]:
    words = _WORD.findall(match_key(text))
    long_words = [w for w in words if len(w) >= _MIN_TERM and w not in SEARCH_STOP_WORDS]
    return list(dict.fromkeys(long_words or words))


def term_score(term: str, word: str) -> float:
    """How well one word of a text matches one search term (0 = not at all)."""
    if word == term:
        return 1.0
    if len(term) >= 4 and word.startswith(term):
        return 0.9
    shared = len(_common_prefix(term, word))
    if shared >= max(5, math.ceil(0.75 * min(len(term), len(word)))):
        return 0.8  # same stem: "benevolat" / "benevoles"
    if len(term) >= 5 and fuzz.ratio(term, word) >= 88:
        return 0.7  # a typo
    return 0.0


def _column_scores(column: pd.Series, terms: list[str], word_scores: dict[tuple[str, str], float]) -> np.ndarray:
    """For each text of `column` (row) and each term (column), the best `term_score` over its words."""
    codes, texts = pd.factorize(column)
    per_text = np.zeros((len(texts) + 1, len(terms)))  # the last row is for NULL (code -1)
    for index, text in enumerate(texts):
        for word in set(_WORD.findall(match_key(str(text)))):
            for position, term in enumerate(terms):
                key = (term, word)
                if key not in word_scores:
                    word_scores[key] = term_score(term, word)
                per_text[index, position] = max(per_text[index, position], word_scores[key])
    return per_text[codes]


def _common_prefix(a: str, b: str) -> str:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return a[:size]


def search_actions(warehouse: Connection, words: str, limit: int = 20) -> pd.DataFrame:
    """Current actions matching the words, accent- and case-insensitive, best first.

    Rank: number of search words found, then the score (sum over words of the best
    field weight x word match), then plan order.
    """
    terms = _terms(words)
    columns = ["score", "words_found", "organization", "action_code", "label", "found_in", "plan_key", "action_id"]
    if not terms:
        return pd.DataFrame(columns=columns)
    actions = warehouse.query(
        f"SELECT action_id, plan_key, organization, action_code, {', '.join(SEARCH_FIELDS)} "
        "FROM current_actions ORDER BY action_id"
    )
    # Scored column by column over each column's distinct texts (axes, objectives and pilots
    # repeat from action to action), each word scored once per term: 100k actions in about a second.
    word_scores: dict[tuple[str, str], float] = {}
    weights = pd.Series(SEARCH_FIELDS)
    score = pd.Series(0.0, index=actions.index)
    found = pd.Series(0, index=actions.index)
    where = pd.DataFrame(False, index=actions.index, columns=weights.index)
    columns_scores = {name: _column_scores(actions[name], terms, word_scores) for name in weights.index}
    for position in range(len(terms)):
        values = pd.DataFrame({name: scores[:, position] for name, scores in columns_scores.items()}) * weights
        best = values.max(axis=1)
        hit = best > 0
        score, found = score + best, found + hit
        best_field = values.idxmax(axis=1)
        for name in weights.index:
            where[name] |= hit & (best_field == name)
    hits = found > 0
    result = actions[hits].assign(
        score=score[hits].round(2),
        words_found=found[hits],
        found_in=[", ".join(f for f in weights.index if row[f]) for row in where[hits].to_dict("records")],
    )[columns]
    result = result.sort_values(["words_found", "score", "action_id"], ascending=[False, False, True], kind="stable")
    return result.head(limit).reset_index(drop=True)
