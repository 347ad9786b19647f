"""Which finding kinds leave a file `ok`, send it to `review` or say it is `not-a-plan`, as data.

A kind missing from these tables (a new reader's) counts as a doubt until it is classified
here: a reading is never silently `ok` because a finding is unknown.
"""

from __future__ import annotations

# Repairs: the reader fixed or set aside something and says so; the reading is still sound.
REPAIR_KINDS: frozenset[str] = frozenset(
    {
        "realigned-row",
        "duplicate-row",
        "repeated-header",
        "note-row",
        "hidden-column",
        "misplaced-code",
        "misplaced-hierarchy",
        "inferred-hierarchy",
        "inferred-period-column",
        "unknown-mark",
        "note-paragraph",
        "vision-without-actions",
        "empty-axis",
        "continued-row",
        "heading-values",
        "outline-mismatch",
        "fiche-referent",
        "fiche-conflict",
        "result-reached",
        "orphan-row",
        "skipped-paragraph",
        "split-paragraph",
        "conflicting-status",
        "numbering-restarts",
        "repeated-block",
        "template-row",
        "profile-used",
        "no-title",
        "no-organization",  # metadata the user completes (a sidecar line); the actions are read all the same
    }
)
# Doubts: a person should check the reading (numbers that do not add up, text left unread,
# values not understood, actions guessed from prose or from cell content).
DOUBT_KINDS: frozenset[str] = frozenset(
    {
        "count-mismatch",
        "missing-label",
        "unknown-status",
        "unknown-health",
        "unreadable-deadline",
        "unknown-parent",
        "schema-violation",
        "guessed-columns",
        "low-confidence",
        "needs-review",
        "ambiguous-objective",
        "unread-table",
        "table-without-header",
        "sheet-without-header",
        "page-without-text",
        "orphan-sub-action",
        "outline-only-action",
        "missing-from-outline",
        "fiche-without-action",
        "unreadable-date",
        "implausible-dates",
        "profile-mismatch",
        "unanchored-period",
    }
)
# A reader (or `normalize.plan_evidence`) decided the document holds no plan.
NOT_A_PLAN_KINDS: frozenset[str] = frozenset({"not-a-plan", "no-plan-found", "no-actions-found"})
# This one is final even when actions were read: the file loads no action.
NOT_A_PLAN = "not-a-plan"

# Actions below this confidence were inferred (from prose, from cell content): a doubt.
FULL_CONFIDENCE = 1.0
# Longest reason line (a finding's message is cut, the kind and count are kept).
MAX_REASON_CHARS = 200
