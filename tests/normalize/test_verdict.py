"""The verdict table: which findings leave a file `ok`, send it to `review`, make it `not-a-plan`."""

from __future__ import annotations

import pytest

from normalize import NormalizedPlan
from normalize import verdict_rules as rules
from normalize.verdict import judge

CLEAN = [1.0] * 10


@pytest.mark.parametrize(
    ("findings", "confidences", "status"),
    [
        ([], CLEAN, "ok"),
        ([("realigned-row", "shifted"), ("duplicate-row", "same"), ("note-row", "skipped")], CLEAN, "ok"),
        ([("repeated-header", "rows 26-29"), ("count-mismatch", "states 58, read 57")], CLEAN, "review"),
        ([("missing-label", "row has no action label")], CLEAN, "review"),
        ([("unknown-status", "status 'bof'")], CLEAN, "review"),
        ([("guessed-columns", "label column chosen from content")], CLEAN, "review"),
        ([("sheet-without-header", "sheet 'Budget'")], CLEAN, "review"),
        ([("a-kind-nobody-classified", "new")], CLEAN, "review"),
        ([], [1.0, 0.5], "review"),
        ([("not-a-plan", "a news page")], [], "not-a-plan"),
        ([("no-actions-found", "a letter")], [], "not-a-plan"),
        ([], [], "not-a-plan"),
        ([("not-a-plan", "guidelines")], CLEAN, "not-a-plan"),  # a reader's not-a-plan is final
    ],
)
def test_the_table_decides_the_status(findings: list[tuple[str, str]], confidences: list[float], status: str) -> None:
    assert judge(findings, confidences).status == status


def test_ok_has_no_reason_and_full_score() -> None:
    verdict = judge([("realigned-row", "shifted")], CLEAN)
    assert (verdict.reasons, verdict.score) == ((), 1.0)


def test_review_gives_one_reason_per_kind_with_its_count_and_first_message() -> None:
    findings = [("count-mismatch", "states 58, read 57"), ("note-row", "x"), ("count-mismatch", "S1: 3, read 2")]
    verdict = judge(findings, CLEAN)
    assert verdict.reasons == ("count-mismatch (2): states 58, read 57",)
    assert verdict.score == round(10 / 12, 3)


def test_inferred_actions_are_a_doubt_with_their_confidence() -> None:
    verdict = judge([], [0.5, 0.5, 1.0, 1.0])
    assert verdict.status == "review"
    assert verdict.reasons == (
        "low-confidence (2): 2 of 4 actions were inferred (from prose or cell content), confidence 0.5",
    )
    assert verdict.score == 0.75


def test_nothing_read_says_why() -> None:
    said = judge([("not-a-plan", "no plan structure found")], [])
    assert (said.reasons, said.score) == (("no plan structure found",), 0.0)
    unsaid = judge([("sheet-without-header", "sheet 'Budget' has no header row; not read")], [])
    assert unsaid.reasons == (
        "no action was read",
        "sheet-without-header (1): sheet 'Budget' has no header row; not read",
    )


def test_long_messages_are_cut() -> None:
    [reason] = judge([("count-mismatch", "x" * 500)], CLEAN).reasons
    assert len(reason) == rules.MAX_REASON_CHARS and reason.endswith("…")


def test_the_tables_do_not_overlap() -> None:
    assert not rules.REPAIR_KINDS & rules.DOUBT_KINDS
    assert not (rules.REPAIR_KINDS | rules.DOUBT_KINDS) & rules.NOT_A_PLAN_KINDS


def test_the_samples_verdicts(excel_plan: NormalizedPlan, word_plan: NormalizedPlan) -> None:
    excel = excel_plan.verdict()
    assert excel.status == "review" and excel.reasons[0].startswith("count-mismatch (5): the document states 58")
    assert word_plan.verdict().status == "ok"
