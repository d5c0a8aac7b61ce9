"""Find the article container and turn it into paragraphs.

    prune_page        drop hidden and trap-named subtrees (from the index walk)
    find_container    site selectors -> schema.org articleBody -> paragraph scoring
    container_lines   the container as text lines, one per block or <br>, with link share

Line-level cleaning (captions, promos, bylines, copyright tail) is in lines.py.
"""

from __future__ import annotations

import functools
import html as htmllib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean.css import select
from newsclean.document import tag_id
from newsclean.extraction import patterns as P
from newsclean.extraction.index import PageIndex, common_match, is_hidden
from newsclean.memo import remember_short

# Markup -> text conversion, applied to serialised HTML (fast, C-level regexes). lexbor
# writes HTML tag names in lower case, so the patterns are case-sensitive: five times faster.
COMMENT_END = "-->"
# A comment, to the first "-->" after its "<!--". The first branch is the usual comment,
# without a "-" inside: one C loop over it, where the lazy second branch steps per character.
COMMENT_RE = re.compile(r"<!--(?:[^-]*-->|[\s\S]*?-->)")
BLOCK_TAG_RE = re.compile(r"</?(?:" + "|".join(P.BLOCK_TAGS) + r")\b[^>]*>")
CELL_TAG_RE = re.compile(r"</?t[dh]\b[^>]*>")
LINK_OPEN_RE = re.compile(r"<a\b[^>]*>")
LINK_CLOSE_RE = re.compile(r"</a\s*>")
ANY_TAG_RE = re.compile(r"<[^>]*>")
# Invisible characters dropped from the text (they split words a reader sees whole). Most
# texts hold none: five C-level ``in`` tests (memchr) cost a fraction of the regex's scan of
# every character, so the regex runs only on texts that hold one.
ZERO_WIDTH_CHARS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
ZERO_WIDTH_RE = re.compile("[" + "".join(ZERO_WIDTH_CHARS) + "]")
LINK_START, LINK_END = "\x01", "\x02"
# Past this much markup, a block's link density is read from a sample of its start.
LINK_SAMPLE_MARKUP_CHARS = 200_000
EMPTY_LINK = "<a></a>"  # lexbor's serialisation of an attribute-less link without content
# Text from a link start to the next link end (a second start restarts the span).
LINK_SPAN_RE = re.compile("\x01([^\x01\x02]*)\x02")
# Left where a node was removed, so the text on either side does not run together.
BREAK_MARK = "\x03"


# Non-empty lines of one line each, found lazily.
LINE_RE = re.compile(r"[^\n]+")

# Lines read from one container at most: real articles have tens to a few hundred; a page of
# a million one-character paragraphs is cut here (bounded time and memory, documented).
MAX_LINES = 20_000

# A child holding this share of its parent's text is the real container (a <br>-text div
# inside a wrapper whose other children are captions and buttons).
DESCEND_SHARE = 0.85

# <body> competes only at half its score: it wins when paragraphs sit right under it, not
# when it merely contains two rival blocks.
BODY_FACTOR = 0.5

# Candidates scored for link density after the raw ranking: enough to skip a link farm.
TOP_CANDIDATES = 5

# Class/id strings whose name-regex verdicts are remembered across pages, at most this many,
# none longer: an outlet's pages repeat the same names, and a search of a name trie costs
# ~15,000 instructions (the index walk remembers its names the same way).
NAME_MEMO_SIZE, NAME_MEMO_CHARS = 4096, 256


class Line(NamedTuple):
    """One line of the container's text. A NamedTuple, not a dataclass: pages can hold
    hundreds of thousands of lines, and tuples are several times cheaper to build."""

    text: str
    link_share: float  # share of the characters that are link text


@dataclass(frozen=True)
class Container:
    node: LexborNode
    method: str  # "site", "schema" or "scored": for explanations and tests


def text_length(node: LexborNode) -> int:
    """len(node.text(strip=True)): blank text nodes (template indentation, half of them) are
    skipped in C, as their stripped text adds nothing."""
    return len(node.text(strip=True, skip_empty=True))


def names_of(node: LexborNode) -> str:
    """The node's class and id, joined: what name-based heuristics look at."""
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"


