"""Normalisation rules as data. Keys are compared through `core.text.match_key`."""

from __future__ import annotations

import re

STATUSES: tuple[str, ...] = ("planned", "in_progress", "done", "abandoned")
# iA.PST's "indice de santé" of an action.
HEALTHS: tuple[str, ...] = ("good", "at_risk", "blocked", "paused")
HEALTH_WORDS: dict[str, str] = {
    "bon": "good",
    "bonne": "good",
    "ok": "good",
    "risque": "at_risk",
    "a risque": "at_risk",
    "en risque": "at_risk",
    "blocage": "blocked",
    "bloque": "blocked",
    "pause": "paused",
    "en pause": "paused",
}

# Status words seen in plans -> status. Compared after match_key (no accents, lower case).
STATUS_WORDS: dict[str, str] = {
    "a programmer": "planned",
    "a faire": "planned",
    "a venir": "planned",
    "prevu": "planned",
    "prevue": "planned",
    "planifie": "planned",
    "non demarre": "planned",
    "non commence": "planned",
    "en projet": "planned",
    "piste": "planned",
    "reporte": "planned",  # postponed: still to be done, later
    "reportee": "planned",
    "differe": "planned",
    "differee": "planned",
    "en cours": "in_progress",
    "commence": "in_progress",
    "demarre": "in_progress",
    "en retard": "in_progress",
    "engage": "in_progress",
    "finalise": "done",
    "termine": "done",
    "realise": "done",
    "fait": "done",
    "acheve": "done",
    # Section labels of narrative plans, given as the status text of their actions.
    "projets deja engages": "in_progress",
    "projets engages": "in_progress",
    "actions engagees": "in_progress",
    "actions en cours": "in_progress",
    "actions du precedent projet": "done",
    "actions realisees": "done",
    "bilan du precedent projet": "done",
    "pistes d'actions": "planned",
    "pistes d'action": "planned",
    "actions a mener": "planned",
    "actions envisagees": "planned",
    "abandonne": "abandoned",
    "annule": "abandoned",
    "supprime": "abandoned",
}

# Hierarchy words: a text starting with one of them belongs to that level, whatever its
# column. `num` is the number the text gives itself ("Engagement n°8", "Objectif
# opérationnel 1.2"), used to attach it to the actions coded under that number.
LEVEL_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^axes?\b"), "axis"),
    (
        re.compile(
            r"^(?:engagement|objectifs? (?:strategiques?|generaux|general)|orientations? strategiques?)"
            r"\s*(?:n°|no|numero)?\s*(?P<num>\d+)?\b"
        ),
        "strategic_objective",
    ),
    (
        re.compile(r"^objectifs? operationnels?\s*(?:n°|no|numero)?\s*(?P<num>\d+\.\d+)?\b"),
        "operational_objective",
    ),
)

# "Action 1.1.1 : ...", "1.1.1. ...", "✓ 1.1.1 - ..." at the start of a label.
LABEL_CODE_PREFIX = re.compile(
    r"^\s*(?:[✓✔•\-–]\s*)?(?:(?:fiche\s+)?action\s*(?:n°\s*)?)?(?P<code>\d{1,3}(?:\.\d{1,3}){1,4})\.?\s*[:\-–.)]?\s+",
    re.IGNORECASE,
)
# A normalised action code: digits separated by dots, optionally a short letter prefix.
CODE = re.compile(r"^(?:[A-Z]{1,3}[-.]?)?\d{1,3}(?:\.\d{1,3}){0,4}$")

