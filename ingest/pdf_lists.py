"""Bullet-list plans in PDFs: headings and indented bullets, read as the Word reader reads a roadmap.

A PDF without planning table or outline list may still be a plan written as lists: "Axe 1 :
..." headings with bulleted actions under them, sub-bullets indented further. The text
lines of the pages read (`ingest.pdf`) become blocks:

* heading: a short line in bold or larger than the body text, or a line worded as an axis
  or objective ("Axe 2 : ...", "AXE STRATÉGIQUE", "Objectif 1.2"); wrapped heading lines are
  joined. Axis-worded headings are level 1, objective-worded ones level 2, others by size;
* item: a line opening with a bullet glyph (`rules.BULLET_GLYPHS`, or any private-use glyph:
  a symbol font's, as Word exports write them and as `line_text` reads ZapfDingbats codes)
  or a typed number ("1. "); its level comes from its x position and glyph (a deeper
  indentation, or another glyph at the same position, opens a level); lines below it,
  indented past the glyph, continue it (at the top of the next page too, in lower case);
* prose: other lines, joined into paragraphs.

A list is a plan's only with plan evidence: a heading above it names a plan, an axis or an
objective (`rules.PLAN_HEADINGS`) and at least half of its first-level items read as
actions (an infinitive, an action noun with its object); or the document's title names a
plan or spans years (`rules.PLAN_TITLES`), the heading above is numbered ("Ambition 2 /
...", "III. ...") and nearly all its first-level items read as actions. Other lists (a form's attachment
list, commitments, survey comments) are prose. Without any such list, nothing is read
here. The blocks then go through the Word reader's walk (`ingest.word.walk_paragraphs`):
headings give axes and strategic objectives, items actions, nested items sub-actions
(`parent`), "Pilote : ..." lines fields of the action above.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol

from core.text import clean, match_key
from ingest import pdf_lists_rules as rules
from ingest.word import Para, Walked, walk_paragraphs

Kind = Literal["heading", "item", "prose"]


class LineLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def x0(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def size(self) -> float: ...
    @property
    def bold(self) -> bool: ...
    @property
    def number(self) -> int: ...  # 1-based on its page


class PageLike(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def lines(self) -> Sequence[LineLike]: ...


@dataclass(frozen=True)
class _Block:
    kind: Kind
    text: str
    location: str
    level: int = 0  # heading level (1 = axis) or list level (0 = first)
    numbered: bool = False
    x0: float = 0.0  # an item's glyph position
    top: float = 0.0  # its last line's top
    size: float = 0.0
    page: int = 0
    glyph: str = ""  # an item's bullet ("#" for a typed number)


def read(pages: Sequence[PageLike], title: str | None) -> Walked | None:
    """The actions of the bullet lists that read as a plan's; None when no list does."""
    blocks = list(_leveled(_heading_levels(_blocks(pages, _body_size(pages), _title_lines(pages)))))
    kept = _plan_lists(blocks, title)
    if not kept:
        return None
    shown = _plan_sections(blocks, kept)
    paras = [_para(n, block, n in kept) for n, block in enumerate(blocks, start=1) if n in shown]
    return walk_paragraphs(paras, title)


# --- lines to blocks ----------------------------------------------------------------------


