"""A stand-in extractor for batch tests, so statuses do not depend on extraction heuristics."""

from __future__ import annotations

from newsclean.models import Article, Page


def fake_extract(page: Page) -> Article:
    """ok for pages with an <article>, not_article otherwise; "boom" in the URL crashes."""
    if "boom" in page.url:
        raise RuntimeError("extractor bug")
    if b"<article" in page.content:
        return Article(url=page.url, status="ok", final_url=page.final_url, title="기사")
    return Article(url=page.url, status="not_article", final_url=page.final_url)
