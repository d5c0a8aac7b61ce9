"""Finding the article container and turning it into lines (newsclean.extraction.body).

Small invented HTML documents, processed the way extractor.py does it: parse, strip_code,
build_index, find_container(tree, index, selectors), prune_container, container_lines.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean import document
from newsclean.extraction import patterns as P
from newsclean.extraction.body import (
    DESCEND_SHARE,
    LINK_SAMPLE_MARKUP_CHARS,
    NAME_MEMO_CHARS,
    Container,
    Line,
    MarkupBudget,
    _is_widget,
    container_lines,
    find_container,
    is_content_named,
    is_junk_named,
    link_density,
    prune_container,
    strip_code,
    strip_comments,
    text_length,
)
from newsclean.extraction.index import build_index

P1 = "가명시가 다음 달부터 공공 자전거를 1시간 이내로 타면 요금을 받지 않는다고 6일 밝혔다."
P2 = "시는 무료화로 늘어날 수요에 맞춰 자전거 2000대를 새로 들이고, 대여소도 120곳 더 만든다."
P3 = '이가명 교통정책과장은 "출퇴근길 짧은 거리를 자전거로 바꾸면 혼잡이 줄어든다"고 말했다.'
ARTICLE_PS = f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>"


def node_of(inner: str, selector: str = "#c") -> LexborNode:
    tree = LexborHTMLParser(f"<html><body>{inner}</body></html>")
    node = tree.css_first(selector)
    assert node is not None
    return node


def lines_of(inner: str) -> list[str]:
    return [line.text for line in container_lines(node_of(f"<div id='c'>{inner}</div>"))]


def find(page_body: str, selectors: tuple[str, ...] = (), head: str = "") -> Container | None:
    doc = document.parse(f"<html><head>{head}</head><body>{page_body}</body></html>")
    strip_code(doc.tree)
    index = build_index(doc.tree)
    return find_container(doc.tree, index, selectors)


def text_of(container: Container | None) -> str:
    assert container is not None
    return container.node.text(separator=" ")


# --- container_lines ------------------------------------------------------------------------------

LINE_CASES: list[tuple[str, str, list[str]]] = [
    ("paragraphs", "<p>첫 문단.</p><p>둘째 문단.</p>", ["첫 문단.", "둘째 문단."]),
    (
        "br splits",
        "첫 문단.<br>둘째 문단.<br/><br />셋째 문단.",
        ["첫 문단.", "둘째 문단.", "셋째 문단."],
    ),
    ("div splits", "<div>가</div><div>나<div>다</div>라</div>", ["가", "나", "다", "라"]),
    (
        "inline joins",
        "가명시는 <b>올해</b> <a href='/x'>자전거</a>를 <span>늘린다</span>.",
        ["가명시는 올해 자전거를 늘린다."],
    ),
    (
        "headings and lists",
        "<h3>◇ 쟁점</h3><ul><li>하나</li><li>둘</li></ul>",
        ["◇ 쟁점", "하나", "둘"],
    ),
    (
        "table rows",
        "<table><tr><td>구분</td><td>요금</td></tr><tr><td>1시간</td><td>무료</td></tr></table>",
        ["구분 요금", "1시간 무료"],
    ),
    (
        "entities",
        "A&amp;B 시장&nbsp;발표 &quot;무료&quot; &lt;속보&gt; &#44032;",
        ['A&B 시장 발표 "무료" <속보> 가'],
    ),
    ("zero-width", "가\u200b명\u200c시\u200d는\u2060 \ufeff발표했다.", ["가명시는 발표했다."]),
    ("comments", "본문<!-- 광고 시작 --><!-- <p>숨은 문단</p> -->이다.", ["본문이다."]),
    ("whitespace", "  가명시는\n\n  올해\t자전거를   늘린다. ", ["가명시는 올해 자전거를 늘린다."]),
    ("empty blocks", "<p> </p><p>\u200b</p><div></div><p>문단.</p>", ["문단."]),
    ("blockquote", "<blockquote>“좋다.”</blockquote>그는 말했다.", ["“좋다.”", "그는 말했다."]),
]


@pytest.mark.parametrize(("case", "inner", "expected"), LINE_CASES, ids=[c[0] for c in LINE_CASES])
def test_container_lines(case: str, inner: str, expected: list[str]) -> None:
    assert lines_of(inner) == expected, case


def test_container_lines_link_share() -> None:
    lines = container_lines(
        node_of(
            "<div id='c'><p><a href='/1'>가명시 자전거 도로</a></p>"
            "<p>본문 문장에 <a href='/2'>링크</a>가 있다</p><p>링크 없는 문장</p></div>"
        )
    )
    assert lines[0] == Line("가명시 자전거 도로", 1.0)
    assert lines[1].text == "본문 문장에 링크가 있다"
    assert lines[1].link_share == pytest.approx(2 / len("본문 문장에 링크가 있다"))
    assert lines[2] == Line("링크 없는 문장", 0.0)


def test_container_lines_link_share_is_capped_at_one() -> None:
    lines = container_lines(node_of("<div id='c'><a href='/1'> 가 나 다 </a></div>"))
    assert lines == [Line("가 나 다", 1.0)]


def test_container_lines_removed_widget_leaves_a_break() -> None:
    node = node_of(f"<div id='c'>{P1}<span class='share'>공유</span>{P2}</div>")
    prune_container(node)
    assert [line.text for line in container_lines(node)] == [P1, P2]


# --- find_container ----------------------------------------------------------------------------------


def test_schema_article_body_is_trusted() -> None:
    body = P1 * 11
    assert len(body) >= P.TRUSTED_SCHEMA_CHARS
    other = "".join(f"<p>{P2} 목록 {i}, 그리고.</p>" for i in range(15))
    found = find(f"<div itemprop='articleBody'>{body}</div><div class='list'>{other}</div>")
    assert found is not None and found.method == "schema"
    assert found.node.attributes.get("itemprop") == "articleBody"


def test_short_schema_body_still_wins_when_it_covers_the_scored_one() -> None:
    found = find(f"<div class='art'><div itemprop='articleBody'>{ARTICLE_PS}</div></div>")
    assert found is not None and found.method == "schema"


def test_generic_selectors_are_schema_org() -> None:
    from newsclean.extraction.index import SCHEMA_BODY_PROPS

    assert "articleBody" in SCHEMA_BODY_PROPS


def test_site_selector_wins() -> None:
    found = find(
        f"<div id='sidebar-news'>{ARTICLE_PS * 2}</div><div id='dic_area'>{ARTICLE_PS}</div>",
        ("#dic_area",),
    )
    assert found is not None and found.method == "site"
    assert found.node.attributes.get("id") == "dic_area"


def test_longest_site_selector_match_wins() -> None:
    found = find(
        f"<div class='b'>{P1} {P2}</div><div class='b' id='long'>{ARTICLE_PS}</div>", (".b",)
    )
    assert found is not None and found.node.attributes.get("id") == "long"


def test_scored_article_found_among_chrome() -> None:
    page = (
        "<header><h1>가명일보</h1><ul><li><a href='/'>정치</a></li><li><a href='/'>경제</a></li></ul></header>"
        f"<div id='content'><h2>제목</h2><div class='txt'>{ARTICLE_PS}</div></div>"
        "<div id='side'><a href='/1'>가명시 소식 하나를 전합니다</a><a href='/2'>가명군 소식</a></div>"
    )
    found = find(page)
    assert found is not None and found.method == "scored"
    assert P1 in text_of(found) and "가명군 소식" not in text_of(found)


def test_comments_block_does_not_win_over_a_shorter_article() -> None:
    comments = "".join(
        f"<li><p>정말 좋은 정책이네요, 저도 매일 자전거로 출근하는데 요금이 없어진다니 반갑습니다. "
        f"다만 자전거 도로가 끊긴 곳이 많아서 걱정입니다, 빨리 고쳐 주세요. 댓글 {i}</p></li>"
        for i in range(12)
    )
    page = (
        f"<div class='article'>{ARTICLE_PS}</div>"
        f"<div class='comments'><h3>댓글 12</h3><ul>{comments}</ul></div>"
    )
    found = find(page)
    assert P1 in text_of(found)
    assert "댓글 3" not in text_of(found)


def test_hidden_duplicate_body_is_ignored() -> None:
    duplicate = ARTICLE_PS + f"<p>{P1} 숨은 사본.</p>" * 6
    page = (
        f"<div id='cont_newstext'>{ARTICLE_PS}</div>"
        f"<div style='display:none'><div itemprop='articleBody'>{duplicate}</div></div>"
    )
    found = find(page)
    assert P1 in text_of(found)
    assert "숨은 사본" not in text_of(found)


def test_hidden_duplicate_named_hide_is_ignored_by_site_selectors() -> None:
    duplicate = ARTICLE_PS + f"<p>{P1} 숨은 사본.</p>" * 3
    page = (
        f"<div class='hide'><div class='detail-body'>{duplicate}</div></div>"
        f"<div class='detail-body'>{ARTICLE_PS}</div>"
    )
    found = find(page, (".detail-body",))
    assert found is not None and found.method == "site"
    assert "숨은 사본" not in text_of(found)


def test_hidden_attribute_body_is_ignored() -> None:
    duplicate = ARTICLE_PS + f"<p>{P1} 숨은 사본.</p>" * 6
    found = find(f"<div hidden><div class='txt'>{duplicate}</div></div><div>{ARTICLE_PS}</div>")
    assert "숨은 사본" not in text_of(found)


def test_has_sidebar_page_wrapper_is_not_removed() -> None:
    page = (
        "<div class='container has-sidebar'>"
        f"<div class='main-col'><div class='txt'>{ARTICLE_PS}</div></div>"
        "<div class='col-side'><a href='/1'>많이 본 뉴스</a></div>"
        "</div>"
    )
    found = find(page)
    assert P1 in text_of(found)


def test_has_sidebar_wrapper_holding_a_short_schema_body_is_protected() -> None:
    # The wrapper holds under TRAP_MAX_PAGE_SHARE of the page and no h1: only the
    # protection of schema.org body ancestors keeps it (and the article) in the tree.
    art = "".join(
        f"<p>가명시는, 올해, 자전거를, 늘린다. 시는, 예산을, 늘린다. {i}</p>" for i in range(3)
    )
    other = "<p>" + "가명시 골목 상권 지원 사업 확대 계획 발표 " * 12 + "</p>"
    page = (
        f"<div class='wrap has-sidebar'><div itemprop='text'>{art}</div></div>"
        f"<section class='more'>{other}</section>"
    )
    found = find(page)
    assert found is not None and found.method == "schema"
    assert "예산을" in text_of(found)


def test_sidebar_list_is_removed_before_scoring() -> None:
    side = "".join(f"<p>{P2} 곁다리 소식 {i}, 그리고.</p>" for i in range(8))
    page = f"<div class='story'>{ARTICLE_PS}</div><div class='sidebar'>{side}</div>"
    found = find(page)
    assert P1 in text_of(found) and "곁다리" not in text_of(found)


def test_chrome_tags_are_stripped_before_search() -> None:
    nav = "".join(f"<p>{P2} 메뉴 {i}, 그리고.</p>" for i in range(8))
    found = find(f"<nav>{nav}</nav><aside>{nav}</aside><div class='x'>{ARTICLE_PS}</div>")
    assert "메뉴" not in text_of(found)


def test_descend_share_steps_into_the_text_div() -> None:
    page = (
        "<div id='outer'><div class='btns'>글자 크기</div>"
        f"<div id='text'>{P1}<br>{P2}<br>{P3}<br>{P1}</div>"
        "<div class='cap'>사진</div></div>"
    )
    found = find(page)
    assert found is not None and found.node.attributes.get("id") == "text"
    assert 0.5 < DESCEND_SHARE < 1


def test_paragraphs_directly_under_body() -> None:
    # A bare page (saved reader view, tiny CMS) with its <p>s straight under <body>:
    # the container must hold every paragraph, not just the best single one.
    found = find(f"<h1>가명시 자전거 무료화</h1>{ARTICLE_PS}")
    assert found is not None
    text = text_of(found)
    assert P1 in text and P2 in text and P3 in text


def test_no_body_text_gives_no_container() -> None:
    assert find("<div>짧다</div>") is None


# --- prune_container ---------------------------------------------------------------------------------


def pruned(inner: str) -> str:
    node = node_of(f"<div id='c'>{inner}</div>")
    prune_container(node)
    return " ".join(line.text for line in container_lines(node))


@pytest.mark.parametrize(
    ("case", "widget"),
    [
        ("share bar", "<div class='share-area'><a>페이스북</a><a>트위터</a></div>"),
        ("sns list", "<ul class='sns_list'><li>카카오톡</li></ul>"),
        ("caption", "<p class='photo_caption'>가명시청 앞 대여소 모습</p>"),
        ("img_desc", "<em class='img_desc'>가명시청 앞 대여소 모습</em>"),
        ("ad", "<div class='ad-box'>가명마트 할인 행사</div>"),
        ("ad with digits", "<div id='ad300'>가명마트 할인 행사</div>"),
        ("camel ad", "<div class='articleAd'>가명마트 할인 행사</div>"),
        ("reporter box", "<div class='reporter-info'>홍길동 기자 다른 기사 보기</div>"),
        ("copyright", "<p class='copyright'>ⓒ 가명일보</p>"),
        ("font tools", "<div class='btn-fontsize'>가 가</div>"),
        ("hidden style", "<div style='display: none'>가명마트 할인 행사</div>"),
        ("hidden attribute", "<span hidden>가명마트 할인 행사</span>"),
        ("related list", "<div class='relation_news'><a>가명군 소식</a></div>"),
    ],
)
def test_prune_container_removes_widgets(case: str, widget: str) -> None:
    text = pruned(f"<p>{P1}</p>{widget}<p>{P2}</p>")
    assert text == f"{P1} {P2}", case


@pytest.mark.parametrize(
    "keeper",
    [
        "<div class='shadow-box'>{}</div>",
        "<div class='adopseo'>{}</div>",
        "<div class='article_view'>{}</div>",
        "<div class='header-text'>{}</div>",
        "<div style='overflow:hidden'>{}</div>",
    ],
)
def test_prune_container_keeps_legit_names(keeper: str) -> None:
    assert pruned(keeper.format(P1)) == P1


def test_widget_named_wrapper_with_long_prose_is_kept() -> None:
    prose = "".join(f"<p>{P1} 문단 {i}.</p>" for i in range(30))
    assert len(node_of(f"<div id='c'>{prose}</div>").text(strip=True)) > P.JUNK_MAX_TEXT_CHARS
    text = pruned(
        f"<div class='view-share-wrap'>{prose}"
        "<div class='share-btns'><a>페이스북</a><a>트위터</a></div></div>"
    )
    assert "문단 0." in text and "문단 29." in text
    assert "페이스북" not in text  # the real bar inside is still removed


def test_widget_named_long_link_list_is_removed() -> None:
    items = "".join(f"<li><a href='/{i}'>{P2} 소식 {i}</a></li>" for i in range(30))
    text = pruned(f"<p>{P1}</p><ul class='news-tag-list'>{items}</ul>")
    assert text == P1


def test_content_named_widget_with_enough_text_is_kept() -> None:
    prose = f"{P1} {P2} {P3} {P1}"
    assert len(prose) >= P.CONTENT_VETO_CHARS
    assert pruned(f"<div class='article-txt fontsize'>{prose}</div>") == prose


def test_prune_container_never_removes_the_root() -> None:
    node = node_of(f"<div id='c' class='share ad'><p>{P1}</p></div>")
    prune_container(node)
    assert [line.text for line in container_lines(node)] == [P1]


# --- link density of very long blocks on many-tags pages ---------------------------------------


def _long_block(link_every: int) -> LexborNode:
    """A block of ~300 KB markup: rows of text, every ``link_every``-th row a link."""
    rows = "".join(
        f"<a href='/n/{i}'>가명시 소식 {i}번째 링크 제목</a><br>"
        if i % link_every == 0
        else f"<span>가명시 소식 {i}번째 본문 문장입니다</span><br>"
        for i in range(6000)
    )
    tree = LexborHTMLParser(f"<html><body><div id='b'>{rows}</div></body></html>")
    node = tree.css_first("#b")
    assert node is not None and len(node.html or "") > LINK_SAMPLE_MARKUP_CHARS
    return node


@pytest.mark.parametrize(
    ("link_every", "low", "high"), [(1, 0.95, 1.0), (2, 0.4, 0.6), (50, 0.0, 0.05)]
)
def test_link_density_of_a_long_block_is_read_from_a_sample(
    link_every: int, low: float, high: float
) -> None:
    node = _long_block(link_every)
    sampled = link_density(node, many_tags=True)
    assert low <= sampled <= high
    assert abs(sampled - link_density(node)) < 0.05  # what counting every link gives


def test_many_tags_max_widget_chars_keeps_a_huge_link_block() -> None:
    node = _long_block(1)  # all links, far more text than the cap
    text_len = len(node.text(strip=True))
    assert text_len > P.MANY_TAGS_MAX_WIDGET_CHARS
    assert _is_widget(node, "related-list", text_len, many_tags=False)  # links: a widget
    assert not _is_widget(node, "related-list", text_len, many_tags=True)  # too big to check


def test_markup_budget_bounds_the_many_tags_link_check() -> None:
    node = _long_block(1)
    budget = MarkupBudget(left=10)
    assert link_density(node, many_tags=True, budget=budget) > 0.95  # read, then charged
    assert budget.left == 10 - len(node.html or "")
    assert link_density(node, many_tags=True, budget=budget) == 0.0  # spent: no more reading


# --- comments in serialised markup --------------------------------------------------------------

# The regex strip_comments replaces (quadratic when many "<!--" have no "-->" after them).
REFERENCE_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["<!--", "-->", "<!-->", "-", ">", "<", "!", "가", " "]), max_size=14)
)
def test_strip_comments_matches_the_reference_regex(pieces: list[str]) -> None:
    markup = "".join(pieces)
    assert strip_comments(markup) == REFERENCE_COMMENT_RE.sub("", markup)


def test_strip_comments_with_many_unclosed_starts_keeps_them() -> None:
    markup = '<p title="<!--">가</p>' * 20_000  # no "-->" anywhere: no comment at all
    assert strip_comments(markup) == markup
    # One "-->" at the end closes the first "<!--": everything between goes, as with the regex.
    assert strip_comments(markup + "-->") == '<p title="'


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["div", "p", "span", "b"]),
            st.text(alphabet=st.sampled_from(list(" \t\n\r\x0c\xa0\u3000a가.")), max_size=6),
        ),
        max_size=12,
    )
)
def test_text_length_equals_stripped_text_length(parts: list[tuple[str, str]]) -> None:
    markup = "".join(f"<{tag}>{text}</{tag}>{text}" for tag, text in parts)
    tree = LexborHTMLParser(f"<html><body><div id='c'>{markup}</div></body></html>")
    node = tree.css_first("#c")
    assert node is not None
    assert text_length(node) == len(node.text(strip=True))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ad", "Ad", "body", "content", "-", "_", " ", "1", "x", "menu", "Share"]),
        max_size=12,
    ),
    st.integers(0, NAME_MEMO_CHARS + 2),
)
def test_name_verdicts_are_the_regexes_remembered_or_not(parts: list[str], pad: int) -> None:
    """The remembered verdicts (and those of names too long to remember) are the regexes'."""
    names = "".join(parts)
    for text in (names, names + " " * pad + "y"):
        for _ in range(2):  # the second ask is answered from the memo
            assert is_junk_named(text) == (P.JUNK_NAME_RE.search(text) is not None)
            assert is_content_named(text) == (P.CONTENT_NAME_RE.search(text) is not None)
