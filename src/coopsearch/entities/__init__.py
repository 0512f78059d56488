"""Entity extraction: companies, regions, countries and sectors of a Russian text."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from ..analysis import Word
from .companies import find_orgs
from .places import find_places, gazetteer
from .sectors import find_sectors
from .text import tokenize

__all__ = ["Entities", "Mention", "extract", "extract_words"]


@dataclass(frozen=True)
class Mention:
    """One entity mention: type ORG or LOC, surface text, character offsets and facet value."""

    type: str
    text: str
    start: int
    end: int
    value: str


@dataclass
class Entities:
    """Facet values of a text (most mentioned first) and the mentions they come from."""

    companies: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_json(self) -> dict:
        """The extract JSON shape: facet lists and mentions."""
        return asdict(self)


def _ranked(values: list[str]) -> list[str]:
    counts = Counter(values)
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    return sorted(counts, key=lambda v: (-counts[v], first[v]))


def extract(text: str, title: str = "") -> Entities:
    """Extract entities of a text; `title`, when given, is analysed too and weighs in for sectors.

    Offsets of mentions index `text`. Countries include the countries of mentioned regions.
    """
    full = f"{title}\n\n{text}" if title else text
    return extract_words(full, len(full) - len(text))


def extract_words(full: str, shift: int, words: Iterable[Word] | None = None) -> Entities:
    """Entities of `full` whose first `shift` characters are the title; mentions index full[shift:]."""
    toks = tokenize(full, words)
    mentions: list[Mention] = []
    companies, organizations, regions, countries = [], [], [], []
    orgs = find_orgs(full, toks)
    for org in orgs:
        (companies if org.company else organizations).append(org.name)
        if org.start >= shift:
            mentions.append(Mention("ORG", org.text, org.start - shift, org.end - shift, org.name))
    region_country = gazetteer().region_country
    for match in find_places(full, toks):
        s, e = toks[match.first].start, toks[match.last].end
        place = match.place
        inside_org = any(o.start <= s and e <= o.end for o in orgs)
        if place.kind == "region":
            regions.append(place.value)
            countries.append(region_country[place.value])
        else:
            countries.append(place.value)
        if s >= shift and not inside_org:
            mentions.append(Mention("LOC", full[s:e], s - shift, e - shift, place.value))
    mentions.sort(key=lambda m: m.start)
    return Entities(
        companies=_ranked(companies),
        organizations=_ranked(organizations),
        regions=_ranked(regions),
        countries=_ranked(countries),
        sectors=find_sectors([t.lemma for t in toks], [t.lemma for t in toks if t.start < shift]),
        mentions=mentions,
    )
