"""The `newsclean` command line (typer). Imports of httpx and rich stay inside commands."""

from __future__ import annotations

import typer

from newsclean.cli.extract_cmd import extract_command
from newsclean.cli.fetch_cmd import fetch_command

app = typer.Typer(
    name="newsclean",
    help="Clean title, date, byline and body from Korean news pages, as JSON Lines on stdout.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("extract")(extract_command)
app.command("fetch")(fetch_command)


def main() -> None:
    app()
