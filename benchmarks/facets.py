"""Hand-judged facet benchmark: are the facet values users filter by right, on real news?

The sample (benchmarks/facets/sample.tsv) holds 200 articles drawn with a fixed seed from
../shared/data/news (RT and NG, 40 % of them cooperation stories) plus the demo corpus, each in
one half by a hash of its key: `tune` (rules were developed looking at it) or `test` (held out:
the numbers the docs report). Every facet value the pipeline gave an article was judged by hand,
right (+) or wrong (-) with a one-line reason (benchmarks/facets/judgments/*.tsv); clear misses
are listed there too (verdict `miss`). What "right" means per facet: docs/entities.md.

The script reads the articles through the product's readers (text cleaning included), runs the
indexing pipeline's extraction and prints, per facet, precision (right / judged values) and
recall (right values found / right values known: judged right in any run, plus listed misses).
Values nobody has judged yet are counted and listed; `--worksheet FILE` writes them with the
articles, ready to judge.

    python -m benchmarks.facets                 # the held-out half
    python -m benchmarks.facets --split tune    # the half the rules were tuned on
    python -m benchmarks.facets --draw          # write the sample again (fixed seed)
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.data import ROOT, MissingData, shared

HERE = Path(__file__).resolve().parent / "facets"
SAMPLE = HERE / "sample.tsv"
JUDGMENTS = HERE / "judgments"
SEED = 20261206
SIZE = 200
COOPERATION_SHARE = 0.4
# Title or summary words that mark a cooperation story: agreements, delegations, trade, investment.
COOPERATION = re.compile(
    r"соглашени|сотрудничеств|меморандум|делегаци|визит|переговор|товарооборот|торгов|экспорт|импорт|"
    r"инвести|контракт|поставк|совместн|партн[её]р|бизнес-мисси|ЕАЭС|саммит",
    re.IGNORECASE,
)
FACETS = {"company": "companies", "organization": "organizations", "region": "regions",
          "country": "countries", "sector": "sectors"}
CAPITALS = frozenset({"Москва", "Санкт-Петербург"})


@dataclass
class Article:
    """One sampled article: key (its URL, or demo:<id>), half, cooperation flag, text and values."""

    key: str
    split: str
    cooperation: bool
    title: str = ""
    text: str = ""
    values: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Judgments:
    """Verdicts by (key, facet, value) and the listed misses by (key, facet)."""

    verdicts: dict[tuple[str, str, str], tuple[bool, str]] = field(default_factory=dict)
    misses: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    def gold(self, key: str, facet: str) -> set[str]:
        """Values known to be right for an article's facet: judged right, or listed as missed."""
        right = {v for (k, f, v), (ok, _) in self.verdicts.items() if k == key and f == facet and ok}
        return right | self.misses.get((key, facet), set())


def split_of(key: str) -> str:
    """The half an article belongs to, by a hash of its key (stable across redraws)."""
    return "tune" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0 else "test"


def _news_documents(keys: set[str] | None = None):  # type: ignore[no-untyped-def]
    """Documents of the shared news files read by the product's JSONL reader (cleaning included)."""
    from coopsearch.ingest import Document, read_paths

    for doc in read_paths(sorted(shared("news").glob("*.jsonl.gz"))):
        if isinstance(doc, Document) and (keys is None or doc.id in keys):
            yield doc


def _demo_documents():  # type: ignore[no-untyped-def]
    from coopsearch.ingest import Document, read_paths

    for doc in read_paths([ROOT / "corpus"]):
        if isinstance(doc, Document):
            doc.id = f"demo:{doc.id}"
            yield doc


def draw() -> list[tuple[str, bool]]:
    """(key, cooperation) of the sample: SIZE seeded news articles, then every demo document."""
    pool = {d.id: bool(COOPERATION.search(f"{d.title} {d.summary}")) for d in _news_documents()}
    rng = random.Random(SEED)
    coop = sorted(k for k, c in pool.items() if c)
    other = sorted(k for k, c in pool.items() if not c)
    n_coop = round(SIZE * COOPERATION_SHARE)
    picked = [(k, True) for k in rng.sample(coop, n_coop)] + [(k, False) for k in rng.sample(other, SIZE - n_coop)]
    demo = [(d.id, bool(COOPERATION.search(f"{d.title} {d.summary}"))) for d in _demo_documents()]
    return sorted(picked) + demo


