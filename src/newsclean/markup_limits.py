"""Bound what the HTML parser sees, so hostile markup costs time linear in its size.

lexbor, like the HTML tree-construction algorithm it implements, has three quadratic paths:

    deep nesting          every block start tag walks the stack of open elements ("close a
                          p in button scope", the li/dd/dt searches), so 100k nested <div>s
                          cost ~10^10 steps
    many attributes       each new attribute is compared with every earlier one of its tag
    formatting elements   unclosed <b>/<font> tags are re-opened before every text run

``limit_markup`` scans the text once, in document order, with a small model of the tree
builder (open-element stack, implied end tags, raw-text elements, foreign content), and
drops start tags that would nest deeper than a browser-like cap, the matching end tags, and
attributes past a cap. Text is never dropped, only tags; real pages are far below the caps,
so for them the text comes back unchanged (the very same string).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Chromium stops nesting at 512; news pages stay under ~60. 256 keeps lexbor's stack walks
# at ~1 µs per tag on hostile input.
MAX_DEPTH = 256

# Real tags carry a few dozen attributes at most; lexbor compares each with all earlier ones.
MAX_ATTRIBUTES = 128

# Unclosed formatting elements are re-opened before each text run; 64 is far beyond what
# sloppy real pages leave open (the parser itself keeps at most 3 identical ones).
MAX_OPEN_FORMATTING = 64

# An attribute takes at least two characters, so a shorter tag cannot exceed MAX_ATTRIBUTES
# and is never counted one attribute at a time.
LONG_TAG_CHARS = 2 * MAX_ATTRIBUTES

# HTML whitespace (not Unicode whitespace: "\xa0" is part of a tag name to the tokenizer).
_WS = "\t\n\f\r "

# The start of anything the tokenizer treats specially: a comment, a bogus comment
# ("<!DOCTYPE", "<?xml", "</3"), or a start/end tag.
TOKEN_RE = re.compile(
    r"<(?:(?P<comment>!--)|(?P<bogus>[!?]|/(?![A-Za-z]))|(?P<close>/)?(?P<name>[A-Za-z][^"
    + _WS
    + r"/>]*))"
)

# One attribute with the separators before it, as the HTML tokenizer reads it: a name may
# hold quotes, a value is quoted or runs to whitespace, an unclosed quote runs to the end.
_ATTR = (
    rf"[{_WS}/]*[^{_WS}/>][^{_WS}/>=]*"
    rf"(?:[{_WS}]*=[{_WS}]*(?:\"[^\"]*\"?|'[^']*'?|[^{_WS}>]*))?"
)
ATTR_RE = re.compile(_ATTR)

# The rest of a tag after its name. Every part is optional, so the match never fails and
# never backtracks: it ends at the tag's closing ">" or at the end of the text.
TAG_REST_RE = re.compile(rf"(?:{_ATTR})*[{_WS}/]*>?")

# Where a comment ends: "-->" or the tolerated "--!>"; "<!-->" and "<!--->" end at once.
COMMENT_END_RE = re.compile(r"--!?>")
EMPTY_COMMENT_RE = re.compile(r"-?>")

# Elements whose content is text, not markup, up to their end tag (outside SVG/MathML).
# <noscript> is absent on purpose: the parser runs with scripting off and reads its markup.
RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"}
)
RAW_TEXT_END_RE = re.compile(
    r"</(" + "|".join(sorted(RAW_TEXT_ELEMENTS)) + rf")(?=[{_WS}/>])", re.IGNORECASE
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


@dataclass
class _Stack:
    """The open elements as the parser would hold them (approximately). One call's scratch."""

    names: list[str] = field(default_factory=list)
    at: dict[str, list[int]] = field(default_factory=dict)  # name -> positions in names
    markers: list[int] = field(default_factory=list)  # positions of SCOPE_MARKERS
    list_stops: list[int] = field(default_factory=list)  # positions of LIST_ITEM_STOPS
    tables: list[int] = field(default_factory=list)  # positions of <table>

    def push(self, name: str) -> None:
        pos = len(self.names)
        self.names.append(name)
        self.at.setdefault(name, []).append(pos)
        if name in SCOPE_MARKERS:
            self.markers.append(pos)
        if name in LIST_ITEM_STOPS:
            self.list_stops.append(pos)
        if name == "table":
            self.tables.append(pos)

    def pop_to(self, pos: int) -> None:
        """Close every element from the top down to and including the one at ``pos``."""
        while len(self.names) > pos:
            name = self.names.pop()
            self.at[name].pop()
            if self.markers and self.markers[-1] >= len(self.names):
                self.markers.pop()
            if self.list_stops and self.list_stops[-1] >= len(self.names):
                self.list_stops.pop()
            if self.tables and self.tables[-1] >= len(self.names):
                self.tables.pop()

    def top(self, name: str) -> int:
        """Position of the innermost open ``name``, or -1."""
        positions = self.at.get(name)
        return positions[-1] if positions else -1

    def close_in_scope(self, name: str, stops: list[int]) -> None:
        """Close the innermost ``name`` if no stop element is open inside it."""
        pos = self.top(name)
        if pos >= 0 and pos > (stops[-1] if stops else -1):
            self.pop_to(pos)

    @property
    def foreign(self) -> bool:
        return self.top("svg") >= 0 or self.top("math") >= 0


