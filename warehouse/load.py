"""Load normalized plans into DuckDB: a file is wholly in or wholly out.

Ids are global and assigned here (the frames carry local `action_ref`s). Only one
process writes: the pipeline's main process, in bulk from DataFrames.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pandas as pd

from ingest.errors import WarehouseError
from ingest.records import Source
from normalize import NormalizedPlan
from normalize.people import nearest_clusters, people_rows
from warehouse.dictionary import model_comments_sql

_ACTION_COLUMNS = (
    "action_id, action_key, plan_id, action_code, label, axis, strategic_objective, "
    "operational_objective, parent_action_id, pilot, partners, indicator, start_year, "
    "start_semester, end_year, end_semester, status, progress_pct, source_location, health, confidence"
)


DEFAULT_WAIT_S = 30.0
_HOLDER = re.compile(r"\(PID (\d+)\)")
# Warehouse files (device, inode) whose schema this process has already created or updated:
# the ingest opens the warehouse once per file loaded, and creating the schema (tables, views,
# comments) cost ~120 ms a time, more than loading a plan (see README, Performance).
_SCHEMA_DONE: set[tuple[int, int]] = set()


def _connect(path: Path, read_only: bool, wait_s: float) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, retrying while another process holds it (DuckDB allows one writer
    and, while it writes, no reader from another process)."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            text = str(error)
            if "lock" not in text.lower():
                raise WarehouseError(str(path), f"cannot open the warehouse: {text.splitlines()[0]}") from error
            if time.monotonic() >= deadline:
                holder = _HOLDER.search(text)
                who = f"process {holder.group(1)}" if holder else "another process"
                raise WarehouseError(
                    str(path), f"the warehouse is in use by {who}; gave up after {wait_s:g} s (--wait to wait longer)"
                ) from error
            time.sleep(0.1)
        except duckdb.Error as error:
            raise WarehouseError(str(path), f"cannot open the warehouse: {error}") from error


@dataclass(frozen=True)
class LoadResult:
    source_id: int | None
    plan_id: int | None
    status: str  # ok / warning / failed / unchanged
    actions: int = 0
    anomalies: int = 0


def schema_sql() -> str:
    return resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")


def views_sql() -> str:
    return resources.files("warehouse").joinpath("views.sql").read_text(encoding="utf-8")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables (if missing), views (always replaced) and every column's comment."""
    con.execute(schema_sql()).fetchall()
    con.execute(views_sql()).fetchall()
    con.execute(model_comments_sql()).fetchall()


