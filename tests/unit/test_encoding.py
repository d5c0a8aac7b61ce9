"""Tests for newsclean.encoding: bytes → text, with Korean EUC-KR/CP949 pages in mind."""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import random
import time
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import encoding
from newsclean.encoding import (
    Decoded,
    decode_html,
    looks_binary,
    normalize_charset,
    sniff_meta_charset,
)

# Invented article text. 똠, 햏 and 뷁 exist only in CP949 (not in strict EUC-KR).
KOREAN_BODY = "김가명 기자 = 똠방각하 햏자 마을에서 뷁 축제가 열렸다. 주민 홍길동 씨는 올해도 즐거웠다고 말했다."
PLAIN_KOREAN = "서울시는 오늘 새 도서관을 열었다고 밝혔다. 이가명 기자"


def page(body: str = KOREAN_BODY, head: str = "", title: str = "지역 소식") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head>"
        f"<body><article><p>{body}</p></article></body></html>"
    )


META_EUCKR = '<meta charset="euc-kr">'
META_UTF8 = '<meta charset="utf-8">'
HTTP_EQUIV_EUCKR = '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'

CP949_PAGE_META = page(head=META_EUCKR)
CP949_PAGE_PLAIN = page()


# ---------------------------------------------------------------- normalize_charset


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("euc-kr", "cp949"),
        ("EUC_KR", "cp949"),
        ("EUC-KR", "cp949"),
        ("ks_c_5601-1987", "cp949"),
        ("KS_C_5601-1987", "cp949"),
        ("ksc5601", "cp949"),
        ("x-windows-949", "cp949"),
        ("windows-949", "cp949"),
        ("cp949", "cp949"),
        ("uhc", "cp949"),
        ("korean", "cp949"),
        ("ksx1001", "cp949"),
        ("utf8", "utf-8"),
        ("UTF-8", "utf-8"),
        ("unicode-1-1-utf-8", "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("ascii", "cp1252"),
        ("windows-1252", "cp1252"),
        ("shift_jis", "cp932"),
        ("gb2312", "gb18030"),
        ("windows-1251", "cp1251"),
        ("utf-16", "utf-16-le"),
        ('"euc-kr"', "cp949"),
        ("  'utf-8'  ", "utf-8"),
        (" euc-kr\n", "cp949"),
        ("x-user-defined", None),
        ("utf-7", None),
        ("x-foo", None),
        ("", None),
        (None, None),
        ("base64", None),
        ("rot13", None),
        ("unicode_escape", None),
        ("cp037", None),
        ("iso-2022-kr", None),
        ("euc-kr; charset=utf-8", None),
        ("a" * 200, None),
        ("유니코드", None),
    ],
)
def test_normalize_charset(label: str | None, expected: str | None) -> None:
    assert normalize_charset(label) == expected


# ---------------------------------------------------------------- sniff_meta_charset


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="euc-kr">', "euc-kr"),
        (b"<meta charset='EUC-KR'>", "EUC-KR"),
        (b"<meta charset=euc-kr>", "euc-kr"),
        (b'<META CHARSET = " utf-8 " />', "utf-8"),
        (HTTP_EQUIV_EUCKR.encode(), "euc-kr"),
        (
            b'<meta content="text/html;charset=ks_c_5601-1987" http-equiv="Content-Type">',
            "ks_c_5601-1987",
        ),
        (b"<meta http-equiv='content-type' content='text/html; charset=\"euc-kr\"'>", "euc-kr"),
        (b'<meta name="viewport" content="width=device-width"><meta charset="utf-8">', "utf-8"),
        (b'<?xml version="1.0" encoding="EUC-KR"?><rss></rss>', "EUC-KR"),
        (b"<html><head><title>x</title></head></html>", None),
        (b"", None),
        (b"<!--" + b" " * 5000 + b'--><meta charset="euc-kr">', None),  # beyond the first 4 KB
        ('<title>똠</title><meta charset="euc-kr">'.encode("cp949"), "euc-kr"),
    ],
)
def test_sniff_meta_charset(head: bytes, expected: str | None) -> None:
    assert sniff_meta_charset(head) == expected


def test_sniff_meta_charset_is_fast_on_unclosed_tags() -> None:
    junk = b"<meta " * 100_000
    started = time.perf_counter()
    assert sniff_meta_charset(junk) is None
    assert time.perf_counter() - started < 0.5


