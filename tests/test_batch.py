"""Tests for newsclean.pipeline and `newsclean fetch`: one record per distinct URL, always."""

from __future__ import annotations

import asyncio
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from newsclean import pipeline
from newsclean.cli import app
from newsclean.cli.fetch_cmd import fetch_command
from newsclean.fetch import Fetcher
from newsclean.pipeline import (
    Batch,
    BatchStats,
    FetchConfig,
    PageExtractor,
    clean_url,
    count_urls,
    lines_from_binary,
    prepare_resume,
    url_key,
)
from support.fake_extract import dying_extract, fake_extract
from support.http_server import FaultServer, start_servers
from support.pages import ARTICLE_TITLE

# Short everything: politeness and patience are tested in test_fetch with a fake clock.
FAST = FetchConfig(
    delay=0.0,
    timeout=1.0,
    retries=1,
    backoff_base=0.01,
    retry_after_cap=0.1,
    max_bytes=1024 * 1024,
    extract_workers=0,
)
FAST_CLI = ["--delay", "0", "--timeout", "0.5", "--retries", "1", "--max-bytes", "1048576"]
# Subprocess runs only fetch fast pages: a generous timeout keeps them steady on a busy machine.
STEADY_CLI = ["--delay", "0", "--timeout", "10", "--retries", "1"]
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hosts() -> Iterator[list[FaultServer]]:
    servers = start_servers(2)
    servers.append(FaultServer(robots="User-agent: newsclean\nDisallow: /article/9\n").start())
    yield servers
    for srv in servers:
        srv.stop()


def closed_port_url() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/article/1"


def run_batch(
    lines: list[str], config: FetchConfig = FAST, **kwargs: Any
) -> tuple[list[dict[str, Any]], BatchStats]:
    records: list[dict[str, Any]] = []

    async def go() -> BatchStats:
        batch = Batch(config, records.append, extractor=PageExtractor(0, fake_extract), **kwargs)
        return await batch.run(lines)

    return records, asyncio.run(go())


def by_url(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    urls = [r["url"] for r in records]
    assert len(urls) == len(set(urls)), "a URL was recorded twice"
    return {r["url"]: r for r in records}


def outcome(record: dict[str, Any]) -> str:
    if record["status"] == "error":
        return str(record["error"]["type"])
    return str(record["status"])


# --- the whole batch ----------------------------------------------------------------------


def test_one_record_per_distinct_url_with_the_right_outcome(hosts: list[FaultServer]) -> None:
    a, b, robots = hosts
    expected = {
        a.url("/article/1"): "ok",
        a.url("/list"): "not_article",
        a.url("/euckr"): "ok",
        a.url("/gzip"): "ok",
        a.url("/status/404"): "HTTPStatus",
        a.url("/status/500"): "HTTPStatus",
        a.url("/flaky/batch"): "ok",
        a.url("/ratelimited/batch"): "ok",
        a.url("/slow"): "Timeout",
        b.url("/reset"): "Network",
        b.url("/loop/a"): "TooManyRedirects",
        b.url("/to-ftp"): "InvalidURL",
        b.url("/big/chunked"): "TooLarge",
        b.url("/gzip-bomb"): "TooLarge",
        b.url("/image.png"): "NotHTML",
        b.url("/doc.pdf"): "NotHTML",
        b.url("/article/boom"): "InternalError",  # the extractor crashed: one error record anyway
        robots.url("/article/9"): "RobotsDisallowed",
        robots.url("/article/3"): "ok",
        closed_port_url(): "Network",
        "example.co.kr/news/1": "InvalidURL",
        "ftp://example.co.kr/a.html": "InvalidURL",
        "https://": "InvalidURL",
    }
    lines = ["# a comment", "", *expected, f"  {a.url('/article/1')}  ", a.url("/list"), "   "]
    records, stats = run_batch(lines)
    got = {url: outcome(record) for url, record in by_url(records).items()}
    assert got == expected
    assert stats.skipped == 2 and stats.records == len(expected)
    assert stats.outcomes["ok"] == 6 and stats.outcomes["error:TooLarge"] == 2
    assert [p for p, _ in a.starts].count("/article/1") == 1  # the duplicate was not fetched
    assert by_url(records)[a.url("/status/404")]["error"]["http_status"] == 404


def test_real_extractor_in_worker_processes(hosts: list[FaultServer]) -> None:
    a = hosts[0]
    urls = [a.url(f"/article/{i}") for i in range(4)] + [a.url("/euckr"), a.url("/list")]
    records: list[dict[str, Any]] = []
    config = FetchConfig(delay=0.0, extract_workers=1, respect_robots=False)
    asyncio.run(Batch(config, records.append).run(urls))
    got = by_url(records)
    assert set(got) == set(urls)
    for url in urls[:5]:
        assert got[url]["status"] == "ok" and got[url]["title"] == ARTICLE_TITLE
    assert got[a.url("/list")]["status"] == "not_article"


def test_a_worker_killed_mid_batch_costs_one_record(hosts: list[FaultServer]) -> None:
    a = hosts[0]
    urls = [a.url(f"/article/{i}") for i in range(12)]
    urls.insert(5, a.url("/article/die"))  # its worker calls os._exit on it
    records: list[dict[str, Any]] = []
    config = FetchConfig(delay=0.0, extract_workers=2, respect_robots=False)
    extractor = PageExtractor(2, dying_extract)
    try:
        asyncio.run(Batch(config, records.append, extractor=extractor).run(urls))
    finally:
        extractor.close()
    got = by_url(records)
    assert set(got) == set(urls)
    died = got.pop(a.url("/article/die"))
    assert died["error"]["type"] == "InternalError" and "died" in died["error"]["message"]
    assert all(r["status"] == "ok" for r in got.values())


def test_input_is_pulled_lazily_and_work_in_flight_is_bounded() -> None:
    pulled = 0
    done: list[dict[str, Any]] = []
    ahead: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404)

    async def lines() -> AsyncIterator[str]:
        nonlocal pulled
        for i in range(3000):
            pulled += 1
            ahead.append(pulled - len(done))
            yield f"http://h{i % 7}.example/{i}"

    async def go() -> None:
        config = FetchConfig(delay=0.0, concurrency=4, in_flight_per_slot=2, respect_robots=False)
        transport = httpx.MockTransport(handler)
        async with Fetcher(config, transport=transport) as fetcher:
            await Batch(config, done.append, fetcher=fetcher).run(lines())

    asyncio.run(go())
    assert len(done) == 3000
    assert max(ahead) <= 4 * 2 + 1


