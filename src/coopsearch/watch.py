"""Watch files and folders and re-index them incrementally whenever something changes."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .ingest import iter_files
from .indexer import IndexReport, index_paths
from .storage import IndexBusy


def file_states(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """(modification time in ns, size) of every file under `paths`, by path; missing paths are empty."""
    states = {}
    for root in paths:
        if not root.exists():
            continue
        for path, _ in iter_files(root):
            try:
                st = path.stat()
            except OSError:
                continue  # removed while walking: the next round sees it gone
            states[str(path)] = (st.st_mtime_ns, st.st_size)
    return states


def watch(
    paths: list[Path],
    index_dir: Path,
    interval: float,
    on_run: Callable[[IndexReport], None],
    stop: threading.Event | None = None,
    on_busy: Callable[[str], None] = lambda message: None,
    **options: Any,
) -> int:
    """Index `paths` now and again after every change (checked every `interval` seconds) until
    `stop` is set; returns the number of indexing runs. Options go to :func:`index_paths`.

    While another indexer holds the index (a manual `coopsearch index`), a round is reported to
    `on_busy` and retried at the next check instead of blocking the watcher."""
    stop = stop or threading.Event()
    seen: dict[str, tuple[int, int]] | None = None
    runs = 0
    while not stop.is_set():
        current = file_states(paths)
        if current != seen:
            try:
                report = index_paths(paths, index_dir, lock_timeout=0, **options)
            except IndexBusy as e:
                on_busy(str(e))
            else:
                on_run(report)
                runs += 1
                seen = current  # taken before the run: a change made during it triggers the next one
        stop.wait(interval)
    return runs


def stamp() -> str:
    """Local time for log lines, ISO 8601 to the second."""
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")
