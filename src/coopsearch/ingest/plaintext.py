"""The .txt/.md reader: a file is one document, its first line the title."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .decoding import decode_bytes
from .model import MAX_TEXT_CHARS, Document, InputError, Problem
from .records import TITLE_MAX_CHARS, first_sentence

_MAX_TEXT_FILE_BYTES = 4 * MAX_TEXT_CHARS + 4  # a .txt/.md file is read up to this many bytes


def read_text_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """A .txt/.md file is one document: the first non-empty line is the title, the rest the text.

    A first line longer than TITLE_MAX_CHARS is a paragraph, not a title: then the title is its
    first sentence and the text is the whole file.
    """
    with path.open("rb") as f:
        data = f.read(_MAX_TEXT_FILE_BYTES)
    if not data.strip():
        raise InputError("empty file")
    partial = len(data) == _MAX_TEXT_FILE_BYTES
    if partial:
        cut = max(data.rfind(b"\n"), data.rfind(b" "))  # do not cut a character in two
        data = data[: cut + 1] if cut > 0 else data
    text, note = decode_bytes(data)
    notes = [note] if note else []
    text = text.replace("\r\n", "\n").strip()
    if partial:
        text = text[:MAX_TEXT_CHARS]
        notes.append(f"file of {path.stat().st_size:,} bytes: only its first {MAX_TEXT_CHARS:,} characters are indexed")
    first, _, rest = text.partition("\n")
    title = first.strip().lstrip("#").strip()
    if len(title) > TITLE_MAX_CHARS:
        title, rest = first_sentence(title), text
    yield Document(id=doc_id, title=title, text=rest.strip() or text, origin=str(path.resolve()), notes=notes)
