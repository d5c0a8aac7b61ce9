"""newsclean.transport over real sockets on 127.0.0.1: pooling, framing, timeouts, faults, TLS.

Each test runs scripted asyncio servers in its own event loop and is bounded by
``asyncio.wait_for``, so a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import struct
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypeVar

import httpx
import pytest

from newsclean.fetch import Fetcher
from newsclean.pipeline import FetchConfig
from newsclean.transport import BUFFER_CAP, LeanTransport

T = TypeVar("T")
TEST_SECONDS = 10.0  # bound on any one test's event loop
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


def run(main: Callable[[], Awaitable[T]]) -> T:
    async def bounded() -> T:
        return await asyncio.wait_for(main(), TEST_SECONDS)

    return asyncio.run(bounded())


class Server:
    """A scripted loopback server: ``handler`` serves each connection; counts connections."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.connections = 0
        self.requests: list[bytes] = []
        self.port = 0

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            await self.handler(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    def url(self, path: str = "/", scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"


@asynccontextmanager
async def serving(handler: Handler, tls: ssl.SSLContext | None = None) -> AsyncIterator[Server]:
    server = Server(handler)
    listener = await asyncio.start_server(server._serve, "127.0.0.1", 0, ssl=tls)
    server.port = listener.sockets[0].getsockname()[1]
    try:
        yield server
    finally:
        listener.close()


async def read_request(reader: asyncio.StreamReader, server: Server | None = None) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    if server is not None:
        server.requests.append(head)
    return head


def ok(body: bytes, extra: bytes = b"") -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n%s\r\n%s" % (len(body), extra, body)


def keep_alive(body: bytes = b"hello") -> Handler:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            await read_request(reader)
            writer.write(ok(body))

    return handler


def client(transport: LeanTransport, **kwargs: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=transport, timeout=httpx.Timeout(2.0, **kwargs))


def test_keep_alive_connections_are_reused() -> None:
    async def main() -> None:
        async with serving(keep_alive()) as server:
            async with client(LeanTransport()) as http:
                for _ in range(3):
                    response = await http.get(server.url())
                    assert (response.status_code, response.content) == (200, b"hello")
            assert server.connections == 1

    run(main)


def test_request_on_the_wire() -> None:
    async def main() -> None:
        server: Server

        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await read_request(reader, server)
            writer.write(ok(b""))

        async with serving(handler) as server, client(LeanTransport()) as http:
            await http.get(server.url("/a/b?q=1%20x"), headers={"X-Test": "yes"})
        lines = server.requests[0].split(b"\r\n")
        assert lines[0] == b"GET /a/b?q=1%20x HTTP/1.1"
        assert b"Host: 127.0.0.1:%d" % server.port in lines
        assert b"X-Test: yes" in lines

    run(main)


def test_a_request_body_is_sent_with_its_length() -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            head = await read_request(reader)
            assert b"Content-Length: 4" in head
            writer.write(ok(await reader.readexactly(4)))

        async with serving(handler) as server, client(LeanTransport()) as http:
            response = await http.post(server.url(), content=b"ping")
            assert response.content == b"ping"

    run(main)


def test_header_injection_is_refused() -> None:
    async def main() -> None:
        async with serving(keep_alive()) as server, client(LeanTransport()) as http:
            request = http.build_request("GET", server.url())
            request.headers["X-Evil"] = "a\r\nInjected: 1"
            with pytest.raises(httpx.LocalProtocolError):
                await http.send(request)

    run(main)


def stale_after_first(server_box: list[Server]) -> Handler:
    """Answers one request, then reads the next one and hangs up without a response."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(ok(b"first"))
        await read_request(reader)
        server_box[0].requests.append(b"dropped")

    return handler


def test_a_stale_keep_alive_connection_is_retried_once_on_a_new_one() -> None:
    async def main() -> None:
        box: list[Server] = []
        async with serving(stale_after_first(box)) as server:
            box.append(server)
            async with client(LeanTransport()) as http:
                assert (await http.get(server.url())).content == b"first"
                # The server drops the reused connection: the GET goes again, on a new one.
                assert (await http.get(server.url())).content == b"first"
            assert server.requests == [b"dropped"]
            assert server.connections == 2

    run(main)


def test_a_post_is_not_retried() -> None:
    async def main() -> None:
        box: list[Server] = []
        async with serving(stale_after_first(box)) as server:
            box.append(server)
            async with client(LeanTransport()) as http:
                await http.get(server.url())
                with pytest.raises(httpx.RemoteProtocolError):
                    await http.post(server.url(), content=b"x")
            assert server.connections == 1

    run(main)


def test_server_closing_between_requests() -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await read_request(reader)
            writer.write(ok(b"bye"))  # keep-alive by the headers, but the server hangs up

        async with serving(handler) as server:
            async with client(LeanTransport()) as http:
                for _ in range(3):
                    assert (await http.get(server.url())).content == b"bye"
                    await asyncio.sleep(0.05)  # let the FIN arrive: the idle check drops it
            assert server.connections == 3

    run(main)


def test_connection_close_is_not_reused() -> None:
    async def main() -> None:
        server: Server

        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await read_request(reader)
            writer.write(ok(b"x", b"Connection: close\r\n"))
            if await reader.read(1):  # a client must not send a second request here
                server.requests.append(b"reused")

        async with serving(handler) as server:
            async with client(LeanTransport()) as http:
                for _ in range(3):
                    assert (await http.get(server.url())).content == b"x"
            assert server.connections == 3
            assert server.requests == []

    run(main)


def test_close_delimited_body_ends_at_the_close() -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await read_request(reader)
            writer.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n")
            for i in range(5):
                writer.write(b"part %d;" % i)
                await writer.drain()
                await asyncio.sleep(0.01)

        async with serving(handler) as server:
            async with client(LeanTransport()) as http:
                for _ in range(2):
                    response = await http.get(server.url())
                    assert response.content == b"part 0;part 1;part 2;part 3;part 4;"
                    assert response.http_version == "HTTP/1.0"
            assert server.connections == 2

    run(main)


def test_chunked_body_with_trailers_over_the_wire() -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while True:
                await read_request(reader)
                writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                for part in (b"hello", b" ", b"world"):
                    writer.write(b"%x;ext=1\r\n%s\r\n" % (len(part), part))
                    await writer.drain()
                    await asyncio.sleep(0.01)
                writer.write(b"0\r\nX-Checksum: 1\r\n\r\n")

        async with serving(handler) as server:
            async with client(LeanTransport()) as http:
                for _ in range(2):
                    response = await http.get(server.url())
                    assert response.content == b"hello world"
            assert server.connections == 1

    run(main)


def test_head_and_no_body_statuses_keep_the_connection() -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while True:
                head = await read_request(reader)
                if head.startswith(b"HEAD"):
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
                elif b"/304" in head:
                    writer.write(b"HTTP/1.1 304 Not Modified\r\nContent-Length: 1000\r\n\r\n")
                else:
                    writer.write(b"HTTP/1.1 100 Continue\r\n\r\n" + ok(b"after"))

        async with serving(handler) as server:
            async with client(LeanTransport()) as http:
                head = await http.head(server.url())
                assert (head.status_code, head.content) == (200, b"")
                assert (await http.get(server.url("/304"))).status_code == 304
                assert (await http.get(server.url())).content == b"after"
            assert server.connections == 1

    run(main)


# A server that stops answering: no response at all, a close-delimited body the server never
# closes, a body shorter than its Content-Length.
STALLED_RESPONSES = [
    b"",
    b"HTTP/1.1 200 OK\r\n\r\nabc",
    b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
]


@pytest.mark.parametrize("response", STALLED_RESPONSES)
def test_a_stalled_response_is_a_read_timeout(response: bytes) -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await read_request(reader)
            writer.write(response)
            await asyncio.sleep(5)

        async with serving(handler) as server:
            transport = LeanTransport()
            async with client(transport, read=0.2) as http:
                with pytest.raises(httpx.ReadTimeout):
                    await http.get(server.url())
            assert not transport._conns

    run(main)


def test_connection_refused_is_a_connect_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again below: nothing listens there

    async def main() -> None:
        async with client(LeanTransport()) as http:
            with pytest.raises(httpx.ConnectError):
                await http.get(f"http://127.0.0.1:{port}/")

    run(main)


def test_connect_timeout() -> None:
    async def main() -> None:
        async def never(*args: object, **kwargs: object) -> None:
            await asyncio.sleep(5)

        loop = asyncio.get_running_loop()
        loop.create_connection = never  # type: ignore[method-assign,assignment]
        async with client(LeanTransport(), connect=0.1) as http:
            with pytest.raises(httpx.ConnectTimeout):
                await http.get("http://127.0.0.1:9/")

    run(main)


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with an RST instead of a FIN."""
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def test_reset_mid_body_is_a_read_error() -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await read_request(reader)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"x" * 1000)
            await writer.drain()
            await asyncio.sleep(0.05)
            _reset(writer)

        async with serving(handler) as server:
            transport = LeanTransport()
            async with client(transport) as http:
                with pytest.raises(httpx.ReadError):
                    await http.get(server.url())
            assert not transport._conns

    run(main)


def test_clean_close_mid_body_is_a_protocol_error() -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await read_request(reader)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")

        async with serving(handler) as server, client(LeanTransport()) as http:
            with pytest.raises(httpx.RemoteProtocolError):
                await http.get(server.url())

    run(main)


def test_oversized_header_block_is_a_protocol_error() -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await read_request(reader)
            writer.write(b"HTTP/1.1 200 OK\r\n")
            for i in range(10_000):  # ~200 KB of headers, never ending
                writer.write(b"X-Filler-%05d: %s\r\n" % (i, b"v" * 4))
                await writer.drain()

        async with serving(handler) as server, client(LeanTransport()) as http:
            with pytest.raises(httpx.RemoteProtocolError, match="over"):
                await http.get(server.url())

    run(main)


def test_large_body_is_streamed_with_backpressure_and_early_close_drops_the_connection() -> None:
    big = 64 * 1024 * 1024
    block = b"z" * (1024 * 1024)

    async def main() -> None:
        sent = [0]

        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            head = await read_request(reader)
            if b"/small" in head:
                writer.write(ok(b"small"))
                return
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % big)
            while sent[0] < big:
                writer.write(block)
                sent[0] += len(block)
                await writer.drain()

        async with serving(handler) as server:
            transport = LeanTransport()
            async with client(transport) as http:
                async with http.stream("GET", server.url()) as response:
                    chunks = response.aiter_raw()  # kept: dropping it would close the body
                    received = 0
                    while received <= 1024 * 1024:
                        received += len(await chunks.__anext__())
                    await asyncio.sleep(0.2)  # the server would fill any unbounded buffer
                    (conn,) = transport._conns
                    # asyncio reads at most 256 KiB per call past the cap
                    assert conn.parser.unread <= BUFFER_CAP + 256 * 1024
                    assert sent[0] < 32 * 1024 * 1024  # the kernel buffers are far smaller
                assert not transport._conns  # closed, not pooled: its response was unfinished
                assert (await http.get(server.url("/small"))).content == b"small"
            assert server.connections == 2

    run(main)


