"""document.parse and body.strip_code against simple references: the regex hostile gate, one
CSS pass for the head data and one CSS pass for the code tags (the earlier implementations)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsclean import document
from newsclean.document import (
    GT_FREE_BLOCK_CHARS,
    LONG_START_TAG_CHARS,
    LONG_START_TAG_RE,
    MARKUP_GATE_TAGS,
    MAX_LINKS_READ,
    has_long_start_tag,
    may_be_hostile,
)
from newsclean.extraction import patterns as P
from newsclean.extraction.body import strip_code
from newsclean.extraction.index import build_index


def _hostile_by_regex(text: str) -> bool:
    return text.count("<") > MARKUP_GATE_TAGS or LONG_START_TAG_RE.search(text) is not None


# Pieces of markup; long runs without '>' land on both sides of the regex's length.
_SHORT = st.sampled_from(
    ["<", ">", "<a", "<B ", "</p>", "가", "\U0001f600", "\x00", "x", "\n", " "]
)
_RUN_CHARS = st.sampled_from(["x", "가", " ", "<", "\U0001f600", "="])
_LONG = st.builds(
    lambda c, n: c * n,
    _RUN_CHARS,
    st.integers(LONG_START_TAG_CHARS - 3, LONG_START_TAG_CHARS + 3)
    | st.integers(GT_FREE_BLOCK_CHARS - 3, GT_FREE_BLOCK_CHARS + 3)
    | st.integers(0, 3 * GT_FREE_BLOCK_CHARS),
)
_MARKUP = st.lists(_SHORT | _LONG | st.text(max_size=20), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKUP)
def test_long_start_tag_prefilter_matches_regex(text: str) -> None:
    assert has_long_start_tag(text) == (LONG_START_TAG_RE.search(text) is not None)
    assert may_be_hostile(text) == _hostile_by_regex(text)


def test_long_start_tag_at_every_block_alignment() -> None:
    block = GT_FREE_BLOCK_CHARS
    near_edges = [*range(0, 12), *range(block - 12, block + 12), *range(2 * block - 12, 2 * block)]
    for offset in near_edges + list(range(0, 2 * block, 97)):
        for run in (LONG_START_TAG_CHARS - 1, LONG_START_TAG_CHARS, LONG_START_TAG_CHARS + 1):
            text = ">" * offset + "<a" + "가" * run + ">" + "<p>x</p>" * 3
            assert has_long_start_tag(text) == (run >= LONG_START_TAG_CHARS)
            assert has_long_start_tag(text) == (LONG_START_TAG_RE.search(text) is not None)


def test_long_run_without_a_tag_start_is_not_a_long_tag() -> None:
    # The prefilter fires on the run; the exact regex then finds no '<' + letter before it.
    text = "<p>" + "x" * (3 * LONG_START_TAG_CHARS) + "</p><a href=x>y</a>"
    assert not has_long_start_tag(text)
    assert has_long_start_tag("<p>" + "<1" * LONG_START_TAG_CHARS) is False
    assert has_long_start_tag("<" * 100 + "<q" + "<" * LONG_START_TAG_CHARS)


def _head_by_css(tree: LexborHTMLParser) -> tuple[str | None, str | None, str | None]:
    """Title, lang and canonical as one CSS pass read them."""
    lang = title = canonical = None
    for node in tree.css("html, title, link[rel=canonical]"):
        if node.tag == "title" and title is None:
            title = node.text(strip=True) or None
        elif node.tag == "html" and lang is None:
            lang = node.attributes.get("lang")
        elif node.tag == "link" and canonical is None:
            canonical = node.attributes.get("href")
    return title, lang, canonical or None


_HEAD_PIECES = st.sampled_from(
    [
        "<title></title>",
        "<title> T1 </title>",
        "<TITLE>T2</TITLE>",
        "<svg><title>svg title</title><html lang=sv></html></svg>",
        "<math><html lang=mx><meta name=m content=1></math>",
        "<html lang=ko>",
        "<HTML LANG=''>",
        "<link rel=canonical>",
        "<link rel=CANONICAL href=/a>",
        "<link rel='canonical ' href=/b>",
        "<link rel='canonical alternate' href=/c>",
        "<link rel='canon\u0130cal' href=/d>",
        "<link rel=stylesheet href=/e>",
        "<link rel=canonical href=''>",
        "<link REL=Canonical HREF=/f>",
        "<meta property=og:locale content=en_US>",
        "<p>text</p>",
        "<template><title>tt</title><link rel=canonical href=/t></template>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEAD_PIECES, max_size=8).map("".join))
def test_head_reading_matches_one_css_pass(markup: str) -> None:
    doc = document.parse(markup)
    title, lang, canonical = _head_by_css(LexborHTMLParser(markup))
    assert doc.title_tag == title
    assert doc.lang == (lang or doc.meta.get("og:locale") or None)
    assert doc.canonical == canonical


@pytest.mark.parametrize("links", [0, MAX_LINKS_READ + 1])
def test_canonical_on_a_page_of_many_links(links: int) -> None:
    markup = "<link rel=icon href=i>" * links + "<link rel=Canonical><link rel=canonical href=/c>"
    assert document.parse(markup).canonical == "/c"


def test_scripts_and_meta_are_read_in_document_order() -> None:
    markup = (
        '<meta name="a" content=" one "><script type="application/ld+json">{"@type": "Thing"}'
        '</script><body><meta name=A content=two><script id="__NEXT_DATA__">{"n": 1}</script>'
        "<script>Fusion.globalContent={};</script><script src=x.js>Fusion.globalContent=</script>"
    )
    doc = document.parse(markup)
    assert doc.meta == {"a": "one"}
    assert doc.meta_all == {"a": ("one", "two")}
    assert doc.jsonld == ({"@type": "Thing"},)
    assert doc.scripts == ('{"n": 1}', "Fusion.globalContent={};")


_CODE_PIECES = st.sampled_from(
    [
        "<script>s</script>",
        "<SCRIPT>S</SCRIPT>",
        "<style>y</style>",
        "<noscript><p>n</p></noscript>",
        "<svg><script>q</script><title>t</title></svg>",
        "<math><style>m</style><link href=l><mi><meta name=k content=v></mi></math>",
        "<template><script>t</script></template>",
        "<iframe src=x></iframe>",
        "<object><embed></object>",
        "<map><area></map>",
        "<video><audio></audio></video>",
        "<canvas>c</canvas>",
        "<my-script>k</my-script>",
        "<table><tr><td><script>x</script></td></tr></table>",
        "<p>text <b>bold</b></p>",
        "<div>",
        "</div>",
        "<head><meta charset=utf-8><link rel=icon href=i><title>t</title></head>",
        "<body><link rel=canonical href=c><meta name=b content=c><script>late</script>",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_CODE_PIECES, max_size=10).map("".join))
def test_strip_code_matches_one_css_pass(markup: str) -> None:
    expected = LexborHTMLParser(markup)
    for node in expected.root.css(", ".join(P.CODE_TAGS)):
        node.remove()
    tree = LexborHTMLParser(markup)
    strip_code(tree)
    assert tree.html == expected.html
    walked = LexborHTMLParser(markup)  # with the code elements the index walk lists
    strip_code(walked, build_index(walked).code)
    assert walked.html == expected.html


_READ_PIECES = st.sampled_from(
    [
        "<noscript><meta name=n content=1><div><script>ns</script></div></noscript>",
        "<svg><script>q</script><meta name=s content=2/><html lang=sv></html></svg>",
        "<math><script><meta name=m content=3><link rel=canonical href=/m></script></math>",
        "<math><html lang=mx></html></math>",
        "<frameset><frame></frameset>",
        "<html lang=ko>",
        "<!-- c -->",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CODE_PIECES | _HEAD_PIECES | _READ_PIECES, max_size=10).map("".join))
def test_walk_finds_the_body_share_of_the_read_tags(markup: str) -> None:
    # The elements document.read takes from the index walk are those one CSS pass finds (the
    # pass that replaced tree.tags() per name; the two agree on every page tried).
    tree = LexborHTMLParser(markup)
    expected = [(node.tag, node.mem_id) for node in tree.css(document.READ_SELECTOR)]
    read = build_index(tree).read
    assert read is not None or "<frameset>" in markup  # ten pieces: few code elements to search
    by_tag = document._by_tag(tree, read)
    for tag in document.READ_TAGS:
        assert [node.mem_id for node in by_tag[tag]] == [m for t, m in expected if t == tag]


def test_read_tags_inside_many_code_elements_come_from_the_walk() -> None:
    # Each <noscript> holds two elements; the last one ends the body (nothing to skip to).
    holder = "<noscript><meta name=s content=1><img></noscript>"
    for count in (1, 300):
        tree = LexborHTMLParser(f"<meta name=h content=0><body><script>x</script>{holder * count}")
        read = build_index(tree).read
        assert read is not None
        by_tag = document._by_tag(tree, read)
        assert len(by_tag["meta"]) == count + 1
        assert len(by_tag["script"]) == 1


def test_the_parse_runs_without_lexbor_mutation_events() -> None:
    # PARSE_OPTIONS: the only visible effect of the events is a <selectedcontent> that mirrors
    # the chosen <option>; without them it keeps what the markup holds.
    page = "<body><select><selectedcontent></selectedcontent><option>x</option></select></body>"
    tree, _ = document.parse_tree(page)
    mirror = tree.css_first("selectedcontent")
    assert mirror is not None and mirror.text() == ""