@dataclass
class _Scan:
    """One limit_markup call: the model and the edits it decided on."""

    text: str
    stack: _Stack = field(default_factory=_Stack)
    edits: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, new text)
    dropped: dict[str, int] = field(default_factory=dict)  # dropped start tags awaiting an end
    formatting: int = 0  # formatting elements opened and not yet closed by their end tag

    def drop(self, start: int, end: int) -> None:
        self.edits.append((start, end, ""))

    def start_tag(self, name: str, start: int, end: int) -> None:
        stack = self.stack
        if stack.foreign:
            if name not in FOREIGN_BREAKOUT:
                if not self.text.endswith("/>", start, end):
                    self.push(name, start, end)
                return
            while stack.foreign:  # leave SVG/MathML
                stack.pop_to(max(stack.top("svg"), stack.top("math")))
        if name in VOID_ELEMENTS or name in ROOT_ELEMENTS:
            return
        self.implied_ends(name)
        if name in RAW_TEXT_ELEMENTS or name == PLAINTEXT:
            return  # text only, closed by its own end tag: never nests, never dropped
        if name in FORMATTING_ELEMENTS:
            if self.formatting >= MAX_OPEN_FORMATTING:
                self.drop_start(name, start, end)
                return
            self.formatting += 1
        self.push(name, start, end)

    def implied_ends(self, name: str) -> None:
        stack = self.stack
        if name in CLOSES_P:
            stack.close_in_scope("p", stack.markers)
        if name == "li":
            stack.close_in_scope("li", stack.list_stops)
        elif name in ("dd", "dt"):
            for item in ("dd", "dt"):
                stack.close_in_scope(item, stack.list_stops)
        elif name in HEADINGS and stack.names and stack.names[-1] in HEADINGS:
            stack.pop_to(len(stack.names) - 1)
        elif name in ("option", "optgroup") and stack.names and stack.names[-1] == "option":
            stack.pop_to(len(stack.names) - 1)
        elif name in CELL_ELEMENTS or name in ROW_CLOSERS:
            closing = CELL_ELEMENTS if name in CELL_ELEMENTS else (*CELL_ELEMENTS, "tr")
            for cell in closing:
                stack.close_in_scope(cell, stack.tables)
        elif name == "a":
            stack.close_in_scope("a", stack.markers)

    def push(self, name: str, start: int, end: int) -> None:
        if len(self.stack.names) >= MAX_DEPTH:
            self.drop_start(name, start, end)
        else:
            self.stack.push(name)

    def drop_start(self, name: str, start: int, end: int) -> None:
        self.drop(start, end)
        self.dropped[name] = self.dropped.get(name, 0) + 1

    def end_tag(self, name: str, start: int, end: int) -> None:
        if self.dropped.get(name):
            self.dropped[name] -= 1
            self.drop(start, end)
            return
        if name in FORMATTING_ELEMENTS and self.formatting:
            self.formatting -= 1
        stack = self.stack
        pos = stack.top(name)
        if pos < 0:
            return
        # An end tag outside its scope (a </div> inside a table cell) is ignored.
        if name in SCOPE_MARKERS or pos > (stack.markers[-1] if stack.markers else -1):
            stack.pop_to(pos)

    def limit_attributes(self, start: int, end: int, attrs_from: int) -> None:
        """Cut a tag after MAX_ATTRIBUTES attributes (only long tags can have that many)."""
        if end - start <= LONG_TAG_CHARS:
            return
        pos = attrs_from
        for _ in range(MAX_ATTRIBUTES):
            match = ATTR_RE.match(self.text, pos, end)
            if match is None or match.end() == pos:
                return
            pos = match.end()
        more = ATTR_RE.match(self.text, pos, end)
        if more is not None and more.end() > pos:
            self.edits.append((pos, end, ">"))


def limit_markup(text: str) -> str:
    """``text`` with over-deep tags and excess attributes dropped; unchanged when within bounds."""
    scan = _Scan(text)
    pos = 0
    while True:
        token = TOKEN_RE.search(text, pos)
        if token is None:
            break
        start = token.start()
        if token["comment"]:
            pos = _comment_end(text, token.end())
            continue
        if token["bogus"]:
            close = text.find(">", token.end())
            pos = len(text) if close < 0 else close + 1
            continue
        rest = TAG_REST_RE.match(text, token.end())
        assert rest is not None  # every part of the pattern is optional
        end = rest.end()
        name = token["name"].lower()
        scan.limit_attributes(start, end, token.end())
        if token["close"]:
            scan.end_tag(name, start, end)
            pos = max(end, start + 1)
            continue
        was_foreign = scan.stack.foreign
        scan.start_tag(name, start, end)
        pos = max(end, start + 1)
        if not was_foreign and name == PLAINTEXT:
            break
        if not was_foreign and name in RAW_TEXT_ELEMENTS:
            pos = _raw_text_end(text, pos, name)
    return _apply(text, scan.edits)


def _comment_end(text: str, pos: int) -> int:
    quick = EMPTY_COMMENT_RE.match(text, pos)
    if quick is not None:
        return quick.end()
    found = COMMENT_END_RE.search(text, pos)
    return found.end() if found is not None else len(text)


def _raw_text_end(text: str, pos: int, name: str) -> int:
    """Position of the end tag that closes a raw-text element (its "<"), or the text's end."""
    for found in RAW_TEXT_END_RE.finditer(text, pos):
        if found.group(1).lower() == name:
            return found.start()
    return len(text)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
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
