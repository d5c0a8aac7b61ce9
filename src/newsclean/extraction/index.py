"""One Python walk over the page's elements, sorted into the lists later phases read.

Each ``css()`` call makes lexbor test every selector of its list against every element, and
the metadata, chrome, container and trap lists together held ~100 selectors: several times
the cost of parsing the page. One walk reads each element's tag and attributes once instead;
each distinct class/id pair is classified once (and remembered across pages, since an outlet's
pages share their templates). Every list keeps the exact semantics of the CSS it replaces,
over the page without what menu <nav>s hold (NAV_TAG): the walk does not index inside them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean.css import select_first
from newsclean.document import comment_tag_id, read_tag_names, tag_id
from newsclean.extraction import patterns as P
from newsclean.memo import remember_short

# Metadata candidates: CSS [class*=word i] / [id*=word i] semantics (ASCII case-insensitive
# substrings). A word that contains a listed one needs no entry ("stit" has "tit", "update"
# has "date"). Also candidates: h1-h3, <time>, [itemprop=author], [rel=author], [hidden] and
# styles that mention "none" or "hidden" (see _Walk.other_attributes).
INDEX_CLASS_WORDS = (
    "tit", "headline", "sub", "summary", "lead", "precis", "deck", "journalist", "reporter",
    "byline", "writer", "author", "editor", "date", "time", "info", "regist", "publish",
)  # fmt: skip
INDEX_ID_WORDS = ("title", "reporter", "byline", "writer", "date", "time")
INDEX_STYLE_WORDS = ("none", "hidden")

# Trap candidates by substring; TRAP_NAME_RE then demands a whole name part.
TRAP_WORDS = (
    "comment", "repl", "cmt", "sidebar", "footer", "rela", "recommend", "popular", "ranking",
    "breadcrumb", "gnb", "lnb", "snb", "menu", "nav", "login", "signup", "subscri",
    "newsletter", "weather", "outbrain", "taboola",
)  # fmt: skip

# schema.org's body markers ([itemprop="articleBody"], [itemprop="text"]; case-sensitive).
SCHEMA_BODY_PROPS = frozenset({"articleBody", "text"})

# Substrings of class / id names (CSS [class*=…] semantics, lower-cased) per role.
HEADLINE_CLASS_WORDS = ("tit", "headline")
HEADLINE_ID_WORDS = ("title",)
BYLINE_CLASS_WORDS = ("journalist", "reporter", "byline", "writer", "author", "editor")
BYLINE_ID_WORDS = ("reporter", "byline", "writer")
DATE_CLASS_WORDS = ("date", "time", "info", "byline", "regist", "publish", "update")
DATE_ID_WORDS = ("date", "time")

# Parts of a class token (split on "-" and "_") that name a deck: the summary lines under
# the headline ("subheading", "view_sub", "media_end_summary", "mid_title", "news-view-lead").
SUBTITLE_PARTS = frozenset(
    """sub subtitle subtit subheading subhead stit deck summary lead precis midtitle""".split()
)  # fmt: skip
SUBTITLE_TOKENS = frozenset({"mid_title", "tit-sub", "sub_tit", "sub-title", "sub_title"})

# ... unless the token also names navigation or a list ("sub_menu", "sub-nav", "lead-list").
NOT_SUBTITLE_PARTS = frozenset(
    "menu nav gnb lnb snb list tab tabs btn button banner search link links area wrap".split()
)

# Tags the walk sorts by tag alone. Code tags (P.CODE_TAGS) are listed for strip_code, and
# the elements they hold skipped: an <svg>'s <title> or a <noscript>'s <p> is removed with them,
# so nothing inside is indexed (and inside <math> even a <script> or <template> holds elements);
# only the document.READ_TAGS among them are looked for (PageIndex.read).
HEADING_TAG, H1_TAG, TIME_TAG, CHROME_TAG, CODE_TAG, HTML_TAG = 1, 2, 3, 4, 5, 6
# Comments: traverse() yields them among the elements (~40 a page); they hold nothing to read.
COMMENT_NODE = 7
# <nav>: chrome, and a menu's subtree is not indexed. Menus hold a fifth of a news page's
# elements and never the article's headline, date or byline (a site clock there is noise);
# all of it goes with the nav before the body is searched. Inside, only code (for strip_code)
# and the document.READ_TAGS are looked for.
NAV_TAG = 8
# A nav that holds one of these is walked like any element: a page whose </nav> is missing
# puts what follows inside the nav (closed only with its parent), maybe the article's header.
# Menus have headings of their own (h2, h3), rarely an h1 (a logo), paragraphs or dates.
NAV_CONTENT_TAGS = ("h1", "p", "time", "article", "main", "header")
# Where the walk skips to when a code element's subtree runs to the end of <body>: no node
# lives at address 0, so the rest of the walk only looks for document.READ_TAGS.
END_OF_BODY = 0

# Roles as bits, so one classification per distinct class/id string serves every list.
HEADLINE, SUBTITLE, BYLINE, DATE = 1, 2, 4, 8
# ... and the lists the names alone decide.
INDEXED, TRAP, COMMON = 16, 32, 64
# A common container name that matches only in another letter case ("Article_Body"): lexbor
# matches it in quirks mode only (CSS class and id selectors fold ASCII case there).
FOLDED = 128
# Has the id or a class of a site marker (sites.py): without one, match_site asks lexbor nothing.
MARKED = 256

# Inline styles whose test is remembered across pages: at most this many, none longer.
STYLE_MEMO_SIZE, STYLE_MEMO_CHARS = 4096, 256

# Class/id pairs remembered across pages at most; past it the memo starts over (bounded memory
# in a long batch, and a page of random names cannot grow it without limit).
NAME_MEMO_MAX = 50_000

# Case-insensitive per CSS only for ASCII letters: lexbor folds A-Z, nothing else.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_INDEX_CLASS_RE = re.compile("|".join(INDEX_CLASS_WORDS))
_INDEX_ID_RE = re.compile("|".join(INDEX_ID_WORDS))
_INDEX_STYLE_RE = re.compile("|".join(INDEX_STYLE_WORDS))
_TRAP_WORD_RE = re.compile("|".join(TRAP_WORDS))
# A plain CSS identifier: the common selectors are matched by name, not parsed as CSS.
_SIMPLE_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# The first id or class of a compound selector (markers hold no "#" or "." inside brackets).
_MARKER_NAME_RE = re.compile(r"[#.][A-Za-z_][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class PageIndex:
    headlines: tuple[LexborNode, ...]  # h1-h3 and title-named elements, document order
    subtitles: tuple[LexborNode, ...]
    bylines: tuple[LexborNode, ...]
    dates: tuple[LexborNode, ...]
    hidden: tuple[LexborNode, ...]
    order: dict[int, int]  # mem_id -> position in document order among indexed nodes
    chrome: tuple[LexborNode, ...] = ()  # CHROME_TAGS elements
    containers: tuple[LexborNode, ...] = ()  # schema.org body markers, common-name candidates
    schema: frozenset[int] = frozenset()  # mem_ids of the schema.org body markers
    traps: tuple[LexborNode, ...] = ()  # trap-named elements (comments, side lists, menus)
    keep: tuple[LexborNode, ...] = ()  # h1 and articleBody: a trap holding one is a wrapper
    common_selectors: tuple[str, ...] = ()  # the common container names searched for
    folded: frozenset[int] = frozenset()  # containers named so only in another letter case
    code: tuple[LexborNode, ...] = ()  # code elements of <body> (scripts, media): strip_code
    marked: tuple[LexborNode, ...] = ()  # elements named like a site marker (any letter case)
    # The document.READ_TAGS elements of <body> for document.read; None (no body walked):
    # document.read searches the tree.
    read: tuple[LexborNode, ...] | None = None

    def position(self, node: LexborNode) -> int:
        return self.order.get(node.mem_id, -1)


def build_index(
    tree: LexborHTMLParser,
    common_selectors: tuple[str, ...] | list[str] = (),
    marker_selectors: tuple[str, ...] = (),
) -> PageIndex:
    """Walk <body> once. ``common_selectors`` (simple ``#id`` / ``.class`` selectors) name
    container candidates, listed with the schema.org body markers in ``containers``; those
    named so only in another letter case are in ``folded`` (see common_match). Elements with
    the first id or class of a ``marker_selectors`` entry are listed in ``marked``."""
    body = tree.body
    if body is None:
        return PageIndex((), (), (), (), (), {}, common_selectors=tuple(common_selectors))
    return _Walk(common_selectors, marker_selectors).run(body)


class _Walk:
    """The state of one build_index walk (mutable on purpose; only the PageIndex escapes)."""

    def __init__(
        self, common_selectors: tuple[str, ...] | list[str], marker_selectors: tuple[str, ...]
    ) -> None:
        self.common_selectors = tuple(common_selectors)
        self.common = _common_names(self.common_selectors, marker_selectors)
        self.memo = _memo_for(self.common)

    def run(self, body: LexborNode) -> PageIndex:
        kinds = _tag_kinds()
        memo = self.memo
        lists: tuple[list[LexborNode], ...] = ([], [], [], [], [], [], [], [], [])
        headlines, subtitles, bylines, dates, hidden, chrome, containers, traps, keep = lists
        schema: set[int] = set()
        folded: set[int] = set()
        order: dict[int, int] = {}
        code: list[LexborNode] = []
        marked: list[LexborNode] = []
        read: list[LexborNode] = []
        read_ids = read_tag_names()
        skip_to: int | None = None  # inside a code element or a menu: the first element after it
        in_menu = False  # skipping a menu nav, whose code and head data are listed already
        # The hot loop of the extractor: one pass per element, so it stays flat and lean
        # (subscripts and `in` tests rather than method calls: most elements take no branch).
        for node in body.traverse():
            if skip_to is not None:
                if node.mem_id != skip_to:
                    # The one thing looked for inside code (a menu's was found before).
                    if not in_menu and node.tag_id in read_ids:
                        read.append(node)
                    continue
                skip_to = None
                in_menu = False
            tag = node.tag_id
            kind = None
            if tag in kinds:
                kind = kinds[tag]
                if kind == CODE_TAG:
                    code.append(node)
                    if tag in read_ids:
                        read.append(node)
                    # Most code (scripts, styles) holds text alone: nothing below it to skip.
                    if _has_element_child(node):
                        skip_to = _after_subtree(node, body) or END_OF_BODY
                    continue
                if kind == COMMENT_NODE:
                    continue
            attrs = node.attributes
            if not attrs:  # no name, no role but the tag's
                if kind is None:
                    continue
                bits = 0
                other = False  # has style, hidden, itemprop or rel: read by other_attributes
            else:
                cls = attrs.get("class")
                key: _NameKey = cls
                other = False
                # Attributes besides class: most elements have none, and need no more lookups.
                if cls is None or len(attrs) > 1:
                    rest = len(attrs) if cls is None else len(attrs) - 1
                    ident = attrs.get("id")
                    if ident is not None:
                        key = (cls, ident)
                        rest -= 1
                    if rest:
                        # Asked one by one: cheaper than a set test on a dict
                        other = (
                            "style" in attrs
                            or "hidden" in attrs
                            or "itemprop" in attrs
                            or "rel" in attrs
                        )
                try:
                    bits = memo[key]
                except KeyError:
                    bits = self.classify(key)
                if other:
                    bits = self.other_attributes(node, attrs, bits, schema, keep)
            if kind is not None:
                if kind == CHROME_TAG:
                    chrome.append(node)
                elif kind == NAV_TAG:
                    chrome.append(node)
                    menu = _menu_contents(node, kinds, read_ids)
                    if menu is not None:
                        code += menu[0]
                        read += menu[1]
                        skip_to = _after_subtree(node, body) or END_OF_BODY
                        in_menu = True
                elif kind == TIME_TAG:
                    bits |= DATE | INDEXED
                elif kind == HTML_TAG:
                    read.append(node)  # an <html> inside <math>: read for its lang
                else:
                    bits |= HEADLINE | INDEXED
                    if kind == H1_TAG:
                        keep.append(node)
            if not bits:
                continue
            if bits == TRAP:  # the commonest role by far (menus, side lists, footers)
                traps.append(node)
                continue
            if bits & MARKED:
                marked.append(node)
            if bits & COMMON:
                containers.append(node)
                if bits & FOLDED:
                    folded.add(node.mem_id)
            if bits & TRAP:
                traps.append(node)
            if bits & INDEXED:
                order[node.mem_id] = len(order)
                if bits & HEADLINE:
                    headlines.append(node)
                if bits & SUBTITLE:
                    subtitles.append(node)
                if bits & BYLINE:
                    bylines.append(node)
                if bits & DATE:
                    dates.append(node)
                if other and is_hidden(attrs):
                    hidden.append(node)
        return PageIndex(
            headlines=tuple(headlines),
            subtitles=tuple(subtitles),
            bylines=tuple(bylines),
            dates=tuple(dates),
            hidden=tuple(hidden),
            order=order,
            chrome=tuple(chrome),
            containers=tuple(containers),
            schema=frozenset(schema),
            traps=tuple(traps),
            keep=tuple(keep),
            common_selectors=self.common_selectors,
            folded=frozenset(folded),
            code=tuple(code),
            marked=tuple(marked),
            read=tuple(read),
        )

    def classify(self, key: _NameKey) -> int:
        if len(self.memo) >= NAME_MEMO_MAX:
            self.memo.clear()
        cls, ident = key if isinstance(key, tuple) else (key, None)
        bits = self.memo[key] = _name_bits(cls, ident, self.common)
        return bits

    @staticmethod
    def other_attributes(
        node: LexborNode,
        attrs: dict[str, str | None],
        bits: int,
        schema: set[int],
        keep: list[LexborNode],
    ) -> int:
        """Roles read from attributes other than class and id."""
        style = attrs.get("style")
        if "hidden" in attrs or (style and _style_may_hide(style)):
            bits |= INDEXED
        prop = attrs.get("itemprop")
        if prop == "author":
            bits |= INDEXED | BYLINE
        elif prop in SCHEMA_BODY_PROPS:
            schema.add(node.mem_id)
            bits |= COMMON  # a container candidate, listed in document order
            if prop == "articleBody":
                keep.append(node)
        rel = attrs.get("rel")
        if rel is not None:
            if rel == "author":
                bits |= INDEXED | BYLINE
            elif _ascii_lower(rel) == "author" and matches_itself(node, "[rel=author]"):
                # lexbor matches rel case-insensitively on HTML elements (not inside <math>);
                # the role test wants it exact
                bits |= INDEXED
        return bits


def _mentions_index_style_word(style: str) -> bool:
    return _INDEX_STYLE_RE.search(_ascii_lower(style)) is not None


# Whether a style mentions INDEX_STYLE_WORDS. Pages repeat a few short styles many times.
_style_may_hide = remember_short(_mentions_index_style_word, STYLE_MEMO_SIZE, STYLE_MEMO_CHARS)


def _name_bits(cls: str | None, ident: str | None, common: _CommonNames) -> int:
    low_cls = _ascii_lower(cls) if cls else ""
    low_id = _ascii_lower(ident) if ident else ""
    bits = 0
    if _INDEX_CLASS_RE.search(low_cls) or _INDEX_ID_RE.search(low_id):
        bits |= INDEXED | _classify(cls or "", ident or "")
    if (_TRAP_WORD_RE.search(low_cls) or _TRAP_WORD_RE.search(low_id)) and P.TRAP_NAME_RE.search(
        f"{cls or ''} {ident or ''}"
    ):
        bits |= TRAP
    if low_id in common.marker_ids or any(t in common.marker_classes for t in low_cls.split()):
        bits |= MARKED
    if low_id in common.low_ids or any(t in common.low_classes for t in low_cls.split()):
        bits |= COMMON
        if ident not in common.ids and not any(t in common.classes for t in (cls or "").split()):
            bits |= FOLDED
    return bits


def _ascii_lower(text: str) -> str:
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


@dataclass(frozen=True)
class _CommonNames:
    """The ids and classes of the common container selectors, as written and in lower case;
    the site markers' first id or class, in lower case."""

    ids: frozenset[str]
    classes: frozenset[str]
    low_ids: frozenset[str]
    low_classes: frozenset[str]
    marker_ids: frozenset[str] = frozenset()
    marker_classes: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=16)
