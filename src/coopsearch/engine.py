"""Numpy views of one index generation: postings, field lengths, dates and facet columns.

Whoosh stores the index; scoring, filtering and facet counting run on numpy arrays
built from it. Everything here is cached per index generation (generation files never
change), so concurrent requests share one snapshot and a new commit gets a new one.
"""
from __future__ import annotations

import math
import os
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader

from .analysis import lemmas
from .entities.names import name_key
from .schema import FACETS, NO_DAY, TEXT_FIELDS

# BM25F parameters: per-field weight and length normalization, one saturation constant.
FIELD_WEIGHTS = {"title": 2.0, "summary": 1.0, "body": 1.0}
FIELD_B = {"title": 0.5, "summary": 0.75, "body": 0.75}
EXACT_B = 0.75
K1 = 2.0
POSTINGS_CACHE_ENTRIES = 8_000_000  # cached postings (8 bytes each) per snapshot
_SNAPSHOTS_KEPT = 2


@dataclass
class FacetColumn:
    """A multi-valued facet as parallel arrays of (document, value id) entries."""

    values: list[str]
    doc: np.ndarray  # int32 docnum of each entry
    val: np.ndarray  # int32 value id of each entry
    ids: dict[str, int] = field(default_factory=dict)
    _lemma_keys: list[tuple[str, ...]] | None = None
    _totals: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.ids = {v: i for i, v in enumerate(self.values)}  # display values and their variants

    def docs_with(self, value_ids: list[int], n: int) -> np.ndarray:
        """Boolean mask of documents having any of the value ids."""
        mask = np.zeros(n, dtype=bool)
        if value_ids:
            mask[self.doc[np.isin(self.val, value_ids)]] = True
        return mask

    def counts(self, mask: np.ndarray) -> np.ndarray:
        """Number of documents in `mask` per value id."""
        return np.bincount(self.val[mask[self.doc]], minlength=len(self.values))

    def totals(self) -> np.ndarray:
        """Number of documents per value id in the whole index (cached)."""
        if self._totals is None:
            self._totals = np.bincount(self.val, minlength=len(self.values))
        return self._totals

    def lemma_keys(self) -> list[tuple[str, ...]]:
        """Lemma sequence of each value (for matching user-typed values)."""
        if self._lemma_keys is None:
            self._lemma_keys = [tuple(lemmas(v)) for v in self.values]
        return self._lemma_keys


