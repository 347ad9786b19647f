"""Load normalized plans into DuckDB: a file is wholly in or wholly out.

Ids are global and assigned here (the frames carry local `action_ref`s). Only one
process writes: the pipeline's main process, in bulk from DataFrames.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
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
from warehouse.identity import FileFacts, plan_key
from warehouse.identity_rules import LATEST_FIRST

_ACTION_COLUMNS = (
    "action_id, action_key, plan_id, action_code, label, axis, strategic_objective, "
    "operational_objective, parent_action_id, pilot, partners, indicator, start_year, "
    "start_semester, end_year, end_semester, status, progress_pct, source_location, health, confidence"
)
# Appended by schema.sql (ALTER TABLE); rows are inserted by column name.
_ACTION_FINE_COLUMNS = "start_quarter, start_month, end_quarter, end_month"
# actions.search_text: the searchable fields folded as analysts fold their search words.
_SEARCH_TEXT = (
    "strip_accents(lower(concat_ws(' ', label, axis, strategic_objective, operational_objective, indicator, "
    "pilot, partners)))"
)
_SOURCE_COLUMNS = (
    "source_id, file_name, sha256, format, size_bytes, ingested_at, status, error_message, status_reason, score, "
    "path, settings_sha256, failure_kind"
)
_PLAN_COLUMNS = (
    "plan_id, plan_key, source_id, organization, title, plan_kind, period_start, period_end, version_label, "
    "is_current, organization_source, TRY_CAST(version_date AS DATE) AS version_date, version_date_source"
)
# Tables whose rows belong to one source, through its plan and actions, deleted with it.
_BY_ACTION = ("action_people", "action_schedule")
_ANOMALY_COLUMNS = "source_id, action_id, location, kind, message, message_fr"
# cluster_key starts as the fingerprint; `_refresh_clusters` then sets it.
_PEOPLE_COLUMNS = "action_id, role, position, name_raw, name, fingerprint, fingerprint AS cluster_key"


@dataclass(frozen=True)
class LoadResult:
    source_id: int | None
    plan_id: int | None  # None for a `not-a-plan` file: it gets no plan row
    status: str  # ok / review / not-a-plan / failed / unchanged
    actions: int = 0
    anomalies: int = 0
    reasons: tuple[str, ...] = ()  # why `review` or `not-a-plan`
    score: float | None = None
    same_as: str | None = None  # `unchanged`: the file already loaded with these bytes and settings
    replaced: bool = False  # a re-read: it took the place of this file's previous reading


@dataclass(frozen=True)
class Decision:
    """What loading a file would do: replace this file's reading `replaces` (a correction, or
    `--reprocess`), nothing (`same_as` names the reading already there), or add a new reading."""

    replaces: int | None = None
    same_as: str | None = None

    @property
    def unchanged(self) -> bool:
        return self.replaces is None and self.same_as is not None


def schema_sql() -> str:
    return resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")


def views_sql() -> str:
    return resources.files("warehouse").joinpath("views.sql").read_text(encoding="utf-8")


@cache
def schema_fingerprint() -> str:
    """sha256 of everything `create_schema` runs: a warehouse set up with it needs no set-up."""
    return hashlib.sha256("\0".join((schema_sql(), views_sql(), model_comments_sql())).encode()).hexdigest()


def schema_is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when this warehouse was set up with today's schema and still has its views: setting it
    up again (tables, views, comments, about 0.1 s, a large part of a one-file ingest) would change nothing."""
    known = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'warehouse_info'").fetchall()[0][0]
    if not known or not has_views(con):
        return False
    rows = con.execute("SELECT schema_sha256 FROM warehouse_info").fetchall()
    return rows == [(schema_fingerprint(),)]


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables (if missing), views (always replaced), every column's comment, then the fingerprint."""
    _widen_statuses(con)
    con.execute(schema_sql()).fetchall()
    con.execute(views_sql()).fetchall()
    con.execute(model_comments_sql()).fetchall()
    con.execute(f"UPDATE actions SET search_text = {_SEARCH_TEXT} WHERE search_text IS NULL").fetchall()
    con.execute("DELETE FROM warehouse_info").fetchall()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    con.execute("INSERT INTO warehouse_info VALUES (?, ?)", [schema_fingerprint(), now]).fetchall()


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
            if not read_only and not schema_is_current(self.con):
                create_schema(self.con)
                self._backfill_people()
            elif not has_views(self.con):
                raise WarehouseError(str(path), "the warehouse predates the views; run `plans ingest` on it once")
        except duckdb.Error as error:
            self.con.close()
            raise WarehouseError(str(path), f"cannot create the schema: {error}") from error
        except WarehouseError:
            self.con.close()
            raise

    def checkpoint(self) -> None:
        """Write every committed transaction into the main file (the WAL is then empty)."""
        self._run("CHECKPOINT")

    def has_source(self, sha256: str) -> bool:
        """True when these exact bytes were already loaded (failed attempts do not count)."""
        return bool(self._scalar("SELECT count(*) FROM sources WHERE sha256 = ? AND status <> 'failed'", [sha256]))

    def triage(self, files: Sequence[tuple[str, str, FileFacts]], reprocess: bool = False) -> list[Decision]:
        """For each file (sha256, file name, facts), in one query: the reading of this very file
        (path) with these bytes is replaced when the user's settings changed or `reprocess`, kept
        (`unchanged`) otherwise; without one, a reading of the same bytes and settings elsewhere
        makes it `unchanged`
        (failed readings never count: a good file is never hidden by a failed copy)."""
        if not files:
            return []
        frame = pd.DataFrame(
            {
                "pos": range(len(files)),
                "sha256": [sha256 for sha256, _, _ in files],
                "file_name": [file_name for _, file_name, _ in files],
                "path": [facts.path for _, _, facts in files],
                "settings": pd.Series([facts.settings_sha256 for _, _, facts in files], dtype=object),
            }
        )
        self.con.register("triaged_files", frame)
        try:
            rows = self.con.execute(
                """
                WITH read AS (
                    SELECT f.pos, s.source_id, s.file_name,
                           s.path = f.path OR (s.path IS NULL AND s.file_name = f.file_name) AS here,
                           s.settings_sha256 IS NOT DISTINCT FROM f.settings AS same
                    FROM triaged_files f JOIN sources s ON s.sha256 = f.sha256 AND s.status <> 'failed'
                ),
                by_file AS (
                    SELECT pos, max(source_id) FILTER (WHERE here) AS mine,
                           arg_max(same, source_id) FILTER (WHERE here) AS mine_same,
                           arg_min(file_name, source_id) FILTER (WHERE same) AS known
                    FROM read GROUP BY pos
                )
                SELECT f.pos, b.mine, b.mine_same, b.known
                FROM triaged_files f LEFT JOIN by_file b USING (pos) ORDER BY f.pos
                """
            ).fetchall()
        finally:
            self.con.unregister("triaged_files")
        return [_decide(mine, mine_same, known, reprocess) for _, mine, mine_same, known in rows]

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
            # By name: a warehouse's columns are in the order its versions appended them.
            self._run(f"INSERT INTO {table} BY NAME SELECT {columns} FROM new_rows")
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

    def record_failure(self, source: Source, message: str, kind: str, facts: FileFacts | None = None) -> LoadResult:
        """A file that could not be read: one `sources` row saying why (`kind`: a failure kind of
        `core.findings`, to group failures by), nothing else. It replaces the failed row of an
        earlier attempt at the same file (a good reading of it stays)."""
        facts = facts or FileFacts.of(source)
        with self._transaction(source.file_name):
            self._delete_sources(self._failed_at([source], [facts]))
            source_id = self._next_id("sources", "source_id")
            frame = _sources_frame([source], [source_id], ["failed"], [facts]).assign(
                error_message=[message], failure_kind=[kind]
            )
            self._insert("sources", frame, _SOURCE_COLUMNS)
        return LoadResult(source_id, None, "failed")

    def load(self, plan: NormalizedPlan, facts: FileFacts | None = None, reprocess: bool = False) -> LoadResult:
        """Load one plan in one transaction; the versions of its plan are ordered again."""
        return self.load_many([plan], None if facts is None else [facts], reprocess)[0]

    def load_many(
        self, plans: Sequence[NormalizedPlan], facts: Sequence[FileFacts] | None = None, reprocess: bool = False
    ) -> list[LoadResult]:
        """Load plans in one transaction (all or none; inserting many plans at once costs little
        more than one). A plan whose bytes and settings are already in is `unchanged` (`same_as`
        names the file), unless it is a re-read of that very file (`triage`), which replaces it;
        among the versions of one `plan_key`, the one with the latest `version_date` is current."""
        facts = list(facts) if facts is not None else [FileFacts.of(plan.source) for plan in plans]
        decisions = self.triage(
            [(p.source.sha256, p.source.file_name, f) for p, f in zip(plans, facts, strict=True)], reprocess
        )
        results = [LoadResult(None, None, "unchanged")] * len(plans)
        first_of: dict[tuple[str, str | None], str] = {}
        fresh: list[int] = []  # positions of the plans to insert
        for position, (plan, fact, decision) in enumerate(zip(plans, facts, decisions, strict=True)):
            content = (plan.source.sha256, fact.settings_sha256)
            same_as = decision.same_as if decision.unchanged else first_of.get(content)
            if same_as is not None and decision.replaces is None:
                results[position] = LoadResult(None, None, "unchanged", same_as=same_as)
                continue
            first_of.setdefault(content, plan.source.file_name)
            fresh.append(position)
        if fresh:
            name = plans[fresh[0]].source.file_name if len(fresh) == 1 else f"{len(fresh)} files"
            with self._transaction(name):
                inserted = self._insert_plans(
                    [plans[i] for i in fresh], [facts[i] for i in fresh], [decisions[i].replaces for i in fresh]
                )
                for position, result in zip(fresh, inserted, strict=True):
                    results[position] = result
        return results

    def _failed_at(self, sources: Sequence[Source], facts: Sequence[FileFacts]) -> list[int]:
        """The failed rows of earlier attempts at these files (same path; same name for old rows)."""
        found = self.query(
            "SELECT source_id FROM sources WHERE status = 'failed' AND (path IN (SELECT unnest(?)) "
            "OR (path IS NULL AND file_name IN (SELECT unnest(?))))",
            [[f.path for f in facts], [s.file_name for s in sources]],
        )
        return [int(i) for i in found["source_id"]]

    def _delete_sources(self, source_ids: Sequence[int]) -> tuple[dict[int, int], set[str], set[str]]:
        """Delete what these sources produced; returns ({source_id: its plan_id}, the plan keys
        and the people fingerprints they held)."""
        if not source_ids:
            return {}, set(), set()
        ids = [list(source_ids)]
        of_sources = "SELECT plan_id FROM plans WHERE source_id IN (SELECT unnest(?))"
        plans = self.query("SELECT source_id, plan_id, plan_key FROM plans WHERE source_id IN (SELECT unnest(?))", ids)
        actions = f"SELECT action_id FROM actions WHERE plan_id IN ({of_sources})"
        fingerprints = set(
            self.query(f"SELECT DISTINCT fingerprint FROM action_people WHERE action_id IN ({actions})", ids)[
                "fingerprint"
            ]
        )
        for table in _BY_ACTION:
            self._run(f"DELETE FROM {table} WHERE action_id IN ({actions})", ids)
        for table in ("axes", "actions"):
            self._run(f"DELETE FROM {table} WHERE plan_id IN ({of_sources})", ids)
        for table in ("anomalies", "plans", "sources"):
            self._run(f"DELETE FROM {table} WHERE source_id IN (SELECT unnest(?))", ids)
        plan_of = dict(zip(plans["source_id"].astype(int), plans["plan_id"].astype(int), strict=True))
        return plan_of, set(plans["plan_key"]), fingerprints

    def _order_versions(self, keys: set[str]) -> None:
        """`is_current` for the plans of `keys`: the last version in `VERSION_ORDER`."""
        if not keys:
            return
        self._run(
            "UPDATE plans SET is_current = ranked.last FROM (SELECT plan_id, "
            f"row_number() OVER (PARTITION BY plan_key ORDER BY {LATEST_FIRST}) = 1 AS last "
            "FROM plans WHERE plan_key IN (SELECT unnest(?))) ranked "
            "WHERE plans.plan_id = ranked.plan_id AND plans.is_current IS DISTINCT FROM ranked.last",
            [sorted(keys)],
        )

    def _insert_plans(
        self, plans: list[NormalizedPlan], facts: list[FileFacts], replaces: list[int | None]
    ) -> list[LoadResult]:
        """Insert the files: a `sources` row each, with its verdict; a file judged `not-a-plan` gets
        its anomalies but no plan row (`plans list` and `current_actions` never show it). A re-read
        takes the ids of the reading it replaces (so its place among the versions), and an earlier
        failed attempt at the same file goes."""
        old = [i for i in replaces if i is not None]
        plan_of, old_keys, old_people = self._delete_sources([*old, *self._failed_at([p.source for p in plans], facts)])
        verdicts = [plan.verdict() for plan in plans]
        source_ids = _ids(replaces, self._next_id("sources", "source_id"))
        reasons = pd.Series(["\n".join(v.reasons) or None for v in verdicts], dtype=object)
        sources = _sources_frame([p.source for p in plans], source_ids, [v.status for v in verdicts], facts).assign(
            status_reason=reasons.to_numpy(), score=[v.score for v in verdicts]
        )
        self._insert("sources", sources, _SOURCE_COLUMNS)
        kept = [i for i, verdict in enumerate(verdicts) if verdict.status != "not-a-plan"]
        for i in sorted(set(range(len(plans))) - set(kept)):
            self._insert(
                "anomalies", plans[i].anomalies.assign(source_id=source_ids[i], action_id=None), _ANOMALY_COLUMNS
            )
        reused = [plan_of.get(replaces[i]) if replaces[i] is not None else None for i in kept]  # type: ignore[arg-type]
        plan_ids = dict(
            zip(
                kept,
                self._insert_kept(
                    [plans[i] for i in kept],
                    [source_ids[i] for i in kept],
                    [facts[i] for i in kept],
                    reused,
                    old_people,
                ),
                strict=True,
            )
        )
        self._order_versions(old_keys)
        return [
            LoadResult(
                sid,
                plan_ids.get(i),
                v.status,
                len(plan.actions) if i in plan_ids else 0,
                len(plan.anomalies),
                v.reasons,
                v.score,
                replaced=replaces[i] is not None,
            )
            for i, (plan, sid, v) in enumerate(zip(plans, source_ids, verdicts, strict=True))
        ]

    def _insert_kept(
        self,
        plans: list[NormalizedPlan],
        source_ids: list[int],
        facts: list[FileFacts],
        reused: list[int | None],
        old_people: set[str],
    ) -> list[int]:
        """The plan rows, actions and the rest of `plans` (their sources are in); returns the plan ids."""
        if not plans:
            self._refresh_people(old_people, first_new_action=self._next_id("actions", "action_id"))
            return []
        plan_ids = _ids(reused, self._next_id("plans", "plan_id"))
        action_id = self._next_id("actions", "action_id")
        bases = action_id + np.cumsum([0, *(len(p.actions) for p in plans[:-1])])
        records = pd.DataFrame([_plan_record(p.plan, f) for p, f in zip(plans, facts, strict=True)]).assign(
            plan_id=plan_ids, source_id=source_ids, is_current=False
        )
        self._insert("plans", records, _PLAN_COLUMNS)
        self._order_versions(set(records["plan_key"]))
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
        self._insert("actions", actions, f"{_ACTION_COLUMNS}, {_SEARCH_TEXT} AS search_text, {_ACTION_FINE_COLUMNS}")
        self._insert("action_schedule", schedule, "action_id, year, semester, quarter, month")
        self._insert("anomalies", anomalies, _ANOMALY_COLUMNS)
        self._insert("axes", axes, "plan_id, axis, description, source_location")
        self._insert("action_people", people, _PEOPLE_COLUMNS)
        self._refresh_people(set(people["fingerprint"]) | old_people, first_new_action=action_id)
        return list(plan_ids)

    def _refresh_people(self, changed: set[str], first_new_action: int) -> None:
        """Redo the clusters the new rows and the deleted ones (a re-read) touch: a fingerprint no row
        holds any more is dropped, and the names whose cluster it named are clustered again."""
        if not changed:
            return
        held = "SELECT DISTINCT fingerprint FROM action_people WHERE {} IN (SELECT unnest(?))"
        left = set(self.query(held.format("fingerprint"), [sorted(changed)])["fingerprint"])
        gone = sorted(changed - left)
        orphans = set(self.query(held.format("cluster_key"), [gone])["fingerprint"]) if gone else set()
        self._refresh_clusters(left | orphans, first_new_action)

    def _transaction(self, name: str) -> _Transaction:
        return _Transaction(self.con, name)


