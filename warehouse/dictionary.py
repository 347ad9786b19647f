"""The data dictionary: every table, view and column of the warehouse, with its meaning.

Meanings live in two places, each next to what it describes: the pandera models'
`description`s (columns that come from `normalize`) and `COMMENT ON` statements in
`schema.sql` / `views.sql` (columns the warehouse makes: ids, flags, view columns). The
warehouse stores both as DuckDB comments, so `duckdb_columns()` answers "what does this
column mean" too. A view column without a comment is copied from a table and keeps that
table's meaning. `plans/docs.py` renders this as the README's schema reference.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandera.pandas as pa

from normalize.schema import ActionModel, AnomalyModel, AxisModel, PersonModel, PlanModel, ScheduleModel

MODEL_TABLES: dict[str, type[pa.DataFrameModel]] = {
    "plans": PlanModel,
    "actions": ActionModel,
    "axes": AxisModel,
    "action_schedule": ScheduleModel,
    "anomalies": AnomalyModel,
    "action_people": PersonModel,
}
# Where a view column copied from a table takes its meaning from, first match wins.
TABLE_ORDER: tuple[str, ...] = ("actions", "plans", "sources", "anomalies", "action_people", "action_schedule", "axes")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def model_comments_sql() -> str:
    """COMMENT ON COLUMN statements giving each model-backed column its pandera description."""
    statements = []
    for table, model in MODEL_TABLES.items():
        for name, column in model.to_schema().columns.items():
            if column.description:
                statements.append(f"COMMENT ON COLUMN {table}.{name} IS {_quote(column.description)};")
    return "\n".join(statements)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str
    inherited_from: str | None  # a view column copied from this table


@dataclass(frozen=True)
class Relation:
    name: str
    kind: str  # table / view
    meaning: str
    columns: tuple[Column, ...]


def relations(con: duckdb.DuckDBPyConnection) -> list[Relation]:
    """Tables (in creation order) then views, with their columns and meanings, from the live catalog."""
    rows = con.execute(
        "SELECT table_name, 'table' AS kind, coalesce(comment, '') FROM duckdb_tables() WHERE NOT temporary "
        "UNION ALL SELECT view_name, 'view', coalesce(comment, '') FROM duckdb_views() WHERE NOT internal "
        "AND NOT temporary"
    ).fetchall()
    order = {name: index for index, name in enumerate(("sources", "plans", "actions"))}
    rows.sort(key=lambda r: (r[1] == "view", order.get(r[0], 99), r[0]))
    columns = con.execute(
        "SELECT table_name, column_name, data_type, coalesce(comment, '') FROM duckdb_columns() "
        "WHERE NOT internal ORDER BY table_name, column_index"
    ).fetchall()
    by_table: dict[str, list[tuple[str, str, str]]] = {}
    for table, name, kind, comment in columns:
        by_table.setdefault(table, []).append((name, kind, comment))
    meanings = {(t, c[0]): c[2] for t, cols in by_table.items() for c in cols}
    result = []
    for name, kind, meaning in rows:
        cols = []
        for column, data_type, comment in by_table.get(name, []):
            source = None
            if not comment and kind == "view":
                source = next((t for t in TABLE_ORDER if meanings.get((t, column))), None)
                comment = meanings.get((source, column), "") if source else ""
            cols.append(Column(column, data_type, comment, source))
        result.append(Relation(name, kind, meaning, tuple(cols)))
    return result


def undocumented(con: duckdb.DuckDBPyConnection) -> list[str]:
    """`table.column` (or `table`) names that have no meaning anywhere: the dictionary must stay complete."""
    missing = []
    for relation in relations(con):
        if not relation.meaning:
            missing.append(relation.name)
        missing.extend(f"{relation.name}.{c.name}" for c in relation.columns if not c.meaning)
    return missing
