"""Plans written as text: from a sequence of blocks (headings, paragraphs, list items) to a `RawPlan`.

Format-agnostic: `ingest/html.py` turns a web page into a `Document`; another format that
holds prose (a Word document, a PDF) can hand its blocks to `read` as well. Three readings,
tried in order:

1. **Thematic document**: some blocks are section labels (`SECTION_ROLES`: "CONTEXTE
   GLOBAL", "OBJECTIFS OPÉRATIONNELS", "Projets déjà engagés", "PISTES D'ACTIONS"...).
   Every other heading is a theme, read as an axis. Context, stakes and objectives are
   kept as notes on the axis; the items of the action sections are actions whose status
   text is the section label, confidence `THEMATIC_CONFIDENCE`.
2. **Plan written as prose**: the document names itself a plan (`PLAN_NAMES`) and has
   paragraphs opening pillars ("Le premier de ces piliers..."). Each pillar is an axis
   (named by its first sentence); each of its sentences stating an intention
   (`INTENT_CUES`) is a candidate action, confidence `PROSE_CONFIDENCE`, with a
   `needs-review` finding.
3. **Plan written as lists**: list items under a heading that names them (`LIST_PLAN_HEADINGS`:
   "Le plan d'action 2023-2024", "Nos actions") are actions, nested items sub-actions, a
   heading between them their axis; numbered project headings ("1- Projet X", "Projet 2 :
   ...") are actions whose "Objectifs :", "Porteur :", "Public :" lines are fields
   (`PROJECT_FIELDS`). Confidence `LIST_CONFIDENCE`.
4. Otherwise the document is not a plan: no action, one `not-a-plan` finding.

Every paragraph ends up in an action, in an axis note, or in a finding that says where.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from core import findings as kinds
from core.findings import Words
from core.records import AxisNote, Cell, Clue, Finding, Metadata, RawAction, RawPlan, Source
from core.text import clean, match_key, names_plan
from ingest import narrative_rules as rules
from ingest.pdf_lists import reads_as_action

BlockKind = Literal["heading", "paragraph", "item"]


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or list item of the text, with where it is in the source."""

    kind: BlockKind
    text: str
    location: str
    level: int = 0  # heading level (1 = the document's title); a list item's nesting depth (0 = first)


@dataclass(frozen=True)
class Document:
    """The article of a page or the body of a document, boilerplate removed."""

    blocks: tuple[Block, ...]
    title: str | None = None
    organization: str | None = None  # the site's name (`og:site_name`)
    clues: tuple[Clue, ...] = ()  # texts that may name the organisation (`Metadata.organization_clues`)


def read(source: Source, document: Document) -> RawPlan:
    """Read the plan a text holds; a text that is not a plan gives no action and a finding."""
    blocks = tuple(b for b in document.blocks if clean(b.text))
    metadata, metadata_findings = _metadata(document, blocks)
    if any(_section_role(b) for b in blocks):
        reading = _Thematic().read(blocks)
    elif _names_a_plan(metadata.title, blocks) and any(_opens_pillar(b) for b in blocks):
        reading = _Prose().read(blocks)
        metadata, period_findings = _prose_period(metadata, blocks)
        metadata_findings += period_findings
    elif (listed := _Lists().read(blocks)).actions:
        reading = listed
    else:
        reading = _Reading()
        paragraphs = sum(1 for b in blocks if b.kind != "heading")
        reason = Words(
            "no plan structure found (no section such as 'Objectifs opérationnels' or 'Pistes d'actions', "
            f"no pillars of a plan); none of its {paragraphs} paragraph(s) read as actions",
            "aucune structure de plan (ni section comme « Objectifs opérationnels » ou « Pistes d'actions », ni "
            f"piliers d'un plan) ; aucun de ses {paragraphs} paragraphe(s) ne se lit comme une action",
        )
        where = blocks[0].location if blocks else source.file_name
        reading.findings.append(kinds.NOT_A_PLAN.finding(where, reason=reason))
    return RawPlan(
        source,
        metadata,
        tuple(reading.actions),
        tuple(reading.findings + metadata_findings),
        (),
        tuple(reading.notes),
        names_plan((document.title or "", *(block.text for block in blocks))),
    )


# --- shared helpers -------------------------------------------------------------------


