"""From a `RawPlan` to the validated frames of one plan.

`prepare` does the per-plan work (codes, hierarchy, duplicates, schedule); `validate_plans`
runs the pandera models once over the frames of many plans (a worker's whole chunk), as
pandera's cost is mostly per call; `normalize` is both for one plan.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from core import findings as kinds
from core.findings import Kind, Words, fields_named
from core.records import HIERARCHY_FIELDS, Finding, RawAction, RawPlan, Source, StatedCount
from core.text import clean, match_key, reads_as_text, top_level_parts
from normalize import fields, hierarchy, metadata, people, rules
from normalize.metadata import Overrides
from normalize.plan_evidence import not_a_plan
from normalize.schema import ActionModel, AnomalyModel, AxisModel, PersonModel, PlanModel, ScheduleModel
from normalize.validation import ANOMALY_COLUMNS, PLAN, validated, validated_records
from normalize.verdict import Verdict, judge

Slot = fields.Slot
_TEXT_FIELDS = ("pilot", "partners", "indicator")
_COMPARED = (*HIERARCHY_FIELDS, *_TEXT_FIELDS, "status", "health", "progress_pct", "schedule")
_IDENTICAL = Words("; identical", " ; identique")


@dataclass(frozen=True)
class PlanDraft:
    """One plan's frames before validation (`prepare`); `validate_plans` makes it a `NormalizedPlan`."""

    source: Source
    plan: dict[str, Any]
    actions: pd.DataFrame
    schedule: pd.DataFrame
    anomalies: pd.DataFrame
    axes: pd.DataFrame


@dataclass(frozen=True)
class NormalizedPlan(PlanDraft):
    """One plan, validated and ready to load: metadata and frames with local `action_ref`s."""

    people: pd.DataFrame  # one row per name in the pilot and partners cells (`PersonModel`)

    def anomaly_counts(self) -> dict[str, int]:
        return dict(Counter(self.anomalies["kind"]))

    def verdict(self) -> Verdict:
        """ok / review / not-a-plan, with the reasons (`normalize.verdict`)."""
        findings = list(zip(self.anomalies["kind"], self.anomalies["message"], strict=True))
        return judge(findings, self.actions["confidence"].astype(float).tolist())


@dataclass
class _Draft:
    """An action being built; `raw` is its index in `RawPlan.actions`."""

    raw: int
    values: dict[str, Any]
    periods: tuple[Slot, ...]
    open_ended: bool = False  # the source gives a start only ("depuis 2017"): no end year


def normalize(raw: RawPlan, overrides: Overrides | None = None) -> NormalizedPlan:
    return validate_plans([prepare(raw, overrides)])[0]


def prepare(raw: RawPlan, overrides: Overrides | None = None) -> PlanDraft:
    judged = not_a_plan(raw)
    if judged is not None:  # guidelines, a blank form…: laid out like a plan, but none; nothing loaded
        raw = replace(raw, actions=(), findings=(*raw.findings, judged), stated_counts=())
    findings: list[Finding] = list(raw.findings)
    meta = metadata.complete(raw.metadata, raw.source)
    if (overrides or Overrides()).title is None:
        findings.extend(metadata.title_findings(raw.metadata, raw.source))
    meta = metadata.apply(meta, overrides or Overrides(), raw.source)
    if raw.actions:  # a document without actions is no plan: whose it is does not matter
        findings.extend(metadata.organization_findings(meta, raw.source))
    codes, labels = _codes_and_labels(raw.actions)
    is_action = [bool(label) for label in labels]
    levels, hierarchy_findings = hierarchy.resolve(raw.actions, codes, is_action)
    findings.extend(hierarchy_findings)
    drafts: list[_Draft] = []
    for index, action in enumerate(raw.actions):
        if is_action[index]:
            drafts.append(_draft(index, action, codes[index], labels[index], levels[index], findings))
        elif set(action.cells) - set(HIERARCHY_FIELDS):
            text = "; ".join(clean(c.text) for c in action.cells.values())[:120]
            findings.append(kinds.MISSING_LABEL.finding(action.location, index, text=text))
    kept, ref_of_raw = _deduplicate(drafts, raw.actions, findings)
    parents = _parents(kept, ref_of_raw, raw.actions, findings)
    findings.extend(_reconcile(raw.stated_counts, kept, len(drafts)))
    plan = {
        "plan_key": metadata.plan_key(meta),
        "organization": meta.organization,
        "title": meta.title,
        "plan_kind": meta.plan_kind,
        "period_start": meta.period_start,
        "period_end": meta.period_end,
        "version_label": meta.version_label,
        "organization_source": meta.organization_source if meta.organization else None,
        "version_date": meta.version_date,
        "version_date_source": meta.version_date_source if meta.version_date else None,
    }
    axes = pd.DataFrame(
        [{"axis": clean(a.axis), "description": clean(a.description), "source_location": a.location} for a in raw.axes],
        columns=["axis", "description", "source_location"],
    )
    return _frames(raw.source, plan, kept, ref_of_raw, parents, findings, axes)


