"""Every named heuristic of newsclean.extraction.patterns, table-driven (all strings invented).

Each regex / word list gets lines (or class names) it must match and real-looking article
sentences (or legitimate class names) it must not. Thresholds are checked through the
function that reads them, with text just under and just over the limit.
"""

from __future__ import annotations

import random
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean import document
from newsclean.extraction import body as body_mod
from newsclean.extraction import patterns as P
from newsclean.extraction.body import Line
from newsclean.extraction.index import build_index
from newsclean.extraction.lines import cut_at_end_marker, is_end_marker, is_noise

PROSE = "가명시는 올해 하반기부터 골목 상권 지원 사업을 넓힌다고 6일 밝혔다."


def _container(inner: str, selectors: tuple[str, ...] = ()) -> body_mod.Container | None:
    doc = document.parse(f"<html><body>{inner}</body></html>")
    body_mod.strip_code(doc.tree)
    index = build_index(doc.tree)
    return body_mod.find_container(doc.tree, index, selectors)


def _owner(found: body_mod.Container | None) -> str | None:
    """id or class of the chosen node or its nearest named ancestor (scoring may descend)."""
    node = found.node if found is not None else None
    while node is not None:
        attrs = node.attributes
        name = attrs.get("id") or attrs.get("class")
        if name:
            return name
        node = node.parent
    return None


def _pruned_text(inner: str) -> str:
    """Text of #c after prune_container (the chosen-container widget pass)."""
    tree = LexborHTMLParser(f"<html><body><div id='c'>{inner}</div></body></html>")
    node = tree.css_first("#c")
    assert node is not None
    body_mod.prune_container(node)
    return node.text(separator=" ")


# --- tag sets -----------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["script", "style", "noscript", "template", "svg", "iframe"])
def test_code_tags_hold_code_and_media(tag: str) -> None:
    assert tag in P.CODE_TAGS


def test_code_tags_stripped_with_their_text() -> None:
    tree = LexborHTMLParser(
        "<body><p>본문이다.</p><script>var x = '스크립트';</script>"
        "<style>.a{}</style><noscript>자바스크립트를 켜세요</noscript></body>"
    )
    body_mod.strip_code(tree)
    assert tree.body is not None
    assert tree.body.text(strip=True) == "본문이다."


@pytest.mark.parametrize("tag", ["nav", "aside", "footer", "button", "figcaption", "select"])
def test_chrome_tags_are_page_chrome(tag: str) -> None:
    assert tag in P.CHROME_TAGS


@pytest.mark.parametrize("tag", ["p", "div", "article", "section", "main", "header", "span"])
def test_chrome_tags_never_hold_the_article(tag: str) -> None:
    assert tag not in P.CHROME_TAGS


@pytest.mark.parametrize("tag", ["a", "b", "strong", "em", "span", "font", "time", "sup"])
def test_inline_tags(tag: str) -> None:
    assert tag in P.INLINE_TAGS


@pytest.mark.parametrize("tag", ["p", "div", "br", "li", "tr", "h2", "blockquote", "section"])
def test_block_tags(tag: str) -> None:
    assert tag in P.BLOCK_TAGS


def test_inline_and_block_tags_do_not_overlap() -> None:
    assert not P.INLINE_TAGS & set(P.BLOCK_TAGS)


def test_code_and_chrome_tags_do_not_overlap() -> None:
    assert not set(P.CODE_TAGS) & set(P.CHROME_TAGS)


# --- class / id name parts ------------------------------------------------------------------------

TRAP_POSITIVE = [
    "comment",
    "comment-list",
    "cmt_area",
    "reply2",
    "sidebar",
    "has-sidebar",
    "relatedNews",
    "articleRelated",
    "news_related",
    "recommend-box",
    "popular_news",
    "breadcrumb",
    "gnb",
    "lnb_wrap",
    "sub-menu",
    "footer",
    "newsletter-signup",
    "weather",
    "outbrain_widget",
    "taboola-below",
]
TRAP_NEGATIVE = [
    "article_view",
    "commentary",  # an opinion column, not a comment box
    "menuitem",
    "canvas",
    "canvas_wrap",
    "population",
    "relationship",
    "main-content",
    "storyline",
    "",
]


@pytest.mark.parametrize("names", TRAP_POSITIVE)
def test_trap_name_re_matches(names: str) -> None:
    assert P.TRAP_NAME_RE.search(names), names


@pytest.mark.parametrize("names", TRAP_NEGATIVE)
def test_trap_name_re_rejects(names: str) -> None:
    assert not P.TRAP_NAME_RE.search(names), names


JUNK_POSITIVE = [
    "ad",
    "ad-banner",
    "ad_300x250",
    "ads2",
    "google-adsense",
    "topAd",
    "banner",
    "share-box",
    "sns_area",
    "social",
    "copyright",
    "byline",
    "reporter-info",
    "photo_caption",
    "img_desc",
    "vod_player",
    "btn-print",
    "fontsize",
    "tts",
    "tag-list",
    "hashtag",
    "kakao",
    "view_sub_menu",  # trap words count as junk too
    "comment",
    "promo-box",
    "art_sponsor",
    "pagination",
]
JUNK_NEGATIVE = [
    "adopseo",
    "shadow",
    "article_view",
    "address",
    "badge",
    "iPad",
    "header",
    "headline",
    "download",
    "gradient",
    "description",
    "photography",
    "tagline",
    "hotel",
    "mostly",
    "thread",
    "article-body",
    "news_content",
    "",
]


@pytest.mark.parametrize("names", JUNK_POSITIVE)
def test_junk_name_re_matches(names: str) -> None:
    assert P.JUNK_NAME_RE.search(names), names


