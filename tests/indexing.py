"""Helpers for tests that run `coopsearch index` as a process against changing corpus folders."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from coopsearch import storage
from coopsearch.indexer import indexed_documents

ROOT = Path(__file__).resolve().parents[1]


def demo_documents() -> list[dict]:
    """The 122 factRuEval documents of the demo corpus."""
    with open(ROOT / "corpus" / "factrueval-devset.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def write_corpus(folder: Path, docs: list[dict], changed: set[str] = frozenset()) -> Path:
    """One .txt file per document (title line, text); documents in `changed` get an extra sentence."""
    folder.mkdir()
    for d in docs:
        extra = "\nДополнение: соглашение продлено." if d["id"] in changed else ""
        (folder / (d["id"].split("/")[-1] + ".txt")).write_text(f"{d['title']}\n{d['text']}{extra}", encoding="utf-8")
    return folder


def start_index(corpus: Path, index_dir: Path, *extra: str) -> subprocess.Popen:
    """`coopsearch index CORPUS --index DIR --no-ner` as a process (NER does not change what is tested)."""
    cmd = [sys.executable, "-m", "coopsearch", "index", str(corpus), "--index", str(index_dir), "--no-ner", "--no-progress", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_index(corpus: Path, index_dir: Path, *extra: str) -> None:
    """Index to completion (asserting success)."""
    proc = start_index(corpus, index_dir, *extra)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err


class EventedRun:
    """`coopsearch index --events` as a process; a thread collects the steps it reports as they arrive."""

    def __init__(self, corpus: Path, index_dir: Path, *extra: str) -> None:
        self.started = time.monotonic()
        self.proc = start_index(corpus, index_dir, "--events", *extra)
        self.events: list[tuple[str, float]] = [("start", 0.0)]  # (step, seconds from the start until it arrived)
        self.log: list[str] = []  # the other stderr lines (warnings, tracebacks)
        self._closed = False
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._arrived:
                if line.startswith('{"event": '):
                    self.events.append((json.loads(line)["event"], time.monotonic() - self.started))
                else:
                    self.log.append(line)
                self._arrived.notify_all()
        with self._arrived:
            self._closed = True
            self._arrived.notify_all()

    def wait_for(self, count: int, timeout: float) -> bool:
        """Wait until `count` events arrived (the start counts), stderr closed or `timeout` passed; whether they did."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.events) >= count or self._closed, timeout) and len(self.events) >= count

    def finish(self) -> int:
        """Wait for the process to end and its output to be read; its exit code."""
        with self.proc:
            assert self.proc.stdout is not None
            self.proc.stdout.read()
            self._reader.join()
        return self.proc.returncode

    def steps(self) -> list[str]:
        """The steps reported so far, "start" first."""
        with self._arrived:
            return [step for step, _ in self.events]


def docset(index_dir: Path) -> dict[str, str]:
    """id → content hash of every document in the live index."""
    return {doc_id: digest for doc_id, (digest, _) in indexed_documents(storage.open_index(index_dir)).items()}