# Deadline texts -> periods. `start`/`end` are years; `sem` a semester for the first year.
# "depuis ..." gives the start only: see OPEN_ENDED_DEADLINE.
DEADLINE_PATTERNS: tuple[tuple[re.Pattern[str], int | None], ...] = (
    (re.compile(r"^depuis (?:le )?(?:1er|premier) semestre (?P<start>(?:19|20)\d{2})$"), 1),
    (re.compile(r"^depuis (?:le )?(?:2e|2eme|second|deuxieme) semestre (?P<start>(?:19|20)\d{2})$"), 2),
    (re.compile(r"^depuis (?:(?:le )?debut |l'annee |fin )?(?P<start>(?:19|20)\d{2})$"), None),
    (re.compile(r"^(?:debut|1er semestre|premier semestre|s1|printemps)\s*(?P<start>(?:19|20)\d{2})$"), 1),
    (re.compile(r"^(?:fin|2e semestre|2eme semestre|second semestre|s2|automne)\s*(?P<start>(?:19|20)\d{2})$"), 2),
    (re.compile(r"^(?:de\s+)?(?P<start>(?:19|20)\d{2})\s*(?:-|–|/|a|au)\s*(?P<end>(?:19|20)\d{2})$"), None),
    (re.compile(r"^(?:en\s+|courant\s+|annee\s+)?(?P<start>(?:19|20)\d{2})$"), None),
)

# Dates of start/end/deadline cells, read through the period headers' grammar
# (`core.periods.period_of`: "01/09/2024", "2024-09-01", "sept. 2024", "T3 2024", "2024").
# A day written in words in front of a month ("1er septembre 2024", "15 sept. 2024") is dropped.
DATE_DAY_PREFIX = re.compile(r"^(?:le\s+)?(?:1er|[0-3]?\d)\s+(?=[a-z])")
# A range in one cell ("sept. 2024 - juin 2025", "de janvier à mars 2025"): start and end texts.
DATE_RANGE = re.compile(r"^(?:de\s+|du\s+)?(?P<start>.+?)\s+(?:-|–|a|au|jusqu'a|jusqu'au)\s+(?P<end>.+)$")
# Most periods a date range may span (months, or years for year dates); beyond it is a typo.
MAX_DATE_SPAN = 240

# A deadline that names no period because the action goes on ("En continu", "Permanent", "Tout au
# long du plan", "Chaque année"; a footnote mark "*" is trimmed by match_key): read, no finding, no
# planned period (the `current_actions` view then gives the action the plan's period as its effective one).
ONGOING_DEADLINES: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:en )?(?:continu|continue|permanence|cours)$"),
    re.compile(r"^(?:action )?(?:permanente?|continue|recurrente?|reguliere?)$"),
    re.compile(r"^(?:annuel|annuelle|annuellement|chaque annee|tous les ans|toute l'annee|au fil de l'eau)$"),
    re.compile(r"^(?:tout au long|pendant toute la duree|sur toute la duree|durant toute la duree)\b"),
)
# A deadline that states when an action started, not when it ends ("depuis 2017"):
# the schedule holds the start period and `end_year` stays NULL.
OPEN_ENDED_DEADLINE = re.compile(r"^depuis\b")

# Plan kinds named in titles (regexes on match_key of the title).
PLAN_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bplan strategique\b"), "strategic_plan"),
    (re.compile(r"\bfeuille de route\b"), "roadmap"),
    (re.compile(r"\bplans? d'actions?\b"), "action_plan"),
    (re.compile(r"\bprojet (?:associatif|federal|d'etablissement|de service|strategique)\b"), "project"),
)
# A plan kind as a "Type de plan" cell names it (match_key; our exported workbook writes these,
# export/table.py PLAN_KIND_LABELS): read back as the kind.
PLAN_KIND_NAMES: dict[str, str] = {
    "plan strategique": "strategic_plan",
    "feuille de route": "roadmap",
    "plan d'actions": "action_plan",
    "projet": "project",
}
# The words that name the kind at the start of a title, removed to find the organization.
TITLE_KIND_PREFIX = re.compile(
    r"^\s*(?:plan\s+strat[ée]gique(?:\s+transversal)?|feuille\s+de\s+route|plans?\s+d['’]actions?"
    r"|projet\s+(?:associatif|f[ée]d[ée]ral|d['’][ée]tablissement|de\s+service|strat[ée]gique))"
    r"(?:\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’]))?\s*",
    re.IGNORECASE,
)
PERIOD_IN_TEXT = re.compile(r"(?P<start>(?:19|20)\d{2})\s*(?:-|–|/|à|a|au)\s*(?P<end>(?:19|20)\d{2})")
# Words left between the kind and the organization once the period is removed ("de l'").
LEADING_CONNECTOR = re.compile(r"^(?:de\s+la|de\s+l['’]|du|des|de|d['’]|pour)\s*", re.IGNORECASE)

