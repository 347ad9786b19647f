"""Run a pandera model over the frames of several plans at once; failures become anomaly rows.

pandera has a fixed cost per `validate` call (about 15 ms for a 75-row action frame, 30 ms
for 3,000 rows), so a worker validates the plans of its whole chunk in one call per model:
the rows carry the position of their plan in `PLAN` and uniqueness holds within a plan.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa

from core import findings as kinds
from core.findings import Words

PLAN = "plan_position"  # which plan of the batch a row belongs to
ANOMALY_COLUMNS = [PLAN, "action_ref", "location", "kind", "message", "message_fr"]


@cache
def batch_schema(model: type[pa.DataFrameModel]) -> pa.DataFrameSchema:
    """`model`'s schema for rows of several plans: each uniqueness rule applies within one plan."""
    schema = model.to_schema()
    keys = [[name] for name, column in schema.columns.items() if column.unique]
    if schema.unique:
        keys.append(list(schema.unique))
    single = {key[0]: {"unique": False} for key in keys if len(key) == 1}
    columns = schema.update_columns(single).columns if single else schema.columns
    return pa.DataFrameSchema(
        {PLAN: pa.Column(int, pa.Check.ge(0)), **columns},
        checks=[_unique_within_plan(key) for key in keys],
        strict=schema.strict,
        coerce=schema.coerce,
        name=schema.name,
    )


def _unique_within_plan(key: list[str]) -> pa.Check:
    return pa.Check(
        lambda frame: ~frame.duplicated([PLAN, *key], keep=False),
        name=f"unique_within_plan({', '.join(key)})",
    )


def _describe(cases: pd.DataFrame) -> str:
    parts = [
        f"{case['column'] or 'row'}: fails {case['check']} (value {case['failure_case']!r})"
        for case in cases.to_dict("records")
    ]
    return "; ".join(parts)


def _validate(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """(the validated, coerced frame, None), or (`frame`, pandera's failure cases). A failure that
    names no row (a missing column, a wrong dtype) is a bug in our own code, not in the data: it is raised."""
    try:
        return schema.validate(frame, lazy=True), None
    except pa.errors.SchemaErrors as error:
        if error.failure_cases["index"].isna().any():
            raise
        return frame, error.failure_cases


def validated(
    frame: pd.DataFrame, model: type[pa.DataFrameModel], locations: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate the rows of several plans; drop each failing row and report it as one
    `schema-violation` anomaly at `locations[index]`. Returns (valid rows, anomalies)."""
    schema = batch_schema(model)
    valid, cases = _validate(frame, schema)
    if cases is None:
        return valid, _anomalies([])
    has_ref = "action_ref" in frame.columns
    rows: list[dict[str, Any]] = []
    for index, group in cases.groupby("index", sort=True):
        ref: Any = frame.at[index, "action_ref"] if has_ref else None
        position: Any = frame.at[index, PLAN]
        rows.append(
            {
                PLAN: int(position),
                "action_ref": None if ref is None or pd.isna(ref) else int(ref),
                "location": locations[index],
            }
            | _violation(Words(f"row dropped: {_describe(group)}", f"ligne écartée : {_describe(group)}"))
        )
    remaining = frame.drop(index=list(cases["index"].unique()))
    return schema.validate(remaining), _anomalies(rows)


def validated_records(
    frame: pd.DataFrame, model: type[pa.DataFrameModel], locations: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate one record per plan; a failing value is reported and set to NULL (the record is kept)."""
    schema = batch_schema(model)
    rows: list[dict[str, Any]] = []
    while True:
        valid, cases = _validate(frame, schema)
        if cases is None:
            return valid, _anomalies(rows)
        frame = frame.copy()
        for case in cases.drop_duplicates(["index", "column"]).to_dict("records"):
            index, column = case["index"], case["column"]
            value: Any = frame.at[index, column] if column in frame.columns else None
            if value is None or pd.isna(value):
                raise ValueError(f"{model.__name__}: record {index} fails {case['check']} on no value")
            check = case["check"]
            what = Words(
                f"{column} '{value}' fails {check}; set to empty", f"{column} « {value} » ne passe pas {check} ; vidé"
            )
            frame.loc[index, column] = None
            position: Any = frame.at[index, PLAN]
            rows.append({PLAN: int(position), "action_ref": None, "location": locations[index]} | _violation(what))


def _violation(what: Words) -> dict[str, str]:
    finding = kinds.SCHEMA_VIOLATION.finding("", what=what)
    return {"kind": finding.kind, "message": finding.message, "message_fr": finding.message_fr}


def _anomalies(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=ANOMALY_COLUMNS)
