"""Rules for plans written as text (web pages, narrative documents), as data.

Texts are compared through `core.text.match_key` (no accents, lower case, ’ -> ',
edge punctuation such as a trailing " :" removed). Add a word here, not an `if` in
`ingest/narrative.py` or `ingest/html.py`.
"""

from __future__ import annotations

import re

# --- page boilerplate (ingest/html.py) -------------------------------------------------

# Elements never read: code, styling, embedded objects, forms.
DROPPED_TAGS: frozenset[str] = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "form", "button"}
)
# Elements that hold the site around the article, not the article.
BOILERPLATE_TAGS: frozenset[str] = frozenset({"nav", "header", "footer", "aside", "menu"})
BOILERPLATE_ROLES: frozenset[str] = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# A class or id made of (or containing, between - or _) one of these words marks boilerplate.
BOILERPLATE_TOKENS: frozenset[str] = frozenset(
    {
        "nav",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "ariane",
        "arbo",
        "share",
        "sharing",
        "partage",
        "rubrique",
        "related",
        "sidebar",
        "widget",
        "footer",
        "pied",
        "header",
        "entete",
        "skip",
        "cookie",
        "banner",
        "comments",
        "screen",
    }
)
# Blocks whose text marks boilerplate even without markup (regexes on match_key).
BOILERPLATE_TEXTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^partager\b"),
    re.compile(r"^aller au contenu"),
    re.compile(r"^dans la meme rubrique"),
    re.compile(r"^accueil\s*>"),
    re.compile(r"^imprimer( cet article)?$"),
    re.compile(r"^(?:accueil|contact|contactez-nous|mentions legales|plan du site|nous contacter|rechercher)$"),
    re.compile(r"^(?:facebook|twitter|x|instagram|linkedin|youtube|retour en haut|haut de page)$"),
)
# Lists of links only, most of them this few words long, are menus; so is a list naming a site page.
MENU_ITEM_WORDS = 3
SITE_WORDS: frozenset[str] = frozenset(
    {"accueil", "contact", "contactez-nous", "nous contacter", "mentions legales", "plan du site", "qui sommes-nous"}
    | {"facebook", "twitter", "instagram", "linkedin", "youtube", "actualites", "agenda", "adherer", "faire un don"}
)
# Where the article is, in order of trust (tag name, or "#id" / ".class" token).
ARTICLE_CONTAINERS: tuple[str, ...] = ("article", "main", "[role=main]", ".texte", ".entry-content", ".content", "body")

# --- list items -----------------------------------------------------------------------

# A paragraph starting with one of these is a list item; the marker is not part of the text.
ITEM_MARKER = re.compile(r"^\s*(?:[→•▪▸►◦‣✓✔➢➤]|-|–|\*)\s*")
# Sentence ends: . ! ? followed by spaces and an upper-case letter, a quote or a digit.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«“(A-ZÀ-ÖØ-Þ0-9])")

# --- thematic documents (themes with sections) ------------------------------------------

# Section labels (match_key of a heading or a paragraph alone) -> role of the section.
SECTION_ROLES: dict[str, str] = {
    "contexte global": "context",
    "contexte": "context",
    "constat": "context",
    "constats": "context",
    "enjeux pour le reseau": "stakes",
    "enjeux": "stakes",
    "enjeu": "stakes",
    "actions du precedent projet": "done",
    "actions realisees": "done",
    "bilan du precedent projet": "done",
    "objectifs operationnels": "objectives",
    "objectif operationnel": "objectives",
    "projets deja engages": "in_progress",
    "projets engages": "in_progress",
    "actions engagees": "in_progress",
    "actions en cours": "in_progress",
    "pistes d'actions": "planned",
    "pistes d'action": "planned",
    "actions a mener": "planned",
    "actions envisagees": "planned",
}
# Roles whose paragraphs describe the axis (kept in the `axes` table).
NOTE_ROLES: frozenset[str] = frozenset({"context", "stakes", "objectives"})
# Roles whose items are actions; the section label itself is the action's status text.
ACTION_ROLES: frozenset[str] = frozenset({"done", "in_progress", "planned"})
# A paragraph in an action section that says there is no action ("Dimension non abordée").
NO_ACTION_TEXTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bnon abordee?s?\b"),
    re.compile(r"^(?:neant|aucune?|sans objet|pas d'action)\b"),
)
# A date in brackets at the end of an item: "(depuis 2017)", "(2014 -2015)" -> the deadline.
TRAILING_DATE = re.compile(r"\s*\((?P<when>[^()]*\b(?:19|20)\d{2}\b[^()]*)\)\s*[.,;]?\s*$")
# Actions read from the sections of a thematic document: their boundaries and status
# come from the document's own headings and bullets, but the document is not a grid.
THEMATIC_CONFIDENCE = 0.8

