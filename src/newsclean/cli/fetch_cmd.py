"""`newsclean fetch URL…|-i FILE`: fetch and extract, one JSON record per distinct URL.

httpx, rich and the pipeline are imported inside the command, so `newsclean extract` and
`--help` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from newsclean.cli.common import EXIT_INTERRUPTED, EXIT_USAGE, RecordSink, run_guarded
from newsclean.output import FORMATS, Format

if TYPE_CHECKING:
    from newsclean.pipeline import Batch, BatchStats, FetchConfig

MAX_AUTO_WORKERS = 4  # extraction processes by default: more rarely pays on a laptop
THREAD_EXTRACT_MAX_URLS = 8  # a few URLs on the command line: skip the worker-pool start-up
EXIT_TERMINATED = 143  # SIGTERM, as shells report it
SLOWEST_HOSTS_SHOWN = 3  # rows of the "slowest hosts" part of the summary


def fetch_command(
    urls: Annotated[
        list[str] | None,
        typer.Argument(help="URLs to fetch (http or https).", show_default=False),
    ] = None,
    input_file: Annotated[
        str | None,
        typer.Option(
            "--input",
            "-i",
            help="Read URLs from FILE, one a line ('-' for stdin); blank and # lines skipped.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write records to this file instead of stdout."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="With -o: skip URLs already recorded in it, append the rest."
        ),
    ] = False,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, help="Requests in flight over all hosts.")
    ] = 16,
    per_host: Annotated[
        int, typer.Option("--per-host", min=1, help="Requests in flight to one host.")
    ] = 2,
    delay: Annotated[
        float,
        typer.Option("--delay", min=0.0, help="Seconds between request starts to one host."),
    ] = 1.0,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", min=0.001, help="Seconds per attempt: connect plus whole response."
        ),
    ] = 20.0,
    retries: Annotated[
        int,
        typer.Option(
            "--retries", min=0, help="Retries on connect errors, timeouts, 408, 429 and 5xx."
        ),
    ] = 2,
    max_bytes: Annotated[
        int,
        typer.Option("--max-bytes", min=1, help="Largest decoded body; bigger is TooLarge."),
    ] = 5 * 1024 * 1024,
    user_agent: Annotated[
        str | None,
        typer.Option(
            "--user-agent",
            help="User-Agent header (default: newsclean/<version> with the project URL).",
            show_default=False,
        ),
    ] = None,
    ignore_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="Do not read or obey robots.txt.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=0,
            help="Extraction processes (default: CPUs, at most 4); 0 extracts in a thread.",
            show_default=False,
        ),
    ] = None,
    cache: Annotated[
        str | None,
        typer.Option(
            "--cache",
            help="Keep fetched pages in DIR; a URL already there is extracted from it, "
            "not fetched (delete DIR to fetch again).",
            metavar="DIR",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="Output: jsonl (default), json, text or markdown."),
    ] = "jsonl",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")
    ] = False,
) -> None:
    """Fetch pages and extract them: one record per distinct URL, in completion order."""
    urls = urls or []
    problem = _usage_problem(urls, input_file, output, resume, fmt) or _cache_problem(cache)
    if problem:
        typer.echo(f"newsclean: {problem}", err=True)
        raise typer.Exit(EXIT_USAGE)
    from newsclean.pipeline import DEFAULT_USER_AGENT, FetchConfig

    if workers is None:
        workers = auto_workers(len(urls), input_file is not None, os.cpu_count() or 1)
    config = FetchConfig(
        concurrency=concurrency,
        per_host=per_host,
        delay=delay,
        timeout=timeout,
        retries=retries,
        max_bytes=max_bytes,
        user_agent=user_agent or DEFAULT_USER_AGENT,
        respect_robots=not ignore_robots,
        extract_workers=workers,
    )
    plan = _Plan(
        urls=tuple(urls),
        input_file=input_file,
        output=output,
        resume=resume,
        fmt=_as_format(fmt),
        cache=cache,
        progress=not quiet and sys.stderr.isatty(),
        summary=not quiet,
    )
    raise typer.Exit(run_guarded(lambda: _run(config, plan)))


@dataclass(frozen=True)
class _Plan:
    """Where URLs come from and where records and messages go."""

    urls: tuple[str, ...]
    input_file: str | None
    output: str | None
    resume: bool
    fmt: Format
    cache: str | None  # directory of kept pages
    progress: bool  # a live progress bar on stderr
    summary: bool  # the end-of-run table on stderr


def auto_workers(n_urls: int, has_list: bool, cpus: int) -> int:
    """Extraction processes when --workers is not given (0: a thread, no pool start-up)."""
    if not has_list and n_urls <= THREAD_EXTRACT_MAX_URLS:
        return 0
    return min(cpus, MAX_AUTO_WORKERS)


def _usage_problem(
    urls: list[str], input_file: str | None, output: str | None, resume: bool, fmt: str
) -> str | None:
    if fmt not in FORMATS:
        return f"--format must be one of {', '.join(FORMATS)}"
    if not urls and input_file is None:
        return "no URLs given (pass URLs or -i FILE, '-i -' for stdin)"
    if resume and output in (None, "-"):
        return "--resume needs -o OUT.jsonl (the file to resume)"
    if resume and fmt != "jsonl":
        return "--resume works with --format jsonl only"
    if input_file not in (None, "-") and not os.path.isfile(input_file):
        return f"cannot read the URL list {input_file!r}"
    return None


def _cache_problem(cache: str | None) -> str | None:
    """Create the cache directory up front: a wrong path is a usage error, not 100k
    silently uncached pages."""
    if cache is None:
        return None
    try:
        os.makedirs(cache, exist_ok=True)
    except OSError as exc:
        return f"cannot use {cache!r} as the cache directory: {exc.strerror or exc}"
    if not os.access(cache, os.W_OK | os.X_OK):
        return f"cannot write to the cache directory {cache!r}"
    return None


def _run(config: FetchConfig, plan: _Plan) -> int:
    import asyncio

    from newsclean.cache import PageCache
    from newsclean.pipeline import Batch, count_urls, prepare_resume

    seen: set[int] = set()
    if plan.resume and plan.output is not None:
        state = prepare_resume(plan.output)
        seen = state.done
        if plan.summary and (state.records or state.repaired_bytes):
            cut = f"; cut a broken last line ({state.repaired_bytes} bytes)"
            note = cut if state.repaired_bytes else ""
            sys.stderr.write(f"newsclean: resuming after {state.records} records{note}\n")
    total: int | None = None  # unknown for stdin
    if plan.progress and plan.input_file != "-":
        listed = count_urls(plan.input_file) if plan.input_file is not None else 0
        total = len(plan.urls) + listed
    stream = _open_output(plan.output, plan.resume)
    sink = RecordSink(fmt=plan.fmt, stream=stream)
    try:
        with _ProgressBar(plan.progress, total) as on_record:
            cache = PageCache(plan.cache) if plan.cache is not None else None
            batch = Batch(config, sink.write, seen=seen, on_record=on_record, cache=cache)
            lines = _lines(plan.urls, plan.input_file)
            signal_name = asyncio.run(_run_batch(batch, lines))
        if plan.summary:
            _print_summary(batch.stats)
    finally:
        if stream is not sys.stdout:
            stream.close()
    if signal_name == "SIGINT":
        sys.stderr.write("newsclean: interrupted\n")
        return EXIT_INTERRUPTED
    if signal_name == "SIGTERM":
        sys.stderr.write("newsclean: terminated\n")
        return EXIT_TERMINATED
    return sink.exit_code


def _open_output(output: str | None, resume: bool) -> TextIO:
    if output is None or output == "-":
        return sys.stdout
    return open(output, "a" if resume else "w", encoding="utf-8", newline="\n")


async def _lines(urls: tuple[str, ...], input_file: str | None) -> AsyncIterator[str]:
    from newsclean.pipeline import lines_from_binary

    for url in urls:
        yield url
    if input_file == "-":
        async for line in lines_from_binary(sys.stdin.buffer):
            yield line
    elif input_file is not None:
        with open(input_file, "rb") as handle:
            async for line in lines_from_binary(handle):
                yield line


async def _run_batch(batch: Batch, lines: AsyncIterator[str]) -> str | None:
    """Run the batch; SIGINT/SIGTERM cancel it between records. Returns the signal's name."""
    import asyncio
    import signal

    loop = asyncio.get_running_loop()
    main = asyncio.current_task()
    assert main is not None
    caught: list[str] = []
    installed: list[signal.Signals] = []

    def stop(sig: signal.Signals) -> None:
        caught.append(sig.name)
        main.cancel()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop, sig)
            installed.append(sig)
        except (NotImplementedError, RuntimeError):  # Windows: KeyboardInterrupt instead
            pass
    try:
        await batch.run(lines)
    except asyncio.CancelledError:
        if not caught:
            raise
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
    return caught[0] if caught else None