def test_seen_set_skips_resumed_urls() -> None:
    urls = ["http://a.example/1", "http://a.example/2"]
    records, stats = run_batch(
        [*urls, "no-scheme"], FAST, seen={url_key(urls[0]), url_key(urls[1])}
    )
    assert [r["url"] for r in records] == ["no-scheme"] and stats.skipped == 2


# --- input and resume helpers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("  http://a.kr/1 \r\n", "http://a.kr/1"),
        ("\ufeffhttp://a.kr/1\n", "http://a.kr/1"),
        ("# http://a.kr/commented\n", None),
        ("   \n", None),
        ("not a url\n", "not a url"),  # kept: it becomes an InvalidURL record
    ],
)
def test_clean_url(line: str, url: str | None) -> None:
    assert clean_url(line) == url


def test_url_key_is_small_and_stable() -> None:
    assert url_key("http://a.kr/1") == url_key("http://a.kr/1") != url_key("http://a.kr/2")
    assert url_key("http://a.kr/1").bit_length() <= 64


def test_lines_from_binary_across_chunk_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "READ_CHUNK", 7)
    data = "http://가.kr/1\nhttp://b.kr/22\r\n\nhttp://c.kr/333".encode()

    async def collect() -> list[str]:
        return [line async for line in lines_from_binary(io.BufferedReader(io.BytesIO(data)))]

    assert asyncio.run(collect()) == ["http://가.kr/1", "http://b.kr/22\r", "", "http://c.kr/333"]


