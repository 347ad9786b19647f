"""Run a pandera model; turn its failure cases into anomaly rows instead of crashing."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd
import pandera.pandas as pa

AnomalyRow = dict[str, Any]


def _describe(cases: pd.DataFrame) -> str:
    parts = [
        f"{case['column'] or 'row'}: fails {case['check']} (value {case['failure_case']!r})"
        for case in cases.to_dict("records")
    ]
    return "; ".join(parts)


def validated(
    frame: pd.DataFrame, model: type[pa.DataFrameModel], location: Callable[[Hashable], str]
) -> tuple[pd.DataFrame, list[AnomalyRow]]:
    """Validate `frame`; drop each failing row and report it as one `schema-violation` anomaly.

    A failure that names no row (a missing column, a wrong dtype) is a bug in our own code,
    not in the data: it is raised.
    """
    try:
        return model.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as error:
        if error.failure_cases["index"].isna().any():
            raise
        cases = error.failure_cases
    anomalies: list[AnomalyRow] = []
    ref_column = "action_ref" if "action_ref" in frame.columns else None
    for index, group in cases.groupby("index", sort=True):
        ref: Any = frame.at[index, ref_column] if ref_column else None
        anomalies.append(
            {
                "action_ref": None if ref is None or pd.isna(ref) else int(ref),
                "location": location(index),
                "kind": "schema-violation",
                "message": f"row dropped: {_describe(group)}",
            }
        )
    remaining = frame.drop(index=cases["index"].unique())
    return model.validate(remaining), anomalies


def validated_record(
    record: dict[str, Any], model: type[pa.DataFrameModel], location: str
) -> tuple[dict[str, Any], list[AnomalyRow]]:
    """Validate one record; a failing value is reported and set to NULL (the record is kept)."""
    frame = pd.DataFrame([record])
    try:
        row = model.validate(frame).iloc[0].to_dict()
        return {str(name): None if pd.isna(value) else value for name, value in row.items()}, []
    except pa.errors.SchemaError as error:
        column = error.schema.name if isinstance(error.schema, pa.Column) else None
        if column is None or column not in record or record[column] is None:
            raise
        message = f"{column} '{record[column]}' fails {error.check}; set to empty"
        fixed, more = validated_record({**record, column: None}, model, location)
        return fixed, [
            {"action_ref": None, "location": location, "kind": "schema-violation", "message": message},
            *more,
        ]