def _common_names(selectors: tuple[str, ...], markers: tuple[str, ...] = ()) -> _CommonNames:
    ids: set[str] = set()
    classes: set[str] = set()
    for selector in selectors:
        kind, name = selector[:1], selector[1:]
        if kind not in ("#", ".") or not _SIMPLE_NAME_RE.fullmatch(name):
            raise ValueError(f"common selectors must be simple #id or .class: {selector!r}")
        (ids if kind == "#" else classes).add(name)
    return _CommonNames(
        ids=frozenset(ids),
        classes=frozenset(classes),
        low_ids=frozenset(_ascii_lower(n) for n in ids),
        low_classes=frozenset(_ascii_lower(n) for n in classes),
        marker_ids=frozenset(
            _ascii_lower(m[1:]) for m in map(_marker_name, markers) if m[0] == "#"
        ),
        marker_classes=frozenset(
            _ascii_lower(m[1:]) for m in map(_marker_name, markers) if m[0] == "."
        ),
    )


def _marker_name(selector: str) -> str:
    """A marker's first "#id" or ".class": every element it matches has that name."""
    match = _MARKER_NAME_RE.search(selector)
    if match is None or "," in selector or "[" in selector[: match.start()]:
        raise ValueError(f"a site marker needs an #id or a .class: {selector!r}")
    return match.group()