# ---------------------------------------------------------------- looks_binary


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "본문")
    return buffer.getvalue()


HTML_BYTES = page(head=META_UTF8).encode("utf-8")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), True),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", True),
        (b"GIF89a\x01\x00\x01\x00", True),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", True),
        (gzip.compress(HTML_BYTES), True),
        (_zip_bytes(), True),
        (bz2.compress(HTML_BYTES), True),
        (lzma.compress(HTML_BYTES), True),
        (b"\x28\xb5\x2f\xfd\x24\x05\x29\x00", True),  # zstd frame
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", True),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", True),
        (random.Random(7).randbytes(2048), True),
        (b"\x00\x01\x02\x03" * 300, True),
        (HTML_BYTES, False),
        (CP949_PAGE_META.encode("cp949"), False),
        (b"<html><body>" + b"\x00" * 3 + b"<p>stray NULs</p></body></html>", False),
        (codecs.BOM_UTF16_LE + HTML_BYTES.decode().encode("utf-16-le"), False),
        (codecs.BOM_UTF16_BE + HTML_BYTES.decode().encode("utf-16-be"), False),
        (codecs.BOM_UTF32_LE + HTML_BYTES.decode().encode("utf-32-le"), False),
        (HTML_BYTES.decode().encode("utf-16-le"), False),  # UTF-16 without a BOM is still text
        (b"", False),
        (b"BZh is how this plain text starts", False),
    ],
)
def test_looks_binary(data: bytes, expected: bool) -> None:
    assert looks_binary(data) is expected


def test_looks_binary_threshold_constants_are_sane() -> None:
    assert 0 < encoding.BINARY_CONTROL_RATIO < 0.1  # random bytes carry ~11% controls
    assert b"\n" not in encoding.BINARY_CONTROL_BYTES
    assert b"\x00" in encoding.BINARY_CONTROL_BYTES


# ---------------------------------------------------------------- decode_html


def _truncated(text: str, codec: str) -> bytes:
    """Encode and cut the last character in half."""
    data = text.encode(codec)
    return data[:-1]


DecodeCase = tuple[bytes, "str | None", str, str, str]

