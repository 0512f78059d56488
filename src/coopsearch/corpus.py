"""Documents and corpus readers: .txt/.md, .jsonl(.gz) and .csv files, walked recursively.

Readers yield :class:`Document` objects and :class:`Problem` reports; a bad file or
line is reported with its file, line and reason and skipped, everything else is read.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import razdel

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
CSV_SUFFIXES = (".csv",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
# Files that describe a folder rather than being documents; skipped when walking a folder.
_IGNORED_NAMES = re.compile(r"^(readme|license|licence|copying|notice)(\.|$)", re.IGNORECASE)
_KEYS = {
    "id": ("id",),
    "url": ("url",),
    "title": ("title",),
    "text": ("text", "content", "body"),
    "summary": ("summary",),
    "date": ("date", "published"),
    "source": ("source",),
}
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_CYRILLIC_LOWER = re.compile(r"[а-яё]")
TITLE_MAX_CHARS = 200
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass
class Document:
    """One news document with its metadata and extracted entity facets."""

    id: str
    title: str
    text: str
    summary: str = ""
    url: str = ""
    date: str = ""  # ISO YYYY-MM-DD or empty
    source: str = ""
    companies: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    origin: str = ""  # absolute path of the file the document came from


@dataclass(frozen=True)
class Problem:
    """A reported input problem: the file, the line (0 for the whole file) and the reason."""

    file: str
    line: int
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        action = "skipped" if self.skipped else "kept"
        return f"{where}: {self.reason} ({action})"


class InputError(ValueError):
    """A malformed file or record; the message is the reason shown to the user."""


def parse_date(value: object) -> str:
    """Normalize a date (ISO date/datetime, DD.MM.YYYY, epoch seconds) to YYYY-MM-DD."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(value)
    if not isinstance(value, str):
        raise InputError(f"date must be a string, got {type(value).__name__}")
    s = value.strip()
    m = _DMY.match(s)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise InputError(f"unrecognized date {value!r} (use YYYY-MM-DD)") from None


def _from_epoch(value: float) -> str:
    try:
        return datetime.fromtimestamp(value, tz=timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        raise InputError(f"date out of range: {value!r}") from None


def decode_bytes(data: bytes) -> str:
    """Decode text bytes: UTF-8 (BOM allowed), UTF-16 with BOM, else cp1251 or koi8-r by detection."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        utf8_error = e
    best, best_score = None, 0.0
    for encoding in ("cp1251", "koi8_r"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        cyr = len(_CYRILLIC.findall(text))
        letters = sum(c.isalpha() for c in text) or 1
        # Russian prose is mostly lower-case Cyrillic; the wrong 8-bit codec flips case.
        score = (cyr / letters) * (len(_CYRILLIC_LOWER.findall(text)) / (cyr or 1))
        if score > best_score:
            best, best_score = text, score
    if best is None or best_score < 0.7:
        raise InputError(f"not UTF-8, cp1251 or koi8-r text ({utf8_error.reason} at byte {utf8_error.start})")
    return best


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


def document_from_record(record: object, default_id: str, origin: str) -> Document:
    """Build a Document from a JSON/CSV record; raise InputError with the reason if malformed."""
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}")
    text = _text(_pick(record, "text"), "text")
    title = _text(_pick(record, "title"), "title")
    if not text and not title:
        raise InputError("no text (expected one of the keys text, content, body, title)")
    url = _text(_pick(record, "url"), "url")
    return Document(
        id=_text(_pick(record, "id"), "id") or url or default_id,
        title=title or _first_sentence(_first_line(text)),
        text=text,
        summary=_text(_pick(record, "summary"), "summary"),
        url=url,
        date=parse_date(_pick(record, "date")),
        source=_text(_pick(record, "source"), "source"),
        origin=origin,
    )


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def read_text_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """A .txt/.md file is one document: the first non-empty line is the title, the rest the text.

    A first line longer than TITLE_MAX_CHARS is a paragraph, not a title: then the title is its
    first sentence and the text is the whole file.
    """
    data = path.read_bytes()
    if not data.strip():
        raise InputError("empty file")
    text = decode_bytes(data).replace("\r\n", "\n").strip()
    first, _, rest = text.partition("\n")
    title = first.strip().lstrip("#").strip()
    if len(title) > TITLE_MAX_CHARS:
        title, rest = _first_sentence(title), text
    yield Document(id=doc_id, title=title, text=rest.strip() or text, origin=str(path.resolve()))


def _first_sentence(text: str) -> str:
    sentence = next(iter(razdel.sentenize(text))).text.rstrip(".")
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    return sentence[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"


def read_jsonl_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """One JSON object per line (optionally gzipped); a malformed line is reported and skipped."""
    origin = str(path.resolve())
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as lines:
            for number, raw in enumerate(lines, 1):
                if not raw.strip():
                    continue
                try:
                    yield document_from_record(_json_line(raw, number), f"{doc_id}:{number}", origin)
                except InputError as e:
                    yield Problem(str(path), number, str(e))
    except (EOFError, gzip.BadGzipFile) as e:
        yield Problem(str(path), 0, f"cannot read compressed file: {e}")


def _json_line(raw: bytes, number: int) -> object:
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"invalid UTF-8 ({e.reason} at byte {e.start})") from None
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"malformed JSON: {e.msg} at column {e.colno}") from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply") from None


def read_csv_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """A CSV file with a header row of the JSON key names; each row is one document."""
    origin = str(path.resolve())
    text = decode_bytes(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputError("empty file") from None
    known = {name for names in _KEYS.values() for name in names}
    if not known & set(header):
        raise InputError(f"no known columns in header {header!r} (expected e.g. title, text)")
    for row in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Problem(str(path), number, f"expected {len(header)} columns, found {len(row)}")
            continue
        try:
            yield document_from_record(dict(zip(header, row)), f"{doc_id}:{number}", origin)
        except InputError as e:
            yield Problem(str(path), number, str(e))


def _reader_for(path: Path):  # type: ignore[no-untyped-def]
    name = path.name.lower()
    if name.endswith(TEXT_SUFFIXES):
        return read_text_file
    if name.endswith(JSONL_SUFFIXES):
        return read_jsonl_file
    if name.endswith(CSV_SUFFIXES):
        return read_csv_file
    return None


def read_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """Read one file with the reader for its suffix; whole-file problems become one Problem."""
    reader = _reader_for(path)
    if reader is None:
        yield Problem(str(path), 0, f"unsupported file type (supported: {', '.join(SUPPORTED_SUFFIXES)})")
        return
    try:
        yield from reader(path, doc_id)
    except InputError as e:
        yield Problem(str(path), 0, str(e))
    except OSError as e:
        yield Problem(str(path), 0, f"cannot read file: {e.strerror or e}")


def iter_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Files under a path with their relative ids; folders are walked recursively in name order."""
    if not root.is_dir():
        yield root, root.name
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or _IGNORED_NAMES.match(name):
                continue
            path = Path(dirpath) / name
            yield path, path.relative_to(root).as_posix()


def read_paths(paths: Iterable[Path]) -> Iterator[Document | Problem]:
    """Documents and problems from files and folders, in a stable order."""
    for root in paths:
        if not root.exists():
            yield Problem(str(root), 0, "no such file or directory")
            continue
        for path, doc_id in iter_files(root):
            yield from read_file(path, doc_id)
