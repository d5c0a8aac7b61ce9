"""Korean byline parsing: reporter names, role words and emails from plain strings (no HTML).

Four entry points, one per place a byline shows up (research/korean-sites.md §3):
``parse_byline`` (a byline element or an author meta value), ``strip_lead`` (a wire dateline or
bracket lead at the start of the first paragraph), ``parse_tail_line`` (an email / reporter line
or a broadcast sign-off at the end of the body) and ``merge_authors`` (combine the sources).

The parser works on tokens: every word is classified (name, role word, outlet, place/desk
qualifier, email, separator, ...) and names are attached to the role word or email that follows
them. All regexes are bounded and every input is capped, so a 1 MB string costs microseconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, NamedTuple

from newsclean.extraction.dates import DIGIT_RE, after_first, first_chars, lazy_compile
from newsclean.models import Author

# --- limits -----------------------------------------------------------------------------------

# A page often repeats its byline; more than this many people is a list of related reporters.
MAX_AUTHORS = 10
# Byline elements and meta values are short; anything past this is page chrome, not a byline.
MAX_BYLINE_SCAN_CHARS = 1000
# A reporter tail or sign-off is one short line; longer lines are body sentences.
TAIL_MAX_CHARS = 80
# A dateline/byline lead ("(서울=연합뉴스) 홍길동 기자 =") is short; never cut more than this.
LEAD_MAX_CHARS = 60
# Only this much of a paragraph is handed to the lead regexes (bounds the scan on huge input).
LEAD_SCAN_CHARS = 160
# One role word rarely follows more than a few names ("임형섭 고동욱 기자").
MAX_NAMES_PER_ROLE = 6
# Korean personal names are 2-4 syllables; 5 covers compound surnames (남궁/황보 + 3).
NAME_MIN_SYLLABLES = 2
NAME_MAX_SYLLABLES = 5

# --- word lists -------------------------------------------------------------------------------

# Korean role words that follow a reporter's name; longest first so "선임기자" wins over "기자".
ROLE_WORDS: tuple[str, ...] = (
    "객원논설위원", "수석논설위원", "칼럼니스트", "애널리스트", "기상캐스터",
    "선임기자", "수습기자", "인턴기자", "객원기자", "취재기자", "사진기자", "전문기자",
    "수석기자", "명예기자", "시민기자", "논설위원", "논설고문", "편집위원", "전문위원",
    "연구위원", "대기자", "특파원", "통신원", "캐스터", "에디터", "편집장", "기자단",
    "연구원", "기자", "앵커", "PD",
)  # fmt: skip
# Role words that name a group (a press pool), never one person.
COLLECTIVE_ROLES: frozenset[str] = frozenset({"기자단"})
# The same words for lookups: a fused "이름기자" ends in one of them (longest first, as above).
ROLE_SET: frozenset[str] = frozenset(ROLE_WORDS)
_ROLE_LENGTHS: tuple[int, ...] = tuple(sorted({len(w) for w in ROLE_WORDS}, reverse=True))
_ROLE_LAST_CHARS: frozenset[str] = frozenset(w[-1] for w in ROLE_WORDS)
# Role words holding no other role word, most common first: every role word contains one,
# so a text without these has no role word at all.
ROLE_ROOTS: tuple[str, ...] = (
    "기자", "특파원", "앵커", "논설위원", "에디터", "PD", "칼럼니스트", "애널리스트", "캐스터",
    "논설고문", "편집위원", "전문위원", "연구위원", "통신원", "편집장", "연구원",
)  # fmt: skip

# Common Korean surnames. Used when a bare Hangul word must be a person (meta author values,
# several space-separated names) to tell "홍길동" from "연예" or "홍보". Rare ones that double as
# common word starts (대, 사, 상, 시, 중, 미, 영, 일) are left out on purpose.
SURNAMES: frozenset[str] = frozenset(
    {
        "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송",
        "전", "홍", "유", "고", "문", "양", "손", "배", "백", "허", "남", "심", "노", "하", "곽", "성", "차", "주",
        "우", "구", "민", "류", "나", "진", "지", "엄", "채", "원", "천", "방", "공", "현", "함", "변", "염", "여",
        "추", "도", "소", "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "라", "왕", "금", "옥",
        "육", "인", "맹", "제", "모", "탁", "국", "어", "은", "편", "용", "예", "경", "봉", "부", "복", "태", "목",
        "형", "피", "두", "감", "음", "빈", "동", "온", "호", "범", "좌", "승",
    }
)  # fmt: skip
# Two-syllable surnames; a name starting with one may be 3-5 syllables long.
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    {
        "남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "어금", "망절",
    }
)  # fmt: skip

# Places and desk/beat words that sit between a name and its role ("김은별 미국 통신원",
# "홍길동 경제 전문기자"); skipped when looking for the name, never names themselves.
QUALIFIER_WORDS: frozenset[str] = frozenset(
    {
        "서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "수원", "의정부", "춘천", "청주", "전주", "창원", "제주",
        "포항", "경기", "강원", "충북", "충남", "전북", "전남", "경북", "경남", "천안", "안산", "안양", "성남", "고양", "용인",
        "김포", "김해", "구미", "원주", "강릉", "목포", "여수", "순천", "진주", "양산", "남양주", "하남", "오산", "이천", "평택",
        "파주", "화성", "군산", "익산", "나주", "홍성", "서산", "공주", "안동", "경주", "김천", "여주", "양평", "하동", "남원",
        "정읍", "장성", "송도", "판교", "미국", "중국", "일본", "영국", "프랑스", "독일", "러시아", "홍콩", "대만", "베트남", "인도",
        "호주", "캐나다", "유럽", "중동", "북미", "남미", "아프리카", "워싱턴", "뉴욕", "파리", "런던", "베를린", "도쿄", "베이징",
        "상하이", "모스크바", "브뤼셀", "이스탄불", "두바이", "방콕", "하노이", "싱가포르", "제네바", "시드니", "토론토", "로마", "마드리드",
        "카이로", "예루살렘", "테헤란", "뉴델리", "자카르타", "마닐라", "타이베이", "오사카", "실리콘밸리", "로스앤젤레스", "샌프란시스코",
        "우크라이나", "키이우", "경제", "정치", "사회", "국제", "산업", "문화", "체육", "스포츠", "연예", "과학", "의학", "의료",
        "전문", "선임", "수석", "객원", "기획", "논설", "취재", "온라인", "디지털", "이슈", "증권", "금융", "부동산", "테크", "생활",
        "건강", "여행", "교육", "법조", "국회", "청와대", "대통령실", "정책", "외교", "안보", "북한", "통일", "노동", "환경", "기후",
        "유통", "자동차", "게임", "영화", "음악", "미술", "공연", "출판", "종교", "복지", "세계", "글로벌", "현지", "주재", "상주",
        "수습", "인턴", "사진", "영상",
    }
)  # fmt: skip

# Words that look like 2-5 syllable names but are labels, titles or common nouns found in
# byline boxes ("기자명", "작성자", "부장") or in sentences ("우리 기자", "모두").
NON_NAME_WORDS: frozenset[str] = frozenset(
    {
        "기자명", "작성자", "필자", "글", "그림", "정리", "대담", "번역", "출처", "제공", "자료", "관리자", "운영자", "편집", "구성",
        "진행", "부장", "차장", "국장", "팀장", "실장", "본부장", "센터장", "데스크", "입력", "수정", "등록", "승인", "발행", "송고",
        "이메일", "메일", "제보", "기사", "기사제보", "독자", "우리", "저희", "본지", "당사", "해당", "담당", "모두", "여러", "일부",
        "현장", "전직", "현직", "여성", "남성", "청년", "시민", "뉴스", "공동", "연합", "동아", "조선", "중앙", "한국", "전국",
        "지역", "본사", "취재단", "공동취재단", "사진공동취재단", "기자회견", "기자들", "인터뷰", "칼럼", "사설", "오피니언", "기고", "단독",
        "속보", "종합", "이상", "이하", "회원", "구독자", "네티즌", "보도", "보도자료", "홍보", "홍보팀", "관계자", "대표", "사장",
        "회장", "의원", "장관", "교수", "박사", "위원", "위원장", "감독", "선수", "정보", "소개",
        "기자정보", "안내", "목록", "전체", "최신", "인기",
    }
)  # fmt: skip

# Outlet names that do not end in a telltale suffix (일보, 뉴스, ...).
OUTLET_NAMES: frozenset[str] = frozenset(
    {
        "뉴시스", "한겨레", "프레시안", "데일리안", "더팩트", "블로터", "뉴스핌", "텐아시아", "한경", "매경", "경향", "조선비즈", "시사저널",
        "신동아", "주간조선", "월간조선", "이코노미스트", "포브스", "연합", "머니S", "뉴스1", "오센",
    }
)  # fmt: skip
# Endings of outlet and organisation names ("중앙일보", "연합뉴스", "한경닷컴", "라이온봇").
ORG_SUFFIXES: tuple[str, ...] = (
    "일보", "신문", "뉴스", "방송", "통신", "미디어", "투데이", "타임스", "타임즈", "데일리",
    "닷컴", "뉴스룸", "저널", "매거진", "위클리", "경제", "비즈", "포스트", "헤럴드",
    "코리아", "인사이드", "스포츠", "봇", "위원회", "연구소", "재단", "협회", "그룹", "센터",
    "본부", "편집국", "보도국", "편집부", "방송국", "TV",
)  # fmt: skip

# English words that mark an organisation or a desk, not a person ("Yonhap News", "Staff").
ENGLISH_ORG_WORDS: frozenset[str] = frozenset(
    {
        "news", "press", "times", "post", "herald", "daily", "reuters", "associated", "agency",
        "staff", "desk", "team", "editor", "editors", "editorial", "board", "correspondent",
        "reporter", "reporters", "media", "online", "korea", "yonhap", "bloomberg", "journal",
        "magazine", "group", "company", "inc", "corp", "service", "network", "channel", "radio",
        "the", "wire",
    }
)  # fmt: skip

# Labels of broadcast crew credits ("영상취재 : 홍길동"): crew are not article authors.
CREW_LABELS: tuple[str, ...] = (
    "영상취재", "영상편집", "촬영기자", "취재지원", "자료조사", "화면제공", "영상제공",
    "자료제공", "사진제공", "그래픽", "디자인", "촬영", "편집", "작가", "구성", "영상", "CG",
    "오디오", "음향", "조명",
)  # fmt: skip

# --- regexes ----------------------------------------------------------------------------------
# Regexes that few pages need (English bylines, sentences, datelines, UI residue) compile on
# first use (lazy_compile): compiling them all took ~10 ms of every start-up.


def _alt(words: Sequence[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_ROLE_ALT = _alt(ROLE_WORDS)

# Hangul-letter middle dots and bullets used between names; normalised to "·" before NFKC.
MIDDOT_RE = re.compile("[ㆍ・･∙•‧]")
# Links are never names; cut them before tokenising.
URL_RE = re.compile(r"(?:https?://|www\.)[^\s]{1,300}", re.IGNORECASE)
# One email address (bounded parts so a long run of dots cannot backtrack).
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,6}")
# DATE_CUT_RE and UI_RESIDUE_RE scan whole byline strings: they start with a class of the
# characters a match can start with (dates.first_chars, dates.after_first), so the engine
# skips in C to those places instead of trying a match at every character.
# Labels that start the date block of a byline element.
_DATE_CUT_LABELS = (
    "입력", "수정", "승인", "등록", "발행", "게재", "송고", "업데이트", r"최종\s?수정", "작성",
)  # fmt: skip
# Where the byline text stops and the date block starts ("입력 2026.09.21", a bare date):
# (?<![가-힣])(?:기사\s?)?LABEL(?:일시|일|시간)?\s{0,3}[:：]?\s{0,3}(?=\d)
# |(?:19|20)\d{2}\s{0,2}[.\-/년]\s{0,2}\d{1,2}|(?<![A-Za-z])(?:Posted|Updated|Published)(?![A-Za-z])
DATE_CUT_RE = re.compile(
    rf"[기{first_chars(_DATE_CUT_LABELS)}12PU](?:"
    rf"(?<![가-힣].)(?:(?<=기)사\s?(?:{'|'.join(_DATE_CUT_LABELS)})|{after_first(_DATE_CUT_LABELS)})"
    r"(?:일시|일|시간)?\s{0,3}[:：]?\s{0,3}(?=\d)"
    r"|(?:(?<=1)9|(?<=2)0)\d{2}\s{0,2}[.\-/년]\s{0,2}\d{1,2}"
    r"|(?<![A-Za-z].)(?:(?<=P)osted|(?<=U)pdated|(?<=P)ublished)(?![A-Za-z]))"
)
# DATE_CUT_RE's matches hold a digit (DIGIT_RE) or one of these words.
_DATE_CUT_WORDS = ("Posted", "Updated", "Published")
# UI residue that clings to byline elements (buttons and links next to the reporter's name):
# "기자의 다른 기사 보기", and these words standing alone (no Hangul on either side).
_UI_WORDS = (
    r"기자\s?페이지", r"다른\s?기사(?:\s?보기)?", r"메일\s?보내기", r"공유\s?하기", r"더\s?보기",
    r"구독(?:하기|중)?(?:\s?취소)?", "좋아요", "프로필", "카카오(?:톡|스토리)?", "페이스북", "트위터",
    "네이버", "스크랩", "인쇄", r"글자\s?크기", r"기사\s?제보", "제보하기", "팔로우", r"URL\s?복사",
    r"댓글(?:\s?\d{1,6})?",
)  # fmt: skip
# Every UI_RESIDUE_RE match holds one of these.
_UI_HINTS = (
    "기사", "페이지", "보내기", "공유", "보기", "구독", "좋아요", "프로필", "카카오", "페이스북",
    "트위터", "네이버", "스크랩", "인쇄", "크기", "제보", "팔로우", "복사", "댓글", "TALK", "alk",
)  # fmt: skip
UI_RESIDUE_RE = lazy_compile(
    rf"[{first_chars(_UI_WORDS)}Tt](?:"
    r"(?<=기)자의\s?(?:다른\s?)?기사(?:\s?(?:모음|보기|더보기))?"
    rf"|(?<![가-힣].)(?:{after_first(_UI_WORDS)})(?![가-힣])"
    r"|(?<![A-Za-z].)(?:(?<=T)ALK|(?<=T)alk|(?<=t)alk)(?![A-Za-z]))"
)
# A spaced role compound ("선임 기자") is one role word: the space between, cut by sub("").
SPACED_ROLE_RE = re.compile(
    r"\s(?<=(?<![가-힣])(?:선임|수석|수습|인턴|객원|취재|사진|전문|명예|시민|기상)\s)"
    r"(?=(?:기자|캐스터)(?![가-힣]))"
)
# "place=", "outlet=" or "글·사진=" before a name ("파리=유근형 특파원"): drop the left side.
EQ_PREFIX_RE = lazy_compile(r"(?P<left>[^\s=,\[\]()]{1,20})\s{0,3}=\s{0,3}")
# Brackets around a byline or an email carry no meaning once the email is cut out.
BRACKET_RE = re.compile(r"[()\[\]{}<>【】〔〕「」『』〈〉《》]")
# Tokens: an email, a name separator, or a word.
TOKEN_RE = re.compile(
    rf"(?P<email>{EMAIL_RE.pattern})"
    r"|(?P<sep>[,·/|;&=、]|(?<!\S)(?:및|and|AND|And)(?!\S))"
    r"|(?P<word>[^\s,·/|;&=、]{1,40})"
)
# Punctuation stuck to a word ("홍길동.", "기자:").
WORD_TRIM_CHARS = ".:;!?~'\"-_*+#▶▷►◀◁◄■□◆◇●○※"
# A word made only of Hangul syllables.
HANGUL_WORD_RE = re.compile(r"[가-힣]{1,40}")
# Any Hangul syllable (to tell Korean text from English).
HANGUL_RE = re.compile(r"[가-힣]")
# Any Latin letter: Hangul mixed with Latin is an outlet name ("CBS노컷뉴스", "TV조선").
LATIN_LETTER_RE = lazy_compile(r"[A-Za-z]")
# A short Latin outlet code ("YTN", "OSEN", "iMBC"); longer Latin words are not outlets.
LATIN_OUTLET_RE = re.compile(r"[A-Za-z][A-Za-z0-9]{1,6}")
# Desk and team names ("디지털뉴스부", "온라인 이슈팀" → "이슈팀", "사회부").
DESK_RE = lazy_compile(
    r"(?:뉴스|이슈|온라인|디지털|편집|보도|취재|사회|정치|경제|국제|산업|문화|체육|스포츠|연예|사진"
    r"|영상|기획|특별|증권|금융|전국|지역|사건|탐사|데이터|정책|생활|테크|마케팅|인터넷)"
    r"(?:부|팀|국|실|반|본부|센터|취재반|취재팀)$"
)
# A finished Korean sentence: a byline element never contains one.
SENTENCE_RE = lazy_compile(
    r"[가-힣](?:다|요|죠)\s{0,2}[.!?]"
    r"|(?:했다|한다|있다|없다|됐다|밝혔다|말했다|전했다|찾았다|습니다)(?![가-힣])"
)
# Quotation marks: a quoted line is speech, not a reporter tail.
QUOTE_RE = re.compile('["“”‘’「」『』]')
# "By Jane Doe" prefix of English bylines.
ENGLISH_BY_RE = lazy_compile(r"^\s{0,5}(?:written\s{1,3})?by\s{1,3}", re.IGNORECASE)
# Separators between English names ("Jane Doe, John Roe", "A and B", "A | Reuters").
ENGLISH_SPLIT_RE = lazy_compile(r"\s{0,5}(?:[,;&|/·]|\band\b)\s{0,5}", re.IGNORECASE)
# An English personal name: 2-4 capitalised words, middle initials allowed ("Jane Q. Doe").
ENGLISH_NAME_RE = lazy_compile(
    r"[A-Z](?:[a-z]|[A-Z][a-z])[A-Za-z'\-]{0,19}"
    r"(?:\s{1,3}(?:[A-Z]\.|[A-Z](?:[a-z]|[A-Z][a-z])[A-Za-z'\-]{0,19})){1,3}"
)
# Broadcast sign-off: "[outlet ]name[ role]입니다/였습니다" ("MBC뉴스 홍길동입니다.").
SIGNOFF_RE = re.compile(
    r"^(?P<prefix>.{0,30}?)(?<![가-힣])(?P<name>[가-힣]{2,5}?)\s{0,2}"
    rf"(?P<role>{_ROLE_ALT})?\s{{0,2}}(?:입니다|이었습니다|였습니다)\s{{0,2}}[.!]?$"
)
# "지금까지" ("so far") opens a sign-off: "지금까지 KBS 뉴스 홍길동이었습니다".
SIGNOFF_OPENER_RE = lazy_compile(r"^지금까지\s{0,3}")
# A crew credit line: "(영상취재 : 홍길동 / 영상편집 : 김가명)", "영상취재: 홍길동".
_CREW_ITEM = rf"(?:{_alt(CREW_LABELS)})\s{{0,3}}[:：=]\s{{0,3}}[^/:：=()\[\]]{{0,30}}"
CREW_LINE_RE = re.compile(
    rf"^[(\[]?\s{{0,3}}{_CREW_ITEM}(?:\s{{0,3}}[/,·]\s{{0,3}}{_CREW_ITEM}){{0,7}}\s{{0,3}}[)\]]?$"
)
# A bracketed lead at the start of a paragraph ("[아시아경제 홍길동 기자]", "(서울=연합뉴스)").
LEAD_BRACKET_RE = re.compile(
    r"^\s{0,3}[(\[【［〔（〈<]\s{0,3}"
    r"(?P<inner>[^()\[\]【】［］〔〕（）〈〉<>\n]{1,56}?)\s{0,3}[)\]】］〕）〉>]"
)
# "names role =" after a dateline, or alone at the start ("홍길동 기자 = 정부는").
LEAD_NAMES_RE = re.compile(r"^\s{0,3}(?P<names>[^=＝\n()\[\]【】［］]{2,40}?)\s{0,3}[=＝]\s{0,3}")
# A dateline inside brackets: place=outlet ("서울=연합뉴스", "이스탄불=연합뉴스", "서울=뉴스1").
DATELINE_INNER_RE = lazy_compile(r"[가-힣A-Za-z ·]{1,15}?\s{0,2}[=＝]\s{0,2}[^=＝\s][^=＝]{0,24}")
# A photo or graphic credit in brackets is a caption, not a lead ("(사진=연합뉴스)").
PHOTO_CREDIT_RE = lazy_compile(
    r"^\s{0,3}(?:사진|그래픽|자료|영상|이미지|캡처|출처|제공)\s{0,2}[=:：]"
)

# --- tokens -----------------------------------------------------------------------------------

TokKind = Literal["name", "role", "email", "sep", "org", "qual", "latin", "stop", "other"]
ParseMode = Literal["lenient", "strict"]


class _Tok(NamedTuple):
    kind: TokKind
    text: str
    strict: bool = False  # for names: starts with a known surname and has a name's length


# Last characters of the desk units DESK_RE ends with ("부", "팀", "본부", "센터", ...): a word
# ending otherwise is no desk name, so the regex is skipped.
_DESK_LAST_CHARS = frozenset("부팀국실반터")


def _is_strict_name(word: str) -> bool:
    """True when a Hangul word is very likely a person's name on its own."""
    if not HANGUL_WORD_RE.fullmatch(word) or word in NON_NAME_WORDS or word in QUALIFIER_WORDS:
        return False
    return not _is_org(word) and _has_name_shape(word)


