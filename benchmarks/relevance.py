"""Relevance benchmark: coopsearch against two Whoosh baselines on RT and NG news.

Tasks (every system indexes the article BODY only — no title, no summary):

* known-item (RT, and NG as an unseen check): the query is the article's title; the article
  itself is the one relevant document. Metrics: MRR@10 and success@10.
* keywords (RT): each RT editor keyword used on 5..300 of the indexed documents is a query;
  the documents carrying it are relevant. Metrics: nDCG@10 (binary gains) and MAP@100
  (100 results retrieved; AP normalised by min(|relevant|, 100)).

Systems (same documents, same cleaned query text):

* ``coopsearch`` – the project's default search path: ``EmbeddedBackend(index_dir).search(
  build_request(q=..., limit=k, collapse=0))`` over an index built by ``index_documents(...,
  workers=2)``. Near-duplicate grouping is off for the ranking (the Whoosh baselines have none, and
  NG holds the same article under several URLs: a grouped list would show one copy and count the
  known item as missed); the latency probe times the full default path, grouping included.
* ``whoosh-plain`` – Whoosh, RegexTokenizer + LowercaseFilter + Russian stop words, BM25F.
* ``whoosh-snowball`` – the same plus ``StemFilter(lang="ru")`` (Snowball Russian stemmer).

Queries are cleaned once, identically for all systems, by :func:`clean_query` (characters that
coopsearch's or Whoosh's query language treats specially are removed); the number of changed
queries is reported.

Reuse: any ranking variant can be evaluated with :func:`known_item` / :func:`keyword_task`,
which take a *search function* ``(query, k) -> ranked document ids``; see benchmarks/README.md.

    python benchmarks/relevance.py [--quick | --smoke] [--out FILE.md] [--json FILE.json]
"""
from __future__ import annotations

import argparse
import math
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.data import MissingData, news  # noqa: E402
from benchmarks.report import RunStart, code_line, machine_line, write_report  # noqa: E402

SEED = 20240601
SearchFn = Callable[[str, int], list[str]]
"""A search function: (query text, k) -> ids of the top-k documents, best first.

It may carry a ``stats`` dict attribute (e.g. fallback counts); it is copied into the results."""

# Previously measured on the full data (7,217 RT bodies) for the Whoosh baselines.
REFERENCE = {
    "whoosh-plain": {"known_item_mrr10": 0.488, "keywords_ndcg10": 0.512},
    "whoosh-snowball": {"known_item_mrr10": 0.585, "keywords_ndcg10": 0.586},
}
REFERENCE_TOLERANCE = 0.03

MODES = {
    # rt/ng: documents indexed (None = all); *_queries: queries evaluated (None = all)
    "full": {"rt": None, "ng": None, "title_queries": None, "keyword_queries": None, "ng_queries": None},
    "quick": {"rt": 600, "ng": 200, "title_queries": 300, "keyword_queries": 100, "ng_queries": 150},
    "smoke": {"rt": 300, "ng": 100, "title_queries": 25, "keyword_queries": 8, "ng_queries": 15},
}
KEYWORD_MIN_DOCS, KEYWORD_MAX_DOCS = 5, 300


# --- data -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """One news article as the benchmark sees it."""

    id: str
    title: str
    body: str
    keywords: tuple[str, ...] = ()


def load_articles(source: str, limit: int | None = None, seed: int = SEED) -> list[Article]:
    """Articles of `source` ("rt"/"ng") in stable order; a seeded random subset of `limit` if given."""
    out: list[Article] = []
    for i, raw in enumerate(news(source)):
        keywords = raw.get("keywords") or ()
        if isinstance(keywords, str):
            keywords = [keywords]
        doc_id = raw.get("url") or f"{source}-{i}"
        out.append(Article(doc_id, raw.get("title") or "", raw.get("content") or "", tuple(k.strip() for k in keywords if k and k.strip())))
    if limit is not None and limit < len(out):
        keep = sorted(random.Random(seed).sample(range(len(out)), limit))
        out = [out[i] for i in keep]
    return out


# --- query cleaning -------------------------------------------------------------------------

