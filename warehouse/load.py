"""Load normalized plans into DuckDB: a file is wholly in or wholly out.

Ids are global and assigned here (the frames carry local `action_ref`s). Only one
process writes: the pipeline's main process, in bulk from DataFrames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from core.errors import WarehouseError
from core.limits import DEFAULT_WAIT_S
from core.records import Source
from normalize import NormalizedPlan
from normalize.people import people_rows, recluster
from warehouse.connect import Connection, connect, has_views
from warehouse.dictionary import model_comments_sql

_ACTION_COLUMNS = (
    "action_id, action_key, plan_id, action_code, label, axis, strategic_objective, "
    "operational_objective, parent_action_id, pilot, partners, indicator, start_year, "
    "start_semester, end_year, end_semester, status, progress_pct, source_location, health, confidence"
)
# Appended after search_text by schema.sql (ALTER TABLE), in this order.
_ACTION_FINE_COLUMNS = "start_quarter, start_month, end_quarter, end_month"
# actions.search_text: the searchable fields folded as analysts fold their search words.
_SEARCH_TEXT = (
    "strip_accents(lower(concat_ws(' ', label, axis, strategic_objective, operational_objective, indicator, "
    "pilot, partners)))"
)
_SOURCE_COLUMNS = (
    "source_id, file_name, sha256, format, size_bytes, ingested_at, status, error_message, status_reason, score, "
    "failure_kind"
)
# Appended after is_current by schema.sql (ALTER TABLE), in this order.
_PLAN_COLUMNS = (
    "plan_id, plan_key, source_id, organization, title, plan_kind, period_start, period_end, version_label, "
    "is_current, organization_source, version_date, version_date_source"
)
_ANOMALY_COLUMNS = "source_id, action_id, location, kind, message, message_fr"
# cluster_key starts as the fingerprint; `_refresh_clusters` then sets it.
_PEOPLE_COLUMNS = "action_id, role, position, name_raw, name, fingerprint, fingerprint"


# Warehouse files (device, inode) whose schema this process has already created or updated:
# the ingest opens the warehouse once per file loaded, and creating the schema (tables, views,
# comments) cost ~120 ms a time, more than loading a plan (see README, Performance).
_SCHEMA_DONE: set[tuple[int, int]] = set()


@dataclass(frozen=True)
class LoadResult:
    source_id: int | None
    plan_id: int | None  # None for a `not-a-plan` file: it gets no plan row
    status: str  # ok / review / not-a-plan / failed / unchanged
    actions: int = 0
    anomalies: int = 0
    reasons: tuple[str, ...] = ()  # why `review` or `not-a-plan`
    score: float | None = None


def schema_sql() -> str:
    return resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")


def views_sql() -> str:
    return resources.files("warehouse").joinpath("views.sql").read_text(encoding="utf-8")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables (if missing), views (always replaced) and every column's comment."""
    _widen_statuses(con)
    con.execute(schema_sql()).fetchall()
    con.execute(views_sql()).fetchall()
    con.execute(model_comments_sql()).fetchall()
    con.execute(f"UPDATE actions SET search_text = {_SEARCH_TEXT} WHERE search_text IS NULL").fetchall()


