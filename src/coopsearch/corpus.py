"""Documents and corpus readers: .txt/.md, .jsonl(.gz) and .csv files, walked recursively.

Readers yield :class:`Document` objects and :class:`Problem` reports; a bad file or
line is reported with its file, line and reason and skipped, everything else is read.
"""
from __future__ import annotations

import codecs
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
from typing import NamedTuple

import charset_normalizer
import razdel

from .cleaning import clean_text
from .dates import date_from_text

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
CSV_SUFFIXES = (".csv",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
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
TITLE_MAX_CHARS = 200  # a longer first line of a text file is a paragraph, not a title
MAX_TITLE_CHARS = 1_000  # longer given titles are cut here (with a note)
MAX_TEXT_CHARS = 1_000_000  # longer texts are cut here (with a note): ~150k words, ~12 s of NER
_MAX_TEXT_FILE_BYTES = 4 * MAX_TEXT_CHARS + 4  # a .txt/.md file is read up to this many bytes
CYRILLIC_CODEPAGES = ("cp1251", "koi8_r", "cp866", "iso8859_5")  # candidates for detection
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
    organizations: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    origin: str = ""  # absolute path of the file the document came from
    line: int = 0  # its line in that file (0 for a whole-file document)
    notes: list[str] = field(default_factory=list, repr=False)  # input problems fixed on reading


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


class Decoded(NamedTuple):
    """Decoded text and a note for the user ("" when the bytes were clean)."""

    text: str
    note: str = ""


def decode_bytes(data: bytes, declared: str = "") -> Decoded:
    """Decode text bytes: a BOM (UTF-8/16), else the `declared` charset (HTML meta, XML declaration)
    when the bytes fit it, else UTF-8 (a few invalid bytes are replaced, with a note), else a
    Cyrillic 8-bit code page (cp1251, koi8-r, cp866, iso8859-5) detected with charset-normalizer."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(data.decode("utf-16", errors="replace"))
    if b"\x00" in data[:4096]:
        raise InputError("binary file (contains NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        declared = "utf-8-sig"
    declared_note = ""
    if declared:
        try:
            return Decoded(data.decode(_codec(declared)))
        except LookupError:
            declared_note = f"unknown charset {declared!r} declared; "
        except UnicodeDecodeError:
            declared_note = f"declared charset {declared!r} does not fit the bytes; "
    try:
        text = data.decode("utf-8-sig")
        return Decoded(text, declared_note + "read as UTF-8" if declared_note else "")
    except UnicodeDecodeError as e:
        utf8_error = e
    damaged = _damaged_utf8(data, utf8_error)
    if damaged:
        return Decoded(damaged.text, declared_note + damaged.note)
    match = charset_normalizer.from_bytes(data, cp_isolation=list(CYRILLIC_CODEPAGES)).best()
    text = str(match) if match is not None else ""
    if not text or _cyrillic_score(text) < 0.7:
        raise InputError(f"not UTF-8, cp1251 or koi8-r text ({utf8_error.reason} at byte {utf8_error.start})")
    return Decoded(text, f"{declared_note}read as {match.encoding}" if declared_note else "")


def _codec(name: str) -> str:
    """The Python codec of a declared charset name (LookupError when unknown)."""
    return codecs.lookup(name.strip().strip("'\"")).name


def _cyrillic_score(text: str) -> float:
    """Share of letters that are Cyrillic times the share of those in lower case (prose ≈ 0.9)."""
    cyr = len(_CYRILLIC.findall(text))
    letters = sum(c.isalpha() for c in text) or 1
    return (cyr / letters) * (len(_CYRILLIC_LOWER.findall(text)) / (cyr or 1))


def _damaged_utf8(data: bytes, error: UnicodeDecodeError) -> Decoded | None:
    """UTF-8 with a few invalid bytes, decoded with replacement characters; None if it is not UTF-8.

    Valid multi-byte sequences are next to impossible in 8-bit Cyrillic text, so many of them
    around a few invalid bytes mean damaged UTF-8.
    """
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    if sum(1 for c in text if c > "\x7f") - bad < 10 * bad:
        return None
    return Decoded(text, f"invalid UTF-8 ({error.reason} at byte {error.start}): {bad} character(s) replaced by \ufffd")


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
        title=title or _first_sentence(first_line(text)),
        text=text,
        summary=_text(_pick(record, "summary"), "summary"),
        url=url,
        date=day,
        source=_text(_pick(record, "source"), "source"),
        origin=origin,
        line=line,
        notes=notes,
    )


def date_or_note(value: object, notes: list[str]) -> str:
    """:func:`parse_date` of a metadata date; a bad one gives "" and a note (the document is kept)."""
    try:
        return parse_date(value)
    except InputError as e:
        notes.append(f"{e}; indexed without a date")
        return ""


def first_line(text: str) -> str:
    """The first non-empty line of a text, stripped."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


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
        title, rest = _first_sentence(title), text
    yield Document(id=doc_id, title=title, text=rest.strip() or text, origin=str(path.resolve()), notes=notes)


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
        damaged = _damaged_utf8(raw, e)
        if damaged is None:
            raise InputError(f"invalid UTF-8 ({e.reason} at byte {e.start})") from None
        line, note = damaged
    try:
        return json.loads(line), note
    except json.JSONDecodeError as e:
        raise InputError(f"malformed JSON: {e.msg} at column {e.colno}") from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply") from None


def read_csv_file(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """A CSV file with a header row of the JSON key names; each row is one document."""
    origin = str(path.resolve())
    text, note = decode_bytes(path.read_bytes())
    if note:
        yield Problem(str(path), 0, note, skipped=False)
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
            yield document_from_record(dict(zip(header, row)), f"{doc_id}:{number}", origin, number)
        except InputError as e:
            yield Problem(str(path), number, str(e))


def is_feed(path: str) -> bool:
    """Whether a file name is a feed's (its items stay indexed when they leave the file)."""
    return path.lower().endswith(FEED_SUFFIXES)


def _reader_for(path: Path):  # type: ignore[no-untyped-def]
    from .markup import read_feed_file, read_html_file  # imports trafilatura and feedparser: only when needed

    name = path.name.lower()
    if name.endswith(HTML_SUFFIXES):
        return read_html_file
    if is_feed(name):
        return read_feed_file
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
        for item in reader(path, doc_id):
            if isinstance(item, Document):
                yield from _checked(item, str(path))
            else:
                yield item
    except InputError as e:
        yield Problem(str(path), 0, str(e))
    except OSError as e:
        yield Problem(str(path), 0, f"cannot read file: {e.strerror or e}")


def _checked(doc: Document, file: str) -> Iterator[Document | Problem]:
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