DECODE_CASES: dict[str, DecodeCase] = {
    # id: (bytes, http_charset, expected encoding, expected source, text that must appear)
    "cp949 declared euc-kr by meta only": (
        CP949_PAGE_META.encode("cp949"),
        None,
        "cp949",
        "meta",
        KOREAN_BODY,
    ),
    "cp949 declared euc-kr by http only": (
        CP949_PAGE_PLAIN.encode("cp949"),
        "euc-kr",
        "cp949",
        "http",
        KOREAN_BODY,
    ),
    "cp949 undeclared": (CP949_PAGE_PLAIN.encode("cp949"), None, "cp949", "detected", KOREAN_BODY),
    "cp949 declared ks_c_5601-1987 by meta": (
        page(head='<meta charset="ks_c_5601-1987">').encode("cp949"),
        None,
        "cp949",
        "meta",
        KOREAN_BODY,
    ),
    "cp949 declared ks_c_5601-1987 by http": (
        CP949_PAGE_PLAIN.encode("cp949"),
        "ks_c_5601-1987",
        "cp949",
        "http",
        KOREAN_BODY,
    ),
    "cp949 http-equiv form": (
        page(head=HTTP_EQUIV_EUCKR).encode("cp949"),
        None,
        "cp949",
        "meta",
        KOREAN_BODY,
    ),
    "cp949 meta label in single quotes": (
        page(head="<meta charset='EUC-KR'>").encode("cp949"),
        None,
        "cp949",
        "meta",
        KOREAN_BODY,
    ),
    "http given as a whole content-type": (
        CP949_PAGE_PLAIN.encode("cp949"),
        "text/html; charset=EUC-KR",
        "cp949",
        "http",
        KOREAN_BODY,
    ),
    "http wins over meta when both are right": (
        CP949_PAGE_META.encode("cp949"),
        "cp949",
        "cp949",
        "http",
        KOREAN_BODY,
    ),
    "utf-8 declared by meta": (
        page(head=META_UTF8).encode("utf-8"),
        None,
        "utf-8",
        "meta",
        KOREAN_BODY,
    ),
    "utf-8 declared by http": (page().encode("utf-8"), "UTF-8", "utf-8", "http", KOREAN_BODY),
    "utf-8 undeclared": (page().encode("utf-8"), None, "utf-8", "utf-8", KOREAN_BODY),
    "utf-8 BOM": (codecs.BOM_UTF8 + page().encode("utf-8"), "euc-kr", "utf-8", "bom", KOREAN_BODY),
    "utf-16 LE BOM": (
        codecs.BOM_UTF16_LE + page().encode("utf-16-le"),
        None,
        "utf-16-le",
        "bom",
        KOREAN_BODY,
    ),
    "utf-16 BE BOM": (
        codecs.BOM_UTF16_BE + page().encode("utf-16-be"),
        None,
        "utf-16-be",
        "bom",
        KOREAN_BODY,
    ),
    "utf-32 LE BOM": (
        codecs.BOM_UTF32_LE + page().encode("utf-32-le"),
        None,
        "utf-32-le",
        "bom",
        KOREAN_BODY,
    ),
    "meta says utf-8 but bytes are cp949": (
        page(head=META_UTF8).encode("cp949"),
        None,
        "cp949",
        "detected",
        KOREAN_BODY,
    ),
    "http says utf-8 but meta (right) says euc-kr": (
        CP949_PAGE_META.encode("cp949"),
        "utf-8",
        "cp949",
        "meta",
        KOREAN_BODY,
    ),
    "http says euc-kr but bytes are utf-8": (
        page().encode("utf-8"),
        "euc-kr",
        "utf-8",
        "utf-8",
        KOREAN_BODY,
    ),
    "meta says euc-kr but bytes are utf-8": (
        CP949_PAGE_META.encode("utf-8"),
        None,
        "utf-8",
        "utf-8",
        KOREAN_BODY,
    ),
    "http says iso-8859-1 but bytes are cp949": (
        CP949_PAGE_META.encode("cp949"),
        "iso-8859-1",
        "cp949",
        "detected",
        KOREAN_BODY,
    ),
    "unknown http label x-foo": (
        CP949_PAGE_PLAIN.encode("cp949"),
        "x-foo",
        "cp949",
        "detected",
        KOREAN_BODY,
    ),
    "unknown meta label x-foo": (
        page(head='<meta charset="x-foo">').encode("utf-8"),
        None,
        "utf-8",
        "utf-8",
        KOREAN_BODY,
    ),
    "x-user-defined is ignored": (
        page().encode("utf-8"),
        "x-user-defined",
        "utf-8",
        "utf-8",
        KOREAN_BODY,
    ),
    "meta utf-16 on ascii-compatible bytes means utf-8": (
        page(head='<meta charset="utf-16">').encode("utf-8"),
        None,
        "utf-8",
        "meta",
        KOREAN_BODY,
    ),
    "http utf-16 without BOM on real utf-16": (
        page().encode("utf-16-le"),
        "utf-16",
        "utf-16-le",
        "http",
        KOREAN_BODY,
    ),
    "truncated cp949 declared by meta": (
        _truncated(CP949_PAGE_META + "똠", "cp949"),
        None,
        "cp949",
        "meta",
        KOREAN_BODY,
    ),
    "truncated cp949 declared by http": (
        _truncated(CP949_PAGE_PLAIN + "햏", "cp949"),
        "euc-kr",
        "cp949",
        "http",
        KOREAN_BODY,
    ),
    "truncated utf-8 declared by meta": (
        _truncated(page(head=META_UTF8) + "뷁", "utf-8"),
        None,
        "utf-8",
        "meta",
        KOREAN_BODY,
    ),
    "truncated utf-8 undeclared": (
        _truncated(page() + "뷁", "utf-8"),
        None,
        "utf-8",
        "utf-8",
        KOREAN_BODY,
    ),
    "empty input": (b"", None, "utf-8", "utf-8", ""),
    "empty input with http charset": (b"", "euc-kr", "cp949", "http", ""),
    "NUL bytes in a utf-8 page": (
        page(body="앞\x00뒤").encode("utf-8"),
        None,
        "utf-8",
        "utf-8",
        "앞\x00뒤",
    ),
    "plain ascii declared euc-kr": (b"<p>hello</p>", "euc-kr", "cp949", "http", "hello"),
    "genuine U+FFFD in a utf-8 page": (
        page(body="깨진 글자 \ufffd 예시").encode("utf-8"),
        "euc-kr",
        "utf-8",
        "utf-8",
        "\ufffd",
    ),
    "gb2312 chinese page is not read as korean": (
        page(body="这是一篇关于城市图书馆开放的新闻报道。", title="新闻").encode("gb2312"),
        "gb2312",
        "gb18030",
        "http",
        "图书馆",
    ),
    "cp1252 page declared latin1": (
        page(body="Le café est délicieux.", title="Nouvelles").encode("cp1252"),
        "latin1",
        "cp1252",
        "http",
        "café",
    ),
}


