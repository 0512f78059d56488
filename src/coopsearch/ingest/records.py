"""Records (a JSON object, a CSV row) → :class:`Document`, and the title rules the readers share."""
from __future__ import annotations

import razdel

from .dates import date_or_note
from .model import Document, InputError

_KEYS = {
    "id": ("id",),
    "url": ("url",),
    "title": ("title",),
    "text": ("text", "content", "body"),
    "summary": ("summary",),
    "date": ("date", "published"),
    "source": ("source",),
}
KNOWN_KEYS = frozenset(name for names in _KEYS.values() for name in names)  # a CSV header needs one of them
TITLE_MAX_CHARS = 200  # a longer first line of a text file is a paragraph, not a title


def _pick(record: dict, key: str) -> object:
    for name in _KEYS[key]:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _text(value: object, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise InputError(f"field {key!r} must be a string, got {type(value).__name__}")


def document_from_record(record: object, default_id: str, origin: str, line: int = 0) -> Document:
    """Build a Document from a JSON/CSV record; raise InputError with the reason if malformed.

    A bad date is not fatal: the document is kept without a date and the reason goes to `notes`.
    """
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}")
    text = _text(_pick(record, "text"), "text")
    title = _text(_pick(record, "title"), "title")
    if not text and not title:
        raise InputError("no text (expected one of the keys text, content, body, title)")
    url = _text(_pick(record, "url"), "url")
    notes: list[str] = []
    day = date_or_note(_pick(record, "date"), notes)
    return Document(
        id=_text(_pick(record, "id"), "id") or url or default_id,
        title=title or first_sentence(first_line(text)),
        text=text,
        summary=_text(_pick(record, "summary"), "summary"),
        url=url,
        date=day,
        source=_text(_pick(record, "source"), "source"),
        origin=origin,
        line=line,
        notes=notes,
    )


def first_line(text: str) -> str:
    """The first non-empty line of a text, stripped."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def first_sentence(text: str) -> str:
    """The first sentence of a text (razdel), without its final dot, cut to TITLE_MAX_CHARS at a word."""
    sentence = next(iter(razdel.sentenize(text))).text.rstrip(".")
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    return sentence[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"
