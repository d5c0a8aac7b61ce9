"""Parse once: the HTML tree plus everything read from <head> and scripts before cleaning."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser, LexborNode

from newsclean.css import select, select_first

# JSON-LD blocks larger than this are skipped: real ones are a few KB, a huge one is abuse.
MAX_JSONLD_CHARS = 2_000_000

# Nesting depth at which JSON-LD flattening stops (@graph inside lists inside @graph ...).
MAX_JSONLD_DEPTH = 6

# JSON-LD types that describe an article (schema.org and its news subtypes).
ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "BlogPosting",
        "WebPage",
        "LiveBlogPosting",
        "Report",
    }
)


@dataclass(frozen=True)
class Document:
    """A parsed page. ``tree`` is mutated by body cleaning, so read metadata first."""

    tree: LexborHTMLParser
    url: str | None
    meta: Mapping[str, str]  # lower-cased name/property/itemprop -> first non-empty content
    meta_all: Mapping[str, tuple[str, ...]]  # every content for repeated keys (article:author)
    jsonld: tuple[dict[str, Any], ...]  # flattened objects, article types first
    lang: str | None
    title_tag: str | None
    scripts: tuple[str, ...] = ()  # raw script-data payloads (Arc Fusion, __NEXT_DATA__)
    canonical: str | None = None
    many_tags: bool = False  # past the hostile-markup gate: per-node loops must stay bounded

    @property
    def article_ld(self) -> dict[str, Any] | None:
        for obj in self.jsonld:
            if _types(obj) & ARTICLE_TYPES and _types(obj) != {"WebPage"}:
                return obj
        return None


# Script bodies kept for the script-data readers (Arc XP, Next.js): found by these markers.
SCRIPT_DATA_MARKERS = ("Fusion.globalContent=", "__NEXT_DATA__")

# Elements read here by tag name, wherever they stand (JSON-LD scripts often sit in <body>).
# The index walk lists those of <body> (PageIndex.read); one lexbor selector list finds the
# rest, or all of them when the walk could not (~0.1 ms a pass over a news page's tree).
READ_TAGS = ("meta", "script", "link", "html")
READ_SELECTOR = ", ".join(READ_TAGS)

# The <link> relation that names the canonical URL (compared ASCII case-insensitively, as
# the CSS selector link[rel=canonical] does in an HTML document).
CANONICAL_REL = "canonical"

# News pages have 5-50 <link>s; past this many (a hostile page) lexbor's selector picks the
# canonical ones in C rather than reading every link's attributes in Python.
MAX_LINKS_READ = 500


# lexbor's mutation events off: with no CSS engine attached to the document they only copy a
# <select>'s chosen <option> into its <selectedcontent> (a form control, stripped as chrome),
# and skipping their hooks saves ~3% of the parse.
PARSE_OPTIONS = LexborDocumentOptions.WO_EVENTS.value

# lexbor's worst cases grow faster than linearly with the number of tags (deep nesting) and
# with the attributes of one tag. Below these sizes even the worst case parses in ~0.05 s:
# 6,000 nested <div>s, or one start tag of 8 KB (at most ~4,000 attributes). News pages have
# 200-5,000 tags and short tags, so for them the bounding pass (~2 ms per 150 KB) is skipped.
MARKUP_GATE_TAGS = 6000
LONG_START_TAG_CHARS = 8192
LONG_START_TAG_RE = re.compile(rf"<[A-Za-z][^>]{{{LONG_START_TAG_CHARS}}}")

# A long start tag is a run of LONG_START_TAG_CHARS + 2 characters without a '>', and such a
# run always covers a whole aligned block of this length: a page whose every block holds a
# '>' needs no regex (one C-level find per block instead of a regex step at every tag).
GT_FREE_BLOCK_CHARS = (LONG_START_TAG_CHARS + 3) // 2


def may_be_hostile(text: str) -> bool:
    """Cheap test: could this markup make the parser super-linear?"""
    return text.count("<") > MARKUP_GATE_TAGS or has_long_start_tag(text)


def has_long_start_tag(text: str) -> bool:
    """``LONG_START_TAG_RE.search(text) is not None``, with the regex run only where it can match."""
    block = GT_FREE_BLOCK_CHARS
    for start in range(0, len(text) - block + 1, block):
        if text.find(">", start, start + block) < 0:
            # Every match covers a '>'-free block, so none starts before this window.
            first = max(start + block - LONG_START_TAG_CHARS - 2, 0)
            return LONG_START_TAG_RE.search(text, first) is not None
    return False


def _bounded(text: str) -> str:
    # Imported here: the markup model costs ~15 ms of start-up and few pages need it.
    from newsclean.markup_limits import limit_markup

    return limit_markup(text)


def parse(text: str, url: str | None = None, *, utf8: bytes | None = None) -> Document:
    """Parse a page. ``utf8``, when given, must be exactly ``text.encode("utf-8")``: the
    parser reads UTF-8, so handing it the input bytes saves encoding the text again."""
    tree, many_tags = parse_tree(text, utf8=utf8)
    return read(tree, text, url, many_tags=many_tags)


def parse_tree(text: str, *, utf8: bytes | None = None) -> tuple[LexborHTMLParser, bool]:
    """The page's tree, and whether it passed the hostile-markup gate (see parse)."""
    # Hostile nesting/attributes are bounded first; ordinary pages skip the (slower) pass.
    many_tags = may_be_hostile(text)
    if many_tags:
        return LexborHTMLParser(_bounded(text), options=PARSE_OPTIONS), True
    return LexborHTMLParser(utf8 if utf8 is not None else text, options=PARSE_OPTIONS), False


