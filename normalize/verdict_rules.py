"""Which finding kinds leave a file `ok`, send it to `review` or say it is `not-a-plan`: each
kind's `role` in the catalogue (`core/findings.py`).

A kind missing from these sets (an old warehouse's) counts as a doubt: a reading is never
silently `ok` because a finding is unknown.
"""

from __future__ import annotations

from core import findings

# Repairs: the reader fixed or set aside something and says so; the reading is still sound.
REPAIR_KINDS: frozenset[str] = findings.names("repair")
# Doubts: a person should check the reading (numbers that do not add up, text left unread,
# values not understood, actions guessed from prose or from cell content).
DOUBT_KINDS: frozenset[str] = findings.names("doubt")
# A reader (or `normalize.plan_evidence`) decided the document holds no plan.
NOT_A_PLAN_KINDS: frozenset[str] = findings.names("not-a-plan")
# This one is final even when actions were read: the file loads no action.
NOT_A_PLAN = findings.NOT_A_PLAN.name

# Actions below this confidence were inferred (from prose, from cell content): a doubt.
FULL_CONFIDENCE = 1.0
# Longest reason line (a finding's message is cut, the kind and count are kept).
MAX_REASON_CHARS = 200
