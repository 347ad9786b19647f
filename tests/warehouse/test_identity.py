"""Plan identity, version order, duplicates, failures and corrections (issue 16), on files made here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner

from normalize import NormalizedPlan
from plans.cli import main
from plans.pipeline import FileReport, IngestOptions, ingest
from warehouse import Warehouse
from warehouse.identity import FileFacts, plan_key, plan_title_key

# Whole ingests of several workbooks per test: with `make test`, not `make quick`.
pytestmark = pytest.mark.slow


def _workbook(path: Path, title: str, actions: int = 3, version: str | None = None, unlabelled: int = 0) -> Path:
    """A small action grid: a title row, a version label (or a blank row), a header row and `actions`
    actions (plus rows without a label)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan"
    sheet["A1"] = title
    sheet.append([version])
    sheet.append(["N°", "Action", "Pilote", "Échéance"])
    for number in range(1, actions + 1):
        sheet.append([f"1.{number}", f"Action numéro {number} pour les bénévoles", "DG", 2024 + number % 2])
    for _ in range(unlabelled):
        sheet.append([None, None, "Bureau", 2025])
    book.save(path)
    return path


def _sidecar(path: Path, text: str) -> None:
    path.with_name(path.name + ".plan.toml").write_text(text, encoding="utf-8")


def _ingest(db: Path, *paths: Path, reprocess: bool = False) -> dict[str, FileReport]:
    reports = ingest(list(paths), IngestOptions(db=db, jobs=1, reprocess=reprocess))
    return {str(Path(r.path).relative_to(paths[0].parent if paths[0].is_file() else paths[0])): r for r in reports}


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_identity_rule() -> None:
    assert plan_title_key("Plan stratégique 2021-2024 (V3 – mars 2024)") == "plan-strategique-2021-2024"
    assert plan_title_key("Feuille de route – MAJ 12/01/2023") == "feuille-de-route"
    assert plan_title_key("Plan d'actions 2024-2026 v10") == "plan-d-actions-2024-2026"
    plan = {"title": "Plan d'actions 2024-2026", "organization": None}
    here, there = FileFacts("/in/a/plan.xlsx"), FileFacts("/in/b/plan.xlsx")
    assert plan_key(plan, here) == plan_key(plan, FileFacts("/in/a/plan.xlsx")) != plan_key(plan, there)
    known = {**plan, "organization": "Les Amarres"}
    assert plan_key(known, here) == plan_key(known, there) == "les-amarres/plan-d-actions-2024-2026"
    assert plan_key(known, FileFacts("/x", plan_key="mon-plan")) == "mon-plan"


def test_strangers_same_titled_plans_never_merge(tmp_path: Path) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "plans.duckdb"
    first = _workbook(inbox / "asso_a" / "plan.xlsx", "Plan d'actions 2024-2026", actions=3)
    second = _workbook(inbox / "asso_b" / "plan.xlsx", "Plan d'actions 2024-2026", actions=4)
    reports = _ingest(db, inbox)
    assert {r.status for r in reports.values()} == {"ok"}
    current = (
        "SELECT organization, count(*) FROM plans p JOIN actions USING (plan_id) WHERE is_current "
        "GROUP BY plan_id, organization"
    )
    # No organisation found: each file is its own plan, both current.
    assert sorted(_rows(db, current), key=str) == [(None, 3), (None, 4)]
    code, _, err = _cli("list", "--db", str(db))
    assert code == 0 and "2 plan(s) without organisation" in err
    # Organisations given (found): still two plans, both current, each with its organisation.
    _sidecar(first, 'organization = "Les Amarres"\n')
    _sidecar(second, 'organization = "Le Phare"\n')
    reports = _ingest(db, inbox)
    assert [r.message for r in reports.values()] == ["read again: replaces its earlier reading"] * 2
    assert sorted(_rows(db, current), key=str) == [("Le Phare", 4), ("Les Amarres", 3)]
    assert _rows(db, "SELECT count(*) FROM plans") == [(2,)]
    code, out, _ = _cli("list", "--db", str(db), "--format", "json")
    assert {(p["organization"], p["versions"]) for p in json.loads(out)} == {("Les Amarres", 1), ("Le Phare", 1)}


def _versions(folder: Path) -> tuple[Path, Path]:
    """entraide_v9 (January 2023) and entraide_v10 (March 2024, one action more), one organisation:
    file names sort v10 first, and the file dates (modified: now, both) say nothing."""
    title = "Plan d'actions 2024-2026 – Les Amarres"
    old = _workbook(folder / "entraide_v9.xlsx", title, actions=3, version="MAJ : 12/01/2023")
    new = _workbook(folder / "entraide_v10.xlsx", title, actions=4, version="MAJ : 01/03/2024")
    return old, new


