"""Pilot and partner cells -> one row per person or body, with a clustering key.

A cell such as "DG (appuyé par Codir)" or "Dir Hébergement, Dir IAE" names several
people or bodies. `split_names` cuts it (rules in `normalize.rules`); `fingerprint` is
OpenRefine's key-collision key (accents, case, punctuation and word order ignored), so
"Comm.TES" and "Comm. TES" share a key. `nearest_clusters` is the nearest-neighbour pass
(rapidfuzz) that joins keys one or two letters apart ("pole ressource" / "pole
ressources") over every key of the warehouse; after a load, `recluster` redoes only the
clusters the new names touch (see `warehouse.load`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

import pandas as pd
from rapidfuzz import fuzz, process

from core.text import clean, match_key, top_level_parts
from normalize.rules import (
    PEOPLE_FILLERS,
    PEOPLE_HYPHEN,
    PEOPLE_SEPARATORS,
    PEOPLE_SIMILARITY,
    PEOPLE_SUPPORT,
)

ROLES: tuple[str, ...] = ("pilot", "partner")
_PUNCT = re.compile(r"[^\w\s]|_")


def _support(part: str) -> list[str]:
    """'DG (appuyé par Codir)' -> ['DG', 'Codir']; other parentheses are kept."""
    match = re.search(r"\(([^()]*)\)\s*$", part)
    if match is None:
        return [part]
    inner = match.group(1).strip()
    lead = PEOPLE_SUPPORT.match(inner)
    if lead is None:
        return [part]
    return [part[: match.start()], *top_level_parts(inner[lead.end() :], PEOPLE_SEPARATORS)]


def split_names(cell: str | None) -> list[str]:
    """The people or bodies a pilot/partner cell names, in order, each cleaned, raw spelling kept."""
    if cell is None:
        return []
    names: list[str] = []
    for part in top_level_parts(cell, PEOPLE_SEPARATORS):
        for piece in _support(part):
            name = clean(piece).strip(" .,;:-")
            hyphen = PEOPLE_HYPHEN.match(name)
            candidates = [hyphen["a"], hyphen["b"]] if hyphen else [name]
            names.extend(c for c in candidates if c and c.lower() not in PEOPLE_FILLERS and _has_letter(c))
    return names


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def fingerprint(name: str) -> str:
    """OpenRefine's fingerprint key: no accents, lower case, punctuation as space, unique words sorted."""
    words = _PUNCT.sub(" ", match_key(name)).split()
    return " ".join(sorted(set(words)))


def people_rows(actions: pd.DataFrame, keys: tuple[str, ...] = ("action_ref",)) -> pd.DataFrame:
    """One row per (action, role, name) from the `pilot` and `partners` columns of an action
    frame; each row starts with the action's `keys` columns."""
    rows = []
    for record in actions[[*keys, "pilot", "partners"]].to_dict("records"):
        for role, column in (("pilot", "pilot"), ("partner", "partners")):
            raw = record[column]
            if raw is None or (isinstance(raw, float) and pd.isna(raw)):
                continue
            for position, name in enumerate(split_names(str(raw)), start=1):
                key = fingerprint(name)
                if key:
                    rows.append(
                        [*(record[k] for k in keys), role, position, raw, name, key],
                    )
    return pd.DataFrame(rows, columns=[*keys, "role", "position", "name_raw", "name", "fingerprint"])


def nearest_clusters(counts: Mapping[str, int], similarity: float = PEOPLE_SIMILARITY) -> dict[str, str]:
    """Fingerprint -> cluster key, joining fingerprints at least `similarity` alike (single linkage).

    `counts` gives how many rows hold each fingerprint; a cluster's key is its most used
    fingerprint (then the shortest, then the first alphabetically), so it is deterministic.
    """
    return recluster({}, counts, counts.keys(), similarity)


def recluster(
    clusters: Mapping[str, str],
    counts: Mapping[str, int],
    changed: Collection[str],
    similarity: float = PEOPLE_SIMILARITY,
) -> dict[str, str]:
    """The clusters after rows holding the `changed` fingerprints were added, without redoing them all.

    `clusters` maps every fingerprint known before to its cluster key (as `nearest_clusters`
    gave it), `counts` holds the row counts after the change. Only fingerprints new to
    `clusters` bring new similarities, and only the clusters they or the changed counts touch
    can change: the result maps their fingerprints to their keys, exactly as
    `nearest_clusters(counts)` would (single linkage does not depend on the order of arrival).
    """
    new = sorted(set(changed) - set(clusters))
    known = sorted(clusters)
    pairs: list[tuple[str, str]] = []
    if new:
        keys = [*known, *new]
        scores = process.cdist(new, keys, scorer=fuzz.ratio, score_cutoff=similarity, workers=1)
        pairs = [(new[i], keys[j]) for i, j in zip(*scores.nonzero(), strict=True) if new[i] != keys[j]]
    touched = {clusters[key] for key in changed if key in clusters} | {clusters[b] for _, b in pairs if b in clusters}
    members: dict[str, list[str]] = {}
    for key in known:
        if clusters[key] in touched:
            members.setdefault(clusters[key], []).append(key)
    groups = _components(new, [*members.values(), *([a, b] for a, b in pairs)])
    mapping: dict[str, str] = {}
    for group in groups:
        best = min(group, key=lambda k: (-counts[k], len(k), k))
        mapping.update(dict.fromkeys(group, best))
    return mapping


def _components(singles: Iterable[str], links: Iterable[list[str]]) -> list[list[str]]:
    """Connected components (union-find) of the keys in `singles` and in `links`, each link joining its keys."""
    parent: dict[str, str] = {key: key for key in singles}

    def root(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for link in links:
        first = root(link[0])
        for key in link[1:]:
            parent[root(key)] = first
    groups: dict[str, list[str]] = {}
    for key in parent:
        groups.setdefault(root(key), []).append(key)
    return list(groups.values())
