"""Article data that client-rendered pages keep in scripts (Arc XP Fusion, Next.js, JSON-LD).

Read before cleaning removes <script>. Each reader returns a ScriptArticle or None and never
raises on malformed data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Script payloads larger than this are not parsed: a news article's data is well under it.
MAX_SCRIPT_CHARS = 5_000_000

# Arc XP (Washington Post "Fusion") keeps the story in this assignment.
FUSION_MARKER = "Fusion.globalContent="

# Keys under which Next.js news apps keep the article object (News1 "articleView", others).
NEXT_ARTICLE_KEYS = ("articleView", "article", "articleData", "newsView", "post", "data")

# Tags inside script-held HTML fragments: block tags separate words, inline tags do not.
BLOCK_TAG_RE = re.compile(r"<(?:br|/p|/div|/li|/h\d)\b[^>]{0,2000}>", re.I)
TAG_RE = re.compile(r"<[^>]{0,2000}>")

# Breadth cap when searching nested JSON for article-like objects.
MAX_JSON_NODES = 20_000


@dataclass(frozen=True)
class ScriptArticle:
    paragraphs: tuple[str, ...]
    title: str | None = None
    subtitle: str | None = None
    published: str | None = None  # machine value; parsed by the dates module
    modified: str | None = None
    bylines: tuple[str, ...] = ()  # raw byline strings; parsed by the bylines module


def read_script_article(scripts: Sequence[str]) -> ScriptArticle | None:
    """The first script-held article found: Arc Fusion, then Next.js data."""
    for raw in scripts:
        if len(raw) > MAX_SCRIPT_CHARS:
            continue
        found = _read_fusion(raw) if FUSION_MARKER in raw else _read_next_data(raw)
        if found is not None:
            return found
    return None


def _strip_html(text: str) -> str:
    import html

    text = TAG_RE.sub("", BLOCK_TAG_RE.sub(" ", text))
    return " ".join(html.unescape(text).split())


def read_jsonld_article(ld: dict[str, Any] | None) -> ScriptArticle | None:
    """A NewsArticle's ``articleBody`` (some sites serve the text only there)."""
    if not ld:
        return None
    body = ld.get("articleBody")
    if not isinstance(body, str) or not body.strip():
        return None
    paragraphs = [p for p in (_strip_html(x) for x in body.replace("\r", "").split("\n")) if p]
    return ScriptArticle(paragraphs=tuple(paragraphs), title=_str(ld.get("headline")))


def _read_fusion(raw: str) -> ScriptArticle | None:
    start = raw.find(FUSION_MARKER)
    try:
        data, _ = json.JSONDecoder().raw_decode(raw, start + len(FUSION_MARKER))
    except (ValueError, RecursionError):
        return None
    return _fusion_article(data) if isinstance(data, dict) else None


def _fusion_article(data: dict[str, Any]) -> ScriptArticle | None:
    elements = data.get("content_elements")
    if not isinstance(elements, list):
        return None
    paragraphs: list[str] = []
    for el in elements:
        if not isinstance(el, dict) or el.get("type") not in ("text", "header", "raw_html"):
            continue
        content = el.get("content")
        if isinstance(content, str):
            text = _strip_html(content)
            if text:
                paragraphs.append(text)
    if not paragraphs:
        return None
    bylines: list[str] = []
    credits = data.get("credits")
    by = credits.get("by") if isinstance(credits, dict) else None
    for person in by if isinstance(by, list) else []:
        if not isinstance(person, dict):
            continue
        original = _dig(person, "additional_properties", "original")
        byline = original.get("byline") if isinstance(original, dict) else None
        if isinstance(byline, str) and byline.strip():
            bylines.append(byline)
        elif isinstance(person.get("name"), str):
            bylines.append(person["name"])
    return ScriptArticle(
        paragraphs=tuple(paragraphs),
        title=_str(_dig(data, "headlines", "basic")),
        subtitle=_str(_dig(data, "subheadlines", "basic")),
        published=_str(data.get("first_publish_date")) or _str(data.get("display_date")),
        modified=_str(data.get("last_updated_date")),
        bylines=tuple(bylines),
    )


def _read_next_data(raw: str) -> ScriptArticle | None:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    props = _dig(data, "props", "pageProps")
    if not isinstance(props, dict):
        return None
    for key in NEXT_ARTICLE_KEYS:
        article = props.get(key)
        if isinstance(article, dict):
            found = _next_article(article)
            if found is not None:
                return found
    return None


def _next_article(obj: dict[str, Any]) -> ScriptArticle | None:
    paragraphs: list[str] = []
    arrange = obj.get("contentArrange")
    if isinstance(arrange, list):
        for part in arrange:
            if isinstance(part, dict) and part.get("type") == "text":
                text = _strip_html(str(part.get("content") or ""))
                if text:
                    paragraphs.append(text)
    if not paragraphs:
        for key in ("content", "body", "articleBody", "contents"):
            value = obj.get(key)
            if isinstance(value, str) and len(value) > 100:
                text = value.replace("<br>", "\n").replace("<br/>", "\n").replace("</p>", "\n")
                paragraphs = [p for p in (_strip_html(x) for x in text.split("\n")) if p]
                break
    if not paragraphs:
        return None
    author = obj.get("author") or obj.get("reporter") or obj.get("writer")
    bylines: tuple[str, ...] = ()
    if isinstance(author, str):
        bylines = (author,)
    elif isinstance(author, list):
        bylines = tuple(
            a if isinstance(a, str) else str(a.get("name") or "")
            for a in author
            if isinstance(a, (str, dict))
        )
    return ScriptArticle(
        paragraphs=tuple(paragraphs),
        title=_str(obj.get("title")),
        subtitle=_str(obj.get("subtitle") or obj.get("sub_title")),
        published=_str(obj.get("published_time") or obj.get("pubdate_at") or obj.get("createdAt")),
        modified=_str(obj.get("modified_time") or obj.get("updated_at") or obj.get("updatedAt")),
        bylines=bylines,
    )


def _dig(obj: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
