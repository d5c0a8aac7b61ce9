"""The extractor's table of contents: bytes in, Article out, no I/O.

decode        bytes -> text (HTTP charset, BOM, <meta>, detection; euc-kr read as cp949)
parse         one selectolax tree
index         one walk over <body>: metadata candidates, chrome, containers, traps, code
read          meta tags, JSON-LD, title, language (the walk found <body>'s share of them)
script data   Arc/Next.js article data, read before scripts are dropped
strip code    scripts, styles and media removed
site hint     optional per-site selectors (sites.py), by host or marker
metadata      title, subtitle, dates, authors, outlet
body          prune chrome -> find container -> lines -> clean lines
classify      ok / not_article
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsclean import document
from newsclean.css import select
from newsclean.encoding import Decoded, decode_html, looks_binary
from newsclean.errors import NotHTML
from newsclean.extraction import body as body_mod
from newsclean.extraction import bylines
from newsclean.extraction.index import PageIndex, build_index
from newsclean.extraction.lines import clean_lines
from newsclean.extraction.metadata import Metadata, read_metadata
from newsclean.extraction.scripts import ScriptArticle, read_jsonld_article, read_script_article
from newsclean.models import Article, Author, Page, Status, error_article
from newsclean.sites import COMMON_BODY_SELECTORS, MARKER_SELECTORS, SiteHint, match_site

# A page with less body text than this is not an article (a list, a video stub, an error page).
MIN_ARTICLE_CHARS = 60

# Without any article signal (a date, og:type article, NewsArticle data) a page needs this
# much body text to count as an article: list pages have short link rows, not prose.
MIN_UNSIGNALLED_CHARS = 400

# JSON-LD articleBody replaces the page's text only when that text is under this share of it.
JSONLD_BODY_SHARE = 0.5

# Input beyond this is cut before decoding (bytes, or characters of a str): the worst page
# shapes cost ~75x their size in memory while parsing, and no real article page comes near it.
MAX_INPUT_SIZE = 24 * 1024 * 1024

# How much of a page to search for the first "<" before calling it not HTML.
HTML_SNIFF_CHARS = 65_536

# Share of Hangul among letters above which the page is Korean.
HANGUL_SHARE_KO = 0.3
HANGUL_RE = re.compile("[가-힣]")
# Counted by deleting runs (C-level) rather than listing every letter: ~2x cheaper.
HANGUL_RUN_RE = re.compile("[가-힣]+")
NON_LETTER_RUN_RE = re.compile(r"[\W\d_]+")


@dataclass(frozen=True)
class ExtractConfig:
    """Options of one extraction. ``site_hints=False`` measures the generic path alone."""

    site_hints: bool = True


def extract(
    html: bytes | str,
    url: str | None = None,
    *,
    charset: str | None = None,
    config: ExtractConfig | None = None,
) -> Article:
    """Extract an Article from a page. Never raises for page content; raises TypeError on misuse."""
    if not isinstance(html, (bytes, bytearray, memoryview, str)):
        raise TypeError(f"html must be bytes or str, not {type(html).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be a str or None, not {type(url).__name__}")
    config = config or ExtractConfig()
    try:
        text, utf8 = _decode(html, charset)
    except NotHTML as exc:
        return error_article(url, exc)

    tree, many_tags = document.parse_tree(text, utf8=utf8)
    index = build_index(tree, COMMON_BODY_SELECTORS, MARKER_SELECTORS)
    doc = document.read(tree, text, url, many_tags=many_tags, body_nodes=index.read)
    script = read_script_article(doc.scripts)
    body_mod.strip_code(doc.tree, index.code)
    site = match_site(doc.tree, index, url) if config.site_hints else None
    meta = read_metadata(doc, index, site, script)
    # The common containers are Korean templates' class names; elsewhere they match fragments.
    common = config.site_hints and _looks_korean(doc, meta)
    paragraphs, body_authors, method = _extract_body(doc, index, site, common, script, meta)
    authors = _choose_authors(meta.authors, body_authors)
    body = "\n\n".join(paragraphs)
    status: Status = "ok" if _is_article(doc, meta, body) else "not_article"
    return Article(
        url=url,
        status=status,
        title=meta.title,
        subtitle=meta.subtitle,
        published=meta.published,
        modified=meta.modified,
        authors=tuple(authors),
        outlet=meta.outlet,
        body=body,
        lang=_language(doc, body),
        canonical_url=meta.canonical_url,
        extras=(("explain", {"container": method, "site": site.name if site else None}),),
    )


def extract_page(page: Page, *, config: ExtractConfig | None = None) -> Article:
    """Extract from a fetched page; the record keeps the requested and the final URL."""
    article = extract(page.content, page.final_url or page.url, charset=page.charset, config=config)
    return _with_urls(article, page.url, page.final_url or page.url)


def _with_urls(article: Article, url: str, final_url: str) -> Article:
    from dataclasses import replace

    return replace(article, url=url, final_url=final_url)


def _decode(
    html: bytes | bytearray | memoryview | str, charset: str | None
) -> tuple[str, bytes | None]:
    """The page's text, and its exact UTF-8 bytes when the input already was them."""
    utf8: bytes | None = None
    if isinstance(html, str):
        text = html[:MAX_INPUT_SIZE]
    else:
        data = bytes(html[:MAX_INPUT_SIZE])
        if looks_binary(data):
            raise NotHTML("binary content, not an HTML page")
        decoded = decode_html(data, charset)
        text = decoded.text
        if _is_exact_utf8(decoded):
            utf8 = data
    if text.find("<", 0, HTML_SNIFF_CHARS) < 0:  # no slice: a copy of up to 128 KB
        raise NotHTML("no HTML markup found")
    return text, utf8


