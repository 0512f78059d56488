"""The re-indexing recipes: scripts/reindex.sh runs and logs one stamped line; the units call real commands."""
from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coopsearch.cli import main

from .conftest import ROOT

SCRIPTS = ROOT / "scripts"
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4} ")


def test_reindex_script_logs_one_stamped_line_per_run(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus" / "formats", corpus)
    (corpus / "bad.jsonl").write_text('{"title": "x"\n', encoding="utf-8")
    env = {**os.environ, "COOPSEARCH_INDEX": str(tmp_path / "index"), "COOPSEARCH_BIN": str(Path(sys.executable).parent / "coopsearch")}
    runs = [subprocess.run(["bash", str(SCRIPTS / "reindex.sh"), str(corpus)], env=env, capture_output=True, text=True, timeout=300) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr
        lines = run.stdout.splitlines()
        assert len(lines) == 1 and STAMP.match(lines[0])
        assert all(STAMP.match(line) for line in run.stderr.splitlines())
        assert "bad.jsonl:1: malformed JSON" in run.stderr
    assert "added 8, updated 0, unchanged 0" in runs[0].stdout and "added 0, updated 0, unchanged 8" in runs[1].stdout


def _unit(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(SCRIPTS / "systemd" / name, encoding="utf-8")
    return unit


@pytest.mark.parametrize(
    ("name", "sections"),
    [
        ("coopsearch-reindex.service", ["Unit", "Service"]),
        ("coopsearch-reindex.timer", ["Unit", "Timer", "Install"]),
        ("coopsearch-watch.service", ["Unit", "Service", "Install"]),
    ],
)
def test_systemd_units_have_their_sections(name, sections):
    assert _unit(name).sections() == sections


@pytest.mark.parametrize(
    "command",
    [
        _unit("coopsearch-reindex.service")["Service"]["ExecStart"],
        _unit("coopsearch-watch.service")["Service"]["ExecStart"],
        next(line for line in (SCRIPTS / "cron" / "coopsearch.cron").read_text(encoding="utf-8").splitlines() if line.startswith("*/")),
    ],
)
def test_recipes_call_existing_commands_and_options(command):
    words = shlex.split(command.split(">>")[0])
    program = next(w for w in words if w.endswith(("reindex.sh", "coopsearch")))
    if program.endswith("reindex.sh"):
        assert os.access(SCRIPTS / "reindex.sh", os.X_OK)
        return
    args = words[words.index(program) + 1 :]
    options = [a for a in args if a.startswith("--")]
    from click.testing import CliRunner

    help_text = CliRunner().invoke(main, [args[0], "--help"]).output
    assert all(o in help_text for o in options)
