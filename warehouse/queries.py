"""Read-only questions the `plans` commands ask the warehouse.

One function per command (`list_plans`, `show_plan`, `run_query`, `diff_plan`, `review`, and
`warehouse.search.search_actions`); the command line only parses arguments and renders the
result. `list_sources` and `list_plans` return plain rows: those commands start without pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from core.errors import WarehouseError
from core.limits import DEFAULT_WAIT_S
from core.text import match_key
from warehouse.connect import Connection, Reader
from warehouse.identity_rules import LATEST_FIRST, VERSION_ORDER
from warehouse.rows import Rows

if TYPE_CHECKING:
    import pandas as pd

# An action's schedule as text ("2021 2022-S1 2023-Q2 2024-03"), each row at its finest grain,
# for outlines and diffs.
_SCHEDULE_TEXT = """(SELECT string_agg(CASE WHEN s.month IS NOT NULL
                                        THEN s.year || '-' || lpad(s.month::VARCHAR, 2, '0')
                                   WHEN s.quarter IS NOT NULL THEN s.year || '-Q' || s.quarter
                                   WHEN s.semester IS NULL THEN s.year::VARCHAR
                                   ELSE s.year || '-S' || s.semester END, ' '
                              ORDER BY s.year, s.semester NULLS FIRST, s.quarter NULLS FIRST, s.month NULLS FIRST)
    FROM action_schedule s WHERE s.action_id = a.action_id) AS schedule"""


def open_read_only(db: Path, wait_s: float = DEFAULT_WAIT_S) -> Reader:
    if not db.is_file():
        raise WarehouseError(str(db), "no warehouse here; run `plans ingest PATH --db FILE` first")
    return Reader(db, wait_s)


def list_sources(warehouse: Connection, failed_only: bool = False) -> Rows:
    """Every file ingested (or only those that failed), newest first, with the reason (the error
    of a failure, the doubts of a `review`, why it is `not-a-plan`)."""
    where = "WHERE status = 'failed'" if failed_only else ""
    # A warehouse last written before the verdict has no such columns until the next ingest.
    verdict = warehouse.rows(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'sources' AND column_name = 'status_reason'"
    ).rows[0][0]
    extra = "score, error_message, status_reason" if verdict else "NULL AS score, error_message, NULL AS status_reason"
    return warehouse.rows(
        f"SELECT source_id, file_name, format, size_bytes, ingested_at, status, {extra} "
        f"FROM sources {where} ORDER BY source_id DESC"
    )


def _has_column(warehouse: Connection, table: str, column: str) -> bool:
    found = warehouse.rows(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = ? AND column_name = ?", [table, column]
    )
    return bool(found.rows[0][0])


def _plans(warehouse: Connection) -> str:
    """The `plans` table; in a warehouse last written before version dates, with those columns NULL
    (they come with the next ingest)."""
    if _has_column(warehouse, "plans", "version_date"):
        return "plans"
    return (
        "(SELECT *, NULL::VARCHAR AS organization_source, NULL::DATE AS version_date, "
        "NULL::VARCHAR AS version_date_source FROM plans)"
    )


def list_plans(warehouse: Connection, all_versions: bool = False) -> Rows:
    """Plans (current versions, or every version) with their counts; with every version, why the
    current one is current (`current_because`). Plans without an organisation come last."""
    where = "" if all_versions else "WHERE s.is_current"
    because = ", v.version_date::VARCHAR AS version_date, v.current_because" if all_versions else ""
    return warehouse.rows(
        f"""
        WITH v AS (
            SELECT p.plan_id, p.version_date, count(*) OVER k AS versions,
                   CASE WHEN count(*) OVER k = 1 THEN 'only version'
                        WHEN NOT p.is_current
                            THEN 'superseded by version ' || first_value(p.plan_id) OVER (k ORDER BY {LATEST_FIRST})
                        WHEN p.version_date IS NULL THEN 'no version date; ingested last'
                        ELSE 'latest version date ' || p.version_date::VARCHAR
                             || ' (' || coalesce(p.version_date_source, 'unknown source') || ')'
                             || CASE WHEN count(*) OVER (PARTITION BY p.plan_key, p.version_date) > 1
                                     THEN '; ingested last of the versions of that date' ELSE '' END
                   END AS current_because
            FROM {_plans(warehouse)} p WINDOW k AS (PARTITION BY p.plan_key)
        )
        SELECT s.plan_id, s.plan_key, s.organization, s.title, s.version_label, s.is_current,
               v.versions, s.actions, s.axes, s.anomalies, s.file_name{because}
        FROM plan_summary s JOIN v USING (plan_id) {where}
        ORDER BY s.organization NULLS LAST, s.plan_key, v.version_date NULLS FIRST, s.plan_id
        """
    )


def resolve_plan(warehouse: Connection, plan: str) -> int:
    """A plan id, a plan_key, or words of its key/title/organization -> the plan id (current version)."""
    if plan.isdigit():
        found = warehouse.query("SELECT plan_id FROM plans WHERE plan_id = ?", [int(plan)])
        if len(found):
            return int(plan)
    exact = warehouse.query("SELECT plan_id FROM plans WHERE plan_key = ? AND is_current", [plan])
    if len(exact):
        return int(exact["plan_id"].iloc[0])
    current = warehouse.query("SELECT plan_id, plan_key, organization, title FROM plans WHERE is_current")
    wanted = match_key(plan)
    hits = current[
        current.apply(
            lambda r: wanted in match_key(" ".join(str(r[c]) for c in ("plan_key", "organization", "title"))), axis=1
        )
    ]
    if len(hits) == 1:
        return int(hits["plan_id"].iloc[0])
    if not len(hits):
        raise WarehouseError(plan, "no such plan; `plans list` shows the plan keys")
    keys = ", ".join(hits["plan_key"].head(5))
    raise WarehouseError(plan, f"several plans match ({keys}); give the plan_key")


@dataclass(frozen=True)
class PlanOutline:
    plan: dict[str, Any]
    actions: pd.DataFrame  # axis, strategic_objective, operational_objective, action_code, label, pilot, ...


def show_plan(warehouse: Connection, plan: str) -> PlanOutline:
    plan_id = resolve_plan(warehouse, plan)
    summary = warehouse.query("SELECT * FROM plan_summary WHERE plan_id = ?", [plan_id])
    info = {str(k): v for k, v in summary.iloc[0].to_dict().items() if k != "actions_by_axis"}
    actions = warehouse.query(
        "SELECT a.action_id, a.axis, a.strategic_objective, a.operational_objective, a.action_code, a.label, "
        f"a.pilot, a.partners, a.status, {_SCHEDULE_TEXT} FROM actions a WHERE a.plan_id = ? ORDER BY a.action_id",
        [plan_id],
    )
    return PlanOutline(info, actions)


# Statement types `plans query` runs; with external access off and the configuration locked
# (`lock_down`), none of them can write, read a file or reach the network.
READ_STATEMENTS = frozenset({"SELECT", "EXPLAIN", "PRAGMA", "CALL"})


class QueryRefused(WarehouseError):
    """SQL that `plans query` does not run (empty, several statements, or not a read)."""


def lock_down(warehouse: Connection) -> None:
    """From now on this connection reads the warehouse and nothing else: no file, no network,
    no extension, and no SET can undo it."""
    warehouse.query("SET enable_external_access = false")
    warehouse.query("SET lock_configuration = true")


def read_statement(sql: str) -> str:
    """`sql` if it is one reading statement (comments allowed), else `QueryRefused` in one line."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        raise WarehouseError("query", str(error).splitlines()[0]) from error
    if not statements:
        raise QueryRefused("query", "no SQL statement given (only blanks or comments)")
    if len(statements) > 1:
        raise QueryRefused("query", f"one statement at a time ({len(statements)} given)")
    kind = statements[0].type.name
    if kind not in READ_STATEMENTS:
        raise QueryRefused("query", f"{kind} refused: `plans query` is read-only (SELECT, EXPLAIN, PRAGMA, CALL)")
    return sql


