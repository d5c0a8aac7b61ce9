"""Korean news dates: machine values (ISO 8601 and friends) and visible, labelled text.

Pure functions over strings; callers pull the strings out of the HTML. Every datetime
returned is aware and in KST (+09:00); a value that only names a day is a ``datetime.date``.
Anything unreadable or impossible gives ``None``, never an exception, and never a guess
from "now" (relative forms such as ``3분 전`` are not dates here).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple, cast

from newsclean.extraction.patterns import LineRegex, case_variants
from newsclean.models import DateValue

__all__ = [
    "KST",
    "DateKind",
    "DateValue",
    "LabelledDate",
    "find_labelled_dates",
    "parse_machine_date",
    "parse_text_date",
    "to_kst",
]

KST = dt.timezone(dt.timedelta(hours=9), "KST")

DateKind = Literal["published", "modified", "clock"]

# ---------------------------------------------------------------------------
# Regex helpers (the bylines module uses them too)
# ---------------------------------------------------------------------------


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile deferred to first use: for regexes most pages never need, whose compiling
    (up to ~3 ms for one with Hangul ranges) would only slow every start-up. One mechanism with
    the named line heuristics: a patterns.LineRegex, typed as the pattern it stands for."""
    return cast("re.Pattern[str]", LineRegex(pattern, flags))


def _any_case(letter: str) -> str:
    """A character class matching ``letter`` in any case, as (?i:letter) does."""
    return "[" + "".join(case_variants(letter)) + "]"


# A regex that starts with a class of the characters its matches can start with lets the
# engine skip in C to those places; one that starts with a lookbehind, a group or an
# IGNORECASE letter makes it try a match at every character (~20x slower on long text).
# "[FIRSTS](?:...)" then goes on with each alternative after its first character: "(?<=c)rest"
# (after_first), and a leading "(?<![가-힣])" becomes "(?<![가-힣].)" after that character.


def first_chars(fragments: Sequence[str]) -> str:
    """The first characters of regex fragments that each start with a plain character."""
    return "".join(sorted({f[0] for f in fragments}))


def after_first(fragments: Sequence[str], *, any_case: bool = False) -> str:
    """Alternation of regex fragments (each starting with a plain character) once their first
    character has been matched: "(?<=c)(?:rest1|rest2)" per first character, keeping the
    fragments' order (fragments with different first characters never match at the same
    place), or "(?<=[Cc])(?i:...)" to match in any case (as (?i:fragment) does)."""
    rests: dict[str, list[str]] = {}
    for fragment in fragments:
        rests.setdefault(fragment[0], []).append(fragment[1:])
    if any_case:
        return "|".join(f"(?<={_any_case(c)})(?i:{'|'.join(r)})" for c, r in rests.items())
    return "|".join(f"(?<={c})(?:{'|'.join(r)})" for c, r in rests.items())


# ---------------------------------------------------------------------------
# Limits
# ---------------------------------------------------------------------------

# Header info lines are a few hundred characters; scanning more only costs time on huge inputs.
MAX_SCAN_CHARS = 2000
# The longest machine value we accept ("2023-05-26T15:08:00.123456789+09:00" plus slack).
MAX_MACHINE_CHARS = 64
# Years outside this window are typos or placeholders (year 0, 9999), not news dates.
MIN_YEAR = 1900
MAX_YEAR = 2100
# Real UTC offsets run from -12:00 to +14:00; anything beyond is garbage.
MAX_UTC_OFFSET_MINUTES = 14 * 60
# Two-digit years (OhmyNews "19.05.26", 마이데일리 "yy-mm-dd"): below the pivot → 20yy, else 19yy,
# so "98.05.26" is 1998 rather than 2098 (Korean online news begins in the mid-1990s).
TWO_DIGIT_YEAR_PIVOT = 70
# Longest separator run allowed between a leading label and its date ("등록날짜 [ ", "입력 : ").
MAX_LABEL_GAP = 8
# Longest separator run allowed between a date and a trailing label ("15:08 송고").
MAX_TRAIL_GAP = 4

# ---------------------------------------------------------------------------
# Machine-readable values
# ---------------------------------------------------------------------------

