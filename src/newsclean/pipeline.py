"""Batch orchestration: URLs in, exactly one record per distinct URL out.

    URL lines → clean + dedupe → cache or fetch (Fetcher, paced) → extract (worker processes)
              → emit(record)

Memory stays flat in the number of URLs: input is read in chunks as it is needed, at most
``concurrency × in_flight_per_slot`` URLs are being worked on, and the set of URLs already seen
holds 8-byte digests. Records are emitted in completion order, one whole line at a time from
the event loop, so an interrupted run leaves only complete lines behind.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlsplit

from newsclean import __version__
from newsclean.errors import InternalError, NewscleanError
from newsclean.extractor import extract_page
from newsclean.models import Page, error_article
from newsclean.workers import ExtractFn, WorkerPool, extract_record, failure_record

if TYPE_CHECKING:  # httpx is imported only when a batch runs, not in extraction workers
    from newsclean.cache import PageCache
    from newsclean.fetch import Fetcher

__all__ = ["Batch", "BatchStats", "FetchConfig", "PageExtractor", "ResumeState"]

DEFAULT_USER_AGENT = f"newsclean/{__version__} (+https://github.com/newsclean/newsclean)"
# Honest identity: a product token robots.txt rules can name, and a page explaining the bot.
READ_CHUNK = 64 * 1024  # bytes of URL input read at once: no need to hold the whole list
URL_KEY_BYTES = 8  # blake2b digest size per seen URL: 1M URLs cost tens of MB, not hundreds
HOST_STATS_CAP = 10_000  # hosts timed for the summary; later new hosts are not timed
COMMENT_PREFIX = "#"  # input lines starting with it are comments


@dataclass(frozen=True)
class FetchConfig:
    """Every knob of a fetch run (the CLI options map one to one)."""

    concurrency: int = 16  # requests in flight over all hosts
    per_host: int = 2  # requests in flight to one host
    delay: float = 1.0  # seconds between request starts to one host
    timeout: float = 20.0  # seconds per attempt, connect + whole response
    retries: int = 2  # extra attempts after a retryable failure
    backoff_base: float = 0.5  # first retry waits about this long, doubling after
    backoff_cap: float = 30.0  # no single backoff waits longer
    retry_after_cap: float = 60.0  # a server's Retry-After is honoured up to this
    max_bytes: int = 5 * 1024 * 1024  # decoded body limit
    max_redirects: int = 10
    user_agent: str = DEFAULT_USER_AGENT
    respect_robots: bool = True
    extract_workers: int = 2  # extraction processes; 0 runs extraction in one thread
    in_flight_per_slot: int = 8  # URL jobs queued per concurrency slot (bounds memory)


Emit = Callable[[dict[str, Any]], None]


# --- input --------------------------------------------------------------------------------


async def lines_from_binary(stream: BinaryIO) -> AsyncIterator[str]:
    """Lines of a file or pipe, read in a thread so a slow producer never blocks the loop."""
    rest = b""
    while True:
        chunk = await asyncio.to_thread(_read_some, stream)
        if not chunk:
            break
        *lines, rest = (rest + chunk).split(b"\n")
        for line in lines:
            yield line.decode("utf-8", errors="replace")
    if rest:
        yield rest.decode("utf-8", errors="replace")


def _read_some(stream: BinaryIO) -> bytes:
    read1 = getattr(stream, "read1", None)  # returns what is available instead of waiting
    data: bytes = read1(READ_CHUNK) if read1 is not None else stream.read(READ_CHUNK)
    return data


async def lines_from(lines: Iterable[str]) -> AsyncIterator[str]:
    for line in lines:
        yield line


def clean_url(line: str) -> str | None:
    """The URL on an input line, or None for a blank line or a ``#`` comment."""
    url = line.strip().lstrip("\ufeff").strip()
    if not url or url.startswith(COMMENT_PREFIX):
        return None
    return url


