"""Title, subtitle, dates, bylines and outlet, read from the intact page before body cleaning.

Sources in priority order: script-held article data, JSON-LD, meta tags, page elements
(headline, byline box, date line), labelled dates anywhere in the page text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborNode

from newsclean.css import select, select_first
from newsclean.document import Document
from newsclean.extraction import bylines, dates
from newsclean.extraction.body import container_lines
from newsclean.extraction.index import PageIndex
from newsclean.extraction.lines import is_noise
from newsclean.extraction.scripts import ScriptArticle
from newsclean.models import Author, DateValue
from newsclean.sites import SiteHint

# Site-name suffixes of <title>/og:title: NDsoft "제목 < 섹션 < 기사본문 - 매체", "제목 - 매체",
# "제목 | 매체", "제목 : 네이버 뉴스". The suffix is short; a long tail is part of the headline.
NDSOFT_TITLE_RE = re.compile(r"\s+<\s+.*$")
SUFFIX_RE = re.compile(r"\s+(?:[-|·:–—]|::)\s+[^-|·:–—]{1,30}$")
SUFFIX_SEPARATORS = "-|·:–—"  # SUFFIX_RE needs one of them

# Characters ignored when comparing a headline with og:title.
TITLE_NOISE_RE = re.compile(r"[\s\W_]+")

# Candidate elements read per role, and the characters of their texts read per role: real
# pages stay far below (at most ~110 candidates seen); hostile nesting stops here.
MAX_CANDIDATES = 300
TEXT_BUDGET_CHARS = 2_000_000

# Headline candidates longer than this are paragraphs.
MAX_TITLE_CHARS = 300

# A deck is a few lines; a longer block is the article or a teaser list.
MAX_SUBTITLE_CHARS = 400

# A deck follows the headline closely: at most this many indexed elements later.
DECK_MAX_DISTANCE = 25

# A byline element is short; a long one is an author bio box or a list of stories.
MAX_BYLINE_ELEMENT_CHARS = 90

# Links to a reporter's page name the reporter ("/author/331", "reporter.html?id=", "/journalist/"):
# read when no element is named as a byline. Only names with a role word or an e-mail count,
# and only this many links are read (a page rarely credits more reporters).
AUTHOR_LINK_SELECTOR = "a[href*=author i], a[href*=reporter i], a[href*=journalist i]"
MAX_AUTHOR_LINKS = 12

# Reporter boxes that may hold the e-mail of a byline found elsewhere are a little longer.
MAX_EMAIL_BOX_CHARS = 200

# Meta tags with a date, in priority order.
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
)
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
)

# Meta tags with an author name.
AUTHOR_META = ("author", "article:author", "dable:author", "og:article:author", "byl")

# Labels that start a date in page text; windows after them go to the dates module. English
# labels in any case: "Published", "POSTED". Every alternative starts with one literal
# character (not IGNORECASE), so the regex engine skips in C to where a label can start.
DATE_LABEL_RE = re.compile(
    r"기사\s*입력|최초\s*입력|입력|등록|송고|승인|발행|작성|게재|기사\s*전송|최종\s*수정|수정|업데이트"
    r"|P(?i:ublished|osted)|p(?i:ublished|osted)|U(?i:pdated)|u(?i:pdated)"
    r"|M(?i:odified)|m(?i:odified)"
)
# The longest visible date with its time ("2023년 05월 26일 (금) 오후 03시 08분 KST").
MAX_DATE_TEXT_CHARS = 40
DATE_WINDOW_CHARS = 70

# A date line is short; a long date-named block is a list of stories with their dates.
MAX_DATE_ELEMENT_CHARS = 200

# Date-named elements read after the one with the published date, looking for "수정".
DATE_LOOKAHEAD_ELEMENTS = 3
MAX_PAGE_TEXT_CHARS = 60_000  # the article header comes early; bounds the scan on giant pages


@dataclass(frozen=True)
class Metadata:
    title: str | None
    subtitle: str | None
    subtitle_lines: tuple[str, ...]
    published: DateValue | None
    modified: DateValue | None
    authors: tuple[Author, ...]
    outlet: str | None
    canonical_url: str | None


def read_metadata(
    doc: Document, index: PageIndex, site: SiteHint | None, script: ScriptArticle | None
) -> Metadata:
    texts = PageTexts()  # the finders below read the same indexed nodes
    title = find_title(doc, index, site, script, texts=texts)
    subtitle_lines = find_subtitle(doc, index, site, script, title, texts=texts)
    published, modified = find_dates(doc, index, site, script, texts=texts)
    return Metadata(
        title=title,
        subtitle="\n".join(subtitle_lines) or None,
        subtitle_lines=subtitle_lines,
        published=published,
        modified=modified,
        authors=tuple(find_authors(doc, index, site, script, title, texts=texts)),
        outlet=find_outlet(doc),
        canonical_url=_canonical(doc),
    )


class PageTexts:
    """What the finders read from one page, read once: node texts (selectolax builds a new
    string on every node.text() call), normalised headings, parsed bylines, labelled dates.

    Only valid while the page's tree is unchanged (nodes are keyed by their memory id).
    """

    __slots__ = ("authors", "labelled", "node_norms", "norms", "texts")

    def __init__(self) -> None:
        self.texts: dict[str, dict[int, str]] = {}  # separator -> mem_id -> node.text()
        self.norms: dict[str, str] = {}  # text -> _norm(text)
        self.node_norms: dict[int, str] = {}  # mem_id -> _norm(node.text())
        self.authors: dict[str, list[Author]] = {}  # text -> bylines.parse_byline(text)
        self.labelled: dict[str, list[dates.LabelledDate]] = {}  # window -> labelled dates

    def text_cache(self, separator: str = "") -> dict[int, str]:
        """The node texts read with ``separator`` (a cache for bounded_texts)."""
        cache = self.texts.get(separator)
        if cache is None:
            cache = self.texts[separator] = {}
        return cache

    def norm(self, text: str) -> str:
        """_norm(text), once per distinct text."""
        norm = self.norms.get(text)
        if norm is None:
            norm = self.norms[text] = _norm(text)
        return norm

    def norm_of(self, node: LexborNode, text: str) -> str:
        """_norm(text) for a text of ``node``: node.text() with any separator, or that text
        with its whitespace collapsed (_norm drops whitespace, so they all give one value)."""
        key = node.mem_id
        norm = self.node_norms.get(key)
        if norm is None:
            norm = self.node_norms[key] = self.norm(text)
        return norm

    def parse_byline(self, text: str) -> list[Author]:
        """bylines.parse_byline, once per distinct text (the result is shared: do not change it)."""
        found = self.authors.get(text)
        if found is None:
            found = self.authors[text] = bylines.parse_byline(text)
        return found

    def labelled_dates(self, window: str) -> list[dates.LabelledDate]:
        """dates.find_labelled_dates, once per distinct window (shared, do not change it)."""
        found = self.labelled.get(window)
        if found is None:
            found = self.labelled[window] = dates.find_labelled_dates(window)
        return found


# --- title -------------------------------------------------------------------------------------


def clean_title(raw: str) -> str:
    text = " ".join(raw.split())
    if "<" in text:
        text = NDSOFT_TITLE_RE.sub("", text)
    if any(sep in text for sep in SUFFIX_SEPARATORS):
        text = SUFFIX_RE.sub("", text)
    return text.strip()


def _norm(text: str) -> str:
    return TITLE_NOISE_RE.sub("", text).lower()


def _norm_bound(text: str) -> int:
    """An upper bound of len(_norm(text)), without normalising: _norm only removes characters,
    and lower() lengthens none but "İ" (to "i̇")."""
    return len(text) + text.count("İ")


def find_title(
    doc: Document,
    index: PageIndex,
    site: SiteHint | None,
    script: ScriptArticle | None,
    *,
    texts: PageTexts | None = None,
) -> str | None:
    if site is not None:
        for selector in site.title:
            node = select_first(doc.tree, selector)
            if node is not None and node.text(strip=True):
                return " ".join(node.text().split())
    ld = doc.article_ld or {}
    declared = [
        doc.meta.get("og:title"),
        doc.meta.get("twitter:title"),
        _first_str(ld.get("headline")),
        script.title if script else None,
        doc.title_tag,
    ]
    cleaned: dict[str, str] = {}  # the declared titles are often the same string
    for raw in declared:
        if raw and raw not in cleaned:
            cleaned[raw] = clean_title(raw)
    references = [cleaned[raw] for raw in declared if raw]
    displayed = _displayed_headline(index, references, texts or PageTexts())
    if displayed:
        return displayed
    return references[0] if references else None


def _displayed_headline(
    index: PageIndex, references: Sequence[str], texts: PageTexts
) -> str | None:
    """The page's heading that matches the declared title: it keeps rubrics like [속보]."""
    refs = [norm for norm in map(texts.norm, references) if len(norm) >= 4]
    if not refs:
        h1 = next((n for n in index.headlines if n.tag == "h1"), None)
        text = " ".join(h1.text().split()) if h1 is not None else ""
        return text if 4 <= len(text) <= MAX_TITLE_CHARS else None
    exact = set(refs)
    # Headings written exactly like a reference match it without normalising.
    verbatim = {r for r in references if texts.norm(r) in exact}
    # A heading whose norm is shorter than every reference and at most 10 long can neither
    # equal, contain nor (see below) be contained in one: it is skipped without normalising.
    too_short = min(min(map(len, refs)), 11)
    best: str | None = None
    for node, raw in bounded_texts(index.headlines, cache=texts.text_cache()):
        if len(raw) < 4:
            continue  # collapsing whitespace never lengthens a text
        text = " ".join(raw.split())
        if not 4 <= len(text) <= MAX_TITLE_CHARS:
            continue
        if text in verbatim:
            texts.norm_of(node, text)  # cached: the reference's norm
            return text
        if _norm_bound(text) < too_short:
            continue
        norm = texts.norm_of(node, text)
        if norm in exact:
            return text
        # A heading that contains the declared title plus a rubric, or the reverse.
        if best is None and any(r in norm or (len(norm) > 10 and norm in r) for r in refs):
            best = text
    return best


