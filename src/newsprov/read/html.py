"""A web page -> its main text and metadata, with trafilatura.

The article's text is what trafilatura keeps of the page (headline and body,
without navigation, comments, tables or footers), paragraphs separated by a
blank line; every offset newsprov stores points into that text. The date is
the page's own (its metadata or its URL), never a guess: htmldate's extensive
search, which takes any date on the page such as a copyright year, is off;
the outlet is the site's name as the page gives it, never its host name. A
page with fewer than ``MIN_WORDS`` words of main text holds no article.
"""
from __future__ import annotations

import logging
import re

from ..errors import InputError

FIELDS = {"title": "title", "date": "published", "sitename": "publisher", "url": "url"}
MIN_WORDS = 8  # fewer words than this is a menu, a caption or an error page, not an article


def page_article(html: str, where: str, url: str = "") -> tuple[str, dict[str, str]] | None:
    """(text, metadata) of a page, or None when it has no main text (a menu, an index page)."""
    import trafilatura  # lazily: heavy; only web pages need it

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # their reasons reach the user as ours, in one line
    if not re.search(r"<(html|body)[\s>]", html[:4096], re.IGNORECASE):
        html = f"<html><body>{html}</body></html>"  # a fragment, as copied from a page
    try:
        document = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except (ValueError, TypeError, RecursionError) as exc:  # a page lxml cannot build a tree of
        raise InputError(f"{where}: cannot parse the page as HTML ({exc})") from None
    if document is None or len((document.text or "").split()) < MIN_WORDS:
        return None
    paragraphs = [line.strip() for line in document.text.splitlines() if line.strip()]
    metadata = {key: str(getattr(document, attribute) or "").strip() for attribute, key in FIELDS.items()}
    if metadata["publisher"] and metadata["publisher"] == (document.hostname or ""):
        metadata["publisher"] = ""  # trafilatura's stand-in when the page names no outlet: a host, not a name
    if url:
        metadata["url"] = url
    return "\n\n".join(paragraphs) + "\n", metadata
