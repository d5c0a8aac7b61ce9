"""A one-pass model of the HTML tree builder that keeps hostile markup within bounds.

``bounded_edits`` walks the tags in document order, tracking the stack of open elements the
parser would build (implied end tags, raw-text elements, SVG/MathML), and returns the edits
that drop start tags nesting deeper than MAX_DEPTH (and their end tags), formatting tags past
MAX_OPEN_FORMATTING, and attributes past MAX_ATTRIBUTES. It costs a few microseconds per
tag, so markup_limits runs it only on pages its cheap gauges flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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

# Distinct start tags remembered as possible cycle starts; a page of varied tags clears them.
MAX_MARKS = 64

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

# Attributes read by one regex match: the engine keeps state for every repetition of a
# group, so an unbounded "(?:attribute)*" over a tag of a million attributes takes a GB.
ATTRS_PER_MATCH = 64

# The rest of a tag after its name, up to ATTRS_PER_MATCH attributes at a time. Every part is
# optional, so the match never fails and never backtracks.
TAG_REST_RE = re.compile(rf"(?:{_ATTR}){{0,{ATTRS_PER_MATCH}}}[{HTML_WS}/]*>?")

# One token of the full scan: a comment start (group 1), a bogus comment start (2), or a tag
# (3: "/" for an end tag, 4: the name; attributes run from the end of 4; a tag with more
# than ATTRS_PER_MATCH attributes is finished by tag_end).
SCAN_RE = re.compile(
    rf"<(?:(!--)|([!?]|/(?![A-Za-z]))|(/?)([A-Za-z][^{HTML_WS}/>]*)"
    rf"(?:{_ATTR}){{0,{ATTRS_PER_MATCH}}}[{HTML_WS}/]*>?)"
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

# Script data has escapes (the tokenizer's "script data escaped" states): after "<!--", a
# "<script" starts a stretch in which "</script>" does not end the script but only that
# stretch, and "-->" leaves both. Old pages wrap scripts in "<!--[if lt IE 9]>...<![endif]-->";
# an unclosed <script> before one would otherwise end earlier here than in the parser.
SCRIPT_DATA_RE = re.compile(rf"<!--|-->|<(/?)script(?=[{HTML_WS}/>])", re.IGNORECASE)

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

# Elements that a following sibling of the same kind closes (<p>, <li>, a table cell ...).
SELF_CLOSING_SIBLINGS = frozenset(
    {"p", "li", "dd", "dt", "option", "optgroup", "tr", "td", "th", "rb", "rp", "rt", "rtc"}
)

# The spec's "special" elements: an end tag of a formatting or ordinary element does not
# close across one of them (the adoption agency moves elements instead of popping them).
SPECIAL = LIST_ITEM_STOPS | {"address", "div", "p", "li", "dd", "dt"}

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


# Elements whose positions the stack tracks besides their name.
_TRACKED = SCOPE_MARKERS | LIST_ITEM_STOPS | FOREIGN_ROOTS | {"table"} | SPECIAL

# Start tags that may close something first (see _Stack.implied_ends).
_IMPLIES = (
    CLOSES_P | HEADINGS | ROW_CLOSERS | {"li", "dd", "dt", "option", "optgroup", "td", "th", "a"}
)

# ... of which these, when the current element has the same name, just replace it.
_SIBLING_ONLY = SELF_CLOSING_SIBLINGS | {"a"}


class _Stack:
    """The open elements as the parser would hold them (approximately). One call's scratch."""

    __slots__ = ("at", "foreign", "list_stops", "markers", "names", "specials", "tables")

    def __init__(self) -> None:
        self.names: list[str] = []
        self.at: dict[str, list[int]] = {}  # name -> its positions in names
        self.markers: list[int] = []  # positions of SCOPE_MARKERS
        self.list_stops: list[int] = []  # positions of LIST_ITEM_STOPS
        self.tables: list[int] = []  # positions of <table>
        self.specials: list[int] = []  # positions of SPECIAL elements
        self.foreign = 0  # open <svg> and <math> elements

    def push(self, name: str) -> None:
        pos = len(self.names)
        self.names.append(name)
        found = self.at.get(name)
        if found is None:
            self.at[name] = [pos]
        else:
            found.append(pos)
        if name in _TRACKED:
            if name in SCOPE_MARKERS:
                self.markers.append(pos)
            if name in LIST_ITEM_STOPS:
                self.list_stops.append(pos)
            if name in SPECIAL:
                self.specials.append(pos)
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
            if name in _TRACKED:
                depth = len(names)
                if self.markers and self.markers[-1] >= depth:
                    self.markers.pop()
                if self.list_stops and self.list_stops[-1] >= depth:
                    self.list_stops.pop()
                if self.tables and self.tables[-1] >= depth:
                    self.tables.pop()
                if self.specials and self.specials[-1] >= depth:
                    self.specials.pop()
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
            self.close_formatting("a")

    def end_tag(self, name: str) -> None:
        """What an end tag closes: a special element pops to itself when in scope; any other
        element only when no special element is open inside it."""
        pos = self.top(name)
        if pos < 0:
            return
        if pos == len(self.names) - 1:
            self.pop_to(pos)
        elif name in FORMATTING_ELEMENTS:
            self.close_formatting(name)
        elif name in SPECIAL:
            if name in SCOPE_MARKERS or pos > (self.markers[-1] if self.markers else -1):
                self.pop_to(pos)
        elif not self.specials or self.specials[-1] < pos:
            self.pop_to(pos)

    def close_formatting(self, name: str) -> None:
        """The adoption agency, as far as depth goes: with a block open inside the formatting
        element, the parser moves elements around and the stack keeps its height."""
        pos = self.top(name)
        if pos >= 0 and (not self.specials or self.specials[-1] < pos):
            self.pop_to(pos)


