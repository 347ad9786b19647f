"""PDF planning tables laid out like a municipal action plan: a band "AXE 1 – …" over the header, a
column of sub-axes spanning rows, an "Actions" header spread over a category column and a column of
bullets, a "Responsables et partenaires" column, ongoing deadlines, and tables that go on (or not)
over page breaks. Each PDF is drawn here with reportlab."""

from __future__ import annotations

from pathlib import Path

from core.records import RawPlan
from export.table import french_location
from ingest import extract
from normalize import NormalizedPlan, normalize
from tests.ingest import pdf_factory

WIDTHS = (150, 110, 280, 80, 160)
HEADER = ["Axes de travail", "Actions", "", "Échéancier", "Responsables et partenaires"]
# The band spans the table, the "Actions" header its two columns (categories, bullets).
SPANS = [((0, 0), (4, 0)), ((1, 1), (2, 1))]


def _youth_plan(path: Path, rows: list[list[str]], spans: list[pdf_factory.Span]) -> Path:
    """Page 1: a band, the header, then `rows` (row 2 is the first of them, for `spans`)."""
    table = pdf_factory.spanned([["AXE 1 – ACCUEIL DES JEUNES", "", "", "", ""], HEADER, *rows], WIDTHS, SPANS + spans)
    return pdf_factory.build(path, ["Plan d'action jeunesse 2023-2026", table])


def _columns(plan: NormalizedPlan, *names: str) -> list[tuple[object, ...]]:
    frame = plan.actions[list(names)].astype(object).where(plan.actions[list(names)].notna(), None)
    return [tuple(row) for row in frame.itertuples(index=False)]


def _kinds(raw: RawPlan) -> list[str]:
    return [finding.kind for finding in raw.findings]


# Two sub-axes, each cell spanning the rows of its actions; categories spanning theirs too.
ROWS = [
    [
        "Qualité\nAméliorer l'accueil des jeunes",
        "Permanences",
        "• Ouvrir une permanence le samedi matin",
        "2023",
        "Maison des jeunes, Ville, CAF",
    ],
    ["", "", "• Tenir un cahier des demandes", "2024", "Maison des jeunes"],
    ["Information\nFaire connaître l'offre", "Communication", "• Publier un guide des activités", "2025", "Mairie"],
]
ROW_SPANS = [((0, 2), (0, 3)), ((1, 2), (1, 3))]


def test_a_band_over_the_header_is_the_axis_and_the_axes_column_the_objective_below_it(tmp_path: Path) -> None:
    raw = extract(_youth_plan(tmp_path / "plan.pdf", ROWS, ROW_SPANS))
    plan = normalize(raw)
    assert _columns(plan, "axis", "strategic_objective") == [
        ("AXE 1 – ACCUEIL DES JEUNES", "Qualité Améliorer l'accueil des jeunes"),
        ("AXE 1 – ACCUEIL DES JEUNES", "Qualité Améliorer l'accueil des jeunes"),  # the cell spans its rows
        ("AXE 1 – ACCUEIL DES JEUNES", "Information Faire connaître l'offre"),
    ]
    assert list(plan.anomalies["kind"]) == []  # nor orphan rows, nor objectives inferred from the row above


def test_category_cells_beside_a_column_of_bullets_are_objectives_not_actions(tmp_path: Path) -> None:
    plan = normalize(extract(_youth_plan(tmp_path / "plan.pdf", ROWS, ROW_SPANS)))
    assert _columns(plan, "label", "operational_objective", "source_location") == [
        ("Ouvrir une permanence le samedi matin", "Permanences", "p.1, row 3"),
        ("Tenir un cahier des demandes", "Permanences", "p.1, row 4"),
        ("Publier un guide des activités", "Communication", "p.1, row 5"),
    ]


