#!/usr/bin/env python3
"""Per-page view of the latest eval run: body bigram P/R and what was missed or added.

Usage: scripts/eval_pages.py [RESULTS.json] [--label newsclean] [--show ID]
Reads gold from ../shared/corpus/<corpus>/gold (never copies it into the project).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("results", nargs="?")
    ap.add_argument("--label", default="newsclean")
    ap.add_argument("--show", default=None, help="page id: print missed/extra paragraphs")
    args = ap.parse_args()
    path = args.results or max(glob.glob("eval-results/*.json"), key=os.path.getmtime)
    data = json.loads(Path(path).read_text())
    corpus = data["meta"]["corpus"]
    ext = data["extractors"][args.label]
    for pid, page in sorted(ext["pages"].items()):
        m = page.get("metrics") or {}
        print(
            f"{pid:40s} biP {m.get('bi_p', 0):.3f} biR {m.get('bi_r', 0):.3f} "
            f"title {m.get('title')} pub {m.get('pub_min')} auth {m.get('authors_f1')}"
        )
        if args.show and args.show in pid:
            gold = json.loads(Path(corpus, "gold", pid + ".json").read_text())
            gb = gold["body"] if isinstance(gold["body"], list) else gold["body"].split("\n")
            pb = page.get("body") or []
            pb = pb if isinstance(pb, list) else pb.split("\n")
            pred = "\n".join(pb)
            print("  MISSED:")
            for g in gb:
                if g[:30] not in pred:
                    print("   -", g[:150])
            gj = "\n".join(gb)
            print("  EXTRA:")
            for p in pred.split("\n"):
                if p.strip() and p[:30] not in gj:
                    print("   +", p[:150])
            print("  gold published", gold.get("published"), "pred", page.get("published"))
            print("  gold authors", gold.get("authors"), "pred", page.get("authors"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