# --- subtitle -----------------------------------------------------------------------------------


def find_subtitle(
    doc: Document,
    index: PageIndex,
    site: SiteHint | None,
    script: ScriptArticle | None,
    title: str | None,
    *,
    texts: PageTexts | None = None,
) -> tuple[str, ...]:
    if script is not None and script.subtitle:
        return (script.subtitle,)
    texts = texts or PageTexts()
    after = _headline_position(index, title, texts)
    if after >= 0:
        position = index.position
        generic = [n for n in index.subtitles if after < position(n) <= after + DECK_MAX_DISTANCE]
    else:
        generic = list(index.subtitles)
    candidates = _site_nodes(doc, site.subtitle if site else ()) + generic
    failed: set[str] = set()  # markup of leaf candidates that gave no deck (widgets repeat)
    for node, raw in bounded_texts(candidates, cache=texts.text_cache()):
        if len(raw) > MAX_SUBTITLE_CHARS * 2:
            continue  # a wrapper, not a deck (and too long to serialise for nothing)
        if _too_short_for_deck(node, raw):
            continue
        # The lines depend on the markup alone: the same markup fails again. Only leaves are
        # compared (small markup; a wrapper's may be huge and is serialised once, below).
        markup = (node.html or "") if next(node.iter(), None) is None else None
        if markup is not None and markup in failed:
            continue
        # A deck is neither the headline again nor a widget heading ("이 기사 어땠나요?").
        lines = tuple(line.text for line in container_lines(node) if not is_noise(line, title))
        text = " ".join(lines)
        if 4 <= len(text) <= MAX_SUBTITLE_CHARS:
            return lines
        if markup is not None:
            failed.add(markup)
    return ()


