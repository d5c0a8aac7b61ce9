"""A one-pass model of the HTML tree builder that keeps hostile markup within bounds.

``bounded_edits`` walks the tags in document order, tracking the stack of open elements the
parser would build (implied end tags, raw-text elements, SVG/MathML), and returns the edits
that drop start tags nesting deeper than MAX_DEPTH (and their end tags), formatting tags past
MAX_OPEN_FORMATTING, and attributes past MAX_ATTRIBUTES. It costs a few microseconds per
tag, so markup_limits runs it only on pages its cheap gauges flag.
"""

from __future__ import annotations

import re

# Chromium stops nesting at 512; news pages stay under ~60. 256 keeps lexbor's stack walks
# at ~1 µs per tag on hostile input.
MAX_DEPTH = 256

# Real tags carry a few dozen attributes at most; lexbor compares each with all earlier ones.
MAX_ATTRIBUTES = 128

# Open formatting elements (other than <a>) are cloned before every text run once a block has
# closed them: each one costs ~1 µs per run. Sloppy real pages leave a few open; more are
# dropped, which only loses bold/italic/font styling.
MAX_OPEN_FORMATTING = 4

# An attribute takes at least two characters, so a shorter tag cannot exceed MAX_ATTRIBUTES
# and is never counted one attribute at a time.
LONG_TAG_CHARS = 2 * MAX_ATTRIBUTES

Edit = tuple[int, int, str]  # (start, end, replacement) in the page text

# HTML whitespace (not Unicode whitespace: "\xa0" is part of a tag name to the tokenizer).
HTML_WS = "\t\n\f\r "

# One attribute with the separators before it, as the HTML tokenizer reads it: a name may
# hold quotes, a value is quoted or runs to whitespace, an unclosed quote runs to the end.
_ATTR = (
    rf"[{HTML_WS}/]*[^{HTML_WS}/>][^{HTML_WS}/>=]*"
    rf"(?:[{HTML_WS}]*=[{HTML_WS}]*(?:\"[^\"]*\"?|'[^']*'?|[^{HTML_WS}>]*))?"
)
ATTR_RE = re.compile(_ATTR)

# A tag name, after its first letter.
TAG_NAME_RE = re.compile(rf"[^{HTML_WS}/>]*")

# The rest of a tag after its name. Every part is optional, so the match never fails and
# never backtracks: it ends at the tag's closing ">" or at the end of the text.
TAG_REST_RE = re.compile(rf"(?:{_ATTR})*[{HTML_WS}/]*>?")

# One token of the full scan: a comment start (group 1), a bogus comment start (2), or a whole
# start/end tag (3: "/" for an end tag, 4: the name; attributes run from the end of 4).
SCAN_RE = re.compile(
    rf"<(?:(!--)|([!?]|/(?![A-Za-z]))|(/?)([A-Za-z][^{HTML_WS}/>]*)(?:{_ATTR})*[{HTML_WS}/]*>?)"
)

# Where a comment ends: "-->" or the tolerated "--!>"; "<!-->" and "<!--->" end at once.
COMMENT_END_RE = re.compile(r"--!?>")
EMPTY_COMMENT_RE = re.compile(r"-?>")

# Elements whose content is text, not markup, up to their end tag (outside SVG/MathML).
# <noscript> is absent on purpose: the parser runs with scripting off and reads its markup.
RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"}
)
RAW_TEXT_END_RE = re.compile(
    r"</(" + "|".join(sorted(RAW_TEXT_ELEMENTS)) + rf")(?=[{HTML_WS}/>])", re.IGNORECASE
)

# Everything after <plaintext> is text.
PLAINTEXT = "plaintext"

# Elements that never have content, so never stay open.
VOID_ELEMENTS = frozenset(
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
        "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    }
)  # fmt: skip

# Start tags the parser merges into the existing root elements instead of nesting them.
ROOT_ELEMENTS = frozenset({"html", "head", "body", "frameset"})

# Elements that stop the "in button scope" search for an open <p> (and most scope searches).
SCOPE_MARKERS = frozenset(
    {
        "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
        "button", "svg", "math",
    }
)  # fmt: skip

# Start tags that close an open <p> first.
CLOSES_P = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
        "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hgroup", "hr", "li", "dd", "dt", "listing", "main", "menu", "nav", "ol",
        "p", "pre", "search", "section", "summary", "table", "ul", "xmp", "plaintext",
    }
)  # fmt: skip

