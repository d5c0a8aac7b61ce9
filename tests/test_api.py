"""The public Python API contract (DESIGN.md §2.1, §2.2): newsclean.extract / extract_page."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean import Article, Author, ExtractConfig, Page, extract, extract_page
from support.contract import RECORD_KEYS

FIXTURES = Path(__file__).parent / "fixtures"
NAVER = FIXTURES / "naver-news" / "source.html"
NAVER_URL = "https://n.news.naver.com/mnews/article/003/0099887766?sid=102"

# DESIGN.md §2.1 (support.contract), plus the documented extras this implementation emits.
EXTRA_KEYS = {"explain", "canonical_url"}
ERROR_TYPES = {
    "InvalidURL",
    "RobotsDisallowed",
    "HTTPStatus",
    "Timeout",
    "Network",
    "TooManyRedirects",
    "TooLarge",
    "NotHTML",
    "ReadError",
}

PARAS = [
    "가명시가 다음 달부터 공공 자전거를 1시간 이내로 타면 요금을 받지 않는다고 6일 밝혔다.",
    "시는 무료화로 늘어날 수요에 맞춰 자전거 2000대를 새로 들이고, 대여소도 120곳 더 만든다.",
    '이가명 교통정책과장은 "출퇴근길 짧은 거리를 자전거로 바꾸면 혼잡이 줄어든다"고 말했다.',
]


def article_page(date_line: str = "입력 2026.01.06 15:08", *, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        f'<html lang="ko"><head><meta charset="{charset}"><title>가명시 자전거 무료화 - 가명일보</title>'
        '<meta property="og:site_name" content="가명일보">'
        '<link rel="canonical" href="https://example.co.kr/news/1"></head><body>'
        "<h1>가명시 자전거 무료화</h1>"
        f"<div class='byline'>홍길동 기자</div><div class='date'>{date_line}</div>"
        f"<div class='article_body'>{body}</div>"
        "<p class='copyright'>ⓒ 가명일보 무단전재 및 재배포 금지</p></body></html>"
    )


# --- input types -----------------------------------------------------------------------------------


def test_str_and_bytes_give_the_same_article() -> None:
    html = article_page()
    from_str = extract(html, url="https://example.co.kr/news/1")
    from_bytes = extract(html.encode("utf-8"), url="https://example.co.kr/news/1")
    assert from_str == from_bytes
    assert from_str.status == "ok"
    assert from_str.title == "가명시 자전거 무료화"
    assert from_str.body == "\n\n".join(PARAS)
    assert from_str.authors == (Author("홍길동", "기자"),)
    assert from_str.outlet == "가명일보"
    assert from_str.lang == "ko"


def test_bytearray_and_memoryview_accepted() -> None:
    data = article_page().encode("utf-8")
    # Accepted at run time though the signature says bytes (both are bytes-like).
    from_array = extract(bytearray(data))  # type: ignore[arg-type]
    from_view = extract(memoryview(data))  # type: ignore[arg-type]
    assert from_array.title == from_view.title == "가명시 자전거 무료화"


def test_euc_kr_bytes_with_charset_hint() -> None:
    data = article_page(charset="euc-kr").encode("cp949")
    article = extract(data, charset="euc-kr")
    assert article.status == "ok"
    assert article.title == "가명시 자전거 무료화"


@pytest.mark.parametrize("bad", [None, 123, ["<html>"], {"html": "x"}, 1.5])
def test_wrong_html_type_raises_type_error(bad: Any) -> None:
    with pytest.raises(TypeError):
        extract(bad)


@pytest.mark.parametrize("bad_url", [123, b"https://example.co.kr/", ["https://x"]])
def test_wrong_url_type_raises_type_error(bad_url: Any) -> None:
    with pytest.raises(TypeError):
        extract(article_page(), url=bad_url)


# --- not HTML --------------------------------------------------------------------------------------

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    + bytes(64)
)


@pytest.mark.parametrize(
    ("case", "data"),
    [
        ("png", PNG),
        ("gzip", gzip.compress(article_page().encode("utf-8"))),
        ("zlib noise", zlib.compress(bytes(range(256)) * 8)),
        ("plain text bytes", "그냥 텍스트입니다. 태그가 하나도 없습니다.".encode()),
        ("plain text str", "그냥 텍스트입니다. 태그가 하나도 없습니다."),
        ("empty bytes", b""),
        ("empty str", ""),
    ],
)
def test_not_html_gives_an_error_article(case: str, data: bytes | str) -> None:
    article = extract(data, url="https://example.co.kr/file")
    assert article.status == "error", case
    assert article.error is not None and article.error.type == "NotHTML"
    assert article.error.http_status is None
    assert article.url == "https://example.co.kr/file"
    record = article.to_dict()
    assert set(record) == {"url", "status", "error"}
    assert record["status"] == "error"
    assert set(record["error"]) == {"type", "message"}
    assert record["error"]["type"] in ERROR_TYPES
    assert isinstance(record["error"]["message"], str) and record["error"]["message"]
    json.dumps(record)


def test_error_article_is_not_ok() -> None:
    assert not extract(PNG).ok


# --- the record ------------------------------------------------------------------------------------


def test_to_dict_has_exactly_the_contract_keys() -> None:
    record = extract(article_page(), url="https://example.co.kr/news/1").to_dict()
    assert set(record) == RECORD_KEYS | EXTRA_KEYS
    assert record["status"] == "ok"
    assert record["url"] == "https://example.co.kr/news/1"
    assert record["canonical_url"] == "https://example.co.kr/news/1"
    assert record["authors"] == [{"name": "홍길동", "role": "기자", "email": None}]
    assert set(record["explain"]) == {"container", "site"}
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record


def test_not_article_record_has_the_same_keys() -> None:
    links = "".join(f"<li><a href='/n/{i}'>가명시 소식 {i}</a></li>" for i in range(30))
    article = extract(f"<html><body><h1>사회</h1><ul>{links}</ul></body></html>")
    assert article.status == "not_article"
    assert set(article.to_dict()) == RECORD_KEYS | EXTRA_KEYS


def test_published_datetime_serialised_with_kst_offset() -> None:
    article = extract(article_page("입력 2026.01.06 15:08"))
    assert isinstance(article.published, dt.datetime)
    assert article.published.utcoffset() == dt.timedelta(hours=9)
    assert article.to_dict()["published"] == "2026-01-06T15:08:00+09:00"
    assert article.to_dict()["modified"] is None


def test_published_date_only_serialised_as_a_date() -> None:
    article = extract(article_page("입력 2026.01.06"))
    assert article.published == dt.date(2026, 1, 6)
    assert not isinstance(article.published, dt.datetime)
    assert article.to_dict()["published"] == "2026-01-06"


def test_no_date_is_null() -> None:
    article = extract(article_page("가명일보 사회부"))
    assert article.published is None
    assert article.to_dict()["published"] is None


def test_article_is_frozen() -> None:
    article = extract(article_page())
    with pytest.raises(AttributeError):
        article.title = "다른 제목"  # type: ignore[misc]


# --- extract_page and config -----------------------------------------------------------------------


def test_extract_page_keeps_url_and_final_url() -> None:
    page = Page(
        url="https://example.co.kr/news/1",
        content=article_page().encode("utf-8"),
        final_url="https://www.example.co.kr/news/1",
        status_code=200,
        content_type="text/html",
        charset="utf-8",
    )
    article = extract_page(page)
    assert article.url == "https://example.co.kr/news/1"
    assert article.final_url == "https://www.example.co.kr/news/1"
    record = article.to_dict()
    assert record["url"] == page.url and record["final_url"] == page.final_url


def test_extract_page_without_redirect() -> None:
    article = extract_page(
        Page(url="https://example.co.kr/news/1", content=article_page().encode())
    )
    assert article.url == article.final_url == "https://example.co.kr/news/1"


def test_extract_page_error_keeps_both_urls() -> None:
    page = Page(
        url="https://example.co.kr/a.png", content=PNG, final_url="https://cdn.example/a.png"
    )
    record = extract_page(page).to_dict()
    assert record["status"] == "error"
    assert record["url"] == "https://example.co.kr/a.png"
    assert record["final_url"] == "https://cdn.example/a.png"


def test_extract_page_uses_header_charset() -> None:
    page = Page(
        url="https://example.co.kr/news/1",
        content=article_page(charset="x-unknown").encode("cp949"),
        charset="euc-kr",
    )
    assert extract_page(page).title == "가명시 자전거 무료화"


def test_site_hint_named_in_explain() -> None:
    article = extract(NAVER.read_bytes(), url=NAVER_URL)
    assert dict(article.extras)["explain"]["site"] == "naver-news"
    assert article.to_dict()["explain"] == {"container": "site", "site": "naver-news"}


def test_site_hints_off_gives_no_site() -> None:
    article = extract(NAVER.read_bytes(), url=NAVER_URL, config=ExtractConfig(site_hints=False))
    assert article.to_dict()["explain"]["site"] is None
    assert article.to_dict()["explain"]["container"] != "site"
    assert article.status == "ok"


def test_extract_config_is_frozen_with_hints_on_by_default() -> None:
    config = ExtractConfig()
    assert config.site_hints is True
    with pytest.raises(AttributeError):
        config.site_hints = False  # type: ignore[misc]


def test_public_names() -> None:
    for name in ("extract", "extract_page", "ExtractConfig", "Article", "Author", "Page"):
        assert hasattr(newsclean, name)
    assert issubclass(newsclean.NewscleanError, Exception)
    assert isinstance(extract(article_page()), Article)


@pytest.mark.parametrize("as_text", [False, True])
def test_input_past_the_size_limit_is_cut(monkeypatch: pytest.MonkeyPatch, as_text: bool) -> None:
    """Pages past MAX_INPUT_SIZE are read up to the limit (bytes or characters), not refused."""
    from newsclean import extractor

    prose = "".join(
        f"<p>가명시는 {i}번째 주민 설명회를 열고 새 버스 노선 계획을 자세히 설명했다.</p>"
        for i in range(12)
    )
    last = "<p>경계 너머에 놓인 이 문장은 읽히지 않아야 한다고 적었다.</p>"
    page = (
        '<html lang="ko"><head><title>가명시 버스 노선 개편</title></head><body>'
        f'<div itemprop="articleBody">{prose}{last}</div></body></html>'
    )
    data: str | bytes = page if as_text else page.encode()
    cut_at = page.index(last) if as_text else page.encode().index(last.encode())
    monkeypatch.setattr(extractor, "MAX_INPUT_SIZE", cut_at + 5)
    article = extract(data)
    assert article.status == "ok"
    assert "주민 설명회" in article.body
    assert "경계 너머" not in article.body
    monkeypatch.setattr(extractor, "MAX_INPUT_SIZE", len(data))
    assert "경계 너머" in extract(data).body


KO_PROSE = "가명시는 다음 달부터 시내버스 노선을 개편한다고 밝혔다. " * 4
EN_PROSE = "The city said on Monday that the bus routes would change next month. " * 4


@pytest.mark.parametrize(
    ("declared", "prose", "expected"),
    [
        ("ko", KO_PROSE, "ko"),
        ("ko-KR", EN_PROSE, "ko"),  # the declaration stands when the body is not Hangul
        ("ko_KR", EN_PROSE, "ko"),
        ("en", KO_PROSE, "ko"),  # a mostly Hangul body is Korean whatever the page says
        ("en-US", EN_PROSE, "en"),
        (None, KO_PROSE, "ko"),
        (None, EN_PROSE, None),
        ("", EN_PROSE, None),
    ],
)
def test_language_from_body_letters_and_declaration(
    declared: str | None, prose: str, expected: str | None
) -> None:
    lang = "" if declared is None else f' lang="{declared}"'
    page = (
        f"<html{lang}><head><title>T</title></head><body><article>"
        f"<h1>T</h1><p>{prose}</p><p>{prose}</p></article></body></html>"
    )
    assert newsclean.extract(page).lang == expected