def test_cancellation_mid_body_leaves_no_connection_behind() -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while True:
                head = await read_request(reader)
                if b"/slow" in head:
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
                    await asyncio.sleep(5)
                writer.write(ok(b"fast"))

        async with serving(handler) as server:
            transport = LeanTransport(max_per_origin=1)
            async with client(transport) as http:
                with pytest.raises(asyncio.TimeoutError):
                    await asyncio.wait_for(http.get(server.url("/slow")), 0.2)
                assert not transport._conns
                # The one slot of the pool is free again, on a new connection.
                assert (await http.get(server.url())).content == b"fast"
                assert len(transport._conns) == 1
            assert server.connections == 2

    run(main)


def test_pool_limit_queues_requests_and_pool_timeout() -> None:
    async def main() -> None:
        active = [0, 0]  # now, most

        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while True:
                head = await read_request(reader)
                active[0] += 1
                active[1] = max(active)
                await asyncio.sleep(0.3 if b"/hold" in head else 0.02)
                active[0] -= 1
                writer.write(ok(b"ok"))

        async with serving(handler) as server:
            async with client(LeanTransport(max_per_origin=2)) as http:
                results = await asyncio.gather(*(http.get(server.url()) for _ in range(6)))
                assert [r.content for r in results] == [b"ok"] * 6
            assert active[1] == 2
            assert server.connections == 2
            async with client(LeanTransport(max_per_origin=1), pool=0.05) as http:
                hold = asyncio.ensure_future(http.get(server.url("/hold")))
                await asyncio.sleep(0.05)
                with pytest.raises(httpx.PoolTimeout):
                    await http.get(server.url())
                assert (await hold).content == b"ok"
                assert (await http.get(server.url())).content == b"ok"

    run(main)