@dataclass
class _Reading:
    actions: list[RawAction] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[AxisNote] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (a period, ! or ? followed by an upper-case start)."""
    return [part for part in (clean(p) for p in rules.SENTENCE_END.split(clean(text))) if part]


def _item_text(block: Block) -> str | None:
    """The text of a list item without its marker ("→ ..."); None for a plain paragraph."""
    text = clean(block.text)
    found = rules.ITEM_MARKER.match(text)
    if found and found.end() < len(text) and (found.group().strip() or block.kind == "item"):
        return text[found.end() :]
    return text if block.kind == "item" else None


def _section_role(block: Block) -> str | None:
    return rules.SECTION_ROLES.get(match_key(block.text))


def _heading_text(text: str) -> str:
    """A heading as written, without the colon that introduces its content ("Impact social :")."""
    return clean(text).rstrip(" :\u00a0")


def _short(text: str, width: int = 80) -> str:
    text = clean(text)
    return text if len(text) <= width else text[: width - 1] + "…"


# --- metadata -------------------------------------------------------------------------


def _metadata(document: Document, blocks: Sequence[Block]) -> tuple[Metadata, list[Finding]]:
    title = clean(document.title or "") or next((clean(b.text) for b in blocks if b.kind == "heading"), "") or None
    version = next((label for label in (_adoption(b.text) for b in blocks) if label), None)
    organization = clean(document.organization or "") or None
    metadata = Metadata(
        title=title,
        organization=organization,
        organization_source="site-name" if organization else None,
        version_label=version,
        organization_clues=document.clues,
    )
    return metadata, []


def _adoption(text: str) -> str | None:
    """'... adopté lors d'une assemblée générale le 17 septembre 2015' -> 'adopté le 17 septembre 2015'."""
    found = rules.ADOPTION.search(match_key(text))
    if not found:
        return None
    return f"adopté le {int(found.group('day'))} {rules.MONTHS[found.group('month')]} {found.group('year')}"


def _prose_period(metadata: Metadata, blocks: Sequence[Block]) -> tuple[Metadata, list[Finding]]:
    """A plan named after its last year ("Réussir 2020") adopted in a year: that span, to be checked."""
    years = sorted({int(y) for y in rules.YEAR.findall(metadata.title or "")})
    if len(years) != 1:
        return metadata, []
    end = years[0]
    adopted = next(((b, rules.ADOPTION.search(match_key(b.text))) for b in blocks if _adoption(b.text)), None)
    start = int(adopted[1].group("year")) if adopted and adopted[1] else None
    if start is not None and start > end:
        start = None
    where = adopted[0].location if adopted else "title"
    title = _short(metadata.title or "")
    what = Words(
        f"plan period {start or '?'}-{end} inferred: end from the year in the title '{title}'"
        + (f", start from the adoption date ({metadata.version_label})" if start else ", start unknown")
        + "; check it",
        f"période du plan {start or '?'}-{end} déduite : la fin d'après l'année du titre « {title} »"
        + (f", le début d'après la date d'adoption ({metadata.version_label})" if start else ", début inconnu")
        + " ; à vérifier",
    )
    return replace(metadata, period_start=start, period_end=end), [kinds.NEEDS_REVIEW.finding(where, what=what)]


def _names_a_plan(title: str | None, blocks: Sequence[Block]) -> bool:
    texts = [title or "", *(b.text for b in blocks if b.kind == "heading")]
    return any(pattern.search(match_key(text)) for text in texts for pattern in rules.PLAN_NAMES)


def _opens_pillar(block: Block) -> bool:
    return block.kind != "heading" and bool(rules.PILLAR_OPENER.match(match_key(block.text)))


# --- 1. thematic documents ------------------------------------------------------------


@dataclass
class _Item:
    label: str
    location: str
    role: str
    status: Cell
    deadline: Cell | None


@dataclass
class _Theme:
    axis: Cell
    items: list[_Item] = field(default_factory=list)
    objectives: list[Cell] = field(default_factory=list)
    notes: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # section label -> (location, texts)

    def note(self, label: str, location: str, text: str) -> None:
        self.notes.setdefault(label, (location, []))[1].append(clean(text))