# Characters special to coopsearch (quotes incl. «» “” „, parentheses, `|`, `*`, `?`, `field:`)
# or to Whoosh's default QueryParser (quotes, single quotes, () [] {}, ^ boost, ~ fuzzy,
# * ? wildcards, `field:`, backslash). Each is replaced by a space. Rule name → pattern.
_RULES = {
    "quotes": re.compile(r"[\"'«»“”„‟‘’]"),
    "brackets": re.compile(r"[()\[\]{}]"),
    "colon": re.compile(r":"),
    "other": re.compile(r"[\^~*?|\\]"),
}
# Operator words of either language (coopsearch: OR, ИЛИ; Whoosh: AND, OR, NOT, ANDNOT, ANDMAYBE).
_OPERATOR_WORDS = frozenset({"OR", "ИЛИ", "AND", "NOT", "ANDNOT", "ANDMAYBE"})
_LEADING = "-+="  # exclude / require / exact-form prefixes


def clean_query_rules(text: str) -> tuple[str, frozenset[str]]:
    """:func:`clean_query` and the names of the rules that changed something."""
    fired = set()
    for name, pattern in _RULES.items():
        text, n = pattern.subn(" ", text)
        if n:
            fired.add(name)
    words = []
    for word in text.split():
        stripped = word.lstrip(_LEADING)
        if stripped != word:
            fired.add("leading -+=")
        if stripped in _OPERATOR_WORDS:
            fired.add("operator words")
        elif stripped:
            words.append(stripped)
    return " ".join(words), frozenset(fired)


def clean_query(text: str) -> str:
    """The query text every system receives: special characters become spaces, leading
    -/+/= of a word are dropped, operator words are removed, whitespace is collapsed."""
    return clean_query_rules(text)[0]


def changed_by_cleaning(text: str) -> bool:
    """True when cleaning changed more than whitespace."""
    return clean_query(text) != " ".join(text.split())


def _count_rules(texts: Iterable[str]) -> dict:
    """How many texts were changed, in all and by each rule."""
    by_rule: dict[str, int] = defaultdict(int)
    changed = 0
    for t in texts:
        cleaned, fired = clean_query_rules(t)
        changed += cleaned != " ".join(t.split())
        for name in fired:
            by_rule[name] += 1
    return {"changed_by_cleaning": changed, "changed_by_rule": dict(sorted(by_rule.items()))}


# --- tasks ----------------------------------------------------------------------------------


@dataclass
class Tasks:
    """Queries of the three evaluations and facts about how they were made."""

    known_item: list[tuple[str, str]]  # (cleaned title, target id)
    keywords: list[tuple[str, frozenset[str]]]  # (cleaned keyword, relevant ids)
    ng_known_item: list[tuple[str, str]]
    info: dict


def _sample(items: list, n: int | None, seed: int) -> list:
    if n is None or n >= len(items):
        return items
    keep = sorted(random.Random(seed).sample(range(len(items)), n))
    return [items[i] for i in keep]


def title_queries(articles: Sequence[Article]) -> tuple[list[tuple[str, str]], dict]:
    """Known-item queries: (cleaned title, id) of every article with a body and a title."""
    queries, used, no_body, empty = [], [], 0, 0
    for a in articles:
        if not a.body.strip():
            no_body += 1
            continue
        q = clean_query(a.title)
        if not q:
            empty += 1
            continue
        used.append(a.title)
        queries.append((q, a.id))
    return queries, {**_count_rules(used), "skipped_no_body": no_body, "skipped_empty_title": empty}


def keyword_queries(articles: Sequence[Article]) -> tuple[list[tuple[str, frozenset[str]]], dict]:
    """Keyword queries: each keyword carried by KEYWORD_MIN_DOCS..KEYWORD_MAX_DOCS documents."""
    docs: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        if a.body.strip():
            for k in a.keywords:
                docs[k].add(a.id)
    queries, used = [], []
    for k in sorted(docs):
        if KEYWORD_MIN_DOCS <= len(docs[k]) <= KEYWORD_MAX_DOCS:
            q = clean_query(k)
            if q:
                used.append(k)
                queries.append((q, frozenset(docs[k])))
    return queries, {"distinct_keywords": len(docs), **_count_rules(used)}


def refused_by_coopsearch(texts: Iterable[str]) -> int:
    """How many raw texts coopsearch's query parser refuses (QueryError) — for information."""
    from coopsearch.query import QueryError, parse_query

    refused = 0
    for t in texts:
        try:
            parse_query(t)
        except QueryError:
            refused += 1
    return refused