def test_count_urls(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("# list\nhttp://a.kr/1\n\nhttp://a.kr/1\nhttp://a.kr/2", encoding="utf-8")
    assert count_urls(path) == 3


def jsonl(*records: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def test_resume_cuts_a_broken_last_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    good = jsonl(
        {"url": "http://a.kr/1", "status": "ok"}, {"url": "http://a.kr/2", "status": "error"}
    )
    out.write_bytes(good + b'{"url":"http://a.kr/3","status":"o')
    state = prepare_resume(out)
    assert out.read_bytes() == good
    assert state.records == 2 and state.repaired_bytes == len(b'{"url":"http://a.kr/3","status":"o')
    assert state.done == {url_key("http://a.kr/1"), url_key("http://a.kr/2")}


def test_resume_completes_a_line_missing_only_its_newline(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(jsonl({"url": "http://a.kr/1"}) + b'{"url":"http://a.kr/2"}')
    state = prepare_resume(out)
    assert state.records == 2 and state.repaired_bytes == 0
    assert out.read_bytes().endswith(b'{"url":"http://a.kr/2"}\n')


def test_resume_of_a_missing_or_empty_file(tmp_path: Path) -> None:
    assert prepare_resume(tmp_path / "nope.jsonl").records == 0
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert prepare_resume(tmp_path / "empty.jsonl").done == set()


def test_stats_summary_parts() -> None:
    stats = BatchStats()
    stats.add({"status": "ok"}, "a.kr", 0.5)
    stats.add({"status": "error", "error": {"type": "Timeout"}}, "b.kr", 20.0)
    stats.add({"status": "not_article"}, "a.kr", 1.5)
    assert stats.outcomes == {"ok": 1, "error:Timeout": 1, "not_article": 1}
    assert stats.failed == 2
    assert stats.slowest_hosts(1) == [("b.kr", 20.0, 1)]
    assert stats.slowest_hosts()[1] == ("a.kr", 1.0, 2)


# --- the page cache -----------------------------------------------------------------------


def test_cached_pages_are_extracted_without_fetching(
    tmp_path: Path, hosts: list[FaultServer]
) -> None:
    from newsclean.cache import PageCache

    a = hosts[0]
    urls = [a.url("/article/21"), a.url("/euckr"), a.url("/list"), a.url("/status/404")]
    first, stats = run_batch(urls, cache=PageCache(tmp_path))
    assert stats.cached == 0 and stats.cache_errors == 0
    requests = len(a.starts)
    second, stats = run_batch(urls, cache=PageCache(tmp_path))
    assert stats.cached == 3  # the two articles and the list page; the 404 was not kept
    fetched = [p for p, _ in a.starts[requests:] if p != "/robots.txt"]
    assert fetched == ["/status/404"]
    assert by_url(second) == by_url(first)


def test_a_cache_that_cannot_keep_pages_costs_no_record(
    tmp_path: Path, hosts: list[FaultServer]
) -> None:
    from newsclean.cache import PageCache

    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    urls = [hosts[0].url("/article/22"), hosts[0].url("/article/23")]
    records, stats = run_batch(urls, cache=PageCache(blocker))
    assert sorted(r["url"] for r in records) == sorted(urls)
    assert all(r["status"] == "ok" for r in records)
    assert stats.cache_errors == 2 and stats.cached == 0


# --- the command line (in-process) --------------------------------------------------------


def test_cli_defaults_match_fetch_config() -> None:
    import inspect

    defaults = FetchConfig()
    params = inspect.signature(fetch_command).parameters
    for name in ("concurrency", "per_host", "delay", "timeout", "retries", "max_bytes"):
        assert params[name].default == getattr(defaults, name), name


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--resume", "http://a.kr/1"],
        ["--resume", "-o", "-", "http://a.kr/1"],
        ["-o", "x.jsonl", "--resume", "--format", "text", "http://a.kr/1"],
        ["--format", "yaml", "http://a.kr/1"],
        ["--concurrency", "0", "http://a.kr/1"],
        ["-i", "/nonexistent/urls.txt"],
        ["--cache", __file__, "http://a.kr/1"],  # a file, not a directory
    ],
)
def test_cli_usage_errors_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(app, ["fetch", *args])
    assert result.exit_code == 2, result.output


def test_cli_exit_0_when_every_record_is_ok(
    hosts: list[FaultServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "extract_page", fake_extract)
    urls = [hosts[0].url("/article/1"), hosts[1].url("/article/2")]
    result = CliRunner().invoke(app, ["fetch", *FAST_CLI, "--workers", "0", "-q", *urls])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["url"] for r in records) == sorted(urls)


def test_cli_exit_1_with_failures_and_summary_on_stderr(hosts: list[FaultServer]) -> None:
    urls = [hosts[0].url("/article/1"), hosts[0].url("/status/404"), "nope"]
    result = CliRunner().invoke(app, ["fetch", *FAST_CLI, "--workers", "0", *urls])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    assert "error:HTTPStatus" in result.stderr and "error:InvalidURL" in result.stderr


def test_cli_cache_rerun_works_with_the_server_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "extract_page", fake_extract)
    server = FaultServer().start()
    urls = [server.url("/article/31"), server.url("/article/32")]
    cache = tmp_path / "cache"
    args = ["fetch", *FAST_CLI, "--workers", "0", "--ignore-robots", "--cache", str(cache)]
    try:
        first = CliRunner().invoke(app, [*args, "-q", *urls])
    finally:
        server.stop()
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(app, [*args, *urls])  # nothing listens on that port now
    assert again.exit_code == 0, again.output
    assert "cache: 2 pages read from it" in again.stderr
    records = sorted(first.stdout.splitlines())
    assert sorted(again.stdout.splitlines()) == records and len(records) == 2


