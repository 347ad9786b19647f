"""Bullet-list plans in PDFs: glyphs, headings and plan evidence, as data.

Patterns marked "on match_key" are matched against `core.text.match_key` (no accents,
lower case, ’ -> ').
"""

from __future__ import annotations

import re

# Glyphs that open a list item. Word exports Symbol / Wingdings bullets as private-use
# code points (U+F0B7 Symbol bullet, U+F0A7 Wingdings square, U+F0D8 arrow, U+F076 diamond...).
BULLET_GLYPHS: frozenset[str] = frozenset(
    "•▪◦●○■◆◇❖►▸‣➢➤➔→✓✔-–—*·❏❑❒▲☞➣➥⇒" + "\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a6\uf0e0\uf0e8\uf0d9\uf06e\uf071\uf075\uf0a2"
)
# A private-use code point (U+E000-U+F8FF) is a symbol font's glyph: opening a line, it is a
# bullet too (unless a check box). `SYMBOL_FONT_WORDS`: a font whose name holds one of these
# has no letters; pdfminer decodes its codes as the letters of their bytes ("l" for ZapfDingbats'
# ●, "n" for its ■) or "(cid:226)", read as the private-use glyph U+F000 + code, as Word writes them.
PRIVATE_USE = ("\ue000", "\uf8ff")
SYMBOL_FONT_WORDS: tuple[str, ...] = ("Dingbats", "Symbol", "Wingdings", "Webdings")
SYMBOL_CODE = re.compile(r"^(?:(?P<char>[\x21-\x7e])|\(cid:(?P<cid>\d{1,3})\))$")
SYMBOL_BASE = 0xF000
# Form check boxes (☐ ☑, Wingdings U+F0A8 / U+F0FE / U+F06F): an answer to a form, never a list item.
CHECKBOX_GLYPHS: frozenset[str] = frozenset("☐☑☒□\uf0a8\uf0fe\uf06f\uf078")
# A numbered item typed in the text: "1. ...", "2) ...", "3- ...".
NUMBERED_ITEM = re.compile(r"^(?P<number>\d{1,2})\s*[.)\-–]\s+(?P<text>\S.*)$")
# Two bullets whose x positions differ by less than this (points) are at the same level.
INDENT_TOLERANCE = 3.0
# A wrapped line continues the item above when it starts right of the bullet and comes
# within this many line heights of the line above.
MAX_LINE_GAP = 1.8
# A heading line (bold or larger than the body) is short; longer lines are prose.
MAX_HEADING_CHARS = 150
# Larger than the body text by at least this many points: a heading even when not bold.
HEADING_SIZE_STEP = 1.0

