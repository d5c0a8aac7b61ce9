"""Tests for newsclean.workers: extraction processes fed over pipes from the event loop."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from newsclean import workers
from newsclean.errors import InternalError
from newsclean.models import Page
from newsclean.pipeline import PageExtractor
from support.fake_extract import dated_extract, dying_extract, fake_extract

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

ROOT = Path(__file__).resolve().parents[1]
GONE_SECONDS = 10.0  # generous bound for a process to end on a busy machine

T = TypeVar("T")


def page(path: str, content: bytes = b"<html><article>text</article></html>") -> Page:
    url = f"http://a.kr/{path}"
    return Page(url=url, content=content, final_url=url + "?final", status_code=200)


def running(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def wait_gone(pids: list[int]) -> list[int]:
    deadline = time.monotonic() + GONE_SECONDS
    while time.monotonic() < deadline and any(running(pid) for pid in pids):
        time.sleep(0.02)
    return [pid for pid in pids if running(pid)]


def with_extractor(
    workers_n: int, extract: Any, body: Callable[[PageExtractor], Awaitable[T]]
) -> T:
    extractor = PageExtractor(workers_n, extract)

    async def go() -> T:
        try:
            return await body(extractor)
        finally:
            extractor.close()

    return asyncio.run(go())


def pool_pids(extractor: PageExtractor) -> list[int]:
    pool = extractor._pool
    assert pool is not None
    return pool.pids


def test_records_come_back_and_an_extractor_error_costs_one_record() -> None:
    async def body(extractor: PageExtractor) -> tuple[list[dict[str, Any]], list[int], list[int]]:
        first = await extractor(page("0"))
        before = pool_pids(extractor)
        pages = [page("1"), page("boom"), page("2", b"<p>list</p>"), page("3")]
        records = await asyncio.gather(*(extractor(p) for p in pages))
        return [first, *records], before, pool_pids(extractor)

    records, before, after = with_extractor(2, fake_extract, body)
    assert [r["status"] for r in records] == ["ok", "ok", "error", "not_article", "ok"]
    assert records[1]["final_url"] == "http://a.kr/1?final" and records[1]["title"] == "기사"
    assert records[2]["error"] == {
        "type": "InternalError",
        "message": "extraction failed: RuntimeError('extractor bug')",
    }
    assert after == before  # the worker that raised lives on


def test_a_dying_worker_costs_only_its_page_and_is_replaced() -> None:
    async def body(extractor: PageExtractor) -> tuple[list[Any], list[int], list[int], Any]:
        await extractor(page("warm-up"))
        before = pool_pids(extractor)
        pages = (
            [page(f"{i}") for i in range(4)] + [page("die")] + [page(f"{i}") for i in range(4, 9)]
        )
        jobs = asyncio.gather(*(extractor(p) for p in pages), return_exceptions=True)
        results = await asyncio.wait_for(jobs, GONE_SECONDS)  # a lost page would hang
        after = pool_pids(extractor)
        return results, before, after, await extractor(page("after"))

    results, before, after, later = with_extractor(1, dying_extract, body)
    died = results.pop(4)
    assert isinstance(died, InternalError)
    assert "worker process died (exit code 3)" in died.message
    assert [r["status"] for r in results] == ["ok"] * 9  # the pages queued behind it were resent
    assert len(after) == 1 and after != before
    assert wait_gone(before) == []
    assert later["status"] == "ok"


def test_a_record_marshal_cannot_carry_becomes_an_error_record() -> None:
    async def body(extractor: PageExtractor) -> list[dict[str, Any]]:
        return [await extractor(page("1")), await extractor(page("2"))]

    records = with_extractor(1, dated_extract, body)
    assert [r["status"] for r in records] == ["error", "error"]
    assert records[0]["error"]["message"].startswith("extraction failed: ValueError(")


def test_a_page_larger_than_the_pipe_goes_through(monkeypatch: pytest.MonkeyPatch) -> None:
    big = b"<html><article>" + b"x" * (3 * workers.TASK_PIPE_BYTES) + b"</article></html>"

    async def body(extractor: PageExtractor) -> list[dict[str, Any]]:
        pages = [page("big1", big), page("small"), page("big2", big), page("big3", big)]
        return list(await asyncio.gather(*(extractor(p) for p in pages)))

    records = with_extractor(2, fake_extract, body)
    assert [r["status"] for r in records] == ["ok"] * 4


def test_pages_wait_when_every_worker_holds_its_share() -> None:
    seen_held: list[int] = []

    async def body(extractor: PageExtractor) -> list[dict[str, Any]]:
        await extractor(page("warm-up"))
        pool = extractor._pool
        assert pool is not None
        jobs = [asyncio.ensure_future(extractor(page(f"{i}"))) for i in range(20)]
        await asyncio.sleep(0)
        seen_held.extend(len(w.held) for w in pool._workers)
        return list(await asyncio.gather(*jobs))

    records = with_extractor(2, fake_extract, body)
    assert len(records) == 20 and all(r["status"] == "ok" for r in records)
    assert seen_held == [workers.PAGES_PER_WORKER] * 2


def test_a_cancelled_call_does_not_disturb_the_next() -> None:
    async def body(extractor: PageExtractor) -> list[dict[str, Any]]:
        await extractor(page("warm-up"))
        jobs = [asyncio.ensure_future(extractor(page(f"{i}"))) for i in range(10)]
        await asyncio.sleep(0)
        for job in jobs[::2]:
            job.cancel()
        done = await asyncio.gather(*jobs[1::2])
        return [*done, await extractor(page("next"))]

    records = with_extractor(1, fake_extract, body)
    assert [r["url"] for r in records] == [f"http://a.kr/{i}" for i in (1, 3, 5, 7, 9, "next")]


def test_workers_ignore_sigint() -> None:
    async def body(extractor: PageExtractor) -> tuple[dict[str, Any], list[int], list[int]]:
        await asyncio.gather(extractor(page("1")), extractor(page("2")))  # both are up
        before = pool_pids(extractor)
        for pid in before:
            os.kill(pid, signal.SIGINT)
        await asyncio.sleep(0.2)  # a worker that took it would be dying now
        return await extractor(page("after")), before, pool_pids(extractor)

    record, before, after = with_extractor(2, fake_extract, body)
    assert record["status"] == "ok" and after == before


def test_close_stops_the_workers() -> None:
    async def body(extractor: PageExtractor) -> list[int]:
        await asyncio.gather(*(extractor(page(f"{i}")) for i in range(4)))
        return pool_pids(extractor)

    pids = with_extractor(2, fake_extract, body)  # it closes the extractor
    assert len(pids) == 2
    assert [pid for pid in pids if running(pid)] == []  # gone and reaped by close() itself


def test_a_new_event_loop_gets_fresh_workers() -> None:
    extractor = PageExtractor(1, fake_extract)
    try:
        first = asyncio.run(extractor(page("1")))
        second = asyncio.run(extractor(page("2")))  # the first loop is closed by now
    finally:
        extractor.close()
    assert first["status"] == second["status"] == "ok"


def test_workers_exit_when_the_parent_is_killed() -> None:
    code = (
        "import asyncio, sys, time\n"
        "from newsclean.models import Page\n"
        "from newsclean.pipeline import PageExtractor\n"
        "async def main():\n"
        "    extractor = PageExtractor(2)\n"
        "    await extractor(Page(url='http://a.kr/1', content=b'<p>x</p>'))\n"
        "    print(*extractor._pool.pids, flush=True)\n"
        "    time.sleep(60)\n"
        "asyncio.run(main())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    parent = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE)
    try:
        assert parent.stdout is not None
        pids = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(running(pid) for pid in pids)
    finally:
        parent.kill()
        parent.wait()
    assert wait_gone(pids) == []  # EOF on the task pipe: nothing else would stop them


def test_no_replacement_worker_fails_the_waiting_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork(self: Any, extract: Any) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    async def body(extractor: PageExtractor) -> tuple[list[Any], Any]:
        await extractor(page("warm-up"))
        monkeypatch.setattr(workers._Worker, "__init__", no_fork)
        pages = [page("die"), page("1"), page("2")]
        jobs = asyncio.gather(*(extractor(p) for p in pages), return_exceptions=True)
        results = await asyncio.wait_for(jobs, GONE_SECONDS)
        later = await asyncio.gather(extractor(page("3")), return_exceptions=True)
        return results, later[0]

    results, later = with_extractor(1, dying_extract, body)
    assert all(isinstance(r, InternalError) for r in [*results, later])
    assert "died" in results[0].message and "no worker process" in results[1].message


def test_an_extract_function_workers_cannot_import_fails_each_call() -> None:
    def local_extract(page: Page) -> Any:  # not module-level: it cannot be pickled
        return fake_extract(page)

    extractor = PageExtractor(1, local_extract)
    try:
        with pytest.raises(Exception, match="local"):
            asyncio.run(extractor(page("1")))
    finally:
        extractor.close()
