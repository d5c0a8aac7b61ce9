"""The real `newsclean extract` command under hostile conditions, run as a subprocess.

Missing, unreadable and directory arguments, a reader that leaves (`| head -1`), a full
disk (`> /dev/full`), Ctrl-C in the middle of a run, and a crash inside the extractor: each
gives records and one-line messages, never a traceback (unless --debug asks for it).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from robustness import hostile_pages as H

NEWSCLEAN = [sys.executable, "-m", "newsclean"]
TIMEOUT = 120


def _run(args: list[str], *, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*NEWSCLEAN, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
    )


def _records(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert all(len(line) < 400 for line in stderr.splitlines()), stderr


@pytest.fixture
def pages(tmp_path: Path) -> list[Path]:
    paths = []
    for i in range(3):
        path = tmp_path / f"page{i}.html"
        path.write_bytes(H.article_bytes(6 + i))
        paths.append(path)
    return paths


def test_missing_file_and_directory_give_error_records_and_go_on(
    pages: list[Path], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.html"
    folder = tmp_path / "folder"
    folder.mkdir()
    result = _run(["extract", str(pages[0]), str(missing), str(folder), str(pages[1])])
    assert result.returncode == 1
    records = _records(result.stdout)
    assert [r["status"] for r in records] == ["ok", "error", "error", "ok"]
    assert [r["source"] for r in records] == [str(p) for p in (pages[0], missing, folder, pages[1])]
    assert records[1]["error"] == {"type": "ReadError", "message": f"{missing}: no such file"}
    assert records[2]["error"]["type"] == "ReadError"  # type: ignore[index]
    assert "directory" in records[2]["error"]["message"]  # type: ignore[index]
    _no_traceback(result.stderr)


def test_unreadable_file_gives_a_read_error(pages: list[Path], tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root reads any mode-000 file; /proc/self/mem opens but fails to read (EIO).
        unreadable = "/proc/self/mem"
    else:
        locked = tmp_path / "locked.html"
        locked.write_bytes(H.article_bytes())
        locked.chmod(0)
        unreadable = str(locked)
    result = _run(["extract", unreadable, str(pages[0])])
    assert result.returncode == 1
    records = _records(result.stdout)
    assert records[0]["status"] == "error"
    assert records[0]["error"]["type"] == "ReadError"  # type: ignore[index]
    assert records[1]["status"] == "ok"
    _no_traceback(result.stderr)


def test_empty_and_binary_files_give_not_html_records(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    image = tmp_path / "image.html"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    result = _run(["extract", str(empty), str(image)])
    assert result.returncode == 1
    assert [r["error"]["type"] for r in _records(result.stdout)] == ["NotHTML", "NotHTML"]  # type: ignore[index]
    _no_traceback(result.stderr)


def test_closed_pipe_ends_quietly(pages: list[Path]) -> None:
    args = [str(p) for p in pages] * 200
    with subprocess.Popen(
        [*NEWSCLEAN, "extract", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        head = subprocess.run(
            ["head", "-1"], stdin=proc.stdout, capture_output=True, timeout=TIMEOUT, check=True
        )
        assert proc.stdout is not None
        proc.stdout.close()  # only `head` holds the pipe now, as in a shell pipeline
        _, stderr = proc.communicate(timeout=TIMEOUT)
    assert json.loads(head.stdout)["status"] == "ok"
    assert proc.returncode in (0, 1)
    assert stderr == b""


def test_shell_pipeline_to_head_has_no_traceback(pages: list[Path]) -> None:
    args = " ".join(str(p) for p in pages * 200)
    command = f"{sys.executable} -m newsclean extract {args} | head -1"
    result = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["status"] == "ok"
    assert result.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_full_disk_is_one_clear_line(pages: list[Path], fmt: str) -> None:
    with open("/dev/full", "w") as full:
        result = _run(["extract", "--format", fmt, str(pages[0])], stdout=full)
    assert result.returncode not in (0, 130)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "No space left on device" in lines[0]
    _no_traceback(result.stderr)


def test_ctrl_c_leaves_valid_jsonl(pages: list[Path], tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    big.write_bytes(H.many_paragraphs(4000))  # slow enough that the run is still going
    args = [str(p) for p in ([*pages, big] * 100)]
    out_path = tmp_path / "out.jsonl"
    with (
        out_path.open("w") as out,
        subprocess.Popen(
            [*NEWSCLEAN, "extract", *args], stdout=out, stderr=subprocess.PIPE, text=True
        ) as proc,
    ):
        deadline = time.monotonic() + TIMEOUT
        while out_path.stat().st_size == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=TIMEOUT)
    # 130, or death by SIGINT itself, which a shell reports as 130 too: CPython sometimes exits
    # that way after newsclean has caught the interrupt (seen about once in ten full test runs;
    # the window is not found yet). What must hold either way is the output below.
    assert proc.returncode in (130, -signal.SIGINT), (proc.returncode, stderr)
    text = out_path.read_text()
    assert text.endswith("\n")
    records = _records(text)
    assert 1 <= len(records) < len(args)
    assert all(r["status"] == "ok" for r in records)
    _no_traceback(stderr)
    assert "interrupted" in stderr


def test_repeated_ctrl_c_never_cuts_a_record(pages: list[Path], tmp_path: Path) -> None:
    # Interrupt at many different moments; every run must leave whole lines only.
    args = [str(p) for p in pages * 300]
    for delay in (0.6, 0.8, 1.0, 1.2):
        out_path = tmp_path / f"out{delay}.jsonl"
        with (
            out_path.open("w") as out,
            subprocess.Popen(
                [*NEWSCLEAN, "extract", *args], stdout=out, stderr=subprocess.PIPE, text=True
            ) as proc,
        ):
            time.sleep(delay)
            proc.send_signal(signal.SIGINT)
            _, stderr = proc.communicate(timeout=TIMEOUT)
        text = out_path.read_text()
        assert text == "" or text.endswith("\n")
        _records(text)  # every line parses
        if proc.returncode == 130:
            _no_traceback(stderr)


CRASHING_MAIN = """
import sys
import newsclean.cli.extract_cmd as cmd