def _too_short_for_deck(node: LexborNode, raw: str) -> bool:
    """True when the lines of ``node`` cannot join to 4 characters: its text (``raw``) has at
    most 2 that are not whitespace, and no <template> holds more (lines are read from the
    markup, which shows template content that node.text() leaves out).

    Lines hold only characters of the text, and a line of n of them is at most 2n-1 long, so
    lines holding n in all join to at most 2n-1 characters.
    """
    if len("".join(raw.split(None, 3)[:3])) > 2:  # three words already hold three characters
        return False
    return node.tag != "template" and select_first(node, "template") is None


def _headline_position(index: PageIndex, title: str | None, texts: PageTexts | None = None) -> int:
    """Index position of the displayed headline, or -1."""
    node = _headline_node(index, title, texts or PageTexts())
    return index.position(node) if node is not None else -1


def _headline_node(index: PageIndex, title: str | None, texts: PageTexts) -> LexborNode | None:
    """The first indexed headline whose text is the title (ignoring case, spaces, punctuation)."""
    if title:
        target = texts.norm(title)
        for node, raw in bounded_texts(index.headlines, cache=texts.text_cache()):
            if len(raw) > MAX_TITLE_CHARS * 2 or _norm_bound(raw) < len(target):
                continue
            if texts.norm_of(node, raw) == target:
                return node
    return None


