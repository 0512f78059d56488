"""The embedded backend: Whoosh generations in an index directory, matched, counted and ranked
with numpy snapshots (one process, measured to 100k documents)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from whoosh.searching import Searcher

from ..query import SearchRequest
from ..schema import FACETS
from ..snippets import Snippet, make_snippet
from .cache import SnapshotCache
from .evaluate import evaluate
from .facets import facet_list, facet_values
from .ranking import collapsed, ranked
from .results import FacetValue, Hit, SearchResult, StoredDocument, Suggestion, facet_lists
from .snapshot import Snapshot
from .suggest import suggestions
from .timeline import timeline

SIMILAR_SHOWN = 5


def _hit(snap: Snapshot, docnum: int, score: float, lemmas: set[str], forms: set[str], snippet: bool) -> Hit:
    stored = snap.stored(docnum)
    text = stored.get("body") or stored.get("summary") or ""
    return Hit(
        id=stored["id"],
        title=stored.get("title", ""),
        url=stored.get("url", ""),
        date=stored.get("date", ""),
        source=stored.get("source", ""),
        score=float(score),
        snippet=make_snippet(text, lemmas, forms) if snippet else Snippet(()),
        facets=facet_lists(stored),
        group=stored.get("group") or "",
    )


def run(snap: Snapshot, request: SearchRequest, snippets: bool = True) -> SearchResult:
    """Evaluate a request on a snapshot: one page of hits, facet counts, timeline."""
    e = evaluate(snap, request)
    shown, per_group = collapsed(snap, e.final, e.score, request) if request.collapse and not request.group else (e.final, None)
    top = ranked(snap, shown, e.score, request)
    lemmas, forms = (e.evaluator.lemmas, e.evaluator.forms) if snippets else (set(), set())
    hits = [_hit(snap, int(d), e.score[d], lemmas, forms, snippets) for d in top]
    if per_group is not None:
        for d, hit in zip(top, hits):
            hit.similar = int(per_group[snap.group[d]]) - 1 if snap.grouped[d] else 0
    return SearchResult(
        query=request.q,
        total=int(shown.sum()),
        documents=int(e.final.sum()),
        group=request.group,
        fallback=e.fallback,
        match=e.match,
        hits=hits,
        facets=facet_values(snap, request, e.base, e.masks),
        timeline=timeline(snap, e.matched, request),
        offset=request.offset,
        limit=request.limit,
        sort=request.sort,
        highlight_lemmas=e.evaluator.lemmas,
        highlight_forms=e.evaluator.forms,
    )


def export_row(stored: dict, score: float, lemmas: set[str], forms: set[str]) -> dict:
    """One exported document: its stored fields, score, facet values (under their JSON keys)
    and snippet (plain text)."""
    row = {k: stored.get(k) or "" for k in ("id", "title", "url", "date", "source", "group")}
    row["score"] = round(score, 4)
    row.update({FACETS[name].key: values for name, values in facet_lists(stored).items()})
    row["snippet"] = make_snippet(stored.get("body") or stored.get("summary") or "", lemmas, forms).text()
    return row


class EmbeddedBackend:
    """Search, export, suggestions and documents of the index in `index_dir`.

    Owns a snapshot cache: keep one backend for the life of an app or a command."""

    def __init__(self, index_dir: Path, cache: SnapshotCache | None = None) -> None:
        self.index_dir = Path(index_dir)
        self.cache = cache or SnapshotCache()

    def search(self, request: SearchRequest, snippets: bool = True) -> SearchResult:
        """One page of results (`snippets=False`: hits without snippets, for ranking-only callers)."""
        with self.cache.lease(self.index_dir) as snap:
            return run(snap, request, snippets)

    def export(self, request: SearchRequest, cap: int) -> Iterator[dict]:
        """The whole result set in rank order (at most `cap` documents), with plain-text snippets;
        the generation stays readable until the last row, whatever is committed meanwhile."""
        with self.cache.lease(self.index_dir) as snap:
            e = evaluate(snap, request)
            top = ranked(snap, e.final, e.score, replace(request, offset=0, limit=cap))
            for d in top:
                yield export_row(snap.stored(int(d)), float(e.score[d]), e.evaluator.lemmas, e.evaluator.forms)

    def suggest(self, text: str, limit: int = 8) -> list[Suggestion]:
        """Completions for the search box: facet values, then words."""
        with self.cache.lease(self.index_dir) as snap:
            return suggestions(snap, text, limit)

    def document(self, doc_id: str) -> StoredDocument | None:
        """A document by id with its most similar documents, or None."""
        with self.cache.lease(self.index_dir) as snap, snap.reader.use() as reader:
            searcher = Searcher(reader, closereader=False)
            docnum = searcher.document_number(id=doc_id)
            if docnum is None:
                return None
            stored = reader.stored_fields(docnum)
            similar = [
                {"id": hit["id"], "title": hit["title"]}
                for hit in searcher.more_like(docnum, "body", text=stored.get("body", ""), top=SIMILAR_SHOWN)
            ]
        return StoredDocument.from_stored(stored, similar)

    def facet_values(self, request: SearchRequest, facet: str, contains: str = "") -> list[FacetValue]:
        """Every value of one facet for a request (counted as on the page), most documents first;
        `contains` keeps values containing it (any case)."""
        with self.cache.lease(self.index_dir) as snap:
            e = evaluate(snap, request)
            listed = facet_list(snap, request, facet, e.base, e.masks, limit=len(snap.facets[facet].values))
        needle = contains.casefold()
        return [v for v in listed if needle in v.value.casefold()]

    def warm_up(self) -> None:
        """Build the live generation's snapshot now (before a server forks its workers)."""
        with self.cache.lease(self.index_dir):
            pass

    def after_fork(self) -> None:
        """In a forked worker: own file handles (see SnapshotCache.after_fork)."""
        self.cache.after_fork()

    def close(self) -> None:
        """Release the cached snapshots."""
        self.cache.close()

    def __enter__(self) -> EmbeddedBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