class _Thematic:
    """Themes (axes) made of labelled sections, as in a federation's project."""

    def __init__(self) -> None:
        self.result = _Reading()
        self.theme: _Theme | None = None
        self.role: str | None = None
        self.section: Cell | None = None

    def read(self, blocks: Sequence[Block]) -> _Reading:
        for block in blocks:
            role = _section_role(block)
            if role is not None:
                self.role, self.section = role, Cell(_heading_text(block.text), block.location, inherited=True)
            elif block.kind == "heading":
                self._close()
                if block.level > 1:
                    self.theme = _Theme(Cell(_heading_text(block.text), block.location, inherited=True))
                    self.role, self.section = None, None
            else:
                self._paragraph(block)
        self._close()
        return self.result

    def _paragraph(self, block: Block) -> None:
        theme = self.theme
        if theme is None:
            why = Words(" before the first theme", " avant le premier thème")
            self.result.findings.append(
                kinds.SKIPPED_PARAGRAPH.finding(block.location, why=why, text=_short(block.text))
            )
            return
        if self.role is None or self.section is None:
            theme.note("", block.location, block.text)
            return
        if self.role in rules.NOTE_ROLES or any(p.search(match_key(block.text)) for p in rules.NO_ACTION_TEXTS):
            theme.note(self.section.text, block.location, block.text)
            if self.role == "objectives":
                theme.objectives.extend(_objectives(block))
            return
        item = _item_text(block)
        if item is not None:
            theme.items.append(_action_item(item, block.location, self.role, self.section))
            return
        if clean(block.text).endswith(":"):
            why = Words(
                " introduces a list but holds no action itself", " qui introduit une liste sans être une action"
            )
            self.result.findings.append(
                kinds.SKIPPED_PARAGRAPH.finding(block.location, why=why, text=_short(block.text))
            )
            return
        parts = sentences(block.text)
        if len(parts) > 1:
            self.result.findings.append(kinds.SPLIT_PARAGRAPH.finding(block.location, count=len(parts)))
        for number, part in enumerate(parts, start=1):
            where = f"{block.location}, sentence {number}" if len(parts) > 1 else block.location
            theme.items.append(_action_item(part, where, self.role, self.section))

    def _close(self) -> None:
        theme = self.theme
        if theme is None:
            return
        self.theme = None
        axis = theme.axis.text
        for label, (location, texts) in theme.notes.items():
            text = " ".join(texts)
            self.result.notes.append(AxisNote(axis, f"{label} : {text}" if label else text, location))
        current = [item for item in theme.items if item.role != "done"]
        objective = theme.objectives[0] if len(theme.objectives) == 1 else None
        if len(theme.objectives) > 1 and current:
            finding = kinds.AMBIGUOUS_OBJECTIVE.finding(
                theme.objectives[0].ref, theme=_short(axis, 40), objectives=len(theme.objectives), actions=len(current)
            )
            self.result.findings.append(finding)
        for item in theme.items:
            cells = {"axis": theme.axis, "label": Cell(item.label, item.location), "status": item.status}
            if item.deadline is not None:
                cells["deadline"] = item.deadline
            if objective is not None and item.role != "done":
                cells["operational_objective"] = objective
            self.result.actions.append(RawAction(item.location, cells, confidence=rules.THEMATIC_CONFIDENCE))


def _objectives(block: Block) -> Iterator[Cell]:
    """The operational objectives of a paragraph: its sentences, except one that introduces a list."""
    parts = sentences(_item_text(block) or block.text)
    for number, part in enumerate(parts, start=1):
        if not part.endswith(":"):
            where = f"{block.location}, sentence {number}" if len(parts) > 1 else block.location
            yield Cell(part, where, inherited=True)


def _action_item(text: str, location: str, role: str, section: Cell) -> _Item:
    """An action of a section; a date in brackets at its end ("(depuis 2017)") is its deadline."""
    found = rules.TRAILING_DATE.search(text)
    if found and found.start() > 0:
        return _Item(text[: found.start()], location, role, section, Cell(clean(found.group("when")), location))
    return _Item(text, location, role, section, None)


# --- 2. plans written as prose --------------------------------------------------------


@dataclass
class _Pillar:
    axis: Cell
    texts: list[str] = field(default_factory=list)


