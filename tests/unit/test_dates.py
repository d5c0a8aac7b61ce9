"""Korean news date parsing: machine values, visible text and labelled header lines."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from newsclean.extraction.dates import (
    KST,
    MAX_LABEL_GAP,
    MAX_MACHINE_CHARS,
    MAX_SCAN_CHARS,
    LabelledDate,
    find_labelled_dates,
    parse_machine_date,
    parse_text_date,
    to_kst,
)


def kst(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, s, tzinfo=KST)


# --------------------------------------------------------------------------- machine values

MACHINE_CASES = [
    ("2023-05-26T15:08:00+09:00", kst(2023, 5, 26, 15, 8)),
    ("2023-05-26T06:08:00Z", kst(2023, 5, 26, 15, 8)),
    ("2023-05-26T06:08:00.000+0000", kst(2023, 5, 26, 15, 8)),
    ("2023-05-26T06:08:00+00:00", kst(2023, 5, 26, 15, 8)),
    ("2023-05-25T20:08:00-10:00", kst(2023, 5, 26, 15, 8)),  # crosses midnight into KST
    ("2023-05-26T20:00:00Z", kst(2023, 5, 27, 5, 0)),  # UTC evening is next KST morning
    ("2023-05-26 15:08:00", kst(2023, 5, 26, 15, 8)),  # naive → KST
    ("2023-05-26T15:08", kst(2023, 5, 26, 15, 8)),
    ("2023-05-26T15:08:47+09:00", kst(2023, 5, 26, 15, 8, 47)),  # seconds kept
    ("20230526150800", kst(2023, 5, 26, 15, 8)),
    ("202305261508", kst(2023, 5, 26, 15, 8)),
    ("20230526", dt.date(2023, 5, 26)),
    ("2023-05-26", dt.date(2023, 5, 26)),
    ("2023.05.26 15:08", kst(2023, 5, 26, 15, 8)),
    ("  2023-05-26T15:08:00+09:00\n", kst(2023, 5, 26, 15, 8)),
    ("2026-01-06 12:00:00 KST", kst(2026, 1, 6, 12, 0)),
    ("Fri, 26 May 2023 06:08:00 GMT", kst(2023, 5, 26, 15, 8)),
    ("Fri, 26 May 2023 15:08:00 +0900", kst(2023, 5, 26, 15, 8)),
    # garbage and impossible values
    ("", None),
    ("   ", None),
    ("not a date", None),
    ("2023-13-01", None),
    ("2023-02-30", None),
    ("2023-05-26T25:61:00", None),
    ("2023-05-26T15:08:61", None),
    ("0000-05-26", None),
    ("2101-01-01", None),
    ("1899-12-31T10:00:00Z", None),
    ("2023-05-26T15:08:00+25:00", None),
    ("2023-05-26T15:08:00+09:75", None),
    ("2023-05-26T15:08:00 and more words", None),
    ("3분 전", None),
    ("2023-05-26" + " " * (MAX_MACHINE_CHARS + 10) + "x", None),
]


@pytest.mark.parametrize(("value", "expected"), MACHINE_CASES)
def test_parse_machine_date(value: str, expected: dt.date | None) -> None:
    assert parse_machine_date(value) == expected


def test_machine_datetimes_are_kst_aware() -> None:
    parsed = parse_machine_date("2023-05-26T06:08:00Z")
    assert isinstance(parsed, dt.datetime)
    assert parsed.isoformat() == "2023-05-26T15:08:00+09:00"


def test_machine_bare_date_is_a_date_not_a_datetime() -> None:
    parsed = parse_machine_date("2023-05-26")
    assert type(parsed) is dt.date


def test_machine_fraction_of_second_is_dropped() -> None:
    parsed = parse_machine_date("2023-05-26T15:08:09.123456+09:00")
    assert parsed == kst(2023, 5, 26, 15, 8, 9)
    assert isinstance(parsed, dt.datetime) and parsed.microsecond == 0


# --------------------------------------------------------------------------- visible text

TEXT_CASES = [
    # Naver, YTN, Daum
    ("2023.05.26. 오후 3:08", kst(2023, 5, 26, 15, 8)),
    ("2023.05.26. 오전 9:41", kst(2023, 5, 26, 9, 41)),
    ("2026.01.06. 오후 6:23.", kst(2026, 1, 6, 18, 23)),
    ("2026. 1. 6. 16:19", kst(2026, 1, 6, 16, 19)),
    # Korean units
    ("2023년05월26일 15시08분", kst(2023, 5, 26, 15, 8)),
    ("2023년 5월 26일 오후 3:08", kst(2023, 5, 26, 15, 8)),
    ("2023년 5월 26일 오후 3시 8분", kst(2023, 5, 26, 15, 8)),
    ("2023년 5월 26일 15시 8분 30초", kst(2023, 5, 26, 15, 8, 30)),
    ("2019년 05월 26일 (일) 15:08:00", kst(2019, 5, 26, 15, 8)),
    ("2019년 5월 26일 일요일 15:08", kst(2019, 5, 26, 15, 8)),
    ("2019년 05월 26일", dt.date(2019, 5, 26)),
    # labels and brackets around the date
    ("입력 2026.01.06 (17:45)", kst(2026, 1, 6, 17, 45)),
    ("송고2026-01-06 16:46", kst(2026, 1, 6, 16, 46)),
    ("입력 2026.01.06. 08:15", kst(2026, 1, 6, 8, 15)),
    ("[2019-05-26 15:08]", kst(2019, 5, 26, 15, 8)),
    ("기사입력 2025.08.21. 09:59:25", kst(2025, 8, 21, 9, 59, 25)),
    ("게재 일자 : 2019년 05월 26일", dt.date(2019, 5, 26)),
    ("발행일 : 2019.05.26", dt.date(2019, 5, 26)),
    ("2019/05/26 15:08", kst(2019, 5, 26, 15, 8)),
    ("2026-01-06(화) 14:00", kst(2026, 1, 6, 14, 0)),
    # 오전/오후 edge cases (TV Chosun puts 오후 before a 24-hour value)
    ("등록: 2026.01.06 오후 17:25", kst(2026, 1, 6, 17, 25)),
    ("2026.01.06 오후 12:05", kst(2026, 1, 6, 12, 5)),
    ("2026.01.06 오전 12:05", kst(2026, 1, 6, 0, 5)),
    ("2026.01.06 오전 11:59", kst(2026, 1, 6, 11, 59)),
    ("2026.01.06 오후 11:59", kst(2026, 1, 6, 23, 59)),
    ("2026.01.06 오전 0:30", kst(2026, 1, 6, 0, 30)),
    ("2026-01-06 3:08 PM", kst(2026, 1, 6, 15, 8)),
    ("2026-01-06 12:30 AM", kst(2026, 1, 6, 0, 30)),
    # two-digit years
    ("19.05.26 15:08", kst(2019, 5, 26, 15, 8)),
    ("23-05-26 15:08", kst(2023, 5, 26, 15, 8)),
    ("19.05/26 15:08", kst(2019, 5, 26, 15, 8)),
    ("98.05.26 10:00", kst(1998, 5, 26, 10, 0)),  # TWO_DIGIT_YEAR_PIVOT
    # English-language Korean outlets
    ("Published : Jan. 6, 2026 - 12:00", kst(2026, 1, 6, 12, 0)),
    ("Posted : 2026-01-06 12:00 KST", kst(2026, 1, 6, 12, 0)),
    ("Updated : 2026-01-06 03:00 UTC", kst(2026, 1, 6, 12, 0)),
    # ISO inside text goes through the machine parser (Z → KST)
    ("2023-05-26T06:08:00Z", kst(2023, 5, 26, 15, 8)),
    # the first valid date wins
    ("입력 2026.01.06 13:59 수정 2026.01.07 14:16", kst(2026, 1, 6, 13, 59)),
    ("2023년13월45일 그리고 2023.05.26 15:08", kst(2023, 5, 26, 15, 8)),
    # impossible or not a date at all
    ("2023년13월45일", None),
    ("2023년 5월 26일 25시61분", None),
    ("2023.05.26 25:61", None),
    ("0000.05.26 15:08", None),
    ("2023.02.29", None),
    ("3분 전", None),
    ("2시간 전", None),
    ("방금", None),
    ("", None),
    ("조회수 1,234 댓글 5", None),
    # "3시간 전" after a date is not a time of day
    ("2026.01.06 3시간 전", dt.date(2026, 1, 6)),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_CASES)
def test_parse_text_date(text: str, expected: dt.date | None) -> None:
    assert parse_text_date(text) == expected


def test_text_date_without_time_is_a_date() -> None:
    assert type(parse_text_date("2026.01.06")) is dt.date


def test_text_date_past_the_scan_cap_is_ignored() -> None:
    text = "가" * MAX_SCAN_CHARS + " 2026.01.06 12:00"
    assert parse_text_date(text) is None


# --------------------------------------------------------------------------- labelled lines


def pub(value: dt.date, label: str) -> LabelledDate:
    return LabelledDate("published", value, label)


def mod(value: dt.date, label: str) -> LabelledDate:
    return LabelledDate("modified", value, label)


def clock(value: dt.date, label: str) -> LabelledDate:
    return LabelledDate("clock", value, label)


LABELLED_CASES = [
    (
        "기자명 김가명 기자 입력 2026.09.21 14:11 댓글 0",
        [pub(kst(2026, 9, 21, 14, 11), "입력")],
    ),
    (
        "입력 2023.04.07 (19:09), 수정 (19:18)",  # KBS: the modified time borrows the day
        [pub(kst(2023, 4, 7, 19, 9), "입력"), mod(kst(2023, 4, 7, 19, 18), "수정")],
    ),
    (
        "기사입력 2026-01-06 13:59 | 최종수정 2026-01-06 14:16",
        [pub(kst(2026, 1, 6, 13, 59), "기사입력"), mod(kst(2026, 1, 6, 14, 16), "최종수정")],
    ),
    (
        "입력 : 2016.09.26 22:18:01 / 수정 : 2016.09.26 22:20:08",
        [pub(kst(2016, 9, 26, 22, 18, 1), "입력"), mod(kst(2016, 9, 26, 22, 20, 8), "수정")],
    ),
    (
        "등록날짜 [ 2023년05월26일 15시08분 ]",
        [pub(kst(2023, 5, 26, 15, 8), "등록날짜")],
    ),
    (
        "입력: 2019.05.26 ㅣ 수정 2019.05.27",
        [pub(dt.date(2019, 5, 26), "입력"), mod(dt.date(2019, 5, 27), "수정")],
    ),
    ("업데이트 2025.08.20. 16:18", [mod(kst(2025, 8, 20, 16, 18), "업데이트")]),
    ("2026년06월20일 08시00분 송고", [pub(kst(2026, 6, 20, 8, 0), "송고")]),
    ("홍길동 기자 | 2019.05.26 15:08 송고", [pub(kst(2019, 5, 26, 15, 8), "송고")]),
    ("송고2026-01-06 16:46", [pub(kst(2026, 1, 6, 16, 46), "송고")]),
    ("승인 2019.05.26 15:08 | 김가명 기자", [pub(kst(2019, 5, 26, 15, 8), "승인")]),
    ("기사전송 2026-01-06 09:57", [pub(kst(2026, 1, 6, 9, 57), "기사전송")]),
    ("작성 2026.01.06 14:17", [pub(kst(2026, 1, 6, 14, 17), "작성")]),
    ("발행 2019-05-26 15:08:00", [pub(kst(2019, 5, 26, 15, 8), "발행")]),
    ("게재 일자 : 2019년 05월 26일", [pub(dt.date(2019, 5, 26), "게재 일자")]),
    ("최초입력 2026.01.06 07:00", [pub(kst(2026, 1, 6, 7, 0), "최초입력")]),
    ("등록일 2026.01.06", [pub(dt.date(2026, 1, 6), "등록일")]),
    ("등록일시 2026-01-06 11:11", [pub(kst(2026, 1, 6, 11, 11), "등록일시")]),
    ("게재 2026.01.06", [pub(dt.date(2026, 1, 6), "게재")]),
    ("발행일 : 2019.05.26", [pub(dt.date(2019, 5, 26), "발행일")]),
    ("작성일 2026-01-06 10:10", [pub(kst(2026, 1, 6, 10, 10), "작성일")]),
    (
        "입력시간 : 2019.05.26 15:08 수정시간 : 2019.05.26 15:30",
        [pub(kst(2019, 5, 26, 15, 8), "입력시간"), mod(kst(2019, 5, 26, 15, 30), "수정시간")],
    ),
    ("수정일 2026.01.07 09:00", [mod(kst(2026, 1, 7, 9, 0), "수정일")]),
    (
        "등록: 2026.01.06 오후 17:25 수정: 2026.01.06 오후 5:40",
        [pub(kst(2026, 1, 6, 17, 25), "등록"), mod(kst(2026, 1, 6, 17, 40), "수정")],
    ),
    (
        "19.05.26 15:08 최종 업데이트 19.05.26 16:00",  # first date unlabelled → dropped
        [mod(kst(2019, 5, 26, 16, 0), "최종 업데이트")],
    ),
    (
        "Published : Jan. 6, 2026 - 12:00 Updated : Jan. 6, 2026 - 13:30",
        [pub(kst(2026, 1, 6, 12, 0), "Published"), mod(kst(2026, 1, 6, 13, 30), "Updated")],
    ),
    (
        "Posted : 2026-01-06 12:00 Updated : 2026-01-06 13:00",
        [pub(kst(2026, 1, 6, 12, 0), "Posted"), mod(kst(2026, 1, 6, 13, 0), "Updated")],
    ),
    # site header clocks
    ("UPDATED. 2018-03-19 08:06:42 (월)", [clock(kst(2018, 3, 19, 8, 6, 42), "UPDATED.")]),
    ("최종편집 : 2018.3.25 일 11:24", [clock(kst(2018, 3, 25, 11, 24), "최종편집")]),
    (
        "UPDATED. 2018-03-19 08:06:42 (월) 뉴스 홈 입력 2018.03.18 10:00",
        [clock(kst(2018, 3, 19, 8, 6, 42), "UPDATED."), pub(kst(2018, 3, 18, 10, 0), "입력")],
    ),
    # trailing-label lines, in order
    (
        "2026.01.06 14:00 입력 2026.01.06 15:00 수정",
        [pub(kst(2026, 1, 6, 14, 0), "입력"), mod(kst(2026, 1, 6, 15, 0), "수정")],
    ),
    # a label between two dates leads the second one
    (
        "김가명 2026.01.06 14:00 수정 2026.01.07 09:00",
        [mod(kst(2026, 1, 7, 9, 0), "수정")],
    ),
    # never a bare date
    ("2026.05.05 어린이날 행사가 열렸다", []),
    ("행사는 2026년 5월 5일 오후 2시에 열린다", []),
    ("", []),
    # impossible labelled dates are dropped, the rest kept
    (
        "입력 2023년13월45일 수정 2023.05.26 15:08",
        [mod(kst(2023, 5, 26, 15, 8), "수정")],
    ),
    ("입력 2023.05.26 25:61", []),
    # relative dates are never resolved
    ("입력 3분 전", []),
    # a bare time with nothing before it to borrow a day from
    ("수정 (19:18)", []),
    # footer registration date of the paper (REGISTRATION_CONTEXT_RE)
    ("정기간행물 등록번호 : 서울 아00000 | 등록일 : 2010.01.01 | 발행인 : 홍길동", []),
]


@pytest.mark.parametrize(("text", "expected"), LABELLED_CASES)
def test_find_labelled_dates(text: str, expected: list[LabelledDate]) -> None:
    assert find_labelled_dates(text) == expected


def test_label_too_far_from_date_is_not_paired() -> None:
    text = "입력" + " " * (MAX_LABEL_GAP + 1) + "2026.01.06 12:00"
    assert find_labelled_dates(text) == []


def test_uppercase_updated_without_dot_is_a_modification() -> None:
    (found,) = find_labelled_dates("UPDATED : 2026-01-06 13:00")
    assert found.kind == "modified"


def test_labelled_date_is_frozen() -> None:
    (found,) = find_labelled_dates("입력 2026.01.06 12:00")
    with pytest.raises(AttributeError):
        found.label = "수정"  # type: ignore[misc]


# --------------------------------------------------------------------------- to_kst


def test_to_kst_naive_is_taken_as_kst() -> None:
    assert to_kst(dt.datetime(2023, 5, 26, 15, 8)) == kst(2023, 5, 26, 15, 8)
    assert to_kst(dt.datetime(2023, 5, 26, 15, 8)).utcoffset() == dt.timedelta(hours=9)


def test_to_kst_aware_is_converted() -> None:
    utc = dt.datetime(2023, 5, 26, 6, 8, tzinfo=dt.timezone.utc)
    converted = to_kst(utc)
    assert converted.isoformat() == "2023-05-26T15:08:00+09:00"


# --------------------------------------------------------------------------- long and garbage input

GARBAGE = [
    "1" * 100_000,
    "1." * 50_000,
    "2023년 " * 20_000,
    "입력 " * 20_000,
    "입력 2023.05.26 15:08 " * 5_000,
    " " * 100_000,
    "2023. 1. 1. 오후 " * 10_000,
    "1:" * 50_000,
    "UPDATED. " * 10_000,
    "\x00\ufffd<>&;" * 10_000,
    "수정 (" * 20_000,
]


@pytest.mark.parametrize("text", GARBAGE, ids=lambda t: repr(t[:12]))
def test_long_or_garbage_input_is_fast_and_safe(text: str) -> None:
    start = time.perf_counter()
    parse_machine_date(text)
    parse_text_date(text)
    find_labelled_dates(text)
    assert time.perf_counter() - start < 0.5
