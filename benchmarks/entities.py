"""Entity-extraction benchmark: factRuEval ORG/LOC, region canonicalization, RT sectors, speed, memory.

    python -m benchmarks.entities                    # full run, writes docs/benchmarks-entities.md
    python -m benchmarks.entities --quick            # fewer documents, report to stdout only
    python -m benchmarks.entities --smoke --json F   # < 30 s, for CI (numbers are not meaningful)

What is measured (only the public API `coopsearch.entities.Extractor.extract` is used):

1. factRuEval-2016 devset (../shared/data/factrueval/devset; the tuning set, so these are dev numbers).
   Gold ORG = objects of type Org; gold LOC = objects of type Location and LocOrg (LocOrg objects
   nested inside an Org count as LOC in their own right). An object's extent runs from the start of
   its first span to the end of its last span. Predicted = `extract(text).mentions` of type ORG / LOC.
   * span-overlap P/R/F1: a predicted mention matches a gold object of the same type when their
     character ranges overlap; pairs are taken greedily by overlap size (ties: reading order), each
     prediction and each gold object at most once; P = matched predictions / predictions,
     R = matched gold / gold, micro over all documents.
   * exact-boundary P/R/F1: the same, but the ranges must be equal.
   * value P/R/F1 (a second view on value quality), per document on sets, micro-summed:
     ORG: gold = org_key(object surface), predicted = org_key(v) for v in companies + organizations;
          org_key = drop quotes «»"„“”, drop legal-form words (ООО ОАО АО ПАО ЗАО ТОО ИП LLP JSC Ltd
          GmbH), put every Cyrillic word into the nominative with pymorphy3 (first parse, number and
          gender kept), compare case-insensitively with ё = е.
     LOC: gold = lemma_key(object surface), predicted = lemma_key(text) of each LOC mention;
          lemma_key = lower-cased pymorphy3 normal forms of the words, ё = е, joined by spaces.
     The object surface is its span texts in reading order, joined by the text between them when the
     gap is at most 3 characters (so «мэрии Москвы», not the annotation's «Москвы мэрии»), else by a space.
2. Region canonicalization: benchmarks/region_cases.tsv (hand-written sentences with the expected
   canonical regions); accuracy = share of sentences whose predicted region set equals the expected
   one exactly (and the country set too where the table gives one).
3. Sectors on RT news: a fixed random sample (seeded) of ../shared/data/news/rt; weak label = the
   article has one of the editor keywords mapped to the sector in SECTOR_KEYWORDS below; prediction =
   sector in extract(content, title=title).sectors. Per-sector precision, recall, support; sectors
   without mapped keywords are n/a and left out of the micro average.
4. Speed (docs/s of `extract` over the RT sample and over factRuEval, after one warm-up call), the
   full indexing rate with entities (`index_documents` of the RT sample, 2 workers, fresh index, two
   runs averaged; target >= 30 docs/s) and the peak RSS of the benchmark process (resource.getrusage
   ru_maxrss; the indexing runs' workers are separate processes).
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import functools
import json
import os
import random
import re
import resource
import sys
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .data import ROOT, MissingData, news, shared, timed_indexing
from .report import code_fingerprint, code_line, machine, machine_line

SEED = 20240601
CASES = Path(__file__).resolve().with_name("region_cases.tsv")
DEFAULT_OUT = ROOT / "docs" / "benchmarks-entities.md"
TARGETS = {
    "ORG F1 (span overlap, named objects)": 0.90,
    "LOC F1 (span overlap, named objects)": 0.93,
    "ORG F1 (span overlap, all objects)": 0.90,
    "LOC F1 (span overlap, all objects)": 0.93,
    "region canonicalization": 0.97,
    "indexing docs/s, full pipeline, 2 workers (RT sample)": 30,
}
# Documents per mode: factRuEval devset files (None = all), RT sample size.
MODES = {
    "full": {"factrueval": None, "rt": 1000},
    "quick": {"factrueval": 40, "rt": 200},
    "smoke": {"factrueval": 5, "rt": 20},
}
TOP_ERRORS = 15

GOLD_TYPES = {"Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
# Span types that make an object a named entity: an organisation needs its own name, or only names
# («ЕС» is annotated as a loc_name; «Власти Таиланда» is a descriptor with a location name); a
# location may be written as an org name («РФ», «КНР»).
NAME_SPANS = {"ORG": ("org_name",), "LOC": ("loc_name", "org_name")}


def _named(typ: str, span_types: list[str]) -> bool:
    if any(t in NAME_SPANS[typ] for t in span_types):
        return True
    return typ == "ORG" and bool(span_types) and all(t.endswith("_name") for t in span_types)
LEGAL_FORMS = frozenset("ооо оао ао пао зао тоо ип llp jsc ltd gmbh".split())
_QUOTES_RE = re.compile(r"[«»\"„“”]")
_WORD_RE = re.compile(r"\w+(?:-\w+)*")
_CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)

# RT editor keywords (lower case, ё = е) that indicate a sector of sectors.toml. Built from the RT
# keyword vocabulary (its 300 most frequent keywords plus rarer sector-specific ones). Deliberately
# left out because RT uses them for politics, war or sport rather than the industry: «оружие»,
# «ракета», «самолет», «авиация», «корабль», «флот», «хакеры», «кибератака», «золото» (medals),
# «деньги», «промышленность», «бизнес», «экономика», «twitter»/«facebook» (quote sources), «химикаты»
# and «химическое оружие». Sectors with no entry are reported as n/a.
SECTOR_KEYWORDS: dict[str, tuple[str, ...]] = {
    "Сельское хозяйство": ("сельское хозяйство", "зерновые"),
    "Пищевая промышленность": ("продукты", "еда"),
    "Рыбное хозяйство": ("рыба",),
    "Нефть и газ": (
        "нефть", "газ", "природный газ", "газпром", "роснефть", "лукойл", "башнефть", "нафтогаз", "опек",
        "северный поток", "северный поток — 2", "турецкий поток", "месторождение",
    ),
    "Энергетика": ("энергетика", "электричество", "энергопотребление", "аэс", "росатом", "ядерный реактор"),
    "Горнодобывающая промышленность": ("уголь", "шахта"),
    "Металлургия": ("металлургия", "металл"),
    "Автомобилестроение": ("автомобиль", "автопром", "автоваз"),
    "Фармацевтика и медицина": ("медицина", "лекарство", "минздрав", "больница", "врач", "скорая помощь"),
    "Строительство и недвижимость": ("строительство", "недвижимость", "ипотека", "жилищный вопрос"),
    "Транспорт и логистика": (
        "транспорт", "аэропорт", "ржд", "авиалинии", "аэрофлот", "поезд", "метро", "транзит", "автобус",
    ),
    "Торговля": ("торговля", "экспорт", "импорт", "мировая торговля", "таможня", "эмбарго", "магазин «магнит»"),
    "Финансы и инвестиции": (
        "финансы", "банк", "банки", "биржа", "инвестиции", "кредит", "валюта", "курс доллара", "доллар",
        "рубль", "цб", "ставка цб", "фрс", "криптовалюта", "биткоин", "страхование", "сбербанк", "втб",
        "всемирный банк", "госфинансы", "банкротство",
    ),
    "ИТ и телекоммуникации": (
        "интернет", "кибербезопасность", "новые технологии", "высокие технологии", "связь",
        "мобильный телефон", "google", "яндекс", "apple", "microsoft", "telegram", "блокчейн",
        "социальные сети", "соцсети",
    ),
    "Образование и наука": (
        "образование", "наука", "школа", "университет", "студенты", "учёные", "егэ",
        "школьные учебники", "социальные науки",
    ),
    "Туризм": ("туризм", "турист", "отдых"),
    "Лёгкая промышленность": ("одежда",),
    "Лесная и деревообрабатывающая промышленность": ("лес",),
    "Электротехника и приборостроение": ("электроника", "бытовая техника"),
    "Оборонная промышленность": ("военная техника", "с-400", "танк", "танк армата", "гонка вооружений"),
    "Авиастроение и космос": (
        "космос", "роскосмос", "мкс", "космонавт", "наса", "байконур", "космодром байконур", "спутник",
        "boeing", "день космонавтики",
    ),
    "ЖКХ и обращение с отходами": ("жкх", "мусор"),
}


# ---------------------------------------------------------------------------------------------- utils


def fold(s: str) -> str:
    """Lower case, ё = е, single spaces."""
    return " ".join(s.lower().replace("ё", "е").split())


def ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict:
    p, r = ratio(tp_pred, n_pred), ratio(tp_gold, n_gold)
    if p is None or r is None:
        f1 = None
    else:
        f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return {
        "precision": p, "recall": r, "f1": f1, "tp_pred": tp_pred, "pred": n_pred, "tp_gold": tp_gold, "gold": n_gold,
    }


def peak_rss_mib() -> float:
    """Peak resident set size of this process in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