def run_query(warehouse: Connection, sql: str) -> pd.DataFrame:
    """One reading statement on a locked-down connection (files, network, settings out of reach)."""
    statement = read_statement(sql)
    try:
        lock_down(warehouse)
        return warehouse.query(statement)
    except duckdb.Error as error:
        message = str(error).splitlines()[0]
        raise WarehouseError("query", message) from error


def _versions(warehouse: Connection, plan_id: int) -> pd.DataFrame:
    """The versions of the plan of `plan_id`, oldest first (`VERSION_ORDER`: the document's date)."""
    plans = _plans(warehouse)
    return warehouse.query(
        "SELECT v.plan_id, v.version_label, v.version_date::VARCHAR AS version_date, s.file_name, s.ingested_at "
        f"FROM {plans} p JOIN {plans} v ON v.plan_key = p.plan_key JOIN sources s ON s.source_id = v.source_id "
        f"WHERE p.plan_id = ? ORDER BY {', '.join('v.' + part for part in VERSION_ORDER.split(', '))}",
        [plan_id],
    )


@dataclass(frozen=True)
class PlanDiff:
    old: dict[str, Any]  # plan_id, version_label, file_name, ingested_at
    new: dict[str, Any]
    changes: pd.DataFrame  # warehouse.diff.DIFF_COLUMNS