def _junk_search(names: str) -> bool:
    return P.JUNK_NAME_RE.search(names) is not None


def _content_search(names: str) -> bool:
    return P.CONTENT_NAME_RE.search(names) is not None


is_junk_named = remember_short(_junk_search, NAME_MEMO_SIZE, NAME_MEMO_CHARS)
is_content_named = remember_short(_content_search, NAME_MEMO_SIZE, NAME_MEMO_CHARS)


@dataclass
class MarkupBudget:
    """Characters of serialised markup the many-tags link check may still read."""

    left: int


def link_density(
    node: LexborNode,
    text_len: int | None = None,
    *,
    many_tags: bool = False,
    budget: MarkupBudget | None = None,
) -> float:
    """Share of the node's text inside links. Summed over the <a> nodes; on pages with very
    many tags read from the serialised markup instead (C-level regexes, no Python per link:
    a hostile page holds hundreds of thousands of links; on normal pages this is 4x slower)."""
    total = text_len if text_len is not None else text_length(node)
    if total == 0:
        return 0.0
    if many_tags:
        if budget is not None and budget.left <= 0:
            return 0.0  # the budget is spent: count no links, keep the node
        markup = node.html or ""
        if budget is not None:
            budget.left -= len(markup)
        if "<a" not in markup:
            return 0.0
        if len(markup) > LINK_SAMPLE_MARKUP_CHARS:
            # A long block's share is read from its start: nested blocks of a hostile page
            # would each cost a pass over the rest of the page.
            link_chars, text = _markup_link_chars(markup[:LINK_SAMPLE_MARKUP_CHARS])
            text_chars = len(" ".join(text.replace(LINK_START, "").replace(LINK_END, "").split()))
            return min(1.0, link_chars / max(text_chars, 1))
        return min(1.0, _markup_link_chars(markup)[0] / total)
    return min(1.0, sum(text_length(a) for a in select(node, "a")) / total)


def _markup_link_chars(markup: str) -> tuple[int, str]:
    """Characters of link text in serialised markup (whitespace collapsed), and its text
    with the link marks."""
    # Links become marks and the marks are paired by a regex that cannot backtrack: a
    # pattern from "<a" to "</a>" rescans the rest of the page for every link left open.
    markup = strip_comments(markup).replace(EMPTY_LINK, "")
    markup = LINK_CLOSE_RE.sub(LINK_END, LINK_OPEN_RE.sub(LINK_START, markup))
    text = htmllib.unescape(ANY_TAG_RE.sub("", markup))
    return len(" ".join("".join(LINK_SPAN_RE.findall(text)).split())), text


def strip_comments(markup: str) -> str:
    """Serialised markup without its comments ("<!--" to the next "-->"), in linear time.

    A comment regex alone tries every "<!--" up to the end of the text when no "-->" follows
    (a hostile attribute value may hold thousands of them): it runs only up to the last "-->",
    where every "<!--" but one overlapping that "-->" has a "-->" after it, and the rest is
    kept as it is. One C-level pass instead of a Python step per comment (pages hold dozens).
    """
    end = markup.rfind(COMMENT_END) + len(COMMENT_END)
    if end < len(COMMENT_END):
        return markup
    return COMMENT_RE.sub("", markup[:end]) + markup[end:]


def strip_code(tree: LexborHTMLParser, walked: Sequence[LexborNode] | None = None) -> None:
    """Drop scripts, styles and media. Call after script-held data has been read.
    ``walked``: the code elements of <body>, as the index walk listed them (PageIndex.code);
    with <head> they are all the code of the page (the parser puts every element in one of
    the two). Without them, or without a body, lexbor finds the code tags by name."""
    if tree.root is None:
        return
    if walked is None or tree.body is None:
        tree.strip_tags(list(P.CODE_TAGS), recursive=True)
        return
    # Detached whole (recursive=False): the default unlinks every node of the subtree one by
    # one, which costs more than all else here and is invisible once the subtree is gone.
    head = tree.head
    if head is not None:
        head.decompose(recursive=False)
    for node in walked:
        node.decompose(recursive=False)


