"""Per-site hints, as plain data. Optional: the generic extractor works without them.

A hint applies when the page's host ends with one of ``hosts`` or when one of ``markers``
matches the page (template families such as the NDsoft CMS are shared by hundreds of hosts).
Sources for every selector: ../shared/research/korean-sites.md §1.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from newsclean.css import select_first
from newsclean.extraction.index import PageIndex


@dataclass(frozen=True)
class DateAttr:
    selector: str
    attribute: str
    kind: str  # "published" or "modified"


@dataclass(frozen=True)
class SiteHint:
    name: str
    hosts: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    body: tuple[str, ...] = ()  # container selectors; the longest match wins
    drop: tuple[str, ...] = ()  # removed inside the container before reading text
    title: tuple[str, ...] = ()
    subtitle: tuple[str, ...] = ()
    byline: tuple[str, ...] = ()
    dates: tuple[DateAttr, ...] = ()


SITES: tuple[SiteHint, ...] = (
    SiteHint(
        name="naver-news",
        hosts=("n.news.naver.com", "news.naver.com", "m.news.naver.com"),
        markers=("#dic_area",),
        body=("#dic_area", "#newsct_article", "#articleBodyContents"),
        drop=(".end_photo_org", ".img_desc", ".vod_area", ".nbd_table"),
        title=("#title_area", "h2.media_end_head_headline", "h3#articleTitle"),
        subtitle=("strong.media_end_summary",),
        byline=("em.media_end_head_journalist_name", ".byline_s", ".media_end_head_journalist"),
        dates=(
            DateAttr("._ARTICLE_DATE_TIME", "data-date-time", "published"),
            DateAttr("._ARTICLE_MODIFY_DATE_TIME", "data-modify-date-time", "modified"),
        ),
    ),
    SiteHint(
        name="daum-news",
        hosts=("v.daum.net", "news.v.daum.net"),
        markers=('div.article_view[data-translation-body="true"]',),
        body=("div.article_view section[dmcf-sid]", "div.article_view", "#harmonyContainer"),
        drop=("figure", ".txt_caption", ".tts_area", ".foot_view"),
        title=("h3.tit_view",),
        subtitle=("strong.summary_view",),
        byline=(".info_view .txt_info",),
    ),
    SiteHint(
        name="ndsoft-cms",
        markers=("#article-view-content-div", "header.article-view-header"),
        body=("#article-view-content-div", ".article-veiw-body", ".article-view-body"),
        drop=(
            "figure",
            ".ad-template",
            ".view-editors",
            ".view-copyright",
            "ul.info-options2",
            ".article-sponsor",
            "form",
        ),
        title=("h1.heading", "h3.heading", ".article-head-title"),
        subtitle=("h2.subheading", ".article-head-sub"),
        byline=(
            'li.info-name[aria-label="기자명"]',
            ".info-group ul.infomation li:first-child",
            ".info-text li:first-child",
        ),
    ),
)


# Body containers shared by many Korean outlets' templates (research/korean-sites.md §6.3).
# Used as a hint for every page when hints are on: a long match is trusted like schema.org
# markup, a short one must agree with paragraph scoring.
COMMON_BODY_SELECTORS: tuple[str, ...] = (
    "#articleBodyContents", ".article_body", ".article-body", "#articleBody", ".news_body",
    "#textBody", "#articletxt", ".story-news", "#CmAdContent", "#pnlContent", ".news_view",
    ".article_view", ".text_area", "#newsViewArea", ".viewContent", ".at_contents",
    "#realArtcContents", ".article-text", "#article_body", "#article-body", ".view_con",
    "#article_content", ".news_text", ".art_txt",
)  # fmt: skip


# Every site's markers: the index walk lists the elements that carry their names.
MARKER_SELECTORS: tuple[str, ...] = tuple(m for site in SITES for m in site.markers)


def match_site(tree: LexborHTMLParser, index: PageIndex, url: str | None) -> SiteHint | None:
    """The hint whose host the URL has, else the first whose marker an element of <body>
    matches. The index walk (given MARKER_SELECTORS) lists the elements named like a marker:
    without one, no marker can match and lexbor is not asked."""
    host = _host(url)
    for site in SITES:
        if host and any(host == h or host.endswith("." + h) for h in site.hosts):
            return site
    body = tree.body
    if not index.marked or body is None:
        return None
    for site in SITES:  # in the hints' order; one lexbor pass per site, never per element
        if select_first(body, ", ".join(site.markers)) is not None:
            return site
    return None


def _host(url: str | None) -> str:
    if not url:
        return ""
    from urllib.parse import urlsplit  # ~5 ms of start-up that `extract page.html` never needs

    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:  # e.g. an unbalanced "[" in the host part
        return ""
