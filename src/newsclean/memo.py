"""Verdicts on short strings, remembered across pages.

An outlet's pages repeat the same class names and inline styles, and a regex over one costs
thousands of instructions against a dict lookup. Only strings up to ``max_chars`` are kept, at
most ``size`` of them (least recently used go first): a long or random string cannot grow the
memory of a long batch, and is simply tested again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable


def remember_short(test: Callable[[str], bool], size: int, max_chars: int) -> Callable[[str], bool]:
    """``test``, its answers for strings of at most ``max_chars`` characters remembered."""
    remembered = functools.lru_cache(maxsize=size)(test)

    def answer(text: str) -> bool:
        return remembered(text) if len(text) <= max_chars else test(text)

    return answer
