"""Parsing rules as data: header thresholds, marks, count and note rows, PDF tables.

Header synonyms and period words are shared with normalize: `core.header_rules`,
`core.period_rules`.

Every string here is compared through `core.text.match_key` (no accents, lower case).
Add a synonym here, not an `if` in an extractor.
"""

from __future__ import annotations

import re

from ingest import fiche_rules

# A header row must name the label column and at least this many fields in all.
MIN_HEADER_FIELDS = 3
# How many rows from the top of a sheet are searched for the header.
HEADER_SEARCH_ROWS = 60

# Month initials in calendar order: a run of at least MIN_MONTH_INITIALS one-letter headers
# spelling a part of it names months ("J F M A M J J A S O N D"); fewer letters are ambiguous.
MONTH_INITIALS = "jfmamjjasond"
MIN_MONTH_INITIALS = 6
# Cell values that mean "planned in this period".
# (Cells coloured by a fill are read by the grid reader, not here.)
MARKS: frozenset[str] = frozenset({"x", "xx", "×", "✓", "✔", "1", "oui", "yes", "☑", "☒", "•", "●", "■", "◼", "▪", "⬤"})

# First cell of a row that states counts about the sheet itself.
COUNT_LABELS: frozenset[str] = frozenset(
    {"total", "totaux", "nbre filtre", "nombre", "nb", "sous-total", "total general"}
)


# Document properties (ingest/office.py): the ISO day a W3CDTF date starts with, and the largest
# property or header/footer part read (a bigger one is not a property sheet: skipped).
ISO_DAY = re.compile(r"^(?:19|20)\d{2}-\d{2}-\d{2}")
MAX_PROPERTY_PART_BYTES = 1 << 20

# A metadata sheet of field/value rows (the "Plan" sheet `plans export` writes).
METADATA_KEYS: dict[str, str] = {
    "organisation": "organization",
    "titre": "title",
    "type de plan": "plan_kind",
    "periode": "period",
    "version": "version_label",
}
# The "À vérifier" sheet of a workbook `plans export` wrote (its name and first header cells, as
# match_key): what we found in the source, not the plan; a workbook sent back is read without it.
CHECK_SHEET_NAME = "a verifier"
CHECK_SHEET_HEADER = ("type", "emplacement dans le fichier d'origine")

# Codes such as 1.2.3 (a trailing dot allowed).
CODE_PATTERN = re.compile(r"^\d{1,3}(?:\.\d{1,3}){1,4}\.?$")
# Largest column shift we try to repair.
MAX_SHIFT = 3

# --- PDF plans (ingest/pdf.py) ----------------------------------------------------------

