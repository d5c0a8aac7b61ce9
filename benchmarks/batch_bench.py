"""Batch throughput and memory of `newsclean fetch` against a local multi-host server.

    .venv/bin/python benchmarks/batch_bench.py                 # 1k and 10k URLs
    .venv/bin/python benchmarks/batch_bench.py --sizes 1000,100000 --hosts 8

A loopback HTTP/1.1 server (one port per "host") serves real-size pages held in memory: the
dev corpus pages when ../shared/corpus/ko-dev/pages exists (read at run time, never
copied), else ~50 KB synthetic Korean pages. The real CLI runs as a subprocess with
`--delay 0 --ignore-robots -o out.jsonl`; we report pages/s and peak RSS (the CLI process
alone, and its whole process tree including extraction workers), the CPU time per page of
the main process, the extraction workers and the page server (where the 2 cores go), and
check that the output holds exactly one record per URL.

Targets: ≥ 300 pages/s on 2 cores; peak RSS at 100k URLs < 1.5× the peak at 1k.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_PAGES = (
    ROOT.parent / "shared" / "corpus" / "ko-dev" / "pages"
)  # ../shared beside the checkout
SYNTHETIC_PAGES = 20  # distinct synthetic pages when the corpus is missing
POLL_SECONDS = 0.05  # RSS sampling interval


# --- pages --------------------------------------------------------------------------------


def synthetic_page(n: int) -> bytes:
    """A ~50 KB invented article page with navigation chrome around the body."""
    nav = "".join(f'<li><a href="/section/{i}">분야 {i}</a></li>' for i in range(60))
    related = "".join(
        f'<li><a href="/news/{n}{i}">관련 기사 {i}: 가명군 주민 설명회 열려</a></li>'
        for i in range(40)
    )
    paragraph = (
        "<p>가명군은 올해 하반기부터 마을 공동체 지원 사업 {i}건을 넓힌다고 밝혔다. 김가명 군수는 "
        "주민 의견을 듣는 자리를 여러 차례 마련하겠다고 말했다. 사업 예산은 지난해보다 늘었다.</p>"
    )
    # Distinct paragraphs: the extractor drops a repeated run of identical ones as a copy.
    body = "\n".join(paragraph.format(i=i) for i in range(160))
    return f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>가명군, 마을 공동체 지원 확대 {n} - 가명신문</title>
<meta property="og:title" content="가명군, 마을 공동체 지원 확대 {n}">
<meta property="article:published_time" content="2024-06-0{n % 9 + 1}T10:00:00+09:00">
</head><body><header><ul class="gnb">{nav}</ul><a href="/login">로그인</a></header>
<article><h1>가명군, 마을 공동체 지원 확대 {n}</h1><div class="byline">홍길동 기자</div>
<div id="article-body">{body}<p>홍길동 기자 gildong@example.kr</p></div></article>
<aside><ul>{related}</ul></aside><footer>ⓒ 가명신문 무단전재 및 재배포 금지</footer>
</body></html>""".encode()


def load_pages(force_synthetic: bool) -> tuple[list[bytes], str]:
    if not force_synthetic and CORPUS_PAGES.is_dir():
        pages = [p.read_bytes() for p in sorted(CORPUS_PAGES.glob("*.html"))]
        if pages:
            return pages, f"{len(pages)} corpus pages"
    return [synthetic_page(i) for i in range(SYNTHETIC_PAGES)], f"{SYNTHETIC_PAGES} synthetic pages"


# --- a small keep-alive HTTP/1.1 server ---------------------------------------------------


class PageServer:
    """Serves GET /p/<n> → pages[n % len(pages)] on several ports, from one asyncio thread."""

    def __init__(self, pages: list[bytes], hosts: int) -> None:
        self.pages = pages
        self.hosts = hosts
        self.ports: list[int] = []
        self.served = 0
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> PageServer:
        self._thread.start()
        self._ready.wait()
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        for _ in range(self.hosts):
            server = self._loop.run_until_complete(
                asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=1024)
            )
            self.ports.append(server.sockets[0].getsockname()[1])
        self._ready.set()
        self._loop.run_forever()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                target = head.split(b" ", 2)[1].decode()
                try:
                    body = self.pages[int(target.rsplit("/", 1)[1]) % len(self.pages)]
                    status = b"200 OK"
                except (ValueError, IndexError):
                    body, status = b"not found", b"404 Not Found"
                writer.write(
                    b"HTTP/1.1 " + status + b"\r\nContent-Type: text/html\r\n"
                    b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
                )
                await writer.drain()
                self.served += 1
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


