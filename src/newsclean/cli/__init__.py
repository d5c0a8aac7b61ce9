"""The `newsclean` command line.

`main` runs a plain `newsclean extract FILE…` without importing typer (cli/quick.py) and
hands everything else to the typer app (cli/typer_app.py), which holds every command, flag
and help text. `app` is importable from here as before; it is built on first use.
Imports of the extractor, httpx and rich stay inside commands.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

    app: typer.Typer


def main() -> None:
    try:
        from newsclean.cli.quick import run_quick

        code = run_quick(sys.argv[1:])
        if code is None:
            from newsclean.cli.typer_app import app
    except KeyboardInterrupt:  # Ctrl-C while the command line loads: no traceback
        from newsclean.cli.common import interrupted

        sys.exit(interrupted())
    if code is not None:
        sys.exit(code)
    app()


def __getattr__(name: str) -> Any:
    if name == "app":
        from newsclean.cli.typer_app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
