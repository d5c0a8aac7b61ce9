"""Parse once: the HTML tree plus everything read from <head> and scripts before cleaning."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

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

# Every head-ish element read in one tree walk (each css() call walks the whole tree).
HEAD_SELECTOR = "html, title, meta, script, link[rel=canonical]"


# lexbor's worst cases grow faster than linearly with the number of tags (deep nesting) and
# with the attributes of one tag. Below these sizes even the worst case parses in ~0.05 s:
# 6,000 nested <div>s, or one start tag of 8 KB (at most ~4,000 attributes). News pages have
# 200-5,000 tags and short tags, so for them the bounding pass (~2 ms per 150 KB) is skipped.
MARKUP_GATE_TAGS = 6000
LONG_START_TAG_RE = re.compile(r"<[A-Za-z][^>]{8192}")


def may_be_hostile(text: str) -> bool:
    """Cheap test: could this markup make the parser super-linear?"""
    return text.count("<") > MARKUP_GATE_TAGS or LONG_START_TAG_RE.search(text) is not None


def _bounded(text: str) -> str:
    # Imported here: the markup model costs ~15 ms of start-up and few pages need it.
    from newsclean.markup_limits import limit_markup

    return limit_markup(text)


def parse(text: str, url: str | None = None, *, utf8: bytes | None = None) -> Document:
    """Parse a page. ``utf8``, when given, must be exactly ``text.encode("utf-8")``: the
    parser reads UTF-8, so handing it the input bytes saves encoding the text again."""
    # Hostile nesting/attributes are bounded first; ordinary pages skip the (slower) pass.
    many_tags = may_be_hostile(text)
    if many_tags:
        tree = LexborHTMLParser(_bounded(text))
    else:
        tree = LexborHTMLParser(utf8 if utf8 is not None else text)
    meta: dict[str, str] = {}
    meta_all: dict[str, list[str]] = {}
    jsonld_raw: list[str] = []
    scripts: list[str] = []
    lang: str | None = None
    title_tag: str | None = None
    canonical: str | None = None
    # Reading every inline script's text is costly: only when the page has the marker at all.
    may_hold_fusion = SCRIPT_DATA_MARKERS[0] in text
    for node in tree.css(HEAD_SELECTOR):
        tag = node.tag
        if tag == "meta":
            _add_meta(node, meta, meta_all)
        elif tag == "script":
            attrs = node.attributes
            if (attrs.get("type") or "").strip().lower() == "application/ld+json":
                jsonld_raw.append(node.text(deep=True) or "")
            elif attrs.get("id") == "__NEXT_DATA__":
                scripts.append(node.text(deep=True) or "")
            elif may_hold_fusion and not attrs.get("src"):
                raw = node.text(deep=True) or ""
                if SCRIPT_DATA_MARKERS[0] in raw:
                    scripts.append(raw)
        elif tag == "title" and title_tag is None:
            title_tag = node.text(strip=True) or None
        elif tag == "html" and lang is None:
            lang = node.attributes.get("lang")
        elif tag == "link" and canonical is None:
            canonical = node.attributes.get("href")
    return Document(
        tree=tree,
        url=url,
        meta=meta,
        meta_all={k: tuple(v) for k, v in meta_all.items()},
        jsonld=tuple(_read_jsonld(jsonld_raw)),
        lang=(lang or meta.get("og:locale") or None),
        title_tag=title_tag,
        scripts=tuple(scripts),
        canonical=canonical or None,
        many_tags=many_tags,
    )


def _add_meta(node: LexborNode, first: dict[str, str], every: dict[str, list[str]]) -> None:
    attrs = node.attributes
    key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
    content = attrs.get("content")
    if not key or content is None:
        return
    key = key.strip().lower()
    content = content.strip()
    if content:
        first.setdefault(key, content)
        every.setdefault(key, []).append(content)


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
