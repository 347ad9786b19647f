"""Is a list of actions a plan? A document-level check any reader (or normalize) can call.

Readers find actions by layout (bullets, numbered paragraphs, table rows). A funder's guidelines,
a blank form or a questionnaire has that layout too. What they lack is what a plan gives its
actions: a pilot, a period, a status, a code; and their lines do not read as things to do: they
are rules ("les projets doivent…"), labels waiting for an answer ("Adresse :"), questions,
sentence fragments or advice to the reader ("Fixez une échéance réaliste"). `not_a_plan` returns
the `not-a-plan` finding when the evidence says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core import findings as kinds
from core.findings import Words
from core.records import Finding, RawAction
from core.text import clean, match_key
from normalize import plan_evidence_rules as rules


@dataclass(frozen=True)
class Evidence:
    """Shares (0-1) of the actions read that look like a plan's, or like something else's."""

    actions: int
    plan_fields: float  # with a pilot, period, status, code… (`rules.PLAN_FIELDS`)
    action_starts: float  # whose label starts with something to do
    rules_vocabulary: float  # whose label speaks of eligibility, applicants, files…
    unfinished: float  # whose label is a form label, a question or a fragment
    advice: float = 0.0  # whose label is advice to the reader ("Définissez…", "votre…")

    def is_plan(self) -> bool:
        if self.actions < rules.MIN_ACTIONS or self.plan_fields > rules.MAX_PLAN_FIELD_SHARE:
            return True
        if self.action_starts >= rules.MAX_ACTION_START_SHARE:
            return True
        return (
            self.rules_vocabulary < rules.MIN_RULES_SHARE
            and self.unfinished < rules.MIN_UNFINISHED_SHARE
            and self.advice < rules.MIN_ADVICE_SHARE
        )


def evidence(actions: Sequence[RawAction]) -> Evidence:
    labels = [clean(action.text("label")) for action in actions]
    keys = [match_key(label) for label in labels]
    total = len(actions) or 1

    def share(count: int) -> float:
        return count / total

    return Evidence(
        actions=len(actions),
        plan_fields=share(sum(1 for a in actions if a.periods or any(a.text(f) for f in rules.PLAN_FIELDS))),
        action_starts=share(sum(1 for key in keys if rules.ACTION_START.match(key))),
        rules_vocabulary=share(sum(1 for key in keys if rules.RULES_VOCABULARY.search(key))),
        unfinished=share(
            sum(1 for label in labels if rules.UNFINISHED_END.search(label) or rules.LOWER_START.match(label))
        ),
        advice=share(sum(1 for key in keys if rules.ADVICE.search(key))),
    )


def not_a_plan(actions: Sequence[RawAction], location: str) -> Finding | None:
    """The `not-a-plan` finding (at `location`, the file) when `actions` do not read as a plan's."""
    found = evidence(actions)
    if found.is_plan():
        return None
    signs: list[Words] = []
    if found.rules_vocabulary >= rules.MIN_RULES_SHARE:
        share = found.rules_vocabulary
        signs.append(
            Words(
                f"{share:.0%} use the words of rules and applicants (guidelines)",
                f"{_pct(share)} emploient les mots d'un règlement et de candidats (un appel à projets)",
            )
        )
    if found.unfinished >= rules.MIN_UNFINISHED_SHARE:
        share = found.unfinished
        signs.append(
            Words(
                f"{share:.0%} are form labels, questions or fragments",
                f"{_pct(share)} sont des libellés de formulaire, des questions ou des fragments",
            )
        )
    if found.advice >= rules.MIN_ADVICE_SHARE:
        share = found.advice
        signs.append(
            Words(
                f"{share:.0%} are advice to the reader ('Définissez…', 'votre…': a guide)",
                f"{_pct(share)} sont des conseils au lecteur (« Définissez… », « votre… » : un guide)",
            )
        )
    reason = Words(
        f"not a plan: of {found.actions} items read, {found.plan_fields:.0%} have a pilot, period, status or code, "
        f"{found.action_starts:.0%} start with something to do, {' and '.join(s.en for s in signs)}; no action loaded",
        f"pas un plan : sur {found.actions} éléments lus, {_pct(found.plan_fields)} ont un pilote, une période, "
        f"un statut ou un code, {_pct(found.action_starts)} commencent par une chose à faire, "
        f"{' et '.join(s.fr for s in signs)} ; aucune action chargée",
    )
    return kinds.NOT_A_PLAN.finding(location, reason=reason)


def _pct(share: float) -> str:
    """A share as French writes it: "40 %" (a narrow no-break space before the sign)."""
    return f"{share:.0%}".replace("%", "\u202f%")
