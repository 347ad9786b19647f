"""The language the CLI speaks to a person: French when the locale says so, English otherwise.

As gettext does, the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set decides; French is
any `fr` locale (`fr_FR.UTF-8`, `fr_BE`, `fr`). Words and French labels of warehouse values
(statuses) are data here, so the outline reads the same in both languages.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping

from core.findings import Language

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

# `plans show`'s outline words: what is known ("pilot: DG") and what is not ("no pilot").
OUTLINE_WORDS: dict[Language, dict[str, str]] = {
    "en": {
        "pilot": "pilot: {}",
        "no pilot": "no pilot",
        "schedule": "schedule: {}",
        "no schedule": "no schedule",
        "status": "status: {}",
        "no status": "no status",
        "organization unknown": "organization unknown",
        "summary": "{actions} actions, {anomalies} anomalies, file {file_name}, plan_key {plan_key}",
        "separator": "; ",
    },
    "fr": {
        "pilot": "pilote : {}",
        "no pilot": "pas de pilote",
        "schedule": "calendrier : {}",
        "no schedule": "pas de calendrier",
        "status": "statut : {}",
        "no status": "pas de statut",
        "organization unknown": "organisation inconnue",
        "summary": "{actions} actions, {anomalies} anomalies, fichier {file_name}, plan_key {plan_key}",
        "separator": " ; ",
    },
}


def language(environ: Mapping[str, str] = os.environ) -> Language:
    """`fr` when the locale in force is French, else `en`."""
    locale = next((environ[name] for name in LOCALE_VARIABLES if environ.get(name)), "")
    return "fr" if locale.lower().startswith("fr") else "en"


def action_details(row: Mapping[Hashable, object], speak: Language) -> str:
    """ "pilot: DG; schedule: 2024-S1; no status" for one action of the outline."""
    words = OUTLINE_WORDS[speak]
    status = row["status"]
    if speak == "fr" and isinstance(status, str):
        from export.table import STATUS_LABELS  # pandas: only the outline pays for it

        status = STATUS_LABELS.get(status, status)
    parts = [
        words[name].format(value) if value else words[f"no {name}"]
        for name, value in (("pilot", row["pilot"]), ("schedule", row["schedule"]), ("status", status))
    ]
    return words["separator"].join(parts)
