"""A lean HTTP/1.1 transport for httpx on asyncio protocols.

httpx's default stack (httpcore, h11, anyio) costs about 1.5 ms of CPU per fetched page in a
batch, mostly in generic machinery (pool scans, cancel scopes, event objects). This transport
keeps httpx's client API (requests, headers, cookies, ``Response``, ``aiter_raw``) and
replaces only the wire layer: one asyncio ``Protocol`` per connection, a pull parser over its
byte buffer, and a keep-alive pool per origin. It speaks HTTP/1.1 only, streams bodies raw
(no Content-Encoding decoding) with backpressure, and raises httpx's transport errors, so
callers map failures exactly as they did with httpcore.

:class:`ResponseParser` is sans-IO (bytes in, heads and body bytes out) and is tested on its
own; :class:`LeanTransport` adds sockets, timeouts and the pool.
"""

from __future__ import annotations

import asyncio
import re
import ssl
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from urllib.request import getproxies

import httpx

MAX_HEADER_BYTES = 64 * 1024  # a larger status line + header block is an attack or a bug
MAX_HEADERS = 256  # header fields per block; real pages send a few dozen
MAX_CHUNK_LINE = 4 * 1024  # a chunk-size line with extensions longer than this is garbage
BUFFER_CAP = 256 * 1024  # stop reading the socket while this much is unread (backpressure)
PRUNE_POOLS_OVER = 1024  # forget empty per-origin pools once this many origins were seen
KEEPALIVE_EXPIRY = 5.0  # seconds an idle connection is kept (httpx's default)
HAPPY_EYEBALLS_DELAY = 0.25  # seconds before trying the next address (RFC 8305)
IDEMPOTENT_METHODS = frozenset({b"GET", b"HEAD", b"OPTIONS", b"PUT", b"DELETE", b"TRACE"})
# Only these are retried when a reused connection turns out to be closed: the server may
# have acted on a POST before the connection broke.

_HEAD_END = re.compile(rb"\r?\n\r?\n")  # end of a header block; bare LF is accepted
_STATUS_LINE = re.compile(rb"HTTP/(\d)\.(\d) +(\d{3})(?: (.*)|)")  # reason may be missing
_TOKEN = re.compile(rb"[-!#$%&'*+.^_`|~0-9A-Za-z]+")  # RFC 9110 field name
_CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]+)[ \t]*(?:;.*)?")  # size, optional extensions


@dataclass
class Head:
    """A parsed status line and header block."""

    status: int
    reason: bytes
    http_version: bytes
    headers: list[tuple[bytes, bytes]]


def parse_head(block: bytes) -> Head:
    """Parse a status line and header block (without the final empty line)."""
    lines = block.split(b"\n")
    status_line = lines[0].rstrip(b"\r")
    match = _STATUS_LINE.fullmatch(status_line)
    if match is None:
        raise httpx.RemoteProtocolError(f"malformed status line {status_line[:100]!r}")
    major, minor, status, reason = match.groups()
    if major != b"1":
        raise httpx.RemoteProtocolError(
            f"unsupported HTTP version {major.decode()}.{minor.decode()}"
        )
    headers: list[tuple[bytes, bytes]] = []
    for raw in lines[1:]:
        line = raw.rstrip(b"\r")
        if not line:
            continue
        if line[0] in b" \t":  # obs-fold: a continuation of the previous field's value
            if not headers:
                raise httpx.RemoteProtocolError("header block starts with a continuation line")
            name, value = headers[-1]
            headers[-1] = (name, (value + b" " + line.strip(b" \t")).strip(b" \t"))
            continue
        name, sep, value = line.partition(b":")
        if not sep or not _TOKEN.fullmatch(name):
            raise httpx.RemoteProtocolError(f"malformed header line {line[:100]!r}")
        headers.append((name, value.strip(b" \t")))
        if len(headers) > MAX_HEADERS:
            raise httpx.RemoteProtocolError(f"more than {MAX_HEADERS} header fields")
    return Head(int(status), reason or b"", b"HTTP/" + major + b"." + minor, headers)


def _values(headers: list[tuple[bytes, bytes]], name: bytes) -> list[bytes]:
    """Every comma-separated element of every field called ``name`` (lowercase)."""
    out: list[bytes] = []
    for key, value in headers:
        if key.lower() == name:
            out += [v.strip(b" \t").lower() for v in value.split(b",") if v.strip(b" \t")]
    return out


