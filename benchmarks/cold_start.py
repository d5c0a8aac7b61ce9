#!/usr/bin/env python3
"""Cold start: one `newsclean extract PAGE` process against trafilatura's CLI on the same page.

    .venv/bin/python benchmarks/cold_start.py                  # default pages, 7 rounds
    .venv/bin/python benchmarks/cold_start.py page.html --rounds 15 --no-importtime
    .venv/bin/python benchmarks/cold_start.py --baseline-src /tmp/base/src  # before/after

(a baseline tree: `mkdir -p /tmp/base && git archive main src | tar -x -C /tmp/base`)

Target (issue): a cold `newsclean extract page.html` costs at most half of trafilatura's CLI.

Every run is a fresh process, so this measures interpreter start, imports, one extraction
and the exit. Each round runs every command once on every page, in an order that rotates
from round to round, so a busy machine slows all contenders alike. Reported per command:
the median wall time and the median CPU time (user + sys of the child, from os.wait4) over
all rounds and pages, and the ratio newsclean / trafilatura of those medians.

Contenders:
    python -c pass           the interpreter floor (same venv python, with site)
    newsclean extract PAGE   this checkout's src/ first on PYTHONPATH (not an installed copy)
    trafilatura < PAGE       its default text output (its `-i FILE` is a list of URLs, not a
                             page, so the page goes to stdin)
    trafilatura --json < PAGE  JSON with metadata, the closest match to newsclean's record
    newsclean (baseline)     with --baseline-src DIR: the same command on another tree

trafilatura is looked up as --trafilatura, then on PATH, then in .venv-eval/bin; without it
newsclean is reported alone. Then, unless --no-importtime, the newsclean command is run a
few times with PYTHONPROFILEIMPORTTIME=1 and the median self / cumulative import times of
the top modules and of each top-level package are shown, side by side with the baseline
tree's when there is one (importtime inflates every import a little; compare its numbers
with each other, not with the wall times above).

Byte-code: an installed package runs from cached .pyc files, but this environment may set
PYTHONDONTWRITEBYTECODE, which makes a source checkout compile every module on every run
(~50 ms for newsclean) while trafilatura's installed .pyc files are used. So all children
run with PYTHONPYCACHEPREFIX set to a temporary directory (filled by the warm-up runs; the
checkout stays clean); --source-compile keeps the caller's environment instead.

Default pages (read at run time, never copied): examples/article.html and the first page
of the first three outlets in ../shared/corpus/ko-dev/pages, when that directory exists.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KO_DEV = ROOT.parent / "shared" / "corpus" / "ko-dev" / "pages"
KO_DEV_OUTLETS = 3
TARGET_RATIO = 0.5


@dataclass
class Contender:
    name: str
    argv: list[str]  # the page path is appended unless stdin_page
    env: dict[str, str]
    stdin_page: bool = False
    takes_page: bool = True  # False: the interpreter floor, run without a page
    ok_codes: tuple[int, ...] = (0,)
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def run(self, page: Path | None) -> None:
        if not self.takes_page:
            page = None
        argv = list(self.argv)
        if page is not None and not self.stdin_page:
            argv.append(str(page))
        stdin = page.open("rb") if page is not None and self.stdin_page else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(
                argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=self.env
            )
            assert proc.stderr is not None
            err = proc.stderr.read()  # small; read before waiting so a chatty child never blocks
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin is not subprocess.DEVNULL:
                stdin.close()  # type: ignore[union-attr]
        if proc.returncode not in self.ok_codes:
            tail = err.decode(errors="replace")[-500:]
            raise SystemExit(f"{self.name} failed on {page} (exit {proc.returncode}):\n{tail}")
        self.wall.append(elapsed)
        self.cpu.append(usage.ru_utime + usage.ru_stime)


def default_pages() -> list[Path]:
    pages = [ROOT / "examples" / "article.html"]
    if KO_DEV.is_dir():
        first_of_outlet: dict[str, Path] = {}
        for path in sorted(KO_DEV.glob("*.html")):
            first_of_outlet.setdefault(path.name.split("-")[0], path)
        pages += list(first_of_outlet.values())[:KO_DEV_OUTLETS]
    return pages


def find_trafilatura(given: str | None) -> str | None:
    if given:
        return given
    found = shutil.which("trafilatura")
    if found:
        return found
    local = ROOT / ".venv-eval" / "bin" / "trafilatura"
    return str(local) if local.exists() else None


def newsclean_argv(given: str | None) -> list[str]:
    """The console script next to this python when there is one, else `python -m newsclean`."""
    if given:
        return given.split()
    script = Path(sys.executable).with_name("newsclean")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "newsclean"]


def child_env(src: Path, bytecode_cache: bool) -> dict[str, str]:
    """`src` first on PYTHONPATH, so the code measured is that tree's, not an installed copy."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(src) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "newsclean-cold-pycache")
    return env


