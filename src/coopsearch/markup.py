"""Readers for markup: saved HTML pages (main text with readability-lxml, metadata with trafilatura)
and RSS/Atom feeds (feedparser).

Both decode bytes with :func:`corpus.decode_bytes`, honouring the charset the file declares.
A page is one document; a feed gives one document per item, with the item's full content when
the feed carries it (Atom <content>, RSS <content:encoded>), else its summary.
"""
from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.etree
import lxml.html
import readability
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document as PageMeta

from .corpus import Document, InputError, Problem, date_or_note, decode_bytes, first_line, parse_date
from .dates import date_near

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']""", re.IGNORECASE)
_XML_ENCODING_ATTR = re.compile(r"""^(\s*<\?xml[^>]*encoding\s*=\s*["'])[\w.:-]+(["'])""")
_BAD_CHARREF = re.compile(r"&#(?:x([0-9a-f]{1,8})|(\d{1,10}));", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:\w+:)?(rss|feed|RDF)[\s>]")
_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "section", "article", "pre", "figure", "figcaption")
_DROPPED = ("script", "style", "noscript", "iframe", "template")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
# Date metadata only: htmldate's extensive search would also guess from the text (event dates).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
logging.getLogger("readability").setLevel(logging.CRITICAL)  # it logs a traceback for every page it cannot parse
MAX_MARKUP_BYTES = 64 * 1024 * 1024  # larger pages and feeds are refused, not cut (cut markup is broken)


def _decoded(path: Path, declaration: re.Pattern[bytes], head: int) -> tuple[str, list[str]]:
    """A markup file's text, decoded with the charset its first `head` bytes declare (else detected),
    and the decoding note, if any."""
    size = path.stat().st_size
    if size > MAX_MARKUP_BYTES:
        raise InputError(f"file of {size:,} bytes is larger than {MAX_MARKUP_BYTES:,} bytes")
    data = path.read_bytes()
    if not data.strip():
        raise InputError("empty file")
    declared = declaration.search(data[:head])
    text, note = decode_bytes(data, declared.group(1).decode("ascii") if declared else "")
    return text, [note] if note else []


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
    text, notes = _decoded(path, _META_CHARSET, 4096)
    meta = _metadata(text)
    body = _article_text(text)
    if not body:
        body = html_to_text(text)  # a page readability finds no article in: all its text
    if not body:
        raise InputError("no text found in the HTML page")
    url = meta.url or ""
    title = _tidy(meta.title or "") or first_line(body)
    headline, _, rest = body.partition("\n\n")
    article = rest if headline == title and rest else body
    day = date_or_note(meta.date, notes) or date_near(html_to_text(text), [title, article.split("\n", 1)[0][:80]])
    yield Document(
        id=doc_id,
        title=title,
        text=article,  # without the page's <h1> when it repeats the title
        summary=_tidy(meta.description or ""),
        url=url,
        date=day,  # from the markup, else a byline next to the headline or the article's first line
        source=meta.sitename or meta.hostname or urlsplit(url).hostname or "",
        origin=str(path.resolve()),
        notes=notes,
    )


def _tidy(text: str) -> str:
    """Lines stripped; paragraphs separated by one blank line."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    """All visible text of an HTML page or fragment, one paragraph per block element."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return _tidy(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.LxmlError, ValueError, AssertionError):  # lxml asserts on a page with two <body>s
        return ""
    for el in list(root.iter(*_DROPPED)):
        el.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter("td", "th"):
        el.tail = " " + (el.tail or "")
    return _tidy(root.text_content())


def read_feed_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """An RSS 2.0/1.0 or Atom file: one document per item; a malformed item is reported and skipped."""
    text, notes = _decoded(path, _XML_ENCODING, 512)
    if not _FEED_ROOT.search(text[:4096]):
        raise InputError("not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)")
    text = _BAD_CHARREF.sub(_charref, _XML_ENCODING_ATTR.sub(r"\1utf-8\2", text, count=1))  # decoded here: now UTF-8
    try:
        parsed = feedparser.parse(text.encode("utf-8", errors="replace"), sanitize_html=True, resolve_relative_uris=False)
    except (ValueError, UnicodeError) as e:  # feedparser's own bugs on hostile input
        raise InputError(f"malformed feed: {e}") from None
    if parsed.get("bozo"):
        if not parsed.entries:
            raise InputError(f"malformed feed: {_feed_error(parsed.get('bozo_exception'))}")
        notes.append(f"malformed feed ({_feed_error(parsed.get('bozo_exception'))}): read leniently, {len(parsed.entries)} item(s)")
    for note in notes:
        yield Problem(str(path), 0, note, skipped=False)
    source = _tidy(parsed.feed.get("title", "")) or (urlsplit(parsed.feed.get("link", "")).hostname or "")
    origin = str(path.resolve())
    for number, entry in enumerate(parsed.entries, 1):
        try:
            yield _entry_document(entry, f"{doc_id}#{number}", source, origin, number)
        except InputError as e:
            yield Problem(str(path), number, f"item {number}: {e}")


def _charref(m: re.Match[str]) -> str:
    """A numeric character reference, or U+FFFD's when it names no character (feedparser crashes on those)."""
    number = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    return m.group(0) if 0 < number < 0x110000 and not 0xD800 <= number <= 0xDFFF else "&#xFFFD;"


def _feed_error(error: object) -> str:
    """A feedparser parse error as «reason at line L» (columns of line 1 shift: feedparser rewrites the declaration)."""
    line = getattr(error, "getLineNumber", None)
    reason = error.getMessage() if hasattr(error, "getMessage") else str(error)
    return f"{reason} at line {line()}" if line else reason


def _entry_document(entry: feedparser.FeedParserDict, default_id: str, source: str, origin: str, number: int) -> Document:
    contents = [c for c in entry.get("content", ()) if (c.get("value") or "").strip()]
    html = max((c["value"] for c in contents), key=len) if contents else entry.get("summary") or ""
    text = html_to_text(html)
    title = _tidy(html_to_text(entry.get("title") or ""))
    if not text and not title:
        raise InputError("no title and no text")
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    link = entry.get("link") or ""
    return Document(
        id=entry.get("id") or link or default_id,
        title=title or first_line(text),
        text=text or title,
        summary=html_to_text(entry.get("summary") or "") if contents else "",
        url=link,
        date=parse_date(calendar.timegm(when)) if when else "",
        source=source,
        origin=origin,
        line=number,
    )
