"""Fetching one page politely: URL checks, robots.txt, retries, redirects and size limits.

``Fetcher.fetch(url)`` returns a :class:`~newsclean.models.Page` or raises one of the typed
errors of :mod:`newsclean.errors`. The transport, clock, sleep and randomness are injected so
tests run in milliseconds. Response bodies are streamed raw and decompressed here, by bounded
decoders, so neither a huge body nor a gzip/brotli bomb can be held in memory.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
import zlib
from collections import Counter, OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http.cookiejar import DefaultCookiePolicy
from types import TracebackType
from typing import Protocol
from urllib.request import getproxies

import httpx

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
from newsclean.models import Page
from newsclean.pipeline import FetchConfig
from newsclean.robots import RobotsCache
from newsclean.transport import LeanTransport, env_proxy_mounts

ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"  # we only want HTML pages
ACCEPT_LANGUAGE = "ko,en;q=0.5"  # Korean sites may serve an English variant otherwise
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", ""})
# Anything else is not a page (image/*, application/pdf, octet-stream…); text/plain and a
# missing type are kept because misconfigured servers label HTML so: the extractor decides.
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})  # statuses that carry a Location
RETRY_STATUSES = frozenset({408, 429})  # 4xx that mean "try again later"; all 5xx retry too
MAX_VISITS_PER_URL = 2  # A → B (sets a cookie) → A is legitimate; a third visit is a loop
CONNECT_TIMEOUT_CAP = 10.0  # seconds; a host that cannot accept a connection in 10 s is down
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB
ROBOTS_REDIRECTS = 5  # RFC 9309: follow at least five redirects for robots.txt
BAD_HOST_CHARS = frozenset(' %<>"{}|\\^`')  # httpx percent-escapes these instead of refusing
GC_HOSTS_OVER = 1024  # forget idle hosts' pacing state once this many are tracked
DRAIN_MAX_BYTES = 64 * 1024  # redirect/error bodies up to this are read to keep the connection
CLIENTS_KEPT = 64  # per-host connection pools kept open; the least recently used idle one goes


# --- URL checks ---------------------------------------------------------------------------


def validate_url(url: str) -> httpx.URL:
    """The parsed URL, or InvalidURL when it has no host or is not http(s)."""
    try:
        parsed = httpx.URL(url)
        port = parsed.port
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise InvalidURL(f"cannot parse URL: {exc}") from None
    if not parsed.scheme:
        raise InvalidURL("URL has no scheme (expected http:// or https://)")
    if parsed.scheme not in ("http", "https"):
        raise InvalidURL(f"unsupported URL scheme {parsed.scheme!r} (only http and https)")
    if not parsed.host or BAD_HOST_CHARS.intersection(parsed.host):
        raise InvalidURL("URL has no valid host")
    if port is not None and not 0 < port < 65536:
        raise InvalidURL(f"invalid port {port}")
    return parsed


def host_key(url: httpx.URL) -> str:
    """Politeness is per host and port (several ports on one machine are separate servers)."""
    return f"{url.host}:{url.port or (443 if url.scheme == 'https' else 80)}"


# --- retry policy -------------------------------------------------------------------------


def is_retryable_status(status: int) -> bool:
    return status in RETRY_STATUSES or 500 <= status <= 599


def parse_retry_after(value: str | None, now: float, cap: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped.

    ``now`` is wall-clock epoch seconds. Unparseable values give None (use our backoff).
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT; a naive parse means "-0000"
        return None
    wait: float = when.timestamp() - now
    return min(max(0.0, wait), cap)


def backoff_delay(attempt: int, base: float, cap: float, rand: Callable[[], float]) -> float:
    """Exponential backoff with jitter: base·2^attempt, scaled into [50 %, 100 %]."""
    return min(cap, base * 2.0**attempt) * (0.5 + rand() / 2)


# --- per-host pacing ----------------------------------------------------------------------


@dataclass
class _HostState:
    slots: asyncio.Semaphore
    next_start: float = 0.0
    users: int = 0


class HostGate:
    """At most ``per_host`` requests at once to a host, request starts ``delay`` apart."""

    def __init__(
        self,
        per_host: int,
        delay: float,
        clock: Callable[[], float],
        sleep: Callable[[float], Awaitable[None]],
    ) -> None:
        self._per_host = per_host
        self._delay = delay
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _HostState] = {}

    def _state(self, host: str) -> _HostState:
        state = self._hosts.get(host)
        if state is None:
            if len(self._hosts) >= GC_HOSTS_OVER:
                self._forget_idle()
            state = self._hosts[host] = _HostState(asyncio.Semaphore(self._per_host))
        return state

    def _forget_idle(self) -> None:
        now = self._clock()
        for host in [h for h, s in self._hosts.items() if s.users == 0 and s.next_start <= now]:
            del self._hosts[host]

    def defer(self, host: str, seconds: float) -> None:
        """Hold every request to ``host`` back for ``seconds`` (a server asked us to wait)."""
        state = self._state(host)
        state.next_start = max(state.next_start, self._clock() + seconds)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        state = self._state(host)
        state.users += 1
        try:
            async with state.slots:
                now = self._clock()
                start = max(now, state.next_start)
                state.next_start = start + self._delay
                if start > now:
                    await self._sleep(start - now)
                yield
        finally:
            state.users -= 1


# --- bounded decompression ----------------------------------------------------------------


class _Decoder(Protocol):
    def decode(self, data: bytes, limit: int) -> bytes:
        """Decode ``data``, returning at most ``limit + 1`` bytes (more means "too large")."""


class _ZlibDecoder:
    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._obj = zlib.decompressobj(wbits)
        self._started = False

    def decode(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._obj.decompress(data, limit + 1)
        except zlib.error:
            if self._started or self._wbits != zlib.MAX_WBITS | 32:
                raise
            # "deflate" is sometimes sent raw, without the zlib header.
            self._wbits = -zlib.MAX_WBITS
            self._obj = zlib.decompressobj(self._wbits)
            out = self._obj.decompress(data, limit + 1)
        self._started = True
        return out


class _BrotliDecoder:
    def __init__(self) -> None:
        import brotli

        self._obj = brotli.Decompressor()

    def decode(self, data: bytes, limit: int) -> bytes:
        out: bytes = self._obj.process(data, output_buffer_limit=limit + 1)
        return out


def _brotli_bounded() -> bool:
    """Brotli is offered only when the module can bound its output (brotli ≥ 1.2)."""
    try:
        import brotli
    except ImportError:
        return False
    return hasattr(brotli.Decompressor, "can_accept_more_data")


def _decoders(content_encoding: str) -> list[_Decoder]:
    decoders: list[_Decoder] = []
    for name in reversed([e.strip().lower() for e in content_encoding.split(",")]):
        if name in ("", "identity"):
            continue
        if name in ("gzip", "x-gzip", "deflate"):
            decoders.append(_ZlibDecoder(zlib.MAX_WBITS | 32))  # 32: gzip or zlib header
        elif name == "br" and _brotli_bounded():
            decoders.append(_BrotliDecoder())
        else:
            raise NotHTML(f"unsupported Content-Encoding {content_encoding!r}")
    return decoders


async def read_body(response: httpx.Response, limit: int) -> bytes:
    """The decoded body, or TooLarge as soon as it passes ``limit`` bytes."""
    encoding = response.headers.get("content-encoding", "")
    length = response.headers.get("content-length", "")
    if not encoding and length.isdigit() and int(length) > limit:
        raise TooLarge(f"body of {int(length)} bytes is over the {limit}-byte limit")
    decoders = _decoders(encoding)
    parts: list[bytes] = []
    size = 0
    async for raw in response.aiter_raw():
        data = raw
        try:
            for decoder in decoders:
                data = decoder.decode(data, limit - size)
        except Exception as exc:  # zlib.error, brotli.error: a corrupt compressed stream
            raise NotHTML(f"cannot decode {encoding} body: {exc}") from None
        size += len(data)
        if size > limit:
            raise TooLarge(f"body is over the {limit}-byte limit")
        parts.append(data)
    return b"".join(parts)


async def _drain_small(response: httpx.Response) -> None:
    """Read a short redirect/error body (raw, undecoded) so its connection can be reused."""
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) <= DRAIN_MAX_BYTES:
        async for _ in response.aiter_raw():
            pass


# --- the fetcher --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reply:
    """What one HTTP exchange gave: a status and, for pages we keep, the body."""

    url: httpx.URL
    status: int
    location: str | None = None
    retry_after: str | None = None
    content_type: str | None = None
    charset: str | None = None
    body: bytes = field(default=b"", repr=False)


def _map_transport_error(exc: httpx.TransportError) -> NewscleanError:
    if isinstance(exc, httpx.TimeoutException):
        return Timeout(f"timed out ({type(exc).__name__})")
    return Network(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)


class _Clients:
    """One client, with its own connection pool, per host (the per-host connection limit);
    idle clients beyond ``keep`` are closed with their connections."""

    def __init__(self, make: Callable[[], httpx.AsyncClient], keep: int) -> None:
        self._make = make
        self._keep = keep
        self._clients: OrderedDict[str, httpx.AsyncClient] = OrderedDict()
        self._users: Counter[str] = Counter()

    @asynccontextmanager
    async def get(self, host: str) -> AsyncIterator[httpx.AsyncClient]:
        client = self._clients.get(host)
        if client is None:
            client = self._clients[host] = self._make()
        self._clients.move_to_end(host)
        self._users[host] += 1
        try:
            yield client
        finally:
            self._users[host] -= 1
            if not self._users[host]:
                del self._users[host]
            if len(self._clients) > self._keep:
                await self._close_idle()

    async def _close_idle(self) -> None:
        idle = [h for h in self._clients if h not in self._users]  # oldest first
        # Take them all out before the first await, so no request can pick one up meanwhile.
        closing = [self._clients.pop(h) for h in idle[: len(self._clients) - self._keep]]
        for client in closing:
            await client.aclose()

    async def aclose(self) -> None:
        while self._clients:
            await self._clients.popitem()[1].aclose()


class Fetcher:
    """Fetches pages politely; use as ``async with Fetcher(config) as f: await f.fetch(url)``."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.config = config or FetchConfig()
        cfg = self.config
        self._clock = clock
        self._wall_clock = wall_clock
        self._sleep = sleep
        self._rand = rand
        self._gate = HostGate(cfg.per_host, cfg.delay, clock, sleep)
        self._slots = asyncio.Semaphore(cfg.concurrency)
        self._robots = RobotsCache(self._fetch_robots, cfg.user_agent)
        self._transport = transport
        self._ssl = httpx.create_ssl_context() if transport is None else None  # one, shared
        self._proxies = getproxies()  # read once: each new host's client mounts them
        self._shared = self._new_client() if transport is not None else None
        self._clients = _Clients(self._new_client, CLIENTS_KEPT)

    def _new_client(self) -> httpx.AsyncClient:
        cfg = self.config
        # An injected transport serves every host through one client; otherwise each host
        # gets its own small pool (per_host connections).
        pool = cfg.concurrency if self._transport is not None else cfg.per_host
        transport = self._transport
        mounts = None
        if transport is None:
            # httpx's own stack costs ~1.5 ms of CPU a page; ours ~0.7 (see transport.py).
            transport = LeanTransport(ssl_context=self._ssl, max_per_origin=pool)
            # Given a transport, httpx no longer reads proxy settings from the environment:
            # mount its proxy transports for the URLs that the environment proxies.
            mounts = env_proxy_mounts(self._ssl, pool, self._proxies)
        client = httpx.AsyncClient(
            transport=transport,
            mounts=mounts,
            headers={
                "User-Agent": cfg.user_agent,
                "Accept": ACCEPT,
                "Accept-Language": ACCEPT_LANGUAGE,
                "Accept-Encoding": "gzip, deflate, br" if _brotli_bounded() else "gzip, deflate",
            },
            timeout=httpx.Timeout(cfg.timeout, connect=min(cfg.timeout, CONNECT_TIMEOUT_CAP)),
            follow_redirects=False,
        )
        # Cookies live only within one redirect chain, so a long batch keeps no cookie jar.
        client.cookies.jar.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        return client

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        self._robots.cancel()
        await self._clients.aclose()
        if self._shared is not None:
            await self._shared.aclose()

    async def fetch(self, url: str) -> Page:
        """Fetch one page; raises a newsclean error for anything but an HTML 2xx response."""
        reply = await self._get(
            validate_url(url),
            check_robots=self.config.respect_robots,
            html_only=True,
            limit=self.config.max_bytes,
            retries=self.config.retries,
            max_redirects=self.config.max_redirects,
        )
        if not 200 <= reply.status <= 299:
            raise HTTPStatus(f"HTTP {reply.status}", http_status=reply.status)
        return Page(
            url=url,
            content=reply.body,
            final_url=str(reply.url),
            status_code=reply.status,
            content_type=reply.content_type,
            charset=reply.charset,
        )

    async def _fetch_robots(self, robots_url: str) -> tuple[int | None, str]:
        """(status, text) of a robots.txt; status None when it could not be fetched."""
        try:
            reply = await self._get(
                validate_url(robots_url),
                check_robots=False,
                html_only=False,
                limit=ROBOTS_MAX_BYTES,
                retries=0,
                max_redirects=ROBOTS_REDIRECTS,
            )
        except NewscleanError:
            return None, ""
        return reply.status, reply.body.decode("utf-8", errors="replace")

    async def _get(
        self,
        url: httpx.URL,
        *,
        check_robots: bool,
        html_only: bool,
        limit: int,
        retries: int,
        max_redirects: int,
    ) -> _Reply:
        """Follow redirects by hand: each hop is validated, robots-checked and paced."""
        cookies = httpx.Cookies()
        visits: dict[str, int] = {}
        for _hop in range(max_redirects + 1):
            visits[str(url)] = visits.get(str(url), 0) + 1
            if check_robots and not await self._robots.allowed(str(url)):
                raise RobotsDisallowed(f"robots.txt disallows {url}")
            reply = await self._with_retries(url, cookies, html_only, limit, retries)
            if reply.status not in REDIRECT_STATUSES or reply.location is None:
                return reply
            try:
                target = url.join(reply.location)
            except (httpx.InvalidURL, ValueError) as exc:
                raise InvalidURL(f"bad redirect Location {reply.location!r}: {exc}") from None
            if target.scheme not in ("http", "https"):
                raise InvalidURL(f"redirect to unsupported URL {reply.location!r}")
            url = validate_url(str(target))
            if visits.get(str(url), 0) >= MAX_VISITS_PER_URL:
                raise TooManyRedirects(f"redirect loop at {url}")
        raise TooManyRedirects(f"more than {max_redirects} redirects")

    async def _with_retries(
        self, url: httpx.URL, cookies: httpx.Cookies, html_only: bool, limit: int, retries: int
    ) -> _Reply:
        cfg = self.config
        for attempt in range(retries + 1):
            try:
                reply = await self._attempt(url, cookies, html_only, limit)
            except (Timeout, Network):
                if attempt >= retries:
                    raise
                await self._sleep(
                    backoff_delay(attempt, cfg.backoff_base, cfg.backoff_cap, self._rand)
                )
                continue
            if not is_retryable_status(reply.status) or attempt >= retries:
                return reply
            wait = parse_retry_after(reply.retry_after, self._wall_clock(), cfg.retry_after_cap)
            if wait is None:
                await self._sleep(
                    backoff_delay(attempt, cfg.backoff_base, cfg.backoff_cap, self._rand)
                )
            else:
                # The server asked the whole host to slow down: the gate makes every request
                # to it, this retry included, wait that long.
                self._gate.defer(host_key(url), wait)
        raise AssertionError("unreachable")  # the loop always returns or raises

    async def _attempt(
        self, url: httpx.URL, cookies: httpx.Cookies, html_only: bool, limit: int
    ) -> _Reply:
        """One paced request, bounded by the total per-attempt timeout."""
        async with self._gate.slot(host_key(url)), self._slots:
            try:
                return await asyncio.wait_for(
                    self._exchange(url, cookies, html_only, limit), self.config.timeout
                )
            except asyncio.TimeoutError:
                raise Timeout(f"no complete response within {self.config.timeout:g} s") from None
            except httpx.TransportError as exc:
                raise _map_transport_error(exc) from None
            except httpx.InvalidURL as exc:
                raise InvalidURL(str(exc)) from None

    async def _exchange(
        self, url: httpx.URL, cookies: httpx.Cookies, html_only: bool, limit: int
    ) -> _Reply:
        if self._shared is not None:
            return await self._exchange_with(self._shared, url, cookies, html_only, limit)
        async with self._clients.get(host_key(url)) as client:
            return await self._exchange_with(client, url, cookies, html_only, limit)

    async def _exchange_with(
        self,
        client: httpx.AsyncClient,
        url: httpx.URL,
        cookies: httpx.Cookies,
        html_only: bool,
        limit: int,
    ) -> _Reply:
        request = client.build_request("GET", url, cookies=cookies or None)
        response = await client.send(request, stream=True)
        try:
            headers = response.headers
            if "set-cookie" in headers and response.status_code in REDIRECT_STATUSES:
                cookies.extract_cookies(response)  # only a redirect chain can use them
            status = response.status_code
            content_type = headers.get("content-type")
            if not 200 <= status <= 299:
                await _drain_small(response)
                return _Reply(
                    url,
                    status,
                    location=headers.get("location"),
                    retry_after=headers.get("retry-after"),
                )
            media_type = (content_type or "").split(";")[0].strip().lower()
            if html_only and media_type not in HTML_MEDIA_TYPES:
                raise NotHTML(f"content type {media_type!r} is not HTML")
            body = await read_body(response, limit)
            return _Reply(
                url,
                status,
                content_type=content_type,
                charset=response.charset_encoding,
                body=body,
            )
        finally:
            await response.aclose()
