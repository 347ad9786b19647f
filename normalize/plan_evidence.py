"""Is a list of actions a plan? A document-level check any reader (or normalize) can call.

Readers find actions by layout (bullets, numbered paragraphs, table rows). A funder's guidelines,
a blank form, a questionnaire or a report with numbered headings has that layout too. What they
lack is what a plan gives its actions: a pilot, a period, a status, a budget (a code alone is no
evidence: every numbered document has codes); and their lines do not read as things to do: they
are rules ("les projets doivent…"), labels waiting for an answer ("Adresse :"), questions,
sentence fragments, advice to the reader ("Fixez une échéance réaliste") or numbered headings
("10.1.1 Ignorable Attribute"). One or two items without a plan field make a plan only in a
document that names one. `not_a_plan` returns the `not-a-plan` finding when the evidence says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from core import findings as kinds
from core.findings import Words
from core.records import HIERARCHY_FIELDS, Finding, RawPlan
from core.text import clean, match_key, names_plan, reads_as_text
from normalize import fields
from normalize import plan_evidence_rules as rules


@dataclass(frozen=True)
class Evidence:
    """Shares (0-1) of the items read that look like a plan's actions, or like something else's."""

    actions: int  # items whose label reads as text (not "6.552" nor "12/03/2024")
    names_plan: bool  # the title, headings or text name a plan (`core.text.names_plan`)
    plan_fields: float  # with a pilot, period, status… (`rules.PLAN_FIELDS`; a code is not one)
    coded: float  # numbered ("1.1.1 …", a code column)
    action_starts: float  # whose label starts with something to do, in French
    rules_vocabulary: float  # whose label speaks of eligibility, applicants, files…
    unfinished: float  # whose label is a form label, a question or a fragment
    advice: float  # whose label is advice to the reader ("Définissez…", "votre…")

    def is_plan(self) -> bool:
        if self.actions == 0:
            return True  # nothing to judge: the verdict says no action was read
        if self.actions < rules.MIN_ACTIONS:
            return self.plan_fields > 0 or self.names_plan
        if self.plan_fields > rules.MAX_PLAN_FIELD_SHARE or self.action_starts >= rules.MAX_ACTION_START_SHARE:
            return True
        return (
            self.coded < rules.MIN_CODED_SHARE
            and self.rules_vocabulary < rules.MIN_RULES_SHARE
            and self.unfinished < rules.MIN_UNFINISHED_SHARE
            and self.advice < rules.MIN_ADVICE_SHARE
        )


def evidence(raw: RawPlan) -> Evidence:
    """What the items `raw` holds say: those whose label reads as text, their code set apart."""
    items = [(action, *fields.split_label(action.text("label"))) for action in raw.actions]
    items = [item for item in items if reads_as_text(item[2])]
    labels = [clean(label) for _, _, label in items]
    keys = [match_key(label) for label in labels]
    total = len(items) or 1

    def share(count: int) -> float:
        return count / total

    return Evidence(
        actions=len(items),
        names_plan=raw.names_plan or names_plan(_named_texts(raw)),
        plan_fields=share(sum(1 for a, _, _ in items if a.periods or any(a.text(f) for f in rules.PLAN_FIELDS))),
        coded=share(sum(1 for a, prefix, _ in items if prefix or fields.normalize_code(a.text("action_code")))),
        action_starts=share(sum(1 for label, key in zip(labels, keys, strict=True) if _does(label, key))),
        rules_vocabulary=share(sum(1 for key in keys if rules.RULES_VOCABULARY.search(key))),
        unfinished=share(
            sum(1 for label in labels if rules.UNFINISHED_END.search(label) or rules.LOWER_START.match(label))
        ),
        advice=share(sum(1 for key in keys if rules.ADVICE.search(key))),
    )


def _does(label: str, key: str) -> bool:
    """The label says a thing to do: an action word first, then what on, in French."""
    return (
        len(key.split()) >= rules.MIN_ACTION_WORDS and bool(rules.ACTION_START.match(key)) and not _english(label, key)
    )


def _english(label: str, key: str) -> bool:
    """English words and no French ones, or Title Case without French words (`rules.ENGLISH_WORDS`)."""
    if rules.FRENCH_WORDS.search(key):
        return False
    if rules.ENGLISH_WORDS.search(key):
        return True
    long = [word for word in label.split() if len(word) >= rules.TITLE_CASE_LENGTH and word[0].isalpha()]
    return len(long) >= rules.TITLE_CASE_WORDS and all(word[0].isupper() and not word.isupper() for word in long)


def _named_texts(raw: RawPlan) -> Iterator[str]:
    """The title, headings and labels the reading holds (readers also say what the rest of the text names)."""
    if raw.metadata.title:
        yield raw.metadata.title
    for action in raw.actions:
        yield from (action.text(level) for level in (*HIERARCHY_FIELDS, "label"))
    yield from (note.axis for note in raw.axes)


def not_a_plan(raw: RawPlan) -> Finding | None:
    """The `not-a-plan` finding (at the file) when the items `raw` holds do not read as a plan's actions."""
    found = evidence(raw)
    if found.is_plan():
        return None
    location = raw.source.file_name
    if found.actions < rules.MIN_ACTIONS:
        return kinds.NOT_A_PLAN.finding(location, reason=_few_bare_items(found.actions))
    signs = _signs(found)
    reason = Words(
        f"not a plan: of {found.actions} items read, {found.plan_fields:.0%} have a pilot, period, status or budget, "
        f"{found.action_starts:.0%} start with something to do, {' and '.join(s.en for s in signs)}; no action loaded",
        f"pas un plan : sur {found.actions} éléments lus, {_pct(found.plan_fields)} ont un pilote, une période, "
        f"un statut ou un budget, {_pct(found.action_starts)} commencent par une chose à faire, "
        f"{' et '.join(s.fr for s in signs)} ; aucune action chargée",
    )
    return kinds.NOT_A_PLAN.finding(location, reason=reason)


