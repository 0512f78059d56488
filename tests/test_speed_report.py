"""benchmarks/speed.py --merge: one report from the sizes of several runs, each size from one run."""
from __future__ import annotations

import json

from benchmarks.speed import CLASSES, FILTERS, markdown, merge_reports


def _size(p95: float, rate: float) -> dict:
    cell = {"p50": p95 / 2, "p95": p95, "n": 40, "median_hits": 7, "fallback": 0}
    index = {"docs_per_second": rate, "seconds": 1.0, "peak_rss_mb": 1.0, "workers_peak_rss_mb": 1.0, "index_mb": 1.0}
    return {
        "corpus_mb": 1.0,
        "index_coopsearch": index,
        "index_whoosh": {**index, "docs_per_second": 4 * rate},
        "index_rate_ratio": 0.25,
        "latency": {c: {k: dict(cell) for k in FILTERS} for c in CLASSES},
        "cold_first_query_ms": 900.0,
        "throughput": {"clients": 16, "seconds": 20, "requests": 100, "req_per_s": 120.0, "errors": 0, "p50_ms": 1, "p99_ms": 2,
                       "serve_peak_rss_mb": 200.0, "ready_seconds": 1.0},
    }


def _run(tmp_path, name: str, sizes: dict, complete: bool = True):
    report = {"benchmark": "speed", "mode": "full", "started": name, "seconds": 10.0, "command": f"python benchmarks/speed.py # {name}",
              "machine": {"cpu": "x", "cores": 2, "memory": "1 GiB", "os": "Linux", "python": "3.11", "versions": {}},
              "code": {"src_sha1": name, "src_newest": "-"}, "complete": complete, "sizes": sizes}
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    return path


def test_later_runs_replace_sizes_and_each_run_lists_what_it_gave(tmp_path):
    old = _run(tmp_path, "old", {"10000": _size(20.0, 20), "30000": _size(30.0, 21)})
    new = _run(tmp_path, "new", {"10000": _size(12.0, 22)}, complete=False)
    big = _run(tmp_path, "big", {"100000": _size(100.0, 23)})
    merged = merge_reports([old, new, big])
    assert list(merged["sizes"]) == ["10000", "30000", "100000"]
    assert merged["sizes"]["10000"]["latency"]["one word"]["none"]["p95"] == 12.0
    assert [(r["started"], r["sizes"]) for r in merged["runs"]] == [("old", ["30000"]), ("new", ["10000"]), ("big", ["100000"])]
    met = {(t["docs"], t["what"]): t["met"] for t in merged["targets"]}
    assert met[10_000, "p95 one word, none"] and met[100_000, "p95 one word, none"]
    text = markdown(merged, None)
    assert "| 10,000 (run stopped early) | new |" in text and "src sha1 `old`" in text


def test_a_run_whose_sizes_were_all_replaced_is_not_listed(tmp_path):
    first = _run(tmp_path, "first", {"10000": _size(20.0, 20)})
    second = _run(tmp_path, "second", {"10000": _size(10.0, 20)})
    assert [r["started"] for r in merge_reports([first, second])["runs"]] == ["second"]
