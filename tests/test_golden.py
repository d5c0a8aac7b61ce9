"""Golden pages: one folder per case under tests/fixtures (Readability test-pages style).

Each folder holds ``source.html`` (an invented page in the markup of one template family),
``expected.json`` (the correct record by the contract of DESIGN.md §2.1, written by hand) and
an optional ``meta.json`` (``url``, ``charset``, ``note``). Only the keys present in
expected.json are checked; ``body`` is compared as the list of paragraphs.
Add a case with ``scripts/add_case.py NAME PAGE.html --url URL``.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

import newsclean

FIXTURES = Path(__file__).parent / "fixtures"
ADD_CASE_SCRIPT = Path(__file__).parent.parent / "scripts" / "add_case.py"

# The record keys an expected.json may pin; anything else is a typo in the fixture.
CHECKED_KEYS = frozenset(
    {"status", "title", "subtitle", "published", "modified", "authors", "outlet", "lang", "body"}
)
# Author fields compared when present in the expected entry (email is optional).
AUTHOR_REQUIRED = ("name", "role")
AUTHOR_OPTIONAL = ("email",)
# The brief asks for at least this many golden cases.
MIN_CASES = 12
# Pages should carry real chrome but stay reviewable by eye.
MIN_PAGE_BYTES, MAX_PAGE_BYTES = 3_000, 12_288


def _case_dirs() -> list[Path]:
    if not FIXTURES.is_dir():
        return []
    return sorted(p for p in FIXTURES.iterdir() if (p / "source.html").is_file())


CASES = _case_dirs()


def _load_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: top level must be an object"
    return data


def _paragraphs(body: str | None) -> list[str]:
    return body.split("\n\n") if body else []


def _author_view(author: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {key: author.get(key) for key in fields}


def _authors_diff(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> str | None:
    """Names and roles always; e-mail only where the expected entry gives one."""
    if len(expected) != len(got):
        return f"authors: expected {expected!r}\n         got      {got!r}"
    for want, have in zip(expected, got, strict=True):
        fields = AUTHOR_REQUIRED + tuple(k for k in AUTHOR_OPTIONAL if k in want)
        if _author_view(want, fields) != _author_view(have, fields):
            return f"authors: expected {expected!r}\n         got      {got!r}"
    return None


def _body_diff(expected: list[str], got: list[str]) -> str | None:
    if expected == got:
        return None
    lines = difflib.unified_diff(
        expected, got, fromfile="expected body", tofile="extracted body", lineterm="", n=1
    )
    return "body (one paragraph per line):\n" + "\n".join(lines)


def compare_record(expected: dict[str, Any], record: dict[str, Any]) -> list[str]:
    """Every mismatch between the expected keys and the extracted record, readable."""
    problems: list[str] = []
    for key, want in expected.items():
        have = record.get(key)
        if key == "body":
            problem = _body_diff(want, _paragraphs(have))
        elif key == "authors":
            problem = _authors_diff(want, have or [])
        elif want != have:
            problem = f"{key}: expected {want!r}\n{' ' * len(key)}  got      {have!r}"
        else:
            problem = None
        if problem:
            problems.append(problem)
    return problems


def extract_case(case: Path) -> dict[str, Any]:
    meta = _load_json(case / "meta.json")
    article = newsclean.extract(
        (case / "source.html").read_bytes(), url=meta.get("url"), charset=meta.get("charset")
    )
    return article.to_dict()


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_golden_case(case: Path) -> None:
    expected = _load_json(case / "expected.json")
    record = extract_case(case)
    problems = compare_record(expected, record)
    if problems:
        note = _load_json(case / "meta.json").get("note", "")
        header = f"golden case {case.name!r} differs" + (f"\n(note: {note})" if note else "")
        pytest.fail(header + "\n\n" + "\n\n".join(problems), pytrace=False)


# ------------------------------------------------------------------ the fixtures themselves


def test_enough_cases() -> None:
    assert len(CASES) >= MIN_CASES, [p.name for p in CASES]


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_fixture_is_well_formed(case: Path) -> None:
    expected = _load_json(case / "expected.json")
    assert expected.get("status") in {"ok", "not_article", "error"}
    assert set(expected) <= CHECKED_KEYS, set(expected) - CHECKED_KEYS
    if "body" in expected:
        body = expected["body"]
        assert isinstance(body, list) and all(isinstance(p, str) and p.strip() for p in body)
        assert all(p == p.strip() and "\n\n" not in p for p in body)
    for author in expected.get("authors", []):
        assert set(author) >= set(AUTHOR_REQUIRED), author
    meta = _load_json(case / "meta.json")
    assert set(meta) <= {"url", "charset", "note"}, meta
    size = (case / "source.html").stat().st_size
    assert MIN_PAGE_BYTES <= size <= MAX_PAGE_BYTES, size


def test_compare_record_reports_each_field() -> None:
    expected = {
        "title": "제목",
        "authors": [{"name": "홍길동", "role": "기자", "email": "a@b.kr"}],
        "body": ["첫 문단", "둘째 문단"],
    }
    record = {
        "title": "제목 - 매체",
        "authors": [{"name": "홍길동", "role": "기자", "email": None}],
        "body": "첫 문단\n\n광고",
    }
    problems = compare_record(expected, record)
    assert len(problems) == 3
    assert "-둘째 문단" in problems[2] and "+광고" in problems[2]


def test_compare_record_ignores_absent_keys_and_unasked_email() -> None:
    expected = {"authors": [{"name": "홍길동", "role": "기자"}]}
    record = {"title": "anything", "authors": [{"name": "홍길동", "role": "기자", "email": "x@y"}]}
    assert compare_record(expected, record) == []


# ------------------------------------------------------------------ scripts/add_case.py


def _load_add_case() -> Any:
    spec = importlib.util.spec_from_file_location("add_case", ADD_CASE_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_add_case_writes_a_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_case = _load_add_case()
    page = tmp_path / "page.html"
    page.write_bytes((FIXTURES / "no-byline" / "source.html").read_bytes())
    root = tmp_path / "fixtures"
    code = add_case.main(
        ["my-case", str(page), "--url", "https://example.kr/a/1", "--fixtures", str(root)]
    )
    assert code == 0
    folder = root / "my-case"
    assert (folder / "source.html").read_bytes() == page.read_bytes()
    draft = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert draft["status"] in {"ok", "not_article"}
    assert isinstance(draft.get("body", []), list)
    assert json.loads((folder / "meta.json").read_text(encoding="utf-8"))["url"] == (
        "https://example.kr/a/1"
    )
    assert "check" in capsys.readouterr().err.lower()
    # A second run must not overwrite a hand-checked case.
    assert add_case.main(["my-case", str(page), "--fixtures", str(root)]) != 0
