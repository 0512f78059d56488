"""Ranking experiments: variants of coopsearch's ranking on body-only RT and NG indexes.

The relevance benchmark (benchmarks/relevance.py) measures the default search path against
the baselines; this script measures *alternatives* to the default on the same tasks, so that
the choices in retrieval/ (evaluation, BM25F in snapshot.py) are backed by numbers:

    python -m benchmarks.ranking [--workdir DIR] [--titles N] [--keywords N] [--ng N] [--variants a,b]

Indexes are built once (with NER, two workers) into --workdir and reused. Each variant
ranks with the engine's BM25F per term and combines terms as it says; the table goes to
stdout (markdown). Tune on RT only; NG is the unseen check.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.relevance import MODES, keyword_task, known_item, load_articles, make_tasks  # noqa: E402

# name → configuration; "mode": all = every term (any-term fallback), any = any term,
# msm = all for ≤ `short` terms else ceil(share·n); "k1"/"b": BM25F parameters.
VARIANTS: dict[str, dict] = {
    "all terms, k1 1.2 (first default)": {"mode": "all", "k1": 1.2},
    "any term, k1 1.2": {"mode": "any", "k1": 1.2},
    "≥50 % of terms beyond 3, k1 1.2": {"mode": "msm", "share": 0.5, "k1": 1.2},
    "any term, k1 1.6": {"mode": "any", "k1": 1.6},
    "any term, k1 2.0 (default for long queries)": {"mode": "any", "k1": 2.0},
    "any term, k1 3.0": {"mode": "any", "k1": 3.0},
    "any term, k1 2.0, b 0.6": {"mode": "any", "k1": 2.0, "b": 0.6},
    "any term, k1 2.0, b 0.9": {"mode": "any", "k1": 2.0, "b": 0.9},
    "+ coordination bonus 0.3": {"mode": "any", "k1": 2.0, "coord": 0.3},
    "+ entity facets of the query, w 1": {"mode": "any", "k1": 2.0, "entities": 1.0},
    "+ entity facets of the query, w 3": {"mode": "any", "k1": 2.0, "entities": 3.0},
    "+ pseudo-relevance feedback 0.3 (≤ 3 terms)": {"mode": "any", "k1": 2.0, "prf": 0.3},
    "+ ordered word pairs (slop 3), w 0.5": {"mode": "any", "k1": 2.0, "pairs": 0.5},
}


class Ranker:
    """Ranking variants over one prebuilt index."""

    def __init__(self, index_dir: Path) -> None:
        from coopsearch import storage
        from coopsearch.retrieval.reader import SharedReader
        from coopsearch.retrieval.snapshot import build_snapshot

        self.shared = SharedReader.open_latest(str(storage.current_generation(index_dir)))
        self.snap = build_snapshot(self.shared)
        with self.shared.use() as reader:
            ids = reader.column_reader("id")
            self.ids = [ids[i] for i in range(self.snap.n)]
        self._entities: dict[str, list[tuple[str, str]]] = {}

    def configure(self, bm25) -> None:  # type: ignore[no-untyped-def]
        """Rebuild the snapshot with other BM25F parameters (norms are precomputed)."""
        from coopsearch.retrieval.snapshot import build_snapshot

        self.snap = build_snapshot(self.shared, bm25)

    def terms(self, q: str) -> list[str]:
        from coopsearch.analysis import is_stopword, iter_words, lemma

        all_terms = [lemma(w.text) for w in iter_words(q) if not w.part]
        content = [t for t in all_terms if not is_stopword(t)]
        return list(dict.fromkeys(content or all_terms))

    def rank(self, q: str, k: int, cfg: dict) -> list[str]:
        terms = self.terms(q)
        if not terms:
            return []
        results = [self.snap.bm25f(t) for t in terms]
        score = np.sum([s for _, s in results], axis=0)
        count = np.sum([m for m, _ in results], axis=0)
        n = len(terms)
        need = {"all": n, "any": 1}.get(cfg["mode"]) or (
            n if n <= cfg.get("short", 3) else max(1, math.ceil(cfg.get("share", 0.5) * n))
        )
        mask = (count >= need) & self.snap.live
        if not mask.any():
            mask = (count >= 1) & self.snap.live
        if cfg.get("coord"):
            score = score * (1 + cfg["coord"] * count / n)
        if cfg.get("entities"):
            score = score + self.entity_boost(q, cfg["entities"])
        if cfg.get("pairs"):
            score = score + self.pair_boost(terms, cfg["pairs"])
        if cfg.get("prf") and n <= 3:
            score = self.feedback(terms, score, mask, cfg["prf"])
        idx = np.flatnonzero(mask)
        top = idx[np.argsort(-score[idx], kind="stable")[:k]]
        return [self.ids[i] for i in top]

    def _idf(self, df: int) -> float:
        return math.log(1 + (self.snap.doc_count - df + 0.5) / (df + 0.5))

    def entity_boost(self, q: str, weight: float) -> np.ndarray:
        """Documents whose company/region/country facets hold what the query names."""
        from coopsearch.entities import extractor

        if q not in self._entities:
            e = extractor().extract(" ".join(w[:1].upper() + w[1:] for w in q.split()) + ".")
            self._entities[q] = [("company", v) for v in e.companies] + [("region", v) for v in e.regions] + [
                ("country", v) for v in e.countries
            ]
        boost = np.zeros(self.snap.n, np.float32)
        for facet, value in self._entities[q]:
            column = self.snap.facets[facet]
            if value in column.ids:
                docs = column.doc[column.val == column.ids[value]]
                boost[docs] += weight * self._idf(docs.size)
        return boost

    def pair_boost(self, terms: list[str], weight: float) -> np.ndarray:
        """Documents with consecutive query words within three positions, in order."""
        from whoosh import query as wq
        from whoosh.searching import Searcher

        boost = np.zeros(self.snap.n, np.float32)
        for a, b in zip(terms, terms[1:]):
            with self.shared.use() as reader:
                query = wq.Phrase("body", [a, b], slop=3)
                found = np.fromiter(Searcher(reader, closereader=False).docs_for_query(query), dtype=np.int64)
            if found.size:
                boost[found] += weight * self._idf(found.size)
        return boost

    def feedback(self, terms: list[str], score: np.ndarray, mask: np.ndarray, weight: float) -> np.ndarray:
        """RM-style expansion: frequent words of the top 10 documents, weighted by idf."""
        from coopsearch.analysis import is_stopword, iter_words, lemma

        idx = np.flatnonzero(mask)
        top = idx[np.argsort(-score[idx], kind="stable")[:10]]
        weights: Counter[str] = Counter()
        norm = float(score[top].sum()) or 1.0
        for d in top:
            words = [lemma(w.text) for w in iter_words(self.snap.stored(int(d)).get("body", "")) if not w.part]
            words = [w for w in words if len(w) > 2 and not w.isdigit() and not is_stopword(w)]
            for w, c in Counter(words).items():
                weights[w] += float(score[d]) / norm * c / max(len(words), 1)
        expansion = []
        for w, v in weights.most_common(60):
            if w not in terms:
                df = self.snap.postings("body", w)[0].size
                if df > 1:
                    expansion.append((v * self._idf(df), w))
        expansion = sorted(expansion, reverse=True)[:10]
        out = score.copy()
        for v, w in expansion:
            out += weight * v / expansion[0][0] * self.snap.bm25f(w)[1]
        return out


def build(source: str, workdir: Path) -> Path:
    """The body-only index of a source, built once."""
    from coopsearch import storage
    from coopsearch.ingest import Document
    from coopsearch.indexer import index_documents

    target = workdir / source
    if storage.current_generation(target) is None:
        articles = load_articles(source)
        index_documents((Document(id=a.id, title="", text=a.body) for a in articles), target, workers=2)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path("build/ranking"))
    parser.add_argument("--titles", type=int, default=1500, help="RT title queries sampled")
    parser.add_argument("--keywords", type=int, default=300, help="RT keyword queries sampled")
    parser.add_argument("--ng", type=int, default=600, help="NG title queries sampled")
    parser.add_argument("--variants", default="", help="comma-separated names (default: all)")
    args = parser.parse_args(argv)
    from coopsearch.retrieval.snapshot import BM25F

    mode = {**MODES["full"], "title_queries": args.titles, "keyword_queries": args.keywords, "ng_queries": args.ng}
    tasks = make_tasks(load_articles("rt"), load_articles("ng"), mode)
    rt, ng = Ranker(build("rt", args.workdir)), Ranker(build("ng", args.workdir))
    chosen = [v.strip() for v in args.variants.split(",") if v.strip()] or list(VARIANTS)
    defaults = BM25F()
    print(f"{len(tasks.known_item)} RT title queries, {len(tasks.keywords)} RT keywords, {len(tasks.ng_known_item)} NG titles\n")
    print("| variant | RT MRR@10 | RT success@10 | RT nDCG@10 | RT MAP@100 | NG MRR@10 | s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in chosen:
        cfg = VARIANTS[name]
        bm25 = BM25F(k1=cfg.get("k1", defaults.k1), b={**defaults.b, **({"body": cfg["b"], "summary": cfg["b"]} if "b" in cfg else {})})
        rt.configure(bm25)
        ng.configure(bm25)
        started = time.monotonic()
        run_rt: Callable[[str, int], list[str]] = lambda q, k: rt.rank(q, k, cfg)  # noqa: E731
        ki = known_item(run_rt, tasks.known_item)
        kw = keyword_task(run_rt, tasks.keywords)
        ngk = known_item(lambda q, k: ng.rank(q, k, cfg), tasks.ng_known_item)
        print(
            f"| {name} | {ki['mrr@10']:.4f} | {ki['success@10']:.3f} | {kw['ndcg@10']:.4f} | {kw['map@100']:.4f} | "
            f"{ngk['mrr@10']:.4f} | {time.monotonic() - started:.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
