"""Shared fixtures: the committed samples and what the pipeline makes of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.records import RawPlan
from ingest import extract
from normalize import NormalizedPlan, normalize
from plans.pipeline import IngestOptions, discover, ingest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
EXCEL_SAMPLE = SAMPLES / "plan_strategique_entraide.xlsx"
WORD_SAMPLE = SAMPLES / "feuille_de_route_direction_generale.docx"
FEDERAL_SAMPLE = SAMPLES / "projet_federal_centres_sociaux_drome.html"
REUSSIR_SAMPLE = SAMPLES / "reussir_2020_chantier_ecole.html"
PDF_SAMPLE = SAMPLES / "plan_strategique_transversal_cpas.pdf"


@pytest.fixture(scope="session")
def excel_raw() -> RawPlan:
    return extract(EXCEL_SAMPLE)


@pytest.fixture(scope="session")
def excel_plan(excel_raw: RawPlan) -> NormalizedPlan:
    return normalize(excel_raw)


def sample_files() -> list[Path]:
    """Every committed sample plan, whatever its format."""
    return discover([SAMPLES])


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse holding every sample, as `make ingest` builds it."""
    db = tmp_path_factory.mktemp("warehouse") / "plans.duckdb"
    reports = ingest([SAMPLES], IngestOptions(db=db, jobs=1))
    assert reports and all(r.status in ("ok", "review") for r in reports), reports
    return db


@pytest.fixture(scope="session")
def word_raw() -> RawPlan:
    return extract(WORD_SAMPLE)


@pytest.fixture(scope="session")
def word_plan(word_raw: RawPlan) -> NormalizedPlan:
    return normalize(word_raw)


@pytest.fixture(scope="session")
def federal_plan() -> NormalizedPlan:
    return normalize(extract(FEDERAL_SAMPLE))


@pytest.fixture(scope="session")
def reussir_plan() -> NormalizedPlan:
    return normalize(extract(REUSSIR_SAMPLE))


@pytest.fixture(scope="session")
def pdf_raw() -> RawPlan:
    return extract(PDF_SAMPLE)


@pytest.fixture(scope="session")
def pdf_plan(pdf_raw: RawPlan) -> NormalizedPlan:
    return normalize(pdf_raw)
