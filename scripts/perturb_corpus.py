#!/usr/bin/env python3
"""Write a perturbed copy of an eval corpus, to see how the extractor does on templates it
has not seen without new pages: the same articles, with signals taken away.

    scripts/perturb_corpus.py ../shared/corpus/ko-dev /tmp/ko-blind --hash-names
    scripts/perturb_corpus.py ../shared/corpus/ko-dev /tmp/ko-bare --drop-meta
    scripts/perturb_corpus.py ../shared/corpus/ko-dev /tmp/ko-both --hash-names --drop-meta
    .venv-eval/bin/python ../shared/eval/run.py --corpus /tmp/ko-blind --repeats 0 \\
        --extractors 'newsclean=py:benchmarks/eval_adapter.py:extract'

--hash-names   every class and id value becomes meaningless tokens (the same name gives the
               same token, so repeated structure stays): an outlet whose class names say
               nothing ("x3f6f8f"), as on build-tool generated templates.
--drop-meta    <meta> tags (but the charset) and JSON-LD scripts are removed: a small outlet
               with no structured data, where only the visible page tells title, date, byline.

The pages are third-party content: OUT must be outside the project (a temporary folder),
and the gold files are copied beside them unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# A quoted or bare class/id attribute value.
NAME_ATTR_RE = re.compile(
    rb"""(\s(?:class|id)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
# A whole <meta> tag (quoted values may hold ">"), unless it declares the charset.
META_TAG_RE = re.compile(rb"""<meta\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
CHARSET_RE = re.compile(rb"charset", re.IGNORECASE)
JSONLD_RE = re.compile(
    rb"""<script\b[^>]*application/ld\+json[^>]*>.*?</script\s*>""", re.IGNORECASE | re.DOTALL
)


def hash_names(page: bytes) -> bytes:
    def blind(match: re.Match[bytes]) -> bytes:
        value = next(g for g in match.groups()[1:] if g is not None)
        tokens = [b"x" + hashlib.sha1(t).hexdigest()[:6].encode() for t in value.split()]
        return match.group(1) + b'"' + b" ".join(tokens) + b'"'

    return NAME_ATTR_RE.sub(blind, page)


def drop_meta(page: bytes) -> bytes:
    def keep_charset(match: re.Match[bytes]) -> bytes:
        return match.group() if CHARSET_RE.search(match.group()) else b""

    return JSONLD_RE.sub(b"", META_TAG_RE.sub(keep_charset, page))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="a corpus folder with pages/ and gold/")
    ap.add_argument("out", type=Path, help="where to write the perturbed corpus (not the repo)")
    ap.add_argument("--hash-names", action="store_true")
    ap.add_argument("--drop-meta", action="store_true")
    args = ap.parse_args()
    if not (args.hash_names or args.drop_meta):
        ap.error("choose at least one of --hash-names, --drop-meta")
    pages, gold = args.corpus / "pages", args.corpus / "gold"
    if not pages.is_dir() or not gold.is_dir():
        ap.error(f"{args.corpus} has no pages/ and gold/ folders")
    out = args.out.resolve()
    if out == REPO or REPO in out.parents:
        ap.error("write third-party pages outside the project")
    (out / "pages").mkdir(parents=True, exist_ok=True)
    shutil.copytree(gold, out / "gold", dirs_exist_ok=True)
    count = 0
    for path in sorted(pages.glob("*.html")):
        data = path.read_bytes()
        if args.drop_meta:
            data = drop_meta(data)
        if args.hash_names:
            data = hash_names(data)
        (out / "pages" / path.name).write_bytes(data)
        count += 1
    print(f"wrote {count} pages to {out / 'pages'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
