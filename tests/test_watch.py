"""`coopsearch watch`: re-index on change (added, edited, deleted files), one log line per run, clean stop."""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from coopsearch import storage
from coopsearch.indexer import IndexReport, Pipeline
from coopsearch.query import build_request
from coopsearch.retrieval import search
from coopsearch.watch import file_states, watch

from .conftest import FIXTURES, ROOT

PAGE = ROOT / "corpus" / "formats" / "pages" / "omsk-pavlodar.html"
TEXT = "Договор о поставках\n\nНовосибирская область и Акмолинская область подписали договор о поставках зерна.\n"


def _ids(index_dir: Path) -> set[str]:
    return {h.id for h in search(index_dir, build_request(limit=100, collapse=0)).hits}


def test_file_states_see_additions_edits_and_deletions(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    first = file_states([tmp_path, tmp_path / "missing"])
    assert list(first) == [str(tmp_path / "a.txt")]
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    assert set(file_states([tmp_path])) == {str(tmp_path / "a.txt"), str(tmp_path / "b.txt")}
    (tmp_path / "a.txt").write_text(TEXT + "Ещё абзац.\n", encoding="utf-8")
    assert file_states([tmp_path])[str(tmp_path / "a.txt")] != first[str(tmp_path / "a.txt")]


def test_watch_reindexes_on_change_and_stops(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    index_dir = tmp_path / "index"
    runs: queue.Queue[IndexReport] = queue.Queue()
    stop = threading.Event()
    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(watch([corpus], index_dir, 0.05, runs.put, stop, workers=1, pipeline=Pipeline(ner=False)))
    )
    thread.start()
    try:
        assert runs.get(timeout=60).added == 1
        time.sleep(0.3)
        assert runs.empty()  # nothing changed: no run
        shutil.copy(PAGE, corpus / "page.html")
        assert runs.get(timeout=60).added == 1
        (corpus / "a.txt").unlink()
        report = runs.get(timeout=60)
        assert (report.deleted, report.total) == (1, 1)
        assert _ids(index_dir) == {"page.html"}
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive() and result == [3]


def test_watch_waits_out_another_indexer_and_says_so(tmp_path):
    """While another indexer holds the lock, each round is reported busy and retried; the
    watcher neither blocks nor exits, and indexes once the lock is free."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    index_dir = tmp_path / "index"
    runs: queue.Queue[IndexReport] = queue.Queue()
    busy: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=([corpus], index_dir, 0.05, runs.put, stop),
        kwargs={"on_busy": busy.put, "workers": 1, "pipeline": Pipeline(ner=False)}, daemon=True,
    )
    with storage.indexer_lock(index_dir):
        thread.start()
        assert "another indexer" in busy.get(timeout=30)
        assert "another indexer" in busy.get(timeout=30)  # retried the next round
        assert runs.empty()
    try:
        assert runs.get(timeout=60).added == 1
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_cli_watch_logs_each_run_and_stops_cleanly(tmp_path, sig):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    index_dir = tmp_path / "index"
    log = tmp_path / "stdout.log"
    cmd = [sys.executable, "-m", "coopsearch", "watch", str(corpus), "--index", str(index_dir), "--interval", "0.2", "--no-ner", "--workers", "1"]
    with log.open("w") as out, open(tmp_path / "stderr.log", "w") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env={**os.environ, "PYTHONWARNINGS": "error"})
        try:
            _wait_for(log, 1)
            shutil.copy(PAGE, corpus / "page.html")
            _wait_for(log, 2)
            proc.send_signal(sig)
            code = proc.wait(30)
        finally:
            proc.kill()
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert "added 1, updated 0, unchanged 0" in lines[0] and "added 1, updated 0, unchanged 1" in lines[1]
    assert all(line[:4].isdigit() and "documents in the index" in line for line in lines)  # timestamped, one line per run
    assert code == 0
    assert "stopped" in (tmp_path / "stderr.log").read_text(encoding="utf-8")
    assert _ids(index_dir) == {"a.txt", "page.html"}


def _wait_for(log: Path, lines: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(log.read_text(encoding="utf-8").splitlines()) >= lines:
            return
        time.sleep(0.05)
    raise AssertionError(f"no {lines} summary line(s) in {log}: {log.read_text(encoding='utf-8')!r}")


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_cli_watch_signal_during_a_parallel_run(tmp_path, sig):
    """Ctrl-C cancels the running (2-worker) run, nothing committed; SIGTERM lets it finish. Workers
    must die with the pool even though the main process handles SIGTERM itself (it used to hang)."""
    import json

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    base = [json.loads(line) for line in (FIXTURES / "news.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [{**doc, "id": f"{doc['id']}-{k}", "text": doc["text"] * 20} for k in range(100) for doc in base]
    (corpus / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    index_dir = tmp_path / "index"
    cmd = [sys.executable, "-m", "coopsearch", "watch", str(corpus), "--index", str(index_dir), "--interval", "1", "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.startswith("ix-") for p in index_dir.glob("*")) and time.monotonic() < deadline:
            time.sleep(0.05)  # the fresh generation directory appears when the run starts
        time.sleep(0.5)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    if sig == signal.SIGINT:
        assert out == "" and "stopped (an interrupted run commits nothing" in err
        assert not (index_dir / "CURRENT").exists()  # the first build was cancelled: no index published
    else:
        assert f"added {len(rows)}," in out and "stopped after 1 run(s)" in err
        assert search(index_dir, build_request(limit=0, collapse=0)).documents == len(rows)