@functools.cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=1 << 16)
def _parse(word: str):
    return _morph().parse(word)[0]


def _keep_case(src: str, out: str) -> str:
    if len(src) > 1 and src.isupper():
        return out.upper()
    if src[:1].isupper():
        return out[:1].upper() + out[1:]
    return out


def _nominative(word: str) -> str:
    if not _CYRILLIC_RE.search(word):
        return word
    inflected = _parse(word.lower()).inflect({"nomn"})
    return _keep_case(word, inflected.word if inflected else word.lower())


def org_value(name: str) -> str:
    """Benchmark normal form of an organisation name (see module docstring); keeps capitalization."""
    words = [w for w in _QUOTES_RE.sub(" ", name).split() if w.lower().strip(".,") not in LEGAL_FORMS]
    return " ".join(_WORD_RE.sub(lambda m: _nominative(m.group()), w) for w in words).strip(" ,.-")


def org_key(name: str) -> str:
    return fold(org_value(name))


def lemma_key(text: str) -> str:
    return " ".join(fold(_parse(w.lower()).normal_form) for w in _WORD_RE.findall(text))


# ----------------------------------------------------------------------------------------- factRuEval


@dataclass(frozen=True)
class Gold:
    type: str  # ORG or LOC
    kind: str  # factRuEval object type
    start: int
    end: int
    surface: str
    named: bool = True  # has a name span of its type (org_name / loc_name), not only descriptors