def read(
    tree: LexborHTMLParser,
    text: str,
    url: str | None = None,
    *,
    many_tags: bool = False,
    body_nodes: Sequence[LexborNode] | None = None,
) -> Document:
    """Read the parsed page ``tree`` of ``text``. ``body_nodes``, when given, are the
    READ_TAGS elements of <body> in document order (PageIndex.read): the walk that made the
    index saw them, and finding them again would cost another pass over the whole tree."""
    by_tag = _by_tag(tree, body_nodes)
    meta, meta_all = _read_metas(by_tag["meta"])
    # Reading every inline script's text is costly: only when the page has the marker at all.
    jsonld_raw, scripts = _read_scripts(by_tag["script"], SCRIPT_DATA_MARKERS[0] in text)
    return Document(
        tree=tree,
        url=url,
        meta=meta,
        meta_all=meta_all,
        jsonld=tuple(_read_jsonld(jsonld_raw)),
        lang=(_html_lang(tree, by_tag["html"]) or meta.get("og:locale") or None),
        title_tag=_title(tree),
        scripts=tuple(scripts),
        canonical=_canonical(tree, by_tag["link"]) or None,
        many_tags=many_tags,
    )


def _by_tag(
    tree: LexborHTMLParser, body_nodes: Sequence[LexborNode] | None = None
) -> dict[str, list[LexborNode]]:
    """The READ_TAGS elements by tag name, each list in document order."""
    names = read_tag_names()
    found: dict[str, list[LexborNode]] = {tag: [] for tag in READ_TAGS}
    for node in _read_nodes(tree, body_nodes):
        found[names[node.tag_id]].append(node)
    return found


def _read_nodes(
    tree: LexborHTMLParser, body_nodes: Sequence[LexborNode] | None
) -> Iterable[LexborNode]:
    """What ``tree.css(READ_SELECTOR)`` finds. With the body's share known, only the root and
    <head> are searched: the parser puts every element below <head> or <body>, unless a
    <frameset> stands in for the body (then the whole tree is searched)."""
    if body_nodes is not None:
        root, head, body = tree.root, tree.head, tree.body
        if (
            root is not None
            and head is not None
            and body is not None
            and _children_are(root, (head.mem_id, body.mem_id))
        ):
            leading = [root] if root.tag == "html" else []
            return [*leading, *select(head, READ_SELECTOR), *body_nodes]
    return select(tree, READ_SELECTOR)


def _children_are(parent: LexborNode, mem_ids: tuple[int, ...]) -> bool:
    """Whether the element children of ``parent`` are exactly these, in this order."""
    found: list[int] = []
    child = parent.first_child
    while child is not None:
        if child.is_element_node:
            found.append(child.mem_id)
        child = child.next
    return tuple(found) == mem_ids


@functools.cache
def read_tag_names() -> dict[int, str]:
    """lexbor's tag id -> name, for READ_TAGS."""
    return {tag_id(tag): tag for tag in READ_TAGS}


@functools.cache
def tag_id(name: str) -> int:
    """lexbor's numeric id of a tag name (an int test beats reading node.tag, a new string each
    time). One tiny page per tag: in one page together the parser would move or drop some (a
    <head> inside <body>). Standard tags have fixed small ids; an unknown tag's is an address."""
    node_id: int = LexborHTMLParser(f"<{name}></{name}>").tags(name)[0].tag_id
    return node_id