# --- plans written as prose --------------------------------------------------------------

# The document names itself a plan (regexes on match_key of its title and headings).
PLAN_NAMES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bplans? d'actions?\b"),
    re.compile(r"\bplan (?:strategique|pluriannuel|d'orientation)"),
    re.compile(r"\bprojet (?:associatif|federal|strategique|d'etablissement|de service)\b"),
    re.compile(r"\bfeuille de route\b"),
)
# A paragraph opening a pillar: "Le premier de ces piliers", "Le second pilier", "Le troisième axe".
PILLAR_OPENER = re.compile(
    r"^(?:le|la|l')\s*(?:premier|premiere|second|seconde|deuxieme|troisieme|quatrieme|cinquieme|sixieme|dernier)"
    r"\b(?:\s+et\s+dernier)?(?:\s+de\s+ces)?\s+(?:piliers?|axes?|orientations?|priorites?|thematiques?|chantiers?)\b"
)
# "Trois piliers", "trois thématiques fortes": the number of pillars the text announces.
PILLAR_COUNT = re.compile(r"\b(?P<count>deux|trois|quatre|cinq|six|[2-9])\s+(?:piliers|axes|orientations|priorites)\b")
NUMBER_WORDS: dict[str, int] = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6}
# A sentence stating an intention (regexes on match_key): it becomes a candidate action.
INTENT_CUES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bsouhait(?:e|ent|ons)\b"),
    re.compile(r"\b(?:veut|veulent|voulons)\b"),
    re.compile(r"\bvolonte\b"),
    re.compile(r"\b(?:s'engage|s'engagent|nous engageons)\b"),
    re.compile(r"\b(?:vise|ambitionne|prevoit|envisage|entend)\b"),
    re.compile(r"\bpose le principe\b"),
    re.compile(r"\bdoit\b|\bdevra\b|\bdevront\b"),
    re.compile(r"\bil y aura\b"),
    re.compile(r"\b(?:sera|seront) (?:propose|proposes|proposee|proposees|mis|mise|mises|developpe|cree|creee|lance)"),
    re.compile(r"\b(?:prendra|reposera|permettra|renforcera|developpera|deploiera|mettra)\b"),
)
# Candidate actions inferred from a statement of intent.
PROSE_CONFIDENCE = 0.5

# --- plan metadata in the text --------------------------------------------------------

# Month as compared (match_key) -> month as written in the version label.
MONTHS: dict[str, str] = {
    "janvier": "janvier",
    "fevrier": "février",
    "mars": "mars",
    "avril": "avril",
    "mai": "mai",
    "juin": "juin",
    "juillet": "juillet",
    "aout": "août",
    "septembre": "septembre",
    "octobre": "octobre",
    "novembre": "novembre",
    "decembre": "décembre",
}
# "définitivement adopté lors d'une assemblée générale le 17 septembre 2015" (on match_key).
ADOPTION = re.compile(
    r"\badopte(?:e|s|es)?\b[^.]{0,80}?\ble (?P<day>\d{1,2})(?:er)? (?P<month>"
    + "|".join(MONTHS)
    + r") (?P<year>(?:19|20)\d{2})\b"
)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