def make_tasks(rt: Sequence[Article], ng: Sequence[Article], mode: dict, seed: int = SEED) -> Tasks:
    """Build the queries of all tasks for the indexed `rt` and `ng` articles."""
    ki, ki_info = title_queries(rt)
    kw, kw_info = keyword_queries(rt)
    ng_ki, ng_info = title_queries(ng)
    info = {
        "rt_docs": len(rt),
        "ng_docs": len(ng),
        "known_item": {**ki_info, "available": len(ki), "raw_titles_refused_by_coopsearch": refused_by_coopsearch(a.title for a in rt)},
        "keywords": {**kw_info, "available": len(kw)},
        "ng_known_item": {**ng_info, "available": len(ng_ki), "raw_titles_refused_by_coopsearch": refused_by_coopsearch(a.title for a in ng)},
    }
    ki = _sample(ki, mode["title_queries"], seed)
    kw = _sample(kw, mode["keyword_queries"], seed + 1)
    ng_ki = _sample(ng_ki, mode["ng_queries"], seed + 2)
    info["known_item"]["evaluated"] = len(ki)
    info["keywords"]["evaluated"] = len(kw)
    info["ng_known_item"]["evaluated"] = len(ng_ki)
    return Tasks(ki, kw, ng_ki, info)


# --- metrics and evaluation -----------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank-interpolated percentile (0..100) of `values`; 0.0 when empty."""
    if not values:
        return 0.0
    s = sorted(values)
    x = (len(s) - 1) * p / 100.0
    lo, hi = math.floor(x), math.ceil(x)
    return s[lo] + (s[hi] - s[lo]) * (x - lo)


def reciprocal_rank(ranked: Sequence[str], target: str, k: int = 10) -> float:
    for i, doc in enumerate(ranked[:k]):
        if doc == target:
            return 1.0 / (i + 1)
    return 0.0


def ndcg(ranked: Sequence[str], relevant: frozenset[str] | set[str], k: int = 10) -> float:
    """nDCG@k with binary gains."""
    dcg = sum(1.0 / math.log2(i + 2) for i, doc in enumerate(ranked[:k]) if doc in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def average_precision(ranked: Sequence[str], relevant: frozenset[str] | set[str], k: int = 100) -> float:
    """AP@k normalised by min(|relevant|, k)."""
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked[:k]):
        if doc in relevant:
            hits += 1
            total += hits / (i + 1)
    denom = min(len(relevant), k)
    return total / denom if denom else 0.0


def _run(search: SearchFn, query: str, k: int, errors: list[str]) -> tuple[list[str], float]:
    started = time.perf_counter()
    try:
        ranked = list(search(query, k))
    except Exception as e:  # counted and reported; one bad query must not stop a long run
        ranked = []
        if len(errors) < 5:
            errors.append(f"{query!r}: {type(e).__name__}: {e}")
        else:
            errors.append("")
    return ranked, (time.perf_counter() - started) * 1000.0


def _latency(ms: Sequence[float]) -> dict:
    return {"p50": round(percentile(ms, 50), 2), "p95": round(percentile(ms, 95), 2), "mean": round(statistics.fmean(ms), 2) if ms else 0.0}


def _stats(search: SearchFn) -> dict:
    stats = getattr(search, "stats", None)
    if not isinstance(stats, dict):
        return {}
    out = dict(stats)
    for key in stats:  # counted per task
        stats[key] = 0
    return out


def known_item(search: SearchFn, queries: Sequence[tuple[str, str]], k: int = 10) -> dict:
    """MRR@k and success@k of a search function on (query, target id) pairs, plus latency."""
    rr, latency, errors = [], [], []
    for q, target in queries:
        ranked, ms = _run(search, q, k, errors)
        rr.append(reciprocal_rank(ranked, target, k))
        latency.append(ms)
    n = len(queries)
    return {
        "queries": n,
        f"mrr@{k}": round(sum(rr) / n, 4) if n else 0.0,
        f"success@{k}": round(sum(1 for r in rr if r > 0) / n, 4) if n else 0.0,
        "errors": len(errors),
        "error_examples": [e for e in errors if e],
        "latency_ms": _latency(latency),
        **_stats(search),
    }


