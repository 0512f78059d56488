"""Soak test: `coopsearch serve` under concurrent load while incremental reindexes run.

1. A corpus folder of JSON-lines batch files (RT articles from ../shared/data when present, else
   the demo corpus) is indexed with ``coopsearch index`` (full pipeline, NER on).
2. ``coopsearch serve --processes 2`` answers ``--clients`` threads hitting /api/search (varied
   one-word … 15-word queries, with and without facet filters) for ``--seconds``.
3. Meanwhile, every ``--reindex-every`` seconds the corpus changes (one batch edited, one added,
   every third round one removed) and ``coopsearch index`` updates the live index.
4. Every second the resident memory of the server processes is sampled.

Pass: 0 failed requests, every reindex succeeds, the final index holds exactly the corpus
documents, and serving memory is flat (median of the last third of the samples within 10 % of
the median of the first third).

    python benchmarks/soak.py [--seconds 60] [--clients 32] [--smoke] [--out FILE.md] [--json FILE.json]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.data import MissingData, news  # noqa: E402
from benchmarks.load import hammer, serving, status_kb  # noqa: E402
from benchmarks.relevance import percentile  # noqa: E402
from benchmarks.report import RunStart, code_line, machine_line, write_report  # noqa: E402
from benchmarks.speed import api_urls, facet_values, make_queries  # noqa: E402
from coopsearch import storage  # noqa: E402
from coopsearch.indexer import indexed_documents  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261130
BATCH = 50
MEMORY_GROWTH_LIMIT = 0.10
MODES = {
    "full": {"seconds": 60.0, "clients": 32, "docs": 1500, "reindex_every": 10.0},
    "smoke": {"seconds": 6.0, "clients": 4, "docs": 0, "reindex_every": 2.0},
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def articles(n: int) -> list[dict]:
    """`n` RT articles (or the demo corpus when n is 0 or the shared data is missing) as records."""
    if n:
        try:
            return [{"id": a["url"], "title": a["title"], "summary": a["summary"], "text": a["content"]} for a, _ in zip(news("rt"), range(n))]
        except MissingData as e:
            log(f"soak: {e}; using the demo corpus")
    with open(ROOT / "corpus" / "factrueval-devset.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


class Corpus:
    """A folder of batch files that changes round by round; knows which ids it holds."""

    def __init__(self, folder: Path, docs: list[dict], batch: int) -> None:
        self.folder, self.batch = folder, batch
        self.pending = [docs[i : i + batch] for i in range(0, len(docs), batch)]
        self.live: dict[str, list[dict]] = {}
        self.files = 0
        folder.mkdir(parents=True)
        for _ in range(max(1, len(self.pending) * 2 // 3)):
            self.add()

    def _write(self, name: str, docs: list[dict]) -> None:
        self.live[name] = docs
        with open(self.folder / name, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)

    def add(self) -> str:
        """Write the next unused batch as a new file (or nothing when all are used)."""
        if not self.pending:
            return "no batch left to add"
        self.files += 1
        name = f"batch-{self.files:04d}.jsonl"
        self._write(name, self.pending.pop(0))
        return f"added {name}"

    def change(self, round_no: int) -> str:
        """One round of changes: edit the oldest batch, add one, and every third round remove one."""
        names = sorted(self.live)
        edited = [dict(d, text=d["text"] + f"\nОбновление {round_no}: соглашение продлено.") for d in self.live[names[0]]]
        self._write(names[0], edited)
        done = [f"edited {names[0]}", self.add()]
        if round_no % 3 == 0 and len(self.live) > 2:
            gone = sorted(self.live)[1]
            (self.folder / gone).unlink()
            del self.live[gone]
            done.append(f"removed {gone}")
        return ", ".join(done)

    def ids(self) -> set[str]:
        """The ids of all documents in the folder now."""
        return {d["id"] for docs in self.live.values() for d in docs}


def index(folder: Path, index_dir: Path) -> tuple[int, float, str]:
    """Run `coopsearch index` (full pipeline); exit code, seconds and its summary line."""
    started = time.monotonic()
    cmd = [sys.executable, "-m", "coopsearch", "index", str(folder), "--index", str(index_dir), "--no-progress"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    lines = (proc.stdout.strip() or proc.stderr.strip() or "?").splitlines()
    return proc.returncode, round(time.monotonic() - started, 1), lines[-1]


def run(mode: dict, workdir: Path, seed: int) -> dict:
    """The soak run; returns its measurements."""
    docs = articles(mode["docs"])
    corpus = Corpus(workdir / "corpus", docs, BATCH if mode["docs"] else 20)
    index_dir = workdir / "index"
    code, seconds, summary = index(corpus.folder, index_dir)
    if code:
        raise RuntimeError(f"initial index failed: {summary}")
    at_start = len(corpus.ids())
    log(f"soak: initial index of {at_start} documents in {seconds} s")
    urls = api_urls(make_queries(docs, 30, seed), facet_values(index_dir))
    rounds: list[dict] = []
    memory: list[tuple[float, float]] = []
    stop = threading.Event()
    with serving(index_dir, "--processes", "2") as server:
        t0 = time.monotonic()

        def sample() -> None:
            while not stop.wait(1.0):
                memory.append((round(time.monotonic() - t0, 1), sum(status_kb(p, "VmRSS") for p in server.pids()) / 1024))

        def reindex() -> None:
            round_no = 0
            while not stop.wait(mode["reindex_every"]):
                round_no += 1
                change = corpus.change(round_no)
                started = round(time.monotonic() - t0, 1)
                code, seconds, summary = index(corpus.folder, index_dir)
                rounds.append({"round": round_no, "at_s": started, "change": change, "exit": code, "seconds": seconds, "summary": summary})

        threads = [threading.Thread(target=f, daemon=True) for f in (sample, reindex)]
        for t in threads:
            t.start()
        load = hammer(server.port, urls, mode["seconds"], mode["clients"])
        stop.set()
        for t in threads:
            t.join(600)
    final, expected = set(indexed_documents(storage.open_index(index_dir))), corpus.ids()
    third = max(1, len(memory) // 3)
    first, last = statistics.median(m for _, m in memory[:third]), statistics.median(m for _, m in memory[-third:])
    result = {
        "documents_at_start": at_start,
        "clients": mode["clients"],
        "seconds": round(load.seconds, 1),
        "requests": len(load.latencies),
        "req_per_s": round(len(load.latencies) / load.seconds, 1),
        "errors": load.errors,
        "statuses": load.statuses,
        "p50_ms": round(percentile(load.latencies, 50), 1),
        "p99_ms": round(percentile(load.latencies, 99), 1),
        "max_ms": round(max(load.latencies), 1),
        "reindex_rounds": rounds,
        "final_documents": len(final),
        "expected_documents": len(expected),
        "final_matches_corpus": final == expected,
        "memory_mb": [(t, round(m, 1)) for t, m in memory],
        "memory_first_third_mb": round(first, 1),
        "memory_last_third_mb": round(last, 1),
        "memory_growth": round(last / first - 1, 3),
    }
    result["passed"] = (
        result["errors"] == 0
        and bool(rounds)
        and all(r["exit"] == 0 for r in rounds)
        and result["final_matches_corpus"]
        and result["memory_growth"] <= MEMORY_GROWTH_LIMIT
    )
    return result


def markdown(report: dict) -> str:
    """The soak report as markdown."""
    r, settings = report["result"], report["settings"]
    source = f"{settings['docs']:,} RT articles in all" if settings["docs"] else "the demo corpus"
    lines = [
        "# Soak test: search under load during reindexing",
        "",
        f"Generated by `{report['command']}` on {report['started']} (mode: **{report['mode']}**, {report['seconds']} s).",
        "",
        machine_line(report["machine"]),
        "",
        code_line(report["code"]),
        "",
        f"Settings: {r['clients']} client threads for {settings['seconds']:.0f} s; corpus of "
        f"{r['documents_at_start']:,} documents at the start ({source}); a reindex round {settings['reindex_every']:.0f} s "
        "after the previous one finished.",
        "",
        f"**{'PASSED' if r['passed'] else 'FAILED'}**: {r['errors']} failed requests of {r['requests']}; "
        f"{sum(x['exit'] == 0 for x in r['reindex_rounds'])} of {len(r['reindex_rounds'])} reindex rounds succeeded; "
        f"final index {r['final_documents']} documents, corpus {r['expected_documents']}; "
        f"serving memory {r['memory_first_third_mb']} → {r['memory_last_third_mb']} MB ({r['memory_growth']:+.1%}, limit +{MEMORY_GROWTH_LIMIT:.0%}).",
        "",
        "| clients | seconds | requests | req/s | errors | p50 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|---|",
        f"| {r['clients']} | {r['seconds']} | {r['requests']} | {r['req_per_s']} | {r['errors']} | {r['p50_ms']} | {r['p99_ms']} | {r['max_ms']} |",
        "",
        "Reindex rounds (`coopsearch index`, full pipeline, while the load runs):",
        "",
        "| round | at s | change | exit | seconds | summary |",
        "|---|---|---|---|---|---|",
        *(f"| {x['round']} | {x['at_s']} | {x['change']} | {x['exit']} | {x['seconds']} | {x['summary']} |" for x in r["reindex_rounds"]),
        "",
        "Serving memory (sum of VmRSS of the server processes, MB), every 5 s:",
        "",
        "| s | " + " | ".join(str(t) for t, _ in r["memory_mb"][4::5]) + " |",
        "|---|" + "---|" * len(r["memory_mb"][4::5]),
        "| MB | " + " | ".join(str(m) for _, m in r["memory_mb"][4::5]) + " |",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a few seconds on the demo corpus (checks that the script works)")
    parser.add_argument("--seconds", type=float, help="length of the load")
    parser.add_argument("--clients", type=int, help="client threads")
    parser.add_argument("--docs", type=int, help="RT articles in the corpus (0: the demo corpus)")
    parser.add_argument("--out", type=Path, help="write the markdown report here")
    parser.add_argument("--json", type=Path, help="write the numbers as JSON here")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    mode_name = "smoke" if args.smoke else "full"
    mode = dict(MODES[mode_name])
    for key in ("seconds", "clients", "docs"):
        if getattr(args, key) is not None:
            mode[key] = getattr(args, key)
    start = RunStart("soak", mode_name)
    with tempfile.TemporaryDirectory(prefix="coopsearch-soak-") as tmp:
        result = run(mode, Path(tmp), args.seed)
    report = {**start.header(), "settings": mode, "result": result}
    write_report(report, args.json, args.out, markdown(report))
    r = result
    print(f"soak {'PASSED' if r['passed'] else 'FAILED'}: {r['requests']} requests, {r['errors']} errors, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, "
          f"{len(r['reindex_rounds'])} reindex rounds, memory {r['memory_first_third_mb']} → {r['memory_last_third_mb']} MB")
    return 0 if r["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