def _has_name_shape(word: str) -> bool:
    """A known surname and a name's length (the word is Hangul and not a known non-name)."""
    if word[:2] in COMPOUND_SURNAMES and 3 <= len(word) <= NAME_MAX_SYLLABLES:
        return True
    return word[0] in SURNAMES and NAME_MIN_SYLLABLES <= len(word) <= NAME_MAX_SYLLABLES - 1


def _is_org(word: str) -> bool:
    # Words never hold whitespace here, so DESK_RE's "$" is the word's end.
    return (
        word in OUTLET_NAMES
        or word.endswith(ORG_SUFFIXES)
        or word.startswith("뉴스")
        or (word[-1:] in _DESK_LAST_CHARS and DESK_RE.search(word) is not None)
    )


def _split_fused_role(word: str) -> list[_Tok] | None:
    """ "노진실기자" → name + role; "과학전문기자" → qualifier + role; None when no role ending."""
    if word[-1:] not in _ROLE_LAST_CHARS:
        return None
    fallback: list[_Tok] | None = None
    # ROLE_WORDS is longest first and one length holds one ending, so trying the lengths in
    # order tries the role words in their order.
    for size in _ROLE_LENGTHS:
        if len(word) <= size:
            continue
        role = word[-size:]
        if role in ROLE_SET:
            prefix = word[:-size]
            if _is_strict_name(prefix):
                return [_Tok("name", prefix, True), _Tok("role", role)]
            if fallback is None:
                fallback = [_Tok("qual", prefix), _Tok("role", role)]
    return fallback


