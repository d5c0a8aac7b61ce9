"""newsclean: clean title, date, byline and body from Korean news pages.

    >>> import newsclean
    >>> article = newsclean.extract(html_bytes, url="https://example.co.kr/news/1")
    >>> article.title, article.published, article.to_dict()

``extract`` never does I/O and never raises for anything in the page.
"""

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
