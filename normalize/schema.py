"""The action schema as pandera models: the contract of what `normalize` hands over.

Column names and meanings are the public warehouse contract (see the README). Frames
use local references (`action_ref`, 0..n-1 within one plan); the warehouse turns them
into global ids when it loads the plan.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from normalize.rules import HEALTHS, STATUSES

KIND_PATTERN = r"^[a-z]+(?:-[a-z]+)*$"
CODE_PATTERN = r"^(?:[A-Z]{1,3}[-.]?)?\d{1,3}(?:\.\d{1,3}){0,4}$"
_NON_EMPTY = {"min_value": 1}


class PlanModel(pa.DataFrameModel):
    """One row per plan version."""

    plan_key: Series[str] = pa.Field(str_length=_NON_EMPTY)
    organization: Series[str] = pa.Field(nullable=True)
    title: Series[str] = pa.Field(str_length=_NON_EMPTY)
    plan_kind: Series[str] = pa.Field(nullable=True)
    period_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, le=2100)
    period_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, le=2100)
    version_label: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


class ActionModel(pa.DataFrameModel):
    """One row per distinct action of a plan."""

    action_ref: Series[int] = pa.Field(ge=0, unique=True)
    action_key: Series[str] = pa.Field(str_length=_NON_EMPTY, unique=True)
    action_code: Series[str] = pa.Field(nullable=True, str_matches=CODE_PATTERN)
    label: Series[str] = pa.Field(str_length=_NON_EMPTY)
    axis: Series[str] = pa.Field(nullable=True)
    strategic_objective: Series[str] = pa.Field(nullable=True)
    operational_objective: Series[str] = pa.Field(nullable=True)
    parent_ref: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    pilot: Series[str] = pa.Field(nullable=True)
    partners: Series[str] = pa.Field(nullable=True)
    indicator: Series[str] = pa.Field(nullable=True)
    start_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, le=2100)
    start_semester: Series[pd.Int64Dtype] = pa.Field(nullable=True, isin=[1, 2])
    end_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, le=2100)
    end_semester: Series[pd.Int64Dtype] = pa.Field(nullable=True, isin=[1, 2])
    status: Series[str] = pa.Field(nullable=True, isin=list(STATUSES))
    progress_pct: Series[float] = pa.Field(nullable=True, ge=0, le=100)
    source_location: Series[str] = pa.Field(str_length=_NON_EMPTY)
    health: Series[str] = pa.Field(nullable=True, isin=list(HEALTHS))
    confidence: Series[float] = pa.Field(ge=0, le=1)

    class Config:
        strict = True
        coerce = True


class AxisModel(pa.DataFrameModel):
    """What a plan says about an axis besides its actions (context, stakes)."""

    axis: Series[str] = pa.Field(str_length=_NON_EMPTY)
    description: Series[str] = pa.Field(str_length=_NON_EMPTY)
    source_location: Series[str] = pa.Field(str_length=_NON_EMPTY)

    class Config:
        strict = True
        coerce = True


class ScheduleModel(pa.DataFrameModel):
    """One row per planned period of an action; semester is NULL when only the year is known."""

    action_ref: Series[int] = pa.Field(ge=0)
    year: Series[int] = pa.Field(ge=1900, le=2100)
    semester: Series[pd.Int64Dtype] = pa.Field(nullable=True, isin=[1, 2])

    class Config:
        strict = True
        coerce = True
        unique = ["action_ref", "year", "semester"]  # noqa: RUF012 (pandera's Config takes a list)


class AnomalyModel(pa.DataFrameModel):
    """Everything repaired, skipped or doubtful, with where it is in the source."""

    action_ref: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    location: Series[str] = pa.Field(str_length=_NON_EMPTY)
    kind: Series[str] = pa.Field(str_matches=KIND_PATTERN)
    message: Series[str] = pa.Field(str_length=_NON_EMPTY)

    class Config:
        strict = True
        coerce = True
