"""Near-duplicate grouping benchmark: planted perturbed copies in RT news, precision/recall, indexing cost.

    python benchmarks/neardup.py                 # all 7,217 RT articles + 600 copies; writes docs/benchmarks-neardup.md
    python benchmarks/neardup.py --quick         # 1,500 articles + 150 copies, no cost runs (under a minute); stdout only
    python benchmarks/neardup.py --smoke --json F   # tiny, for CI (numbers are not meaningful)

Method.
1. Copies. A seeded sample of RT articles (bodies of at least 120 words) gets one perturbed copy each,
   as another outlet would reprint it: a different headline (the article's first sentence, cut to
   12 words), reworded sentences (in a share of the sentences: a word dropped, two neighbouring
   words swapped, a connective such as «также» inserted), cut paragraphs (a share of the paragraphs
   after the first removed) and an attribution line appended («Об этом сообщает …»). Three levels:
   light (10 % of sentences reworded, no cut), medium (25 %, 20 % of paragraphs cut) and heavy
   (40 %, 40 % cut); a third of the copies each.
2. Grouping. Every article and copy is analysed with the indexer's own tokenizer and lemmatizer
   (`coopsearch.analysis.analyzed`), its signature made with `coopsearch.neardup.signature` and the
   documents grouped with `coopsearch.neardup.Grouper` in a seeded random order (copies arrive
   among the originals, as reprints do) — the same code the indexer runs.
3. Scores. Pairs of documents in one group are predicted pairs. Recall = planted (original, copy)
   pairs predicted / planted pairs, also per level. Precision = planted pairs predicted / predicted
   pairs; every other predicted pair is counted wrong, even when the two RT articles really are
   the same story (those pairs are listed for inspection). A threshold and shingle-size sweep reuses
   the same analysed texts.
4. Cost. Full indexing (`coopsearch.indexer.index_documents`, NER on, 2 workers, fresh index) of
   the same RT articles with grouping and with grouping switched off (signature and group
   assignment replaced by no-ops), alternated A B A B; cost = 1 - rate(on) / rate(off).
   The per-document time of `signature` and `Grouper.assign` alone is reported as well.
"""
from __future__ import annotations

import argparse
import contextlib
import random
import re
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import razdel  # noqa: E402

from benchmarks.data import ROOT, MissingData, news, timed_indexing  # noqa: E402
from benchmarks.report import RunStart, code_line, machine_line, write_report  # noqa: E402
from coopsearch import indexer, neardup  # noqa: E402
from coopsearch.analysis import analyzed  # noqa: E402
from coopsearch.ingest import Document  # noqa: E402

SEED = 20261130
LEVELS = {"light": (0.10, 0.0), "medium": (0.25, 0.20), "heavy": (0.40, 0.40)}  # (sentences reworded, paragraphs cut)
CONNECTIVES = ("также", "в частности", "при этом", "кроме того", "как отмечается")
SOURCES = ("ТАСС", "РИА Новости", "Интерфакс", "пресс-служба правительства региона", "Казинформ")
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
SHINGLES = (2, 3, 4)
MIN_SHINGLES = (20, 40, 60, 100)  # swept at the chosen shingle size and threshold
MIN_WORDS = 120
MODES = {
    "full": {"articles": None, "copies": 600, "cost_docs": 800},
    "quick": {"articles": 1500, "copies": 150, "cost_docs": 0},
    "smoke": {"articles": 120, "copies": 12, "cost_docs": 0},
}


def _paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    if len(paras) > 1:
        return paras
    sentences = [s.text for s in razdel.sentenize(text)]
    return [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]


