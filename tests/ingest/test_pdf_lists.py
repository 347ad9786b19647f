"""Bullet-list plans in PDFs (ingest/pdf_lists.py), on PDFs drawn with reportlab."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest import pdf, pdf_lists

# A page is a list of lines: (x, font, size, text), or (x, glyph font, glyph, text) for a bullet.
Drawn = tuple[float, str, float, str] | tuple[float, str, str, str]


def draw(path: Path, pages: Sequence[Sequence[Drawn]]) -> Path:
    """Each line at its x position, 15 pt below the previous one; a bullet's glyph in its own
    font (Symbol draws the bullet as Word does with its Symbol list style), its text 12 pt right."""
    pdf_canvas = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for lines in pages:
        y = 800.0
        for x, font, third, text in lines:
            if isinstance(third, str):  # a bullet: glyph, then its text
                pdf_canvas.setFont(font, 10)
                pdf_canvas.drawString(x, y, third)
                pdf_canvas.setFont("Helvetica", 10)
                pdf_canvas.drawString(x + 12, y, text)
                y -= 15
            else:
                pdf_canvas.setFont(font, third)
                pdf_canvas.drawString(x, y, text)
                y -= third * 1.5
        pdf_canvas.showPage()
    pdf_canvas.save()
    return path


TITLE: Drawn = (60, "Helvetica-Bold", 20, "Plan d'action 2024-2026")
BULLET = "\u2022"  # drawn in the Symbol font: code 0xB7 of its encoding


def labels(plan: object) -> list[str]:
    return [a.text("label") for a in plan.actions]  # type: ignore[attr-defined]


def test_axis_headings_bullets_and_sub_bullets(tmp_path: Path) -> None:
    page: list[Drawn] = [
        TITLE,
        (60, "Helvetica", 10, "Ce plan a été adopté par le conseil d'administration."),
        (60, "Helvetica-Bold", 13, "Axe 1 : Renforcer l'accueil"),
        (70, "Symbol", BULLET, "Créer un guichet unique d'accueil pour les familles"),
        (82, "Helvetica", 10, "et les personnes isolées du quartier"),
        (90, "Symbol", BULLET, "Recruter deux agents d'accueil"),
        (90, "Symbol", BULLET, "Aménager la salle d'attente"),
        (70, "Symbol", BULLET, "Former les bénévoles à l'écoute"),
        (60, "Helvetica-Bold", 13, "Axe 2 : Développer les partenariats"),
        (70, "Symbol", BULLET, "Organisation de rencontres avec les écoles"),
        (70, "Symbol", BULLET, "Signer une convention avec la mission locale"),
    ]
    plan = pdf.extract(draw(tmp_path / "plan.pdf", [page]))
    assert labels(plan) == [
        "Créer un guichet unique d'accueil pour les familles et les personnes isolées du quartier",
        "Recruter deux agents d'accueil",
        "Aménager la salle d'attente",
        "Former les bénévoles à l'écoute",
        "Organisation de rencontres avec les écoles",
        "Signer une convention avec la mission locale",
    ]
    assert [a.parent for a in plan.actions] == [None, 0, 0, None, None, None]
    axes = [a.text("axis") for a in plan.actions]
    assert axes == ["Axe 1 : Renforcer l'accueil"] * 4 + ["Axe 2 : Développer les partenariats"] * 2
    assert plan.actions[0].location == "p.1, line 4"
    assert plan.metadata.title == "Plan d'action 2024-2026"
    assert "no-plan-found" not in {f.kind for f in plan.findings}
    # the adoption sentence, above every heading, is in no section of the plan's lists: left out
    assert "note-paragraph" not in {f.kind for f in plan.findings}


def test_another_glyph_at_the_same_position_is_a_sub_level(tmp_path: Path) -> None:
    page: list[Drawn] = [
        TITLE,
        (60, "Helvetica-Bold", 13, "Objectif 1 : Lutter contre l'isolement"),
        (70, "Symbol", BULLET, "Mettre en place un café des aidants"),
        (70, "Helvetica", "–", "Trouver un lieu"),
        (70, "Helvetica", "–", "Animer les séances"),
        (70, "Symbol", BULLET, "Développer les visites à domicile"),
    ]
    plan = pdf.extract(draw(tmp_path / "glyphs.pdf", [page]))
    assert labels(plan)[1:3] == ["Trouver un lieu", "Animer les séances"]
    assert [a.parent for a in plan.actions] == [None, 0, 0, None]
    assert {a.text("axis") for a in plan.actions} == {"Objectif 1 : Lutter contre l'isolement"}


def test_a_page_read_for_its_bullets_only(tmp_path: Path) -> None:
    """Page 2 has no table, outline code or fiche: the triage reads it for its bullets under an axis."""
    first: list[Drawn] = [TITLE, (60, "Helvetica", 10, "Les axes du plan sont présentés page suivante.")]
    second: list[Drawn] = [
        (60, "Helvetica-Bold", 13, "Axe 1 : Accès aux droits"),
        (70, "Symbol", BULLET, "Ouvrir une permanence juridique"),
        (70, "Symbol", BULLET, "Accompagner les démarches en ligne"),
    ]
    plan = pdf.extract(draw(tmp_path / "two_pages.pdf", [first, second]))
    assert labels(plan) == ["Ouvrir une permanence juridique", "Accompagner les démarches en ligne"]
    assert plan.actions[0].location == "p.2, line 2"


def test_a_list_goes_on_over_a_page_break_and_its_footer(tmp_path: Path) -> None:
    first: list[Drawn] = [
        TITLE,
        (60, "Helvetica-Bold", 13, "Axe 1 : Accès aux droits"),
        (70, "Symbol", BULLET, "Ouvrir une permanence juridique"),
        (90, "Symbol", BULLET, "Trouver un avocat bénévole"),
        (70, "Symbol", BULLET, "Accompagner les démarches en ligne"),
        (280, "Helvetica", 8, "Page 1"),
    ]
    second: list[Drawn] = [(70, "Symbol", BULLET, "Créer un point d'accès numérique")]
    plan = pdf.extract(draw(tmp_path / "break.pdf", [first, second]))
    assert labels(plan)[-1] == "Créer un point d'accès numérique"
    assert [a.parent for a in plan.actions] == [None, 0, None, None]
    assert plan.actions[-1].text("axis") == "Axe 1 : Accès aux droits"


def test_a_forms_attachment_list_and_commitments_give_no_action(tmp_path: Path) -> None:
    page: list[Drawn] = [
        (60, "Helvetica-Bold", 18, "Demande de subvention"),
        (60, "Helvetica-Bold", 13, "Objectifs de l'action"),
        (60, "Helvetica", 10, "Favoriser l'insertion des jeunes du quartier."),
        (60, "Helvetica-Bold", 13, "Pièces jointes"),
        (70, "Symbol", BULLET, "Le dossier complet"),
        (70, "Symbol", BULLET, "Le relevé d'identité bancaire"),
        (70, "Symbol", BULLET, "Les derniers statuts de l'association"),
        (60, "Helvetica-Bold", 13, "Engagements"),
        (70, "Symbol", BULLET, "Respecter la charte des valeurs de la République"),
        (70, "Symbol", BULLET, "Informer la Région de toute autre subvention"),
    ]
    plan = pdf.extract(draw(tmp_path / "form.pdf", [page]))
    assert plan.actions == ()
    assert "no-plan-found" in {f.kind for f in plan.findings}


def test_bullets_under_a_plan_heading_that_do_not_read_as_actions_are_not_actions(tmp_path: Path) -> None:
    page: list[Drawn] = [
        TITLE,
        (60, "Helvetica-Bold", 13, "Axe 1 : Les publics"),
        (70, "Symbol", BULLET, "Les jeunes de 16 à 25 ans"),
        (70, "Symbol", BULLET, "Les familles monoparentales"),
    ]
    plan = pdf.extract(draw(tmp_path / "publics.pdf", [page]))
    assert plan.actions == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\uf0b7 Créer un comité", ("\uf0b7", "Créer un comité", False)),  # Symbol bullet, private use
        ("\uf0a7Suivre les dossiers", ("\uf0a7", "Suivre les dossiers", False)),  # Wingdings square, no space
        ("\uf0d8 Évaluer", ("\uf0d8", "Évaluer", False)),  # Wingdings arrow
        ("2. Recruter", ("#", "Recruter", True)),
        ("\uf0fe Oui", None),  # a ticked check box: a form's answer
        ("-5 % sur un an", None),
        ("Créer un comité", None),
    ],
)
def test_bullet_glyphs(text: str, expected: tuple[str, str, bool] | None) -> None:
    assert pdf_lists._bullet(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Créer un guichet unique", True),
        ("Mettre en place un comité", True),
        ("Mise en place d'un comité", True),
        ("Organisation de visites d'étude", True),
        ("Le dossier complet", False),
        ("RIB", False),
        ("Calendrier des rencontres", False),
        ("Partenaire : la mairie", False),
    ],
)
def test_reads_as_action(text: str, expected: bool) -> None:
    assert pdf_lists.reads_as_action(text) is expected


# ZapfDingbats glyphs (reportlab writes their codes "l", "u", "4"; pdfminer reads those letters back).
DINGBATS = ("●", "◆", "✔")


@pytest.mark.parametrize("glyph", DINGBATS)
def test_numbered_headings_with_dingbat_bullets_under_a_title_spanning_years(tmp_path: Path, glyph: str) -> None:
    page: list[Drawn] = [
        (60, "Helvetica-Bold", 18, "Nos engagements 2024-2026"),
        (60, "Helvetica", 10, "Nos priorités pour les années à venir."),
        (60, "Helvetica-Bold", 12, "Ambition 1 / Accueillir les familles"),
        (70, "ZapfDingbats", glyph, "Ouvrir une permanence le samedi"),
        (70, "ZapfDingbats", glyph, "Former les bénévoles à l'écoute"),
        (60, "Helvetica-Bold", 12, "II. Coopérer sur le territoire"),
        (70, "ZapfDingbats", glyph, "Signer une convention avec la mission locale"),
        (70, "ZapfDingbats", glyph, "Organisation de rencontres avec les écoles"),
    ]
    plan = pdf.extract(draw(tmp_path / "engagements.pdf", [page]))
    assert labels(plan) == [
        "Ouvrir une permanence le samedi",
        "Former les bénévoles à l'écoute",
        "Signer une convention avec la mission locale",
        "Organisation de rencontres avec les écoles",
    ]
    assert [a.text("axis") for a in plan.actions] == ["Ambition 1 / Accueillir les familles"] * 2 + [
        "II. Coopérer sur le territoire"
    ] * 2


def test_numbered_headings_without_a_plan_title_hold_no_plan(tmp_path: Path) -> None:
    """A report's numbered sections with bulleted missions: no title naming a plan, no list read."""
    page: list[Drawn] = [
        (60, "Helvetica-Bold", 18, "Rapport d'activité"),
        (60, "Helvetica-Bold", 12, "1. Nos missions"),
        (70, "ZapfDingbats", "●", "Accueillir les familles du quartier"),
        (70, "ZapfDingbats", "●", "Accompagner les jeunes vers l'emploi"),
    ]
    plan = pdf.extract(draw(tmp_path / "rapport.pdf", [page]))
    assert plan.actions == ()