def _diff_frame(warehouse: Connection, plan_id: int) -> pd.DataFrame:
    return warehouse.query(
        "SELECT a.action_id, a.action_code, a.label, a.axis, a.strategic_objective, a.operational_objective, "
        f"a.pilot, a.partners, a.indicator, a.status, a.progress_pct, a.health, {_SCHEDULE_TEXT} "
        "FROM actions a WHERE a.plan_id = ? ORDER BY a.action_id",
        [plan_id],
    ).astype(object)


def diff_plan(warehouse: Connection, plan: str, old: int | None = None, new: int | None = None) -> PlanDiff:
    """Changes between two versions of a plan, always from the older to the newer in the versions'
    order (the document's date), whichever order they are given in (default: the two latest)."""
    versions = _versions(warehouse, resolve_plan(warehouse, plan))
    ids = [int(i) for i in versions["plan_id"]]
    for given in (old, new):
        if given is not None and given not in ids:
            raise WarehouseError(str(given), f"not a version of this plan (versions: {', '.join(map(str, ids))})")
    if new is None:
        new = ids[-1]
    if old is None:
        before = [i for i in ids if i != new and ids.index(i) < ids.index(new)]
        if not before:
            raise WarehouseError(plan, "only one version of this plan is in the warehouse; nothing to compare")
        old = before[-1]
    if ids.index(old) > ids.index(new):
        old, new = new, old
    rows = versions.set_index("plan_id")
    describe = {i: {"plan_id": i, **{str(k): v for k, v in rows.loc[i].to_dict().items()}} for i in (old, new)}
    from warehouse.diff import diff_actions  # pandas and rapidfuzz: only `plans diff` pays for them

    changes = diff_actions(_diff_frame(warehouse, old), _diff_frame(warehouse, new))
    return PlanDiff(describe[old], describe[new], changes)