def _reword(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    if len(words) < 4:
        return sentence
    edit = rng.choice(("drop", "swap", "insert"))
    k = rng.randrange(1, len(words) - 1)
    if edit == "drop":
        del words[k]
    elif edit == "swap":
        words[k - 1], words[k] = words[k], words[k - 1]
    else:
        words.insert(k, rng.choice(CONNECTIVES))
    return " ".join(words)


def perturb(title: str, text: str, level: str, rng: random.Random) -> tuple[str, str]:
    """A reprint of an article: another headline, reworded sentences, cut paragraphs, an attribution."""
    reword, cut = LEVELS[level]
    paras = _paragraphs(text)
    keep = [paras[0]] + [p for p in paras[1:] if rng.random() >= cut]
    out = []
    for para in keep:
        sentences = [s.text for s in razdel.sentenize(para)]
        out.append(" ".join(_reword(s, rng) if rng.random() < reword else s for s in sentences))
    out.append(f"Об этом сообщает {rng.choice(SOURCES)}.")
    first = next(iter(razdel.sentenize(text))).text.split()
    headline = " ".join(first[:12]).rstrip(".,")
    return (headline if headline != title else headline + " — подробности"), "\n\n".join(out)


def load(articles: int | None, copies: int, rng: random.Random) -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """RT articles and planted copies as dicts (id, title, text); copy id → (original id, level)."""
    docs = []
    for n, a in enumerate(news("rt")):
        if articles is not None and n >= articles:
            break
        text = a.get("content") or ""
        if text.strip():
            docs.append({"id": a["url"], "title": a.get("title", ""), "text": text})
    eligible = [d for d in docs if len(d["text"].split()) >= MIN_WORDS]
    planted: dict[str, tuple[str, str]] = {}
    levels = list(LEVELS)
    for k, orig in enumerate(rng.sample(eligible, min(copies, len(eligible)))):
        level = levels[k % len(levels)]
        title, text = perturb(orig["title"], orig["text"], level, rng)
        copy_id = f"copy:{k}:{orig['id']}"
        docs.append({"id": copy_id, "title": title, "text": text})
        planted[copy_id] = (orig["id"], level)
    return docs, planted


def group_all(order: list[str], sigs: dict[str, bytes], threshold: float) -> dict[str, str]:
    """Group keys of documents assigned one by one in `order` (as the indexer does)."""
    grouper = neardup.Grouper(threshold=threshold)
    return {doc_id: grouper.assign(doc_id, sigs[doc_id]) for doc_id in order}


def _same_text(texts: dict[str, str], a: str, b: str) -> bool:
    """Whether two documents' texts are identical after whitespace normalization."""
    return " ".join(texts[a].split()) == " ".join(texts[b].split())


def score(groups: dict[str, str], planted: dict[str, tuple[str, str]], texts: dict[str, str]) -> dict:
    """Pairwise precision and recall of planted pairs, recall per level, and the unplanted pairs
    (those whose two texts are identical after whitespace normalization counted apart)."""
    members = defaultdict(list)
    for doc_id, g in groups.items():
        members[g].append(doc_id)
    truth = {frozenset((copy, orig)) for copy, (orig, _) in planted.items()}
    predicted = {frozenset(pair) for m in members.values() if len(m) > 1 for pair in combinations(sorted(m), 2)}
    found = truth & predicted
    by_level = {}
    for level in LEVELS:
        pairs = {frozenset((c, o)) for c, (o, lv) in planted.items() if lv == level}
        by_level[level] = {"planted": len(pairs), "found": len(pairs & predicted), "recall": len(pairs & predicted) / len(pairs) if pairs else None}
    wrong = sorted(tuple(sorted(p)) for p in predicted - truth)
    identical = sum(1 for a, b in wrong if _same_text(texts, a, b))
    return {
        "planted_pairs": len(truth),
        "predicted_pairs": len(predicted),
        "correct_pairs": len(found),
        "identical_text_pairs": identical,
        "precision": len(found) / len(predicted) if predicted else None,
        "precision_without_identical": len(found) / (len(predicted) - identical) if len(predicted) > identical else None,
        "recall": len(found) / len(truth) if truth else None,
        "by_level": by_level,
        "groups_with_several": sum(1 for m in members.values() if len(m) > 1),
        "other_pairs": wrong,
    }


def grouping(docs: list[dict], planted: dict[str, tuple[str, str]], rng: random.Random) -> dict:
    started = time.perf_counter()
    lemmas = {d["id"]: analyzed(d["text"]).lemmas for d in docs}
    texts = {d["id"]: d["text"] for d in docs}
    analysis_s = time.perf_counter() - started
    order = [d["id"] for d in docs]
    rng.shuffle(order)
    sweep = []
    chosen, chosen_sigs = None, {}
    sig_ms = None
    for words in SHINGLES:
        t0 = time.perf_counter()
        sigs = {i: neardup.signature(lem, words) for i, lem in lemmas.items()}
        sig_s = time.perf_counter() - t0
        for threshold in THRESHOLDS:
            t1 = time.perf_counter()
            groups = group_all(order, sigs, threshold)
            assign_s = time.perf_counter() - t1
            s = score(groups, planted, texts)
            row = {"shingle_words": words, "threshold": threshold, "min_shingles": neardup.MIN_SHINGLES, **{k: v for k, v in s.items() if k != "other_pairs"}}
            sweep.append(row)
            if words == neardup.SHINGLE_WORDS and threshold == neardup.THRESHOLD:
                chosen, chosen_sigs = s, sigs
                sig_ms = {"signature_ms_per_doc": 1000 * sig_s / len(docs), "assign_ms_per_doc": 1000 * assign_s / len(docs)}
    for least in MIN_SHINGLES:
        sigs = {i: neardup.signature(lem, min_shingles=least) for i, lem in lemmas.items()}
        s = score(group_all(order, sigs, neardup.THRESHOLD), planted, texts)
        sweep.append({"shingle_words": neardup.SHINGLE_WORDS, "threshold": neardup.THRESHOLD, "min_shingles": least, **{k: v for k, v in s.items() if k != "other_pairs"}})
    titles = {d["id"]: d["title"] for d in docs}
    chosen["other_pairs"] = [
        {"a": a, "b": b, "title_a": titles[a], "title_b": titles[b], "similarity": round(neardup.similarity(chosen_sigs[a], chosen_sigs[b]), 2)}
        for a, b in chosen["other_pairs"] if not _same_text(texts, a, b)
    ][:30]
    return {
        "documents": len(docs),
        "copies": len(planted),
        "analysis_ms_per_doc": 1000 * analysis_s / len(docs),
        **sig_ms,
        "chosen": chosen,
        "sweep": sweep,
    }


def _no_grouping():
    """Context: the indexer with grouping switched off (no signatures, every document its own group)."""
    return mock.patch.multiple(
        indexer,
        signature=lambda lemmas: b"",
        Grouper=type("NoGrouper", (), {"__init__": lambda self, *a, **k: None, "assign": lambda self, doc_id, sig: doc_id}),
    )


def cost(docs: list[dict], n: int) -> dict:
    items = [Document(id=d["id"], title=d["title"], text=d["text"]) for d in docs[:n]]
    runs = []
    for label in ("on", "off", "on", "off"):
        with _no_grouping() if label == "off" else contextlib.nullcontext():
            report, seconds = timed_indexing(items)
        runs.append({"grouping": label, "seconds": seconds, "docs_per_s": report.added / seconds, "grouped": report.grouped})
    on = [r["docs_per_s"] for r in runs if r["grouping"] == "on"]
    off = [r["docs_per_s"] for r in runs if r["grouping"] == "off"]
    return {"documents": n, "runs": runs, "cost": 1 - (sum(on) / len(on)) / (sum(off) / len(off))}


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def markdown(r: dict) -> str:
    g = r["grouping"]
    c = g["chosen"]
    lines = [
        "# Near-duplicate grouping benchmark",
        "",
        f"Generated by `{r['command']}` on {r['started']} (mode: **{r['mode']}**, {r['seconds']:.0f} s).",
        "",
        machine_line(r["machine"]),
        "",
        code_line(r["code"]),
        "",
        "Method: see the docstring of `benchmarks/neardup.py` (planted perturbed copies of RT articles: another headline, "
        "reworded sentences, cut paragraphs, an attribution line; grouped with the indexer's own code in a random order).",
        "",
        f"Settings measured: {neardup.SHINGLE_WORDS}-word lemma shingles, {neardup.NUM_PERM} permutations, "
        f"Jaccard threshold {neardup.THRESHOLD}, texts under {neardup.MIN_SHINGLES} shingles never grouped. The sweep below "
        "varies the shingle size and threshold, then the minimum number of shingles.",
        "",
        "## Result",
        "",
        "| documents | planted copies | precision | precision, identical texts apart | recall | light | medium | heavy | groups of 2+ |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {g['documents']:,} | {g['copies']} | **{_pct(c['precision'])}** ({c['correct_pairs']} / {c['predicted_pairs']} pairs) | "
        f"{_pct(c['precision_without_identical'])} ({c['correct_pairs']} / {c['predicted_pairs'] - c['identical_text_pairs']}) | "
        f"**{_pct(c['recall'])}** ({c['correct_pairs']} / {c['planted_pairs']}) | "
        + " | ".join(_pct(c["by_level"][lv]["recall"]) for lv in LEVELS)
        + f" | {c['groups_with_several']} |",
        "",
        "Light: 10 % of sentences reworded; medium: 25 % reworded and 20 % of paragraphs cut; heavy: 40 % and 40 %; all with "
        "another headline and an attribution line. Precision counts every unplanted pair as wrong; "
        f"{c['identical_text_pairs']} of the {c['predicted_pairs'] - c['correct_pairs']} unplanted pairs are RT articles whose texts are "
        "identical (pages whose scraped text is only boilerplate, e.g. a quiz or gallery with «Подписывайтесь на наш Telegram…»: "
        "one such group of n documents makes n(n-1)/2 pairs), shown apart in the second precision column.",
        "",
    ]
    if c["other_pairs"]:
        lines += [
            "Unplanted pairs grouped whose texts differ (first 30; judge whether they are the same story):",
            "",
            "| title A | title B | estimated similarity |",
            "|---|---|---|",
        ]
        lines += [f"| {p['title_a'][:90]} | {p['title_b'][:90]} | {p['similarity']} |" for p in c["other_pairs"]]
        lines.append("")
    lines += [
        "## Sweep (same texts)",
        "",
        "| shingle words | threshold | min. shingles | precision | precision, identical texts apart | recall | light | medium | heavy |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    chosen_row = (neardup.SHINGLE_WORDS, neardup.THRESHOLD, neardup.MIN_SHINGLES)
    for row in g["sweep"]:
        mark = "**" if (row["shingle_words"], row["threshold"], row["min_shingles"]) == chosen_row else ""
        lines.append(
            f"| {mark}{row['shingle_words']}{mark} | {mark}{row['threshold']}{mark} | {mark}{row['min_shingles']}{mark} | {_pct(row['precision'])} | "
            f"{_pct(row['precision_without_identical'])} | {_pct(row['recall'])} | "
            + " | ".join(_pct(row["by_level"][lv]["recall"]) for lv in LEVELS)
            + " |"
        )
    lines += [
        "",
        "## Indexing cost",
        "",
        f"Per document: analysis {g['analysis_ms_per_doc']:.2f} ms (done by the indexer anyway), signature "
        f"{g['signature_ms_per_doc']:.2f} ms, group assignment {g['assign_ms_per_doc']:.2f} ms (with {g['documents']:,} documents in the LSH).",
        "",
    ]
    if r.get("cost"):
        k = r["cost"]
        lines += [
            f"Full indexing of {k['documents']} RT articles (NER on, 2 workers, fresh index), alternated:",
            "",
            "| run | grouping | seconds | docs/s |",
            "|---|---|---|---|",
        ]
        lines += [f"| {i} | {run['grouping']} | {run['seconds']:.1f} | {run['docs_per_s']:.1f} |" for i, run in enumerate(k["runs"], 1)]
        lines += ["", f"**Cost: {_pct(k['cost'])}** of the indexing rate (target ≤ 15 %).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python benchmarks/neardup.py", description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="1,500 articles, 150 copies, no cost runs")
    size.add_argument("--smoke", action="store_true", help="tiny run for CI")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    parser.add_argument("--out", type=Path, default=None, help="markdown report (default: docs/benchmarks-neardup.md in full mode)")
    args = parser.parse_args(argv)
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    settings = MODES[mode]
    start = RunStart("neardup", mode)
    rng = random.Random(SEED)
    try:
        docs, planted = load(settings["articles"], settings["copies"], rng)
    except MissingData as e:
        print(f"benchmarks/neardup.py: {e}", file=sys.stderr)
        return 2
    report = {"grouping": grouping(docs, planted, rng)}
    if settings["cost_docs"]:
        report["cost"] = cost([d for d in docs if d["id"] not in planted], settings["cost_docs"])
    report = {**start.header(), **report}
    text = markdown(report)
    out = args.out or (ROOT / "docs" / "benchmarks-neardup.md" if mode == "full" else None)
    write_report(report, args.json, out, text)
    if out is None:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
