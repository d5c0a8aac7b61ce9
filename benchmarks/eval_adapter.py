"""Adapter for ../shared/eval/run.py: `py:benchmarks/eval_adapter.py:extract`.

`extract_generic` measures the generic path alone (per-site hints off).
"""

from __future__ import annotations

from typing import Any

import newsclean

_GENERIC = newsclean.ExtractConfig(site_hints=False)


def extract(html: bytes, url: str | None) -> dict[str, Any]:
    return newsclean.extract(html, url=url).to_dict()


def extract_generic(html: bytes, url: str | None) -> dict[str, Any]:
    return newsclean.extract(html, url=url, config=_GENERIC).to_dict()
