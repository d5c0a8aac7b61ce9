"""The faster forms of the byline regexes, guards and token loops give what the plain forms gave.

The reference patterns and functions below are the earlier, simpler writings; the module's
versions skip work that cannot change the answer and must agree with them on any text.
"""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from newsclean.extraction import bylines as B
from newsclean.models import Author

OLD_DATE_CUT_RE = re.compile(
    r"(?<![가-힣])(?:기사\s?)?(?:입력|수정|승인|등록|발행|게재|송고|업데이트|최종\s?수정|작성)"
    r"(?:일시|일|시간)?\s{0,3}[:：]?\s{0,3}(?=\d)"
    r"|(?:19|20)\d{2}\s{0,2}[.\-/년]\s{0,2}\d{1,2}"
    r"|(?<![A-Za-z])(?:Posted|Updated|Published)(?![A-Za-z])"
)
OLD_UI_RESIDUE_RE = re.compile(
    r"기자의\s?(?:다른\s?)?기사(?:\s?(?:모음|보기|더보기))?"
    r"|(?<![가-힣])(?:기자\s?페이지|다른\s?기사(?:\s?보기)?|메일\s?보내기|공유\s?하기|더\s?보기"
    r"|구독(?:하기|중)?(?:\s?취소)?|좋아요|프로필|카카오(?:톡|스토리)?|페이스북|트위터|네이버"
    r"|스크랩|인쇄|글자\s?크기|기사\s?제보|제보하기|팔로우|URL\s?복사|댓글(?:\s?\d{1,6})?)(?![가-힣])"
    r"|(?<![A-Za-z])(?:TALK|Talk|talk)(?![A-Za-z])"
)
OLD_SPACED_ROLE_RE = re.compile(
    r"(?<![가-힣])(선임|수석|수습|인턴|객원|취재|사진|전문|명예|시민|기상)\s(기자|캐스터)(?![가-힣])"
)

ATOMS = (
    "기사", "기자", "기자의", "다른", "모음", "보기", "더보기", "입력", "수정", "승인", "등록", "발행", "게재",
    "송고", "업데이트", "최종", "작성", "일시", "일", "시간", ":", "：", "1", "2", "19", "20", "2023", "9",
    "0", "05", ".", "-", "/", "년", "Posted", "Updated", "Published", "PostedX", "xUpdated", "페이지",
    "메일", "보내기", "공유", "하기", "더", "구독", "중", "취소", "좋아요", "프로필", "카카오", "톡", "스토리",
    "페이스북", "트위터", "네이버", "스크랩", "인쇄", "글자", "크기", "제보", "제보하기", "팔로우", "URL",
    "복사", "댓글", "12", "TALK", "Talk", "talk", "TALKS", "aTalk", "선임", "수석", "수습", "인턴", "객원",
    "취재", "사진", "전문", "명예", "시민", "기상", "캐스터", "가", "홍길동", "김가명", "남궁민수", "이동환기자",
    "과학전문기자", "특파원", "앵커", "PD", "기자단", "hong@example.kr", "a.b@x.co.kr", "@", "·", "ㆍ",
    ",", "및", "and", "AND", "And", "andy", "=", "파리=", "(", ")", "[", "]", "YTN", "iMBC", "연예",
    "CBS노컷뉴스", "디지털뉴스부", "뉴스", "연합뉴스", "서울", "미국", "다", "요", "했다", "습니다", "!",
    "a", "Z", "U", "P", "T", "t", "x", "\n", "\t", "ａ", "１",
)  # fmt: skip
SEPARATORS = ("", " ", "  ", "\n", "\t")


def random_texts(seed: int, count: int, max_atoms: int = 8) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(
            rng.choice(ATOMS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, max_atoms))
        )
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", [1, 2])
def test_first_character_regexes_match_the_plain_ones(seed: int) -> None:
    for text in random_texts(seed, 4000):
        old, new = OLD_DATE_CUT_RE.search(text), B.DATE_CUT_RE.search(text)
        assert (old and old.start()) == (new and new.start()), text
        assert [m.span() for m in B.UI_RESIDUE_RE.finditer(text)] == [
            m.span() for m in OLD_UI_RESIDUE_RE.finditer(text)
        ], text
        assert B.SPACED_ROLE_RE.sub("", text) == OLD_SPACED_ROLE_RE.sub(r"\1\2", text), text


def old_prepare(text: str, *, cut_dates: bool) -> str:
    """_prepare with every regex run, none skipped."""
    s = B.MIDDOT_RE.sub("·", text[: B.MAX_BYLINE_SCAN_CHARS])
    s = unicodedata.normalize("NFKC", s)
    s = B.URL_RE.sub(" ", s)
    if cut_dates:
        m = OLD_DATE_CUT_RE.search(s)
        if m:
            s = s[: m.start()]
    s = OLD_UI_RESIDUE_RE.sub(" ", s)
    s = OLD_SPACED_ROLE_RE.sub(r"\1\2", s)
    s = B.EMAIL_RE.sub(lambda m: f" {m.group()} ", s)
    s = B.EQ_PREFIX_RE.sub(B._drop_eq_prefix, s)
    return B.BRACKET_RE.sub(" ", s)


