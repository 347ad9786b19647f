"""Shared fixtures: the committed samples and what the pipeline makes of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import extract
from ingest.records import RawPlan
from normalize import NormalizedPlan, normalize

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
EXCEL_SAMPLE = SAMPLES / "plan_strategique_entraide.xlsx"
FEDERAL_SAMPLE = SAMPLES / "projet_federal_centres_sociaux_drome.html"
REUSSIR_SAMPLE = SAMPLES / "reussir_2020_chantier_ecole.html"


@pytest.fixture(scope="session")
def excel_raw() -> RawPlan:
    return extract(EXCEL_SAMPLE)


@pytest.fixture(scope="session")
def excel_plan(excel_raw: RawPlan) -> NormalizedPlan:
    return normalize(excel_raw)


@pytest.fixture(scope="session")
def federal_plan() -> NormalizedPlan:
    return normalize(extract(FEDERAL_SAMPLE))


@pytest.fixture(scope="session")
def reussir_plan() -> NormalizedPlan:
    return normalize(extract(REUSSIR_SAMPLE))