def _widen_statuses(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse made before the verdict statuses allows only ok/warning/failed in `sources.status`,
    and DuckDB cannot alter a CHECK: the table is rebuilt with the new one (rows kept as they are,
    `warning` stays allowed as a legacy value). The views are dropped first (they are recreated)."""
    old = con.execute(
        "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'sources' AND constraint_type = 'CHECK' "
        "AND constraint_text LIKE '%warning%' AND constraint_text NOT LIKE '%not-a-plan%'"
    ).fetchall()[0][0]
    if not old:
        return
    views = [row[0] for row in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
    con.begin()
    for view in views:
        con.execute(f'DROP VIEW IF EXISTS "{view}"').fetchall()
    con.execute("CREATE TEMP TABLE sources_before_verdict AS SELECT * FROM sources").fetchall()
    con.execute("DROP TABLE sources").fetchall()
    con.execute(schema_sql()).fetchall()
    con.execute("INSERT INTO sources BY NAME SELECT * FROM sources_before_verdict").fetchall()
    con.execute("DROP TABLE sources_before_verdict").fetchall()
    con.commit()


class Warehouse(Connection):
    """The DuckDB file. Use as a context manager; `read_only` for queries."""

    def __init__(self, path: Path, read_only: bool = False, wait_s: float = DEFAULT_WAIT_S) -> None:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.exists():
            raise WarehouseError(str(path), "no warehouse here yet: run `plans ingest` first")
        super().__init__(path, connect(path, read_only, wait_s))
        try:
            if not read_only and not self._schema_done():
                create_schema(self.con)
                self._backfill_people()
                _SCHEMA_DONE.add(self._file_id())
            elif not has_views(self.con):
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
        return self._file_id() in _SCHEMA_DONE and has_views(self.con)

    def checkpoint(self) -> None:
        """Write every committed transaction into the main file (the WAL is then empty)."""
        self._run("CHECKPOINT")

    def has_source(self, sha256: str) -> bool:
        """True when these exact bytes were already loaded (failed attempts do not count)."""
        return sha256 in self.known_sources([sha256])

    def known_sources(self, shas: Sequence[str]) -> set[str]:
        """Those of `shas` already loaded (failed attempts do not count)."""
        query = "SELECT sha256 FROM sources WHERE sha256 IN (SELECT unnest(?)) AND status <> 'failed'"
        return set(self.query(query, [list(shas)])["sha256"])

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
        people = people_rows(actions).rename(columns={"action_ref": "action_id"})
        self._insert("action_people", people, _PEOPLE_COLUMNS)
        self._refresh_clusters(set(people["fingerprint"]), first_new_action=0)
        self.con.commit()

    def _insert(self, table: str, frame: pd.DataFrame, columns: str) -> None:
        self.con.register("new_rows", frame)
        try:
            self._run(f"INSERT INTO {table} SELECT {columns} FROM new_rows")
        finally:
            self.con.unregister("new_rows")

    def _refresh_clusters(self, changed: set[str], first_new_action: int) -> None:
        """Redo the clusters of names the new rows (action ids from `first_new_action`) touch."""
        if not changed:
            return
        table = self.query(
            "SELECT fingerprint, count(*) AS n, min(action_id) AS first_action, "
            "arg_min(cluster_key, action_id) AS cluster_key FROM action_people GROUP BY fingerprint"
        )
        before = table[table["first_action"] < first_new_action]
        mapping = recluster(
            dict(zip(before["fingerprint"], before["cluster_key"], strict=True)),
            dict(zip(table["fingerprint"], table["n"].astype(int), strict=True)),
            changed,
        )
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

    def record_failure(self, source: Source, message: str, kind: str) -> LoadResult:
        """A file that could not be read: one `sources` row saying why (`kind`: a failure kind of
        `core.findings`, to group failures by), nothing else."""
        with self._transaction(source.file_name):
            source_id = self._next_id("sources", "source_id")
            frame = _sources_frame([source], source_id, ["failed"]).assign(error_message=[message], failure_kind=[kind])
            self._insert("sources", frame, _SOURCE_COLUMNS)
        return LoadResult(source_id, None, "failed")

    def load(self, plan: NormalizedPlan) -> LoadResult:
        """Load one plan in one transaction; the previous version of the same plan stops being current."""
        return self.load_many([plan])[0]

    def load_many(self, plans: Sequence[NormalizedPlan]) -> list[LoadResult]:
        """Load plans in one transaction (all or none; inserting many plans at once costs little
        more than one). A plan whose bytes are already in is `unchanged`; among versions of one
        `plan_key`, the last loaded is current."""
        shas = [plan.source.sha256 for plan in plans]
        known = self.known_sources(shas)
        fresh: list[int] = []  # positions of the plans to insert
        for position, sha256 in enumerate(shas):
            if sha256 not in known:
                known.add(sha256)
                fresh.append(position)
        results = [LoadResult(None, None, "unchanged")] * len(plans)
        if fresh:
            name = plans[fresh[0]].source.file_name if len(fresh) == 1 else f"{len(fresh)} files"
            with self._transaction(name):
                for position, result in zip(fresh, self._insert_plans([plans[i] for i in fresh]), strict=True):
                    results[position] = result
        return results

    def _insert_plans(self, plans: list[NormalizedPlan]) -> list[LoadResult]:
        """Insert the files: a `sources` row each, with its verdict; a file judged `not-a-plan` gets
        its anomalies but no plan row (`plans list` and `current_actions` never show it)."""
        verdicts = [plan.verdict() for plan in plans]
        first = self._next_id("sources", "source_id")
        source_ids = range(first, first + len(plans))
        reasons = pd.Series(["\n".join(v.reasons) or None for v in verdicts], dtype=object)
        sources = _sources_frame([p.source for p in plans], first, [v.status for v in verdicts]).assign(
            status_reason=reasons.to_numpy(), score=[v.score for v in verdicts]
        )
        self._insert("sources", sources, _SOURCE_COLUMNS)
        kept = [i for i, verdict in enumerate(verdicts) if verdict.status != "not-a-plan"]
        for i in sorted(set(range(len(plans))) - set(kept)):
            self._insert(
                "anomalies", plans[i].anomalies.assign(source_id=source_ids[i], action_id=None), _ANOMALY_COLUMNS
            )
        plan_ids = dict(
            zip(kept, self._insert_kept([plans[i] for i in kept], [source_ids[i] for i in kept]), strict=True)
        )
        return [
            LoadResult(
                sid,
                plan_ids.get(i),
                v.status,
                len(plan.actions) if i in plan_ids else 0,
                len(plan.anomalies),
                v.reasons,
                v.score,
            )
            for i, (plan, sid, v) in enumerate(zip(plans, source_ids, verdicts, strict=True))
        ]

    def _insert_kept(self, plans: list[NormalizedPlan], source_ids: list[int]) -> list[int]:
        """The plan rows, actions and the rest of `plans` (their sources are in); returns the plan ids."""
        if not plans:
            return []
        plan_id = self._next_id("plans", "plan_id")
        plan_ids = range(plan_id, plan_id + len(plans))
        action_id = self._next_id("actions", "action_id")
        bases = action_id + np.cumsum([0, *(len(p.actions) for p in plans[:-1])])
        keys = [p.plan["plan_key"] for p in plans]
        self._run("UPDATE plans SET is_current = false WHERE is_current AND plan_key IN (SELECT unnest(?))", [keys])
        last_of_key = {key: index for index, key in enumerate(keys)}
        records = pd.DataFrame([p.plan for p in plans]).assign(
            plan_id=plan_ids, source_id=source_ids, is_current=[last_of_key[k] == i for i, k in enumerate(keys)]
        )
        self._insert("plans", records, _PLAN_COLUMNS)
        frames = [
            (
                p.actions.assign(
                    action_id=p.actions["action_ref"] + base,
                    plan_id=pid,
                    parent_action_id=p.actions["parent_ref"] + base,
                ),
                p.schedule.assign(action_id=p.schedule["action_ref"] + base),
                p.anomalies.assign(source_id=sid, action_id=p.anomalies["action_ref"] + base),
                p.axes.assign(plan_id=pid),
                p.people.assign(action_id=p.people["action_ref"] + base),
            )
            for p, base, pid, sid in zip(plans, bases, plan_ids, source_ids, strict=True)
        ]
        actions, schedule, anomalies, axes, people = (
            pd.concat(parts, ignore_index=True) for parts in zip(*frames, strict=True)
        )
        self._insert("actions", actions, f"{_ACTION_COLUMNS}, {_SEARCH_TEXT}, {_ACTION_FINE_COLUMNS}")
        self._insert("action_schedule", schedule, "action_id, year, semester, quarter, month")
        self._insert("anomalies", anomalies, _ANOMALY_COLUMNS)
        self._insert("axes", axes, "plan_id, axis, description, source_location")
        self._insert("action_people", people, _PEOPLE_COLUMNS)
        self._refresh_clusters(set(people["fingerprint"]), first_new_action=action_id)
        return list(plan_ids)

    def _transaction(self, name: str) -> _Transaction:
        return _Transaction(self.con, name)


def _sources_frame(sources: Sequence[Source], first_id: int, statuses: Sequence[str]) -> pd.DataFrame:
    """`sources` rows; error_message, status_reason and score are NULL until assigned."""
    return pd.DataFrame(
        {
            "source_id": range(first_id, first_id + len(sources)),
            "file_name": [s.file_name for s in sources],
            "sha256": [s.sha256 for s in sources],
            "format": [s.format for s in sources],
            "size_bytes": [s.size_bytes for s in sources],
            "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "status": statuses,
            "error_message": None,
            "status_reason": None,
            "score": np.nan,
            "failure_kind": None,
        }
    )


class _Transaction:
    """BEGIN/COMMIT, or ROLLBACK and a `WarehouseError` naming the file."""

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str) -> None:
        self.con, self.name = con, name

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
            raise WarehouseError(self.name, f"not loaded, rolled back: {error}") from error
