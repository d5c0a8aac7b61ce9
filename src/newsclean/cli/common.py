"""Shared CLI plumbing: exit codes and the stdout record sink."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from newsclean.output import Format, write_record

EXIT_OK = 0  # every record ok
EXIT_SOME_FAILED = 1  # at least one record was an error or not an article
EXIT_USAGE = 2  # bad arguments


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
        sys.stderr.write("newsclean: interrupted\n")
        return EXIT_INTERRUPTED
    except OSError as exc:
        if debug:
            raise
        sys.stderr.write(f"newsclean: cannot write output: {exc.strerror or exc}\n")
        _silence_stdout(os)
        return EXIT_SOME_FAILED


def _silence_stdout(os: Any) -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
