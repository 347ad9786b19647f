"""Parsing rules as data: header synonyms, period headers, marks, count and note rows.

Every string here is compared through `ingest.text.match_key` (no accents, lower case).
Add a synonym here, not an `if` in an extractor.
"""

from __future__ import annotations

import re

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
}

# A header row must name the label column and at least this many fields in all.
MIN_HEADER_FIELDS = 3
# How many rows from the top of a sheet are searched for the header.
HEADER_SEARCH_ROWS = 60

# Period headers: (pattern, group holding the year, group holding the semester or None).
_ORDINAL = r"(?P<sem>1|2|premier|second|deuxieme)\s*(?:°|er|ere|e|eme|nd|nde)?"
PERIOD_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^{_ORDINAL}\s*semestre\s*(?P<year>\d{{4}})$"),
    re.compile(r"^s\s*(?P<sem>[12])\s*[-/ ]?\s*(?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})\s*[-/ ]?\s*s\s*(?P<sem>[12])$"),
    re.compile(r"^semestre\s*(?P<sem>[12])\s*[-/ ]?\s*(?P<year>\d{4})$"),
    re.compile(r"^(?:annee\s*)?(?P<year>(?:19|20)\d{2})$"),
)
SEMESTER_WORDS: dict[str, int] = {"1": 1, "premier": 1, "2": 2, "second": 2, "deuxieme": 2}

# Cell values that mean "planned in this period".
MARKS: frozenset[str] = frozenset({"x", "✓", "✔", "1", "oui", "yes", "☑", "☒"})

# First cell of a row that states counts about the sheet itself.
COUNT_LABELS: frozenset[str] = frozenset(
    {"total", "totaux", "nbre filtre", "nombre", "nb", "sous-total", "total general"}
)

# Text before the header that labels a version ("MAJ : 12/01/2023", "Projet au 17/02/2022").
VERSION_PATTERN = re.compile(r"^(?:maj|mise a jour|version|projet au|actualise le|v\d)\b\s*:?\s*(?P<value>.*)$")

# A metadata sheet of field/value rows (the "Plan" sheet `plans export` writes).
METADATA_KEYS: dict[str, str] = {
    "organisation": "organization",
    "titre": "title",
    "type de plan": "plan_kind",
    "periode": "period",
    "version": "version_label",
}
YEAR_RANGE = re.compile(r"(?P<start>(?:19|20)\d{2})(?:\s*[-–/à]\s*(?P<end>(?:19|20)\d{2}))?")

# Codes such as 1.2.3 (a trailing dot allowed).
CODE_PATTERN = re.compile(r"^\d{1,3}(?:\.\d{1,3}){1,4}\.?$")
# Largest column shift we try to repair.
MAX_SHIFT = 3