def bounded_edits(text: str) -> list[Edit]:
    """The edits that keep nesting, open formatting and attributes within their caps.

    A tag that leaves the model as it was (a void element, an <li> replacing an <li>, a
    dropped tag) is followed by a fast skip over identical copies of it, so a megabyte of
    "<div><div><div>..." costs one model step, not 200k; and a stretch of markup that
    repeats exactly and leaves the model as it found it ("<ul><li>x" at the cap,
    "<p><b>x</b></p>" anywhere) is modelled once and its edits copied to the repeats.
    """
    stack = _Stack()
    names = stack.names
    edits: list[Edit] = []  # (start, end, replacement)
    dropped: dict[str, int] = {}  # dropped start tags whose end tag is still to come
    formatting = 0  # formatting elements opened and not yet closed by their end tag
    search = SCAN_RE.search
    marks: dict[str, _Mark] = {}  # tag text -> where it was last met: a cycle may start there
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
        if text[pos - 1] != ">" and pos < len(text):
            pos = tag_end(text, pos)  # a tag of more than ATTRS_PER_MATCH attributes
        long_tag = pos - start > LONG_TAG_CHARS
        if long_tag:
            _limit_attributes(text, token.end(4), pos, edits)
        name = token.group(4).lower()
        if not token.group(3):
            piece = text[start:pos]
            mark = marks.get(piece)
            state = (tuple(names), formatting)
            if mark is not None and state == mark.state:
                skipped = _copy_cycles(text, mark, start, edits, dropped)
                if skipped > start:
                    marks.clear()
                    pos = skipped
                    continue
            if len(marks) >= MAX_MARKS:
                marks.clear()
            marks[piece] = _Mark(start, state, len(edits), dict(dropped))
        if token.group(3):  # an end tag
            if dropped.get(name):
                run_end, copies = _run(text, start, pos, limit=dropped[name])
                dropped[name] -= copies
                edits.append((start, run_end, ""))
                pos = run_end
                continue
            if formatting and name in FORMATTING_ELEMENTS and name != "a":
                formatting -= 1
            if names and names[-1] == name and name not in _TRACKED:
                names.pop()  # the common case: the end tag of the current element
                stack.at[name].pop()
            else:
                stack.end_tag(name)
            continue
        if stack.foreign:
            if name not in FOREIGN_BREAKOUT:
                if text.endswith("/>", start, pos):
                    continue
            else:
                stack.leave_foreign()
        unchanged = name in VOID_ELEMENTS or name in ROOT_ELEMENTS
        if not unchanged and not stack.foreign:
            # <li> after an open <li> closes it and takes its place; so does <a> after <a>.
            unchanged = bool(names) and names[-1] == name and name in _SIBLING_ONLY
        if unchanged:
            if not long_tag and text.startswith(text[start:pos], pos):
                pos, _ = _run(text, start, pos)
            continue
        if not stack.foreign:
            if name in _IMPLIES:
                stack.implied_ends(name)
            if name in RAW_TEXT_ELEMENTS:
                pos = _script_end(text, pos) if name == "script" else _raw_text_end(text, pos, name)
                continue  # text only, closed by its own end tag: never nests, never dropped
            if name == PLAINTEXT:
                break
            if name in FORMATTING_ELEMENTS and name != "a":  # <a> closes the previous <a>
                if formatting >= MAX_OPEN_FORMATTING:
                    pos = _drop_run(text, start, pos, name, edits, dropped)
                    continue
                formatting += 1
        if len(names) < MAX_DEPTH:
            stack.push(name)
        else:
            pos = _drop_run(text, start, pos, name, edits, dropped)
    return edits


