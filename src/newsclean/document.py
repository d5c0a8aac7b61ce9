"""Parse once: the HTML tree plus everything read from <head> and scripts before cleaning."""

from __future__ import annotations

import json
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

    @property
    def article_ld(self) -> dict[str, Any] | None:
        for obj in self.jsonld:
            if _types(obj) & ARTICLE_TYPES and _types(obj) != {"WebPage"}:
                return obj
        return None


def parse(text: str, url: str | None = None) -> Document:
    tree = LexborHTMLParser(text)
    meta, meta_all = _read_meta(tree)
    html = tree.css_first("html")
    lang = html.attributes.get("lang") if html is not None else None
    title_node = tree.css_first("title")
    title_tag = title_node.text(strip=True) if title_node is not None else None
    return Document(
        tree=tree,
        url=url,
        meta=meta,
        meta_all=meta_all,
        jsonld=tuple(_read_jsonld(tree)),
        lang=(lang or meta.get("og:locale") or None),
        title_tag=title_tag or None,
    )


def _read_meta(tree: LexborHTMLParser) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    first: dict[str, str] = {}
    every: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = attrs.get("content")
        if not key or content is None:
            continue
        key = key.strip().lower()
        content = content.strip()
        if not content:
            continue
        first.setdefault(key, content)
        every.setdefault(key, []).append(content)
    return first, {k: tuple(v) for k, v in every.items()}


def _read_jsonld(tree: LexborHTMLParser) -> Iterator[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True) or ""
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


def attr_names(node: LexborNode) -> str:
    """The node's class and id joined, for name-based heuristics."""
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