def keyword_task(search: SearchFn, queries: Sequence[tuple[str, frozenset[str]]], k_ndcg: int = 10, k_map: int = 100) -> dict:
    """nDCG@k_ndcg (binary) and MAP@k_map of a search function on (query, relevant ids) pairs."""
    nd, ap, latency, errors = [], [], [], []
    for q, relevant in queries:
        ranked, ms = _run(search, q, k_map, errors)
        nd.append(ndcg(ranked, relevant, k_ndcg))
        ap.append(average_precision(ranked, relevant, k_map))
        latency.append(ms)
    n = len(queries)
    return {
        "queries": n,
        f"ndcg@{k_ndcg}": round(sum(nd) / n, 4) if n else 0.0,
        f"map@{k_map}": round(sum(ap) / n, 4) if n else 0.0,
        "errors": len(errors),
        "error_examples": [e for e in errors if e],
        "latency_ms": _latency(latency),
        **_stats(search),
    }


# --- systems --------------------------------------------------------------------------------

Builder = Callable[[Sequence[Article], Path], SearchFn]


LATENCY_SAMPLE = {"full": 500, "quick": 100, "smoke": 10}
def build_coopsearch(articles: Sequence[Article], workdir: Path) -> SearchFn:
    """Index bodies with coopsearch (workers=2); search through the default search path.

    The search function calls ``EmbeddedBackend(index_dir).search(build_request(q=..., limit=k,
    collapse=0), snippets=False)`` (one backend for the run) (snippets never change the ranking but cost one per hit); its
    ``latency_probe`` times the default path (grouping and snippets included) and checks that
    snippets do not change the ranking."""
    from coopsearch.ingest import Document
    from coopsearch.indexer import index_documents
    from coopsearch.query import build_request
    from coopsearch.retrieval import EmbeddedBackend

    index_dir = workdir / "coopsearch"
    report = index_documents((Document(id=a.id, title="", text=a.body) for a in articles), index_dir, workers=2)
    if report.problems:
        raise RuntimeError(f"coopsearch indexing problems: {report.problems[:3]}")
    stats = {"fallback": 0}
    search = EmbeddedBackend(index_dir).search

    def run(query: str, k: int) -> list[str]:
        result = search(build_request(q=query, limit=k, collapse=0), snippets=False)
        stats["fallback"] += result.fallback
        return [h.id for h in result.hits]

    def latency_probe(queries: Sequence[str], k: int = 10) -> dict:
        ms, same = [], 0
        for q in queries:
            started = time.perf_counter()
            search(build_request(q=q, limit=k))  # the default path: grouping and snippets
            ms.append((time.perf_counter() - started) * 1000.0)
            same += [h.id for h in search(build_request(q=q, limit=k, collapse=0)).hits] == run(q, k)
        stats["fallback"] = 0
        return {"queries": len(queries), **_latency(ms), "same_ranking_as_evaluated": same}

    run.stats = stats  # type: ignore[attr-defined]
    run.latency_probe = latency_probe  # type: ignore[attr-defined]
    return run


def whoosh_analyzer(stem: bool):
    """RegexTokenizer + LowercaseFilter + Russian stop words (whoosh.lang) [+ Snowball stemmer]."""
    from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.lang import has_stopwords, stopwords_for_language

    analyzer = RegexTokenizer() | LowercaseFilter()
    if has_stopwords("ru"):
        analyzer = analyzer | StopFilter(stoplist=stopwords_for_language("ru"))
    if stem:
        analyzer = analyzer | StemFilter(lang="ru")
    return analyzer


def build_whoosh(articles: Sequence[Article], workdir: Path, stem: bool) -> SearchFn:
    """Whoosh over bodies; default BM25F scorer; QueryParser("body", group=OrGroup)."""
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import OrGroup, QueryParser

    schema = Schema(id=ID(stored=True, unique=True), body=TEXT(analyzer=whoosh_analyzer(stem)))
    path = workdir / ("whoosh-snowball" if stem else "whoosh-plain")
    path.mkdir(parents=True)
    ix = index.create_in(str(path), schema)
    writer = ix.writer(limitmb=256)
    for a in articles:
        writer.add_document(id=a.id, body=a.body)
    writer.commit()
    parser = QueryParser("body", ix.schema, group=OrGroup)
    searcher = ix.searcher()  # kept open for the whole run

    def run(query: str, k: int) -> list[str]:
        return [hit["id"] for hit in searcher.search(parser.parse(query), limit=k)]

    return run


