"""The RSS/Atom feed reader (feedparser): one document per item, with the item's full content
when the feed carries it (Atom <content>, RSS <content:encoded>), else its summary."""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from .dates import parse_date
from .markup import decoded_markup, html_to_text, tidy
from .model import Document, InputError, Problem
from .records import first_line

_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']""", re.IGNORECASE)
_XML_ENCODING_ATTR = re.compile(r"""^(\s*<\?xml[^>]*encoding\s*=\s*["'])[\w.:-]+(["'])""")
_BAD_CHARREF = re.compile(r"&#(?:x([0-9a-f]{1,8})|(\d{1,10}));", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:\w+:)?(rss|feed|RDF)[\s>]")


def read_feed_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """An RSS 2.0/1.0 or Atom file: one document per item; a malformed item is reported and skipped."""
    text, notes = decoded_markup(path, _XML_ENCODING, 512)
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
    source = tidy(parsed.feed.get("title", "")) or (urlsplit(parsed.feed.get("link", "")).hostname or "")
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
    title = tidy(html_to_text(entry.get("title") or ""))
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
