"""A verdict on every file: `ok`, `review` (with reasons), `not-a-plan` (with the reason).

`judge` is pure: from the findings of a reading and the confidence of each action it read.
- `not-a-plan`: no action read (a reader said why, or nothing read at all), or a `not-a-plan`
  finding (the contract: a reader that finds no plan returns no action; one that still returns
  some is not believed);
- `review`: at least one doubt (`verdict_rules.DOUBT_KINDS`, an unclassified kind, or actions
  read with a confidence below 1);
- `ok`: actions read, and the findings are only repairs (`verdict_rules.REPAIR_KINDS`).
`failed` (nothing could be read) and `unchanged` (same bytes already in) are decided by the
pipeline, before any reading is judged.

The score (0-1) says how well the reading explains the document: the mean confidence of the
actions, times the share of actions among actions plus doubtful findings (0 without actions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from core.findings import LOW_CONFIDENCE
from normalize import verdict_rules as rules

STATUSES: tuple[str, ...] = ("ok", "review", "not-a-plan", "failed", "unchanged")


@dataclass(frozen=True)
class Verdict:
    status: str  # ok / review / not-a-plan
    reasons: tuple[str, ...] = ()  # one short line each; empty when ok
    score: float = 1.0


def is_doubt(kind: str) -> bool:
    """A kind a person should look at: listed as a doubt, or not classified at all."""
    return kind in rules.DOUBT_KINDS or (kind not in rules.REPAIR_KINDS and kind not in rules.NOT_A_PLAN_KINDS)


def judge(findings: Sequence[tuple[str, str]], confidences: Sequence[float]) -> Verdict:
    """The verdict on one reading: its findings as (kind, message) and its actions' confidences."""
    said = [message for kind, message in findings if kind in rules.NOT_A_PLAN_KINDS]
    if not confidences or any(kind == rules.NOT_A_PLAN for kind, _ in findings):
        why = said or ["no action was read", *_reasons([f for f in findings if is_doubt(f[0])])]
        return Verdict("not-a-plan", tuple(_cut(line) for line in why), 0.0)
    doubts = [finding for finding in findings if is_doubt(finding[0])]
    inferred = [c for c in confidences if c < rules.FULL_CONFIDENCE]
    reasons = _reasons(doubts)
    if inferred:
        low, high = min(inferred), max(inferred)
        span = f"{low:g}" if low == high else f"{low:g} to {high:g}"
        told = LOW_CONFIDENCE.message("en", {"inferred": len(inferred), "total": len(confidences), "span": span})
        reasons.append(f"{LOW_CONFIDENCE.name} ({len(inferred)}): {told}")
    mean = sum(confidences) / len(confidences)
    score = round(mean * len(confidences) / (len(confidences) + len(doubts)), 3)
    return Verdict("review" if reasons else "ok", tuple(reasons), score)


def _reasons(findings: Sequence[tuple[str, str]]) -> list[str]:
    """One line per kind, in order of first appearance: kind, count, its first message."""
    counts = Counter(kind for kind, _ in findings)
    first: dict[str, str] = {}
    for kind, message in findings:
        first.setdefault(kind, message)
    return [_cut(f"{kind} ({counts[kind]}): {message}") for kind, message in first.items()]


def _cut(line: str) -> str:
    return line if len(line) <= rules.MAX_REASON_CHARS else line[: rules.MAX_REASON_CHARS - 1] + "…"
