"""Line-level cleaning (newsclean.extraction.lines): noise lines, end markers, lead and tail.

All strings are invented; a Line is (text, share of characters that are link text).
"""

from __future__ import annotations

import pytest

from newsclean.extraction.body import Line
from newsclean.extraction.lines import (
    DIGITS_RE,
    LINK_ROW_SHARE,
    MAX_DATE_LINE_CHARS,
    MAX_TAIL_LINES,
    MAX_WIDGET_LINE_CHARS,
    MIN_LINK_ROW_CHARS,
    MIN_REPEAT_CHARS,
    MIN_REPEAT_PARAGRAPHS,
    NAME_CREDIT_RE,
    CleanBody,
    clean_lines,
    cut_at_end_marker,
    drop_repeats,
    is_end_marker,
    is_noise,
    is_related_header,
    split_captions,
)
from newsclean.models import Author

P1 = "가명시가 다음 달부터 공공 자전거를 1시간 이내로 타면 요금을 받지 않는다고 6일 밝혔다."
P2 = "시는 무료화로 늘어날 수요에 맞춰 자전거 2000대를 새로 들이고, 대여소도 120곳 더 만든다."
P3 = '이가명 교통정책과장은 "출퇴근길 짧은 거리를 자전거로 바꾸면 혼잡이 줄어든다"고 말했다.'
TITLE = "가명시, 공공 자전거 전면 무료화"


def L(text: str, link_share: float = 0.0) -> Line:
    return Line(text, link_share)


def texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


# --- is_noise -------------------------------------------------------------------------------------

NOISE_LINES: list[tuple[str, Line]] = [
    ("title echo", L(TITLE)),
    ("title echo, other spacing", L("가명시,  공공자전거 전면   무료화")),
    ("link row", L("가명시, 자전거 도로 14곳 연결 추진", 1.0)),
    ("mostly-link row", L("가명시, 자전거 도로 14곳 연결 추진 ›", 0.95)),
    ("caption", L("▲ 가명시청 앞 자전거 대여소. 가명시 제공")),
    ("photo credit", L("[사진=가명시 제공]")),
    ("promo", L("▶ 가명일보 네이버 채널 구독하기")),
    ("tip line", L("당신의 제보가 뉴스가 됩니다")),
    ("copyright", L("<저작권자 ⓒ 가명일보, 무단 전재 및 재배포 금지>")),
    ("credit sign", L("© Getty Images")),
    ("related header", L("[관련기사]")),
    ("tool bar", L("페이스북 트위터 카카오톡 URL복사")),
    ("font size", L("가 가 가 가")),
    ("chrome", L("HOME > 사회 > 교통")),
    ("site clock", L("UPDATED. 2026-01-06 15:00 (화)")),
    ("weather", L("맑음 서울 3.5°C")),
    ("listing", L("가명군, 귀농 지원금 확대 (2026-01-05 10:12)")),
    ("teaser", L("[단독] 가명시 공무원 비리 의혹...")),
    ("hashtag row", L("#교통 #자전거 #가명시")),
    ("date line", L("입력 2026.01.06 15:08")),
    ("date pair", L("기사입력 2026-01-06 15:08 | 최종수정 2026-01-06 16:21")),
    ("date + name", L("김가명 기자 | 승인 2026.01.06 15:08")),
]

PROSE_LINES: list[tuple[str, Line]] = [
    ("prose", L(P1)),
    ("short prose", L("시는 이를 반겼다.")),
    ("quote", L(P3)),
    ("subheading", L("◇ 쟁점은 재원 마련")),
    ("list item", L("- 1시간 이내 이용 무료")),
    ("short link label", L("원문", 1.0)),  # under MIN_LINK_ROW_CHARS: a link in the text
    ("partly linked", L("가명시 교통공사 누리집에서 자세한 내용을 볼 수 있다.", 0.3)),
    ("sentence with a date", L("가명시는 2026년 1월 6일 등록을 마감했다.")),
    ("sentence with 입력", L("정보를 입력하면 2026.01.06부터 쓸 수 있다.")),
    ("broadcast marker", L("[앵커]")),
    ("mbc marker", L("◀ 앵커 ▶")),
    ("long prose about 무단 전재", L("가명일보는 " + "기사를 무단 전재한 업체를 고소했다. " * 8)),
    ("long line of tool words", L("공유하기 " * 20)),
    ("title inside a sentence", L(f"{TITLE} 방침에 시민들은 환영했다.")),
    ("starts with 처음으로", L("처음으로 여성 교통국장이 임명됐다.")),
    ("sentence on comment policy", L("포털은 다음 달부터 댓글 작성 시 실명을 표시한다.")),
    ("sentence starting 인기 뉴스", L("인기 뉴스 순위 조작 의혹이 제기됐다.")),
]