# --- the command line (subprocess, signals) -----------------------------------------------


def newsclean(*args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "newsclean", "fetch", *args], env=env, cwd=ROOT, **kwargs
    )


def wait_for_lines(path: Path, n: int, proc: subprocess.Popen[bytes], limit: float = 20) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        time.sleep(0.02)
    raise AssertionError(f"fewer than {n} records before the run ended or {limit} s passed")


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def url_list(tmp_path: Path, hosts: list[FaultServer], n: int) -> tuple[Path, list[str]]:
    urls = [hosts[i % 2].url(f"/sleep/30?n={i}") for i in range(n)]
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(["# batch", *urls, urls[0]]) + "\n", encoding="utf-8")
    return path, urls


def test_sigkill_then_resume_records_every_url_once(
    tmp_path: Path, hosts: list[FaultServer]
) -> None:
    listing, urls = url_list(tmp_path, hosts, 150)
    out = tmp_path / "out.jsonl"
    args = [
        "-i",
        str(listing),
        "-o",
        str(out),
        "--concurrency",
        "4",
        "--ignore-robots",
        *STEADY_CLI,
    ]
    proc = newsclean(*args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_lines(out, 20, proc)
    proc.kill()
    proc.wait(10)
    before = len(read_records(out))
    assert 20 <= before < len(urls)
    with out.open("ab") as handle:  # what a kill in the middle of a write leaves behind
        handle.write(b'{"url":"' + urls[-1].encode() + b'","status":"o')
    resumed = newsclean(*args, "--resume", "-q", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = resumed.communicate(timeout=30)
    records = read_records(out)
    failed = [r for r in records if r["status"] != "ok"]
    assert resumed.returncode == 0, (failed, stderr.decode())
    assert stdout == b""
    assert sorted(r["url"] for r in records) == sorted(urls)
    assert all(r["status"] == "ok" for r in records)


def test_sigint_stops_cleanly_with_valid_jsonl(tmp_path: Path, hosts: list[FaultServer]) -> None:
    listing, urls = url_list(tmp_path, hosts, 150)
    out = tmp_path / "stdout.jsonl"
    with out.open("wb") as sink:
        proc = newsclean(
            "-i", str(listing), "--concurrency", "4", "--ignore-robots", "-q", *STEADY_CLI,
            stdout=sink, stderr=subprocess.PIPE,
        )  # fmt: skip
        wait_for_lines(out, 10, proc)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=15)
    assert proc.returncode == 130, stderr.decode()
    assert b"Traceback" not in stderr
    records = read_records(out)  # every line parses
    assert 10 <= len(records) < len(urls)
    assert len({r["url"] for r in records}) == len(records)


def test_auto_workers() -> None:
    from newsclean.cli.fetch_cmd import MAX_AUTO_WORKERS, THREAD_EXTRACT_MAX_URLS, auto_workers

    assert auto_workers(1, has_list=False, cpus=8) == 0  # one URL: no process pool start-up
    assert auto_workers(THREAD_EXTRACT_MAX_URLS + 1, has_list=False, cpus=2) == 2
    assert auto_workers(0, has_list=True, cpus=64) == MAX_AUTO_WORKERS


def test_host_stats_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "HOST_STATS_CAP", 2)
    stats = BatchStats()
    for host in ("a", "b", "c", "a"):
        stats.add({"status": "ok"}, host, 1.0)
    assert stats.host_time == {"a": (2, 2.0), "b": (1, 1.0)} and stats.records == 4


def test_cli_start_up_imports_neither_httpx_nor_rich() -> None:
    code = "import sys, newsclean.cli; print(sorted({'httpx', 'rich'} & set(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
    assert out.stdout.strip() == b"[]"