def time_contenders(contenders: list[Contender], pages: list[Path], rounds: int) -> None:
    for c in contenders:  # warm-up: .pyc files and the page cache, not counted
        for page in pages:
            c.run(page)
        c.wall.clear()
        c.cpu.clear()
    progress = sys.stderr.isatty()
    for r in range(rounds):
        order = contenders[r % len(contenders) :] + contenders[: r % len(contenders)]
        for page in pages:
            for c in order:
                c.run(page)
        if progress:
            print(f"  round {r + 1}/{rounds} done", file=sys.stderr, end="\r")
    if progress:
        print(" " * 30, file=sys.stderr, end="\r")


def report_times(contenders: list[Contender], pages: list[Path], rounds: int) -> None:
    print(f"{len(pages)} pages x {rounds} rounds; median over all runs")
    for page in pages:
        print(f"  page {page}  ({page.stat().st_size / 1024:.0f} KB)")
    print(f"\n  {'command':28s} {'wall ms':>8s} {'cpu ms':>8s} {'min cpu':>8s}")
    for c in contenders:
        wall, cpu = statistics.median(c.wall) * 1000, statistics.median(c.cpu) * 1000
        print(f"  {c.name:28s} {wall:8.0f} {cpu:8.0f} {min(c.cpu) * 1000:8.0f}")
    print()
    newscleans = [c for c in contenders if c.name.startswith("newsclean")]
    for traf in (c for c in contenders if c.name.startswith("trafilatura")):
        for news in newscleans:
            wall = statistics.median(news.wall) / statistics.median(traf.wall)
            cpu = statistics.median(news.cpu) / statistics.median(traf.cpu)
            verdict = "met" if wall <= TARGET_RATIO else "not met"
            print(
                f"  {news.name} / {traf.name}: wall {wall:.2f}  cpu {cpu:.2f}"
                f"  (target <= {TARGET_RATIO}: {verdict})"
            )
    if not any(c.name.startswith("trafilatura") for c in contenders):
        print("  (trafilatura not found: newsclean alone; pass --trafilatura PATH)")


