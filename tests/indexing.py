"""Helpers for tests that run `coopsearch index` as a process against changing corpus folders."""
from __future__ import annotations

import json
import subprocess
import sys
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


def run_index(corpus: Path, index_dir: Path, *extra: str) -> float:
    """Index to completion (asserting success); the wall time in seconds."""
    started = time.monotonic()
    proc = start_index(corpus, index_dir, *extra)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return time.monotonic() - started


def docset(index_dir: Path) -> dict[str, str]:
    """id → content hash of every document in the live index."""
    return {doc_id: digest for doc_id, (digest, _) in indexed_documents(storage.open_index(index_dir)).items()}
