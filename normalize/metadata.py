"""Plan-level metadata: read from the document, completed from the title, overridden by the user."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

from core import findings as kinds
from core.findings import Words
from core.records import Finding, Metadata, Source
from core.source import SIDECAR_SUFFIX
from core.text import clean, match_key
from ingest import rules as ingest_rules
from normalize import organization, rules, title_rules


@dataclass(frozen=True)
class Overrides:
    """What the user says about a plan (CLI flags or a `<file>.plan.toml` sidecar); wins over the document."""

    organization: str | None = None
    title: str | None = None
    plan_kind: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    version_label: str | None = None
    organization_source: str | None = None  # where the user said it: `sidecar` or `option` (--organization)
    # `folder`: the folder holding the file names the organisation when the document does not
    # (--organization-from folder); a fallback, never over what the user or the document says.
    organization_from: str | None = None

    def merged_over(self, other: Overrides) -> Overrides:
        """These overrides, completed by `other` where these say nothing."""
        values = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        values["organization_source"] = (self if self.organization else other).organization_source
        return Overrides(**values)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", match_key(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def complete(metadata: Metadata, source: Source) -> Metadata:
    """Fill what the document did not say explicitly from its title and the organisation clues."""
    title = clean(metadata.title or "")
    title_place = "title"
    if title_problem(title) is not None:
        title, title_place = Path(source.file_name).stem, "file-name"
    found = rules.PERIOD_IN_TEXT.search(title)
    start = metadata.period_start or (int(found.group("start")) if found else None)
    end = metadata.period_end or (int(found.group("end")) if found else None)
    named = metadata.plan_kind
    kind = rules.PLAN_KIND_NAMES.get(match_key(named), named) if named else None
    kind = kind or next((k for p, k in rules.PLAN_KINDS if p.search(match_key(title))), None)
    name, place = organization.found(metadata, title, title_place)
    return replace(
        metadata,
        title=title,
        period_start=start,
        period_end=end,
        plan_kind=kind,
        organization=name,
        organization_source=place,
    )


def title_problem(title: str | None) -> Words | None:
    """Why `title` cannot be a plan's title, in a few words; None when it can."""
    text = clean(title or "")
    key = match_key(text)
    if not key:
        return Words("none in the document", "aucun dans le document")
    if len(text) > title_rules.MAX_TITLE_CHARS:
        return Words(f"the candidate is {len(text)} characters long", f"le candidat fait {len(text)} caractères")
    if len(text.split()) > title_rules.MAX_TITLE_WORDS or title_rules.SENTENCE_INSIDE.search(text):
        return Words("the candidate is a paragraph", "le candidat est un paragraphe")
    if any(p.match(key) for p in title_rules.PLACEHOLDERS):
        return Words("the candidate is a placeholder", "le candidat est un texte à remplir")
    if any(p.match(key) for p in title_rules.NAVIGATION):
        return Words("the candidate is site navigation", "le candidat est la navigation du site")
    if _glued_labels(key):
        return Words("the candidate is column or band labels", "le candidat est fait d'intitulés de colonnes")
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
    title_rules.LABEL_WORDS | {synonym for synonyms in ingest_rules.HEADER_SYNONYMS.values() for synonym in synonyms}
)


def title_findings(metadata: Metadata, source: Source) -> list[Finding]:
    """`no-title` when the document gives no title that makes sense (the file name stands in)."""
    problem = title_problem(metadata.title)
    if problem is None:
        return []
    shown = clean(metadata.title or "")
    shown = shown[:60] + "…" if len(shown) > 60 else shown
    quoted = Words(f" '{shown}'", f" « {shown} »") if shown else ""
    stem = Path(source.file_name).stem
    return [kinds.NO_TITLE.finding(source.file_name, shown=quoted, problem=problem, stem=stem)]


# What `Overrides.apply` copies onto the metadata (the rest says how, not what).
_OVERRIDDEN = ("organization", "title", "plan_kind", "period_start", "period_end", "version_label")


def apply(metadata: Metadata, overrides: Overrides, source: Source | None = None) -> Metadata:
    """The user's word over the document's; then the folder, if asked, where neither names the
    organisation; then the version date a (possibly overridden) version label gives."""
    values = {name: getattr(overrides, name) for name in _OVERRIDDEN if getattr(overrides, name) is not None}
    if overrides.organization is not None:
        values["organization_source"] = overrides.organization_source or "option"
    applied = replace(metadata, **values)
    if applied.organization is None and overrides.organization_from == "folder" and source is not None:
        folder = organization.of_folder(source.path)
        applied = replace(applied, organization=folder, organization_source="folder" if folder else None)
    labelled = version_date(applied.version_label or "")
    if labelled is not None:
        applied = replace(applied, version_date=labelled, version_date_source="version-label")
    return applied


def version_date(label: str) -> str | None:
    """The ISO day a version label gives ("MAJ 12/01/2023" -> 2023-01-12; "mars 2024" -> 2024-03-01)."""
    key = match_key(label)
    for pattern in rules.VERSION_DATES:
        for found in pattern.finditer(key):
            parts = found.groupdict()
            named = ingest_rules.MONTH_WORDS.get(parts.get("mname") or "")
            month = int(parts["month"]) if parts.get("month") else named
            year = int(parts["year"]) + (ingest_rules.TWO_DIGIT_CENTURY if len(parts["year"]) == 2 else 0)
            if month is None:
                continue
            try:
                return date(year, month, int(parts.get("day") or 1)).isoformat()
            except ValueError:
                continue
    return None


def organization_findings(metadata: Metadata, source: Source) -> list[Finding]:
    """`no-organization` when no place names the organisation, with the sidecar line that would."""
    if metadata.organization:
        return []
    sidecar = f"{source.file_name}{SIDECAR_SUFFIX}"
    return [kinds.NO_ORGANIZATION.finding(source.file_name, sidecar=sidecar)]


def plan_key(metadata: Metadata) -> str:
    """Stable across versions: the organization and the title, without the version label."""
    parts = [slug(metadata.organization or ""), slug(metadata.title or "")]
    return "/".join(part for part in parts if part) or "plan"
