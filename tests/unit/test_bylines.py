"""Table-driven tests for newsclean.extraction.bylines (all strings invented)."""

from __future__ import annotations

import time

import pytest

from newsclean.extraction import bylines
from newsclean.extraction.bylines import (
    LEAD_MAX_CHARS,
    MAX_AUTHORS,
    ROLE_WORDS,
    TAIL_MAX_CHARS,
    merge_authors,
    parse_byline,
    parse_tail_line,
    strip_lead,
)
from newsclean.models import Author

A = Author

# --- parse_byline -----------------------------------------------------------------------------

PARSE_BYLINE_CASES: list[tuple[str, list[Author]]] = [
    ("홍길동 기자", [A("홍길동", "기자")]),
    ("홍길동 기자 hong@x.co.kr", [A("홍길동", "기자", "hong@x.co.kr")]),
    ("홍길동·김철수 기자", [A("홍길동", "기자"), A("김철수", "기자")]),
    ("홍길동ㆍ김철수 기자", [A("홍길동", "기자"), A("김철수", "기자")]),
    ("홍길동, 김철수 기자", [A("홍길동", "기자"), A("김철수", "기자")]),
    ("임형섭 고동욱 기자", [A("임형섭", "기자"), A("고동욱", "기자")]),
    ("파리=유근형 특파원", [A("유근형", "특파원")]),
    (
        "김은별 미국 통신원 (sisa@sisajournal.com)",
        [A("김은별", "통신원", "sisa@sisajournal.com")],
    ),
    ("기자명 김가명 기자 입력 2026.09.21 14:11 댓글 0", [A("김가명", "기자")]),
    ("김가명 기자 2026.09.21 14:11", [A("김가명", "기자")]),
    ("홍길동", [A("홍길동")]),
    ("남궁민수 기자", [A("남궁민수", "기자")]),
    ("홍길동 선임기자", [A("홍길동", "선임기자")]),
    ("홍길동 선임 기자", [A("홍길동", "선임기자")]),
    ("홍길동 객원논설위원", [A("홍길동", "객원논설위원")]),
    ("홍길동 논설위원", [A("홍길동", "논설위원")]),
    ("홍길동 앵커", [A("홍길동", "앵커")]),
    ("김가명 기상캐스터", [A("김가명", "기상캐스터")]),
    ("홍길동 PD", [A("홍길동", "PD")]),
    ("노진실기자", [A("노진실", "기자")]),
    ("홍길동 과학전문기자", [A("홍길동", "전문기자")]),
    ("홍길동 워싱턴 특파원", [A("홍길동", "특파원")]),
    ("홍길동 기자 (hong@x.co.kr)", [A("홍길동", "기자", "hong@x.co.kr")]),
    (
        "홍길동 기자 hong@x.co.kr 김철수 기자 kim@x.co.kr",
        [A("홍길동", "기자", "hong@x.co.kr"), A("김철수", "기자", "kim@x.co.kr")],
    ),
    ("홍길동 기자 홍길동 기자 홍길동 기자", [A("홍길동", "기자")]),
    ("기자 프로필 홍길동 기자", [A("홍길동", "기자")]),
    (
        "홍길동 기자 구독 좋아요 공유하기 TALK 프로필 기자페이지 메일보내기 다른기사 더보기",
        [A("홍길동", "기자")],
    ),
    ("홍길동 기자 기자의 다른기사", [A("홍길동", "기자")]),
    ("[ 홍길동 기자 / hong@mbn.co.kr ]", [A("홍길동", "기자", "hong@mbn.co.kr")]),
    ("사진 = 김가명 기자", [A("김가명", "기자")]),
    ("YTN 정인용 (quotejeong@ytn.co.kr)", [A("정인용", None, "quotejeong@ytn.co.kr")]),
    ("By Jane Doe", [A("Jane Doe")]),
    ("Jane Doe, John Roe", [A("Jane Doe"), A("John Roe")]),
    ("by Jane Q. Doe and John McRoe", [A("Jane Q. Doe"), A("John McRoe")]),
    ("Jane Doe | Reuters", [A("Jane Doe")]),
    ("홍길동 기자입니다.", [A("홍길동", "기자")]),
    # Organisations, desks, UI and noise: nobody.
    ("중앙일보 | 네이버", []),
    ("연합뉴스", []),
    ("조선일보", []),
    ("뉴시스 | 네이버", []),
    ("디지털뉴스부", []),
    ("온라인뉴스팀", []),
    ("사회부", []),
    ("iMBC 연예", []),
    ("한경닷컴 뉴스룸", []),
    ("[MBN 온라인뉴스팀]", []),
    ("라이온봇기자", []),
    ("MK스포츠 기자", []),
    ("국회사진기자단", []),
    ("https://news.example.co.kr/reporter/123", []),
    ("hong@x.co.kr", []),
    ("기자", []),
    ("Yonhap News", []),
    ("", []),
    ("   ", []),
    # Real sentences that mention a reporter are not bylines.
    ("홍길동 기자는 이날 현장을 찾았다.", []),
    ("이날 행사에는 홍길동 기자 등이 참석했다", []),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_BYLINE_CASES)
