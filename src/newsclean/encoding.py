"""Bytes → text for HTML pages, correct on Korean EUC-KR/CP949 pages.

The ladder (first rung that fits wins):

    BOM → HTTP charset → <meta> charset → strict UTF-8 → CP949 with Hangul
        → charset_normalizer guess → best attempt so far (else UTF-8 with replacement)

A declared charset is trusted only when the bytes decode under it almost cleanly, so a page
whose header or <meta> lies does not turn into mojibake. ``euc-kr`` is always read as CP949,
its superset, because EUC-KR cannot decode extended syllables such as 똠 or 햏.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

DecodeSource = Literal["bom", "http", "meta", "utf-8", "detected", "fallback"]

# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers (and the WHATWG prescan) look for <meta charset> only in the first 1024 bytes;
# real Korean pages put long scripts first, so we look a little further.
META_SCAN_BYTES = 4096

# <meta ... charset=LABEL ...> covers both <meta charset="x"> and the http-equiv form, whose
# content attribute holds "text/html; charset=x". [^<>] keeps the scan linear on junk.
META_CHARSET_RE = re.compile(
    r"""<meta\b[^<>]*?\bcharset\s*=\s*["']?\s*([^\s"'<>/;,]+)""",
    re.IGNORECASE,
)

# XHTML and feeds served as pages declare their charset in the XML declaration instead.
XML_ENCODING_RE = re.compile(
    r"""\A\s*<\?xml\b[^<>]*?\bencoding\s*=\s*["']?\s*([^\s"'<>?]+)""",
    re.IGNORECASE,
)

# Every label the web uses for Korean; CP949 (UHC) is the superset browsers actually decode.
# fmt: off
KOREAN_LABELS = frozenset({
    "euc-kr", "euckr", "x-euc-kr", "cseuckr", "ks-c-5601-1987", "ks-c-5601-1989", "ks-c-5601",
    "ksc5601", "ksc-5601", "ks-x-1001", "ksx1001", "csksc56011987", "iso-ir-149", "korean",
    "cp949", "ms949", "windows-949", "x-windows-949", "uhc",
})
# fmt: on

# WHATWG aliases of UTF-8 that Python's codec registry does not know.
UTF8_LABELS = frozenset(
    {"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"}
)

# Labels browsers refuse to decode with (security or no real codec); we do the same.
REFUSED_LABELS = frozenset(
    {"x-user-defined", "utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "replacement"}
)

# Python codecs that are not a sane way to read HTML: escape codecs, 7-bit stateful
# encodings WHATWG maps to "replacement", and the always-failing "undefined".
REFUSED_CODECS = frozenset(
    {
        "utf-7",
        "undefined",
        "unicode-escape",
        "raw-unicode-escape",
        "idna",
        "punycode",
        "iso2022_kr",
        "hz",
    }
)

# Browsers read these declarations with a superset codec (WHATWG Encoding Standard): a page
# labelled latin-1 or ascii is decoded as windows-1252, gb2312 as GBK/GB18030 and so on.
SUPERSET_CODECS = {
    "euc_kr": "cp949",
    "cp949": "cp949",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "utf-16": "utf-16-le",
    "utf-32": "utf-32-le",
}

# A real charset label is short and made of these characters; anything else is junk.
LABEL_RE = re.compile(r"[a-z0-9][a-z0-9._:+-]{0,39}")

# The longest character in any codec we accept (UTF-8 and GB18030 use 4 bytes): a decode
# error no earlier than this from the end is a page cut mid-character, not a wrong charset.
MAX_CHAR_BYTES = 4

# A declared charset is accepted when at most 0.1% of the decoded characters are replacement
# characters: one stray bad byte in a long page, but not a lying declaration (a Korean page in
# the wrong codec produces a replacement every few characters).
MAX_BAD_CHAR_RATIO = 0.001

# How many non-ASCII characters to look at when deciding whether a CP949 reading is Korean.
HANGUL_SAMPLE_CHARS = 4000

# At least this many Hangul syllables: one accidental pair of bytes is not a Korean page.
MIN_HANGUL_SYLLABLES = 2

# Korean prose is mostly Hangul; GB2312 or Shift_JIS bytes misread as CP949 give hanja soup.
MIN_HANGUL_SHARE = 0.5

HANGUL_SYLLABLE_RE = re.compile("[\uac00-\ud7a3]")
NON_ASCII_RUN_RE = re.compile("[^\x00-\x7f]+")
NON_ASCII_BYTE_RE = re.compile(rb"[\x80-\xff]")

# Single-byte Western/Cyrillic codecs decode any byte, so "decodes cleanly" proves nothing;
# old Korean servers often send "charset=iso-8859-1" for CP949 pages.
SINGLE_BYTE_CODEC_PREFIXES = ("cp125", "iso8859-", "koi8-", "mac-", "cp866", "cp874", "tis-620")

# Statistical detection reads at most 64 KB: enough for a stable guess, bounded cost.
DETECT_SAMPLE_BYTES = 64 * 1024

# Start the detection sample a little before the first non-ASCII byte, where the text is.
DETECT_LEAD_BYTES = 1024

# A UTF-16/32 declaration without a BOM is believed only if the bytes look wide: ASCII
# markup in UTF-16 is half NUL bytes, and even Korean-heavy heads keep many.
WIDE_MIN_NUL_SHARE = 0.2
WIDE_SAMPLE_BYTES = 1024

# ... with its NULs on one byte parity: Hangul such as 가 (U+AC00) puts the odd NUL elsewhere.
WIDE_MAX_OFF_PARITY_NUL_SHARE = 0.02

# Magic numbers of formats a fetcher meets instead of HTML.
BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",  # PNG
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",  # GIF
    b"GIF89a",  # GIF
    b"%PDF-",  # PDF
    b"\x1f\x8b",  # gzip (an undecoded Content-Encoding body, or a .gz download)
    b"PK\x03\x04",  # zip, docx, xlsx, hwpx, epub
    b"PK\x05\x06",  # empty zip
    b"PK\x07\x08",  # spanned zip
    b"\xfd7zXZ\x00",  # xz
    b"\x28\xb5\x2f\xfd",  # zstd
    b"RIFF",  # WebP, WAV, AVI
    b"7z\xbc\xaf\x27\x1c",  # 7-Zip
    b"wOFF",  # WOFF font
    b"wOF2",  # WOFF2 font
    b"OggS",  # Ogg audio/video
    b"fLaC",  # FLAC
    b"\x7fELF",  # executable
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE2: old .doc/.xls/.hwp
)