def _leaf_postings(leaf: IndexReader, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """Docnums and weights of a term in one segment, deleted documents included."""
    if (fieldname, term) not in leaf:
        return np.empty(0, np.int32), np.empty(0, np.float32)
    m = leaf.postings(fieldname, term)
    if isinstance(m, FilterMatcher):  # deletions are applied by the snapshot's live mask
        m = m.child
        m.reset()
    if isinstance(m, W3LeafMatcher):
        ids_parts, weight_parts = [], []
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids_parts.append(np.asarray(m._ids, dtype=np.int32))
            weight_parts.append(np.asarray(m._weights, dtype=np.float32))
            m._next_block()
        return np.concatenate(ids_parts), np.concatenate(weight_parts)
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    return np.asarray(ids, np.int32), np.asarray(weights, np.float32)


class Snapshot:
    """Arrays for one index generation; build with :func:`snapshot`."""

    def __init__(self, reader: IndexReader, location: str) -> None:
        self.location = location
        self._generation = (reader.schema, list(reader.segments() or ()), reader.generation())
        self._stored_reader = self._open_stored()
        self._stored_lock = threading.Lock()
        self.n = reader.doc_count_all()
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0
        self._lock = threading.Lock()
        self.live = np.zeros(self.n, dtype=bool)
        self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64, count=-1)] = True
        self.doc_count = int(self.live.sum())
        day = reader.column_reader("day")
        self.day = np.fromiter((day[i] for i in range(self.n)), dtype=np.int32, count=self.n)
        days, inverse = np.unique(self.day, return_inverse=True)
        months = [(d.year * 12 + d.month - 1) if n != NO_DAY else -1 for n, d in ((n, date.fromordinal(max(int(n), 1))) for n in days)]
        self.month = np.asarray(months, dtype=np.int32)[inverse.reshape(-1)]  # year*12 + month-1; -1 undated
        self.norms = {f: self._norm(reader, f, FIELD_B[f]) for f in TEXT_FIELDS}
        self.norms["exact"] = self._norm(reader, "exact", EXACT_B)
        self.facets = {f: self._facet(reader, f) for f in FACETS}
        self.group_keys, self.group = self._groups(reader)
        counts = np.bincount(self.group[self.live], minlength=int(self.group.max(initial=0)) + 1)
        self.grouped = self.live & (counts[self.group] > 1)  # in a near-duplicate group of 2+ live documents

    def _groups(self, reader: IndexReader) -> tuple[np.ndarray, np.ndarray]:
        """Near-duplicate group key per document and a group number per document (documents
        without a key, from an index built before grouping, are groups of their own)."""
        column = reader.column_reader("group") if "group" in reader.schema and reader.has_column("group") else None
        keys = np.array([(column[i] if column is not None else "") or f"\0{i}" for i in range(self.n)], dtype=str)
        _, numbers = np.unique(keys, return_inverse=True)
        return keys, numbers.reshape(-1).astype(np.int32)

    def _norm(self, reader: IndexReader, fieldname: str, b: float) -> np.ndarray:
        lengths = np.fromiter(
            (reader.doc_field_length(i, fieldname) or 0 for i in range(self.n)), dtype=np.float32, count=self.n
        )
        live = lengths[self.live]
        avg = float(live.mean()) if live.size and live.mean() > 0 else 1.0
        return (1.0 - b + b * lengths / avg).astype(np.float32)

    def _facet(self, reader: IndexReader, fieldname: str) -> FacetColumn:
        """Facet values grouped by name key: «АВТОВАЗ» and «АвтоВАЗ» count as one value,
        shown in the spelling most documents use."""
        groups: dict[str, int] = {}
        spellings: list[Counter[str]] = []
        variants: dict[str, int] = {}
        docs, vals = [], []
        if fieldname not in reader.schema:  # an index built before this facet existed
            return FacetColumn([], np.empty(0, np.int32), np.empty(0, np.int32))
        for term in reader.lexicon(fieldname):
            value = term.decode("utf-8") if isinstance(term, bytes) else term
            ids, _ = self.postings(reader, fieldname, value, cache=False)
            ids = ids[self.live[ids]]
            if not ids.size:
                continue
            group = groups.setdefault(name_key(value), len(groups))
            if group == len(spellings):
                spellings.append(Counter())
            spellings[group][value] += ids.size
            variants[value] = group
            docs.append(ids)
            vals.append(np.full(ids.size, group, dtype=np.int32))
        if not docs:
            return FacetColumn([], np.empty(0, np.int32), np.empty(0, np.int32))
        pairs = np.unique(np.concatenate(docs).astype(np.int64) * len(groups) + np.concatenate(vals))
        display = [max(c, key=lambda v: (c[v], v)) for c in spellings]
        column = FacetColumn(display, (pairs // len(groups)).astype(np.int32), (pairs % len(groups)).astype(np.int32))
        column.ids.update(variants)
        return column

    def postings(
        self, reader: IndexReader, fieldname: str, term: str, cache: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, term frequencies) of a term over all segments, read with an open reader of
        this generation; cached (LRU)."""
        key = (fieldname, term)
        with self._lock:
            hit = self._postings.get(key)
            if hit is not None:
                self._postings.move_to_end(key)
                return hit
        leaves = reader.leaf_readers()
        parts = [_leaf_postings(leaf, fieldname, term) for leaf, _ in leaves]
        ids = np.concatenate([p[0] + base for p, (_, base) in zip(parts, leaves)])
        tf = np.concatenate([p[1] for p in parts])
        result = (ids.astype(np.int32, copy=False), tf)
        if cache:
            with self._lock:
                self._postings[key] = result
                self._cached += ids.size
                while self._cached > POSTINGS_CACHE_ENTRIES and len(self._postings) > 1:
                    _, (old, _) = self._postings.popitem(last=False)
                    self._cached -= old.size
        return result

    def bm25f(
        self, reader: IndexReader, term: str, fields: tuple[str, ...] = TEXT_FIELDS
    ) -> tuple[np.ndarray, np.ndarray]:
        """(mask, scores) of documents containing a lemma in any of `fields`, BM25F-scored."""
        tfc = np.zeros(self.n, dtype=np.float32)
        mask = np.zeros(self.n, dtype=bool)
        for f in fields:
            ids, tf = self.postings(reader, f, term)
            if ids.size:
                weight = FIELD_WEIGHTS.get(f, 1.0)
                tfc[ids] += weight * tf / self.norms[f][ids]
                mask[ids] = True
        mask &= self.live
        df = int(mask.sum())
        if not df:
            return mask, tfc
        idf = math.log(1.0 + (self.doc_count - df + 0.5) / (df + 0.5))
        scores = np.where(mask, idf * tfc * (K1 + 1.0) / (K1 + tfc), 0.0).astype(np.float32)
        return mask, scores

    def stored(self, docnum: int) -> dict:
        """Stored fields of a document, from a reader this snapshot keeps open.

        Opening the stored-fields column reads an offset table of every document, so a
        per-request reader would pay O(documents) for ten hits.
        """
        with self._stored_lock:
            return self._stored_reader.stored_fields(docnum)

    def _open_stored(self) -> IndexReader:
        """A reader of exactly this generation's segments (not of whatever generation is latest
        when it opens), kept for stored fields; open file handles outlive later merges."""
        schema, segments, generation = self._generation
        return FileIndex._reader(FileStorage(self.location, supports_mmap=False, readonly=True), schema, segments, generation)

    def reopen(self) -> None:
        """Open own files (after a fork: a parent's file offsets must not be shared)."""
        with self._stored_lock:
            self._stored_reader.close()
            self._stored_reader = self._open_stored()

    def close(self) -> None:
        """Close the stored-fields reader (when the snapshot leaves the cache)."""
        with self._stored_lock:
            self._stored_reader.close()

    def date_mask(self, start: str, end: str) -> np.ndarray:
        """Documents dated within [start, end] (ISO dates, empty = open); undated ones excluded."""
        mask = self.live & (self.day != NO_DAY)
        if start:
            mask &= self.day >= date.fromisoformat(start).toordinal()
        if end:
            mask &= self.day <= date.fromisoformat(end).toordinal()
        return mask


_snapshots: OrderedDict[tuple[str, int], Snapshot] = OrderedDict()
_snapshots_lock = threading.Lock()


def snapshot(reader: IndexReader, location: str) -> Snapshot:
    """The cached snapshot of the reader's index generation (built on first use)."""
    key = (location, reader.generation() or 0)
    with _snapshots_lock:
        snap = _snapshots.get(key)
        if snap is None:
            snap = Snapshot(reader, location)
            _snapshots[key] = snap
            while len(_snapshots) > _SNAPSHOTS_KEPT:
                _snapshots.popitem(last=False)[1].close()
        else:
            _snapshots.move_to_end(key)
        return snap


def _reopen_after_fork() -> None:
    """In a forked child: fresh locks (a thread of the parent may have held one) and own files."""
    global _snapshots_lock
    _snapshots_lock = threading.Lock()
    for snap in _snapshots.values():
        snap._lock = threading.Lock()
        snap._stored_lock = threading.Lock()
        snap.reopen()


os.register_at_fork(after_in_child=_reopen_after_fork)
