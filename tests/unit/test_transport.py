"""The sans-IO HTTP/1.1 response parser of newsclean.transport: table tests and h11 parity."""

from __future__ import annotations

import h11
import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.transport import (
    MAX_HEADER_BYTES,
    MAX_HEADERS,
    ResponseParser,
    _no_proxy_pattern,
    env_proxy_mounts,
    parse_head,
)


def parse(
    raw: bytes, method: bytes = b"GET", step: int = 0, eof: bool = True
) -> tuple[int, list[tuple[bytes, bytes]], bytes, ResponseParser]:
    """(status, headers, body, parser) from feeding ``raw`` whole or ``step`` bytes at a time."""
    parser = ResponseParser(method)
    pieces = [raw[i : i + step] for i in range(0, len(raw), step)] if step else [raw]
    head = None
    body: list[bytes] = []
    for piece in pieces:
        parser.feed(piece)
        if head is None:
            head = parser.read_head()
        if head is not None:
            body.append(parser.read_body())
    if eof:
        parser.feed_eof()
        if head is None:
            head = parser.read_head()
        assert head is not None
        while not parser.done:
            body.append(parser.read_body())
    assert head is not None
    return head.status, head.headers, b"".join(body), parser


OK_HEAD = b"HTTP/1.1 200 OK\r\n"


@pytest.mark.parametrize("step", [0, 1, 7])
@pytest.mark.parametrize(
    ("raw", "method", "body", "keep_alive"),
    [
        (OK_HEAD + b"Content-Length: 5\r\n\r\nhello", b"GET", b"hello", True),
        (OK_HEAD + b"Content-Length: 0\r\n\r\n", b"GET", b"", True),
        (
            OK_HEAD + b"Content-Length: 5, 5\r\nContent-Length: 5\r\n\r\nhello",
            b"GET",
            b"hello",
            True,
        ),
        (
            OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n5;name=val\r\nhello\r\n"
            b"6\r\n world\r\n0\r\nExpires: never\r\nX-Sum: 1\r\n\r\n",
            b"GET",
            b"hello world",
            True,
        ),
        (
            OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n",
            b"GET",
            b"0123456789",
            True,
        ),
        # Both framings: chunked wins (RFC 9112 §6.3) and the connection is not trusted again.
        (
            OK_HEAD
            + b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            b"GET",
            b"hello",
            False,
        ),
        (
            OK_HEAD + b"Transfer-Encoding: gzip\r\n\r\nraw until close",
            b"GET",
            b"raw until close",
            False,
        ),
        (OK_HEAD + b"Content-Type: text/html\r\n\r\nuntil close", b"GET", b"until close", False),
        (OK_HEAD + b"Content-Length: 5\r\n\r\n", b"HEAD", b"", True),
        (b"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n", b"GET", b"", True),
        (b"HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n", b"GET", b"", True),
        (OK_HEAD + b"Connection: close\r\nContent-Length: 2\r\n\r\nhi", b"GET", b"hi", False),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi", b"GET", b"hi", False),
        (
            b"HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nhi",
            b"GET",
            b"hi",
            True,
        ),
        (
            b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\nclose-delimited",
            b"GET",
            b"close-delimited",
            False,
        ),
        # Lenient where browsers are: bare LF, no reason phrase, a stray CRLF before the head.
        (b"HTTP/1.1 200 OK\nContent-Length: 2\n\nhi", b"GET", b"hi", True),
        (b"HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nhi", b"GET", b"hi", True),
        (b"\r\n" + OK_HEAD + b"Content-Length: 2\r\n\r\nhi", b"GET", b"hi", True),
        (OK_HEAD + b"Transfer-Encoding: chunked\n\n2\nhi\n0\n\n", b"GET", b"hi", True),
    ],
)
def test_framings(raw: bytes, method: bytes, body: bytes, keep_alive: bool, step: int) -> None:
    status, _, got, parser = parse(raw, method, step, eof=False)
    if not parser.done:  # close-delimited: only the end of the connection ends it
        assert not keep_alive
        parser.feed_eof()
        got += parser.read_body()
        assert parser.done
    assert status in (200, 204, 304)
    assert got == body
    assert parser.keep_alive is keep_alive
    assert parser.reusable is keep_alive


def test_interim_responses_are_skipped() -> None:
    raw = (
        b"HTTP/1.1 100 Continue\r\n\r\n"
        b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
        + OK_HEAD
        + b"Content-Length: 2\r\n\r\nhi"
    )
    for step in (0, 1, 5):
        status, headers, body, _ = parse(raw, step=step)
        assert (status, headers, body) == (200, [(b"Content-Length", b"2")], b"hi")


