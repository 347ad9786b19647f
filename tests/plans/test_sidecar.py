"""`<file>.plan.toml`: keys and French aliases accepted, unknown keys and bad values refused by name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from core.errors import PlansError
from normalize import Overrides
from plans.cli import main
from plans.sidecar import checked, read
from tests.conftest import EXCEL_SAMPLE


def test_french_names_are_accepted() -> None:
    sidecar = checked(
        {"organisation": "Les Amarres", "titre": "Plan d'actions", "période": "2024-2026", "type": "feuille de route"},
        "plan.xlsx.plan.toml",
    )
    assert sidecar.overrides == Overrides(
        organization="Les Amarres",
        title="Plan d'actions",
        plan_kind="roadmap",
        period_start=2024,
        period_end=2026,
        organization_source="sidecar",
    )
    assert checked({"Type de plan": "action_plan", "profil": "chantiers"}, "x").profile == "chantiers"
    assert checked({"début": 2024, "fin": "2026", "version": "MAJ 12/01/2023"}, "x").overrides == Overrides(
        period_start=2024, period_end=2026, version_label="MAJ 12/01/2023"
    )


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ({"organisme": "X"}, "unknown key 'organisme'; the keys are organization, title, plan_kind, period"),
        ({"plan_kind": "plan"}, "key 'plan_kind' = 'plan': expected one of strategic_plan, roadmap, action_plan"),
        ({"periode": "bientôt"}, "key 'periode' = 'bientôt': expected a period such as \"2021-2024\""),
        ({"period_start": 24}, "key 'period_start' = 24: expected a year from 1900 to 2100"),
        ({"organization": ""}, "key 'organization' = '': expected a non-empty text"),
        ({"title": ["a", "b"]}, "key 'title' = ['a', 'b']: expected a non-empty text"),
        ({"organization": "A", "organisation": "B"}, "key 'organisation' repeats 'organization'"),
    ],
)
def test_an_unknown_key_or_a_bad_value_names_the_file_and_the_key(data: dict[str, object], said: str) -> None:
    with pytest.raises(PlansError) as raised:
        checked(data, "plan.xlsx.plan.toml")
    assert str(raised.value).startswith(f"plan.xlsx.plan.toml: {said}")


def test_no_sidecar_says_nothing(tmp_path: Path) -> None:
    assert read(tmp_path / "plan.xlsx") == read(tmp_path / "other.xlsx")
    assert read(tmp_path / "plan.xlsx").overrides == Overrides()


def test_a_bad_sidecar_fails_its_file_and_a_french_one_is_applied(tmp_path: Path) -> None:
    bad, good = tmp_path / "bad" / "plan.xlsx", tmp_path / "good" / "plan.xlsx"
    # TOML: a key with an accent is quoted ("période"); `periode` need not be.
    for path, sidecar in (
        (bad, 'plan_kind = "plan"\n'),
        (good, 'organisation = "Entraide (37)"\n"période" = "2021-2025"\n'),
    ):
        path.parent.mkdir()
        shutil.copy(EXCEL_SAMPLE, path)
        path.with_name("plan.xlsx.plan.toml").write_text(sidecar, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(bad), "--db", str(tmp_path / "bad.duckdb"), "--json"])
    [report] = json.loads(result.stdout)
    assert (result.exit_code, report["status"]) == (1, "failed")
    assert report["message"].startswith("plan.xlsx.plan.toml: key 'plan_kind' = 'plan': expected one of")
    db = tmp_path / "good.duckdb"
    assert CliRunner().invoke(main, ["ingest", str(good), "--db", str(db)]).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT organization, organization_source, period_start, period_end FROM plans").fetchall()
    assert rows == [("Entraide (37)", "sidecar", 2021, 2025)]
