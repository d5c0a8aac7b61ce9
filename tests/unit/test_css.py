"""css.select / select_first: selectolax's css() and css_first(), through one engine per thread."""

from __future__ import annotations

import threading

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsclean import css

PAGE = """<html><head><title>First</title><meta name="a" content="1"><title>Second</title>
<link rel="canonical" href="/x"></head><body class="b">
<div id="main" class="Article_Body"><p class="lead">One <a href="/1">link</a></p>
<template><p>inside a template</p></template>
<svg><title>icon</title></svg><p hidden>two</p><span style="display:none">three</span></div>
<ul class="menu"><li><a href="/2">Home</a></li><li><a class="on" href="/3">News</a></li></ul>
</body></html>"""

QUERIES = [
    "a", "p", "title", "meta, script, link, html", "[class], [id], [style], [hidden]",
    "link[rel=canonical]", ".article_body", "#main", "div > p", "*", "template", "li a.on",
    "h1", "body", "html",
]  # fmt: skip


def _ids(nodes: list) -> list[int]:
    return [node.mem_id for node in nodes]


def _scopes(tree: LexborHTMLParser) -> list:
    return [tree, tree.root, tree.head, tree.body, *tree.body.css("div, ul, p")]


def test_select_finds_what_css_finds() -> None:
    tree = LexborHTMLParser(PAGE)
    for scope in _scopes(tree):
        for query in QUERIES:
            assert _ids(css.select(scope, query)) == _ids(scope.css(query)), query


def test_select_first_finds_what_css_first_finds() -> None:
    tree = LexborHTMLParser(PAGE)
    for scope in _scopes(tree):
        for query in QUERIES:
            expected = scope.css_first(query)
            found = css.select_first(scope, query)
            assert (found and found.mem_id) == (expected and expected.mem_id), query


def test_one_engine_serves_every_page_in_a_thread() -> None:
    first = LexborHTMLParser("<body><p>alpha</p><p>beta</p></body>")
    second = LexborHTMLParser("<body><div><p>gamma</p></div></body>")
    assert [p.text() for p in css.select(first, "p")] == ["alpha", "beta"]
    assert [p.text() for p in css.select(second, "p")] == ["gamma"]
    found = css.select_first(first, "p")
    assert found is not None and found.text() == "alpha"
    engine = css._engine()
    css.select(second, "div")
    assert css._engine() is engine


def test_matches_keep_their_page_alive() -> None:
    nodes = css.select(LexborHTMLParser("<body><p>kept</p></body>"), "p")
    css.select(LexborHTMLParser("<body><p>other</p></body>"), "p")
    assert [node.text() for node in nodes] == ["kept"]


def test_threads_have_engines_of_their_own() -> None:
    trees = [LexborHTMLParser(f"<body>{'<p>x</p>' * (i + 1)}</body>") for i in range(4)]
    engines: list[object] = []
    errors: list[str] = []

    def work(tree: LexborHTMLParser, expected: int) -> None:
        engines.append(css._engine())
        for _ in range(300):
            if len(css.select(tree, "p")) != expected:
                errors.append(f"wrong count for {expected}")
                return

    threads = [threading.Thread(target=work, args=(t, i + 1)) for i, t in enumerate(trees)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert len({id(engine) for engine in engines}) == len(threads)


TAGS = st.sampled_from(["div", "p", "span", "a", "ul", "li", "section", "b"])
CLASSES = st.sampled_from(["", ' class="x"', ' class="X y"', ' id="x"', " hidden", ' style="a"'])


@st.composite
def _markup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        tag = draw(TAGS)
        parts.append(f"<{tag}{draw(CLASSES)}>t")
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    return "<body>" + "".join(parts) + "</body>"


@settings(max_examples=150, deadline=None)
@given(_markup(), st.sampled_from([*QUERIES, ".x", ".X", "[class~=y]", "p span", "#x"]))
def test_select_agrees_with_css_on_generated_pages(markup: str, query: str) -> None:
    tree = LexborHTMLParser(markup)
    for scope in _scopes(tree):
        assert _ids(css.select(scope, query)) == _ids(scope.css(query))
        first = css.select_first(scope, query)
        expected = scope.css_first(query)
        assert (first and first.mem_id) == (expected and expected.mem_id)
