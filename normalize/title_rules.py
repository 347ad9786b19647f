"""What a plan's title cannot be, as data (texts compared through `core.text.match_key`)."""

from __future__ import annotations

import re

# Longer than this, a text is a sentence or a paragraph, not a title.
MAX_TITLE_CHARS = 150
# More words than this, or several sentences: a paragraph.
MAX_TITLE_WORDS = 25
SENTENCE_INSIDE = re.compile(r"[.!?]\s+\S")
# Placeholders left by a tool or a template (on match_key, whole text).
PLACEHOLDERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:titre(?: du (?:site|document|plan))?|sans titre|untitled(?: document)?|title|no title)$"),
    re.compile(r"^(?:document|doc|classeur|feuil|sheet|book|presentation|diapositive)\s*\d*$"),
    re.compile(r"^(?:nouveau document|new document|document sans titre|page sans titre|votre titre ici|titre ici)$"),
    re.compile(r"^(?:lorem ipsum\b.*|x+|\.+|-+|_+|\?+)$"),
    re.compile(r"^microsoft (?:word|excel|powerpoint)\s*-?\s*(?:document\s*\d*)?$"),
)
# Site navigation rather than a page's title (on match_key, whole text).
NAVIGATION: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:accueil|home|index|contact|contactez-nous|menu|navigation|plan du site|mentions legales)$"),
    re.compile(r"^(?:aller au contenu|passer au contenu|skip to content|retour)\b"),
    re.compile(r"^accueil\s*[>»/|]"),
)
# Column or band labels: a title made only of these is a header or band row (or one of its cells).
LABEL_WORDS: frozenset[str] = frozenset(
    {"presentation de l'action", "objectifs et indicateurs", "acteurs", "informations generales", "identification"}
    | {"suivi", "calendrier", "moyens", "financement", "evaluation", "commentaires", "observations", "sous-axe"}
    | {"objectif", "objectifs", "echeance", "echeances", "partenaires", "indicateurs", "indicateur", "budget"}
    | {"titre", "intitule", "descriptif", "description", "n°", "numero", "code", "id", "statut", "etat", "priorite"}
)
# Separators left between glued labels.
LABEL_SEPARATORS = re.compile(r"[\s|/;,:()\-–—•]+")
