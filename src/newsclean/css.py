"""CSS queries through one lexbor selector engine per thread, shared by every page.

selectolax builds an engine for each parsed page on its first ``css()`` call. Building one
faults in ~8 fresh memory pages (30-40 µs on our VM, as much as a dozen queries), yet an
engine keeps nothing of a page between queries: each query's selectors are parsed and freed
within the call, and its matches are made for the page of the node asked. So one engine
serves all pages. One per thread: a query keeps its matches on the engine while it runs.

Only for the nodes of parsed documents (the extractor makes no others): selectolax widens a
query on a fragment's root to the whole fragment, which these functions do not.
"""

from __future__ import annotations

import threading

from selectolax.lexbor import LexborCSSSelector, LexborHTMLParser, LexborNode

_LOCAL = threading.local()


def select(scope: LexborNode | LexborHTMLParser, query: str) -> list[LexborNode]:
    """``scope.css(query)``: the scope (a page means its root) and the elements below it
    that match, in document order."""
    node = _node(scope)
    return _engine().find(query, node) if node is not None else []


def select_first(scope: LexborNode | LexborHTMLParser, query: str) -> LexborNode | None:
    """``scope.css_first(query)``: the first of select(scope, query), found without the rest."""
    node = _node(scope)
    if node is None:
        return None
    # find_first is a method of the engine that selectolax's stub does not list.
    found: list[LexborNode] = _engine().find_first(query, node)  # type: ignore[attr-defined]
    return found[0] if found else None


def _node(scope: LexborNode | LexborHTMLParser) -> LexborNode | None:
    return scope.root if isinstance(scope, LexborHTMLParser) else scope


def _engine() -> LexborCSSSelector:
    engine: LexborCSSSelector | None = getattr(_LOCAL, "engine", None)
    if engine is None:
        engine = _LOCAL.engine = LexborCSSSelector()  # type: ignore[no-untyped-call]
    return engine
