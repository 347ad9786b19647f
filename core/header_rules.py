"""The words a header row names fields with (match keys, `core.text.match_key`).

Ingest reads header rows with them; normalize knows them too (a header word is no title).
Add a synonym here, not an `if` in an extractor.
"""

from __future__ import annotations

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
    # A column naming the lead and the others: its first body is the pilot, the rest partners.
    "pilot_partners": (
        "responsables et partenaires",
        "responsable et partenaires",
        "pilote et partenaires",
        "pilotes et partenaires",
        "porteur et partenaires",
        "porteurs et partenaires",
        "referent et partenaires",
        "referents et partenaires",
        "responsable(s) et partenaire(s)",
        "pilote(s) et partenaire(s)",
        "responsables / partenaires",
        "pilote / partenaires",
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
