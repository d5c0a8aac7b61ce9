"""Named heuristics for the body extractor: tag sets, class/id tokens, noise lines, thresholds.

Every constant says in one line why it exists; tests/unit/test_patterns.py exercises each.
Date and byline patterns live in dates.py and bylines.py, next to the code that reads them.
"""

from __future__ import annotations

import re

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


def _name_part_re(words: frozenset[str]) -> re.Pattern[str]:
    """One regex that finds any of ``words`` as a whole part of a class/id string.

    Parts are separated by space, "-", "_" or a camelCase hump; digits may follow a word.
    """
    alternation = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(
        r"(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))(?i:" + alternation + r")\d*(?![a-z0-9])"
    )


# The word sets as single regexes: one C-level search per class/id string.
TRAP_NAME_RE = _name_part_re(TRAP_NAME_PARTS)
JUNK_NAME_RE = _name_part_re(JUNK_NAME_PARTS)
CONTENT_NAME_RE = _name_part_re(CONTENT_NAME_PARTS)


# A widget-named node that is also named like content ("detail-body font-size") and holds
# this much text is the article wrapper, not a widget.
CONTENT_VETO_CHARS = 200

# A trap-named node that holds the headline or a schema.org body is a page wrapper.
TRAP_KEEP_SELECTOR = 'h1, [itemprop="articleBody"]'

# ... and so is a layout-named one ("has-sidebar", "menu-open") that holds more than this
# share of the page's text. Comment threads get no such pass: long threads outgrow articles.
TRAP_MAX_PAGE_SHARE = 0.6
COMMENT_NAME_RE = re.compile(r"comment|reply|replies|cmt", re.I)

# A junk-named node with more text than this is kept anyway: wrappers are sometimes
# named after a widget they also contain, and losing an article is worse than keeping a bar.
JUNK_MAX_TEXT_CHARS = 1500

# ... unless most of that text is links (a related-news list with summaries).
JUNK_LINK_DENSITY = 0.5

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

# Copyright / reuse-ban lines: the most reliable end-of-article marker on every outlet.
COPYRIGHT_RE = re.compile(
    r"저작권자\s*[ⓒ©(]|copyrights?\s*[ⓒ©Ⓒ(]|\(c\)\s*\S|무단\s*전재|재배포\s*금지|무단\s*복제"
    r"|AI\s*(?:학습|데이터)|All\s+rights\s+reserved|[ⓒ©Ⓒ]\s*\S{1,30}(?:일보|신문|뉴스|방송|경제|닷컴|\.co\.kr|\.com)",
    re.I,
)

# A bare copyright sign with a short credit ("© Getty Images") marks a photo credit: the line
# goes, the article goes on.
CREDIT_SIGN_RE = re.compile(r"^.{0,40}[ⓒ©Ⓒ].{0,40}$")

# A copyright line is short; a long paragraph that mentions 무단 전재 is news about copyright.
MAX_COPYRIGHT_LINE_CHARS = 160

# Headers of related-news or recommendation lists: everything after them is not the article.
RELATED_HEADER_RE = re.compile(
    r"^[\[【<〈(]?\s*(?:[▶▷◆◇■□●○★☆※☞]\s*)?"
    r"(?:관련\s*(?:기사|뉴스)|연관\s*기사|인기\s*(?:기사|뉴스)|많이\s*본\s*(?:기사|뉴스)|추천\s*기사"
    r"|주요\s*뉴스|최근\s*주요\s*기사|이\s*시각\s*많이\s*본|핫\s*클릭|이\s*기자의\s*다른\s*(?:기사|뉴스)"
    r"|기자의\s*다른\s*기사|해당분야별\s*기사|가장\s*많이\s*읽은|댓글\s*많은\s*기사|실시간\s*최신\s*뉴스"
    r"|Related\s+(?:articles|stories|news))"
    r"(?![^\n]{0,30}(?:다|요)[.!?]?\s*$)[^\n]{0,30}$",  # a header, not a sentence about news
    re.I,
)

