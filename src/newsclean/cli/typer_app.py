"""The typer app: every command, flag and help text of `newsclean`.

Imported only when needed (typer and click cost ~0.1 s to import): `newsclean.cli.main`
runs a plain `newsclean extract FILE…` without it (cli/quick.py), and `from newsclean.cli
import app` loads it on first use. Command bodies import their heavy parts (the extractor,
httpx, rich) inside, so `--help` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from newsclean.cli.fetch_cmd import fetch_command

app = typer.Typer(
    name="newsclean",
    help="Clean title, date, byline and body from Korean news pages, as JSON Lines on stdout.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    from newsclean.cli.common import interrupted

    try:
        from newsclean.cli.extract_cmd import run_extract
    except KeyboardInterrupt:  # Ctrl-C while the extractor loads
        raise typer.Exit(interrupted()) from None
    code = run_extract(
        files, url=url, fmt=fmt, charset=charset, no_site_hints=no_site_hints, debug=debug
    )
    raise typer.Exit(code)


app.command("extract")(extract_command)
app.command("fetch")(fetch_command)