def test_parse_byline(text: str, expected: list[Author]) -> None:
    assert parse_byline(text) == expected


def test_parse_byline_caps_authors() -> None:
    text = ", ".join(f"{s}가명 기자" for s in "김이박최정강조윤장임한오서신권")
    assert len(parse_byline(text)) == MAX_AUTHORS


# --- strip_lead -------------------------------------------------------------------------------

BODY = "정부는 오늘 새 정책을 발표했다."

STRIP_LEAD_CASES: list[tuple[str, str, list[Author]]] = [
    (f"(서울=연합뉴스) 홍길동 기자 = {BODY}", BODY, [A("홍길동", "기자")]),
    (
        f"(서울=연합뉴스) 임형섭 고동욱 기자 = {BODY}",
        BODY,
        [A("임형섭", "기자"), A("고동욱", "기자")],
    ),
    (f"[서울=뉴시스]홍길동 기자 = {BODY}", BODY, [A("홍길동", "기자")]),
    (f"【서울=뉴시스】홍길동 기자 = {BODY}", BODY, [A("홍길동", "기자")]),
    (f"(서울=뉴스1) 홍길동 기자 = {BODY}", BODY, [A("홍길동", "기자")]),
    (f"[OSEN=대전, 홍길동 기자] {BODY}", BODY, [A("홍길동", "기자")]),
    (f"[아시아경제 홍길동 기자] {BODY}", BODY, [A("홍길동", "기자")]),
    (f"[헤럴드경제=홍길동 기자] {BODY}", BODY, [A("홍길동", "기자")]),
    (f"［헤럴드경제=홍길동 기자］{BODY}", BODY, [A("홍길동", "기자")]),
    (f"[파이낸셜뉴스 의정부=노진균 기자] {BODY}", BODY, [A("노진균", "기자")]),
    (f"(이스탄불=연합뉴스) 하채림 특파원 = {BODY}", BODY, [A("하채림", "특파원")]),
    (f"[경향신문] {BODY}", BODY, []),
    (f"(서울=연합뉴스) {BODY}", BODY, []),
    (f"홍길동 기자 = {BODY}", BODY, [A("홍길동", "기자")]),
    # No lead, or not a person lead: unchanged.
    (f"[이데일리 MARKETPOINT] {BODY}", f"[이데일리 MARKETPOINT] {BODY}", []),
    (BODY, BODY, []),
    (f"[단독] {BODY}", f"[단독] {BODY}", []),
    (f"[기자수첩] {BODY}", f"[기자수첩] {BODY}", []),
    (f"(사진=연합뉴스) {BODY}", f"(사진=연합뉴스) {BODY}", []),
    (f"[앵커] {BODY}", f"[앵커] {BODY}", []),
    (f"[리포트] {BODY}", f"[리포트] {BODY}", []),
    (
        "정부 관계자는 기자 = 적이라는 말은 틀렸다고 했다.",
        "정부 관계자는 기자 = 적이라는 말은 틀렸다고 했다.",
        [],
    ),
    ("홍길동 기자는 이날 현장을 찾았다.", "홍길동 기자는 이날 현장을 찾았다.", []),
]


@pytest.mark.parametrize(("paragraph", "rest", "authors"), STRIP_LEAD_CASES)
def test_strip_lead(paragraph: str, rest: str, authors: list[Author]) -> None:
    assert strip_lead(paragraph) == (rest, authors)


def test_strip_lead_never_cuts_more_than_the_cap() -> None:
    dateline = "(가나다라마바사아자차카타파하=연합뉴스 가나다라마바사아자차카타파하거너)"
    names = "홍길동 김철수 이영희 박민수 최가명 정나래 기자 = "
    assert len(dateline) < LEAD_MAX_CHARS < len(dateline + names)
    # The dateline alone fits and is cut; the names would push the lead past the cap.
    assert strip_lead(f"{dateline} {names}{BODY}") == (f"{names}{BODY}", [])


def test_strip_lead_ignores_long_brackets() -> None:
    paragraph = "[" + "가" * 70 + " 홍길동 기자] " + BODY
    assert strip_lead(paragraph) == (paragraph, [])


# --- parse_tail_line --------------------------------------------------------------------------