def test_the_version_with_the_latest_date_is_current_whatever_the_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    old, new = _versions(folder)
    together = tmp_path / "together.duckdb"
    _ingest(together, folder)  # one batch, v10 read before v9
    one_by_one = tmp_path / "one_by_one.duckdb"
    _ingest(one_by_one, new)
    _ingest(one_by_one, old)  # the older version ingested after the newer one
    for db in (together, one_by_one):
        assert _rows(db, "SELECT s.file_name FROM plans JOIN sources s USING (source_id) WHERE is_current") == [
            ("entraide_v10.xlsx",)
        ]
        assert _rows(db, "SELECT count(DISTINCT plan_key), count(*) FROM plans") == [(1, 2)]
        code, out, _ = _cli("list", "--all", "--db", str(db), "--format", "json")
        listed = {p["file_name"]: p for p in json.loads(out)}
        assert listed["entraide_v10.xlsx"]["current_because"].startswith("latest version date 2024-03-01")
        assert listed["entraide_v9.xlsx"]["current_because"].startswith("superseded by version")
        # The diff goes from v9 to v10, whichever order the versions are named in.
        ids = [str(listed[name]["plan_id"]) for name in ("entraide_v10.xlsx", "entraide_v9.xlsx")]
        for extra in ((), ("--from", ids[0], "--to", ids[1])):
            code, out, _ = _cli("diff", "les amarres", *extra, "--db", str(db), "--format", "json")
            assert code == 0
            assert [(c["change"], c["action_code"]) for c in json.loads(out)] == [("added", "1.4")]