def _codes_and_labels(actions: Sequence[RawAction]) -> tuple[list[str | None], list[str]]:
    codes: list[str | None] = []
    labels: list[str] = []
    for action in actions:
        code = fields.normalize_code(action.text("action_code"))
        prefix_code, label = fields.split_label(action.text("label"))
        codes.append(code or prefix_code)
        labels.append(label if reads_as_text(label) else "")  # "6.552", "12/03/2024": no action label
    return codes, labels


def _draft(
    index: int,
    action: RawAction,
    code: str | None,
    label: str,
    levels: dict[str, str | None],
    findings: list[Finding],
) -> _Draft:
    values: dict[str, Any] = {"action_code": code, "label": label, **levels}
    for name in _TEXT_FIELDS:
        values[name] = clean(action.text(name)) or None
    values.update(_lead_and_partners(action, values["pilot"], values["partners"]))
    values["parent_raw"] = action.parent
    values["parent_text"] = clean(action.text("parent")) or None
    values["source_location"] = action.location
    values["status"] = _word(action, index, "status", fields.parse_status, kinds.UNKNOWN_STATUS, findings)
    values["health"] = _word(action, index, "health", fields.parse_health, kinds.UNKNOWN_HEALTH, findings)
    values["confidence"] = action.confidence
    progress_text = clean(action.text("progress"))
    values["progress_pct"] = fields.parse_progress(progress_text) if progress_text else None
    periods = {fields.slot_of(p.year, p.semester, p.quarter, p.month) for p in action.periods}
    deadline = clean(action.text("deadline"))
    ends: tuple[Slot, ...] = ()
    if deadline and not fields.is_ongoing(deadline):
        ends = tuple(fields.slot_of(*key) for key in fields.parse_deadline(deadline))
        ends = ends or fields.parse_date_range(deadline)
        if not ends:
            cell = action.cells["deadline"]
            findings.append(kinds.UNREADABLE_DEADLINE.finding(cell.ref, index, text=deadline))
        periods.update(ends)
    start = _date(action, index, "start_date", findings)
    end = _date(action, index, "end_date", findings)
    dated = _dated(action, index, start, end or (ends[-1] if ends else None), findings)
    if not action.periods:  # marked periods are the plan's own schedule; dates only bound it
        periods.update(dated)
    open_ended = (bool(deadline) and fields.is_open_ended(deadline)) or (
        start is not None and end is None and not ends and not action.periods
    )
    return _Draft(index, values, tuple(sorted(periods, key=_period_order)), open_ended)


def _lead_and_partners(action: RawAction, pilot: str | None, partners: str | None) -> dict[str, str | None]:
    """A cell naming the lead and the others ("Responsables et partenaires": "Conseil municipal,
    service des loisirs") gives the pilot (its first name) and partners (the rest), after any
    pilot or partners cell of their own."""
    both = clean(action.text("pilot_partners"))
    if not both:
        return {}
    if pilot:  # the lead is named on its own: the whole cell names partners
        lead, others = pilot, both
    else:
        lead, *rest = (clean(part) for part in top_level_parts(both, rules.LEAD_SEPARATOR, 1))
        others = clean(" ".join(rest))
    return {"pilot": lead or None, "partners": "; ".join(text for text in (partners, others) if text) or None}