def bounded_texts(
    nodes: Sequence[LexborNode],
    separator: str = "",
    *,
    cache: dict[int, str] | None = None,
) -> Iterator[tuple[LexborNode, str]]:
    """(node, text) for candidate nodes, until a character budget is spent.

    Nested wrappers named like candidates ("tit" in 900 nested classes) would otherwise make
    reading their texts quadratic in the page size. With a ``cache`` (PageTexts.text_cache of
    the same separator), each node's text is read once however many finders ask for it.
    """
    spent = 0
    for node in nodes[:MAX_CANDIDATES]:
        if spent > TEXT_BUDGET_CHARS:
            return
        if cache is None:
            text = node_text(node, separator)
        else:
            key = node.mem_id
            cached = cache.get(key)
            if cached is None:
                cached = cache[key] = node_text(node, separator)
            text = cached
        spent += len(text)
        yield node, text


def node_text(node: LexborNode, separator: str = "") -> str:
    """node.text(separator=separator); without a separator, lexbor's own text content, the same
    string built in one pass in C (about twice as fast on wrappers)."""
    return node.text(separator=separator) if separator else node.text_lexbor()


def _site_nodes(doc: Document, selectors: Sequence[str]) -> list[LexborNode]:
    """First match of each site selector, in the hint's order."""
    nodes: list[LexborNode] = []
    for selector in selectors:
        node = select_first(doc.tree, selector)
        if node is not None:
            nodes.append(node)
    return nodes


# --- dates --------------------------------------------------------------------------------------


def find_dates(
    doc: Document,
    index: PageIndex,
    site: SiteHint | None,
    script: ScriptArticle | None,
    *,
    texts: PageTexts | None = None,
) -> tuple[DateValue | None, DateValue | None]:
    published: DateValue | None = None
    modified: DateValue | None = None
    if script is not None:
        published = _machine(script.published)
        modified = _machine(script.modified)
    if site is not None:
        for attr in site.dates:
            node = select_first(doc.tree, attr.selector)
            value = _machine(node.attributes.get(attr.attribute) if node is not None else None)
            if attr.kind == "published":
                published = published or value
            else:
                modified = modified or value
    if published and modified:
        return published, modified  # script data or site hint gave both: nothing else is read
    ld = doc.article_ld or {}
    meta_pub = _machine(_first_str(ld.get("datePublished"))) or _first_meta(doc, PUBLISHED_META)
    meta_mod = _machine(_first_str(ld.get("dateModified"))) or _first_meta(doc, MODIFIED_META)
    text_pub, text_mod = _labelled_dates(
        doc, index, page_scan=meta_pub is None and not published, texts=texts or PageTexts()
    )
    published = published or _agree(meta_pub, text_pub) or _time_element(index)
    modified = modified or _agree(meta_mod, text_mod)
    return published, modified


def _agree(machine: DateValue | None, shown: DateValue | None) -> DateValue | None:
    """Prefer the displayed date; take the machine value when it is the same minute (seconds)."""
    if machine is None:
        return shown
    if shown is None:
        return machine
    if _same_minute(machine, shown):
        return machine
    return shown


def _same_minute(a: DateValue, b: DateValue) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return abs((dates.to_kst(a) - dates.to_kst(b)).total_seconds()) < 60
    da = a.date() if isinstance(a, dt.datetime) else a
    db = b.date() if isinstance(b, dt.datetime) else b
    return da == db and not (isinstance(a, dt.datetime) and isinstance(b, dt.datetime))


def _machine(value: str | None) -> DateValue | None:
    return dates.parse_machine_date(value) if value else None


def _first_meta(doc: Document, keys: Iterable[str]) -> DateValue | None:
    for key in keys:
        value = _machine(doc.meta.get(key))
        if value is not None:
            return value
    return None


def _time_element(index: PageIndex) -> DateValue | None:
    for node in index.dates:
        if node.tag == "time" and node.attributes.get("datetime"):
            return _machine(node.attributes.get("datetime"))
    return None