class Warehouse:
    """The DuckDB file. Use as a context manager; `read_only` for queries."""

    def __init__(self, path: Path, read_only: bool = False, wait_s: float = DEFAULT_WAIT_S) -> None:
        self.path = path
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.exists():
            raise WarehouseError(str(path), "no warehouse here yet: run `plans ingest` first")
        self.con = _connect(path, read_only, wait_s)
        try:
            if not read_only and not self._schema_done():
                create_schema(self.con)
                self._backfill_people()
                _SCHEMA_DONE.add(self._file_id())
            elif not self._scalar("SELECT count(*) FROM duckdb_views() WHERE view_name = 'current_actions'"):
                raise WarehouseError(str(path), "the warehouse predates the views; run `plans ingest` on it once")
        except duckdb.Error as error:
            self.con.close()
            raise WarehouseError(str(path), f"cannot create the schema: {error}") from error
        except WarehouseError:
            self.con.close()
            raise

    def _file_id(self) -> tuple[int, int]:
        stat = self.path.stat()
        return stat.st_dev, stat.st_ino

    def _schema_done(self) -> bool:
        """True when this process already set up the schema of this very file (and it is still there)."""
        return self._file_id() in _SCHEMA_DONE and bool(
            self._scalar("SELECT count(*) FROM duckdb_views() WHERE view_name = 'current_actions'")
        )

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def has_source(self, sha256: str) -> bool:
        """True when these exact bytes were already loaded (failed attempts do not count)."""
        return bool(self._scalar("SELECT count(*) FROM sources WHERE sha256 = ? AND status <> 'failed'", [sha256]))

    def _run(self, sql: str, params: list[Any] | None = None) -> None:
        # DuckDB 2 keeps a statement's result pending until it is fetched.
        self.con.execute(sql, params or []).fetchall()

    def _scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        return self.con.execute(sql, params or []).fetchall()[0][0]

    def _backfill_people(self) -> None:
        """A warehouse made before `action_people` existed gets its rows once, from the pilot/partners columns."""
        if self._scalar("SELECT count(*) FROM action_people") or not self._scalar("SELECT count(*) FROM actions"):
            return
        actions = self.query("SELECT action_id AS action_ref, pilot, partners FROM actions")
        self.con.begin()
        self._insert_people(people_rows(actions).rename(columns={"action_ref": "action_id"}))
        self.refresh_clusters()
        self.con.commit()

    def _insert_people(self, people: pd.DataFrame) -> None:
        self.con.register("people_frame", people)
        try:
            self._run(
                "INSERT INTO action_people SELECT action_id, role, position, name_raw, name, fingerprint, fingerprint "
                "FROM people_frame"
            )
        finally:
            self.con.unregister("people_frame")

    def refresh_clusters(self) -> None:
        """Nearest-neighbour clustering of every name key in the warehouse; sets `action_people.cluster_key`."""
        counts = self.query("SELECT fingerprint, count(*) AS n FROM action_people GROUP BY fingerprint")
        mapping = nearest_clusters(dict(zip(counts["fingerprint"], counts["n"].astype(int), strict=True)))
        frame = pd.DataFrame({"fingerprint": list(mapping), "cluster_key": list(mapping.values())})
        self.con.register("clusters_frame", frame)
        try:
            self._run(
                "UPDATE action_people SET cluster_key = c.cluster_key FROM clusters_frame c "
                "WHERE action_people.fingerprint = c.fingerprint AND action_people.cluster_key <> c.cluster_key"
            )
        finally:
            self.con.unregister("clusters_frame")

    def _next_id(self, table: str, column: str) -> int:
        return int(self._scalar(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}"))

    def _insert_source(self, source: Source, status: str, error_message: str | None) -> int:
        source_id = self._next_id("sources", "source_id")
        self._run(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                source_id,
                source.file_name,
                source.sha256,
                source.format,
                source.size_bytes,
                dt.datetime.now(dt.UTC).replace(tzinfo=None),
                status,
                error_message,
            ],
        )
        return source_id

    def record_failure(self, source: Source, message: str) -> LoadResult:
        """A file that could not be read: one `sources` row saying why, nothing else."""
        with self._transaction(source):
            source_id = self._insert_source(source, "failed", message)
        return LoadResult(source_id, None, "failed")

    def load(self, plan: NormalizedPlan) -> LoadResult:
        """Load one plan in one transaction; the previous version of the same plan stops being current."""
        if self.has_source(plan.source.sha256):
            return LoadResult(None, None, "unchanged")
        status = "warning" if len(plan.anomalies) or not len(plan.actions) else "ok"
        with self._transaction(plan.source):
            source_id = self._insert_source(plan.source, status, None)
            plan_id = self._next_id("plans", "plan_id")
            self._run("UPDATE plans SET is_current = false WHERE plan_key = ? AND is_current", [plan.plan["plan_key"]])
            record: dict[str, Any] = {**plan.plan, "plan_id": plan_id, "source_id": source_id}
            self._run(
                "INSERT INTO plans (plan_id, plan_key, source_id, organization, title, plan_kind, "
                "period_start, period_end, version_label, is_current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, true)",
                [
                    record[k]
                    for k in (
                        "plan_id",
                        "plan_key",
                        "source_id",
                        "organization",
                        "title",
                        "plan_kind",
                        "period_start",
                        "period_end",
                        "version_label",
                    )
                ],
            )
            base = self._next_id("actions", "action_id")
            self._insert_frames(plan, base, plan_id, source_id)
        return LoadResult(source_id, plan_id, status, len(plan.actions), len(plan.anomalies))

    def _insert_frames(self, plan: NormalizedPlan, base: int, plan_id: int, source_id: int) -> None:
        actions = plan.actions.assign(
            action_id=plan.actions["action_ref"] + base,
            plan_id=plan_id,
            parent_action_id=plan.actions["parent_ref"] + base,
        )
        schedule = plan.schedule.assign(action_id=plan.schedule["action_ref"] + base)
        anomalies = plan.anomalies.assign(source_id=source_id, action_id=plan.anomalies["action_ref"] + base)
        axes = plan.axes.assign(plan_id=plan_id)
        frames = {
            "actions_frame": actions,
            "schedule_frame": schedule,
            "anomalies_frame": anomalies,
            "axes_frame": axes,
        }
        for name, frame in frames.items():
            self.con.register(name, frame)
        try:
            self._run(f"INSERT INTO actions SELECT {_ACTION_COLUMNS} FROM actions_frame")
            self._run("INSERT INTO action_schedule SELECT action_id, year, semester FROM schedule_frame")
            self._run("INSERT INTO anomalies SELECT source_id, action_id, location, kind, message FROM anomalies_frame")
            self._run("INSERT INTO axes SELECT plan_id, axis, description, source_location FROM axes_frame")
        finally:
            for name in frames:
                self.con.unregister(name)
        self._insert_people(plan.people.assign(action_id=plan.people["action_ref"] + base))
        self.refresh_clusters()

    def _transaction(self, source: Source) -> _Transaction:
        return _Transaction(self.con, source)

    def query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or []).df()


class _Transaction:
    """BEGIN/COMMIT, or ROLLBACK and a `WarehouseError` naming the file."""

    def __init__(self, con: duckdb.DuckDBPyConnection, source: Source) -> None:
        self.con, self.source = con, source

    def __enter__(self) -> None:
        self.con.begin()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if error is None:
            self.con.commit()
            return
        self.con.rollback()
        if isinstance(error, duckdb.Error):
            raise WarehouseError(self.source.file_name, f"not loaded, rolled back: {error}") from error
