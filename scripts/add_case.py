#!/usr/bin/env python3
"""Add a golden test case from one of YOUR OWN saved pages.

Usage: scripts/add_case.py NAME PAGE.html [--url URL] [--charset CS] [--note TEXT]

Creates tests/fixtures/NAME/ with source.html (a byte copy of PAGE.html), meta.json and a
DRAFT expected.json filled from the current extractor output. The draft is only a starting
point: fix it by hand to what a reader sees (DESIGN.md §2.1) before committing, or the case
will just freeze today's mistakes. Never add pages copied from ../shared (licensing).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
# Folder names double as pytest ids: keep them short, lowercase and shell-safe.
CASE_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
# Record fields copied into the draft (the ones tests/test_golden.py compares).
DRAFT_FIELDS = ("status", "title", "subtitle", "published", "modified")

REMINDER = (
    "DRAFT written to {path}\n"
    "  It is the extractor's CURRENT output, not the truth. Check every field by hand against\n"
    "  the page as a reader sees it (title without site suffix, KST dates, names without 기자,\n"
    "  body without captions/bylines/copyright/promos), then run:\n"
    "  .venv/bin/pytest tests/test_golden.py -k {name}"
)


def draft_expected(record: dict[str, Any]) -> dict[str, Any]:
    """The record reduced to the keys a golden case pins; body as a list of paragraphs."""
    draft: dict[str, Any] = {key: record.get(key) for key in DRAFT_FIELDS}
    if record.get("status") != "ok":
        return {"status": record.get("status")}
    if draft.get("subtitle") is None:
        draft.pop("subtitle")
    draft["authors"] = [
        {k: v for k, v in author.items() if k in ("name", "role") or v is not None}
        for author in record.get("authors") or []
    ]
    body = record.get("body") or ""
    draft["body"] = body.split("\n\n") if body else []
    return draft


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="case folder name, e.g. regional-euckr-table")
    parser.add_argument("page", type=Path, help="a saved HTML page of your own")
    parser.add_argument("--url", help="the page's URL (enables per-site hints)")
    parser.add_argument(
        "--charset", help="the HTTP header charset, if the page was served with one"
    )
    parser.add_argument("--note", default="", help="what this case tests")
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if not CASE_NAME_RE.match(args.name):
        print(f"error: bad case name {args.name!r} (use a-z, 0-9 and '-')", file=sys.stderr)
        return 2
    if not args.page.is_file():
        print(f"error: no such file: {args.page}", file=sys.stderr)
        return 2
    folder = args.fixtures / args.name
    if folder.exists():
        print(f"error: {folder} exists; remove it first to redo the case", file=sys.stderr)
        return 1

    import newsclean  # late: --help and argument errors need no extractor

    data = args.page.read_bytes()
    record = newsclean.extract(data, url=args.url, charset=args.charset).to_dict()

    folder.mkdir(parents=True)
    shutil.copyfile(args.page, folder / "source.html")
    meta = {"url": args.url, "charset": args.charset, "note": args.note or "TODO: what this tests"}
    _write_json(folder / "meta.json", meta)
    _write_json(folder / "expected.json", draft_expected(record))
    print(REMINDER.format(path=folder / "expected.json", name=args.name), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
