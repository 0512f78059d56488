"""The JSON-lines reader (.jsonl, .jsonl.gz): one record per line, streamed."""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from .decoding import damaged_utf8
from .model import Document, InputError, Problem
from .records import document_from_record


def read_jsonl_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """One JSON object per line (optionally gzipped); a malformed line is reported and skipped."""
    origin = str(path.resolve())
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as lines:
            if lines.peek(2)[:2] in (b"\xff\xfe", b"\xfe\xff"):
                raise InputError("UTF-16 text: save JSON lines as UTF-8")
            for number, raw in enumerate(lines, 1):
                if not raw.strip():
                    continue
                try:
                    record, note = _json_line(raw)
                    doc = document_from_record(record, f"{doc_id}:{number}", origin, number)
                except InputError as e:
                    yield Problem(str(path), number, str(e))
                    continue
                doc.notes[:0] = [note] if note else []
                yield doc
    except (EOFError, gzip.BadGzipFile) as e:
        yield Problem(str(path), 0, f"cannot read compressed file: {e}")


def _json_line(raw: bytes) -> tuple[object, str]:
    try:
        line, note = raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError as e:
        damaged = damaged_utf8(raw, e)
        if damaged is None:
            raise InputError(f"invalid UTF-8 ({e.reason} at byte {e.start})") from None
        line, note = damaged
    try:
        return json.loads(line), note
    except json.JSONDecodeError as e:
        raise InputError(f"malformed JSON: {e.msg} at column {e.colno}") from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply") from None
