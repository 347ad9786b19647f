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
    assert not_a_plan(extract(path).actions, path.name) is None


def test_a_roadmap_in_list_fragments_is_still_a_plan(tmp_path: Path) -> None:
    """French lists end items with ";": what decides is that they say something to do."""
    actions = ["le renforcement des partenariats locaux ;", "la création d'un guide d'accueil ;",
               "l'accompagnement des bénévoles ;", "Structurer la communication interne ;",
               "La formation des salariés à l'accueil."]  # fmt: skip
    path = _bullets(tmp_path / "feuille.docx", "Nos priorités", {"Axe 1 : Vie associative": actions})
    raw = extract(path)
    assert len(raw.actions) == 5 and evidence(raw.actions).unfinished >= 0.8
    assert not_a_plan(raw.actions, path.name) is None


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.name)
def test_no_sample_looks_like_a_non_plan(sample: Path) -> None:
    raw = extract(sample)
    assert not_a_plan(raw.actions, sample.name) is None, evidence(raw.actions)
