"""What every extractor returns: raw text with its exact location, nothing normalized yet.

`normalize/` turns these into the action schema. Extractors only say *what the source
holds and where*; cleaning codes, labels, statuses and the hierarchy happens later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# Canonical field names an extractor may fill in `RawAction.cells`.
FIELDS: tuple[str, ...] = (
    "axis",
    "strategic_objective",
    "operational_objective",
    "action_code",
    "label",
    "pilot",
    "partners",
    "pilot_partners",  # one cell naming the lead, then the others ("Responsables et partenaires"): normalize splits it
    "indicator",
    "status",
    "progress",
    "health",
    "parent",
    "deadline",
    "start_date",
    "end_date",
    "budget",
    "comment",
)
HIERARCHY_FIELDS: tuple[str, ...] = ("axis", "strategic_objective", "operational_objective")

Format = Literal["xlsx", "docx", "pdf", "html"]


@dataclass(frozen=True)
class Cell:
    """One piece of source text. `inherited` marks a value spread from a merged cell."""

    text: str
    ref: str
    inherited: bool = False


@dataclass(frozen=True)
class Period:
    """A planned period read from the source: a year, a semester, a quarter or a month of a year.

    A finer grain also fills the coarser ones (March 2024: semester 1, quarter 1, month 3), so
    readers of (year, semester) see every period.
    """

    year: int
    semester: int | None
    ref: str
    quarter: int | None = None
    month: int | None = None


@dataclass(frozen=True)
class LayoutHints:
    """What a mapping profile says about a table, for layouts that cannot be guessed."""

    sheet: str | None = None  # the sheet (or table) it applies to; None: every one
    header_row: int | None = None  # 0-based index of the (last) header row
    columns: Mapping[int, str] = field(default_factory=dict)  # 0-based column -> field of FIELDS
    status_words: Mapping[str, str] = field(default_factory=dict)  # source word -> status word
    planned_fill: str | None = None  # RGB of the fill that means "planned" ("FFC000")


@dataclass(frozen=True)
class RawAction:
    """One source row (or paragraph) that holds an action."""

    location: str
    cells: Mapping[str, Cell]
    periods: tuple[Period, ...] = ()
    parent: int | None = None  # index of the parent RawAction in the same plan
    confidence: float = 1.0  # below 1 when the action is inferred from prose, not read from a grid

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return cell.text if cell else ""


@dataclass(frozen=True)
class Finding:
    """Something repaired, skipped or doubtful. `kind` is a stable kebab-case word of the
    catalogue (`core.findings`), which makes findings: `NOTE_ROW.finding(where, ...)`."""

    kind: str
    message: str
    location: str
    action: int | None = None  # index of the RawAction it concerns, if any
    message_fr: str = ""  # the same in French, for the association's exports


@dataclass(frozen=True)
class StatedCount:
    """A total the document states about itself ("Total", "Nbre Filtre", "34 actions")."""

    subject: str  # "actions" or a period key such as "2023-S1"
    value: int
    location: str


@dataclass(frozen=True)
class AxisNote:
    """Text that describes an axis (context, stakes) rather than an action."""

    axis: str
    description: str
    location: str


@dataclass(frozen=True)
class Clue:
    """A text that may name the organisation, with the kind of place it was read (`cover`,
    `header-footer`, `properties`, ...: `normalize.rules.ORGANIZATION_PLACES`). `whole`: the text is
    a name as it stands (a company property, a site name); else a name is looked for inside it."""

    place: str
    text: str
    whole: bool = False


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    organization: str | None = None
    plan_kind: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    version_label: str | None = None
    # Where `organization` was read (a kind of place: "title", "cover", "properties", ...) and
    # the document's own date, which orders versions (`version_date`, ISO) with where it was read.
    organization_source: str | None = None
    version_date: str | None = None
    version_date_source: str | None = None
    # Texts that may name the organisation where the reader did not (normalize picks among them).
    organization_clues: tuple[Clue, ...] = ()


@dataclass(frozen=True)
class Source:
    path: str
    file_name: str
    sha256: str
    size_bytes: int
    format: str


@dataclass(frozen=True)
class RawPlan:
    source: Source
    metadata: Metadata
    actions: tuple[RawAction, ...] = ()
    findings: tuple[Finding, ...] = ()
    stated_counts: tuple[StatedCount, ...] = ()
    axes: tuple[AxisNote, ...] = ()
    # The document's text (title, headings, body, cells) names a plan, its actions or a project
    # (`core.text.names_plan`); one or two bare items load as a plan's only then (`normalize.plan_evidence`).
    names_plan: bool = False
