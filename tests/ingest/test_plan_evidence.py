"""Lists laid out like a plan that are not one (guidelines, a blank form, a questionnaire) load no action."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from ingest import extract
from normalize import normalize
from normalize.plan_evidence import evidence, not_a_plan
from plans.pipeline import IngestOptions, ingest
from tests.conftest import sample_files
from tests.ingest import pdf_factory

GUIDELINES = [
    "Les associations candidates doivent être déclarées depuis au moins trois ans ;",
    "Le dossier de candidature doit être déposé avant la date limite ;",
    "les projets doivent respecter les critères d'éligibilité définis en annexe ;",
    "Les porteurs de projet peuvent présenter deux projets au plus.",
    "Le cofinancement ne peut excéder 60 % du budget total ;",
    "Les pièces justificatives sont obligatoires :",
    "Les statuts de l'association et la liste des membres du bureau ;",
    "Le dernier rapport d'activité approuvé en assemblée générale ;",
    "Les comptes certifiés du dernier exercice clos.",
    "Tout dossier incomplet sera déclaré irrecevable.",
    "La subvention est versée en deux tranches,",
    "dont la seconde après réception du rapport final.",
]
FORM = ["Nom de la structure :", "Adresse du siège :", "Numéro SIRET :", "Représentant légal :", "Téléphone :",
        "Courriel :", "Objet de la demande :", "Montant sollicité :", "Public concerné :", "Partenaires :"]  # fmt: skip
QUESTIONS = ["Quel est votre public principal ?", "Combien de bénévoles mobilisez-vous ?",
             "Quels partenaires financent vos actions ?", "Quelles difficultés rencontrez-vous ?",
             "Souhaitez-vous être accompagnés ?"]  # fmt: skip

ADVICE = ["Définissez des objectifs mesurables", "Nommez un pilote pour chaque action",
          "Fixez une échéance réaliste", "N'oubliez pas les indicateurs de suivi",
          "Associez vos équipes dès le début"]  # fmt: skip


def _bullets(path: Path, title: str, headings: dict[str, list[str]], blank_after: bool = False) -> Path:
    document = docx.Document()
    document.add_heading(title, 0)
    for heading, items in headings.items():
        document.add_heading(heading, 1)
        for item in items:
            document.add_paragraph(item, style="List Bullet")
            if blank_after:
                document.add_paragraph("")
    document.save(str(path))
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "title", "headings", "blank_after", "sign"),
    [
        (
            "appel.docx",
            "Appel à projets 2024",
            {"Conditions d'éligibilité": GUIDELINES[:6], "Pièces à fournir": GUIDELINES[6:]},
            False,
            "words of rules and applicants",
        ),
        (
            "formulaire.docx",
            "Formulaire de demande",
            {"Identification": FORM[:6], "Le projet": FORM[6:]},
            True,
            "form labels, questions or fragments",
        ),
        ("questionnaire.docx", "Questionnaire", {"Votre association": QUESTIONS}, True, "questions"),
        ("conseils.docx", "Guide méthodologique", {"Nos actions": ADVICE}, False, "advice to the reader"),
    ],
)
def test_a_document_that_only_looks_like_a_plan_is_not_a_plan(
    tmp_path: Path, name: str, title: str, headings: dict[str, list[str]], blank_after: bool, sign: str
) -> None:
    path = _bullets(tmp_path / name, title, headings, blank_after)
    raw = extract(path)
    assert len(raw.actions) >= 5  # the Word reader sees a bulleted plan…
    plan = normalize(raw)
    assert len(plan.actions) == 0  # …the evidence says otherwise
    [(message, location)] = plan.anomalies.loc[plan.anomalies["kind"] == "not-a-plan", ["message", "location"]].values
    assert sign in str(message) and location == name
    [report] = ingest([path], IngestOptions(db=tmp_path / "plans.duckdb", jobs=1))
    assert (report.status, report.actions, report.plan, report.plan_id) == ("not-a-plan", 0, None, None)
    assert report.reasons and report.reasons[0].startswith("not a plan:")


def test_a_bulleted_roadmap_without_pilots_is_still_a_plan(tmp_path: Path) -> None:
    actions = ["Mettre en place un comité de suivi", "Développer les partenariats locaux",
               "Former les bénévoles à l'accueil", "Création d'un guide d'accueil des familles",
               "Renforcer la communication interne"]  # fmt: skip
    path = _bullets(tmp_path / "feuille.docx", "Feuille de route 2024-2026", {"Axe 1 : Vie associative": actions})
    assert not_a_plan(extract(path)) is None


def test_a_roadmap_in_list_fragments_is_still_a_plan(tmp_path: Path) -> None:
    """French lists end items with ";": what decides is that they say something to do."""
    actions = ["le renforcement des partenariats locaux ;", "la création d'un guide d'accueil ;",
               "l'accompagnement des bénévoles ;", "Structurer la communication interne ;",
               "La formation des salariés à l'accueil."]  # fmt: skip
    path = _bullets(tmp_path / "feuille.docx", "Nos priorités", {"Axe 1 : Vie associative": actions})
    raw = extract(path)
    assert len(raw.actions) == 5 and evidence(raw).unfinished >= 0.8
    assert not_a_plan(raw) is None


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.name)
def test_no_sample_looks_like_a_non_plan(sample: Path) -> None:
    raw = extract(sample)
    assert not_a_plan(raw) is None, evidence(raw)


STANDARD = ["10.1.1 Ignorable Attribute", "10.1.2 ProcessContent Attribute", "10.1.3 MustUnderstand Attribute",
            "10.2.1 AlternateContent Element", "10.2.2 Override Element", "10.2.3 Requirements for Consumers",
            "10.2.4 Signature Validation", "10.2.5 Consumer Behaviour"]  # fmt: skip
REPORT = ["1.1.1 Contexte territorial", "1.1.2 Méthodologie de l'enquête", "1.2.1 Présentation de la structure",
          "1.2.2 Résultats de l'enquête", "2.1.1 Synthèse des entretiens", "2.1.2 Perspectives"]  # fmt: skip
NUMBERED_ACTIONS = ["1.1.1 Développer l'accueil des familles", "1.1.2 Mise en place d'un comité de suivi",
                    "1.1.3 Soutien aux familles monoparentales", "1.2.1 Lutte contre l'isolement des aînés",
                    "1.2.2 Accompagnement des bénévoles", "1.2.3 Aide aux devoirs des collégiens"]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "headings"),
    [("INTERNATIONAL STANDARD 29500-3", STANDARD), ("Rapport d'activité 2023", REPORT)],
    ids=["standard", "report"],
)
def test_numbered_headings_are_not_a_plan(tmp_path: Path, title: str, headings: list[str]) -> None:
    """A code alone is no plan field: a report's or a standard's sections are numbered too."""
    path = pdf_factory.build(tmp_path / "document.pdf", [title, *headings])
    raw = extract(path)
    assert len(raw.actions) == len(headings)  # the outline reader sees numbered items…
    assert evidence(raw).action_starts < 0.5
    [report] = ingest([path], IngestOptions(db=tmp_path / "plans.duckdb", jobs=1))
    assert (report.status, report.actions) == ("not-a-plan", 0)  # …which do not read as things to do
    assert "are numbered headings with nothing else of an action" in report.reasons[0]


def test_numbered_actions_without_any_other_field_are_still_a_plan(tmp_path: Path) -> None:
    """French plans number their actions, infinitives or nouns of action, often with nothing else."""
    path = pdf_factory.build(tmp_path / "plan.pdf", ["Nos engagements", *NUMBERED_ACTIONS])
    raw = extract(path)
    assert evidence(raw).action_starts == 1.0
    assert not_a_plan(raw) is None
    assert [a.text("label") for a in raw.actions] == [item.split(" ", 1)[1] for item in NUMBERED_ACTIONS]


TWO_ACTIONS = [("Nos deux actions pour l'année :", None), ("Créer un comité", "List Bullet"),
               ("Former les bénévoles", "List Bullet")]  # fmt: skip


def _word(path: Path, paragraphs: list[tuple[str, str | None]]) -> Path:
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("paragraphs", "status", "actions"),
    [
        ([("Paragraph having List Number style.", "List Number")], "not-a-plan", 0),
        ([("Objet : réunion du 12 mars", None), ("Apporter le compte rendu", "List Bullet")], "not-a-plan", 0),
        ([("Plan d'actions 2024", "Title"), ("Créer un comité de suivi", "List Number")], "ok", 1),
        (TWO_ACTIONS, "ok", 2),
        ([("Créer un comité de suivi", "List Bullet"), ("Pilote : Direction", None)], "ok", 1),
    ],
    ids=["lone-list-item", "a-note", "titled-plan", "text-names-actions", "a-pilot"],
)
def test_one_or_two_bare_items_are_a_plan_only_where_the_document_names_one(
    tmp_path: Path, paragraphs: list[tuple[str, str | None]], status: str, actions: int
) -> None:
    path = _word(tmp_path / "document.docx", paragraphs)
    [report] = ingest([path], IngestOptions(db=tmp_path / "plans.duckdb", jobs=1))
    assert (report.status, report.actions) == (status, actions), report.reasons
    if status == "not-a-plan":
        assert report.reasons[0].startswith("not a plan: 1 item(s) read, without pilot, period, status or budget")