TAIL_CASES: list[tuple[str, list[Author] | None]] = [
    ("홍길동 기자 hong@x.co.kr", [A("홍길동", "기자", "hong@x.co.kr")]),
    ("최예슬 기자(email@x.co.kr)", [A("최예슬", "기자", "email@x.co.kr")]),
    ("/정종엽 기자", [A("정종엽", "기자")]),
    ("/ 홍길동 기자 email@x.kr", [A("홍길동", "기자", "email@x.kr")]),
    ("글·사진=윤민섭 기자 flame@kmib.co.kr", [A("윤민섭", "기자", "flame@kmib.co.kr")]),
    ("글·사진=노진실기자 know@yeongnam.com", [A("노진실", "기자", "know@yeongnam.com")]),
    ("CBS노컷뉴스 박희영 기자 matter@cbs.co.kr", [A("박희영", "기자", "matter@cbs.co.kr")]),
    ("YTN 정인용 (quotejeong@ytn.co.kr)", [A("정인용", None, "quotejeong@ytn.co.kr")]),
    ("[ 홍길동 기자 / hong@mbn.co.kr ]", [A("홍길동", "기자", "hong@mbn.co.kr")]),
    ("김은별 미국 통신원 (sisa@sisajournal.com)", [A("김은별", "통신원", "sisa@sisajournal.com")]),
    ("홍길동 기자", [A("홍길동", "기자")]),
    ("hong@yna.co.kr", []),
    ("(hong@yna.co.kr)", []),
    ("MBC뉴스 홍길동입니다.", [A("홍길동")]),
    ("TV조선 홍길동입니다.", [A("홍길동")]),
    ("YTN 홍길동입니다", [A("홍길동")]),
    ("연합뉴스TV 홍길동입니다.", [A("홍길동")]),
    ("KBS 뉴스 홍길동입니다.", [A("홍길동")]),
    ("지금까지 KBS 뉴스 홍길동이었습니다.", [A("홍길동")]),
    ("홍길동 기자였습니다.", [A("홍길동", "기자")]),
    ("세계를보다, 최수연 기자입니다.", [A("최수연", "기자")]),
    ("(영상취재 : 홍길동 / 영상편집 : 김가명)", []),
    ("영상취재: 홍길동", []),
    ("[영상취재 : 홍길동, 그래픽 : 김가명]", []),
    # Not tails.
    ("홍길동 기자는 이날 현장을 찾았다.", None),
    ("고희정 글, 김선배 그림, 1만5000원", None),
    ("안녕하세요, 홍길동입니다.", None),
    ("그의 아들 홍길동 기자입니다.", None),
    ("“홍길동 기자입니다”", None),
    ('"홍길동 기자 hong@x.co.kr"', None),
    ("홍길동", None),
    ("연합뉴스", None),
    ("기자", None),
    ("[앵커]", None),
    ("◀ 리포트 ▶", None),
    ("김가명 기자의 보도입니다.", None),
    ("홍길동 기자회견", None),
    ("정부는 홍길동 기자에게 답했다", None),
    ("", None),
    ("홍길동 기자 hong@x.co.kr " + "가" * TAIL_MAX_CHARS, None),
]


@pytest.mark.parametrize(("line", "expected"), TAIL_CASES)
def test_parse_tail_line(line: str, expected: list[Author] | None) -> None:
    assert parse_tail_line(line) == expected


# --- merge_authors ----------------------------------------------------------------------------

MERGE_CASES: list[tuple[list[list[Author]], list[Author]]] = [
    ([[A("홍길동")], [A("홍길동", "기자", "hong@x.co.kr")]], [A("홍길동", "기자", "hong@x.co.kr")]),
    ([[A("홍길동", "특파원")], [A("홍길동", "기자")]], [A("홍길동", "특파원")]),
    (
        [[A("김가명"), A("홍길동")], [A("홍길동", None, "h@x.kr")]],
        [A("김가명"), A("홍길동", None, "h@x.kr")],
    ),
    ([[A(" 홍길동 ")], [A("홍길동")]], [A("홍길동")]),
    ([[A("")], []], []),
    (
        [[A(f"{s}가명") for s in "김이박최정강조윤장임한오"]],
        [A(f"{s}가명") for s in "김이박최정강조윤장임"],
    ),
]


@pytest.mark.parametrize(("groups", "expected"), MERGE_CASES)
def test_merge_authors(groups: list[list[Author]], expected: list[Author]) -> None:
    assert merge_authors(*groups) == expected


def test_merge_fills_from_duplicate_after_cap() -> None:
    many = [A(f"{s}가명") for s in "김이박최정강조윤장임한"]
    merged = merge_authors(many, [A("김가명", "기자")])
    assert len(merged) == MAX_AUTHORS
    assert merged[0] == A("김가명", "기자")


# --- constants --------------------------------------------------------------------------------


def test_role_words_longest_first_and_complete() -> None:
    lengths = [len(w) for w in ROLE_WORDS]
    assert lengths == sorted(lengths, reverse=True)
    for word in ("기자", "선임기자", "특파원", "논설위원", "앵커", "PD", "기자단", "객원논설위원"):
        assert word in ROLE_WORDS


def test_surnames_exclude_common_word_starts() -> None:
    for syllable in ("대", "사", "상", "시", "중", "미", "영", "일"):
        assert syllable not in bylines.SURNAMES


# --- robustness -------------------------------------------------------------------------------

GARBAGE = [
    "가=(" * 300_000,
    "a@" * 500_000,
    "a" * 60 + "@" + "b." * 500_000,
    "[" * 1_000_000,
    "홍길동 " * 200_000 + "기자",
    "기자 " * 300_000,
    " " * 1_000_000 + "홍길동 기자",
]


@pytest.mark.parametrize("text", GARBAGE, ids=range(len(GARBAGE)))
def test_long_garbage_is_fast(text: str) -> None:
    start = time.perf_counter()
    parse_byline(text)
    strip_lead(text)
    parse_tail_line(text)
    assert time.perf_counter() - start < 1.0
