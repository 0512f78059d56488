"""The saved HTML page reader: the main text with readability-lxml, metadata with trafilatura."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree
import readability
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document as PageMeta

from .dates import date_near, date_or_note
from .markup import decoded_markup, html_to_text, tidy
from .model import Document, InputError, Problem
from .records import first_line

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Date metadata only: htmldate's extensive search would also guess from the text (event dates).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
logging.getLogger("readability").setLevel(logging.CRITICAL)  # it logs a traceback for every page it cannot parse


def _article_text(html: str) -> str:
    """The main text found by readability-lxml; "" when it finds none or cannot parse the page
    (it raises Unparseable, lxml errors, even AssertionError on pages without a <body>)."""
    try:
        return html_to_text(readability.Document(html).summary(html_partial=True))
    except (readability.readability.Unparseable, lxml.etree.LxmlError, AssertionError, ValueError):
        return ""


def _metadata(html: str) -> PageMeta:
    """Title, date (markup only), site and canonical URL; empty when trafilatura cannot read them."""
    try:
        return extract_metadata(html, date_config=_DATE_PARAMS)
    except (lxml.etree.LxmlError, ValueError):
        return PageMeta()


def read_html_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """A saved HTML page: the article text (readability-lxml), title, date and source from its
    metadata (trafilatura), else a byline date (measured in docs/benchmarks-extraction.md)."""
    text, notes = decoded_markup(path, _META_CHARSET, 4096)
    meta = _metadata(text)
    body = _article_text(text)
    if not body:
        body = html_to_text(text)  # a page readability finds no article in: all its text
    if not body:
        raise InputError("no text found in the HTML page")
    url = meta.url or ""
    title = tidy(meta.title or "") or first_line(body)
    headline, _, rest = body.partition("\n\n")
    article = rest if headline == title and rest else body
    day = date_or_note(meta.date, notes) or date_near(html_to_text(text), [title, article.split("\n", 1)[0][:80]])
    yield Document(
        id=doc_id,
        title=title,
        text=article,  # without the page's <h1> when it repeats the title
        summary=tidy(meta.description or ""),
        url=url,
        date=day,  # from the markup, else a byline next to the headline or the article's first line
        source=meta.sitename or meta.hostname or urlsplit(url).hostname or "",
        origin=str(path.resolve()),
        notes=notes,
    )
