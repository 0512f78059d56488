"""Sectors of the economy assigned by counting keyword lemmas (taxonomy in docs/sectors.md)."""
from __future__ import annotations

import functools
import tomllib
from collections import Counter
from dataclasses import dataclass
from importlib import resources

MIN_HITS = 2  # keyword hits in the document needed to assign a sector,
MIN_DISTINCT = 2  # ...of this many distinct keywords or phrases (one word in passing is not a topic),
MIN_PER_THOUSAND = 3  # ...and this many per thousand words of the text (benchmarks/facets.py, tune half)
MIN_TITLE_HITS = 1  # ...or this many in the title


@dataclass(frozen=True)
class Sector:
    """One sector: display name, single-lemma keywords and multi-lemma phrases."""

    name: str
    keywords: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]


@functools.cache
def taxonomy() -> tuple[Sector, ...]:
    """The packaged sector taxonomy."""
    raw = resources.files(__package__).joinpath("data", "sectors.toml").read_text(encoding="utf-8")
    return tuple(
        Sector(
            s["name"],
            frozenset(s.get("keywords", [])),
            tuple(tuple(p.split()) for p in s.get("phrases", [])),
        )
        for s in tomllib.loads(raw)["sector"]
    )


def _hits(sector: Sector, counts: Counter[str | tuple[str, ...]]) -> int:
    return sum(counts[k] for k in sector.keywords) + sum(counts[p] for p in sector.phrases)


def _distinct(sector: Sector, counts: Counter[str | tuple[str, ...]]) -> int:
    return sum(1 for k in sector.keywords if counts[k]) + sum(1 for p in sector.phrases if counts[p])


def _counts(seq: list[str], sectors: tuple[Sector, ...]) -> Counter[str | tuple[str, ...]]:
    """Counts of lemmas and of the lemma n-grams that sector phrases use."""
    counts: Counter[str | tuple[str, ...]] = Counter(seq)
    for size in {len(p) for sector in sectors for p in sector.phrases}:
        counts.update(tuple(seq[i : i + size]) for i in range(len(seq) - size + 1))
    return counts


def find_sectors(seq: list[str], title_seq: list[str], sectors: tuple[Sector, ...]) -> list[str]:
    """Of `sectors`, those a lemma sequence (title included) is about: ≥ MIN_TITLE_HITS in the title, or
    ≥ MIN_HITS hits of ≥ MIN_DISTINCT keywords at ≥ MIN_PER_THOUSAND hits per thousand words."""
    counts, title_counts = _counts(seq, sectors), _counts(title_seq, sectors)
    scored = []
    for order, sector in enumerate(sectors):
        hits = _hits(sector, counts)
        topical = hits >= MIN_HITS and _distinct(sector, counts) >= MIN_DISTINCT and hits * 1000 >= MIN_PER_THOUSAND * len(seq)
        if topical or _hits(sector, title_counts) >= MIN_TITLE_HITS:
            scored.append((-hits, order, sector.name))
    return [name for *_, name in sorted(scored)]