# pdfplumber table finding: the planning tables of PDF plans are ruled grids, so cells come
# from the drawn lines; text-only tables are not read as tables (their lines stay in the text).
PDF_TABLE_SETTINGS: dict[str, str | int | float] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
# Header synonyms that PDF planning tables add to HEADER_SYNONYMS (same matching rules).
PDF_HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "label": ("objectifs et actions", "objectif et action", "objectifs / actions", "projets/actions", "projets"),
    "indicator": ("objectif de resultat", "objectifs de resultat", "indicateurs de resultat", "indicateur de resultat"),
    "health": ("indice de sante", "sante", "meteo", "indicateur de sante"),
    "result": ("resultat atteint", "resultats atteints"),
}
# Header words of grouping cells above the real column headers ("Avancement :" spans the
# status columns): they make a row a header row but never name a column.
PDF_HEADER_GROUPS: frozenset[str] = frozenset(
    {"avancement", "atteinte des resultats", "statut", "objectifs et actions"}
)
# A column headed by a status word holds marks ("X"): the marked column gives the status.
# Values are the status text handed to normalize (which maps it through STATUS_WORDS).
STATUS_MARK_HEADERS: dict[str, str] = {
    "a programmer": "A programmer",
    "a faire": "A faire",
    "a venir": "A venir",
    "non demarre": "Non démarré",
    "en cours": "En cours",
    "en retard": "En retard",
    "finalise": "Finalisé",
    "termine": "Terminé",
    "realise": "Réalisé",
    "abandonne": "Abandonné",
}
# Tables that run over pages: a table without header rows goes on from the planning table of the same
# or the previous page when its columns start at the same x positions (points, within this); a row
# with an empty label continues the row above only within a table that goes on (README).
PDF_SAME_EDGE_TOLERANCE = 3.0
# A cell covers the grid columns and rows whose start lies inside it by more than this (points).
PDF_SPAN_TOLERANCE = 1.0
# The label column holds bullet items when this share of its filled cells opens with a bullet glyph
# (`pdf_lists_rules.BULLET_GLYPHS`): each item of a cell is an action; under an action header spread
# over several columns, the column of bullets is the label and the others hold categories.
PDF_BULLET_COLUMN_SHARE = 0.5
# A heading that says it goes on from the page before ("AXE 3 – OUTILS (suite)"): the same heading.
PDF_CONTINUED_HEADING = re.compile(r"\s*\((?:suite(?: et fin)?|fin|cont(?:\.|inued)?)\)\s*$", re.IGNORECASE)
# First cell of a table row (or a line of an outline) that names a hierarchy level.
ROW_LEVELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^axes?\s*(?:n°\s*)?\d*\s*[:\-–]"), "axis"),
    (re.compile(r"^objectifs? strategiques?\b"), "strategic_objective"),
    (re.compile(r"^objectifs? operationnels?\b"), "operational_objective"),
)
# A heading row with its number ("Objectif opérationnel 3.2 : ...", "Axe 2 : ..."): never a header
# row, even when its other cells hold words that name columns ("Taux de réalisation").
CODED_HEADING = re.compile(r"^(?:axes?|objectifs?\s+(?:strategiques?|operationnels?))\s*(?:n°\s*)?\d")
# "Action 1.1.1 : ..." in the label cell: the code, for the outline cross-check.
ACTION_ROW = re.compile(r"^(?:fiche\s+)?(?:action|projet)s?\s*(?:n°\s*)?(?P<code>\d{1,3}(?:\.\d{1,3}){1,4})\b")
# An outline item: "✓ 1.1.1. Amplifier ...", "1.1.1 - ...", "• 3.2.3.4. ..." (three or more numbers).
OUTLINE_ITEM = re.compile(
    r"^(?:[✓✔•\-–➤▪■□☐]\s*)?(?P<code>\d{1,3}(?:\.\d{1,3}){2,4})\.?\s*[:\-–.)]?\s+(?P<label>\S.*)$"
)
# Bullets in front of outline headings ("❖ AXE 1 : DEVELOPPER", "• Objectif Opérationnel 1 – ...").
OUTLINE_BULLETS = "✓✔•-–➤❖▪■□☐ "
# How similar (difflib ratio of match keys) an outline item and a table action must be to be
# taken for the same action numbered differently.
OUTLINE_LABEL_SIMILARITY = 0.6
# A line that starts a "fiche action" (annex form describing one action).
FICHE_TITLE = re.compile(r"^fiche (?:projet|action)\b")
# Labels of the fiche's fields -> what they give the action.
FICHE_KEYS: dict[str, str] = {
    "n° de projet": "code",
    "n° du projet": "code",
    "n° de l'action": "code",
    "n° action": "code",
    "numero de projet": "code",
    "libelle": "label",
    "statut": "status",
    "etat": "status",
    "debut": "start",
    "date de debut": "start",
    "fin": "end",
    "date de fin": "end",
    "referent projet": "referent",
    "referent": "referent",
    "referents": "referent",
    "partenaires": "partners",
    "taux d'avancement": "progress",
    "avancement": "progress",
}
# The organisation named in the text ("au CPAS de Saint-Ghislain"); first match wins. Lines are
# joined with newlines: a name goes on with capitalised words on the same line only.
ORGANIZATION_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?P<org>(?:CPAS|C\.P\.A\.S\.?|CCAS|C\.C\.A\.S\.?"
        r"|Centre (?:Public|Communal|Intercommunal) d['’]Action Sociale)"
        r"\s(?:de\s|d['’]|du\s)[A-ZÀ-Ý][\w’'-]*(?: [A-ZÀ-Ý][\w’'-]*)*)"
    ),
)
# A total the text states about itself, on match keys ("pas moins de 34 projets/actions").
STATED_TOTAL_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?:pas moins de|au total|soit|un total de|plus de)\s+(?P<n>\d{1,4})\s+(?:projets?\s*/\s*)?actions?\b"
    ),
    re.compile(r"\b(?P<n>\d{1,4})\s+(?:projets?\s*/\s*)?actions?\s+(?:au total|en tout)\b"),
)

