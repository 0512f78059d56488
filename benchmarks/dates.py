"""Publication dates from text: the dateline rule against the dates in NG article URLs.

    python benchmarks/dates.py

Nezavisimaya Gazeta URLs carry the publication date (/2017-04-18/). For every NG article this
compares `coopsearch.ingest.dates.date_from_text(title + text)` (datelines, publication labels) with the
URL date, and, as the naive alternative, "the only full date written in the body" (when the body
has exactly one distinct full date). Prints a table; needs ../shared/data/news.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.data import MissingData, news  # noqa: E402
from coopsearch.ingest.dates import date_from_text, dates_in  # noqa: E402

URL_DATE = re.compile(r"/(\d{4})-(\d{2})-(\d{2})/")


def measure(articles) -> dict:
    """Counts for the dateline rule and the only-date-in-body baseline against URL dates."""
    c = {"articles": 0, "with_url_date": 0, "rule_dated": 0, "rule_right": 0, "only_date_dated": 0, "only_date_right": 0}
    for a in articles:
        c["articles"] += 1
        m = URL_DATE.search(a.get("url", ""))
        if not m:
            continue
        truth = "-".join(m.groups())
        c["with_url_date"] += 1
        got = date_from_text(f"{a.get('title', '')}\n{a.get('content', '')}")
        c["rule_dated"] += bool(got)
        c["rule_right"] += got == truth
        body = {iso for _, iso in dates_in(a.get("content", ""))}
        if len(body) == 1:
            c["only_date_dated"] += 1
            c["only_date_right"] += body.pop() == truth
    return c


def main() -> int:
    try:
        c = measure(news("ng"))
    except MissingData as e:
        print(f"benchmarks/dates.py: {e}", file=sys.stderr)
        return 2
    print("| method | NG articles with a URL date | dated | right |")
    print("|---|---:|---:|---:|")
    print(f"| dateline or publication label (coopsearch) | {c['with_url_date']} | {c['rule_dated']} | {c['rule_right']} |")
    print(f"| the only full date in the body | {c['with_url_date']} | {c['only_date_dated']} | {c['only_date_right']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
