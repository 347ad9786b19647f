"""Plan-level metadata: read from the document, completed from the title, overridden by the user."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from pathlib import Path

from core.header_rules import HEADER_SYNONYMS
from core.records import Finding, Metadata, Source
from core.text import clean, match_key
from normalize import rules, title_rules


@dataclass(frozen=True)
class Overrides:
    """What the user says about a plan (CLI flags or a `<file>.plan.toml` sidecar); wins over the document."""

    organization: str | None = None
    title: str | None = None
    plan_kind: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    version_label: str | None = None

    def merged_over(self, other: Overrides) -> Overrides:
        """These overrides, completed by `other` where these say nothing."""
        values = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        return Overrides(**values)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", match_key(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def complete(metadata: Metadata, source: Source) -> Metadata:
    """Fill what the document did not say explicitly from its title."""
    title = clean(metadata.title or "")
    if title_problem(title) is not None:
        title = Path(source.file_name).stem
    found = rules.PERIOD_IN_TEXT.search(title)
    start = metadata.period_start or (int(found.group("start")) if found else None)
    end = metadata.period_end or (int(found.group("end")) if found else None)
    kind = metadata.plan_kind or next((k for p, k in rules.PLAN_KINDS if p.search(match_key(title))), None)
    organization = metadata.organization
    if organization is None and rules.TITLE_KIND_PREFIX.match(title):
        rest = rules.PERIOD_IN_TEXT.sub("", rules.TITLE_KIND_PREFIX.sub("", title, count=1))
        organization = rules.LEADING_CONNECTOR.sub("", clean(rest).strip(" -–:,")) or None
    return replace(metadata, title=title, period_start=start, period_end=end, plan_kind=kind, organization=organization)


def title_problem(title: str | None) -> str | None:
    """Why `title` cannot be a plan's title, in a few words; None when it can."""
    text = clean(title or "")
    key = match_key(text)
    if not key:
        return "none in the document"
    if len(text) > title_rules.MAX_TITLE_CHARS:
        return f"the candidate is {len(text)} characters long"
    if len(text.split()) > title_rules.MAX_TITLE_WORDS or title_rules.SENTENCE_INSIDE.search(text):
        return "the candidate is a paragraph"
    if any(p.match(key) for p in title_rules.PLACEHOLDERS):
        return "the candidate is a placeholder"
    if any(p.match(key) for p in title_rules.NAVIGATION):
        return "the candidate is site navigation"
    if _glued_labels(key):
        return "the candidate is column or band labels"
    return None


def _glued_labels(key: str) -> bool:
    """Whether the text is only field labels (header words, band labels): a header or band row, or one
    of its cells ("Présentation de l'action")."""
    labels = sorted(_LABELS, key=len, reverse=True)
    rest, found = f" {key} ", 0
    for label in labels:
        pattern = f" {label} "
        while pattern in rest:
            rest = rest.replace(pattern, " ", 1)
            found += 1
    return found >= 1 and not title_rules.LABEL_SEPARATORS.sub("", rest)


_LABELS: frozenset[str] = frozenset(
    title_rules.LABEL_WORDS | {synonym for synonyms in HEADER_SYNONYMS.values() for synonym in synonyms}
)


def title_findings(metadata: Metadata, source: Source) -> list[Finding]:
    """`no-title` when the document gives no title that makes sense (the file name stands in)."""
    problem = title_problem(metadata.title)
    if problem is None:
        return []
    shown = clean(metadata.title or "")
    shown = f" '{shown[:60]}…'" if len(shown) > 60 else (f" '{shown}'" if shown else "")
    stem = Path(source.file_name).stem
    message = f"no title{shown}: {problem}; the file name '{stem}' is used"
    return [Finding("no-title", message, source.file_name)]


def apply(metadata: Metadata, overrides: Overrides) -> Metadata:
    values = {f.name: getattr(overrides, f.name) for f in fields(overrides) if getattr(overrides, f.name) is not None}
    return replace(metadata, **values)


def plan_key(metadata: Metadata) -> str:
    """Stable across versions: the organization and the title, without the version label."""
    parts = [slug(metadata.organization or ""), slug(metadata.title or "")]
    return "/".join(part for part in parts if part) or "plan"
