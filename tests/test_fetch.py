"""Tests for newsclean.fetch and newsclean.robots: one page, politely, never unbounded."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import gzip
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar

import httpx
import pytest

from newsclean import __version__
from newsclean.errors import (
    HTTPStatus,
    InvalidURL,
    Network,
    NewscleanError,
    NotHTML,
    RobotsDisallowed,
    Timeout,
    TooLarge,
    TooManyRedirects,
)
from newsclean.fetch import (
    CONNECT_TIMEOUT_CAP,
    GC_HOSTS_OVER,
    HTML_MEDIA_TYPES,
    MAX_VISITS_PER_URL,
    RETRY_STATUSES,
    ROBOTS_MAX_BYTES,
    ROBOTS_REDIRECTS,
    Fetcher,
    HostGate,
    backoff_delay,
    is_retryable_status,
    parse_retry_after,
    validate_url,
)
from newsclean.pipeline import DEFAULT_USER_AGENT, FetchConfig
from newsclean.robots import RobotsCache, origin_of, rules_from
from support.http_server import FaultServer, start_servers
from support.pages import ARTICLE_TITLE, article_html, euc_kr_article

T = TypeVar("T")

# Short everything: tests must finish in milliseconds, not politeness seconds.
FAST = FetchConfig(
    delay=0.0, timeout=1.0, retries=2, backoff_base=0.01, retry_after_cap=0.2, extract_workers=0
)


def run(factory: Callable[[], Awaitable[T]]) -> T:
    async def main() -> T:
        return await factory()

    return asyncio.run(main())


def fetch_one(url: str, config: FetchConfig = FAST, **kwargs: Any) -> Any:
    async def go() -> Any:
        async with Fetcher(config, **kwargs) as fetcher:
            return await fetcher.fetch(url)

    return run(go)


def fetch_error(url: str, config: FetchConfig = FAST, **kwargs: Any) -> NewscleanError:
    with pytest.raises(NewscleanError) as info:
        fetch_one(url, config, **kwargs)
    return info.value


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    (srv,) = start_servers(1)
    yield srv
    srv.stop()


# --- URL validation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.co.kr/news/articleView.html?idxno=123",
        "https://뉴스.kr/기사?id=1",
        "HTTPS://Example.COM:8443/a",
        "http://127.0.0.1:8080/",
    ],
)
def test_validate_url_accepts_http_and_https(url: str) -> None:
    assert validate_url(url).scheme in ("http", "https")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("example.co.kr/news/1", "no scheme"),
        ("ftp://example.co.kr/file", "unsupported URL scheme"),
        ("mailto:gildong@example.kr", "unsupported URL scheme"),
        ("http:///path-only", "no valid host"),
        ("https://", "no valid host"),
        ("http://exa mple.com/", "no valid host"),
        ("http://example.com:99999/", "invalid port"),
        ("http://example.com/\x00", "cannot parse"),
    ],
)
def test_validate_url_rejects(url: str, reason: str) -> None:
    with pytest.raises(InvalidURL, match=reason):
        validate_url(url)


# --- retry policy -------------------------------------------------------------------------


def test_parse_retry_after_seconds_and_cap() -> None:
    assert parse_retry_after("7", now=0.0, cap=60.0) == 7.0
    assert parse_retry_after(" 120 ", now=0.0, cap=60.0) == 60.0
    assert parse_retry_after(None, now=0.0, cap=60.0) is None
    assert parse_retry_after("soon", now=0.0, cap=60.0) is None
    assert parse_retry_after("-3", now=0.0, cap=60.0) is None


def test_parse_retry_after_http_date() -> None:
    now = dt.datetime(2024, 3, 5, 9, 0, 0, tzinfo=dt.timezone.utc).timestamp()
    later = email.utils.format_datetime(
        dt.datetime(2024, 3, 5, 9, 0, 30, tzinfo=dt.timezone.utc), usegmt=True
    )
    earlier = "Tue, 05 Mar 2024 08:00:00 GMT"
    assert parse_retry_after(later, now=now, cap=60.0) == pytest.approx(30.0)
    assert parse_retry_after(earlier, now=now, cap=60.0) == 0.0
    assert parse_retry_after("Tue, 05 Mar 2024 10:00:00 GMT", now=now, cap=60.0) == 60.0


def test_backoff_grows_exponentially_with_bounded_jitter() -> None:
    low = [backoff_delay(a, 0.5, 30.0, lambda: 0.0) for a in range(4)]
    high = [backoff_delay(a, 0.5, 30.0, lambda: 1.0) for a in range(4)]
    assert low == [0.25, 0.5, 1.0, 2.0]
    assert high == [0.5, 1.0, 2.0, 4.0]
    assert backoff_delay(20, 0.5, 30.0, lambda: 1.0) == 30.0


def test_retryable_statuses() -> None:
    assert set(RETRY_STATUSES) == {408, 429}
    assert all(is_retryable_status(s) for s in (408, 429, 500, 502, 503, 504))
    assert not any(is_retryable_status(s) for s in (400, 401, 403, 404, 410, 451))


def test_user_agent_is_honest() -> None:
    expected = f"newsclean/{__version__} (+https://github.com/newsclean/newsclean)"
    assert expected == DEFAULT_USER_AGENT


# --- retries, with a mock transport and a recorded sleep ----------------------------------


def scripted(responses: list[Any]) -> tuple[httpx.MockTransport, list[str]]:
    """A transport answering from a script; an exception in the script is raised."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        item = responses.pop(0)
        if isinstance(item, Exception):
            raise item
        return item  # type: ignore[no-any-return]

    return httpx.MockTransport(handler), seen


