"""The checks every document passes after its reader: size limits, text cleaning, a dateline date."""
from __future__ import annotations

from collections.abc import Iterator

from .cleaning import clean_text
from .dates import date_from_text
from .model import MAX_TEXT_CHARS, MAX_TITLE_CHARS, Document, Problem


def checked(doc: Document, file: str) -> Iterator[Document | Problem]:
    """Cut an over-long title or text, drop what is not the article (see cleaning.py), date an
    undated document from its dateline (see dates.py), then report its reading notes (kept) before it."""
    if len(doc.title) > MAX_TITLE_CHARS:
        doc.notes.append(f"title of {len(doc.title):,} characters cut to the first {MAX_TITLE_CHARS:,}")
        doc.title = doc.title[:MAX_TITLE_CHARS]
    if len(doc.text) > MAX_TEXT_CHARS:
        doc.notes.append(f"text of {len(doc.text):,} characters cut to the first {MAX_TEXT_CHARS:,}")
        doc.text = doc.text[:MAX_TEXT_CHARS]
    doc.text, doc.summary = clean_text(doc.text).text, clean_text(doc.summary).text
    if not doc.date:
        doc.date = date_from_text(f"{doc.title}\n{doc.text}")
    for note in doc.notes:
        yield Problem(file, doc.line, note, skipped=False)
    yield doc
