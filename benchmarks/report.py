"""What every benchmark report states: the machine, the command and the code measured."""
from __future__ import annotations

import hashlib
import json
import os
import platform
import shlex
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def machine() -> dict:
    """CPU, cores, memory, OS, Python and the versions of the packages that matter."""
    cpu = platform.processor() or platform.machine()
    mem = ""
    try:
        cpu = next(
            (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
            cpu,
        )
        kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    versions = {}
    for dist in ("coopsearch", "whoosh3", "pymorphy3", "numpy", "slovnet"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "?"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": versions,
    }


def code_fingerprint() -> dict:
    """Which coopsearch code was measured: a hash of src/coopsearch and its newest file time."""
    import coopsearch

    root = Path(coopsearch.__file__).resolve().parent
    digest, newest = hashlib.sha1(), 0.0
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
        newest = max(newest, path.stat().st_mtime)
    return {"src_sha1": digest.hexdigest()[:12], "src_newest": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(newest))}


def command_line() -> str:
    """The command that produced the results, relative to the repository root."""
    script = Path(sys.argv[0]).resolve()
    try:
        script = script.relative_to(ROOT)
    except ValueError:
        pass
    return shlex.join(["python", str(script), *sys.argv[1:]])


def machine_line(m: dict) -> str:
    """One sentence describing the machine."""
    versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items())
    return f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']} RAM, {m['os']}, Python {m['python']}; {versions}."


def code_line(code: dict, changed_note: str = "") -> str:
    """One sentence naming the code measured, and whether it changed during the run."""
    changed = f" (**src changed during the run**{changed_note})" if code.get("changed_during_run") else ""
    return f"Code measured: src/coopsearch sha1 `{code['src_sha1']}`, newest file {code['src_newest']}{changed}."


@dataclass
class RunStart:
    """When a benchmark run started and which code it started on; `header()` opens its report."""

    benchmark: str
    mode: str
    wall: str = field(default_factory=lambda: time.strftime("%Y-%m-%d %H:%M"))
    clock: float = field(default_factory=time.perf_counter)
    code: dict = field(default_factory=code_fingerprint)

    def header(self) -> dict:
        """benchmark, mode, start, seconds so far, command, machine, and the code (changed since the start?)."""
        return {
            "benchmark": self.benchmark,
            "mode": self.mode,
            "started": self.wall,
            "seconds": round(time.perf_counter() - self.clock, 1),
            "command": command_line(),
            "machine": machine(),
            "code": {**self.code, "changed_during_run": code_fingerprint() != self.code},
        }


def write_report(report: dict, json_path: Path | None, md_path: Path | None, markdown: str) -> None:
    """Write a report's JSON and its markdown to the paths given (folders created)."""
    for path, text in ((json_path, json.dumps(report, ensure_ascii=False, indent=2) + "\n"), (md_path, markdown)):
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