# bzip2 is "BZh" plus a block-size digit; the digit keeps a text starting "BZh" safe.
BZIP2_RE = re.compile(rb"\ABZh[1-9]")

# MP4/MOV/HEIC/AVIF: a box size, then "ftyp" at offset 4.
MP4_FTYP_OFFSET = 4

# The control-byte test looks at the first 1 KB only: cheap and enough for any format.
BINARY_SAMPLE_BYTES = 1024

# Text never has this share of NUL/C0 control bytes; compressed or random data has ~11%.
BINARY_CONTROL_RATIO = 0.05

# ... and a handful of stray NULs in an HTML page (a CMS bug) must not make it "binary".
BINARY_MIN_CONTROL_BYTES = 8

# C0 controls that plain text does use: tab, newline, form feed, carriage return, and ESC
# (ISO-2022 shift sequences).
TEXT_CONTROL_BYTES = frozenset(b"\t\n\x0c\r\x1b")

# Bytes counted as binary evidence: C0 controls other than the above, and DEL.
BINARY_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in TEXT_CONTROL_BYTES)


@dataclass(frozen=True)
class Decoded:
    """A page's text and how it was obtained."""

    text: str
    encoding: str  # Python codec name actually used, e.g. "utf-8", "cp949"
    source: DecodeSource


class _Attempt(NamedTuple):
    """The whole input decoded with one codec (replacement characters where it failed).

    A NamedTuple, not a frozen dataclass: building one of those at import costs ~1.5 ms.
    """

    codec: str
    text: str
    bad: int  # replacement characters the codec introduced, not counting a cut last character

    @property
    def clean(self) -> bool:
        return self.bad <= MAX_BAD_CHAR_RATIO * len(self.text)


def normalize_charset(label: str | None) -> str | None:
    """Map a charset label (HTTP or <meta>) to the Python codec a browser would use, or None."""
    if label is None:
        return None
    key = label.strip().strip("\"'").strip().lower().replace("_", "-")
    if not LABEL_RE.fullmatch(key) or key in REFUSED_LABELS:
        return None
    if key in KOREAN_LABELS:
        return "cp949"
    if key in UTF8_LABELS:
        return "utf-8"
    try:
        info = codecs.lookup(key)
    except LookupError:
        return None
    name = info.name
    if name in REFUSED_CODECS or not getattr(info, "_is_text_encoding", True):
        return None
    name = SUPERSET_CODECS.get(name, name)
    if not name.startswith(("utf-16", "utf-32")) and not _ascii_compatible(name):
        return None  # EBCDIC and friends: HTML markup would not survive
    return name


