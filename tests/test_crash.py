"""Crash safety: `kill -9` of the indexer at any step never leaves a broken or half-written index.

After every kill the index opens and shows either the state before the run or the complete new
state (a Whoosh commit and the CURRENT swap are atomic); re-running the same command then
ends with exactly the documents of a clean build. The kills follow the steps the indexer reports
(`--events`: open, write, commit, publish, done), not wall-clock guesses, so each one hits a
running indexer whatever the machine's load. NER is off: the kills target start-up, reading, the
worker pool, writing, committing and swapping, which do not depend on the model.
"""
from __future__ import annotations

import bisect
import random
import shutil
import signal
from pathlib import Path

import pytest

from coopsearch import storage
from coopsearch.query import build_request
from coopsearch.retrieval import search

from .indexing import EventedRun, demo_documents, docset, run_index, write_corpus

KILLS = 20  # kills that hit a running indexer, per scenario
MISSES = KILLS  # kills allowed to come too late (the indexer had finished) before the test gives up
SEED = 20261130


def _searchable(index_dir: Path) -> set[str]:
    result = search(index_dir, build_request("", {}, limit=1000), snippets=False)
    assert result.total == len(result.hits)
    return {hit.id for hit in result.hits}


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    """A corpus folder before and after a change (10 files deleted, 10 edited, 42 new) and clean builds of both."""
    root = tmp_path_factory.mktemp("crash")
    docs = demo_documents()
    work = root / "corpus"
    clean_before, clean_after = root / "clean-before", root / "clean-after"
    run_index(write_corpus(work, docs[:80]), clean_before)
    shutil.rmtree(work)
    run_index(write_corpus(work, docs[10:], changed={d["id"] for d in docs[10:20]}), clean_after)
    return root, work, clean_before, clean_after


def _plan(survey: list[tuple[str, float]], rng: random.Random) -> list[tuple[int, float]]:
    """KILLS kill points (event number, seconds after it) along the run `survey` recorded.

    A phase runs from a reported step to the next: first one kill right at an event of each
    phase, then kills at random moments of the surveyed run, each after the last event before it.
    """
    phases = list(dict.fromkeys(step for step, _ in survey[:-1]))  # the last event, "done", ends the run
    plan = [(rng.choice([n for n, (step, _) in enumerate(survey[:-1]) if step == phase]), 0.0) for phase in phases]
    times = [seconds for _, seconds in survey]
    while len(plan) < KILLS:
        moment = rng.uniform(0.0, times[-1])
        event = min(bisect.bisect_right(times, moment), len(times) - 1) - 1
        plan.append((event, moment - times[event]))
    return plan


def _kill(work: Path, index_dir: Path, extra: tuple[str, ...], event: int, delay: float) -> tuple[int, list[str]]:
    """SIGKILL the indexer `delay` s after its event number `event` (or at the next event, if sooner).

    Returns its exit code and every step it reported before it died.
    """
    run = EventedRun(work, index_dir, *extra)
    assert run.wait_for(event + 1, timeout=300), f"the indexer ended before event {event}: {run.steps()} {run.log}"
    run.wait_for(event + 2, timeout=delay)
    run.proc.kill()
    code = run.finish()
    assert code in (0, -signal.SIGKILL), "".join(run.log)
    return code, run.steps()


def _kill_at_reported_steps(states: tuple[Path, Path, Path, Path], *extra: str) -> None:
    """Kill `coopsearch index` (updating a copy of the old index) at its reported steps; check and re-run each time."""
    root, work, clean_before, clean_after = states
    rng = random.Random(SEED)
    old, new = docset(clean_before), docset(clean_after)
    assert old != new and len(new) == 112
    rebuild = "--rebuild" in extra
    swap = "publish" if rebuild else "commit"  # the step after which the new state may be live
    name = f"ix{''.join(extra)}"
    shutil.copytree(clean_before, root / f"{name}-survey")
    survey = EventedRun(work, root / f"{name}-survey", *extra)
    assert survey.finish() == 0, "".join(survey.log)
    assert docset(root / f"{name}-survey") == new
    steps = survey.steps()
    written = 112 if rebuild else 52  # every document, or the 42 new and 10 edited ones
    assert steps == ["start", "open", *["write"] * (written // 16), "commit", *["publish"] * rebuild, "done"]
    landed: list[str] = []
    misses = 0
    for event, delay in _plan(survey.events, rng):
        while True:
            index_dir = root / f"{name}-{len(landed)}-{misses}"
            shutil.copytree(clean_before, index_dir)
            code, reported = _kill(work, index_dir, extra, event, delay)
            where = f"a kill after {reported[-1]!r} (event {len(reported) - 1} of {steps}, seed {SEED})"
            assert reported == steps[: len(reported)], f"unexpected steps {reported}"
            state = docset(index_dir)
            if swap not in reported:
                assert state == old, f"changed index after {where}"
            elif "done" in reported:
                assert state == new, f"old index after {where}"
            else:
                assert state in (old, new), f"half-written index after {where}"
            assert _searchable(index_dir) == set(state)
            run_index(work, index_dir, *extra)
            assert docset(index_dir) == new, f"re-run after {where} differs from a clean build"
            generations = [p.name for p in index_dir.glob(f"{storage.PREFIX}*")]
            assert storage.current_generation(index_dir).name in generations and len(generations) <= 2
            shutil.rmtree(index_dir)
            if code == -signal.SIGKILL and reported[-1] != "done":
                landed.append(reported[-1])
                break
            misses += 1  # the indexer had finished its work: try again, right at the event
            assert misses <= MISSES, (
                f"{misses} kills came after the indexer had finished its work ({len(landed)} of {KILLS} landed in time): "
                "the test follows its events too slowly"
            )
            delay = 0.0
    missing = set(steps[:-1]) - set(landed)
    assert not missing, f"no kill landed in the phase after {sorted(missing)} (kills followed {landed})"


def test_kill_during_incremental_update(states: tuple[Path, Path, Path, Path]) -> None:
    _kill_at_reported_steps(states)


def test_kill_during_rebuild_keeps_the_old_index_live(states: tuple[Path, Path, Path, Path]) -> None:
    _kill_at_reported_steps(states, "--rebuild")