class _Prose:
    """Pillars announced in paragraphs; statements of intent become candidate actions."""

    def __init__(self) -> None:
        self.result = _Reading()
        self.pillar: _Pillar | None = None
        self.heading = ""
        self.stated: tuple[int, str] | None = None

    def read(self, blocks: Sequence[Block]) -> _Reading:
        found = 0
        for block in blocks:
            self._count(block)
            if block.kind == "heading":
                self._close()
                self.heading = _heading_text(block.text)
            elif _opens_pillar(block):
                self._close()
                found += 1
                first, *rest = sentences(block.text)
                self.pillar = _Pillar(Cell(first.rstrip("."), block.location, inherited=True), [clean(block.text)])
                self._candidates(block, rest, offset=2)
            elif self.pillar is not None:
                self.pillar.texts.append(clean(block.text))
                self._candidates(block, sentences(block.text), offset=1)
            else:
                heading = _short(self.heading, 50) if self.heading else ""
                why = Words(
                    (f" under '{heading}'" if heading else "") + " is not in a pillar of the plan",
                    (f" sous « {heading} »" if heading else "") + " hors des piliers du plan",
                )
                finding = kinds.SKIPPED_PARAGRAPH.finding(block.location, why=why, text=_short(block.text))
                self.result.findings.append(finding)
        self._close()
        if self.stated is not None and self.stated[0] != found:
            count, where = self.stated
            self.result.findings.append(
                kinds.COUNT_MISMATCH.finding(
                    where,
                    statement=Words(f"text announces {count} pillars", f"le texte annonce {count} piliers"),
                    found=found,
                    read=Words("were read", "lus"),
                )
            )
        return self.result

    def _count(self, block: Block) -> None:
        found = rules.PILLAR_COUNT.search(match_key(block.text))
        if found and self.stated is None:
            word = found.group("count")
            self.stated = (rules.NUMBER_WORDS.get(word) or int(word), block.location)

    def _candidates(self, block: Block, parts: Sequence[str], offset: int) -> None:
        pillar = self.pillar
        assert pillar is not None
        item = _item_text(block)
        if item is not None:  # a bullet in a pillar is an action the text lists, not an inference
            cells = {"axis": pillar.axis, "label": Cell(item, block.location)}
            self.result.actions.append(RawAction(block.location, cells, confidence=rules.THEMATIC_CONFIDENCE))
            return
        for number, part in enumerate(parts, start=offset):
            cue = next((c for c in rules.INTENT_CUES if c.search(match_key(part))), None)
            if cue is None:
                continue  # kept in the pillar's description
            where = f"{block.location}, sentence {number}"
            cells = {"axis": pillar.axis, "label": Cell(part, where)}
            index = len(self.result.actions)
            self.result.actions.append(RawAction(where, cells, confidence=rules.PROSE_CONFIDENCE))
            said = cue.search(match_key(part))
            cue_word, confidence = said.group() if said else "", rules.PROSE_CONFIDENCE
            virgule = str(confidence).replace(".", ",")  # French writes 0,5
            what = Words(
                f"candidate action inferred from a statement of intent ('{cue_word}'), confidence {confidence}: "
                "check that it is an action of the plan",
                f"action candidate déduite d'une intention (« {cue_word} »), confiance {virgule} : vérifier "
                "que c'est une action du plan",
            )
            self.result.findings.append(kinds.NEEDS_REVIEW.finding(where, index, what=what))

    def _close(self) -> None:
        if self.pillar is not None:
            self.result.notes.append(AxisNote(self.pillar.axis.text, " ".join(self.pillar.texts), self.pillar.axis.ref))
        self.pillar = None


# --- 3. plans written as lists ----------------------------------------------------------


def _acting_lists(blocks: Sequence[Block]) -> frozenset[int]:
    """The items of the lists that may be a plan's: under a heading that names the plan or its
    actions, or whose first-level items mostly read as actions. A list of values ("Solidarité",
    "Respect") under "Nos valeurs", in a page titled "Projet social", is not its plan."""
    kept: set[int] = set()
    run: list[int] = []
    heading = ""
    for index, block in enumerate([*blocks, None]):
        if block is not None and block.kind == "item":
            run.append(index)
            continue
        if run:
            top = [blocks[i] for i in run if blocks[i].level == 0]
            acting = sum(1 for item in top if reads_as_action(_item_text(item) or item.text))
            named = any(p.search(match_key(heading)) for p in rules.LIST_PLAN_HEADINGS)
            if named or acting >= rules.LIST_ACTION_SHARE * len(top):
                kept.update(run)
            run = []
        if block is not None and block.kind == "heading":
            heading = block.text
    return frozenset(kept)


