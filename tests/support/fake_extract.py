"""A stand-in extractor for batch tests, so statuses do not depend on extraction heuristics."""

from __future__ import annotations

import datetime as dt
import os

from newsclean.models import Article, Page


def fake_extract(page: Page) -> Article:
    """ok for pages with an <article>, not_article otherwise; "boom" in the URL crashes."""
    if "boom" in page.url:
        raise RuntimeError("extractor bug")
    if b"<article" in page.content:
        return Article(url=page.url, status="ok", final_url=page.final_url, title="기사")
    return Article(url=page.url, status="not_article", final_url=page.final_url)


def dying_extract(page: Page) -> Article:
    """fake_extract, but the process dies at once (as if OOM-killed) on a URL with "die"."""
    if "die" in page.url:
        os._exit(3)
    return fake_extract(page)


def dated_extract(page: Page) -> Article:
    """A record holding a value no record encoding carries (a datetime object)."""
    return Article(url=page.url, status="ok", extras=(("seen", dt.datetime(2024, 1, 1)),))
