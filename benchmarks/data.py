"""Benchmark data from ../shared/data (never copied into the repository)."""
from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COOPSEARCH_SHARED", ROOT.parent / "shared" / "data"))


class MissingData(RuntimeError):
    """The shared data directory is not available on this machine."""


def shared(*parts: str) -> Path:
    """A path under the shared data directory; MissingData when it does not exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise MissingData(f"{path} not found (set COOPSEARCH_SHARED to the shared data directory)")
    return path


def timed_indexing(documents: list) -> tuple:
    """(IndexReport, wall seconds) of `coopsearch.indexer.index_documents` of `documents` into a fresh
    temporary index with 2 workers — the full indexing pipeline, as `coopsearch index` runs it."""
    import tempfile
    import time

    from coopsearch.indexer import index_documents

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = index_documents(list(documents), Path(tmp) / "index", workers=2)
        return report, time.perf_counter() - started


def news(source: str) -> Iterator[dict]:
    """Articles of one source ("rt" or "ng") in a stable order: dicts with url, title, summary, content[, keywords]."""
    files = sorted(shared("news").glob(f"{source}-*.jsonl.gz"), key=lambda p: int(p.stem.split("-")[1].split(".")[0]))
    if not files:
        raise MissingData(f"no {source}-*.jsonl.gz in {shared('news')}")
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