# --- memory sampling ----------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                kids += [int(k) for k in fh.read().split()]
    except OSError:
        pass
    return kids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds a process has used so far (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


class RssSampler(threading.Thread):
    """Peak RSS of a process and of its whole tree, and the CPU time each process of the tree
    used (its last sample: a process that exits loses at most one interval), from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_main = 0
        self.peak_tree = 0
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds at its last sample
        self.done = threading.Event()

    @property
    def cpu_main(self) -> float:
        return self.cpu.get(self.pid, 0.0)

    @property
    def cpu_others(self) -> float:
        """Extraction workers (and the helper processes that start them)."""
        return sum(seconds for pid, seconds in self.cpu.items() if pid != self.pid)

    def run(self) -> None:
        while not self.done.is_set():
            tree, stack = [], [self.pid]
            while stack:
                pid = stack.pop()
                tree.append(pid)
                stack += _children(pid)
            for pid in tree:
                seconds = _cpu_seconds(pid)
                if seconds is not None:
                    self.cpu[pid] = seconds
            main = _rss_kb(self.pid)
            self.peak_main = max(self.peak_main, main)
            self.peak_tree = max(self.peak_tree, main + sum(_rss_kb(p) for p in tree[1:]))
            time.sleep(POLL_SECONDS)


# --- one run ------------------------------------------------------------------------------


def run_size(n: int, server: PageServer, workdir: Path, extra: list[str]) -> dict[str, object]:
    urls_path = workdir / f"urls-{n}.txt"
    out_path = workdir / f"out-{n}.jsonl"
    with urls_path.open("w") as fh:
        for i in range(n):
            fh.write(f"http://127.0.0.1:{server.ports[i % len(server.ports)]}/p/{i}\n")
    cmd = [
        sys.executable, "-m", "newsclean", "fetch", "-i", str(urls_path), "-o", str(out_path),
        "--delay", "0", "--ignore-robots", "-q", *extra,
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    server_cpu = time.process_time()  # this process: the page server (and the sampler)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = RssSampler(proc.pid)
    sampler.start()
    _, stderr = proc.communicate()
    elapsed = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    server_cpu = time.process_time() - server_cpu
    statuses: Counter[str] = Counter()
    seen: set[str] = set()
    duplicates = 0
    with out_path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            duplicates += record["url"] in seen
            seen.add(record["url"])
            err = record.get("error") or {}
            statuses[record["status"] + (f":{err.get('type')}" if err else "")] += 1
    complete = len(seen) == n and duplicates == 0
    return {
        "urls": n,
        "seconds": round(elapsed, 2),
        "pages_per_s": round(n / elapsed, 1),
        "peak_rss_main_mb": round(sampler.peak_main / 1024, 1),
        "peak_rss_tree_mb": round(sampler.peak_tree / 1024, 1),
        # CPU per page: where the 2 cores go (fetching and I/O in the main process,
        # extraction in the workers, serving in this benchmark process).
        "cpu_ms_per_page_main": round(sampler.cpu_main / n * 1000, 2),
        "cpu_ms_per_page_workers": round(sampler.cpu_others / n * 1000, 2),
        "cpu_ms_per_page_server": round(server_cpu / n * 1000, 2),
        "exit": proc.returncode,
        "one_record_per_url": complete,
        "statuses": dict(statuses),
        "stderr": stderr.decode(errors="replace")[-500:] if proc.returncode > 1 else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated URL counts")
    parser.add_argument("--hosts", type=int, default=8, help="loopback ports acting as hosts")
    parser.add_argument("--synthetic", action="store_true", help="ignore the corpus pages")
    parser.add_argument("--json", action="store_true", help="print results as JSON lines")
    parser.add_argument("extra", nargs="*", help="extra `newsclean fetch` options (after --)")
    args = parser.parse_args()
    pages, source = load_pages(args.synthetic)
    avg_kb = sum(map(len, pages)) / len(pages) / 1024
    print(f"# {source}, {avg_kb:.0f} KB average; {args.hosts} hosts; {os.cpu_count()} CPUs")
    server = PageServer(pages, args.hosts).start()
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as tmp:
            for n in (int(s) for s in args.sizes.split(",")):
                result = run_size(n, server, Path(tmp), args.extra)
                results.append(result)
                if args.json:
                    print(json.dumps(result, ensure_ascii=False))
                else:
                    print(
                        f"{n:>7} URLs  {result['seconds']:>7.1f} s  {result['pages_per_s']:>6.1f}"
                        f" pages/s  peak RSS main {result['peak_rss_main_mb']:>6.1f} MB,"
                        f" tree {result['peak_rss_tree_mb']:>6.1f} MB  exit {result['exit']}"
                        f"  one record per URL: {result['one_record_per_url']}"
                        f"  {result['statuses']}{result['stderr']}"
                    )
                    print(
                        f"{'':>7}       CPU ms/page: main {result['cpu_ms_per_page_main']:.2f},"
                        f" extraction workers {result['cpu_ms_per_page_workers']:.2f},"
                        f" page server {result['cpu_ms_per_page_server']:.2f}"
                    )
    finally:
        server.stop()
    if len(results) > 1:
        first, last = results[0], results[-1]
        ratio = float(last["peak_rss_tree_mb"]) / max(float(first["peak_rss_tree_mb"]), 1e-9)  # type: ignore[arg-type]
        print(f"# peak RSS (tree) {last['urls']} vs {first['urls']} URLs: {ratio:.2f}×")
    return 0 if all(r["one_record_per_url"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