def _ascii_compatible(codec: str) -> bool:
    probe = b'<meta charset="x">'
    try:
        return probe.decode(codec) == probe.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def sniff_meta_charset(head: bytes) -> str | None:
    """Return the raw charset label of the first <meta> (or XML declaration) in the first 4 KB."""
    text = head[:META_SCAN_BYTES].decode("latin-1")
    match = META_CHARSET_RE.search(text) or XML_ENCODING_RE.search(text)
    return match.group(1) if match else None


def looks_binary(data: bytes) -> bool:
    """True for images, archives, PDFs, media and other non-text payloads."""
    head = data[:BINARY_SAMPLE_BYTES]
    if head.startswith(BINARY_MAGIC) or BZIP2_RE.match(head):
        return True
    if head[MP4_FTYP_OFFSET : MP4_FTYP_OFFSET + 4] == b"ftyp":
        return True
    if any(head.startswith(bom) for bom, codec in BOMS if codec != "utf-8"):
        return False  # UTF-16/32 text is full of NUL bytes by design
    if _count_controls(head) <= _control_limit(head):
        return False
    return not _looks_utf16_without_bom(head)


def _count_controls(chunk: bytes) -> int:
    return len(chunk) - len(chunk.translate(None, BINARY_CONTROL_BYTES))


def _control_limit(chunk: bytes) -> float:
    return max(BINARY_MIN_CONTROL_BYTES, BINARY_CONTROL_RATIO * len(chunk))


def _looks_utf16_without_bom(head: bytes) -> bool:
    # UTF-16 text puts the NULs of its ASCII characters on one byte parity, and its other bytes
    # are text; binary data scatters NULs and is full of other control bytes too.
    few, many = sorted((head[0::2].count(0), head[1::2].count(0)))
    if many < WIDE_MIN_NUL_SHARE * len(head) or few > WIDE_MAX_OFF_PARITY_NUL_SHARE * len(head):
        return False
    without_nuls = head.replace(b"\x00", b"")
    return _count_controls(without_nuls) <= _control_limit(without_nuls)


def decode_html(data: bytes, http_charset: str | None = None) -> Decoded:
    """Decode a page's bytes to text; never raises."""
    data = bytes(data)
    for bom, codec in BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(codec, "replace"), codec, "bom")

    ladder = _Ladder(data)
    declared: tuple[tuple[DecodeSource, str | None], ...] = (
        ("http", _label_from_header(http_charset)),
        ("meta", sniff_meta_charset(data)),
    )
    for source, label in declared:
        found = ladder.try_declared(label, source)
        if found is not None:
            return found

    utf8 = ladder.valid_utf8()
    if utf8 is not None:
        return Decoded(utf8.text, "utf-8", "utf-8")
    korean = ladder.korean()
    if korean is not None:
        return Decoded(korean.text, korean.codec, "detected")
    guessed = ladder.detect()
    if guessed is not None:
        return Decoded(guessed.text, guessed.codec, "detected")
    best = ladder.best()
    return Decoded(best.text, best.codec, "fallback")


def _label_from_header(value: str | None) -> str | None:
    # Callers sometimes pass the whole Content-Type value instead of its charset parameter.
    if value is None:
        return None
    lowered = value.lower()
    if "charset=" not in lowered:
        return value
    rest = value[lowered.index("charset=") + len("charset=") :]
    return rest.split(";", 1)[0]