# Headings that give the hierarchy (on match_key), "Axe 1 : ...", "AXE STRATÉGIQUE 2", "Orientation 3".
AXIS_HEADINGS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^axes?\b"),
    re.compile(r"^(?:orientations?|priorites?|chantiers?|enjeux?|pilier)\s*(?:n°\s*)?\d+\b"),
    re.compile(r"^(?:orientations?|priorites?|axes?) strategiques?\b"),
)
OBJECTIVE_HEADINGS: tuple[re.Pattern[str], ...] = (re.compile(r"^(?:sous-objectifs?|objectifs?)\b"),)
# An objective heading that needs no bold: numbered ("Objectif 2 :", "Objectif opérationnel 1.3").
NUMBERED_OBJECTIVE = re.compile(r"^objectifs? (?:[a-z]+ )?(?:n° ?)?\d+(?:\.\d+)*\b")
# A heading that names a plan, its axes or its actions: a list under it may be a plan (on match_key).
PLAN_HEADINGS: tuple[re.Pattern[str], ...] = (
    *AXIS_HEADINGS,
    *OBJECTIVE_HEADINGS,
    re.compile(r"\bplans? d'actions?\b"),
    re.compile(r"\bfeuille de route\b"),
    re.compile(r"\b(?:nos|les|des|principales|programme d') ?actions\b"),
    re.compile(r"^actions?\b"),
    re.compile(r"\bplan (?:strategique|pluriannuel|d'orientation)\b"),
    re.compile(r"\bprojet (?:associatif|strategique|d'etablissement|de service|federal)\b"),
)
# Further up (not the heading right above the list), only an axis or a plan's name counts: a
# funding note's "Objectif spécifique" heading does not make every list below it a plan's.
ANCESTOR_PLAN_HEADINGS: tuple[re.Pattern[str], ...] = (
    *AXIS_HEADINGS,
    re.compile(r"\bplans? d'actions?\b"),
    re.compile(r"\bfeuille de route\b"),
    re.compile(r"\bplan (?:strategique|pluriannuel|d'orientation)\b"),
)
# A document title that names a plan (on match_key): its words, or a span of years
# ("Nos engagements 2023-2025", "Programme 2024/2026"). Under such a title, a numbered heading
# ("Ambition 2 / ...", "III. ...", "Enjeu n°3 - ...") above a list of actions is a part of the plan.
PLAN_TITLES: tuple[re.Pattern[str], ...] = (
    *ANCESTOR_PLAN_HEADINGS,
    re.compile(r"\b(?:programme|plan) d'(?:actions?|activites?)\b|\bplan de developpement\b"),
    re.compile(r"\b(?:19|20)\d{2}\s*(?:-|–|—|/|a|au)\s*(?:19|20)\d{2}\b"),
)
NUMBERED_HEADING = re.compile(r"^(?:[a-z]+\s+)?(?:n°\s*)?(?:\d{1,2}(?:\.\d{1,2})*|[ivxl]{1,5})\s*[.:/)\-–—]\s*\w")
# Under a numbered heading only (no plan word), the share of first-level items that must read as actions.
NUMBERED_ACTION_SHARE = 0.8
# An item that reads as an action (on match_key): an infinitive ("Créer ...", "Mettre en place ...")
# or an action noun with its object ("Organisation de ...", "Mise en place d'...").
INFINITIVE = re.compile(r"^(?:ne pas |s'|se |re-)?(?P<word>[a-z]{3,}(?:er|ir|re))\b")
ACTION_NOUN = re.compile(
    r"^(?:mise en (?:place|oeuvre|ligne|reseau)|suivi|appui|soutien|accueil|[a-z]{3,}(?:tion|sion|ment|age)s?)"
    r"\s+(?:de|d'|du|des|aux?|a|en|avec|pour)\b"
)
# Words ending like an infinitive that are not verbs (first word of an item, on match_key).
NOT_VERBS: frozenset[str] = frozenset(
    {
        "premier", "dernier", "dossier", "fichier", "calendrier", "courrier", "cahier", "papier", "metier",
        "quartier", "chantier", "sentier", "atelier", "foyer", "loyer", "hier", "leur", "pour", "sur",
        "entre", "contre", "autre", "notre", "votre", "centre", "lettre", "titre", "cadre", "ordre", "nombre",
        "membre", "livre", "offre", "chiffre", "registre", "theatre", "genre", "septembre", "octobre",
        "novembre", "decembre", "avenir", "plaisir", "loisir", "desir", "souvenir", "elixir", "saphir",
        "partenaire", "annuaire", "formulaire", "questionnaire", "salaire", "commentaire", "inventaire",
        "beneficiaire", "gestionnaire", "secretaire", "tresorier", "adherer", "manuel", "cher", "fier",
        "entier", "hiver", "enfer", "amer", "mer", "fer", "ver", "super", "poster", "cluster", "master",
    }
)  # fmt: skip
# Share of a list's first-level items that must read as actions for the list to be a plan's.
MIN_ACTION_SHARE = 0.5
# A list needs at least this many items to be read as a plan's actions.
MIN_ITEMS = 2

# Page triage: a page holding MIN_ITEMS bulleted lines that read as actions (pdfium's text) is
# read when these words (on match_key of the text) come on this page or an earlier one.
TRIAGE_PLAN_WORDS = re.compile(
    r"\baxes?\b|\bobjectifs?\b|\borientations?\b|\bplans? d'actions?\b|\bfeuille de route\b|\bnos actions\b"
)
# A font whose name holds one of these is bold ("Arial-BoldMT", "ABCDEE+Calibri,Bold", "Montserrat-Black").
BOLD_FONT_WORDS: tuple[str, ...] = ("Bold", "bold", "BOLD", "Black", "Heavy", "Semibold", "SemiBold", "Demi")
