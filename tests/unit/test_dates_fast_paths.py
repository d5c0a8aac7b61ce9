"""The faster forms of the dates regexes and shortcuts give what the plain forms gave.

The reference patterns below are the earlier, simpler writings of LABEL_RE and TEXT_DATE_RE;
the module's patterns start with a class of first characters (so the regex engine skips in C
to where a match can start) and must find the same matches.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from newsclean.extraction import dates
from newsclean.extraction.dates import (
    KST,
    LABEL_RE,
    TEXT_DATE_RE,
    find_labelled_dates,
    lazy_compile,
    parse_machine_date,
)

OLD_LABEL_RE = re.compile(
    r"(?P<clock>UPDATED\.|최종편집)"
    r"|(?P<modified>최종\s{0,2}업데이트|최종\s{0,2}수정일|최종\s{0,2}수정|수정\s{0,2}일시"
    r"|수정\s{0,2}시간|업데이트|수정일|수정|(?i:Modified|Updated))"
    r"|(?P<published>기사\s{0,2}입력|최초\s{0,2}입력|입력\s{0,2}일시|입력\s{0,2}시간|등록\s{0,2}일시"
    r"|등록\s{0,2}날짜|등록\s{0,2}일자|송고\s{0,2}시간|게재\s{0,2}일자|발행\s{0,2}일자|작성\s{0,2}일시"
    r"|작성\s{0,2}일자|기사\s{0,2}전송|게시\s{0,2}일자|입력일|등록일|게재일|발행일|작성일|게시일"
    r"|입력|등록|송고|게재|발행|작성|승인|게시|(?i:Published|Posted))"
)

_OLD_TIME = (
    r"(?P<ampm>(?:오전|오후|[AaPp]\.?[Mm]\.?))?\s{0,2}(?<!\d)(?P<H>\d{1,2})"
    r"(?:\s{0,2}:\s{0,2}(?P<M>\d{2})(?:\s{0,2}:\s{0,2}(?P<S>\d{2}))?"
    r"|\s{0,2}시(?!간)(?:\s{0,2}(?P<KM>\d{1,2})\s{0,2}분(?:\s{0,2}(?P<KS>\d{1,2})\s{0,2}초)?)?)"
    r"(?!\d)(?:\s{0,2}(?P<ampm2>(?:오전|오후|[AaPp]\.?[Mm]\.?))(?!\w))?"
    r"(?:(?P<off>[+-]\d{2}:?\d{2})|\s{0,2}\(?(?P<tz>KST|UTC|GMT|Z)\)?)?"
)
OLD_TEXT_DATE_RE = re.compile(
    r"(?:(?<!\d)(?P<y>\d{4}|\d{2})\s{0,2}(?:[-./]|년)\s{0,2}(?P<m>\d{1,2})\s{0,2}(?:[-./]|월)"
    r"\s{0,2}(?P<d>\d{1,2})(?!\d)(?:\s{0,2}[일.])?"
    r"|(?<![A-Za-z])(?P<emon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|"
    r"july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?"
    r"\s{1,2}(?P<ed>\d{1,2}),?\s{1,2}(?P<ey>\d{4})(?!\d))"
    r"(?:(?:T|[\s,]{0,3}(?:[-–|]\s{0,2})?(?:(?:\(\s?(?:[월화수목금토일](?:요일)?|Mon|Tue|Wed|Thu"
    r"|Fri|Sat|Sun)\s?\)|[월화수목금토일](?:요일)?(?!\w))[\s,]{0,3})?[(\[]?\s{0,2})"
    + _OLD_TIME
    + ")?"
)

ATOMS = (
    "UPDATED.", "UPDATED", "Updated", "updated", "uPDATED", "Modified", "MODIFIED", "modıfıed",
    "Published", "PUBLİSHED", "Posted", "poſted", "최종편집", "최종", "수정", "수정일", "일시", "시간",
    "업데이트", "기사", "입력", "최초", "등록", "날짜", "일자", "송고", "게재", "발행", "작성", "전송", "승인",
    "게시", "일", "2023", "04", "4", "19", "23:28", "12:00:01", ".", "-", "/", "년", "월", "시", "분",
    "초", "오후", "오전", "PM", "am", "(월)", "(Mon)", "T", "+09:00", "KST", "Jan", "jan.", "January",
    "Sept", "ſep", "May", "june", "JULY", "Aug", "Dec", "Nov", "xJan", "1Jan", "6,", "2026", "MARCH",
    ",", "|", ":", "：", "[", "(", ")", "a", "x", "\n", "가", "7", "번호", "등록번호", "١٢",
)  # fmt: skip
SEPARATORS = ("", " ", "  ", "\n", ". ", "\t")


def random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(ATOMS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 9)))
        for _ in range(count)
    ]


def old_kind(m: re.Match[str]) -> str:
    return "clock" if m["clock"] else "modified" if m["modified"] else "published"


@pytest.mark.parametrize("seed", [1, 2])
def test_label_re_finds_the_labels_of_the_plain_pattern(seed: int) -> None:
    for text in random_texts(seed, 3000):
        old = [(m.span(), old_kind(m)) for m in OLD_LABEL_RE.finditer(text)]
        new = [(m.span(), m.lastgroup) for m in LABEL_RE.finditer(text)]
        assert new == old, text


def old_value(m: re.Match[str]) -> dt.date | None:
    if m["y"] is not None:
        year, month, day = dates._full_year(m["y"]), int(m["m"]), int(m["d"])
    else:
        year, month = int(m["ey"]), dates.MONTHS_EN.get(m["emon"][:3].lower(), 0)
        day = int(m["ed"])
    return dates._from_time_groups(m, year, month, day)


@pytest.mark.parametrize("seed", [3, 4])
def test_text_date_re_finds_the_dates_of_the_plain_pattern(seed: int) -> None:
    for text in random_texts(seed, 3000):
        old = [(m.span(), old_value(m)) for m in OLD_TEXT_DATE_RE.finditer(text)]
        new = [(m.span(), dates._from_text_match(m)) for m in TEXT_DATE_RE.finditer(text)]
        assert new == old, text


@pytest.mark.parametrize(
    "text",
    ["2023.05.26 15:08", "19.05.26", "Jan. 6, 2026 3:08 PM", "SEPT 1, 2024", "ſep 1, 2024"],
)
def test_text_date_re_reads_years_and_months_whole(text: str) -> None:
    (match,) = TEXT_DATE_RE.finditer(text)
    (old,) = OLD_TEXT_DATE_RE.finditer(text)
    assert match.span() == old.span()
    assert dates._from_text_match(match) == old_value(old)


def test_any_case_classes_match_what_ignorecase_matches() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    letters = {w[0] for w in dates._MONTH_NAMES} | set("pPuUmMkKiIsS")
    for letter in letters:
        expected = sorted(set(re.findall(f"(?i:{letter})", everything)))
        assert sorted(dates._any_case(letter)[1:-1]) == expected, letter


@pytest.mark.parametrize("seed", [5])
def test_find_labelled_dates_shortcuts_skip_only_dateless_text(seed: int) -> None:
    """Without a digit there is no date nor time, without a label no label token: nothing a
    labelled date could be made of, which find_labelled_dates returns at once."""
    for text in random_texts(seed, 2000):
        tokens = dates._tokens(text)
        if dates.DIGIT_RE.search(text) is None:
            assert not any(isinstance(t, dates._Date) for t in tokens)
            assert dates.TIME_ONLY_RE.search(text) is None
            assert find_labelled_dates(text) == []
        if LABEL_RE.search(text) is None:
            assert not any(isinstance(t, dates._Label) for t in tokens)
            assert find_labelled_dates(text) == []


@pytest.mark.parametrize(
    ("value", "offset"),
    [
        ("2023-05-26T15:08:00+09:00", 9 * 60),
        ("2023-05-26T06:08:00Z", 0),
        ("2023-05-26T01:08:00-05:00", -5 * 60),
        ("2023-05-26T11:38:00+0530", 5 * 60 + 30),
    ],
)
def test_machine_dates_with_offsets_match_fresh_zones(value: str, offset: int) -> None:
    parsed = parse_machine_date(value)
    assert isinstance(parsed, dt.datetime)
    assert parsed.tzinfo is KST
    digits = [int(x) for x in re.findall(r"\d+", value)[:6]]
    fresh = dt.datetime(*digits, tzinfo=dt.timezone(dt.timedelta(minutes=offset)))
    assert parsed == fresh.astimezone(KST)
    assert repr(parsed) == repr(fresh.astimezone(KST))
    assert parse_machine_date(value) == parsed  # cached zone, same value


def test_lazy_compile_behaves_like_re_compile() -> None:
    lazy = lazy_compile(r"(?P<word>[가-힣]+)\s*기자", re.I)
    plain = re.compile(r"(?P<word>[가-힣]+)\s*기자", re.I)
    text = "홍길동 기자, 김가명기자"
    assert lazy.pattern == plain.pattern
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert lazy.sub("-", text) == plain.sub("-", text)
    assert lazy.search(text)["word"] == "홍길동"  # type: ignore[index]
    assert lazy.fullmatch("홍길동 기자") is not None
    assert lazy.groupindex == plain.groupindex  # other attributes come from the compiled one
