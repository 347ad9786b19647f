"""Web pages (.html saved from a site): the article, without the site around it.

Parsing uses BeautifulSoup with Python's own `html.parser`: nothing is fetched (no
stylesheet, image or script is loaded), no script runs, and every element keeps the line
where it starts in the file, which is the location of what is read from it ("line 42").

1. Code and embedded objects are dropped (`DROPPED_TAGS`), and so are hidden elements.
2. The article is the only `<article>`, else the only `<main>` / `role="main"`, else the body.
3. Inside it, the site's boilerplate is dropped: navigation, header, footer, aside
   (`BOILERPLATE_TAGS`, `BOILERPLATE_ROLES`), elements whose class or id names a menu, a
   breadcrumb, share links, the section's other articles... (`BOILERPLATE_TOKENS`), and
   blocks whose text is boilerplate without markup ("Partager :", `BOILERPLATE_TEXTS`).
4. What remains becomes headings, paragraphs and list items (a `<br>` starts a new
   paragraph), handed to `ingest.narrative.read`, which finds the plan in them.

The page's `<title>` (without the site name), and `og:site_name` as the organization,
give the plan's metadata.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from core.errors import ExtractError
from core.limits import DEFAULT_LIMITS, Limits
from core.records import Clue, RawPlan
from core.source import describe_source
from core.text import clean, match_key
from ingest import fiches, narrative
from ingest import narrative_rules as rules
from ingest.narrative import Block, BlockKind, Document

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LEAF_BLOCKS = frozenset({"p", "dt", "dd", "blockquote", "pre", "figcaption", "caption", "td", "th", "address"})
_STRUCTURE = frozenset({"p", "li", "ul", "ol", "dl", "div", "section", "table", "article", "main", *_HEADINGS})
_INLINE = frozenset(
    {"a", "span", "strong", "em", "b", "i", "u", "s", "small", "big", "sup", "sub", "abbr", "mark", "q", "cite"}
    | {"code", "time", "font", "label", "bdi", "bdo", "dfn", "kbd", "samp", "var", "wbr", "ins", "del", "img"}
)
_WORDS = re.compile(r"[^a-z0-9]+")
_BREAK = "\u2028"  # stands for a <br> while the text of a block is gathered
_TITLE_SEPARATORS = " -–—|:·»\u00a0"


def extract(path: Path, limits: Limits = DEFAULT_LIMITS) -> RawPlan:
    """Read the article of the web page at `path` as a plan."""
    source = describe_source(path, "html")
    document = read_document(path)
    plan = narrative.read(source, document)
    # Fiches actions ("Intitulé : ...", key/value tables): ingest/fiches.py, when they read more actions.
    reading = fiches.read(
        fiches.Piece(block.text, block.location, heading=block.kind == "heading") for block in document.blocks
    )
    if len(reading.actions) > len(plan.actions):
        return replace(plan, actions=reading.actions, findings=reading.findings, axes=())
    return plan


def read_document(path: Path) -> Document:
    """The page's article as blocks, with the page title and the site name."""
    data = path.read_bytes()
    try:
        soup = BeautifulSoup(data, "html.parser")
        title, site = _page_title(soup), _meta(soup, "og:site_name")
        if title and site:
            title = _without_site(title, site)
        # Without og:site_name, the site's name is what ends the <title> after a spaced separator.
        tail = rules.TITLE_SITE_TAIL.search(title or "") if not site else None
        clues = (Clue("site-name", clean(tail.group("site")), whole=True),) if tail else ()
        title = title or _meta(soup, "og:title")
        for tag in soup.find_all(list(rules.DROPPED_TAGS)):
            tag.decompose()
        for tag in soup.find_all(_is_hidden):
            tag.decompose()
        root = _article(soup)
        _drop_boilerplate(root)
        blocks = [b for b in _blocks(root) if not _is_boilerplate_text(b.text)]
    except (ValueError, TypeError, LookupError, AssertionError, RecursionError) as error:
        raise ExtractError(path.name, f"cannot parse the HTML ({type(error).__name__}: {error})") from error
    if not blocks and not soup.find(True):
        raise ExtractError(path.name, "the file holds no HTML element")
    return Document(tuple(blocks), title, site, clues)


# --- page metadata --------------------------------------------------------------------


def _page_title(soup: BeautifulSoup) -> str | None:
    tag = soup.find("title")
    return clean(tag.get_text()) or None if isinstance(tag, Tag) else None


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    content = tag.get("content") if isinstance(tag, Tag) else None
    return clean(content) or None if isinstance(content, str) else None


def _without_site(title: str, site: str) -> str:
    """'Réussir 2020 ... - CHANTIER école' -> 'Réussir 2020 ...' (the site name after a separator)."""
    if match_key(title).endswith(match_key(site)) and len(title) > len(site):
        rest = title[: len(title) - len(site)]
        if rest and rest[-1] in _TITLE_SEPARATORS:
            return rest.rstrip(_TITLE_SEPARATORS) or title
    return title


# --- finding the article --------------------------------------------------------------


