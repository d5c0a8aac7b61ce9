"""Extraction worker processes driven from the asyncio event loop over plain pipes.

    event loop ──(lengths, marshal(url, final_url, ...), raw page bytes)──▶ worker: extract
               ◀──(length, marshal(record dict))─────────────────────────────┘

The parent writes frames to a worker's task pipe and reads records off its result pipe with
``add_reader``/``add_writer`` on non-blocking fds: no executor threads, no pickled objects,
one asyncio future per page. A worker answers its pages in the order they came, so the
oldest page it holds is the one it is working on; a few pages wait in its pipe so it never
idles while the loop is busy, and a new page goes to the worker holding the fewest.

A worker ends when its task pipe reaches EOF: the parent closed it, or the parent died
(even by SIGKILL: the kernel closes the parent's end). Ctrl-C is the parent's to handle.
A worker that dies (crash, OOM kill) costs the page it was working on one error record; the
pages queued behind it go to the other workers and a fresh worker takes its place.
"""

from __future__ import annotations

import asyncio
import contextlib
import marshal
import multiprocessing
import os
import signal
import struct
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from newsclean.errors import InternalError
from newsclean.models import Article, Page, error_article

if TYPE_CHECKING:  # ForkServerContext is missing on Windows
    from multiprocessing.context import ForkServerContext, SpawnContext

__all__ = ["ExtractFn", "WorkerPool", "extract_record"]

ExtractFn = Callable[[Page], Article]
Record = dict[str, Any]

FRAME = struct.Struct("<I")  # length prefix of a record: records stay far below 4 GB
TASK = struct.Struct("<II")  # lengths of a page's small fields and of its raw bytes
PAGES_PER_WORKER = 3  # sent ahead per worker: one being worked on, two in its pipe (~8 ms)
TASK_PIPE_BYTES = 1024 * 1024  # those pages fit in one pipe: one write each (Linux's default cap)
READ_BYTES = 256 * 1024  # records read off a result pipe at once (a record is a few KB)
STOP_GRACE_SECONDS = 1.0  # close() lets a worker finish its page this long, then SIGKILL
REAP_SECONDS = 1.0  # a worker whose pipe hit EOF is gone by then; else it is killed


def extract_record(extract: ExtractFn, page: Page) -> Record:
    """The page's record; an exception in the extractor costs this page only."""
    try:
        return extract(page).to_dict()
    except Exception as exc:
        return failure_record(page, exc)


def failure_record(page: Page, exc: BaseException) -> Record:
    """The error record of a page whose extraction raised ``exc``."""
    error = InternalError(f"extraction failed: {exc!r}")
    return error_article(page.url, error, final_url=page.final_url).to_dict()


# --- the worker process ---------------------------------------------------------------------


def _task_frame(page: Page) -> list[bytes]:
    """A page as pipe bytes: lengths, the small fields, then the content as it is (written
    with writev: marshal would copy ~80 KB into a fresh buffer, which costs more than the
    pipe write itself)."""
    fields = marshal.dumps(
        (page.url, page.final_url, page.status_code, page.content_type, page.charset)
    )
    return [TASK.pack(len(fields), len(page.content)), fields, page.content]


def serve(extract: ExtractFn, tasks: Connection, results: Connection) -> None:
    """A worker's life: read a page, write its record, until the task pipe ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group
    with open(tasks.fileno(), "rb", closefd=False) as reader:
        while True:
            head = reader.read(TASK.size)
            if len(head) < TASK.size:
                return  # EOF: the parent closed the pipe or died
            fields_size, content_size = TASK.unpack(head)
            fields = reader.read(fields_size)
            content = reader.read(content_size)
            if len(fields) < fields_size or len(content) < content_size:
                return
            url, final_url, status_code, content_type, charset = marshal.loads(fields)
            page = Page(url, content, final_url, status_code, content_type, charset)
            record = extract_record(extract, page)
            try:
                data = marshal.dumps(record)
            except ValueError as exc:  # a value marshal cannot carry (a str subclass, say)
                data = marshal.dumps(failure_record(page, exc))
            try:
                _write_all(results.fileno(), FRAME.pack(len(data)) + data)
            except BrokenPipeError:
                return  # the parent is gone


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


# --- the parent side --------------------------------------------------------------------------


def _context() -> ForkServerContext | SpawnContext:
    # forkserver: no fork of a process that runs threads; spawn where it is missing.
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process, its two pipes and the pages it holds (oldest first)."""

    def __init__(self, extract: ExtractFn) -> None:
        task_r, self.task_fd = os.pipe()
        self.result_fd, result_w = os.pipe()
        with contextlib.suppress(AttributeError, OSError):  # Linux only; a hint, not a need
            import fcntl

            fcntl.fcntl(self.task_fd, fcntl.F_SETPIPE_SZ, TASK_PIPE_BYTES)
        tasks, results = Connection(task_r, writable=False), Connection(result_w, readable=False)
        self.process = _context().Process(
            target=serve, args=(extract, tasks, results), name="newsclean-extract", daemon=True
        )
        try:
            self.process.start()
        except BaseException:  # not started: no one else will close our ends
            self.close_pipes()
            raise
        finally:
            tasks.close()  # the worker holds its own copies: EOF on results means it is gone
            results.close()
        os.set_blocking(self.task_fd, False)
        os.set_blocking(self.result_fd, False)
        self.held: deque[tuple[Page, asyncio.Future[Record]]] = deque()
        self.unsent = bytearray()  # frame bytes the task pipe had no room for yet
        self.received = bytearray()  # result bytes not yet a whole frame

    def close_pipes(self) -> None:
        for fd in (self.task_fd, self.result_fd):
            with contextlib.suppress(OSError):
                os.close(fd)

    def reap(self, seconds: float) -> int | None:
        """Wait up to ``seconds`` for the process to end (killing it after); its exit code."""
        self.process.join(seconds)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        return self.process.exitcode


