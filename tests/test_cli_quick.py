"""The typer-free `newsclean extract` path (cli/quick.py) and the lazy package imports.

The quick parser must never read an argument list differently from click: whatever it
accepts, click parses to the same parameters, and the run gives the same output, exit code
and messages as the typer app. Anything it is unsure of goes to typer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import newsclean
from newsclean.cli import app
from newsclean.cli.quick import DEFAULTS, FLAG_OPTIONS, VALUE_OPTIONS, parse_extract, run_quick

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "examples" / "article.html")
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def click_extract() -> click.Command:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    return group.commands["extract"]


def click_params(argv: list[str]) -> dict[str, Any]:
    """What click hands the extract command for `newsclean extract ARGV…`."""
    assert argv[0] == "extract"
    with click_extract().make_context("extract", list(argv[1:])) as ctx:
        params = dict(ctx.params)
    params["files"] = list(params["files"])  # typer passes list[str] as a list
    return params


# --- the parser agrees with click -------------------------------------------------------------


def test_option_tables_match_the_typer_declaration() -> None:
    declared = {}
    defaults = {}
    for param in click_extract().params:
        if isinstance(param, click.Option):
            assert not param.secondary_opts
            for opt in param.opts:
                declared[opt] = (param.name, bool(param.is_flag))
            defaults[param.name] = param.default
    ours = {opt: (name, False) for opt, name in VALUE_OPTIONS.items()}
    ours |= {opt: (name, True) for opt, name in FLAG_OPTIONS.items()}
    assert ours == declared
    assert defaults == DEFAULTS


@pytest.mark.parametrize(
    "argv",
    [
        ["extract", "a.html"],
        ["extract", "-"],
        ["extract", "a.html", "b.html", "--format", "text"],
        ["extract", "--url", "https://x.kr/1", "a.html"],
        ["extract", "--url=https://x.kr/1?a=b=c", "a.html"],
        ["extract", "--url=", "a.html"],
        ["extract", "-f", "markdown", "a.html", "--debug", "--no-site-hints"],
        ["extract", "--format", "json", "--format", "text", "a.html"],  # the last one wins
        ["extract", "--format", "xml", "a.html"],  # a bad value is the command's error
        ["extract", "a.html", "--charset", "euc-kr", "--charset=cp949"],
        ["extract", ""],
    ],
)
def test_accepted_argument_lists_parse_as_click_does(argv: list[str]) -> None:
    params = parse_extract(argv)
    assert params is not None
    assert params == click_params(argv)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["extract"],
        ["fetch", "https://x.kr/1"],
        ["--help"],
        ["extract", "--help"],
        ["extract", "a.html", "--help"],
        ["extract", "--debug"],  # no file
        ["extract", "a.html", "--bogus"],
        ["extract", "a.html", "--"],
        ["extract", "a.html", "-fjson"],
        ["extract", "a.html", "-f=json"],
        ["extract", "a.html", "--debug=1"],
        ["extract", "a.html", "--url"],  # no value
        ["extract", "a.html", "--url", "--debug"],  # click reads "--debug" as the URL
        ["extract", "a.html", "--charset", "-"],
        ["extract", "-1"],
        ["extract", "a.html", "--form", "json"],  # click has no abbreviations either
    ],
)
def test_anything_else_goes_to_typer(argv: list[str]) -> None:
    assert parse_extract(argv) is None


TOKENS = [
    "extract", "fetch", "a.html", "b.html", "-", "--", "", "--url", "--url=", "--url=http://x",
    "http://x.kr/1", "--format", "-f", "json", "text", "xml", "--format=json", "-fjson",
    "-f=json", "--charset", "euc-kr", "--charset=cp949", "--no-site-hints", "--debug",
    "--debug=1", "--help", "-h", "--bogus", "-x", "-1", "=", "--=x",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=8))
def test_whatever_is_accepted_click_parses_the_same(tail: list[str]) -> None:
    argv = ["extract", *tail]
    params = parse_extract(argv)
    if params is None:
        return
    assert params == click_params(argv)


# --- the quick run behaves as the typer command -----------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [PAGE],
        [PAGE, "--format", "text"],
        [PAGE, "-f", "markdown", "--no-site-hints"],
        [PAGE, "--url", "https://www.gamyeongsci.example/news/articleView.html?idxno=30517"],
        [PAGE, "/nonexistent/page.html"],
        ["--format=xml", PAGE],
        [PAGE, PAGE, "--url", "https://x.kr/1"],
    ],
)
def test_quick_run_matches_the_typer_command(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    expected = CliRunner().invoke(app, ["extract", *args])
    code = run_quick(["extract", *args])
    out, err = capsys.readouterr()
    assert code == expected.exit_code
    assert out == expected.stdout
    assert err == expected.stderr


def test_quick_run_declines_what_it_does_not_parse() -> None:
    assert run_quick(["extract", "--help"]) is None
    assert run_quick(["fetch", "https://x.kr/1"]) is None


def _modules_after(code: str, *argv: str) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    probe = (
        "import atexit, sys\n"
        "HEAVY = ('typer', 'click', 'rich', 'httpx', 'asyncio', 'newsclean.pipeline')\n"
        "atexit.register(lambda: sys.stderr.write('MODULES ' + ' '.join("
        "m for m in HEAVY if m in sys.modules) + '\\n'))\n" + code
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *argv], env=ENV, capture_output=True, text=True, timeout=60
    )
    line = next(ln for ln in result.stderr.splitlines() if ln.startswith("MODULES"))
    return line.split()[1:], result


MAIN = (
    "import sys\nfrom newsclean.cli import main\nsys.argv = ['newsclean', *sys.argv[1:]]\nmain()\n"
)


def test_cold_extract_imports_no_cli_framework_and_no_network_code() -> None:
    loaded, result = _modules_after(MAIN, "extract", PAGE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "ok"
    assert loaded == []


def test_other_commands_still_go_through_typer() -> None:
    loaded, result = _modules_after(MAIN, "extract", "--help")
    assert result.returncode == 0
    assert "--no-site-hints" in result.stdout
    assert "typer" in loaded and "httpx" not in loaded


def _interrupt(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


class _InterruptedModule:
    """Stands in for a module whose import is cut short by Ctrl-C."""

    def __getattr__(self, name: str) -> None:
        raise KeyboardInterrupt


@pytest.mark.parametrize("path", ["quick", "typer"])
def test_ctrl_c_while_the_command_line_loads_exits_130_quietly(
    path: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import newsclean.cli as cli
    import newsclean.cli.quick as quick

    if path == "quick":
        monkeypatch.setattr(quick, "run_quick", _interrupt)
    else:  # a command for typer, whose import Ctrl-C cuts short
        monkeypatch.setattr(quick, "run_quick", lambda argv: None)
        monkeypatch.setitem(sys.modules, "newsclean.cli.typer_app", _InterruptedModule())
    monkeypatch.setattr(sys, "argv", ["newsclean", "extract", PAGE])
    try:
        cli.main()
    except KeyboardInterrupt:  # escaped: fail this test, not the whole run
        pytest.fail("Ctrl-C escaped main()")
    except SystemExit as exit_info:
        assert exit_info.code == 130
    else:
        pytest.fail("main() did not exit")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "newsclean: interrupted\n"


def test_usage_error_through_main_is_clicks() -> None:
    _, result = _modules_after(MAIN, "extract", PAGE, "--bogus")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "No such option" in result.stderr


# --- lazy package attributes ------------------------------------------------------------------


def test_import_newsclean_and_cli_load_neither_extractor_nor_typer() -> None:
    code = "import newsclean, newsclean.cli"
    probe = (
        f"{code}\nimport sys\n"
        "print(sorted({'typer', 'click', 'newsclean.extractor'} & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=ENV, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_public_names_load_on_first_use() -> None:
    from newsclean.extractor import extract
    from newsclean.models import Article

    assert newsclean.extract is extract
    assert newsclean.Article is Article
    assert set(newsclean.__all__) <= set(dir(newsclean))
    namespace: dict[str, Any] = {}
    exec("from newsclean import *", namespace)
    assert namespace["extract_page"] is newsclean.extract_page
    with pytest.raises(AttributeError, match="no_such_name"):
        newsclean.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_cli_app_is_the_typer_app() -> None:
    import newsclean.cli

    assert isinstance(newsclean.cli.app, typer.Typer)
    with pytest.raises(AttributeError):
        newsclean.cli.no_such_name  # type: ignore[attr-defined]  # noqa: B018
