"""Named heuristics for the body extractor: tag sets, class/id tokens, noise lines, thresholds.

Every constant says in one line why it exists; tests/unit/test_patterns.py exercises each.
Date and byline patterns live in dates.py and bylines.py, next to the code that reads them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

# --- tags -------------------------------------------------------------------------------------

# Never text a reader sees: code and media. Stripped as soon as script data has been read,
# so every later text scan is cheaper.
CODE_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "video", "audio", "map", "head", "link", "meta",
)  # fmt: skip

# Page chrome and form controls: stripped before the body is searched (after metadata, since
# some templates keep the byline or date inside <footer> or <aside>).
CHROME_TAGS: tuple[str, ...] = (
    "button", "select", "textarea", "input", "option", "nav", "aside", "footer", "figcaption",
    "dialog",
)  # fmt: skip

# Widget-named nodes examined per page at most: bounds the work on pathological nesting.
MAX_WIDGET_CHECKS = 5000

# Characters of trap-candidate text read per page at most (nested wrappers re-read the page).
TRAP_TEXT_BUDGET_CHARS = 4_000_000

# The same bound for widget candidates inside the chosen container.
WIDGET_TEXT_BUDGET_CHARS = 1_000_000

# Text inside these belongs to the nearest block ancestor when scoring paragraphs.
INLINE_TAGS: frozenset[str] = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "font",
        "i",
        "kbd",
        "mark",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "label",
    ]
)

# Tags whose start or end breaks a paragraph when the container is turned into text.
BLOCK_TAGS: tuple[str, ...] = (
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "tbody", "thead",
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "header", "figure",
    "pre", "hr", "main", "center", "address",
)  # fmt: skip

# --- class and id tokens ----------------------------------------------------------------------

# Parts of class/id names (split on space, '-', '_', camelCase; digits may follow). Matching
# whole parts, not substrings, keeps "adopseo" or "shadow" from matching "ad".
#
# Page-level traps: blocks with prose of their own that can outscore a short article
# (comments, side lists, related stories). Removed from the whole page before scoring.
TRAP_NAME_PARTS: frozenset[str] = frozenset(
    """comment comments reply replies cmt sidebar footer related relation relate recommend
    recommended popular ranking breadcrumb breadcrumbs gnb lnb snb menu nav navi login
    signup subscribe newsletter weather outbrain taboola""".split()
)  # fmt: skip

# Widgets inside the article: removed only within the chosen container.
JUNK_NAME_PARTS: frozenset[str] = frozenset(
    """ad ads adsense advert advertisement banner banners promotion promo sponsor sponsored
    sns share sharing social copyright copy byline reporter journalist writer editor author
    profile caption thumb photo img_desc desc vod player video tag tags hashtag keyword
    keywords widget print fontsize scrap bookmark tool tools util utility btn button toolbar
    pagination paging prev next popup modal toast dim blind hide hidden skip sr offscreen tts
    audio mask survey poll vote counter visitor donation support paypal kakao facebook
    twitter band hot best most rank member""".split()
    + list(TRAP_NAME_PARTS)
)  # fmt: skip

# Name parts that mark the article itself; with enough text they veto removal of a node
# named like junk ("detail-body font-size") and they raise a candidate's score.
CONTENT_NAME_PARTS: frozenset[str] = frozenset(
    """article articlebody articletxt body content contents cont newsbody newstext story
    text txt viewcon entry post main detail read dic""".split()
)  # fmt: skip


# Characters besides its other case that sre's IGNORECASE matches to an ASCII letter (checked
# over every code point in tests/unit/test_patterns.py): explicit case classes must accept
# exactly what case-insensitive matching did.
_EXTRA_FOLDS = {"i": "İı", "k": "\u212a", "s": "ſ"}


def case_variants(char: str) -> list[str]:
    """Every character that ``char`` matches under IGNORECASE."""
    found = {char, char.lower(), char.upper(), *_EXTRA_FOLDS.get(char.lower(), "")}
    return sorted(c for c in found if len(c) == 1)


def _name_part_re(words: frozenset[str]) -> re.Pattern[str]:
    """One regex that finds any of ``words`` as a whole part of a class/id string.

    Parts are separated by space, "-", "_" or a camelCase hump; digits may follow a word.
    The words are a trie of explicit case classes ("[aA](?:[dD]...)"), not an (?i)
    alternation: the regex engine skips a branch after one class test instead of entering
    each of ~130 words at every part start (4x faster, the same matches).
    """
    return re.compile(
        r"(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))" + _word_trie(words) + r"\d*(?![a-z0-9])"
    )


def _word_trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` (lower case) as nested groups on shared prefixes."""
    rests: dict[str, list[str]] = {}
    ends_here = False
    for word in words:
        if word:
            rests.setdefault(word[0], []).append(word[1:])
        else:
            ends_here = True
    branches = [_case_class(c) + _word_trie(rest) for c, rest in sorted(rests.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if ends_here else body


def _case_class(char: str) -> str:
    if not char.isalpha():
        return re.escape(char)
    return "[" + "".join(case_variants(char)) + "]"


# The word sets as single regexes: one C-level search per class/id string.
TRAP_NAME_RE = _name_part_re(TRAP_NAME_PARTS)
JUNK_NAME_RE = _name_part_re(JUNK_NAME_PARTS)
CONTENT_NAME_RE = _name_part_re(CONTENT_NAME_PARTS)


# A widget-named node that is also named like content ("detail-body font-size") and holds
# this much text is the article wrapper, not a widget.
CONTENT_VETO_CHARS = 200

# A trap-named node that holds the headline or a schema.org body is a page wrapper (see
# index.keep), and so is a layout-named one ("has-sidebar", "menu-open") that holds more than
# this share of the page's text. Comment threads get no such pass: long threads outgrow articles.
TRAP_MAX_PAGE_SHARE = 0.6
COMMENT_NAME_RE = re.compile(r"comment|reply|replies|cmt", re.I)

# A junk-named node with more text than this is kept anyway: wrappers are sometimes
# named after a widget they also contain, and losing an article is worse than keeping a bar.
JUNK_MAX_TEXT_CHARS = 1500

# ... unless most of that text is links (a related-news list with summaries).
JUNK_LINK_DENSITY = 0.5

# On pages past the many-tags gate, a junk-named node with more text than this is kept
# without the link check: no link list is that long, and nested wrappers of a hostile page
# would each serialise the rest of the page again for it.
MANY_TAGS_MAX_WIDGET_CHARS = 20_000

# ... and the link check there serialises at most this much markup per container in all:
# markup-heavy nested wrappers hold little text but megabytes of tags.
LINK_MARKUP_BUDGET_CHARS = 2_000_000

# Inline styles that hide an element from readers (KBS keeps a hidden duplicate of the body).
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# --- paragraph scoring ------------------------------------------------------------------------

# Text shorter than this in one block is not evidence of article prose.
MIN_BLOCK_CHARS = 20

# A block whose text is mostly links is navigation, not prose.
MAX_BLOCK_LINK_DENSITY = 0.5

# Each 100 characters of prose adds a point, capped, so one huge block cannot win alone.
CHARS_PER_POINT = 100
MAX_LENGTH_POINTS = 3

# Sentence-ish punctuation counted per text run (",", ". ", "다."): Korean prose ends
# sentences in "다." and both languages separate clauses with commas.

# Score bonus/penalty for a candidate named like content / like chrome.
NAME_WEIGHT = 25.0

# A schema.org articleBody with this much text is trusted without scoring the page.
TRUSTED_SCHEMA_CHARS = 500

# Class names that hide an element (checked on a chosen container and its ancestors).
HIDDEN_NAME_RE = re.compile(r"(?:^|\s)(?:hide|hidden|blind|sr-only|screen_out|d-none)(?:\s|$)")

# A selector match with less text than this is treated as a fragment, not the body.
MIN_CONTAINER_CHARS = 80

# --- line filters ------------------------------------------------------------------------------
#
# The noise heuristics below are LineRegexes: each is one regex, documented and tested on its own
# (tests/unit/test_patterns.py), but the extractor never runs them one by one. lines.py runs the
# AnyOf checks at the end of this module, built from their sources, so a heuristic's own regex is
# compiled only when something asks for it alone (tests, scripts/trace_page.py).


class LineRegex:
    """A regex compiled on first use, with the methods of ``re.Pattern``: the first call
    stores the compiled pattern's own methods on the instance, so later calls cost what they
    would on the pattern. (dates.lazy_compile hands these out for the date and byline regexes.)

    ``needs``: substrings one of which every line the regex finds holds. AnyOf tests a line
    for them (a C-level ``in``) before it runs the regex, for a regex that is slow to fail.
    """

    _METHODS = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer")

    def __init__(self, pattern: str, flags: int = 0, *, needs: tuple[str, ...] = ()) -> None:
        self.pattern = pattern
        self.flags = flags
        self.needs = needs

    @property
    def compiled(self) -> bool:
        """Whether something has used the regex (and so compiled it)."""
        return "search" in self.__dict__

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compile().search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compile().match(text, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # no compiling for protocol or private look-ups
            raise AttributeError(name)
        return getattr(self._compile(), name)

    def _compile(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self.flags)
        for method in self._METHODS:
            setattr(self, method, getattr(compiled, method))
        return compiled


# Copyright / reuse-ban lines: the most reliable end-of-article marker on every outlet.
COPYRIGHT_RE = LineRegex(
    r"저작권자\s*[ⓒ©(]|copyrights?\s*[ⓒ©Ⓒ(]|\(c\)\s*\S|무단\s*전재|재배포\s*금지|무단\s*복제"
    r"|AI\s*(?:학습|데이터)|All\s+rights\s+reserved|[ⓒ©Ⓒ]\s*\S{1,30}(?:일보|신문|뉴스|방송|경제|닷컴|\.co\.kr|\.com)",
    re.I,
)

# A bare copyright sign with a short credit ("© Getty Images") marks a photo credit: the line
# goes, the article goes on. (Every line it finds has a sign; most lines have none.)
CREDIT_SIGN_RE = LineRegex(r"^.{0,40}[ⓒ©Ⓒ].{0,40}$", needs=("ⓒ", "©", "Ⓒ"))

# A copyright line is short; a long paragraph that mentions 무단 전재 is news about copyright.
MAX_COPYRIGHT_LINE_CHARS = 160

# Headers of related-news or recommendation lists: everything after them is not the article.
RELATED_HEADER_RE = LineRegex(
    r"^[\[【<〈(]?\s*(?:[▶▷◆◇■□●○★☆※☞]\s*)?"
    r"(?:관련\s*(?:기사|뉴스)|연관\s*기사|인기\s*(?:기사|뉴스)|많이\s*본\s*(?:기사|뉴스)|추천\s*기사"
    r"|주요\s*뉴스|최근\s*주요\s*기사|이\s*시각\s*많이\s*본|핫\s*클릭|이\s*기자의\s*다른\s*(?:기사|뉴스)"
    r"|기자의\s*다른\s*기사|해당분야별\s*기사|가장\s*많이\s*읽은|댓글\s*많은\s*기사|실시간\s*최신\s*뉴스"
    r"|Related\s+(?:articles|stories|news))"
    r"(?![^\n]{0,30}(?:다|요)[.!?]?\s*$)[^\n]{0,30}$",  # a header, not a sentence about news
    re.I,
)

# Promo, subscription and tip lines; "▶" and "☞" lead promos, not mid-heads ("◇", "■" do).
PROMO_RE = LineRegex(
    r"^[▶▷☞]|구독\s*하기|바로\s*가기\s*[>›▶]?$|카카오톡\s*okjebo|제보는\s*카카오톡|기사\s*제보\s*및\s*보도"
    r"|뉴스\s*스탠드에서|네이버\s*(?:메인|홈)에서|앱\s*지금\s*바로|당신의\s*제보가|원고료로\s*응원"
    r"|^\[?사진\s*영상\s*제보|제보[^.\n]{0,30}기다립니다|기사\s*어(?:땠|떠셨)나요|후속\s*기사\s*원해요"
    r"|(?:의견|댓글)을\s*남겨\s*주세요|첫\s*댓글을|^AI\s*요약|요약\s*(?:은|는)?\s*(?:인공지능|AI|OpenAI)"
    r"|AI가\s*요약한|^(?:Sign up|Subscribe)\b|전체\s*보기\s*[>›▶]?$",
    re.I,
)

# Promo labels that are also ordinary words ("무료 구독", "댓글 작성"): noise only as a whole
# short label line, never inside a sentence.
PROMO_LABEL_RE = LineRegex(
    r"^[\s\[(■□●○◆◇]*(?:기사\s*제보(?:하기)?|제보\s*하기|기사\s*후원(?:하기)?|후원\s*하기"
    r"|무료\s*구독(?:하기)?|뉴스레터\s*(?:신청|구독)(?:하기)?|댓글\s*(?:쓰기|작성)(?:하기)?"
    r"|기자\s*정보)[\s\])]*$"
)

# Lines made only of tool labels (share, font size, print, scrap, vote counters, comments).
# A line splits into labels one way ("가" once per 가, the spaces after a label its own; only
# the letters before "(으)로 기사 보내기" may split a few ways): a regex that can split a line
# many ways backtracks exponentially on a long run of labels that ends in something else.
# ("기사 기사 공유" is the optional 기사 before "기사 공유".)
# "(?-i:[가-힣A-Za-zİıſ\u212a])" is "[가-힣A-Za-z]" under IGNORECASE (Hangul has no case; the
# other three fold to i, s, k) written as one class without it: it compiles 3x faster, and sre
# counts a one-class repeat in one C loop and looks for the "(" after it without backtracking.
TOOL_WORDS_RE = LineRegex(
    r"^\s*(?:(?:기사\s*기사\s*(?:스크랩|공유)(?:하기)?|(?:기사\s*)?(?:글자\s*크기|글씨\s*크기"
    r"|폰트\s*크기|본문\s*글씨\s*(?:키우기|줄이기)|글자(?:크기)?(?:확대|축소)|기사글(?:확대|축소)|가"
    r"|인쇄(?:하기)?|프린트(?:하기)?|프린터|스크랩(?:하기)?|이메일(?:\s*(?:문의|보내기))?|메일\s*보내기"
    r"|공유(?:하기)?|URL\s*복사|링크\s*복사|본문\s*복사|주소\s*복사|페이스북|트위터|카카오톡"
    r"|카카오\s*스토리|네이버\s*블로그|네이버|밴드|핀터레스트|라인|싸이월드\s*공감|싸이월드|엑스|텔레그램"
    r"|북마크|책갈피|작게|크게|읽기\s*모드|다크\s*모드|음성\s*재생|자동\s*재생|번역|beta|좋아요|쪽지"
    r"|신고(?:하기)?"
    r"|SNS\s*(?:기사\s*)?보내기|다른\s*공유\s*찾기|닫기|댓글|트위터로\s*보내기"
    r"|(?-i:[가-힣A-Za-zİıſ\u212a]){1,8}\(으\)로\s*기사\s*보내기|(?:올려|내려|추천|반대|공감)\s*\d+"
    r"|댓글\s*\d+|조회\s*(?:수\s*)?\d[\d,]*|좋아요\s*\d+|\|))\s*)+$",
    re.I,
)

# Photo captions and credits that survive DOM removal as their own lines.
CAPTION_RE = LineRegex(
    r"^(?:[▲△▼]|\[?사진\s*[=:]|\(사진\s*[=:]|\[?사진\s*출처|\[?사진\s*제공|사진제공\s*:|<사진"
    r"|\[?(?:그래픽|자료|영상|출처)\s*=|이미지\s*(?:원본\s*)?(?:보기|확대)|원본\s*보기|큰\s*사진\s*보기"
    r"|사진\s*확대|관련\s*사진\s*보기|Video\s+Player|동영상\s*(?:뉴스|재생)|TV\s*플레이어"
    r"|동영상\s*영역\s*(?:시작|끝))"  # a video player's screen-reader marks
    r"|^\((?:사진|영상)\s*[=:][^)]{0,80}\)$|^\[(?:사진|영상)\s*[=:][^\]]{0,80}\]$",
    re.I,
)

# A photo credit naming an agency: "홍길동/뉴시스", "사진=연합뉴스". (The regexes below begin
# with a repeat, slow to fail on every line: their ``needs`` skip lines without the sign.)
AGENCY_CREDIT_RE = LineRegex(
    r"^\S{0,20}\s*[/=]\s*(?:연합뉴스|뉴시스|뉴스1|사진|AP|AFP|로이터|EPA|게티이미지)\S{0,10}$",
    re.I,
    needs=("/", "="),
)

# A credit alone: "가명소방본부 제공", "가명역 전경 [가명철도 제공]" (short, no sentence), or
# after a caption: "... 대여소 / 가명시 제공".
CREDIT_LINE_RE = LineRegex(
    r"^[^\s.!?]{2,20}\s?제공$|^[^.!?]{0,60}[\[(][^\[\]()]{1,20}\s?제공[\])]$"
    r"|\s/\s?[^\s/]{1,15}\s?제공\)?$",
    re.I,
    needs=("제공",),
)

# The wire services' photo-caption signature (Yonhap, Newsis: "... photo@newsis.com *재판매 및
# DB 금지"). A caption can be long, and one inline caption runs into the paragraph after it:
# lines.py cuts a line after the signature, then drops the caption part.
# The signature with the closing marks that may follow it; a caption line ends with this.
WIRE_CAPTION_END_RE = re.compile(r"재판매\s*및\s*DB\s*금지[\s.)\]】」]{0,3}")
# Captions are shorter than this; a longer line ending in the signature is still prose.
MAX_WIRE_CAPTION_CHARS = 400

# Site chrome that leaks when the container is too wide (login bars, clocks, forms, counters).
CHROME_RE = LineRegex(
    r"무통장\s*입금|입금자\s*명|입금\s*예정\s*일자|입금할\s*금액|현재\s*접속자|검색\s*할\s*기사를"
    r"|해당\s*섹션에\s*뉴스가\s*없습니다|관련\s*뉴스가\s*없습니다|등록된\s*(?:기사|댓글)이\s*없습니다"
    r"|기사\s*읽어\s*주기|Please\s+activate\s+JavaScript|Video\s*태그를\s*지원하지"
    r"|Your\s+browser\s+does\s+not|^UPDATED\.\s*\d|^최종\s*편집\s*:?\s*\d|^(?:HOME|홈|뉴스\s*홈)\s*>"
    r"|^현재\s*위치\s*[>:]|^\[광고\]|^(?:제호|대표\s*전화|대표\s*이메일|등록\s*번호|발행인|편집인"
    r"|청소년\s*보호\s*책임자|사업자\s*등록\s*번호)\s*[:：]",
    re.I,
)

# A line made only of account/navigation labels ("로그인 | 회원가입", "전체기사 기사제보 광고문의").
# Spaces belong to the label before them (and after a separator, to the label after it): see
# TOOL_WORDS_RE on splitting a line one way only.
CHROME_LABELS_RE = LineRegex(
    r"^\s*(?:(?:로그인|회원\s*가입|로그아웃|마이\s*페이지|모바일\s*웹|PC\s*버전|처음으로|전체\s*기사"
    r"|기사\s*검색|광고\s*문의|기사\s*제보|현재\s*위치|티커\s*뉴스|ADVERTISEMENT|AD|광고|\[광고\]"
    r"|OFF|ON|HOME|홈)\s*(?:[|>:·/](?:\s+(?=\S))?)?)+$",
    re.I,
)

# A line that is a weather widget: a sky word, maybe a city, and a temperature.
WEATHER_RE = LineRegex(
    r"^(?:맑음|흐림|구름\s*많음|구름\s*조금|비|눈|소나기|안개|황사|박무|연무)"
    r"(?:\s+[가-힣]{1,6}){0,2}\s*-?\d{1,2}(?:\.\d)?\s*°\s*C?$"
)

# Prev/next list items: a headline followed by a parenthesised timestamp.
LISTING_LINE_RE = LineRegex(r"\(\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}(?::\d{2})?\)$")

# Truncated teaser titles in side lists end with an ellipsis right after a few characters.
TEASER_RE = LineRegex(r"^\[[^\]]{1,20}\].{1,30}(?:\.\.\.|…)$")

# Hashtag rows ("#경제 #부동산") are navigation.
HASHTAG_LINE_RE = LineRegex(r"^(?:#[^\s#]{1,30}\s*){1,}$")

# The wire-service end mark.
END_MARK_RE = re.compile(r"\s*[(（]끝[)）]\s*$")

# A bare email address on its own line is the reporter's contact.
EMAIL_LINE_RE = re.compile(r"^[\s(<\[]*[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}[\s)>\]]*$")

# A line with sentence-ending Korean prose is article text even when short: it ends in 다, 요, 죠
# or 까 ("니다", "습니다" included), maybe one of ".?!", then maybe closing quotes or brackets.
SENTENCE_END_CHARS = ("다", "요", "죠", "까")
SENTENCE_END_PUNCT = (".", "?", "!")
SENTENCE_CLOSERS = "\"'”’」』)"


def ends_sentence(text: str) -> bool:
    """What ``re.search(r'[다요죠까][.?!]?["'”’」』)]*$', text)`` finds, without a regex search
    (which would try every 다 of the line). Like ``$``, a final newline is skipped."""
    text = text.removesuffix("\n").rstrip(SENTENCE_CLOSERS)
    if text.endswith(SENTENCE_END_PUNCT):
        text = text[:-1]
    return text.endswith(SENTENCE_END_CHARS)


# Cut at a copyright line only after this share of the body, so a leading credit cannot erase it.
MIN_CUT_POSITION = 1


# --- combined line checks ----------------------------------------------------------------------


class AnyOf:
    """Whether any of some LineRegexes finds a line (``search``), in at most two C-level calls.

    The regexes' top-level alternatives are split in two. Those anchored at the line start
    ("^...") are joined, without the "^", into ``lead``, tried once with ``match``. The others
    are joined into ``scan``, each rewritten to begin with one literal, case-less character
    ("AI가" becomes "A(?i:I가)" and "a(?i:I가)"; "[ⓒ©]x" becomes "ⓒx" and "©x"). sre gives a
    search regex of that shape a first-character scan (its "charset prefix"): it jumps to the
    positions holding one of those characters instead of trying every alternative at every
    position, about ten times faster on a prose line. Regexes with ``needs`` get a lead and a
    scan of their own per ``needs``, run only on lines that hold one of them (``guarded``).
    ``hits(text)`` is exactly ``any(r.search(text) for r in regexes)``;
    tests/unit/test_lines_fast.py checks that.
    """

    __slots__ = ("_guarded", "_match", "_search", "lead", "regexes", "scan")

    def __init__(self, *regexes: LineRegex) -> None:
        for regex in regexes:
            if regex.flags not in (0, re.I):
                raise ValueError(f"only IGNORECASE is supported: {regex.pattern!r}")
        self.regexes = regexes
        self.lead, self.scan = _joined([r for r in regexes if not r.needs])
        self._match, self._search = _matchers(self.lead, self.scan)
        groups: dict[tuple[str, ...], list[LineRegex]] = {}
        for regex in regexes:
            if regex.needs:
                groups.setdefault(regex.needs, []).append(regex)
        # (needle, match, search), one per needle: a line with two needles of a group may
        # run the group twice, which is rare and costs less than a loop per group.
        guarded: list[tuple[str, Callable[[str], object], Callable[[str], object]]] = []
        for needs, group in groups.items():
            match, search = _matchers(*_joined(group))
            guarded += [(needle, match, search) for needle in needs]
        self._guarded = tuple(guarded)

    def hits(self, text: str) -> bool:
        if self._match(text) is not None or self._search(text) is not None:
            return True
        for needle, match, search in self._guarded:
            if needle in text and (match(text) is not None or search(text) is not None):
                return True
        return False


def _joined(regexes: Sequence[LineRegex]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The anchored alternatives of ``regexes`` as one regex for ``match``, the others as one
    literal-led regex for ``search`` (None when there are none)."""
    anchored: list[str] = []
    floating: list[str] = []
    for regex in regexes:
        for alternative in _alternatives(regex.pattern):
            if alternative.startswith("^"):
                anchored.append(_scoped(alternative[1:], regex.flags))
            else:
                floating.extend(_literal_led(alternative, regex.flags))
    lead = re.compile("|".join(anchored)) if anchored else None
    scan = re.compile(_by_first_character(floating)) if floating else None
    return lead, scan


def _by_first_character(led: list[str]) -> str:
    """Literal-led alternatives joined, those with one first character under it ("무(?:a|b)"):
    sre tries an alternation's branches one by one at each position its scan stops at."""
    tails: dict[str, list[str]] = {}
    for alternative in led:
        n = 2 if alternative.startswith("\\") else 1
        tails.setdefault(alternative[:n], []).append(alternative[n:])
    return "|".join(
        first + (f"(?:{'|'.join(rest)})" if len(rest) > 1 else rest[0])
        for first, rest in tails.items()
    )


def _matchers(
    lead: re.Pattern[str] | None, scan: re.Pattern[str] | None
) -> tuple[Callable[[str], object], Callable[[str], object]]:
    return (lead.match if lead else _never), (scan.search if scan else _never)


def _never(text: str) -> None:
    return None


def _scoped(source: str, flags: int) -> str:
    return f"(?i:{source})" if flags & re.I else f"(?:{source})"


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex source ("a|(?:b|c)" -> "a", "(?:b|c)")."""
    parts: list[str] = []
    start = depth = i = 0
    in_class = False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += pattern.startswith("^", i + 1)  # a negated class
            i += pattern.startswith("]", i + 1)  # "]" first in a class is a literal
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


# The first token of an alternative that _literal_led can rewrite.
_LEAD_RE = re.compile(
    r"""(?P<space>\\s)(?=[^\\.^$*+?{}\[\]|()]|\\[^A-Za-z0-9])   # \s before a literal
      | \[(?P<chars>[^]\\^-][^]\\-]*)\]                     # a class of plain characters
      | \(\?:(?P<words>[^()\[\]\\]*)\)                       # a group of plain alternatives
      | (?P<char>[^\\.^$*+?{}\[\]|()]) | \\(?P<escaped>[^A-Za-z0-9])  # one literal character
    """,
    re.X,
)


def _literal_led(alternative: str, flags: int) -> list[str]:
    """``alternative`` as alternatives that each begin with one literal, case-less character."""
    lead = _LEAD_RE.match(alternative)
    rest = alternative[lead.end() :] if lead else ""
    if lead is None or rest.startswith(("?", "*", "+", "{")):
        raise ValueError(f"cannot start with a literal character: {alternative!r}")
    if lead["chars"] is not None:  # "[ⓒ©]" under IGNORECASE: ⓒ and Ⓒ, then ©
        led = (x for c in lead["chars"] for x in _literal_led(re.escape(c) + rest, flags))
        return list(dict.fromkeys(led))
    if lead["words"] is not None:
        return [x for w in lead["words"].split("|") for x in _literal_led(w + rest, flags)]
    if lead["space"] is not None:  # "\s/" becomes "/(?<=\s/)": the same lines, found one later
        return [
            f"{x[:n]}(?<=\\s{x[:n]}){x[n:]}"
            for x in _literal_led(rest, flags)
            for n in [2 if x.startswith("\\") else 1]
        ]
    char = lead["char"] or lead["escaped"]
    variants = case_variants(char) if flags & re.I else [char]
    tail = _scoped(rest, flags) if rest else ""
    return [re.escape(c) + tail for c in variants]


# The checks lines.py runs per line. Compiling them is most of this module's import time, so a
# regex is in one check only, but for the end-of-article ones: copyright lines and related-news
# headers are noise too, and cut_at_end_marker asks for them only on the lines that the noise
# checks find, so a line is scanned once.

# Copyright lines end the article (lines._cut; lines.is_end_marker).
COPYRIGHT_LINE = AnyOf(COPYRIGHT_RE)

# Related-news headers cut the list after them (lines._cut; lines.is_related_header).
RELATED_HEADER_LINE = AnyOf(RELATED_HEADER_RE)

# Noise that is a short line (lines.is_noise, up to MAX_COPYRIGHT_LINE_CHARS).
SHORT_LINE_NOISE = AnyOf(
    CAPTION_RE, AGENCY_CREDIT_RE, CREDIT_LINE_RE, PROMO_RE, CHROME_RE, COPYRIGHT_RE, CREDIT_SIGN_RE
)

# Noise that is a label-sized line (lines.is_noise, up to lines.MAX_WIDGET_LINE_CHARS).
LABEL_LINE_NOISE = AnyOf(
    RELATED_HEADER_RE,
    TOOL_WORDS_RE,
    CHROME_LABELS_RE,
    PROMO_LABEL_RE,
    WEATHER_RE,
    LISTING_LINE_RE,
    TEASER_RE,
    HASHTAG_LINE_RE,
)