# Body framings.
NO_BODY, LENGTH, CHUNKED, UNTIL_CLOSE = range(4)
# Chunked-decoder states.
_SIZE, _DATA, _DATA_END, _TRAILERS = range(4)


class ResponseParser:
    """Incremental HTTP/1.1 response parser (sans-IO).

    Feed bytes with :meth:`feed` and :meth:`feed_eof`; call :meth:`read_head` until it gives
    the final (non-1xx) head, then :meth:`read_body` until ``done``.
    """

    def __init__(self, method: bytes = b"GET") -> None:
        self.buffer = bytearray()
        self.eof = False
        self.method = method
        self.framing = NO_BODY
        self.remaining = 0  # bytes left of a Content-Length body or of the current chunk
        self.done = False  # the whole response (body and trailers) has been read
        self.keep_alive = False  # the connection may carry another request afterwards
        self.started = False  # any response byte has arrived
        self._chunk_state = _SIZE
        self._scan_from = 0

    def feed(self, data: bytes) -> None:
        self.buffer += data

    @property
    def unread(self) -> int:
        """Bytes received and not handed out yet."""
        return len(self.buffer)

    def feed_eof(self) -> None:
        self.eof = True

    def _take_block(self, limit: int, what: str) -> bytes | None:
        """The bytes before the next empty line (consumed), or None while incomplete."""
        buf = self.buffer
        match = _HEAD_END.search(buf, self._scan_from)
        if match is None:
            if len(buf) > limit:
                raise httpx.RemoteProtocolError(f"{what} is over {limit} bytes")
            self._scan_from = max(0, len(buf) - 3)  # the terminator may straddle reads
            if self.eof:
                raise httpx.RemoteProtocolError(f"connection closed inside the {what}")
            return None
        if match.start() > limit:
            raise httpx.RemoteProtocolError(f"{what} is over {limit} bytes")
        block = bytes(buf[: match.start()])
        del buf[: match.end()]
        self._scan_from = 0
        return block

    def read_head(self) -> Head | None:
        """The final response head, or None until it has fully arrived; skips 1xx heads."""
        while True:
            buf = self.buffer
            if buf:
                self.started = True
                # Some servers send a stray CRLF after a previous body; RFC 9112 §2.2 allows
                # ignoring empty lines before the status line.
                while buf and buf[0] in b"\r\n":
                    del buf[:1]
            if not buf and self.eof:
                raise httpx.RemoteProtocolError("server disconnected without sending a response")
            block = self._take_block(MAX_HEADER_BYTES, "response header block")
            if block is None:
                return None
            head = parse_head(block)
            if head.status == 101:
                raise httpx.RemoteProtocolError("unexpected 101 Switching Protocols")
            if head.status >= 200:
                self._set_framing(head)
                return head
            # 1xx interim responses (100 Continue, 103 Early Hints) are skipped.

    def _set_framing(self, head: Head) -> None:
        headers = head.headers
        connection = _values(headers, b"connection")
        if head.http_version == b"HTTP/1.0":
            self.keep_alive = b"keep-alive" in connection
        else:
            self.keep_alive = b"close" not in connection
        if self.method == b"HEAD" or head.status in (204, 304):
            self.framing = NO_BODY
            self.done = True
            return
        codings = _values(headers, b"transfer-encoding")
        if codings:
            # RFC 9112 §6.3: Transfer-Encoding overrides Content-Length; a final coding
            # other than chunked leaves the length to the connection close.
            if codings[-1] == b"chunked":
                self.framing = CHUNKED
                if _values(headers, b"content-length"):
                    self.keep_alive = False  # smuggling-shaped: do not trust the connection
            else:
                self.framing = UNTIL_CLOSE
                self.keep_alive = False
            return
        lengths = set(_values(headers, b"content-length"))
        if lengths:
            if len(lengths) > 1:
                raise httpx.RemoteProtocolError("conflicting Content-Length values")
            (value,) = lengths
            if not value.isdigit():
                raise httpx.RemoteProtocolError(f"invalid Content-Length {value[:40]!r}")
            self.framing = LENGTH
            self.remaining = int(value)
            self.done = self.remaining == 0
            return
        self.framing = UNTIL_CLOSE
        self.keep_alive = False

    def read_body(self) -> bytes:
        """Body bytes available now (consumed); b"" when none yet or when ``done``.

        Raises RemoteProtocolError when the connection closed before the body ended.
        """
        if self.done:
            return b""
        if self.framing == LENGTH:
            return self._read_length()
        if self.framing == CHUNKED:
            return self._read_chunked()
        buf = self.buffer  # UNTIL_CLOSE
        if buf:
            data = bytes(buf)
            buf.clear()
            return data
        if self.eof:
            self.done = True
        return b""

    def _read_length(self) -> bytes:
        buf = self.buffer
        if not buf:
            if self.eof:
                raise httpx.RemoteProtocolError(
                    f"connection closed with {self.remaining} body bytes still to come"
                )
            return b""
        if len(buf) <= self.remaining:
            data = bytes(buf)
            buf.clear()
        else:  # bytes past the body stay in the buffer, so the connection is not reused
            data = bytes(buf[: self.remaining])
            del buf[: self.remaining]
        self.remaining -= len(data)
        if not self.remaining:
            self.done = True
        return data

    def _read_chunked(self) -> bytes:
        buf = self.buffer
        parts: list[bytes] = []
        while True:
            state = self._chunk_state
            if state == _DATA:
                if not buf:
                    break
                n = min(self.remaining, len(buf))
                parts.append(bytes(buf[:n]))
                del buf[:n]
                self.remaining -= n
                if not self.remaining:
                    self._chunk_state = _DATA_END
                continue
            if state == _TRAILERS:
                if buf[:2] == b"\r\n" or buf[:1] == b"\n":  # no trailers
                    del buf[: 2 if buf[:1] == b"\r" else 1]
                    self.done = True
                    break
                if self._take_block(MAX_HEADER_BYTES, "trailer block") is None:
                    break
                self.done = True  # trailer fields are read and dropped
                break
            end = buf.find(b"\n")
            if end < 0:
                if len(buf) > MAX_CHUNK_LINE:
                    raise httpx.RemoteProtocolError("chunk-size line too long")
                break
            line = bytes(buf[:end]).rstrip(b"\r")
            del buf[: end + 1]
            if state == _DATA_END:
                if line:
                    raise httpx.RemoteProtocolError("chunk data longer than its size")
                self._chunk_state = _SIZE
                continue
            match = _CHUNK_SIZE.fullmatch(line)
            if match is None:
                raise httpx.RemoteProtocolError(f"malformed chunk-size line {line[:40]!r}")
            self.remaining = int(match.group(1), 16)
            self._chunk_state = _DATA if self.remaining else _TRAILERS
        if not self.done and not parts and self.eof:  # no progress and none can come
            raise httpx.RemoteProtocolError("connection closed inside a chunked body")
        return b"".join(parts)

    @property
    def reusable(self) -> bool:
        """The response ended cleanly and nothing follows it: the connection may be reused."""
        return self.done and self.keep_alive and not self.unread and not self.eof