@dataclass(frozen=True)
class _Mark:
    """A start tag where a repeating stretch may begin."""

    start: int
    state: tuple[tuple[str, ...], int]  # open elements and open formatting count
    edits: int  # len(edits) then
    dropped: dict[str, int]  # a copy of the dropped counts then


def _copy_cycles(
    text: str, mark: _Mark, start: int, edits: list[Edit], dropped: dict[str, int]
) -> int:
    """The model is back at ``mark``'s state at ``start``: text[mark.start:start] is a cycle.
    Copy its edits over each exact repeat that follows; return where the repeats end."""
    size = start - mark.start
    cycle = text[mark.start : start]
    lowered = cycle.lower()
    counted = {name for name, count in [*dropped.items(), *mark.dropped.items()] if count}
    if any("</" + name in lowered for name in counted):
        return start  # end tags of dropped elements depend on the counts: not a true cycle
    repeats = 0
    while text.startswith(cycle, start + repeats * size):
        repeats += 1
    if not repeats:
        return start
    made = edits[mark.edits :]
    for i in range(1, repeats + 1):
        shift = i * size
        edits.extend((a + shift, b + shift, new) for a, b, new in made)
    for name, count in dropped.items():
        dropped[name] = count + repeats * (count - mark.dropped.get(name, 0))
    return start + repeats * size


def _run(text: str, start: int, end: int, limit: int = -1) -> tuple[int, int]:
    """End of the run of identical copies of text[start:end] from ``start``, and its length
    (at most ``limit`` copies when given)."""
    piece = text[start:end]
    size = end - start
    pos, copies = end, 1
    while copies != limit and text.startswith(piece, pos):
        pos += size
        copies += 1
    return pos, copies


def _drop_run(
    text: str, start: int, end: int, name: str, edits: list[Edit], dropped: dict[str, int]
) -> int:
    """Drop a start tag and the identical copies right after it; return where they end."""
    run_end, copies = _run(text, start, end) if text.startswith(text[start:end], end) else (end, 1)
    edits.append((start, run_end, ""))
    dropped[name] = dropped.get(name, 0) + copies
    return run_end


def tag_end(text: str, pos: int) -> int:
    """Where the tag whose attributes start at ``pos`` ends (after its ">", or the text's end)."""
    while True:
        end = TAG_REST_RE.match(text, pos).end()  # type: ignore[union-attr]  # never fails
        if end == pos or text[end - 1] == ">" or end == len(text):
            return end
        pos = end  # ATTRS_PER_MATCH attributes read, more to come


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


def _script_end(text: str, pos: int) -> int:
    """Position of the end tag that closes a <script> (its "<"), or the text's end."""
    escaped = double = False
    while True:
        found = SCRIPT_DATA_RE.search(text, pos)
        if found is None:
            return len(text)
        token = found.group()
        if token == "<!--":
            escaped = True
            pos = found.start() + 2  # its own dashes may close it at once: "<!-->"
            continue
        if token == "-->":
            escaped = double = False
        elif found.group(1):  # "</script"
            if not double:
                return found.start()
            double = False
        elif escaped:  # "<script" in an escaped stretch
            double = True
        pos = found.end()


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