def test_aclose_closes_every_connection() -> None:
    async def main() -> None:
        closed = asyncio.Event()

        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await read_request(reader)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
            await reader.read()  # until the client hangs up
            closed.set()

        async with serving(handler) as server:
            transport = LeanTransport()
            http = client(transport)
            async with http.stream("GET", server.url()):
                await transport.aclose()  # while the response is still open
                await asyncio.wait_for(closed.wait(), 2)
            assert not transport._conns
            with pytest.raises(httpx.ConnectError):
                await http.get(server.url())

    run(main)


# --- TLS ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made by the openssl binary (else skip)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl binary to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    done = subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"openssl could not make a certificate: {done.stderr[-200:]!r}")
    return cert, key


def test_tls_loopback(certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)

    async def main() -> None:
        async with serving(keep_alive(b"secret"), tls=server_context) as server:
            trusting = ssl.create_default_context(cafile=str(cert))
            async with client(LeanTransport(ssl_context=trusting)) as http:
                for _ in range(2):
                    assert (await http.get(server.url(scheme="https"))).content == b"secret"
            assert server.connections == 1
            # The default trust store does not know our self-signed certificate.
            async with client(LeanTransport(ssl_context=httpx.create_ssl_context())) as http:
                with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                    await http.get(server.url(scheme="https"))

    run(main)


