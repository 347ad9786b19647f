"""The organisation, from every place a document names it, on files made here; and where it came from."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from core.records import Clue
from ingest import extract
from normalize import NormalizedPlan, Overrides, normalize
from normalize.organization import in_clue
from tests.ingest import pdf_factory
from tests.ingest.office_factory import with_properties

HEADER = ["Code", "Action", "Pilote", "Échéance"]
ROWS = [["1.1", "Ouvrir un accueil de jour", "Directrice", "2024"], ["1.2", "Former les bénévoles", "CA", "2025"]]


def _workbook(path: Path, *above: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan"
    for text in above:
        sheet.append([text])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return path


def _document(path: Path, title: str, *paragraphs: str, header: str = "", footer: str = "") -> Path:
    document = docx.Document()
    document.add_paragraph(title, style="Title")
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_heading("Axe 1 : Accueillir", level=1)
    for row in ROWS:
        document.add_paragraph(row[1], style="List Bullet")
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def _read(path: Path, overrides: Overrides | None = None) -> NormalizedPlan:
    return normalize(extract(path), overrides)


def _found(plan: NormalizedPlan) -> tuple[str | None, str | None]:
    return plan.plan["organization"], plan.plan["organization_source"]


def test_the_title_names_it_after_a_dash(tmp_path: Path) -> None:
    plan = _read(_workbook(tmp_path / "plan.xlsx", "Plan d'actions 2024 – Les Amarres"))
    assert _found(plan) == ("Les Amarres", "title")
    assert plan.plan["title"] == "Plan d'actions 2024 – Les Amarres"  # the title stays as written
    assert "no-organization" not in plan.anomaly_counts()


@pytest.mark.parametrize("subtitle", ["Association Les Amarres", "CPAS de Namur"])
def test_a_subtitle_row_names_it(tmp_path: Path, subtitle: str) -> None:
    plan = _read(_workbook(tmp_path / "plan.xlsx", "Plan d'actions 2024", subtitle))
    assert _found(plan) == (subtitle, "subtitle")


def test_a_subtitle_row_that_is_no_organisation_is_not_taken(tmp_path: Path) -> None:
    plan = _read(_workbook(tmp_path / "plan.xlsx", "Plan d'actions 2024", "Document de travail du bureau"))
    assert _found(plan) == (None, None)
    [finding] = plan.anomalies[plan.anomalies["kind"] == "no-organization"].to_dict("records")
    assert finding["location"] == "plan.xlsx"
    assert 'plan.xlsx.plan.toml: organization = "…"' in finding["message"]


def test_the_word_cover_names_it(tmp_path: Path) -> None:
    path = _document(tmp_path / "feuille.docx", "Feuille de route 2024", "Association Les Amarres")
    assert _found(_read(path)) == ("Association Les Amarres", "cover")


@pytest.mark.parametrize(
    ("header", "footer", "expected"),
    [
        ("Les Amarres | Feuille de route 2024", "", "Les Amarres"),
        ("", "Association Les Amarres — page 2", "Association Les Amarres"),
    ],
)
def test_a_word_header_or_footer_names_it(tmp_path: Path, header: str, footer: str, expected: str) -> None:
    path = _document(tmp_path / "feuille.docx", "Feuille de route 2024", header=header, footer=footer)
    assert _found(_read(path)) == (expected, "header-footer")


def test_the_company_property_names_it_and_the_author_never(tmp_path: Path) -> None:
    made = _document(tmp_path / "feuille.docx", "Feuille de route 2024")
    with_properties(made, company="Les Amarres", author="Marie Dupont")
    assert _found(_read(made)) == ("Les Amarres", "properties")
    alone = with_properties(_document(tmp_path / "auteur.docx", "Feuille de route 2024"), author="Marie Dupont")
    plan = _read(alone)
    assert _found(plan) == (None, None)  # the author is a person, not the organisation
    assert plan.anomaly_counts()["no-organization"] == 1


def test_a_workbook_company_property_names_it_unless_it_is_the_software(tmp_path: Path) -> None:
    named = with_properties(_workbook(tmp_path / "a.xlsx", "Plan d'actions 2024"), company="CPAS de Namur")
    assert _found(_read(named)) == ("CPAS de Namur", "properties")
    software = with_properties(_workbook(tmp_path / "b.xlsx", "Plan d'actions 2024"), company="Microsoft Corporation")
    assert _found(_read(software)) == (None, None)


def test_what_the_document_itself_says_wins_over_its_properties(tmp_path: Path) -> None:
    made = _workbook(tmp_path / "plan.xlsx", "Plan d'actions 2024", "Association Les Amarres")
    with_properties(made, company="Cabinet Conseil")
    assert _found(_read(made)) == ("Association Les Amarres", "subtitle")


def _pdf(path: Path, title: str, *, meta_title: str = "", author: str = "", footer: str = "") -> Path:
    def running(canvas: Canvas, _: object) -> None:
        if footer:
            canvas.setFont("Helvetica", 8)
            canvas.drawString(30, 20, footer)

    doc = SimpleDocTemplate(
        str(path), pagesize=landscape(A4), invariant=1, title=meta_title, author=author, leftMargin=30, rightMargin=30
    )
    story = [
        Paragraph(title, pdf_factory.TITLE),
        pdf_factory.grid([["1.1 Ouvrir un accueil", "DG", "2024"] + [""] * 4]),
    ]
    story += [PageBreak(), pdf_factory.grid([["1.2 Former les bénévoles", "CA", "2025"] + [""] * 4])]
    doc.build(story, onFirstPage=running, onLaterPages=running)
    return path


def test_the_pdf_title_metadata_names_it_and_the_author_never(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "plan.pdf", "Plan d'actions 2024", meta_title="Plan d'actions 2024 – Les Amarres")
    assert _found(_read(path)) == ("Les Amarres", "pdf-metadata")
    authored = _pdf(tmp_path / "auteur.pdf", "Plan d'actions 2024", author="Marie Dupont")
    assert _found(_read(authored)) == (None, None)


def test_a_pdf_running_footer_names_it(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "plan.pdf", "Plan d'actions 2024", footer="Association Les Amarres")
    assert _found(_read(path)) == ("Association Les Amarres", "header-footer")


def _page(path: Path, head: str) -> Path:
    body = "<h1>Plan d'actions 2024</h1><h2>Accueil</h2><ul><li>Ouvrir un accueil de jour en 2024</li>"
    body += "<li>Former les bénévoles en 2025</li></ul>"
    path.write_text(f"<html><head>{head}</head><body><article>{body}</article></body></html>", encoding="utf-8")
    return path


def test_the_html_site_name_names_it(tmp_path: Path) -> None:
    meta = _page(tmp_path / "a.html", '<meta property="og:site_name" content="Les Amarres"><title>Plan</title>')
    assert _found(_read(meta)) == ("Les Amarres", "site-name")
    tail = _page(tmp_path / "b.html", "<title>Nos projets 2024 | Les Amarres</title>")
    assert _found(_read(tail)) == ("Les Amarres", "site-name")
    titled = _page(tmp_path / "t.html", "<title>Plan d'actions 2024 | Les Amarres</title>")
    assert _found(_read(titled)) == ("Les Amarres", "title")  # the page's title is the plan's
    home = _page(tmp_path / "c.html", "<title>Plan d'actions 2024 | Accueil</title>")
    assert _found(_read(home)) == (None, None)  # site navigation, not a name


def test_the_folder_names_it_only_when_asked_and_only_as_a_fallback(tmp_path: Path) -> None:
    folder = tmp_path / "Les Amarres"
    folder.mkdir()
    plain = _workbook(folder / "plan.xlsx", "Plan d'actions 2024")
    asked = Overrides(organization_from="folder")
    assert _found(_read(plain)) == (None, None)
    assert _found(_read(plain, asked)) == ("Les Amarres", "folder")
    named = _workbook(folder / "cpas.xlsx", "Plan d'actions 2024", "CPAS de Namur")
    assert _found(_read(named, asked)) == ("CPAS de Namur", "subtitle")  # the document wins over the folder
    told = Overrides(organization="Entraide", organization_source="sidecar", organization_from="folder")
    assert _found(_read(named, told)) == ("Entraide", "sidecar")  # the user wins over both
    assert _found(_read(named, Overrides(organization="Entraide"))) == ("Entraide", "option")


@pytest.mark.parametrize(
    ("clue", "expected"),
    [
        (Clue("title", "Plan stratégique du CPAS de Namur 2021-2024"), "CPAS de Namur"),
        (Clue("title", "Plan d'actions 2024"), None),
        (Clue("header-footer", "Confidentiel – Les Amarres"), None),  # no plan kind beside it
        (Clue("header-footer", "Page 3 sur 12"), None),
        (Clue("cover", "L'association accompagne les familles"), None),  # a sentence, lower case
        (Clue("cover", "Fédération des centres sociaux de la Drôme"), "Fédération des centres sociaux de la Drôme"),
        (Clue("properties", "2024", whole=True), None),
        # In a title, after "de la", "de l'", "du": the kind of body in lower case, then its name.
        (Clue("title", "Plan directeur de transport actif de la municipalité de Chelsea"), "municipalité de Chelsea"),
        (
            Clue("title", "Plan climat de la communauté de communes du Pays de Gex"),
            "communauté de communes du Pays de Gex",
        ),
        (
            Clue("title", "Programme d'actions de la fédération des centres sociaux de Paris"),
            "fédération des centres sociaux de Paris",
        ),
        (Clue("title", "Rapport d'activité de la commune"), None),  # a kind of body, no name
        (Clue("cover", "Mairie de Dinan"), "Mairie de Dinan"),
    ],
)
def test_what_a_clue_names(clue: Clue, expected: str | None) -> None:
    assert in_clue(clue) == expected
