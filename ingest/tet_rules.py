"""Vocabulary of the Territoires en Transitions (ADEME) plan workbooks, every version seen.

Keys are compared through `tet.column_key` (accents, case, "(x.x)" and punctuation folded),
so "Sous-axe (x.x)", "Sous axe" and "SOUS-AXE" are one key; the texts below are written as
in the workbooks and folded when the module loads.
"""

from __future__ import annotations

import re

# Header text -> role. A role is a field of `core.records.FIELDS`, or one of:
# "sub_label" (title of a sous-action, read as a sub-action of its fiche), "calendar" (periods
# such as "S1 2024, S2 2024"), "priority" and "note" (kept in the comment), "flag" (a
# true/false column: never a label).
COLUMNS: dict[str, str] = {
    "Axe (x)": "axis",
    "Axe": "axis",
    "Sous-axe (x.x)": "strategic_objective",
    "Sous-sous axe (x.x.x)": "operational_objective",
    "Sous-sous-axe (x.x.x)": "operational_objective",
    "Titre de la fiche action": "label",
    "Titre de la fiche": "label",
    "Titre de l'action": "label",
    "Titre de l'action / fiche": "label",
    "Titre": "label",
    "Titre de la sous-action": "sub_label",
    "Sous-action": "sub_label",
    "Indicateurs liés": "indicator",
    "Structure pilote": "pilot",
    "Direction ou service pilote": "pilot",
    "Service-département-pôle pilote": "pilot",
    "Service pilote": "pilot",
    "Personne pilote": "pilot",
    "Pilote": "pilot",
    "Élu·e référent·e": "pilot",
    "Élu référent": "pilot",
    "Elu(e) référent(e)": "pilot",
    "Partenaires": "partners",
    "Statut": "status",
    "Niveau de priorité": "priority",
    "Priorité": "priority",
    "Date de début": "start_date",
    "Date de fin": "end_date",
    "Date de fin prévisionnelle": "end_date",
    "Budget prévisionnel total € HT": "budget",
    "Budget prévisionnel total € TTC": "budget",
    "Budget prévisionnel total": "budget",
    "Action en amélioration continue": "flag",
    "Calendrier": "calendar",
    "Actions liées": "parent",
    "Notes complémentaires": "note",
    "Notes de suivi": "note",
    "Notes": "note",
}

# Columns only TeT workbooks have: a sheet whose header names enough of them is a TeT sheet.
SIGNATURE: frozenset[str] = frozenset(
    {
        "Axe (x)",
        "Sous-axe (x.x)",
        "Sous-sous axe (x.x.x)",
        "Titre de la fiche action",
        "Titre de la sous-action",
        "Instances de gouvernance",
        "Structure pilote",
        "Moyens humains et techniques",
        "Direction ou service pilote",
        "Service-département-pôle pilote",
        "Personne pilote",
        "Élu·e référent·e",
        "Participation Citoyenne",
        "Financeur 1",
        "Action en amélioration continue",
        "Fiches des plans liées",
        "Mesures liées",
        "Thématique principale",
    }
)
MIN_SIGNATURE = 4  # TeT headers carry 10+ of them; a home-made grid may borrow one or two
HEADER_SEARCH_ROWS = 15  # title, group bands, maybe a version line, then the header

# The field-type row under the header: "Champ texte", "Champ binaire", "Date", "Liste"...
FIELD_TYPE = re.compile(r"^\W*(?:champ|type de champ|date|liste|texte|nombre|numerique|booleen|binaire)\b")
# Instruction texts of the template ("Si vos axes sont numérotés, indiquez...", "Saisissez une
# date...", "Ce champ ne sera pas intégré lors de l'importation"). Searched in `match_key` text.
INSTRUCTION = re.compile(
    r"^\W*(?:si vos|saisissez|saisir|indiquez|indiquer|choisissez|utilisez|creez|presentez|renseignez|reseignez"
    r"|precisez|completez|texte court|exemple ?:)"
    r"|ne sera pas (?:integre|importe)|devront etre saisie?s|sous la forme\s*:|\d+ caracteres maximum"
)
# A row is a template row (field types, instructions) when this share of its cells are.
TEMPLATE_ROW_SHARE = 0.5
# One title cell may offer alternative spellings: "Action 1 - ...\n(ou)\n1.1.1.1. ...".
ALTERNATIVES = re.compile(r"\n\s*\(?\s*ou\s*\)?\s*\n", re.IGNORECASE)
# How several columns of one role are joined into one cell (pilot: structure, service, person, élu).
JOIN = "; "
# Statut words that TeT uses for the health of an action rather than its progress.
HEALTH_STATUSES: frozenset[str] = frozenset({"bloque", "en pause"})
# Excel serial day numbers of dates between 1950 and 2100 (ods/xls cells typed as numbers).
SERIAL_DAYS = range(18_264, 73_051)
