"""Hostile and pathological inputs for the robustness tests, the fuzzer and the benchmark.

Every page here is invented (names like 홍길동 and 가명시); nothing is copied from real sites.
``article_page`` is a plain, valid Korean article that extracts as ``ok``; the other builders
bend one dimension (depth, attributes, size, charset, scripts ...) as far as asked.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable

from newsclean.errors import ERROR_TYPES
from newsclean.models import Article
from support.contract import RECORD_KEYS

ARTICLE_TITLE = "가명시, 골목 상권 살리기 시범 사업 시작"

# Invented prose: long enough, with sentence endings and commas, to score as article text.
SENTENCES = (
    "가명시는 올해 상반기부터 동네 가게를 돕는 골목 상권 시범 사업을 시작한다고 밝혔다.",
    "시범 구역은 주민 모임과 상인회가 함께 고른 세 곳으로, 빈 점포를 공유 공방으로 바꾼다.",
    "홍길동 가명시 경제과장은 상인들이 직접 계획을 세우도록 돕는 것이 이번 사업의 핵심이라고 말했다.",
    "시는 사업 성과를 살펴본 뒤 내년에는 대상 지역을 다섯 곳으로 늘릴 계획이다.",
    "상인회장 김가명 씨는 손님이 다시 골목을 찾도록 작은 축제도 함께 열겠다고 했다.",
)


def paragraph(i: int) -> str:
    return f"<p>{SENTENCES[i % len(SENTENCES)]} ({i + 1}번째 문단)</p>"


def article_page(
    paragraphs: int = 6,
    *,
    charset: str | None = "utf-8",
    head_extra: str = "",
    body_prefix: str = "",
    body_suffix: str = "",
    article_inner: str | None = None,
) -> str:
    """A valid invented article (title, date, byline, body) that extracts as ``ok``."""
    meta_charset = f'<meta charset="{charset}">' if charset else ""
    inner = (
        article_inner if article_inner is not None else "\n".join(map(paragraph, range(paragraphs)))
    )
    return f"""<!DOCTYPE html>
<html lang="ko"><head>{meta_charset}
<title>{ARTICLE_TITLE} - 가명일보</title>
<meta property="og:title" content="{ARTICLE_TITLE}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-03-05T09:30:00+09:00">
{head_extra}
</head><body>
{body_prefix}
<article>
<h1>{ARTICLE_TITLE}</h1>
<div class="byline">홍길동 기자 | 입력 2024.03.05 09:30</div>
<div id="article-body">
{inner}
<p>홍길동 기자 gildong@example.kr</p>
</div>
</article>
{body_suffix}
<footer>Copyright ⓒ 가명일보. 무단 전재 및 재배포 금지</footer>
</body></html>
"""


def article_bytes(paragraphs: int = 6, **kwargs: str) -> bytes:
    return article_page(paragraphs, **kwargs).encode("utf-8")


# --- one builder per hostile shape --------------------------------------------------------------


def deep_nesting(depth: int, tag: str = "div", *, closed: bool = True) -> bytes:
    """The article's paragraphs at the bottom of ``depth`` nested ``tag`` elements."""
    inner = (f"<{tag}>" * depth) + "\n".join(map(paragraph, range(6)))
    if closed:
        inner += f"</{tag}>" * depth
    return article_page(article_inner=inner).encode()


def many_attributes(count: int, *, value: str = "x") -> bytes:
    """One element with ``count`` distinct attributes around the article's paragraphs."""
    attrs = " ".join(f'data-a{i}="{value}"' for i in range(count))
    inner = f"<div {attrs}>" + "\n".join(map(paragraph, range(6))) + "</div>"
    return article_page(article_inner=inner).encode()


def many_paragraphs(count: int) -> bytes:
    return article_page(count).encode()


