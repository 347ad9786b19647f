"""How a workbook's cells become texts (python-calamine, plus the sheet XML for what calamine
does not say), and the checks that run before calamine loads a sheet. Workbooks built here."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from core.errors import ExtractError
from core.limits import LimitExceeded
from ingest import extract
from tests.conftest import ROOT

HEADER = ["N° action", "Action", "Pilote", "Statut", "Indicateur", "Échéance", "Avancement"]


def _rewrite_sheet(path: Path, change: dict[bytes, bytes]) -> None:
    """Replace bytes in the first sheet's XML (a dimension that lies, say)."""
    with zipfile.ZipFile(path) as archive:
        parts = {item: archive.read(item.filename) for item in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, data in parts.items():
            if item.filename == "xl/worksheets/sheet1.xml":
                for old, new in change.items():
                    data = re.sub(old, new, data)
            archive.writestr(item, data)


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reader") / "typed.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("Plan")
        sheet.write_row(0, 0, HEADER)
        date = book.add_format({"num_format": "dd/mm/yyyy"})
        percent = book.add_format({"num_format": "0%"})
        sheet.write_number(1, 0, 1.0)  # an integer stored as a float
        sheet.write_string(1, 1, "Ouvrir une permanence")
        sheet.write_boolean(1, 2, True)
        sheet.write_formula(1, 3, '="En "&"cours"', None, "En cours")  # the cached value is read
        sheet.write_formula(1, 4, "=NA()", None, "#N/A")
        sheet.write_datetime(1, 5, dt.datetime(2024, 3, 1), date)
        sheet.write_number(1, 6, 0.25, percent)
        sheet.write_row(2, 0, ["2", "Former les bénévoles", "DG", "", "", "", "", "", "caché"])
        sheet.set_column("H:I", None, None, {"hidden": True})
    return path


def test_cells_read_as_openpyxl_gave_them(typed: Path) -> None:
    raw = extract(typed)
    cells = {name: cell.text for name, cell in raw.actions[0].cells.items()}
    assert cells == {
        "action_code": "1",
        "label": "Ouvrir une permanence",
        "pilot": "oui",
        "deadline": "2024-03-01",
        "progress": "0.25",
        "status": "En cours",
        "indicator": "#N/A",  # calamine gives an error cell as empty; its text is read from the XML
    }
    assert raw.actions[0].cells["indicator"].ref == "Plan!E2"


def test_hidden_columns_come_from_the_cols_of_the_sheet_xml(typed: Path) -> None:
    raw = extract(typed)
    hidden = [(f.kind, f.location) for f in raw.findings if f.kind == "hidden-column"]
    assert hidden == [("hidden-column", "Plan!I1")]  # H is hidden too, but empty


@pytest.mark.parametrize(
    ("far", "option"),
    [((1_048_575, 16_383), "--max-rows"), ((0, 16_383), "--max-columns"), ((250_000, 2), "--max-rows")],
)
def test_a_far_cell_fails_before_calamine_loads_the_sheet_even_when_the_dimension_lies(
    tmp_path: Path, far: tuple[int, int], option: str
) -> None:
    path = tmp_path / "far.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("Plan")
        sheet.write_row(0, 0, HEADER)
        sheet.write_string(*far, "loin")
    _rewrite_sheet(path, {rb'<dimension ref="[^"]*"/>': b'<dimension ref="A1:G1"/>'})
    with pytest.raises(LimitExceeded, match=option) as error:
        extract(path)
    assert "far.xlsx, sheet 'Plan'" in str(error.value)


@pytest.mark.parametrize(
    ("row", "option"),
    [
        # 2^20 rows x 2000 columns: without the check first, calamine would abort the process.
        (b'<row r="1048576">' + b'<c t="s"><v>1</v></c>' * 2000 + b"</row>", "--max-rows"),
        (b"<row>" + b'<c t="s"><v>1</v></c>' * 1500 + b"</row>", "--max-columns"),  # by its position
        (
            b'<row r="3"><c r="a3" t="s"><v>1</v></c></row><row r="4"><c r=\'xfd4\' t="s"><v>1</v></c></row>',
            "--max-columns",
        ),
    ],
)
def test_cells_are_placed_as_calamine_places_them_before_the_size_check(
    tmp_path: Path, row: bytes, option: str
) -> None:
    path = tmp_path / "placed.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("Plan")
        sheet.write_row(0, 0, HEADER)
        sheet.write_row(1, 0, ["1", "Ouvrir une permanence", "DG"])
    _rewrite_sheet(path, {rb"</sheetData>": row + b"</sheetData>"})
    with pytest.raises(LimitExceeded, match=option):
        extract(path)


def test_a_dimension_that_claims_the_whole_sheet_is_not_believed(tmp_path: Path) -> None:
    path = tmp_path / "wide_dimension.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("Plan")
        sheet.write_row(0, 0, HEADER)
        sheet.write_row(1, 0, ["1", "Ouvrir une permanence", "DG"])
    _rewrite_sheet(path, {rb'<dimension ref="[^"]*"/>': b'<dimension ref="A1:XFD1048576"/>'})
    assert [a.cells["label"].text for a in extract(path).actions] == ["Ouvrir une permanence"]


def test_a_calamine_panic_fails_the_file_with_its_name(tmp_path: Path) -> None:
    # One byte changed in a formula record of the .xls sample makes calamine 0.37 (python-calamine
    # 0.9.1) index past a slice: a Rust panic, which Python sees as a BaseException.
    path = tmp_path / "panic.xls"
    shutil.copy(ROOT / "tests" / "data" / "plan_strategique_entraide.xls", path)
    data = bytearray(path.read_bytes())
    data[19632] = 0xBE
    path.write_bytes(bytes(data))
    with pytest.raises(ExtractError, match=r"^panic\.xls: the spreadsheet reader failed \(calamine panic: "):
        extract(path)
