"""The PDF extractor on PDFs built here with reportlab: continuation rows, outline
cross-check, fiche action, column order, text-only outlines, and files it must refuse."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from reportlab.platypus.flowables import Flowable

from core.errors import ExtractError
from core.limits import DEFAULT_LIMITS
from ingest import extract, pdf
from normalize import NormalizedPlan, normalize
from tests.conftest import SAMPLES
from tests.ingest import pdf_factory

EMPTY = ("", "", "", "", "")


def _row(label: str, pilot: str = "", deadline: str = "", marks: tuple[str, str, str] = ("X", "", "")) -> list[str]:
    return [label, pilot, deadline, *marks, ""]


def _plan(path: Path) -> NormalizedPlan:
    return normalize(extract(path))


def _action(plan: NormalizedPlan, code: str) -> dict[Hashable, Any]:
    rows = plan.actions[plan.actions["action_code"] == code].to_dict("records")
    assert len(rows) == 1, f"{code}: {len(rows)} rows"
    return rows[0]


def _schedule(plan: NormalizedPlan, code: str) -> list[tuple[int, int | None]]:
    ref = _action(plan, code)["action_ref"]
    periods = plan.schedule[plan.schedule["action_ref"] == ref]
    return [(int(y), None if pd.isna(s) else int(s)) for y, s in zip(periods["year"], periods["semester"], strict=True)]


def test_a_pilot_cell_continued_on_the_next_page_is_merged(tmp_path: Path) -> None:
    page_1 = [
        _row("Axe : Développer"),
        _row("Objectif opérationnel 1.1 : Accompagner"),
        _row("Action 1.1.1 : Ouvrir une épicerie", "Service social", "2021"),
        _row("Action 1.1.2 : Créer un jardin", "Service technique Ville", "2019-2020", ("", "X", "")),
    ]
    page_2 = [
        ["", "Régie des quartiers", "", "", "", "", ""],
        _row("Action 1.1.3 : Livrer à domicile", "Service social", "Début 2021", ("", "", "X")),
    ]
    raw = extract(pdf_factory.table_pages(tmp_path / "plan.pdf", [page_1, page_2]))
    assert [a.location for a in raw.actions] == ["p.1, row 4", "p.1, row 5", "p.2, row 3"]
    continued = [f for f in raw.findings if f.kind == "continued-row"]
    assert [(f.location, f.action) for f in continued] == [("p.2, row 2", 1)]
    plan = normalize(raw)
    assert len(plan.actions) == 3
    second = _action(plan, "1.1.2")
    assert second["pilot"] == "Service technique Ville Régie des quartiers"
    assert second["status"] == "in_progress"
    assert second["axis"] == "Axe : Développer"
    assert second["operational_objective"] == "Objectif opérationnel 1.1 : Accompagner"
    assert _action(plan, "1.1.3")["status"] == "done"
    assert _schedule(plan, "1.1.3") == [(2021, 1)]
    assert _schedule(plan, "1.1.2") == [(2019, None), (2020, None)]


def test_the_outline_cross_checks_the_table_without_double_counting(tmp_path: Path) -> None:
    before = [
        "Plan Stratégique Transversal 2021-2024",
        "Objectif Opérationnel 1 – Accompagner",
        "- 1.1.1. Ouvrir une épicerie sociale",
        "- 1.1.2.5. Créer un jardin partagé avec la régie",
        "- 1.1.3. Une action que le tableau oublie",
    ]
    rows = [
        _row("Action 1.1.1 : Ouvrir une épicerie sociale", "Service social", "2021"),
        _row("Action 1.1.2 : Créer un jardin partagé avec la régie des quartiers", "Service technique", "2022"),
        _row("Action 1.1.4 : Évaluer le plan chaque année", "Direction", "2023"),
    ]
    raw = extract(pdf_factory.table_pages(tmp_path / "plan.pdf", [rows], before=before))
    assert len(raw.actions) == 3
    kinds = {f.kind: f for f in raw.findings}
    assert set(kinds) == {"outline-mismatch", "outline-only-action", "missing-from-outline"}
    assert "1.1.2.5" in kinds["outline-mismatch"].message and "1.1.2" in kinds["outline-mismatch"].message
    assert kinds["outline-mismatch"].action == 1
    assert "1.1.3" in kinds["outline-only-action"].message and kinds["outline-only-action"].action is None
    assert kinds["missing-from-outline"].action == 2
    assert len(normalize(raw).actions) == 3


def test_the_fiche_action_completes_its_action(tmp_path: Path) -> None:
    rows = [
        _row("Objectif opérationnel 2.1 : Moderniser", "", "", ("", "", "")),
        _row("Action 2.1.1 : Dynamiser l'accueil", "", "", ("", "", "")),
        _row("Action 2.1.2 : Créer un site", "Service administratif", "2022"),
    ]
    form = pdf_factory.ruled([["N° de projet", "", "Statut"], ["2.1.1", "Libellé Dynamiser l'accueil", "En cours"]])
    dates = pdf_factory.ruled([["Début", "2021"], ["Fin", "2023"], ["Référent projet", "DUPONT Anne"]])
    story = ["Plan d'actions 2021-2024", pdf_factory.grid(rows), "<page>", "FICHE ACTION : AXE 2", form, dates]
    story += ["Taux d'avancement", "40%"]
    raw = extract(pdf_factory.build(tmp_path / "plan.pdf", story))
    plan = normalize(raw)
    assert len(plan.actions) == 2
    first = _action(plan, "2.1.1")
    assert (first["status"], first["pilot"], first["progress_pct"]) == ("in_progress", "DUPONT Anne", 40.0)
    assert _schedule(plan, "2.1.1") == [(2021, None), (2022, None), (2023, None)]
    assert not [f for f in raw.findings if f.kind.startswith("fiche")]


def test_a_fiche_that_disagrees_with_the_table_keeps_the_table(tmp_path: Path) -> None:
    rows = [_row("Action 1.1.1 : Ouvrir", "Service social", "2021", ("X", "", ""))]
    form = pdf_factory.ruled([["N° de projet", "Statut", "Référent projet"], ["1.1.1", "Finalisé", "DUPONT Anne"]])
    other = pdf_factory.ruled([["N° de projet", "Statut"], ["9.9.9", "En cours"]])
    story = ["Plan 2021-2024", pdf_factory.grid(rows), "<page>", "FICHE PROJET", form, "<page>", "FICHE PROJET", other]
    raw = extract(pdf_factory.build(tmp_path / "plan.pdf", story))
    kinds = Counter(f.kind for f in raw.findings)
    assert kinds == {"fiche-conflict": 1, "fiche-referent": 1, "fiche-without-action": 1}
    action = _action(normalize(raw), "1.1.1")
    assert (action["status"], action["pilot"]) == ("planned", "Service social")


def test_columns_are_found_by_their_header_whatever_their_order(tmp_path: Path) -> None:
    header = ("Indice de santé", "Finalisé", "Échéance", "Actions", "En cours", "Pilote(s)", "A programmer")
    rows = [
        ["", "", "", "Objectif stratégique 1 : Agir", "", "", ""],
        ["risque", "", "Début 2021", "Action 1.1.1 : Ouvrir", "X", "CPAS", ""],
        ["bon", "X", "2021- 2022", "Action 1.1.2 : Fermer", "", "Ville", ""],
        ["pause", "", "2023", "Action 1.1.3 : Attendre", "", "Région", "X"],
    ]
    plan = _plan(pdf_factory.table_pages(tmp_path / "plan.pdf", [rows], header=header))
    got = plan.actions[["action_code", "pilot", "status", "health", "strategic_objective"]].values.tolist()
    assert got == [
        ["1.1.1", "CPAS", "in_progress", "at_risk", "Objectif stratégique 1 : Agir"],
        ["1.1.2", "Ville", "done", "good", "Objectif stratégique 1 : Agir"],
        ["1.1.3", "Région", "planned", "paused", "Objectif stratégique 1 : Agir"],
    ]
    assert _schedule(plan, "1.1.2") == [(2021, None), (2022, None)]


def test_a_page_that_starts_with_the_header_then_a_coded_objective_is_read(tmp_path: Path) -> None:
    # A page break inside an axis: the header is repeated, the axis row is not, and the first
    # row is an objective whose indicator cell holds words that also name a column.
    header = ("Objectifs et actions :", "Pilote", "Échéance", "A programmer", "En cours", "Finalisé", "Indicateur")
    rows = [
        ["Objectif opérationnel 1.1 : Agir", "", "", "", "", "", "Taux de réalisation"],
        ["Action 1.1.1 : Ouvrir", "CPAS", "2022", "X", "", "", ""],
    ]
    plan = _plan(pdf_factory.table_pages(tmp_path / "plan.pdf", [rows], header=header))
    assert plan.actions[["action_code", "operational_objective"]].values.tolist() == [
        ["1.1.1", "Objectif opérationnel 1.1 : Agir"]
    ]
    assert "unread-table" not in set(plan.anomalies["kind"])


def test_status_marks_that_are_not_marks_or_several_are_reported(tmp_path: Path) -> None:
    rows = [
        _row("Action 1.1.1 : Ouvrir", "CPAS", "2021", ("X", "X", "")),
        _row("Action 1.1.2 : Fermer", "CPAS", "2022", ("", "peut-être", "")),
        ["Action 1.1.3 : Garder", "CPAS", "2023", "", "X", "", "blocage"],
    ]
    raw = extract(pdf_factory.table_pages(tmp_path / "plan.pdf", [rows]))
    assert Counter(f.kind for f in raw.findings) == {"conflicting-status": 1, "unknown-mark": 1}
    plan = normalize(raw)
    got = plan.actions[["action_code", "status", "health"]].fillna("").values.tolist()
    assert got == [["1.1.1", "in_progress", ""], ["1.1.2", "", ""], ["1.1.3", "in_progress", "blocked"]]


def test_a_text_only_outline_is_read_from_the_text(tmp_path: Path) -> None:
    story = [
        "Plan d'actions 2022-2025 du CPAS de Quaregnon",
        "Axe 1 : Développer",
        "Objectif opérationnel 1.1 - Renforcer l'accompagnement",
        "1.1.1. Amplifier la distribution des denrées",
        "1.1.2. Analyser l'intérêt d'une épicerie sociale",
        "Objectif opérationnel 1.2 - Proposer un chez-soi",
        "1.2.1. Agrandir le parc de logements de transit",
    ]
    plan = _plan(pdf_factory.build(tmp_path / "outline.pdf", story))
    got = plan.actions[["action_code", "label", "axis", "operational_objective"]].values.tolist()
    assert got == [
        ["1.1.1", "Amplifier la distribution des denrées", "Axe 1 : Développer", story[2]],
        ["1.1.2", "Analyser l'intérêt d'une épicerie sociale", "Axe 1 : Développer", story[2]],
        ["1.2.1", "Agrandir le parc de logements de transit", "Axe 1 : Développer", story[5]],
    ]
    assert plan.plan["organization"] == "CPAS de Quaregnon"
    assert (plan.plan["period_start"], plan.plan["period_end"]) == (2022, 2025)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (pdf_factory.without_text, "no text layer: scanned PDF?"),
        (pdf_factory.image_only, r"no text layer: scanned PDF\? \(1 page\(s\), 1 image\(s\)"),
        (pdf_factory.damaged, "cannot open the PDF"),
        (pdf_factory.encrypted, "encrypted PDF"),
        (pdf_factory.zero_pages, "the PDF has no pages"),
    ],
)
def test_unreadable_pdfs_fail_with_a_clear_message(tmp_path: Path, make: object, message: str) -> None:
    assert callable(make)
    path = make(tmp_path / "bad.pdf")
    with pytest.raises(ExtractError, match=message) as raised:
        extract(path)
    assert "\n" not in str(raised.value)


def test_a_scanned_page_among_text_pages_is_reported(tmp_path: Path) -> None:
    path = pdf_factory.image_only(tmp_path / "mixed.pdf", "Plan 2021-2024\n1.1.1. Ouvrir une épicerie")
    raw = extract(path)
    assert [a.cells["label"].text for a in raw.actions] == ["Ouvrir une épicerie"]
    assert [(f.kind, f.location) for f in raw.findings] == [("page-without-text", "p.2")]


def test_a_pdf_with_text_but_no_plan_has_no_actions_and_says_why(tmp_path: Path) -> None:
    path = pdf_factory.build(tmp_path / "letter.pdf", ["Compte rendu", "Rien à planifier ici."])
    raw = extract(path)
    assert raw.actions == ()
    [finding] = raw.findings
    assert finding.kind == "no-plan-found" and "no planning table" in finding.message


def test_the_triage_skips_only_pages_where_nothing_can_be_found(tmp_path: Path) -> None:
    story: list[Flowable | str] = [
        "Plan d'actions 2022-2025",
        "Le CPAS de Quaregnon présente son plan.",  # page 1: title and organisation
        "<page>",
        "Un texte sans rien à trouver.",  # page 2: skipped
        "<page>",
        "1.1.1. Ouvrir une épicerie sociale",  # page 3: an outline item
        "<page>",
        "La suite du texte.",  # page 4: read, the outline item above may go on here
        "<page>",
        "Encore un texte sans rien.",  # page 5: skipped
        "<page>",
        # page 6: a ruled table whose text matches no triage pattern is read all the same
        pdf_factory.grid([_row("Ouvrir une épicerie sociale", "Service social", "2023")]),
    ]
    path = pdf_factory.build(tmp_path / "triage.pdf", story)
    pages, _ = pdf._read_pages(path, DEFAULT_LIMITS)
    assert [page.read for page in pages] == [True, False, True, True, False, True]
    assert [len(page.tables) for page in pages] == [0, 0, 0, 0, 0, 1]
    assert all(page.chars for page in pages)  # skipped pages are counted, not taken for scans
    raw = extract(path)
    assert [a.cells["label"].text for a in raw.actions] == ["Ouvrir une épicerie sociale"]
    assert [(f.kind, f.location) for f in raw.findings] == [("outline-only-action", "p.3, line 1")]
    assert raw.metadata.organization == "CPAS de Quaregnon"


def test_the_triage_reads_every_table_page_of_the_sample() -> None:
    pages, _ = pdf._read_pages(SAMPLES / "plan_strategique_transversal_cpas.pdf", DEFAULT_LIMITS)
    assert [page.number for page in pages if page.tables] == [*range(12, 20), 23, 24]
    skipped = [page.number for page in pages if not page.read]
    # prose pages: no drawing, no outline, organisation found on p.5; p.8 is read for its bulleted
    # infinitives ("- Rassembler les troupes ...") after the plan words of the earlier pages (pdf_lists)
    assert skipped == [6, 7, 21, 22]
