"""Line-level cleaning of the container's text: the body as a reader sees it.

split_captions      a wire photo caption running into the next paragraph is cut off it
_kept_texts         one pass: a copyright line or related-news header ends the article
                    (cut_at_end_marker); captions, tools, promos, chrome, counters, link rows
                    and date lines are dropped (is_noise)
drop_repeats        a second copy of a run of paragraphs (print/mobile copy, hidden script)
_strip_lead         "(서울=연합뉴스) 홍길동 기자 =" leaves the first paragraph
_strip_tail         reporter/email/sign-off lines leave the end
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsclean.extraction import bylines, dates
from newsclean.extraction import patterns as P
from newsclean.extraction.body import Line
from newsclean.models import Author

# Lines longer than this are prose; tool/chrome regexes only look at shorter ones.
MAX_WIDGET_LINE_CHARS = 80

# A line that is almost all link text and longer than a label is a related-article link.
LINK_ROW_SHARE = 0.9
MIN_LINK_ROW_CHARS = 10

# A date line is short: the label, a date and maybe the reporter's name.
MAX_DATE_LINE_CHARS = 80

# A line whose length differs from the title's by more than this is not the title again.
TITLE_ECHO_SLACK = 10

# Date lines have at least a two-digit number; checked before the costlier date parser.
DIGITS_RE = re.compile(r"\d\d")

# How many lines from the end may be reporter/credit lines.
MAX_TAIL_LINES = 6

# "홍길동 / 화면캡처 MBC": a name followed by a photo/screen credit closes entertainment items.
NAME_CREDIT_RE = re.compile(
    r"^([가-힣]{2,4})\s*/\s*(?:사진|화면\s*캡처|화면캡쳐|영상|그래픽|자료|제공)[^\n]{0,40}$"
)


# A run of at least this many paragraphs and characters met a second time is a second copy of
# the article (a hidden print or mobile version, a transcript tab): the copy goes. Shorter runs
# may repeat on purpose (a refrain, a repeated question).
MIN_REPEAT_PARAGRAPHS = 3
MIN_REPEAT_CHARS = 200


@dataclass(frozen=True)
class CleanBody:
    paragraphs: tuple[str, ...]
    authors: tuple[Author, ...]  # found in the lead or tail lines


def clean_lines(lines: Sequence[Line], *, title: str | None = None) -> CleanBody:
    texts = drop_repeats(_kept_texts(split_captions(lines), title))
    texts, lead_authors = _strip_lead(texts)
    texts, tail_authors = _strip_tail(texts)
    return CleanBody(tuple(texts), tuple(bylines.merge_authors(lead_authors, tail_authors)))


def split_captions(lines: Sequence[Line]) -> list[Line]:
    """Cut a line after a wire caption's signature when text follows it (an inline caption
    with the lead paragraph glued on), so the caption becomes a line of its own."""
    out: list[Line] = []
    for line in lines:
        text = line.text
        if "DB" in text:
            match = P.WIRE_CAPTION_END_RE.search(text)
            if match is not None and match.end() < len(text):
                out.append(Line(text[: match.end()].rstrip(), line.link_share))
                text = text[match.end() :].lstrip()
                line = Line(text, line.link_share)
        out.append(line)
    return out


def drop_repeats(texts: list[str]) -> list[str]:
    """Drop a run of paragraphs that repeats an earlier run (MIN_REPEAT_PARAGRAPHS and
    MIN_REPEAT_CHARS at least)."""
    if len(set(texts)) == len(texts):
        return list(texts)  # no paragraph twice: nothing can repeat (one C-level pass)
    first: dict[str, int] = {}  # paragraph -> its first position in out
    out: list[str] = []
    i = 0
    while i < len(texts):
        start = first.get(texts[i])
        if start is not None:
            size = _repeat_length(out, start, texts, i)
            if size:
                i += size
                continue
        first.setdefault(texts[i], len(out))
        out.append(texts[i])
        i += 1
    return out


def _repeat_length(out: list[str], start: int, texts: list[str], i: int) -> int:
    """How many paragraphs from texts[i] repeat out[start:], or 0 when too few to count."""
    # Linear overall: a run that counts is skipped whole, and one that does not ends within
    # MIN_REPEAT_CHARS steps (every paragraph has at least one character).
    size = chars = 0
    while (
        i + size < len(texts) and start + size < len(out) and out[start + size] == texts[i + size]
    ):
        chars += len(texts[i + size])
        size += 1
    return size if size >= MIN_REPEAT_PARAGRAPHS and chars >= MIN_REPEAT_CHARS else 0


def _ends_with_wire_caption(text: str) -> bool:
    match = P.WIRE_CAPTION_END_RE.search(text)
    return match is not None and match.end() == len(text)


def is_end_marker(text: str) -> bool:
    return len(text) <= P.MAX_COPYRIGHT_LINE_CHARS and P.COPYRIGHT_LINE.hits(text)


def is_related_header(text: str) -> bool:
    return len(text) <= MAX_WIDGET_LINE_CHARS and P.RELATED_HEADER_LINE.hits(text)


def _is_prose(text: str) -> bool:
    return len(text) > MAX_WIDGET_LINE_CHARS or P.ends_sentence(text)


def cut_at_end_marker(lines: Sequence[Line]) -> list[Line]:
    """Keep lines up to the copyright line, or up to a related-news header that no prose
    follows (a "related" box in mid-article only loses its header and link rows)."""
    return [line for line, _short, _label, _sentence in _cut(lines)]


def _kept_texts(lines: Sequence[Line], title: str | None) -> list[str]:
    """The texts of cut_at_end_marker(lines) that are not is_noise(line, title), with the
    checks the cut ran on a line reused by the noise test."""
    squashed_title = _squash(title) if title else None
    return [
        line.text
        for line, short, label, sentence in _cut(lines)
        if not _is_noise(line, title, squashed_title, short, label, sentence)
    ]


def _cut(lines: Sequence[Line]) -> Iterator[tuple[Line, bool | None, bool | None, bool]]:
    """cut_at_end_marker's lines, each with what the cut learnt of it: whether SHORT_LINE_NOISE
    and LABEL_LINE_NOISE find it (None when not asked) and whether it ends a sentence (False
    when longer than MAX_WIDGET_LINE_CHARS). Those checks hold the end marker's and the header's
    regexes, so the two are asked only of the few lines the checks find (is_end_marker and
    is_related_header otherwise)."""
    prose = 0
    last_prose = None  # index of the last unlinked prose line, found at the first header
    for i, line in enumerate(lines):
        text = line.text
        size = len(text)
        short = label = None
        if prose >= P.MIN_CUT_POSITION:
            if size <= P.MAX_COPYRIGHT_LINE_CHARS:
                short = P.SHORT_LINE_NOISE.hits(text)
                if short and P.COPYRIGHT_LINE.hits(text):
                    return
            if size <= MAX_WIDGET_LINE_CHARS:
                label = P.LABEL_LINE_NOISE.hits(text)
                if label and P.RELATED_HEADER_LINE.hits(text):
                    if last_prose is None:
                        last_prose = _last_unlinked_prose(lines)
                    if last_prose <= i:
                        return
                    continue
        # _is_prose, keeping the sentence test for the date-line check
        long = size > MAX_WIDGET_LINE_CHARS
        sentence = not long and P.ends_sentence(text)
        yield line, short, label, sentence
        if long or sentence:
            prose += 1


def _last_unlinked_prose(lines: Sequence[Line]) -> int:
    """Index of the last prose line that is not a link row, or -1: one pass from the end, so a
    page of thousands of headers is not rescanned after each of them."""
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.link_share < LINK_ROW_SHARE and _is_prose(line.text):
            return i
    return -1


def is_noise(line: Line, title: str | None = None) -> bool:
    return _is_noise(line, title, None, None, None, None)


def _is_noise(
    line: Line,
    title: str | None,
    squashed_title: str | None,
    short: bool | None,
    label: bool | None,
    sentence: bool | None,
) -> bool:
    """is_noise, given what is known already (None when not): _squash(title), whether
    SHORT_LINE_NOISE and LABEL_LINE_NOISE find the line, whether it ends a sentence."""
    text = line.text
    size = len(text)
    if line.link_share >= LINK_ROW_SHARE and size >= MIN_LINK_ROW_CHARS:
        return True
    if "DB" in text and size <= P.MAX_WIRE_CAPTION_CHARS and _ends_with_wire_caption(text):
        return True
    if size > P.MAX_COPYRIGHT_LINE_CHARS:
        return False  # every pattern below describes a short line; prose is long
    # The title echo: compare only lines of about the title's length.
    if (
        title
        and abs(size - len(title)) <= TITLE_ECHO_SLACK
        and _squash(text) == (squashed_title if squashed_title is not None else _squash(title))
    ):
        return True
    if short is None:
        short = P.SHORT_LINE_NOISE.hits(text)
    if short:
        return True
    if size > MAX_WIDGET_LINE_CHARS:
        return False
    if label is None:
        label = P.LABEL_LINE_NOISE.hits(text)
    if label:
        return True
    return size <= MAX_DATE_LINE_CHARS and _is_date_line(text, sentence)


def _squash(text: str) -> str:
    return "".join(text.split())


def _is_date_line(text: str, sentence: bool | None = None) -> bool:
    """A label+date line with little else (not a sentence that mentions 등록). The cheap tests
    go first: most short lines end a sentence, and the date parser is slow. ``sentence`` is
    ends_sentence(text) when known."""
    return (
        not (P.ends_sentence(text) if sentence is None else sentence)
        and DIGITS_RE.search(text) is not None
        and bool(dates.find_labelled_dates(text))
    )


def _strip_lead(texts: list[str]) -> tuple[list[str], list[Author]]:
    for i, text in enumerate(texts[:3]):
        rest, authors = bylines.strip_lead(text)
        if rest != text:
            out = texts[:i] + ([rest] if rest.strip() else []) + texts[i + 1 :]
            return out, authors
    return texts, []


def _strip_tail(texts: list[str]) -> tuple[list[str], list[Author]]:
    authors: list[Author] = []
    end = len(texts)
    floor = max(1, end - MAX_TAIL_LINES)
    while end > floor:
        text = _strip_end_mark(texts[end - 1]).strip()
        if not text:
            end -= 1
            continue
        found = bylines.parse_tail_line(text)
        credit = NAME_CREDIT_RE.match(text)
        if credit is not None:
            found = [Author(name=credit.group(1))]
        if found is None and not P.EMAIL_LINE_RE.match(text):
            break
        authors = list(found or []) + authors
        end -= 1
    out = texts[:end]
    if out:
        out[-1] = _strip_end_mark(out[-1]).rstrip() or out[-1]
    return out, authors


def _strip_end_mark(text: str) -> str:
    # The mark holds "끝": most lines skip the regex, which tries every position.
    return P.END_MARK_RE.sub("", text) if "끝" in text else text