def prune_page(
    tree: LexborHTMLParser, index: PageIndex, protect: Sequence[LexborNode] = ()
) -> None:
    """Remove hidden nodes and page-level traps (comments, side lists) before scoring.

    The ``protect`` nodes (known body containers) and their ancestors are never removed:
    a page-wide wrapper named "has-sidebar" must not take the article with it.
    """
    body = tree.body
    if body is None:
        return
    protected = _ancestors_of(protect)
    protected.add(body.mem_id)
    attached: dict[int, bool] = {body.mem_id: True}
    page_chars = spent = 0
    keep: set[int] | None = None
    for node in index.hidden:
        if node.mem_id not in protected and _is_attached(node, attached):
            drop_node(node)
            attached[node.mem_id] = False
    for checks, node in enumerate(index.traps):
        if checks >= P.MAX_WIDGET_CHECKS:
            break
        if node.mem_id in protected or not _is_attached(node, attached):
            continue
        names = names_of(node)
        if is_content_named(names):
            continue
        if keep is None:
            # Nodes that are or hold an h1 or articleBody, found once: asking each trap's
            # subtree costs a pass over the rest of the page per nested trap. (Detached ones
            # add only detached ancestors, which the attachment test above already skips.)
            keep = _ancestors_of(index.keep)
        if node.mem_id in keep:
            continue
        if not page_chars:
            page_chars = text_length(body)
        # A "sidebar" wrapper holding most of the page is the layout, not a side list;
        # a comment thread is removed whatever its length.
        node_chars = text_length(node)
        spent += node_chars
        if P.COMMENT_NAME_RE.search(names) or node_chars <= P.TRAP_MAX_PAGE_SHARE * page_chars:
            drop_node(node)
            attached[node.mem_id] = False
        if spent > P.TRAP_TEXT_BUDGET_CHARS:
            break  # nested trap-named wrappers on a hostile page: stop, stay linear


def prune_container(node: LexborNode, *, many_tags: bool = False) -> None:
    """Remove widgets (share bars, captions, ads, bylines) inside the chosen container."""
    spent = 0
    budget = MarkupBudget(P.LINK_MARKUP_BUDGET_CHARS) if many_tags else None

    def is_widget(candidate: LexborNode, names: str) -> bool:
        nonlocal spent
        if spent > P.WIDGET_TEXT_BUDGET_CHARS:
            return False  # nested widget-named wrappers on a hostile page: stay linear
        text_len = text_length(candidate)
        spent += text_len
        return _is_widget(candidate, names, text_len, many_tags, budget)

    _remove_widgets(node, {node.mem_id}, is_widget)


def _remove_widgets(
    root: LexborNode,
    protected: set[int],
    is_removable: Callable[[LexborNode, str], bool],
) -> None:
    attached: dict[int, bool] = {root.mem_id: True}
    named: dict[str, bool] = {}  # class+id string -> matches; list items repeat their names
    checks = 0
    for node in select(root, "[class], [id], [style], [hidden]"):
        if node.mem_id in protected:
            continue
        attrs = node.attributes
        hidden = is_hidden(attrs)
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        match = named.get(names)
        if match is None:
            match = named[names] = is_junk_named(names)
        if not hidden and not match:
            continue
        if not _is_attached(node, attached):
            continue  # inside a subtree already removed
        checks += 1
        if checks > P.MAX_WIDGET_CHECKS:
            break
        if hidden or is_removable(node, names):
            drop_node(node)
            attached[node.mem_id] = False


def drop_node(node: LexborNode) -> None:
    """Detach a node, leaving a paragraph break behind."""
    node.replace_with(BREAK_MARK)


def _ancestors_of(nodes: Sequence[LexborNode]) -> set[int]:
    ids: set[int] = set()
    for node in nodes:
        current: LexborNode | None = node
        while current is not None and current.mem_id not in ids:
            ids.add(current.mem_id)
            current = current.parent
    return ids


