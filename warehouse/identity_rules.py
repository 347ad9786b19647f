"""What a title carries that is not the plan's identity: its version words and dates.

Compared on `core.text.match_key` forms (lower case, no accents). A period of years
("2024-2026", "2024") stays: it tells two plans apart, not two versions of one.
"""

from __future__ import annotations

import re

_MONTHS = (
    "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
    "janv|fevr|fev|avr|juil|sept|oct|nov|dec"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|(?:\d{{1,2}}(?:er)? )?(?:{_MONTHS})\.? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)
# Removed from a title, in this order, before it becomes the plan part of `plan_key`.
VERSION_PARTS: tuple[re.Pattern[str], ...] = (
    # "MAJ 12/01/2023", "mise à jour du 3 mars 2024", "projet au 17/02/2022", "actualisé le …", "version du …"
    re.compile(rf"\b(?:maj|mise a jour|projet|actualise|version|etat|edition)\b(?: (?:au|du|le|de))? {_DATE}"),
    # "V3", "v10", "version 2", "v2.1", "rev 4"
    re.compile(r"\b(?:v|version|rev|revision|ver)\.? ?\d+(?:[.,]\d+)*\b"),
    re.compile(rf"\b{_DATE}\b"),
    # Drafts and finals of one plan.
    re.compile(r"\b(?:brouillon|draft|provisoire|definitif|definitive|final|finale|projet de travail)\b"),
)

# The order of the versions of one plan, oldest first: the document's own date (else the file's
# day), then the ingest order (a re-read keeps its source_id, hence its place). Never file names.
VERSION_ORDER = "version_date ASC NULLS FIRST, source_id ASC"
LATEST_FIRST = "version_date DESC NULLS LAST, source_id DESC"
