"""The parser is handed the input bytes only when they are exactly the decoded text's UTF-8."""

from __future__ import annotations

import pytest

from newsclean import document, extract
from newsclean.extractor import _decode

PAGE = (
    '<html><head><meta charset="utf-8"><title>가명시, 새 도서관 연다 - 가명일보</title></head>'
    "<body><article><h1>가명시, 새 도서관 연다</h1><p>가명시는 내년 봄 새 도서관을 연다고 밝혔다."
    " 도서관에는 열람실과 강의실이 들어선다.</p></article></body></html>"
)


def test_valid_utf8_is_passed_through() -> None:
    data = PAGE.encode("utf-8")
    text, utf8 = _decode(data, None)
    assert utf8 == data
    assert text.encode("utf-8") == utf8


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode("utf-8")[:-3] + b"\xea\xb0",  # cut inside a character: text ends in U+FFFD
        PAGE.encode("utf-8").replace("도서관에는".encode(), b"\xff\xfe"),  # invalid bytes
        b"\xef\xbb\xbf" + PAGE.encode("utf-8"),  # a BOM the text does not keep
        PAGE.replace('charset="utf-8"', 'charset="euc-kr"').encode("cp949"),
    ],
    ids=["cut-character", "invalid-bytes", "bom", "euc-kr"],
)
def test_anything_else_is_parsed_from_the_text(data: bytes) -> None:
    text, utf8 = _decode(data, None)
    assert utf8 is None
    assert text  # still decoded, and parsed from the text


def test_str_input_has_no_bytes() -> None:
    assert _decode(PAGE, None)[1] is None


def test_same_tree_and_record_either_way() -> None:
    data = PAGE.encode("utf-8")
    text = data.decode("utf-8")
    assert document.parse(text, utf8=data).tree.html == document.parse(text).tree.html
    assert extract(data).to_dict() == extract(text).to_dict()