@dataclass
class Doc:
    name: str
    text: str
    gold: list[Gold]


@dataclass
class SpanCheck:
    spans: int = 0
    mismatches: list[str] = field(default_factory=list)


def _surface(text: str, spans: list[tuple[int, int]]) -> str:
    spans = sorted(spans)
    out, end = text[spans[0][0] : spans[0][1]], spans[0][1]
    for s, e in spans[1:]:
        if e <= end:  # a span inside the previous ones
            continue
        gap = text[end:s] if s >= end else ""
        out += (gap if len(gap) <= 3 else " ") + text[max(s, end) : e]
        end = e
    return " ".join(out.split())


def load_factrueval(limit: int | None, check: SpanCheck) -> list[Doc]:
    """Devset documents in book-number order (the first `limit` of them) with their ORG/LOC gold."""
    root = shared("factrueval", "devset")
    books = sorted(root.glob("book_*.txt"), key=lambda p: int(p.stem.split("_")[1]))
    if not books:
        raise MissingData(f"no book_*.txt in {root}")
    docs = []
    for txt in books[:limit]:
        text = txt.read_text(encoding="utf-8")
        spans: dict[str, tuple[int, int]] = {}
        span_types: dict[str, str] = {}
        for line in txt.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            head, _, comment = line.partition("#")
            f = head.split()
            if len(f) < 6:
                continue
            start, length, ntok = int(f[2]), int(f[3]), int(f[5])
            spans[f[0]] = (start, start + length)
            span_types[f[0]] = f[1]
            # The comment is "token_id ... token text": the span's text must match it (spaces aside).
            expected = "".join(comment.split()[ntok:])
            check.spans += 1
            if "".join(text[start : start + length].split()) != expected:
                check.mismatches.append(f"{txt.stem}: {text[start:start + length]!r} vs {expected!r}")
        gold = []
        for line in txt.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            head = line.partition("#")[0].split()
            if len(head) < 3 or head[1] not in GOLD_TYPES:
                continue
            ranges = [spans[s] for s in head[2:] if s in spans]
            if ranges:
                typ = GOLD_TYPES[head[1]]
                gold.append(
                    Gold(
                        typ, head[1], min(s for s, _ in ranges), max(e for _, e in ranges),
                        _surface(text, ranges), _named(typ, [span_types.get(s, "") for s in head[2:]]),
                    )
                )
        docs.append(Doc(txt.stem, text, gold))
    if check.spans and len(check.mismatches) > 0.01 * check.spans:
        raise RuntimeError(f"factRuEval offsets do not match the texts: {check.mismatches[:5]}")
    return docs


