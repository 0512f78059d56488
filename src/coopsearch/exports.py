"""Result rows for downloads: one column set for the CLI's CSV and the web's CSV and JSON."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from .retrieval import Hit
from .schema import FACETS

COLUMNS = ("id", "title", "url", "date", "source", "score", *(f.key for f in FACETS.values()), "group", "snippet")


def hit_row(hit: Hit) -> dict:
    """A hit of a result page as an export row (the snippet as plain text)."""
    row = {k: getattr(hit, k) for k in ("id", "title", "url", "date", "source", "group")}
    row["score"] = round(hit.score, 4)
    row.update({facet.key: hit.facets[name] for name, facet in FACETS.items()})
    row["snippet"] = hit.snippet.text()
    return row


def _cell(value: object) -> object:
    return "; ".join(value) if isinstance(value, list) else value


def csv_chunks(rows: Iterable[dict], columns: tuple[str, ...] = COLUMNS, header: bool = True) -> Iterator[str]:
    """CSV text, one chunk per row (after the header row); list cells joined with «; »."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c, "")) for c in columns])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


def json_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """A JSON array of rows (keys in COLUMNS order), one chunk per row."""
    yield "["
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps({c: row.get(c, "") for c in COLUMNS}, ensure_ascii=False)
    yield "\n]\n"
