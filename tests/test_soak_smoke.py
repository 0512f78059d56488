"""benchmarks/soak.py runs end to end in --smoke mode (demo corpus, a few seconds of load, one reindex).

The full soak (`make reliability`: 60 s, 32 clients, RT articles) writes docs/reliability-soak.md.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_soak_smoke_passes(tmp_path):
    out, data = tmp_path / "soak.md", tmp_path / "soak.json"
    cmd = [sys.executable, str(ROOT / "benchmarks" / "soak.py"), "--smoke", "--out", str(out), "--json", str(data)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    result = json.loads(data.read_text(encoding="utf-8"))["result"]
    assert result["passed"] and result["errors"] == 0 and result["requests"] > 0
    assert result["reindex_rounds"] and all(r["exit"] == 0 for r in result["reindex_rounds"])
    assert result["final_matches_corpus"] and result["final_documents"] > result["documents_at_start"]
    assert "**PASSED**" in out.read_text(encoding="utf-8")
