"""Tables of contents are never read as actions: their lines (a title, dot leaders, a page number)
list the headings the body gives again."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE

from core.records import RawPlan
from ingest import extract
from ingest.contents import contents_lines
from tests.ingest import pdf_factory


def _read(raw: RawPlan) -> list[tuple[str, str, str, str]]:
    return [(a.text("action_code"), a.text("label"), a.text("axis"), a.location) for a in raw.actions]


def test_leaders_or_a_contents_heading_make_a_table_of_contents() -> None:
    lines = [
        "Plan d'actions 2024-2026",
        "Sommaire",  # the heading: entries below it need no leader
        "Introduction 3",
        "Axe 1 : Accueillir les familles et",  # a title wrapped over two lines
        "les orienter 5",
        "Annexes 12",
        "Introduction",  # the body starts
        "Le plan compte 12 actions.",
        "Foreword ....vii",  # a second table, without heading: leaders, roman then arabic pages
        "1. Scope ....... 1",
        "ISO/IEC 29500-2:2012(E)",  # a running header between two pages of it
        "9.1 Parts …… 14",
        "9.1.1 Part Names _ _ _ _ 14",
        "10.1 Physical Package ...... 2",  # the page goes down: not the same table, and alone
        "Nom de la structure ..........",  # a form's dotted blank: no page number
        "Durée ...... 12",
        "Montant ...... 3",
    ]
    assert sorted(contents_lines(lines)) == [1, 2, 3, 4, 5, 8, 9, 10, 11, 12]


def test_a_pdf_table_of_contents_is_not_read_as_actions(tmp_path: Path) -> None:
    story = [
        "Plan d'actions 2024-2026",
        "Table des matières",
        "Axe 1 : Accueillir ........................ 2",
        "1.1.1 Développer l'accueil des familles ........................ 2",
        "1.1.2 Créer un lieu ressource ........................ 2",
        "Axe 2 : Accompagner ........................ 3",
        "2.1.1 Former les bénévoles ........................ 3",
        "<page>",
        "Axe 1 : Accueillir",
        "1.1.1 Développer l'accueil des familles",
        "1.1.2 Créer un lieu ressource",
        "<page>",
        "Axe 2 : Accompagner",
        "2.1.1 Former les bénévoles",
    ]
    raw = extract(pdf_factory.build(tmp_path / "plan.pdf", story))
    assert _read(raw) == [
        ("1.1.1", "Développer l'accueil des familles", "Axe 1 : Accueillir", "p.2, line 2"),
        ("1.1.2", "Créer un lieu ressource", "Axe 1 : Accueillir", "p.2, line 3"),
        ("2.1.1", "Former les bénévoles", "Axe 2 : Accompagner", "p.3, line 2"),
    ]
    assert raw.findings == ()  # skipping a table of contents is no anomaly


def test_word_contents_paragraphs_are_not_read_as_actions(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Feuille de route 2024", style="Title")
    document.add_paragraph("Sommaire", style="TOC Heading")
    document.add_paragraph("1. Accueillir les familles\t2", style="toc 1")  # Word's contents field
    document.add_paragraph("Table des matières")
    document.add_paragraph("1. Accueillir les familles ........ 2")  # typed: numbered, so read as an item
    document.add_paragraph("2. Former les bénévoles ........ 3")
    document.add_paragraph("Axe 1 : Accueillir les familles", style="Heading 1")
    document.add_paragraph("Ouvrir une permanence le samedi", style="List Bullet")
    document.add_paragraph("Créer un livret d'accueil", style="List Bullet")
    path = tmp_path / "feuille.docx"
    document.save(str(path))
    assert _read(extract(path)) == [
        ("", "Ouvrir une permanence le samedi", "Axe 1 : Accueillir les familles", "§8"),
        ("", "Créer un livret d'accueil", "Axe 1 : Accueillir les familles", "§9"),
    ]
