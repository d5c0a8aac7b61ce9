"""Property-based robustness: random bytes, random HTML trees, random charsets and dates.

The invariant everywhere: ``newsclean.extract`` returns an Article that keeps the contract
(DESIGN.md §2) within a time bound, and raises nothing. Example counts keep the default run
under a minute; ``NEWSCLEAN_HYPOTHESIS_SCALE=20`` runs twenty times as many.
"""

from __future__ import annotations

import codecs
import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean.models import Article
from robustness import hostile_pages as H

# Small inputs (well under 1 MB) must finish in 2 s; 3x that for slow or busy CI machines.
SECONDS = 6.0

# Multiplies every example count (an environment knob for long hunts, 1 in the default run).
SCALE = float(os.environ.get("NEWSCLEAN_HYPOTHESIS_SCALE", "1"))


def examples(count: int) -> settings:
    """``count`` examples (times SCALE), no per-example deadline: the tests time themselves."""
    return settings(
        max_examples=max(1, int(count * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def extract_within_bound(data: bytes | str, **kwargs: str | None) -> Article:
    start = time.perf_counter()
    article = newsclean.extract(data, **kwargs)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    assert H.contract_violations(article) == []
    assert elapsed < SECONDS, f"{elapsed:.2f}s"
    return article


# --- random bytes ------------------------------------------------------------------------------


@examples(300)
@given(st.binary(max_size=20_000))
def test_random_bytes(data: bytes) -> None:
    extract_within_bound(data)


@examples(150)
@given(st.binary(max_size=5_000), st.integers(min_value=0, max_value=4_000))
def test_random_bytes_spliced_into_an_article(junk: bytes, at: int) -> None:
    page = H.article_bytes()
    at = min(at, len(page))
    extract_within_bound(page[:at] + junk + page[at:])


@examples(150)
@given(st.text(max_size=5_000))
def test_random_text(text: str) -> None:
    extract_within_bound(text)
    extract_within_bound("<html><body><p>" + text)


# --- random HTML trees -------------------------------------------------------------------------

TAGS = (
    "div", "p", "span", "a", "b", "i", "font", "table", "tr", "td", "ul", "li", "h1", "h2",
    "article", "section", "header", "footer", "nav", "aside", "figure", "figcaption", "br",
    "img", "script", "style", "noscript", "svg", "math", "title", "textarea", "template",
    "iframe", "select", "option", "button", "form", "meta", "time", "em", "strong", "x-widget",
)  # fmt: skip

NAMES = (
    "article", "article-body", "content", "news_body", "view_con", "ad", "ad01", "banner",
    "related", "share", "sns", "comment", "byline", "reporter", "hidden", "copyright", "",
)  # fmt: skip

TEXTS = st.one_of(
    st.sampled_from(H.SENTENCES),
    st.sampled_from(
        [
            "홍길동 기자 gildong@example.kr",
            "입력 2023.05.26 15:08 수정 2023.05.26 16:00",
            "(서울=가명뉴스) 김가명 기자 = ",
            "ⓒ 가명일보 무단 전재 및 재배포 금지",
            "▶ 관련 기사 보기",
            "&#99999999; &amp; &lt;div&gt; &#xD800;",
            "2023년13월45일 25시61분",
            "<!-- 주석 -->",
            "]]><![CDATA[",
            "\x00\ufffd\u200b",
        ]
    ),
    st.text(max_size=40),
)


@st.composite
def attributes(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        name = draw(
            st.sampled_from(["class", "id", "style", "itemprop", "hidden", "data-x", "href"])
        )
        value = draw(
            st.one_of(
                st.sampled_from(NAMES),
                st.sampled_from(["display:none", "articleBody", "text", '"><p>', "'"]),
                st.text(max_size=10),
            )
        )
        quote = draw(st.sampled_from(['"', "'", ""]))
        parts.append(f"{name}={quote}{value}{quote}")
    return (" " + " ".join(parts)) if parts else ""


@st.composite
def elements(draw: st.DrawFn, children: st.SearchStrategy[str]) -> str:
    tag = draw(st.sampled_from(TAGS))
    inner = "".join(draw(st.lists(children, max_size=4)))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", f"</{tag}>", "", "</div>", "</p>"]))
    return f"<{tag}{draw(attributes())}>{inner}{close}"


HTML_TREES = st.recursive(TEXTS, lambda children: elements(children), max_leaves=60)


@examples(250)
@given(st.lists(HTML_TREES, min_size=1, max_size=6))
def test_random_html_trees(trees: list[str]) -> None:
    extract_within_bound("<html><body>" + "".join(trees) + "</body></html>")


@examples(150)
@given(HTML_TREES, HTML_TREES, st.integers(min_value=1, max_value=3000))
def test_random_trees_around_an_article(before: str, after: str, nest: int) -> None:
    inner = "<div>" * nest + "\n".join(map(H.paragraph, range(6))) + "</div>" * nest
    page = H.article_page(body_prefix=before, body_suffix=after, article_inner=inner)
    article = extract_within_bound(page.encode())
    assert article.title  # the head is intact, so the title is always found


@examples(100)
@given(HTML_TREES, st.integers(min_value=1, max_value=50), st.integers(min_value=1, max_value=2000))
def test_repeated_subtrees(tree: str, times: int, depth: int) -> None:
    body = tree * times
    extract_within_bound(("<div>" * depth + body) * 2)


# --- random charsets and declarations ----------------------------------------------------------

CODECS = (
    "utf-8", "utf-8-sig", "cp949", "euc-kr", "utf-16-le", "utf-16-be", "utf-16", "latin-1",
    "cp1252", "iso2022_kr", "johab", "gb18030", "shift_jis", "koi8-r", "ascii", "utf-32",
)  # fmt: skip

LABELS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "utf-8",
            "UTF8",
            "euc-kr",
            "EUC_KR",
            "ks_c_5601-1987",
            "cp949",
            "x-windows-949",
            "iso-8859-1",
            "latin1",
            "utf-16",
            "utf-32",
            "utf-7",
            "x-user-defined",
            "unicode-escape",
            "idna",
            "hz",
            "bogus",
            "",
            " ",
            "utf-8;",
            "'utf-8'",
            "..",
        ]
    ),
    st.text(max_size=20),
)


@examples(250)
@given(st.sampled_from(CODECS), LABELS, LABELS)
def test_random_charsets_and_declarations(codec: str, meta: str | None, http: str | None) -> None:
    page = H.article_page(charset=meta)
    data = page.encode(codec, errors="xmlcharrefreplace")
    article = extract_within_bound(data, charset=http)
    if codecs.lookup(codec).name in ("utf-8", "cp949", "euc_kr") and meta == http == codec:
        assert article.title == H.ARTICLE_TITLE


@examples(150)
@given(
    st.sampled_from(["utf-8", "cp949", "utf-16-le", "utf-16-be"]),
    st.integers(min_value=0, max_value=3000),
)
def test_cut_anywhere_in_any_encoding(codec: str, cut: int) -> None:
    data = H.article_page(charset=None).encode(codec)
    extract_within_bound(data[: min(cut, len(data))])


# --- random dates ------------------------------------------------------------------------------

DATE_TEXT = st.one_of(
    st.builds(
        "{}{}{}{}{}{}{}".format,
        st.sampled_from(["입력 ", "수정 ", "등록 ", "송고 ", "", "Published "]),
        st.integers(min_value=-1, max_value=99999),
        st.sampled_from([".", "-", "/", "년 ", "년"]),
        st.integers(min_value=-1, max_value=99),
        st.sampled_from([".", "-", "/", "월 ", "월"]),
        st.integers(min_value=-1, max_value=99),
        st.sampled_from(["", " 15:08", " 25:61", " 오후 13:99", "일 25시61분", "T99:99:99+99:99"]),
    ),
    st.text(alphabet="0123456789.-:/ 년월일시분초오전후입력수정T+Z", max_size=60),
)


@examples(250)
@given(DATE_TEXT, DATE_TEXT)
def test_random_dates_are_real_or_absent(shown: str, machine: str) -> None:
    head = f'<meta property="article:published_time" content="{machine}">'
    page = H.article_page(head_extra=head).replace(
        '<meta property="article:published_time" content="2024-03-05T09:30:00+09:00">', ""
    )
    page = page.replace("입력 2024.03.05 09:30", shown)
    article = extract_within_bound(page.encode())
    for value in (article.published, article.modified):
        assert value is None or 1900 <= value.year <= 2100
