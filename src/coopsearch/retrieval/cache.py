"""Caches of the embedded engine: term postings per snapshot, snapshots per index generation."""
from __future__ import annotations

import contextlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from whoosh.index import EmptyIndexError

from .. import storage
from .reader import SharedReader, latest_generation

if TYPE_CHECKING:
    from .snapshot import Snapshot

Postings = tuple[np.ndarray, np.ndarray]
POSTINGS_CACHE_ENTRIES = 8_000_000  # cached postings (8 bytes each) per snapshot
SNAPSHOTS_KEPT = 2


class PostingsCache:
    """An LRU of term postings bounded by the number of cached entries (docnums)."""

    def __init__(self, capacity: int | None = None) -> None:
        self.capacity = POSTINGS_CACHE_ENTRIES if capacity is None else capacity
        self._items: OrderedDict[tuple[str, str], Postings] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> Postings | None:
        """The cached postings of (field, term), or None."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str, str], value: Postings) -> Postings:
        """Cache postings read after a miss and return what the cache holds for the key (the
        first insert wins when two requests missed the same term at once)."""
        with self._lock:
            held = self._items.get(key)
            if held is not None:
                self._items.move_to_end(key)
                return held
            self._items[key] = value
            self._size += value[0].size
            while self._size > self.capacity and len(self._items) > 1:
                _, (old, _) = self._items.popitem(last=False)
                self._size -= old.size
            return value

    def reset_lock(self) -> None:
        """A fresh lock (in a forked child: a parent's thread may have held the old one)."""
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """Cached entries as counted."""
        return self._size

    def counted_size(self) -> int:
        """Cached entries recounted from the items (equals `size` unless the count drifted)."""
        with self._lock:
            return sum(ids.size for ids, _ in self._items.values())


class SnapshotCache:
    """Snapshots of the latest generations of index directories, owned by an app or a command.

    A snapshot is built outside the cache's lock: while one thread builds the snapshot of a new
    commit, other requests are answered from the generation already open (or wait for the build
    when there is none). Evicted snapshots release their reader; leases keep it open.
    """

    def __init__(self, kept: int = SNAPSHOTS_KEPT, build: Callable[[SharedReader], Snapshot] | None = None) -> None:
        from .snapshot import build_snapshot

        self.kept = kept
        self._build = build or build_snapshot
        self._snapshots: OrderedDict[tuple[str, str, int], Snapshot] = OrderedDict()
        self._building: dict[tuple[str, str, int], threading.Event] = {}
        self._lock = threading.Lock()
        self._finalizer = weakref.finalize(self, _release_all, self._snapshots)  # a cache dropped unclosed

    @contextlib.contextmanager
    def lease(self, index_dir: Path) -> Iterator[Snapshot]:
        """The snapshot of the live generation of `index_dir`, its reader held open meanwhile."""
        snap = self._acquire(index_dir)
        try:
            yield snap
        finally:
            snap.reader.release()

    def _acquire(self, index_dir: Path) -> Snapshot:
        for attempt in range(3):
            try:
                return self._acquire_latest(index_dir)
            except (FileNotFoundError, EmptyIndexError):
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _acquire_latest(self, index_dir: Path) -> Snapshot:
        while True:
            generation = storage.current_generation(index_dir)
            if generation is None:
                raise storage.IndexNotFound(f"no index in {index_dir} (build it with: coopsearch index)")
            key = (str(index_dir), str(generation), latest_generation(str(generation)))
            with self._lock:
                snap = self._snapshots.get(key)
                if snap is not None:
                    self._snapshots.move_to_end(key)
                    snap.reader.acquire()
                    return snap
                building = self._building.get(key)
                if building is None:
                    self._building[key] = threading.Event()
                    break
                older = next((s for k, s in reversed(self._snapshots.items()) if k[0] == key[0]), None)
                if older is not None:  # answer from the generation already open while the next one builds
                    older.reader.acquire()
                    return older
            building.wait()
        return self._build_and_add(key)

    def _build_and_add(self, key: tuple[str, str, int]) -> Snapshot:
        try:
            shared = SharedReader.open_latest(key[1])
            try:
                snap = self._build(shared)
            except BaseException:
                shared.release()
                raise
            with self._lock:
                self._snapshots[(key[0], key[1], shared.generation)] = snap
                snap.reader.acquire()
                while len(self._snapshots) > self.kept:
                    self._snapshots.popitem(last=False)[1].reader.release()
            return snap
        finally:
            with self._lock:
                self._building.pop(key).set()

    def after_fork(self) -> None:
        """In a forked child: fresh locks and own file handles; a snapshot whose files a commit
        deleted meanwhile is dropped (rebuilt on the next request)."""
        self._lock = threading.Lock()
        self._building = {}
        for key, snap in list(self._snapshots.items()):
            try:
                snap.reader.reopen_after_fork()
                snap.postings_cache.reset_lock()
            except FileNotFoundError:
                del self._snapshots[key]

    def close(self) -> None:
        """Release every cached snapshot (leased ones close when their lease ends)."""
        with self._lock:
            self._finalizer()


def _release_all(snapshots: OrderedDict[tuple[str, str, int], Snapshot]) -> None:
    while snapshots:
        snapshots.popitem()[1].reader.release()