def _is_widget(
    node: LexborNode,
    names: str,
    text_len: int,
    many_tags: bool = False,
    budget: MarkupBudget | None = None,
) -> bool:
    if text_len >= P.CONTENT_VETO_CHARS and is_content_named(names):
        return False
    if text_len <= P.JUNK_MAX_TEXT_CHARS:
        return True
    if many_tags and text_len > P.MANY_TAGS_MAX_WIDGET_CHARS:
        return False
    return link_density(node, text_len, many_tags=many_tags, budget=budget) > P.JUNK_LINK_DENSITY


def _is_attached(node: LexborNode, memo: dict[int, bool]) -> bool:
    """Whether the node still hangs under <body>; memoised so the whole pass stays linear."""
    chain: list[int] = []
    current: LexborNode | None = node
    result = False
    while current is not None:
        known = memo.get(current.mem_id)
        if known is not None:
            result = known
            break
        chain.append(current.mem_id)
        current = current.parent
    for mem_id in chain:
        memo[mem_id] = result
    return result


def find_container(
    tree: LexborHTMLParser,
    index: PageIndex,
    site_selectors: Sequence[str] = (),
    *,
    common: bool = False,
    many_tags: bool = False,
) -> Container | None:
    """The article's container, by the first method that finds enough text:
    site selectors -> schema.org articleBody (or a common template container) -> paragraph
    scoring after trap pruning. Metadata must have been read before this: chrome and traps
    are removed here. ``common``: also trust the common container names the index was built
    with (index.common_selectors)."""
    site_matches, schema_matches = _strip_chrome_and_match(tree, index, site_selectors, common)
    node, _ = _longest(site_matches)
    if node is not None:
        return Container(node, "site")
    schema, schema_chars = _longest(schema_matches)
    if schema is not None and schema_chars >= P.TRUSTED_SCHEMA_CHARS:
        return Container(schema, "schema")
    generic = [n for n in schema_matches if n.mem_id in index.schema]
    prune_page(tree, index, site_matches + generic)
    scored = _best_scored(tree, many_tags)
    if schema is not None and (scored is None or _covers(schema, scored)):
        return Container(schema, "schema")
    if scored is not None:
        return Container(scored, "scored")
    return Container(schema, "schema") if schema is not None else None


def _strip_chrome_and_match(
    tree: LexborHTMLParser,
    index: PageIndex,
    site_selectors: Sequence[str],
    common: bool,
) -> tuple[list[LexborNode], list[LexborNode]]:
    """Detach chrome elements (nav, footer, forms; index nodes stay valid) and return the
    site and schema/common container matches that remain attached, in document order."""
    body = tree.body
    if body is None:
        return [], []
    for node in index.chrome:
        node.decompose(recursive=False)  # whole, as in strip_code
    attached: dict[int, bool] = {body.mem_id: True}
    # Site selectors are arbitrary CSS: lexbor matches them (after the chrome is gone).
    site_matches = select(body, ", ".join(site_selectors)) if site_selectors else []
    quirks: list[bool] = []
    schema_matches = [
        node
        for node in index.containers
        if _is_attached(node, attached)
        and (node.mem_id in index.schema or (common and common_match(index, node, quirks)))
    ]
    return site_matches, schema_matches


def _covers(node: LexborNode, other: LexborNode) -> bool:
    """True when ``node`` has at least most of the text of ``other``."""
    return text_length(node) >= 0.6 * text_length(other)


def _longest(nodes: Sequence[LexborNode]) -> tuple[LexborNode | None, int]:
    """The node with the most text (not hidden, at least MIN_CONTAINER_CHARS), and its
    text_length (read once: the caller tests it too)."""
    best: LexborNode | None = None
    best_len = P.MIN_CONTAINER_CHARS - 1
    for node in nodes:
        n = text_length(node)
        if n > best_len and not _hidden_here_or_above(node):
            best, best_len = node, n
    return best, best_len


def _hidden_here_or_above(node: LexborNode) -> bool:
    """A hidden copy of the body (KBS keeps one for its e-mail feature) is not the body."""
    current: LexborNode | None = node
    while current is not None and current.tag != "body":
        if is_hidden(current.attributes) or P.HIDDEN_NAME_RE.search(names_of(current)):
            return True
        current = current.parent
    return False