# Pilot and partner cells name several people or bodies ("DG & Bureau", "Dir Hébergement,
# Dir IAE", "Codir/Bureau", "DG et Comm.Vie associative"). Separators between names, on the
# text outside parentheses (a parenthesis qualifies a name: "Pole ressources (Energies et
# Fluides)" stays whole).
PEOPLE_SEPARATORS = re.compile(r"\s*(?:[,;&/+\n]|\s-\s|\bet\b|\bainsi que\b)\s*", re.IGNORECASE)
# In a pilot-and-partners cell ("Conseil municipal, service des loisirs"), what ends the lead's
# name (outside parentheses): the partners follow.
LEAD_SEPARATOR = re.compile(r"\s*[,;]\s*")
# An unspaced hyphen between two capitalised single words joins two bodies ("Bureau-Codir").
PEOPLE_HYPHEN = re.compile(r"^(?P<a>[A-ZÀ-Ý][\w.]+)-(?P<b>[A-ZÀ-Ý][\w.]+)$")
# A parenthesis starting with one of these words names more people ("DG (appuyé par Codir)").
PEOPLE_SUPPORT = re.compile(
    r"^(?:appuy[ée]+s?|aid[ée]+s?|soutenus?|soutenues?|accompagn[ée]+s?)\s+par\s+|^(?:avec|en lien avec)\s+",
    re.IGNORECASE,
)
# Pieces that name nobody ("etc...", "…").
PEOPLE_FILLERS: frozenset[str] = frozenset({"etc", "etc.", "etc...", "...", "…"})
# Nearest-neighbour clustering: two name keys at least this similar (rapidfuzz fuzz.ratio,
# 0-100) are the same person or body ("pole ressource" / "pole ressources").
PEOPLE_SIMILARITY = 90.0

# --- organisation and version date (normalize/organization.py, normalize/metadata.py) -------

