"""Role index of a page's named elements (newsclean.extraction.index.build_index)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean.extraction import patterns as P
from newsclean.extraction.index import (
    NOT_SUBTITLE_PARTS,
    SUBTITLE_PARTS,
    SUBTITLE_TOKENS,
    PageIndex,
    build_index,
)


def index_of(inner: str) -> PageIndex:
    return build_index(LexborHTMLParser(f"<html><body>{inner}</body></html>"))


def texts(nodes: tuple[object, ...]) -> list[str]:
    return [n.text(strip=True) for n in nodes]  # type: ignore[attr-defined]


ROLES = ("headlines", "subtitles", "bylines", "dates", "hidden")

# (markup of one element holding the text "X", roles it must have)
ROLE_CASES: list[tuple[str, set[str]]] = [
    ("<h1>X</h1>", {"headlines"}),
    ("<h2>X</h2>", {"headlines"}),
    ("<h3>X</h3>", {"headlines"}),
    ("<div class='article-title'>X</div>", {"headlines"}),
    ("<div class='tit_view'>X</div>", {"headlines"}),
    ("<p class='news_headline'>X</p>", {"headlines"}),
    ("<div id='articleTitle'>X</div>", {"headlines"}),
    # decks
    ("<p class='view_sub'>X</p>", {"subtitles"}),
    ("<strong class='media_end_summary'>X</strong>", {"subtitles"}),
    ("<h2 class='subheading'>X</h2>", {"headlines", "subtitles"}),
    ("<div class='news-view-lead'>X</div>", {"subtitles"}),
    ("<div class='mid_title'>X</div>", {"headlines", "subtitles"}),
    ("<div class='sub_title'>X</div>", {"headlines", "subtitles"}),
    ("<p class='deck'>X</p>", {"subtitles"}),
    ("<p class='article-summary'>X</p>", {"subtitles"}),
    ("<p class='precis'>X</p>", {"subtitles"}),
    ("<p class='stit'>X</p>", {"headlines", "subtitles"}),
    # not decks
    ("<ul class='sub_menu'>X</ul>", set()),
    ("<ul class='sub-nav'>X</ul>", set()),
    ("<ul class='lead-list'>X</ul>", set()),
    ("<div class='summary_btn'>X</div>", set()),
    ("<div class='subscribe'>X</div>", set()),
    ("<div class='submit'>X</div>", set()),
    # bylines
    ("<span class='byline'>X</span>", {"bylines", "dates"}),
    ("<em class='media_end_head_journalist_name'>X</em>", {"bylines"}),
    ("<div class='reporter_area'>X</div>", {"bylines"}),
    ("<span class='writer'>X</span>", {"bylines"}),
    ("<span class='author-name'>X</span>", {"bylines"}),
    ("<div id='reporterBox'>X</div>", {"bylines"}),
    ("<span itemprop='author'>X</span>", {"bylines"}),
    ("<a rel='author'>X</a>", {"bylines"}),
    # dates
    ("<span class='date'>X</span>", {"dates"}),
    ("<span class='media_end_head_info_datestamp_time'>X</span>", {"dates"}),
    ("<div class='info-text'>X</div>", {"dates"}),
    ("<li class='regist'>X</li>", {"dates"}),
    ("<span class='publish-time'>X</span>", {"dates"}),
    ("<span class='updated'>X</span>", {"dates"}),
    ("<span id='newsDate'>X</span>", {"dates"}),
    ("<time datetime='2026-01-06T15:08:00+09:00'>X</time>", {"dates"}),
    # hidden
    ("<div hidden>X</div>", {"hidden"}),
    ("<div style='display:none'>X</div>", {"hidden"}),
    ("<div style='visibility: hidden'>X</div>", {"hidden"}),
    ("<div style='overflow:hidden'>X</div>", set()),
    # nothing
    ("<div class='article_body'>X</div>", set()),
    ("<p>X</p>", set()),
]


@pytest.mark.parametrize(("markup", "roles"), ROLE_CASES, ids=[m for m, _ in ROLE_CASES])
def test_roles(markup: str, roles: set[str]) -> None:
    index = index_of(markup)
    found = {role for role in ROLES if "X" in texts(getattr(index, role))}
    assert found == roles


@pytest.mark.parametrize(
    "markup",
    [
        "<h1 class='title'>X</h1>",  # h1 and [class*=tit]
        "<span class='publish-time'>X</span>",  # [class*=publish] and [class*=time]
        "<span class='byline date'>X</span>",
        "<h2 class='subheading'>X</h2>",
    ],
)
def test_node_matching_several_selectors_is_indexed_once(markup: str) -> None:
    # lexbor returns a node once per matching selector of a selector list.
    index = index_of(markup)
    assert len(index.order) == 1
    for role in ROLES:
        assert texts(getattr(index, role)) in ([], ["X"]), role


def test_positions_are_distinct_and_follow_document_order() -> None:
    tree = LexborHTMLParser(
        "<html><body><h1 class='title'>제목</h1><p class='view_sub'>부제</p>"
        "<span class='publish-time'>입력</span><span class='date'>수정</span></body></html>"
    )
    index = build_index(tree)
    nodes = [tree.css_first(s) for s in ("h1", "p", ".publish-time", ".date")]
    positions = [index.position(n) for n in nodes if n is not None]
    assert positions == sorted(set(positions)) and len(positions) == 4


def test_index_keeps_document_order_and_positions() -> None:
    index = index_of(
        "<h1 id='h'>제목</h1><p class='view_sub'>부제</p>"
        "<span class='byline'>홍길동 기자</span><span class='date'>입력 2026.01.06</span>"
    )
    h1, deck = index.headlines[0], index.subtitles[0]
    assert index.position(h1) == 0
    assert index.position(deck) == 1
    assert index.position(index.dates[-1]) == 3
    assert texts(index.bylines) == ["홍길동 기자"]
    assert texts(index.dates) == ["홍길동 기자", "입력 2026.01.06"]


def test_position_of_unindexed_node_is_minus_one() -> None:
    tree = LexborHTMLParser("<html><body><p id='x'>본문</p><h1>제목</h1></body></html>")
    index = build_index(tree)
    node = tree.css_first("p")
    assert node is not None and index.position(node) == -1


def test_same_class_string_classified_alike() -> None:
    index = index_of("<p class='view_sub'>하나</p><p class='view_sub'>둘</p>")
    assert texts(index.subtitles) == ["하나", "둘"]


def test_empty_page() -> None:
    index = build_index(LexborHTMLParser(""))
    assert index.headlines == index.subtitles == index.bylines == index.dates == ()


def test_deck_word_lists_do_not_overlap() -> None:
    assert not SUBTITLE_PARTS & NOT_SUBTITLE_PARTS
    assert all("menu" not in token and "nav" not in token for token in SUBTITLE_TOKENS)


def test_index_words_reach_every_role_word() -> None:
    """Each class/id word of the role lists contains an index word (a word may ride on a
    shorter one it contains), so no role can silently lose its candidates."""
    from newsclean.extraction import index as I

    for word in I.HEADLINE_CLASS_WORDS + I.BYLINE_CLASS_WORDS + I.DATE_CLASS_WORDS:
        assert any(w in word for w in I.INDEX_CLASS_WORDS), word
    for word in I.HEADLINE_ID_WORDS + I.BYLINE_ID_WORDS + I.DATE_ID_WORDS:
        assert any(w in word for w in I.INDEX_ID_WORDS), word
    for word in I.SUBTITLE_PARTS | I.SUBTITLE_TOKENS:
        assert any(w in word for w in I.INDEX_CLASS_WORDS), word


def test_trap_words_reach_every_trap_name_part() -> None:
    from newsclean.extraction import index as I

    for part in P.TRAP_NAME_PARTS:
        assert any(w in part for w in I.TRAP_WORDS), part