# `plans review`: what a person should look at, most important first. Each row: its priority, kind,
# file, place in the file, what is wrong, and for metadata the sidecar line that fixes it.
REVIEW_COLUMNS = ["priority", "kind", "file_name", "location", "what", "fix", "plan_id"]
# Anomaly kinds listed one row per file (first message, count, first places), and their priority
# (1: metadata, 2: files read with doubts or judged not a plan come before them).
REVIEW_FINDINGS: dict[str, int] = {"count-mismatch": 3, "missing-label": 4}
# Places listed per row before "…".
REVIEW_LOCATIONS_SHOWN = 5
# The list's own words, per language (a finding's message comes from the catalogue: `message_fr`).
REVIEW_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "no organization": "no organisation found: the plan cannot be matched with its other versions",
        "no label": " row(s) with no action label, skipped",
        "and": " (and ",
        "more": " more)",
    },
    "fr": {
        "no organization": "aucune organisation trouvée : le plan ne peut être rapproché de ses autres versions",
        "no label": " ligne(s) sans libellé d’action, ignorée(s)",
        "and": " (et ",
        "more": " autre(s))",
    },
}


def review(warehouse: Connection, language: str = "en") -> Rows:
    """The review list of the live readings (current plan versions and files judged not a plan),
    in one set-based query: plans without organisation or title (1), files read with doubts or
    judged not a plan (2), stated counts that disagree with the actions read (3), rows without an
    action label (4); findings one row per file and kind. `language` ("en", "fr") words the list
    and the findings' messages; the reasons of a `review` status are stored in English."""
    path = "s.path" if _has_column(warehouse, "sources", "path") else "NULL"
    french = language == "fr" and _has_column(warehouse, "anomalies", "message_fr")
    message = "coalesce(a.message_fr, a.message)" if french else "a.message"
    words = REVIEW_WORDS["fr" if language == "fr" else "en"]
    priority = " ".join(f"WHEN '{kind}' THEN {rank}" for kind, rank in REVIEW_FINDINGS.items())
    shown = REVIEW_LOCATIONS_SHOWN
    return warehouse.rows(
        f"""
        WITH live AS (
            SELECT s.source_id, s.file_name, s.status, s.status_reason, p.plan_id, p.organization,
                   coalesce({path}, s.file_name) || '.plan.toml' AS sidecar
            FROM sources s LEFT JOIN plans p ON p.source_id = s.source_id
            WHERE (p.is_current OR (p.plan_id IS NULL AND s.status = 'not-a-plan'))
        ),
        findings AS (
            SELECT 1 AS priority, 'no-organization' AS kind, l.file_name, NULL AS location,
                   ? AS what,
                   l.sidecar || ': organization = "…"' AS fix, l.plan_id
            FROM live l WHERE l.plan_id IS NOT NULL AND l.organization IS NULL
            UNION ALL
            SELECT 1, 'no-title', l.file_name, a.location, {message}, l.sidecar || ': title = "…"', l.plan_id
            FROM live l JOIN anomalies a ON a.source_id = l.source_id AND a.kind = 'no-title'
            UNION ALL
            SELECT 2, l.status, l.file_name,
                   (SELECT min(a.location) FROM anomalies a WHERE a.source_id = l.source_id AND a.kind = 'not-a-plan'),
                   replace(coalesce(l.status_reason, l.status), chr(10), '; '), NULL, l.plan_id
            FROM live l WHERE l.status IN ('review', 'not-a-plan')
            UNION ALL
            SELECT CASE a.kind {priority} END, a.kind, l.file_name,
                   array_to_string(list(a.location ORDER BY a.rowid)[1:{shown}], ', ')
                       || CASE WHEN count(*) > {shown} THEN ', …' ELSE '' END,
                   CASE WHEN a.kind = 'missing-label' THEN count(*) || ?
                        ELSE first({message} ORDER BY a.rowid)
                             || CASE WHEN count(*) > 1 THEN ? || (count(*) - 1) || ? ELSE '' END
                   END,
                   NULL, l.plan_id
            FROM live l JOIN anomalies a ON a.source_id = l.source_id
            WHERE a.kind IN (SELECT unnest(?))
            GROUP BY a.kind, l.file_name, l.plan_id
        )
        SELECT {", ".join(REVIEW_COLUMNS)} FROM findings
        ORDER BY priority, file_name, location NULLS FIRST, kind
        """,
        [words["no organization"], words["no label"], words["and"], words["more"], list(REVIEW_FINDINGS)],
    )