def common_match(index: PageIndex, node: LexborNode, quirks: list[bool]) -> bool:
    """Whether a container candidate matches the common selectors as lexbor would.
    ``quirks`` caches the page's mode: [] until a folded candidate needs it."""
    if node.mem_id not in index.folded:
        return True
    if not quirks:
        quirks.append(_folds_case(node, index.common_selectors))
    return quirks[0]


def _folds_case(node: LexborNode, selectors: tuple[str, ...]) -> bool:
    """Quirks mode, asked of lexbor: does the candidate match its name in lower case? A
    match of the node itself comes first in css_first's document order."""
    attrs = node.attributes
    wanted = {s.lower() for s in selectors}
    names = [f"#{attrs.get('id') or ''}"] + [f".{c}" for c in (attrs.get("class") or "").split()]
    for name in map(_ascii_lower, names):
        if name in wanted:
            return matches_itself(node, name)
    return False


# A memo key: the class string alone when there is no id (most elements), else both.
_NameKey = str | None | tuple[str | None, str | None]

# One memo per set of common names (in practice: none, or the common body selectors).
_MEMOS: dict[_CommonNames, dict[_NameKey, int]] = {}


def _memo_for(common: _CommonNames) -> dict[_NameKey, int]:
    memo = _MEMOS.get(common)
    if memo is None:
        if len(_MEMOS) >= 8:
            _MEMOS.clear()
        memo = _MEMOS[common] = {}
    return memo


