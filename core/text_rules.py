"""What a text is, as data: the words by which a document says it holds a plan, and the unit
words of an amount (`core.text.names_plan`, `core.text.reads_as_text`).
"""

from __future__ import annotations

import re

# A document that names a plan, its actions or a project in its title, headings or text (on the
# casefolded text, accents kept or not: readers search whole documents with it, so it is never
# matched through `match_key`). One or two items without any plan field count as a plan's actions
# only in such a document (`normalize.plan_evidence`).
PLAN_WORDS = re.compile(
    r"\b(?:plans?|feuilles? de route|actions?|projets?|programmes?|programmations?"
    r"|strat[ée]gi(?:e|es|que|ques)|fiches?[- ]actions?)\b"
)
# Words an amount may hold besides its digits ("2 000 euros", "1,5 M€", "300 k€ HT"), on match_key:
# a label made of a number and these says nothing.
AMOUNT_UNITS: frozenset[str] = frozenset({"eur", "euro", "euros", "k", "keur", "m", "meur", "ht", "ttc"})