class _Ladder:
    """One decode call's attempts, cached so no codec runs twice over the same bytes."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._attempts: dict[str, _Attempt | None] = {}

    def attempt(self, codec: str) -> _Attempt | None:
        found = self._attempts.get(codec, _DEFERRED)
        if found is _DEFERRED:  # not tried yet, or deferred by valid_utf8
            found = self._attempts[codec] = _decode_counting(self._data, codec)
        return found

    def valid_utf8(self) -> _Attempt | None:
        """The UTF-8 attempt when the bytes are UTF-8 (a cut last character allowed), else
        None. Legacy bytes fail the strict decode at once; their replacement decode, slow
        where nearly every character fails, waits in its place until best() needs it."""
        if "utf-8" not in self._attempts:
            try:
                self._attempts["utf-8"] = _Attempt("utf-8", self._data.decode("utf-8"), 0)
            except UnicodeDecodeError as exc:
                if exc.start < len(self._data) - MAX_CHAR_BYTES:
                    self._attempts["utf-8"] = _DEFERRED
                    return None
        found = self.attempt("utf-8")
        return found if found is not None and found.bad == 0 else None

    def try_declared(self, label: str | None, source: DecodeSource) -> Decoded | None:
        codec = normalize_charset(label)
        if codec is None:
            return None
        wide = codec.startswith(("utf-16", "utf-32"))
        if wide and (source == "meta" or not _looks_wide(self._data)):
            codec = "utf-8"  # bytes we could read as ASCII are not UTF-16 (WHATWG rule)
        if codec != "utf-8" and not self._data.isascii():
            # Valid multibyte UTF-8 almost never happens by chance in legacy text.
            utf8 = self.valid_utf8()
            if utf8 is not None:
                return Decoded(utf8.text, "utf-8", "utf-8")
        if codec.startswith(SINGLE_BYTE_CODEC_PREFIXES) and not self._data.isascii():
            korean = self.korean()
            if korean is not None:
                return Decoded(korean.text, korean.codec, "detected")
        found = self.attempt(codec)
        if found is not None and found.clean:
            return Decoded(found.text, found.codec, source)
        return None

    def korean(self) -> _Attempt | None:
        found = self.attempt("cp949")
        if found is None or not found.clean or not _mostly_hangul(found.text):
            return None
        return found

    def detect(self) -> _Attempt | None:
        codec = normalize_charset(_guess_charset(self._data))
        if codec is None or (
            codec.startswith(("utf-16", "utf-32")) and not _looks_wide(self._data)
        ):
            return None
        found = self.attempt(codec)
        return found if found is not None and found.clean else None

    def best(self) -> _Attempt:
        # Each in the order first tried; a deferred one is decoded now.
        tried = [found for found in map(self.attempt, list(self._attempts)) if found is not None]
        if not tried:
            return _Attempt("utf-8", self._data.decode("utf-8", "replace"), 0)
        # min() keeps the earliest on ties, so a declared charset beats a later guess.
        return min(tried, key=lambda found: found.bad / max(len(found.text), 1))


# Stands in the ladder for an attempt not decoded yet (see _Ladder.valid_utf8).
_DEFERRED = _Attempt("", "", -1)


def _decode_counting(data: bytes, codec: str) -> _Attempt | None:
    try:
        return _Attempt(codec, data.decode(codec), 0)
    except UnicodeDecodeError as exc:
        first_error = exc.start
    except (LookupError, ValueError, TypeError):
        return None
    text = data.decode(codec, "replace")
    if first_error >= len(data) - MAX_CHAR_BYTES:
        return _Attempt(codec, text, 0)  # only the cut last character failed
    try:
        genuine = data.count("\ufffd".encode(codec))  # U+FFFD that the page itself contains
    except UnicodeEncodeError:
        genuine = 0
    return _Attempt(codec, text, max(text.count("\ufffd") - genuine, 1))


def _mostly_hangul(text: str) -> bool:
    non_ascii: list[str] = []
    seen = 0
    for run in NON_ASCII_RUN_RE.finditer(text):
        non_ascii.append(run.group())
        seen += len(run.group())
        if seen >= HANGUL_SAMPLE_CHARS:
            break
    sample = "".join(non_ascii)
    hangul = len(HANGUL_SYLLABLE_RE.findall(sample))
    return hangul >= MIN_HANGUL_SYLLABLES and hangul >= MIN_HANGUL_SHARE * len(sample)


def _looks_wide(data: bytes) -> bool:
    head = data[:WIDE_SAMPLE_BYTES]
    return bool(head) and head.count(0) >= WIDE_MIN_NUL_SHARE * len(head)


def _guess_charset(data: bytes) -> str | None:
    first = NON_ASCII_BYTE_RE.search(data)
    start = max(first.start() - DETECT_LEAD_BYTES, 0) if first else 0
    sample = data[start : start + DETECT_SAMPLE_BYTES]
    try:
        from charset_normalizer import from_bytes  # lazy: a heavy import, needed on rare pages

        best = from_bytes(sample).best()
    except Exception:  # a third-party guess must never break decoding
        return None
    if best is None:
        return None
    return str(best.encoding)
