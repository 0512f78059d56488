"""The index directory: Whoosh index generations, an atomic CURRENT pointer and the indexer lock.

Layout of an index directory::

    index/CURRENT          name of the live generation (replaced atomically)
    index/PREVIOUS         name of the generation CURRENT named before the last swap
    index/ix-<stamp>/      a complete Whoosh index; incremental runs commit into it
    index/.indexer.lock    held by the one indexer allowed at a time

`--rebuild` (and the first build) writes a new generation and then flips CURRENT,
so readers always open a complete index; the previous generation is kept until the
next swap for readers that opened it just before.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

POINTER = "CURRENT"
PREVIOUS = "PREVIOUS"
LOCK = ".indexer.lock"
PREFIX = "ix-"
ENV_INDEX = "COOPSEARCH_INDEX"


class IndexNotFound(Exception):
    """There is no built index in the directory."""


class IndexBusy(Exception):
    """Another indexer holds the lock of the index directory."""


def default_index_dir() -> Path:
    """The index directory: $COOPSEARCH_INDEX, else ./index."""
    return Path(os.environ.get(ENV_INDEX) or "index")


def _named_generation(index_dir: Path, pointer: str) -> Path | None:
    """The generation directory a pointer file names, or None."""
    try:
        name = (index_dir / pointer).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = index_dir / name
    return path if name.startswith(PREFIX) and path.is_dir() else None


def current_generation(index_dir: Path) -> Path | None:
    """The live generation directory, or None when nothing was built yet."""
    return _named_generation(index_dir, POINTER)


def open_index(index_dir: Path, readonly: bool = True) -> whoosh_index.Index:
    """Open the live generation of an index directory (read-only by default)."""
    for attempt in range(3):
        generation = current_generation(index_dir)
        if generation is None:
            raise IndexNotFound(f"no index in {index_dir} (build it with: coopsearch index)")
        try:
            return open_generation(generation, readonly)
        except (FileNotFoundError, whoosh_index.EmptyIndexError):
            if attempt == 2:
                raise
            time.sleep(0.05)  # the pointer moved between reading and opening
    raise AssertionError("unreachable")


def open_generation(generation: Path, readonly: bool = True) -> whoosh_index.Index:
    """Open one generation directory as a Whoosh index.

    Without mmap Whoosh opens segment files as plain files (~1 ms); with mmap it copies each
    compound file into a BytesIO on every open (~150 ms at 7k documents).
    """
    return FileStorage(str(generation), supports_mmap=False, readonly=readonly).open_index()


def new_generation(index_dir: Path) -> Path:
    """Create an empty directory for a new index generation."""
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    path = index_dir / f"{PREFIX}{stamp}-{os.getpid()}"
    path.mkdir()
    return path


def _write_pointer(index_dir: Path, pointer: str, generation: Path) -> None:
    """Atomically replace a pointer file with a generation's name."""
    tmp = index_dir / f".{pointer}.{os.getpid()}"
    tmp.write_text(generation.name + "\n", encoding="utf-8")
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, index_dir / pointer)


def publish(index_dir: Path, generation: Path) -> None:
    """Atomically make `generation` the live index, keeping the previous one for open readers
    until the next swap (the one before it is deleted now)."""
    previous = current_generation(index_dir)
    if previous is not None:
        _write_pointer(index_dir, PREVIOUS, previous)
    _write_pointer(index_dir, POINTER, generation)
    remove_stale(index_dir)


def remove_stale(index_dir: Path) -> None:
    """Delete generation directories other than the live and the previous one (left by
    crashes or older swaps)."""
    keep = {g.name for g in (current_generation(index_dir), _named_generation(index_dir, PREVIOUS)) if g}
    for path in index_dir.glob(f"{PREFIX}*"):
        if path.name not in keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def indexer_lock(index_dir: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the index directory's indexer lock; wait up to `timeout` seconds (None: forever)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK, "a+") as f:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if deadline is not None and time.monotonic() >= deadline:
                    raise IndexBusy(f"another indexer is writing {index_dir}; try again later") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
