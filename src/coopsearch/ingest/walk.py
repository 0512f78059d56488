"""The folder walk: files and folders → documents and problems, in a stable order."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import Document, Problem
from .readers import read_file

# Files that describe a folder rather than being documents; skipped when walking a folder.
_IGNORED_NAMES = re.compile(r"^(readme|license|licence|copying|notice)(\.|$)", re.IGNORECASE)


def iter_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Files under a path with their relative ids; folders are walked recursively in name order."""
    if not root.is_dir():
        yield root, root.name
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or _IGNORED_NAMES.match(name):
                continue
            path = Path(dirpath) / name
            yield path, path.relative_to(root).as_posix()


def read_paths(paths: Iterable[Path]) -> Iterator[Document | Problem]:
    """Documents and problems from files and folders, in a stable order."""
    for root in paths:
        if not root.exists():
            yield Problem(str(root), 0, "no such file or directory")
            continue
        for path, doc_id in iter_files(root):
            yield from read_file(path, doc_id)
