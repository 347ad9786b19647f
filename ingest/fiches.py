"""Fiches actions and activity blocks, whatever the format they come from.

A fiche action is one block of labelled fields per action: key/value table rows ("Pilote | DG"),
"Label : value" paragraphs, or a header line followed by labelled paragraphs ("Activité 1.1 :
title", then "Acteurs en charge : ...", "Durée : ..."). Readers (PDF, Word) turn their document
into a sequence of `Piece`s, in reading order, and `read` turns them into actions:

* a block starts at a header ("Activité 1.1 : ...", "Fiche action n°2"), at a label field
  ("Intitulé de l'action : ...") when the block above already has its label, or at a heading
  (its title, when labelled fields follow it);
* labelled fields give the action its pilot, partners, indicator, dates, budget, status; its
  objectives, public and modalities go to its comment (labels in `fiche_rules.FIELD_LABELS`);
  a field's answer may go on over the next lines, up to the next label;
* numbered headings ("Objectif spécifique 2 : ...", "Résultat 1 : ...") frame the blocks: their
  actions inherit them. When the numbering restarts under another objective (two "Activité
  1.1"), each code is prefixed by its objective's number, so the actions stay apart;
* a block is an action only when it has a label and answers one field an action carries
  (`fiche_rules.CARRIED_FIELDS`), or two fields that describe it: a blank fiche, or a numbered
  heading of a form followed by prose, is none;
* a block whose title repeats an action read above (a logframe annex) completes that action's
  empty fields and adds none.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from core import findings as kinds
from core.findings import Words, adds
from core.records import Cell, Finding, RawAction
from core.text import clean, match_key
from ingest import fiche_rules

_PAGE_MARK = re.compile(r"^(?:page\s*)?\d{1,4}\s*(?:/\s*\d{1,4})?$", re.IGNORECASE)
_MAX_FIELD_CHARS = 2000


@dataclass(frozen=True)
class Piece:
    """One paragraph, line or table row of a document, with its location."""

    text: str  # a paragraph or line; for a row, its cells joined
    location: str
    cells: tuple[str, ...] = ()  # a table row: its cells
    cell_refs: tuple[str, ...] = ()  # where each cell is
    wraps: bool = False  # a line of a page: a title may go on over the next lines
    heading: bool = False  # a heading (style or tag): the title of a block when labelled fields follow


@dataclass(frozen=True)
class Reading:
    actions: tuple[RawAction, ...]
    findings: tuple[Finding, ...]
    reason: Words | None  # why nothing is an action, when blocks or numbered headings were seen


def read(pieces: Iterable[Piece]) -> Reading:
    """The actions of the fiches and activity blocks among `pieces`."""
    walk = _Walk()
    for piece in pieces:
        walk.piece(piece)
    walk.close()
    return _decide(walk)


# --- the walk: blocks and their fields ----------------------------------------------------


@dataclass
class _Block:
    location: str
    context: dict[str, Cell]
    numbers: dict[str, str]
    code: Cell | None = None
    title: list[Cell] = field(default_factory=list)
    fields: dict[str, list[Cell]] = field(default_factory=dict)
    labels: int = 0  # field labels seen, answered or not
    title_open: bool = False  # the title may go on over the next line
    touched: int = 0  # index of the last piece the block took
    headed: bool = False  # started by a header ("Activité 1.1 :"): its fields may come after prose
    pending: str | None = None  # the field whose answer goes on over the next lines

    def title_cell(self) -> Cell | None:
        if not self.title:
            return None
        text = clean(" ".join(cell.text for cell in self.title))
        return Cell(text, self.title[0].ref) if text else None

    def add(self, name: str, text: str, ref: str) -> None:
        text = clean(text)
        if not text or fiche_rules.BLANK_ANSWER.match(match_key(text)):
            return
        if name == "label":
            self.title.append(Cell(text, ref))
            return
        self.fields.setdefault(name, []).append(Cell(text, ref))


@dataclass
class _Walk:
    blocks: list[_Block] = field(default_factory=list)
    current: _Block | None = None
    context: dict[str, Cell] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    numbered_headings: int = 0
    index: int = 0  # of the piece being read

    def piece(self, piece: Piece) -> None:
        self.index += 1
        if piece.cells:
            self._row(piece)
            return
        text = clean(piece.text)
        if not text or _PAGE_MARK.match(text):
            return
        key = match_key(text)
        if self._hierarchy(text, key, piece.location):
            return
        if self._header(text, key, piece):
            return
        if self._field_line(text, piece.location):
            return
        if piece.heading and len(text) <= fiche_rules.MAX_TITLE_CHARS:
            self._start(piece.location).title.append(Cell(text, piece.location))
            return
        if fiche_rules.SECTION_HEADING.match(text):  # "4.3 Pilotage du projet": the block above ends
            self.close()
            self.numbered_headings += 1
            return
        block = self.current
        if block is None:
            return
        if fiche_rules.UNKNOWN_LABEL.match(text):
            block.pending, block.title_open = None, False
            return
        if fiche_rules.LABELLED_LINE.match(text):
            block.title_open = False
            if block.pending == "label":
                block.pending = None
        if block.title_open and piece.wraps and len(block.title) < fiche_rules.MAX_TITLE_LINES:
            block.title.append(Cell(text, piece.location))
            block.title_open = not text.endswith((".", ":", ";", "!", "?"))
            block.touched = self.index
            return
        block.title_open = False
        if block.pending is not None:
            block.add(block.pending, text, piece.location)
            block.touched = self.index

    def close(self) -> None:
        if self.current is not None:
            self.blocks.append(self.current)
        self.current = None

    def _start(self, location: str) -> _Block:
        self.close()
        self.current = _Block(location, dict(self.context), dict(self.numbers), touched=self.index)
        return self.current

    def _hierarchy(self, text: str, key: str, location: str) -> bool:
        for pattern, level in fiche_rules.HIERARCHY_HEADINGS:
            found = pattern.match(key)
            if found is None:
                continue
            self.close()
            levels = ("axis", "strategic_objective", "operational_objective")
            for lower in levels[levels.index(level) :]:
                self.context.pop(lower, None)
                self.numbers.pop(lower, None)
            self.context[level] = Cell(text, location, inherited=True)
            self.numbers[level] = found.group("number")
            return True
        return False

    def _header(self, text: str, key: str, piece: Piece) -> bool:
        found = fiche_rules.BLOCK_HEADER.match(text)
        if found is not None:
            block = self._start(piece.location)
            block.headed = True
            block.code = Cell(found.group("code"), piece.location)
            title = clean(found.group("title") or found.group("bare") or "")
        elif fiche := fiche_rules.FICHE_TITLE.match(key):
            block = self._start(piece.location)
            block.headed = True
            title = clean(text[len(text) - len(fiche.group("title")) :]) if fiche.group("title") else ""
        else:
            return False
        if title and len(title) <= fiche_rules.MAX_TITLE_CHARS:
            block.title.append(Cell(title, piece.location))
            block.title_open = not title.endswith((".", ":", ";", "!", "?"))
        return True

    def _field_line(self, text: str, location: str) -> bool:
        found = labelled(text)
        if found is None and ":" not in text and _bare_label(text):
            found = (name, "") if (name := field_of(text)) is not None else None
        if found is None:
            return False
        self._field(*found, location)
        return True

    def _field(self, name: str, value: str, location: str) -> None:
        block = self.current
        gap = fiche_rules.MAX_HEADED_FIELD_GAP if block is not None and block.headed else fiche_rules.MAX_FIELD_GAP
        if block is not None and self.index - block.touched > gap:
            self.close()  # too far from the block: not one of its fields
            block = None
        if name == "label" and (block is None or block.title):
            block = self._start(location)
        if block is None:
            return
        block.touched = self.index
        block.labels += 1
        block.title_open = False
        if name == "code":
            if clean(value):
                block.code = Cell(clean(value), location)
            block.pending = None
            return
        block.add(name, value, location)
        block.pending = name

    def _row(self, piece: Piece) -> None:
        filled = [(text, ref) for text, ref in zip(piece.cells, piece.cell_refs, strict=False) if clean(text)]
        if not filled:
            return
        first, ref = clean(filled[0][0]), filled[0][1]
        label, colon, rest = first.partition(":")
        name = field_of(label) if len(label) <= fiche_rules.MAX_LABEL_CHARS else None
        if name is not None:
            answers = [rest] if colon and clean(rest) else []
            answers += [text for text, _ in filled[1:]]
            where = filled[1][1] if len(filled) > 1 and not clean(rest) else ref
            self._field(name, "; ".join(clean(a) for a in answers), where)
        else:
            for text, cell_ref in filled:
                if self._header(clean(text), match_key(text), Piece(text, cell_ref)):
                    break
        if self.current is not None:
            self.current.pending, self.current.title_open = None, False


def labelled(text: str) -> tuple[str, str] | None:
    """(field, answer) of a "Label : answer" or "Label – answer" line whose label is known, or None."""
    for separator in fiche_rules.FIELD_SEPARATORS:
        found = separator.search(text)
        if found is None or found.start() > fiche_rules.MAX_LABEL_CHARS:
            continue
        if (name := field_of(text[: found.start()])) is not None:
            return name, text[found.end() :]
    return None


def _bare_label(text: str) -> bool:
    """A label alone, its answer in the next piece (a table cell of a web page, a bold paragraph)."""
    key = match_key(text).rstrip(" ?")
    return len(text) <= fiche_rules.MAX_BARE_LABEL_CHARS and key not in fiche_rules.NOT_BARE_LABELS


def field_of(label: str) -> str | None:
    """The field a label names ("Pilote(s)", "Acteurs en charge de l'exécution"), or None."""
    key = match_key(label).rstrip(" ?:")
    if not key:
        return None
    return next((name for pattern, name in fiche_rules.FIELD_LABELS if pattern.match(key)), None)


# --- which blocks are actions ---------------------------------------------------------------


def _decide(walk: _Walk) -> Reading:
    kept: list[_Block] = []
    findings: list[Finding] = []
    blank = bare = 0
    for block in walk.blocks:
        title = block.title_cell()
        if title is None:
            blank += 1
            continue
        repeated = _repeated(title, block, kept)
        if repeated is not None:
            findings.extend(_enrich(kept[repeated], repeated, block, title))
            continue
        if not _carries_an_action(block.fields):
            bare += block.headed  # a plain heading followed by prose is no sign of a form
            continue
        kept.append(block)
    codes, restart = _codes(kept)
    if restart:
        findings.append(kinds.NUMBERING_RESTARTS.finding(kept[0].location))
    actions = tuple(_action(block, code) for block, code in zip(kept, codes, strict=True))
    reason = None if actions else _reason(blank, bare, walk.numbered_headings)
    return Reading(actions, tuple(findings), reason)


def _carries_an_action(fields: Iterable[str]) -> bool:
    named = set(fields)
    return bool(named & fiche_rules.CARRIED_FIELDS) or (
        len(named & fiche_rules.DESCRIBING_FIELDS) >= fiche_rules.MIN_DESCRIBING_FIELDS
    )


def _repeated(title: Cell, block: _Block, kept: Sequence[_Block]) -> int | None:
    fields = _field_texts(block)
    for index, other_block in enumerate(kept):
        other = other_block.title_cell()
        if other is not None and repeats(title.text, fields, other.text, _field_texts(other_block)):
            return index
    return None


def _field_texts(block: _Block) -> dict[str, str]:
    texts = {name: " ".join(cell.text for cell in cells) for name, cells in block.fields.items()}
    return texts | ({"action_code": block.code.text} if block.code is not None else {})


def same_action(label: str, other: str) -> bool:
    """Whether two labels name the same action (an annex repeating it, its title sometimes cut)."""
    key, known = match_key(label), match_key(other)
    prefix = fiche_rules.ANNEX_PREFIX_CHARS
    if len(key) >= prefix and len(known) >= prefix and key[:prefix] == known[:prefix]:
        return True
    return difflib.SequenceMatcher(None, key, known).ratio() >= fiche_rules.ANNEX_LABEL_SIMILARITY


def repeats(label: str, fields: Mapping[str, str], other: str, known: Mapping[str, str]) -> bool:
    """Whether a block (`label`, its `fields`) repeats the action `other` (its `known` fields).

    The same label does; a similar or cut one only when no field both give (code included)
    disagrees: "Former la participation des habitants" with another pilot than "Accompagner la
    participation des habitants", or "Action 28 : Développer le projet" after "Action 23 :
    Développer le projet sur chaque site", is an action of its own.
    """
    if match_key(label) == match_key(other):
        return True
    if not same_action(label, other):
        return False
    return not any(_disagree(name, fields[name], known[name]) for name in fields.keys() & known.keys())


def _disagree(name: str, text: str, other: str) -> bool:
    if name == "action_code":  # an annex may number an activity in full ("1.1.2" for "1.2"): same last numbers
        parts, other_parts = text.rstrip(".").split("."), other.rstrip(".").split(".")
        shorter = min(len(parts), len(other_parts))
        return parts[-shorter:] != other_parts[-shorter:]
    key, known = match_key(text), match_key(other)
    return bool(key and known) and key not in known and known not in key


def _enrich(target: _Block, index: int, block: _Block, title: Cell) -> Iterator[Finding]:
    added = [name for name in block.fields if name not in target.fields]
    for name in added:
        target.fields[name] = block.fields[name]
    read = Words(f"read at {target.location}", f"lue en {target.location}")
    yield kinds.REPEATED_BLOCK.finding(
        block.location, index, block=f"'{title.text[:60]}'", read=read, added=adds(added)
    )


def _codes(kept: Sequence[_Block]) -> tuple[list[str | None], bool]:
    """Each block's code; prefixed by its objective's (or axis') number when codes repeat."""
    raw = [block.code.text.rstrip(".") if block.code else None for block in kept]
    counts = Counter(code for code in raw if code)
    if not any(n > 1 for n in counts.values()):
        return list(raw), False
    codes: list[str | None] = []
    for block, code in zip(kept, raw, strict=True):
        number = block.numbers.get("strategic_objective") or block.numbers.get("axis")
        codes.append(f"{number}.{code}" if code and number else code)
    return codes, True


def _action(block: _Block, code: str | None) -> RawAction:
    cells: dict[str, Cell] = dict(block.context)
    title = block.title_cell()
    if title is not None:
        cells["label"] = title
    if code is not None and block.code is not None:
        cells["action_code"] = Cell(code, block.code.ref)
    comment: list[str] = []
    for name, values in block.fields.items():
        text = "; ".join(cell.text for cell in values)[:_MAX_FIELD_CHARS]
        if name in fiche_rules.COMMENT_FIELDS:
            comment.append(f"{fiche_rules.COMMENT_FIELDS[name]} : {text}")
        else:
            cells[name] = Cell(text, values[0].ref)
    if comment:
        first = next(values[0].ref for name, values in block.fields.items() if name in fiche_rules.COMMENT_FIELDS)
        cells["comment"] = Cell(" | ".join(comment), first)
    return RawAction(block.location, cells)


def _reason(blank: int, bare: int, numbered: int) -> Words | None:
    if blank:
        return Words(
            f"{blank} blank fiche(s): field labels ('Intitulé', 'Pilote'...) without answers",
            f"{blank} fiche(s) vierge(s) : des libellés de champ (« Intitulé », « Pilote »…) sans réponse",
        )
    if bare:
        return Words(
            f"{bare} numbered block(s) ('Activité 1.1 : ...') answer no action field (pilot, dates, indicators...)",
            f"{bare} bloc(s) numéroté(s) (« Activité 1.1 : … ») sans aucun champ d'action (pilote, dates, "
            "indicateurs…)",
        )
    if numbered:
        return Words(
            f"{numbered} numbered heading(s) ('1.1 ...') of a form or report, none followed by action fields",
            f"{numbered} intitulé(s) numéroté(s) (« 1.1 … ») d'un formulaire ou d'un rapport, sans champs d'action",
        )
    return None