def test_bullet_items_of_one_cell_are_one_action_each(tmp_path: Path) -> None:
    rows = [
        [
            "Qualité\nAméliorer l'accueil",
            "Équipe",
            "• Former l'équipe à l'écoute active et à la médiation\nentre pairs\n"
            "• Recruter deux animateurs\n– un animateur sportif\n– un animateur culturel",
            "2024",
            "Direction, organisme de formation",
        ],
        ["", "Lieux", "• Rénover la salle d'accueil", "2025", "Services techniques"],
    ]
    plan = normalize(extract(_youth_plan(tmp_path / "plan.pdf", rows, [((0, 2), (0, 3))])))
    assert _columns(plan, "label", "source_location", "end_year", "pilot") == [
        ("Former l'équipe à l'écoute active et à la médiation entre pairs", "p.1, row 3, item 1", 2024, "Direction"),
        (
            "Recruter deux animateurs – un animateur sportif – un animateur culturel",  # its details stay with it
            "p.1, row 3, item 2",
            2024,
            "Direction",
        ),
        ("Rénover la salle d'accueil", "p.1, row 4", 2025, "Services techniques"),
    ]
    assert french_location("p.1, row 3, item 2") == "p.1, ligne 3, puce 2"  # the "À vérifier" sheet's words


def test_the_first_name_of_a_responsables_et_partenaires_cell_is_the_pilot_the_others_partners(
    tmp_path: Path,
) -> None:
    plan = normalize(extract(_youth_plan(tmp_path / "plan.pdf", ROWS, ROW_SPANS)))
    assert _columns(plan, "pilot", "partners") == [
        ("Maison des jeunes", "Ville, CAF"),
        ("Maison des jeunes", None),
        ("Mairie", None),
    ]
    people = plan.people[plan.people["action_ref"] == 0]
    assert list(zip(people["role"], people["name"], strict=True)) == [
        ("pilot", "Maison des jeunes"),
        ("partner", "Ville"),
        ("partner", "CAF"),
    ]


def test_ongoing_deadlines_plan_no_period_and_a_starred_range_its_years(tmp_path: Path) -> None:
    deadlines = ["En continu", "Permanent*", "Tout au long du projet", "2024-2025*"]
    rows = [
        ["Qualité", "Accueil", f"• Action numéro {n} pour les jeunes", deadline, "Mairie"]
        for n, deadline in enumerate(deadlines, start=1)
    ]
    plan = normalize(extract(_youth_plan(tmp_path / "plan.pdf", rows, [])))
    assert list(plan.anomalies["kind"]) == []  # no unreadable-deadline
    years = plan.schedule.groupby("action_ref")["year"].apply(list).to_dict()
    assert years == {3: [2024, 2025]}
    assert _columns(plan, "start_year", "end_year")[3] == (2024, 2025)


def test_a_row_continues_the_row_of_the_previous_page_only_where_the_table_goes_on(tmp_path: Path) -> None:
    widths = (300, 100, 200)
    header = ["Actions", "Échéance", "Pilote"]
    plan_table = pdf_factory.spanned([header, ["Ouvrir un point d'accueil", "2024", "Service jeunesse"]], widths)
    # p.2: the table goes on without its header, its columns where they were: its first row ends the pilot
    second = ["Créer un conseil de jeunes", "2025", "Élus"]
    going_on = pdf_factory.spanned([["", "", "et les éducateurs"], second], widths)
    # p.4 (a page of prose between): survey tables without header, laid out like the plan or not
    survey = pdf_factory.spanned([["", "", "12 réponses"], ["Très satisfait", "", "45 %"]], widths)
    other = pdf_factory.spanned([["", "Oui", "Non"], ["", "62", "38"]], (200, 200, 200))
    story = ["Plan d'actions 2024-2025", plan_table, "<page>", going_on, "<page>", "Résultats de l'enquête"]
    raw = extract(pdf_factory.build(tmp_path / "plan.pdf", [*story, "<page>", survey, "Par quartier :", other]))
    assert [(a.location, a.text("label"), a.text("pilot")) for a in raw.actions] == [
        ("p.1, row 2", "Ouvrir un point d'accueil", "Service jeunesse et les éducateurs"),
        ("p.2, row 2", "Créer un conseil de jeunes", "Élus"),
    ]
    assert [f.location for f in raw.findings if f.kind == "continued-row"] == ["p.2, row 1"]
    assert [f.location for f in raw.findings if f.kind == "unread-table"] == ["p.4, table 1", "p.4, table 2"]


