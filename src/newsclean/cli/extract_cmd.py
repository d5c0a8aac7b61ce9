"""`newsclean extract FILE…|-`: extract saved pages, no network.

No typer here: a plain `newsclean extract` runs this without it (cli/quick.py).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from newsclean.cli.common import RecordSink, one_line, run_guarded, usage_error
from newsclean.errors import InternalError, ReadError
from newsclean.extractor import MAX_INPUT_SIZE, ExtractConfig, extract
from newsclean.models import error_article
from newsclean.output import FORMATS, Format

# Bytes read of a saved page: the extractor reads no further (size policy in the README).
MAX_FILE_BYTES = MAX_INPUT_SIZE


def read_source(path: str) -> bytes:
    """Bytes of a file, or of stdin for "-". Raises ReadError with a one-line reason."""
    try:
        if path == "-":
            return sys.stdin.buffer.read(MAX_FILE_BYTES)
        with open(path, "rb") as fh:  # not pathlib: ~2 ms more to import on every start
            return fh.read(MAX_FILE_BYTES)
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied") from None
    except OSError as exc:
        raise ReadError(f"{path}: {exc.strerror or exc}") from None


def run_extract(
    files: Sequence[str],
    *,
    url: str | None = None,
    fmt: str = "jsonl",
    charset: str | None = None,
    no_site_hints: bool = False,
    debug: bool = False,
) -> int:
    """The body of `newsclean extract` (flags and help: cli/typer_app.py). Returns the exit code."""
    if fmt not in FORMATS:
        return usage_error(f"--format must be one of {', '.join(FORMATS)}")
    if url is not None and len(files) != 1:
        return usage_error("--url applies to exactly one file")
    config = ExtractConfig(site_hints=not no_site_hints)
    sink = RecordSink(fmt=_as_format(fmt))

    def work() -> int:
        for path in files:
            try:
                data = read_source(path)
            except ReadError as exc:
                sink.write(error_article(url, exc, source=path).to_dict())
                continue
            try:
                record = extract(data, url=url, charset=charset, config=config).to_dict()
            except Exception as exc:  # a bug in newsclean: say so, keep one record per file
                if debug:
                    raise
                record = internal_error_record(url, path, exc)
            record["source"] = path
            sink.write(record)
        return sink.exit_code

    return run_guarded(work, debug=debug)


def internal_error_record(url: str | None, path: str, exc: Exception) -> dict[str, Any]:
    """The record of a file that crashed the extractor, plus one line on stderr."""
    message = one_line(exc)
    sys.stderr.write(f"newsclean: internal error on {path}: {message} (--debug shows more)\n")
    return error_article(url, InternalError(message)).to_dict()


def _as_format(fmt: str) -> Format:
    assert fmt in FORMATS
    return fmt  # type: ignore[return-value]
