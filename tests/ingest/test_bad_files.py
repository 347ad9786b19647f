"""Files that are not usable plans fail with one clear line, whatever their extension."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from ingest import extract
from ingest.errors import ExtractError, UnsupportedFormat
from tests.conftest import EXCEL_SAMPLE, WORD_SAMPLE


def _one_line(error: pytest.ExceptionInfo[ExtractError]) -> str:
    message = str(error.value)
    assert "\n" not in message and message.strip()
    return message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"")
    with pytest.raises(UnsupportedFormat) as error:
        extract(path)
    assert _one_line(error) == "plan.xlsx: the file is empty (0 bytes)"


def test_truncated_workbook(tmp_path: Path) -> None:
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(EXCEL_SAMPLE.read_bytes()[:6000])
    with pytest.raises(UnsupportedFormat) as error:
        extract(path)
    assert "damaged or truncated" in _one_line(error)


def test_text_renamed_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("Axe;Action;Pilote\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormat) as error:
        extract(path)
    assert "not a format we recognise" in _one_line(error)


def test_word_document_renamed_as_xlsx_is_read_as_word(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.xlsx"
    document = docx.Document()
    document.add_paragraph("Feuille de route")
    document.save(str(path))
    raw = extract(path)
    assert raw.source.format == "docx"
    assert raw.actions == ()
    assert [f.kind for f in raw.findings] == ["note-paragraph", "no-actions-found"]


def test_word_document_with_broken_xml(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    docx.Document().save(str(good))
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, b"<w:document><w:body><w:p>" if info.filename == "word/document.xml" else data)
    with pytest.raises(ExtractError) as error:
        extract(path)
    assert _one_line(error).startswith("broken.docx: cannot open the Word document (XMLSyntaxError: ")


def test_truncated_word_document(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.docx"
    path.write_bytes(WORD_SAMPLE.read_bytes()[:8000])
    with pytest.raises(UnsupportedFormat) as error:
        extract(path)
    assert "damaged or truncated" in _one_line(error)


def test_workbook_with_the_wrong_extension_is_read_for_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    shutil.copy(EXCEL_SAMPLE, path)
    raw = extract(path)
    assert raw.source.format == "xlsx"
    assert len(raw.actions) == 59  # 57 actions + the two duplicated rows


def test_workbook_without_a_header_row(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Poste", "Montant"])
    sheet.append(["Loyer", 1200])
    book.save(path)
    with pytest.raises(ExtractError) as error:
        extract(path)
    assert _one_line(error).startswith("budget.xlsx: no header row found in any sheet")