@pytest.mark.parametrize(("case", "line"), NOISE_LINES, ids=[c for c, _ in NOISE_LINES])
def test_is_noise(case: str, line: Line) -> None:
    assert is_noise(line, TITLE), case


@pytest.mark.parametrize(("case", "line"), PROSE_LINES, ids=[c for c, _ in PROSE_LINES])
def test_is_not_noise(case: str, line: Line) -> None:
    assert not is_noise(line, TITLE), case


def test_is_noise_without_title_keeps_headline_like_line() -> None:
    assert not is_noise(L(TITLE))


def test_link_row_thresholds() -> None:
    row = "가명시 교통 소식 모음 보기"[:MIN_LINK_ROW_CHARS]
    assert len(row) == MIN_LINK_ROW_CHARS
    assert is_noise(L(row, LINK_ROW_SHARE))
    assert not is_noise(L(row, LINK_ROW_SHARE - 0.05))
    assert not is_noise(L(row[:-1], 1.0))


def test_max_widget_line_chars_long_lines_skip_widget_filters() -> None:
    tools = "공유하기 인쇄 스크랩 "
    short = tools.strip()
    long = (tools * (MAX_WIDGET_LINE_CHARS // len(tools) + 1)).strip()
    assert len(long) > MAX_WIDGET_LINE_CHARS
    assert is_noise(L(short))
    assert not is_noise(L(long))


def test_max_date_line_chars() -> None:
    short = "입력 2026.01.06 15:08"
    padded = short + " " + "가명일보 사회부 교통팀 " * 6
    assert len(padded) > MAX_DATE_LINE_CHARS
    assert is_noise(L(short))
    assert not is_noise(L(padded))


@pytest.mark.parametrize(("text", "hit"), [("2026", True), ("등록 1.6", False), ("입력", False)])
def test_digits_re(text: str, hit: bool) -> None:
    assert bool(DIGITS_RE.search(text)) is hit


# --- end markers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("저작권자 ⓒ 가명일보 무단전재 및 재배포 금지", True),
        ("Copyright ⓒ 가명방송. All rights reserved.", True),
        (P1, False),
        ("가명일보는 " + "기사를 무단 전재한 업체를 고소했다. " * 8, False),  # too long
    ],
)
def test_is_end_marker(text: str, expected: bool) -> None:
    assert is_end_marker(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("관련기사", True),
        ("▶ 관련 뉴스", True),
        ("이 기자의 다른 기사", True),
        ("관련 기사에 따르면 " + "가명시의 자전거 정책은 " * 8, False),
        (P1, False),
    ],
)
def test_is_related_header(text: str, expected: bool) -> None:
    assert is_related_header(text) is expected


def test_cut_at_copyright_line() -> None:
    lines = [L(P1), L(P2), L("ⓒ 가명일보 무단전재 및 재배포 금지"), L("많이 본 뉴스"), L(P3)]
    assert texts(cut_at_end_marker(lines)) == [P1, P2]


def test_mid_article_related_box_drops_only_its_header() -> None:
    lines = [
        L(P1),
        L("[관련기사]"),
        L("가명시, 자전거 도로 14곳 연결 추진", 1.0),
        L(P2),
        L(P3),
    ]
    kept = texts(cut_at_end_marker(lines))
    assert kept == [P1, "가명시, 자전거 도로 14곳 연결 추진", P2, P3]


def test_related_header_followed_only_by_link_rows_cuts() -> None:
    lines = [
        L(P1),
        L(P2),
        L("관련 기사"),
        L("가명시, 자전거 도로 14곳 연결 추진", 1.0),
        L("가명군 공영버스 요금 동결했다", 1.0),  # linked prose-looking row
        L("가명구, 따릉이 대여소 늘려"),
    ]
    assert texts(cut_at_end_marker(lines)) == [P1, P2]


def test_end_markers_before_any_prose_are_kept() -> None:
    lines = [L("관련기사"), L("ⓒ 가명일보"), L(P1), L(P2)]
    assert cut_at_end_marker(lines) == lines


def test_cut_returns_everything_without_markers() -> None:
    lines = [L(P1), L(P2), L(P3)]
    assert cut_at_end_marker(lines) == lines


# --- clean_lines ----------------------------------------------------------------------------------


def test_clean_lines_strips_wire_lead_and_keeps_the_rest() -> None:
    out = clean_lines([L(f"(서울=연합뉴스) 홍길동 기자 = {P1}"), L(P2)])
    assert out == CleanBody((P1, P2), (Author("홍길동", "기자"),))