# Page triage (ingest/pdf.py). pdfium reads every page's text (about 1 ms a page); pdfplumber
# (tens of ms a page) reads only the pages where something can be found. A page with path
# objects (lines, rectangles: a ruled table is possible) is always read whole. A page without
# them holds no table; its text lines are read when its text (match key) matches one of these
# (each one looser than the rule of the reader it stands for, so that it never misses).
PDF_TRIAGE_OUTLINE = re.compile(r"\d{1,3}(?:\s*\.\s*\d{1,3}){2,4}")  # an outline item ("✓ 1.1.1. ...", OUTLINE_ITEM)
PDF_TRIAGE_TEXT: tuple[re.Pattern[str], ...] = (
    PDF_TRIAGE_OUTLINE,
    re.compile(r"fiche\s*(?:projet|action)"),  # a fiche action title (FICHE_TITLE)
    re.compile(r"\d{1,4}\s*(?:projets?\s*/\s*)?actions?"),  # a stated total (STATED_TOTAL_PATTERNS)
    *fiche_rules.PDF_TRIAGE,  # fiche fields and activity blocks (ingest/fiches.py)
)
# A hierarchy heading ("Axe 1 : ...", ROW_LEVELS unanchored): read when an outline item may follow.
PDF_TRIAGE_HEADINGS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern.pattern.removeprefix("^")) for pattern, _ in ROW_LEVELS
)
# Organisation clues of a PDF: the first lines of its first page (the cover), and the top or bottom
# line of a page met on this many pages (a running header or footer; its page number aside).
PDF_COVER_LINES = 15
PDF_RUNNING_MIN_PAGES = 2
PDF_PAGE_NUMBER = re.compile(r"\b(?:page|p\.)?\s*\d+(?:\s*(?:/|sur|of)\s*\d+)?\b")
# PDF dates ("D:20240312093000+01'00'"): the day they start with.
PDF_DATE = re.compile(r"^(?:D:)?(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})")
# Words of ORGANIZATION_PATTERNS (match keys): read while the organisation is not found.
PDF_TRIAGE_ORGANIZATION_WORDS: tuple[str, ...] = ("cpas", "c.p.a.s", "ccas", "c.c.a.s", "action sociale")

# --- tables of contents (ingest/contents.py) -------------------------------------------
# A table of contents is the document's index, never its content: its lines are read by no reader
# of lines (PDF outline, bullet lists and fiches, Word paragraphs; Word's contents styles are
# `word_rules.CONTENTS_STYLE`). An entry is a title, a leader (dots, ellipses, middle dots or
# underscores, spaced or not; a Word tab) and its page number, arabic or roman (the front matter);
# on the text as written, case-insensitive.
CONTENTS_ENTRY = re.compile(
    r"^(?P<title>.*?[^\W\d_].*?)\s*(?:(?:(?:[.·_]\s?){3,}|…)[.·_…\s]*|\t+)\s*(?P<page>\d{1,3}|[ivxlc]{1,7})$",
    re.IGNORECASE,
)
# Under a contents heading, an entry needs no leader: a title then its page number.
CONTENTS_BARE_ENTRY = re.compile(r"^(?P<title>.*?[^\W\d_].*?)\s+(?P<page>\d{1,3})$")
# The heading of a table of contents (on match_key).
CONTENTS_HEADING = re.compile(r"^(?:tables? des matieres|sommaire|(?:table of )?contents|index)$")
# Entries with a leader needed to take lines for a table of contents without a heading above them,
# entries under a heading, and lines between two entries that belong to neither (a title wrapped
# over two lines, a running header between two pages).
MIN_LEADER_ENTRIES = 3
MIN_HEADED_ENTRIES = 2
MAX_CONTENTS_GAP = 1