# Where the organisation comes from, first found wins (`organization_source` values). What the user
# says (`sidecar`, `option`: --organization) overrides every one; then what the reader found
# itself (`sheet`: a "Plan" metadata sheet, `site-name`: og:site_name, `cover`/`body`: a CPAS
# named in a PDF's text, `body`: the subject of a Word plan's visions); then the title; then
# these clues, in this order; then `folder` when `--organization-from folder` asks for it.
ORGANIZATION_PLACES: tuple[str, ...] = (
    "subtitle",
    "cover",
    "header-footer",
    "pdf-metadata",
    "site-name",
    "properties",
)
# Every value of `organization_source` (the pandera schema checks it) and of `version_date_source`.
ORGANIZATION_SOURCES: tuple[str, ...] = (
    "sidecar",
    "option",
    "sheet",
    "site-name",
    "body",
    "title",
    "file-name",
    *ORGANIZATION_PLACES,
    "folder",
)
VERSION_DATE_SOURCES: tuple[str, ...] = ("version-label", "properties", "pdf-metadata", "file-mtime")
# Words that start an organisation's name, as written (the first letter a capital): "Association
# Les Amarres", "CPAS de Namur", "Fédération des centres sociaux de la Drôme".
ORGANIZATION_NAME = re.compile(
    r"(?P<org>(?=(?-i:[A-ZÀ-Ý]))(?:association|asbl|a\.s\.b\.l\.?|cpas|c\.p\.a\.s\.?|ccas|c\.c\.a\.s\.?|cias"
    r"|centre (?:public|communal|intercommunal) d['’]action sociale|centres? sociaux|centre social"
    r"|f[ée]d[ée]ration|fondation|mutualit[ée]|union (?:r[ée]gionale|d[ée]partementale|nationale)"
    r"|udaf|uriopss|maison (?:de|des|du|d['’])|r[ée]gie de quartier|mission locale|ville de|commune de"
    r"|municipalit[ée] de|mairie de|communaut[ée] (?:de communes|d['’]agglom[ée]ration|urbaine)|m[ée]tropole"
    r"|conseil (?:d[ée]partemental|r[ée]gional)|d[ée]partement (?:de|des|du|d['’])|r[ée]gion)"
    r"\b[^|–—:;,.()\n]*)",
    re.IGNORECASE,
)
# In a title, an organisation after "de la", "de l'", "du", "des" is written in lower case: "Plan
# directeur de la municipalité de Chelsea", "Projet social de l'association Les Amarres".
# The kind of body, then its name: "de la ville" alone names no one.
ORGANIZATION_OF = re.compile(
    r"\b(?:de la|de l['’]|du|des)\s+(?P<org>(?:(?:association|f[ée]d[ée]ration|fondation|centre social"
    r"|centre communal d['’]action sociale)\s+"
    r"|(?:municipalit[ée]|commune|ville|mairie|r[ée]gion|d[ée]partement|m[ée]tropole)\s+(?:de|d['’]|du|des)\s*"
    r"|communaut[ée] (?:de communes|d['’]agglom[ée]ration|urbaine)\s+)[^|–—:;,.()\n]+)",
    re.IGNORECASE,
)
# Spaced separators between a title and what it is of ("Plan d'actions 2024 – Les Amarres").
TITLE_PART_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
# Parts of a title, header or footer that name no organisation (on match_key, whole part):
# periods, page numbers, document states.
NOT_ORGANIZATION_PARTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:(?:page|p\.)\s*)?[\d\s/.–-]*(?:(?:sur|of)\s*\d+)?$"),
    re.compile(r"^(?:confidentiel|document de travail|brouillon|draft|projet)$"),
    re.compile(r"^version (?:provisoire|finale|definitive|de travail)$"),
)
# Years left around a name ("2024 Les Amarres", "CPAS de Namur 2021-2024").
YEARS_AROUND = re.compile(
    r"^(?:(?:19|20)\d{2}\s*(?:[-–/]\s*(?:19|20)\d{2})?[\s,:–-]*)+"
    r"|[\s,:–-]*(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)\d{2})?\s*$"
)
# Company properties and site names that name no organisation (on match_key, whole text).
NOT_ORGANIZATION_NAMES: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:microsoft(?: corporation)?|apple(?: inc\.?)?|google|libreoffice|openoffice)$"),
    re.compile(r"^the document foundation$"),
    re.compile(r"^(?:home|personal|personnel|private|prive|company|societe|entreprise|organisation|organization)$"),
    re.compile(r"^(?:n/?a|none|aucune?|unknown|inconnue?|default|-+|\.+|\?+)$"),
    re.compile(r"^(?:wordpress|blog|site|mon site|my site|my blog|mon blog)$"),
)
# Longest organisation name (characters, words): beyond it, a sentence.
MAX_ORGANIZATION_CHARS = 90
MAX_ORGANIZATION_WORDS = 12

# A date in a version label ("MAJ 12/01/2023", "Projet au 17/02/2022", "Version du 3 avril 2024",
# "V3 – mars 2024": the first of the month), on match_key. Month words: `ingest.rules.MONTH_WORDS`.
VERSION_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)[/.-](?P<month>[01]?\d)[/.-](?P<year>(?:19|20)?\d{2})\b"),
    re.compile(r"(?:\b(?P<day>[0-3]?\d)(?:er)?\s+)?\b(?P<mname>[a-z]{3,9})\.?\s+(?P<year>(?:19|20)\d{2})\b"),
)