def matches_itself(node: LexborNode, selector: str) -> bool:
    """Whether lexbor matches the node itself (css_first looks at the node first; css_matches
    would also be true for a match anywhere below it)."""
    first = select_first(node, selector)
    return first is not None and first.mem_id == node.mem_id


def _menu_contents(
    nav: LexborNode, kinds: dict[int, int], read_ids: dict[int, str]
) -> tuple[list[LexborNode], list[LexborNode]] | None:
    """For a menu nav (none of NAV_CONTENT_TAGS below it): its outermost code elements and its
    document.READ_TAGS elements, in document order. None for a nav with article content."""
    content_ids = _nav_content_ids()
    code: list[LexborNode] = []
    read: list[LexborNode] = []
    code_to: int | None = None  # inside a code element: the first element after it
    nodes = nav.traverse()
    next(nodes)  # the nav itself
    for node in nodes:
        tag = node.tag_id
        if tag in content_ids:
            return None
        if tag in read_ids:
            read.append(node)
        if node.mem_id == code_to:
            code_to = None
        if code_to is None and kinds.get(tag) == CODE_TAG:
            code.append(node)
            if _has_element_child(node):
                code_to = _after_subtree(node, nav) or END_OF_BODY  # runs to the nav's end
    return code, read


@functools.cache
def _nav_content_ids() -> frozenset[int]:
    return frozenset(tag_id(tag) for tag in NAV_CONTENT_TAGS)


