"""Round trips through the tools' own formats: `plans export --format tet|ia-pst`, then ingest.

What survives each format, and why the rest cannot:

* Territoires en Transitions workbook: code (written before the title), label, axis, both
  objectives, pilot ("Direction ou service pilote"), partners, indicator, status or health,
  parent ("Actions liées"), schedule ("Calendrier"). Lost: progress (TeT has no progress
  column), the status of a blocked or paused action (one "Statut" cell holds either), and the
  plan's title and organisation (the workbook has no place for them).
* iA.PST exchange XML: code, label, axis, both objectives, pilot (Departement), partners,
  indicator (a "Indicateur :" line of the Description), health, plan title, and the first and
  last day of the schedule (DateDebut, DateFin). Lost or altered: texts past 255 characters (the
  XSD's limit, cut with "…"), an empty status or progress (the XSD requires them: they come back
  "planned" at 0 %, or 100 % when done), the periods between the first and the last, parents
  (the XSD has no sub-actions), a separator left at the end of the partners.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from export import export_plans
from export.iapst import MAX_LABEL
from ingest import extract
from plans.pipeline import IngestOptions, ingest
from tests.conftest import EXCEL_SAMPLE

pytestmark = pytest.mark.slow  # every sample ingested, exported and ingested again

COLUMNS = (
    "action_code", "label", "axis", "strategic_objective", "operational_objective", "pilot", "partners",
    "indicator", "status", "health", "progress_pct", "parent_code", "schedule", "title",
)  # fmt: skip
QUERY = (
    "SELECT a.action_code, a.label, a.axis, a.strategic_objective, a.operational_objective, a.pilot, a.partners, "
    "a.indicator, a.status, a.health, a.progress_pct, parent.action_code, "
    "(SELECT string_agg(s.year || '-' || coalesce(s.semester::VARCHAR, 'Y'), ';' ORDER BY s.year, s.semester) "
    " FROM action_schedule s WHERE s.action_id = a.action_id), p.title "
    "FROM actions a JOIN plans p USING (plan_id) JOIN sources s USING (source_id) "
    "LEFT JOIN actions parent ON parent.action_id = a.parent_action_id WHERE s.file_name = ? ORDER BY a.action_id"
)


def _actions(db: Path, file_name: str) -> list[dict[str, Any]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [dict(zip(COLUMNS, row, strict=True)) for row in con.execute(QUERY, [file_name]).fetchall()]


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """The Excel sample, ingested, exported as TeT and iA.PST, and both exports ingested."""
    folder = tmp_path_factory.mktemp("templates")
    db = folder / "plans.duckdb"
    [first] = ingest([EXCEL_SAMPLE], IngestOptions(db=db, jobs=1))
    assert first.status in ("ok", "review")  # review: the sample states 58 actions for 57
    files = {f.format: Path(f.path) for f in export_plans(db, folder / "out", ("tet", "ia-pst"))}
    results = ingest(list(files.values()), IngestOptions(db=db, jobs=1))
    assert [r.status for r in results] == ["ok", "ok"], results
    return db, files


def test_tet_workbook_reads_back_to_the_same_actions(round_trip: tuple[Path, dict[str, Path]]) -> None:
    db, files = round_trip
    # Read by the TeT reader: the schedule comes from the "Calendrier" column (AC).
    first = extract(files["tet"]).actions[0]
    assert first.periods and all(p.ref.startswith("Import!AC") for p in first.periods)
    original, back = _actions(db, EXCEL_SAMPLE.name), _actions(db, files["tet"].name)
    assert len(back) == len(original) == 57
    kept = [c for c in COLUMNS if c not in ("progress_pct", "title")]
    assert [{c: a[c] for c in kept} for a in back] == [{c: a[c] for c in kept} for a in original]
    assert sum(1 for a in back if a["schedule"]) == 57


def test_ia_pst_file_reads_back_to_the_same_actions(round_trip: tuple[Path, dict[str, Path]]) -> None:
    db, files = round_trip
    original, back = _actions(db, EXCEL_SAMPLE.name), _actions(db, files["ia-pst"].name)
    assert len(back) == len(original) == 57
    same = ("action_code", "label", "axis", "operational_objective", "pilot", "indicator", "health", "title")
    assert [{c: a[c] for c in same} for a in back] == [{c: a[c] for c in same} for a in original]
    for old, new in zip(original, back, strict=True):
        text = old["strategic_objective"]
        assert new["strategic_objective"] == (text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…")
        assert new["partners"] == (old["partners"] or "").rstrip(",; ") or None
        assert new["status"] == (old["status"] or "planned")
        default = 100.0 if new["status"] == "done" else 0.0
        assert new["progress_pct"] == (old["progress_pct"] if old["progress_pct"] is not None else default)


def test_ia_pst_dates_are_the_first_and_last_periods(round_trip: tuple[Path, dict[str, Path]]) -> None:
    db, files = round_trip
    original = _actions(db, EXCEL_SAMPLE.name)
    raw = extract(files["ia-pst"]).actions
    assert len(raw) == len(original)
    for old, action in zip(original, raw, strict=True):
        periods = old["schedule"].split(";")
        first_year, first_half = periods[0].split("-")
        last_year, last_half = periods[-1].split("-")
        assert action.text("start_date") == f"{first_year}-{'07' if first_half == '2' else '01'}-01"
        assert action.text("end_date") == f"{last_year}-{'06-30' if last_half == '1' else '12-31'}"