class _Tally:
    """Per-node accumulator used only while scoring (mutable on purpose, never escapes)."""

    __slots__ = ("chars", "link_chars", "node", "punct", "score")

    def __init__(self, node: LexborNode) -> None:
        self.node = node
        self.chars = 0
        self.link_chars = 0
        self.punct = 0
        self.score = 0.0


def _best_scored(tree: LexborHTMLParser, many_tags: bool = False) -> LexborNode | None:
    """Readability-style: prose blocks score their own node, parent and (half) grandparent."""
    body = tree.body
    if body is None:
        return None
    blocks = _tally_blocks(body)
    scores: dict[int, _Tally] = {}

    def add(node: LexborNode | None, points: float) -> None:
        if node is None or node.tag == "html":
            return
        slot = scores.get(node.mem_id)
        if slot is None:
            slot = scores[node.mem_id] = _Tally(node)
        slot.score += points

    for block in blocks.values():
        if block.chars < P.MIN_BLOCK_CHARS:
            continue
        if block.link_chars / block.chars > P.MAX_BLOCK_LINK_DENSITY:
            continue
        points = 1 + block.punct + min(block.chars / P.CHARS_PER_POINT, P.MAX_LENGTH_POINTS)
        add(block.node, points)
        parent = block.node.parent
        add(parent, points)
        add(parent.parent if parent is not None else None, points / 2)
    if not scores:
        return None

    ranked = sorted(scores.values(), key=lambda t: t.score, reverse=True)
    best: LexborNode | None = None
    best_score = float("-inf")
    for tally in ranked[:TOP_CANDIDATES]:
        node = tally.node
        names = names_of(node)
        named = (node.tag == "body", is_content_named(names), is_junk_named(names))
        # Link density only lowers a score: a candidate that cannot win without links is
        # not read for them (the text of every link below it).
        if _named_score(tally.score, *named) <= best_score:
            continue
        score = _named_score(tally.score * (1 - link_density(node, many_tags=many_tags)), *named)
        if score > best_score:
            best, best_score = node, score
    return _descend(best, scores) if best is not None else None


def _named_score(score: float, is_body: bool, content_named: bool, junk_named: bool) -> float:
    """A candidate's score after the body factor and the name weights."""
    if is_body:
        score *= BODY_FACTOR
    if content_named:
        score += P.NAME_WEIGHT
    if junk_named:
        score -= P.NAME_WEIGHT
    return score


def _tally_blocks(body: LexborNode) -> dict[int, _Tally]:
    """Characters, link characters and punctuation of the text directly in each block."""
    blocks: dict[int, _Tally] = {}
    # Inline element -> (its block, inside a link?): each inline chain is climbed once, so
    # hundreds of nested unclosed <span>s cost linear time, not nesting x text nodes.
    owners: dict[int, tuple[LexborNode | None, bool]] = {}
    inline_ids, link_id = _inline_tag_ids()
    # skip_empty: ASCII-blank text nodes (most of them, template indentation) never become
    # Python objects; the isspace test below still drops other blank ones.
    for node in body.traverse(include_text=True, skip_empty=True):
        if not node.is_text_node:
            continue
        text = node.text_content
        if not text or text.isspace():
            continue
        # Text right in a block (most text) is the block's, without a call to _owner.
        block_node: LexborNode | None = node.parent
        in_link = False
        if block_node is not None and block_node.tag_id in inline_ids:
            block_node, in_link = _owner(block_node, owners, inline_ids, link_id)
        if block_node is None:
            continue
        block = blocks.get(block_node.mem_id)
        if block is None:
            block = blocks[block_node.mem_id] = _Tally(block_node)
        n = len(text.strip())
        block.chars += n
        if in_link:
            block.link_chars += n
        block.punct += text.count(",") + text.count(". ") + text.count("다.")
    return blocks


