"""Writing records: JSON Lines (default), pretty JSON, plain text or Markdown.

stdout is data only; these functions never print anything else.
"""

from __future__ import annotations

import json
from typing import Any, Literal, TextIO

Format = Literal["jsonl", "json", "text", "markdown"]
FORMATS: tuple[str, ...] = ("jsonl", "json", "text", "markdown")


def render(record: dict[str, Any], fmt: Format = "jsonl") -> str:
    """One record as text, ending with a newline."""
    if fmt == "jsonl":
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    if fmt == "text":
        return _render_text(record)
    return _render_markdown(record)


def write_record(stream: TextIO, record: dict[str, Any], fmt: Format = "jsonl") -> None:
    """Write one whole record and flush, so a killed run leaves complete lines."""
    stream.write(render(record, fmt))
    stream.flush()


def _byline(record: dict[str, Any]) -> str:
    names = [a.get("name", "") for a in record.get("authors") or []]
    return ", ".join(n for n in names if n)


def _render_text(record: dict[str, Any]) -> str:
    if record.get("status") == "error":
        err = record.get("error") or {}
        return f"# error {record.get('url')}: {err.get('type')}: {err.get('message')}\n\n"
    head = [record.get("title") or ""]
    meta = " | ".join(x for x in (record.get("published") or "", _byline(record)) if x)
    if meta:
        head.append(meta)
    return "\n".join(head) + "\n\n" + (record.get("body") or "") + "\n\n"


def _render_markdown(record: dict[str, Any]) -> str:
    if record.get("status") == "error":
        err = record.get("error") or {}
        return f"<!-- error {record.get('url')}: {err.get('type')}: {err.get('message')} -->\n\n"
    lines = [f"# {record.get('title') or ''}", ""]
    if record.get("subtitle"):
        lines += [f"*{record['subtitle']}*", ""]
    meta = " · ".join(x for x in (record.get("published") or "", _byline(record)) if x)
    if meta:
        lines += [f"_{meta}_", ""]
    if record.get("url"):
        lines += [f"<{record['url']}>", ""]
    lines.append(record.get("body") or "")
    return "\n".join(lines) + "\n\n"
