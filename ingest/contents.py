"""Tables of contents: the lines of a document that are its index, which no reader reads as actions.

A table of contents lists titles with their page numbers ("9.1.1 Part Names ........ 14",
"Axe 1 : Développer l'accueil …… 12"): a numbered title there is no action, and it repeats the
headings (or actions) the body gives again. Readers of lines (`ingest.pdf`: outline, bullet lists,
fiches; `ingest.word`: paragraphs) leave out the lines `contents_lines` finds; the rules are in
`ingest.rules` (CONTENTS_*).

A run of entries is a table of contents when it comes under a contents heading ("Table des
matières", "Sommaire", "Contents"), the heading included, or when at least `MIN_LEADER_ENTRIES` of
its entries have leaders. Within a run, page numbers never go down (roman ones, the front matter's,
come first), and a single other line between two entries (a wrapped title, a running header) is
part of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.text import match_key
from ingest import rules


@dataclass(frozen=True)
class _Entry:
    page: int  # 0 for a roman page number (the front matter comes first)
    leader: bool  # dots, an ellipsis, a tab… between the title and the page number


def contents_lines(texts: Sequence[str]) -> frozenset[int]:
    """Indexes of `texts` (a document's lines or paragraphs in reading order, as written) that are
    a table of contents, its heading included."""
    found: set[int] = set()
    index = 0
    while index < len(texts):
        last = _run_end(texts, index)
        if last is None:
            index += 1
            continue
        found.update(range(index, last + 1))
        index = last + 1
    return frozenset(found)


def _run_end(texts: Sequence[str], start: int) -> int | None:
    """The last line of the table of contents that starts at `start` (a heading or an entry with a
    leader), or None when none starts there."""
    headed = bool(rules.CONTENTS_HEADING.match(match_key(texts[start])))
    if not headed and _entry(texts[start], bare=False) is None:
        return None
    last, page, entries, leaders, gap = start, 0, 0, 0, 0
    for index in range(start + 1 if headed else start, len(texts)):
        entry = _entry(texts[index], bare=True)
        if entry is not None and entry.page >= page:
            last, page, gap = index, max(page, entry.page), 0
            entries, leaders = entries + 1, leaders + entry.leader
            continue
        gap += 1
        if entry is not None or gap > rules.MAX_CONTENTS_GAP:
            break  # a page number going down starts another run, if any
    enough = entries >= rules.MIN_HEADED_ENTRIES if headed else leaders >= rules.MIN_LEADER_ENTRIES
    return last if enough else None


def _entry(text: str, bare: bool) -> _Entry | None:
    """The entry `text` is: with a leader, or (`bare`: within a run) a title then a page number."""
    line = text.strip()
    found = rules.CONTENTS_ENTRY.match(line)
    if found is not None:
        page = found.group("page")
        return _Entry(int(page) if page.isdigit() else 0, leader=True)
    found = rules.CONTENTS_BARE_ENTRY.match(line) if bare else None
    return _Entry(int(found.group("page")), leader=False) if found is not None else None
