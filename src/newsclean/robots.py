"""robots.txt rules, fetched once per origin and cached.

The cache does no I/O itself: it is given an async ``fetch(robots_url) -> (status, text)``
(the Fetcher's, so robots.txt requests are paced like any other). Unavailable rules follow
common practice (RFC 9309 §2.3.1): a 4xx means "no rules", and a 5xx or an unreachable
server is also treated as "allow" so one broken robots.txt does not sink a batch.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

ROBOTS_CACHE_SIZE = 4096  # origins remembered; keeps memory flat over lists of many hosts

RobotsFetch = Callable[[str], Awaitable[tuple[int | None, str]]]


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` — robots.txt applies per origin."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def rules_from(status: int | None, text: str) -> RobotFileParser:
    """Parsed rules for a robots.txt response; anything but a 2xx allows everything."""
    rules = RobotFileParser()
    ok = status is not None and 200 <= status <= 299
    rules.parse(text.splitlines() if ok else [])  # no rules at all: everything is allowed
    return rules


class RobotsCache:
    """Answers "may we fetch this URL?", loading each origin's robots.txt once."""

    def __init__(
        self, fetch: RobotsFetch, user_agent: str, max_entries: int = ROBOTS_CACHE_SIZE
    ) -> None:
        self._fetch = fetch
        self._agent = user_agent  # robotparser matches on the product token before "/"
        self._max_entries = max_entries
        self._rules: OrderedDict[str, RobotFileParser] = OrderedDict()
        self._loading: dict[str, asyncio.Task[RobotFileParser]] = {}

    def cancel(self) -> None:
        """Abandon robots.txt loads still running (the batch is stopping)."""
        for task in list(self._loading.values()):
            task.cancel()

    async def allowed(self, url: str) -> bool:
        rules = await self._rules_for(origin_of(url))
        return rules.can_fetch(self._agent, url)

    async def _rules_for(self, origin: str) -> RobotFileParser:
        rules = self._rules.get(origin)
        if rules is not None:
            self._rules.move_to_end(origin)
            return rules
        task = self._loading.get(origin)
        if task is None:
            # One load per origin, shared by every waiter; shielded so a cancelled waiter
            # does not cancel the others' load.
            task = asyncio.ensure_future(self._load(origin))
            self._loading[origin] = task
        return await asyncio.shield(task)

    async def _load(self, origin: str) -> RobotFileParser:
        try:
            status, text = await self._fetch(origin + "/robots.txt")
            rules = rules_from(status, text)
            self._rules[origin] = rules
            if len(self._rules) > self._max_entries:
                self._rules.popitem(last=False)
            return rules
        finally:
            del self._loading[origin]
