"""Vocabulary of the table interpreter (`ingest/table.py`), as data.

Every string is compared through `core.text.match_key` (no accents, lower case, edge
punctuation trimmed). `ingest.rules.HEADER_SYNONYMS` stays the first source of header words;
these add the words of grids whose headers never say "action".
"""

from __future__ import annotations

import re

# Header words the interpreter reads on top of rules.HEADER_SYNONYMS (same matching: exact, or
# the word then a space or punctuation). Checked first: "date de fin" is an end date here.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "label": (
        "tache",
        "taches",
        "titre de la tache",
        "titre de l'action",
        "titre de la fiche action",
        "nom de l'action",
        "intitule de la tache",
        "activite",
        "activites",
        "quoi",
    ),
    "pilot": (
        "acteur",
        "proprietaire",
        "personne pilote",
        "structure pilote",
        "service pilote",
        "direction ou service pilote",
        "charge de mission",
        "personne referente",
        "referente",
        "referents",
        "chef de projet",
        "cheffe de projet",
        "chef de file",
    ),
    "start_date": ("date de debut", "debut", "date debut", "demarrage", "date de demarrage", "lancement"),
    "end_date": ("date de fin", "fin", "date fin", "achevement", "cloture", "date de cloture"),
    "deadline": ("date limite", "pour quand", "date butoir", "date cible"),
    "budget": ("budget", "budget previsionnel", "montant", "cout", "cout estime", "financement", "moyens financiers"),
    "comment": ("commentaire", "commentaires", "observations", "remarques", "remarque", "notes", "comment", "ou"),
    "indicator": ("resultats attendus", "resultat attendu", "livrable", "livrables"),
}
# Headers of columns that fill no field (a kind of action, a priority flag): their short words
# never make them the pilot column by content. Same matching as HEADER_WORDS.
NO_FIELD_WORDS: tuple[str, ...] = (
    "type",
    "types",
    "nature",
    "categorie",
    "categories",
    "priorite",
    "prioritaire",
    "urgent",
    "urgence",
)
# Headers that may head the label column but only its cells decide ("Objectifs | Moyens"),
# with every header that contains one of ACTION_WORDS ("Titre de la sous-action", "Actions liées").
WEAK_LABEL_WORDS: frozenset[str] = frozenset(
    {"objectif", "objectifs", "moyens", "moyen", "projet", "projets", "mesures", "mesure", "titre", "actions"}
)
ACTION_WORDS: tuple[str, ...] = ("action", "tache", "mesure", "projet")
# A weak header left of the chosen label column: its cells are the objectives of the actions.
OBJECTIVE_HEADER = "objectif"

# A header row: at most this many characters a cell, and at least this many named cells.
MAX_HEADER_CELL = 60
MIN_GUESSED_HEADER_CELLS = 2
# Rows read below a header to learn what each column holds.
PROFILE_ROWS = 200

# Cells that describe a field rather than fill it (a template's "type" row).
FIELD_TYPE = re.compile(r"^(?:champ\b|(?:oui|vrai|true)\s*/\s*(?:non|faux|false)$|liste deroulante\b)")
# Cells of instructions (a template's help row): an imperative, or the usual help openings.
INSTRUCTION = re.compile(
    r"^(?:[➔➜→\-•*]\s*)?(?:\w+ez\b|si vos\b|ce champ\b|texte court\b|exemple\s*:|indiquer si\b|a renseigner\b)"
)
BOOLEANS: frozenset[str] = frozenset({"vrai", "faux", "true", "false", "oui", "non", "yes", "no"})
AMOUNT = re.compile(r"^-?\d[\d\s\u00a0\u202f.,]*(?:\s*(?:€|eur|euros|k€|keur))?$")
DATE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}(?:t[\d:.]+)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})$")
# A number this large (no currency sign) reads as an amount, not a count or a mark.
MIN_AMOUNT = 100

# A sentence that reads as an action: an infinitive or a nominalisation first.
INFINITIVE_ENDINGS: tuple[str, ...] = ("er", "ir", "re", "oir")
NOMINAL_ENDINGS: tuple[str, ...] = ("tion", "tions", "sion", "ment", "ments", "age", "ure", "ance", "ence", "ise")
# First words with those endings that start no action.
NOT_ACTION_FIRST_WORDS: frozenset[str] = frozenset(
    {"notre", "votre", "autre", "autres", "entre", "centre", "premier", "dernier", "leur", "sur", "pour", "par"}
)
# Reading a column: a share of its filled cells of one kind gives it the role.
MAJORITY = 0.6
# A person or a service: a few words, no sentence.
MAX_NAME_WORDS = 4
MAX_NAME_LENGTH = 40

# Marks a period cell may hold on top of rules.MARKS (a date in the column also marks it).
EXTRA_MARKS: frozenset[str] = frozenset({"•", "●", "■", "v", "ok"})

# Band rows (one text across the table): the level their words give; the first match wins.
BAND_LEVELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^objectifs?\s+operationnels?\b"), "operational_objective"),
    (re.compile(r"^(?:objectifs?|enjeux?|orientations?\s+strategiques?)\b"), "strategic_objective"),
)
BAND_DEFAULT_LEVEL = "axis"

# The rows `table._template_rows` and `excel._skipped_kind` set aside, as French messages name them.
SKIPPED_ROWS_FR: dict[str, str] = {
    "field types": "les types de champ",
    "instructions": "les consignes",
    "header": "d'en-tête",
    "count": "de total",
    "title": "de titre",
}