def test_head_details() -> None:
    head = parse_head(
        b"HTTP/1.1 404 Not  Found here\r\nSet-Cookie: a=1\r\nX-Long: first\r\n  second\r\n"
        b"\tthird\r\nset-cookie: b=2\r\nEmpty:"
    )
    assert (head.status, head.reason, head.http_version) == (404, b"Not  Found here", b"HTTP/1.1")
    assert head.headers == [
        (b"Set-Cookie", b"a=1"),
        (b"X-Long", b"first second third"),  # obs-fold joins with one space
        (b"set-cookie", b"b=2"),
        (b"Empty", b""),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        OK_HEAD + b"Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        OK_HEAD + b"Content-Length: 5, 6\r\n\r\nhello!",
        OK_HEAD + b"Content-Length: -1\r\n\r\n",
        OK_HEAD + b"Content-Length: 0x10\r\n\r\n",
        OK_HEAD + b"Content-Length: 10\r\n\r\nshort",  # then EOF
        OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n5\r\nhel",  # then EOF
        OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n",
        OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + b"1" * (5 * 1024),
        b"HTTP/2 200 OK\r\n\r\n",
        b"HTTP/1.1 20 OK\r\n\r\n",
        b"ICY 200 OK\r\n\r\n",
        b"<html>not http</html>\r\n\r\n",
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
        OK_HEAD + b"Bad Name: x\r\n\r\n",
        OK_HEAD + b"no colon here\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n continuation first\r\n\r\n",
        OK_HEAD + b"X: " + b"a" * MAX_HEADER_BYTES + b"\r\n\r\n",
        OK_HEAD + b"X: " + b"a" * MAX_HEADER_BYTES,  # no end in sight: the cap still holds
        OK_HEAD + b"".join(b"X-%d: v\r\n" % i for i in range(MAX_HEADERS + 1)) + b"\r\n",
        b"",  # closed without a response
        OK_HEAD + b"Content-Length: 2\r\n",  # closed inside the head
    ],
)
def test_protocol_errors(raw: bytes) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        parse(raw)


def test_limits_are_not_hit_by_legal_sizes() -> None:
    many = b"".join(b"X-%d: v\r\n" % i for i in range(MAX_HEADERS))
    assert parse(OK_HEAD + many[: -len(b"X-0: v\r\n")] + b"Content-Length: 0\r\n\r\n")[0] == 200
    big = OK_HEAD + b"X: " + b"a" * (MAX_HEADER_BYTES - 100) + b"\r\nContent-Length: 0\r\n\r\n"
    assert parse(big, step=4096)[0] == 200


@pytest.mark.parametrize("step", [0, 1, 3, 40])
def test_bytes_after_the_response_make_the_connection_unusable(step: int) -> None:
    *_, parser = parse(OK_HEAD + b"Content-Length: 2\r\n\r\nhiEXTRA", step=step, eof=False)
    assert parser.done and parser.keep_alive and not parser.reusable
    assert parser.buffer == b"EXTRA"
    *_, parser = parse(OK_HEAD + b"Content-Length: 2\r\n\r\nhi", eof=False)
    assert parser.reusable
    chunked = OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\nX-T: 1\r\n\r\n"
    *_, parser = parse(chunked + b"EXTRA", eof=False)
    assert parser.done and not parser.reusable and parser.buffer == b"EXTRA"
    *_, parser = parse(chunked, eof=False)
    assert parser.reusable


def test_known_length_body_is_handed_out_as_it_arrives() -> None:
    parser = ResponseParser()
    parser.feed(OK_HEAD + b"Content-Length: 11\r\n\r\nhel")
    assert parser.read_head() is not None
    assert parser.read_body() == b"hel"
    assert parser.read_body() == b""
    parser.feed(b"lo world")
    assert parser.unread == 8
    assert parser.read_body() == b"lo world"
    assert parser.done and parser.reusable


def test_body_is_handed_out_as_it_arrives() -> None:
    parser = ResponseParser()
    parser.feed(OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n8\r\nabc")
    assert parser.read_head() is not None
    assert parser.read_body() == b"abc"
    assert parser.read_body() == b""
    parser.feed(b"defgh\r\n0\r\n")
    assert parser.read_body() == b"defgh"
    assert not parser.done
    parser.feed(b"\r\n")
    assert parser.read_body() == b"" and parser.done


# --- parity with h11 on valid responses ---------------------------------------------------

TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
FRAMING_NAMES = {"content-length", "transfer-encoding", "connection"}
names = st.text(TOKEN_CHARS, min_size=1, max_size=12).filter(
    lambda n: n.lower() not in FRAMING_NAMES
)
values = st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=0, max_size=20
).flatmap(
    lambda v: st.sampled_from([v, f"{v} {v}" if v else v])
)  # inner spaces, never leading or trailing ones
responses = st.fixed_dictionaries(
    {
        "status": st.integers(200, 599).filter(lambda s: s not in (204, 304)),
        "reason": st.text(TOKEN_CHARS + " ", max_size=15).map(str.strip),
        "headers": st.lists(st.tuples(names, values), max_size=8),
        "body": st.binary(max_size=300),
        "framing": st.sampled_from(["length", "chunked", "close"]),
        "cuts": st.lists(st.integers(1, 400), max_size=6),
        "chunk": st.integers(1, 64),
    }
)