def _labelled_dates(
    doc: Document, index: PageIndex, *, page_scan: bool, texts: PageTexts | None = None
) -> tuple[DateValue | None, DateValue | None]:
    """Labelled dates from date-like elements, else (when no machine-readable date exists)
    from the whole page text, which is slower."""
    texts = texts or PageTexts()
    published: DateValue | None = None
    modified: DateValue | None = None
    seen: set[str] = set()
    after_published = 0
    for _node, raw in bounded_texts(index.dates, separator=" ", cache=texts.text_cache(" ")):
        text = " ".join(raw.split())
        if not text or len(text) > MAX_DATE_ELEMENT_CHARS or text in seen:
            continue
        seen.add(text)
        pub, mod = _scan_labelled(text, texts)
        published, modified = published or pub, modified or mod
        if published is not None:
            after_published += 1
            # The modified date sits in the same line or right after it; stop looking there.
            if modified is not None or after_published > DATE_LOOKAHEAD_ELEMENTS:
                break
    if published is None and page_scan:
        body = doc.tree.body
        if body is not None:
            # Collapsed like an element's text: template indentation between a label and
            # its date ("입력 \n\t\t\t2023-03-29") would exceed the label gap.
            page_text = " ".join(body.text(separator=" ")[:MAX_PAGE_TEXT_CHARS].split())
            page_pub, page_mod = _scan_labelled(page_text, texts)
            published, modified = page_pub, modified or page_mod
    return published, modified


def _window_end(text: str, start: int) -> int:
    """Where a label's window ends: DATE_WINDOW_CHARS on, or past a date that runs over that
    point, which the cut would shorten to a day without its time (a later label's date)."""
    end = start + DATE_WINDOW_CHARS
    if end >= len(text):
        return end
    for match in dates.TEXT_DATE_RE.finditer(text, max(start, end - MAX_DATE_TEXT_CHARS), end):
        whole = dates.TEXT_DATE_RE.match(text, match.start(), end + MAX_DATE_TEXT_CHARS)
        if whole is not None and whole.end() > end:
            return whole.end()
    return end


def _scan_labelled(
    text: str, texts: PageTexts | None = None
) -> tuple[DateValue | None, DateValue | None]:
    if dates.DIGIT_RE.search(text) is None:
        return None, None  # every labelled date has a digit
    find = texts.labelled_dates if texts is not None else dates.find_labelled_dates
    published: DateValue | None = None
    modified: DateValue | None = None
    last_end = -1
    for match in DATE_LABEL_RE.finditer(text):
        start = match.start()
        if start < last_end:
            continue
        found = find(text[start : _window_end(text, start)])
        if not found:
            continue
        last_end = start + DATE_WINDOW_CHARS // 2
        for item in found:
            if item.kind == "published" and published is None:
                published = item.value
            elif item.kind == "modified" and modified is None:
                modified = item.value
        if published is not None and modified is not None:
            break
    return published, modified


# --- authors ------------------------------------------------------------------------------------


def find_authors(
    doc: Document,
    index: PageIndex,
    site: SiteHint | None,
    script: ScriptArticle | None,
    title: str | None,
    *,
    texts: PageTexts | None = None,
) -> list[Author]:
    if script is not None and script.bylines:
        found = bylines.merge_authors(*(bylines.parse_byline(b) for b in script.bylines))
        if found:
            return found
    texts = texts or PageTexts()
    site_nodes = select(doc.tree, ", ".join(site.byline)) if site and site.byline else []
    for nodes in (site_nodes, index.bylines):
        groups = []
        seen: set[str] = set()  # nested byline elements repeat the same text
        for _node, raw in bounded_texts(nodes, separator=" ", cache=texts.text_cache(" ")):
            if len(raw) < 2:
                continue  # collapsing whitespace never lengthens a text
            text = " ".join(raw.split())
            if 2 <= len(text) <= MAX_BYLINE_ELEMENT_CHARS and text not in seen:
                seen.add(text)
                groups.append(texts.parse_byline(text))
        found = _prefer_roled(bylines.merge_authors(*groups))
        if found:
            return _fill_emails(found, index, texts)
    found = _bylines_near_headline(index, title, texts) or _author_links(doc)
    if found:
        return found
    ld = doc.article_ld or {}
    found = bylines.merge_authors(*(bylines.parse_byline(n) for n in _ld_names(ld.get("author"))))
    if found:
        return found
    for key in AUTHOR_META:
        values = doc.meta_all.get(key, ())
        found = bylines.merge_authors(*(bylines.parse_byline(v) for v in values))
        if found:
            return found
    return []


