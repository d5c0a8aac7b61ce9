"""newsclean.markup_limits / markup_model: hostile markup is bounded, real markup untouched."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean import markup_limits as L
from newsclean import markup_model as M
from robustness import hostile_pages as H

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PARAGRAPH_TEXT = H.SENTENCES[0]

# Generous: CI machines vary; the strict per-MB numbers live in benchmarks/worst_case.py.
SECONDS = 10.0


def _max_depth(tree: LexborHTMLParser) -> int:
    """Deepest element nesting, walked iteratively (no recursion limit)."""
    deepest = 0
    stack: list[tuple[LexborNode, int]] = [(tree.root, 1)] if tree.root is not None else []
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        child = node.child
        while child is not None:
            if child.tag not in ("-text", "_text", "-comment", "_comment"):
                stack.append((child, depth + 1))
            child = child.next
    return deepest


def _timed(text: str) -> tuple[str, float]:
    start = time.perf_counter()
    out = L.limit_markup(text)
    return out, time.perf_counter() - start


# --- real pages pass untouched -----------------------------------------------------------------


def test_plain_article_is_returned_as_the_same_object() -> None:
    text = H.article_page()
    assert L.limit_markup(text) is text


@pytest.mark.parametrize(
    "source", sorted(FIXTURES.glob("*/source.html")), ids=lambda p: p.parent.name
)
def test_fixture_pages_are_returned_unchanged(source: Path) -> None:
    text = source.read_bytes().decode("utf-8", "replace")
    assert L.limit_markup(text) is text


def test_text_without_markup_is_returned_unchanged() -> None:
    assert L.limit_markup("no markup at all") == "no markup at all"
    assert L.limit_markup("") == ""


def test_page_of_unclosed_paragraphs_is_not_deep() -> None:
    # <p> closes the previous <p>: thousands of unclosed paragraphs are flat, not nested.
    text = H.article_page(article_inner="<p>가명시 소식입니다." * 5000)
    assert not L._too_nested(text)


def test_page_of_closed_formatting_is_not_flagged() -> None:
    text = H.article_page(article_inner="<span><b><i>가명</i></b></span>" * 3000)
    assert not L._too_nested(text)


def test_pages_over_gate_max_tags_are_always_modelled() -> None:
    text = "<p>가명</p>" * (L.GATE_MAX_TAGS // 2 + 1)
    assert L._too_nested(text)
    assert L.limit_markup(text) == text  # modelled, and nothing to drop


@pytest.mark.parametrize(
    "unit", ["<span><div></span></div>", "<x-a><li></x-a></li>", "<b><div></b></div>"]
)
def test_misnesting_the_gauges_cannot_see_stays_linear(unit: str) -> None:
    # </span> is ignored while a <div> is open inside it: spans pile up, unseen by a count.
    text = "<html><body>" + unit * 100_000
    out, elapsed = _timed(text)
    start = time.perf_counter()
    tree = LexborHTMLParser(out)
    assert elapsed + (time.perf_counter() - start) < SECONDS
    assert _max_depth(tree) <= 2 * M.MAX_DEPTH


def test_gate_max_rise_lets_moderate_nesting_through() -> None:
    depth = L.GATE_MAX_RISE - 20
    text = H.deep_nesting(depth).decode()
    assert L.limit_markup(text) is text


# --- nesting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["div", "section", "blockquote", "span", "font", "x-custom"])
def test_deep_nesting_is_capped_and_keeps_text(tag: str) -> None:
    text = H.deep_nesting(100_000, tag).decode()
    out, elapsed = _timed(text)
    assert elapsed < SECONDS
    tree = LexborHTMLParser(out)
    assert _max_depth(tree) <= M.MAX_DEPTH + 10
    assert PARAGRAPH_TEXT in (tree.body.text() if tree.body else "")


@pytest.mark.parametrize(
    "unit",
    ["<ul><li>", "<li><section>", "<table><tr><td>", "<dl><dd>", "<div><p>", "<object><div>"],
)
def test_nesting_through_implied_end_tags_is_capped(unit: str) -> None:
    text = H.article_page(article_inner=unit * 50_000 + H.paragraph(0))
    out, elapsed = _timed(text)
    start = time.perf_counter()
    tree = LexborHTMLParser(out)
    assert elapsed + (time.perf_counter() - start) < SECONDS
    assert _max_depth(tree) <= 4 * M.MAX_DEPTH


def test_nesting_hidden_in_svg_style_is_capped() -> None:
    # Inside <svg>, <style> holds markup, not text: the divs in it really nest.
    text = H.article_page(article_inner="<svg><style>" + "<div>" * 100_000)
    out, elapsed = _timed(text)
    assert elapsed < SECONDS
    assert _max_depth(LexborHTMLParser(out)) <= M.MAX_DEPTH + 10


@pytest.mark.parametrize(
    "prefix", ['<!-- <n a=" -->', '<script>i<n a="</script>', "<textarea><div a='</textarea>"]
)
def test_nesting_after_comments_and_raw_text_is_capped(prefix: str) -> None:
    text = H.article_page(article_inner=prefix + "<div>" * 100_000 + '"')
    out, elapsed = _timed(text)
    assert elapsed < SECONDS
    assert _max_depth(LexborHTMLParser(out)) <= M.MAX_DEPTH + 10


def test_raw_text_is_never_edited() -> None:
    script = "<script>var s = '" + "<div>" * 1000 + "';</script>"
    text = H.article_page(article_inner="<div>" * 2000 + H.paragraph(0), head_extra=script)
    out = L.limit_markup(text)
    assert script in out


def test_end_tags_of_dropped_elements_are_dropped_too() -> None:
    text = "<div>" * (M.MAX_DEPTH + 50) + "x" + "</div>" * (M.MAX_DEPTH + 50) + "<p>after</p>"
    out = L.limit_markup(text)
    assert out.count("<div>") == out.count("</div>")
    paragraph = LexborHTMLParser(out).css_first("p")
    assert paragraph is not None and paragraph.parent is not None
    assert paragraph.parent.tag == "body"


# --- attributes --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["x", ">", "a b", "<>"[:1]])
def test_many_attributes_are_cut(value: str) -> None:
    text = H.many_attributes(200_000, value=value).decode()
    out, elapsed = _timed(text)
    start = time.perf_counter()
    tree = LexborHTMLParser(out)
    assert elapsed + (time.perf_counter() - start) < SECONDS
    node = tree.css_first("[data-a0]")
    assert node is not None
    assert len(node.attributes) <= M.MAX_ATTRIBUTES
    assert PARAGRAPH_TEXT in node.text()


def test_attributes_without_whitespace_are_counted() -> None:
    attrs = "".join(f'a{i}="1"' for i in range(1000))
    text = f"<div {attrs}>x</div>"
    div = LexborHTMLParser(L.limit_markup(text)).css_first("div")
    assert div is not None and len(div.attributes) <= M.MAX_ATTRIBUTES


def test_long_attribute_values_are_kept() -> None:
    image = '<img alt="' + "가명 " * 2000 + '" src="data:image/png;base64,' + "A" * 50_000 + '">'
    text = H.article_page(body_prefix=image)
    assert L.limit_markup(text) is text


def test_count_attributes_stops_after_the_cap() -> None:
    text = "<div " + " ".join(f"a{i}" for i in range(10_000)) + ">"
    count, cut = M.count_attributes(text, 4, len(text))
    assert count == M.MAX_ATTRIBUTES + 1
    assert text[:cut].count(" a") == M.MAX_ATTRIBUTES


def test_long_tag_chars_is_the_shortest_tag_over_the_cap() -> None:
    # Each attribute needs a separator and a name character.
    shortest = "<p" + " a" * (M.MAX_ATTRIBUTES + 1) + ">"
    assert len(shortest) > M.LONG_TAG_CHARS


# --- formatting clones -------------------------------------------------------------------------


def test_unclosed_formatting_before_many_blocks_stays_linear() -> None:
    fonts = "".join(f'<font class="c{i}">' for i in range(3000))
    text = "<div>" + fonts + "</div>" + "<p>가</p>" * 30_000
    out, elapsed = _timed(text)
    start = time.perf_counter()
    tree = LexborHTMLParser(out)
    assert elapsed + (time.perf_counter() - start) < SECONDS
    assert len(tree.css("font")) <= (M.MAX_OPEN_FORMATTING + 1) * 30_001


def test_links_are_never_dropped_as_formatting() -> None:
    text = (
        "<b><i><u><s><em><strong>" + '<a href="/1">링크</a>' * 10 + "</strong></em></s></u></i></b>"
    )
    out = M.apply_edits(text, M.bounded_edits(text))
    assert out.count("<a ") == 10


def test_open_formatting_cap_drops_only_formatting_tags() -> None:
    text = "<p>" + "<b>" * 10 + "굵은 글씨" + "</b>" * 10 + "</p>"
    out = M.apply_edits(text, M.bounded_edits(text))
    assert out.count("<b>") == M.MAX_OPEN_FORMATTING
    assert out.count("<b>") == out.count("</b>")
    assert "굵은 글씨" in out


# --- the model ---------------------------------------------------------------------------------


def test_model_follows_implied_end_tags() -> None:
    text = "<ul>" + "<li>항목" * 1000 + "</ul><table>" + "<tr><td>칸" * 1000 + "</table>"
    assert M.bounded_edits(text) == []


def test_model_self_closes_only_in_foreign_content() -> None:
    svg = "<svg>" + "<path/>" * 1000 + "</svg>"
    assert M.bounded_edits(svg) == []
    html = "<div/>" * (M.MAX_DEPTH + 1)  # "/>" does not close an HTML <div>
    assert len(M.bounded_edits(html)) == 1


def test_model_skips_comments_and_bogus_comments() -> None:
    text = "<!--" + "<div>" * 1000 + "--><!DOCTYPE html><?xml x?></3>" + "<div>x</div>"
    assert M.bounded_edits(text) == []


def test_apply_edits_without_edits_returns_the_same_object() -> None:
    text = "<p>x</p>"
    assert M.apply_edits(text, []) is text


def test_tag_end_reads_attributes_in_bounded_chunks() -> None:
    for count in (M.ATTRS_PER_MATCH - 1, M.ATTRS_PER_MATCH, M.ATTRS_PER_MATCH + 1, 1000):
        text = "<div " + " ".join(f"a{i}" for i in range(count)) + ">after"
        assert text[M.tag_end(text, 4) :] == "after"
    unclosed = '<div a="1" b=\'2\' c="never closed>'
    assert M.tag_end(unclosed, 4) == len(unclosed)


def test_huge_tag_costs_little_memory() -> None:
    # An unbounded "(?:attribute)*" regex kept ~600 bytes per attribute (1 GB for 1.4M).
    import tracemalloc

    text = H.many_attributes(300_000).decode()
    tracemalloc.start()
    try:
        L.limit_markup(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * len(text)


@pytest.mark.parametrize(
    "unit",
    [
        "<ul><li>가",
        "<table><tr><td>가",
        "<div><span>가</span>",
        "<div><p>가<b>나",
        "<section><a href=x>가</a><div>",
        "<div><div></div>",
        "<ol><li><div>가</li>",
    ],
)
def test_cycle_copying_gives_the_same_edits(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "<html><body>" + unit * 3000 + "<p>끝</p></body></html>"
    fast = M.apply_edits(text, M.bounded_edits(text))
    monkeypatch.setattr(M, "_copy_cycles", lambda text, mark, start, edits, dropped: start)
    slow = M.apply_edits(text, M.bounded_edits(text))
    assert fast == slow


PIECES = (
    "<div>", "</div>", "<span>", "</span>", "<p>", "</p>", "<li>", "<ul>", "</ul>", "<b>",
    "</b>", "<a>", "</a>", "<table>", "<td>", "<tr>", "<font>", "<svg>", "</svg>", "<g>",
    "x", "<br>", "<section>", "</li>", "<h1>", "<dd>", "<option>", "<script>", "</script>",
    "<!--", "-->", "<textarea>", "</textarea>", "<button>", "<DIV>", "</Div>", "<g/>", "</p>",
    "<x-a>", "</x-a>", "<select>", "<math>", "</i>", "<i>",
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=5),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=8),
    st.lists(st.sampled_from(PIECES), max_size=3),
    st.sampled_from([3, 50, 400]),
)
def test_cycle_copying_matches_the_plain_model(
    prefix: list[str], unit: list[str], middle: list[str], times: int
) -> None:
    cycle = "".join(unit)
    text = "<html><body>" + "".join(prefix) + cycle * times + "".join(middle) + cycle * times
    fast = M.apply_edits(text, M.bounded_edits(text))
    original = M._copy_cycles
    M._copy_cycles = lambda text, mark, start, edits, dropped: start
    try:
        slow = M.apply_edits(text, M.bounded_edits(text))
    finally:
        M._copy_cycles = original
    assert fast == slow


# --- script data escapes (the model must end a script where lexbor does) ---------------------

SCRIPT_PIECES = [
    "x", " ", "<!--", "-->", "<!-->", "<!--->", "-", "<script>", "<SCRIPT ", "<script/",
    "</script>", "</Script >", "</script/", "<scripts>", "</scripts>", "<", ">", "</",
]  # fmt: skip


def _lexbor_script_text(html: str) -> str:
    tree = LexborHTMLParser(html)
    node = tree.css_first("script")
    assert node is not None
    return node.text(deep=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SCRIPT_PIECES), max_size=12))
def test_script_end_agrees_with_the_parser(pieces: list[str]) -> None:
    inner = "".join(pieces)
    html = f"<html><head><script>{inner}</script></head><body>b</body></html>"
    start = html.index("<script>") + len("<script>")
    end = M._script_end(html, start)
    assert html[start:end] == _lexbor_script_text(html)


def test_nesting_after_an_escaped_script_is_capped() -> None:
    # An unclosed <script> holding an old-IE conditional comment: its "</script>" only ends
    # the escaped stretch, so a <style> after it is script text, and the divs really nest.
    prefix = (
        "<script src='a.js'><!--[if lt IE 9]><script src='b.js'></script><![endif]-->"
        "<style>p{}</script>"
    )
    text = H.article_page(article_inner=prefix + "<div>" * 100_000)
    out, elapsed = _timed(text)
    assert elapsed < SECONDS
    assert _max_depth(LexborHTMLParser(out)) <= M.MAX_DEPTH + 10


# --- options of a select -------------------------------------------------------------------------


def test_option_tags_past_the_cap_are_dropped_and_their_text_kept() -> None:
    options = "".join(f"<option value='{i}'>항목{i}</option>" for i in range(3 * L.MAX_OPTIONS))
    text = H.article_page(article_inner=f"<select>{options}</select>" + H.paragraph(0))
    out = L.limit_markup(text)
    tree = LexborHTMLParser(out)
    assert len(tree.css("option")) == L.MAX_OPTIONS
    assert "항목2999" in out and H.paragraph(0) in out


def test_a_page_with_few_options_is_returned_as_the_same_object() -> None:
    options = "".join(f"<option>{i}</option>" for i in range(L.MAX_OPTIONS))
    text = H.article_page(article_inner=f"<select>{options}</select>" + H.paragraph(0))
    assert L.limit_markup(text) is text
