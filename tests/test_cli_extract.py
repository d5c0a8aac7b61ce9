"""`newsclean extract`, run in-process with typer's CliRunner (no subprocess, no network)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from newsclean.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
NAVER = FIXTURES / "naver-news" / "source.html"
NAVER_URL = "https://n.news.naver.com/mnews/article/003/0099887766?sid=102"
NAVER_EXPECTED = json.loads((FIXTURES / "naver-news" / "expected.json").read_text("utf-8"))
NAVER_TITLE = NAVER_EXPECTED["title"]

EXTRACT_OPTIONS = ("--url", "--format", "--charset", "--no-site-hints", "--debug")


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(app, ["extract", *args], input=stdin)


def records(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_one_file_one_record_with_source() -> None:
    result = run(str(NAVER))
    assert result.exit_code == 0, result.output
    [record] = records(result)
    assert record["source"] == str(NAVER)
    assert record["status"] == "ok"
    assert record["title"] == NAVER_TITLE
    assert record["url"] is None


def test_stdout_is_one_jsonl_line_per_record() -> None:
    result = run(str(NAVER))
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("{") and lines[0].endswith("}")


def test_non_ascii_written_as_is() -> None:
    result = run(str(NAVER))
    assert NAVER_TITLE in result.stdout
    assert "\\u" not in result.stdout


def test_url_option_sets_the_url_and_site_hint() -> None:
    result = run(str(NAVER), "--url", NAVER_URL)
    assert result.exit_code == 0
    [record] = records(result)
    assert record["url"] == NAVER_URL
    assert record["explain"]["site"] == "naver-news"


def test_several_files_with_missing_and_directory(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    result = run(str(NAVER), str(missing), str(tmp_path))
    assert result.exit_code == 1
    good, gone, folder = records(result)
    assert good["status"] == "ok" and good["source"] == str(NAVER)
    assert gone["status"] == "error" and gone["source"] == str(missing)
    assert gone["error"]["type"] == "ReadError"
    assert folder["status"] == "error" and folder["source"] == str(tmp_path)
    assert folder["error"]["type"] == "ReadError"
    assert set(gone) == {"url", "status", "error", "source"}


def test_not_html_file_is_an_error_record(tmp_path: Path) -> None:
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = run(str(png))
    assert result.exit_code == 1
    [record] = records(result)
    assert record["error"]["type"] == "NotHTML"
    assert record["source"] == str(png)


def test_not_article_exits_one(tmp_path: Path) -> None:
    page = tmp_path / "list.html"
    links = "".join(f"<li><a href='/n/{i}'>가명시 소식 {i}</a></li>" for i in range(30))
    page.write_text(f"<html><body><ul>{links}</ul></body></html>", encoding="utf-8")
    result = run(str(page))
    assert result.exit_code == 1
    assert records(result)[0]["status"] == "not_article"


def test_stdin_dash() -> None:
    result = run("-", stdin=NAVER.read_bytes())
    assert result.exit_code == 0, result.output
    [record] = records(result)
    assert record["source"] == "-"
    assert record["title"] == NAVER_TITLE


def test_url_with_two_files_is_a_usage_error(tmp_path: Path) -> None:
    result = run(str(NAVER), str(NAVER), "--url", NAVER_URL)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--url" in result.stderr


def test_unknown_format_is_a_usage_error() -> None:
    result = run("--format", "xml", str(NAVER))
    assert result.exit_code == 2
    assert result.stdout == ""


def test_no_files_is_a_usage_error() -> None:
    assert run().exit_code == 2


def test_format_json_is_pretty() -> None:
    result = run("--format", "json", str(NAVER))
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["title"] == NAVER_TITLE
    assert "\n  " in result.stdout
    assert "\\u" not in result.stdout


def test_format_text() -> None:
    result = run("--format", "text", str(NAVER))
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith(NAVER_TITLE + "\n")
    assert NAVER_EXPECTED["published"] in out
    assert NAVER_EXPECTED["body"][2] in out
    assert not out.lstrip().startswith("{")


def test_format_markdown() -> None:
    result = run("-f", "markdown", str(NAVER))
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith(f"# {NAVER_TITLE}\n")
    assert NAVER_EXPECTED["body"][2] in out


def test_format_text_error_record(tmp_path: Path) -> None:
    result = run("--format", "text", str(tmp_path / "missing.html"))
    assert result.exit_code == 1
    assert "ReadError" in result.stdout


def test_no_site_hints() -> None:
    hinted = records(run(str(NAVER), "--url", NAVER_URL))[0]
    generic = records(run(str(NAVER), "--url", NAVER_URL, "--no-site-hints"))[0]
    assert hinted["explain"]["site"] == "naver-news"
    assert generic["explain"]["site"] is None
    assert generic["explain"]["container"] != "site"


def test_charset_option(tmp_path: Path) -> None:
    page = tmp_path / "euckr.html"
    body = "".join(
        f"<p>가명시가 다음 달부터 공공 자전거 요금을 받지 않는다고 밝혔다. {i}</p>"
        for i in range(4)
    )
    page.write_bytes(
        f"<html><head><title>가명시 자전거 무료화</title></head><body>"
        f"<h1>가명시 자전거 무료화</h1><p class='date'>입력 2026.01.06 15:08</p>"
        f"<div class='article'>{body}</div></body></html>".encode("cp949")
    )
    result = run(str(page), "--charset", "euc-kr")
    assert result.exit_code == 0, result.output
    assert records(result)[0]["title"] == "가명시 자전거 무료화"


def test_help_mentions_every_option() -> None:
    result = CliRunner().invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    for option in EXTRACT_OPTIONS:
        assert option in result.stdout, option
    for fmt in ("jsonl", "json", "text", "markdown"):
        assert fmt in result.stdout


@pytest.mark.parametrize("args", [["--help"], []])
def test_top_level_help_lists_extract(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert "extract" in result.output