class _ProgressBar:
    """A rich progress bar on stderr (done/total, ok/failed, rate, ETA), or nothing."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self._enabled = enabled
        self._total = total
        self._bar: Any = None

    def __enter__(self) -> Callable[[BatchStats], None] | None:
        if not self._enabled:
            return None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("fetch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("ok {task.fields[ok]} · failed {task.fields[failed]}"),
            TextColumn("{task.fields[rate]}/s"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self._bar.start()
        task = self._bar.add_task("fetch", total=self._total, ok=0, failed=0, rate="0")
        bar = self._bar

        def on_record(stats: BatchStats) -> None:
            speed = bar.tasks[0].speed
            bar.update(
                task,
                completed=stats.records + stats.skipped,
                ok=stats.ok,
                failed=stats.failed,
                rate=f"{speed:.0f}" if speed else "…",
            )

        return on_record

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _print_summary(stats: BatchStats) -> None:
    """Counts per status / error type, the run's rate, and the slowest hosts, on stderr."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    table.add_column("outcome")
    table.add_column("records", justify="right")
    for outcome, count in sorted(stats.outcomes.items(), key=lambda kv: -kv[1]):
        table.add_row(outcome, str(count))
    console = Console(stderr=True)
    console.print(table)
    rate = stats.records / stats.elapsed if stats.elapsed > 0 else 0.0
    skipped = f", {stats.skipped} skipped (duplicate or already done)" if stats.skipped else ""
    console.print(f"{stats.records} records in {stats.elapsed:.1f} s ({rate:.1f}/s){skipped}")
    if stats.cached or stats.cache_errors:
        failed = f", {stats.cache_errors} could not be kept" if stats.cache_errors else ""
        console.print(f"cache: {stats.cached} pages read from it{failed}", highlight=False)
    slow = stats.slowest_hosts(SLOWEST_HOSTS_SHOWN)
    if len(stats.host_time) > 1:
        hosts = ", ".join(f"{host} {mean:.2f} s/URL ({n})" for host, mean, n in slow)
        console.print(f"slowest hosts: {hosts}", highlight=False)


def _as_format(fmt: str) -> Format:
    assert fmt in FORMATS
    return fmt  # type: ignore[return-value]
