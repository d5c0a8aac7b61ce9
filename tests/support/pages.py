"""Invented Korean pages for the fetch tests (no real outlet's text)."""

from __future__ import annotations

ARTICLE_TITLE = "가명시, 골목 상권 살리기 시범 사업 시작"


def article_html(n: int = 0, *, charset: str = "utf-8") -> str:
    """A small but realistic article page; ``n`` makes each page distinct."""
    paragraphs = "\n".join(
        f"<p>가명시는 {n}번째 시범 구역에서 골목 상권 지원 사업을 시작한다고 밝혔다. "
        f"이번 사업은 동네 가게 {i + 3}곳과 주민 모임이 함께 꾸린다.</p>"
        for i in range(6)
    )
    return f"""<!DOCTYPE html>
<html lang="ko"><head>
<meta charset="{charset}">
<title>{ARTICLE_TITLE} - 가명일보</title>
<meta property="og:title" content="{ARTICLE_TITLE}">
<meta property="article:published_time" content="2024-03-05T09:30:00+09:00">
</head><body>
<header><a href="/login">로그인</a> <a href="/join">회원가입</a></header>
<article>
<h1>{ARTICLE_TITLE}</h1>
<div class="byline">홍길동 기자 | 입력 2024.03.05 09:30</div>
<div id="article-body">
{paragraphs}
<p>홍길동 기자 gildong@example.kr</p>
</div>
</article>
<footer>ⓒ 가명일보. 무단 전재 및 재배포 금지</footer>
</body></html>
"""


def list_html() -> str:
    """A section page: many short headline links, no article body."""
    items = "\n".join(
        f'<li><a href="/article/{i}">가명시 소식 {i}: 주민 참여 행사 안내</a></li>'
        for i in range(40)
    )
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>지역 소식 - 가명일보</title></head>
<body><h2>지역 소식</h2><ul class="news-list">
{items}
</ul></body></html>
"""


def euc_kr_article() -> bytes:
    """An article whose charset is declared only in a <meta> tag (the HTTP header has none)."""
    return article_html(7, charset="euc-kr").encode("cp949")