def _classify(raw: str) -> list[_Tok]:
    word = raw.strip(WORD_TRIM_CHARS)
    if not word:
        return []
    if word in ROLE_SET:
        return [_Tok("role", word)]
    if word[-1] in _ROLE_LAST_CHARS:
        fused = _split_fused_role(word)
        if fused is not None:
            return fused
    if word in QUALIFIER_WORDS:
        return [_Tok("qual", word)]
    if word in NON_NAME_WORDS:
        return [_Tok("stop", word)]
    hangul_only = HANGUL_WORD_RE.fullmatch(word) is not None
    has_hangul = hangul_only or HANGUL_RE.search(word) is not None
    if has_hangul and _is_org(word):
        return [_Tok("org", word)]
    if hangul_only:
        if word.startswith(ROLE_WORDS):
            return [_Tok("other", word)]  # "기자는", "기자의": a role word with a particle
        if NAME_MIN_SYLLABLES <= len(word) <= NAME_MAX_SYLLABLES:
            # Hangul, not a qualifier, a non-name or an organisation: _is_strict_name's checks.
            return [_Tok("name", word, _has_name_shape(word))]
        return [_Tok("other", word)]
    if has_hangul and LATIN_LETTER_RE.search(word):
        return [_Tok("org", word)]  # "CBS노컷뉴스", "TV조선", "MK스포츠"
    if LATIN_OUTLET_RE.fullmatch(word):
        return [_Tok("latin", word)]
    return [_Tok("other", word)]


