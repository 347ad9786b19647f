"""The analyst views on the samples warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_current_actions_carry_plan_and_effective_period(samples_db: Path) -> None:
    rows = _rows(
        samples_db,
        "SELECT organization, effective_start_year, effective_start_semester, effective_end_year, effective_from "
        "FROM current_actions WHERE action_code = '1.1.1' AND file_name = 'plan_strategique_entraide.xlsx'",
    )
    assert rows == [("Entraide et Solidarités", 2022, 1, 2025, "schedule")]


def test_schedule_semesters_expand_year_only_rows(tmp_path: Path) -> None:
    from warehouse.load import create_schema

    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        create_schema(con)
        con.execute(  # named columns: the tables gain columns (appended) over time
            "INSERT INTO sources (source_id, file_name, sha256, format, size_bytes, ingested_at, status, score) "
            "VALUES (1, 'f.xlsx', 'x', 'xlsx', 1, now(), 'ok', 1.0)"
        )
        con.execute(
            "INSERT INTO plans (plan_id, plan_key, source_id, organization, title, plan_kind, period_start, "
            "period_end, version_label, is_current) VALUES (1, 'k', 1, 'O', 'T', NULL, 2021, 2024, NULL, true)"
        )
        con.execute(
            "INSERT INTO actions (action_id, action_key, plan_id, label, source_location) VALUES "
            "(1, 'a', 1, 'A', 'P!A1'), (2, 'b', 1, 'B', 'P!A2')"
        )
        con.execute(  # named columns: the table has gained quarter and month
            "INSERT INTO action_schedule (action_id, year, semester) VALUES (1, 2024, NULL), (1, 2024, 2), (1, 2025, 1)"
        )
        rows = con.execute("SELECT action_id, period, year_only FROM schedule_semesters ORDER BY ALL").fetchall()
        assert rows == [(1, "2024-S1", True), (1, "2024-S2", False), (1, "2025-S1", False)]
        fallback = con.execute(
            "SELECT action_id, effective_start_year, effective_start_semester, effective_end_year, "
            "effective_end_semester, effective_from FROM current_actions ORDER BY action_id"
        ).fetchall()
        assert fallback[1] == (2, 2021, 1, 2024, 2, "plan_period")


def test_plan_summary_and_sample_figures(samples_db: Path) -> None:
    rows = _rows(
        samples_db,
        "SELECT actions, axes, without_status, pct_with_pilot, pct_with_schedule, anomalies, len(actions_by_axis) "
        "FROM plan_summary WHERE file_name = 'plan_strategique_entraide.xlsx'",
    )
    assert rows == [(57, 4, 57, 100.0, 100.0, 40, 4)]


def test_pilot_load_uses_clusters(samples_db: Path) -> None:
    rows = _rows(
        samples_db,
        "SELECT name, variants, actions_as_pilot FROM pilot_load "
        "WHERE organization = 'Entraide et Solidarités' AND cluster_key = 'pole ressource'",
    )
    assert rows == [("Pôle ressource", ["Pole Ressources", "Pôle Ressources", "Pôle ressource"], 4)]
    dg = _rows(samples_db, "SELECT actions_as_pilot FROM pilot_load WHERE cluster_key = 'dg'")
    assert dg == [(8,)]  # "DG", "DG & Bureau", "DG (appuyé par Codir)", "DG/Secrétaire Direction", …


def test_anomalies_located_name_the_file(samples_db: Path) -> None:
    rows = _rows(
        samples_db,
        "SELECT file_name, location, action_code FROM anomalies_located "
        "WHERE kind = 'misplaced-code' ORDER BY location",
    )
    assert rows[0][0] == "plan_strategique_entraide.xlsx" and len(rows) == 3
    assert all(code for _, _, code in rows)
