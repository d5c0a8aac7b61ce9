"""A loopback HTTP/1.1 server with scripted fault modes.

Each :class:`FaultServer` listens on its own 127.0.0.1 port, so several of them act as
several hosts. Paths choose the behaviour (see ``Handler.do_GET``); state that changes
between requests (503-then-200, 429-then-200) is kept per path, so tests use unique paths.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from support.pages import article_html, euc_kr_article, list_html

BIG_BODY_BYTES = 64 * 1024 * 1024  # the "oversized body" the client must not buffer
BOMB_DECODED_BYTES = 64 * 1024 * 1024  # what the compression bombs expand to
SLOW_SECONDS = 3.0  # how long /slow waits before answering (well past test timeouts)


def _gzip_bomb() -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    chunk = bytes(1024 * 1024)
    out = [comp.compress(chunk) for _ in range(BOMB_DECODED_BYTES // len(chunk))]
    out.append(comp.flush())
    return b"".join(out)


def _brotli_bomb() -> bytes | None:
    try:
        import brotli
    except ImportError:
        return None
    comp = brotli.Compressor(quality=1)
    chunk = bytes(1024 * 1024)
    out = [comp.process(chunk) for _ in range(BOMB_DECODED_BYTES // len(chunk))]
    out.append(comp.finish())
    return b"".join(out)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up mid-response is what these tests do on purpose


class FaultServer:
    """One loopback "host"; ``url(path)`` gives a URL on it."""

    def __init__(self, robots: str | None = None, robots_status: int = 200) -> None:
        self.robots = robots
        self.robots_status = robots_status
        self.hits: Counter[str] = Counter()
        self.starts: list[tuple[str, float]] = []  # (path, monotonic time) per request
        self.active = 0
        self.max_active = 0
        self.user_agents: set[str] = set()
        self.connections = 0  # TCP connections accepted
        self.lock = threading.Lock()
        self._bombs: dict[str, bytes | None] = {}
        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.owner = self  # type: ignore[attr-defined]
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def bomb(self, kind: str) -> bytes | None:
        with self.lock:
            if kind not in self._bombs:
                self._bombs[kind] = _gzip_bomb() if kind == "gzip" else _brotli_bomb()
            return self._bombs[kind]

    def count(self, path: str) -> int:
        with self.lock:
            self.hits[path] += 1
            return self.hits[path]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like real servers

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    @property
    def owner(self) -> FaultServer:
        return self.server.owner  # type: ignore[attr-defined,no-any-return]

    def setup(self) -> None:
        super().setup()
        with self.owner.lock:
            self.owner.connections += 1

    def finish(self) -> None:
        with contextlib.suppress(OSError):  # the client hung up: nothing left to flush
            super().finish()

    def do_GET(self) -> None:
        owner = self.owner
        with owner.lock:
            owner.active += 1
            owner.max_active = max(owner.max_active, owner.active)
            owner.starts.append((self.path, time.monotonic()))
            owner.user_agents.add(self.headers.get("User-Agent", ""))
        try:
            self._route(self.path)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            with owner.lock:
                owner.active -= 1

    def _send(
        self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", Location=location)

    def _route(self, path: str) -> None:  # a routing table, read top to bottom
        owner = self.owner
        parts = path.split("?")[0].strip("/").split("/")
        head = parts[0]
        if path == "/robots.txt":
            if owner.robots is None:
                self._send(404, b"not found", "text/plain")
            else:
                self._send(owner.robots_status, owner.robots.encode(), "text/plain")
        elif head == "article":
            n = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
            self._send(200, article_html(n).encode())
        elif head == "list":
            self._send(200, list_html().encode())
        elif head == "status":
            self._send(int(parts[1]), b"<html><body>error</body></html>")
        elif head == "flaky":  # 503 first, then the page
            if owner.count(path) == 1:
                self._send(503, b"busy")
            else:
                self._send(200, article_html(1).encode())
        elif head == "ratelimited":  # 429 with Retry-After first, then the page
            if owner.count(path) == 1:
                self._send(429, b"slow down", Retry_After="1")
            else:
                self._send(200, article_html(2).encode())
        elif head == "sleep":  # the page, after parts[1] milliseconds
            time.sleep(int(parts[1]) / 1000)
            self._send(200, article_html(3).encode())
        elif head == "slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, article_html(4).encode())
        elif head == "trickle":  # headers at once, then a byte every 50 ms for ~3 s
            body = article_html(5).encode()[:60]
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for i in range(len(body)):
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
                time.sleep(0.05)
        elif head == "reset":  # abort the connection with a TCP RST
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif head == "loop":
            self._redirect("/loop/b" if parts[1] == "a" else "/loop/a")
        elif head == "chain":  # /chain/N redirects N times, then serves the page
            n = int(parts[1])
            if n == 0:
                self._send(200, article_html(6).encode())
            else:
                self._redirect(f"/chain/{n - 1}", 301 if n % 2 else 307)
        elif head == "to-ftp":
            self._redirect("ftp://127.0.0.1/pub/file.html")
        elif head == "big":  # 64 MB; with a Content-Length unless /big/chunked
            self._big(declared=len(parts) == 1)
        elif head in ("gzip-bomb", "br-bomb"):
            bomb = owner.bomb("gzip" if head == "gzip-bomb" else "br")
            assert bomb is not None
            encoding = "gzip" if head == "gzip-bomb" else "br"
            self._send(200, bomb, "text/html", Content_Encoding=encoding)
        elif head == "gzip":  # a normal gzip-compressed page
            self._send(200, gzip.compress(article_html(8).encode()), Content_Encoding="gzip")
        elif head == "euckr":  # charset only in <meta>
            self._send(200, euc_kr_article(), "text/html")
        elif head == "image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(2000), "image/png")
        elif head == "doc.pdf":
            self._send(200, b"%PDF-1.4 " + bytes(2000), "application/pdf")
        else:
            self._send(404, b"not found")

    def _big(self, *, declared: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declared:
            self.send_header("Content-Length", str(BIG_BODY_BYTES))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        chunk = b"<p>" + b"a" * (64 * 1024 - 7) + b"</p>\n"
        for _ in range(BIG_BODY_BYTES // len(chunk)):
            self.wfile.write(chunk)


def start_servers(n: int, **kwargs: Any) -> list[FaultServer]:
    return [FaultServer(**kwargs).start() for _ in range(n)]