def _date(action: RawAction, index: int, name: str, findings: list[Finding]) -> Slot | None:
    """The start or end date cell as a slot; an unreadable one is reported (`unreadable-date`)."""
    text = clean(action.text(name))
    if not text:
        return None
    slot = fields.parse_date(text)
    if slot is None:
        field = Words(name.replace("_", " "), fields_named([name]).fr)
        findings.append(kinds.UNREADABLE_DATE.finding(action.cells[name].ref, index, field=field, text=text))
    return slot


def _dated(
    action: RawAction, index: int, start: Slot | None, end: Slot | None, findings: list[Finding]
) -> tuple[Slot, ...]:
    """The slots a start and an end date span (either alone: that one slot)."""
    if start is None or end is None:
        return tuple(slot for slot in (start, end) if slot is not None)
    spanned = fields.span(start, end)
    if spanned is None:
        cell = action.cells.get("end_date") or action.cells.get("deadline") or action.cells["start_date"]
        finding = kinds.IMPLAUSIBLE_DATES.finding(
            cell.ref, index, start=_slot_name(start), end=_slot_name(end), most=rules.MAX_DATE_SPAN
        )
        findings.append(finding)
        return start, end
    return spanned


def _slot_names(slot: Slot) -> set[str]:
    """The names a document's counts use for the periods of `slot` (`core.periods.period_name`):
    its year or semester, and its quarter and month when known."""
    year, semester, quarter, month = slot
    names = {f"{year}-S{semester}" if semester else str(year)}
    if quarter is not None:
        names.add(f"{year}-Q{quarter}")
    if month is not None:
        names.add(f"{year}-{month:02d}")
    return names


def _slot_name(slot: Slot) -> str:
    """ "2024", "2024-S1", "2024-Q3", "2024-09": the slot at its finest grain."""
    year, semester, quarter, month = slot
    if month is not None:
        return f"{year}-{month:02d}"
    if quarter is not None:
        return f"{year}-Q{quarter}"
    return f"{year}-S{semester}" if semester else str(year)


def _word(
    action: RawAction,
    index: int,
    name: str,
    parse: Callable[[str], str | None],
    unknown: Kind,
    findings: list[Finding],
) -> str | None:
    """A cell read through a word table (status, health); an unknown word is reported as `unknown`."""
    text = clean(action.text(name))
    if not text:
        return None
    value = parse(text)
    if value is None:
        findings.append(unknown.finding(action.cells[name].ref, index, text=text))
    return value


def _period_order(slot: Slot) -> tuple[int, int, int, int]:
    year, semester, quarter, month = slot
    return year, semester or 0, quarter or 0, month or 0


def _deduplicate(
    drafts: list[_Draft], actions: Sequence[RawAction], findings: list[Finding]
) -> tuple[list[_Draft], dict[int, int]]:
    """Keep the first of rows with the same code and label; map raw indexes to action refs."""
    kept: list[_Draft] = []
    first_of: dict[tuple[str | None, str], _Draft] = {}
    ref_of_raw: dict[int, int] = {}
    for draft in drafts:
        key = (draft.values["action_code"], match_key(draft.values["label"]))
        original = first_of.get(key)
        if original is None:
            first_of[key] = draft
            ref_of_raw[draft.raw] = len(kept)
            kept.append(draft)
            continue
        ref_of_raw[draft.raw] = ref_of_raw[original.raw]
        differing = [name for name in _COMPARED if _value(original, name) != _value(draft, name)]
        named = fields_named(differing)
        detail = Words(f"; differs in {named.en}", f" ; diffère par : {named.fr}") if differing else _IDENTICAL
        code = draft.values["action_code"] or Words("without code", "sans code")
        finding = kinds.DUPLICATE_ROW.finding(
            actions[draft.raw].location,
            draft.raw,
            code=code,
            label=draft.values["label"][:50],
            first=actions[original.raw].location,
            detail=detail,
        )
        findings.append(finding)
    return kept, ref_of_raw


