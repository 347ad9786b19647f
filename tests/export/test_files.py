"""Exported files read back with the libraries our users' tools rely on."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from lxml import etree

from export import export_dataset, export_plans
from export.flat import CsvOptions
from export.tet import HEADERS
from export.xlsx import CHECK_SHEET, MARK_FILL, NO_ANOMALY
from plans.pipeline import IngestOptions, ingest
from tests.conftest import ROOT

XSD = ROOT / "tests" / "data" / "PST_eComptes_Export_201805V1.xsd"
KEBAB = re.compile(r"^[a-z]+(?:-[a-z]+)+$")
EXCEL_KEY = "entraide-et-solidarites/plan-strategique-entraide-et-solidarites-2021-2024"


@pytest.fixture(scope="module")
def exported(samples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    out = tmp_path_factory.mktemp("export")
    files = export_plans(samples_db, out, ("xlsx", "csv", "parquet", "ia-pst", "tet"))
    by_format: dict[str, list[Path]] = {}
    for exported_file in files:
        by_format.setdefault(exported_file.format, []).append(Path(exported_file.path))
    return by_format


def test_one_file_per_plan_and_format_with_a_readable_name(exported: dict[str, list[Path]], samples_db: Path) -> None:
    with duckdb.connect(str(samples_db), read_only=True) as con:
        [(plans,)] = con.execute("SELECT count(*) FROM plans WHERE is_current").fetchall()
    assert {fmt: len(paths) for fmt, paths in exported.items()} == dict.fromkeys(
        ("xlsx", "csv", "parquet", "ia-pst", "tet"), plans
    )
    names = {p.name for p in exported["xlsx"]}
    assert "plan-strategique-entraide-et-solidarites-2021-2024.xlsx" in names
    assert all(p.stem.replace("-", "").replace("_", "").isalnum() for p in exported["xlsx"])


def _excel_sample(paths: list[Path], suffix: str) -> Path:
    return next(p for p in paths if p.name == f"plan-strategique-entraide-et-solidarites-2021-2024{suffix}")


def test_association_workbook_formatting(exported: dict[str, list[Path]]) -> None:
    book = openpyxl.load_workbook(_excel_sample(exported["xlsx"], ".xlsx"))
    assert book.sheetnames == ["Actions", "Plan", CHECK_SHEET]
    sheet = book["Actions"]
    headers = [c.value for c in sheet[1]]
    assert headers[:12] == [
        "Axe", "Objectif stratégique", "Objectif opérationnel", "N° action", "Action", "Action parente",
        "Pilote", "Partenaires", "Indicateur", "Statut", "Avancement", "Santé",
    ]  # fmt: skip
    assert headers[12:] == [f"S{s} {y}" for y in range(2021, 2026) for s in (1, 2)]
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(headers)).column_letter}58"
    [validation] = sheet.data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == "J2:J58"
    assert validation.formula1 == '"À programmer,En cours,Finalisé,Abandonné"'
    # 1.1.1 is planned in S1 2022, S1 2023, S1 2024, S1 2025: marked and filled, the rest empty.
    row = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == "1.1.1")
    marked = {headers[c.column - 1] for c in row[12:] if c.value == "X"}
    assert marked == {"S1 2022", "S1 2023", "S1 2024", "S1 2025"}
    assert all(c.fill.fgColor.rgb == "FF" + MARK_FILL[1:] for c in row[12:] if c.value == "X")
    assert all(c.value is None for c in row[12:] if headers[c.column - 1] not in marked)
    plan = {r[0].value: r[1].value for r in book["Plan"].iter_rows(min_row=2)}
    assert plan["Organisation"] == "Entraide et Solidarités"
    assert plan["Fichier d'origine"] == "plan_strategique_entraide.xlsx"
    assert len(plan["Empreinte SHA-256 du fichier"]) == 64
    check = book[CHECK_SHEET]
    assert check.max_row == 41  # header + the 40 anomalies, with their location in the source
    locations = {r[1].value for r in check.iter_rows(min_row=2)}
    assert {"Plan!F61", "Plan!E7", "Plan!P9"} <= locations


def test_association_workbook_is_french_throughout(exported: dict[str, list[Path]]) -> None:
    book = openpyxl.load_workbook(_excel_sample(exported["xlsx"], ".xlsx"))
    plan = {r[0].value: r[1].value for r in book["Plan"].iter_rows(min_row=2)}
    assert plan["Type de plan"] == "plan stratégique"
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", plan["Date d'ingestion (UTC)"])
    books = [openpyxl.load_workbook(path) for path in exported["xlsx"]]
    statuses = {r[9].value for other in books for r in other["Actions"].iter_rows(min_row=2)} - {None}
    assert statuses and statuses <= {"À programmer", "En cours", "Finalisé", "Abandonné"}
    kinds_of_plans = {other["Plan"]["B4"].value for other in books} - {None}
    assert kinds_of_plans <= {"plan stratégique", "feuille de route", "plan d'actions", "projet"}
    rows = [[c.value for c in r] for r in book[CHECK_SHEET].iter_rows(min_row=2)]
    kinds = {row[0] for row in rows}
    assert {"ligne réalignée", "total différent", "ligne en double"} <= kinds
    assert not any(KEBAB.match(kind) for kind in kinds)
    details = {row[1]: row[4] for row in rows}
    assert details["Plan!E21"].startswith("action 3.1.1 : cellules décalées de 1 colonne(s) vers la droite")
    assert details["Plan!J7"] == "le document annonce 33 actions prévues en 2022-S2 ; 32 lues"
    english = re.compile(r"\b(?:the|is|was|were|read|skipped|column)\b")
    assert not [detail for detail in details.values() if english.search(detail)]


def test_places_to_check_are_located_in_french(exported: dict[str, list[Path]]) -> None:
    """Locations of every reader (`line 41, sentence 1`, `p.3, row 4`) in the association's words;
    a sheet's cell (`Plan!E21`) stays as it is."""
    books = [openpyxl.load_workbook(path) for path in exported["xlsx"]]
    places = {str(r[1].value) for book in books for r in book[CHECK_SHEET].iter_rows(min_row=2)} - {"None"}
    assert {"ligne 47", "Plan!E21"} <= places
    assert any(re.fullmatch(r"ligne \d+, phrase \d+", place) for place in places)
    assert any(re.fullmatch(r"p\.\d+, ligne \d+", place) for place in places)
    assert not [place for place in places if re.search(r"\b(?:line|sentence|row|col|cell|table) \d", place)]


