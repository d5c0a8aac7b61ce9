"""Typed errors raised by the newsclean library.

Every error carries ``type`` (the name written into an error record's ``error.type``)
and, for HTTP failures, ``http_status``. The CLI and the pipeline turn them into
records and exit codes; the library never prints.

    NewscleanError
     ├── InvalidURL          no scheme/host, or not http/https
     ├── ReadError           a local file that cannot be read
     ├── NotHTML             binary or non-HTML content
     ├── TooLarge            a body over the byte limit
     ├── InternalError       a bug in newsclean met on this page (one record, not the run)
     └── FetchError          anything that went wrong on the network
          ├── RobotsDisallowed
          ├── HTTPStatus     (http_status)
          ├── Timeout
          ├── Network        DNS, refused, reset, TLS
          └── TooManyRedirects
"""

from __future__ import annotations

ERROR_TYPES = (
    "InvalidURL",
    "RobotsDisallowed",
    "HTTPStatus",
    "Timeout",
    "Network",
    "TooManyRedirects",
    "TooLarge",
    "NotHTML",
    "ReadError",
    "InternalError",
)


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""

    type: str = "Error"

    def __init__(self, message: str, *, http_status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.http_status = http_status


class InvalidURL(NewscleanError):
    type = "InvalidURL"


class ReadError(NewscleanError):
    type = "ReadError"


class NotHTML(NewscleanError):
    type = "NotHTML"


class TooLarge(NewscleanError):
    type = "TooLarge"


class InternalError(NewscleanError):
    type = "InternalError"


class FetchError(NewscleanError):
    type = "Network"


class RobotsDisallowed(FetchError):
    type = "RobotsDisallowed"


class HTTPStatus(FetchError):
    type = "HTTPStatus"


class Timeout(FetchError):
    type = "Timeout"


class Network(FetchError):
    type = "Network"


class TooManyRedirects(FetchError):
    type = "TooManyRedirects"
