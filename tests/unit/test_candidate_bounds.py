"""Regression: nested wrappers named like candidates must not make metadata quadratic.

Found by scripts/fuzz.py (repeat_range on a page whose headline sat in class "tit"
wrappers): every candidate's text was read and normalised, ~900 times the page size.
"""

from __future__ import annotations

import time

import newsclean
from newsclean.extraction import metadata

PARAGRAPH = "<p>가명시가 옛 초등학교 {n}곳을 마을 도서관으로 고쳐 짓는다고 26일 밝혔다, 주민 누구나 쓴다.</p>"
# Distinct paragraphs: a run of identical ones would be dropped as a repeated copy.
PARAGRAPHS = "".join(PARAGRAPH.format(n=n) for n in range(200))


def nested_candidates(depth: int, name: str) -> str:
    inner = f"<h1>가명시, 옛 학교를 도서관으로</h1><div class='body'>{PARAGRAPHS}</div>"
    return (
        "<html><head><title>가명시, 옛 학교를 도서관으로 - 가명일보</title></head><body>"
        + f"<div class='{name}'>" * depth
        + inner
        + "</div>" * depth
        + "</body></html>"
    )


def test_bounded_texts_stops_at_the_budget() -> None:
    html = nested_candidates(400, "tit")
    from newsclean import document
    from newsclean.extraction.index import build_index

    doc = document.parse(html)
    index = build_index(doc.tree)
    assert len(index.headlines) > metadata.MAX_CANDIDATES / 2
    read = sum(len(text) for _, text in metadata.bounded_texts(index.headlines))
    # One text past the budget at most is read.
    assert read <= metadata.TEXT_BUDGET_CHARS + len(doc.tree.body.text())


def test_nested_title_wrappers_stay_fast() -> None:
    for name in ("tit", "byline", "date", "sub"):
        html = nested_candidates(900, name).encode()
        start = time.perf_counter()
        article = newsclean.extract(html)
        elapsed = time.perf_counter() - start
        assert article.status == "ok"
        assert elapsed < 2.0, f"{name}: {elapsed:.2f} s"
