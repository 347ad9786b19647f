"""Which plan a file is a version of (`plans.plan_key`), and the facts about the file it takes.

Two files are versions of one plan only when that is sure:
- the user said so: `plan_key` (or `plan`) in the file's sidecar is the key, as given;
- the organisation is known: its match key and the title without its version words and dates
  (`identity_rules.VERSION_PARTS`): `entraide-et-solidarites/plan-strategique-2021-2024`;
- no organisation: the title and the file itself (its name in its folder), so that strangers'
  same-titled plans never merge and the versions of one file name in one folder do:
  `plan-d-actions-2024-2026@3f2a91c0`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from core.records import Source
from core.text import match_key
from normalize.metadata import slug
from warehouse import identity_rules


@dataclass(frozen=True)
class FileFacts:
    """What the warehouse needs to know about a file besides its reading.

    `path`: the absolute path (same file name in the same folder = the same file);
    `settings_sha256`: hash of what the user said about it (sidecar text, ingest flags), None
    when nothing; `plan_key`: the identity the sidecar forces, if any."""

    path: str
    settings_sha256: str | None = None
    plan_key: str | None = None

    @staticmethod
    def of(source: Source) -> FileFacts:
        """Facts when the caller knows only the source (tests, a plan loaded by hand)."""
        return FileFacts(source.path)


def plan_title_key(title: str) -> str:
    """The title as a plan's identity: match key, version words and dates removed."""
    text = match_key(title)
    for pattern in identity_rules.VERSION_PARTS:
        text = pattern.sub(" ", text)
    return slug(re.sub(r"[()\[\]–—-]\s*$", "", text.strip())) or slug(title) or "plan"


def file_tag(path: str) -> str:
    """A short, stable tag of one file name in one folder."""
    return hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def plan_key(plan: Mapping[str, object], facts: FileFacts) -> str:
    if facts.plan_key:
        return facts.plan_key
    title = plan_title_key(str(plan.get("title") or ""))
    organization = plan.get("organization")
    if organization:
        return f"{slug(str(organization)) or 'organization'}/{title}"
    return f"{title}@{file_tag(facts.path)}"
