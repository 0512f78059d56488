"""The benchmark scripts run end to end in --smoke mode and write the expected JSON keys.

No timing or quality assertions: this only checks that benchmarks/relevance.py and
benchmarks/speed.py still work against the current code. Needs ../shared/data/news.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.data import MissingData, shared

ROOT = Path(__file__).resolve().parents[1]


def _news_available() -> str:
    try:
        shared("news")
    except MissingData as e:
        return str(e)
    return ""


_MISSING = _news_available()
pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(bool(_MISSING), reason=f"benchmark data absent: {_MISSING}"),
]


def _start(script: str, tmp_path: Path) -> tuple[subprocess.Popen, Path, Path]:
    out, data = tmp_path / f"{script}.md", tmp_path / f"{script}.json"
    cmd = [sys.executable, str(ROOT / "benchmarks" / f"{script}.py"), "--smoke", "--out", str(out), "--json", str(data), "--workdir", str(tmp_path)]
    env = {**os.environ, "MPLBACKEND": "Agg"}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc, out, data


def _finish(proc: subprocess.Popen, timeout: float = 110) -> None:
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        pytest.fail(f"{proc.args} did not finish in {timeout} s:\n{stderr[-3000:]}")
    assert proc.returncode == 0, f"{proc.args} exited {proc.returncode}:\n{stderr[-3000:]}"
    assert stdout.strip(), "no summary table printed"


def test_benchmark_scripts_smoke(tmp_path):
    # Both scripts at once: each is mostly single-threaded, and together they stay well under 2 minutes.
    (tmp_path / "relevance").mkdir()
    (tmp_path / "speed").mkdir()
    relevance, rel_md, rel_json = _start("relevance", tmp_path / "relevance")
    speed, speed_md, speed_json = _start("speed", tmp_path / "speed")
    _finish(relevance)
    _finish(speed)

    rel = json.loads(rel_json.read_text(encoding="utf-8"))
    assert rel["benchmark"] == "relevance" and rel["mode"] == "smoke"
    assert {"machine", "command", "tasks", "results", "reference"} <= rel.keys()
    assert set(rel["results"]) == {"coopsearch", "whoosh-plain", "whoosh-snowball"}
    for name, res in rel["results"].items():
        assert {"mrr@10", "success@10", "latency_ms", "errors"} <= res["known_item"].keys(), name
        assert {"ndcg@10", "map@100", "errors"} <= res["keywords"].keys(), name
        assert {"mrr@10", "success@10"} <= res["ng_known_item"].keys(), name
        assert res["known_item"]["queries"] > 0 and res["keywords"]["queries"] > 0
    assert {"p50", "p95"} <= rel["results"]["coopsearch"]["known_item"]["latency_ms"].keys()
    assert "changed_by_cleaning" in rel["tasks"]["known_item"]
    assert "# Relevance benchmark" in rel_md.read_text(encoding="utf-8")

    sp = json.loads(speed_json.read_text(encoding="utf-8"))
    assert sp["benchmark"] == "speed" and sp["mode"] == "smoke"
    assert {"machine", "command", "sizes", "targets"} <= sp.keys()
    for size in sp["sizes"].values():
        assert {"docs_per_second", "peak_rss_mb", "index_mb"} <= size["index_coopsearch"].keys()
        assert {"docs_per_second", "peak_rss_mb"} <= size["index_whoosh"].keys()
        assert "index_rate_ratio" in size
        assert set(size["latency"]) == {"one word", "three words", "phrase", "15-word title"}
        for cls in size["latency"].values():
            assert set(cls) == {"none", "1 facet", "2 facets"}
            assert all({"p50", "p95"} <= cell.keys() for cell in cls.values())
        assert {"req_per_s", "errors", "p50_ms", "p99_ms", "serve_peak_rss_mb"} <= size["throughput"].keys()
        assert size["throughput"]["requests"] > 0
    assert "# Speed benchmark" in speed_md.read_text(encoding="utf-8")
