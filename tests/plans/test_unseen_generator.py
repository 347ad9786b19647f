"""samples/unseen.py itself: deterministic, varied per seed, families as the issue lists them."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from samples.unseen import FAMILIES, HEADER_WORDS, Expected, Found, Truth, generate, score


def _by_family(truths: list[Truth]) -> dict[str, Truth]:
    return {t.family: t for t in truths}


def test_same_seed_same_truth_other_seed_other_vocabulary(tmp_path: Path) -> None:
    first, again, other = (generate(tmp_path / name, seed) for name, seed in (("a", 3), ("b", 3), ("c", 4)))
    assert first == again
    assert first != other
    headers = {
        seed: openpyxl.load_workbook(tmp_path / name / "synonym_headers.xlsx").active.iter_rows(values_only=True)
        for name, seed in (("a", 3), ("c", 4))
    }
    words = {seed: {v for row in rows for v in row if isinstance(v, str)} for seed, rows in headers.items()}
    assert words[3] != words[4]


def test_families_cover_grids_documents_and_non_plans(tmp_path: Path) -> None:
    truths = _by_family(generate(tmp_path, 11))
    assert len(FAMILIES) == len(truths) >= 12 + 6
    plans = [t for t in truths.values() if t.plan]
    assert all(8 <= len(t.actions) <= 40 for t in plans)
    assert {t.family for t in truths.values() if not t.plan} >= {"blank_template", "blank_fiche", "guidelines"}
    assert all(a.pilot for a in truths["gantt_weeks"].actions)
    assert all(a.schedule for a in truths["gantt_months"].actions)
    assert all(not t.actions for t in truths.values() if not t.plan)
    assert {p.suffix for p in tmp_path.iterdir()} == {".xlsx", ".docx", ".pdf", ".html"}


def test_a_gantt_marks_its_months_by_fill_only(tmp_path: Path) -> None:
    truth = _by_family(generate(tmp_path, 5))["gantt_months"]
    sheet = openpyxl.load_workbook(tmp_path / truth.file_name).active
    rows = list(sheet.iter_rows())
    first = next(i for i, row in enumerate(rows) if row[0].value == truth.actions[0].label)
    filled = [c for c in rows[first][2:] if c.fill.fill_type == "solid"]
    assert filled and all(c.value is None for c in filled)
    assert truth.actions[0].schedule and all(s in (1, 2) for _, s in truth.actions[0].schedule)


def test_header_words_come_from_synonym_tables() -> None:
    assert all(len(words) >= 4 for words in HEADER_WORDS.values())


def test_score_counts_matches_pilots_schedules_and_invented_rows() -> None:
    truth = Truth(
        "f",
        "f.xlsx",
        True,
        (
            Expected("Créer un guide", "DRH", frozenset({(2025, None)})),
            Expected("Former les équipes", "DG", frozenset({(2025, 1), (2025, 2)})),
        ),
    )
    found = [
        Found("1.1 Créer un guide", "La DRH", frozenset({(2025, 2)})),
        Found("former les equipes", "Bureau", frozenset({(2025, 1)})),
        Found("Axe 1 : Qualité", None, frozenset()),
    ]
    s = score(truth, "ok", found)
    assert (s.matched, s.invented, s.pilots, s.schedules) == (2, 1, 1, 1)
    assert not s.passed
    assert not score(Truth("n", "n.pdf", False), "review", []).passed
    assert score(Truth("n", "n.pdf", False), "not-a-plan", []).passed
