"""The fast line checks decide exactly what the named heuristics decide.

lines.py does not run the named regexes of patterns.py one by one: it runs the AnyOf checks
built from them, a string-operation ends_sentence, a linear cut_at_end_marker and a reordered
date test. Each is compared here with a plain reference (the named regexes, the old quadratic
cut) on invented lines: a table of noise and prose lines, every pair of them joined, and
random lines made of the heuristics' own words. All strings are invented.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.extraction import dates
from newsclean.extraction import lines as lines_mod
from newsclean.extraction import patterns as P
from newsclean.extraction.body import Line
from newsclean.extraction.lines import (
    LINK_ROW_SHARE,
    MAX_DATE_LINE_CHARS,
    MAX_WIDGET_LINE_CHARS,
    MIN_LINK_ROW_CHARS,
    TITLE_ECHO_SLACK,
    cut_at_end_marker,
    is_noise,
)

# Multiplies the random example counts (1 in the default run), as in tests/robustness.
SCALE = float(os.environ.get("NEWSCLEAN_HYPOTHESIS_SCALE", "1"))


def examples(count: int) -> settings:
    return settings(
        max_examples=max(1, int(count * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


TITLE = "가명시, 공공 자전거 전면 무료화"

NOISE = [
    "▲ 가명시청 앞 자전거 대여소. 가명시 제공",
    "[사진=가명시 제공]",
    "(사진=연합뉴스)",
    "(영상 : 가명방송 유튜브 갈무리)",
    "홍길동/뉴시스",
    "가명시청 앞 광장에 설치된 자전거 대여소 / 가명시 제공",
    "이미지 확대",
    "Video Player",
    "▶ 가명일보 네이버 채널 구독하기",
    "☞ 네이버에서 가명일보를 구독하세요",
    "가명뉴스 바로가기 ›",
    "카카오톡 OKJEBO",
    "당신의 제보가 뉴스가 됩니다",
    "여러분의 제보를 기다립니다",
    "이 기사 어떠셨나요?",
    "의견을 남겨주세요",
    "첫 댓글을 남겨보세요",
    "ai 요약",
    "요약은 OpenAI 모델이 했습니다",
    "이 요약은 Ai가 요약한 것입니다",
    "subscribe to our newsletter",
    "무통장 입금 안내",
    "현재 접속자 12명",
    "PLEASE activate javascript",
    "video 태그를 지원하지 않는 브라우저입니다",
    "your browser does not support",
    "UPDATED. 2026-01-06 15:00 (화)",
    "최종편집 : 2026-01-06 15:00",
    "홈 > 경제",
    "현재위치 > 뉴스",
    "[광고] 가명마트 할인 행사",
    "청소년 보호 책임자 : 김가명",
    "<저작권자 ⓒ 가명일보, 무단 전재 및 재배포 금지>",
    "Copyrights © Example Media",
    "COPYRIGHT Ⓒ 가명방송",
    "(C) 2026 Example Media",
    "AI 학습 이용 금지",
    "all rights reserved",
    "Ⓒ가명경제",
    "© example.co.kr",
    "© Getty Images",
    "사진 ⓒ 홍길동",
    "[관련기사]",
    "▶ 관련 뉴스",
    "【관련기사】",
    "이 기자의 다른 기사",
    "많이 본 뉴스",
    "related STORIES",
    "페이스북 트위터 카카오톡 URL복사",
    "가 가 가 가",
    "스크랩 | 인쇄 | 공유",
    "카카오톡(으)로 기사보내기",
    "Kakao(으)로 기사 보내기",
    "조회수 1,234",
    "추천 5 반대 1",
    "로그인 | 회원가입",
    "전체기사 기사제보 광고문의",
    "ADVERTISEMENT",
    "무료 구독",
    "[댓글 쓰기]",
    "맑음 서울 3.5°C",
    "흐림 -3°",
    "가명군, 귀농 지원금 확대 (2026-01-05 10:12)",
    "[단독] 가명시 공무원 비리 의혹...",
    "[속보] 국회 본회의 개의…",
    "#교통 #자전거 #가명시",
    "입력 2026.01.06 15:08",
    "기사입력 2026-01-06 15:08 | 최종수정 2026-01-06 16:21",
    "김가명 기자 | 승인 2026.01.06 15:08",
]

PROSE = [
    "가명시가 다음 달부터 공공 자전거를 1시간 이내로 타면 요금을 받지 않는다고 6일 밝혔다.",
    "시는 이를 반겼다.",
    '이가명 과장은 "출퇴근길 짧은 거리를 자전거로 바꾸면 혼잡이 줄어든다"고 말했다.',
    "◇ 쟁점은 재원 마련",
    "- 1시간 이내 이용 무료",
    "[앵커]",
    "◀ 앵커 ▶",
    "가명시는 2026년 1월 6일 등록을 마감했다.",
    "정보를 입력하면 2026.01.06부터 쓸 수 있다.",
    "처음으로 여성 교통국장이 임명됐다.",
    "포털은 다음 달부터 댓글 작성 시 실명을 표시한다.",
    "인기 뉴스 순위 조작 의혹이 제기됐다.",
    "관련 업계에 따르면 가격 인상이 이어진다.",
    "저작권 분쟁이 올해 들어 두 배로 늘었다.",
    "무단횡단 사고가 잇따르고 있다.",
    "카피라이터 홍길동 씨가 상을 받았다.",
    "Copy the link below to share.",
    "서울/경기 지역에 비가 내린다.",
    "사진을 찍는 시민들이 크게 늘었다.",
    "발행인 홍길동 씨는 이날 취임했다.",
    "비 오는 날 기온은 23도까지 오른다.",
    "말끝을 흐렸다…",
    "1위 #경제",
    "AI가 바꾼 교실 풍경은 어떨까?",
    "왜 그랬을까요?",
    "“좋다.”",
    "Hello world.",
    "가명일보는 " + "기사를 무단 전재한 업체를 고소했다. " * 4,
    "공유하기 " * 20,
    "가" * 45 + " © " + "나" * 45,
    "@가명일보",
]

TABLE = NOISE + PROSE

# Pieces of random lines: the heuristics' own words and signs (Latin ones in several cases),
# characters that IGNORECASE folds onto ASCII letters, digits, dates and whitespace of every
# kind, so that random joins keep landing on and near the patterns' edges.
PIECES = (
    *"사진 영상 제공 출처 그래픽 자료 이미지 원본 보기 확대 연합뉴스 뉴시스 뉴스1 로이터 게티이미지".split(),
    *"구독 하기 바로 가기 카카오톡 제보 제보는 기사 및 보도 스탠드에서 네이버 메인 홈 에서 앱 지금".split(),
    *"당신의 제보가 원고료로 응원 기다립니다 어땠나요 어떠셨나요 후속 원해요 의견을 댓글을 남겨 주세요".split(),
    *"첫 요약 은 는 인공지능 요약한 무통장 입금 입금자 명 예정 일자 입금할 금액 현재 접속자 검색 할".split(),
    *"기사를 해당 섹션에 뉴스가 없습니다 관련 등록된 댓글이 읽어 주기 태그를 지원하지 최종 편집 위치".split(),
    *"광고 제호 대표 전화 이메일 등록 번호 발행인 편집인 청소년 보호 책임자 사업자 저작권자 무단 전재".split(),
    *"재배포 금지 복제 학습 데이터 일보 신문 방송 경제 닷컴 관련기사 연관 인기 많이 본 추천 주요 최근".split(),
    *"이 시각 핫 클릭 기자의 다른 해당분야별 가장 읽은 많은 실시간 최신 글자 크기 가 인쇄 스크랩".split(),
    *"공유 복사 페이스북 트위터 밴드 라인 좋아요 조회수 (으)로 보내기 올려 반대 닫기 로그인 회원가입".split(),
    *"로그아웃 전체기사 맑음 흐림 비 눈 서울 입력 수정 승인 기자 홍길동 밝혔다 했습니다 그렇죠 다 요".split(),
    *"까 니다 습니다 가명시는 올해".split(),
    *"AI ai Ai AI가 OpenAI Sign up Subscribe subscribe okjebo OKJEBO Please please activate".split(),
    *"JavaScript Video video Your your browser does not UPDATED HOME home copyright Copyrights".split(),
    *"COPYRIGHT (c) (C) All all rights reserved Related related articles stories news URL AD ON OFF".split(),
    *"Getty Images AP AFP EPA .co.kr .com 1,234 -3 23.5 1 12 2026 2026-01-06 15:08 15:08:30".split(),
    *"(2026-01-06 15:08) 2026.01.06 [단독] #경제 # ... … ° °C".split(),
    *'ⓒ © Ⓒ ▲ △ ▼ ▶ ▷ ☞ ◆ ◇ ■ ※ 【 】 〈 〉 › ◀ = : ： / [ ] ( ) （ ） < > | · - . ? ! " ” ’ 」 』 @'.split(),
    *"ſ K İ ı".split(),
    " ",
    " ",
    " ",
    "  ",
    " / ",
    "\n",
    "\t",
    "\u3000",
    "\xa0",
)

random_lines = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=16).map(
    "".join
)


def table_lines() -> list[str]:
    """The table, every pair of it joined with and without a space, and prefixes/suffixes."""
    out = list(TABLE)
    for a, b in itertools.product(TABLE, repeat=2):
        out += [a + b, f"{a} {b}"]
    for text in TABLE:
        out += [text[:n] for n in (3, 10, 20)] + [text[-n:] for n in (3, 10, 20)]
    return out


TABLE_LINES = table_lines()

ALL_CHECKS = [
    P.COPYRIGHT_LINE,
    P.RELATED_HEADER_LINE,
    P.SHORT_LINE_NOISE,
    P.LABEL_LINE_NOISE,
]


def named_search(check: P.AnyOf, text: str) -> bool:
    return any(regex.search(text) for regex in check.regexes)


# --- AnyOf == the named regexes -------------------------------------------------------------------


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: "+".join(map(_name, c.regexes)))
def test_any_of_agrees_with_named_regexes_on_the_table(check: P.AnyOf) -> None:
    wrong = [t for t in TABLE_LINES if check.hits(t) != named_search(check, t)]
    assert wrong == []


def test_the_table_has_both_kinds_for_every_check() -> None:
    for check in ALL_CHECKS:
        hits = sum(check.hits(t) for t in TABLE_LINES)
        assert 0 < hits < len(TABLE_LINES)


@examples(600)
@given(random_lines)
def test_any_of_agrees_with_named_regexes_on_random_lines(text: str) -> None:
    for check in ALL_CHECKS:
        assert check.hits(text) == named_search(check, text), text


@examples(300)
@given(st.text(max_size=60))
def test_any_of_agrees_with_named_regexes_on_random_text(text: str) -> None:
    for check in ALL_CHECKS:
        assert check.hits(text) == named_search(check, text), text


NEEDY = [v for v in vars(P).values() if isinstance(v, P.LineRegex) and v.needs]


def test_regexes_with_needs_find_no_line_without_one() -> None:
    assert len(NEEDY) >= 3
    for regex in NEEDY:
        found = [t for t in TABLE_LINES if regex.search(t)]
        assert found, _name(regex)  # the table exercises each
        assert all(any(n in t for n in regex.needs) for t in found), _name(regex)


@examples(400)
@given(random_lines)
def test_regexes_with_needs_find_no_random_line_without_one(text: str) -> None:
    for regex in NEEDY:
        if regex.search(text):
            assert any(n in text for n in regex.needs), (_name(regex), text)


def _name(regex: P.LineRegex) -> str:
    return next(name for name, value in vars(P).items() if value is regex)


# --- ends_sentence == the regex it replaced -------------------------------------------------------

SENTENCE_END_REFERENCE = re.compile(r"(?:[다요죠까]|니다|습니다)[.?!]?[\"'”’」』)]*$")


def test_ends_sentence_agrees_with_the_regex_on_the_table() -> None:
    extra = ["다.\n", "다\n\n", "\n", "", "요?”)", "다.!", "까!」』", "습니다"]
    for text in TABLE_LINES + extra:
        assert P.ends_sentence(text) == bool(SENTENCE_END_REFERENCE.search(text)), text


@examples(200)
@given(random_lines)
def test_ends_sentence_agrees_with_the_regex_on_random_lines(text: str) -> None:
    assert P.ends_sentence(text) == bool(SENTENCE_END_REFERENCE.search(text))


# --- is_noise == the named regexes in the old order -----------------------------------------------


def reference_is_noise(line: Line, title: str | None) -> bool:
    """is_noise before the fast checks: every named regex, in the order it had."""
    text = line.text
    if line.link_share >= LINK_ROW_SHARE and len(text) >= MIN_LINK_ROW_CHARS:
        return True
    if len(text) > P.MAX_COPYRIGHT_LINE_CHARS:
        return False
    squash = "".join(text.split())
    if (
        title
        and abs(len(text) - len(title)) <= TITLE_ECHO_SLACK
        and squash == "".join(title.split())
    ):
        return True
    short = (
        P.CAPTION_RE,
        P.AGENCY_CREDIT_RE,
        P.CREDIT_LINE_RE,
        P.PROMO_RE,
        P.CHROME_RE,
        P.COPYRIGHT_RE,
        P.CREDIT_SIGN_RE,
    )
    if any(regex.search(text) for regex in short):
        return True
    if len(text) > MAX_WIDGET_LINE_CHARS:
        return False
    label = (
        P.RELATED_HEADER_RE,
        P.TOOL_WORDS_RE,
        P.CHROME_LABELS_RE,
        P.PROMO_LABEL_RE,
        P.WEATHER_RE,
        P.LISTING_LINE_RE,
        P.TEASER_RE,
        P.HASHTAG_LINE_RE,
    )
    if any(regex.search(text) for regex in label):
        return True
    return bool(
        len(text) <= MAX_DATE_LINE_CHARS
        and re.search(r"\d\d", text)
        and dates.find_labelled_dates(text)
        and not SENTENCE_END_REFERENCE.search(text)
    )


def test_is_noise_agrees_with_the_reference_on_the_table() -> None:
    for text in TABLE_LINES:
        line = Line(text, 0.0)
        assert is_noise(line, TITLE) == reference_is_noise(line, TITLE), text
    for text in TABLE:
        for line in (Line(text, 0.0), Line(text, 0.95)):
            for title in (None, TITLE, text):
                assert is_noise(line, title) == reference_is_noise(line, title), text


@examples(400)
@given(random_lines, st.sampled_from([0.0, 0.5, 0.9, 1.0]), st.sampled_from([None, TITLE]))
def test_is_noise_agrees_with_the_reference_on_random_lines(
    text: str, share: float, title: str | None
) -> None:
    line = Line(text, share)
    assert is_noise(line, title) == reference_is_noise(line, title)


# --- cut_at_end_marker == the quadratic scan it replaced ------------------------------------------


def reference_cut(lines: Sequence[Line]) -> list[Line]:
    """cut_at_end_marker as it was: after each related header, rescan the rest for prose."""

    def prose(text: str) -> bool:
        return len(text) > MAX_WIDGET_LINE_CHARS or bool(SENTENCE_END_REFERENCE.search(text))

    out: list[Line] = []
    seen = 0
    for i, line in enumerate(lines):
        if seen >= P.MIN_CUT_POSITION:
            if len(line.text) <= P.MAX_COPYRIGHT_LINE_CHARS and P.COPYRIGHT_RE.search(line.text):
                break
            if len(line.text) <= MAX_WIDGET_LINE_CHARS and P.RELATED_HEADER_RE.match(line.text):
                if not any(prose(x.text) and x.link_share < LINK_ROW_SHARE for x in lines[i + 1 :]):
                    break
                continue
        out.append(line)
        if prose(line.text):
            seen += 1
    return out


CUT_PIECES = [
    Line("가명시가 공공 자전거 요금을 받지 않는다고 밝혔다.", 0.0),
    Line("가명시가 공공 자전거 요금을 받지 않는다고 밝혔다.", 1.0),  # a linked prose row
    Line("가명시, 자전거 도로 14곳 연결 추진", 1.0),
    Line("가명시, 자전거 도로 14곳 연결 추진", 0.0),
    Line("◇ 쟁점은 재원 마련", 0.0),
    Line("관련기사", 0.0),
    Line("[관련 뉴스]", 0.0),
    Line("많이 본 뉴스", 0.0),
    Line("ⓒ 가명일보 무단전재 및 재배포 금지", 0.0),
    Line("가명시의 자전거 정책은 " * 8, 0.0),  # long: prose without a sentence end
]


@examples(300)
@given(st.lists(st.sampled_from(CUT_PIECES), max_size=14))
def test_cut_agrees_with_the_quadratic_reference(lines: list[Line]) -> None:
    assert cut_at_end_marker(lines) == reference_cut(lines)


def test_cut_agrees_with_the_reference_on_every_short_sequence() -> None:
    for n in range(5):
        for lines in itertools.product(CUT_PIECES, repeat=n):
            assert cut_at_end_marker(lines) == reference_cut(lines)


# --- the one pass of clean_lines == the cut, then the noise test ---------------------------------

KEPT_PIECES = CUT_PIECES + [Line(t, 0.0) for t in TABLE[::3]] + [Line(TITLE, 0.0)]


@examples(400)
@given(st.lists(st.sampled_from(KEPT_PIECES), max_size=14), st.sampled_from([None, TITLE, ""]))
def test_kept_texts_are_the_cut_lines_that_are_not_noise(
    lines: list[Line], title: str | None
) -> None:
    expected = [x.text for x in cut_at_end_marker(lines) if not is_noise(x, title)]
    assert lines_mod._kept_texts(lines, title) == expected


# --- cut_at_end_marker is linear ------------------------------------------------------------------

PAGE_LINES = 20_000  # body.MAX_LINES: the most lines a container yields


def hostile_page(rows_per_header: int) -> list[Line]:
    """A page-sized list: one prose line, then related-news headers and link rows, and prose
    only at the very end. Every header is followed by prose, far away, so the cut keeps going;
    the old scan re-read the rest of the page after each header (~n**2 / 2 reads)."""
    prose = Line("가명시가 공공 자전거 요금을 받지 않는다고 밝혔다.", 0.0)
    header = Line("관련기사", 0.0)
    row = Line("가명군 공영버스 요금 동결했다", 1.0)  # a linked prose-looking row
    middle = ([header] + [row] * rows_per_header) * ((PAGE_LINES - 2) // (rows_per_header + 1))
    return [prose, *middle, prose]


@pytest.mark.parametrize("rows_per_header", [0, 1, 50])
def test_cut_reads_each_line_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch, rows_per_header: int
) -> None:
    lines = hostile_page(rows_per_header)
    calls = 0
    is_prose = lines_mod._is_prose

    def counting(text: str) -> bool:
        nonlocal calls
        calls += 1
        return is_prose(text)

    monkeypatch.setattr(lines_mod, "_is_prose", counting)
    kept = cut_at_end_marker(lines)
    assert kept == [x for x in lines if x.text != "관련기사"]
    assert calls <= 2 * len(lines)


def test_cut_of_a_hostile_page_takes_well_under_a_second_of_cpu() -> None:
    lines = hostile_page(0)
    start = time.process_time()
    cut_at_end_marker(lines)
    assert time.process_time() - start < 2.0  # ~0.05 s; the old scan took minutes


# --- label-row regexes that split a line one way only -------------------------------------------

# TOOL_WORDS_RE and CHROME_LABELS_RE as they were: a line could split into labels in
# exponentially many ways ("가+" runs, a space owned by either neighbour), all tried when the
# line ends in something else ("인쇄 " * 26 + "x" took minutes).
TOOL_WORDS_BEFORE = re.compile(
    r"^(?:\s*(?:기사\s*)?(?:글자\s*크기|글씨\s*크기|폰트\s*크기|본문\s*글씨\s*(?:키우기|줄이기)"
    r"|글자(?:크기)?(?:확대|축소)|기사글(?:확대|축소)|가+|인쇄(?:하기)?|프린트(?:하기)?|프린터"
    r"|스크랩(?:하기)?|기사\s*스크랩(?:하기)?|이메일\s*(?:문의|보내기)?|메일\s*보내기|공유(?:하기)?"
    r"|기사\s*공유(?:하기)?|URL\s*복사|링크\s*복사|본문\s*복사|주소\s*복사|페이스북|트위터|카카오톡"
    r"|카카오\s*스토리|카카오스토리|네이버\s*블로그|네이버|밴드|핀터레스트|라인|싸이월드\s*공감|싸이월드"
    r"|엑스|텔레그램|북마크|책갈피|작게|크게|읽기\s*모드|다크\s*모드|음성\s*재생|번역|beta|좋아요"
    r"|쪽지|신고(?:하기)?|쪽지\s*신고하기|SNS\s*(?:기사\s*)?보내기|다른\s*공유\s*찾기|닫기|댓글"
    r"|트위터로\s*보내기|[가-힣A-Za-z]{1,8}\(으\)로\s*기사\s*보내기|(?:올려|내려|추천|반대|공감)\s*\d+"
    r"|댓글\s*\d+|조회\s*(?:수)?\s*\d[\d,]*|좋아요\s*\d+|\|)\s*)+$",
    re.I,
)
CHROME_LABELS_BEFORE = re.compile(
    r"^(?:\s*(?:로그인|회원\s*가입|로그아웃|마이\s*페이지|모바일\s*웹|PC\s*버전|처음으로|전체\s*기사"
    r"|기사\s*검색|광고\s*문의|기사\s*제보|현재\s*위치|티커\s*뉴스|ADVERTISEMENT|AD|광고|\[광고\]"
    r"|OFF|ON|HOME|홈)\s*[|>:·/]?)+$",
    re.I,
)

TOOL_LABELS = [
    *"글자크기 글씨크기 가 가가 인쇄 인쇄하기 프린터 스크랩 기사 기사스크랩 이메일 이메일문의 공유".split(),
    *"공유하기 기사공유 카카오톡 카카오스토리 네이버 싸이월드 좋아요 쪽지 신고하기 댓글 댓글3 | x 로".split(),
    *"문의 12 (으)로 BETA url복사 추천5 조회수1,234 조회12".split(),
    "글자 크기",
    "기사 스크랩하기",
    "이메일 보내기",
    "메일 보내기",
    "기사 공유하기",
    "카카오 스토리",
    "네이버 블로그",
    "싸이월드 공감",
    "좋아요 12",
    "쪽지 신고하기",
    "sns 기사 보내기",
    "트위터로 보내기",
    "카카오톡(으)로 기사보내기",
    "가가(으)로 기사 보내기",
    "조회 수 5",
    "조회 12",
]
CHROME_LABELS = [
    *"로그인 회원가입 로그아웃 마이페이지 PC버전 처음으로 전체기사 광고문의 기사제보 현재위치".split(),
    *"ADVERTISEMENT AD ad 광고 [광고] OFF on HOME 홈 x 문의 기사".split(),
    "회원 가입",
    "광고 문의",
    "모바일 웹",
]
GAPS = ["", " ", "  ", "\t", "\n", " | ", "|", " |", "| ", " > ", ":", "·", "/", " / ", "\u3000"]


def label_rows(labels: list[str]) -> list[str]:
    """Every one- and two-label row, with every gap between and a few before and after."""
    rows = []
    for a, gap, b, end in itertools.product(labels, GAPS, [*labels, ""], ["", " ", "|", "\n"]):
        rows += [a + gap + b + end, " " + a + gap + b + end]
    return rows


@pytest.mark.parametrize(
    ("regex", "before", "labels"),
    [
        (P.TOOL_WORDS_RE, TOOL_WORDS_BEFORE, TOOL_LABELS),
        (P.CHROME_LABELS_RE, CHROME_LABELS_BEFORE, CHROME_LABELS),
    ],
    ids=["tool words", "chrome labels"],
)
def test_label_regexes_match_the_same_rows_as_before(
    regex: P.LineRegex, before: re.Pattern[str], labels: list[str]
) -> None:
    wrong = [t for t in label_rows(labels) if bool(regex.match(t)) != bool(before.match(t))]
    assert wrong == []


@examples(300)
@given(
    st.lists(st.tuples(st.sampled_from(TOOL_LABELS), st.sampled_from(GAPS)), max_size=7),
    st.lists(st.tuples(st.sampled_from(CHROME_LABELS), st.sampled_from(GAPS)), max_size=7),
)
def test_label_regexes_match_the_same_random_rows_as_before(
    tool: list[tuple[str, str]], chrome: list[tuple[str, str]]
) -> None:
    for pairs, regex, before in [
        (tool, P.TOOL_WORDS_RE, TOOL_WORDS_BEFORE),
        (chrome, P.CHROME_LABELS_RE, CHROME_LABELS_BEFORE),
    ]:
        for row in ("".join(a + b for a, b in pairs), "".join(a + b for a, b in pairs[:-1])):
            assert bool(regex.match(row)) == bool(before.match(row)), row


@pytest.mark.parametrize(
    "text",
    [
        "인쇄 " * 26 + "x",
        "가" * 79 + "x",
        "공유하기 " * 15 + "x",
        "기사공유 " * 15 + "x",
        "조회 1" * 15 + "x",
        "쪽지 신고하기 " * 9 + "x",
        "로그인 " * 19 + "x",
        "로그인|" * 19 + "x",
        "ON " * 26 + "x",
    ],
)
def test_a_long_row_of_labels_ending_in_a_stray_word_is_quick(text: str) -> None:
    assert len(text) <= MAX_WIDGET_LINE_CHARS
    start = time.process_time()
    for _ in range(10):
        assert not is_noise(Line(text, 0.0))
    assert time.process_time() - start < 1.0  # ~1 ms; each took seconds to hours before


# --- lazily compiled named regexes ----------------------------------------------------------------


def test_cleaning_lines_compiles_no_named_line_regex() -> None:
    """The named heuristics are for tests and tracing: the per-page path runs the AnyOf checks
    (compiled at import), so the named regexes stay uncompiled (import time)."""
    code = """
from newsclean.extraction import lines, patterns as P
from newsclean.extraction.body import Line

texts = [
    "가명시가 공공 자전거 요금을 받지 않는다고 밝혔다.",
    "[사진=가명시 제공]",
    "페이스북 트위터 카카오톡",
    "입력 2026.01.06 15:08",
    "관련기사",
    "가명시, 자전거 도로 14곳 연결 추진",
    "시는 이를 반겼다. (끝)",
    "홍길동 기자 hong@example.co.kr",
    "ⓒ 가명일보 무단전재 금지",
]
body = lines.clean_lines([Line(t, 0.0) for t in texts], title="가명시 자전거")
assert body.paragraphs == (texts[0],), body  # the rest is noise, or after the header
named = [n for n, v in vars(P).items() if isinstance(v, P.LineRegex)]
assert len(named) == 15, named
compiled = [n for n in named if getattr(P, n).compiled]
assert compiled == [], compiled
"""
    subprocess.run([sys.executable, "-c", code], check=True)
