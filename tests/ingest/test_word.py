"""Word documents built here with python-docx, one per layout a roadmap comes in."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.document import Document
from docx.oxml import OxmlElement
from docx.shared import Cm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import ExtractError
from core.records import RawPlan
from ingest import extract
from normalize import normalize


def _save(document: Document, tmp_path: Path, name: str = "plan.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def _add(document: Document, text: str, *, bold: bool = False, italic: bool = False, style: str | None = None) -> None:
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None


def _labels(raw: RawPlan) -> list[str]:
    return [action.text("label") for action in raw.actions]


def _parents(raw: RawPlan) -> dict[str, str | None]:
    labels = _labels(raw)
    return {labels[i]: labels[a.parent] if a.parent is not None else None for i, a in enumerate(raw.actions)}


def test_document_without_heading_styles_reads_bold_and_capital_axes(tmp_path: Path) -> None:
    document = docx.Document()
    _add(document, "PLAN D'ACTIONS DE L'ASSOCIATION LES GLYCINES 2023-2025", bold=True)
    _add(document, "Version du 3 mars 2023")
    _add(document, "AXE 1 – ACCUEILLIR")  # capitals, not bold
    _add(document, "D'ici 2025, l'association Les Glycines : accueille sans délai.")
    _add(document, "Ouvrir un accueil de jour", style="List Bullet")
    _add(document, "Recruter deux veilleurs", style="List Bullet 2")
    _add(document, "Axe 2 et 3 : Partenariats et financement", bold=True)  # bold, not capitals
    _add(document, "Signer une convention avec la ville", style="List Bullet")
    _add(document, "Ce texte est une simple remarque sur le contexte.")
    raw = extract(_save(document, tmp_path))

    assert raw.metadata.title == "PLAN D'ACTIONS DE L'ASSOCIATION LES GLYCINES 2023-2025"
    assert raw.metadata.version_label == "Version du 3 mars 2023"
    assert raw.metadata.organization == "L'association Les Glycines"
    assert _labels(raw) == [
        "Ouvrir un accueil de jour",
        "Recruter deux veilleurs",
        "Signer une convention avec la ville",
    ]
    assert [a.text("axis") for a in raw.actions] == [
        "AXE 1 – ACCUEILLIR",
        "AXE 1 – ACCUEILLIR",
        "Axe 2 et 3 : Partenariats et financement",
    ]
    assert (
        raw.actions[0].text("strategic_objective") == "D'ici 2025, l'association Les Glycines : accueille sans délai."
    )
    assert raw.actions[2].text("strategic_objective") == ""
    assert _parents(raw)["Recruter deux veilleurs"] == "Ouvrir un accueil de jour"
    assert [(f.kind, f.location) for f in raw.findings] == [("note-paragraph", "§9")]
    plan = normalize(raw)
    assert (plan.plan["period_start"], plan.plan["period_end"], plan.plan["plan_kind"]) == (2023, 2025, "action_plan")


def test_typed_bullets_and_typed_numbered_themes(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Feuille de route 2024", level=0)
    document.add_heading("Axe 1 : Qualité", level=1)
    _add(document, "- Créer une cellule qualité")
    _add(document, "\t- Nommer un référent par site")
    nested = document.add_paragraph("• Former les référents")
    nested.paragraph_format.left_indent = Cm(1.5)
    _add(document, "– Déployer un logiciel de suivi des plaintes :")
    _add(document, "1. Plaintes des familles")
    _add(document, "- Recenser les plaintes", italic=True)
    _add(document, "- Répondre sous quinze jours")
    _add(document, "2) Plaintes des salariés")
    _add(document, "- Ouvrir une adresse dédiée")
    document.add_heading("Axe 2 : Finances", level=1)
    _add(document, "• Réduire les impayés")
    raw = extract(_save(document, tmp_path))

    assert raw.metadata.title == "Feuille de route 2024"
    assert _parents(raw) == {
        "Créer une cellule qualité": None,
        "Nommer un référent par site": "Créer une cellule qualité",
        "Former les référents": "Créer une cellule qualité",
        "Déployer un logiciel de suivi des plaintes :": None,
        "Recenser les plaintes": "Déployer un logiciel de suivi des plaintes :",
        "Répondre sous quinze jours": "Déployer un logiciel de suivi des plaintes :",
        "Ouvrir une adresse dédiée": "Déployer un logiciel de suivi des plaintes :",
        "Réduire les impayés": None,
    }
    themes = {a.text("label"): a.text("operational_objective") for a in raw.actions}
    assert themes["Recenser les plaintes"] == themes["Répondre sous quinze jours"] == "Plaintes des familles"
    assert themes["Ouvrir une adresse dédiée"] == "Plaintes des salariés"
    assert themes["Réduire les impayés"] == "" and raw.actions[-1].text("axis") == "Axe 2 : Finances"
    assert raw.actions[1].location == "§4"
    assert raw.findings == ()


def test_numbered_items_without_bullets_below_are_actions(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Axe 1 : Logement", level=1)
    _add(document, "Créer dix places", style="List Number")
    _add(document, "Rénover le foyer", style="List Number")
    raw = extract(_save(document, tmp_path))
    assert _labels(raw) == ["Créer dix places", "Rénover le foyer"]
    assert all(a.parent is None and not a.text("operational_objective") for a in raw.actions)


def test_table_of_actions_in_a_word_document(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Plan d'actions 2024-2026", level=0)
    document.add_heading("Axe 2 : Inclusion", level=1)
    _add(document, "En 2026, le Foyer Horizon : ouvre ses portes au quartier.")
    table = document.add_table(rows=4, cols=4)
    for row, values in enumerate(
        [
            ("Action", "Pilote", "Échéance", "Indicateur"),
            ("Ouvrir la salle commune aux voisins", "Directrice", "2024-2025", "Nombre de visites"),
            ("Organiser une fête annuelle", "CVS", "Fin 2025", ""),
            ("", "Comptable", "", ""),
        ]
    ):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    other = document.add_table(rows=2, cols=2)
    other.cell(0, 0).text = "Budget"
    other.cell(1, 0).text = "12 000 €"
    raw = extract(_save(document, tmp_path))

    assert _labels(raw) == ["Ouvrir la salle commune aux voisins", "Organiser une fête annuelle", ""]
    first = raw.actions[0]
    assert (first.location, first.text("pilot"), first.text("deadline")) == (
        "table 1, row 2, cell 1",
        "Directrice",
        "2024-2025",
    )
    assert first.cells["pilot"].ref == "table 1, row 2, cell 2"
    assert first.text("axis") == "Axe 2 : Inclusion"
    assert first.text("strategic_objective") == "En 2026, le Foyer Horizon : ouvre ses portes au quartier."
    assert [(f.kind, f.location) for f in raw.findings] == [("table-without-header", "table 2, row 1, cell 1")]
    plan = normalize(raw)
    assert list(plan.actions["label"]) == ["Ouvrir la salle commune aux voisins", "Organiser une fête annuelle"]
    schedule = [
        (r["action_ref"], r["year"], None if pd.isna(r["semester"]) else r["semester"])
        for _, r in plan.schedule.iterrows()
    ]
    assert sorted(schedule) == [
        (0, 2024, None),
        (0, 2025, None),
        (1, 2025, 2),
    ]
    assert "missing-label" in plan.anomaly_counts()
    assert plan.plan["organization"] == "Le Foyer Horizon"


def test_fiche_headings_label_lines_and_key_value_tables_are_actions(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Fiches actions du projet d'établissement", level=0)
    document.add_heading("Axe 1 : Vie sociale", level=1)
    document.add_heading("Action 3 : Créer un conseil des résidents", level=2)
    _add(document, "Pilote : Chef de service")
    _add(document, "Partenaires : Familles, bénévoles")
    _add(document, "Calendrier : 2024-2025")
    _add(document, "Indicateurs :")
    _add(document, "Nombre de réunions par an", style="List Bullet")
    _add(document, "Taux de participation", style="List Bullet")
    document.add_heading("Action 4 – Ouvrir un jardin partagé", level=2)
    _add(document, "Pilote(s) : Animatrice")
    table = document.add_table(rows=3, cols=2)
    for row, (key, value) in enumerate(
        [("Action", "Publier une lettre trimestrielle"), ("Pilote", "Directeur"), ("Échéance", "2025")]
    ):
        table.cell(row, 0).text = key
        table.cell(row, 1).text = value
    raw = extract(_save(document, tmp_path))

    assert [(a.text("action_code"), a.text("label")) for a in raw.actions] == [
        ("3", "Créer un conseil des résidents"),
        ("4", "Ouvrir un jardin partagé"),
        ("", "Publier une lettre trimestrielle"),
    ]
    fiche = raw.actions[0]
    assert fiche.location == "§3"
    assert (fiche.text("pilot"), fiche.text("partners"), fiche.text("deadline")) == (
        "Chef de service",
        "Familles, bénévoles",
        "2024-2025",
    )
    assert fiche.text("indicator") == "Nombre de réunions par an; Taux de participation"
    assert fiche.cells["pilot"].ref == "§4"
    assert raw.actions[1].text("pilot") == "Animatrice"
    assert raw.actions[2].text("pilot") == "Directeur"
    assert raw.actions[2].location == "table 1, row 1, cell 2"
    assert all(a.text("axis") == "Axe 1 : Vie sociale" and a.parent is None for a in raw.actions)
    assert raw.findings == ()
    plan = normalize(raw)
    assert list(plan.actions["action_code"].fillna("")) == ["3", "4", ""]


def test_a_package_part_with_an_unexpected_root_fails_with_a_clear_message(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "samples" / "feuille_de_route_direction_generale.docx"
    damaged = tmp_path / "roadmap.docx"
    with zipfile.ZipFile(sample) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            part = b"<Other/>" if item.filename == "[Content_Types].xml" else source.read(item.filename)
            target.writestr(item, part)
    with pytest.raises(ExtractError, match=r"^roadmap\.docx: cannot open the Word document \(AttributeError"):
        extract(damaged)


def test_a_letter_is_not_a_plan(tmp_path: Path) -> None:
    document = docx.Document()
    _add(document, "Madame, Monsieur,")
    _add(document, "Nous vous remercions de votre courrier du 4 mai et vous prions d'agréer nos salutations.")
    _add(document, "La directrice")
    raw = extract(_save(document, tmp_path, "lettre.docx"))
    assert raw.actions == ()
    assert [f.kind for f in raw.findings] == ["note-paragraph", "no-actions-found"]
    assert raw.findings[0].location == "§1-§3"
    assert "nothing read as an action" in raw.findings[1].message


def test_orphan_sub_action_is_kept_as_an_action(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Axe 1 : Santé", level=1)
    _add(document, "Vacciner les résidents", style="List Bullet 2")
    raw = extract(_save(document, tmp_path))
    assert _labels(raw) == ["Vacciner les résidents"] and raw.actions[0].parent is None
    assert [(f.kind, f.action) for f in raw.findings] == [("orphan-sub-action", 0)]


_LABEL = st.from_regex(r"[A-ZÉ][a-zàéèêç’]{2,12}(?: [a-zàéèêç’]{1,10}){0,4}", fullmatch=True)
_PLAN = st.lists(  # axes -> actions -> sub-actions
    st.lists(st.tuples(_LABEL, st.lists(_LABEL, max_size=2)), min_size=1, max_size=4), min_size=1, max_size=3
)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=_PLAN)
def test_round_trip_of_a_list_styled_roadmap(tmp_path: Path, plan: list[list[tuple[str, list[str]]]]) -> None:
    document = docx.Document()
    document.add_heading("Feuille de route", level=0)
    expected: list[tuple[str, str, str | None]] = []  # axis, label, parent label
    for number, actions in enumerate(plan, start=1):
        axis = f"Axe {number} : Orientation {number}"
        document.add_heading(axis, level=1)
        for label, subs in actions:
            _add(document, label, style="List Bullet")
            expected.append((axis, label, None))
            for sub in subs:
                _add(document, sub, style="List Bullet 2")
                expected.append((axis, sub, label))
    raw = extract(_save(document, tmp_path, "round_trip.docx"))
    labels = _labels(raw)
    got = [(a.text("axis"), a.text("label"), labels[a.parent] if a.parent is not None else None) for a in raw.actions]
    assert got == expected
    assert raw.findings == ()


def test_numbered_headings_and_content_controls(tmp_path: Path) -> None:
    document = docx.Document()
    heading = document.add_heading("Axe 1 : Accueil", level=1)
    num_pr = heading._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = 5  # Word's numbered headings: numbering on a Heading paragraph
    _add(document, "Ouvrir le samedi", style="List Bullet")
    # A content control (w:sdt) wrapping a list paragraph, as templates and forms do.
    wrapped = document.add_paragraph("Former les bénévoles", style="List Bullet")
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    wrapped._p.addprevious(sdt)
    sdt.append(content)
    content.append(wrapped._p)
    raw = extract(_save(document, tmp_path))
    assert _labels(raw) == ["Ouvrir le samedi", "Former les bénévoles"]
    assert {a.text("axis") for a in raw.actions} == {"Axe 1 : Accueil"}
    assert raw.actions[1].location == "§3"


def test_title_style_alone_does_not_turn_off_bold_axes(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Feuille de route 2025", level=0)
    _add(document, "Axe 1 : Accueil", bold=True)
    _add(document, "Ouvrir le samedi", style="List Bullet")
    raw = extract(_save(document, tmp_path))
    assert (raw.metadata.title, raw.actions[0].text("axis")) == ("Feuille de route 2025", "Axe 1 : Accueil")