# ISO 8601 and its loose cousins from meta tags and data attributes; naive means KST.
MACHINE_ISO_RE = re.compile(
    r"(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})\.?"
    r"(?:(?:T|\s{1,3})(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d{1,9})?)?)?"
    r"(?:\s{0,2}(?P<tz>Z|UTC|GMT|KST|[+-]\d{2}(?::?\d{2})?))?"
)
# Compact digits from data attributes: "20230526", "202305261508", "20230526150800".
MACHINE_COMPACT_RE = lazy_compile(
    r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"
    r"(?:T?(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)
# RFC 2822 (RSS pubDate, some meta tags): "Fri, 26 May 2023 15:08:00 +0900".
MACHINE_RFC2822_RE = lazy_compile(
    r"(?:[A-Za-z]{3},\s{0,2})?(?P<d>\d{1,2})\s{1,2}(?P<mon>[A-Za-z]{3})\s{1,2}(?P<y>\d{4})"
    r"\s{1,2}(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?:\s{0,2}(?P<tz>Z|UT|UTC|GMT|KST|[+-]\d{4}))?"
)
# Named zones seen on Korean and English-language Korean sites, in minutes east of UTC.
ZONE_OFFSETS_MINUTES = {"Z": 0, "UT": 0, "UTC": 0, "GMT": 0, "KST": 9 * 60}
# English month prefixes (RFC 2822 and Korea Herald style "Jan. 6, 2026").
MONTHS_EN = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# ---------------------------------------------------------------------------
# Visible text
# ---------------------------------------------------------------------------

# Weekday after a date: "(일)", "(월요일)", "(Mon)", or a bare "일" (최종편집 "2018.3.25 일 11:24").
_WEEKDAY = (
    r"(?:\(\s?(?:[월화수목금토일](?:요일)?|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s?\)"
    r"|[월화수목금토일](?:요일)?(?!\w))"
)
# 오전/오후 and AM/PM markers, before ("오후 3:08") or after ("3:08 PM") the time.
_MERIDIEM = r"(?:오전|오후|[AaPp]\.?[Mm]\.?)"
# Hour then minutes ("15:08", "15:08:00") or Korean units ("15시08분", "15시 8분 30초", "3시").
_TIME = (
    r"(?P<ampm>" + _MERIDIEM + r")?\s{0,2}"
    r"(?<!\d)(?P<H>\d{1,2})"
    r"(?:\s{0,2}:\s{0,2}(?P<M>\d{2})(?:\s{0,2}:\s{0,2}(?P<S>\d{2}))?"
    r"|\s{0,2}시(?!간)(?:\s{0,2}(?P<KM>\d{1,2})\s{0,2}분(?:\s{0,2}(?P<KS>\d{1,2})\s{0,2}초)?)?)"
    r"(?!\d)"
    r"(?:\s{0,2}(?P<ampm2>" + _MERIDIEM + r")(?!\w))?"
    # A numeric offset only when glued to the time, so "15:08 - 16:00" is not read as -16:00.
    r"(?:(?P<off>[+-]\d{2}:?\d{2})|\s{0,2}\(?(?P<tz>KST|UTC|GMT|Z)\)?)?"
)
# A visible date starts with a digit or a month's first letter. TEXT_DATE_RE matches that
# character first, as a class, so the regex engine skips in C to where a date can start (a
# leading lookbehind makes it try every character); each kind of date then goes on after it,
# keeping the character in a group (y0, e0) and testing what precedes it with a lookbehind.
#
# Numeric dates: "2023.05.26.", "2026. 1. 6.", "2023-05-26", "2023년 5월 26일", "19.05.26",
# "YY.MM/DD". The year is y0 + y, 4 or 2 digits not preceded by a digit.
_NUMERIC_DATE = (
    r"(?<=(?P<y0>\d))(?<!\d\d)(?P<y>\d{3}|\d)\s{0,2}(?:[-./]|년)\s{0,2}"
    r"(?P<m>\d{1,2})\s{0,2}(?:[-./]|월)\s{0,2}"
    r"(?P<d>\d{1,2})(?!\d)(?:\s{0,2}[일.])?"
)
# English month-first dates (Korea Herald "Jan. 6, 2026"), months in any case, not preceded by
# a letter. The month is e0 + emon.
_MONTH_NAMES = (
    "jan(?:uary)?", "feb(?:ruary)?", "mar(?:ch)?", "apr(?:il)?", "may", "june?", "july?",
    "aug(?:ust)?", "sep(?:t(?:ember)?)?", "oct(?:ober)?", "nov(?:ember)?", "dec(?:ember)?",
)  # fmt: skip
_MONTH_INITIALS = "".join(sorted({c for m in _MONTH_NAMES for c in _any_case(m[0])[1:-1]}))
_ENGLISH_DATE = (
    r"(?<=(?P<e0>.))(?<![A-Za-z].)"
    rf"(?P<emon>{after_first(_MONTH_NAMES, any_case=True)})\.?"
    r"\s{1,2}(?P<ed>\d{1,2}),?\s{1,2}(?P<ey>\d{4})(?!\d)"
)
# What may sit between a date and its time: "T", spaces, a weekday, a dash or bar, "(" or "[".
_DATE_TIME_GAP = r"(?:T|[\s,]{0,3}(?:[-–|]\s{0,2})?(?:" + _WEEKDAY + r"[\s,]{0,3})?[(\[]?\s{0,2})"
# One visible date with an optional time; the workhorse for both text functions.
TEXT_DATE_RE = re.compile(
    rf"[\d{_MONTH_INITIALS}](?:{_NUMERIC_DATE}|{_ENGLISH_DATE})(?:{_DATE_TIME_GAP}{_TIME})?"
)
# A bare time after a label (KBS "수정 (19:18)"); it borrows the day of the date before it.
TIME_ONLY_RE = lazy_compile(r"[\s:：\[(]{0,6}" + _TIME)
# Markers meaning afternoon; the rest (오전, AM) mean morning.
PM_MARKERS = frozenset({"오후", "pm", "p.m.", "p.m", "pm."})

# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------

# Labels for first publication (research §2: 입력/송고/등록…; 승인 is old NDsoft, 게시 from DX).
# A space inside a label also matches no space ("게재 일자" / "게재일자").
PUBLISHED_LABELS = (
    "기사 입력",
    "최초 입력",
    "입력 일시",
    "입력 시간",
    "입력일",
    "입력",
    "등록 일시",
    "등록 날짜",
    "등록 일자",
    "등록일",
    "등록",
    "송고 시간",
    "송고",
    "게재 일자",
    "게재일",
    "게재",
    "발행 일자",
    "발행일",
    "발행",
    "작성 일시",
    "작성 일자",
    "작성일",
    "작성",
    "기사 전송",
    "승인",
    "게시 일자",
    "게시일",
    "게시",
)
# Labels for the last modification.
MODIFIED_LABELS = (
    "최종 수정일",
    "최종 수정",
    "수정 일시",
    "수정일",
    "수정 시간",
    "수정",
    "최종 업데이트",
    "업데이트",
)
# English labels on English-language Korean sites (Korea Herald, Korea Times, Arirang).
PUBLISHED_LABELS_EN = ("Published", "Posted")
MODIFIED_LABELS_EN = ("Updated", "Modified")
# Site header clocks: they show the time the page was built, not the article's date.
CLOCK_LABELS = ("최종편집",)
# Header clock written "UPDATED. 2018-03-19 08:06:42 (월)": uppercase and a dot, unlike "Updated".
CLOCK_LABEL_RES = (r"UPDATED\.",)


def _alternatives(labels: tuple[str, ...]) -> list[str]:
    """Regexes of labels, longest first, with a written space meaning "maybe spaces"."""
    ordered = sorted(labels, key=len, reverse=True)
    return [re.escape(label).replace(r"\ ", r"\s{0,2}") for label in ordered]


_CLOCK_ALTS = [*CLOCK_LABEL_RES, *_alternatives(CLOCK_LABELS)]
_MODIFIED_ALTS = _alternatives(MODIFIED_LABELS)
_PUBLISHED_ALTS = _alternatives(PUBLISHED_LABELS)
_ENGLISH_ALTS = _alternatives(MODIFIED_LABELS_EN) + _alternatives(PUBLISHED_LABELS_EN)
_LABEL_FIRSTS = sorted(
    {f[0] for f in _CLOCK_ALTS + _MODIFIED_ALTS + _PUBLISHED_ALTS}
    | {c for f in _ENGLISH_ALTS for c in _any_case(f[0])[1:-1]}
)
# Every label; the empty group at its end names the kind (match.lastgroup). Clock first so
# "UPDATED." beats "Updated"; English labels in any case. The regex starts with a class of
# the labels' first characters, so the engine skips in C to where a label can start.
LABEL_RE = re.compile(
    f"[{''.join(_LABEL_FIRSTS)}](?:"
    f"(?:{after_first(_CLOCK_ALTS)})(?P<clock>)"
    f"|(?:{after_first(_MODIFIED_ALTS)}"
    f"|{after_first(_alternatives(MODIFIED_LABELS_EN), any_case=True)})(?P<modified>)"
    f"|(?:{after_first(_PUBLISHED_ALTS)}"
    f"|{after_first(_alternatives(PUBLISHED_LABELS_EN), any_case=True)})(?P<published>))"
)
_LABEL_KINDS: dict[str | None, DateKind] = {
    "clock": "clock",
    "modified": "modified",
    "published": "published",
}
# Between a label and its date: "입력 : ", "등록날짜 [ ", "송고" glued to the digits, "(".
LABEL_GAP_RE = re.compile(rf"[\s:：=\[(【「]{{0,{MAX_LABEL_GAP}}}")
# Between a date and a trailing label (Yonhap "… 08시00분 송고", News1 "15:08 송고").
TRAIL_GAP_RE = lazy_compile(rf"[\s\])】」.]{{0,{MAX_TRAIL_GAP}}}")


# Footers give the paper's registration date ("등록번호 : 서울 아00000 | 등록일자 : 1966.03.08");
# a label this soon after "등록번호" is about the publication, not the article.
REGISTRATION_CONTEXT_RE = lazy_compile(r"등록\s{0,2}번호")
REGISTRATION_LOOKBACK = 40

# Every date (TEXT_DATE_RE) and bare time (TIME_ONLY_RE) holds a digit: text without one has no
# labelled date, whatever its labels.
DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True)
class LabelledDate:
    """A date found next to a label in visible text."""

    kind: DateKind
    value: DateValue
    label: str  # the label as written, e.g. "입력", "최종수정"


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


