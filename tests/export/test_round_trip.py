"""The association's workbook is itself a valid input: ingesting it gives the same actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from export import export_plans
from plans.pipeline import IngestOptions, ingest
from tests.conftest import sample_files

COMPARED = (
    "a.action_code, a.label, a.axis, a.strategic_objective, a.operational_objective, a.pilot, a.partners, "
    "a.indicator, a.status, a.health, a.progress_pct, parent.action_code AS parent_code, parent.label AS parent_label, "
    "(SELECT string_agg(s.year || '-' || coalesce(s.semester::VARCHAR, 'Y'), ';' ORDER BY s.year, s.semester) "
    " FROM action_schedule s WHERE s.action_id = a.action_id) AS schedule"
)


def _actions(db: Path, file_name: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            f"SELECT {COMPARED} FROM actions a JOIN plans p USING (plan_id) JOIN sources s USING (source_id) "
            "LEFT JOIN actions parent ON parent.action_id = a.parent_action_id "
            "WHERE s.file_name = ? ORDER BY a.action_id",
            [file_name],
        ).fetchall()


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.name)
def test_exported_workbook_ingests_back_to_the_same_actions(sample: Path, tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    [first] = ingest([sample], IngestOptions(db=db, jobs=1))
    assert first.status in ("ok", "review")
    [exported] = export_plans(db, tmp_path / "out", ("xlsx",))
    [again] = ingest([Path(exported.path)], IngestOptions(db=db, jobs=1))
    # Read as our own template: its "À vérifier" sheet set aside, its "Plan" sheet read, nothing to check.
    assert (again.status, again.anomaly_kinds, again.reasons) == ("ok", {}, ()), again
    original, back = _actions(db, sample.name), _actions(db, Path(exported.path).name)
    assert len(back) == len(original) > 0
    assert back == original
    # The "Plan" sheet carries the metadata: the workbook comes back as a new version of the same plan.
    with duckdb.connect(str(db), read_only=True) as con:
        plans = con.execute(
            "SELECT plan_key, organization, title, plan_kind, period_start, period_end, is_current FROM plans "
            "ORDER BY plan_id"
        ).fetchall()
    assert [row[:-1] for row in plans] == [plans[0][:-1]] * 2
    assert [row[-1] for row in plans] == [False, True]