def _is_hidden(tag: Tag) -> bool:
    style = tag.get("style")
    hidden_style = isinstance(style, str) and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style)
    return bool(hidden_style) or tag.has_attr("hidden") or tag.get("aria-hidden") == "true"


def _article(soup: BeautifulSoup) -> Tag:
    for found in (soup.find_all("article"), soup.find_all("main"), soup.find_all(True, attrs={"role": "main"})):
        tags = [tag for tag in found if isinstance(tag, Tag) and clean(tag.get_text())]
        if len(tags) == 1:
            return tags[0]
    body = soup.find("body")
    return body if isinstance(body, Tag) else soup


def _tokens(tag: Tag) -> set[str]:
    values: list[str] = []
    for name in ("class", "id"):
        value = tag.get(name)
        values.extend([value] if isinstance(value, str) else list(value or ()))
    return {word for value in values for word in _WORDS.split(value.lower()) if word}


def _is_boilerplate(tag: Tag) -> bool:
    return (
        tag.name in rules.BOILERPLATE_TAGS
        or tag.get("role") in rules.BOILERPLATE_ROLES
        or bool(_tokens(tag) & rules.BOILERPLATE_TOKENS)
    )


def _drop_boilerplate(root: Tag) -> None:
    for tag in root.find_all(_is_boilerplate):
        if not tag.decomposed:
            tag.decompose()
    for tag in root.find_all(["ul", "ol"]):
        if not tag.decomposed and _is_menu(tag):
            tag.decompose()


def _is_menu(tag: Tag) -> bool:
    """A list of links only, most of them a few words or a site's words ("Accueil", "Contact"): a menu."""
    items = [li for li in tag.find_all("li", recursive=False)]
    if not items:
        return False
    texts: list[str] = []
    for li in items:
        links = li.find_all("a")
        text = clean(li.get_text(" "))
        if not links or clean(" ".join(a.get_text(" ") for a in links)) != text:
            return False
        texts.append(match_key(text))
    short = sum(1 for text in texts if len(text.split()) <= rules.MENU_ITEM_WORDS)
    return short * 2 >= len(texts) or any(text in rules.SITE_WORDS for text in texts)


def _is_boilerplate_text(text: str) -> bool:
    key = match_key(text)
    return any(pattern.search(key) for pattern in rules.BOILERPLATE_TEXTS)


# --- blocks ---------------------------------------------------------------------------


def _location(tag: Tag) -> str:
    return f"line {tag.sourceline}" if tag.sourceline is not None else f"<{tag.name}>"


def _blocks(root: Tag) -> list[Block]:
    """Headings, paragraphs and list items in document order (an explicit stack, not recursion)."""
    blocks: list[Block] = []
    loose: list[str] = []  # text lying directly in a container (a <div> without <p>)
    loose_at = _location(root)
    stack: list[Tag | NavigableString | None] = [root]
    while stack:
        node = stack.pop()
        if node is None or (isinstance(node, Tag) and (node.name in _HEADINGS or node.name in _LEAF_BLOCKS)):
            blocks.extend(_paragraphs("paragraph", loose, loose_at))
            loose = []
        if node is None:
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, CDATA, doctype
                loose.append(str(node))
            continue
        if node.name == "br":
            loose.append(_BREAK)
        elif node.name in _HEADINGS:
            blocks.append(Block("heading", clean(_text(node)), _location(node), _HEADINGS[node.name]))
        elif node.name in _LEAF_BLOCKS and not node.find(list(_STRUCTURE)):
            blocks.extend(_paragraphs("paragraph", [_text(node)], _location(node)))
        elif node.name == "li":
            lists = [child for child in node.children if isinstance(child, Tag) and child.name in ("ul", "ol", "dl")]
            own = [child for child in node.children if child not in lists]
            depth = sum(1 for parent in node.parents if parent.name == "li")  # a nested list's items: 1, 2...
            blocks.extend(_paragraphs("item", [_text_of(own)], _location(node), depth))
            stack.extend(reversed([*lists, None]))
        elif node.name in _INLINE:
            loose_at = loose_at if "".join(loose).strip() else _location(node)
            loose.append(_text(node))
        else:
            if not loose:
                loose_at = _location(node)
            stack.append(None)  # ends the loose text of this container
            stack.extend(reversed(list(node.children)))  # type: ignore[arg-type]
    return blocks


def _text(tag: Tag) -> str:
    return _text_of(list(tag.children))


def _text_of(nodes: Sequence[PageElement]) -> str:
    parts: list[str] = []
    stack: list[PageElement] = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                parts.append(str(node))
        elif isinstance(node, Tag):
            if node.name == "br":
                parts.append(_BREAK)
            else:
                if node.name not in _INLINE:
                    parts.append(" ")
                stack.extend(reversed(list(node.children)))
    return "".join(parts)


def _paragraphs(kind: BlockKind, texts: list[str], location: str, level: int = 0) -> list[Block]:
    """One block per line of `texts` (lines are separated by <br>), empty ones dropped."""
    lines = (clean(line) for line in "".join(texts).split(_BREAK))
    return [Block(kind, line, location, level) for line in lines if line.strip("\u00a0 ")]