def match(pred: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool = False) -> tuple[set[int], set[int]]:
    """Greedy one-to-one matching by overlap size; indices of matched predictions and gold items."""
    pairs = []
    for i, (ps, pe) in enumerate(pred):
        for j, (gs, ge) in enumerate(gold):
            if exact:
                if (ps, pe) == (gs, ge):
                    pairs.append((pe - ps, i, j))
            else:
                overlap = min(pe, ge) - max(ps, gs)
                if overlap > 0:
                    pairs.append((overlap, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    mp: set[int] = set()
    mg: set[int] = set()
    for _, i, j in pairs:
        if i not in mp and j not in mg:
            mp.add(i)
            mg.add(j)
    return mp, mg


class Errors:
    """Counts of error strings grouped by lemma sequence («российского», «российских» together)."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.examples: dict[str, str] = {}

    def add(self, surface: str, example: str) -> None:
        key = lemma_key(surface) or fold(surface)
        self.counts[key] += 1
        self.spellings[key][" ".join(surface.split())] += 1
        self.examples.setdefault(key, example)

    def top(self, n: int) -> list[dict]:
        return [
            {
                "text": self.spellings[k].most_common(1)[0][0],
                "count": c,
                "forms": [f for f, _ in self.spellings[k].most_common()],
                "example": self.examples[k],
            }
            for k, c in self.counts.most_common(n)
        ]


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"…{left}[{text[start:end]}]{right}…".split())


def eval_factrueval(docs: list[Doc], extract: Callable) -> dict:
    counts = {mode: {t: [0, 0, 0, 0] for t in ("ORG", "LOC")} for mode in ("overlap", "named", "exact", "value")}
    errors = {(t, k): Errors() for t in ("ORG", "LOC") for k in ("fp", "fn")}
    # Unmatched predictions that overlap a gold object of the other type (МКС predicted ORG, gold LOC).
    confusions = {t: Errors() for t in ("ORG", "LOC")}
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # gold kind → [matched, total]
    elapsed = 0.0
    chars = 0
    for doc in docs:
        t0 = time.perf_counter()
        ents = extract(doc.text)
        elapsed += time.perf_counter() - t0
        chars += len(doc.text)
        for typ in ("ORG", "LOC"):
            pred = [m for m in ents.mentions if m.type == typ]
            gold = [g for g in doc.gold if g.type == typ]
            pr = [(m.start, m.end) for m in pred]
            gr = [(g.start, g.end) for g in gold]
            named = [(g.start, g.end) for g in gold if g.named]
            for mode, gold_ranges in (("overlap", gr), ("named", named), ("exact", gr)):
                mp, mg = match(pr, gold_ranges, exact=mode == "exact")
                c = counts[mode][typ]
                c[0] += len(mp)
                c[1] += len(pr)
                c[2] += len(mg)
                c[3] += len(gold_ranges)
                if mode == "overlap":
                    for i, m in enumerate(pred):
                        if i not in mp:
                            example = f"{doc.name}: {_context(doc.text, m.start, m.end)}"
                            errors[typ, "fp"].add(m.text, example)
                            if any(g.type != typ and g.start < m.end and m.start < g.end for g in doc.gold):
                                confusions[typ].add(m.text, example)
                    for j, g in enumerate(gold):
                        by_kind[g.kind][1] += 1
                        if j in mg:
                            by_kind[g.kind][0] += 1
                        else:
                            errors[typ, "fn"].add(g.surface, f"{doc.name}: {_context(doc.text, g.start, g.end)}")
            if typ == "ORG":
                gold_v = {org_key(g.surface) for g in gold} - {""}
                pred_v = {org_key(v) for v in [*ents.companies, *ents.organizations]} - {""}
            else:
                gold_v = {lemma_key(g.surface) for g in gold} - {""}
                pred_v = {lemma_key(m.text) for m in pred} - {""}
            c = counts["value"][typ]
            tp = len(gold_v & pred_v)
            c[0] += tp
            c[1] += len(pred_v)
            c[2] += tp
            c[3] += len(gold_v)
    return {
        "docs": len(docs),
        "gold_objects": {k: v[1] for k, v in sorted(by_kind.items())},
        "recall_by_gold_kind": {k: ratio(*v) for k, v in sorted(by_kind.items())},
        "overlap": {t: prf(*c) for t, c in counts["overlap"].items()},
        "named": {t: prf(*c) for t, c in counts["named"].items()},
        "exact": {t: prf(*c) for t, c in counts["exact"].items()},
        "value": {t: prf(*c) for t, c in counts["value"].items()},
        "errors": {f"{t}_{k}": e.top(TOP_ERRORS) for (t, k), e in errors.items()},
        "type_confusions": {
            f"{t}_predicted_other_gold": {"count": sum(e.counts.values()), "top": e.top(10)} for t, e in confusions.items()
        },
        "speed": {"docs": len(docs), "seconds": elapsed, "chars": chars},
    }


# ------------------------------------------------------------------------------------- region cases


def canonical_regions() -> set[str]:
    """The `canonical` column of the packaged regions.tsv."""
    text = resources.files("coopsearch.entities").joinpath("data", "regions.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row["canonical"] for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}


def _value_set(cell: str) -> set[str]:
    cell = cell.strip()
    return set() if cell == "-" else {v.strip() for v in cell.split("|") if v.strip()}


def load_cases(path: Path = CASES) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    known = canonical_regions()
    cases = []
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        regions = _value_set(row["regions"])
        unknown = regions - known
        if unknown:
            raise ValueError(f"{path.name} case {n}: not canonical regions: {sorted(unknown)}")
        countries = row.get("countries") or ""
        cases.append(
            {
                "category": row["category"],
                "text": row["text"],
                "regions": regions,
                "countries": None if not countries.strip() else _value_set(countries),
                "note": row.get("note") or "",
            }
        )
    return cases


def eval_regions(cases: list[dict], extract: Callable) -> dict:
    failures = []
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        ents = extract(case["text"])
        regions, countries = set(ents.regions), set(ents.countries)
        ok = regions == case["regions"] and (case["countries"] is None or countries == case["countries"])
        by_cat[case["category"]][1] += 1
        if ok:
            by_cat[case["category"]][0] += 1
        else:
            failures.append(
                {
                    "category": case["category"],
                    "text": case["text"],
                    "expected_regions": sorted(case["regions"]),
                    "predicted_regions": sorted(regions),
                    "expected_countries": None if case["countries"] is None else sorted(case["countries"]),
                    "predicted_countries": sorted(countries),
                    "note": case["note"],
                }
            )
    passed = len(cases) - len(failures)
    return {
        "cases": len(cases),
        "passed": passed,
        "accuracy": ratio(passed, len(cases)),
        "by_category": {k: {"passed": v[0], "cases": v[1]} for k, v in sorted(by_cat.items())},
        "failures": failures,
    }


# -------------------------------------------------------------------------------------------- sectors


def sector_names() -> list[str]:
    raw = resources.files("coopsearch.entities").joinpath("data", "sectors.toml").read_text(encoding="utf-8")
    return [s["name"] for s in tomllib.loads(raw)["sector"]]


def rt_sample(size: int, seed: int = SEED) -> list[dict]:
    """A fixed random sample of RT articles (two streaming passes: count, then keep the chosen ones)."""
    total = sum(1 for _ in news("rt"))
    chosen = set(random.Random(seed).sample(range(total), min(size, total)))
    return [doc for i, doc in enumerate(news("rt")) if i in chosen]


def weak_labels(keywords: Iterable[str], mapping: dict[str, frozenset[str]]) -> set[str]:
    kws = {fold(k) for k in keywords}
    return {sector for sector, keys in mapping.items() if kws & keys}


def eval_sectors(docs: list[dict], extract: Callable) -> dict:
    names = sector_names()
    unknown = set(SECTOR_KEYWORDS) - set(names)
    if unknown:
        raise ValueError(f"SECTOR_KEYWORDS names sectors not in sectors.toml: {sorted(unknown)}")
    mapping = {s: frozenset(fold(k) for k in kws) for s, kws in SECTOR_KEYWORDS.items()}
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    elapsed = 0.0
    chars = 0
    labelled = 0
    for doc in docs:
        title, content = doc.get("title") or "", doc.get("content") or ""
        t0 = time.perf_counter()
        ents = extract(content, title=title)
        elapsed += time.perf_counter() - t0
        chars += len(title) + len(content)
        pred = set(ents.sectors)
        gold = weak_labels(doc.get("keywords") or [], mapping)
        labelled += bool(gold)
        predicted.update(pred)
        for s in mapping:
            if s in pred and s in gold:
                tp[s] += 1
            elif s in pred:
                fp[s] += 1
            elif s in gold:
                fn[s] += 1
    rows = []
    for s in names:
        if s not in mapping:
            rows.append(
                {"sector": s, "mapped": False, "predicted": predicted[s], "precision": None, "recall": None, "support": None}
            )
            continue
        rows.append(
            {
                "sector": s,
                "mapped": True,
                "predicted": predicted[s],
                "tp": tp[s],
                "fp": fp[s],
                "fn": fn[s],
                "support": tp[s] + fn[s],
                "precision": ratio(tp[s], tp[s] + fp[s]),
                "recall": ratio(tp[s], tp[s] + fn[s]),
            }
        )
    TP, FP, FN = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro = prf(TP, TP + FP, TP, TP + FN)
    return {
        "docs": len(docs),
        "docs_with_weak_label": labelled,
        "seed": SEED,
        "per_sector": rows,
        "micro": {
            "precision": micro["precision"], "recall": micro["recall"], "f1": micro["f1"], "tp": TP, "fp": FP, "fn": FN,
        },
        "mapping": {s: list(k) for s, k in SECTOR_KEYWORDS.items()},
        "speed": {"docs": len(docs), "seconds": elapsed, "chars": chars},
    }


# -------------------------------------------------------------------------------------------- report


def _loadavg() -> float | None:
    """1-minute load average (None where the platform has none)."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def batched_speed(docs: list[dict], chunk: int = 16) -> dict:
    """extract_batch over chunks of `chunk` documents, as one indexer worker runs it; CPU seconds,
    so the figure does not depend on what else the machine is doing."""
    from coopsearch.analysis import analyzed, join_analyzed
    from coopsearch.entities import extractor

    started = time.process_time()
    for i in range(0, len(docs), chunk):
        items = []
        for d in docs[i : i + chunk]:
            title = analyzed(d.get("title", ""))
            items.append((join_analyzed([title, analyzed(d.get("content", ""))]), len(title) + 2))
        extractor().extract_batch(items)
    seconds = time.process_time() - started
    return {"docs": len(docs), "seconds": seconds, "chars": sum(len(d.get("content", "")) for d in docs)}


def indexing_speed(docs: list[dict], runs: int = 2) -> dict:
    """Full-pipeline indexing (`index_documents`: analysis, NER and rules, near-duplicate signatures,
    Whoosh writing) of the RT sample into a fresh index with 2 workers, `runs` times; wall-clock docs/s."""
    from coopsearch.ingest import Document

    items = [Document(id=d["url"], title=d.get("title", ""), text=d.get("content", ""), summary=d.get("summary", "")) for d in docs]
    rates = []
    for _ in range(runs):
        report, seconds = timed_indexing(items)
        rates.append(report.added / seconds)
    return {"docs": len(items), "runs_docs_per_s": [round(r, 1) for r in rates], "docs_per_s": sum(rates) / len(rates), "load_average_after": _loadavg()}


def _speed(section: dict) -> dict:
    s = section["speed"]
    return {
        **s,
        "docs_per_s": ratio(s["docs"], s["seconds"]),
        "kchars_per_s": ratio(s["chars"] / 1000, s["seconds"]),
        "ms_per_doc": ratio(s["seconds"] * 1000, s["docs"]),
    }


def _f(x: float | None, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def _summary_value(name: str, value: float | None, target: bool = False) -> str:
    if target:
        if value is None:
            return ""
        return f"≥ {100 * value:g} %" if "canonicalization" in name else f"≥ {value:g}" if "docs/s" in name else f"≥ {value:.2f}"
    if "canonicalization" in name:
        return "n/a" if value is None else f"{100 * value:.2f} %"
    return _f(value, 1 if ("docs/s" in name or "MiB" in name) else 3)


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def render(res: dict) -> str:
    out: list[str] = []
    w = out.append
    m = res["machine"]
    w("# Entity extraction benchmark\n")
    w(f"Generated by `{res['command']}` on {res['date']} (mode: **{res['mode']}**).\n")
    if res["mode"] != "full":
        w("> Not a full run: fewer documents, numbers are indicative only.\n")
    w(machine_line(m) + "\n")
    w(code_line(res["code"]) + "\n")
    w("Only the public `coopsearch.entities.Extractor.extract` API is measured. Definitions are in the docstring of "
      "`benchmarks/entities.py` and repeated below each table.\n")

    w("## Summary\n")
    w("| metric | value | target | met |")
    w("|---|---|---|---|")
    for name, value in res["summary"].items():
        target = TARGETS.get(name)
        met = "" if target is None or value is None else ("yes" if value >= target else "**no**")
        w(f"| {name} | {_summary_value(name, value)} | {_summary_value(name, target, target=True)} | {met} |")
    w("")

    fr = res.get("factrueval", {})
    w("## factRuEval-2016 devset: ORG and LOC\n")
    if "skipped" in fr:
        w(f"Skipped: {fr['skipped']}\n")
    else:
        w(
            f"{fr['docs']} documents; gold objects by type: "
            + ", ".join(f"{k} {v}" for k, v in fr["gold_objects"].items())
            + f". Span offsets checked against the texts: {fr['span_check']['spans']} spans, "
            f"{len(fr['span_check']['mismatches'])} mismatches"
            + (f" ({'; '.join(fr['span_check']['mismatches'][:3])})" if fr["span_check"]["mismatches"] else "")
            + ". The devset is the tuning set: these are development numbers.\n"
        )
        w("| view | type | precision | recall | F1 | matched pred / pred | matched gold / gold |")
        w("|---|---|---|---|---|---|---|")
        for view in ("named", "overlap", "exact", "value"):
            for t in ("ORG", "LOC"):
                r = fr[view][t]
                w(
                    f"| {view} | {t} | {_f(r['precision'])} | {_f(r['recall'])} | **{_f(r['f1'])}** | "
                    f"{r['tp_pred']} / {r['pred']} | {r['tp_gold']} / {r['gold']} |"
                )
        w("")
        w("- **named**: the span-overlap view against the *named* gold objects only: objects with at least one "
          "name span (ORG: an `org_name`, or names only, as «ЕС» annotated as `loc_name`; LOC: `loc_name` or "
          "`org_name`, as in «РФ»). Objects made only of descriptors or adjectives («правительство», "
          "«сборной», «социальной сети», «подмосковного») are not named entities, and no NER system marks "
          "them. All predictions count. This is how NER is usually scored on factRuEval (named spans); the "
          "targets are checked on this view. The all-objects view below keeps descriptor-only objects.")
        w("- **overlap**: a predicted ORG/LOC mention matches a gold object of the same type when the character "
          "ranges overlap; greedy one-to-one by overlap size; micro over documents. Gold ORG = `Org`; gold "
          "LOC = `Location` + `LocOrg` (a LocOrg nested in an Org, «мэрии [Москвы]», is a LOC of its own). "
          "Object extent = first span start … last span end.")
        w("- **exact**: the same with identical boundaries.")
        w("- **value**: per document, sets of normalized values, micro-summed. ORG: gold object surface vs "
          "`companies + organizations`, both through `org_key` (quotes and legal forms ООО ОАО АО ПАО ЗАО ТОО "
          "ИП LLP JSC Ltd GmbH dropped, each Cyrillic word put into the nominative with pymorphy3, compared "
          "case-insensitively, ё = е). LOC: gold object surface vs the text of each LOC mention, both as "
          "lower-cased pymorphy3 lemma sequences («подмосковного» = «подмосковных» = `подмосковный`). It checks "
          "that what is found is the whole name, not the facet value (the gold has no facet values).")
        w("")
        w("Recall by gold object type (span overlap): "
          + ", ".join(f"{k} {_f(v)}" for k, v in fr["recall_by_gold_kind"].items()) + ".\n")
        w(f"### Most frequent errors (top {TOP_ERRORS}, span-overlap view)\n")
        w("Grouped by lemma sequence; `forms` lists the spellings seen, most frequent first.\n")
        labels = {
            "ORG_fp": "ORG false positives (predicted, no overlapping gold Org)",
            "ORG_fn": "ORG false negatives (gold Org, no overlapping prediction)",
            "LOC_fp": "LOC false positives (predicted, no overlapping gold Location/LocOrg)",
            "LOC_fn": "LOC false negatives (gold Location/LocOrg, no overlapping prediction)",
        }
        for key, label in labels.items():
            w(f"**{label}**\n")
            w("| # | text | count | forms | first example |")
            w("|---|---|---|---|---|")
            for i, e in enumerate(fr["errors"][key], 1):
                forms = ", ".join(e["forms"][:4]) + (", …" if len(e["forms"]) > 4 else "")
                w(f"| {i} | {_cell(e['text'])} | {e['count']} | {_cell(forms)} | {_cell(e['example'])} |")
            w("")

        conf = fr["type_confusions"]
        w("**Type confusions** (unmatched predictions overlapping a gold object of the other type; they are "
          "counted in the false positives above): "
          + "; ".join(
              f"predicted {t[:3]} where the gold is {'LOC' if t.startswith('ORG') else 'ORG'}: {v['count']}"
              + (" (" + ", ".join(f"{e['text']} ×{e['count']}" for e in v["top"]) + ")" if v["top"] else "")
              for t, v in conf.items()
          )
          + ".\n")

    rg = res.get("regions", {})
    w("## Region canonicalization\n")
    if "skipped" in rg:
        w(f"Skipped: {rg['skipped']}\n")
    else:
        w(
            f"`benchmarks/region_cases.tsv`: {rg['cases']} hand-written sentences with the expected set of "
            f"canonical regions (values of the `canonical` column of regions.tsv). A sentence passes when "
            f"`set(extract(text).regions)` equals the expected set exactly (and `countries` too where the table "
            f"gives them). **Accuracy {_pct(rg['accuracy'])}** ({rg['passed']} / {rg['cases']}).\n"
        )
        w("| category | passed |")
        w("|---|---|")
        for cat, v in rg["by_category"].items():
            w(f"| {cat} | {v['passed']} / {v['cases']} |")
        w("")
        if rg["failures"]:
            w("Failures:\n")
            w("| category | sentence | expected | predicted | note |")
            w("|---|---|---|---|---|")
            for f in rg["failures"]:
                exp = ", ".join(f["expected_regions"]) or "—"
                got = ", ".join(f["predicted_regions"]) or "—"
                if f["expected_countries"] is not None and sorted(f["expected_countries"]) != f["predicted_countries"]:
                    exp += f"; countries: {', '.join(f['expected_countries']) or '—'}"
                    got += f"; countries: {', '.join(f['predicted_countries']) or '—'}"
                w(f"| {f['category']} | {_cell(f['text'])} | {_cell(exp)} | {_cell(got)} | {_cell(f['note'])} |")
            w("")

    sc = res.get("sectors", {})
    w("## Sectors on RT news (weak labels)\n")
    if "skipped" in sc:
        w(f"Skipped: {sc['skipped']}\n")
    else:
        mi = sc["micro"]
        w(
            f"{sc['docs']} RT articles (random sample, seed {sc['seed']}), {sc['docs_with_weak_label']} with at "
            f"least one weak label. Weak label = the article's editor keywords include one mapped to the sector "
            f"(mapping below); prediction = `extract(content, title=title).sectors`. RT is general news, so the "
            f"labels are noisy in both directions: editors tag topics («нефть» on a sanctions story), the "
            f"extractor finds industries mentioned in passing. Micro over mapped sectors: precision "
            f"**{_f(mi['precision'])}**, recall **{_f(mi['recall'])}**, F1 {_f(mi['f1'])} "
            f"(TP {mi['tp']}, FP {mi['fp']}, FN {mi['fn']}).\n"
        )
        w("| sector | precision | recall | support | predicted | TP | FP | FN |")
        w("|---|---|---|---|---|---|---|---|")
        for r in sc["per_sector"]:
            if r["mapped"]:
                w(f"| {r['sector']} | {_f(r['precision'])} | {_f(r['recall'])} | {r['support']} | {r['predicted']} | "
                  f"{r['tp']} | {r['fp']} | {r['fn']} |")
            else:
                w(f"| {r['sector']} | n/a | n/a | n/a | {r['predicted']} | | | |")
        w("")
        w("<details><summary>RT keyword → sector mapping</summary>\n")
        w("| sector | RT editor keywords |")
        w("|---|---|")
        for s, kws in sc["mapping"].items():
            w(f"| {s} | {_cell(', '.join(kws))} |")
        w("\n</details>\n")

    sp = res["speed"]
    w("## Speed and memory\n")
    w("`extract` timed per call after one warm-up call (single process, single thread).\n")
    loads = [x for x in res["load_average"].values() if x is not None]
    if loads:
        busy = m["cores"] and max(loads) > m["cores"]
        w(
            f"1-minute load average at start / end: {' / '.join(f'{x:.2f}' for x in loads)} on {m['cores']} CPUs"
            + (" — **the machine was busy, so the speed figures are pessimistic**." if busy else ".")
            + "\n"
        )
    w("| corpus | docs | docs/s | k chars/s | ms/doc |")
    w("|---|---|---|---|---|")
    for name, s in sp.items():
        w(
            f"| {name} | {s['docs']} | {_f(s['docs_per_s'], 1)} | {_f(s['kchars_per_s'], 1)} | "
            f"{_f(s['ms_per_doc'], 2)} |"
        )
    ix = res.get("indexing")
    if ix:
        w("")
        w(
            f"Indexing with entities, full pipeline (`coopsearch.indexer.index_documents`: tokenizing, lemmas, NER and "
            f"rules, near-duplicate signatures, Whoosh writing; 2 worker processes, fresh index) of the same "
            f"{ix['docs']} RT articles: **{ix['docs_per_s']:.1f} docs/s** (runs: "
            f"{', '.join(f'{r:g}' for r in ix['runs_docs_per_s'])} docs/s; wall clock)."
        )
    mem = res["memory"]
    w("")
    w(
        f"Peak RSS of the benchmark process (`ru_maxrss`): **{mem['peak_rss_mib']:.0f} MiB**. It includes the "
        f"Python interpreter, pymorphy3 dictionaries, the extractor's caches and the loaded benchmark data; "
        f"peak so far after each step: "
        + ", ".join(f"{k} {v:.0f} MiB" for k, v in mem["checkpoints_mib"].items())
        + ".\n"
    )
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------- main


def run(mode: str) -> dict:
    from coopsearch.entities import extractor

    extract = extractor().extract  # the default configuration: NER on, packaged registry only
    sizes = MODES[mode]
    started = time.perf_counter()
    extract("Делегация ТОО «Alina» из Павлодара посетила Новосибирск.", title="Бизнес-миссия")  # warm-up
    res: dict = {
        "mode": mode,
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": " ".join(["python -m benchmarks.entities", *sys.argv[1:]]),
        "machine": machine(),
        "code": code_fingerprint(),
        "load_average": {"start": _loadavg()},
        "targets": TARGETS,
        "memory": {"checkpoints_mib": {"imports and warm-up call": peak_rss_mib()}},
        "speed": {},
    }

    try:
        check = SpanCheck()
        docs = load_factrueval(sizes["factrueval"], check)
        res["factrueval"] = eval_factrueval(docs, extract)
        res["factrueval"]["span_check"] = {"spans": check.spans, "mismatches": check.mismatches}
        res["speed"]["factRuEval devset"] = _speed(res["factrueval"])
        res["memory"]["checkpoints_mib"]["factRuEval"] = peak_rss_mib()
    except MissingData as e:
        print(f"factRuEval skipped: {e}", file=sys.stderr)
        res["factrueval"] = {"skipped": str(e)}

    res["regions"] = eval_regions(load_cases(), extract)
    res["memory"]["checkpoints_mib"]["region cases"] = peak_rss_mib()

    try:
        sample = rt_sample(sizes["rt"])
        res["memory"]["checkpoints_mib"]["loading the RT sample"] = peak_rss_mib()
        res["sectors"] = eval_sectors(sample, extract)
        res["memory"]["checkpoints_mib"]["RT extraction"] = peak_rss_mib()
        res["speed"]["RT sample (title + content)"] = _speed(res["sectors"])
        res["speed"]["RT sample, batched as the indexer does (CPU time)"] = _speed({"speed": batched_speed(sample)})
        res["indexing"] = indexing_speed(sample)
        del sample
    except MissingData as e:
        print(f"RT sectors skipped: {e}", file=sys.stderr)
        res["sectors"] = {"skipped": str(e)}

    res["memory"]["peak_rss_mib"] = peak_rss_mib()
    res["seconds"] = time.perf_counter() - started
    res["load_average"]["end"] = _loadavg()
    fr, sc = res["factrueval"], res["sectors"]
    res["summary"] = {
        "ORG F1 (span overlap, named objects)": fr.get("named", {}).get("ORG", {}).get("f1"),
        "LOC F1 (span overlap, named objects)": fr.get("named", {}).get("LOC", {}).get("f1"),
        "ORG F1 (span overlap, all objects)": fr.get("overlap", {}).get("ORG", {}).get("f1"),
        "LOC F1 (span overlap, all objects)": fr.get("overlap", {}).get("LOC", {}).get("f1"),
        "ORG F1 (exact boundaries)": fr.get("exact", {}).get("ORG", {}).get("f1"),
        "LOC F1 (exact boundaries)": fr.get("exact", {}).get("LOC", {}).get("f1"),
        "ORG value F1": fr.get("value", {}).get("ORG", {}).get("f1"),
        "LOC value F1": fr.get("value", {}).get("LOC", {}).get("f1"),
        "region canonicalization": res["regions"]["accuracy"],
        "sectors micro precision (RT weak labels)": sc.get("micro", {}).get("precision"),
        "sectors micro recall (RT weak labels)": sc.get("micro", {}).get("recall"),
        "docs/s (RT sample)": res["speed"].get("RT sample (title + content)", {}).get("docs_per_s"),
        "docs/s per CPU, batched (RT sample)": res["speed"].get("RT sample, batched as the indexer does (CPU time)", {}).get("docs_per_s"),
        "indexing docs/s, full pipeline, 2 workers (RT sample)": res.get("indexing", {}).get("docs_per_s"),
        "peak RSS, MiB": res["memory"]["peak_rss_mib"],
    }
    return res


def _jsonable(obj):
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in (sorted(obj) if isinstance(obj, (set, frozenset)) else obj)]
    return obj


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.entities", description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="fewer documents (40 factRuEval, 200 RT)")
    size.add_argument("--smoke", action="store_true", help="tiny run for CI (< 30 s; numbers not meaningful)")
    parser.add_argument(
        "--out", type=Path, default=None,
        help=f"markdown report (default: {DEFAULT_OUT.relative_to(ROOT)} for a full run, none for --quick/--smoke)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write all results as JSON to this file")
    args = parser.parse_args(argv)
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    out = args.out if args.out is not None else (DEFAULT_OUT if mode == "full" else None)

    res = _jsonable(run(mode))
    report = render(res)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")
        print(f"report written to {out}", file=sys.stderr)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    summary = res["summary"]
    width = max(map(len, summary))
    for k, v in summary.items():
        print(f"{k:<{width}}  {_summary_value(k, v)}")
    print(f"{'wall time, s':<{width}}  {res['seconds']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