@pytest.mark.parametrize("seed", [3])
def test_prepare_skips_only_regexes_that_cannot_match(seed: int) -> None:
    texts = [*random_texts(seed, 3000), "See www.example.com", "https://x.kr/a 홍길동 기자"]
    for text in texts:
        for cut_dates in (True, False):
            assert B._prepare(text, cut_dates=cut_dates) == old_prepare(text, cut_dates=cut_dates)


def old_tokenize(prepared: str) -> list[B._Tok]:
    toks: list[B._Tok] = []
    for m in B.TOKEN_RE.finditer(prepared):
        if m.group("email"):
            toks.append(B._Tok("email", m.group("email")))
        elif m.group("sep"):
            toks.append(B._Tok("sep", m.group("sep")))
        else:
            toks.extend(old_classify(m.group("word")))
    return toks


def old_split_fused_role(word: str) -> list[B._Tok] | None:
    fallback: list[B._Tok] | None = None
    for role in B.ROLE_WORDS:
        if len(word) > len(role) and word.endswith(role):
            prefix = word[: -len(role)]
            if B._is_strict_name(prefix):
                return [B._Tok("name", prefix, True), B._Tok("role", role)]
            if fallback is None:
                fallback = [B._Tok("qual", prefix), B._Tok("role", role)]
    return fallback


def old_classify(raw: str) -> list[B._Tok]:
    word = raw.strip(B.WORD_TRIM_CHARS)
    if not word:
        return []
    if word in B.ROLE_WORDS:
        return [B._Tok("role", word)]
    fused = old_split_fused_role(word)
    if fused is not None:
        return fused
    has_hangul = B.HANGUL_RE.search(word) is not None
    if word in B.QUALIFIER_WORDS:
        return [B._Tok("qual", word)]
    if word in B.NON_NAME_WORDS:
        return [B._Tok("stop", word)]
    if has_hangul and B._is_org(word):
        return [B._Tok("org", word)]
    if B.HANGUL_WORD_RE.fullmatch(word):
        if word.startswith(B.ROLE_WORDS):
            return [B._Tok("other", word)]
        if B.NAME_MIN_SYLLABLES <= len(word) <= B.NAME_MAX_SYLLABLES:
            return [B._Tok("name", word, B._is_strict_name(word))]
        return [B._Tok("other", word)]
    if has_hangul and B.LATIN_LETTER_RE.search(word):
        return [B._Tok("org", word)]
    if B.LATIN_OUTLET_RE.fullmatch(word):
        return [B._Tok("latin", word)]
    return [B._Tok("other", word)]


@pytest.mark.parametrize("seed", [4, 5])
def test_tokens_match_the_plain_token_loop(seed: int) -> None:
    long_word = "가" * 45 + " " + "x" * 90
    for text in [*random_texts(seed, 3000), long_word, "및 and·AND,And 및및 andy"]:
        prepared = B._prepare(text, cut_dates=False)
        assert B._tokenize(prepared) == old_tokenize(prepared), text


def test_fused_roles_split_as_the_role_word_loop_did() -> None:
    words = [
        f"{prefix}{role}"
        for prefix in ("", "홍길동", "남궁민수", "과학", "김", "디지털", "PD", "기자", "x")
        for role in B.ROLE_WORDS
    ] + ["기자", "홍길동", "캐스터", "기상캐스터", "PD", "XPD", "연구원", "특파원들"]
    for word in words:
        assert B._split_fused_role(word) == old_split_fused_role(word), word
        assert B._classify(word) == old_classify(word), word


def old_parse(prepared: str) -> list[Author]:
    """The Korean path of parse_byline with no shortcut: tokenize everything, then assemble."""
    return B.merge_authors(B._assemble(old_tokenize(prepared)).authors)


@pytest.mark.parametrize("seed", [6])
def test_bare_name_path_agrees_with_assembling_every_token(seed: int) -> None:
    for text in random_texts(seed, 3000, max_atoms=5):
        prepared = B._prepare(text, cut_dates=True)
        if not B._may_anchor(prepared):
            assert B.merge_authors(B._bare_names(prepared)) == old_parse(prepared), text


def test_role_roots_cover_every_role_word() -> None:
    assert set(B.ROLE_ROOTS) <= set(B.ROLE_WORDS)
    for word in B.ROLE_WORDS:
        assert any(root in word for root in B.ROLE_ROOTS), word
    for text in ("홍길동 선임기자", "김 특파원", "편집장 칼럼", "앵커", "PD수첩", "기상 캐스터"):
        assert B.has_role_word(text) == any(w in text for w in B.ROLE_WORDS)
    assert not B.has_role_word("홍길동 씀")


def test_sentence_test_only_skips_text_without_sentence_endings() -> None:
    for text in random_texts(7, 2000):
        if B.SENTENCE_RE.search(text):
            assert B._may_be_sentence(text), text


def test_merge_authors_keeps_equal_values_and_fills_gaps() -> None:
    first = Author("홍길동", "기자")
    merged = B.merge_authors([first, Author(" 김가명 ")], [Author("홍길동", None, "h@x.kr")])
    assert merged == [Author("홍길동", "기자", "h@x.kr"), Author("김가명")]
    assert B.merge_authors([first])[0] is first  # already in shape: kept as it is
    assert B.merge_authors([Author("홍길동", "")], [Author("홍길동")]) == [Author("홍길동", None)]