def _has_element_child(node: LexborNode) -> bool:
    child = node.first_child
    while child is not None:
        if child.is_element_node:
            return True
        child = child.next
    return False


def _after_subtree(node: LexborNode, root: LexborNode) -> int | None:
    """The mem_id of the first element after ``node``'s subtree in document order (within
    ``root``), or None when the subtree runs to the end of ``root``."""
    root_id = root.mem_id
    current: LexborNode | None = node
    while current is not None and current.mem_id != root_id:
        sibling = current.next
        while sibling is not None:
            if sibling.is_element_node:
                return sibling.mem_id
            sibling = sibling.next
        current = current.parent
    return None


@functools.cache
def _tag_kinds() -> dict[int, int]:
    """lexbor's numeric tag id -> the walk's tag kind."""
    names = {"h1": H1_TAG, "h2": HEADING_TAG, "h3": HEADING_TAG, "time": TIME_TAG, "html": HTML_TAG}
    names.update({tag: CHROME_TAG for tag in P.CHROME_TAGS})
    names.update({tag: CODE_TAG for tag in P.CODE_TAGS})
    names["nav"] = NAV_TAG
    kinds = {tag_id(name): kind for name, kind in names.items()}
    kinds[comment_tag_id()] = COMMENT_NODE
    return kinds


def _classify(cls: str, ident: str) -> int:
    roles = 0
    if cls:
        low = cls.lower()
        if _has_any(low, HEADLINE_CLASS_WORDS):
            roles |= HEADLINE
        if _has_any(low, BYLINE_CLASS_WORDS):
            roles |= BYLINE
        if _has_any(low, DATE_CLASS_WORDS):
            roles |= DATE
        if any(_is_deck_token(token) for token in low.split()):
            roles |= SUBTITLE
    if ident:
        low = ident.lower()
        if _has_any(low, HEADLINE_ID_WORDS):
            roles |= HEADLINE
        if _has_any(low, BYLINE_ID_WORDS):
            roles |= BYLINE
        if _has_any(low, DATE_ID_WORDS):
            roles |= DATE
    return roles


def _is_deck_token(token: str) -> bool:
    if token in SUBTITLE_TOKENS:
        return True
    parts = set(token.replace("-", "_").split("_"))
    return bool(parts & SUBTITLE_PARTS) and not parts & NOT_SUBTITLE_PARTS


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def is_hidden(attrs: dict[str, str | None]) -> bool:
    """The hidden attribute, or an inline style that hides the element."""
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return bool(style) and P.HIDDEN_STYLE_RE.search(style or "") is not None
