"""PageCache: fetched pages kept on disk, read back whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsclean.cache import HEADER_MAX_BYTES, PageCache
from newsclean.models import Page

URL = "https://news.example.kr/articleView.html?idxno=1234"
PAGE = Page(
    url=URL,
    content="<html><body><p>가명시 소식</p></body></html>".encode("cp949"),
    final_url="https://news.example.kr/news/1234",
    status_code=200,
    content_type="text/html; charset=euc-kr",
    charset="euc-kr",
)


def test_a_kept_page_reads_back_equal(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    assert cache.get(URL) is None
    cache.put(PAGE)
    assert cache.get(URL) == PAGE


def test_entries_are_keyed_by_the_exact_url_string(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    cache.put(PAGE)
    assert cache.get(URL + "&x=1") is None
    assert cache.get(URL.replace("https", "http")) is None


def test_a_newer_page_replaces_the_old_entry(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    cache.put(PAGE)
    newer = Page(url=URL, content=b"<html>new</html>", status_code=200)
    cache.put(newer)
    assert cache.get(URL) == newer
    assert len(list(tmp_path.rglob("*"))) == 2  # one folder, one file: no temporary left


def _corrupt(path: Path, how: str) -> None:
    data = path.read_bytes()
    header, _, body = data.partition(b"\n")
    if how == "short-body":
        path.write_bytes(data[:-3])
    elif how == "long-body":
        path.write_bytes(data + b"x")
    elif how == "bad-json":
        path.write_bytes(b"{not json\n" + body)
    elif how == "no-newline":
        path.write_bytes(header)
    elif how == "not-an-object":
        path.write_bytes(b"[1, 2]\n" + body)
    elif how == "huge-header":
        path.write_bytes(b"{" + b" " * HEADER_MAX_BYTES + b"}\n" + body)
    elif how == "other-url":
        path.write_bytes(header.replace(b"1234", b"9999") + b"\n" + body)
    elif how == "empty":
        path.write_bytes(b"")


@pytest.mark.parametrize(
    "how",
    [
        "short-body",
        "long-body",
        "bad-json",
        "no-newline",
        "not-an-object",
        "huge-header",
        "other-url",
        "empty",
    ],
)
def test_an_entry_that_does_not_read_back_whole_is_missing(tmp_path: Path, how: str) -> None:
    cache = PageCache(tmp_path)
    cache.put(PAGE)
    _corrupt(cache.path_for(URL), how)
    assert cache.get(URL) is None


def test_odd_header_values_are_dropped_not_trusted(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    path = cache.path_for(URL)
    path.parent.mkdir(parents=True)
    header = f'{{"url": "{URL}", "length": 2, "status_code": true, "charset": 5}}\n'
    path.write_bytes(header.encode() + b"ok")
    page = cache.get(URL)
    assert page is not None and page.content == b"ok"
    assert page.status_code is None and page.charset is None and page.final_url is None


def test_put_raises_oserror_when_the_disk_refuses(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(OSError):
        PageCache(blocker).put(PAGE)


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    cache = PageCache(tmp_path)
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        cache.put(PAGE)
    assert list(cache.path_for(URL).parent.iterdir()) == []
    assert cache.get(URL) is None
