"""The ingestion benchmarks run end to end: HTML extraction (fixture pages in the repo) and
near-duplicate grouping (--smoke, needs ../shared/data/news)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.data import MissingData, shared

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str]) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.mark.slow
def test_extraction_benchmark_and_the_reader_on_saved_pages(tmp_path):
    data = tmp_path / "extraction.json"
    _run(["-m", "benchmarks.extraction", "--smoke", "--out", "-", "--json", str(data)])
    report = json.loads(data.read_text(encoding="utf-8"))
    results = {r["name"]: r for r in report["results"]}
    assert {"trafilatura", "readability", "coopsearch reader", "baseline"} <= results.keys()
    reader = results["coopsearch reader"]
    # The pages and their gold texts are fixed files: these are regression checks, not timings.
    assert reader["F1"] >= results["trafilatura"]["F1"] and reader["F1"] >= 0.95
    assert reader["date_rate"] == 1.0 and reader["empty"] == 0


@pytest.mark.slow
@pytest.mark.shared
def test_neardup_benchmark_smoke(tmp_path):
    try:
        shared("news")
    except MissingData as e:
        pytest.skip(f"benchmark data absent: {e}")
    data = tmp_path / "neardup.json"
    _run(["benchmarks/neardup.py", "--smoke", "--json", str(data), "--out", str(tmp_path / "neardup.md")])
    report = json.loads(data.read_text(encoding="utf-8"))
    chosen = report["grouping"]["chosen"]
    assert report["benchmark"] == "neardup" and report["mode"] == "smoke"
    assert {"precision", "recall", "by_level", "identical_text_pairs"} <= chosen.keys()
    assert chosen["planted_pairs"] == report["grouping"]["copies"] > 0
    assert "# Near-duplicate grouping benchmark" in (tmp_path / "neardup.md").read_text(encoding="utf-8")
