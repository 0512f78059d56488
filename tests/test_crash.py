"""Crash safety: `kill -9` of the indexer at random moments never leaves a broken or half-written index.

After every kill the index opens and shows either the state before the run or the complete new
state (a Whoosh commit and the CURRENT swap are atomic); re-running the same command then
ends with exactly the documents of a clean build. NER is off: the kills target reading, the
worker pool, writing, committing and swapping, which do not depend on the model.
"""
from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest

from coopsearch import storage
from coopsearch.query import build_request
from coopsearch.retrieval import search

from .indexing import demo_documents, docset, run_index, start_index, write_corpus

KILLS = 20  # kills that hit a running indexer, per scenario
SEED = 20261130


def _searchable(index_dir: Path) -> set[str]:
    result = search(index_dir, build_request("", {}, limit=1000), snippets=False)
    assert result.total == len(result.hits)
    return {hit.id for hit in result.hits}


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """A corpus folder before and after a change (10 files deleted, 10 edited, 42 new) and clean builds of both."""
    root = tmp_path_factory.mktemp("crash")
    docs = demo_documents()
    work = root / "corpus"
    clean_before, clean_after = root / "clean-before", root / "clean-after"
    run_index(write_corpus(work, docs[:80]), clean_before)
    shutil.rmtree(work)
    seconds = run_index(write_corpus(work, docs[10:], changed={d["id"] for d in docs[10:20]}), clean_after)
    return root, work, clean_before, clean_after, seconds


def _kill_at_random_moments(states, *extra: str) -> list[float]:
    """Kill `coopsearch index` (updating a copy of the old index) at random moments; check and re-run each time."""
    root, work, clean_before, clean_after, seconds = states
    rng = random.Random(SEED)
    old, new = docset(clean_before), docset(clean_after)
    assert old != new and len(new) == 112
    moments: list[float] = []
    for attempt in range(3 * KILLS):
        if len(moments) == KILLS:
            break
        index_dir = root / f"ix{''.join(extra)}-{attempt}"
        shutil.copytree(clean_before, index_dir)
        delay = rng.uniform(0.0, seconds * 1.1)
        proc = start_index(work, index_dir, *extra)
        time.sleep(delay)
        if proc.poll() is not None:  # finished before the kill: not a kill moment
            proc.communicate()
            continue
        proc.kill()
        proc.communicate()
        moments.append(round(delay, 2))
        state = docset(index_dir)
        assert state in (old, new), f"half-written index after a kill at {delay:.2f} s (seed {SEED})"
        assert _searchable(index_dir) == set(state)
        run_index(work, index_dir, *extra)
        assert docset(index_dir) == new, f"re-run after a kill at {delay:.2f} s differs from a clean build (seed {SEED})"
        generations = [p.name for p in index_dir.glob(f"{storage.PREFIX}*")]
        assert storage.current_generation(index_dir).name in generations and len(generations) <= 2
        shutil.rmtree(index_dir)
    assert len(moments) == KILLS, f"only {len(moments)} kills hit a running indexer"
    assert max(moments) - min(moments) > seconds / 3  # spread over the run, not one instant
    return moments


def test_kill_during_incremental_update(states):
    _kill_at_random_moments(states)


def test_kill_during_rebuild_keeps_the_old_index_live(states):
    _kill_at_random_moments(states, "--rebuild")