def test_a_failed_copy_never_hides_the_good_file_and_replaces_its_own_failure(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "plans.duckdb"
    good = _workbook(folder / "plan.xlsx", "Plan d'actions 2024-2026 – Les Amarres")
    copy = folder / "a_copy.xlsx"  # read first: its name sorts first
    shutil.copy(good, copy)
    _sidecar(copy, "organization = [broken\n")
    for _ in range(2):
        reports = _ingest(db, folder)
        assert reports["a_copy.xlsx"].status == "failed"
        assert _rows(db, "SELECT file_name, status FROM sources ORDER BY ALL") == [
            ("a_copy.xlsx", "failed"),
            ("plan.xlsx", "ok"),
        ]
    assert reports["plan.xlsx"].status == "unchanged"
    # Fixed, the copy is a reading of its own (another sidecar), and its failed row is gone.
    _sidecar(copy, 'organization = "Le Phare"\n')
    reports = _ingest(db, folder)
    assert reports["a_copy.xlsx"].status == "ok"
    assert _rows(db, "SELECT file_name, status FROM sources ORDER BY ALL") == [
        ("a_copy.xlsx", "ok"),
        ("plan.xlsx", "ok"),
    ]


def test_a_failed_file_reingested_keeps_one_failed_row(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "plans.duckdb"
    folder.mkdir()
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    for _ in range(3):
        assert _ingest(db, folder)["broken.xlsx"].status == "failed"
    assert _rows(db, "SELECT count(*) FROM sources WHERE status = 'failed'") == [(1,)]


def test_duplicates_and_readings_with_another_sidecar(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "plans.duckdb"
    first = _workbook(folder / "plan.xlsx", "Plan d'actions 2024-2026")
    shutil.copy(first, folder / "plan_copie.xlsx")
    shutil.copy(first, folder / "autre.xlsx")
    shutil.copy(first, folder / "phare.xlsx")
    _sidecar(folder / "autre.xlsx", 'organization = "Les Amarres"\n')
    _sidecar(folder / "phare.xlsx", 'organization = "Le Phare"\n')
    reports = _ingest(db, folder)
    assert reports["plan_copie.xlsx"].status == "duplicate"
    assert reports["plan_copie.xlsx"].message and "duplicate of plan.xlsx" in reports["plan_copie.xlsx"].message
    assert {name: reports[name].status for name in ("plan.xlsx", "autre.xlsx", "phare.xlsx")} == dict.fromkeys(
        ("plan.xlsx", "autre.xlsx", "phare.xlsx"), "ok"
    )
    organizations = "SELECT s.file_name, p.organization FROM plans p JOIN sources s USING (source_id) ORDER BY ALL"
    assert _rows(db, organizations) == [("autre.xlsx", "Les Amarres"), ("phare.xlsx", "Le Phare"), ("plan.xlsx", None)]
    again = _ingest(db, folder)
    assert {r.status for r in again.values()} == {"unchanged"}
    assert again["plan_copie.xlsx"].message == "already ingested as plan.xlsx (same bytes and settings)"


def test_a_corrected_sidecar_sticks_and_reprocess_keeps_the_history(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "plans.duckdb"
    old, _ = _versions(folder)
    _sidecar(old, 'organization = "Les Amares"\n')  # a typo: v9 is taken for another organisation's plan
    _ingest(db, folder)
    plans = "SELECT plan_id, source_id, organization, is_current FROM plans JOIN sources USING (source_id)"
    before = {row[0]: row for row in _rows(db, plans)}
    assert {row[2] for row in before.values()} == {"Les Amares", "Les Amarres"}
    _sidecar(old, 'organization = "Les Amarres"\n')
    reports = _ingest(db, folder)  # no --reprocess: the sidecar changed, v9 is read again
    assert (reports["entraide_v9.xlsx"].status, reports["entraide_v10.xlsx"].status) == ("ok", "unchanged")
    after = {row[0]: row for row in _rows(db, plans)}
    v9 = reports["entraide_v9.xlsx"].plan_id
    assert v9 in before and after[v9][:3] == (v9, before[v9][1], "Les Amarres")  # same ids, same place
    assert _rows(db, "SELECT count(DISTINCT plan_key), count(*) FROM plans") == [(1, 2)]
    current = "SELECT s.file_name FROM plans JOIN sources s USING (source_id) WHERE is_current"
    assert _rows(db, current) == [("entraide_v10.xlsx",)]
    # Nothing changed: unchanged; --reprocess reads both again and the history stays as it was.
    assert {r.status for r in _ingest(db, folder).values()} == {"unchanged"}
    reports = _ingest(db, folder, reprocess=True)
    assert {r.message for r in reports.values()} == {"read again: replaces its earlier reading"}
    assert {row[0]: row for row in _rows(db, plans)} == after
    assert _rows(db, "SELECT count(*) FROM sources") == [(2,)]
    assert _rows(db, "SELECT count(*) FROM actions") == [(7,)]
    assert _rows(db, current) == [("entraide_v10.xlsx",)]
    orphans = "SELECT count(*) FROM action_people WHERE cluster_key NOT IN (SELECT fingerprint FROM action_people)"
    assert _rows(db, orphans) == [(0,)]


def test_reingesting_known_files_does_not_copy_the_warehouse(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "plans.duckdb"
    _workbook(folder / "plan.xlsx", "Plan d'actions 2024-2026 – Les Amarres")
    _ingest(db, folder)
    published = db.stat()
    assert _ingest(db, folder)["plan.xlsx"].status == "unchanged"
    after = db.stat()
    assert (after.st_ino, after.st_mtime_ns) == (published.st_ino, published.st_mtime_ns)  # not replaced
    assert not db.with_name(db.name + ".draft").exists()


def test_review_lists_what_to_look_at_most_important_first(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "plans.duckdb"
    _workbook(folder / "anonyme.xlsx", "Plan d'actions 2024-2026")
    _workbook(folder / "lacunes.xlsx", "Plan d'actions 2024-2026 – Les Amarres", unlabelled=7)
    _ingest(db, folder)
    code, out, _ = _cli("review", "--db", str(db), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["priority"], r["kind"], r["file_name"]) for r in rows] == [
        (1, "no-organization", "anonyme.xlsx"),
        (2, "review", "lacunes.xlsx"),
        (4, "missing-label", "lacunes.xlsx"),
    ]
    assert rows[0]["fix"] == f'{(folder / "anonyme.xlsx").resolve()}.plan.toml: organization = "…"'
    assert rows[2]["what"] == "7 row(s) with no action label, skipped"
    assert rows[2]["location"] == "Plan!A7, Plan!A8, Plan!A9, Plan!A10, Plan!A11, …"
    code, out, _ = _cli("review", "--db", str(db), "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "priority,kind,file_name,location,what,fix,plan_id"


def test_a_reread_takes_the_place_of_its_reading_in_the_warehouse(
    tmp_path: Path, excel_plan: NormalizedPlan, word_plan: NormalizedPlan
) -> None:
    facts = [FileFacts("/in/grid.xlsx"), FileFacts("/in/roadmap.docx")]
    tables = ("sources", "plans", "actions", "action_schedule", "anomalies", "action_people", "axes")
    with Warehouse(tmp_path / "plans.duckdb") as warehouse:
        first = warehouse.load_many([excel_plan, word_plan], facts)
        counts = {t: int(warehouse.query(f"SELECT count(*) AS n FROM {t}")["n"].iloc[0]) for t in tables}
        assert [r.status for r in warehouse.load_many([excel_plan, word_plan], facts)] == ["unchanged"] * 2
        again = warehouse.load_many([excel_plan, word_plan], facts, reprocess=True)
        assert [(r.source_id, r.plan_id, r.replaced) for r in again] == [(r.source_id, r.plan_id, True) for r in first]
        assert {t: int(warehouse.query(f"SELECT count(*) AS n FROM {t}")["n"].iloc[0]) for t in tables} == counts
        orphans = warehouse.query(
            "SELECT count(*) AS n FROM action_people WHERE cluster_key NOT IN (SELECT fingerprint FROM action_people)"
        )
        assert orphans["n"].iloc[0] == 0
        dated = warehouse.con.execute("SELECT version_date::VARCHAR, version_date_source FROM plans ORDER BY plan_id")
        assert dated.fetchall() == [
            (p.plan["version_date"], p.plan["version_date_source"]) for p in (excel_plan, word_plan)
        ]