def _value(draft: _Draft, name: str) -> Any:
    return draft.periods if name == "schedule" else draft.values.get(name)


def _reconcile(counts: Sequence[StatedCount], kept: list[_Draft], rows_read: int) -> list[Finding]:
    """Compare the document's own totals with what was read (first statement of each subject)."""
    stated: dict[str, StatedCount] = {}
    for count in counts:
        stated.setdefault(count.subject, count)
    found: Counter[str] = Counter()
    found["actions"] = len(kept)
    for draft in kept:  # an action counts once in each period it is planned in, at every grain
        found.update({name for slot in draft.periods for name in _slot_names(slot)})
    findings = []
    for subject, count in stated.items():
        if count.value == found[subject]:
            continue
        duplicates = rows_read - len(kept)
        if subject == "actions":
            statement = Words(f"document states {count.value} actions", f"le document annonce {count.value} actions")
            read = Words(
                f"distinct actions were read ({rows_read} action rows, {duplicates} duplicate(s))",
                f"actions distinctes lues ({rows_read} lignes d'action, {duplicates} doublon(s))",
            )
        else:
            statement = Words(
                f"document states {count.value} actions planned in {subject}",
                f"le document annonce {count.value} actions prévues en {subject}",
            )
            read = Words("were read", "lues")
        findings.append(
            kinds.COUNT_MISMATCH.finding(count.location, statement=statement, found=found[subject], read=read)
        )
    return findings


def _parents(
    kept: list[_Draft], ref_of_raw: dict[int, int], actions: Sequence[RawAction], findings: list[Finding]
) -> list[int | None]:
    """Each action's parent: given by the extractor (nesting), or named in a "parent" cell by code or label."""
    by_code = {d.values["action_code"]: ref for ref, d in enumerate(kept) if d.values["action_code"]}
    by_label = {match_key(d.values["label"]): ref for ref, d in enumerate(kept)}
    parents: list[int | None] = []
    for draft in kept:
        raw_parent, text = draft.values["parent_raw"], draft.values["parent_text"]
        parent = ref_of_raw.get(raw_parent) if raw_parent is not None else None
        if parent is None and text:
            parent = by_code.get(fields.normalize_code(text) or "", by_label.get(match_key(text)))
            if parent is None:
                where = actions[draft.raw].cells["parent"].ref
                findings.append(kinds.UNKNOWN_PARENT.finding(where, draft.raw, text=text[:60]))
        parents.append(parent)
    return parents


def _action_key(code: str | None, label: str, seen: set[str]) -> str:
    base = code or "label:" + hashlib.sha1(match_key(label).encode()).hexdigest()[:12]
    key, suffix = base, 2
    while key in seen:
        key, suffix = f"{base}~{suffix}", suffix + 1
    seen.add(key)
    return key


def _frames(
    source: Source,
    plan: dict[str, Any],
    kept: list[_Draft],
    ref_of_raw: dict[int, int],
    parents: list[int | None],
    findings: list[Finding],
    axes: pd.DataFrame,
) -> PlanDraft:
    seen: set[str] = set()
    action_rows: list[dict[str, Any]] = []
    schedule_rows: list[dict[str, Any]] = []
    for ref, draft in enumerate(kept):
        values = {k: v for k, v in draft.values.items() if k not in ("parent_raw", "parent_text")}
        none: tuple[None, None, None, None] = (None, None, None, None)
        first = draft.periods[0] if draft.periods else none
        last = draft.periods[-1] if draft.periods and not draft.open_ended else none
        action_rows.append(
            {
                "action_ref": ref,
                "action_key": _action_key(values["action_code"], values["label"], seen),
                **values,
                "parent_ref": parents[ref],
                "start_year": first[0],
                "start_semester": first[1],
                "start_quarter": first[2],
                "start_month": first[3],
                "end_year": last[0],
                "end_semester": last[1],
                "end_quarter": last[2],
                "end_month": last[3],
            }
        )
        schedule_rows.extend(
            {"action_ref": ref, "year": y, "semester": s, "quarter": q, "month": m} for y, s, q, m in draft.periods
        )
    anomaly_rows = [
        {
            "action_ref": ref_of_raw.get(f.action) if f.action is not None else None,
            "location": f.location or source.file_name,
            "kind": f.kind,
            "message": f.message,
            "message_fr": f.message_fr,
        }
        for f in findings
    ]
    return PlanDraft(
        source,
        plan,
        pd.DataFrame(action_rows, columns=list(ActionModel.to_schema().columns)),
        pd.DataFrame(schedule_rows, columns=list(ScheduleModel.to_schema().columns)),
        pd.DataFrame(anomaly_rows, columns=ANOMALY_COLUMNS[1:]),
        axes,
    )