# Special elements that end the search for an open <li>/<dd>/<dt> (the spec's "special"
# category minus address, div and p, which the search walks through).
LIST_ITEM_STOPS = frozenset(
    {
        "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote",
        "body", "br", "button", "caption", "center", "col", "colgroup", "details", "dir", "dl",
        "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset",
        "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe",
        "img", "input", "keygen", "link", "listing", "main", "marquee", "menu", "meta", "nav",
        "noembed", "noframes", "noscript", "object", "ol", "param", "plaintext", "pre",
        "script", "search", "section", "select", "source", "style", "summary", "table",
        "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track",
        "ul", "wbr", "xmp", "svg", "math",
    }
)  # fmt: skip

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Formatting elements: the parser keeps them in its list of active formatting elements and
# re-opens them after a block closes them.
FORMATTING_ELEMENTS = frozenset(
    {
        "a",
        "b",
        "big",
        "code",
        "em",
        "font",
        "i",
        "nobr",
        "s",
        "small",
        "strike",
        "strong",
        "tt",
        "u",
    }
)

# Table parts: a new cell closes the open cell, a new row the open row (within one table).
CELL_ELEMENTS = ("td", "th")
ROW_CLOSERS = frozenset({"tr", "tbody", "thead", "tfoot"})

# Foreign-content roots; inside them "/>" closes a tag and raw-text rules do not apply.
FOREIGN_ROOTS = frozenset({"svg", "math"})

# HTML start tags that break out of SVG/MathML back to HTML content.
FOREIGN_BREAKOUT = frozenset(
    {
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
        "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
        "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
        "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
    }
)  # fmt: skip


class _Stack:
    """The open elements as the parser would hold them (approximately). One call's scratch."""

    __slots__ = ("at", "foreign", "list_stops", "markers", "names", "tables")

    def __init__(self) -> None:
        self.names: list[str] = []
        self.at: dict[str, list[int]] = {}  # name -> its positions in names
        self.markers: list[int] = []  # positions of SCOPE_MARKERS
        self.list_stops: list[int] = []  # positions of LIST_ITEM_STOPS
        self.tables: list[int] = []  # positions of <table>
        self.foreign = 0  # open <svg> and <math> elements

    def push(self, name: str) -> None:
        pos = len(self.names)
        self.names.append(name)
        found = self.at.get(name)
        if found is None:
            self.at[name] = [pos]
        else:
            found.append(pos)
        if name in SCOPE_MARKERS:
            self.markers.append(pos)
        if name in LIST_ITEM_STOPS:
            self.list_stops.append(pos)
        if name == "table":
            self.tables.append(pos)
        elif name in FOREIGN_ROOTS:
            self.foreign += 1

    def pop_to(self, pos: int) -> None:
        """Close every element from the top down to and including the one at ``pos``."""
        names = self.names
        while len(names) > pos:
            name = names.pop()
            self.at[name].pop()
            depth = len(names)
            if self.markers and self.markers[-1] >= depth:
                self.markers.pop()
            if self.list_stops and self.list_stops[-1] >= depth:
                self.list_stops.pop()
            if self.tables and self.tables[-1] >= depth:
                self.tables.pop()
            if name in FOREIGN_ROOTS:
                self.foreign -= 1

    def top(self, name: str) -> int:
        """Position of the innermost open ``name``, or -1."""
        positions = self.at.get(name)
        return positions[-1] if positions else -1

    def close_in_scope(self, name: str, stops: list[int]) -> None:
        """Close the innermost ``name`` if no stop element is open inside it."""
        pos = self.top(name)
        if pos >= 0 and pos > (stops[-1] if stops else -1):
            self.pop_to(pos)

    def leave_foreign(self) -> None:
        """An HTML start tag inside SVG/MathML closes them."""
        while self.foreign:
            self.pop_to(max(self.top("svg"), self.top("math")))

    def implied_ends(self, name: str) -> None:
        """Close what a start tag ``name`` closes first (p before a block, li before li ...)."""
        if name in CLOSES_P and self.top("p") >= 0:
            self.close_in_scope("p", self.markers)
        if name == "li":
            self.close_in_scope("li", self.list_stops)
        elif name == "dd" or name == "dt":
            self.close_in_scope("dd", self.list_stops)
            self.close_in_scope("dt", self.list_stops)
        elif name in HEADINGS:
            if self.names and self.names[-1] in HEADINGS:
                self.pop_to(len(self.names) - 1)
        elif name == "option" or name == "optgroup":
            if self.names and self.names[-1] == "option":
                self.pop_to(len(self.names) - 1)
        elif name in CELL_ELEMENTS or name in ROW_CLOSERS:
            self.close_in_scope("td", self.tables)
            self.close_in_scope("th", self.tables)
            if name in ROW_CLOSERS:
                self.close_in_scope("tr", self.tables)
        elif name == "a":
            self.close_in_scope("a", self.markers)

    def end_tag(self, name: str) -> None:
        """Pop to the innermost open ``name``; an end tag out of scope is ignored."""
        pos = self.top(name)
        if pos >= 0 and (name in SCOPE_MARKERS or pos > (self.markers[-1] if self.markers else -1)):
            self.pop_to(pos)


