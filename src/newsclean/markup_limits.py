"""Bound what the HTML parser sees, so hostile markup costs time linear in its size.

lexbor, like the HTML tree-construction algorithm it implements, has four quadratic paths:

    deep nesting          every block start tag walks the stack of open elements ("close a
                          p in button scope", the li/dd/dt searches): 100k nested <div>s
                          take minutes
    many attributes       each new attribute is compared with every earlier one of its tag:
                          one tag with 200k attributes takes minutes
    formatting elements   unclosed <b>/<font> tags are cloned before every text run after a
                          block closed them: 3000 of them before 3000 paragraphs take seconds
    options of a select   each <option> added to a <select> visits the ones before it: 16k
                          options take 1.4 s, a megabyte of them ~15 s

``limit_markup`` first drops option tags past MAX_OPTIONS (their text stays; a select is page
chrome, removed before the body is searched). It then measures the page with cheap C-speed
gauges. Real pages pass and come back unchanged, as the very same string; the others go
through markup_model, which drops tags
(never text) until nesting, open formatting and attributes are within browser-like caps.

The gauges read tags without their context (a "</div>" inside a script counts) and cannot
see misnesting, so on pages of more than GATE_MAX_TAGS tags the model always runs; below
that, what they miss costs lexbor at most ~0.1 s.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from itertools import accumulate, compress, islice, repeat
from operator import itemgetter, mul, sub

from newsclean.markup_model import (
    FORMATTING_ELEMENTS,
    HTML_WS,
    LONG_TAG_CHARS,
    MAX_ATTRIBUTES,
    MAX_DEPTH,
    RAW_TEXT_ELEMENTS,
    ROOT_ELEMENTS,
    SELF_CLOSING_SIBLINGS,
    TAG_NAME_RE,
    VOID_ELEMENTS,
    apply_edits,
    bounded_edits,
    count_attributes,
    tag_end,
)

# Every start or end tag's name, with the "/" of an end tag.
TAG_GAUGE_RE = re.compile(rf"<(/?[A-Za-z][^{HTML_WS}/>]*)")

# Nesting weight of a tag by name (others weigh 1): void, root and raw-text elements never
# leave anything open, and an unclosed <p>, <li>, <td> ... is closed by the next one, so a
# page of unclosed paragraphs is not deep (one per container at most: containers count).
_FLAT = VOID_ELEMENTS | ROOT_ELEMENTS | RAW_TEXT_ELEMENTS | SELF_CLOSING_SIBLINGS
NEST_WEIGHT = dict.fromkeys([*_FLAT, *("/" + name for name in _FLAT)], 0)

# Formatting weight of a tag by name (others weigh 0); <a> closes the previous <a>.
_FORMATTING = FORMATTING_ELEMENTS - {"a"}
FORMATTING_WEIGHT = dict.fromkeys([*_FORMATTING, *("/" + name for name in _FORMATTING)], 1)

# +1 for a start tag, -1 for an end tag, by the first character of the captured name.
SIGN = {"/": -1, **dict.fromkeys(string.ascii_letters, 1)}

# A page whose tags never rise more than this many levels (open minus closed) is parsed as
# is: lexbor's stack walks then cost a few µs per tag at most. The corpus' pages rise 8-110.
GATE_MAX_RISE = MAX_DEPTH

# Pages with more tags than this always go through the model (~2 µs a tag). Below it, even
# nesting the gauges cannot see (an end tag the parser ignores inside a misnested block, as
# in "<span><div></span></div>") costs lexbor under ~0.1 s.
GATE_MAX_TAGS = 20_000

# Open formatting elements x tags bounds the clones the parser makes. The corpus' pages stay
# under 40k; a hostile 1 MB page of "<p>x</p>" after 32 open <font>s makes 4M.
GATE_MAX_CLONES = 250_000

# Where a tag may be longer than LONG_TAG_CHARS: no ">" for that long, or a quote before its
# first ">" and then no "<" for twice that (a ">" inside a quoted value does not end a tag).
LONG_TAG_RE = re.compile(
    rf"<[A-Za-z](?=[^>]{{{LONG_TAG_CHARS}}}|[^>\"']*[\"'][^<]{{{2 * LONG_TAG_CHARS}}})"
)


# Option tags kept on a page: real forms have a few hundred at most (a list of regions or
# years), and 1000 options in one select cost lexbor ~6 ms.
MAX_OPTIONS = 1000
# An option or optgroup start or end tag, up to its ">" (a ">" in a quoted value ends it
# early; the rest of the tag is then left as text, which is harmless).
OPTION_TAG_RE = re.compile(rf"</?opt(?:ion|group)(?=[{HTML_WS}/>])[^>]*>?", re.IGNORECASE)


def limit_markup(text: str) -> str:
    """``text`` with option tags past MAX_OPTIONS, over-deep tags and excess attributes
    dropped; unchanged when within bounds."""
    if "<" not in text:
        return text
    text = _limit_options(text)
    if not (_too_nested(text) or _has_many_attributes(text)):
        return text
    return apply_edits(text, bounded_edits(text))


def _limit_options(text: str) -> str:
    """Drop the option tags past the first MAX_OPTIONS start and end tags."""
    found = OPTION_TAG_RE.finditer(text)
    for _ in islice(found, 2 * MAX_OPTIONS):
        pass  # the first ones stay
    edits = [(m.start(), m.end(), "") for m in found]
    return apply_edits(text, edits) if edits else text


def _too_nested(text: str) -> bool:
    """True when nesting or open formatting may make the parser slow."""
    names = TAG_GAUGE_RE.findall(text)
    if len(names) <= GATE_MAX_RISE:
        return False
    if len(names) > GATE_MAX_TAGS:
        return True
    names = list(map(str.lower, names))
    signs = list(map(SIGN.__getitem__, map(itemgetter(0), names)))
    nesting = _climb(map(mul, signs, map(NEST_WEIGHT.get, names, repeat(1))))
    if max(nesting) > GATE_MAX_RISE:
        return True
    formatting = list(map(FORMATTING_WEIGHT.get, names, repeat(0)))
    open_formatting = _climb(map(mul, signs, formatting))
    if max(open_formatting) * len(names) <= GATE_MAX_CLONES:
        return False
    # Only formatting left open when a block closes is cloned later: sample there.
    block_ends = map(mul, map(sub, repeat(1), signs), map(sub, repeat(1), formatting))
    left_open = max(compress(open_formatting[1:], block_ends), default=0)
    return left_open * len(names) > GATE_MAX_CLONES


def _climb(steps: Iterable[int]) -> list[int]:
    """A running count's height above its lowest point so far, before and after each step:
    an end tag with nothing open to close must not hide what opens after it."""
    levels = list(accumulate(steps, initial=0))
    if min(levels) == 0:
        return levels
    return list(map(sub, levels, accumulate(levels, min)))


def _has_many_attributes(text: str) -> bool:
    for found in LONG_TAG_RE.finditer(text):
        name_end = TAG_NAME_RE.match(text, found.end())
        attrs_from = name_end.end() if name_end is not None else found.end()
        end = tag_end(text, attrs_from)
        if end - found.start() > LONG_TAG_CHARS:
            count, _ = count_attributes(text, attrs_from, end)
            if count > MAX_ATTRIBUTES:
                return True
    return False