# Promo, subscription and tip lines; "▶" and "☞" lead promos, not mid-heads ("◇", "■" do).
PROMO_RE = re.compile(
    r"^[▶▷☞]|구독\s*하기|바로\s*가기\s*[>›▶]?$|카카오톡\s*okjebo|제보는\s*카카오톡|기사\s*제보\s*및\s*보도"
    r"|뉴스\s*스탠드에서|네이버\s*(?:메인|홈)에서|앱\s*지금\s*바로|당신의\s*제보가|원고료로\s*응원"
    r"|^\[?사진\s*영상\s*제보|제보[^.\n]{0,30}기다립니다|기사\s*어(?:땠|떠셨)나요|후속\s*기사\s*원해요"
    r"|(?:의견|댓글)을\s*남겨\s*주세요|첫\s*댓글을|^AI\s*요약|요약\s*(?:은|는)?\s*(?:인공지능|AI|OpenAI)"
    r"|AI가\s*요약한|^(?:Sign up|Subscribe)\b",
    re.I,
)

# Promo labels that are also ordinary words ("무료 구독", "댓글 작성"): noise only as a whole
# short label line, never inside a sentence.
PROMO_LABEL_RE = re.compile(
    r"^[\s\[(]*(?:기사\s*제보(?:하기)?|기사\s*후원(?:하기)?|후원\s*하기|무료\s*구독(?:하기)?"
    r"|뉴스레터\s*(?:신청|구독)(?:하기)?|댓글\s*(?:쓰기|작성)(?:하기)?)[\s\])]*$"
)

# Lines made only of tool labels (share, font size, print, scrap, vote counters, comments).
TOOL_WORDS_RE = re.compile(
    r"^(?:\s*(?:기사\s*)?(?:글자\s*크기|글씨\s*크기|폰트\s*크기|본문\s*글씨\s*(?:키우기|줄이기)"
    r"|글자(?:크기)?(?:확대|축소)|기사글(?:확대|축소)|가+|인쇄(?:하기)?|프린트(?:하기)?|프린터"
    r"|스크랩(?:하기)?|기사\s*스크랩(?:하기)?|이메일\s*(?:문의|보내기)?|메일\s*보내기|공유(?:하기)?"
    r"|기사\s*공유(?:하기)?|URL\s*복사|링크\s*복사|본문\s*복사|주소\s*복사|페이스북|트위터|카카오톡"
    r"|카카오\s*스토리|카카오스토리|네이버\s*블로그|네이버|밴드|핀터레스트|라인|싸이월드\s*공감|싸이월드"
    r"|엑스|텔레그램|북마크|책갈피|작게|크게|읽기\s*모드|다크\s*모드|음성\s*재생|번역|beta|좋아요"
    r"|쪽지|신고(?:하기)?|쪽지\s*신고하기|SNS\s*(?:기사\s*)?보내기|다른\s*공유\s*찾기|닫기|댓글"
    r"|트위터로\s*보내기|[가-힣A-Za-z]{1,8}\(으\)로\s*기사\s*보내기|(?:올려|내려|추천|반대|공감)\s*\d+"
    r"|댓글\s*\d+|조회\s*(?:수)?\s*\d[\d,]*|좋아요\s*\d+|\|)\s*)+$",
    re.I,
)

# Photo captions and credits that survive DOM removal as their own lines.
CAPTION_RE = re.compile(
    r"^(?:[▲△▼]|\[?사진\s*[=:]|\(사진\s*[=:]|\[?사진\s*출처|\[?사진\s*제공|사진제공\s*:|<사진"
    r"|\[?(?:그래픽|자료|영상|출처)\s*=|이미지\s*(?:원본\s*)?(?:보기|확대)|원본\s*보기|큰\s*사진\s*보기"
    r"|사진\s*확대|관련\s*사진\s*보기|Video\s+Player|동영상\s*(?:뉴스|재생)|TV\s*플레이어)"
    r"|^\S{0,20}\s*[/=]\s*(?:연합뉴스|뉴시스|뉴스1|사진|AP|AFP|로이터|EPA|게티이미지)\S{0,10}$"
    r"|^\((?:사진|영상)\s*[=:][^)]{0,80}\)$|^\[(?:사진|영상)\s*[=:][^\]]{0,80}\]$"
    r"|\s/\s?[^\s/]{1,15}\s?제공\)?$",
    re.I,
)