class _Lists:
    """Items under a heading naming a plan's actions; numbered project headings with their field lines."""

    def __init__(self) -> None:
        self.result = _Reading()
        self.headings: dict[int, Cell] = {}  # open headings by level
        self.plan_level: int | None = None  # level of the open heading that names the list
        self.project: int | None = None  # the project action that field lines complete
        self.pending: tuple[str, str] | None = None  # (field, label) whose value is the list below it
        self.last_top: int | None = None

    def read(self, blocks: Sequence[Block]) -> _Reading:
        acting = _acting_lists(blocks)
        for index, block in enumerate(blocks):
            if block.kind == "heading":
                self._heading(block)
            elif self.project is not None:
                self._project_line(block)
            elif block.kind == "item" and self.plan_level is not None and index in acting:
                self._item(block)
        return self.result

    def _heading(self, block: Block) -> None:
        for level in [lv for lv in self.headings if lv >= block.level]:
            del self.headings[level]
        if self.plan_level is not None and block.level <= self.plan_level:
            self.plan_level = None
        self.project, self.pending, self.last_top = None, None, None
        key = match_key(block.text)
        project = rules.PROJECT_HEADING.match(clean(block.text))
        says_so = project is not None and (
            project.group("code1") is not None or rules.PROJECT_WORDS.match(match_key(project.group("label")))
        )
        if project and (self.plan_level is not None or says_so):
            cells = self._context()
            cells["action_code"] = Cell(project.group("code1") or project.group("code2"), block.location)
            cells["label"] = Cell(_heading_text(project.group("label")), block.location)
            self.project = len(self.result.actions)
            self.result.actions.append(RawAction(block.location, cells, confidence=rules.LIST_CONFIDENCE))
        elif (
            self.plan_level is None
            and any(p.search(key) for p in rules.LIST_PLAN_HEADINGS)
            and not rules.READER_HEADING.search(key)
        ):
            self.plan_level = block.level
        self.headings[block.level] = Cell(_heading_text(block.text), block.location, inherited=True)

    def _context(self) -> dict[str, Cell]:
        """The axis: the nearest open heading below the page title that does not name the list itself."""
        for level in sorted(self.headings, reverse=True):
            if level > 1 and level != self.plan_level:
                return {"axis": self.headings[level]}
        return {}

    def _item(self, block: Block) -> None:
        text = _item_text(block) or block.text
        cells = self._context()
        cells["label"] = Cell(text, block.location)
        parent = self.last_top if block.level > 0 else None
        self.result.actions.append(RawAction(block.location, cells, parent=parent, confidence=rules.LIST_CONFIDENCE))
        if parent is None:
            self.last_top = len(self.result.actions) - 1

    def _project_line(self, block: Block) -> None:
        """'Objectifs : ...' gives a field; a line without a known label continues the pending one."""
        assert self.project is not None
        text = _item_text(block) or block.text
        found = rules.PROJECT_FIELD.match(text)
        name = rules.PROJECT_FIELDS.get(match_key(found.group("name"))) if found else None
        if found and name is not None:
            value = clean(found.group("value"))
            self.pending = None if value else (name, _heading_text(found.group("name")))
            self._add(name, _heading_text(found.group("name")), value, block)
            return
        name, label = self.pending or ("comment", "")
        self._add(name, label, text, block)

    def _add(self, name: str, label: str, text: str, block: Block) -> None:
        """Append to a field; a comment keeps the label that says what it is ("Public : les familles")."""
        if not text:
            return
        if name in rules.COMMENT_FIELDS and label:
            text = f"{label} : {text}"
        assert self.project is not None
        action = self.result.actions[self.project]
        cells = dict(action.cells)
        current = cells.get(name)
        joined = f"{current.text} ; {text}" if current and current.text else text
        ref = f"{current.ref} + {block.location}" if current and current.text else block.location
        cells[name] = Cell(joined, ref)
        self.result.actions[self.project] = RawAction(action.location, cells, confidence=action.confidence)