def count_urls(path: str | os.PathLike[str]) -> int:
    """URL lines in a file (duplicates included): the progress bar's total."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        return sum(1 for line in handle if clean_url(line) is not None)


def url_key(url: str) -> int:
    """A small fingerprint of a URL string for the seen-set (collisions ~ 1 in 10^19)."""
    digest = hashlib.blake2b(url.encode("utf-8", errors="surrogatepass"), digest_size=URL_KEY_BYTES)
    return int.from_bytes(digest.digest(), "big")


# --- resume -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResumeState:
    """What an earlier run left in the output file."""

    done: set[int]  # url_key of every URL that already has a record
    records: int
    repaired_bytes: int  # size of the broken last line that was cut off


def prepare_resume(path: str | os.PathLike[str]) -> ResumeState:
    """Read an existing JSONL output, cut a broken last line, and list the URLs it holds.

    A run killed mid-write leaves at most one partial line at the end: it is truncated, or,
    when only its newline is missing, completed.
    """
    done: set[int] = set()
    records = 0
    try:
        handle = open(path, "rb+")  # noqa: SIM115 - closed below, after the repair
    except FileNotFoundError:
        return ResumeState(done, 0, 0)
    with handle:
        good_end = 0
        last_complete = True
        for line in handle:
            url = _record_url(line)
            complete = line.endswith(b"\n")
            if url is not None:
                done.add(url_key(url))
                records += 1
            if complete or url is not None:
                good_end += len(line)
            last_complete = complete
            if not complete and url is None:
                break
        size = handle.seek(0, os.SEEK_END)
        repaired = size - good_end
        if repaired:
            handle.truncate(good_end)
        elif not last_complete:
            handle.write(b"\n")
    return ResumeState(done, records, repaired)


def _record_url(line: bytes) -> str | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    url = record.get("url") if isinstance(record, dict) else None
    return url if isinstance(url, str) else None


# --- extraction off the event loop --------------------------------------------------------


class PageExtractor:
    """``await extractor(page)`` is the page's record (a dict), extracted in worker
    processes, or in one thread when workers == 0 (and on platforms without pipe workers).

    ``extract`` must be a module-level function: the workers import it by name.
    """

    def __init__(self, workers: int, extract: ExtractFn | None = None) -> None:
        self._workers = workers if os.name == "posix" else 0  # add_reader on pipes: POSIX
        self._extract = extract or extract_page
        self._pool: WorkerPool | None = None
        self._thread: ThreadPoolExecutor | None = None

    async def __call__(self, page: Page) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        if self._workers <= 0:
            if self._thread is None:
                self._thread = ThreadPoolExecutor(1, thread_name_prefix="newsclean-extract")
            return await loop.run_in_executor(self._thread, extract_record, self._extract, page)
        pool = self._pool
        if pool is None or pool.loop is not loop:  # first call, or a new asyncio.run
            if pool is not None:
                pool.close()
            pool = self._pool = WorkerPool(self._workers, self._extract)
        return await pool.record(page)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=True)
            self._thread = None


# --- statistics ---------------------------------------------------------------------------


@dataclass
class BatchStats:
    """Running counts of a batch, for progress and the final summary."""

    records: int = 0
    ok: int = 0
    skipped: int = 0  # duplicates and URLs already in the output (resume)
    cached: int = 0  # pages read from the cache instead of fetched
    cache_errors: int = 0  # fetched pages the cache could not keep (disk full, no permission)
    outcomes: Counter[str] = field(default_factory=Counter)  # "ok", "not_article", "error:Type"
    host_time: dict[str, tuple[int, float]] = field(default_factory=dict)  # host → (n, seconds)
    started: float = 0.0
    elapsed: float = 0.0

    @property
    def failed(self) -> int:
        return self.records - self.ok

    def add(self, record: dict[str, Any], host: str | None, seconds: float) -> None:
        self.records += 1
        status = record.get("status")
        if status == "ok":
            self.ok += 1
        error = record.get("error") or {}
        self.outcomes[f"error:{error.get('type')}" if status == "error" else str(status)] += 1
        if host is not None and (host in self.host_time or len(self.host_time) < HOST_STATS_CAP):
            n, total = self.host_time.get(host, (0, 0.0))
            self.host_time[host] = (n + 1, total + seconds)

    def slowest_hosts(self, n: int = 5) -> list[tuple[str, float, int]]:
        """(host, mean seconds per URL, URLs) of the slowest hosts, slowest first."""
        means = [(h, total / count, count) for h, (count, total) in self.host_time.items()]
        return sorted(means, key=lambda item: item[1], reverse=True)[:n]


# --- the batch ----------------------------------------------------------------------------


def _host_of(url: str) -> str | None:
    return urlsplit(url).netloc.lower() or None


class Batch:
    """One batch run. ``await Batch(config, emit).run(lines)`` emits one record per URL."""

    def __init__(
        self,
        config: FetchConfig,
        emit: Emit,
        *,
        fetcher: Fetcher | None = None,
        extractor: PageExtractor | None = None,
        seen: set[int] | None = None,
        on_record: Callable[[BatchStats], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        cache: PageCache | None = None,
    ) -> None:
        self.config = config
        self.stats = BatchStats()
        self._emit = emit
        self._fetcher = fetcher
        self._extractor = extractor
        self._seen = seen if seen is not None else set()
        self._on_record = on_record
        self._clock = clock
        self._cache = cache

    async def run(self, lines: AsyncIterable[str] | Iterable[str]) -> BatchStats:
        from newsclean.fetch import Fetcher

        source = lines if isinstance(lines, AsyncIterable) else lines_from(lines)
        fetcher = self._fetcher or Fetcher(self.config)
        extractor = self._extractor or PageExtractor(self.config.extract_workers)
        self.stats.started = self._clock()
        try:
            await self._dispatch(source, fetcher, extractor)
        finally:
            self.stats.elapsed = self._clock() - self.stats.started
            if self._fetcher is None:
                await fetcher.aclose()
            if self._extractor is None:
                extractor.close()
        return self.stats

    async def _dispatch(
        self, source: AsyncIterable[str], fetcher: Fetcher, extractor: PageExtractor
    ) -> None:
        room = asyncio.Semaphore(self.config.concurrency * self.config.in_flight_per_slot)
        jobs: set[asyncio.Task[None]] = set()
        failures: list[BaseException] = []  # e.g. a closed stdout: stop the whole batch

        def finished(job: asyncio.Task[None]) -> None:
            jobs.discard(job)
            room.release()
            if not job.cancelled() and job.exception() is not None:
                failures.append(job.exception())  # type: ignore[arg-type]

        try:
            async for line in source:
                if failures:
                    raise failures[0]
                url = clean_url(line)
                if url is None:
                    continue
                key = url_key(url)
                if key in self._seen:
                    self.stats.skipped += 1
                    continue
                self._seen.add(key)
                await room.acquire()
                job = asyncio.create_task(self._one(url, fetcher, extractor))
                jobs.add(job)
                job.add_done_callback(finished)
            while jobs and not failures:
                await asyncio.wait(set(jobs), return_when=asyncio.FIRST_COMPLETED)
            if failures:
                raise failures[0]
        finally:
            for job in jobs:
                job.cancel()
            if jobs:
                await asyncio.wait(set(jobs))

    async def _one(self, url: str, fetcher: Fetcher, extractor: PageExtractor) -> None:
        started = self._clock()
        record = await self._record(url, fetcher, extractor)
        record["url"] = url  # the input string as given, whatever the extractor saw
        self._emit(record)
        self.stats.add(record, _host_of(url), self._clock() - started)
        if self._on_record is not None:
            self._on_record(self.stats)

    async def _record(self, url: str, fetcher: Fetcher, extractor: PageExtractor) -> dict[str, Any]:
        page = self._cache.get(url) if self._cache is not None else None
        if page is not None:
            self.stats.cached += 1
        else:
            try:
                page = await fetcher.fetch(url)
            except NewscleanError as exc:
                return error_article(url, exc).to_dict()
            except Exception as exc:  # a bug must cost one record, not the batch
                return error_article(url, InternalError(f"fetch failed: {exc!r}")).to_dict()
            self._keep(page)
        try:
            return await extractor(page)
        except NewscleanError as exc:  # e.g. its worker process died on this page
            return error_article(url, exc, final_url=page.final_url).to_dict()
        except Exception as exc:  # e.g. no worker process could be started
            return failure_record(page, exc)

    def _keep(self, page: Page) -> None:
        if self._cache is None:
            return
        try:
            self._cache.put(page)
        except OSError:  # the record matters more than its cache entry: count it, go on
            self.stats.cache_errors += 1
