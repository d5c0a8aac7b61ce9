#!/usr/bin/env python3
"""Debug one page: where a text snippet lives before/after pruning, the chosen container,
and every line with the reason it was kept or dropped.

Usage: scripts/trace_page.py PAGE.html [--snippet TEXT] [--no-site-hints]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsclean import document
from newsclean.encoding import decode_html
from newsclean.extraction import body as B
from newsclean.extraction import lines as L
from newsclean.extraction.index import build_index
from newsclean.extraction.scripts import read_script_article
from newsclean.sites import MARKER_SELECTORS, match_site


def path(node) -> str:  # type: ignore[no-untyped-def]
    out = []
    while node is not None and node.tag != "html":
        out.append(node.tag + "." + B.names_of(node).strip().replace(" ", "."))
        node = node.parent
    return " < ".join(out[:8])


def find(tree, snippet):  # type: ignore[no-untyped-def]
    best = None
    for node in tree.root.traverse():
        if snippet in (node.text() or ""):
            best = node
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--snippet")
    ap.add_argument("--url")
    ap.add_argument("--no-site-hints", action="store_true")
    args = ap.parse_args()
    doc = document.parse(decode_html(Path(args.page).read_bytes()).text, args.url)
    read_script_article(doc.scripts)
    index = build_index(doc.tree, (), MARKER_SELECTORS)
    B.strip_code(doc.tree, index.code)
    site = None if args.no_site_hints else match_site(doc.tree, index, args.url)
    if args.snippet:
        print("before prune:", path(find(doc.tree, args.snippet)))
    container = B.find_container(doc.tree, index, site.body if site else ())
    if args.snippet:
        print("after prune: ", path(find(doc.tree, args.snippet)))
    if container is None:
        print("no container")
        return 1
    print("container:", container.method, path(container.node))
    B.prune_container(container.node)
    lines = B.container_lines(container.node)
    kept = L.cut_at_end_marker(lines)
    for i, line in enumerate(lines):
        status = "cut " if i >= len(kept) else ("noise" if L.is_noise(line) else "keep ")
        print(f"{status} link={line.link_share:.2f} {line.text[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