SYSTEMS: dict[str, Builder] = {
    "coopsearch": build_coopsearch,
    "whoosh-plain": lambda articles, workdir: build_whoosh(articles, workdir, stem=False),
    "whoosh-snowball": lambda articles, workdir: build_whoosh(articles, workdir, stem=True),
}


# --- the run --------------------------------------------------------------------------------


def evaluate_systems(
    rt: Sequence[Article], ng: Sequence[Article], tasks: Tasks, systems: dict[str, Builder], workdir: Path, log=print, latency_sample: int = 500
) -> dict:
    """Build each system on the RT bodies (and separately on the NG bodies) and run all tasks."""
    results: dict[str, dict] = {}
    for name, build in systems.items():
        res: dict = {}
        started = time.perf_counter()
        search = build(rt, workdir / "rt")
        res["index_seconds_rt"] = round(time.perf_counter() - started, 2)
        log(f"[{name}] indexed {len(rt)} RT bodies in {res['index_seconds_rt']} s")
        res["known_item"] = known_item(search, tasks.known_item)
        log(f"[{name}] known-item RT: MRR@10 {res['known_item']['mrr@10']:.3f}, success@10 {res['known_item']['success@10']:.3f}")
        probe = getattr(search, "latency_probe", None)
        if probe is not None:
            sample = _sample([q for q, _ in tasks.known_item], latency_sample, SEED + 3)
            res["latency_default_path"] = probe(sample)
            log(f"[{name}] default-path latency: {res['latency_default_path']}")
        res["keywords"] = keyword_task(search, tasks.keywords)
        log(f"[{name}] keywords RT: nDCG@10 {res['keywords']['ndcg@10']:.3f}, MAP@100 {res['keywords']['map@100']:.3f}")
        del search
        started = time.perf_counter()
        ng_search = build(ng, workdir / "ng")
        res["index_seconds_ng"] = round(time.perf_counter() - started, 2)
        res["ng_known_item"] = known_item(ng_search, tasks.ng_known_item)
        log(f"[{name}] known-item NG: MRR@10 {res['ng_known_item']['mrr@10']:.3f}, success@10 {res['ng_known_item']['success@10']:.3f}")
        del ng_search
        results[name] = res
    return results


def reference_check(results: dict, mode: str) -> dict:
    """Compare the Whoosh baselines with the previously measured numbers (full run only)."""
    out = {}
    for name, ref in REFERENCE.items():
        if name not in results:
            continue
        got = {"known_item_mrr10": results[name]["known_item"]["mrr@10"], "keywords_ndcg10": results[name]["keywords"]["ndcg@10"]}
        diff = {k: round(got[k] - ref[k], 4) for k in ref}
        out[name] = {
            "reference": ref,
            "measured": got,
            "difference": diff,
            "reproduced": mode == "full" and all(abs(d) <= REFERENCE_TOLERANCE for d in diff.values()),
            "comparable": mode == "full",
        }
    return out


def _f(x: float) -> str:
    return f"{x:.3f}"