def validate_plans(drafts: Sequence[PlanDraft]) -> list[NormalizedPlan]:
    """Validate the frames of all `drafts` with one pandera call per model.

    A failing action or schedule row is dropped with a `schema-violation` anomaly (at the
    action's cell, else the file); a failing plan field is set to NULL with one.
    """
    if not drafts:
        return []
    names = pd.Series([draft.source.file_name for draft in drafts])
    records = pd.DataFrame([draft.plan for draft in drafts]).assign(**{PLAN: range(len(drafts))})
    records, record_failures = validated_records(records, PlanModel, names)
    actions = _stacked([draft.actions for draft in drafts])
    at_cell = actions["source_location"].notna() & (actions["source_location"] != "")
    cells = actions["source_location"].where(at_cell, actions[PLAN].map(names))
    actions, action_failures = validated(actions, ActionModel, cells)
    schedule = _stacked([draft.schedule for draft in drafts])
    schedule, schedule_failures = validated(
        schedule[_refers(schedule, actions)], ScheduleModel, _files(schedule, names)
    )
    anomalies = pd.concat(
        [_stacked([draft.anomalies for draft in drafts]), record_failures, action_failures, schedule_failures],
        ignore_index=True,
    )
    anomalies.loc[~_refers(anomalies, actions), "action_ref"] = None
    anomalies, _ = validated(anomalies, AnomalyModel, _files(anomalies, names))
    axes = _stacked([draft.axes for draft in drafts])
    axes, _ = validated(axes, AxisModel, _files(axes, names))
    persons = people.people_rows(actions, keys=(PLAN, "action_ref"))
    persons, _ = validated(persons, PersonModel, _files(persons, names))
    split = [_split(frame, len(drafts)) for frame in (actions, schedule, anomalies, axes, persons)]
    plans = records.sort_values(PLAN).drop(columns=PLAN).to_dict("records")
    return [
        NormalizedPlan(draft.source, {k: None if pd.isna(v) else v for k, v in plan.items()}, *frames)
        for draft, plan, *frames in zip(drafts, plans, *split, strict=True)
    ]


def _stacked(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    stacked = pd.concat(frames, ignore_index=True)
    return stacked.assign(**{PLAN: np.repeat(np.arange(len(frames)), [len(frame) for frame in frames])})


def _refers(frame: pd.DataFrame, actions: pd.DataFrame) -> pd.Series:
    """True where the row's (plan, action_ref) is a valid action."""
    valid = pd.MultiIndex.from_frame(actions[[PLAN, "action_ref"]])
    return pd.Series(pd.MultiIndex.from_frame(frame[[PLAN, "action_ref"]]).isin(valid), index=frame.index)


def _files(frame: pd.DataFrame, names: pd.Series) -> pd.Series:
    return frame[PLAN].map(names)


def _split(frame: pd.DataFrame, count: int) -> list[pd.DataFrame]:
    """The rows of each plan, in their order, without the plan column."""
    ordered = frame.sort_values(PLAN, kind="stable")
    bounds = np.searchsorted(ordered[PLAN].to_numpy(), np.arange(count + 1))
    rows = ordered.drop(columns=PLAN)
    return [rows.iloc[start:end].reset_index(drop=True) for start, end in itertools.pairwise(bounds)]