# --- connections ---------------------------------------------------------------------------


class _Connection(asyncio.Protocol):
    """One socket: received bytes go to the current parser; one waiter at a time."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.transport: asyncio.Transport | None = None
        self.parser = ResponseParser()
        self.error: Exception | None = None  # how the connection was lost, if abnormally
        self.closed = False
        self.idle_since = 0.0
        self._waiter: asyncio.Future[None] | None = None
        self._write_waiter: asyncio.Future[None] | None = None
        self._write_paused = False
        self._read_paused = False

    # asyncio callbacks
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        parser = self.parser
        parser.feed(data)
        if parser.unread > BUFFER_CAP and not self._read_paused and self.transport is not None:
            self._read_paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self.parser.feed_eof()
        self._wake()
        return False  # let asyncio close the transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.error = exc
        self.parser.feed_eof()
        self._wake()
        waiter = self._write_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def pause_writing(self) -> None:
        self._write_paused = True

    def resume_writing(self) -> None:
        self._write_paused = False
        waiter = self._write_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # used by the transport
    def new_parser(self, method: bytes) -> ResponseParser:
        old = self.parser
        self.parser = ResponseParser(method)
        self.parser.eof = old.eof
        return self.parser

    def consumed(self) -> None:
        """The reader took data out: read the socket again once the buffer is below the cap."""
        if self._read_paused and self.parser.unread < BUFFER_CAP and not self.closed:
            self._read_paused = False
            if self.transport is not None:
                self.transport.resume_reading()

    def raise_if_broken(self) -> None:
        """ReadError when the connection failed (reset, TLS failure) and nothing it received
        is left to parse."""
        if not self.parser.unread and self.error is not None:
            raise httpx.ReadError(f"{type(self.error).__name__}: {self.error}")

    async def wait_data(self, timeout: float | None) -> None:
        """Until more bytes, EOF or a lost connection; ReadTimeout after ``timeout`` s."""
        waiter = self._waiter = self.loop.create_future()
        try:
            timed_out = await _wait(self.loop, waiter, timeout)
        finally:
            self._waiter = None
        if timed_out:
            raise httpx.ReadTimeout("timed out waiting for the server")

    async def write(self, data: bytes, timeout: float | None) -> None:
        transport = self.transport
        if transport is None or self.closed or transport.is_closing():
            raise httpx.WriteError("connection is closed")
        transport.write(data)
        if not self._write_paused:
            return
        waiter = self._write_waiter = self.loop.create_future()
        try:
            timed_out = await _wait(self.loop, waiter, timeout)
        finally:
            self._write_waiter = None
        if timed_out:
            raise httpx.WriteTimeout("timed out sending the request")
        if self.closed:
            raise httpx.WriteError(f"connection lost while sending: {self.error or 'closed'}")

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()  # no lingering TLS close_notify dance on a dead connection

    def is_idle_usable(self, now: float, expiry: float) -> bool:
        """Still open, silent since its last response, and not idle for too long."""
        return (
            not self.closed
            and not self.parser.unread
            and not self.parser.eof
            and now - self.idle_since < expiry
        )


_TIMED_OUT = object()


def _time_out(waiter: asyncio.Future[object]) -> None:
    if not waiter.done():
        waiter.set_result(_TIMED_OUT)


async def _wait(
    loop: asyncio.AbstractEventLoop, waiter: asyncio.Future[object], timeout: float | None
) -> bool:
    """Await ``waiter``; True when ``timeout`` seconds passed before anything woke it."""
    timer = None if timeout is None else loop.call_later(timeout, _time_out, waiter)
    try:
        await waiter
    finally:
        if timer is not None:
            timer.cancel()
    return waiter.result() is _TIMED_OUT


Origin = tuple[bytes, str, int]  # (scheme, host, port)


class _Pool:
    """The connections of one origin: idle ones (most recent last) and a count of all."""

    def __init__(self) -> None:
        self.idle: list[_Connection] = []
        self.open = 0  # connecting, busy and idle connections
        self.waiters: list[asyncio.Future[None]] = []

    def wake_one(self) -> None:
        # Each waiter removes itself once it runs, so a woken pool is never "empty".
        for waiter in self.waiters:
            if not waiter.done():
                waiter.set_result(None)
                return


# --- the transport -------------------------------------------------------------------------


class _Body(httpx.AsyncByteStream):
    """A response body streamed from its connection as bytes arrive."""

    def __init__(
        self, owner: LeanTransport, pool: _Pool, conn: _Connection, read_timeout: float | None
    ) -> None:
        self._owner = owner
        self._pool = pool
        self._conn: _Connection | None = conn
        self._read_timeout = read_timeout

    async def __aiter__(self) -> AsyncIterator[bytes]:
        conn = self._conn
        if conn is None:
            return
        parser = conn.parser
        try:
            while not parser.done:
                conn.raise_if_broken()
                data = parser.read_body()
                if data:
                    conn.consumed()
                    yield data
                elif not parser.done:
                    await conn.wait_data(self._read_timeout)
        except BaseException:
            # A failed, cancelled or abandoned read leaves the connection mid-response.
            if self._conn is conn:
                self._conn = None
                self._owner._discard(self._pool, conn)
            raise
        if self._conn is conn:
            self._conn = None
            self._owner._release(self._pool, conn)

    async def aclose(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:  # the body was not read to its end: the connection is unusable
            self._owner._discard(self._pool, conn)


class LeanTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 over asyncio with a keep-alive pool of ``max_per_origin`` per origin."""

    def __init__(
        self,
        ssl_context: ssl.SSLContext | None = None,
        max_per_origin: int = 10,
    ) -> None:
        self._ssl = ssl_context
        self._max = max_per_origin
        self._pools: dict[Origin, _Pool] = {}
        self._conns: set[_Connection] = set()  # every open connection, for aclose()
        self._closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        scheme = url.raw_scheme
        if scheme not in (b"http", b"https"):
            raise httpx.UnsupportedProtocol(f"unsupported URL scheme {url.scheme!r}")
        method = request.method.encode("ascii")
        message = _request_head(request, method) + await _request_body(request)
        timeouts = request.extensions.get("timeout", {})
        host = url.raw_host.decode("ascii")
        origin = (scheme, host, url.port or (443 if scheme == b"https" else 80))
        # No await from here until the pool holds a connection or a waiter of ours, so
        # _prune cannot drop a pool that a request is about to use.
        pool = self._pools.get(origin)
        if pool is None:
            if len(self._pools) >= PRUNE_POOLS_OVER:
                self._prune()
            pool = self._pools[origin] = _Pool()
        may_retry = method in IDEMPOTENT_METHODS
        fresh = False
        while True:
            conn, reused = await self._acquire(origin, pool, timeouts, fresh)
            try:
                conn.new_parser(method)
                await conn.write(message, timeouts.get("write"))
                head = await _read_head(conn, timeouts.get("read"))
            except BaseException as exc:
                self._discard(pool, conn)
                if (
                    reused
                    and may_retry
                    and not fresh
                    and isinstance(exc, (httpx.NetworkError, httpx.RemoteProtocolError))
                    and not conn.parser.started
                ):
                    fresh = True  # a stale keep-alive connection: once more, on a new one
                    continue
                raise
            break
        stream: httpx.AsyncByteStream
        if conn.parser.done:  # HEAD, 204, 304, Content-Length: 0
            self._release(pool, conn)
            stream = httpx.ByteStream(b"")
        else:
            stream = _Body(self, pool, conn, timeouts.get("read"))
        return httpx.Response(
            head.status,
            headers=head.headers,
            stream=stream,
            extensions={"http_version": head.http_version, "reason_phrase": head.reason},
        )

    async def _acquire(
        self, origin: Origin, pool: _Pool, timeouts: dict[str, float | None], fresh: bool
    ) -> tuple[_Connection, bool]:
        """A connection to ``origin`` and whether it was reused (idle in the pool).

        ``fresh``: open a new connection, closing an idle one if the pool is full.
        """
        timeout = timeouts.get("pool")
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if self._closed:
                raise httpx.ConnectError("transport is closed")
            now = time.monotonic()
            idle = pool.idle
            while idle and not fresh:
                conn = idle.pop()
                if conn.is_idle_usable(now, KEEPALIVE_EXPIRY):
                    return conn, True
                self._forget(pool, conn)
            if fresh and idle and pool.open >= self._max:
                self._forget(pool, idle.pop(0))  # the oldest is the likeliest to be stale
            if pool.open < self._max:
                pool.open += 1
                try:
                    conn = await self._connect(origin, timeouts.get("connect"))
                except BaseException:
                    pool.open -= 1
                    pool.wake_one()
                    raise
                self._conns.add(conn)
                return conn, False
            loop = asyncio.get_running_loop()
            waiter = loop.create_future()
            pool.waiters.append(waiter)
            try:
                timed_out = await _wait(loop, waiter, None if deadline is None else deadline - now)
            except BaseException:  # cancelled
                pool.waiters.remove(waiter)
                if waiter.done() and not waiter.cancelled():
                    pool.wake_one()  # we were woken but cannot use it: pass it on
                raise
            pool.waiters.remove(waiter)
            if timed_out:
                raise httpx.PoolTimeout("no connection free in time")

    async def _connect(self, origin: Origin, timeout: float | None) -> _Connection:
        scheme, host, port = origin
        loop = asyncio.get_running_loop()
        conn = _Connection(loop)
        tls = scheme == b"https"
        context = None
        if tls:
            if self._ssl is None:  # loading the CA bundle costs milliseconds: once
                self._ssl = httpx.create_ssl_context()
            context = self._ssl
        try:
            await asyncio.wait_for(
                loop.create_connection(
                    lambda: conn,
                    host,
                    port,
                    ssl=context,
                    server_hostname=host if tls else None,
                    happy_eyeballs_delay=HAPPY_EYEBALLS_DELAY,
                ),
                timeout,
            )
        except asyncio.TimeoutError:
            raise httpx.ConnectTimeout(f"connecting to {host}:{port} timed out") from None
        except OSError as exc:  # refused, unreachable, DNS (socket.gaierror), TLS (SSLError)
            raise httpx.ConnectError(f"{type(exc).__name__}: {exc}") from None
        return conn

    def _prune(self) -> None:
        """Forget the pools of origins with no connection and no request waiting."""
        for origin in [o for o, p in self._pools.items() if not p.open and not p.waiters]:
            del self._pools[origin]

    def _forget(self, pool: _Pool, conn: _Connection) -> None:
        pool.open -= 1
        self._conns.discard(conn)
        conn.close()

    def _release(self, pool: _Pool, conn: _Connection) -> None:
        """Back to the pool after a complete response, or closed when it cannot be reused."""
        if conn.parser.reusable and not conn.closed and not self._closed:
            conn.idle_since = time.monotonic()
            pool.idle.append(conn)
        else:
            self._forget(pool, conn)
        pool.wake_one()

    def _discard(self, pool: _Pool, conn: _Connection) -> None:
        self._forget(pool, conn)
        pool.wake_one()

    async def aclose(self) -> None:
        self._closed = True
        for conn in self._conns:
            conn.close()
        self._conns.clear()
        for pool in self._pools.values():
            pool.idle.clear()
            pool.open = 0
            for waiter in pool.waiters:
                if not waiter.done():
                    waiter.set_result(None)  # each then sees the transport closed
        self._pools.clear()