def _decide(mine: int | None, mine_same: bool | None, known: str | None, reprocess: bool) -> Decision:
    if mine is not None:
        return Decision(same_as=known) if mine_same and not reprocess else Decision(replaces=int(mine))
    return Decision(same_as=known)


def _ids(reused: Sequence[int | None], first_new: int) -> list[int]:
    """The ids kept where a row is replaced, new consecutive ids from `first_new` elsewhere."""
    fresh = iter(range(first_new, first_new + len(reused)))
    return [int(i) if i is not None else next(fresh) for i in reused]


def _plan_record(plan: dict[str, Any], facts: FileFacts) -> dict[str, Any]:
    """A `plans` row: the normalized plan with its identity."""
    return {**plan, "plan_key": plan_key(plan, facts)}


def _sources_frame(
    sources: Sequence[Source], ids: Sequence[int], statuses: Sequence[str], facts: Sequence[FileFacts]
) -> pd.DataFrame:
    """`sources` rows; error_message, status_reason and score are NULL until assigned."""
    return pd.DataFrame(
        {
            "source_id": list(ids),
            "file_name": [s.file_name for s in sources],
            "sha256": [s.sha256 for s in sources],
            "format": [s.format for s in sources],
            "size_bytes": [s.size_bytes for s in sources],
            "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "status": statuses,
            "error_message": None,
            "status_reason": None,
            "score": np.nan,
            "path": [f.path for f in facts],
            "settings_sha256": pd.Series([f.settings_sha256 for f in facts], dtype=object),
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