def _fill_emails(
    authors: list[Author], index: PageIndex, texts: PageTexts | None = None
) -> list[Author]:
    """Header bylines often omit the e-mail that a reporter box further down shows."""
    if all(a.email for a in authors):
        return authors
    texts = texts or PageTexts()
    extra: list[Author] = []
    for _node, raw in bounded_texts(index.bylines, separator=" ", cache=texts.text_cache(" ")):
        if "@" not in raw:
            continue  # collapsing whitespace keeps every "@"
        text = " ".join(raw.split())
        if len(text) <= MAX_EMAIL_BOX_CHARS:
            extra.extend(a for a in texts.parse_byline(text) if a.email)
    names = {a.name for a in authors}
    return bylines.merge_authors(authors, [a for a in extra if a.name in names])


def _byline_hint(text: str) -> bool:
    """Cheap pre-check before the byline parser: an e-mail or a role word is present."""
    return "@" in text or bylines.has_role_word(text)


def _prefer_roled(authors: list[Author]) -> list[Author]:
    """When some names carry a role or e-mail, bare names beside them are button residue."""
    roled = [a for a in authors if a.role or a.email]
    return roled or authors


def _bylines_near_headline(
    index: PageIndex, title: str | None, texts: PageTexts | None = None
) -> list[Author]:
    """Short "이름 기자" lines in the headline's block (templates without byline class names)."""
    if not title:
        return []
    texts = texts or PageTexts()
    target = texts.norm(title)
    for node, raw in bounded_texts(index.headlines, cache=texts.text_cache()):
        if node.tag not in ("h1", "h2", "h3") or len(raw) > MAX_TITLE_CHARS * 2:
            continue
        if _norm_bound(raw) < len(target) or texts.norm_of(node, raw) != target:
            continue
        block = node.parent.parent if node.parent is not None else None
        if block is None:
            return []
        # A leaf's text is part of the block's: no hint in the block, none in its leaves.
        if not _byline_hint(block.text_lexbor()):
            return []
        for count, child in enumerate(select(block, "*")):
            if count >= MAX_CANDIDATES * 4:
                break
            if next(child.iter(), None) is not None:  # leaf elements only
                continue
            found = _roled_byline(child.text_lexbor())
            if found:
                return found
        return []
    return []


def _author_links(doc: Document) -> list[Author]:
    """Reporters named by links to their pages, for templates without byline class names."""
    body = doc.tree.body
    if body is None:
        return []
    links = select(body, AUTHOR_LINK_SELECTOR)[:MAX_AUTHOR_LINKS]
    return bylines.merge_authors(*(_roled_byline(link.text_lexbor()) for link in links))


def _roled_byline(raw: str) -> list[Author]:
    """People in a short byline-like text, only those with a role word or an e-mail (a bare
    name outside a byline element may be anyone)."""
    # A role word or "@" has no whitespace inside: collapsing keeps or lacks it alike.
    if not _byline_hint(raw):
        return []
    text = " ".join(raw.split())
    if not 2 <= len(text) <= MAX_BYLINE_ELEMENT_CHARS:
        return []
    return [a for a in bylines.parse_byline(text) if a.role or a.email]


def _ld_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:20]:
        if isinstance(item, str):
            names.append(item)
        elif (
            isinstance(item, dict)
            and isinstance(item.get("name"), str)
            and item.get("@type") not in ("Organization", "NewsMediaOrganization")
        ):
            names.append(item["name"])
    return names


# --- outlet, canonical ---------------------------------------------------------------------------


def find_outlet(doc: Document) -> str | None:
    name = doc.meta.get("og:site_name")
    if not name:
        ld = doc.article_ld or {}
        publisher = ld.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            name = publisher["name"]
    if not name:
        portal = doc.meta.get("og:article:author")  # Naver: "뉴시스 | 네이버"
        name = portal.split("|")[0] if portal else None
    return " ".join(name.split()) if name else None


def _canonical(doc: Document) -> str | None:
    return doc.canonical or doc.meta.get("og:url") or None


def _first_str(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and isinstance(value[0], str):
        return value[0]
    return None