def paragraphs_of_size(target_bytes: int) -> bytes:
    """An article whose body alone is about ``target_bytes`` of ordinary paragraphs."""
    per = len(paragraph(0).encode())
    return many_paragraphs(max(1, target_bytes // per))


def huge_text_node(target_bytes: int) -> bytes:
    """One paragraph of ``target_bytes`` (no markup inside), after a normal article start."""
    sentence = SENTENCES[0] + " "
    repeat = max(1, target_bytes // len(sentence.encode()))
    inner = "\n".join(map(paragraph, range(3))) + "<p>" + sentence * repeat + "</p>"
    return article_page(article_inner=inner).encode()


def numeric_entities(count: int) -> bytes:
    """Numeric character references outside Unicode, surrogates, NUL and overlong forms."""
    refs = ("&#99999999999;", "&#x110000;", "&#xD800;", "&#0;", "&#x0000000041;", "&#;", "&#x;")
    junk = " ".join(refs[i % len(refs)] for i in range(count))
    inner = "\n".join(map(paragraph, range(6))) + f"<p>{junk}</p>"
    return article_page(article_inner=inner).encode()


def huge_comment(target_bytes: int, *, closed: bool = True) -> bytes:
    comment = "<!--" + "가명 주석 " * (target_bytes // 14) + ("-->" if closed else "")
    return article_page(body_prefix=comment).encode()


def script_only(script_bytes: int = 100_000) -> bytes:
    """A client-rendered shell: no text in the DOM, only scripts."""
    code = "var a = [1, 2, 3]; function f(x) { return x < 2 ? x : f(x - 1); }\n"
    scripts = "<script>" + code * max(1, script_bytes // len(code)) + "</script>"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>가명앱</title></head>"
        f"<body><div id='root'></div>{scripts}</body></html>"
    ).encode()


def jsonld_page(payload: str) -> bytes:
    """An article with ``payload`` as the text of a JSON-LD script."""
    head = f'<script type="application/ld+json">{payload}</script>'
    return article_page(head_extra=head).encode()


def next_data_page(payload: str) -> bytes:
    """An article shell with ``payload`` as Next.js data."""
    script = f'<script id="__NEXT_DATA__" type="application/json">{payload}</script>'
    return article_page(body_suffix=script).encode()


def deep_json(depth: int) -> str:
    """Valid JSON nested ``depth`` levels (arrays inside objects inside arrays ...)."""
    return '{"@type":"NewsArticle","x":' + "[{" * depth + '"a":1' + "}]" * depth + "}"


def huge_jsonld(target_bytes: int) -> str:
    body = "가명시 소식. " * (target_bytes // 17)
    return json.dumps(
        {"@type": "NewsArticle", "headline": ARTICLE_TITLE, "articleBody": body},
        ensure_ascii=False,
    )


MALFORMED_JSON = (
    "{",
    "}}}}",
    '{"@type": "NewsArticle", "headline": ',
    '{"@type": ["NewsArticle", {"x": 1}], "author": {"name": ["홍길동", 3]}}',
    '{"@graph": [' + "{" * 500 + "]}",
    '[{"@type": "NewsArticle", "datePublished": "2023-13-45T25:61:00+99:00"}]',
    '{"@type": "NewsArticle", "datePublished": 20230526, "headline": null, "author": 7}',
    "NaN",
    '"just a string"',
    "\x00\x01\x02",
    '{"props": {"pageProps": {"article": {"content": 5, "title": ["x"]}}}}',
    '{"props": {"pageProps": {"article": {"contentArrange": [{"type": "text"}]}}}}',
    '{"props": {"pageProps": {"article": "a string where an object belongs"}}}',
)


IMPOSSIBLE_DATES = (
    "2023년13월45일 25시61분",
    "0000.00.00 00:00",
    "입력 0년 1월 1일",
    "입력 2023-02-30 24:00",
    "입력 9999.12.31 23:59:60",
    "입력 2023.05.26 오후 13:99",
    "입력 -2023.05.26",
    "입력 2023.05.26 15:08 +99:99",
    "입력 " + "2" * 5000 + ".05.26",
)


def impossible_dates_page(line: str) -> bytes:
    head = (
        f'<meta name="pubdate" content="{line}">'
        '<meta property="article:modified_time" content="0000-13-45T25:61:00+99:00">'
        f'<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"{line}"}}</script>'
    )
    page = article_page(head_extra=head)
    page = page.replace(
        '<meta property="article:published_time" content="2024-03-05T09:30:00+09:00">', ""
    )
    return page.replace("입력 2024.03.05 09:30", line).encode()


# --- sized pages for timing -------------------------------------------------------------------


def _repeat_to(unit: str, target_bytes: int, *, head: str = "", tail: str = "") -> bytes:
    count = max(1, math.ceil((target_bytes - len(head) - len(tail)) / len(unit.encode())))
    return (head + unit * count + tail).encode()


def _shell(body: str) -> tuple[str, str]:
    start = article_page(article_inner="\n".join(map(paragraph, range(6))) + body + "\x00")
    head, tail = start.split("\x00")
    return head, tail


def shaped_page(shape: str, target_bytes: int) -> bytes:
    """A page of about ``target_bytes`` whose bulk is one pathological shape (see SHAPES)."""
    head, tail = _shell("")
    units = {
        "paragraphs": paragraph(1) + "\n",
        "tiny-paragraphs": "<p>가",
        "nested-divs": "<div>가",
        "nested-lists": "<ul><li>가",
        "nested-tables": "<table><tr><td>가",
        "inline-soup": "<span><b><i>가</i></b></span>",
        "unclosed-formatting": "<font color=red><b>가",
        "links": '<a href="/news/1">가명시 소식</a> ',
        "entities": "&#x110000;&amp;&#99999999999;가 ",
        "text": "가명시 골목 상권 소식 ",
        "attributes": "",
        "comment": "",
    }
    if shape == "attributes":
        count = max(1, target_bytes // 14)
        return many_attributes(count)
    if shape == "comment":
        return huge_comment(target_bytes)
    if shape == "text":
        return huge_text_node(target_bytes)
    return _repeat_to(units[shape], target_bytes, head=head, tail=tail)


SHAPES = (
    "paragraphs",
    "tiny-paragraphs",
    "nested-divs",
    "nested-lists",
    "nested-tables",
    "inline-soup",
    "unclosed-formatting",
    "links",
    "entities",
    "text",
    "attributes",
    "comment",
)

# --- the contract --------------------------------------------------------------------------------


def contract_violations(article: object) -> list[str]:
    """What is wrong with an extraction result, by DESIGN.md §2 ([] when it keeps the contract)."""
    import datetime as dt

    if not isinstance(article, Article):
        return [f"not an Article: {type(article).__name__}"]
    problems: list[str] = []
    if article.status not in ("ok", "not_article", "error"):
        problems.append(f"status {article.status!r}")
    if article.status == "error" and (
        article.error is None or article.error.type not in ERROR_TYPES
    ):
        problems.append(f"error without a documented type: {article.error!r}")
    for name in ("title", "subtitle", "body", "outlet", "lang", "canonical_url"):
        value = getattr(article, name)
        if value is not None and not isinstance(value, str):
            problems.append(f"{name} is {type(value).__name__}")
    for name in ("published", "modified"):
        value = getattr(article, name)
        if isinstance(value, dt.datetime) and value.utcoffset() is None:
            problems.append(f"{name} is a naive datetime")
        elif value is not None and not isinstance(value, dt.date):
            problems.append(f"{name} is {type(value).__name__}")
    try:
        record = article.to_dict()
        text = json.dumps(record, ensure_ascii=False)
        text.encode("utf-8")  # lone surrogates would fail here, and in every JSON consumer
    except (TypeError, ValueError) as exc:
        return [*problems, f"record not serialisable: {exc}"]
    if article.status != "error" and not record.keys() >= RECORD_KEYS:
        problems.append(f"record misses {sorted(RECORD_KEYS - record.keys())}")
    return problems


Builder = Callable[[], bytes]
