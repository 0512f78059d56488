"""Searches during indexing: the library, the CLI and `coopsearch serve` never fail and never show a
half-written index, during an incremental update and during --rebuild; a second indexer waits or stops."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from coopsearch import storage
from coopsearch.query import build_request
from coopsearch.retrieval import search

from . import live
from .indexing import demo_documents, docset, run_index, start_index, write_corpus


def _library(index_dir: Path) -> frozenset[str]:
    return frozenset(h.id for h in search(index_dir, build_request("", {}, limit=1000), snippets=False).hits)


def _cli(index_dir: Path) -> frozenset[str]:
    cmd = [sys.executable, "-m", "coopsearch", "search", "--index", str(index_dir), "--format", "json", "--limit", "1000"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return frozenset(h["id"] for h in json.loads(proc.stdout)["hits"])


def _web(base: str) -> Callable[[Path], frozenset[str]]:
    def get(_: Path) -> frozenset[str]:
        with urllib.request.urlopen(base + "/api/search?limit=1000", timeout=30) as response:
            assert response.status == 200
            return frozenset(h["id"] for h in json.load(response)["hits"])

    return get


class Watcher:
    """Searches in background threads until stopped; records every observed document set and any error."""

    def __init__(self, index_dir: Path, channels: dict[str, Callable[[Path], frozenset[str]]]) -> None:
        self.index_dir, self.channels = index_dir, channels
        self.seen: Counter[tuple[str, frozenset[str]]] = Counter()
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._loop, args=(name,), daemon=True) for name in channels]

    def _loop(self, name: str) -> None:
        while not self.stop.is_set():
            try:
                self.seen[name, self.channels[name](self.index_dir)] += 1
            except Exception as e:  # noqa: BLE001 - any failure is what the test looks for
                self.errors.append(f"{name}: {type(e).__name__}: {e}")

    def __enter__(self) -> Watcher:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(120)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """Three states of one corpus folder and the document ids of each."""
    root = tmp_path_factory.mktemp("concurrency")
    docs = demo_documents()
    states = [docs[:80], docs[10:], docs[30:]]
    changed = [set(), {d["id"] for d in docs[10:20]}, {d["id"] for d in docs[40:50]}]
    return root, docs, states, changed


def _ids(docs: list[dict]) -> frozenset[str]:
    return frozenset(d["id"].split("/")[-1] + ".txt" for d in docs)


def test_searches_during_update_and_rebuild_see_old_or_new_never_half(corpora):
    root, _, states, changed = corpora
    work, index_dir = root / "corpus", root / "index"
    run_index(write_corpus(work, states[0]), index_dir)
    expected = [_ids(s) for s in states]
    with live.server(index_dir, processes=2) as (base, _):
        channels = {"library": _library, "cli": _cli, "web": _web(base)}
        for step, extra in ((1, ()), (2, ("--rebuild",))):
            shutil.rmtree(work)
            write_corpus(work, states[step], changed[step])
            with Watcher(index_dir, channels) as watcher:
                time.sleep(0.5)
                indexer = start_index(work, index_dir, *extra)
                _, err = indexer.communicate(timeout=300)
                deadline = time.monotonic() + 60  # let every channel see the result (a CLI call takes seconds)
                while time.monotonic() < deadline and not all(watcher.seen[name, expected[step]] for name in channels):
                    time.sleep(0.2)
            assert indexer.returncode == 0, err
            assert not watcher.errors, watcher.errors[:5]
            for (name, ids), count in watcher.seen.items():
                assert ids in (expected[step - 1], expected[step]), f"{name} saw a half-written index ({len(ids)} documents)"
            for name in channels:
                assert watcher.seen[name, expected[step]] > 0, f"{name} never saw the new index"
                assert sum(n for (c, _), n in watcher.seen.items() if c == name) >= 2
            assert _library(index_dir) == _cli(index_dir) == _web(base)(index_dir) == expected[step]


def test_second_indexer_waits_or_stops_with_a_message(corpora, tmp_path):
    _, _, states, changed = corpora
    work = write_corpus(tmp_path / "corpus", states[1], changed[1])
    index_dir, clean = tmp_path / "index", tmp_path / "clean"
    run_index(work, clean)
    with storage.indexer_lock(index_dir):  # this test is the first indexer
        impatient = start_index(work, index_dir, "--wait", "0.5")
        _, err = impatient.communicate(timeout=60)
        patient = start_index(work, index_dir)
        time.sleep(3.0)
        assert patient.poll() is None, "the second indexer did not wait for the lock"
    assert impatient.returncode == 1
    assert err.strip() == f"coopsearch: another indexer is writing {index_dir}; try again later"
    out, err = patient.communicate(timeout=300)
    assert patient.returncode == 0, err
    assert out.startswith(f"added {len(states[1])},")
    assert docset(index_dir) == docset(clean)


def test_two_indexers_started_together_both_finish_one_after_the_other(corpora, tmp_path):
    _, _, states, changed = corpora
    work = write_corpus(tmp_path / "corpus", states[1], changed[1])
    index_dir, clean = tmp_path / "index", tmp_path / "clean"
    run_index(work, clean)
    procs = [start_index(work, index_dir), start_index(work, index_dir, "--rebuild")]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    assert docset(index_dir) == docset(clean)
