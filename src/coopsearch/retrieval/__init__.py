"""Retrieval: the result contract and the embedded engine (numpy snapshots of Whoosh generations).

Long-lived callers (the web app, a CLI command, benchmarks) keep an :class:`EmbeddedBackend`,
which owns its snapshot cache; :func:`search` and :func:`export` are one-shot conveniences.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..query import SearchRequest
from .embedded import EmbeddedBackend
from .results import FacetValue, Hit, SearchResult, StoredDocument, Suggestion, TimelineBucket

__all__ = [
    "EmbeddedBackend",
    "FacetValue",
    "Hit",
    "SearchResult",
    "StoredDocument",
    "Suggestion",
    "TimelineBucket",
    "export",
    "search",
]


def search(index_dir: Path, request: SearchRequest, snippets: bool = True) -> SearchResult:
    """Run one request against the live index in `index_dir` (builds its snapshot: keep an
    EmbeddedBackend to run many)."""
    with EmbeddedBackend(index_dir) as backend:
        return backend.search(request, snippets)


def export(index_dir: Path, request: SearchRequest, cap: int) -> Iterator[dict]:
    """The whole result set of one request in rank order (at most `cap` documents)."""
    with EmbeddedBackend(index_dir) as backend:
        yield from backend.export(request, cap)
