"""The index walk keeps the exact semantics of the CSS selectors it replaced.

build_index used to ask lexbor for each list with a selector list; one Python walk now sorts
every element instead. These tests keep those selectors as the reference and compare the
walk's lists with lexbor's matches on generated markup: random tags, names in any letter
case (including non-ASCII letters lexbor does not fold), quirks and standards mode.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean.extraction import index as I
from newsclean.extraction import patterns as P
from newsclean.extraction.body import collapse_whitespace
from newsclean.sites import COMMON_BODY_SELECTORS

# The selectors the walk replaced, as they were.
INDEX_SELECTOR = ", ".join(
    ["h1", "h2", "h3", "time", "[itemprop=author]", "[rel=author]", "[hidden]"]
    + [f"[class*={w} i]" for w in I.INDEX_CLASS_WORDS]
    + [f"[id*={w} i]" for w in I.INDEX_ID_WORDS]
    + [f"[style*={w} i]" for w in I.INDEX_STYLE_WORDS]
)
TRAP_SELECTOR = ", ".join(f"[class*={w} i], [id*={w} i]" for w in I.TRAP_WORDS)
CHROME_SELECTOR = ", ".join(P.CHROME_TAGS)
KEEP_SELECTOR = 'h1, [itemprop="articleBody"]'
SCHEMA_SELECTOR = '[itemprop="articleBody"], [itemprop="text"]'
COMMON_SELECTOR = ", ".join(COMMON_BODY_SELECTORS)

TAGS = ["div", "p", "span", "section", "h1", "h2", "h3", "h4", "time", "nav", "aside",
        "footer", "button", "figcaption", "a", "ul", "li", "em",
        "svg", "noscript", "script", "style", "video", "template", "math", "embed"]  # fmt: skip
CODE_SELECTOR = ", ".join(P.CODE_TAGS)
NAME_PARTS = ["tit", "Title", "SUB", "sub_menu", "lead", "byline", "Reporter", "date", "info",
              "comment", "sideBar", "nav", "canvas", "menuitem", "article_body", "ARTICLE_BODY",
              "articleBody", "news_view", "x", "İtem", "ſub", "K", "deck", "precis", "taboola",
              "related", "gnb", "footer"]  # fmt: skip
STYLES = ["display:none", "DISPLAY: NONE", "visibility:hidden", "color:red", "nonE", "ſtyle"]
STYLES += ["color:red;" * 30 + "display:none", "color:red;" * 30]  # past STYLE_MEMO_CHARS


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = []
    if draw(st.booleans()):
        parts = draw(st.lists(st.sampled_from(NAME_PARTS), min_size=0, max_size=3))
        sep = draw(st.sampled_from([" ", "-", "_", ""]))
        attrs.append(f'class="{sep.join(parts)}"')
    if draw(st.integers(0, 3)) == 0:
        attrs.append(f'id="{draw(st.sampled_from(NAME_PARTS))}"')
    if draw(st.integers(0, 5)) == 0:
        attrs.append(f'style="{draw(st.sampled_from(STYLES))}"')
    if draw(st.integers(0, 6)) == 0:
        attrs.append("hidden")
    if draw(st.integers(0, 6)) == 0:
        prop = draw(st.sampled_from(["author", "Author", "articleBody", "articlebody", "text"]))
        attrs.append(f'itemprop="{prop}"')
    if draw(st.integers(0, 6)) == 0:
        attrs.append(f'rel="{draw(st.sampled_from(["author", "AUTHOR", "nofollow"]))}"')
    if draw(st.integers(0, 8)) == 0:
        attrs.append('href="/x"')
    children = ""
    if depth < 3:
        children = "".join(draw(st.lists(element(depth + 1), max_size=3)))
    # Comments: traverse() yields them among the elements, and no list may take them.
    comment = "<!-- c -->" if draw(st.integers(0, 3)) == 0 else ""
    return f"{comment}<{tag} {' '.join(attrs)}>t{children}</{tag}>"


def ids(nodes: object) -> list[int]:
    seen: list[int] = []
    for node in nodes:  # type: ignore[attr-defined]
        if node.mem_id not in seen:  # lexbor lists a node once per selector it matches
            seen.append(node.mem_id)
    return seen


def css(body: LexborNode, selector: str) -> list[int]:
    return ids(body.css(selector))


@settings(max_examples=300, deadline=None)
@given(st.lists(element(), min_size=1, max_size=4), st.booleans())
def test_walk_lists_equal_the_css_selections(elements: list[str], standards: bool) -> None:
    doctype = "<!DOCTYPE html>" if standards else ""
    tree = LexborHTMLParser(f"{doctype}<html><body>{''.join(elements)}</body></html>")
    body = tree.body
    assert body is not None
    index = I.build_index(tree, COMMON_BODY_SELECTORS)
    # The CSS passes ran on the page without its code: strip it the old way, then compare.
    # index.code holds the outermost code elements: each match is one or lies inside one.
    listed = {n.mem_id for n in index.code}
    # Nor does it index what a menu <nav> holds (one without article content, as it stood).
    content = ", ".join(I.NAV_CONTENT_TAGS)
    menus = [nav for nav in body.css("nav") if nav.css_first(content) is None]
    matches = body.css(CODE_SELECTOR)
    assert listed <= {n.mem_id for n in matches}
    for node in matches:
        current: LexborNode | None = node
        while current is not None and current.mem_id not in listed:
            current = current.parent
        assert current is not None
    for node in index.code:  # and only the outermost ones
        above = node.parent
        while above is not None:
            assert above.mem_id not in listed
            above = above.parent
    for node in matches:
        node.remove()
    for nav in menus:  # the selections run as if menus were empty
        for child in list(nav.iter()):
            child.remove()

    assert list(index.order) == css(body, INDEX_SELECTOR)
    assert ids(index.chrome) == css(body, CHROME_SELECTOR)
    assert ids(index.keep) == css(body, KEEP_SELECTOR)
    # Traps: the substring candidates that also have a whole trap name part.
    traps = [
        n.mem_id
        for n in body.css(TRAP_SELECTOR)
        if P.TRAP_NAME_RE.search(
            f"{n.attributes.get('class') or ''} {n.attributes.get('id') or ''}"
        )
    ]
    assert ids(index.traps) == list(dict.fromkeys(traps))
    # Containers: a superset of the common names (any case), exact for schema.org.
    assert sorted(index.schema) == sorted(css(body, SCHEMA_SELECTOR))
    quirks: list[bool] = []
    matched = [
        n.mem_id
        for n in index.containers
        if n.mem_id in index.schema or I.common_match(index, n, quirks)
    ]
    assert matched == css(body, ", ".join((SCHEMA_SELECTOR, COMMON_SELECTOR)))
    # Hidden: the indexed nodes with the hidden attribute or a hiding style.
    hidden = [n.mem_id for n in body.css(INDEX_SELECTOR) if I.is_hidden(n.attributes)]
    assert ids(index.hidden) == list(dict.fromkeys(hidden))


def test_a_nav_is_chrome_and_nothing_in_it_is_indexed_but_code_and_head_data() -> None:
    page = (
        "<html><body><nav class='gnb'><h2 class='logo'>사이트</h2><span class='date'>2023.01.01"
        "</span><ul class='menu'><li class='reporter'>기자</li></ul><button>메뉴</button>"
        "<script type='application/ld+json'>{}</script><svg><title>아이콘</title><style>a{}</style></svg>"
        "<nav class='sub-nav'><style>p{}</style></nav></nav>"
        "<h1 class='tit'>제목</h1><span class='date'>2023.05.26</span>"
        "<noscript><meta name='after' content='the menu'></noscript></body></html>"
    )
    tree = LexborHTMLParser(page)
    index = I.build_index(tree, COMMON_BODY_SELECTORS)
    texts = {n.text(strip=True) for n in index.headlines}
    assert texts == {"제목"}
    assert [n.text(strip=True) for n in index.dates] == ["2023.05.26"]
    assert [n.tag for n in index.keep] == ["h1"] and index.keep[0].text() == "제목"
    assert index.bylines == ()
    assert [n.tag for n in index.traps] == ["nav"]  # its own name still counts ("gnb")
    assert [n.tag for n in index.chrome] == ["nav"]  # the inner nav and button go with it
    assert [n.tag for n in index.code] == ["script", "svg", "style", "noscript"]  # outermost
    assert [n.tag for n in index.read or ()] == ["script", "meta"]  # in code after it too


def test_a_nav_with_article_content_is_walked_like_any_element() -> None:
    # A missing </nav> puts what follows inside the nav: the article's header, say.
    page = (
        "<html><body><div><nav class='gnb'><a href='/'>홈</a>"
        "<h1 class='tit'>제목</h1><span class='reporter'>홍길동 기자</span>"
        "<span class='date'>2023.05.26</span></div><p>본문</p></body></html>"
    )
    index = I.build_index(LexborHTMLParser(page), COMMON_BODY_SELECTORS)
    assert [n.text() for n in index.headlines] == ["제목"]
    assert [n.text() for n in index.bylines] == ["홍길동 기자"]
    assert [n.text() for n in index.dates] == ["2023.05.26"]


@pytest.mark.parametrize(
    ("inner", "walked"),
    [("h1", True), ("p", True), ("time", True), ("article", True), ("main", True),
     ("header", True), ("h2", False), ("h3", False), ("ul", False), ("a", False)],
)  # fmt: skip
def test_what_makes_a_nav_more_than_a_menu(inner: str, walked: bool) -> None:
    page = f"<html><body><nav><{inner}>x</{inner}><span class='date'>2023.05.26</span></nav>"
    index = I.build_index(LexborHTMLParser(page + "</body></html>"), COMMON_BODY_SELECTORS)
    dates = [n.text() for n in index.dates if n.tag == "span"]
    assert dates == (["2023.05.26"] if walked else [])


def test_class_names_are_remembered_across_pages() -> None:
    page = (
        "<html><body><p class='view_sub'>부제</p><div class='comment-list'>댓글</div></body></html>"
    )
    I.build_index(LexborHTMLParser(page), COMMON_BODY_SELECTORS)
    memo = I._memo_for(I._common_names(COMMON_BODY_SELECTORS))
    assert memo["view_sub"] & I.SUBTITLE
    assert memo["comment-list"] & I.TRAP
    index = I.build_index(LexborHTMLParser(page), COMMON_BODY_SELECTORS)
    assert [n.text() for n in index.subtitles] == ["부제"]
    assert [n.text() for n in index.traps] == ["댓글"]


def test_name_memo_is_bounded(monkeypatch: object) -> None:
    import pytest

    mp = pytest.MonkeyPatch()
    mp.setattr(I, "NAME_MEMO_MAX", 5)
    try:
        page = "".join(f"<p class='c{i}'>x</p>" for i in range(40))
        I.build_index(LexborHTMLParser(f"<html><body>{page}</body></html>"))
        assert len(I._memo_for(I._common_names(()))) <= 5
    finally:
        mp.undo()


def test_common_selectors_must_be_simple() -> None:
    import pytest

    with pytest.raises(ValueError):
        I.build_index(LexborHTMLParser("<p>x</p>"), ("div.article_body",))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>\n\t\u00a0\u3000\u2003가")), max_size=40))
def test_collapse_whitespace_equals_the_regex(text: str) -> None:
    assert collapse_whitespace(text) == re.sub(r"\s+", " ", text)


MARKER_CASES = [
    "<div id='dic_area'>x</div>",
    "<div id='DIC_AREA'>x</div>",
    "<div class='article_view' data-translation-body='true'>x</div>",
    "<div class='article_view'>x</div>",
    "<section class='article_view' data-translation-body='true'>x</section>",
    "<header class='article-view-header'>x</header>",
    "<div class='article-view-header'>x</div>",
    "<div id='article-view-content-div'>x</div>",
    "<p class='x'>nothing</p>",
    "<div class='wrap'><div id='dic_area'>x</div></div>",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(MARKER_CASES), max_size=3), st.booleans())
def test_site_markers_match_as_css_does(pieces: list[str], standards: bool) -> None:
    from newsclean.sites import MARKER_SELECTORS, SITES, match_site

    doctype = "<!DOCTYPE html>" if standards else ""
    tree = LexborHTMLParser(f"{doctype}<html><body>{''.join(pieces)}</body></html>")
    expected = next(
        (site for site in SITES if any(tree.css_first(m) is not None for m in site.markers)),
        None,
    )
    index = I.build_index(tree, (), MARKER_SELECTORS)
    assert match_site(tree, index, None) == expected


def test_marker_needs_an_id_or_class_outside_brackets() -> None:
    import pytest

    page = LexborHTMLParser("<p>x</p>")
    for bad in ("div[data-x]", "a[href*='x.com']", "#a, #b"):
        with pytest.raises(ValueError):
            I.build_index(page, (), (bad,))
