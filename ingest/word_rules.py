"""Word roadmaps: the patterns that say what a paragraph is, as data.

Patterns marked "on match_key" are matched against `core.text.match_key` (no accents,
lower case, ’ -> '); the others against the cleaned source text (their groups are kept
as written). Field labels ("Pilote : ...") and table headers use
`core.header_rules.HEADER_SYNONYMS` through `ingest.headers`.
"""

from __future__ import annotations

import re

# Paragraph styles (on match_key of the style name, English or French built-in names).
TITLE_STYLES: frozenset[str] = frozenset({"title", "titre"})
HEADING_STYLE = re.compile(r"^(?:heading|titre)\s*(?P<level>\d)$")
# List styles; a trailing digit is the list level ("List Bullet 2" -> second level).
LIST_STYLE = re.compile(
    r"^(?:list bullet|list number|list paragraph|list continue|liste a puces|liste numero|paragraphe de liste)"
    r"\s*(?P<level>\d)?$"
)
NUMBERED_LIST_STYLE = re.compile(r"^(?:list number|liste numero)")
# Styles of a table of contents, its entries ("toc 1", French "TM 1") and its heading: no part of the plan.
CONTENTS_STYLE = re.compile(r"^(?:toc|tm|table des matieres)\s*\d?$|^(?:toc heading|en-tete de table des matieres)$")
# Word numbering formats (w:numFmt) that do not number: the others (decimal, roman...) do.
UNNUMBERED_FORMATS: frozenset[str] = frozenset({"bullet", "none"})

# Bullets typed by hand; leading spaces or tabs make a nested bullet.
TYPED_BULLET = re.compile(r"^(?P<indent>[ \t\u00a0]*)[-•–—▪◦●·‣➢➤✓✔]\s+(?P<text>\S.*)$", re.DOTALL)
# Numbers typed by hand ("1. Mise en conformité", "2) Bienveillance").
TYPED_NUMBER = re.compile(r"^(?P<indent>[ \t\u00a0]*)(?P<number>\d{1,2})\s*[.)]\s+(?P<text>\S.*)$", re.DOTALL)

# A heading that names an axis (on match_key): "Axe 3 : RH", "Axes 1 et 2 : ...".
AXIS_HEADING = re.compile(r"^axes?\b")
# A vision statement (on match_key): "En 2025, la Résidence sociale : ...", "D'ici 2025, ...".
VISION = re.compile(r"^(?:en|d'ici|a l'horizon|horizon)\s+(?:19|20)\d{2}\s*,")
# The first blocks of a document (its cover page, the subtitle under its title): organisation clues.
COVER_BLOCKS = 12
# Who the vision speaks of, used as the organization when every vision names the same one.
VISION_SUBJECT = re.compile(
    r"^(?:En|D['’]ici|À l['’]horizon|A l['’]horizon|Horizon)\s+\d{4}\s*,\s*(?P<subject>[^:]{3,80}?)\s*:"
)
# The period the plan covers (on match_key): "couvrant les années 2022 à 2024".
PERIOD_SENTENCE = re.compile(
    r"\b(?:couvrant|couvre|couvrira|portant sur|sur)\s+(?:les\s+annees|la\s+periode(?:\s+de)?|les\s+exercices)\s+"
    r"(?P<start>(?:19|20)\d{2})\s*(?:a|au|-|/|et)\s*(?P<end>(?:19|20)\d{2})\b"
)
# Fiche-style documents: "Action 3 : Créer ...", "Fiche action n°2 – ...".
FICHE_ACTION = re.compile(
    r"^(?:fiche\s+)?action\s*(?:n\s*°|no\.?|num[ée]ro)?\s*(?P<code>\d{1,3}(?:\.\d{1,3}){0,4})\s*[:\-–—.)]\s*(?P<label>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "Pilote : DG", "Calendrier : 2024-2025": a field label (a header synonym) then a colon.
FIELD_LINE = re.compile(r"^(?P<name>[^:]{2,40}?)\s*:\s*(?P<value>.*)$", re.DOTALL)
# "(s)" closing a label ("Pilote(s)") is dropped before the synonym lookup.
PLURAL_MARK = re.compile(r"\s*\(s\)$")

# A bold or all-caps Normal paragraph longer than this is prose, not a heading.
MAX_HEADING_CHARS = 200
# A short paragraph, above the first axis, that labels the version ("Projet au 17/02/2022").
MAX_VERSION_CHARS = 80
# How many rows from the top of a Word table are searched for its header.
TABLE_HEADER_ROWS = 3
# Key/value tables ("Pilote | DG") need this many rows whose first cell is a field label.
MIN_FICHE_TABLE_FIELDS = 2
