"""Vocabulary of the iA.PST / eComptes PST exchange file (XSD "201805V1")."""

from __future__ import annotations

import re

# Local name of the root element, and of the children that tell a PST file from another "dataroot".
ROOT = "dataroot"
MARKERS: tuple[bytes, ...] = (b"<Identifiants", b"<PST", b"<DescriptionPST")

# The levels of the plan, outermost first: (element, field its Libelle fills).
LEVELS: tuple[tuple[str, str], ...] = (
    ("Volet", "axis"),
    ("ObjectifStrategique", "strategic_objective"),
    ("ObjectifOperationnel", "operational_objective"),
)
ACTION = "Action"

# Statut -> (status word, health word) as the plans' own vocabulary says them (normalize reads
# them); iA.PST's "en attente" and "problème" are the health of an ongoing action.
STATUS: dict[str, tuple[str, str | None]] = {
    "NON_COMMENCE": ("Non commencé", None),
    "EN_COURS": ("En cours", None),
    "TERMINE": ("Terminé", None),
    "ANNULE_ABANDONNE": ("Abandonné", None),
    "EN_ATTENTE": ("En cours", "En pause"),
    "PROBLEME": ("En cours", "Blocage"),
}

# A level named "(sans objectif stratégique)", "(sans axe)": a placeholder for a missing level.
PLACEHOLDER = re.compile(r"^\(\s*sans\b.*\)$", re.IGNORECASE)

# "Indicateur : ..." lines of an action's Description fill a field.
DESCRIPTION_FIELDS: dict[str, str] = {"indicateur": "indicator", "indicateurs": "indicator"}
DESCRIPTION_LINE = re.compile(r"^\s*(?P<name>[^:\n]{2,40}?)\s*:\s*(?P<value>.+?)\s*$")

# People: Responsable (the administration's manager), Mandataire (the elected official), then
# Departement (the service), joined into the pilot.
PEOPLE: tuple[str, ...] = ("Responsable", "Mandataire")
PERSON_PARTS: tuple[str, ...] = ("Prenom", "Nom")
JOIN = "; "