# --- plans written as lists (a page listing its actions or projects) ----------------------

# A heading naming the list of a plan's actions (on match_key): "Le plan d'action 2023-2024", "Nos actions".
LIST_PLAN_HEADINGS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bplans? d'actions?\b"),
    re.compile(r"\b(?:nos|les|des|principales|programme d'|fiches?) ?(?:actions|projets)\b"),
    re.compile(r"^(?:actions?|projets?|axes?|chantiers?)\b"),
    re.compile(r"\bfeuille de route\b"),
    re.compile(r"\b(?:nos|les) (?:axes|chantiers|orientations|priorites)\b"),
)
# Under a plan heading further up, a list whose own heading does not name the plan is read only
# when at least this share of its first-level items read as actions (an infinitive, an action noun).
LIST_ACTION_SHARE = 0.5
# A numbered project heading, as written: "1- Projet jardin", "Projet 2 : Les ateliers", "3. Action ...".
PROJECT_HEADING = re.compile(
    r"^(?:(?:projet|action|fiche(?: action| projet)?)\s*(?:n°\s*)?(?P<code1>\d{1,2})\s*[-–—.):]"
    r"|(?P<code2>\d{1,2})\s*[-–—.)])\s*(?P<label>\S.*)$",
    re.IGNORECASE,
)
# A numbered heading is a project's without a plan heading above it when it says so: its label
# opens with the word ("1- Projet jardin", not "2- Rédiger les actions", a guide's step; on match_key).
PROJECT_WORDS = re.compile(r"^(?:(?:le|la|les|un|une|notre|nos|l')\s*)?(?:projets?|actions?|fiches?)\b")
# A heading addressing the reader ("Comment rédiger votre plan d'action ?") speaks of plans in
# general (a guide), it does not name the list below as one's plan (on match_key).
READER_HEADING = re.compile(r"\b(?:votre|vos|comment)\b")
# "Objectifs : ..." under a project heading: label (on match_key) -> field. Fields marked with
# COMMENT_FIELDS keep their label in the text ("Public : les familles").
PROJECT_FIELD = re.compile(r"^(?P<name>[^:]{2,40}?)\s*:\s*(?P<value>.*)$", re.DOTALL)
PROJECT_FIELDS: dict[str, str] = {
    "objectif": "operational_objective",
    "objectifs": "operational_objective",
    "objectif general": "operational_objective",
    "objectifs generaux": "operational_objective",
    "objectifs operationnels": "operational_objective",
    "porteur": "pilot",
    "porteurs": "pilot",
    "porteur du projet": "pilot",
    "pilote": "pilot",
    "pilotes": "pilot",
    "referent": "pilot",
    "referents": "pilot",
    "responsable": "pilot",
    "partenaires": "partners",
    "partenaire": "partners",
    "indicateurs": "indicator",
    "indicateur": "indicator",
    "indicateurs de suivi": "indicator",
    "calendrier": "deadline",
    "echeance": "deadline",
    "echeancier": "deadline",
    "duree": "deadline",
    "budget": "budget",
    "cout": "budget",
    "statut": "status",
    "etat d'avancement": "status",
    "public": "comment",
    "publics": "comment",
    "public cible": "comment",
    "public vise": "comment",
    "publics cibles": "comment",
    "description": "comment",
    "lieu": "comment",
}
COMMENT_FIELDS: frozenset[str] = frozenset({"comment"})
# Actions read from a page's lists: their boundaries come from the markup, under a heading naming them.
LIST_CONFIDENCE = 0.8

# A page <title> ending with the site's name after a spaced separator ("Plan d'actions | Les Amarres").
TITLE_SITE_TAIL = re.compile(r"\s[|–—·»-]\s+(?P<site>(?:(?!\s[|–—·»-]\s).)+)$")
