"""What says a list of "actions" is not a plan, as data (see `normalize.plan_evidence`).

`ACTION_START` and `RULES_VOCABULARY` are matched against `core.text.match_key` of an action
label (no accents, lower case, ’ -> '), the others against the cleaned label. They describe the
*shape* of plan actions and of the texts readers may mistake for them (guidelines, calls for
proposals, blank forms, questionnaires), not one document.
"""

from __future__ import annotations

import re

# Fields only a plan gives an action: who, when, how far, with what. One of them on an action
# (or a planned period) is evidence enough that the table or list is a plan.
PLAN_FIELDS: frozenset[str] = frozenset(
    {
        "action_code",
        "pilot",
        "partners",
        "indicator",
        "status",
        "progress",
        "health",
        "deadline",
        "start_date",
        "end_date",
        "budget",
    }
)
# A plan action starts with what is to be done: an infinitive ("Mettre en place", "Définir")
# or a noun of action, with or without its article ("Création d'un…", "Le développement de…").
# An article before an "-er" word makes a noun ("le dossier", "le calendrier"), not a verb.
ACTION_START = re.compile(
    r"^\W*(?:[a-z]+(?:er|ir|re|oir)|(?:(?:le|la|les|un|une|des)\s+|l')?[a-z]+(?:tions?|ments?|ages?|ures?))\b"
)
# The vocabulary of rules and applicants (a funder's guidelines, a call for proposals).
RULES_VOCABULARY = re.compile(
    r"\b(?:eligib\w*|candidat\w*|dossiers? de (?:candidature|demande)|doi(?:t|vent)|devr(?:a|ont)|criteres? d\w*"
    r"|porteurs? de projets?|appels? a (?:projets?|manifestation\w*|candidatures?|propositions?)|deposer|depot"
    r"|obligatoire\w*|recevab\w*|pieces? justificati\w*|cofinanc\w*|subvention\w*|le demandeur)\b"
)
# Advice to the reader, not a thing to do: a second-person imperative ("Définissez des objectifs",
# "N'oubliez pas…") or words addressing the reader ("votre", "vous"). A guide's lists read so;
# a plan's actions are infinitives or nouns (on match_key).
ADVICE = re.compile(r"^\W*(?:n'|ne )?(?!(?:chez|assez|nez)\b)[a-z]{2,}ez\b|\b(?:vous|votre|vos)\b")
# A label that is not a whole statement: a form label waiting for its answer ("Adresse :"),
# a question ("Quel est votre public ?"), a list fragment ("de présélectionner les projets ;").
UNFINISHED_END = re.compile(r"[:;,?]\s*$")  # on the cleaned text
LOWER_START = re.compile(r"^\W*[a-zà-ÿ]")  # on the cleaned text: the middle of a sentence

# Thresholds (shares of the actions read). A list is judged only from MIN_ACTIONS actions on.
MIN_ACTIONS = 3
# Below this share of actions with a plan field, the list carries no plan structure.
MAX_PLAN_FIELD_SHARE = 0.1
# A plan's labels mostly start with an action; guidelines' and forms' rarely do.
MAX_ACTION_START_SHARE = 0.5
# Then any signal is enough: rules vocabulary, unfinished labels, or advice.
MIN_RULES_SHARE = 0.25
MIN_UNFINISHED_SHARE = 0.25
# Or advice to the reader, when most labels are.
MIN_ADVICE_SHARE = 0.5
