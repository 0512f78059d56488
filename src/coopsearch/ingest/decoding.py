"""Bytes → text: BOMs, declared charsets, UTF-8 (damaged UTF-8 repaired with a note) and
undeclared 8-bit Cyrillic code pages; and reading a whole file within the size cap."""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import NamedTuple

import charset_normalizer

from .model import InputError

CYRILLIC_CODEPAGES = ("cp1251", "koi8_r", "cp866", "iso8859_5")  # candidates for detection
MAX_FILE_BYTES = 64 * 1024 * 1024  # larger pages, feeds and CSV files are refused, not cut (cut markup or tables are broken)
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_CYRILLIC_LOWER = re.compile(r"[а-яё]")


class Decoded(NamedTuple):
    """Decoded text and a note for the user ("" when the bytes were clean)."""

    text: str
    note: str = ""


def read_whole(path: Path) -> bytes:
    """All bytes of a file that is read whole; InputError when it is larger than MAX_FILE_BYTES."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"file of {size:,} bytes is larger than {MAX_FILE_BYTES:,} bytes")
    return path.read_bytes()


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
    damaged = damaged_utf8(data, utf8_error)
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


def damaged_utf8(data: bytes, error: UnicodeDecodeError) -> Decoded | None:
    """UTF-8 with a few invalid bytes, decoded with replacement characters; None if it is not UTF-8.

    Valid multi-byte sequences are next to impossible in 8-bit Cyrillic text, so many of them
    around a few invalid bytes mean damaged UTF-8.
    """
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    if sum(1 for c in text if c > "\x7f") - bad < 10 * bad:
        return None
    return Decoded(text, f"invalid UTF-8 ({error.reason} at byte {error.start}): {bad} character(s) replaced by \ufffd")
