"""Shared CLI plumbing: exit codes and the stdout record sink."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

from newsclean.output import Format, write_record

EXIT_OK = 0  # every record ok
EXIT_SOME_FAILED = 1  # at least one record was an error or not an article
EXIT_USAGE = 2  # bad arguments

# Error messages shown to users stay on one line of a terminal or a log.
MAX_MESSAGE_CHARS = 300


class RecordSink:
    """Writes records to stdout and remembers whether all were ok."""

    def __init__(self, fmt: Format = "jsonl", stream: Any = None) -> None:
        self.fmt = fmt
        self.stream = stream if stream is not None else sys.stdout
        self.total = 0
        self.failed = 0

    def write(self, record: dict[str, Any]) -> None:
        self.total += 1
        if record.get("status") != "ok":
            self.failed += 1
        with interrupts_deferred():  # Ctrl-C never cuts a record in half
            write_record(self.stream, record, self.fmt)

    @property
    def exit_code(self) -> int:
        return EXIT_OK if self.failed == 0 else EXIT_SOME_FAILED


EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


def run_guarded(work: Callable[[], int], *, debug: bool = False) -> int:
    """Run a command body; turn closed pipes, full disks and Ctrl-C into quiet exits."""
    import os

    try:
        return work()
    except BrokenPipeError:
        # `newsclean … | head -1`: the reader left; stop quietly, like other Unix tools.
        _silence_stdout(os)
        return EXIT_OK
    except KeyboardInterrupt:
        return interrupted()
    except OSError as exc:
        if debug:
            raise
        sys.stderr.write(f"newsclean: cannot write output: {exc.strerror or exc}\n")
        _silence_stdout(os)
        return EXIT_SOME_FAILED
    except Exception as exc:  # a bug: one line for the user, the traceback only with --debug
        if debug or _is_click_exit(exc):
            raise  # typer's own exits and usage errors are not bugs
        sys.stderr.write(f"newsclean: internal error: {one_line(exc)} (--debug shows more)\n")
        return EXIT_SOME_FAILED


def usage_error(message: str) -> int:
    """A bad combination of arguments: one line on stderr, exit code 2 (as click's own)."""
    sys.stderr.write(f"newsclean: {message}\n")
    return EXIT_USAGE


def interrupted() -> int:
    """Ctrl-C: one line on stderr, and the exit code shells use for SIGINT."""
    sys.stderr.write("newsclean: interrupted\n")
    return EXIT_INTERRUPTED


def _is_click_exit(exc: Exception) -> bool:
    # Without click loaded (the quick `extract` path, cli/quick.py) nothing raised is click's.
    click = sys.modules.get("click")
    return click is not None and isinstance(exc, (click.exceptions.Exit, click.ClickException))


def one_line(exc: BaseException) -> str:
    """``Type: message`` on one line, cut to a readable length."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block ends, so a record is written whole or not at all.

    Only when SIGINT means KeyboardInterrupt (the default) and we are on the main thread;
    a command that handles SIGINT itself (the asyncio fetch loop) is left alone.
    """
    import signal
    import threading

    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    caught: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if caught:
            raise KeyboardInterrupt


def _silence_stdout(os: Any) -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
