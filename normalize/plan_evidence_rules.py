"""What says a list of "actions" is not a plan, as data (see `normalize.plan_evidence`).

`ACTION_START`, `RULES_VOCABULARY`, `ADVICE` and the language words are matched against
`core.text.match_key` of an action label without its code (no accents, lower case, ’ -> '), the
others against the cleaned label. They describe the *shape* of plan actions and of the texts
readers may mistake for them (guidelines, calls for proposals, blank forms, questionnaires, the
numbered headings of a report or a standard), not one document.
"""

from __future__ import annotations

import re

# Fields only a plan gives an action: who, when, how far, with what. One of them on an action
# (or a planned period) is evidence enough that the table or list is a plan. A code is not one:
# every numbered document (a report, a standard, a thesis) numbers its headings.
PLAN_FIELDS: frozenset[str] = frozenset(
    {
        "pilot",
        "partners",
        "pilot_partners",
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
# or a noun of action, with or without its article ("Création d'un…", "Le développement de…",
# "Mise en place", "Soutien", "Lutte contre…"). An article before an "-er" word makes a noun
# ("le dossier", "le calendrier"), not a verb.
ACTION_NOUNS = (
    r"mise en (?:place|oeuvre|ligne|reseau|valeur|conformite)|prise en (?:charge|compte)|soutien|lutte|appui|aide"
    r"|accueil|suivi|poursuite|maintien|veille|refonte|relance|recherche|[a-z]+(?:tions?|sions?|ments?|ages?|ures?)"
)
ACTION_START = re.compile(rf"^\W*(?:[a-z]+(?:er|ir|re|oir)|(?:(?:le|la|les|un|une|des)\s+|l')?(?:{ACTION_NOUNS}))\b")
# A thing to do says what on: one word alone ("Introduction", "Organisation") is a heading.
MIN_ACTION_WORDS = 2
# English labels (a standard's headings, a test file's lines) are not French actions, whatever
# their first word ends with ("Override Element", "Requirements Management"): a label reads as
# English when it holds one of ENGLISH_WORDS and none of FRENCH_WORDS, or when it is in Title Case
# (TITLE_CASE_WORDS words of at least TITLE_CASE_LENGTH letters, each capitalised: "Part Names",
# "Content Types Stream Markup") without a French word.
ENGLISH_WORDS = re.compile(r"\b(?:the|of|and|to|for|with|from|by|on|in|is|are|an|or|at|as|into|using|this|that)\b")
FRENCH_WORDS = re.compile(r"\b(?:de|des|du|la|le|les|l'|d'|un|une|et|au|aux|en|pour|avec|sur|dans|par|contre)\b")
TITLE_CASE_WORDS = 2
TITLE_CASE_LENGTH = 4
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

# Thresholds (shares of the actions read). A list is judged by shares from MIN_ACTIONS actions on;
# fewer items make a plan only with a plan field, or in a document that names a plan
# (`core.text_rules.PLAN_WORDS` in its title, headings or text).
MIN_ACTIONS = 3
# Below this share of actions with a plan field, the list carries no plan structure.
MAX_PLAN_FIELD_SHARE = 0.1
# A plan's labels mostly start with an action; guidelines' and forms' rarely do.
MAX_ACTION_START_SHARE = 0.5
# Numbered items (this share of them with a code), with no plan field and most not reading as things
# to do, are a document's numbered headings (a report's, a standard's): not a plan.
MIN_CODED_SHARE = 0.5
# Else any signal is enough: rules vocabulary, unfinished labels, or advice.
MIN_RULES_SHARE = 0.25
MIN_UNFINISHED_SHARE = 0.25
# Or advice to the reader, when most labels are.
MIN_ADVICE_SHARE = 0.5
