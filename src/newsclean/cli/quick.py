"""A plain `newsclean extract FILE… [options]` without typer: the cold-start path.

typer and click take ~0.1 s to import, a third of a cold `newsclean extract page.html`.
This reads only the argument lists it fully understands: `extract`, then file names and
the extract options with ordinary values, in any order. For anything else (`--help`,
`fetch`, no file, an unknown or malformed option, `--`, a value starting with "-") it
returns None and the typer app parses the arguments, so every help text and usage error
still comes from the one declaration in cli/typer_app.py. tests/test_cli_quick.py
checks that whatever this accepts, click parses to the same values.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

# extract's options, by click's names for them -> the command's parameter names.
VALUE_OPTIONS = {"--url": "url", "--format": "fmt", "-f": "fmt", "--charset": "charset"}
FLAG_OPTIONS = {"--no-site-hints": "no_site_hints", "--debug": "debug"}
DEFAULTS: dict[str, Any] = {
    "url": None,
    "fmt": "jsonl",
    "charset": None,
    "no_site_hints": False,
    "debug": False,
}


def parse_extract(argv: Sequence[str]) -> dict[str, Any] | None:
    """The parameters of a plain `extract` call, as typer would pass them; else None."""
    if sys.platform == "win32" or len(argv) < 2 or argv[0] != "extract":
        return None  # click expands wildcards itself on Windows; leave that to it
    params = dict(DEFAULTS)
    files: list[str] = []
    tokens = iter(argv[1:])
    for token in tokens:
        if token == "-" or not token.startswith("-"):
            files.append(token)
            continue
        name, equals, value = token.partition("=")
        if name in FLAG_OPTIONS and not equals:
            params[FLAG_OPTIONS[name]] = True
        elif name in VALUE_OPTIONS and equals and name.startswith("--"):
            params[VALUE_OPTIONS[name]] = value  # --url=VALUE
        elif token in VALUE_OPTIONS:
            following = next(tokens, None)
            if following is None or following.startswith("-"):
                return None  # a missing value, or one click might read differently
            params[VALUE_OPTIONS[token]] = following
        else:
            return None
    if not files:
        return None
    return {"files": files, **params}


def run_quick(argv: Sequence[str]) -> int | None:
    """Run a plain `extract` and return its exit code; None when typer must parse argv."""
    params = parse_extract(argv)
    if params is None:
        return None
    from newsclean.cli.common import interrupted

    try:
        from newsclean.cli.extract_cmd import run_extract
    except KeyboardInterrupt:  # Ctrl-C while the extractor loads
        return interrupted()
    files = params.pop("files")
    return run_extract(files, **params)
