"""An immutable numpy view of one index generation: live documents, dates, field norms, facet
columns and near-duplicate groups, with BM25F scoring over cached postings.

Whoosh stores the index; scoring, filtering and facet counting run on these arrays. A snapshot
is built once per generation (generation files never change) and shared by concurrent requests.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

import numpy as np
from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from ..schema import FACETS, NO_DAY, TEXT_FIELDS
from .cache import PostingsCache
from .columns import FacetColumn, read_column
from .reader import SharedReader, read_postings


@dataclass(frozen=True)
class BM25F:
    """BM25F parameters: per-field weight and length normalization, one saturation constant."""

    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({"title": 2.0, "summary": 1.0, "body": 1.0}))
    b: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType({"title": 0.5, "summary": 0.75, "body": 0.75, "exact": 0.75})
    )
    k1: float = 2.0

    def norm(self, lengths: np.ndarray, live: np.ndarray, fieldname: str) -> np.ndarray:
        """Length normalization of a field per document (1 at the average live length)."""
        b = self.b[fieldname]
        kept = lengths[live]
        avg = float(kept.mean()) if kept.size and kept.mean() > 0 else 1.0
        return (1.0 - b + b * lengths / avg).astype(np.float32)

    def score(self, tfc: np.ndarray, mask: np.ndarray, doc_count: int) -> np.ndarray:
        """Scores of documents from their weighted, normalized term frequencies (pure)."""
        df = int(mask.sum())
        if not df:
            return np.zeros_like(tfc)
        idf = math.log(1.0 + (doc_count - df + 0.5) / (df + 0.5))
        return np.where(mask, idf * tfc * (self.k1 + 1.0) / (self.k1 + tfc), 0.0).astype(np.float32)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


@dataclass(frozen=True)
class Snapshot:
    """Arrays of one index generation; build with :func:`build_snapshot`."""

    reader: SharedReader
    bm25: BM25F
    postings_cache: PostingsCache
    n: int  # documents, deleted ones included (docnums are 0..n-1)
    doc_count: int  # live documents
    live: np.ndarray
    day: np.ndarray  # date ordinal per document, NO_DAY when undated
    month: np.ndarray  # year*12 + month-1 per document; -1 undated
    norms: Mapping[str, np.ndarray]
    facets: Mapping[str, FacetColumn]
    group_keys: np.ndarray  # near-duplicate group key per document
    group: np.ndarray  # group number per document
    grouped: np.ndarray  # in a near-duplicate group of 2+ live documents

    @property
    def location(self) -> str:
        """The generation directory."""
        return self.reader.location

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, term frequencies) of a term over all segments; cached (LRU)."""
        key = (fieldname, term)
        hit = self.postings_cache.get(key)
        if hit is not None:
            return hit
        with self.reader.use() as reader:
            found = read_postings(reader, fieldname, term)
        return self.postings_cache.put(key, found)

    def bm25f(self, term: str, fields: tuple[str, ...] = TEXT_FIELDS) -> tuple[np.ndarray, np.ndarray]:
        """(mask, scores) of documents containing a lemma in any of `fields`, BM25F-scored."""
        tfc = np.zeros(self.n, dtype=np.float32)
        mask = np.zeros(self.n, dtype=bool)
        for f in fields:
            ids, tf = self.postings(f, term)
            if ids.size:
                tfc[ids] += self.bm25.weights.get(f, 1.0) * tf / self.norms[f][ids]
                mask[ids] = True
        mask &= self.live
        return mask, self.bm25.score(tfc, mask, self.doc_count)

    def phrase_mask(self, fields: tuple[str, ...], terms: list[str]) -> np.ndarray:
        """Documents with `terms` adjacent and in order in one of `fields`."""
        found = np.zeros(self.n, bool)
        with self.reader.use() as reader:
            searcher = Searcher(reader, closereader=False)
            ids = np.fromiter(searcher.docs_for_query(wq.Or([wq.Phrase(f, terms) for f in fields])), dtype=np.int64)
        found[ids] = True
        return found

    def stored(self, docnum: int) -> dict:
        """Stored fields of a document."""
        with self.reader.use() as reader:
            return reader.stored_fields(docnum)

    def date_mask(self, start: str, end: str) -> np.ndarray:
        """Documents dated within [start, end] (ISO dates, empty = open); undated ones excluded."""
        mask = self.live & (self.day != NO_DAY)
        if start:
            mask &= self.day >= date.fromisoformat(start).toordinal()
        if end:
            mask &= self.day <= date.fromisoformat(end).toordinal()
        return mask


def _months(day: np.ndarray) -> np.ndarray:
    days, inverse = np.unique(day, return_inverse=True)
    months = [(d.year * 12 + d.month - 1) if n != NO_DAY else -1 for n, d in ((n, date.fromordinal(max(int(n), 1))) for n in days)]
    return np.asarray(months, dtype=np.int32)[inverse.reshape(-1)]


def _lengths(reader: IndexReader, n: int, fieldname: str) -> np.ndarray:
    return np.fromiter((reader.doc_field_length(i, fieldname) or 0 for i in range(n)), dtype=np.float32, count=n)


def _groups(reader: IndexReader, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Near-duplicate group key and number per document (documents without a key, from an index
    built before grouping, are groups of their own)."""
    column = reader.column_reader("group") if "group" in reader.schema and reader.has_column("group") else None
    keys = np.array([(column[i] if column is not None else "") or f"\0{i}" for i in range(n)], dtype=str)
    _, numbers = np.unique(keys, return_inverse=True)
    return keys, numbers.reshape(-1).astype(np.int32)


def build_snapshot(shared: SharedReader, bm25: BM25F = BM25F(), postings_capacity: int | None = None) -> Snapshot:
    """Read one generation into arrays (O(documents); done once per generation)."""
    with shared.use() as reader:
        n = reader.doc_count_all()
        live = np.zeros(n, dtype=bool)
        live[np.fromiter(reader.all_doc_ids(), dtype=np.int64, count=-1)] = True
        day_column = reader.column_reader("day")
        day = np.fromiter((day_column[i] for i in range(n)), dtype=np.int32, count=n)
        norms = {f: bm25.norm(_lengths(reader, n, f), live, f) for f in (*TEXT_FIELDS, "exact")}
        facets = {f: read_column(reader, f, live) for f in FACETS}
        group_keys, group = _groups(reader, n)
    counts = np.bincount(group[live], minlength=int(group.max(initial=0)) + 1)
    return Snapshot(
        reader=shared,
        bm25=bm25,
        postings_cache=PostingsCache(postings_capacity),
        n=n,
        doc_count=int(live.sum()),
        live=_frozen(live),
        day=_frozen(day),
        month=_frozen(_months(day)),
        norms=MappingProxyType({f: _frozen(a) for f, a in norms.items()}),
        facets=MappingProxyType(facets),
        group_keys=_frozen(group_keys),
        group=_frozen(group),
        grouped=_frozen(live & (counts[group] > 1)),
    )
