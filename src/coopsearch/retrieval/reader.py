"""One Whoosh reader of one index generation: shared by threads, reference-counted, read under a lock."""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader, ReaderClosed

INDEX_NAME = "MAIN"  # Whoosh's default index name


class SharedReader:
    """The reader of one generation, opened once; every read goes through :meth:`use`.

    A snapshot reads stored fields and postings from the files this reader opened, never
    reopens segment files by name (a commit may delete those of a merged generation). The
    snapshot cache holds one reference; whoever reads after leaving the cache (a streamed
    export) holds another; the files close when the last one is released.
    """

    def __init__(self, location: str, toc: TOC) -> None:
        self.location = location
        self.generation: int = toc.generation
        self._toc = toc
        self._reader: IndexReader = self._open()
        self._lock = threading.Lock()
        self._refs = 1

    @classmethod
    def open_latest(cls, location: str) -> SharedReader:
        """Open the latest generation of the Whoosh index in `location`."""
        store = FileStorage(location, supports_mmap=False, readonly=True)
        return cls(location, TOC.read(store, INDEX_NAME))

    def _open(self) -> IndexReader:
        store = FileStorage(self.location, supports_mmap=False, readonly=True)
        return FileIndex._reader(store, self._toc.schema, list(self._toc.segments), self._toc.generation)

    @contextlib.contextmanager
    def use(self) -> Iterator[IndexReader]:
        """The open reader, exclusively (Whoosh readers seek shared file handles)."""
        with self._lock:
            if not self._refs:
                raise ReaderClosed(f"generation {self.generation} of {self.location} is closed")
            yield self._reader

    def acquire(self) -> None:
        """Take a reference (the reader stays open until every reference is released)."""
        with self._lock:
            if not self._refs:
                raise ReaderClosed(f"generation {self.generation} of {self.location} is closed")
            self._refs += 1

    def release(self) -> None:
        """Drop a reference; the last one closes the files."""
        with self._lock:
            self._refs -= 1
            if not self._refs:
                self._reader.close()

    @property
    def closed(self) -> bool:
        """Whether every reference was released."""
        return not self._refs

    def reopen_after_fork(self) -> None:
        """In a forked child: a fresh lock and own file handles (offsets must not be shared with
        the parent); raises FileNotFoundError when a commit deleted the generation's files."""
        self._lock = threading.Lock()
        self._reader = self._open()


def latest_generation(location: str) -> int:
    """The number of the latest commit of the Whoosh index in `location` (a directory listing)."""
    return TOC._latest_generation(FileStorage(location, supports_mmap=False, readonly=True), INDEX_NAME)


def leaf_postings(leaf: IndexReader, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
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


def read_postings(reader: IndexReader, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, term frequencies) of a term over all segments of an open reader."""
    leaves = reader.leaf_readers()
    parts = [leaf_postings(leaf, fieldname, term) for leaf, _ in leaves]
    if not parts:
        return np.empty(0, np.int32), np.empty(0, np.float32)
    ids = np.concatenate([p[0] + base for p, (_, base) in zip(parts, leaves)])
    tf = np.concatenate([p[1] for p in parts])
    return ids.astype(np.int32, copy=False), tf