def _body_size(pages: Sequence[PageLike]) -> float:
    sizes = Counter(round(line.size * 2) / 2 for page in pages for line in page.lines for _ in line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _title_lines(pages: Sequence[PageLike]) -> frozenset[int]:
    """Indexes of page 1's biggest lines: the document's title (`ingest.pdf` reads it as such)."""
    first = pages[0].lines if pages and pages[0].number == 1 else ()
    biggest = max((line.size for line in first), default=0.0)
    return frozenset(i for i, line in enumerate(first) if line.size >= biggest - 0.5)


def line_text(text: str, chars: Sequence[Mapping[str, Any]]) -> str:
    """A line's text (pdfplumber's), its opening glyph in a symbol font as a private-use code point."""
    first = chars[0] if chars else None
    if first is None or not any(word in str(first.get("fontname", "")) for word in rules.SYMBOL_FONT_WORDS):
        return text
    glyph = str(first.get("text", ""))
    code = rules.SYMBOL_CODE.match(glyph)
    if code is None or not text.startswith(glyph):
        return text
    number = ord(code.group("char")) if code.group("char") else int(code.group("cid"))
    return chr(rules.SYMBOL_BASE + number) + text[len(glyph) :] if number < 256 else text


def _bullet(text: str) -> tuple[str, str, bool] | None:
    """(glyph, text, numbered) of a list item line; None for any other line."""
    glyph = text[:1]
    low, high = rules.PRIVATE_USE
    if glyph in rules.BULLET_GLYPHS or (low <= glyph <= high and glyph not in rules.CHECKBOX_GLYPHS):
        rest = text[1:]
        if glyph.isascii() and not rest.startswith(" "):
            return None  # "-5 %", "*important*"
        return (glyph, clean(rest), False) if clean(rest) else None
    found = rules.NUMBERED_ITEM.match(text)
    return ("#", found.group("text"), True) if found else None


def _heading_level(text: str, line: LineLike, body: float) -> int | None:
    """1 for an axis, 2 for an objective, 3 for another heading; None for a line that is no heading."""
    if len(text) > rules.MAX_HEADING_CHARS or text[:1] in rules.CHECKBOX_GLYPHS:
        return None
    key = match_key(text.lstrip("".join(rules.BULLET_GLYPHS) + " "))
    marked = line.bold or line.size >= body + rules.HEADING_SIZE_STEP
    if any(p.match(key) for p in rules.AXIS_HEADINGS):
        return 1
    if any(p.match(key) for p in rules.OBJECTIVE_HEADINGS) and (marked or rules.NUMBERED_OBJECTIVE.match(key)):
        return 2
    if marked and not text.endswith((".", ";", ",")):
        return 1 if rules.NUMBERED_ITEM.match(text) else 3
    return None


def _blocks(pages: Sequence[PageLike], body: float, title: frozenset[int]) -> Iterator[_Block]:
    current: _Block | None = None
    for page in pages:
        previous: LineLike | None = None
        for index, line in enumerate(page.lines):
            text = clean(line.text)
            if not text or (page.number == 1 and index in title):
                continue
            where = f"p.{page.number}, line {line.number}"
            near = previous is not None and 0 <= line.top - previous.top <= rules.MAX_LINE_GAP * max(line.size, 1.0)
            # an item's label may go on at the top of the next page: in lower case, so not a running header
            near = near or (previous is None and current is not None and current.kind == "item" and text[:1].islower())
            previous = line
            level = _heading_level(text, line, body)
            bullet = None if level is not None else _bullet(text)
            if current is not None and near and bullet is None and _continues(current, text, line, level):
                current = replace(current, text=f"{current.text} {text}", top=line.top)
                continue
            if current is not None:
                yield current
            if level is not None:
                current = _Block("heading", text, where, level, size=line.size, top=line.top, page=page.number)
            elif bullet is not None:
                glyph, label, numbered = bullet
                current = _Block("item", label, where, 0, numbered, line.x0, line.top, line.size, page.number, glyph)
            else:
                current = _Block("prose", text, where, 0, x0=line.x0, top=line.top, size=line.size, page=page.number)
    if current is not None:
        yield current


def _continues(block: _Block, text: str, line: LineLike, level: int | None) -> bool:
    """A wrapped line: an item's (indented past its glyph), a heading's (same size), a paragraph's."""
    if block.kind == "item":
        return level is None and line.x0 > block.x0 + rules.INDENT_TOLERANCE
    if block.kind == "heading":
        return level is not None and abs(line.size - block.size) < 0.5 and level == 3
    return level is None and abs(line.x0 - block.x0) <= rules.INDENT_TOLERANCE


# --- levels, plan evidence, paragraphs ------------------------------------------------


def _heading_levels(blocks: Iterator[_Block]) -> Iterator[_Block]:
    """A heading not worded as an axis or objective (level 3 so far) is at the level of the last
    worded heading its font is as big as (a sibling), below them otherwise, level 1 before any."""
    sizes: dict[int, float] = {}
    for block in blocks:
        if block.kind == "heading" and block.level < 3:
            sizes[block.level] = block.size
            for level in [lv for lv in sizes if lv > block.level]:
                del sizes[level]
        elif block.kind == "heading":
            level = next((lv for lv in sorted(sizes) if block.size >= sizes[lv] - 0.5), 3 if sizes else 1)
            block = replace(block, level=level)
        yield block


def _leveled(blocks: Iterator[_Block]) -> Iterator[_Block]:
    """List levels: a deeper indentation opens a level, and so does another glyph at the same position
    (unless it is the glyph of a level already open); a heading closes every level (prose does not: a
    page's running header or footer may come between two items of a list)."""
    stack: list[tuple[float, str]] = []
    for block in blocks:
        if block.kind != "item":
            stack = [] if block.kind == "heading" else stack
            yield block
            continue
        while stack and stack[-1][0] > block.x0 + rules.INDENT_TOLERANCE:
            stack.pop()
        same = [i for i, (x0, glyph) in enumerate(stack) if abs(x0 - block.x0) <= rules.INDENT_TOLERANCE]
        if same and stack[same[-1]][1] != block.glyph:
            known = [i for i in same if stack[i][1] == block.glyph]
            if known:
                del stack[known[-1] + 1 :]
            else:
                stack.append((block.x0, block.glyph))
        elif same:
            del stack[same[-1] + 1 :]
        else:
            stack.append((block.x0, block.glyph))
        yield replace(block, level=len(stack) - 1)


def _plan_lists(blocks: Sequence[_Block], title: str | None) -> frozenset[int]:
    """Numbers (1-based, as the paragraphs') of the items of lists that read as a plan's actions; the
    items under one heading are judged together (prose between them, a page footer, does not split them)."""
    kept: set[int] = set()
    headings: dict[int, str] = {}
    run: list[int] = []
    titled = _plan_title(title)

    def close() -> None:
        chain = [headings[lv] for lv in sorted(headings)]
        if run and _is_plan_list([blocks[n - 1] for n in run], chain, titled):
            kept.update(run)
        run.clear()

    for number, block in enumerate(blocks, start=1):
        if block.kind == "item":
            run.append(number)
        elif block.kind == "heading":
            close()
            for level in [lv for lv in headings if lv >= block.level]:
                del headings[level]
            headings[block.level] = block.text
    close()
    return frozenset(kept)


def _plan_sections(blocks: Sequence[_Block], kept: frozenset[int]) -> frozenset[int]:
    """Numbers of the blocks the walk reads: the sections (a heading and what follows it up to the next
    heading) holding a kept item, and the headings above them; the rest of the document is not a plan's
    and is left out (no note findings for a 70-page report around one list)."""
    shown: set[int] = set()
    chain: dict[int, int] = {}  # open headings: level -> block number
    section: list[int] = []

    def close() -> None:
        if any(n in kept for n in section):
            shown.update(section)
            shown.update(chain.values())
        section.clear()

    for number, block in enumerate(blocks, start=1):
        if block.kind == "heading":
            close()
            for level in [lv for lv in chain if lv >= block.level]:
                del chain[level]
            chain[block.level] = number
        else:
            section.append(number)
    close()
    return frozenset(shown)


def _plan_title(title: str | None) -> bool:
    """The document's title names a plan or spans years ("Nos engagements 2023-2025")."""
    key = match_key(title or "")
    return any(p.search(key) for p in rules.PLAN_TITLES)


def _is_plan_list(items: Sequence[_Block], headings: Iterable[str], titled: bool = False) -> bool:
    """The heading right above names a plan, an axis or an objective (or one further up an axis or a
    plan), and at least half the first-level items read as actions; or, in a document whose title
    names a plan, the heading right above is numbered ("Ambition 2 / ...", "III. ...") and nearly all
    the first-level items read as actions."""
    keys = [match_key(text) for text in headings]
    named = bool(keys) and (
        any(p.search(keys[-1]) for p in rules.PLAN_HEADINGS)
        or any(p.search(key) for key in keys[:-1] for p in rules.ANCESTOR_PLAN_HEADINGS)
    )
    numbered = bool(keys) and titled and bool(rules.NUMBERED_HEADING.match(keys[-1]))
    top = [item for item in items if item.level == 0]
    acting = sum(1 for item in top if reads_as_action(item.text))
    share = rules.MIN_ACTION_SHARE if named else rules.NUMBERED_ACTION_SHARE
    return (named or numbered) and len(items) >= rules.MIN_ITEMS and acting >= share * len(top) > 0


def glyph_item(text: str) -> tuple[str, str] | None:
    """(glyph, text) of a line that opens with a bullet glyph (not a typed number); else None."""
    bullet = _bullet(clean(text))
    return (bullet[0], bullet[1]) if bullet is not None and bullet[0] != "#" else None


def triage_items(text: str) -> int:
    """How many lines of a page's raw text (pdfium's, cheap) are bulleted items that read as actions."""
    count = 0
    for line in text.splitlines():
        item = glyph_item(line)
        count += item is not None and reads_as_action(item[1])
    return count


def reads_as_action(text: str) -> bool:
    """An infinitive ("Créer un ...") or an action noun with its object ("Organisation de ...")."""
    key = match_key(text)
    verb = rules.INFINITIVE.match(key)
    return bool(verb and verb.group("word") not in rules.NOT_VERBS) or bool(rules.ACTION_NOUN.match(key))


def _para(number: int, block: _Block, listed: bool) -> Para:
    """The block as the Word walk sees it; an item of a list that is not a plan's is prose."""
    heading = block.level if block.kind == "heading" else None
    item = block.kind == "item" and listed
    text = block.text  # without its glyph: the walk must not take it for a typed bullet
    return Para(
        number=number,
        text=text,
        raw=text,
        style="",
        heading=heading,
        list_level=block.level if item else None,
        numbered=item and block.numbered,
        italic=False,
        bold=block.kind == "heading",
        caps=False,
        indent=None,
        location=block.location,
    )
