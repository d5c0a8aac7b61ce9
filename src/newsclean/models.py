"""The immutable values passed between pipeline stages: Page in, Article out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from newsclean.errors import NewscleanError

Status = Literal["ok", "not_article", "error"]
DateValue = dt.datetime | dt.date


@dataclass(frozen=True)
class Page:
    """A fetched (or read) page, before decoding."""

    url: str
    content: bytes
    final_url: str | None = None
    status_code: int | None = None
    content_type: str | None = None
    charset: str | None = None  # from the HTTP Content-Type header, when given


@dataclass(frozen=True)
class Author:
    name: str
    role: str | None = None
    email: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "email": self.email}


@dataclass(frozen=True)
class ErrorInfo:
    type: str
    message: str
    http_status: int | None = None

    @classmethod
    def from_exception(cls, exc: NewscleanError) -> ErrorInfo:
        return cls(type=exc.type, message=exc.message, http_status=exc.http_status)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "message": self.message}
        if self.http_status is not None:
            out["http_status"] = self.http_status
        return out


def format_date(value: DateValue | None) -> str | None:
    """ISO 8601; a bare date stays a date (``2023-05-26``)."""
    if value is None:
        return None
    return value.isoformat()


@dataclass(frozen=True)
class Article:
    """One record of DESIGN.md §2.1. ``to_dict`` gives exactly that record."""

    url: str | None
    status: Status
    final_url: str | None = None
    title: str | None = None
    subtitle: str | None = None
    published: DateValue | None = None
    modified: DateValue | None = None
    authors: tuple[Author, ...] = ()
    outlet: str | None = None
    body: str | None = None
    lang: str | None = None
    canonical_url: str | None = None
    error: ErrorInfo | None = None
    source: str | None = None
    extras: tuple[tuple[str, Any], ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        if self.status == "error":
            out: dict[str, Any] = {"url": self.url}
            if self.final_url is not None:
                out["final_url"] = self.final_url
            out["status"] = "error"
            out["error"] = self.error.to_dict() if self.error else None
        else:
            out = {
                "url": self.url,
                "final_url": self.final_url,
                "status": self.status,
                "title": self.title,
                "subtitle": self.subtitle,
                "published": format_date(self.published),
                "modified": format_date(self.modified),
                "authors": [a.to_dict() for a in self.authors],
                "outlet": self.outlet,
                "body": self.body,
                "lang": self.lang,
                "canonical_url": self.canonical_url,
            }
            out.update(dict(self.extras))
        if self.source is not None:
            out["source"] = self.source
        return out


def error_article(
    url: str | None, exc: NewscleanError, *, final_url: str | None = None, source: str | None = None
) -> Article:
    return Article(
        url=url,
        status="error",
        final_url=final_url,
        error=ErrorInfo.from_exception(exc),
        source=source,
    )