def bounded_edits(text: str) -> list[Edit]:
    """The edits that keep nesting, open formatting and attributes within their caps."""
    stack = _Stack()
    names = stack.names
    edits: list[Edit] = []  # (start, end, replacement)
    dropped: dict[str, int] = {}  # dropped start tags whose end tag is still to come
    formatting = 0  # formatting elements opened and not yet closed by their end tag
    search = SCAN_RE.search
    pos = 0
    while True:
        token = search(text, pos)
        if token is None:
            break
        kind = token.lastindex
        if kind == 1:
            pos = _comment_end(text, token.end())
            continue
        if kind == 2:
            pos = _bogus_end(text, token.start())
            continue
        start, pos = token.span()
        if pos - start > LONG_TAG_CHARS:
            _limit_attributes(text, token.end(4), pos, edits)
        name = token.group(4).lower()
        if token.group(3):  # an end tag
            if dropped.get(name):
                dropped[name] -= 1
                edits.append((start, pos, ""))
                continue
            if formatting and name in FORMATTING_ELEMENTS and name != "a":
                formatting -= 1
            stack.end_tag(name)
            continue
        if stack.foreign:
            if name not in FOREIGN_BREAKOUT:
                if text.endswith("/>", start, pos):
                    continue
            else:
                stack.leave_foreign()
        if name in VOID_ELEMENTS or name in ROOT_ELEMENTS:
            continue
        if not stack.foreign:
            stack.implied_ends(name)
            if name in RAW_TEXT_ELEMENTS:
                pos = _raw_text_end(text, pos, name)
                continue  # text only, closed by its own end tag: never nests, never dropped
            if name == PLAINTEXT:
                break
            if name in FORMATTING_ELEMENTS and name != "a":  # <a> closes the previous <a>
                if formatting >= MAX_OPEN_FORMATTING:
                    edits.append((start, pos, ""))
                    dropped[name] = dropped.get(name, 0) + 1
                    continue
                formatting += 1
        if len(names) < MAX_DEPTH:
            stack.push(name)
        else:
            edits.append((start, pos, ""))
            dropped[name] = dropped.get(name, 0) + 1
    return edits


def count_attributes(text: str, attrs_from: int, end: int) -> tuple[int, int]:
    """How many attributes (at most MAX_ATTRIBUTES + 1) a tag has, and where the
    MAX_ATTRIBUTES-th ends."""
    pos = cut = attrs_from
    for count in range(MAX_ATTRIBUTES + 1):
        match = ATTR_RE.match(text, pos, end)
        if match is None or match.end() == pos:
            return count, cut
        pos = match.end()
        if count < MAX_ATTRIBUTES:
            cut = pos
    return MAX_ATTRIBUTES + 1, cut


def _limit_attributes(text: str, attrs_from: int, end: int, edits: list[Edit]) -> None:
    """Cut a long tag after MAX_ATTRIBUTES attributes."""
    count, cut = count_attributes(text, attrs_from, end)
    if count > MAX_ATTRIBUTES:
        edits.append((cut, end, ">"))


def _comment_end(text: str, pos: int) -> int:
    quick = EMPTY_COMMENT_RE.match(text, pos)
    if quick is not None:
        return quick.end()
    found = COMMENT_END_RE.search(text, pos)
    return found.end() if found is not None else len(text)


def _bogus_end(text: str, start: int) -> int:
    close = text.find(">", start + 2)
    return len(text) if close < 0 else close + 1


def _raw_text_end(text: str, pos: int, name: str) -> int:
    """Position of the end tag that closes a raw-text element (its "<"), or the text's end."""
    for found in RAW_TEXT_END_RE.finditer(text, pos):
        if found.group(1).lower() == name:
            return found.start()
    return len(text)


def apply_edits(text: str, edits: list[Edit]) -> str:
    if not edits:
        return text
    edits.sort()
    parts: list[str] = []
    pos = 0
    for start, end, new in edits:
        if start < pos:  # an attribute cut inside a tag that is dropped as a whole
            continue
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