# Site chrome that leaks when the container is too wide (login bars, clocks, forms, counters).
CHROME_RE = re.compile(
    r"무통장\s*입금|입금자\s*명|입금\s*예정\s*일자|입금할\s*금액|현재\s*접속자|검색\s*할\s*기사를"
    r"|해당\s*섹션에\s*뉴스가\s*없습니다|관련\s*뉴스가\s*없습니다|등록된\s*(?:기사|댓글)이\s*없습니다"
    r"|기사\s*읽어\s*주기|Please\s+activate\s+JavaScript|Video\s*태그를\s*지원하지"
    r"|Your\s+browser\s+does\s+not|^UPDATED\.\s*\d|^최종\s*편집\s*:?\s*\d|^(?:HOME|홈|뉴스\s*홈)\s*>"
    r"|^현재\s*위치\s*[>:]|^\[광고\]|^(?:제호|대표\s*전화|대표\s*이메일|등록\s*번호|발행인|편집인"
    r"|청소년\s*보호\s*책임자|사업자\s*등록\s*번호)\s*[:：]",
    re.I,
)

# A line made only of account/navigation labels ("로그인 | 회원가입", "전체기사 기사제보 광고문의").
CHROME_LABELS_RE = re.compile(
    r"^(?:\s*(?:로그인|회원\s*가입|로그아웃|마이\s*페이지|모바일\s*웹|PC\s*버전|처음으로|전체\s*기사"
    r"|기사\s*검색|광고\s*문의|기사\s*제보|현재\s*위치|티커\s*뉴스|ADVERTISEMENT|AD|광고|\[광고\]"
    r"|OFF|ON|HOME|홈)\s*[|>:·/]?)+$",
    re.I,
)

# A line that is a weather widget: a sky word, maybe a city, and a temperature.
WEATHER_RE = re.compile(
    r"^(?:맑음|흐림|구름\s*많음|구름\s*조금|비|눈|소나기|안개|황사|박무|연무)"
    r"(?:\s+[가-힣]{1,6}){0,2}\s*-?\d{1,2}(?:\.\d)?\s*°\s*C?$"
)

# Prev/next list items: a headline followed by a parenthesised timestamp.
LISTING_LINE_RE = re.compile(r"\(\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}(?::\d{2})?\)$")

# Truncated teaser titles in side lists end with an ellipsis right after a few characters.
TEASER_RE = re.compile(r"^\[[^\]]{1,20}\].{1,30}(?:\.\.\.|…)$")

# Hashtag rows ("#경제 #부동산") are navigation.
HASHTAG_LINE_RE = re.compile(r"^(?:#[^\s#]{1,30}\s*){1,}$")

# The wire-service end mark.
END_MARK_RE = re.compile(r"\s*[(（]끝[)）]\s*$")

# A bare email address on its own line is the reporter's contact.
EMAIL_LINE_RE = re.compile(r"^[\s(<\[]*[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}[\s)>\]]*$")

# A line with sentence-ending Korean prose is article text even when short.
SENTENCE_END_RE = re.compile(r"(?:[다요죠까]|니다|습니다)[.?!]?[\"'”’」』)]*$")

# Cut at a copyright line only after this share of the body, so a leading credit cannot erase it.
MIN_CUT_POSITION = 1


def _any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One regex matching wherever any of ``patterns`` would (flags kept per part)."""
    parts = [f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})" for p in patterns]
    return re.compile("|".join(parts))


# The per-line checks in two calls instead of a dozen: lines.is_noise runs on every line of
# the container, and a page can have hundreds of thousands of them.
SHORT_LINE_NOISE_RE = _any_of(CAPTION_RE, PROMO_RE, CHROME_RE, COPYRIGHT_RE, CREDIT_SIGN_RE)
LABEL_LINE_NOISE_RE = _any_of(
    RELATED_HEADER_RE,
    TOOL_WORDS_RE,
    CHROME_LABELS_RE,
    PROMO_LABEL_RE,
    WEATHER_RE,
    LISTING_LINE_RE,
    TEASER_RE,
    HASHTAG_LINE_RE,
)
