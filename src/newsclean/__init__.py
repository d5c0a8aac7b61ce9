"""newsclean: clean title, date, byline and body from Korean news pages.

    >>> import newsclean
    >>> article = newsclean.extract(html_bytes, url="https://example.co.kr/news/1")
    >>> article.title, article.published, article.to_dict()

``extract`` never does I/O and never raises for anything in the page.

The names below load on first use (PEP 562), so `import newsclean` and the command line's
`--help` do not pay for the extractor's import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsclean.errors import NewscleanError
    from newsclean.extractor import ExtractConfig, extract, extract_page
    from newsclean.models import Article, Author, ErrorInfo, Page

__version__ = "0.1.0"
__all__ = [
    "Article",
    "Author",
    "ErrorInfo",
    "ExtractConfig",
    "NewscleanError",
    "Page",
    "__version__",
    "extract",
    "extract_page",
]

# public name -> the module that defines it
_LAZY = {
    "Article": "newsclean.models",
    "Author": "newsclean.models",
    "ErrorInfo": "newsclean.models",
    "ExtractConfig": "newsclean.extractor",
    "NewscleanError": "newsclean.errors",
    "Page": "newsclean.models",
    "extract": "newsclean.extractor",
    "extract_page": "newsclean.extractor",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
