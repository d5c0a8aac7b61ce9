"""read_metadata's shared reads and shortcuts give what reading everything every time gave."""

from __future__ import annotations

import collections
import html as htmllib
import random
import re
from collections.abc import Sequence

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean import document
from newsclean.extraction import metadata as M
from newsclean.extraction.body import container_lines, strip_code
from newsclean.extraction.index import PageIndex, build_index
from newsclean.extraction.lines import is_noise
from newsclean.extraction.scripts import ScriptArticle

OLD_DATE_LABEL_RE = re.compile(
    r"기사\s*입력|최초\s*입력|입력|등록|송고|승인|발행|작성|게재|기사\s*전송|최종\s*수정|수정|업데이트"
    r"|Published|Posted|Updated|Modified",
    re.I,
)

WORDS = (
    "가명시", "자전거", "무료화", "[속보]", "속보", "-", "|", "·", ":", "::", "<", "–", "—", "가명일보",
    "KBS", "뉴스", "기사본문", "사회", "İstanbul", "ıi", "Published", "POSTED", "updated", "Modıfıed",
    "입력", "기사 입력", "최초입력", "최종  수정", "수정", "업데이트", "2024.03.05", "09:30", "a_b",
    "“인용”", "!", "...", "\n", "\t", " ",
)  # fmt: skip


def random_texts(seed: int, count: int, max_words: int = 9) -> list[str]:
    rng = random.Random(seed)
    return [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, max_words))) for _ in range(count)
    ]


def parsed(html: str) -> tuple[document.Document, PageIndex]:
    doc = document.parse(html)
    strip_code(doc.tree)
    return doc, build_index(doc.tree)


# --- shared reads -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        "<div>a<b>b</b> c<!-- x --></div>",
        "<div><template>hidden</template>shown</div>",
        "<div><svg><![CDATA[x<y]]></svg>z</div>",
        "<div><textarea>t</textarea><noscript>n</noscript>&lt;b&gt;&nbsp;</div>",
        "<div></div>",
    ],
)
def test_node_text_is_node_text(markup: str) -> None:
    node = LexborHTMLParser(markup).css_first("div")
    assert node is not None
    assert M.node_text(node) == node.text()
    assert M.node_text(node, " ") == node.text(separator=" ")


ARTICLE = """<html><head><meta property="og:title" content="가명시 자전거 무료화 - 가명일보">
<meta property="article:published_time" content="2024-03-05T09:30:00+09:00"></head><body>
<nav><h2 class="nav_tit">뉴스</h2><h3 class="nav_tit">사회</h3></nav>
<h1 class="tit">가명시 자전거 무료화</h1>
<p class="sub_title">다음 달부터 1시간 이내는 무료로 탄다</p>
<div class="byline info"><span class="reporter">홍길동 기자</span>
<span class="date">입력 2024.03.05 09:30 수정 2024.03.05 10:12</span></div>
<div class="reporter_box">홍길동 기자 hong@example.kr</div>
<div id="body"><p>가명시가 다음 달부터 공공 자전거를 1시간 이내로 타면 요금을 받지 않는다고 밝혔다.</p></div>
</body></html>"""


def test_read_metadata_reads_each_node_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    doc, index = parsed(ARTICLE)
    expected = M.read_metadata(doc, index, None, None)
    reads: collections.Counter[tuple[int, str]] = collections.Counter()
    real = M.node_text

    def counting(node: LexborNode, separator: str = "") -> str:
        reads[(node.mem_id, separator)] += 1
        return real(node, separator)

    monkeypatch.setattr(M, "node_text", counting)
    assert M.read_metadata(doc, index, None, None) == expected
    assert reads and max(reads.values()) == 1
    assert expected.title == "가명시 자전거 무료화"
    assert expected.subtitle == "다음 달부터 1시간 이내는 무료로 탄다"
    assert [a.email for a in expected.authors] == ["hong@example.kr"]
    assert expected.modified is not None and expected.modified.minute == 12


def test_bounded_texts_cache_changes_no_text_or_budget() -> None:
    _doc, index = parsed(ARTICLE)
    plain = [(n.mem_id, t) for n, t in M.bounded_texts(index.dates, " ")]
    cache: dict[int, str] = {}
    assert [(n.mem_id, t) for n, t in M.bounded_texts(index.dates, " ", cache=cache)] == plain
    assert [(n.mem_id, t) for n, t in M.bounded_texts(index.dates, " ", cache=cache)] == plain


# --- title ------------------------------------------------------------------------------------


def old_clean_title(raw: str) -> str:
    text = M.NDSOFT_TITLE_RE.sub("", " ".join(raw.split()))
    return M.SUFFIX_RE.sub("", text).strip()


def test_clean_title_skips_only_regexes_that_cannot_match() -> None:
    for text in random_texts(1, 3000):
        assert M.clean_title(text) == old_clean_title(text), text


def test_norm_bound_bounds_the_norm() -> None:
    lengthening = [c for c in range(0x110000) if len(chr(c).lower()) > 1]
    assert lengthening == [ord("İ")]  # _norm_bound counts it; any other would need counting too
    for text in random_texts(2, 2000):
        assert len(M._norm(text)) <= M._norm_bound(text), text


def old_displayed_headline(
    headlines: Sequence[LexborNode], references: Sequence[str]
) -> str | None:
    refs = [M._norm(r) for r in references if len(M._norm(r)) >= 4]
    best: str | None = None
    for node in headlines[: M.MAX_CANDIDATES]:
        text = " ".join(node.text().split())
        if not 4 <= len(text) <= M.MAX_TITLE_CHARS:
            continue
        norm = M._norm(text)
        if any(norm == r for r in refs):
            return text
        if best is None and any(r in norm or (len(norm) > 10 and norm in r) for r in refs):
            best = text
    return best