class Body(httpx.AsyncByteStream):
    """A streamed body: a Response built with ``content=`` is read eagerly by httpx."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data


def response(status: int, headers: dict[str, str], body: bytes = b"") -> httpx.Response:
    return httpx.Response(status, headers=headers, stream=Body(body))


def html(status: int = 200, **headers: str) -> httpx.Response:
    headers = {"content-type": "text/html; charset=utf-8", **headers}
    return response(status, headers, article_html().encode())


def test_retry_after_is_honoured_over_backoff() -> None:
    transport, seen = scripted([html(429, **{"retry-after": "7"}), html(200)])
    clock = FakeClock()
    config = FetchConfig(delay=0.0, retry_after_cap=60.0, respect_robots=False)
    page = fetch_one(
        "http://a.example/1", config, transport=transport, clock=clock, sleep=clock.sleep
    )
    assert page.status_code == 200 and len(seen) == 2
    assert clock.sleeps == [7.0]


def test_5xx_retried_then_reported() -> None:
    transport, seen = scripted([html(503), html(502), html(500)])
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    config = FetchConfig(delay=0.0, retries=2, backoff_base=1.0, respect_robots=False)
    err = fetch_error(
        "http://a.example/1", config, transport=transport, sleep=sleep, rand=lambda: 1.0
    )
    assert isinstance(err, HTTPStatus) and err.http_status == 500
    assert len(seen) == 3 and waits == [1.0, 2.0]


def test_404_is_not_retried() -> None:
    transport, seen = scripted([html(404), html(200)])
    err = fetch_error(
        "http://a.example/1", FetchConfig(delay=0, respect_robots=False), transport=transport
    )
    assert isinstance(err, HTTPStatus) and err.http_status == 404 and len(seen) == 1


def test_connect_error_retried() -> None:
    transport, seen = scripted([httpx.ConnectError("refused"), html(200)])
    config = FetchConfig(delay=0, backoff_base=0.001, respect_robots=False)
    assert fetch_one("http://a.example/1", config, transport=transport).status_code == 200
    assert len(seen) == 2


def test_connect_error_exhausted_is_network() -> None:
    transport, _ = scripted([httpx.ConnectError("refused")] * 3)
    config = FetchConfig(delay=0, backoff_base=0.001, respect_robots=False)
    assert isinstance(fetch_error("http://a.example/1", config, transport=transport), Network)


@pytest.mark.parametrize(
    ("ctype", "ok"),
    [
        ("text/html; charset=utf-8", True),
        ("application/xhtml+xml", True),
        ("text/plain", True),
        (None, True),
        ("image/jpeg", False),
        ("application/octet-stream", False),
        ("application/json", False),
    ],
)
def test_content_types(ctype: str | None, ok: bool) -> None:
    headers = {"content-type": ctype} if ctype else {}
    transport, _ = scripted([response(200, headers, b"<html></html>")])
    config = FetchConfig(delay=0, respect_robots=False)
    if ok:
        assert fetch_one("http://a.example/1", config, transport=transport).content
    else:
        assert isinstance(fetch_error("http://a.example/1", config, transport=transport), NotHTML)
    assert "" in HTML_MEDIA_TYPES  # a missing Content-Type is left to the extractor


def test_deflate_raw_and_zlib_both_decode() -> None:
    body = article_html().encode()
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    raw_deflate = raw.compress(body) + raw.flush()
    for payload in (zlib.compress(body), raw_deflate, gzip.compress(body)):
        name = "gzip" if payload[:2] == b"\x1f\x8b" else "deflate"
        headers = {"content-type": "text/html", "content-encoding": name}
        transport, _ = scripted([response(200, headers, payload)])
        page = fetch_one(
            "http://a.example/1", FetchConfig(delay=0, respect_robots=False), transport=transport
        )
        assert page.content == body


def test_unknown_content_encoding_is_not_html() -> None:
    headers = {"content-type": "text/html", "content-encoding": "zz"}
    transport, _ = scripted([response(200, headers, b"xx")])
    err = fetch_error(
        "http://a.example/1", FetchConfig(delay=0, respect_robots=False), transport=transport
    )
    assert isinstance(err, NotHTML)


def test_cookies_kept_within_a_redirect_chain_only() -> None:
    cookies_sent: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        cookies_sent.append(request.headers.get("cookie"))
        if request.url.path == "/check":
            if request.headers.get("cookie") == "seen=1":
                return html(200)
            return response(302, {"location": "/set"})
        return response(302, {"location": "/check", "set-cookie": "seen=1; Path=/"})

    async def go() -> list[int | None]:
        config = FetchConfig(delay=0, respect_robots=False)
        async with Fetcher(config, transport=httpx.MockTransport(handler)) as fetcher:
            first = await fetcher.fetch("http://a.example/check")
            second = await fetcher.fetch("http://a.example/check")
            return [first.status_code, second.status_code]

    assert run(go) == [200, 200]
    # A → B (cookie set) → A is allowed once per URL; the next fetch starts without cookies.
    assert cookies_sent == [None, None, "seen=1", None, None, "seen=1"]
    assert MAX_VISITS_PER_URL == 2


# --- per-host pacing ----------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)  # time stands still: waits are measured from 100.0
        await asyncio.sleep(0)


def test_host_gate_spaces_request_starts() -> None:
    clock = FakeClock()

    async def go() -> None:
        gate = HostGate(per_host=5, delay=1.5, clock=clock, sleep=clock.sleep)

        async def request() -> None:
            async with gate.slot("a:80"):
                pass

        await asyncio.gather(*(request() for _ in range(3)))

    run(go)
    assert clock.sleeps == [1.5, 3.0]  # starts at 100.0, 101.5 and 103.0


def test_host_gate_limits_concurrency_per_host_not_across_hosts() -> None:
    clock = FakeClock()
    active: dict[str, int] = {"a": 0, "b": 0}
    peak: dict[str, int] = {"a": 0, "b": 0}

    async def go() -> None:
        gate = HostGate(per_host=2, delay=0.0, clock=clock, sleep=clock.sleep)

        async def request(host: str) -> None:
            async with gate.slot(host):
                active[host] += 1
                peak[host] = max(peak[host], active[host])
                await asyncio.sleep(0.01)
                active[host] -= 1

        await asyncio.gather(*(request(h) for h in "aaaaabbbbb"))

    run(go)
    assert peak == {"a": 2, "b": 2}


def test_host_gate_defer_holds_the_host() -> None:
    clock = FakeClock()

    async def go() -> None:
        gate = HostGate(per_host=1, delay=0.0, clock=clock, sleep=clock.sleep)
        gate.defer("a:80", 30.0)
        async with gate.slot("a:80"):
            pass
        async with gate.slot("b:80"):
            pass

    run(go)
    assert clock.sleeps == [30.0]


# --- robots.txt ---------------------------------------------------------------------------


ROBOTS = """User-agent: *
Disallow: /private/