@pytest.mark.parametrize("names", JUNK_NEGATIVE)
def test_junk_name_re_rejects(names: str) -> None:
    assert not P.JUNK_NAME_RE.search(names), names


def test_junk_parts_include_every_trap_part() -> None:
    assert P.TRAP_NAME_PARTS <= P.JUNK_NAME_PARTS


def test_name_parts_are_lower_case_words() -> None:
    for words in (P.TRAP_NAME_PARTS, P.JUNK_NAME_PARTS, P.CONTENT_NAME_PARTS):
        assert all(w == w.lower() and " " not in w for w in words)


CONTENT_POSITIVE = [
    "article",
    "article_body",
    "articleBody",
    "newsct_article",
    "news-content",
    "cont_view",
    "story",
    "entry-content",
    "post",
    "main",
    "dic_area",
    "detail-body font-size",
    "viewcon",
]
CONTENT_NEGATIVE = ["contact", "textarea", "bodyguard", "postscript", "domain", "remain", "header"]


@pytest.mark.parametrize("names", CONTENT_POSITIVE)
def test_content_name_re_matches(names: str) -> None:
    assert P.CONTENT_NAME_RE.search(names), names


@pytest.mark.parametrize("names", CONTENT_NEGATIVE)
def test_content_name_re_rejects(names: str) -> None:
    assert not P.CONTENT_NAME_RE.search(names), names


def _alternation_name_re(words: frozenset[str]) -> re.Pattern[str]:
    """The plain (?i) alternation that _name_part_re's trie must match exactly like."""
    alternation = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(
        r"(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))(?i:" + alternation + r")\d*(?![a-z0-9])"
    )


def _name_samples(words: frozenset[str]) -> list[str]:
    """Class/id strings around the words: prefixes, suffixes, cases, humps, digits, joints."""
    rng = random.Random(7)
    pool = [*sorted(words), "x", "Ab", "9", "content", "\u212a", "\u017f", "\u0130", "\u0131"]
    joints = ["", " ", "-", "_", "1", "a", "A", "\u212a", "\u017f"]
    samples = []
    for _ in range(4000):
        parts = []
        for _ in range(rng.randint(1, 4)):
            word = rng.choice(pool)
            case = rng.random()
            if case < 0.2:
                word = word.upper()
            elif case < 0.4:
                word = word.capitalize()
            elif case < 0.5:
                word = word[: rng.randint(0, len(word))]
            parts.append(word + rng.choice(joints))
        samples.append("".join(parts))
    return samples


@pytest.mark.parametrize("words", [P.TRAP_NAME_PARTS, P.JUNK_NAME_PARTS, P.CONTENT_NAME_PARTS])
def test_name_part_trie_matches_like_the_alternation(words: frozenset[str]) -> None:
    fast, plain = P._name_part_re(words), _alternation_name_re(words)
    samples = _name_samples(words)
    assert sum(plain.search(s) is not None for s in samples) > 1000  # both outcomes occur
    for names in samples:
        assert (fast.search(names) is None) == (plain.search(names) is None), names


def test_name_part_case_classes_accept_what_ignorecase_does() -> None:
    every_char = "".join(map(chr, range(0x110000)))
    for letter in sorted({c for w in P.JUNK_NAME_PARTS | P.CONTENT_NAME_PARTS for c in w}):
        if letter.isalpha():
            expected = set(re.findall("(?i)" + letter, every_char))
            assert set(P._case_class(letter)[1:-1]) == expected, letter


# --- widget and trap thresholds -----------------------------------------------------------------


def test_content_veto_chars_keeps_a_content_named_wrapper() -> None:
    prose = PROSE * 6
    assert P.CONTENT_VETO_CHARS <= len(prose) <= P.JUNK_MAX_TEXT_CHARS
    kept = _pruned_text(f"<div class='detail-body fontsize'>{prose}</div>")
    assert prose[:30] in kept


def test_content_veto_chars_short_content_named_widget_goes() -> None:
    short = "글자 크기 조절 도구 본문 보기"
    assert len(short) < P.CONTENT_VETO_CHARS
    assert short not in _pruned_text(f"<p>{PROSE}</p><div class='body-tools'>{short}</div>")


def test_junk_max_text_chars_keeps_a_long_prose_wrapper() -> None:
    prose = PROSE * 45
    assert len(prose) > P.JUNK_MAX_TEXT_CHARS
    kept = _pruned_text(f"<div class='share-wrap'><p>{prose}</p><span>공유</span></div>")
    assert PROSE in kept


def test_junk_max_text_chars_removes_a_short_widget() -> None:
    assert "페이스북" not in _pruned_text(f"<p>{PROSE}</p><div class='share'>페이스북 트위터</div>")