def importtime_table(
    argv: list[str], page: Path, repeats: int, top: int, trees: list[tuple[str, dict[str, str]]]
) -> None:
    """Median self (and cumulative) import time per module; trees' runs alternate."""
    selfs: dict[str, dict[str, list[int]]] = {label: defaultdict(list) for label, _ in trees}
    cumuls: dict[str, list[int]] = defaultdict(list)  # first tree only
    for _ in range(repeats):
        for label, env in trees:
            proc = subprocess.run(
                [*argv, str(page)],
                env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for line in proc.stderr.decode(errors="replace").splitlines():
                if not line.startswith("import time:") or "self [us]" in line:
                    continue
                self_us, cumul_us, name = line[len("import time:") :].split("|")
                selfs[label][name.strip()].append(int(self_us))
                if label == trees[0][0]:
                    cumuls[name.strip()].append(int(cumul_us))
    med = {
        label: {m: statistics.median(v) / 1000 for m, v in per.items()}
        for label, per in selfs.items()
    }
    labels = [label for label, _ in trees]
    print(f"\n-X importtime of `{' '.join(argv)} {page.name}` (median of {repeats} runs, ms)")
    for label in labels:
        print(f"  {label}: {len(med[label])} modules, {sum(med[label].values()):.0f} ms in all")
    head = "".join(f" {label[:14]:>14s}" for label in labels)
    packages: dict[str, dict[str, float]] = {label: defaultdict(float) for label in labels}
    for label in labels:
        for module, ms in med[label].items():
            packages[label][module.split(".")[0]] += ms
    names = sorted(
        {p for label in labels for p in packages[label]},
        key=lambda p: -max(packages[label].get(p, 0.0) for label in labels),
    )
    print(f"\n  {'top-level package (self, summed)':40s}{head}")
    for package in names[:top]:
        cells = "".join(f" {packages[label].get(package, 0.0):14.1f}" for label in labels)
        print(f"  {package:40s}{cells}")
    first = med[labels[0]]
    print(f"\n  {'module (by self time)':40s}{head} {'cumul':>8s}")
    for module in sorted(first, key=lambda m: -first[m])[:top]:
        cells = "".join(f" {med[label].get(module, 0.0):14.1f}" for label in labels)
        print(f"  {module:40s}{cells} {statistics.median(cumuls[module]) / 1000:8.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("pages", nargs="*", type=Path, help="HTML pages (default: see above)")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--newsclean", help="newsclean command (default: the venv's console script)")
    ap.add_argument("--trafilatura", help="trafilatura's CLI (default: PATH, .venv-eval/bin)")
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--no-importtime", action="store_true")
    ap.add_argument("--importtime-runs", type=int, default=5)
    ap.add_argument("--top", type=int, default=20, help="rows of the importtime tables")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="newsclean tree to measure")
    ap.add_argument("--baseline-src", type=Path, help="also time this tree (e.g. a main export)")
    ap.add_argument("--source-compile", action="store_true", help="no .pyc cache (see above)")
    args = ap.parse_args()
    pages = args.pages or default_pages()
    missing = [p for p in pages if not p.is_file()]
    if missing:
        print(f"no such page: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    news = newsclean_argv(args.newsclean)
    env = child_env(args.src.resolve(), bytecode_cache=not args.source_compile)
    contenders = [
        Contender("python -c pass", [sys.executable, "-c", "pass"], env, takes_page=False),
        Contender("newsclean extract", [*news, "extract"], env, ok_codes=(0, 1)),
    ]
    trees = [("this tree", env)]
    if args.baseline_src:
        base_env = child_env(args.baseline_src.resolve(), bytecode_cache=not args.source_compile)
        contenders.append(
            Contender("newsclean (baseline)", [*news, "extract"], base_env, ok_codes=(0, 1))
        )
        trees.append(("baseline", base_env))
    traf = None if args.no_trafilatura else find_trafilatura(args.trafilatura)
    if traf is not None:
        contenders.append(Contender("trafilatura", [traf], env, stdin_page=True))
        contenders.append(Contender("trafilatura --json", [traf, "--json"], env, stdin_page=True))
    cache = env.get("PYTHONPYCACHEPREFIX", "none (--source-compile)")
    print(f"newsclean: {' '.join(news)} (PYTHONPATH={args.src.resolve()})")
    if args.baseline_src:
        print(f"baseline: the same with PYTHONPATH={args.baseline_src.resolve()}")
    print(f"trafilatura: {traf or 'not found'}")
    print(f"byte-code cache: {cache}\n")
    time_contenders(contenders, pages, args.rounds)
    report_times(contenders, pages, args.rounds)
    if not args.no_importtime:
        importtime_table([*news, "extract"], pages[0], args.importtime_runs, args.top, trees)
    return 0


if __name__ == "__main__":
    sys.exit(main())