def load_sample() -> list[tuple[str, str, bool]]:
    """(key, split, cooperation) rows of sample.tsv."""
    with SAMPLE.open(encoding="utf-8") as f:
        return [(r["key"], r["split"], r["cooperation"] == "1") for r in csv.DictReader(f, delimiter="\t")]


def load_judgments(folder: Path = JUDGMENTS) -> Judgments:
    """All judgment files (key, facet, value, verdict +/-/miss, reason); later files win."""
    out = Judgments()
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8") as f:
            for number, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
                if not row or row[0] == "key" or row[0].startswith("#"):
                    continue
                if len(row) < 4 or row[1] not in FACETS or row[3] not in ("+", "-", "miss"):
                    raise SystemExit(f"{path}:{number}: expected key, facet, value, +/-/miss, reason; got {row!r}")
                key, facet, value, verdict = row[:4]
                reason = row[4] if len(row) > 4 else ""
                if verdict == "miss":
                    out.misses[key, facet].add(value)
                else:
                    out.verdicts[key, facet, value] = (verdict == "+", reason)
    return out


def extract(sample: list[tuple[str, str, bool]], ner: bool = True) -> list[Article]:
    """Read the sampled articles and extract their facet values as `coopsearch index` does."""
    from coopsearch.entities import EntityConfig, extractor
    from coopsearch.indexer import prepare_batch

    keys = {k for k, _, _ in sample}
    docs = {d.id: d for d in _news_documents(keys)}
    docs.update((d.id, d) for d in _demo_documents() if d.id in keys)
    missing = keys - docs.keys()
    if missing:
        raise MissingData(f"{len(missing)} sampled articles not found, e.g. {sorted(missing)[0]}")
    ordered = [docs[k] for k, _, _ in sample]
    prepared = []
    for i in range(0, len(ordered), 16):
        prepared.extend(prepare_batch([(d, "") for d in ordered[i : i + 16]], extractor(EntityConfig(ner=ner))))
    return [
        Article(key, split, coop, p.doc.title, p.doc.text, {f: list(getattr(p.doc, a)) for f, a in FACETS.items()})
        for (key, split, coop), p in zip(sample, prepared)
    ]


@dataclass
class Score:
    """Counts of one facet over a set of articles."""

    right: int = 0
    wrong: int = 0
    unjudged: int = 0
    found: int = 0  # gold values found
    gold: int = 0

    @property
    def precision(self) -> float:
        """Right values among the judged ones."""
        return self.right / (self.right + self.wrong) if self.right + self.wrong else float("nan")

    @property
    def recall(self) -> float:
        """Known right values that were found."""
        return self.found / self.gold if self.gold else float("nan")


def score(articles: list[Article], judged: Judgments, only: set[str] | None = None) -> tuple[dict[str, Score], list]:
    """Score per facet (+ region outside the capitals) and the unjudged (key, facet, value) triples."""
    scores: dict[str, Score] = defaultdict(Score)
    unjudged = []
    for a in articles:
        for facet, values in a.values.items():
            if only and facet not in only:
                continue
            gold = judged.gold(a.key, facet)
            names = [facet] + (["region outside capitals"] if facet == "region" else [])
            names += [f"{facet} (cooperation stories)"] if a.cooperation and facet in ("company", "organization") else []
            for value in values:
                verdict = judged.verdicts.get((a.key, facet, value))
                for name in names:
                    if name == "region outside capitals" and value in CAPITALS:
                        continue
                    s = scores[name]
                    if verdict is None:
                        s.unjudged += 1
                    elif verdict[0]:
                        s.right += 1
                    else:
                        s.wrong += 1
                if verdict is None:
                    unjudged.append((a.key, facet, value))
            for name in names:
                kept = gold if name != "region outside capitals" else gold - CAPITALS
                scores[name].gold += len(kept)
                scores[name].found += len(kept & set(values))
    return dict(scores), unjudged


def report(scores: dict[str, Score], split: str, n: int) -> str:
    """A markdown table of the scores."""
    lines = [
        f"Facet values on the `{split}` half ({n} articles), judged by hand:",
        "",
        "| facet | precision | right / judged | recall | found / known right | unjudged |",
        "|---|---|---|---|---|---|",
    ]
    order = [*FACETS, "region outside capitals", "company (cooperation stories)", "organization (cooperation stories)"]
    for name in [o for o in order if o in scores]:
        s = scores[name]
        lines.append(
            f"| {name} | {s.precision:.1%} | {s.right} / {s.right + s.wrong} | {s.recall:.1%} | {s.found} / {s.gold} | {s.unjudged} |"
        )
    return "\n".join(lines)


