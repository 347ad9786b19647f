"""Hostile cells never become formulas in exported files."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from export import export_plans
from export.safety import FORMULA_STARTS, is_formula_like, neutralise
from plans.pipeline import IngestOptions, ingest

pytestmark = pytest.mark.slow  # a hostile workbook ingested then exported

HOSTILE = {
    "1.1": ('=HYPERLINK("http://evil.example","clic")', "+33 6 00 00 00 00"),
    "1.2": ("-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)"),
    "1.3": ("Action ordinaire", "=1+1"),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["N° action", "Action", "Pilote", "S1 2024"])
    for code, (label, pilot) in HOSTILE.items():
        sheet.append([code, label, pilot, "X"])
    # openpyxl would store "=..." as a formula: mark these cells as plain strings, as a typed cell is.
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"
    source = folder / "hostile.xlsx"
    book.save(source)
    [report] = ingest([source], IngestOptions(db=folder / "p.duckdb", jobs=1))
    assert report.actions == 3, report
    files = export_plans(folder / "p.duckdb", folder / "out", ("xlsx", "csv"))
    return Path(files[0].path), Path(files[1].path)


def test_csv_cells_that_look_like_formulas_get_an_apostrophe(exported: tuple[Path, Path]) -> None:
    _, csv_path = exported
    rows = list(csv.DictReader(csv_path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    got = {row["N° action"]: (row["Action"], row["Pilote"]) for row in rows}
    assert got == {code: (neutralise(label), neutralise(pilot)) for code, (label, pilot) in HOSTILE.items()}
    assert got["1.1"][0].startswith("'=") and got["1.3"][0] == "Action ordinaire"


def test_xlsx_cells_stay_text_with_a_quote_prefix(exported: tuple[Path, Path]) -> None:
    xlsx_path, _ = exported
    sheet = openpyxl.load_workbook(xlsx_path)["Actions"]
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        record = dict(zip(headers, row, strict=False))
        label, pilot = HOSTILE[str(record["N° action"].value)]
        for cell, text in ((record["Action"], label), (record["Pilote"], pilot)):
            assert cell.data_type == "s" and cell.value == text  # the value itself is intact
            assert cell.quotePrefix == is_formula_like(text)


@given(st.text(max_size=20))
def test_neutralised_text_never_starts_like_a_formula(text: str) -> None:
    safe = neutralise(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (text, "'" + text)