def test_clean_lines_strips_bracket_lead() -> None:
    out = clean_lines([L(f"[서울=뉴시스]김가명 기자 = {P1}"), L(P2)])
    assert out.paragraphs == (P1, P2)
    assert out.authors == (Author("김가명", "기자"),)


def test_clean_lines_lead_alone_on_its_line_disappears() -> None:
    out = clean_lines([L("(서울=연합뉴스) 홍길동 기자 ="), L(P1), L(P2)])
    assert out.paragraphs == (P1, P2)
    assert out.authors == (Author("홍길동", "기자"),)


def test_clean_lines_lead_only_within_the_first_lines() -> None:
    late = f"(서울=연합뉴스) 홍길동 기자 = {P3}"
    out = clean_lines([L(P1), L(P2), L(P1 + " 둘"), L(late)])
    assert out.paragraphs[-1] == late


def test_clean_lines_tail_reporter_line() -> None:
    out = clean_lines([L(P1), L(P2), L("홍길동 기자 hong@example.co.kr")])
    assert out.paragraphs == (P1, P2)
    assert out.authors == (Author("홍길동", "기자", "hong@example.co.kr"),)


def test_clean_lines_tail_email_and_reporter_on_two_lines() -> None:
    out = clean_lines([L(P1), L(P2), L("홍길동 기자"), L("hong@example.co.kr")])
    assert out.paragraphs == (P1, P2)
    assert [a.name for a in out.authors] == ["홍길동"]


def test_clean_lines_broadcast_sign_off() -> None:
    out = clean_lines([L("[앵커]"), L(P1), L("[리포트]"), L(P2), L("MBC뉴스 홍길동입니다.")])
    assert out.paragraphs == ("[앵커]", P1, "[리포트]", P2)
    assert out.authors == (Author("홍길동"),)


def test_clean_lines_crew_credit_line() -> None:
    out = clean_lines([L(P1), L(P2), L("(영상취재 : 홍길동 / 영상편집 : 김가명)")])
    assert out.paragraphs == (P1, P2)


def test_clean_lines_name_credit_line() -> None:
    out = clean_lines([L(P1), L(P2), L("김가명 / 사진 제공 가명엔터테인먼트")])
    assert out.paragraphs == (P1, P2)
    assert out.authors == (Author("김가명"),)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("김가명 / 사진 제공 가명엔터", "김가명"),
        ("홍길동 / 화면캡처 MBC", "홍길동"),
        ("남궁민수/영상 가명TV", "남궁민수"),
    ],
)
def test_name_credit_re_matches(text: str, name: str) -> None:
    match = NAME_CREDIT_RE.match(text)
    assert match is not None and match.group(1) == name


@pytest.mark.parametrize(
    "text", ["서울 / 경기 지역에 비", "홍길동 / 가명시 교통국장", "가명시청 앞 광장 / 사진 제공"]
)
def test_name_credit_re_rejects(text: str) -> None:
    assert not NAME_CREDIT_RE.match(text)


def test_clean_lines_end_mark_removed() -> None:
    out = clean_lines([L(P1), L(P2 + " (끝)")])
    assert out.paragraphs == (P1, P2)


def test_clean_lines_end_mark_on_its_own_line() -> None:
    out = clean_lines([L(P1), L(P2), L("(끝)")])
    assert out.paragraphs == (P1, P2)


def test_clean_lines_end_mark_before_reporter_line() -> None:
    out = clean_lines([L(P1), L(P2 + "(끝)"), L("홍길동 기자 hong@example.co.kr")])
    assert out.paragraphs == (P1, P2)


def test_clean_lines_title_echo_removed() -> None:
    out = clean_lines([L(TITLE), L(P1), L(P2)], title=TITLE)
    assert out.paragraphs == (P1, P2)


def test_clean_lines_tail_stops_at_prose() -> None:
    # A short prose sentence ending the article is not a tail line.
    out = clean_lines([L(P1), L("시는 이를 반겼다.")])
    assert out.paragraphs == (P1, "시는 이를 반겼다.")
    assert out.authors == ()


def test_clean_lines_keeps_one_paragraph_even_if_it_looks_like_a_tail() -> None:
    out = clean_lines([L("홍길동 기자")])
    assert out.paragraphs == ("홍길동 기자",)


def test_max_tail_lines_bounds_the_tail() -> None:
    tails = [L(f"hong{i}@example.co.kr") for i in range(MAX_TAIL_LINES + 2)]
    out = clean_lines([L(P1), *tails])
    # Only the last MAX_TAIL_LINES lines are looked at.
    assert out.paragraphs == (P1, "hong0@example.co.kr", "hong1@example.co.kr")