def broken(*args, **kwargs):
    raise RuntimeError("simulated bug\\nwith a second line")

cmd.extract = broken
from newsclean.cli import main
sys.argv = ["newsclean", "extract", *sys.argv[1:]]
main()
"""


def test_internal_error_is_a_record_and_one_line(pages: list[Path]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_MAIN, str(pages[0]), str(pages[1])],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 1
    records = _records(result.stdout)
    assert [r["status"] for r in records] == ["error", "error"]
    assert records[0]["error"]["type"] == "InternalError"  # type: ignore[index]
    assert records[0]["source"] == str(pages[0])
    _no_traceback(result.stderr)
    assert len(result.stderr.splitlines()) == 2


def test_debug_shows_the_traceback(pages: list[Path]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_MAIN, "--debug", str(pages[0])],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode != 0
    assert "Traceback" in result.stderr
    assert "simulated bug" in result.stderr


def test_stdin_with_hostile_bytes() -> None:
    data = H.deep_nesting(50_000) + b"\x00\xff\xfe" + H.many_attributes(20_000)
    result = subprocess.run(
        [*NEWSCLEAN, "extract", "-"], input=data, capture_output=True, timeout=TIMEOUT
    )
    assert result.returncode in (0, 1)
    (record,) = _records(result.stdout.decode())
    assert record["source"] == "-"
    _no_traceback(result.stderr.decode())


# --- the plumbing, in process ------------------------------------------------------------------


def test_run_guarded_turns_a_bug_into_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from newsclean.cli.common import EXIT_SOME_FAILED, run_guarded

    def broken() -> int:
        raise ValueError("bad\nthing " + "x" * 1000)

    assert run_guarded(broken) == EXIT_SOME_FAILED
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "ValueError: bad thing" in err
    with pytest.raises(ValueError):
        run_guarded(broken, debug=True)


def test_run_guarded_lets_typer_exits_through() -> None:
    import typer

    from newsclean.cli.common import run_guarded

    def leave() -> int:
        raise typer.Exit(3)

    with pytest.raises(typer.Exit):
        run_guarded(leave)


def test_ctrl_c_inside_a_write_waits_for_its_end() -> None:
    from newsclean.cli.common import interrupts_deferred

    finished = []
    with pytest.raises(KeyboardInterrupt), interrupts_deferred():
        signal.raise_signal(signal.SIGINT)
        finished.append(True)  # still runs: the interrupt waits for the block's end
    assert finished == [True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
