"""The action schema as pandera models: the contract of what `normalize` hands over.

Column names and meanings are the public warehouse contract: each field's `description`
becomes the column's comment in the warehouse and its line in the README's data
dictionary (`make docs`). Frames use local references (`action_ref`, 0..n-1 within one
plan); the warehouse turns them into global ids when it loads the plan.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.findings import CATALOGUE
from normalize.rules import HEALTHS, ORGANIZATION_SOURCES, STATUSES, VERSION_DATE_SOURCES

CODE_PATTERN = r"^(?:[A-Z]{1,3}[-.]?)?\d{1,3}(?:\.\d{1,3}){0,4}$"
_NON_EMPTY = {"min_value": 1}


class PlanModel(pa.DataFrameModel):
    """One row per plan version."""

    plan_key: Series[str] = pa.Field(
        str_length=_NON_EMPTY,
        description="which plan this is a version of: the sidecar's `plan_key`, else "
        "`slug(organization)/slug(title without version words and dates)`, else (no organisation) "
        "`slug(title)@` a tag of the file's folder and name (set by the warehouse: README, Plan identity)",
    )
    organization: Series[str] = pa.Field(nullable=True, description="organisation that wrote the plan")
    title: Series[str] = pa.Field(str_length=_NON_EMPTY, description="title, as written")
    plan_kind: Series[str] = pa.Field(
        nullable=True, description="`strategic_plan`, `roadmap`, `action_plan`, `project`, or NULL"
    )
    period_start: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2100, description="first year of the plan"
    )
    period_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, le=2100, description="last year of the plan")
    version_label: Series[str] = pa.Field(
        nullable=True, description='version text of the document ("MAJ : …", "Projet au …")'
    )
    organization_source: Series[str] = pa.Field(
        nullable=True,
        isin=ORGANIZATION_SOURCES,
        description="where the organisation was read: `sidecar`, `option`, `sheet`, `site-name`, `body`, "
        "`title`, `file-name`, `subtitle`, `cover`, `header-footer`, `pdf-metadata`, `properties`, `folder`; "
        "NULL without organisation",
    )
    version_date: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^\d{4}-\d{2}-\d{2}$",
        description="the document's own date (ISO day), which orders the versions of a plan",
    )
    version_date_source: Series[str] = pa.Field(
        nullable=True,
        isin=VERSION_DATE_SOURCES,
        description="where `version_date` was read: `version-label`, `properties`, `pdf-metadata`, `file-mtime`",
    )

    class Config:
        strict = True
        coerce = True


class ActionModel(pa.DataFrameModel):
    """One row per distinct action of a plan."""

    action_ref: Series[int] = pa.Field(ge=0, unique=True)
    action_key: Series[str] = pa.Field(
        str_length=_NON_EMPTY,
        unique=True,
        description="stable across versions: the action code, else a hash of the label (`label:…`)",
    )
    action_code: Series[str] = pa.Field(
        nullable=True, str_matches=CODE_PATTERN, description="code normalised like `1.2.3`, or NULL"
    )
    label: Series[str] = pa.Field(str_length=_NON_EMPTY, description="the action, without its code prefix")
    axis: Series[str] = pa.Field(nullable=True, description="strategic axis")
    strategic_objective: Series[str] = pa.Field(nullable=True, description="general / strategic objective")
    operational_objective: Series[str] = pa.Field(nullable=True, description="operational objective")
    parent_ref: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    pilot: Series[str] = pa.Field(
        nullable=True, description="who leads it, as written (one row per name in `action_people`)"
    )
    partners: Series[str] = pa.Field(
        nullable=True, description="who takes part, as written (one row per name in `action_people`)"
    )
    indicator: Series[str] = pa.Field(nullable=True, description="success / monitoring indicator")
    start_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2100, description="first planned year, derived from the schedule"
    )
    start_semester: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, isin=[1, 2], description="its semester (1/2), NULL when only the year is known"
    )
    start_quarter: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, isin=[1, 2, 3, 4], description="its quarter (1–4) when the source gives quarters or months"
    )
    start_month: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, le=12, description="its month (1–12) when the source gives months, weeks or dates"
    )
    end_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2100, description="last planned year, derived from the schedule"
    )
    end_semester: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, isin=[1, 2], description="its semester, NULL when only the year is known"
    )
    end_quarter: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, isin=[1, 2, 3, 4], description="its quarter when the source gives quarters or months"
    )
    end_month: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, le=12, description="its month when the source gives months, weeks or dates"
    )
    status: Series[str] = pa.Field(
        nullable=True,
        isin=list(STATUSES),
        description="`planned`, `in_progress`, `done`, `abandoned`, or NULL",
    )
    progress_pct: Series[float] = pa.Field(nullable=True, ge=0, le=100, description="progress, 0–100")
    source_location: Series[str] = pa.Field(str_length=_NON_EMPTY, description="cell of the label in the source")
    health: Series[str] = pa.Field(
        nullable=True,
        isin=list(HEALTHS),
        description="health indicator: `good` / `at_risk` / `blocked` / `paused` (from bon / risque / blocage / pause)",
    )
    confidence: Series[float] = pa.Field(
        ge=0,
        le=1,
        description="1.0 for an action read from a grid or a list; below 1 when inferred from prose",
    )

    class Config:
        strict = True
        coerce = True


class AxisModel(pa.DataFrameModel):
    """What a plan says about an axis besides its actions (context, stakes)."""

    axis: Series[str] = pa.Field(str_length=_NON_EMPTY, description="the axis, as in `actions.axis`")
    description: Series[str] = pa.Field(
        str_length=_NON_EMPTY, description="its context and stakes as the document states them"
    )
    source_location: Series[str] = pa.Field(str_length=_NON_EMPTY, description="where that text is in the source")

    class Config:
        strict = True
        coerce = True


class ScheduleModel(pa.DataFrameModel):
    """One row per planned period of an action, at the grain the source gives (year, semester,
    quarter or month); a finer grain also fills the coarser columns (March 2024: semester 1,
    quarter 1, month 3), so queries on (year, semester) see every row."""

    action_ref: Series[int] = pa.Field(ge=0)
    year: Series[int] = pa.Field(ge=1900, le=2100, description="year")
    semester: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, isin=[1, 2], description="1 or 2; NULL when only the year is known"
    )
    quarter: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        isin=[1, 2, 3, 4],
        description="1–4 when the source gives a quarter or a month (filled from the month); NULL otherwise",
    )
    month: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        le=12,
        description="1–12 when the source gives a month, a week (its Thursday's month) or a date; NULL otherwise",
    )

    class Config:
        strict = True
        coerce = True
        unique = ["action_ref", "year", "semester", "quarter", "month"]  # noqa: RUF012 (pandera's Config takes a list)


class AnomalyModel(pa.DataFrameModel):
    """Everything repaired, skipped or doubtful, with where it is in the source."""

    action_ref: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    location: Series[str] = pa.Field(str_length=_NON_EMPTY, description="cell or rows in the source")
    kind: Series[str] = pa.Field(
        isin=[name for name, kind in CATALOGUE.items() if kind.role != "failure"],
        description="stable kebab-case word of the catalogue (`core/findings.py`; README, Anomaly kinds)",
    )
    message: Series[str] = pa.Field(str_length=_NON_EMPTY, description="one-line explanation")
    message_fr: Series[str] = pa.Field(
        str_length=_NON_EMPTY, description="the same in French, for the association's exports"
    )

    class Config:
        strict = True
        coerce = True


class PersonModel(pa.DataFrameModel):
    """One row per person or body named in an action's pilot or partners cell."""

    action_ref: Series[int] = pa.Field(ge=0)
    role: Series[str] = pa.Field(isin=["pilot", "partner"], description="`pilot` or `partner`")
    position: Series[int] = pa.Field(ge=1, description="rank of the name in its cell (1 = first named)")
    name_raw: Series[str] = pa.Field(str_length=_NON_EMPTY, description="the whole cell, as written")
    name: Series[str] = pa.Field(str_length=_NON_EMPTY, description="one person or body cut from the cell")
    fingerprint: Series[str] = pa.Field(
        str_length=_NON_EMPTY,
        description="key-collision key: no accents, lower case, punctuation as space, words sorted",
    )

    class Config:
        strict = True
        coerce = True
        unique = ["action_ref", "role", "position"]  # noqa: RUF012 (pandera's Config takes a list)
