#!/usr/bin/env python3
"""Mutation fuzzer for newsclean.extract: crashes, contract violations and slow cases.

    scripts/fuzz.py --cases 100000 --seed 1                 # a long run, 2 worker processes
    scripts/fuzz.py --cases 2000 --max-seconds-per-case 2   # a quick one
    scripts/fuzz.py --replay fuzz-findings/slow-1-4711.html  # time one saved case again

Seeds are read at run time, never copied: tests/fixtures/*/source.html, a few invented
pages, and ../shared/corpus/*/pages/*.html when present. Each case is one to three
mutations of a seed (tests/robustness/mutations.py), fully determined by --seed and its
number. A case fails when extract raises, breaks the record contract, or takes longer than
--max-seconds-per-case in CPU time (timed twice, the faster run counts: a busy machine is
not blamed on the page). Failing cases are saved to fuzz-findings/ (git-ignored by its own .gitignore).
Exit status 0 when nothing failed.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import sys
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from robustness.mutations import case, load_seeds  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
FINDINGS = REPO / "fuzz-findings"

# A worker silent for this many times the per-case limit is stuck: kill it, record a hang.
HANG_FACTOR = 15


@dataclass(frozen=True)
class Result:
    index: int
    seed_name: str
    mutations: tuple[str, ...]
    size: int
    seconds: float
    status: str  # "ok" | "not_article" | "error:<type>" | "crash" | "violation" | "hang"
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.status in ("crash", "violation", "hang")


def run_case(seeds: list[tuple[str, bytes]], seed: int, index: int, limit: float) -> Result:
    import newsclean
    from robustness.hostile_pages import contract_violations

    name, data, mutations = case(seeds, seed, index)
    seconds = float("inf")
    for _ in range(2):  # a second timing only when the first is over the limit
        start = time.process_time()  # CPU time: other jobs on the machine do not count
        try:
            article = newsclean.extract(data)
        except BaseException as exc:  # everything counts, even KeyboardInterrupt-like bugs
            detail = "".join(traceback.format_exception(exc))
            return Result(index, name, tuple(mutations), len(data), 0.0, "crash", detail)
        seconds = min(seconds, time.process_time() - start)
        if seconds <= limit:
            break
    problems = contract_violations(article)
    if problems:
        return Result(
            index, name, tuple(mutations), len(data), seconds, "violation", "; ".join(problems)
        )
    status = article.status if article.error is None else f"error:{article.error.type}"
    return Result(index, name, tuple(mutations), len(data), seconds, status)


def worker(conn: Connection, corpus: str | None, seed: int, limit: float) -> None:
    seeds = load_seeds(REPO, Path(corpus) if corpus else None)
    while True:
        index = conn.recv()
        if index is None:
            return
        conn.send(run_case(seeds, seed, index, limit))


class Pool:
    """Worker processes fed one case at a time, so a stuck case is noticed and killed."""

    def __init__(self, size: int, corpus: str | None, seed: int, limit: float) -> None:
        self.args = (corpus, seed, limit)
        self.ctx = mp.get_context("spawn" if sys.platform == "win32" else "fork")
        self.workers: list[tuple[mp.process.BaseProcess, Connection]] = [
            self._start() for _ in range(size)
        ]

    def _start(self) -> tuple[mp.process.BaseProcess, Connection]:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(  # type: ignore[attr-defined]
            target=worker, args=(child, *self.args), daemon=True
        )
        proc.start()
        child.close()
        return proc, parent

    def run(self, indices: range, hang_after: float, on_result: object) -> None:
        pending = iter(indices)
        busy: dict[Connection, tuple[int, float]] = {}
        idle = [conn for _, conn in self.workers]
        while True:
            while idle:
                index = next(pending, None)
                if index is None:
                    break
                conn = idle.pop()
                conn.send(index)
                busy[conn] = (index, time.monotonic())
            if not busy:
                return
            for ready in wait(list(busy), timeout=1.0):
                assert isinstance(ready, Connection)
                conn = ready
                index, _ = busy.pop(conn)
                on_result(conn.recv())  # type: ignore[operator]
                idle.append(conn)
            now = time.monotonic()
            for conn, (index, started) in list(busy.items()):
                if now - started > hang_after:
                    busy.pop(conn)
                    on_result(Result(index, "?", (), 0, now - started, "hang"))  # type: ignore[operator]
                    idle.append(self._replace(conn))

    def _replace(self, conn: Connection) -> Connection:
        for i, (proc, c) in enumerate(self.workers):
            if c is conn:
                proc.kill()
                proc.join()
                self.workers[i] = self._start()
                return self.workers[i][1]
        raise LookupError("unknown worker")

    def close(self) -> None:
        for proc, conn in self.workers:
            with contextlib.suppress(OSError):
                conn.send(None)
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()


def save(result: Result, seeds: list[tuple[str, bytes]], seed: int) -> Path:
    FINDINGS.mkdir(exist_ok=True)
    (FINDINGS / ".gitignore").write_text("*\n")
    name, data, mutations = case(seeds, seed, result.index)
    kind = result.status if result.failed else "slow"
    stem = f"{kind}-{seed}-{result.index}"
    (FINDINGS / f"{stem}.html").write_bytes(data)
    (FINDINGS / f"{stem}.txt").write_text(
        f"seed={seed} case={result.index} page={name} mutations={','.join(mutations)}\n"
        f"size={len(data)} seconds={result.seconds:.3f} status={result.status}\n\n{result.detail}\n"
    )
    return FINDINGS / f"{stem}.html"


def replay(path: Path, limit: float) -> int:
    import newsclean
    from robustness.hostile_pages import contract_violations

    data = path.read_bytes()
    wall, cpu = time.perf_counter(), time.process_time()
    article = newsclean.extract(data)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    problems = contract_violations(article)
    print(
        f"{path}: {len(data)} bytes, {wall:.3f} s ({cpu:.3f} s CPU), status {article.status}, "
        f"problems {problems}"
    )
    seconds = cpu
    return 0 if seconds <= limit and not problems else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="first case number (resume a run)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds-per-case", type=float, default=2.0)
    parser.add_argument(
        "--corpus", default=str(DEFAULT_CORPUS), help="shared corpus folder ('' for none)"
    )
    parser.add_argument("--replay", type=Path, help="time one saved case and exit")
    args = parser.parse_args()
    if args.replay is not None:
        return replay(args.replay, args.max_seconds_per_case)

    corpus = args.corpus or None
    seeds = load_seeds(REPO, Path(corpus) if corpus else None)
    print(
        f"fuzz: {len(seeds)} seed pages, cases {args.start}..{args.start + args.cases - 1}, "
        f"seed {args.seed}, {args.workers} workers, limit {args.max_seconds_per_case} s",
        file=sys.stderr,
    )
    failures: list[Result] = []
    times: list[float] = []
    statuses: dict[str, int] = {}
    slowest: list[Result] = []
    started = time.monotonic()

    def on_result(result: Result) -> None:
        times.append(result.seconds)
        statuses[result.status] = statuses.get(result.status, 0) + 1
        slow = result.seconds > args.max_seconds_per_case
        if result.failed or slow:
            failures.append(result)
            path = save(result, seeds, args.seed)
            kind = result.status if result.failed else "slow"
            print(
                f"  {kind}: case {result.index} ({result.seed_name}, {'+'.join(result.mutations)}, "
                f"{result.size} bytes, {result.seconds:.2f} s) -> {path}",
                file=sys.stderr,
            )
        slowest.append(result)
        slowest.sort(key=lambda r: -r.seconds)
        del slowest[5:]
        if len(times) % 5000 == 0:
            elapsed = time.monotonic() - started
            print(
                f"  {len(times)} cases, {elapsed:.0f} s, {len(failures)} failing", file=sys.stderr
            )

    pool = Pool(args.workers, corpus, args.seed, args.max_seconds_per_case)
    hang_after = max(30.0, HANG_FACTOR * args.max_seconds_per_case)
    try:
        pool.run(range(args.start, args.start + args.cases), hang_after, on_result)
    except KeyboardInterrupt:
        print("fuzz: interrupted", file=sys.stderr)
    finally:
        pool.close()
    total = time.monotonic() - started
    times.sort()
    crashes = sum(1 for r in failures if r.status in ("crash", "violation", "hang"))
    slow = sum(1 for r in failures if not r.failed)
    print(
        f"cases {len(times)}  wall {total:.0f} s  crashes/violations/hangs {crashes}  "
        f"over {args.max_seconds_per_case} s {slow}"
    )
    if times:
        p50, p99 = times[len(times) // 2], times[min(len(times) - 1, len(times) * 99 // 100)]
        print(
            f"per case: median {p50 * 1000:.1f} ms  p99 {p99 * 1000:.0f} ms  max {times[-1]:.2f} s"
        )
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    for r in slowest:
        print(
            f"  slowest: case {r.index} {r.seconds:.2f} s {r.size} bytes {r.seed_name} {'+'.join(r.mutations)}"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