@pytest.mark.parametrize("seed", [3, 4])
def test_displayed_headline_matches_the_plain_scan(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(150):
        texts = random_texts(rng.randrange(10**6), rng.randint(1, 12), max_words=5)
        references = random_texts(rng.randrange(10**6), rng.randint(1, 3), max_words=5)
        references += rng.sample(texts, k=min(len(texts), rng.randint(0, 1)))
        body = "".join(f"<h2>{htmllib.escape(t)}</h2>" for t in texts)
        _, index = parsed(f"<html><body>{body}</body></html>")
        refs = [M.clean_title(r) for r in references]
        if not [r for r in refs if len(M._norm(r)) >= 4]:
            continue  # the h1 fallback, unchanged
        expected = old_displayed_headline(index.headlines, refs)
        assert M._displayed_headline(index, refs, M.PageTexts()) == expected


# --- subtitle ---------------------------------------------------------------------------------


def lines_text(node: LexborNode) -> str:
    return " ".join(line.text for line in container_lines(node) if not is_noise(line, None))


@pytest.mark.parametrize(
    "markup",
    [
        '<p class="sub"></p>',
        '<p class="sub"> \n </p>',
        '<p class="sub">닫기</p>',
        '<p class="sub">a<br>b</p>',
        '<p class="sub"><template>숨은 요약 문장</template></p>',
        '<p class="sub"><img alt="a&gt;bcdef"></p>',
        '<template class="sub">숨은 요약 문장</template>',
    ],
)
def test_too_short_for_deck_only_when_lines_are_too_short(markup: str) -> None:
    node = LexborHTMLParser(f"<body>{markup}</body>").css_first(".sub")
    assert node is not None
    if M._too_short_for_deck(node, node.text()):
        assert len(lines_text(node)) < 4


def test_template_content_is_read_as_a_deck() -> None:
    node = LexborHTMLParser('<p class="sub"><template>숨은 요약 문장</template></p>').css_first("p")
    assert node is not None
    assert node.text() == ""
    assert not M._too_short_for_deck(node, node.text())


def test_repeated_widgets_are_read_once_and_the_deck_still_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    widget = '<p class="ttl_sub">이 기사 어땠나요?</p><button class="summary_close">닫기</button>'
    html = (
        '<html><head><meta property="og:title" content="가명시 자전거 무료화"></head><body>'
        f"<h1>가명시 자전거 무료화</h1>{widget}{widget}{widget}"
        '<div class="mid_title">다음 달부터 1시간 이내는 무료로 탄다</div></body></html>'
    )
    doc, index = parsed(html)
    calls: list[str] = []
    real = M.container_lines

    def counting(node: LexborNode) -> list[object]:
        calls.append(node.html or "")
        return real(node)

    monkeypatch.setattr(M, "container_lines", counting)
    title = M.find_title(doc, index, None, None)
    assert M.find_subtitle(doc, index, None, None, title) == (
        "다음 달부터 1시간 이내는 무료로 탄다",
    )
    assert len(calls) == len(set(calls)) == 2  # one widget heading, then the deck


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [5])
def test_date_label_re_matches_the_ignorecase_pattern(seed: int) -> None:
    for text in random_texts(seed, 3000):
        old = [m.span() for m in OLD_DATE_LABEL_RE.finditer(text)]
        assert [m.span() for m in M.DATE_LABEL_RE.finditer(text)] == old, text


def test_scan_labelled_without_digits_finds_nothing() -> None:
    for text in random_texts(6, 1000):
        text = re.sub(r"\d", "", text)
        assert M._scan_labelled(text) == (None, None)
    assert M._scan_labelled("입력 2024.03.05 09:30") != (None, None)


def test_script_dates_skip_the_page_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    doc, index = parsed(
        '<html><body><div class="date">입력 2020.01.01 00:00</div>'
        '<meta itemprop="datePublished" content="2019-01-01"></body></html>'
    )
    script = ScriptArticle(
        paragraphs=("본문",),
        published="2024-03-05T09:30:00+09:00",
        modified="2024-03-05T10:12:00+09:00",
    )
    expected = (M._machine(script.published), M._machine(script.modified))
    monkeypatch.setattr(M, "_labelled_dates", lambda *a, **k: pytest.fail("scanned"))
    assert M.find_dates(doc, index, None, script) == expected
    monkeypatch.undo()
    only_published = ScriptArticle(paragraphs=("본문",), published=script.published)
    assert M.find_dates(doc, index, None, only_published) == (expected[0], None)


# --- authors ----------------------------------------------------------------------------------


def test_bylines_near_headline_skips_blocks_without_a_byline_hint() -> None:
    html = (
        '<html><head><meta property="og:title" content="가명시 자전거 무료화"></head><body>'
        "<div><div><h1>가명시 자전거 무료화</h1><span>사회</span><span>홍길동 기자</span></div></div>"
        "<div><div><h2>다른 제목</h2><span>사회</span></div></div></body></html>"
    )
    _, index = parsed(html)
    found = M._bylines_near_headline(index, "가명시 자전거 무료화", M.PageTexts())
    assert [(a.name, a.role) for a in found] == [("홍길동", "기자")]
    assert M._bylines_near_headline(index, "다른 제목", M.PageTexts()) == []
