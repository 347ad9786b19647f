"""Parsing rules as data: header synonyms, period headers, marks, count and note rows.

Every string here is compared through `core.text.match_key` (no accents, lower case).
Add a synonym here, not an `if` in an extractor.
"""

from __future__ import annotations

import re

from ingest import fiche_rules

# Column header -> canonical field. A header matches a synonym exactly, or starts with it
# followed by a space or punctuation ("Pilote(s)", "Indicateur de réussite").
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "axis": (
        "axe",
        "axes",
        "axe strategique",
        "orientation",
        "orientation strategique",
        "thematique",
        "theme",
        "domaine",
        "priorite",
    ),
    "strategic_objective": (
        "objectif general",
        "objectifs generaux",
        "objectif strategique",
        "objectifs strategiques",
        "engagement",
        "enjeu",
        "finalite",
    ),
    "operational_objective": (
        "objectif operationnel",
        "objectifs operationnels",
        "sous-objectif",
        "objectif specifique",
        "objectifs specifiques",
    ),
    "action_code": ("n° action", "n°", "no", "num", "numero", "code", "ref", "reference", "id", "n° de l'action"),
    "label": (
        "action",
        "actions",
        "intitule",
        "intitule de l'action",
        "libelle",
        "description",
        "description de l'action",
        "mesure",
        "actions a mener",
        "fiche action",
    ),
    "pilot": (
        "pilote",
        "pilotes",
        "pilote operationnel",
        "responsable",
        "responsables",
        "porteur",
        "porteurs",
        "referent",
        "qui",
    ),
    "partners": (
        "acteurs mobilises",
        "acteurs",
        "partenaires",
        "partenaires associes",
        "contributeurs",
        "acteurs concernes",
        "personnes associees",
    ),
    "indicator": (
        "indicateur",
        "indicateurs",
        "indicateur de reussite",
        "indicateurs de reussite",
        "indicateur de suivi",
        "indicateurs de suivi",
        "indicateurs d'evaluation",
        "criteres d'evaluation",
    ),
    "status": ("statut", "etat", "etat d'avancement", "situation"),
    "progress": (
        "avancement",
        "% avancement",
        "taux d'avancement",
        "% realisation",
        "taux de realisation",
        "progression",
    ),
    "health": ("sante", "indice de sante", "meteo"),
    "parent": ("action parente", "sous-action de", "parent"),
    "deadline": ("echeance", "echeances", "calendrier", "delai", "delais", "echeancier", "quand", "date de fin"),
    # Start and end dates (normalize reads them as dates and schedules the months between).
    # "Date de fin" stays a deadline: deadlines read ranges and words ("2019-2020", "Fin 2021") too.
    "start_date": ("date de debut", "date debut", "debut", "date de demarrage", "demarrage", "date de lancement"),
    "end_date": ("date fin", "fin", "date de fin prevue", "fin prevue", "date d'achevement"),
}

# A header row must name the label column and at least this many fields in all.
MIN_HEADER_FIELDS = 3
# How many rows from the top of a sheet are searched for the header.
HEADER_SEARCH_ROWS = 60