def _request_head(request: httpx.Request, method: bytes) -> bytes:
    lines = [method + b" " + request.url.raw_path + b" HTTP/1.1"]
    lines += [name + b": " + value for name, value in request.headers.raw]
    head = b"\r\n".join(lines)
    if head.count(b"\n") != len(lines) - 1 or b"\r" in head.replace(b"\r\n", b""):
        raise httpx.LocalProtocolError("line break inside a request header")
    return head + b"\r\n\r\n"


async def _read_head(conn: _Connection, timeout: float | None) -> Head:
    parser = conn.parser
    while True:
        conn.raise_if_broken()
        head = parser.read_head()
        if head is not None:
            return head
        await conn.wait_data(timeout)


async def _request_body(request: httpx.Request) -> bytes:
    """The request body, framed as its headers say (GETs have none)."""
    data = await request.aread()  # in-memory bodies (all GETs) are already read
    if b"chunked" not in _values(request.headers.raw, b"transfer-encoding"):
        return data
    return (b"%x\r\n%s\r\n" % (len(data), data) if data else b"") + b"0\r\n\r\n"


# --- proxies -------------------------------------------------------------------------------


def _no_proxy_pattern(host: str) -> str:
    """The httpx mount pattern that a NO_PROXY entry stands for (curl's rules)."""
    if "://" in host:
        return host
    if ":" in host and not host.startswith("["):  # a bare IPv6 address
        return f"all://[{host}]"
    if host.lower() == "localhost" or host.replace(".", "").isdigit():  # IPv4 or localhost
        return f"all://{host}"
    return f"all://*{host}"  # .example.com and example.com both cover subdomains


