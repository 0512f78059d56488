"""The timeline of a result set: matching documents per month (per year for long spans)."""
from __future__ import annotations

import calendar
from datetime import date

import numpy as np

from ..query import SearchRequest
from .results import TimelineBucket
from .snapshot import Snapshot

TIMELINE_MONTHS = 120  # longer timelines are shown by year


def timeline(snap: Snapshot, matched: np.ndarray, request: SearchRequest) -> list[TimelineBucket]:
    """Hits per month of the result set without its date range (by year beyond TIMELINE_MONTHS)."""
    months = snap.month[matched & (snap.month >= 0)]
    if not months.size:
        return []
    first, last = int(months.min()), int(months.max())
    by_year = last - first + 1 > TIMELINE_MONTHS
    if by_year:
        months, first, last = months // 12 * 12, first // 12 * 12, last // 12 * 12
    counts = np.bincount(months - first, minlength=last - first + 1)
    buckets = []
    step = 12 if by_year else 1
    for k in range(0, last - first + 1, step):
        year, month = divmod(first + k, 12)
        start = date(year, month + 1, 1)
        end = date(year, 12, 31) if by_year else date(year, month + 1, calendar.monthrange(year, month + 1)[1])
        selected = bool(request.date_from or request.date_to) and (
            (not request.date_from or end.isoformat() >= request.date_from)
            and (not request.date_to or start.isoformat() <= request.date_to)
        )
        period = f"{year}" if by_year else f"{year}-{month + 1:02d}"
        buckets.append(TimelineBucket(period, start.isoformat(), end.isoformat(), int(counts[k]), selected))
    return buckets
