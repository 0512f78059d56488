"""The suffix table (file suffix → reader) and reading one file through it and the checks.

A reader takes a path and a default document id and yields documents and problems; it raises
InputError for a problem with the whole file. Adding a format is one entry in READERS.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .checks import checked
from .csvfile import read_csv_file
from .feed import read_feed_file
from .htmlpage import read_html_file
from .jsonl import read_jsonl_file
from .model import Document, InputError, Problem
from .plaintext import read_text_file

Reader = Callable[[Path, str], Iterator[Document | Problem]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".jsonl": read_jsonl_file,
    ".jsonl.gz": read_jsonl_file,
    ".csv": read_csv_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xhtml": read_html_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".xml": read_feed_file,
}
SUPPORTED_SUFFIXES = tuple(READERS)
FEED_SUFFIXES = tuple(suffix for suffix, reader in READERS.items() if reader is read_feed_file)


def is_feed(path: str) -> bool:
    """Whether a file name is a feed's (its items stay indexed when they leave the file)."""
    return path.lower().endswith(FEED_SUFFIXES)


def reader_for(path: Path) -> Reader | None:
    """The reader for a file's suffix (case-insensitive, the longest suffix first); None if unsupported."""
    name = path.name.lower()
    suffix = max((s for s in READERS if name.endswith(s)), key=len, default=None)
    return READERS[suffix] if suffix else None


def read_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """Read one file with the reader for its suffix; whole-file problems become one Problem."""
    reader = reader_for(path)
    if reader is None:
        yield Problem(str(path), 0, f"unsupported file type (supported: {', '.join(SUPPORTED_SUFFIXES)})")
        return
    try:
        for item in reader(path, doc_id):
            if isinstance(item, Document):
                yield from checked(item, str(path))
            else:
                yield item
    except InputError as e:
        yield Problem(str(path), 0, str(e))
    except OSError as e:
        yield Problem(str(path), 0, f"cannot read file: {e.strerror or e}")
