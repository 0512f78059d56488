"""Indexing: incremental by content hash, deletions, atomic rebuild, duplicate ids, lock, workers."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from coopsearch import indexer, storage
from coopsearch.indexer import index_paths
from coopsearch.query import build_request
from coopsearch.retrieval import search

from .conftest import FIXTURES


def write(path: Path, title: str, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{text}\n", encoding="utf-8")


def ids(index_dir: Path, q: str = "") -> set[str]:
    return {h.id for h in search(index_dir, build_request(q=q, limit=1000, collapse=0)).hits}


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    write(root / "a.txt", "Павлодарский завод", "Алюминиевый завод в Павлодаре.")
    write(root / "b.txt", "Омские аграрии", "Урожай пшеницы в Омской области.")
    write(root / "sub" / "c.txt", "Новосибирск и Казахстан", "Компания «Элсиб» поставит генераторы.")
    return root


def test_incremental_add_update_delete(tmp_path, corpus):
    index_dir = tmp_path / "index"
    first = index_paths([corpus], index_dir, workers=1)
    assert (first.added, first.updated, first.unchanged, first.deleted, first.total) == (3, 0, 0, 0, 3)
    assert first.rebuilt

    again = index_paths([corpus], index_dir, workers=1)
    assert (again.added, again.updated, again.unchanged, again.deleted) == (0, 0, 3, 0)
    assert not again.rebuilt

    write(corpus / "a.txt", "Павлодарский завод", "Завод в Павлодаре выпускает медь.")
    (corpus / "b.txt").unlink()
    write(corpus / "d.txt", "Астана", "Форум в Астане.")
    changed = index_paths([corpus], index_dir, workers=1)
    assert (changed.added, changed.updated, changed.unchanged, changed.deleted, changed.total) == (1, 1, 1, 1, 3)
    assert ids(index_dir) == {"a.txt", "sub/c.txt", "d.txt"}
    assert ids(index_dir, "медь") == {"a.txt"}
    assert ids(index_dir, "алюминиевый") == set()
    assert ids(index_dir, "пшеница") == set()


def test_summary_line(tmp_path, corpus):
    report = index_paths([corpus], tmp_path / "index", workers=1)
    line = report.summary()
    assert line.startswith("added 3, updated 0, unchanged 0, deleted 0, skipped 0, warnings 0, undated 3, near-duplicates 0; 3 documents in the index;")
    assert "docs/s" in line


def test_other_folders_are_kept_but_vanished_files_removed(tmp_path, corpus):
    index_dir = tmp_path / "index"
    other = tmp_path / "other"
    write(other / "x.txt", "Другая папка", "Текст о Казахстане.")
    index_paths([corpus], index_dir, workers=1)
    report = index_paths([other], index_dir, workers=1)
    assert report.added == 1 and report.deleted == 0
    assert ids(index_dir) == {"a.txt", "b.txt", "sub/c.txt", "x.txt"}
    (corpus / "b.txt").unlink()
    report = index_paths([other], index_dir, workers=1)
    assert report.deleted == 1 and ids(index_dir) == {"a.txt", "sub/c.txt", "x.txt"}


def test_rebuild_swaps_atomically_and_old_readers_keep_working(tmp_path, corpus):
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir, workers=1)
    old_generation = storage.current_generation(index_dir)
    old_ix = storage.open_index(index_dir)
    old_searcher = old_ix.searcher()
    (corpus / "b.txt").unlink()
    report = index_paths([corpus], index_dir, rebuild=True, workers=1)
    assert report.rebuilt and report.added == 2 and report.total == 2
    new_generation = storage.current_generation(index_dir)
    assert new_generation != old_generation
    assert old_generation.exists()  # kept for readers that opened it before the swap
    assert ids(index_dir) == {"a.txt", "sub/c.txt"}
    # a searcher opened before the swap still reads the old, complete generation
    assert old_searcher.doc_count() == 3
    assert old_searcher.document(id="b.txt")["title"] == "Омские аграрии"
    old_searcher.close()
    # an incremental run keeps it; crash leftovers go
    leftover = storage.new_generation(index_dir)
    (corpus / "d.txt").write_text("Новый документ\n\nТекст.\n", encoding="utf-8")
    assert index_paths([corpus], index_dir, workers=1).added == 1
    assert old_generation.exists() and not leftover.exists()
    # the next swap removes the generation before the previous one
    index_paths([corpus], index_dir, rebuild=True, workers=1)
    assert not old_generation.exists() and new_generation.exists()


def boom(prepared, group):
    raise RuntimeError("disk on fire")


def test_failed_build_publishes_nothing(tmp_path, corpus, monkeypatch):
    index_dir = tmp_path / "index"
    monkeypatch.setattr(indexer, "_fields", boom)
    with pytest.raises(RuntimeError):
        index_paths([corpus], index_dir, workers=1)
    assert storage.current_generation(index_dir) is None
    assert not list(index_dir.glob("ix-*"))


def test_failed_update_keeps_the_previous_index(tmp_path, corpus, monkeypatch):
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir, workers=1)
    write(corpus / "a.txt", "Изменено", "Новый текст.")
    monkeypatch.setattr(indexer, "_fields", boom)
    with pytest.raises(RuntimeError):
        index_paths([corpus], index_dir, workers=1)
    monkeypatch.undo()
    assert ids(index_dir) == {"a.txt", "b.txt", "sub/c.txt"}
    assert ids(index_dir, "алюминиевый") == {"a.txt"}
    report = index_paths([corpus], index_dir, workers=1)
    assert report.updated == 1 and ids(index_dir, "новый") == {"a.txt"}


def test_duplicate_ids_are_reported_and_first_kept(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    rows = [{"id": "same", "title": "Первый", "text": "Первый текст"}, {"id": "same", "title": "Второй", "text": "Второй текст"}]
    (root / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    report = index_paths([root], tmp_path / "index", workers=1)
    assert report.added == 1 and report.skipped == 1
    assert "duplicate id 'same'" in report.problems[0].reason
    assert [h.title for h in search(tmp_path / "index", build_request(q="")).hits] == ["Первый"]


def test_second_indexer_waits_or_stops_with_a_message(tmp_path, corpus):
    index_dir = tmp_path / "index"
    with storage.indexer_lock(index_dir):
        with pytest.raises(storage.IndexBusy, match="another indexer"):
            index_paths([corpus], index_dir, workers=1, lock_timeout=0.3)
        done = []
        waiter = threading.Thread(target=lambda: done.append(index_paths([corpus], index_dir, workers=1, lock_timeout=30)))
        waiter.start()
        waiter.join(0.5)
        assert waiter.is_alive() and not done  # waiting for the lock
    waiter.join(30)
    assert done and done[0].added == 3


def test_parallel_workers_build_the_same_index(tmp_path):
    root = tmp_path / "many"
    root.mkdir()
    base = [json.loads(line) for line in (FIXTURES / "news.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [{**doc, "id": f"{doc['id']}-{k}"} for k in range(12) for doc in base]
    assert len(rows) >= indexer.PARALLEL_MIN_DOCS
    (root / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    one = index_paths([root], tmp_path / "one", workers=1)
    two = index_paths([root], tmp_path / "two", workers=2)
    assert one.added == two.added == len(rows)

    def facets(index_dir):
        result = search(index_dir, build_request(q="", limit=1000, collapse=0))
        return {h.id: (h.facets["company"], h.facets["region"], h.facets["country"], h.facets["sector"], h.group) for h in result.hits}

    assert facets(tmp_path / "one") == facets(tmp_path / "two")
    assert ids(tmp_path / "two", "пшеница") == {f"n3-{k}" for k in range(12)}
    short = search(tmp_path / "two", build_request(q="пшеница"))  # copies of a text under 40 shingles: never grouped
    assert (short.total, short.documents) == (12, 12)


def test_index_documents_directly(tmp_path):
    from coopsearch.ingest import Document
    from coopsearch.indexer import index_documents

    docs = [Document(id=f"d{k}", title="", text=f"Текст номер {k} о Павлодаре.") for k in range(3)]
    report = index_documents(docs, tmp_path / "index", workers=1)
    assert report.added == 3
    assert ids(tmp_path / "index", "Павлодар") == {"d0", "d1", "d2"}
    # documents without an origin file are never deleted as "vanished"
    again = index_documents(docs[:1], tmp_path / "index", workers=1)
    assert (again.unchanged, again.deleted, again.total) == (1, 0, 3)


def test_copies_leave_a_story_edited_into_another(tmp_path):
    """The group of a story's reprints is not keyed by a member: editing that member into an
    unrelated story takes it out of the group and leaves the reprints grouped together."""
    from .test_neardup import OTHER, REPRINT, STORY

    root, index_dir = tmp_path / "corpus", tmp_path / "index"
    for name, text in (("a", STORY), ("b", REPRINT), ("c", REPRINT + " Подробности позже.")):
        write(root / f"{name}.txt", "Соглашение Омской и Павлодарской областей", text)
    index_paths([root], index_dir, workers=1)
    groups = {h.id: h.group for h in search(index_dir, build_request(limit=10, collapse=0)).hits}
    assert groups["a.txt"] == groups["b.txt"] == groups["c.txt"]

    write(root / "a.txt", "Молочный форум в Новосибирске", OTHER)
    assert index_paths([root], index_dir, workers=1).updated == 1
    hits = {h.id: h for h in search(index_dir, build_request(limit=10)).hits}
    assert hits["a.txt"].similar == 0
    reprint = hits.get("b.txt") or hits["c.txt"]
    assert reprint.similar == 1 and reprint.group != hits["a.txt"].group


def test_extraction_uses_the_pipeline_aliases_not_the_environment(tmp_path, corpus, monkeypatch):
    """The pipeline signature hashes Pipeline.aliases, so only that file may change extraction."""
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("Элсиб Холдинг\tcompany\tЭлсиб\n", encoding="utf-8")
    monkeypatch.setenv("COOPSEARCH_ALIASES", str(aliases))
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir, workers=1, pipeline=indexer.Pipeline(ner=False))
    [hit] = search(index_dir, build_request(q="генераторы")).hits
    assert hit.facets["company"] == ["Элсиб"]
    report = index_paths([corpus], index_dir, workers=1, pipeline=indexer.Pipeline(ner=False, aliases=str(aliases)))
    assert report.updated == 3
    [hit] = search(index_dir, build_request(q="генераторы")).hits
    assert hit.facets["company"] == ["Элсиб Холдинг"]