def _signs(found: Evidence) -> list[Words]:
    """What the items read as instead of a plan's actions: each share past its threshold, said."""
    signs = (
        (found.coded, rules.MIN_CODED_SHARE,
         "are numbered headings with nothing else of an action (a report's or a standard's sections)",
         "sont des intitulés numérotés sans rien d'autre d'une action (les sections d'un rapport ou d'une norme)"),
        (found.rules_vocabulary, rules.MIN_RULES_SHARE, "use the words of rules and applicants (guidelines)",
         "emploient les mots d'un règlement et de candidats (un appel à projets)"),
        (found.unfinished, rules.MIN_UNFINISHED_SHARE, "are form labels, questions or fragments",
         "sont des libellés de formulaire, des questions ou des fragments"),
        (found.advice, rules.MIN_ADVICE_SHARE, "are advice to the reader ('Définissez…', 'votre…': a guide)",
         "sont des conseils au lecteur (« Définissez… », « votre… » : un guide)"),
    )  # fmt: skip
    return [Words(f"{share:.0%} {en}", f"{_pct(share)} {fr}") for share, least, en, fr in signs if share >= least]


def _few_bare_items(count: int) -> Words:
    return Words(
        f"not a plan: {count} item(s) read, without pilot, period, status or budget, in a document that names no "
        "plan ('plan', 'feuille de route', 'actions', 'projet'… in its title, headings or text); no action loaded",
        f"pas un plan : {count} élément(s) lu(s), sans pilote, période, statut ni budget, dans un document qui ne "
        "nomme aucun plan (« plan », « feuille de route », « actions », « projet »… dans son titre, ses intitulés "
        "ou son texte) ; aucune action chargée",
    )


def _pct(share: float) -> str:
    """A share as French writes it: "40 %" (a narrow no-break space before the sign)."""
    return f"{share:.0%}".replace("%", "\u202f%")