def _is_exact_utf8(decoded: Decoded) -> bool:
    # Strict UTF-8 that decoded without a replacement character (and without a BOM to cut)
    # is exactly the input bytes: the parser can take those and skip encoding the text again.
    return decoded.encoding == "utf-8" and decoded.source != "bom" and "\ufffd" not in decoded.text


def _extract_body(
    doc: document.Document,
    index: PageIndex,
    site: SiteHint | None,
    common: bool,
    script: ScriptArticle | None,
    meta: Metadata,
) -> tuple[list[str], list[Author], str]:
    selectors = site.body if site else ()
    container = body_mod.find_container(
        doc.tree, index, selectors, common=common, many_tags=doc.many_tags
    )
    paragraphs: list[str] = []
    authors: list[Author] = []
    method = "none"
    if container is not None:
        body_mod.prune_container(container.node, many_tags=doc.many_tags)
        if site is not None:
            for selector in site.drop:
                for node in select(container.node, selector):
                    body_mod.drop_node(node)
        cleaned = clean_lines(body_mod.container_lines(container.node), title=meta.title)
        paragraphs, authors, method = (
            list(cleaned.paragraphs),
            list(cleaned.authors),
            container.method,
        )
    if script is None:
        # JSON-LD articleBody is sometimes only a teaser: use it when the page failed.
        ld_article = read_jsonld_article(doc.article_ld)
        if ld_article and _chars(paragraphs) < JSONLD_BODY_SHARE * _chars(ld_article.paragraphs):
            script = ld_article
    if script is not None and _chars(script.paragraphs) > _chars(paragraphs):
        cleaned = clean_lines([body_mod.Line(p, 0.0) for p in script.paragraphs], title=meta.title)
        paragraphs, authors, method = list(cleaned.paragraphs), list(cleaned.authors), "script"
    if meta.subtitle_lines and not _contains(paragraphs, meta.subtitle_lines):
        paragraphs = list(meta.subtitle_lines) + paragraphs
    return paragraphs, authors, method


def _chars(paragraphs: tuple[str, ...] | list[str]) -> int:
    return sum(len(p) for p in paragraphs)


def _contains(paragraphs: list[str], lines: tuple[str, ...]) -> bool:
    text = " ".join(paragraphs)
    return all(line in text for line in lines)


def _choose_authors(structured: tuple[Author, ...], from_body: list[Author]) -> list[Author]:
    """Structured bylines win; body lead/tail lines fill gaps and add e-mails."""
    if not structured:
        return bylines.merge_authors(from_body)
    names = {a.name for a in structured}
    return bylines.merge_authors(structured, [a for a in from_body if a.name in names])


def _is_article(doc: document.Document, meta: Metadata, body: str) -> bool:
    if len(body) < MIN_ARTICLE_CHARS:
        return False
    signalled = (
        meta.published is not None
        or doc.meta.get("og:type", "").lower() == "article"
        or doc.article_ld is not None
    )
    return signalled or len(body) >= MIN_UNSIGNALLED_CHARS


def _looks_korean(doc: document.Document, meta: Metadata) -> bool:
    if doc.lang and doc.lang.lower().startswith("ko"):
        return True
    return bool(meta.title and HANGUL_RE.search(meta.title))


def _language(doc: document.Document, body: str) -> str | None:
    """ "ko" when the body is mostly Hangul, else the page's declared language."""
    declared = (doc.lang.split("-")[0].split("_")[0].lower() or None) if doc.lang else None
    if declared == "ko":
        return "ko"  # the body's letters could only confirm it
    # Spaces go first by split/join: they are most of the non-letter runs, and each regex
    # replacement costs more than the whole split.
    letters = NON_LETTER_RUN_RE.sub("", "".join(body[:2000].split()))
    hangul = len(letters) - len(HANGUL_RUN_RE.sub("", letters))
    if letters and hangul / len(letters) >= HANGUL_SHARE_KO:
        return "ko"
    return declared