def test_an_item_goes_on_at_the_top_of_the_next_page_in_lower_case(tmp_path: Path) -> None:
    first: list[Drawn] = [
        TITLE,
        (60, "Helvetica-Bold", 13, "Axe 1 : Accès aux droits"),
        (70, "Symbol", BULLET, "Ouvrir une permanence juridique"),
        (70, "Symbol", BULLET, "Accompagner les démarches en ligne des"),
    ]
    second: list[Drawn] = [
        (82, "Helvetica", 10, "familles du quartier"),
        (70, "Symbol", BULLET, "Créer un point d'accès numérique"),
    ]
    plan = pdf.extract(draw(tmp_path / "wrapped.pdf", [first, second]))
    assert labels(plan) == [
        "Ouvrir une permanence juridique",
        "Accompagner les démarches en ligne des familles du quartier",
        "Créer un point d'accès numérique",
    ]


@pytest.mark.parametrize(
    ("text", "font", "glyph", "expected", "item"),
    [
        ("n Créer un comité", "ZapfDingbats", "n", "\uf06e Créer un comité", True),  # ■, read as its code
        ("(cid:226) Évaluer", "ABCDEF+ZapfDingbats", "(cid:226)", "\uf0e2 Évaluer", True),  # ➢
        ("\uf0b7 Créer", "ABCDEF+Symbol", "\uf0b7", "\uf0b7 Créer", True),  # a Word export: already private use
        ("n Créer", "Helvetica", "n", "n Créer", False),  # a letter of a text font stays a letter
    ],
)
def test_a_symbol_fonts_opening_code_is_its_private_use_glyph(
    text: str, font: str, glyph: str, expected: str, item: bool
) -> None:
    chars = [{"text": glyph, "fontname": font}, {"text": "C", "fontname": "Helvetica"}]
    assert pdf_lists.line_text(text, chars) == expected
    assert (pdf_lists._bullet(expected) is not None) is item