def test_junk_link_density_removes_a_long_link_list() -> None:
    items = "".join(
        f"<li><a href='/n/{i}'>{PROSE} 관련 소식 {i}</a></li>"
        for i in range(P.JUNK_MAX_TEXT_CHARS // len(PROSE) + 2)
    )
    text = _pruned_text(f"<p>본문 첫 문단이다.</p><ul class='news-tag-list'>{items}</ul>")
    assert "관련 소식" not in text
    assert "본문 첫 문단이다." in text


def test_max_widget_checks_bounds_the_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(P, "MAX_WIDGET_CHECKS", 2)
    text = _pruned_text("".join(f"<div class='ad'>광고{i}</div>" for i in range(4)))
    assert "광고0" not in text and "광고1" not in text
    assert "광고2" in text and "광고3" in text


def test_trap_keep_list_holds_headline_and_schema_body() -> None:
    tree = LexborHTMLParser(
        "<body><h1>제목</h1><div itemprop='articleBody'>본문</div><h2>소제목</h2></body>"
    )
    assert [n.tag for n in build_index(tree).keep] == ["h1", "div"]


def test_trap_keep_selector_spares_a_trap_named_wrapper_with_the_headline() -> None:
    found = _container(
        "<div class='related-wrap'><h1>가명시 자전거 무료화</h1>"
        f"<div class='txt'><p>{PROSE}</p><p>{PROSE}</p></div></div>"
        "<div class='links'><a href='/a'>다른 기사</a></div>"
    )
    assert found is not None
    assert PROSE in found.node.text()


def test_trap_max_page_share_keeps_a_page_wide_sidebar_wrapper() -> None:
    prose = "".join(f"<p>{PROSE} 문단 {i}.</p>" for i in range(6))
    found = _container(
        f"<div class='layout with-sidebar'><div class='txt'>{prose}</div>"
        "<div class='side'>많이 본 뉴스</div></div>"
    )
    assert found is not None
    assert "문단 5" in found.node.text()


def test_trap_max_page_share_removes_a_minor_comment_block() -> None:
    comments = "".join(f"<p>댓글 의견 {i}, 정말 좋은 정책이네요. 응원합니다.</p>" for i in range(3))
    prose = "".join(f"<p>{PROSE} 문단 {i}.</p>" for i in range(8))
    found = _container(f"<div class='story'>{prose}</div><div class='comments'>{comments}</div>")
    assert found is not None
    assert "댓글 의견" not in found.node.text()
    assert 0 < P.TRAP_MAX_PAGE_SHARE < 1


HIDDEN_STYLE_POSITIVE = [
    "display:none",
    "display: none;",
    "DISPLAY : NONE",
    "color:red; display:none",
    "visibility:hidden",
    "visibility : hidden",
]
HIDDEN_STYLE_NEGATIVE = [
    "display:block",
    "display: flex",
    "visibility: visible",
    "overflow:hidden",
    "text-overflow: ellipsis; overflow: hidden",
    "",
]


@pytest.mark.parametrize("style", HIDDEN_STYLE_POSITIVE)
def test_hidden_style_re_matches(style: str) -> None:
    assert P.HIDDEN_STYLE_RE.search(style)


@pytest.mark.parametrize("style", HIDDEN_STYLE_NEGATIVE)
def test_hidden_style_re_rejects(style: str) -> None:
    assert not P.HIDDEN_STYLE_RE.search(style)


HIDDEN_NAME_POSITIVE = ["hide", "hidden", "copy hidden", "blind", "sr-only", "screen_out", "d-none"]
HIDDEN_NAME_NEGATIVE = [
    "hidden-xs",
    "hide-on-print",
    "unhide",
    "blinder",
    "sr-onlyx",
    "shidden",
    "",
]


@pytest.mark.parametrize("names", HIDDEN_NAME_POSITIVE)
def test_hidden_name_re_matches(names: str) -> None:
    assert P.HIDDEN_NAME_RE.search(names)


@pytest.mark.parametrize("names", HIDDEN_NAME_NEGATIVE)
def test_hidden_name_re_rejects(names: str) -> None:
    assert not P.HIDDEN_NAME_RE.search(names)


# --- paragraph scoring ---------------------------------------------------------------------------


def test_min_block_chars_short_lines_are_not_prose() -> None:
    short = "가, 나, 다, 라, 마."
    assert len(short) < P.MIN_BLOCK_CHARS
    menu = "".join(f"<p>{short}</p>" for i in range(12))
    found = _container(f"<div id='menu-ish'>{menu}</div><div id='real'><p>{PROSE}</p></div>")
    assert _owner(found) == "real"


def test_max_block_link_density_linked_blocks_are_navigation() -> None:
    linked = "".join(
        f"<p><a href='/{i}'>가명시, 골목 상권, 지원 사업, 넓힌다, 밝혔다. 소식 {i}</a></p>"
        for i in range(8)
    )
    found = _container(f"<div id='links'>{linked}</div><div id='real'><p>{PROSE}</p></div>")
    assert _owner(found) == "real"


def test_max_length_points_one_huge_block_cannot_win_alone() -> None:
    words = "가명시 골목 상권 지원 사업 확대 계획 발표 "
    huge = words * (P.CHARS_PER_POINT * 20 // len(words))
    medium = words * (P.CHARS_PER_POINT // len(words) + 1)
    found = _container(
        f"<div id='huge'><p>{huge}</p></div>"
        f"<div id='several'><p>{medium}</p><p>{medium}</p><p>{medium}</p></div>"
    )
    assert _owner(found) == "several"


def test_chars_per_point_longer_block_outscores_shorter_one() -> None:
    words = "가명시 골목 상권 지원 사업 확대 계획 발표 "
    short = words * 4  # about one point of length
    long = words * 10  # about two and a half
    assert len(short) >= P.MIN_BLOCK_CHARS and len(long) < P.CHARS_PER_POINT * P.MAX_LENGTH_POINTS
    found = _container(f"<div id='short'><p>{short}</p></div><div id='long'><p>{long}</p></div>")
    assert _owner(found) == "long"


def test_name_weight_content_name_breaks_a_tie() -> None:
    three = f"<p>{PROSE}</p>" * 3
    found = _container(f"<div id='plain'>{three}</div><div class='article-body'>{three}</div>")
    assert _owner(found) == "article-body"


def test_name_weight_junk_name_loses_a_tie() -> None:
    three = f"<p>{PROSE}</p>" * 3
    found = _container(f"<div class='promo-box'>{three}</div><div id='plain'>{three}</div>")
    assert _owner(found) == "plain"


def test_trusted_schema_chars_long_schema_body_wins_without_scoring() -> None:
    schema = PROSE * 14
    assert len(schema) >= P.TRUSTED_SCHEMA_CHARS
    other = "".join(f"<p>{PROSE}, 그리고 더.</p>" for _ in range(20))
    found = _container(f"<div itemprop='articleBody'>{schema}</div><div id='other'>{other}</div>")
    assert found is not None and found.method == "schema"


def test_trusted_schema_chars_short_schema_body_is_scored_against_the_page() -> None:
    schema = PROSE * 3
    assert P.MIN_CONTAINER_CHARS <= len(schema) < P.TRUSTED_SCHEMA_CHARS
    other = "".join(f"<p>{PROSE} 문단 {i}, 그리고 더.</p>" for i in range(12))
    found = _container(f"<div itemprop='articleBody'>{schema}</div><div id='other'>{other}</div>")
    assert found is not None and found.method == "scored"
    assert found.node.attributes.get("id") == "other"


def test_min_container_chars_a_short_selector_match_is_a_fragment() -> None:
    frag = "가명시 소식 요약."
    assert len(frag) < P.MIN_CONTAINER_CHARS
    found = _container(f"<div id='b'>{frag}</div><div id='x'><p>{PROSE}</p></div>", ("#b",))
    assert found is not None and found.method != "site"


def test_min_container_chars_a_long_selector_match_is_the_body() -> None:
    text = PROSE * 3
    assert len(text) >= P.MIN_CONTAINER_CHARS
    found = _container(f"<div id='b'>{text}</div>", ("#b",))
    assert found is not None and found.method == "site"


# --- line filters ---------------------------------------------------------------------------------

COPYRIGHT_POSITIVE = [
    "저작권자 ⓒ 가명일보 무단전재 및 재배포 금지",
    "<저작권자(c) 가명뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>",
    "Copyright ⓒ 가명방송. All rights reserved.",
    "Copyrights © Example Media",
    "(c) 2026 Example Media",
    "무단 복제 금지",
    "ⓒ 가명경제",
    "© example.co.kr",
    "ⓒ가명일보",
    "재배포 금지",
    "AI 학습 이용 금지",
    "All Rights Reserved",
]
COPYRIGHT_NEGATIVE = [
    PROSE,
    "저작권 분쟁이 올해 들어 두 배로 늘었다.",
    "재배포가 허용된 공공 자료를 활용했다.",
    "무단횡단 사고가 잇따르고 있다.",
    "복제 인간을 다룬 영화가 개봉했다.",
    "카피라이터 홍길동 씨가 상을 받았다.",
    "Copy the link below to share.",
    "©",
]


@pytest.mark.parametrize("text", COPYRIGHT_POSITIVE)
def test_copyright_re_matches(text: str) -> None:
    assert P.COPYRIGHT_RE.search(text)


@pytest.mark.parametrize("text", COPYRIGHT_NEGATIVE)
def test_copyright_re_rejects(text: str) -> None:
    assert not P.COPYRIGHT_RE.search(text)


def test_max_copyright_line_chars_long_news_about_copyright_is_prose() -> None:
    news = (
        "문화체육관광부는 온라인에서 뉴스 기사를 무단 전재하는 사례가 늘자 저작권법 위반에 대한 "
        "처벌을 강화하는 개정안을 마련했다고 6일 밝혔다. 개정안은 언론사 기사를 출처 없이 옮겨 "
        "싣거나 재배포하는 행위에 과태료를 물리고, 반복되면 형사 고발까지 할 수 있도록 했다. "
        "업계는 제도 취지에 공감하면서도 인용 범위가 모호하다며 세부 기준을 요구했다."
    )
    assert P.COPYRIGHT_RE.search(news)
    assert len(news) > P.MAX_COPYRIGHT_LINE_CHARS
    assert not is_end_marker(news)
    assert not is_noise(Line(news, 0.0))


def test_max_copyright_line_chars_short_line_is_the_end_marker() -> None:
    assert is_end_marker("<저작권자 ⓒ 가명일보, 무단 전재 및 재배포 금지>")


CREDIT_POSITIVE = ["© Getty Images", "사진 ⓒ 홍길동", "ⓒ연합뉴스", "Photo © Jane Doe/Example"]
CREDIT_NEGATIVE = [
    "가" * 45 + " © " + "나" * 45,  # a long sentence with a sign in the middle
    "사진 없음",
]


@pytest.mark.parametrize("text", CREDIT_POSITIVE)
def test_credit_sign_re_matches(text: str) -> None:
    assert P.CREDIT_SIGN_RE.match(text)


@pytest.mark.parametrize("text", CREDIT_NEGATIVE)
def test_credit_sign_re_rejects(text: str) -> None:
    assert not P.CREDIT_SIGN_RE.match(text)


RELATED_POSITIVE = [
    "관련기사",
    "관련 기사",
    "[관련 기사]",
    "▶ 관련뉴스",
    "【관련기사】",
    "<관련 뉴스>",
    "연관기사",
    "이 기자의 다른 기사",
    "기자의 다른기사 보기",
    "많이 본 뉴스",
    "인기기사",
    "추천 기사",
    "주요뉴스",
    "가장 많이 읽은 기사",
    "댓글 많은 기사",
    "실시간 최신 뉴스",
    "Related articles",
    "Related Stories",
]
RELATED_NEGATIVE = [
    "관련 기사에 따르면 정부는 지난달 새 제도를 도입했고 이에 따라 업계의 반발이 크게 커지고 있다.",
    "정부는 관련 기사를 삭제했다.",
    "관련 업계에 따르면 가격 인상이 이어진다.",
    "인기 가수 홍길동이 새 앨범을 냈다.",
    "주요 국가들의 금리 결정이 잇따른다.",
    "인기 뉴스 순위 조작 의혹이 제기됐다.",  # a short sentence, not a list header
]


@pytest.mark.parametrize("text", RELATED_POSITIVE)
def test_related_header_re_matches(text: str) -> None:
    assert P.RELATED_HEADER_RE.match(text)


@pytest.mark.parametrize("text", RELATED_NEGATIVE)
def test_related_header_re_rejects(text: str) -> None:
    assert not P.RELATED_HEADER_RE.match(text)


PROMO_POSITIVE = [
    "가명뉴스 9 전체보기",
    "포토 전체 보기 >",
    "▶ 가명일보 구독하기",
    "☞ 네이버에서 가명일보를 구독하세요",
    "▷ 가명뉴스 바로가기",
    "카카오톡 okjebo",
    "제보는 카카오톡 가명뉴스",
    "기사제보 및 보도자료 press@example.co.kr",
    "당신의 제보가 뉴스가 됩니다",
    "원고료로 응원하기",
    "기사 후원하기",
    "무료 구독",
    "뉴스레터 신청",
    "[사진 영상 제보받습니다]",
    "여러분의 제보를 기다립니다",
    "이 기사 어땠나요?",
    "후속 기사 원해요",
    "의견을 남겨주세요",
    "첫 댓글을 남겨보세요",
    "댓글 쓰기",
    "AI 요약",
    "이 요약은 AI가 작성했습니다",
    "Sign up for our newsletter",
    "Subscribe now",
]
PROMO_NEGATIVE = [
    "◇ 쟁점은 공급 속도",
    "■ 향후 일정",
    "◆ 전문가 진단",
    "◀ 앵커 ▶",
    PROSE,
    "구독자 수가 지난해보다 30% 늘었다.",
    "가명은행은 요약 재무제표를 공개했다.",
    "포털은 다음 달부터 댓글 작성 시 실명을 표시한다.",  # news about comment policy
    "가명신문은 다음 달부터 전자판 무료 구독 행사를 연다.",
    "예산안 전체를 보기는 어렵다.",
]


def _is_promo(text: str) -> bool:
    return bool(P.PROMO_RE.search(text) or P.PROMO_LABEL_RE.match(text))


@pytest.mark.parametrize("text", PROMO_POSITIVE)
def test_promo_re_matches(text: str) -> None:
    assert _is_promo(text)


@pytest.mark.parametrize("text", PROMO_NEGATIVE)
def test_promo_re_rejects(text: str) -> None:
    assert not _is_promo(text)


@pytest.mark.parametrize(
    "text", ["무료 구독", "댓글 쓰기", "기사 후원하기", "뉴스레터 신청", "■ 제보하기", "기자 정보"]
)
def test_promo_label_re_only_matches_whole_label_lines(text: str) -> None:
    assert P.PROMO_LABEL_RE.match(text)
    assert not P.PROMO_LABEL_RE.match(f"가명신문은 다음 달부터 {text} 행사를 연다.")


TOOL_POSITIVE = [
    "공유하기",
    "글자크기",
    "글자 크기",
    "인쇄",
    "가 가 가 가",
    "가가",
    "페이스북 트위터 카카오톡 URL복사",
    "스크랩 | 인쇄 | 공유",
    "기사 스크랩하기",
    "좋아요 12",
    "댓글 3",
    "조회수 1,234",
    "추천 5 반대 1",
    "카카오스토리 네이버블로그 밴드",
    "작게 크게",
    "닫기",
    "카카오톡(으)로 기사보내기",
    "자동재생",
]
TOOL_NEGATIVE = [
    "네이버 라인 합병 추진",
    "페이스북이 새 기능을 공개했다.",
    "가격이 크게 올랐다.",
    "카카오톡 먹통 사태",
    "번역 출판 지원 사업",
    "밴드 공연이 열렸다",
    "자동 재생 기능을 껐다.",
    "",
]


@pytest.mark.parametrize("text", TOOL_POSITIVE)
def test_tool_words_re_matches(text: str) -> None:
    assert P.TOOL_WORDS_RE.match(text)


@pytest.mark.parametrize("text", TOOL_NEGATIVE)
def test_tool_words_re_rejects(text: str) -> None:
    assert not P.TOOL_WORDS_RE.match(text)


CAPTION_POSITIVE = [
    "▲ 홍길동 가명시장이 6일 시청에서 브리핑하고 있다.",
    "[사진=가명시 제공]",
    "(사진=연합뉴스)",
    "사진=가명구",
    "사진 출처: 가명시",
    "사진제공: 가명구청",
    "<사진>",
    "[그래픽=홍길동 기자]",
    "이미지 확대",
    "원본보기",
    "사진 확대",
    "Video Player",
    "사진=연합뉴스",
    "(영상 : 가명방송 유튜브 갈무리)",
    "동영상영역 시작",
    "동영상 영역 끝",
]
AGENCY_CREDIT_POSITIVE = ["홍길동/뉴시스", "사진=연합뉴스", "홍길동 = AFP", "가명시청/afp연합"]
CREDIT_LINE_POSITIVE = [
    "가명시청 앞 광장에 설치된 자전거 대여소 / 가명시 제공",
    "가명소방재난본부 제공",
    "가명역 전경 [가명철도 제공]",
    "가명시청 앞 광장 (가명시 제공)",
]
CAPTION_NEGATIVE = [
    "사진을 찍는 시민들이 크게 늘었다.",
    "자료에 따르면 이용자가 늘었다.",
    "출처가 불분명한 글이 퍼졌다.",
    "서울/경기 지역에 비가 내린다.",
    "가명시는 주민에게 무료 검진을 제공한다고 밝혔다.",
    "정부, 저소득층에 난방비 추가 제공",  # a subheading: several words before 제공
    "가명시는 버스 정보를 실시간으로 제공(가명시 제공).",  # a sentence with a credit
    "동영상 편집 강좌가 인기다.",
    PROSE,
]


@pytest.mark.parametrize("text", CAPTION_POSITIVE)
def test_caption_re_matches(text: str) -> None:
    assert P.CAPTION_RE.search(text)


@pytest.mark.parametrize("text", AGENCY_CREDIT_POSITIVE)
def test_agency_credit_re_matches(text: str) -> None:
    assert P.AGENCY_CREDIT_RE.search(text)


@pytest.mark.parametrize("text", CREDIT_LINE_POSITIVE)
def test_credit_line_re_matches(text: str) -> None:
    assert P.CREDIT_LINE_RE.search(text)


@pytest.mark.parametrize("text", CAPTION_NEGATIVE)
def test_caption_and_credit_res_reject(text: str) -> None:
    assert not P.CAPTION_RE.search(text)
    assert not P.AGENCY_CREDIT_RE.search(text)
    assert not P.CREDIT_LINE_RE.search(text)


CHROME_POSITIVE = [
    "로그인",
    "회원가입",
    "로그아웃",
    "HOME > 사회 > 사건사고",
    "홈 > 경제",
    "UPDATED. 2026-01-06 15:00 (화)",
    "최종편집 : 2026-01-06 15:00",
    "현재위치",
    "광고문의",
    "ADVERTISEMENT",
    "AD",
    "광고",
    "[광고] 가명마트 할인 행사",
    "제호: 가명일보",
    "발행인 : 홍길동",
    "청소년보호책임자: 김가명",
    "사업자등록번호 : 123-45-67890",
    "Please activate JavaScript",
    "해당 섹션에 뉴스가 없습니다",
]
CHROME_NEGATIVE = [
    PROSE,
    "처음으로 여성 소방서장이 임명됐다.",
    "로그인 기록이 외부로 유출된 정황이 드러났다.",
    "현재 위치를 공개하지 않았다고 경찰은 밝혔다.",
    "광고 시장이 얼어붙었다.",
    "발행인 홍길동 씨는 이날 취임했다.",
    "전체 기사 중 30%가 AI로 작성됐다.",
]


def _is_chrome(text: str) -> bool:
    return bool(P.CHROME_RE.search(text) or P.CHROME_LABELS_RE.match(text))


@pytest.mark.parametrize("text", CHROME_POSITIVE)
def test_chrome_re_matches(text: str) -> None:
    assert _is_chrome(text)


@pytest.mark.parametrize("text", CHROME_NEGATIVE)
def test_chrome_re_rejects(text: str) -> None:
    assert not _is_chrome(text)


@pytest.mark.parametrize("text", ["로그인 | 회원가입", "전체기사 기사제보 광고문의", "HOME"])
def test_chrome_labels_re_matches_label_rows(text: str) -> None:
    assert P.CHROME_LABELS_RE.match(text)


WEATHER_POSITIVE = [
    "맑음 서울 23.5°C",
    "흐림 -3°",
    "구름많음 부산 12°C",
    "비 9°C",
    "황사 대구 15.2°",
]
WEATHER_NEGATIVE = [
    "비 오는 날 기온은 23도까지 오른다.",
    "맑음",
    "맑은 날씨가 이어져 낮 기온이 25°C까지 올랐다.",
    "눈 덮인 설악산은 영하 5°C를 기록했다.",
]


@pytest.mark.parametrize("text", WEATHER_POSITIVE)
def test_weather_re_matches(text: str) -> None:
    assert P.WEATHER_RE.match(text)


@pytest.mark.parametrize("text", WEATHER_NEGATIVE)
def test_weather_re_rejects(text: str) -> None:
    assert not P.WEATHER_RE.match(text)


LISTING_POSITIVE = ["가명시, 자전거 무료화 (2026-01-06 15:08)", "다음 기사 (2026-01-06 15:08:30)"]
LISTING_NEGATIVE = [
    "가명시 자전거 무료화 (2026-01-06)",
    "2026-01-06 15:08 입력",
    "행사는 (2026-01-06 15:08) 시작해 밤까지 이어졌다.",
]


@pytest.mark.parametrize("text", LISTING_POSITIVE)
def test_listing_line_re_matches(text: str) -> None:
    assert P.LISTING_LINE_RE.search(text)


@pytest.mark.parametrize("text", LISTING_NEGATIVE)
def test_listing_line_re_rejects(text: str) -> None:
    assert not P.LISTING_LINE_RE.search(text)


TEASER_POSITIVE = [
    "[단독] 가명시 공무원 비리 의혹...",
    "[속보] 국회 본회의 개의…",
    "[포토]시장 방문…",
]
TEASER_NEGATIVE = [
    "[단독] 가명시 공무원 비리 의혹이 불거졌다.",
    "말끝을 흐렸다…",
    "[단독] " + "가" * 40 + "…",
]


@pytest.mark.parametrize("text", TEASER_POSITIVE)
def test_teaser_re_matches(text: str) -> None:
    assert P.TEASER_RE.match(text)


@pytest.mark.parametrize("text", TEASER_NEGATIVE)
def test_teaser_re_rejects(text: str) -> None:
    assert not P.TEASER_RE.match(text)


HASHTAG_POSITIVE = ["#경제 #부동산", "#가명시", "#AI #반도체 #수출"]
HASHTAG_NEGATIVE = ["#1 인기 상품이 됐다", "1위 #경제", "가명시 #경제"]


@pytest.mark.parametrize("text", HASHTAG_POSITIVE)
def test_hashtag_line_re_matches(text: str) -> None:
    assert P.HASHTAG_LINE_RE.match(text)


@pytest.mark.parametrize("text", HASHTAG_NEGATIVE)
def test_hashtag_line_re_rejects(text: str) -> None:
    assert not P.HASHTAG_LINE_RE.match(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("이같이 밝혔다. (끝)", "이같이 밝혔다."),
        ("이같이 밝혔다.(끝)", "이같이 밝혔다."),
        ("(끝)", ""),
        ("이같이 밝혔다. （끝）", "이같이 밝혔다."),
        ("끝까지 싸우겠다고 말했다.", "끝까지 싸우겠다고 말했다."),
        ("(끝)을 알리는 종이 울렸다.", "(끝)을 알리는 종이 울렸다."),
    ],
)
def test_end_mark_re(text: str, expected: str) -> None:
    assert P.END_MARK_RE.sub("", text) == expected


EMAIL_POSITIVE = [
    "hong@example.co.kr",
    "(hong@example.co.kr)",
    "<kim.ga@news.kr>",
    "[ hong@x.com ]",
    "first.last+tag@mail.example.com",
]
EMAIL_NEGATIVE = [
    "홍길동 기자 hong@example.co.kr",
    "문의: hong@example.co.kr",
    "hong@localhost",
    "메일 주소는 a@b.com 입니다",
    "@가명일보",
]


@pytest.mark.parametrize("text", EMAIL_POSITIVE)
def test_email_line_re_matches(text: str) -> None:
    assert P.EMAIL_LINE_RE.match(text)


@pytest.mark.parametrize("text", EMAIL_NEGATIVE)
def test_email_line_re_rejects(text: str) -> None:
    assert not P.EMAIL_LINE_RE.match(text)


SENTENCE_POSITIVE = [
    "밝혔다.",
    "했습니다.",
    "그렇죠?",
    "무엇일까?",
    "왜일까요?",
    "“좋다.”",
    '"오겠다"',
    "보인다」",
    "간다!",
    "입니다",
]
SENTENCE_NEGATIVE = [
    "관련기사",
    "홍길동 기자",
    "2026.01.06 15:08",
    "Hello world.",
    "글자 크기",
    "다.!",  # one punctuation mark at most
    "다 ",  # a sentence ends the line
    "",
]


@pytest.mark.parametrize("text", SENTENCE_POSITIVE)
def test_ends_sentence_matches(text: str) -> None:
    assert P.ends_sentence(text)


@pytest.mark.parametrize("text", SENTENCE_NEGATIVE)
def test_ends_sentence_rejects(text: str) -> None:
    assert not P.ends_sentence(text)


def test_min_cut_position_a_leading_credit_does_not_erase_the_article() -> None:
    lines = [Line("ⓒ 가명일보 무단전재 금지", 0.0), Line(PROSE, 0.0), Line(PROSE + " 둘", 0.0)]
    assert P.MIN_CUT_POSITION >= 1
    assert cut_at_end_marker(lines) == lines


def test_min_cut_position_copyright_after_prose_cuts() -> None:
    lines = [Line(PROSE, 0.0), Line("ⓒ 가명일보 무단전재 금지", 0.0), Line("다음 기사 목록", 0.0)]
    assert cut_at_end_marker(lines) == lines[:1]


# --- combined line checks (AnyOf) ----------------------------------------------------------------
# That each check decides what its named regexes decide, on thousands of lines, is in
# tests/unit/test_lines_fast.py; these are the pieces that build them.

ANY_OF_CHECKS = [P.COPYRIGHT_LINE, P.RELATED_HEADER_LINE, P.SHORT_LINE_NOISE, P.LABEL_LINE_NOISE]


@pytest.mark.parametrize(
    ("pattern", "alternatives"),
    [
        ("a|b", ["a", "b"]),
        ("(?:a|b)c|d", ["(?:a|b)c", "d"]),
        (r"[|]x|\|y|[]|]z|[^]|]w", ["[|]x", r"\|y", "[]|]z", "[^]|]w"]),
        (r"a(?:b(?:c|d)|e)|f", [r"a(?:b(?:c|d)|e)", "f"]),
        ("", [""]),
    ],
)
def test_alternatives_splits_at_top_level_bars_only(pattern: str, alternatives: list[str]) -> None:
    assert P._alternatives(pattern) == alternatives


@pytest.mark.parametrize("regex", [v for v in vars(P).values() if isinstance(v, P.LineRegex)])
def test_alternatives_of_every_line_regex_rejoin_to_it(regex: P.LineRegex) -> None:
    parts = P._alternatives(regex.pattern)
    assert "|".join(parts) == regex.pattern
    assert all(re.compile(part, regex.flags) for part in parts)  # each a regex of its own


@pytest.mark.parametrize(
    ("alternative", "flags", "led"),
    [
        ("구독\\s*하기", re.I, ["구(?i:독\\s*하기)"]),
        ("구독", 0, ["구(?:독)"]),
        ("AI가", re.I, ["A(?i:I가)", "a(?i:I가)"]),
        ("AI가", 0, ["A(?:I가)"]),
        ("[ⓒ©]x", re.I, ["Ⓒ(?i:x)", "ⓒ(?i:x)", "©(?i:x)"]),
        ("(?:의견|댓글)을", 0, ["의(?:견을)", "댓(?:글을)"]),
        ("\\(c\\)", re.I, ["\\((?i:c\\))"]),
        ("\\s/x", 0, ["/(?<=\\s/)(?:x)"]),
        ("\\s\\(x", 0, ["\\((?<=\\s\\()(?:x)"]),
        ("가", 0, ["가"]),
    ],
)
def test_literal_led_rewrites(alternative: str, flags: int, led: list[str]) -> None:
    assert P._literal_led(alternative, flags) == led


@pytest.mark.parametrize(
    "alternative", ["\\d+", ".x", "a*b", "a?b", "\\s*x", "(?:a|b)*c", "[^a]b", "[a-z]b", "^a"]
)
def test_literal_led_refuses_what_it_cannot_rewrite(alternative: str) -> None:
    with pytest.raises(ValueError, match="cannot start with a literal"):
        P._literal_led(alternative, re.I)


def test_by_first_character_joins_alternatives_under_their_first_character() -> None:
    joined = P._by_first_character(["무(?:단)", "a", "\\((?:c)", "무(?:료)", "\\((?:d)"])
    assert joined == "무(?:(?:단)|(?:료))|a|\\((?:(?:c)|(?:d))"
    assert [bool(re.search(joined, t)) for t in ["무료", "무", "(d", "(", "xa"]] == [1, 0, 1, 0, 1]


def test_line_regex_compiles_on_first_use_then_calls_the_pattern_itself() -> None:
    regex = P.LineRegex(r"무단\s*전재", re.I)
    assert not regex.compiled
    assert regex.sub("-", "무단 전재 금지") == "- 금지"  # any method of re.Pattern
    assert regex.compiled
    assert regex.search == re.compile(r"무단\s*전재", re.I).search  # the pattern's own now
    assert regex.match("무단전재") and not regex.match("x 무단전재")
    fresh = P.LineRegex("a")
    assert fresh.match("xa", 1) and not P.LineRegex("a").search("xa", 0, 1)  # pos, endpos
    with pytest.raises(AttributeError):
        regex._missing  # noqa: B018


def test_any_of_refuses_flags_other_than_ignorecase() -> None:
    with pytest.raises(ValueError, match="IGNORECASE"):
        P.AnyOf(P.LineRegex("a", re.M))


def test_any_of_splits_anchored_from_floating_alternatives() -> None:
    check = P.AnyOf(P.LineRegex("^ab|cd", re.I), P.LineRegex("^x"))
    assert check.lead is not None and check.lead.pattern == "(?i:ab)|(?:x)"
    assert check.scan is not None and check.scan.pattern == "C(?i:d)|c(?i:d)"
    assert [check.hits(t) for t in ["AB", "zab", "zCD", "x", "zx", ""]] == [1, 0, 1, 1, 0, 0]
    assert P.AnyOf(P.LineRegex("^a")).scan is None
    assert P.AnyOf(P.LineRegex("a")).lead is None


def _has_first_character_scan(pattern: re.Pattern[str]) -> bool:
    """Whether sre searches ``pattern`` by jumping to a literal or a set of first characters."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_compile as _compiler
        import sre_parse as _parser
    tree = _parser.parse(pattern.pattern, pattern.flags)
    try:
        literal = _compiler._get_literal_prefix(tree, pattern.flags)[0]
        return bool(literal or _compiler._get_charset_prefix(tree, pattern.flags))
    except AttributeError:
        pytest.skip("this Python's sre compiler has no prefix helpers")


@pytest.mark.parametrize("check", ANY_OF_CHECKS)
def test_any_of_scans_get_a_first_character_scan(check: P.AnyOf) -> None:
    if check.scan is not None:
        assert _has_first_character_scan(check.scan)


def test_a_scan_with_a_case_led_alternative_gets_no_first_character_scan() -> None:
    # What the rewriting avoids: one alternative led by a cased letter under IGNORECASE.
    assert not _has_first_character_scan(re.compile("구독|(?i:AI)가"))
    assert _has_first_character_scan(re.compile("구독|A(?i:I가)|a(?i:I가)"))


ALL_CHARACTERS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_literal_leads_cover_every_character_ignorecase_matches() -> None:
    """Each rewritten alternative's leads are all the characters its first one matches under
    IGNORECASE (sre folds "k" onto the Kelvin sign, "s" onto the long s)."""
    leads_of: dict[str, set[str]] = {}
    for check in ANY_OF_CHECKS:
        for regex in check.regexes:
            for alternative in P._alternatives(regex.pattern):
                if alternative.startswith("^") or not regex.flags & re.I:
                    continue
                led = P._literal_led(alternative, regex.flags)
                leads = {x[1] if x.startswith("\\") else x[0] for x in led}
                for lead in leads:
                    leads_of.setdefault(lead, set()).update(leads)
    assert len(leads_of) > 20
    for lead, leads in leads_of.items():
        folded = set(re.findall("(?i)" + re.escape(lead), ALL_CHARACTERS))
        assert folded <= leads, lead


@pytest.mark.parametrize("char", [*"aAiIkKsSzZ", "ⓒ", "Ⓒ", "가", "©"])
def test_case_variants_are_what_ignorecase_matches(char: str) -> None:
    folded = re.findall("(?i)" + re.escape(char), ALL_CHARACTERS)
    assert P.case_variants(char) == sorted(folded)


def test_hangul_class_without_ignorecase_matches_the_same_characters() -> None:
    # TOOL_WORDS_RE writes "[가-힣A-Za-z]" under IGNORECASE as one class without it.
    written = "(?-i:[가-힣A-Za-zİıſ\\u212a])"
    assert written in P.TOOL_WORDS_RE.pattern
    plain = re.findall("(?i)[가-힣A-Za-z]", ALL_CHARACTERS)
    assert plain == re.findall("(?i)" + written, ALL_CHARACTERS)


def test_inline_tag_ids_agree_with_inline_tag_names() -> None:
    inline = "".join(f"<{t}>x</{t}>" for t in sorted(P.INLINE_TAGS))
    page = f"<x-card><p>{inline}<div>y</div><my-link>z</my-link><svg><a>w</a></svg></p></x-card>"
    inline_ids, link_id = body_mod._inline_tag_ids()
    body = LexborHTMLParser(page).body
    assert body is not None
    seen = set()
    for node in body.traverse():
        if node.is_element_node:
            seen.add(node.tag)
            assert (node.tag_id in inline_ids) == (node.tag in P.INLINE_TAGS), node.tag
            assert (node.tag_id == link_id) == (node.tag == "a"), node.tag
    assert P.INLINE_TAGS - {"wbr"} <= seen and {"div", "x-card", "my-link", "svg"} <= seen