# Period headers (match keys). Each pattern names what it reads through its groups: `year`
# (4 digits, or 2 after a month word), `sem`, `quarter`, `month` (a number), `mname` (a word
# of MONTH_WORDS), `day`, `week`, `rel` ("Mois 3": the third month of the plan). The finest
# group found is the grain. A pattern without `year` gives a relative period, whose year
# `headers.anchor_periods` finds. First match wins: today's semester spellings come first, so
# "S1 2024" stays a semester and only "S3".."S53" are weeks.
_ORDINAL = r"(?P<sem>1|2|premier|second|deuxieme)\s*(?:°|er|ere|e|eme|nd|nde)?"
_QUARTER_ORDINAL = r"(?P<quarter>[1-4]|premier|deuxieme|second|troisieme|quatrieme)\s*(?:°|er|ere|e|eme|nd|nde)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_SEP = r"\s*[-/ ]?\s*"
PERIOD_PATTERNS: tuple[re.Pattern[str], ...] = (
    # semesters and years (the spellings read before months and quarters existed)
    re.compile(rf"^{_ORDINAL}\s*semestre\s*(?P<year>\d{{4}})$"),
    re.compile(r"^s\s*(?P<sem>[12])\s*[-/ ]?\s*(?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})\s*[-/ ]?\s*s\s*(?P<sem>[12])$"),
    re.compile(r"^semestre\s*(?P<sem>[12])\s*[-/ ]?\s*(?P<year>\d{4})$"),
    re.compile(r"^(?:annee|en)?\s*(?P<year>(?:19|20)\d{2})$"),  # "2024", "Année 2024", "En 2024"
    # semesters without a year ("S1", "2e semestre", "1er sem.")
    re.compile(r"^(?:s|semestre)\s*(?P<sem>[12])$"),
    re.compile(rf"^{_ORDINAL}\s*sem(?:estre|\.)?(?:\s*{_YEAR})?$"),
    # a span of months that is a semester or a quarter ("Janv-Juin", "Juil. - Déc. 2024")
    re.compile(rf"^(?P<mfrom>[a-z]{{3,9}})\.?\s*(?:[-/–]|a)\s*(?P<mto>[a-z]{{3,9}})\.?(?:\s*{_YEAR})?$"),
    # quarters: "T1 2024", "Q2", "2024-T3", "1er trimestre 2024", "Trim. 4"
    re.compile(rf"^(?:t|q|trim|trimestre)\.?\s*(?P<quarter>[1-4])(?:{_SEP}{_YEAR})?$"),
    re.compile(rf"^{_YEAR}{_SEP}(?:t|q)\s*(?P<quarter>[1-4])$"),
    re.compile(rf"^{_QUARTER_ORDINAL}\s*trim(?:estre|\.)?(?:\s*{_YEAR})?$"),
    # days: "01/03/2024", "2024-03-01" (a date in a header or a date cell names its month)
    re.compile(r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>(?:19|20)\d{2})$"),
    re.compile(r"^(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[ t]\d{2}:\d{2}(?::\d{2})?)?$"),
    # a day without its year ("02/01", a weekly Gantt's Mondays): its month, relative
    re.compile(r"^(?P<day>\d{1,2})/(?P<month>\d{1,2})$"),
    # months: "01/2024", "2024-01", "janv.", "janvier 2024", "janv-24", "Mois 3", "M3"
    re.compile(r"^(?P<month>0?[1-9]|1[0-2])\s*[/.-]\s*(?P<year>(?:19|20)\d{2})$"),
    re.compile(r"^(?P<year>(?:19|20)\d{2})\s*[/.-]\s*(?P<month>0[1-9]|1[0-2])$"),
    re.compile(r"^(?P<mname>[a-z]{3,9})\.?(?:\s*[-/ '.]?\s*(?P<year>(?:19|20)\d{2}|\d{2}))?$"),
    re.compile(r"^(?:mois|m)\s*(?P<rel>[1-9]\d?|1[0-1]\d|120)$"),
    # weeks: "Semaine 12", "Sem. 12", "W12", "2024-W12", "S12" (S1/S2 are semesters, above)
    re.compile(rf"^(?:semaine|sem|w|wk)\.?\s*(?P<week>[1-9]|[1-4]\d|5[0-3])(?:{_SEP}{_YEAR})?$"),
    re.compile(rf"^{_YEAR}{_SEP}w\s*(?P<week>[1-9]|[1-4]\d|5[0-3])$"),
    re.compile(rf"^s\s*(?P<week>[3-9]|[1-4]\d|5[0-3])(?:\s+{_YEAR})?$"),
)
# Month initials in calendar order: a run of at least MIN_MONTH_INITIALS one-letter headers
# spelling a part of it names months ("J F M A M J J A S O N D"); fewer letters are ambiguous.
MONTH_INITIALS = "jfmamjjasond"
MIN_MONTH_INITIALS = 6
SEMESTER_WORDS: dict[str, int] = {"1": 1, "premier": 1, "2": 2, "second": 2, "deuxieme": 2}
QUARTER_WORDS: dict[str, int] = {
    **{str(n): n for n in range(1, 5)},
    "premier": 1,
    "deuxieme": 2,
    "second": 2,
    "troisieme": 3,
    "quatrieme": 4,
}
# Month words (match keys, without the abbreviation dot), French first, then English.
MONTH_WORDS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "avril": 4, "avr": 4, "apr": 4, "april": 4,
    "mai": 5, "may": 5,
    "juin": 6, "jun": 6, "june": 6,
    "juillet": 7, "juil": 7, "jul": 7, "july": 7,
    "aout": 8, "aou": 8, "aug": 8, "august": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}  # fmt: skip
# A two-digit year after a month word ("janv-24") is in this century.
TWO_DIGIT_CENTURY = 2000

# Cell values that mean "planned in this period".
# (Cells coloured by a fill are read by the grid reader, not here.)
MARKS: frozenset[str] = frozenset({"x", "xx", "×", "✓", "✔", "1", "oui", "yes", "☑", "☒", "•", "●", "■", "◼", "▪", "⬤"})

# First cell of a row that states counts about the sheet itself.
COUNT_LABELS: frozenset[str] = frozenset(
    {"total", "totaux", "nbre filtre", "nombre", "nb", "sous-total", "total general"}
)

# Text before the header that labels a version ("MAJ : 12/01/2023", "Projet au 17/02/2022").
VERSION_PATTERN = re.compile(r"^(?:maj|mise a jour|version|projet au|actualise le|v\d)\b\s*:?\s*(?P<value>.*)$")

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
YEAR_RANGE = re.compile(r"(?P<start>(?:19|20)\d{2})(?:\s*[-–/à]\s*(?P<end>(?:19|20)\d{2}))?")

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
