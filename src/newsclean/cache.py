"""Raw responses kept on disk (`newsclean fetch --cache DIR`), so a re-run re-extracts
without fetching again: after an upgrade of the extractor, or to redo a batch offline.

One file per URL, named by the SHA-256 of the URL string, in 256 subfolders:

    DIR/3f/3fa2…e1.page    one JSON header line (the URL, final URL, status, content type,
                           charset, body length), a newline, then the body bytes as fetched

Only pages that were fetched successfully (2xx HTML) are kept; failures are fetched again
on the next run. Entries are written to a temporary name and renamed into place, so a run
killed mid-write never leaves a half entry under a real name; an entry that does not read
back whole (wrong URL, short body, bad header) counts as missing and is fetched again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from newsclean.models import Page

__all__ = ["PageCache"]

SUFFIX = ".page"
# A header line longer than this is not one we wrote (ours hold two URLs and a few fields).
HEADER_MAX_BYTES = 64 * 1024


class PageCache:
    """Get and put fetched pages by URL. ``put`` raises OSError when the disk refuses."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def path_for(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8", errors="surrogatepass")).hexdigest()
        return self.root / digest[:2] / f"{digest}{SUFFIX}"

    def get(self, url: str) -> Page | None:
        """The kept page of ``url`` (the exact input string), or None."""
        try:
            with open(self.path_for(url), "rb") as handle:
                header_line = handle.readline(HEADER_MAX_BYTES)
                body = handle.read()
        except OSError:
            return None
        header = _read_header(header_line)
        if header is None or header.get("url") != url or header.get("length") != len(body):
            return None
        return Page(
            url=url,
            content=body,
            final_url=_str_or_none(header.get("final_url")),
            status_code=_int_or_none(header.get("status_code")),
            content_type=_str_or_none(header.get("content_type")),
            charset=_str_or_none(header.get("charset")),
        )

    def put(self, page: Page) -> None:
        """Keep a fetched page under its input URL (replacing an older entry)."""
        path = self.path_for(page.url)
        header = {
            "url": page.url,
            "final_url": page.final_url,
            "status_code": page.status_code,
            "content_type": page.content_type,
            "charset": page.charset,
            "length": len(page.content),
        }
        line = json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(line)
                handle.write(page.content)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise


def _read_header(line: bytes) -> dict[str, object] | None:
    if not line.endswith(b"\n"):
        return None  # cut short, or longer than any header we write
    try:
        header = json.loads(line)
    except ValueError:
        return None
    return header if isinstance(header, dict) else None


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
