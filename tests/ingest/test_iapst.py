"""iA.PST exchange files, written here as iA.PST exports them (XSD 201805V1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from core.errors import ExtractError
from core.limits import LimitExceeded, Limits
from ingest import extract
from ingest.detect import detect_format
from normalize import normalize
from plans.pipeline import discover
from tests.conftest import ROOT

XSD = ROOT / "tests" / "data" / "PST_eComptes_Export_201805V1.xsd"


def _base(label: str, status: str, progress: str, extra: str = "", dates: str = "") -> tuple[str, str]:
    """The elements before (Libelle ... Statut) and after (TauxAvancement ...) the people."""
    return (
        f"<Libelle>{label}</Libelle>{dates}<Description><Mode>TEXTE</Mode><Valeur>{extra}</Valeur></Description>"
        f"<Statut>{status}</Statut>"
    ), (
        f"<TauxAvancement>{progress}</TauxAvancement><RemarqueStatut><Mode>TEXTE</Mode><Valeur/></RemarqueStatut>"
        "<ETP>0</ETP><Plans/><Partenaires><Partenaire>CPAS</Partenaire><Partenaire>Région</Partenaire></Partenaires>"
        "<Articles/><Projections/>"
    )


def _element(tag: str, element_id: str, label: str, inner: str) -> str:
    head, tail = _base(label, "EN_COURS", "50")
    return f'<{tag} ElementId="{element_id}" Exercice="2024">{head}{tail}{inner}</{tag}>'


def _action(element_id: str, label: str, status: str, people: str, progress: str = "40") -> str:
    dates = "<DateDebut>2024-01-01</DateDebut><DateFin>2025-06-30</DateFin>"
    head, tail = _base(label, status, progress, "Indicateur : nombre de repas servis\nSource : Plan!E7", dates)
    return f'<Action ElementId="{element_id}" Exercice="2024">{head}{people}{tail}</Action>'


RESPONSABLE = (
    "<Responsable><Civilite>MADAME</Civilite><Nom>DUPONT</Nom><Prenom>Anne</Prenom><Tel/><eMail/></Responsable>"
    "<Departement>Service social</Departement>"
)


def pst_xml(actions: str) -> str:
    objective = _element("ObjectifOperationnel", "OO1", "Ouvrir un restaurant social", f"<Actions>{actions}</Actions>")
    strategic = _element(
        "ObjectifStrategique", "OS1", "Être une commune solidaire",
        f"<ObjectifsOperationnels>{objective}</ObjectifsOperationnels>",
    )  # fmt: skip
    placeholder = _element(
        "ObjectifStrategique", "OS2", "(sans objectif stratégique)",
        "<ObjectifsOperationnels>"
        + _element("ObjectifOperationnel", "OO2", "(sans objectif opérationnel)",
                   "<Actions>" + _action("A9", "Former les agents", "TERMINE", "", "100") + "</Actions>")
        + "</ObjectifsOperationnels>",
    )  # fmt: skip
    volet = _element(
        "Volet", "V1", "Volet interne", f"<ObjectifStrategiques>{strategic}{placeholder}</ObjectifStrategiques>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<dataroot><Identifiants><Id>cpas-x</Id><TypeAdmin>CPAS</TypeAdmin>'
        "<INS>57081</INS><Type>PST</Type><Exercice>2024</Exercice><Version>201805V1</Version>"
        "<Generateur>iA.PST</Generateur></Identifiants><PST><DescriptionPST><IdPST>1</IdPST>"
        "<Libelle>PST du CPAS 2024-2030</Libelle><ExerciceDebut>2024</ExerciceDebut><ExerciceFin>2030</ExerciceFin>"
        f"</DescriptionPST><Volets>{volet}</Volets></PST></dataroot>"
    )


ACTIONS = _action("A1", "Trouver un local", "EN_ATTENTE", RESPONSABLE) + _action("A2", "Recruter", "NON_COMMENCE", "")


@pytest.fixture
def pst_file(tmp_path: Path) -> Path:
    path = tmp_path / "export_pst.xml"
    path.write_text(pst_xml(ACTIONS), encoding="utf-8")
    return path


def test_the_test_file_is_a_valid_exchange_file(pst_file: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(etree.parse(str(pst_file))), schema.error_log


def test_volets_objectives_and_actions_are_read(pst_file: Path) -> None:
    assert detect_format(pst_file) == "ia-pst"
    plan = extract(pst_file)
    local, recruit, train = plan.actions
    assert local.text("axis") == "Volet interne"
    assert local.text("strategic_objective") == "Être une commune solidaire"
    assert local.text("operational_objective") == "Ouvrir un restaurant social"
    assert (local.text("label"), local.text("status"), local.text("health")) == (
        "Trouver un local",
        "En cours",
        "En pause",
    )
    assert (local.text("start_date"), local.text("end_date"), local.text("progress")) == (
        "2024-01-01",
        "2025-06-30",
        "40",
    )
    assert local.text("pilot") == "Anne DUPONT; Service social"
    assert (local.text("partners"), local.text("indicator")) == ("CPAS, Région", "nombre de repas servis")
    assert local.location.endswith("Action[@ElementId='A1']/Libelle")
    assert recruit.text("status") == "Non commencé" and "pilot" not in recruit.cells
    # Placeholder objectives name no objective.
    assert "strategic_objective" not in train.cells and train.text("axis") == "Volet interne"
    assert (plan.metadata.title, plan.metadata.period_start, plan.metadata.period_end) == (
        "PST du CPAS 2024-2030", 2024, 2030,
    )  # fmt: skip


def test_statuses_normalize_to_the_plan_vocabulary(pst_file: Path) -> None:
    actions = normalize(extract(pst_file)).actions
    assert list(actions["status"]) == ["in_progress", "planned", "done"]
    assert list(actions["health"].fillna("")) == ["paused", "", ""]
    assert list(actions["progress_pct"]) == [40.0, 40.0, 100.0]


def test_a_file_without_action_is_not_a_plan(tmp_path: Path) -> None:
    path = tmp_path / "vide.xml"
    path.write_text(pst_xml(""), encoding="utf-8")
    plan = extract(path)
    assert [a.text("label") for a in plan.actions] == ["Former les agents"]
    path.write_text(pst_xml("").replace(_action("A9", "Former les agents", "TERMINE", "", "100"), ""), encoding="utf-8")
    plan = extract(path)
    assert plan.actions == () and [f.kind for f in plan.findings] == ["not-a-plan"]


def test_entities_are_refused_and_the_action_count_is_limited(tmp_path: Path, pst_file: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    text = pst_xml(ACTIONS).replace("<dataroot>", '<!DOCTYPE dataroot [<!ENTITY a "aaaa">]>\n<dataroot>', 1)
    bomb.write_text(text.replace("Trouver un local", "&a;"), encoding="utf-8")
    assert detect_format(bomb) == "ia-pst"
    with pytest.raises(ExtractError, match=r"cannot read the iA\.PST file"):
        extract(bomb)
    with pytest.raises(LimitExceeded, match="3 actions"):
        extract(pst_file, Limits(max_rows=2))


def test_another_dataroot_xml_is_not_ia_pst(tmp_path: Path) -> None:
    path = tmp_path / "access.xml"
    path.write_text('<?xml version="1.0"?><dataroot><Contacts><Nom>A</Nom></Contacts></dataroot>', encoding="utf-8")
    assert detect_format(path) == "unknown"


def test_a_folder_ingest_finds_exchange_files(pst_file: Path) -> None:
    assert discover([pst_file.parent]) == [pst_file]