def env_proxy_mounts(
    ssl_context: ssl.SSLContext | None,
    max_connections: int,
    found: Mapping[str, str] | None = None,
) -> dict[str, httpx.AsyncBaseTransport | None]:
    """httpx mounts for the proxies named in the environment (HTTP_PROXY, NO_PROXY…).

    httpx reads these only when no transport is given; with ours, requests that the
    environment sends through a proxy still go through httpx's own proxy transports, and
    NO_PROXY hosts map to None (the client's transport, ours). ``found``: the environment's
    proxies as ``urllib.request.getproxies()`` gives them, when the caller already read them.
    """
    if found is None:
        found = getproxies()
    proxies = {
        scheme: found[scheme] if "://" in found[scheme] else f"http://{found[scheme]}"
        for scheme in ("http", "https", "all")
        if found.get(scheme)
    }
    if not proxies:
        return {}
    hosts = [h.strip() for h in found.get("no", "").split(",") if h.strip()]
    if "*" in hosts:
        return {}
    limits = httpx.Limits(
        max_connections=max_connections, max_keepalive_connections=max_connections
    )
    mounts: dict[str, httpx.AsyncBaseTransport | None] = {
        f"{scheme}://": httpx.AsyncHTTPTransport(
            proxy=url, verify=ssl_context if ssl_context is not None else True, limits=limits
        )
        for scheme, url in proxies.items()
    }
    mounts.update({_no_proxy_pattern(host): None for host in hosts})
    return mounts
