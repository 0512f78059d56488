"""The numpy engine over Whoosh generations: snapshots, the postings cache, readers' lifetimes."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from whoosh.reading import ReaderClosed

from coopsearch import storage
from coopsearch.indexer import index_paths
from coopsearch.query import build_request
from coopsearch.retrieval import EmbeddedBackend
from coopsearch.retrieval.cache import PostingsCache, SnapshotCache
from coopsearch.retrieval.reader import SharedReader
from coopsearch.retrieval.snapshot import build_snapshot

WAIT = 60  # seconds a blocked thread is given before the test calls it stuck


def _write(folder: Path, n: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"d{i:03d}.txt").write_text(
            f"Поставки зерна {i}\n\nОмская область отправила в Павлодар партию зерна номер {i}.\n", encoding="utf-8"
        )


@pytest.fixture
def small_index(tmp_path) -> tuple[Path, Path]:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    _write(corpus, 30)
    index_paths([corpus], index_dir, workers=1)
    return corpus, index_dir


def test_export_keeps_reading_while_commits_evict_its_snapshot(small_index):
    """A streamed export reads stored fields after the search; commits during the download
    must not close the reader it reads from."""
    corpus, index_dir = small_index
    backend = EmbeddedBackend(index_dir)
    rows = backend.export(build_request(q="зерно"), cap=100)
    first = next(rows)
    for k in range(3):  # three commits, each searched: its snapshot is built and older ones evicted
        _write(corpus, 1, start=100 + k)
        index_paths([corpus], index_dir, workers=1)
        assert backend.search(build_request(q="зерно", limit=0)).documents == 31 + k
    rest = list(rows)
    assert len(rest) == 29 and {r["id"] for r in [first, *rest]} == {f"d{i:03d}.txt" for i in range(30)}
    assert all(r["title"].startswith("Поставки зерна") for r in rest)
    backend.close()


def test_concurrent_misses_on_one_term_count_its_postings_once(small_index, monkeypatch):
    """Two requests missing the same term at once must not both add its size to the cache."""
    _, index_dir = small_index
    backend = EmbeddedBackend(index_dir)
    backend.warm_up()
    both_missed = threading.Barrier(2, timeout=WAIT)
    get = PostingsCache.get

    def get_then_wait(self, key):
        found = get(self, key)
        if found is None and key[1] == "партия":
            both_missed.wait()
        return found

    monkeypatch.setattr(PostingsCache, "get", get_then_wait)
    threads = [threading.Thread(target=backend.search, args=(build_request(q="партия"),)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT)
    monkeypatch.setattr(PostingsCache, "get", get)
    with backend.cache.lease(index_dir) as snap:
        assert snap.postings_cache.size == snap.postings_cache.counted_size() > 0
    backend.close()


def test_searches_go_on_while_a_new_snapshot_is_built(small_index):
    """Building the snapshot of a new generation (O(documents)) must not stall other searches."""
    corpus, index_dir = small_index
    building, release = threading.Event(), threading.Event()

    def blocked_build(shared: SharedReader):
        if shared.generation > 1:  # the first snapshot builds at once, the next one waits
            building.set()
            assert release.wait(WAIT)
        return build_snapshot(shared)

    backend = EmbeddedBackend(index_dir, SnapshotCache(build=blocked_build))
    assert backend.search(build_request(q="зерно", limit=0)).documents == 30
    _write(corpus, 1, start=200)
    index_paths([corpus], index_dir, workers=1)
    builder = threading.Thread(target=backend.search, args=(build_request(q="зерно"),))
    builder.start()
    assert building.wait(WAIT)
    other: list[int] = []
    searcher = threading.Thread(target=lambda: other.append(backend.search(build_request(q="зерно", limit=0)).documents))
    searcher.start()
    searcher.join(WAIT / 4)
    stalled = searcher.is_alive()
    release.set()
    builder.join(WAIT)
    searcher.join(WAIT)
    assert not stalled, "a search waited for another generation's snapshot to be built"
    assert other == [30]  # answered from the generation already open
    assert backend.search(build_request(q="зерно", limit=0)).documents == 31
    backend.close()


def test_a_snapshot_reads_the_files_its_reader_opened(small_index):
    """Stored fields come from the files the reader opened, not from segment files reopened by
    name later: a commit may delete a merged generation's segment files in between."""
    corpus, index_dir = small_index
    _write(corpus, 1, start=300)
    index_paths([corpus], index_dir, workers=1)  # two segments
    shared = SharedReader.open_latest(str(storage.current_generation(index_dir)))
    writer = storage.open_index(index_dir, readonly=False).writer()
    writer.commit(optimize=True)  # merges the segments and deletes their files
    snap = build_snapshot(shared)
    try:
        assert {snap.stored(d)["id"] for d in range(snap.n)} == {f"d{i:03d}.txt" for i in (*range(30), 300)}
        assert snap.bm25f("зерно")[0].sum() == 31
    finally:
        shared.release()


def test_a_released_reader_refuses_reads(small_index):
    _, index_dir = small_index
    shared = SharedReader.open_latest(str(storage.current_generation(index_dir)))
    shared.acquire()
    shared.release()
    assert not shared.closed
    shared.release()
    assert shared.closed
    with pytest.raises(ReaderClosed):
        with shared.use():
            pass
