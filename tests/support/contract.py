"""The record fields every article record carries (DESIGN.md §2.1), shared by the API and
robustness tests."""

from __future__ import annotations

RECORD_KEYS = frozenset(
    {
        "url",
        "final_url",
        "status",
        "title",
        "subtitle",
        "published",
        "modified",
        "authors",
        "outlet",
        "body",
        "lang",
    }
)
