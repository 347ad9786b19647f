"""Compare two versions of a plan: actions added, removed and changed (which fields).

Actions are matched by action code first (when a code appears once in each version),
then, among the rest, by label similarity (rapidfuzz `token_sort_ratio` on the match
keys, best pairs first, at least `LABEL_SIMILARITY`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process

from core.text import match_key

LABEL_SIMILARITY = 70.0
COMPARED: tuple[str, ...] = (
    "action_code",
    "label",
    "axis",
    "strategic_objective",
    "operational_objective",
    "pilot",
    "partners",
    "indicator",
    "status",
    "progress_pct",
    "health",
    "schedule",
)
DIFF_COLUMNS = ["change", "action_code", "label", "fields", "before", "after", "old_action_id", "new_action_id"]


@dataclass(frozen=True)
class Match:
    old: int  # row positions in the old / new frames
    new: int
    by: str  # code / label


def _value(value: Any) -> Any:
    return None if value is None or (not isinstance(value, list | tuple) and pd.isna(value)) else value


def match_actions(old: pd.DataFrame, new: pd.DataFrame, similarity: float = LABEL_SIMILARITY) -> list[Match]:
    """Pairs of rows (positions) that are the same action in both versions."""
    matches: list[Match] = []
    old_codes = old["action_code"].value_counts()
    new_codes = new["action_code"].value_counts()
    new_by_code = {code: pos for pos, code in enumerate(new["action_code"]) if _value(code) is not None}
    for pos, code in enumerate(old["action_code"]):
        if _value(code) is not None and old_codes.get(code) == 1 and new_codes.get(code) == 1:
            matches.append(Match(pos, new_by_code[code], "code"))
    old_left = [p for p in range(len(old)) if p not in {m.old for m in matches}]
    new_left = [p for p in range(len(new)) if p not in {m.new for m in matches}]
    if old_left and new_left:
        old_keys = [match_key(str(old["label"].iloc[p])) for p in old_left]
        new_keys = [match_key(str(new["label"].iloc[p])) for p in new_left]
        scores = process.cdist(old_keys, new_keys, scorer=fuzz.token_sort_ratio, score_cutoff=similarity)
        pairs = sorted(
            ((float(scores[i, j]), i, j) for i, j in zip(*scores.nonzero(), strict=True)),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        used_old: set[int] = set()
        used_new: set[int] = set()
        for _, i, j in pairs:
            if i not in used_old and j not in used_new:
                used_old.add(i)
                used_new.add(j)
                matches.append(Match(old_left[i], new_left[j], "label"))
    return matches


def _show(value: Any) -> str:
    value = _value(value)
    return "" if value is None else str(value)


def diff_actions(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """One row per change: `added`, `removed` or `changed` (with the fields and their before/after values).

    Both frames hold the `COMPARED` columns plus `action_id`, in plan order.
    """
    matches = match_actions(old, new)
    rows: list[dict[str, Any]] = []
    for m in sorted(matches, key=lambda m: m.new):
        before, after = old.iloc[m.old], new.iloc[m.new]
        changed = [f for f in COMPARED if _value(before[f]) != _value(after[f])]
        if changed:
            rows.append(
                {
                    "change": "changed",
                    "action_code": _show(after["action_code"]),
                    "label": after["label"],
                    "fields": ", ".join(changed),
                    "before": " | ".join(f"{f}: {_show(before[f])}" for f in changed),
                    "after": " | ".join(f"{f}: {_show(after[f])}" for f in changed),
                    "old_action_id": int(before["action_id"]),
                    "new_action_id": int(after["action_id"]),
                }
            )
    matched_old = {m.old for m in matches}
    matched_new = {m.new for m in matches}
    for pos in range(len(new)):
        if pos not in matched_new:
            row = new.iloc[pos]
            rows.append(_one_sided("added", row, None, int(row["action_id"])))
    for pos in range(len(old)):
        if pos not in matched_old:
            row = old.iloc[pos]
            rows.append(_one_sided("removed", row, int(row["action_id"]), None))
    order = {"added": 0, "removed": 1, "changed": 2}
    rows.sort(key=lambda r: (order[r["change"]], r["new_action_id"] or r["old_action_id"] or 0))
    return pd.DataFrame(rows, columns=DIFF_COLUMNS).astype({"old_action_id": "Int64", "new_action_id": "Int64"})


def _one_sided(change: str, row: pd.Series, old_id: int | None, new_id: int | None) -> dict[str, Any]:
    return {
        "change": change,
        "action_code": _show(row["action_code"]),
        "label": row["label"],
        "fields": "",
        "before": "",
        "after": "",
        "old_action_id": old_id,
        "new_action_id": new_id,
    }
