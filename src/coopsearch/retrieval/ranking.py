"""Ordering a result set: by score or date, the top of a page found with a partition, and
near-duplicate groups collapsed into their best-ranked document."""
from __future__ import annotations

import numpy as np

from ..query import SearchRequest
from .snapshot import Snapshot


def _sort_keys(snap: Snapshot, ids: np.ndarray, score: np.ndarray, request: SearchRequest) -> tuple[np.ndarray, np.ndarray]:
    """Primary and secondary sort keys (descending) of documents: score then date, or date then score."""
    if request.sort == "date":
        return snap.day[ids].astype(np.float64), score[ids]
    return score[ids].astype(np.float64), snap.day[ids]


def ranked(snap: Snapshot, mask: np.ndarray, score: np.ndarray, request: SearchRequest) -> np.ndarray:
    """Documents of one page: by score (ties: newest, then index order) or by date.

    Only the documents that can reach the page are sorted: those whose primary key is at
    least the one of the page's last document (found with a partition)."""
    ids = np.flatnonzero(mask)
    wanted = request.offset + request.limit
    if not wanted:
        return ids[:0]
    primary, _ = _sort_keys(snap, ids, score, request)
    if wanted < ids.size // 2:
        threshold = np.partition(primary, ids.size - wanted)[ids.size - wanted]
        ids = ids[primary >= threshold]
    return in_rank_order(snap, ids, score, request)[request.offset : wanted]


def in_rank_order(snap: Snapshot, ids: np.ndarray, score: np.ndarray, request: SearchRequest) -> np.ndarray:
    """Documents sorted as result lists show them (see ranked)."""
    primary, secondary = _sort_keys(snap, ids, score, request)
    return ids[np.lexsort((ids, -secondary, -primary))]


def collapsed(snap: Snapshot, final: np.ndarray, score: np.ndarray, request: SearchRequest) -> tuple[np.ndarray, np.ndarray | None]:
    """`final` with only the best-ranked document of each near-duplicate group, and the matches per
    group number (None when no match belongs to a group of two or more)."""
    ids = np.flatnonzero(final & snap.grouped)
    if not ids.size:
        return final, None
    order = in_rank_order(snap, ids, score, request)
    _, first = np.unique(snap.group[order], return_index=True)
    best = final.copy()
    best[ids] = False
    best[order[first]] = True
    return best, np.bincount(snap.group[ids], minlength=int(snap.group.max()) + 1)