def _owner(
    parent: LexborNode | None,
    owners: dict[int, tuple[LexborNode | None, bool]],
    inline_ids: frozenset[int],
    link_id: int,
) -> tuple[LexborNode | None, bool]:
    """The nearest non-inline ancestor-or-self of ``parent`` and whether a link lies between
    (``inline_ids``, ``link_id``: from _inline_tag_ids)."""
    chain: list[LexborNode] = []
    current = parent
    found: tuple[LexborNode | None, bool] | None = None
    while current is not None and current.tag_id in inline_ids:
        known = owners.get(current.mem_id)
        if known is not None:
            found = known
            break
        chain.append(current)
        current = current.parent
    block, in_link = found if found is not None else (current, False)
    for inline in reversed(chain):  # outermost first: a link above marks everything below
        in_link = in_link or inline.tag_id == link_id
        owners[inline.mem_id] = (block, in_link)
    if chain:
        return owners[chain[0].mem_id]
    return block, in_link


@functools.cache
def _inline_tag_ids() -> tuple[frozenset[int], int]:
    """lexbor's numeric ids of P.INLINE_TAGS and of <a>: an int test beats reading node.tag at
    every step up an inline chain, and an element's id follows its name."""
    return frozenset(tag_id(tag) for tag in P.INLINE_TAGS), tag_id("a")


def _descend(node: LexborNode, scores: dict[int, _Tally]) -> LexborNode:
    """Step into a scored child that holds nearly all of the node's text."""
    total = text_length(node)
    child = node.child
    while child is not None:
        if child.mem_id in scores and text_length(child) >= DESCEND_SHARE * total:
            return child
        child = child.next
    return node


def container_lines(node: LexborNode) -> list[Line]:
    """The container's text, one line per block element or <br>, in document order."""
    markup = node.html or ""
    markup = strip_comments(markup)
    markup = markup.replace(EMPTY_LINK, "")  # no text to count; hostile pages hold 100,000s
    has_links = _may_mark_links(markup)
    # Link text is measured on the collapsed markup (a whitespace run counts once). Without
    # links only the markup's line breaks matter (they would split lines): each line's
    # whitespace is collapsed below, a fraction of the cost of splitting the whole markup.
    markup = collapse_whitespace(markup) if has_links else markup.replace("\n", " ")
    markup = BLOCK_TAG_RE.sub("\n", markup).replace(BREAK_MARK, "\n")
    markup = CELL_TAG_RE.sub(" ", markup)
    if has_links:
        markup = LINK_OPEN_RE.sub(LINK_START, markup)
        markup = LINK_CLOSE_RE.sub(LINK_END, markup).replace(LINK_START + LINK_END, "")
    text = htmllib.unescape(ANY_TAG_RE.sub("", markup))
    if any(char in text for char in ZERO_WIDTH_CHARS):
        text = ZERO_WIDTH_RE.sub("", text)
    lines: list[Line] = []
    for match in LINE_RE.finditer(text):  # lazily: a hostile page may hold millions
        raw = match.group()
        clean = raw.replace(LINK_START, "").replace(LINK_END, "") if has_links else raw
        clean = squash_spaces(clean.strip())
        if clean:
            linked = _link_chars(raw) if has_links else 0
            lines.append(Line(clean, min(1.0, linked / len(clean))))
            if len(lines) >= MAX_LINES:
                break
    return lines


def _may_mark_links(markup: str) -> bool:
    """Whether the text can hold link marks: a link's start or end tag (an end tag alone is
    marked too, even inside an attribute value), or a mark character the page holds itself."""
    return "<a" in markup or "</a" in markup or LINK_START in markup or LINK_END in markup


def squash_spaces(text: str) -> str:
    """``" ".join(text.split())`` for a text without whitespace at either end. Most lines need
    no change: only a non-printable character (every whitespace but the space is one) or two
    spaces in a row call for the split, whose word strings cost several times the two tests."""
    if text.isprintable() and "  " not in text:
        return text
    return " ".join(text.split())


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace as one space (like re.sub of \\s+), by split and join: the regex
    replaces every single space between words too, which costs 3x the whole split."""
    collapsed = " ".join(text.split())
    if not collapsed:
        return " " if text else ""
    if text[0].isspace():
        collapsed = " " + collapsed
    if text[-1].isspace():
        collapsed += " "
    return collapsed


def _link_chars(raw: str) -> int:
    if LINK_START not in raw:
        return 0
    return sum(len(span.strip()) for span in LINK_SPAN_RE.findall(raw) if span)