User-agent: newsclean
Disallow: /no-bots/
"""


def test_rules_follow_status_and_agent() -> None:
    rules = rules_from(200, ROBOTS)
    agent = DEFAULT_USER_AGENT
    assert rules.can_fetch(agent, "http://a.example/no-bots/1") is False
    assert rules.can_fetch(agent, "http://a.example/private/1") is True  # our group wins
    assert rules.can_fetch("OtherBot/1.0", "http://a.example/private/1") is False
    for status in (None, 401, 403, 404, 500, 503):
        assert rules_from(status, "User-agent: *\nDisallow: /").can_fetch(agent, "http://a/x")


def test_robots_loaded_once_per_origin() -> None:
    calls: list[str] = []

    async def fetch(url: str) -> tuple[int | None, str]:
        calls.append(url)
        await asyncio.sleep(0.01)
        return 200, ROBOTS

    async def go() -> list[bool]:
        cache = RobotsCache(fetch, DEFAULT_USER_AGENT)
        urls = [f"http://a.example/no-bots/{i}" for i in range(5)] + ["http://a.example/ok"]
        return list(await asyncio.gather(*(cache.allowed(u) for u in urls)))

    assert run(go) == [False] * 5 + [True]
    assert calls == ["http://a.example/robots.txt"]
    assert origin_of("HTTP://A.example:8080/x?y") == "http://a.example:8080"


def test_robots_cache_is_bounded() -> None:
    async def fetch(url: str) -> tuple[int | None, str]:
        return 404, ""

    async def go() -> int:
        cache = RobotsCache(fetch, DEFAULT_USER_AGENT, max_entries=3)
        for i in range(10):
            await cache.allowed(f"http://h{i}.example/")
        return len(cache._rules)

    assert run(go) == 3


# --- against a loopback server ------------------------------------------------------------


def test_fetches_a_page(server: FaultServer) -> None:
    page = fetch_one(server.url("/article/1"))
    assert page.status_code == 200
    assert page.url == server.url("/article/1") == page.final_url
    assert page.charset == "utf-8"
    assert ARTICLE_TITLE in page.content.decode()
    assert DEFAULT_USER_AGENT in server.user_agents


def test_euc_kr_page_bytes_kept_and_no_header_charset(server: FaultServer) -> None:
    page = fetch_one(server.url("/euckr"))
    assert page.content == euc_kr_article()
    assert page.charset is None and page.content_type == "text/html"


def test_gzip_page_decoded(server: FaultServer) -> None:
    assert fetch_one(server.url("/gzip")).content == article_html(8).encode()


@pytest.mark.parametrize(
    ("path", "status", "hits"), [("/status/404", 404, 1), ("/status/500", 500, 3)]
)
def test_http_errors(server: FaultServer, path: str, status: int, hits: int) -> None:
    path = f"{path}?t={time.monotonic_ns()}"
    err = fetch_error(server.url(path))
    assert isinstance(err, HTTPStatus) and err.http_status == status
    assert sum(1 for p, _ in server.starts if p == path) == hits


def test_503_then_200(server: FaultServer) -> None:
    assert fetch_one(server.url("/flaky/t1")).status_code == 200
    assert server.hits["/flaky/t1"] == 2


def test_429_waits_retry_after_capped(server: FaultServer) -> None:
    started = time.monotonic()
    assert fetch_one(server.url("/ratelimited/t1")).status_code == 200
    assert 0.15 <= time.monotonic() - started < 1.0  # Retry-After: 1, capped at 0.2 s


def test_slow_response_times_out(server: FaultServer) -> None:
    config = FetchConfig(delay=0, timeout=0.3, retries=0, respect_robots=False)
    assert isinstance(fetch_error(server.url("/slow"), config), Timeout)


def test_whole_response_timeout_even_when_bytes_trickle(server: FaultServer) -> None:
    config = FetchConfig(delay=0, timeout=0.5, retries=0, respect_robots=False)
    started = time.monotonic()
    assert isinstance(fetch_error(server.url("/trickle"), config), Timeout)
    assert time.monotonic() - started < 1.5


def test_connection_reset_is_network(server: FaultServer) -> None:
    assert isinstance(fetch_error(server.url("/reset")), Network)


def test_redirect_loop(server: FaultServer) -> None:
    err = fetch_error(server.url("/loop/a"))
    assert isinstance(err, TooManyRedirects) and "loop" in err.message


def test_redirect_chain_followed_and_limited(server: FaultServer) -> None:
    page = fetch_one(server.url("/chain/10"))
    assert page.final_url == server.url("/chain/0") and page.url == server.url("/chain/10")
    assert isinstance(fetch_error(server.url("/chain/11")), TooManyRedirects)


def test_redirect_to_ftp_is_invalid_url(server: FaultServer) -> None:
    err = fetch_error(server.url("/to-ftp"))
    assert isinstance(err, InvalidURL) and "ftp://" in err.message


@pytest.mark.parametrize("path", ["/big", "/big/chunked", "/gzip-bomb", "/br-bomb"])
def test_oversized_bodies_stop_at_the_limit(server: FaultServer, path: str) -> None:
    if path == "/br-bomb":
        pytest.importorskip("brotli")
    server.bomb("gzip" if path == "/gzip-bomb" else "br")  # build it before measuring
    config = FetchConfig(delay=0, timeout=10, max_bytes=1024 * 1024, respect_robots=False)
    tracemalloc.start()
    try:
        err = fetch_error(server.url(path), config)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(err, TooLarge)
    assert peak < 8 * 1024 * 1024  # a 64 MB body (decoded) never sits in memory


@pytest.mark.parametrize("path", ["/image.png", "/doc.pdf"])
def test_non_html_content_type(server: FaultServer, path: str) -> None:
    assert isinstance(fetch_error(server.url(path)), NotHTML)


def test_robots_disallow_and_single_robots_fetch() -> None:
    (srv,) = start_servers(1, robots="User-agent: newsclean\nDisallow: /article/9\n")
    try:
        config = FetchConfig(delay=0, timeout=1.0)

        async def go() -> list[str]:
            async with Fetcher(config) as fetcher:
                results = []
                for path in ("/article/1", "/article/9", "/article/2"):
                    try:
                        await fetcher.fetch(srv.url(path))
                        results.append("ok")
                    except RobotsDisallowed:
                        results.append("disallowed")
                return results

        assert run(go) == ["ok", "disallowed", "ok"]
        assert [p for p, _ in srv.starts].count("/robots.txt") == 1
        assert "/article/9" not in [p for p, _ in srv.starts]
        ignoring = FetchConfig(delay=0, timeout=1.0, respect_robots=False)
        assert fetch_one(srv.url("/article/9"), ignoring).status_code == 200
    finally:
        srv.stop()


def test_robots_server_error_allows() -> None:
    (srv,) = start_servers(1, robots="User-agent: *\nDisallow: /\n", robots_status=503)
    try:
        assert (
            fetch_one(srv.url("/article/1"), FetchConfig(delay=0, timeout=1.0)).status_code == 200
        )
    finally:
        srv.stop()


def test_per_host_limit_and_delay_on_the_wire() -> None:
    srv_a, srv_b = start_servers(2)
    try:
        config = FetchConfig(delay=0.2, per_host=2, timeout=5.0, respect_robots=False)

        async def go() -> None:
            async with Fetcher(config) as fetcher:
                urls = [s.url(f"/sleep/150?{i}") for s in (srv_a, srv_b) for i in range(4)]
                await asyncio.gather(*(fetcher.fetch(u) for u in urls))

        run(go)
        for srv in (srv_a, srv_b):
            assert srv.max_active <= 2
            starts = sorted(t for _, t in srv.starts)
            # Arrival times on the server jitter (scheduling, new vs kept-alive connections),
            # so check the span: 4 starts at least 0.2 s apart take 0.6 s on the client.
            assert starts[-1] - starts[0] >= 0.5, starts
    finally:
        srv_a.stop()
        srv_b.stop()


def test_per_host_pools_are_bounded_and_closed() -> None:
    from newsclean.fetch import _Clients

    made: list[httpx.AsyncClient] = []

    def make() -> httpx.AsyncClient:
        made.append(httpx.AsyncClient(transport=httpx.MockTransport(lambda r: html())))
        return made[-1]

    async def go() -> tuple[int, list[bool]]:
        clients = _Clients(make, keep=2)
        async with clients.get("a:80") as a:
            for host in ("b:80", "c:80", "d:80"):
                async with clients.get(host):
                    pass
            assert not a.is_closed  # in use: never closed under a request
        async with clients.get("a:80") as again:
            assert again is a
        kept = len(clients._clients)
        await clients.aclose()
        return kept, [c.is_closed for c in made]

    kept, closed = run(go)
    assert kept == 2 and len(closed) == 4 and all(closed)


def test_robots_redirect_followed_and_oversized_robots_allows() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "moved.example" and request.url.path == "/robots.txt":
            return response(301, {"location": "/rules.txt"})
        if request.url.path == "/rules.txt":
            return response(200, {"content-type": "text/plain"}, b"User-agent: *\nDisallow: /x\n")
        if request.url.path == "/robots.txt":  # huge.example: over the robots size limit
            body = b"User-agent: *\nDisallow: /x\n" + b"#" * ROBOTS_MAX_BYTES
            return response(200, {"content-type": "text/plain"}, body)
        return html()

    async def go() -> list[str]:
        config = FetchConfig(delay=0)
        out = []
        async with Fetcher(config, transport=httpx.MockTransport(handler)) as fetcher:
            for url in ("http://moved.example/x", "http://huge.example/x"):
                try:
                    await fetcher.fetch(url)
                    out.append("ok")
                except RobotsDisallowed:
                    out.append("disallowed")
        return out

    assert run(go) == ["disallowed", "ok"]
    assert ROBOTS_REDIRECTS >= 5  # RFC 9309 §2.3.1.2


def test_connect_timeout_is_capped() -> None:
    async def go() -> httpx.Timeout:
        fetcher = Fetcher(FetchConfig(timeout=60.0))
        client = fetcher._new_client()
        await client.aclose()
        await fetcher.aclose()
        return client.timeout

    timeout = run(go)
    assert timeout.connect == CONNECT_TIMEOUT_CAP and timeout.read == 60.0


def test_host_gate_forgets_idle_hosts() -> None:
    clock = FakeClock()

    async def go() -> int:
        gate = HostGate(per_host=1, delay=0.0, clock=clock, sleep=clock.sleep)
        for i in range(GC_HOSTS_OVER + 10):
            async with gate.slot(f"h{i}:80"):
                pass
        return len(gate._hosts)

    assert run(go) <= GC_HOSTS_OVER


def test_short_error_bodies_are_drained_to_reuse_the_connection(server: FaultServer) -> None:
    async def go() -> None:
        async with Fetcher(FAST) as fetcher:
            for _ in range(3):
                with pytest.raises(HTTPStatus):
                    await fetcher.fetch(server.url(f"/status/404?{time.monotonic_ns()}"))

    before = server.connections
    run(go)
    assert server.connections - before == 1
