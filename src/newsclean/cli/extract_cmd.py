"""`newsclean extract FILE…|-`: extract saved pages, no network."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from newsclean.cli.common import EXIT_USAGE, RecordSink, one_line, run_guarded
from newsclean.errors import InternalError, ReadError
from newsclean.extractor import ExtractConfig, extract
from newsclean.models import error_article
from newsclean.output import FORMATS, Format

# Saved pages larger than this are cut before extraction (documented in the README).
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_source(path: str) -> bytes:
    """Bytes of a file, or of stdin for "-". Raises ReadError with a one-line reason."""
    try:
        if path == "-":
            return sys.stdin.buffer.read(MAX_FILE_BYTES)
        with Path(path).open("rb") as fh:
            return fh.read(MAX_FILE_BYTES)
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied") from None
    except OSError as exc:
        raise ReadError(f"{path}: {exc.strerror or exc}") from None


def extract_command(
    files: Annotated[
        list[str],
        typer.Argument(help="Saved HTML pages to extract; '-' reads one page from stdin."),
    ],
    url: Annotated[
        str | None,
        typer.Option("--url", help="The page's URL (one file only): helps site hints and links."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="Output: jsonl (default), json, text or markdown."),
    ] = "jsonl",
    charset: Annotated[
        str | None,
        typer.Option("--charset", help="The page's charset when known (e.g. euc-kr)."),
    ] = None,
    no_site_hints: Annotated[
        bool,
        typer.Option("--no-site-hints", help="Use the generic extractor only."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show Python tracebacks on unexpected errors.")
    ] = False,
) -> None:
    """Extract title, date, byline and body from saved pages; one JSON record per file."""
    if fmt not in FORMATS:
        typer.echo(f"newsclean: --format must be one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(EXIT_USAGE)
    if url is not None and len(files) != 1:
        typer.echo("newsclean: --url applies to exactly one file", err=True)
        raise typer.Exit(EXIT_USAGE)
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

    raise typer.Exit(run_guarded(work, debug=debug))


def internal_error_record(url: str | None, path: str, exc: Exception) -> dict[str, Any]:
    """The record of a file that crashed the extractor, plus one line on stderr."""
    message = one_line(exc)
    sys.stderr.write(f"newsclean: internal error on {path}: {message} (--debug shows more)\n")
    return error_article(url, InternalError(message)).to_dict()


def _as_format(fmt: str) -> Format:
    assert fmt in FORMATS
    return fmt  # type: ignore[return-value]