@pytest.mark.parametrize(
    ("data", "http_charset", "codec", "source", "needle"),
    list(DECODE_CASES.values()),
    ids=list(DECODE_CASES),
)
def test_decode_html(
    data: bytes, http_charset: str | None, codec: str, source: str, needle: str
) -> None:
    decoded = decode_html(data, http_charset)
    assert isinstance(decoded, Decoded)
    assert (decoded.encoding, decoded.source) == (codec, source)
    assert needle in decoded.text
    assert not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["cp949", "utf-8"])
def test_truncated_page_keeps_all_but_the_cut_character(codec: str) -> None:
    full = CP949_PAGE_META if codec == "cp949" else page(head=META_UTF8)
    decoded = decode_html(_truncated(full + "똠", codec))
    assert decoded.text.startswith(full)
    assert len(decoded.text) - len(full) <= 1  # at most one replacement for the cut character


def test_bom_is_stripped() -> None:
    decoded = decode_html(codecs.BOM_UTF8 + b"<p>x</p>")
    assert decoded.text == "<p>x</p>"


def test_lying_meta_gives_no_mojibake() -> None:
    decoded = decode_html(page(head=META_UTF8, body=PLAIN_KOREAN).encode("cp949"))
    assert PLAIN_KOREAN in decoded.text
    assert "\ufffd" not in decoded.text


def test_one_bad_byte_in_a_long_declared_page_is_tolerated() -> None:
    body = (PLAIN_KOREAN + " ") * 200
    data = page(head=META_EUCKR, body=body).encode("cp949")
    middle = len(data) // 2
    broken = data[:middle] + b"\xff" + data[middle:]
    decoded = decode_html(broken)
    assert (decoded.encoding, decoded.source) == ("cp949", "meta")


def test_latin_page_without_declaration_is_not_read_as_korean() -> None:
    data = page(
        body="Die Bürgermeisterin eröffnete das Café am Öffentlichen Platz.", title="Nachrichten"
    ).encode("cp1252")
    decoded = decode_html(data)
    assert decoded.encoding != "cp949"
    assert "Bürgermeisterin" in decoded.text


def test_garbage_falls_back_without_raising() -> None:
    data = b"<p>" + bytes(range(0x80, 0x100)) * 4 + b"</p>"
    decoded = decode_html(data, "utf-8")
    assert decoded.text.startswith("<p>")
    assert decoded.source in ("detected", "fallback")


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_never_raise(seed: int) -> None:
    rng = random.Random(seed)
    data = rng.randbytes(rng.randrange(0, 3000))
    label = rng.choice([None, "euc-kr", "utf-8", "utf-16", "x-foo", "iso-8859-1", "shift_jis"])
    decoded = decode_html(data, label)
    assert isinstance(decoded.text, str)
    looks_binary(data)
    sniff_meta_charset(data)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=512), label=st.one_of(st.none(), st.text(max_size=20)))
def test_any_bytes_and_label_decode(data: bytes, label: str | None) -> None:
    decoded = decode_html(data, label)
    assert isinstance(decoded.text, str)
    assert decoded.source in ("bom", "http", "meta", "utf-8", "detected", "fallback")


def test_common_utf8_path_skips_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(data: bytes) -> str | None:
        raise AssertionError("detection must not run on a clean UTF-8 page")

    monkeypatch.setattr(encoding, "_guess_charset", forbidden)
    assert decode_html(page(head=META_UTF8).encode("utf-8")).source == "meta"
    assert decode_html(page().encode("utf-8")).source == "utf-8"
    assert decode_html(CP949_PAGE_META.encode("cp949")).source == "meta"
    assert decode_html(CP949_PAGE_PLAIN.encode("cp949")).source == "detected"