def test_a_table_with_its_header_on_a_far_page_continues_nothing(tmp_path: Path) -> None:
    widths = (300, 100, 200)
    header = ["Actions", "Échéance", "Pilote"]
    first = pdf_factory.spanned([header, ["Ouvrir un point d'accueil", "2024", "Service jeunesse"]], widths)
    second = ["Créer un conseil de jeunes", "2025", "Élus"]
    far = pdf_factory.spanned([header, ["", "", "Comité de suivi"], second], widths)
    story = ["Plan d'actions 2024-2025", first, "<page>", "Bilan de l'année écoulée", "<page>", far]
    raw = extract(pdf_factory.build(tmp_path / "plan.pdf", story))
    assert raw.actions[0].text("pilot") == "Service jeunesse"
    assert [(f.kind, f.location) for f in raw.findings] == [("orphan-row", "p.3, row 2")]


def test_a_heading_marked_suite_is_the_heading_it_goes_on_from(tmp_path: Path) -> None:
    def page(band: str, action: str) -> object:
        rows = [[band, "", "", "", ""], HEADER, ["Qualité", "Accueil", f"• {action}", "2024", "Mairie"]]
        return pdf_factory.spanned(rows, WIDTHS, SPANS)

    first = page("AXE 2 – LOISIRS", "Ouvrir un atelier vélo")
    then = page("AXE 2 – LOISIRS (suite)", "Créer un club photo")
    plan = normalize(extract(pdf_factory.build(tmp_path / "plan.pdf", ["Plan jeunesse 2024", first, "<page>", then])))
    assert _columns(plan, "axis") == [("AXE 2 – LOISIRS",), ("AXE 2 – LOISIRS",)]


def test_a_title_band_over_the_header_is_no_axis_nor_action(tmp_path: Path) -> None:
    action = ["Qualité", "Accueil", "• Ouvrir le samedi", "2024", "Mairie"]
    table = pdf_factory.spanned([["Tableau de bord 2024", "", "", "", ""], HEADER, action], WIDTHS, SPANS)
    raw = extract(pdf_factory.build(tmp_path / "plan.pdf", ["Plan 2024", table]))
    read = _columns(normalize(raw), "label", "axis", "strategic_objective")
    assert read == [("Ouvrir le samedi", "Qualité", "Accueil")]  # the category column is a level below the axes
    assert _kinds(raw) == []  # nor an orphan row


def test_an_axis_cell_spanning_an_objective_row_and_its_actions_gives_them_all_their_axis(tmp_path: Path) -> None:
    rows = [
        ["Axe", "Objectifs et actions", "Échéance", "Pilote"],
        ["Accueil", "Objectif opérationnel 1.1 : Mieux accueillir", "", ""],
        ["", "Ouvrir le samedi", "2024", "Mairie"],
        ["", "Former les bénévoles", "2025", "CCAS"],
    ]
    table = pdf_factory.spanned(rows, (150, 300, 100, 150), [((0, 1), (0, 3))])
    raw = extract(pdf_factory.build(tmp_path / "plan.pdf", ["Plan d'actions 2024-2025", table]))
    assert _kinds(raw) == []  # the objective row holds no value of its own (no heading-values)
    assert _columns(normalize(raw), "label", "axis", "operational_objective") == [
        ("Ouvrir le samedi", "Accueil", "Objectif opérationnel 1.1 : Mieux accueillir"),
        ("Former les bénévoles", "Accueil", "Objectif opérationnel 1.1 : Mieux accueillir"),
    ]