class WorkerPool:
    """``await pool.record(page)`` is the page's record, extracted in a worker process.

    Bound to the event loop that runs its first call; ``close()`` may run after that loop
    has ended.
    """

    def __init__(self, workers: int, extract: ExtractFn) -> None:
        self._extract = extract
        self._loop = asyncio.get_running_loop()
        self._workers: list[_Worker] = []
        self._waiting: deque[tuple[Page, asyncio.Future[Record]]] = deque()
        self._closed = False
        try:
            for _ in range(workers):
                self._add_worker()
        except BaseException:  # e.g. an extract function that cannot be pickled
            self.close()
            raise

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in self._workers if w.process.pid is not None]

    async def record(self, page: Page) -> Record:
        if not self._workers:
            raise InternalError("extraction failed: no worker process is left")
        future: asyncio.Future[Record] = self._loop.create_future()
        self._waiting.append((page, future))
        self._dispatch()
        return await future

    def close(self) -> None:
        """Stop every worker: EOF on its task pipe, SIGKILL if it is still busy after a grace."""
        if self._closed:
            return
        self._closed = True
        loop_open = not self._loop.is_closed()
        for worker in self._workers:
            if loop_open:
                self._loop.remove_reader(worker.result_fd)
                self._loop.remove_writer(worker.task_fd)
            worker.close_pipes()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for worker in self._workers:
            worker.reap(max(0.0, deadline - time.monotonic()))
        if loop_open:
            for _, future in self._waiting:
                future.cancel()
            for worker in self._workers:
                for _, future in worker.held:
                    future.cancel()
        self._workers.clear()
        self._waiting.clear()

    # --- sending ---

    def _dispatch(self) -> None:
        while self._waiting and self._workers:
            worker = min(self._workers, key=lambda w: len(w.held))
            if len(worker.held) >= PAGES_PER_WORKER:
                return
            page, future = self._waiting.popleft()
            if future.cancelled():  # its batch job was cancelled while it waited
                continue
            worker.held.append((page, future))
            self._send(worker, _task_frame(page))

    def _send(self, worker: _Worker, parts: list[bytes]) -> None:
        if worker.unsent:
            for part in parts:
                worker.unsent += part
            return
        try:
            sent = os.writev(worker.task_fd, parts)
        except BlockingIOError:
            sent = 0
        except OSError:  # EPIPE: it died; the EOF on its result pipe tells the rest
            return
        if sent < sum(map(len, parts)):  # the pipe is full: the rest goes when it drains
            worker.unsent += memoryview(b"".join(parts))[sent:]
            self._loop.add_writer(worker.task_fd, self._flush, worker)

    def _flush(self, worker: _Worker) -> None:
        try:
            sent = os.write(worker.task_fd, worker.unsent)
        except BlockingIOError:
            return
        except OSError:
            sent = len(worker.unsent)  # it died: drop the bytes, the reader handles the rest
        del worker.unsent[:sent]
        if not worker.unsent:
            self._loop.remove_writer(worker.task_fd)

    # --- receiving ---

    def _add_worker(self) -> None:
        worker = _Worker(self._extract)
        self._workers.append(worker)
        self._loop.add_reader(worker.result_fd, self._on_readable, worker)

    def _on_readable(self, worker: _Worker) -> None:
        try:
            data = os.read(worker.result_fd, READ_BYTES)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._lost(worker)
            return
        buffer = worker.received
        buffer += data
        start = 0
        while len(buffer) - start >= FRAME.size:
            (size,) = FRAME.unpack_from(buffer, start)
            end = start + FRAME.size + size
            if end > len(buffer):
                break
            record = marshal.loads(buffer[start + FRAME.size : end])
            start = end
            _, future = worker.held.popleft()
            if not future.done():
                future.set_result(record)
        del buffer[:start]
        self._dispatch()

    def _lost(self, worker: _Worker) -> None:
        """A worker died: fail the page it was on, hand the rest on, start a new worker."""
        self._loop.remove_reader(worker.result_fd)
        self._loop.remove_writer(worker.task_fd)
        worker.close_pipes()
        self._workers.remove(worker)
        code = worker.reap(REAP_SECONDS)
        if worker.held:
            _, culprit = worker.held.popleft()
            if not culprit.done():
                message = f"extraction failed: the worker process died (exit code {code})"
                culprit.set_exception(InternalError(message))
        # The pages behind it were never started: they go first to the other workers.
        self._waiting.extendleft(reversed(worker.held))
        try:
            self._add_worker()
        except Exception as exc:  # no new process (memory, process limit): the others go on
            if not self._workers:
                self._fail_waiting(InternalError(f"extraction failed: no worker process: {exc!r}"))
        self._dispatch()

    def _fail_waiting(self, error: InternalError) -> None:
        while self._waiting:
            _, future = self._waiting.popleft()
            if not future.done():
                future.set_exception(error)