def test_utf8_200kb_overhead_is_small() -> None:
    data = page(head=META_UTF8, body=(PLAIN_KOREAN + " ") * 2700).encode("utf-8")
    assert len(data) > 200_000
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        data.decode("utf-8")
    codec_only = (time.perf_counter() - started) / runs
    started = time.perf_counter()
    for _ in range(runs):
        decode_html(data)
    ours = (time.perf_counter() - started) / runs
    assert ours - codec_only < 0.001


LARGE_INPUTS = {
    # id: (repeated sentence, repeats, <head> markup, codec, http_charset); built inside the test
    "utf-8": (PLAIN_KOREAN, 300_000, "", "utf-8", None),
    "cp949-meta": (KOREAN_BODY, 200_000, META_EUCKR, "cp949", None),
    "cp949-undeclared": (KOREAN_BODY, 200_000, "", "cp949", None),
    "utf-8-lying-http": (PLAIN_KOREAN, 300_000, "", "utf-8", "euc-kr"),
}


@pytest.mark.parametrize("case", list(LARGE_INPUTS))
def test_large_inputs_decode_in_linear_time(case: str) -> None:
    sentence, repeats, head, codec, http_charset = LARGE_INPUTS[case]
    data = page(body=(sentence + " ") * repeats, head=head).encode(codec)
    assert len(data) > 15_000_000
    started = time.perf_counter()
    decoded = decode_html(data, http_charset)
    assert time.perf_counter() - started < 3.0
    assert decoded.encoding == codec
    assert "\ufffd" not in decoded.text


def test_large_random_input_is_linear() -> None:
    data = random.Random(3).randbytes(20_000_000)
    started = time.perf_counter()
    decode_html(data, "utf-8")
    assert time.perf_counter() - started < 5.0


# ---------------------------------------------------------------- named thresholds


def test_replacement_ratio_threshold_is_tiny() -> None:
    assert 0 < encoding.MAX_BAD_CHAR_RATIO <= 0.01


def test_max_char_bytes_covers_utf8_and_gb18030() -> None:
    assert encoding.MAX_CHAR_BYTES >= len("𝄞".encode()) == 4


def test_hangul_share_rejects_hanja_soup() -> None:
    hanja_soup = "中國語" * 10
    assert not encoding._mostly_hangul(hanja_soup)
    assert encoding._mostly_hangul("똠방각하 " + "中")
    assert not encoding._mostly_hangul("똠")  # one syllable is below MIN_HANGUL_SYLLABLES


# ---------------------------------------------------------------- the ladder's deferred UTF-8


def test_legacy_bytes_skip_the_utf8_replacement_decode() -> None:
    # An EUC-KR page fails strict UTF-8 at its first Hangul: nothing more is decoded as UTF-8
    # (a replacement decode of legacy bytes fails at nearly every character).
    data = '<meta charset="euc-kr"><p>한국어 기사 본문</p>'.encode("cp949")
    ladder = encoding._Ladder(data)
    found = ladder.try_declared("euc-kr", "meta")
    assert found is not None and found.encoding == "cp949"
    assert ladder._attempts["utf-8"] is encoding._DEFERRED


def test_a_deferred_utf8_attempt_still_competes_in_best() -> None:
    # One stray byte in UTF-8 text: not valid UTF-8, yet its replacement decode (one bad
    # character) is the best reading once nothing declared fits.
    data = "<p>한국어 기사 본문</p>".encode() + b"\xff" + "<p>끝</p>".encode()
    ladder = encoding._Ladder(data)
    assert ladder.valid_utf8() is None
    best = ladder.best()
    assert (best.codec, best.bad) == ("utf-8", 1)
    assert best.text.count("\ufffd") == 1


def test_a_cut_last_character_is_still_valid_utf8() -> None:
    data = "<p>한국어</p>한".encode()[:-1]  # the page cut inside its last character
    ladder = encoding._Ladder(data)
    found = ladder.valid_utf8()
    assert found is not None and found.bad == 0
