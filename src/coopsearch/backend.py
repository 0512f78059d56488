"""The backend seam: what the CLI, the web app and the benchmarks ask of a search engine.

The embedded Whoosh/numpy engine implements it (retrieval.EmbeddedBackend); another engine
plugs in behind the same methods without touching the layers above.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from .query import SearchRequest
from .retrieval import EmbeddedBackend, FacetValue, SearchResult, StoredDocument, Suggestion


class Backend(Protocol):
    """A search engine answering the product's requests with the result contract's dataclasses."""

    def search(self, request: SearchRequest, snippets: bool = True) -> SearchResult:
        """One page of results with facet counts and timeline."""
        ...

    def export(self, request: SearchRequest, cap: int) -> Iterator[dict]:
        """The whole result set in rank order (at most `cap` documents), one dict per document."""
        ...

    def suggest(self, text: str, limit: int = 8) -> list[Suggestion]:
        """Completions for the search box."""
        ...

    def document(self, doc_id: str) -> StoredDocument | None:
        """A document by id with its most similar documents, or None."""
        ...

    def facet_values(self, request: SearchRequest, facet: str, contains: str = "") -> list[FacetValue]:
        """Every value of one facet for a request, most documents first."""
        ...

    def warm_up(self) -> None:
        """Prepare what the first request would (before a server forks its workers)."""
        ...

    def after_fork(self) -> None:
        """Called in a forked worker before it serves."""
        ...

    def close(self) -> None:
        """Release what the backend holds."""
        ...


def open_backend(index_dir: Path) -> Backend:
    """The backend for an index location (today: the embedded index in a directory)."""
    return EmbeddedBackend(index_dir)