def _may_be_sentence(text: str) -> bool:
    """False when SENTENCE_RE cannot match: each of its matches holds 다, 요 or 죠."""
    return "다" in text or "요" in text or "죠" in text


def _drop_eq_prefix(m: re.Match[str]) -> str:
    left = m.group("left")
    # "홍길동 기자 = 정부는": the left side is the role word itself, keep it.
    if left.endswith(ROLE_WORDS):
        return left + " "
    return " "


def _spaced_email(m: re.Match[str]) -> str:
    return f" {m.group()} "


def _prepare(text: str, *, cut_dates: bool) -> str:
    # The cheap tests skip regexes that cannot match: "://" or "." for a link, a digit or an
    # English label for a date, a UI word, a role word for a spaced role, "@" for an e-mail,
    # "=" for a prefix.
    s = MIDDOT_RE.sub("·", text[:MAX_BYLINE_SCAN_CHARS])
    s = unicodedata.normalize("NFKC", s)
    if "://" in s or "." in s:
        s = URL_RE.sub(" ", s)
    if cut_dates and (DIGIT_RE.search(s) or _contains_any(s, _DATE_CUT_WORDS)):
        m = DATE_CUT_RE.search(s)
        if m:
            s = s[: m.start()]
    if _contains_any(s, _UI_HINTS):
        s = UI_RESIDUE_RE.sub(" ", s)
    if "기자" in s or "캐스터" in s:
        s = SPACED_ROLE_RE.sub("", s)
    if "@" in s:
        s = EMAIL_RE.sub(_spaced_email, s)
    if "=" in s:
        s = EQ_PREFIX_RE.sub(_drop_eq_prefix, s)
    return BRACKET_RE.sub(" ", s)


