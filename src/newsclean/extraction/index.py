"""One walk over the page's named elements, sorted into the lists later phases read.

Every ``css()`` call walks the whole tree, and a dozen of them cost more than parsing the
page. Instead, the elements with a class or id (plus headings and <time>) are visited once
and classified by their names; each distinct class/id string is classified only once.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean.extraction import patterns as P

# Candidates found by lexbor in C, in one walk: a Python loop over every named element costs
# more than parsing the page. The substring selectors mirror the word lists below, which
# then sort the few matches by role (once per distinct class/id string). A word that contains
# a listed one needs no selector of its own ("stit" has "tit", "update" has "date"): each
# selector costs a pass over every node.
INDEX_SELECTOR = ", ".join(
    ["h1", "h2", "h3", "time", "[itemprop=author]", "[rel=author]", "[hidden]"]
    + [f"[class*={w} i]" for w in ("tit", "headline", "sub", "summary", "lead", "precis")]
    + ["[class*=deck i]"]
    + [f"[class*={w} i]" for w in ("journalist", "reporter", "byline", "writer", "author")]
    + [f"[class*={w} i]" for w in ("editor", "date", "time", "info", "regist", "publish")]
    + ["[id*=title i]", "[id*=reporter i]", "[id*=byline i]"]
    + ["[id*=writer i]", "[id*=date i]", "[id*=time i]", "[style*=none i]", "[style*=hidden i]"]
)

# Substrings of class / id names (CSS [class*=…] semantics, lower-cased) per role.
HEADLINE_CLASS_WORDS = ("tit", "headline")
HEADLINE_ID_WORDS = ("title",)
BYLINE_CLASS_WORDS = ("journalist", "reporter", "byline", "writer", "author", "editor")
BYLINE_ID_WORDS = ("reporter", "byline", "writer")
DATE_CLASS_WORDS = ("date", "time", "info", "byline", "regist", "publish", "update")
DATE_ID_WORDS = ("date", "time")

# Parts of a class token (split on "-" and "_") that name a deck: the summary lines under
# the headline ("subheading", "view_sub", "media_end_summary", "mid_title", "news-view-lead").
SUBTITLE_PARTS = frozenset(
    """sub subtitle subtit subheading subhead stit deck summary lead precis midtitle""".split()
)  # fmt: skip
SUBTITLE_TOKENS = frozenset({"mid_title", "tit-sub", "sub_tit", "sub-title", "sub_title"})

# ... unless the token also names navigation or a list ("sub_menu", "sub-nav", "lead-list").
NOT_SUBTITLE_PARTS = frozenset(
    "menu nav gnb lnb snb list tab tabs btn button banner search link links area wrap".split()
)

HEADING_TAGS = frozenset({"h1", "h2", "h3"})

# Roles as bits, so one classification per distinct class/id string serves every list.
HEADLINE, SUBTITLE, BYLINE, DATE = 1, 2, 4, 8


@dataclass(frozen=True)
class PageIndex:
    headlines: tuple[LexborNode, ...]  # h1-h3 and title-named elements, document order
    subtitles: tuple[LexborNode, ...]
    bylines: tuple[LexborNode, ...]
    dates: tuple[LexborNode, ...]
    hidden: tuple[LexborNode, ...]
    order: dict[int, int]  # mem_id -> position in document order among indexed nodes

    def position(self, node: LexborNode) -> int:
        return self.order.get(node.mem_id, -1)


def build_index(tree: LexborHTMLParser) -> PageIndex:
    body = tree.body
    headlines: list[LexborNode] = []
    subtitles: list[LexborNode] = []
    bylines: list[LexborNode] = []
    dates: list[LexborNode] = []
    hidden: list[LexborNode] = []
    roles_of: dict[tuple[str | None, str | None], int] = {}  # one classification per name pair
    order: dict[int, int] = {}
    for node in body.css(INDEX_SELECTOR) if body is not None else ():
        mem_id = node.mem_id
        if mem_id in order:
            continue  # lexbor returns a node once per selector of the list it matches
        order[mem_id] = len(order)
        attrs = node.attributes
        key = (attrs.get("class"), attrs.get("id"))
        roles = roles_of.get(key)
        if roles is None:
            roles = roles_of[key] = _classify(key[0] or "", key[1] or "")
        tag = node.tag
        if tag in HEADING_TAGS:
            roles |= HEADLINE
        elif tag == "time":
            roles |= DATE
        if attrs.get("itemprop") == "author" or attrs.get("rel") == "author":
            roles |= BYLINE
        if roles:
            if roles & HEADLINE:
                headlines.append(node)
            if roles & SUBTITLE:
                subtitles.append(node)
            if roles & BYLINE:
                bylines.append(node)
            if roles & DATE:
                dates.append(node)
        if "hidden" in attrs or ("style" in attrs and _hidden_style(attrs["style"])):
            hidden.append(node)
    return PageIndex(
        headlines=tuple(headlines),
        subtitles=tuple(subtitles),
        bylines=tuple(bylines),
        dates=tuple(dates),
        hidden=tuple(hidden),
        order=order,
    )


def _classify(cls: str, ident: str) -> int:
    roles = 0
    if cls:
        low = cls.lower()
        if _has_any(low, HEADLINE_CLASS_WORDS):
            roles |= HEADLINE
        if _has_any(low, BYLINE_CLASS_WORDS):
            roles |= BYLINE
        if _has_any(low, DATE_CLASS_WORDS):
            roles |= DATE
        if any(_is_deck_token(token) for token in low.split()):
            roles |= SUBTITLE
    if ident:
        low = ident.lower()
        if _has_any(low, HEADLINE_ID_WORDS):
            roles |= HEADLINE
        if _has_any(low, BYLINE_ID_WORDS):
            roles |= BYLINE
        if _has_any(low, DATE_ID_WORDS):
            roles |= DATE
    return roles


def _is_deck_token(token: str) -> bool:
    if token in SUBTITLE_TOKENS:
        return True
    parts = set(token.replace("-", "_").split("_"))
    return bool(parts & SUBTITLE_PARTS) and not parts & NOT_SUBTITLE_PARTS


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def _hidden_style(style: str | None) -> bool:
    return bool(style) and P.HIDDEN_STYLE_RE.search(style or "") is not None