def to_kst(value: dt.datetime) -> dt.datetime:
    """A naive value is taken to be KST; an aware one is converted to KST."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=KST)
    return value.astimezone(KST)


def parse_machine_date(value: str) -> DateValue | None:
    """Parse a machine value (JSON-LD, meta, ``<time datetime>``, data attributes)."""
    text = value.strip()
    if not text or len(text) > MAX_MACHINE_CHARS:
        return None
    m = MACHINE_ISO_RE.fullmatch(text) or MACHINE_COMPACT_RE.fullmatch(text)
    if m is not None:
        month = int(m["m"])
    else:
        m = MACHINE_RFC2822_RE.fullmatch(text)
        if m is None:
            return None
        month = MONTHS_EN.get(m["mon"].lower(), 0)
    year, day, hour, minute, second, zone = m.group("y", "d", "H", "M", "S", "tz")
    return _build(
        int(year),
        month,
        int(day),
        _int_or_none(hour),
        _int_or_none(minute),
        _int_or_none(second),
        _offset_minutes(zone),
    )


def parse_text_date(text: str) -> DateValue | None:
    """The first valid date in one visible date string; a label around it is ignored."""
    text = text[:MAX_SCAN_CHARS]
    machine = parse_machine_date(text)
    if machine is not None:
        return machine
    for match in TEXT_DATE_RE.finditer(text):
        parsed = _from_text_match(match)
        if parsed is not None:
            return parsed
    return None


def find_labelled_dates(text: str) -> list[LabelledDate]:
    """Every label+date pair in a header/info line, in order. Bare dates are never returned."""
    text = text[:MAX_SCAN_CHARS]
    if DIGIT_RE.search(text) is None:
        return []
    labels = list(LABEL_RE.finditer(text))
    if not labels:
        return []  # every pair has a label
    tokens = _tokens(text, labels)
    found: list[LabelledDate] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if isinstance(token, _Label):
            if isinstance(nxt, _Date) and _leads(text, token, nxt):
                if nxt.value is not None:
                    found.append(LabelledDate(token.kind, nxt.value, token.text))
                i += 2
                continue
            borrowed = _time_after_label(text, token, found)
            if borrowed is not None:
                found.append(LabelledDate(token.kind, borrowed, token.text))
            i += 1
            continue
        # A date with no label before it: keep it only if a label trails it.
        if (
            isinstance(nxt, _Label)
            and nxt.kind != "clock"
            and _trails(text, token, nxt)
            and _label_belongs_to_previous(text, tokens, i + 1)
        ):
            if token.value is not None:
                found.append(LabelledDate(nxt.kind, token.value, nxt.text))
            i += 2
            continue
        i += 1
    return found


# ---------------------------------------------------------------------------
# Tokens for find_labelled_dates
# ---------------------------------------------------------------------------


class _Label(NamedTuple):
    kind: DateKind
    text: str
    start: int
    end: int


class _Date(NamedTuple):
    value: DateValue | None  # None when the text looks like a date but is impossible
    start: int
    end: int


def _tokens(
    text: str, label_matches: Iterable[re.Match[str]] | None = None
) -> list[_Label | _Date]:
    """Dates and labels in text order (``label_matches``: LABEL_RE's, when already found).

    Dropped labels: one inside a date's span, and a footer registration label.
    """
    if label_matches is None:
        label_matches = LABEL_RE.finditer(text)
    dates = [_Date(_from_text_match(m), *m.span()) for m in TEXT_DATE_RE.finditer(text)]
    footers = "번호" in text  # REGISTRATION_CONTEXT_RE needs it
    labels: list[_Label | _Date] = []
    for m in label_matches:
        start, end = m.span()
        if any(d.start <= start < d.end for d in dates):
            continue
        if footers and REGISTRATION_CONTEXT_RE.search(
            text, max(0, start - REGISTRATION_LOOKBACK), start
        ):
            continue
        labels.append(_Label(_LABEL_KINDS[m.lastgroup], m.group(), start, end))
    if not labels or not dates:
        return labels or list(dates)
    return sorted([*dates, *labels], key=_start)


def _start(token: _Label | _Date) -> int:
    return token.start


def _leads(text: str, label: _Label, date: _Date) -> bool:
    """True when only separators stand between the label and the date after it."""
    return LABEL_GAP_RE.fullmatch(text, label.end, date.start) is not None


def _trails(text: str, date: _Date, label: _Label) -> bool:
    """True when only separators stand between the date and the label after it."""
    return TRAIL_GAP_RE.fullmatch(text, date.end, label.start) is not None


def _label_belongs_to_previous(text: str, tokens: list[_Label | _Date], at: int) -> bool:
    """Decide whether tokens[at], a label right after a date, trails that date.

    "2026.01.06 14:00 송고" → trails. "김가명 2026.01.06 수정 2026.01.07" → the label leads
    the second date instead. In a trailing-style line ("A 입력 B 수정") the label after B
    has no date of its own, which shows the whole line is trailing-style.
    """
    label = tokens[at]
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    if not (isinstance(label, _Label) and isinstance(after, _Date) and _leads(text, label, after)):
        return True
    then = tokens[at + 2] if at + 2 < len(tokens) else None
    if not (isinstance(then, _Label) and then.kind != "clock" and _trails(text, after, then)):
        return False
    beyond = tokens[at + 3] if at + 3 < len(tokens) else None
    return not (isinstance(beyond, _Date) and _leads(text, then, beyond))


def _time_after_label(text: str, label: _Label, found: list[LabelledDate]) -> dt.datetime | None:
    """KBS "입력 2023.04.07 (19:09), 수정 (19:18)": a bare time takes the previous date's day."""
    previous = next((f.value for f in reversed(found) if f.kind != "clock"), None)
    if previous is None:
        return None
    match = TIME_ONLY_RE.match(text, label.end)
    if match is None:
        return None
    day = previous.astimezone(KST).date() if isinstance(previous, dt.datetime) else previous
    value = _from_time_groups(match, day.year, day.month, day.day)
    return value if isinstance(value, dt.datetime) else None


# ---------------------------------------------------------------------------
# Building values
# ---------------------------------------------------------------------------


def _from_text_match(match: re.Match[str]) -> DateValue | None:
    y0, y, m, d = match.group("y0", "y", "m", "d")
    if y is not None:
        year, month, day = _full_year(y0 + y), int(m), int(d)
    else:
        e0, emon, ed, ey = match.group("e0", "emon", "ed", "ey")
        year = int(ey)
        month = MONTHS_EN.get((e0 + emon)[:3].lower(), 0)
        day = int(ed)
    return _from_time_groups(match, year, month, day)


# The time groups shared by TEXT_DATE_RE and TIME_ONLY_RE.
_TIME_GROUPS = ("H", "M", "S", "KM", "KS", "ampm", "ampm2", "off", "tz")


def _from_time_groups(match: re.Match[str], year: int, month: int, day: int) -> DateValue | None:
    """Combine a day with the time groups of TEXT_DATE_RE / TIME_ONLY_RE (which may be empty)."""
    hour_digits, m, s, km, ks, ampm, ampm2, off, tz = match.group(*_TIME_GROUPS)
    if hour_digits is None:
        return _build(year, month, day, None, None, None, None)
    hour = _hour24(int(hour_digits), ampm or ampm2)
    minute = m if m is not None else km
    second = s if s is not None else ks
    offset = _offset_minutes(off or tz)
    return _build(
        year,
        month,
        day,
        hour,
        int(minute) if minute is not None else 0,
        _int_or_none(second),
        offset,
    )


def _hour24(hour: int, marker: str | None) -> int:
    """오후 3 → 15, 오후 12 → 12, 오전 12 → 0; TV Chosun's "오후 17:25" stays 17."""
    if marker is None:
        return hour
    if marker.lower() in PM_MARKERS:
        if hour == 0:
            return 12
        return hour + 12 if hour < 12 else hour
    return 0 if hour == 12 else hour


def _full_year(digits: str) -> int:
    if len(digits) == 4:
        return int(digits)
    short = int(digits)
    return (2000 if short < TWO_DIGIT_YEAR_PIVOT else 1900) + short


def _int_or_none(digits: str | None) -> int | None:
    return int(digits) if digits is not None else None


def _offset_minutes(zone: str | None) -> int | None:
    """Minutes east of UTC for "Z", "KST", "+09:00", "+0900", "-05"; None when not given.

    An impossible offset gives a value past MAX_UTC_OFFSET_MINUTES so _build rejects it.
    """
    if zone is None:
        return None
    if zone in ZONE_OFFSETS_MINUTES:
        return ZONE_OFFSETS_MINUTES[zone]
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if minutes >= 60:
        return MAX_UTC_OFFSET_MINUTES + 1
    total = hours * 60 + minutes
    return -total if zone[0] == "-" else total


# Fixed-offset zones by minutes east of UTC, made once (+09:00 is KST itself: same offset).
_ZONES: dict[int, dt.timezone] = {9 * 60: KST}


def _zone(offset_minutes: int) -> dt.timezone:
    zone = _ZONES[offset_minutes] = dt.timezone(dt.timedelta(minutes=offset_minutes))
    return zone


def _build(
    year: int,
    month: int,
    day: int,
    hour: int | None,
    minute: int | None,
    second: int | None,
    offset_minutes: int | None,
) -> DateValue | None:
    """A KST datetime (or a date when no time is given); None for any impossible part."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        if hour is None:
            return dt.date(year, month, day)
        if offset_minutes is None:
            zone = KST
        elif abs(offset_minutes) > MAX_UTC_OFFSET_MINUTES:
            return None
        else:
            zone = _ZONES.get(offset_minutes) or _zone(offset_minutes)
        moment = dt.datetime(year, month, day, hour, minute or 0, second or 0, tzinfo=zone)
    except ValueError:
        return None
    return moment.astimezone(KST)