# --- the Fetcher on this transport ----------------------------------------------------------

FAST = FetchConfig(delay=0.0, timeout=2.0, retries=0, respect_robots=False, extract_workers=0)
PAGE = b"<html><head><title>t</title></head><body><article>x</article></body></html>"


def _clear_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


def test_fetcher_uses_one_kept_alive_connection_per_host(monkeypatch: pytest.MonkeyPatch) -> None:
    _clear_proxy_env(monkeypatch)

    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while True:
                await read_request(reader)
                writer.write(ok(PAGE, b"Content-Type: text/html\r\n"))

        async with serving(handler) as server:
            async with Fetcher(FAST) as fetcher:
                for i in range(5):
                    page = await fetcher.fetch(server.url(f"/p/{i}"))
                    assert page.content == PAGE
            assert server.connections == 1

    run(main)


def test_fetcher_requests_still_go_through_an_environment_proxy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _clear_proxy_env(monkeypatch)

    async def main() -> None:
        proxy: Server

        async def proxy_handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while True:
                await read_request(reader, proxy)
                writer.write(ok(PAGE, b"Content-Type: text/html\r\n"))

        async with serving(proxy_handler) as proxy:
            monkeypatch.setenv("HTTP_PROXY", proxy.url())
            async with Fetcher(FAST) as fetcher:
                page = await fetcher.fetch("http://news.invalid/article/1")
            assert page.content == PAGE
            # A proxy gets the absolute URL in the request line.
            assert proxy.requests[0].startswith(b"GET http://news.invalid/article/1 HTTP/1.1")
            # NO_PROXY hosts bypass it and use our transport directly.
            monkeypatch.setenv("NO_PROXY", "127.0.0.1")
            async with serving(keep_alive(PAGE)) as direct:
                async with Fetcher(FAST) as fetcher:
                    assert (await fetcher.fetch(direct.url("/direct"))).content == PAGE
                assert direct.connections == 1
            assert len(proxy.requests) == 1

    run(main)


def test_empty_pools_of_past_origins_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsclean.transport.PRUNE_POOLS_OVER", 2)

    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await read_request(reader)
            writer.write(ok(b"x", b"Connection: close\r\n"))

        transport = LeanTransport()
        async with client(transport) as http:
            for _ in range(3):
                async with serving(handler) as server:
                    await http.get(server.url())
            assert len(transport._pools) == 1  # the first two were empty, the third is new

    run(main)


def test_server_not_reading_the_request_is_a_write_timeout() -> None:
    async def main() -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await asyncio.sleep(5)  # reads nothing: the client's send buffers fill up

        async with serving(handler) as server:
            transport = LeanTransport()
            async with client(transport, write=0.2) as http:
                with pytest.raises(httpx.WriteTimeout):
                    await http.post(server.url(), content=bytes(16 * 1024 * 1024))
            assert not transport._conns

    run(main)