def test_csv_for_french_excel_and_for_tools(exported: dict[str, list[Path]], samples_db: Path, tmp_path: Path) -> None:
    raw = _excel_sample(exported["csv"], ".csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["Axe", "Objectif stratégique", "Objectif opérationnel"] and len(rows) == 58
    [tool_file] = export_plans(samples_db, tmp_path, ("csv",), (EXCEL_KEY,), CsvOptions(sep=",", bom=False))
    tool_raw = Path(tool_file.path).read_bytes()
    assert not tool_raw.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(tool_raw.decode().splitlines()))[1][3] == "1.1.1"


def test_parquet_has_proper_types(exported: dict[str, list[Path]]) -> None:
    table = pd.read_parquet(_excel_sample(exported["parquet"], ".parquet"))
    assert len(table) == 57
    assert table["S1 2022"].dtype == bool and int(table["S1 2022"].sum()) == 23
    assert str(table["Avancement"].dtype) == "Float64"


def test_every_plan_exports_a_valid_ia_pst_file(exported: dict[str, list[Path]]) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    for path in exported["ia-pst"]:
        document = etree.parse(str(path))
        assert schema.validate(document), f"{path.name}: {schema.error_log}"
    sample = etree.parse(str(_excel_sample(exported["ia-pst"], ".pst.xml")))
    assert len(sample.findall(".//Volet")) == 4
    assert len(sample.findall(".//Action")) == 57
    first = sample.find(".//Action")
    assert first is not None
    assert first.findtext("Libelle") == "1.1.1 Définir une trame commune de rapport d'activité associatif"
    assert (first.findtext("DateDebut"), first.findtext("DateFin")) == ("2022-01-01", "2025-06-30")


def test_every_plan_exports_a_tet_workbook_with_its_exact_columns(exported: dict[str, list[Path]]) -> None:
    expected = [
        "Axe (x)",
        "Sous-axe (x.x)",
        "Sous-sous axe (x.x.x)",
        "Titre de la fiche action",
        "Descriptif",
        "Instances de gouvernance",
        "Objectifs",
        "Indicateurs liés",
        "Structure pilote",
        "Moyens humains et techniques",
        "Partenaires",
        "Direction ou service pilote",
        "Personne pilote",
        "Élu·e référent·e",
        "Participation Citoyenne",
        "Financements",
        "Financeur 1",
        "Montant € HT",
        "Financeur 2",
        "Montant € HT",
        "Financeur 3",
        "Montant € HT",
        "Budget prévisionnel total € HT",
        "Statut",
        "Niveau de priorité",
        "Date de début",
        "Date de fin",
        "Action en amélioration continue",
        "Calendrier",
        "Actions liées",
        "Fiches des plans liées",
        "Notes de suivi",
        "Etapes de la fiche action",
        "Notes complémentaires",
        "Documents et liens",
    ]
    assert list(HEADERS) == expected
    for path in exported["tet"]:
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None
        for column, name in enumerate(expected, start=1):
            assert sheet.cell(1, column).value == name, f"{path.name} column {column}"
        assert sheet.cell(1, len(expected) + 1).value is None


def test_partitioned_dataset_reads_back(samples_db: Path, tmp_path: Path) -> None:
    target = export_dataset(samples_db, tmp_path)
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT organization, count(*) FROM read_parquet('{target.as_posix()}/**/*.parquet', "
            "hive_partitioning = true) GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    with duckdb.connect(str(samples_db), read_only=True) as con:
        expected = con.execute(
            "SELECT p.organization, count(*) FROM actions JOIN plans p USING (plan_id) WHERE p.is_current "
            "GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    assert rows == expected and rows


@pytest.mark.slow
def test_a_plan_without_anomalies_says_so(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Plan d'actions 2024 du lieu d'accueil"])
    sheet.append(["N° action", "Action", "Pilote", "S1 2024", "S2 2024"])
    sheet.append(["1.1", "Ouvrir le lieu", "DG", "X", None])
    source = tmp_path / "propre.xlsx"
    book.save(source)
    [report] = ingest([source], IngestOptions(db=tmp_path / "p.duckdb", jobs=1))
    assert report.status == "ok", report
    [written] = export_plans(tmp_path / "p.duckdb", tmp_path / "out", ("xlsx",))
    check = openpyxl.load_workbook(written.path)[CHECK_SHEET]
    assert check["A2"].value == NO_ANOMALY
