"""Smoke test of the entity benchmark: `python -m benchmarks.entities --smoke` runs and writes its JSON.

No metric thresholds here: the benchmark measures, the test only checks that it still runs.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COOPSEARCH_SHARED", ROOT.parent / "shared" / "data"))

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def test_entities_benchmark_smoke(tmp_path):
    factrueval = SHARED / "factrueval" / "devset"
    if not factrueval.is_dir():
        pytest.skip(f"needs the factRuEval devset at {factrueval} (shared data is not available here)")
    out = tmp_path / "entities.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.entities", "--smoke", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["mode"] == "smoke"
    for key in ("machine", "summary", "factrueval", "regions", "sectors", "speed", "memory"):
        assert key in res, key
    fr = res["factrueval"]
    for view in ("overlap", "exact", "value"):
        assert set(fr[view]) == {"ORG", "LOC"}
        for metrics in fr[view].values():
            assert {"precision", "recall", "f1"} <= set(metrics)
    assert {"ORG_fp", "ORG_fn", "LOC_fp", "LOC_fn"} <= set(fr["errors"])
    assert res["regions"]["cases"] >= 60
    assert {"accuracy", "failures", "by_category"} <= set(res["regions"])
    if "skipped" not in res["sectors"]:
        assert {"per_sector", "micro", "mapping"} <= set(res["sectors"])
    assert res["memory"]["peak_rss_mib"] > 0
