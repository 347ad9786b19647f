"""The document's own date (`version_date`), from the version label, the properties, the PDF dates,
then the file's modification time, in this order; on files made here."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from ingest import extract
from normalize import NormalizedPlan, Overrides, normalize
from normalize.metadata import version_date
from tests.ingest import pdf_factory
from tests.ingest.office_factory import with_properties

# 2023-06-15 12:00 UTC, set as the files' modification time.
MTIME = datetime(2023, 6, 15, 12, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("MAJ 12/01/2023", "2023-01-12"),
        ("Projet au 17/02/2022", "2022-02-17"),
        ("V3 – mars 2024", "2024-03-01"),
        ("Version du 3 avril 2024", "2024-04-03"),
        ("actualisé le 1er septembre 2024", "2024-09-01"),
        ("mise à jour 2024-11-05", "2024-11-05"),
        ("MAJ 12/01/23", "2023-01-12"),
        ("V3", None),
        ("Version 31/02/2024", None),  # no such day
        ("Version de travail", None),
    ],
)
def test_a_version_label_gives_its_date(label: str, expected: str | None) -> None:
    assert version_date(label) == expected


def _workbook(path: Path, *above: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [*([text] for text in above), ["Code", "Action", "Pilote"], ["1.1", "Ouvrir un accueil", "DG"]]:
        sheet.append(row)
    book.save(path)
    os.utime(path, (MTIME, MTIME))
    return path


def _dated(plan: NormalizedPlan) -> tuple[str | None, str | None]:
    return plan.plan["version_date"], plan.plan["version_date_source"]


def test_the_version_label_wins_over_the_properties(tmp_path: Path) -> None:
    path = with_properties(
        _workbook(tmp_path / "a.xlsx", "Plan 2024", "MAJ : 12/01/2023"), modified="2024-05-02T10:00:00Z"
    )
    assert _dated(normalize(extract(path))) == ("2023-01-12", "version-label")


def test_the_properties_modified_then_created(tmp_path: Path) -> None:
    both = with_properties(
        _workbook(tmp_path / "a.xlsx", "Plan 2024"), created="2024-01-03T08:00:00Z", modified="2024-05-02T10:00:00Z"
    )
    assert _dated(normalize(extract(both))) == ("2024-05-02", "properties")
    created = with_properties(_workbook(tmp_path / "b.xlsx", "Plan 2024"), created="2024-01-03T08:00:00Z")
    assert _dated(normalize(extract(created))) == ("2024-01-03", "properties")


def test_the_file_modification_time_when_nothing_else_dates_it(tmp_path: Path) -> None:
    path = with_properties(_workbook(tmp_path / "a.xlsx", "Plan 2024"))
    os.utime(path, (MTIME, MTIME))
    assert _dated(normalize(extract(path))) == ("2023-06-15", "file-mtime")


def test_pdf_dates(tmp_path: Path) -> None:
    # reportlab's invariant mode stamps /CreationDate and /ModDate with 2000-01-01.
    path = pdf_factory.build(
        tmp_path / "plan.pdf", ["Plan d'actions 2024", pdf_factory.grid([["1.1 Ouvrir", "DG", "2024"]])]
    )
    assert _dated(normalize(extract(path))) == ("2000-01-01", "pdf-metadata")
    overridden = normalize(extract(path), Overrides(version_label="Version du 3 avril 2024"))
    assert _dated(overridden) == ("2024-04-03", "version-label")  # the user's label dates it
