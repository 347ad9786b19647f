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


@pytest.fixture(scope="session")
def excel_raw() -> RawPlan:
    return extract(EXCEL_SAMPLE)


@pytest.fixture(scope="session")
def excel_plan(excel_raw: RawPlan) -> NormalizedPlan:
    return normalize(excel_raw)


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse holding every committed sample, as `make ingest` builds it (read it read-only)."""
    from plans.pipeline import IngestOptions, ingest

    db = tmp_path_factory.mktemp("samples") / "plans.duckdb"
    reports = ingest([SAMPLES], IngestOptions(db=db, jobs=1))
    assert reports and all(r.status in ("ok", "warning") for r in reports)
    return db