def markdown(report: dict) -> str:
    """The results as a markdown document."""
    m, info, res = report["machine"], report["tasks"], report["results"]
    lines = [
        "# Relevance benchmark",
        "",
        f"Mode **{report['mode']}**, run {report['started']} in {report['seconds']:.0f} s. Command (from the repository root):",
        "",
        "```sh",
        report["command"],
        "```",
        "",
        machine_line(m),
        "",
        code_line(report["code"]),
        "",
        "Every system indexes the article **body only** (`content`; no title, no summary). "
        "coopsearch: `index_documents(..., workers=2)` and `EmbeddedBackend(index_dir).search(build_request(q=..., limit=k, collapse=0))` (near-duplicate grouping off: the baselines have none, and NG holds the same article under several URLs — 741 of its 1,987 texts fall into 335 groups). "
        "Whoosh baselines: `RegexTokenizer | LowercaseFilter | StopFilter(ru)` (plain) and the same `| StemFilter(lang=\"ru\")` (Snowball), "
        "default BM25F, `QueryParser(\"body\", schema, group=OrGroup)`.",
        "",
        "## Known item: RT title → its article",
        "",
        f"{info['rt_docs']} RT bodies indexed; {info['known_item']['evaluated']} title queries evaluated "
        f"(of {info['known_item']['available']}; {info['known_item']['skipped_no_body']} articles without a body skipped).",
        "",
        "| system | MRR@10 | success@10 | errors | p50 ms | p95 ms | index s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in res.items():
        ki = r["known_item"]
        lines.append(
            f"| {name} | {_f(ki['mrr@10'])} | {_f(ki['success@10'])} | {ki['errors']} | {ki['latency_ms']['p50']:.1f} | {ki['latency_ms']['p95']:.1f} | {r['index_seconds_rt']:.1f} |"
        )
    lines += [
        "",
        "p50/p95: wall time of the evaluated search-function calls in this process (coopsearch: `search()` checks "
        "the live generation and counts facets per call"
        + ", without snippets"
        + "; Whoosh: one open searcher, ids only) — a cost comparison, not product latency.",
    ]
    lat = res.get("coopsearch", {}).get("latency_default_path")
    if lat:
        lines += [
            "",
            f"**coopsearch query latency, default path** (`search()` unmodified: live generation checked, facets counted, 10 snippets built), "
            f"{lat['queries']} sampled title queries: **p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms** (mean {lat['mean']:.1f} ms); "
            f"same top 10 as the evaluated calls for {lat['same_ranking_as_evaluated']} of {lat['queries']}.",
        ]
    lines += [
        "",
        "## Keywords: RT editor keyword → articles carrying it",
        "",
        f"{info['keywords']['evaluated']} keyword queries evaluated (of {info['keywords']['available']} keywords used on "
        f"{KEYWORD_MIN_DOCS}..{KEYWORD_MAX_DOCS} indexed documents; {info['keywords']['distinct_keywords']} distinct keywords). "
        "100 results retrieved; AP normalised by min(|relevant|, 100).",
        "",
        "| system | nDCG@10 | MAP@100 | errors |",
        "|---|---:|---:|---:|",
    ]
    for name, r in res.items():
        kw = r["keywords"]
        lines.append(f"| {name} | {_f(kw['ndcg@10'])} | {_f(kw['map@100'])} | {kw['errors']} |")
    lines += [
        "",
        "## Unseen check: NG known item",
        "",
        f"{info['ng_docs']} NG bodies indexed separately; {info['ng_known_item']['evaluated']} title queries evaluated.",
        "",
        "| system | MRR@10 | success@10 | errors |",
        "|---|---:|---:|---:|",
    ]
    for name, r in res.items():
        ng = r["ng_known_item"]
        lines.append(f"| {name} | {_f(ng['mrr@10'])} | {_f(ng['success@10'])} | {ng['errors']} |")
    lines += ["", "## Query cleaning", ""]
    lines.append(
        "Every system gets the same cleaned text (`benchmarks/relevance.py: clean_query`): the characters "
        "`\" ' « » “ ” „ ‟ ‘ ’ ( ) [ ] { } ^ ~ * ? : | \\` become spaces, a leading `-`, `+` or `=` of a word is "
        "dropped, and the words `OR`, `ИЛИ`, `AND`, `NOT`, `ANDNOT`, `ANDMAYBE` are removed."
    )
    lines += [
        "",
        "| queries | changed by cleaning | by rule | raw text refused by coopsearch's parser |",
        "|---|---:|---|---:|",
    ]
    for label, key in (("RT titles", "known_item"), ("RT keywords", "keywords"), ("NG titles", "ng_known_item")):
        t = info[key]
        rules = ", ".join(f"{r} {n}" for r, n in t["changed_by_rule"].items()) or "–"
        refused = t.get("raw_titles_refused_by_coopsearch", "–")
        lines.append(f"| {label} ({t['available']}) | {t['changed_by_cleaning']} | {rules} | {refused} |")
    lines += [
        "",
        "A colon followed by a space (`Заголовок: подзаголовок`) is harmless in both query languages but is "
        "removed like any other colon, so the `colon` count mostly reflects RT's title style.",
    ]
    if "coopsearch" in res:
        c = res["coopsearch"]
        lines += [
            "",
            "coopsearch's `fallback` flag (any-word ranking because an all-words query found nothing; "
            "how many words a query may have before coopsearch ranks by any word depends on the code version) "
            f"was set for {c['known_item'].get('fallback', 0)} of {c['known_item']['queries']} RT title queries, "
            f"{c['keywords'].get('fallback', 0)} of {c['keywords']['queries']} keyword queries and "
            f"{c['ng_known_item'].get('fallback', 0)} of {c['ng_known_item']['queries']} NG title queries.",
        ]
    if report.get("reference"):
        lines += ["", "## Whoosh baselines against the previously measured numbers", ""]
        lines += ["| system | MRR@10 then → now | nDCG@10 then → now | within ±0.03 |", "|---|---|---|---|"]
        for name, ref in report["reference"].items():
            r, g = ref["reference"], ref["measured"]
            ok = ("yes" if ref["reproduced"] else "no") if ref["comparable"] else "n/a (not a full run)"
            lines.append(
                f"| {name} | {r['known_item_mrr10']:.3f} → {g['known_item_mrr10']:.3f} | {r['keywords_ndcg10']:.3f} → {g['keywords_ndcg10']:.3f} | {ok} |"
            )
    errors = [(n, t, e) for n, r in res.items() for t in ("known_item", "keywords", "ng_known_item") for e in r[t]["error_examples"]]
    if errors:
        lines += ["", "## Errors (first examples)", ""]
        lines += [f"- {n} / {t}: `{e}`" for n, t, e in errors]
    return "\n".join(lines) + "\n"


def summary_table(report: dict) -> str:
    """A compact plain-text table for the terminal."""
    rows = [("system", "KI MRR@10", "KI succ@10", "KW nDCG@10", "KW MAP@100", "NG MRR@10", "NG succ@10", "p50 ms", "p95 ms")]
    for name, r in report["results"].items():
        ki, kw, ng = r["known_item"], r["keywords"], r["ng_known_item"]
        lat = r.get("latency_default_path") or ki["latency_ms"]
        rows.append(
            (
                name,
                _f(ki["mrr@10"]),
                _f(ki["success@10"]),
                _f(kw["ndcg@10"]),
                _f(kw["map@100"]),
                _f(ng["mrr@10"]),
                _f(ng["success@10"]),
                f"{lat['p50']:.1f}",
                f"{lat['p95']:.1f}",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) for row in rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="subsets: %(rt)s RT + %(ng)s NG docs" % MODES["quick"])
    group.add_argument("--smoke", action="store_true", help="tiny run for CI (checks that the script works)")
    parser.add_argument("--out", type=Path, help="write the markdown report here")
    parser.add_argument("--json", type=Path, help="write the numbers as JSON here")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset of: %(default)s")
    parser.add_argument("--workdir", type=Path, help="where to build the indexes (default: a temporary directory)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    mode_name = "smoke" if args.smoke else "quick" if args.quick else "full"
    mode = MODES[mode_name]
    names = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in names if s not in SYSTEMS]
    if unknown:
        parser.error(f"unknown system(s) {unknown}; known: {list(SYSTEMS)}")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    start = RunStart("relevance", mode_name)
    try:
        rt = load_articles("rt", mode["rt"], args.seed)
        ng = load_articles("ng", mode["ng"], args.seed)
    except MissingData as e:
        log(f"relevance: {e}")
        return 3
    tasks = make_tasks(rt, ng, mode, args.seed)
    log(
        f"mode {mode_name}: {len(rt)} RT docs, {len(ng)} NG docs; {len(tasks.known_item)} title, "
        f"{len(tasks.keywords)} keyword, {len(tasks.ng_known_item)} NG title queries"
    )
    with tempfile.TemporaryDirectory(prefix="coopsearch-relevance-", dir=args.workdir) as tmp:
        results = evaluate_systems(rt, ng, tasks, {n: SYSTEMS[n] for n in names}, Path(tmp), log, LATENCY_SAMPLE[mode_name])
    report = {
        **start.header(),
        "seed": args.seed,
        "tasks": tasks.info,
        "results": results,
        "reference": reference_check(results, mode_name),
    }
    write_report(report, args.json, args.out, markdown(report))
    print(summary_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
