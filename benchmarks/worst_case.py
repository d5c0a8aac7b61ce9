#!/usr/bin/env python3
"""Worst-case extraction time per MB: generated 1 / 5 / 20 MB pages of hostile shapes.

    benchmarks/worst_case.py                         # every shape at 1, 5 and 20 MB
    benchmarks/worst_case.py --sizes 1 --shapes nested-divs,attributes

Each measurement runs in a fresh process (so peak memory is that page's alone) and prints
wall and CPU seconds, seconds per MB, the record's status and the peak resident memory.
The promise (issue 4): at most ~1 s per MB, and under 2 s for anything under 1 MB.
Shapes are built by tests/robustness/hostile_pages.py (invented text only).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from robustness.hostile_pages import SHAPES, shaped_page  # noqa: E402

MB = 1_000_000


def measure(shape: str, megabytes: float, results: mp.Queue) -> None:  # type: ignore[type-arg]
    import newsclean

    data = shaped_page(shape, int(megabytes * MB))
    newsclean.extract(b"<p>warm up</p>")  # imports and regex compilation are not the page's
    wall, cpu = time.perf_counter(), time.process_time()
    article = newsclean.extract(data)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    results.put((len(data), wall, cpu, article.status, peak_mb))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,5,20", help="page sizes in MB, comma-separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shape names")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
    print(
        f"{'shape':22s} {'MB':>6s} {'wall s':>8s} {'cpu s':>8s} {'s/MB':>6s} {'peak MB':>8s}  status"
    )
    worst: tuple[float, str] = (0.0, "")
    for shape in shapes:
        for size in sizes:
            queue = ctx.Queue()
            proc = ctx.Process(target=measure, args=(shape, size, queue))  # type: ignore[attr-defined]
            proc.start()
            nbytes, wall, cpu, status, peak = queue.get()
            proc.join()
            per_mb = cpu / (nbytes / MB)
            worst = max(worst, (per_mb, f"{shape} {nbytes / MB:.1f} MB"))
            print(
                f"{shape:22s} {nbytes / MB:6.1f} {wall:8.2f} {cpu:8.2f} {per_mb:6.2f} {peak:8.0f}"
                f"  {status}",
                flush=True,
            )
    print(f"worst: {worst[0]:.2f} s/MB (CPU) on {worst[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
