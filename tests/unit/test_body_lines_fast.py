"""container_lines' fast paths give exactly the lines of the plain conversion.

Without link marks the markup's whitespace is not collapsed (only its line breaks become
spaces), and a line is split into words only when it holds a non-printable character or two
spaces in a row. The reference below is the plain conversion: the whole markup collapsed,
every line split and joined. Markup is built at random from fragments that reach each branch:
links, a "</a>" inside an attribute value, mark characters the page holds itself, entities
that decode to whitespace, comments, removed nodes. All strings are invented.
"""

from __future__ import annotations

import html as htmllib

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean.extraction import body as B
from newsclean.extraction.body import Line, container_lines, drop_node, squash_spaces

FRAGMENTS = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<td>",
    "</td>",
    "<span>",
    "</span>",
    "<a href='/x'>",
    "</a>",
    "<a></a>",
    "<b title='</a>'>",
    "<i>x</i>",
    "<!-- a -->",
    "가나",
    "다.",
    "ab",
    " ",
    "  ",
    "\n",
    "\t",
    "\r\n",
    "\u00a0",
    "\u3000",
    "\u200b",
    "\u00ad",
    "\x01",
    "\x02",
    "&nbsp;",
    "&amp",
    "&#9;",
    "&#10;",
    "&lt\u00a0",
]


def reference_lines(node: LexborNode) -> list[Line]:
    """The plain conversion: the whole markup's whitespace collapsed, every line split."""
    markup = B.strip_comments(node.html or "").replace(B.EMPTY_LINK, "")
    markup = B.collapse_whitespace(markup)
    markup = B.BLOCK_TAG_RE.sub("\n", markup).replace(B.BREAK_MARK, "\n")
    markup = B.CELL_TAG_RE.sub(" ", markup)
    markup = B.LINK_OPEN_RE.sub(B.LINK_START, markup)
    markup = B.LINK_CLOSE_RE.sub(B.LINK_END, markup).replace(B.LINK_START + B.LINK_END, "")
    text = B.ZERO_WIDTH_RE.sub("", htmllib.unescape(B.ANY_TAG_RE.sub("", markup)))
    lines: list[Line] = []
    for raw in text.split("\n"):
        if not raw or raw.isspace():
            continue
        linked = B._link_chars(raw)
        clean = " ".join(raw.replace(B.LINK_START, "").replace(B.LINK_END, "").split())
        if clean:
            lines.append(Line(clean, min(1.0, linked / len(clean))))
    return lines


def container(inner: str, drop_italics: bool) -> LexborNode:
    tree = LexborHTMLParser(f"<html><body><div id='c'>{inner}</div></body></html>")
    node = tree.css_first("#c")
    assert node is not None
    if drop_italics:
        for italic in node.css("i"):
            drop_node(italic)
    return node


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.booleans())
def test_container_lines_equal_the_plain_conversion(parts: list[str], drop: bool) -> None:
    node = container("".join(parts), drop)
    assert container_lines(node) == reference_lines(node)


def test_a_link_less_container_keeps_words_apart() -> None:
    node = container("<p>가나\n\t다라 \u00a0 마</p>\n<p>  바&nbsp;&nbsp;사 </p>", False)
    assert [line.text for line in container_lines(node)] == ["가나 다라 마", "바 사"]
    assert container_lines(node) == reference_lines(node)


def test_a_mark_the_page_holds_is_read_as_a_mark() -> None:
    node = container("<p>\x01가나다라\x02 마</p>", False)
    assert container_lines(node) == reference_lines(node)
    assert container_lines(node)[0].link_share > 0.5


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab 가\t\n\u00a0\u3000\u2003\x1c\u200b")), max_size=30)
)
def test_squash_spaces_equals_split_and_join(text: str) -> None:
    stripped = text.strip()
    assert squash_spaces(stripped) == " ".join(stripped.split())