def test_clean_lines_full_article() -> None:
    lines = [
        L(TITLE),
        L("페이스북 트위터 카카오톡 URL복사"),
        L("입력 2026.01.06 15:08"),
        L(f"(서울=연합뉴스) 홍길동 기자 = {P1}"),
        L("▲ 가명시청 앞 자전거 대여소. 가명시 제공"),
        L(P2),
        L("[관련기사]"),
        L("가명시, 자전거 도로 14곳 연결 추진", 1.0),
        L("◇ 쟁점은 재원 마련"),
        L(P3),
        L("▶ 가명일보 네이버 채널 구독하기"),
        L("홍길동 기자 hong@example.co.kr"),
        L("<저작권자 ⓒ 가명일보, 무단 전재 및 재배포 금지>"),
        L("많이 본 뉴스"),
        L("가명군, 귀농 지원금 확대", 1.0),
    ]
    out = clean_lines(lines, title=TITLE)
    assert out.paragraphs == (P1, P2, "◇ 쟁점은 재원 마련", P3)
    assert out.authors == (Author("홍길동", "기자", "hong@example.co.kr"),)


# --- wire photo captions ------------------------------------------------------------------------

CAPTION = "[서울=뉴시스] 6일 가명시청 앞 광장에서 시민들이 자전거를 타고 있다. (사진=가명시 제공) photo@newsis.com *재판매 및 DB 금지"


def test_a_wire_caption_line_is_noise_even_when_long() -> None:
    long_caption = CAPTION.replace("자전거를", "자전거를 " + "천천히 " * 30)
    assert len(long_caption) > 160
    assert is_noise(L(CAPTION)) and is_noise(L(long_caption))
    assert not is_noise(L(long_caption + " " + P1))  # the signature must end the line


def test_a_caption_running_into_the_lead_is_cut_off_it() -> None:
    lines = split_captions([L(CAPTION + f"[서울=뉴시스]김가명 기자 = {P1}"), L(P2)])
    assert [line.text for line in lines] == [CAPTION, f"[서울=뉴시스]김가명 기자 = {P1}", P2]
    out = clean_lines([L(CAPTION + f"[서울=뉴시스]김가명 기자 = {P1}"), L(P2)])
    assert out.paragraphs == (P1, P2)
    assert out.authors == (Author("김가명", "기자"),)


def test_a_caption_ending_its_line_is_left_whole() -> None:
    closed = CAPTION + "]"
    assert [line.text for line in split_captions([L(closed)])] == [closed]


# --- repeated runs ------------------------------------------------------------------------------


P4 = "시는 이용 실적을 반년마다 공개하고, 수요가 많은 역세권에는 대여소를 먼저 늘리기로 했다고 설명했다."
ARTICLE = [P1, P2, P3, P4]


def test_a_second_copy_of_the_article_is_dropped() -> None:
    assert sum(map(len, ARTICLE)) >= MIN_REPEAT_CHARS
    assert drop_repeats([*ARTICLE, "영상편집: 김가명", *ARTICLE]) == [*ARTICLE, "영상편집: 김가명"]


def test_a_second_copy_is_dropped_with_whatever_else_repeats_after_it() -> None:
    article = [*ARTICLE, "◇ 쟁점은 재원 마련"]
    assert drop_repeats(["자동재생", *article, *article, "끝"]) == ["자동재생", *article, "끝"]


def test_paragraphs_without_a_repeat_come_back_as_a_new_list() -> None:
    texts = [*ARTICLE, "영상편집: 김가명"]
    kept = drop_repeats(texts)
    assert kept == texts and kept is not texts


def test_short_repeats_stay() -> None:
    assert MIN_REPEAT_PARAGRAPHS == 3
    two = [P1, P2]
    assert drop_repeats([*two, P3, *two]) == [*two, P3, *two]  # two paragraphs: not a copy
    tiny = ["[앵커]", "네.", "[기자]"]
    assert sum(map(len, tiny)) < MIN_REPEAT_CHARS
    assert drop_repeats([*tiny, P1, *tiny]) == [*tiny, P1, *tiny]  # three, but too short


def test_drop_repeats_on_a_page_of_identical_lines() -> None:
    # Each run of MIN_REPEAT_CHARS one-letter lines repeats the first one and goes; the work
    # per line is bounded by MIN_REPEAT_CHARS comparisons, so this stays linear.
    out = drop_repeats(["가"] * 20_000 + ARTICLE)
    assert out == ["가"] * MIN_REPEAT_CHARS + ARTICLE
