"""Fiches actions and activity blocks, read from Word and PDF documents made here."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from reportlab.platypus.flowables import Flowable

from ingest import excel, html, pdf, word
from ingest.fiches import Piece, field_of, read
from tests.ingest import pdf_factory

_FICHES = (
    ("Fiche action n°1", "Créer un groupe de parole", "Éducatrice", "CAF, mairie", "Juin 2025", "En cours"),
    ("Fiche action n°2", "Former les bénévoles", "Directrice", "Fédération", "2025-2026", "À venir"),
    ("Fiche action n°3", "Ouvrir une permanence", "Chef de service", "CCAS", "Décembre 2026", "Réalisé"),
)


def _kinds(findings: object) -> list[str]:
    return [f.kind for f in findings]  # type: ignore[attr-defined]


def test_word_recueil_of_key_value_fiches(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Recueil des fiches actions 2025", 0)
    for number, label, pilot, partners, deadline, status in _FICHES:
        document.add_heading(number, 2)
        table = document.add_table(rows=0, cols=2)
        for key, value in (
            ("Titre de l'action", label),
            ("Porteur", pilot),
            ("Partenaires", partners),
            ("Calendrier", deadline),
            ("État d'avancement", status),
        ):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = key, value
    path = tmp_path / "recueil.docx"
    document.save(str(path))
    raw = word.extract(path)
    assert [a.text("label") for a in raw.actions] == [f[1] for f in _FICHES]
    assert [a.text("pilot") for a in raw.actions] == [f[2] for f in _FICHES]
    assert [a.text("partners") for a in raw.actions] == [f[3] for f in _FICHES]
    assert [a.text("deadline") for a in raw.actions] == [f[4] for f in _FICHES]
    assert [a.text("status") for a in raw.actions] == [f[5] for f in _FICHES]
    assert [a.text("action_code") for a in raw.actions] == ["1", "2", "3"]
    assert raw.actions[1].cells["pilot"].ref == "table 2, row 2, cell 2"


def test_pdf_recueil_of_label_value_paragraphs(tmp_path: Path) -> None:
    story: list[Flowable | str] = ["Recueil des fiches actions"]
    for number, label, pilot, partners, deadline, status in _FICHES:
        story += [
            number,
            f"Intitulé de l'action : {label}",
            f"Pilote : {pilot}",
            f"Partenaires : {partners}",
            f"Échéance : {deadline}",
            f"Statut : {status}",
        ]
    raw = pdf.extract(pdf_factory.build(tmp_path / "recueil.pdf", story))
    assert [a.text("label") for a in raw.actions] == [f[1] for f in _FICHES]
    assert [a.text("pilot") for a in raw.actions] == [f[2] for f in _FICHES]
    assert [a.text("status") for a in raw.actions] == [f[5] for f in _FICHES]
    assert raw.actions[0].cells["label"].ref.startswith("p.1, line ")


def test_single_fiche_is_a_plan_of_one_action_with_dates_and_objectives(tmp_path: Path) -> None:
    story = [
        "Demande de subvention",
        "Nature juridique : Association",
        "Description de l'action",
        "Intitulé de l'action :",
        "Accompagner les familles vers le logement",
        "Quels sont les objectifs de l'action ? :",
        "Réduire le nombre de familles sans solution.",
        "Date prévisionnelle de début de réalisation :",
        "01/09/2024",
        "Date prévisionnelle de fin de réalisation :",
        "31/08/2025",
        "Quel en est le contenu ? :",
        "Des permanences hebdomadaires.",
    ]
    raw = pdf.extract(pdf_factory.build(tmp_path / "fiche.pdf", story))
    assert len(raw.actions) == 1
    action = raw.actions[0]
    assert action.text("label") == "Accompagner les familles vers le logement"
    assert (action.text("start_date"), action.text("end_date")) == ("01/09/2024", "31/08/2025")
    assert action.text("comment") == "Objectifs : Réduire le nombre de familles sans solution."


def test_blank_fiche_is_not_a_plan(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Fiche action", 1)
    table = document.add_table(rows=0, cols=2)
    for key in ("Intitulé de l'action", "Pilote", "Partenaires", "Échéance", "Indicateurs"):
        table.add_row().cells[0].text = key
    path = tmp_path / "vierge.docx"
    document.save(str(path))
    raw = word.extract(path)
    assert raw.actions == ()
    assert "not-a-plan" in _kinds(raw.findings)


def test_activity_blocks_restart_under_two_objectives_and_the_logframe_adds_none(tmp_path: Path) -> None:
    story: list[Flowable | str] = ["Note d'initiative"]
    activities = {1: ("Diagnostiquer les besoins", "Former les équipes"), 2: ("Sensibiliser les jeunes", "Incuber")}
    for objective, labels in activities.items():
        story.append(f"Objectif spécifique {objective} : Objectif numéro {objective}")
        story.append("Résultat 1 : Un résultat attendu")
        for number, label in enumerate(labels, start=1):
            story += [
                f"Activité 1.{number} : {label}",
                "Modalités de mise en œuvre : des ateliers.",
                f"Acteurs (internes ou externes) en charge de l'exécution : Équipe {objective}.{number}",
                "Indicateurs de suivi de l'activité :",
                "- 2 rapports",
            ]
    story += ["<page>", "Annexe : cadre logique"]
    logframe = [["Activités", "Indicateurs"]]
    logframe += [
        [f"Activité {o}.1.{n} {label}", "2 rapports"] for o, ls in activities.items() for n, label in enumerate(ls, 1)
    ]
    story.append(pdf_factory.ruled(logframe))
    raw = pdf.extract(pdf_factory.build(tmp_path / "note.pdf", story))
    read_labels = [a.text("label") for a in raw.actions]
    assert read_labels == [title for titles in activities.values() for title in titles]
    assert [a.text("action_code") for a in raw.actions] == ["1.1.1", "1.1.2", "2.1.1", "2.1.2"]
    assert [a.text("strategic_objective") for a in raw.actions][2] == "Objectif spécifique 2 : Objectif numéro 2"
    assert raw.actions[3].text("pilot") == "Équipe 2.2"
    assert raw.actions[0].text("indicator") == "- 2 rapports"
    assert "numbering-restarts" in _kinds(raw.findings)
    assert _kinds(raw.findings).count("repeated-block") == 4


def test_form_with_numbered_headings_yields_no_action(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Rapport d'activité", 0)
    for heading, prose in (
        ("1.1.1 Pertinence par rapport aux objectifs", "Le projet répond aux besoins du territoire."),
        ("1.1.2 Cohérence avec les politiques publiques", "Il s'inscrit dans le schéma départemental."),
        ("Activité 1.2 : Bilan des ateliers", "Les ateliers ont réuni 40 personnes."),
    ):
        document.add_heading(heading, 3)
        document.add_paragraph(prose)
    path = tmp_path / "rapport.docx"
    document.save(str(path))
    raw = word.extract(path)
    assert raw.actions == ()
    assert "not-a-plan" in _kinds(raw.findings)


def test_labels_vary_but_name_the_same_fields() -> None:
    assert field_of("Nom de l'action ou du projet") == "label"
    assert field_of("Personne référente") == "pilot"
    assert field_of("Qui ?") == "pilot"
    assert field_of("Critères d'évaluation") == "indicator"
    assert field_of("Durée") == "deadline"
    assert field_of("Date de rédaction de la note") is None
    assert field_of("Le projet vise à améliorer la vie des habitants") is None


def test_a_value_may_go_on_over_the_next_paragraphs_and_a_title_over_wrapped_lines() -> None:
    pieces = [
        Piece("Activité 3 : Organiser des visites d'études et", "l.1", wraps=True),
        Piece("d'échanges entre partenaires", "l.2", wraps=True),
        Piece("Publics ciblés : les équipes", "l.3", wraps=True),
        Piece("Budget :", "l.4", wraps=True),
        Piece("12 000 €", "l.5", wraps=True),
    ]
    reading = read(pieces)
    (action,) = reading.actions
    assert action.text("label") == "Organiser des visites d'études et d'échanges entre partenaires"
    assert action.text("budget") == "12 000 €"
    assert action.cells["budget"].ref == "l.5"
    assert action.text("comment") == "Public : les équipes"


def test_web_page_of_fiches_in_key_value_tables(tmp_path: Path) -> None:
    rows = "".join(
        f"<h2>{number}</h2><table><tr><td>Intitulé</td><td>{label}</td></tr>"
        f"<tr><td>Référent</td><td>{pilot}</td></tr><tr><td>Échéance</td><td>{deadline}</td></tr></table>"
        for number, label, pilot, _, deadline, _ in _FICHES
    )
    path = tmp_path / "fiches.html"
    path.write_text(f"<html><head><title>Nos fiches actions</title></head><body>{rows}</body></html>", "utf-8")
    raw = html.extract(path)
    assert [(a.text("label"), a.text("pilot"), a.text("deadline")) for a in raw.actions] == [
        (f[1], f[2], f[4]) for f in _FICHES
    ]


def test_workbook_with_one_sheet_per_fiche(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])
    for number, label, pilot, _, deadline, _ in _FICHES:
        sheet = workbook.create_sheet(number.replace("°", ""))
        sheet.append([number])
        for key, value in (("Nom de l'action", label), ("Pilote(s)", pilot), ("Échéance", deadline)):
            sheet.append([key, value])
    path = tmp_path / "fiches.xlsx"
    workbook.save(path)
    raw = excel.extract(path)
    assert [(a.text("label"), a.text("pilot"), a.text("deadline")) for a in raw.actions] == [
        (f[1], f[2], f[4]) for f in _FICHES
    ]
    assert raw.actions[2].cells["pilot"].ref == "'Fiche action n3'!B3"


def test_word_headings_followed_by_labelled_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Plan d'actions de l'association", 0)
    document.add_heading("Axe 1 : Accès aux droits", 1)
    for _, label, pilot, partners, deadline, _ in _FICHES:
        document.add_heading(label, 2)
        document.add_paragraph(f"Personne référente : {pilot}")
        document.add_paragraph(f"Partenaires : {partners}")
        document.add_paragraph(f"Dates : {deadline}")
    document.add_heading("Annexe : glossaire", 2)
    document.add_paragraph("CAF : caisse d'allocations familiales.")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    raw = word.extract(path)
    assert [(a.text("label"), a.text("pilot"), a.text("deadline")) for a in raw.actions] == [
        (f[1], f[2], f[4]) for f in _FICHES
    ]
    assert {a.text("axis") for a in raw.actions} == {"Axe 1 : Accès aux droits"}


def test_pdf_fiche_in_a_boxed_frame(tmp_path: Path) -> None:
    frame = pdf_factory.ruled(
        [["Fiche action n°4<br/>Intitulé : Créer un jardin partagé<br/>Pilote : Animatrice<br/>Budget : 3 000 €"]]
    )
    raw = pdf.extract(pdf_factory.build(tmp_path / "cadre.pdf", ["Fiches actions", frame]))
    (action,) = raw.actions
    assert (action.text("label"), action.text("pilot"), action.text("budget")) == (
        "Créer un jardin partagé",
        "Animatrice",
        "3 000 €",
    )
    assert action.text("action_code") == "4"


def test_word_annex_fiche_completes_the_table_action_it_repeats(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Plan d'actions 2025", 0)
    table = document.add_table(rows=3, cols=3)
    for row, values in enumerate(
        (
            ("Action", "Pilote", "Échéance"),
            ("Créer un groupe de parole", "Éducatrice", "2025"),
            ("Former", "DG", "2026"),
        )
    ):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    document.add_heading("Annexe : fiches actions", 1)
    fiche = document.add_table(rows=2, cols=2)
    for row, (key, value) in enumerate((("Intitulé", "Créer un groupe de parole"), ("Partenaires", "CAF, mairie"))):
        fiche.cell(row, 0).text, fiche.cell(row, 1).text = key, value
    path = tmp_path / "plan.docx"
    document.save(str(path))
    raw = word.extract(path)
    assert [a.text("label") for a in raw.actions] == ["Créer un groupe de parole", "Former"]
    assert raw.actions[0].text("partners") == "CAF, mairie"
    assert raw.actions[0].text("pilot") == "Éducatrice"
    assert "repeated-block" in _kinds(raw.findings)


def test_pdf_fiches_with_dash_separators_and_similar_labels(tmp_path: Path) -> None:
    fiches = (
        ("Accompagner la participation des habitants", "Directrice", "2025"),
        ("Former la participation des habitants", "Bureau", "2026"),
        ("Accompagner la participation des habitants sur chaque site", "DAF", "2027"),
    )
    story: list[Flowable | str] = ["Nos fiches actions"]
    for number, (label, pilot, deadline) in enumerate(fiches, start=1):
        story += [f"FICHE-ACTION {number}", f"Nom de l'action – {label}", f"Échéance – {deadline}", f"Pilote – {pilot}"]
    raw = pdf.extract(pdf_factory.build(tmp_path / "fiches.pdf", story))
    assert [(a.text("label"), a.text("pilot"), a.text("deadline")) for a in raw.actions] == list(fiches)
    assert [a.text("action_code") for a in raw.actions] == ["1", "2", "3"]
    assert "repeated-block" not in _kinds(raw.findings)


def test_word_fiche_tables_with_similar_labels_are_distinct_actions(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Plan d'action 2025-2027", 0)
    fiches = (("Créer un groupe de parole", "DG"), ("Animer un groupe de parole", "DAF"))
    for number, (label, pilot) in enumerate(fiches):
        document.add_heading(f"Fiche {number + 1}", 1)
        table = document.add_table(rows=0, cols=2)
        for key, value in (("Intitulé", label), ("Responsable", pilot), ("Délai", "2026")):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = key, value
    path = tmp_path / "fiches.docx"
    document.save(str(path))
    raw = word.extract(path)
    assert [(a.text("label"), a.text("pilot"), a.text("axis")) for a in raw.actions] == [
        ("Créer un groupe de parole", "DG", ""),
        ("Animer un groupe de parole", "DAF", ""),
    ]


def test_form_with_dotted_blanks_is_not_a_plan(tmp_path: Path) -> None:
    story: list[Flowable | str] = ["Dossier de candidature"]
    for heading, labels in (
        ("1 - Identification", ("Nom", "Responsable légal", "Téléphone")),
        ("2 - Le projet", ("Intitulé du projet", "Objectifs", "Public visé", "Responsable")),
        ("3 - Calendrier", ("Date de début", "Date de fin", "Échéance")),
    ):
        story += [heading, *(f"{label} : {'.' * 30}" for label in labels)]
    raw = pdf.extract(pdf_factory.build(tmp_path / "formulaire.pdf", story))
    assert raw.actions == ()
    assert "not-a-plan" in _kinds(raw.findings)


def test_similar_fiches_with_other_numbers_are_two_actions_and_an_annex_is_none() -> None:
    pieces = [
        Piece("Action n° 23", "l.1", wraps=True),
        Piece("Nom de l'action : Développer le projet d'établissement sur chaque site", "l.2", wraps=True),
        Piece("Référent(e) : Qualité", "l.3", wraps=True),
        Piece("Action n° 28", "l.4", wraps=True),
        Piece("Nom de l'action : Développer le projet d'établissement", "l.5", wraps=True),
        Piece("Référent(e) : Qualité", "l.6", wraps=True),
        Piece("Activité 1.28 : Développer le projet d'établissement.", "l.7", wraps=True),
        Piece("Budget : 500 €", "l.8", wraps=True),
    ]
    reading = read(pieces)
    assert [(a.text("action_code"), a.text("budget")) for a in reading.actions] == [("23", ""), ("28", "500 €")]
    assert _kinds(reading.findings) == ["repeated-block"]
