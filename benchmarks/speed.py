"""Speed benchmark: indexing rate, query latency, /api/search throughput and memory at several scales.

For each corpus size N (``--sizes``):

1. A synthetic corpus of N documents is written as one JSON-lines file in a scratch directory:
   RT + NG articles repeated with perturbed ids and dates (spread over 2010–2024) and a few
   swapped words per repeat (so repeats are not byte-identical). Never written into the repository.
2. Indexing, each in a child process: coopsearch's full pipeline (``index_paths`` on the file,
   workers=2, as ``coopsearch index``) and plain stemmed Whoosh (RegexTokenizer | Lowercase |
   Stop | Stem ru on title/summary/body, one writer). Documents/s, their ratio, peak RSS, index size.
3. Query latency through ``EmbeddedBackend.search`` (one backend for the run, as the web
   does): one word, three words, a 2–3-word phrase, a 15-word title; each without filters, with
   one facet filter (region) and with two (region + sector). Every call computes disjunctive
   counts of all facets and snippets. Warm-up queries (a separate sample) run first.
4. ``/api/search`` throughput: ``coopsearch serve`` (waitress) as a subprocess, 16 client threads
   for a bounded time, varied queries; req/s, errors, p50/p99, serving peak RSS.

    python benchmarks/speed.py [--sizes 10000,30000,100000 | --quick | --smoke] [--out FILE.md] [--json FILE.json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.data import MissingData, news  # noqa: E402
from benchmarks.load import hammer, pss_kb, serving, status_kb  # noqa: E402
from benchmarks.relevance import clean_query, percentile  # noqa: E402
from benchmarks.report import RunStart, code_line, command_line, machine_line, write_report  # noqa: E402

SEED = 20240601
ROOT = Path(__file__).resolve().parents[1]
CLASSES = ("one word", "three words", "phrase", "15-word title")
FILTERS = ("none", "1 facet", "2 facets")
DATE_FIRST, DATE_LAST = date(2010, 1, 1), date(2024, 12, 31)
# Targets (ms for p95 latency; documents for the scale they apply to).
LATENCY_TARGETS = {
    10_000: {"one word": 15, "three words": 15, "phrase": 50, "15-word title": 50},
    100_000: {"one word": 120, "three words": 120, "phrase": 300, "15-word title": 300},
}
THROUGHPUT_TARGET = 100.0  # req/s, with 0 errors
RSS_TARGETS_MB = {10_000: 300, 100_000: 1024}
MODES = {
    # sizes, measured/warm-up queries per class and filter, load-test seconds and client threads
    "full": {"sizes": (10_000, 30_000, 100_000), "queries": 40, "warmup": 15, "load_seconds": 20.0, "clients": 16},
    "quick": {"sizes": (300, 800), "queries": 20, "warmup": 6, "load_seconds": 5.0, "clients": 16},
    "smoke": {"sizes": (300,), "queries": 3, "warmup": 2, "load_seconds": 1.5, "clients": 4},
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --- corpus ---------------------------------------------------------------------------------


def base_articles() -> list[dict]:
    """RT and NG articles in a stable order, each tagged with its source."""
    out = []
    for source in ("rt", "ng"):
        for i, a in enumerate(news(source)):
            out.append({"source": source, "n": i, "url": a.get("url") or "", "title": a.get("title") or "",
                        "summary": a.get("summary") or "", "content": a.get("content") or ""})
    return out


def _perturb(text: str, rng: random.Random, swaps: int = 3) -> str:
    """Swap a few pairs of words (vocabulary unchanged, bytes changed)."""
    words = text.split(" ")
    if len(words) < 4:
        return text + " " if text else text
    for _ in range(swaps):
        i, j = rng.randrange(len(words)), rng.randrange(len(words))
        words[i], words[j] = words[j], words[i]
    return " ".join(words)


def scaled_corpus(base: Sequence[dict], n: int, seed: int = SEED) -> Iterator[dict]:
    """N documents: the base articles repeated; repeats get new ids, urls and perturbed bodies.

    Every document gets a random date in 2010–2024. The first M documents of a larger corpus
    are the M documents of a smaller one (same seed)."""
    rng = random.Random(seed)
    span = (DATE_LAST - DATE_FIRST).days
    for i in range(n):
        a = base[i % len(base)]
        copy = i // len(base)
        day = DATE_FIRST + timedelta(days=rng.randrange(span + 1))
        suffix = f"~{copy}" if copy else ""
        yield {
            "id": f"{a['source']}-{a['n']}{suffix}",
            "url": a["url"] + (f"#copy{copy}" if copy else ""),
            "title": a["title"],
            "summary": a["summary"],
            "text": _perturb(a["content"], rng) if copy else a["content"],
            "date": day.isoformat(),
            "source": a["source"],
        }


def write_corpus(base: Sequence[dict], n: int, path: Path, seed: int = SEED) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for doc in scaled_corpus(base, n, seed):
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path.stat().st_size


# --- indexing (child processes) -------------------------------------------------------------


def _child_coopsearch(corpus: Path, index_dir: Path) -> dict:
    from coopsearch.indexer import index_paths

    started = time.perf_counter()
    report = index_paths([corpus], index_dir, workers=2, rebuild=True)
    seconds = time.perf_counter() - started
    if report.problems:
        raise SystemExit(f"indexing problems: {[str(p) for p in report.problems[:3]]}")
    return {"docs": report.added, "seconds": seconds}


def _child_whoosh(corpus: Path, index_dir: Path) -> dict:
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema

    from benchmarks.relevance import whoosh_analyzer

    analyzer = whoosh_analyzer(stem=True)
    schema = Schema(id=ID(stored=True, unique=True), title=TEXT(analyzer=analyzer, stored=True),
                    summary=TEXT(analyzer=analyzer), body=TEXT(analyzer=analyzer))
    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(index_dir), schema)
    writer = ix.writer(limitmb=256)
    docs = 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            writer.add_document(id=d["id"], title=d["title"], summary=d["summary"], body=d["text"])
            docs += 1
    writer.commit()
    return {"docs": docs, "seconds": time.perf_counter() - started}


def child_main(system: str, corpus: Path, index_dir: Path) -> None:
    """Entry point of an indexing child: prints one JSON line with time and memory."""
    result = (_child_coopsearch if system == "coopsearch" else _child_whoosh)(corpus, index_dir)
    result["peak_rss_mb"] = round(status_kb("self", "VmHWM") / 1024, 1)
    result["workers_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    print(json.dumps(result))


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_indexer(system: str, corpus: Path, index_dir: Path) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child-index", system, str(corpus), str(index_dir)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        stdout, stderr = proc.communicate()
    except BaseException:  # interrupted: do not leave the indexer running
        proc.kill()
        proc.wait()
        raise
    if proc.returncode != 0:
        raise RuntimeError(f"{system} indexing failed ({proc.returncode}): {stderr.strip()[-2000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["docs_per_second"] = round(result["docs"] / result["seconds"], 1) if result["seconds"] else 0.0
    result["seconds"] = round(result["seconds"], 2)
    result["index_mb"] = round(dir_size(index_dir) / 1e6, 1)
    return result


# --- queries --------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w for w in clean_query(text).split() if w.isalpha()]


def make_queries(base: Sequence[dict], n: int, seed: int) -> dict[str, list[str]]:
    """`n` queries per class drawn from the base titles (deterministic)."""
    rng = random.Random(seed)
    titles = [a["title"] for a in base if a["title"]]
    out: dict[str, list[str]] = {c: [] for c in CLASSES}
    long_titles = [t for t in titles if len(clean_query(t).split()) >= 15]
    guard = 0
    while any(len(v) < n for v in out.values()) and guard < 100_000:
        guard += 1
        words = _words(rng.choice(titles))
        content = [w for w in words if len(w) >= 5]
        if len(out["one word"]) < n and content:
            out["one word"].append(rng.choice(content).lower())
        if len(out["three words"]) < n and len(content) >= 3:
            picks = sorted(rng.sample(range(len(content)), 3))
            out["three words"].append(" ".join(content[i].lower() for i in picks))
        if len(out["phrase"]) < n and len(words) >= 3:
            size = rng.choice((2, 3))
            start = rng.randrange(len(words) - size + 1)
            span = words[start : start + size]
            if all(len(w) >= 4 for w in span):
                out["phrase"].append('"' + " ".join(span).lower() + '"')
        if len(out["15-word title"]) < n and long_titles:
            out["15-word title"].append(" ".join(clean_query(rng.choice(long_titles)).split()[:15]))
    return out


def facet_values(index_dir: Path, k: int = 3) -> dict[str, list[str]]:
    """The k most frequent region and sector values (from an empty-query facet listing)."""
    from coopsearch.query import build_request
    from coopsearch.retrieval import search

    result = search(index_dir, build_request(q="", limit=0, facet_limit=k))
    return {f: [v.value for v in result.facets.get(f, [])[:k]] for f in ("region", "sector")}


def filters_for(kind: str, i: int, values: dict[str, list[str]]) -> dict[str, list[str]]:
    regions, sectors = values.get("region") or [], values.get("sector") or []
    if kind == "none" or not regions:
        return {}
    if kind == "1 facet" or not sectors:
        return {"region": [regions[i % len(regions)]]}
    return {"region": [regions[i % len(regions)]], "sector": [sectors[(i // len(regions)) % len(sectors)]]}


def measure_latency(index_dir: Path, queries: dict[str, list[str]], warmup: dict[str, list[str]], values: dict[str, list[str]]) -> dict:
    """p50/p95 per class and filter through EmbeddedBackend.search (one backend, as the web app)."""
    from coopsearch.query import build_request
    from coopsearch.retrieval import EmbeddedBackend

    search = EmbeddedBackend(index_dir).search

    def once(q: str, filters: dict) -> tuple[float, int, bool]:
        started = time.perf_counter()
        result = search(build_request(q=q, filters=filters, limit=10))
        return (time.perf_counter() - started) * 1000.0, result.total, result.fallback

    for cls in CLASSES:
        for kind in FILTERS:
            for i, q in enumerate(warmup[cls]):
                once(q, filters_for(kind, i, values))
    out: dict = {}
    for cls in CLASSES:
        out[cls] = {}
        for kind in FILTERS:
            ms, totals, fallbacks = [], [], 0
            for i, q in enumerate(queries[cls]):
                t, total, fallback = once(q, filters_for(kind, i, values))
                ms.append(t)
                totals.append(total)
                fallbacks += fallback
            out[cls][kind] = {
                "n": len(ms),
                "p50": round(percentile(ms, 50), 2),
                "p95": round(percentile(ms, 95), 2),
                "max": round(max(ms), 2) if ms else 0.0,
                "median_hits": int(statistics.median(totals)) if totals else 0,
                "fallback": fallbacks,
            }
    return out


def cold_first_query(index_dir: Path) -> float:
    """Milliseconds of the first search in this process on this index (builds the snapshot)."""
    from coopsearch.query import build_request
    from coopsearch.retrieval import search

    started = time.perf_counter()
    search(index_dir, build_request(q="россия", limit=10))
    return round((time.perf_counter() - started) * 1000.0, 1)


# --- serving --------------------------------------------------------------------------------


def load_test(index_dir: Path, urls: Sequence[str], seconds: float, clients: int) -> dict:
    """Serve the index with `coopsearch serve` and hit /api/search from `clients` threads."""
    with serving(index_dir) as server:
        load = hammer(server.port, urls, seconds, clients)
        # `coopsearch serve` may fork worker processes sharing the socket: measure the whole tree.
        pids = server.pids()
        peaks = [status_kb(p, "VmHWM") for p in pids]
        return {
            "clients": clients,
            "seconds": round(load.seconds, 2),
            "requests": len(load.latencies),
            "req_per_s": round(len(load.latencies) / load.seconds, 1) if load.seconds else 0.0,
            "errors": load.errors,
            "statuses": load.statuses,
            "p50_ms": round(percentile(load.latencies, 50), 1),
            "p99_ms": round(percentile(load.latencies, 99), 1),
            "ready_seconds": server.ready_seconds,
            "serve_processes": len(pids),
            "serve_peak_rss_mb": round(sum(peaks) / 1024, 1),  # sum of per-process VmHWM (shared pages counted per process)
            "serve_peak_rss_mb_largest_process": round(max(peaks, default=0) / 1024, 1),
            "serve_pss_mb_after_load": round(sum(pss_kb(p) for p in pids) / 1024, 1),  # shared pages split between processes
        }


def api_urls(queries: dict[str, list[str]], values: dict[str, list[str]]) -> list[str]:
    """A varied, deterministic list of /api/search URLs (all classes and filter kinds)."""
    urls = []
    for i in range(max(len(v) for v in queries.values())):
        for cls in CLASSES:
            if i < len(queries[cls]):
                kind = FILTERS[(i + CLASSES.index(cls)) % len(FILTERS)]
                params = [("q", queries[cls][i])] + [(f, v) for f, vs in filters_for(kind, i, values).items() for v in vs]
                urls.append("/api/search?" + urlencode(params))
    return urls


# --- one size -------------------------------------------------------------------------------


def run_size(n: int, base: Sequence[dict], mode: dict, workdir: Path, seed: int) -> dict:
    corpus = workdir / f"corpus-{n}" / "news.jsonl"
    log(f"[{n}] writing corpus …")
    corpus_bytes = write_corpus(base, n, corpus, seed)
    res: dict = {"docs": n, "corpus_mb": round(corpus_bytes / 1e6, 1)}
    log(f"[{n}] indexing with coopsearch …")
    cs_index = workdir / f"coopsearch-{n}"
    res["index_coopsearch"] = run_indexer("coopsearch", corpus, cs_index)
    log(f"[{n}] coopsearch: {res['index_coopsearch']}")
    log(f"[{n}] indexing with Whoosh …")
    res["index_whoosh"] = run_indexer("whoosh", corpus, workdir / f"whoosh-{n}")
    log(f"[{n}] whoosh: {res['index_whoosh']}")
    shutil.rmtree(workdir / f"whoosh-{n}", ignore_errors=True)
    wh = res["index_whoosh"]["docs_per_second"]
    res["index_rate_ratio"] = round(res["index_coopsearch"]["docs_per_second"] / wh, 3) if wh else None
    res["cold_first_query_ms"] = cold_first_query(cs_index)
    values = facet_values(cs_index)
    res["facet_values"] = values
    present = base[: min(n, len(base))]  # query what the corpus contains
    queries = make_queries(present, mode["queries"], seed + n)
    warmup = make_queries(present, mode["warmup"], seed + n + 1)
    res["queries"] = queries
    log(f"[{n}] query latency …")
    res["latency"] = measure_latency(cs_index, queries, warmup, values)
    log(f"[{n}] load test ({mode['load_seconds']} s, {mode['clients']} clients) …")
    res["throughput"] = load_test(cs_index, api_urls(queries, values), mode["load_seconds"], mode["clients"])
    log(f"[{n}] throughput: {res['throughput']}")
    shutil.rmtree(cs_index, ignore_errors=True)
    corpus.unlink()
    return res


# --- targets, report, chart -----------------------------------------------------------------


def check_targets(sizes: dict[int, dict]) -> list[dict]:
    """Each target that applies to a measured size: the value, the target and whether it is met."""
    out = []
    for n, r in sizes.items():
        if n in LATENCY_TARGETS:
            for cls, target in LATENCY_TARGETS[n].items():
                for kind in FILTERS:
                    got = r["latency"][cls][kind]["p95"]
                    out.append({"docs": n, "what": f"p95 {cls}, {kind}", "value": got, "target": f"≤ {target} ms", "met": got <= target, "ratio": round(got / target, 2)})
        tp = r["throughput"]
        out.append({"docs": n, "what": "/api/search req/s", "value": tp["req_per_s"], "target": f"≥ {THROUGHPUT_TARGET:.0f}", "met": tp["req_per_s"] >= THROUGHPUT_TARGET, "ratio": round(tp["req_per_s"] / THROUGHPUT_TARGET, 2)})
        out.append({"docs": n, "what": "/api/search errors", "value": tp["errors"], "target": "0", "met": tp["errors"] == 0, "ratio": None})
        if n in RSS_TARGETS_MB:
            rss = tp["serve_peak_rss_mb"]
            out.append({"docs": n, "what": "serving peak RSS MB", "value": rss, "target": f"≤ {RSS_TARGETS_MB[n]} MB", "met": rss <= RSS_TARGETS_MB[n], "ratio": round(rss / RSS_TARGETS_MB[n], 2)})
    return out


def make_chart(report: dict, path: Path) -> str | None:
    """Latency p95 per class and indexing rate vs corpus size; None when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    sizes = sorted(report["sizes"], key=int)
    xs = [int(s) for s in sizes]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    styles = {"none": "-", "1 facet": "--", "2 facets": ":"}
    for cls, color in zip(CLASSES, ("tab:blue", "tab:orange", "tab:green", "tab:red")):
        for kind in ("none", "2 facets"):
            ys = [report["sizes"][s]["latency"][cls][kind]["p95"] for s in sizes]
            ax1.plot(xs, ys, styles[kind], marker="o", color=color, label=f"{cls} ({kind})")
    for n, targets in LATENCY_TARGETS.items():
        if not min(xs) <= n <= max(xs):
            continue
        ax1.scatter([n] * 2, sorted(set(targets.values())), marker="_", s=400, color="black")
    ax1.set_xscale("log")
    ax1.set_yscale("log")
    ax1.set_xlabel("documents")
    ax1.set_ylabel("p95 latency, ms (black bars: targets)")
    ax1.set_title("EmbeddedBackend.search p95")
    ax1.legend(fontsize=7)
    ax1.grid(True, which="both", alpha=0.3)
    for key, label in (("index_coopsearch", "coopsearch (workers=2)"), ("index_whoosh", "Whoosh stemmed (1 writer)")):
        ax2.plot(xs, [report["sizes"][s][key]["docs_per_second"] for s in sizes], marker="o", label=label)
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    ax2.set_xlabel("documents")
    ax2.set_ylabel("documents / s")
    ax2.set_title("indexing rate")
    ax2.legend(fontsize=8)
    ax2.grid(True, which="both", alpha=0.3)
    fig.suptitle(f"coopsearch speed ({report['mode']} run, {report['machine']['cores']} cores)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return str(path)


def merge_reports(paths: Sequence[Path]) -> dict:
    """One report from the sizes of several runs (each size keeps the numbers of the run that measured it)."""
    reports = [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]
    origin = {n: i for i, r in enumerate(reports) for n in r["sizes"]}  # a later run's size replaces an earlier one's
    sizes = {n: reports[i]["sizes"][n] for n, i in sorted(origin.items(), key=lambda x: int(x[0]))}
    runs = [
        {k: r[k] for k in ("command", "started", "seconds", "code", "complete")} | {"sizes": [n for n in sizes if origin[n] == i]}
        for i, r in enumerate(reports)
        if i in origin.values()
    ]
    merged = {**reports[-1], "command": command_line(), "sizes": sizes, "runs": runs, "complete": all(r["complete"] for r in reports)}
    merged["targets"] = check_targets({int(k): v for k, v in sizes.items()})
    return merged


def _header(report: dict) -> list[str]:
    """Where the numbers come from: one run, or the runs merged."""
    if "runs" not in report:
        return [
            f"Mode **{report['mode']}**, run {report['started']} in {report['seconds']:.0f} s"
            + ("" if report.get("complete", True) else " (**incomplete**: sizes still running when this was written)")
            + ". Command (from the repository root):",
            "",
            "```sh",
            report["command"],
            "```",
            "",
            machine_line(report["machine"]) + " Numbers from one run on a shared 2-core machine: compare ratios within the run, not absolute values across runs.",
            "",
            code_line(report["code"], ": child processes started later may have run newer code"),
        ]
    lines = [
        f"Sizes measured in separate runs, merged by `{report['command']}`. Within a size, every number "
        "(indexing both systems, latency, throughput) comes from the same run.",
        "",
        "| sizes | run started | seconds | command | code measured |",
        "|---|---|---:|---|---|",
    ]
    for run in report["runs"]:
        code = f"src sha1 `{run['code']['src_sha1']}`" + (" (changed during the run)" if run["code"].get("changed_during_run") else "")
        stopped = "" if run["complete"] else " (run stopped early)"
        lines.append(f"| {', '.join(f'{int(n):,}' for n in run['sizes'])}{stopped} | {run['started']} | {run['seconds']:.0f} | `{run['command']}` | {code} |")
    return [*lines, "", machine_line(report["machine"]) + " Compare ratios within a run, not absolute values across runs."]


def markdown(report: dict, chart_link: str | None) -> str:
    sizes = sorted(report["sizes"], key=int)
    lines = [
        "# Speed benchmark",
        "",
        *_header(report),
        "",
        "Corpus: RT + NG articles (9,204) repeated to N documents; repeats get new ids, a date spread over "
        "2010–2024 and three swapped word pairs in the body. Every document has title, summary and body.",
        "",
    ]
    if chart_link:
        lines += [f"![latency and indexing rate vs corpus size]({chart_link})", ""]
    lines += [
        "## Indexing",
        "",
        "| docs | corpus MB | coopsearch docs/s | Whoosh stemmed docs/s | ratio | coopsearch s | coopsearch peak RSS MB (main / worker) | Whoosh peak RSS MB | coopsearch index MB | Whoosh index MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sizes:
        r = report["sizes"][s]
        c, w = r["index_coopsearch"], r["index_whoosh"]
        lines.append(
            f"| {int(s):,} | {r['corpus_mb']} | {c['docs_per_second']} | {w['docs_per_second']} | {r['index_rate_ratio']} | {c['seconds']} | "
            f"{c['peak_rss_mb']} / {c['workers_peak_rss_mb']} | {w['peak_rss_mb']} | {c['index_mb']} | {w['index_mb']} |"
        )
    lines += [
        "",
        "coopsearch: `index_paths([corpus.jsonl], dir, workers=2, rebuild=True)` (the `coopsearch index` path: "
        "razdel + pymorphy3 lemmas, exact forms, entity extraction, facets). Whoosh: `RegexTokenizer | LowercaseFilter | "
        "StopFilter(ru) | StemFilter(ru)` on title/summary/body, title and id stored, one writer (`limitmb=256`). "
        "Each runs in its own child process, reading the same file; peak RSS is VmHWM (worker: max ru_maxrss of the pool processes).",
        "",
        "## Query latency (`EmbeddedBackend.search`, one backend as in the web app)",
        "",
        "Each call opens the index, evaluates the query, counts all four facets disjunctively and builds "
        "10 snippets. Filters: one = a frequent region, two = region + sector (rotated over the top 3 values of an "
        "empty-query facet listing). Warm-up queries (a separate sample of the same classes) run first; "
        "`cold` is the first search of the process (builds the per-generation snapshot).",
        "",
        "| docs | class | none p50 / p95 ms | 1 facet p50 / p95 ms | 2 facets p50 / p95 ms | median hits (none) | any-word fallback (none) | target p95 |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sizes:
        r = report["sizes"][s]
        for cls in CLASSES:
            row = r["latency"][cls]
            target = LATENCY_TARGETS.get(int(s), {}).get(cls)
            cells = " | ".join(f"{row[k]['p50']:.1f} / {row[k]['p95']:.1f}" for k in FILTERS)
            fallback = f"{row['none']['fallback']} / {row['none']['n']}"
            lines.append(f"| {int(s):,} | {cls} | {cells} | {row['none']['median_hits']} | {fallback} | {f'≤ {target} ms' if target else '–'} |")
    lines += ["", "| docs | cold first query ms | queries per cell |", "|---:|---:|---:|"]
    for s in sizes:
        r = report["sizes"][s]
        lines.append(f"| {int(s):,} | {r['cold_first_query_ms']} | {r['latency']['one word']['none']['n']} |")
    lines += [
        "",
        "## /api/search throughput (`coopsearch serve`, waitress, 8 threads)",
        "",
        "| docs | clients | seconds | requests | req/s | errors | p50 ms | p99 ms | server processes | serving peak RSS MB (sum / largest) | PSS MB after load | ready s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sizes:
        t = report["sizes"][s]["throughput"]
        lines.append(
            f"| {int(s):,} | {t['clients']} | {t['seconds']} | {t['requests']} | {t['req_per_s']} | {t['errors']} | {t['p50_ms']} | {t['p99_ms']} | "
            f"{t.get('serve_processes', 1)} | {t['serve_peak_rss_mb']} / {t.get('serve_peak_rss_mb_largest_process', '–')} | {t.get('serve_pss_mb_after_load', '–')} | {t['ready_seconds']} |"
        )
    lines += [
        "",
        "The client threads run on the same 2 cores as the server. `coopsearch serve` runs with its defaults (it may fork "
        "several processes sharing the port); peak RSS is the sum of VmHWM over the server's process tree (pages shared "
        "after fork are counted once per process, so this is an upper bound; PSS splits them). `ready` is the time from "
        "start until the first `/api/search` answered (process start + snapshot build).",
        "",
        "## Targets",
        "",
    ]
    if report["targets"]:
        lines += ["| docs | measure | value | target | met | value / target |", "|---:|---|---:|---|---|---:|"]
        for t in report["targets"]:
            lines.append(f"| {t['docs']:,} | {t['what']} | {t['value']} | {t['target']} | {'yes' if t['met'] else '**no**'} | {t['ratio'] if t['ratio'] is not None else '–'} |")
    else:
        lines.append("No target applies to the measured sizes (latency and RSS targets are set for 10,000 and 100,000 documents).")
    return "\n".join(lines) + "\n"


def summary_table(report: dict) -> str:
    rows = [("docs", "cs docs/s", "whoosh docs/s", "ratio", *(f"{c} p95" for c in CLASSES), "req/s", "errors", "serve RSS MB")]
    for s in sorted(report["sizes"], key=int):
        r = report["sizes"][s]
        rows.append((
            str(s), str(r["index_coopsearch"]["docs_per_second"]), str(r["index_whoosh"]["docs_per_second"]), str(r["index_rate_ratio"]),
            *(f"{r['latency'][c]['none']['p95']:.1f}" for c in CLASSES),
            str(r["throughput"]["req_per_s"]), str(r["throughput"]["errors"]), str(r["throughput"]["serve_peak_rss_mb"]),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows)


def write_outputs(report: dict, out: Path | None, json_path: Path | None, chart: Path | None, done: bool) -> None:
    """Write the markdown (with the chart next to it) and the JSON of a report."""
    chart_link = None
    if out:
        mode = report["mode"]
        chart = chart or out.parent / "img" / ("benchmarks-speed.png" if mode == "full" else f"benchmarks-speed-{mode}.png")
        if make_chart(report, chart):
            chart_link = os.path.relpath(chart, out.parent)
            report["chart"] = str(chart)
        elif done:
            log("speed: matplotlib is not installed, no chart (pip install -e '.[bench]')")
    write_report(report, json_path, out, markdown(report, chart_link))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child-index"]:
        child_main(argv[1], Path(argv[2]), Path(argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="sizes %s, short load test" % ",".join(map(str, MODES["quick"]["sizes"])))
    group.add_argument("--smoke", action="store_true", help="tiny run for CI (checks that the script works)")
    parser.add_argument("--sizes", help="comma-separated corpus sizes (default: %s)" % ",".join(map(str, MODES["full"]["sizes"])))
    parser.add_argument("--out", type=Path, help="write the markdown report here")
    parser.add_argument("--json", type=Path, help="write the numbers as JSON here")
    parser.add_argument("--chart", type=Path, help="chart image (default: img/benchmarks-speed[-MODE].png next to --out)")
    parser.add_argument("--load-seconds", type=float, help="length of the load test")
    parser.add_argument("--workdir", type=Path, help="scratch directory for corpora and indexes (default: a temporary one)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--merge", type=Path, nargs="+", metavar="RUN.json", help="write one report from the JSON of earlier runs (no measuring)")
    args = parser.parse_args(argv)
    if args.merge:
        report = merge_reports(args.merge)
        write_outputs(report, args.out, args.json, args.chart, done=True)
        print(summary_table(report))
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up children (indexer, server) when stopped
    mode_name = "smoke" if args.smoke else "quick" if args.quick else "full"
    mode = dict(MODES[mode_name])
    if args.sizes:
        mode["sizes"] = tuple(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    if not mode["sizes"] or min(mode["sizes"]) < 50:
        parser.error("--sizes needs corpus sizes of at least 50 documents")
    if args.load_seconds:
        mode["load_seconds"] = args.load_seconds
    start = RunStart("speed", mode_name)
    try:
        base = base_articles()
    except MissingData as e:
        log(f"speed: {e}")
        return 3
    sizes: dict[str, dict] = {}

    def report_so_far(done: bool) -> dict:
        """The report so far (written after every size, so a long run leaves partial results)."""
        report = {
            **start.header(),
            "seed": args.seed,
            "settings": {k: v for k, v in mode.items()},
            "complete": done,
            "sizes": sizes,
        }
        report["targets"] = check_targets({int(k): v for k, v in sizes.items()})
        write_outputs(report, args.out, args.json, args.chart, done)
        return report

    with tempfile.TemporaryDirectory(prefix="coopsearch-speed-", dir=args.workdir) as tmp:
        for i, n in enumerate(mode["sizes"]):
            sizes[str(n)] = run_size(n, base, mode, Path(tmp), args.seed)
            report = report_so_far(done=i == len(mode["sizes"]) - 1)
    print(summary_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
