"""Ingest: files and folders → :class:`Document` objects and :class:`Problem` reports.

A bad file or record is reported with its file, line and reason and skipped; everything else is
read. Modules, each importing only those before it:

- model: Document, Problem, InputError, the size limits of a document
- decoding: bytes → text (BOM, declared charset, UTF-8, Cyrillic code pages); whole files within a cap
- dates: metadata dates; publication dates from datelines and labels in Russian text
- cleaning: the article text without embedded posts, player code, captions, credits, footers
- records: a JSON/CSV record → Document; title rules
- markup: HTML → paragraphs; markup files decoded with their declared charset
- plaintext, jsonl, csvfile, htmlpage, feed: one reader per format
- checks: what every document passes after its reader (limits, cleaning, a dateline date)
- readers: the suffix → reader table, reading one file
- walk: folders walked in a stable order, :func:`read_paths`
"""
from .decoding import decode_bytes
from .model import Document, InputError, Problem
from .readers import SUPPORTED_SUFFIXES, is_feed, read_file
from .walk import iter_files, read_paths

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Document",
    "InputError",
    "Problem",
    "decode_bytes",
    "is_feed",
    "iter_files",
    "read_file",
    "read_paths",
]