def errors(articles: list[Article], judged: Judgments, facet: str) -> str:
    """Wrong values (with the judge's reason) and missed known-right values of one facet."""
    lines = []
    for a in articles:
        values = a.values.get(facet, [])
        for v in values:
            verdict = judged.verdicts.get((a.key, facet, v))
            if verdict is not None and not verdict[0]:
                lines.append(f"wrong\t{v}\t{verdict[1]}\t{a.key}")
        for v in sorted(judged.gold(a.key, facet) - set(values)):
            lines.append(f"missed\t{v}\t\t{a.key}")
    return "\n".join(lines)


def cleaning_report() -> str:
    """Characters and documents of the RT articles that text cleaning touches, by rule."""
    from benchmarks.data import news
    from coopsearch.ingest.cleaning import clean_text

    removed: Counter[str] = Counter()
    docs = touched = chars = 0
    for record in news("rt"):
        cleaned = clean_text(record["content"])
        docs, chars = docs + 1, chars + len(record["content"])
        touched += bool(cleaned.removed)
        removed.update(cleaned.removed)
    lines = [f"RT: {docs} articles, {chars:,} characters; cleaning touched {touched} articles and removed "
             f"{sum(removed.values()):,} characters ({sum(removed.values()) / chars:.1%}):"]
    lines += [f"  {rule}: {n:,}" for rule, n in removed.most_common()]
    return "\n".join(lines)


def worksheet(articles: list[Article], unjudged: list, path: Path) -> None:
    """Write the unjudged values with their articles' text, one block per article, for judging."""
    todo = defaultdict(list)
    for key, facet, value in unjudged:
        todo[key].append((facet, value))
    with path.open("w", encoding="utf-8") as f:
        for a in articles:
            if a.key not in todo:
                continue
            f.write(f"=== {a.key}\nTITLE: {a.title}\n\n{a.text}\n\n--- all values: {json.dumps(a.values, ensure_ascii=False)}\n")
            f.write("--- to judge:\n" + "".join(f"{a.key}\t{facet}\t{value}\n" for facet, value in todo[a.key]) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Command line: draw the sample, or score a half and list unjudged values."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("test", "tune", "all"), default="test")
    ap.add_argument("--draw", action="store_true", help="write benchmarks/facets/sample.tsv again")
    ap.add_argument("--worksheet", type=Path, help="write unjudged values with their articles here")
    ap.add_argument("--no-ner", action="store_true", help="rules only")
    ap.add_argument("--json", type=Path, help="also write the scores as JSON")
    ap.add_argument("--cleaning", action="store_true", help="report what text cleaning removes from the RT articles")
    ap.add_argument("--errors", metavar="FACET", help="list this facet's wrong values and misses (with reasons)")
    args = ap.parse_args(argv)
    try:
        if args.draw:
            HERE.mkdir(parents=True, exist_ok=True)
            with SAMPLE.open("w", encoding="utf-8", newline="") as f:
                out = csv.writer(f, delimiter="\t", lineterminator="\n")
                out.writerow(["key", "split", "cooperation"])
                for key, coop in draw():
                    out.writerow([key, split_of(key), int(coop)])
            print(f"wrote {SAMPLE}")
            return 0
        if args.cleaning:
            print(cleaning_report())
            return 0
        sample = [row for row in load_sample() if args.split == "all" or row[1] == args.split]
        articles = extract(sample, ner=not args.no_ner)
    except MissingData as e:
        print(f"skipped: {e}", file=sys.stderr)
        return 1
    judged = load_judgments()
    scores, unjudged = score(articles, judged)
    print(report(scores, args.split, len(articles)))
    if unjudged:
        print(f"\n{len(unjudged)} values not judged yet:")
        for key, facet, value in unjudged[:50]:
            print(f"  {key}\t{facet}\t{value}")
    if args.worksheet:
        worksheet(articles, unjudged, args.worksheet)
    if args.errors:
        print(errors(articles, judged, args.errors))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({n: vars(s) for n, s in scores.items()}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
