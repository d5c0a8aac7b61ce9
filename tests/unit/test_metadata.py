"""Title, deck, dates, authors and outlet (newsclean.extraction.metadata) on small invented pages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from newsclean import document
from newsclean.extraction.body import strip_code
from newsclean.extraction.dates import KST
from newsclean.extraction.index import build_index
from newsclean.extraction.metadata import (
    MAX_BYLINE_ELEMENT_CHARS,
    MAX_EMAIL_BOX_CHARS,
    NDSOFT_TITLE_RE,
    SUFFIX_RE,
    Metadata,
    clean_title,
    read_metadata,
)
from newsclean.extraction.scripts import read_script_article
from newsclean.models import Author

BODY = "".join(
    f"<p>가명시가 다음 달부터 공공 자전거를 1시간 이내로 타면 요금을 받지 않는다고 밝혔다. {i}</p>"
    for i in range(4)
)


def page(body: str = "", head: str = "", ld: dict[str, Any] | None = None) -> str:
    script = (
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        if ld is not None
        else ""
    )
    return f"<html><head>{head}{script}</head><body>{body}</body></html>"


def meta_of(html: str, url: str | None = None) -> Metadata:
    """Read metadata the way extractor.py does (no site hint)."""
    doc = document.parse(html, url)
    script = read_script_article(doc.scripts)
    strip_code(doc.tree)
    index = build_index(doc.tree)
    return read_metadata(doc, index, None, script)


def og(prop: str, content: str) -> str:
    return f'<meta property="{prop}" content="{content}">'


def kst(y: int, mo: int, d: int, h: int, mi: int, s: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, s, tzinfo=KST)


# --- title -----------------------------------------------------------------------------------------

CLEAN_TITLE_CASES = [
    ("가명시 자전거 무료화 < 사회 < 기사본문 - 가명일보", "가명시 자전거 무료화"),
    ("가명시 자전거 무료화 < 사회 < 기사본문 - 가명일보 - 지역신문", "가명시 자전거 무료화"),
    ("가명시 자전거 무료화 - 가명일보", "가명시 자전거 무료화"),
    ("가명시 자전거 무료화 | KBS 뉴스", "가명시 자전거 무료화"),
    ("가명시 자전거 무료화 : 네이버 뉴스", "가명시 자전거 무료화"),
    ("가명시 자전거 무료화 · 가명신문", "가명시 자전거 무료화"),
    ("  가명시   자전거\n무료화  ", "가명시 자전거 무료화"),
    ("[속보] 가명시 자전거 무료화", "[속보] 가명시 자전거 무료화"),
    ("가명시, 자전거-도로 연결", "가명시, 자전거-도로 연결"),  # no spaced separator
    (
        "가명시 자전거 무료화 - 첫날 이용객이 두 배 넘게 늘며 시민들의 환영이 이어졌다",
        "가명시 자전거 무료화 - 첫날 이용객이 두 배 넘게 늘며 시민들의 환영이 이어졌다",
    ),  # a long tail is part of the headline
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_TITLE_CASES)
def test_clean_title(raw: str, expected: str) -> None:
    assert clean_title(raw) == expected


def test_title_regexes_named() -> None:
    assert NDSOFT_TITLE_RE.search("제목 < 섹션 < 기사본문 - 매체")
    assert not NDSOFT_TITLE_RE.search("3<5 부등식")
    assert SUFFIX_RE.search("제목 - 매체")
    assert not SUFFIX_RE.search("제목-매체")


def test_displayed_h1_with_rubric_beats_og_title() -> None:
    html = page(
        f"<h1>[단독] 가명시 자전거 무료화</h1>{BODY}",
        og("og:title", "가명시 자전거 무료화"),
    )
    assert meta_of(html).title == "[단독] 가명시 자전거 무료화"


def test_displayed_h1_matches_og_title_with_site_suffix() -> None:
    html = page(
        f"<h1>가명시 자전거 무료화</h1>{BODY}",
        og("og:title", "가명시 자전거 무료화 - 가명일보"),
    )
    assert meta_of(html).title == "가명시 자전거 무료화"


def test_h1_spacing_normalised() -> None:
    html = page(f"<h1>가명시  자전거\n  무료화</h1>{BODY}", og("og:title", "가명시 자전거 무료화"))
    assert meta_of(html).title == "가명시 자전거 무료화"


def test_site_logo_h1_does_not_replace_the_title() -> None:
    html = page(
        f"<h1>가명일보</h1><h2>가명시 자전거 무료화</h2>{BODY}",
        og("og:title", "가명시 자전거 무료화"),
    )
    assert meta_of(html).title == "가명시 자전거 무료화"


@pytest.mark.parametrize(
    "title_tag",
    [
        "가명시 자전거 무료화 &lt; 사회 &lt; 기사본문 - 가명일보",
        "가명시 자전거 무료화 - 가명일보",
        "가명시 자전거 무료화 | KBS 뉴스",
    ],
)
def test_title_tag_suffix_stripped_without_headline(title_tag: str) -> None:
    html = page(BODY, f"<title>{title_tag}</title>")
    assert meta_of(html).title == "가명시 자전거 무료화"


def test_og_title_preferred_over_title_tag() -> None:
    html = page(BODY, og("og:title", "가명시 자전거 무료화") + "<title>가명일보 - 사회</title>")
    assert meta_of(html).title == "가명시 자전거 무료화"


def test_jsonld_headline_used() -> None:
    html = page(BODY, ld={"@type": "NewsArticle", "headline": "가명시 자전거 무료화"})
    assert meta_of(html).title == "가명시 자전거 무료화"


def test_bare_h1_when_nothing_is_declared() -> None:
    assert meta_of(page(f"<h1>가명시 자전거 무료화</h1>{BODY}")).title == "가명시 자전거 무료화"


def test_no_title_at_all() -> None:
    assert meta_of(page(BODY)).title is None


# --- subtitle (deck) -------------------------------------------------------------------------------


@pytest.mark.parametrize("h1", ["<h1>", "<h1 class='title'>", "<h1 class='headline'>"])
def test_deck_after_the_headline(h1: str) -> None:
    html = page(
        f"{h1}가명시 자전거 무료화</h1><p class='view_sub'>내달부터 1시간 이내 무료</p>{BODY}",
        og("og:title", "가명시 자전거 무료화"),
    )
    meta = meta_of(html)
    assert meta.subtitle == "내달부터 1시간 이내 무료"


def test_multi_line_deck_split_at_br() -> None:
    html = page(
        "<h1>가명시 자전거 무료화</h1>"
        "<strong class='media_end_summary'>내달부터 1시간 이내 무료<br>2000대 추가 배치</strong>"
        + BODY,
        og("og:title", "가명시 자전거 무료화"),
    )
    assert meta_of(html).subtitle_lines == ("내달부터 1시간 이내 무료", "2000대 추가 배치")


def test_sub_menu_is_not_a_deck() -> None:
    html = page(
        "<ul class='sub_menu'><li>정치</li><li>사회 일반</li></ul><h1>가명시 자전거 무료화</h1>"
        + BODY,
        og("og:title", "가명시 자전거 무료화"),
    )
    assert meta_of(html).subtitle is None


# --- dates -----------------------------------------------------------------------------------------


def test_same_minute_takes_the_machine_value_with_seconds() -> None:
    html = page(
        f"<span class='date'>입력 2026.01.06 15:08</span>{BODY}",
        ld={"@type": "NewsArticle", "datePublished": "2026-01-06T15:08:27+09:00"},
    )
    assert meta_of(html).published == kst(2026, 1, 6, 15, 8, 27)


def test_same_minute_utc_machine_value_converted_to_kst() -> None:
    html = page(
        f"<span class='date'>입력 2026.01.06 15:08</span>{BODY}",
        ld={"@type": "NewsArticle", "datePublished": "2026-01-06T06:08:27Z"},
    )
    published = meta_of(html).published
    assert published == kst(2026, 1, 6, 15, 8, 27)
    assert isinstance(published, dt.datetime)
    assert published.utcoffset() == dt.timedelta(hours=9)


def test_different_minute_takes_the_displayed_value() -> None:
    html = page(
        f"<span class='date'>입력 2026.01.06 15:08</span>{BODY}",
        ld={"@type": "NewsArticle", "datePublished": "2026-01-06T09:00:00+09:00"},
    )
    assert meta_of(html).published == kst(2026, 1, 6, 15, 8)


def test_modified_from_jsonld_and_text() -> None:
    html = page(
        "<div class='info'>입력 2026.01.06 15:08 | 수정 2026.01.06 16:21</div>" + BODY,
        ld={
            "@type": "NewsArticle",
            "datePublished": "2026-01-06T15:08:10+09:00",
            "dateModified": "2026-01-06T16:21:45+09:00",
        },
    )
    meta = meta_of(html)
    assert meta.published == kst(2026, 1, 6, 15, 8, 10)
    assert meta.modified == kst(2026, 1, 6, 16, 21, 45)


def test_labelled_text_dates_without_machine_values() -> None:
    html = page(
        f"<div class='info'>기사입력 2026.01.06. 오후 3:08 최종수정 2026.01.06. 오후 4:21</div>{BODY}"
    )
    meta = meta_of(html)
    assert meta.published == kst(2026, 1, 6, 15, 8)
    assert meta.modified == kst(2026, 1, 6, 16, 21)


def test_labelled_date_found_in_unnamed_page_text() -> None:
    html = page(f"<p>홍길동 기자 · 등록 2026년01월06일 15시08분</p>{BODY}")
    assert meta_of(html).published == kst(2026, 1, 6, 15, 8)


def test_meta_published_time() -> None:
    html = page(BODY, og("article:published_time", "2026-01-06T15:08:00+09:00"))
    assert meta_of(html).published == kst(2026, 1, 6, 15, 8)


def test_date_only_stays_a_date() -> None:
    html = page(f"<span class='date'>입력 2026.01.06</span>{BODY}")
    published = meta_of(html).published
    assert published == dt.date(2026, 1, 6)
    assert not isinstance(published, dt.datetime)


def test_updated_site_clock_is_ignored() -> None:
    html = page(
        "<div class='top-date'>UPDATED. 2026-01-07 09:00 (수)</div>"
        f"<span class='date'>입력 2026.01.06 15:08</span>{BODY}"
    )
    meta = meta_of(html)
    assert meta.published == kst(2026, 1, 6, 15, 8)
    assert meta.modified is None


def test_updated_site_clock_alone_gives_no_date() -> None:
    html = page(f"<div class='top-date'>UPDATED. 2026-01-07 09:00 (수)</div>{BODY}")
    meta = meta_of(html)
    assert meta.published is None and meta.modified is None


def test_no_date_is_none() -> None:
    meta = meta_of(page(BODY))
    assert meta.published is None and meta.modified is None


def test_time_element_datetime_as_last_resort() -> None:
    html = page(f"<time datetime='2026-01-06T15:08:00+09:00'>1월 6일</time>{BODY}")
    assert meta_of(html).published == kst(2026, 1, 6, 15, 8)


def test_a_labelled_date_in_unnamed_markup_with_template_indentation() -> None:
    html = page("<div><span>입력 \n\t\t\t\t\t\t\t\t\t\t2026-01-06 15:08\n\t\t</span></div>" + BODY)
    assert meta_of(html).published == kst(2026, 1, 6, 15, 8)


def test_a_date_is_not_cut_off_its_time_by_an_earlier_labels_window() -> None:
    # "검색어 입력" (a search box) is a label too; its window reaches into the article's date
    # and must not end inside it, or the page would get the day without the time. With this
    # headline length the window ends right after "2026.01.06".
    headline = ("가명시 폐교 도서관 " * 5)[:44]
    html = page(
        "<div><span>검색어 입력</span> <button>검색 버튼</button></div>"
        f"<div><span>{headline}</span></div>"
        "<div><span>입력 2026.01.06 (15:08)</span> <span>수정 2026.01.06 (16:20)</span></div>"
        + BODY
    )
    meta = meta_of(html)
    assert meta.published == kst(2026, 1, 6, 15, 8)
    assert meta.modified == kst(2026, 1, 6, 16, 20)


# --- authors ---------------------------------------------------------------------------------------


def test_authors_from_byline_element() -> None:
    html = page(f"<span class='byline'>홍길동 기자</span>{BODY}")
    assert meta_of(html).authors == (Author("홍길동", "기자"),)


def test_authors_two_names_one_role() -> None:
    html = page(f"<div class='reporter'>홍길동·김가명 기자</div>{BODY}")
    assert meta_of(html).authors == (Author("홍길동", "기자"), Author("김가명", "기자"))


def test_authors_from_jsonld_person() -> None:
    html = page(
        BODY,
        ld={
            "@type": "NewsArticle",
            "author": [
                {"@type": "Person", "name": "김가명"},
                {"@type": "Organization", "name": "가명일보"},
            ],
        },
    )
    assert [a.name for a in meta_of(html).authors] == ["김가명"]


def test_authors_from_jsonld_string() -> None:
    html = page(BODY, ld={"@type": "NewsArticle", "author": "홍길동 기자"})
    assert meta_of(html).authors == (Author("홍길동", "기자"),)


def test_authors_from_meta() -> None:
    html = page(BODY, '<meta name="author" content="홍길동 기자">')
    assert meta_of(html).authors == (Author("홍길동", "기자"),)


def test_outlet_meta_author_is_nobody() -> None:
    html = page(BODY, '<meta name="author" content="가명일보">')
    assert meta_of(html).authors == ()


def test_byline_element_beats_jsonld_and_meta() -> None:
    html = page(
        f"<span class='byline'>홍길동 기자</span>{BODY}",
        '<meta name="author" content="박가명 기자">',
        ld={"@type": "NewsArticle", "author": {"@type": "Person", "name": "이가명"}},
    )
    assert [a.name for a in meta_of(html).authors] == ["홍길동"]


def test_byline_with_email() -> None:
    html = page(f"<span class='byline'>홍길동 기자 hong@example.co.kr</span>{BODY}")
    assert meta_of(html).authors == (Author("홍길동", "기자", "hong@example.co.kr"),)


def test_email_filled_from_a_reporter_box() -> None:
    box = (
        "기자 프로필 홍길동 기자 hong@example.co.kr 구독 좋아요 공유하기 TALK 프로필 기자페이지 "
        "메일보내기 다른기사 더보기 홍길동 기자의 다른 기사 보기"
    )
    assert MAX_BYLINE_ELEMENT_CHARS < len(box) <= MAX_EMAIL_BOX_CHARS
    html = page(
        f"<h1>가명시 자전거 무료화</h1><span class='byline'>홍길동 기자</span>{BODY}"
        f"<div class='reporter_box'>{box}</div>"
    )
    assert meta_of(html).authors == (Author("홍길동", "기자", "hong@example.co.kr"),)


def test_email_of_another_reporter_is_not_borrowed() -> None:
    box = (
        "기자 프로필 박가명 기자 park@example.co.kr 구독 좋아요 공유하기 TALK 프로필 기자페이지 "
        "메일보내기 다른기사 더보기 박가명 기자의 다른 기사 보기"
    )
    html = page(
        f"<span class='byline'>홍길동 기자</span>{BODY}<div class='reporter_box'>{box}</div>"
    )
    assert meta_of(html).authors == (Author("홍길동", "기자"),)


def test_byline_line_near_headline_without_class_names() -> None:
    html = page(
        f"<div><div><h2>가명시 자전거 무료화</h2></div><p><span>홍길동 기자</span></p></div>{BODY}",
        og("og:title", "가명시 자전거 무료화"),
    )
    assert meta_of(html).authors == (Author("홍길동", "기자"),)


def test_no_byline_gives_no_authors() -> None:
    assert meta_of(page(BODY)).authors == ()


def test_authors_from_links_to_reporter_pages() -> None:
    html = page(
        "<nav><a href='/reporter/list'>기자 소개</a></nav>"
        "<header><dl><a href='//news.example.kr/author/331'><dt>홍길동 기자</dt>"
        "<dd>hong@example.kr</dd></a></dl>"
        "<dl><a href='/journalist/12'>김가명 기자</a></dl></header>" + BODY
    )
    assert meta_of(html).authors == (
        Author("홍길동", "기자", "hong@example.kr"),
        Author("김가명", "기자"),
    )


def test_a_link_to_a_reporter_page_needs_a_role_word_or_an_email() -> None:
    html = page(
        "<a href='/author/7'>홍길동</a><a href='/reporter/1'>이 기자의 다른 기사</a>" + BODY
    )
    assert meta_of(html).authors == ()


def test_a_byline_element_beats_reporter_links() -> None:
    html = page(
        "<span class='byline'>홍길동 기자</span>"
        "<aside><a href='/reporter/9'>김가명 기자</a></aside>" + BODY
    )
    assert meta_of(html).authors == (Author("홍길동", "기자"),)


# --- outlet, canonical -----------------------------------------------------------------------------


def test_outlet_from_og_site_name() -> None:
    assert meta_of(page(BODY, og("og:site_name", " 가명일보 "))).outlet == "가명일보"


def test_outlet_from_jsonld_publisher() -> None:
    html = page(
        BODY,
        ld={"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "가명신문"}},
    )
    assert meta_of(html).outlet == "가명신문"


def test_canonical_url() -> None:
    html = page(BODY, '<link rel="canonical" href="https://example.co.kr/news/1">')
    assert meta_of(html).canonical_url == "https://example.co.kr/news/1"
    html = page(BODY, og("og:url", "https://example.co.kr/news/2"))
    assert meta_of(html).canonical_url == "https://example.co.kr/news/2"
