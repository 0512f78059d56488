"""The CSV reader: a header row of record keys, one document per row."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from .decoding import MAX_FILE_BYTES, decode_bytes, read_whole
from .model import Document, InputError, Problem
from .records import KNOWN_KEYS, document_from_record

FIELD_LIMIT = MAX_FILE_BYTES  # a field may be a whole article (the csv module's default is 131,072)


def read_csv_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """A CSV file with a header row of the JSON key names; each row is one document.

    A file larger than MAX_FILE_BYTES is refused unread (a cut table is broken).
    """
    origin = str(path.resolve())
    text, note = decode_bytes(read_whole(path))
    if note:
        yield Problem(str(path), 0, note, skipped=False)
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputError("empty file") from None
    except csv.Error as e:
        raise InputError(f"malformed CSV header: {e}") from None
    if not KNOWN_KEYS & set(header):
        raise InputError(f"no known columns in header {header!r} (expected e.g. title, text)")
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield Problem(str(path), reader.line_num, f"malformed CSV: {e}; the rest of the file is skipped")
            return
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Problem(str(path), number, f"expected {len(header)} columns, found {len(row)}")
            continue
        try:
            yield document_from_record(dict(zip(header, row)), f"{doc_id}:{number}", origin, number)
        except InputError as e:
            yield Problem(str(path), number, str(e))