# Separator words: TOKEN_RE's "sep" when standing alone between spaces.
_SEP_WORDS = frozenset({"및", "and", "AND", "And"})


RawKind = Literal["email", "sep", "word"]
# TOKEN_RE's alternatives by group name (m.lastgroup: each is one group, never empty).
_RAW_KINDS: dict[str | None, RawKind] = {"email": "email", "sep": "sep", "word": "word"}


def _raw_tokens(prepared: str) -> Iterator[tuple[RawKind, str]]:
    """(kind, text) of TOKEN_RE's matches: kind is "email", "sep" or "word".

    No token spans whitespace and TOKEN_RE's lookarounds only test for whitespace, so each
    whitespace-separated chunk is tokenized alone: most chunks are one plain word (letters and
    digits only, at most a word's 40 characters) and need no regex at all.
    """
    for chunk in prepared.split():
        if len(chunk) <= 40 and chunk.isalnum():
            yield ("sep" if chunk in _SEP_WORDS else "word"), chunk
            continue
        for m in TOKEN_RE.finditer(chunk):
            yield _RAW_KINDS[m.lastgroup], m.group()


def _tokenize(prepared: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for kind, text in _raw_tokens(prepared):
        if kind == "word":
            toks.extend(_classify(text))
        else:
            toks.append(_Tok(kind, text))
    return toks


def _contains_any(text: str, words: Sequence[str]) -> bool:
    # A plain loop: any() over a generator costs more than the tests on these short strings.
    for word in words:  # noqa: SIM110
        if word in text:
            return True
    return False


def has_role_word(text: str) -> bool:
    """True when a role word ("기자", "특파원", ...) occurs anywhere in ``text``."""
    return _contains_any(text, ROLE_ROOTS)


def _may_anchor(prepared: str) -> bool:
    """False when tokens of ``prepared`` cannot hold a role word or an e-mail (see _assemble)."""
    return "@" in prepared or has_role_word(prepared)


# Token kinds a bare list of names may hold besides sure names (see _assemble).
_BARE_KINDS = frozenset({"org", "latin", "sep", "qual"})


def _bare_names(prepared: str) -> list[Author]:
    """_assemble's result for text without role words or e-mails: the names when every word is
    a sure name, an outlet, a qualifier or a separator, else none (read up to the first other
    word)."""
    names: list[Author] = []
    for kind, text in _raw_tokens(prepared):
        if kind != "word":
            continue  # a separator ("email" needs an "@")
        for tok in _classify(text):
            if tok.kind == "name" and tok.strict:
                names.append(Author(tok.text))
            elif tok.kind not in _BARE_KINDS:
                return []
    return names


# --- assembling authors -----------------------------------------------------------------------


def _names_before(toks: Sequence[_Tok], lo: int, hi: int) -> list[int]:
    """Indices of the names right before an anchor at ``hi`` (not before ``lo``), in order."""
    run: list[int] = []
    j = hi - 1
    while j >= lo and len(run) < MAX_NAMES_PER_ROLE:
        tok = toks[j]
        if tok.kind == "name":
            run.append(j)
        elif tok.kind == "qual" and not run:
            pass  # "김은별 미국 통신원": skip the place before reaching the name
        elif tok.kind != "sep":
            break
        j -= 1
    if len(run) > 1:
        # Several words in a row: keep those that are surely names ("임형섭 고동욱"), so a
        # place or desk word we do not know ("캘리포니아") does not become a person.
        kept = [i for i in run if toks[i].strict]
        run = kept or run[:1]
    return sorted(run)


class _Parsed(NamedTuple):
    authors: list[Author]
    anchored: bool  # saw a role word or an email
    used: set[int]  # indices of the name tokens that became authors


def _assemble(toks: Sequence[_Tok]) -> _Parsed:
    authors: list[Author] = []
    used: set[int] = set()
    start = 0
    anchored = False
    for i, tok in enumerate(toks):
        kind = tok.kind
        if kind == "role":
            anchored = True
            idxs = _names_before(toks, start, i)
            used.update(idxs)
            if tok.text not in COLLECTIVE_ROLES:
                authors.extend(Author(toks[j].text, tok.text) for j in idxs)
            start = i + 1
        elif kind == "email":
            anchored = True
            idxs = [j for j in _names_before(toks, start, i) if toks[j].strict]
            used.update(idxs)
            authors.extend(Author(toks[j].text) for j in idxs)
            if authors and authors[-1].email is None:
                last = authors[-1]
                authors[-1] = Author(last.name, last.role, tok.text)
            start = i + 1
    if not anchored:
        # A bare value such as a meta author ("홍길동", "YTN 정인용"): only sure names count, and
        # one unknown word ("iMBC 연예", "한경닷컴 뉴스룸") means it is not a person list.
        bare_ok = all(
            t.kind in ("org", "latin", "sep", "qual") or (t.kind == "name" and t.strict)
            for t in toks
        )
        if bare_ok:
            idxs = [i for i, t in enumerate(toks) if t.kind == "name"]
            used.update(idxs)
            authors = [Author(toks[i].text) for i in idxs]
    return _Parsed(authors, anchored, used)


def _is_clean(toks: Sequence[_Tok], parsed: _Parsed) -> bool:
    """Every token was accounted for: no stray words, no names left out of the authors."""
    used = parsed.used
    return all(
        t.kind not in ("stop", "other") and (t.kind != "name" or i in used)
        for i, t in enumerate(toks)
    )


def _parse_english(text: str) -> list[Author]:
    body = ENGLISH_BY_RE.sub("", text[:MAX_BYLINE_SCAN_CHARS], count=1)
    out: list[Author] = []
    for piece in ENGLISH_SPLIT_RE.split(body):
        email_m = EMAIL_RE.search(piece)
        name = " ".join(BRACKET_RE.sub(" ", EMAIL_RE.sub(" ", piece)).split())
        if not ENGLISH_NAME_RE.fullmatch(name):
            continue
        if any(w.lower().strip(".") in ENGLISH_ORG_WORDS for w in name.split()):
            continue
        out.append(Author(name, None, email_m.group() if email_m else None))
    return out


def _outletish(prefix: str) -> bool:
    """True when every word of a sign-off prefix is a broadcaster or outlet ("KBS 뉴스")."""
    words = prefix.split()
    if not words:
        return False
    for w in words:
        toks = _classify(w)
        if not toks or not all(t.kind in ("org", "latin") or t.text == "뉴스" for t in toks):
            return False
    return True


def _parse_signoff(line: str) -> Author | None:
    m = SIGNOFF_RE.match(line)
    if m is None:
        return None
    name, role = m.group("name"), m.group("role")
    if role is None:
        fused = _split_fused_role(name)
        if fused is not None and fused[0].kind == "name":
            name, role = fused[0].text, fused[1].text
    if not _is_strict_name(name) or role in COLLECTIVE_ROLES:
        return None
    prefix = SIGNOFF_OPENER_RE.sub("", m.group("prefix").strip()).strip()
    # A program name before a comma ("세계를보다, 최수연 기자입니다.") needs a role word.
    program = prefix.endswith(",") and role is not None
    if prefix and not program and not _outletish(prefix):
        return None
    if not prefix and role is None:
        return None  # "홍길동입니다." alone could be anyone introducing themselves
    return Author(name, role)


# --- public API -------------------------------------------------------------------------------


def merge_authors(*groups: Iterable[Author]) -> list[Author]:
    """Dedupe by name keeping first-seen order; a later duplicate fills a missing role/email."""
    out: list[Author] = []
    index: dict[str, int] = {}
    for group in groups:
        for author in group:
            name = " ".join(author.name.split())
            if not name:
                continue
            k = index.get(name)
            if k is None:
                if len(out) < MAX_AUTHORS:
                    index[name] = len(out)
                    # Authors are immutable: one already in this shape is kept as it is.
                    same = name == author.name and type(author) is Author
                    out.append(author if same else Author(name, author.role, author.email))
                continue
            cur = out[k]
            role, email = cur.role or author.role, cur.email or author.email
            if role != cur.role or email != cur.email:
                out[k] = Author(cur.name, role, email)
    return out


def parse_byline(text: str) -> list[Author]:
    """People named in a byline element or an author meta value ([] for outlets and desks)."""
    if not text or text.isspace():
        return []
    prepared = _prepare(text, cut_dates=True)
    if _may_be_sentence(prepared) and SENTENCE_RE.search(prepared):
        signoff = _parse_signoff(" ".join(text[:TAIL_MAX_CHARS].split()))
        return [signoff] if signoff else []
    if not HANGUL_RE.search(prepared):
        return merge_authors(_parse_english(prepared))
    if not _may_anchor(prepared):
        return merge_authors(_bare_names(prepared))
    return merge_authors(_assemble(_tokenize(prepared)).authors)


def _lead_byline(inner: str) -> list[Author] | None:
    """Authors of a bracket lead ending in a role word ("아시아경제 홍길동 기자"), else None."""
    toks = [t for t in _tokenize(_prepare(inner, cut_dates=False)) if t.kind != "sep"]
    core = [t for t in toks if t.kind != "email"]
    if not core or core[-1].kind != "role":
        return None
    return merge_authors(_assemble(toks).authors)


def _lead_names(text: str) -> tuple[int, list[Author]] | None:
    """``names role =`` at the start of ``text``: (end offset, authors), else None."""
    m = LEAD_NAMES_RE.match(text)
    if m is None:
        return None
    toks = _tokenize(_prepare(m.group("names"), cut_dates=False))
    if not toks or toks[-1].kind != "role":
        return None
    parsed = _assemble(toks)
    if not _is_clean(toks, parsed):
        return None
    return m.end(), merge_authors(parsed.authors)


def _is_outlet_tag(inner: str) -> bool:
    """ "경향신문", "MBN 온라인뉴스팀": a lead tag naming only the outlet or desk."""
    toks = _tokenize(_prepare(inner, cut_dates=False))
    return bool(toks) and all(t.kind in ("org", "latin") for t in toks)


def strip_lead(paragraph: str) -> tuple[str, list[Author]]:
    """Cut a dateline/byline lead from the start of a paragraph; return (rest, authors)."""
    head = paragraph[:LEAD_SCAN_CHARS]
    m = LEAD_BRACKET_RE.match(head)
    if m is None:
        found = _lead_names(head)
        if found is None or len(head[: found[0]].strip()) > LEAD_MAX_CHARS:
            return paragraph, []
        return paragraph[found[0] :].lstrip(), found[1]

    inner = m.group("inner")
    end = m.end()
    authors = _lead_byline(inner)
    if not authors:  # "[앵커]" is a transcript label, not a byline: a lead must name someone
        if PHOTO_CREDIT_RE.match(inner):
            return paragraph, []
        if DATELINE_INNER_RE.fullmatch(inner.strip()):
            authors = []
            found = _lead_names(head[end:])
            if found is not None and len(head[: end + found[0]].strip()) <= LEAD_MAX_CHARS:
                end, authors = end + found[0], found[1]
        elif _is_outlet_tag(inner):
            authors = []
        else:
            return paragraph, []
    if len(head[:end].strip()) > LEAD_MAX_CHARS:
        return paragraph, []
    return paragraph[end:].lstrip(), authors


def parse_tail_line(line: str) -> list[Author] | None:
    """Authors when the whole line is a reporter tail or sign-off ([] for email/crew lines)."""
    stripped = line.strip()
    if not stripped or len(stripped) > TAIL_MAX_CHARS:
        return None
    s = " ".join(stripped.split())
    if QUOTE_RE.search(s):
        return None
    if CREW_LINE_RE.match(s):
        return []
    signoff = _parse_signoff(s)
    if signoff is not None:
        return [signoff]
    if s.endswith((".", "!", "?", "다")):
        return None  # a sentence, even a short one
    toks = _tokenize(_prepare(s, cut_dates=False))
    parsed = _assemble(toks)
    if not parsed.anchored or not _is_clean(toks, parsed):
        return None
    if not parsed.authors and not any(t.kind == "email" for t in toks):
        return None  # a role word alone ("[앵커]", "◀ 리포트 ▶") is a transcript label
    return merge_authors(parsed.authors)
