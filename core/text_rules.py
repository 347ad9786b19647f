"""What a text is, as data: the unit words of an amount (`core.text.reads_as_text`)."""

from __future__ import annotations

# Words an amount may hold besides its digits ("2 000 euros", "1,5 M€", "300 k€ HT"), on match_key:
# a label made of a number and these says nothing.
AMOUNT_UNITS: frozenset[str] = frozenset({"eur", "euro", "euros", "k", "keur", "m", "meur", "ht", "ttc"})