@functools.cache
def comment_tag_id() -> int:
    """lexbor's numeric id of comment nodes (they have one, as elements do)."""
    body = LexborHTMLParser("<body><!----></body>").body
    comment = body.first_child if body is not None else None
    if comment is None or not comment.is_comment_node:
        raise RuntimeError("lexbor parsed no comment node")
    comment_id: int = comment.tag_id
    return comment_id


def _read_scripts(
    script_nodes: list[LexborNode], may_hold_fusion: bool
) -> tuple[list[str], list[str]]:
    """JSON-LD payloads and script-data payloads, in document order."""
    jsonld_raw: list[str] = []
    scripts: list[str] = []
    for node in script_nodes:
        attrs = node.attributes
        if (attrs.get("type") or "").strip().lower() == "application/ld+json":
            jsonld_raw.append(node.text(deep=True) or "")
        elif attrs.get("id") == "__NEXT_DATA__":
            scripts.append(node.text(deep=True) or "")
        elif may_hold_fusion and not attrs.get("src"):
            raw = node.text(deep=True) or ""
            if SCRIPT_DATA_MARKERS[0] in raw:
                scripts.append(raw)
    return jsonld_raw, scripts


def _title(tree: LexborHTMLParser) -> str | None:
    """The first non-empty <title> text. The first title is found without a whole-tree walk."""
    first = select_first(tree, "title")
    if first is None:
        return None
    text = first.text(strip=True)
    if text:
        return text
    for node in tree.tags("title")[1:]:
        text = node.text(strip=True)
        if text:
            return text
    return None


def _html_lang(tree: LexborHTMLParser, html_nodes: list[LexborNode]) -> str | None:
    """The first lang attribute of an <html> element; the document element is the first one."""
    root = tree.root
    if root is not None and root.tag == "html":
        lang = root.attributes.get("lang")
        if lang is not None:
            return lang
    for node in html_nodes:  # also <html> elements inside <svg> or <math>
        lang = node.attributes.get("lang")
        if lang is not None:
            return lang
    return None


def _canonical(tree: LexborHTMLParser, link_nodes: list[LexborNode]) -> str | None:
    """The first href of a <link rel=canonical> that has one."""
    if len(link_nodes) > MAX_LINKS_READ:
        link_nodes = select(tree, "link[rel=canonical]")  # the same test, in C
    for node in link_nodes:
        attrs = node.attributes
        rel = attrs.get("rel")
        if rel is not None and rel.isascii() and rel.lower() == CANONICAL_REL:
            href = attrs.get("href")
            if href is not None:
                return href
    return None


def _read_metas(
    nodes: list[LexborNode],
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Lower-cased property/name/itemprop -> the first non-empty content, and every one."""
    first: dict[str, str] = {}
    every: dict[str, list[str]] = {}
    for node in nodes:
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = attrs.get("content")
        if not key or content is None:
            continue
        content = content.strip()
        if content:
            key = key.strip().lower()
            if key in every:
                every[key].append(content)
            else:
                first[key] = content
                every[key] = [content]
    return first, {key: tuple(contents) for key, contents in every.items()}


def _read_jsonld(raws: list[str]) -> Iterator[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for raw in raws:
        if not raw.strip() or len(raw) > MAX_JSONLD_CHARS:
            continue
        data = _loads_lenient(raw)
        if data is not None:
            objects.extend(_flatten(data))
    # Article objects first, so callers can take the first match.
    objects.sort(key=lambda o: 0 if _types(o) & ARTICLE_TYPES else 1)
    return iter(objects)


def _loads_lenient(raw: str) -> Any:
    """JSON-LD in the wild has trailing semicolons, HTML comments and raw newlines in strings."""
    text = raw.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
    for candidate in (text, text.replace("\n", " ").replace("\r", " ").replace("\t", " ")):
        try:
            return json.loads(candidate)
        except (ValueError, RecursionError):
            continue
    return None


def _flatten(data: Any) -> list[dict[str, Any]]:
    """Objects from lists and @graph, breadth-first with a depth cap (no recursion)."""
    out: list[dict[str, Any]] = []
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop(0)
        if depth > MAX_JSONLD_DEPTH:
            continue
        if isinstance(item, list):
            stack.extend((x, depth + 1) for x in item[:200])
        elif isinstance(item, dict):
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend((x, depth + 1) for x in graph[:200])
            if "@type" in item:
                out.append(item)
    return out


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t}
    if isinstance(t, list):
        return {x for x in t if isinstance(x, str)}
    return set()