def _encode(r: dict[str, object]) -> bytes:
    status, reason, body = r["status"], r["reason"], r["body"]
    assert isinstance(body, bytes)
    head = [f"HTTP/1.1 {status} {reason}".encode()]
    head += [f"{n}: {v}".encode() for n, v in r["headers"]]  # type: ignore[attr-defined]
    if r["framing"] == "length":
        head.append(b"Content-Length: %d" % len(body))
        payload = body
    elif r["framing"] == "chunked":
        head.append(b"Transfer-Encoding: chunked")
        size = r["chunk"]
        assert isinstance(size, int)
        parts = [body[i : i + size] for i in range(0, len(body), size)]
        payload = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"
    else:
        payload = body
    return b"\r\n".join(head) + b"\r\n\r\n" + payload


def _h11(raw: bytes, cuts: list[int]) -> tuple[int, bytes, list[tuple[bytes, bytes]], bytes]:
    conn = h11.Connection(h11.CLIENT)
    conn.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
    conn.send(h11.EndOfMessage())
    for piece in [*_pieces(raw, cuts), b""]:
        conn.receive_data(piece)
    status, reason, headers, body = 0, b"", [], b""
    while True:
        event = conn.next_event()
        if isinstance(event, h11.Response):
            status, reason = event.status_code, event.reason
            headers = [(name.lower(), value) for name, value in event.headers.raw_items()]
        elif isinstance(event, h11.Data):
            body += event.data
        elif isinstance(event, h11.EndOfMessage) or event is h11.NEED_DATA:
            return status, reason, headers, body


def _pieces(raw: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c for c in cuts if c < len(raw)})
    return [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]


@settings(max_examples=300, deadline=None)
@given(responses)
def test_same_result_as_h11(r: dict[str, object]) -> None:
    raw = _encode(r)
    cuts = r["cuts"]
    assert isinstance(cuts, list)
    want = _h11(raw, cuts)
    parser = ResponseParser()
    head = None
    body = b""
    for piece in _pieces(raw, cuts):
        parser.feed(piece)
        head = head or parser.read_head()
        if head is not None:
            body += parser.read_body()
    parser.feed_eof()
    assert head is not None
    while not parser.done:
        body += parser.read_body()
    got_headers = [(n.lower(), v) for n, v in head.headers]
    assert (head.status, head.reason, got_headers, body) == want
    assert parser.keep_alive is (r["framing"] != "close")


# --- proxies from the environment ---------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "pattern"),
    [
        ("example.com", "all://*example.com"),
        (".example.com", "all://*.example.com"),
        ("127.0.0.1", "all://127.0.0.1"),
        ("::1", "all://[::1]"),
        ("localhost", "all://localhost"),
        ("http://intra.example", "http://intra.example"),
    ],
)
def test_no_proxy_patterns(entry: str, pattern: str) -> None:
    assert _no_proxy_pattern(entry) == pattern


def test_env_proxy_mounts(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    assert env_proxy_mounts(None, 2) == {}
    monkeypatch.setenv("HTTP_PROXY", "127.0.0.1:3128")
    monkeypatch.setenv("NO_PROXY", "intra.example, 10.0.0.1")
    mounts = env_proxy_mounts(None, 2)
    assert set(mounts) == {"http://", "all://*intra.example", "all://10.0.0.1"}
    assert isinstance(mounts["http://"], httpx.AsyncHTTPTransport)
    assert mounts["all://10.0.0.1"] is None
    monkeypatch.setenv("NO_PROXY", "*")
    assert env_proxy_mounts(None, 2) == {}


@pytest.mark.parametrize("tail", [b"", b"0", b"5\r\nab", b"0\r\nX-Trailer: 1"])
def test_chunked_body_cut_by_the_close_is_a_protocol_error(tail: bytes) -> None:
    # However far into a line the close comes, no later call can make progress: the parser
    # must say so instead of asking for more bytes (which would wait for the read timeout).
    parser = ResponseParser()
    parser.feed(OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n" + tail)
    assert parser.read_head() is not None
    parser.feed_eof()
    with pytest.raises(httpx.RemoteProtocolError):
        for _ in range(3):
            parser.read_body()
