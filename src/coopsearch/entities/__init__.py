"""Entity extraction: companies, regions, countries and sectors of a Russian text.

An `Extractor` holds one configuration (`EntityConfig`: NER on or off, the user's alias table)
with the tables and models it needs; `extractor(config)` builds it once per process.
"""
from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from ..analysis import Analyzed, analyzed, fix_lookalikes, morph
from .companies import OrgMatch, find_orgs
from .config import EntityConfig
from .facets import facet_values
from .names import load_registry, nominative
from .ner import Span, tagger
from .places import Gazetteer, find_places, gazetteer
from .sectors import find_sectors, taxonomy
from .text import Tok, tokenize

__all__ = ["Entities", "EntityConfig", "Extractor", "Mention", "extractor"]


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


class Extractor:
    """Extraction under one configuration: gazetteer, organisation registry (packaged names and the
    user's aliases), sector taxonomy and the NER tagger, or none.

    Morphology stays the analysis layer's process-wide pymorphy3 cache (search uses it too);
    building an extractor loads it with the rest, e.g. once before forking workers.
    """

    def __init__(self, config: EntityConfig = EntityConfig()) -> None:
        morph()
        self.config = config
        self.gazetteer = gazetteer()
        self.registry = load_registry(config.aliases, config.alias_file)
        self.sectors = taxonomy()
        self.tagger = tagger() if config.ner else None

    def __reduce__(self) -> tuple[Callable[[EntityConfig], Extractor], tuple[EntityConfig]]:
        """Pickled as its configuration: a worker process uses its own extractor of that configuration."""
        return extractor, (self.config,)

    def extract(self, text: str, title: str = "") -> Entities:
        """Entities of a text; `title`, when given, is analysed too and weighs in for sectors.

        Offsets of mentions index `text`. Countries include the countries of mentioned regions.
        """
        full = f"{title}\n\n{text}" if title else text
        return self.extract_batch([(analyzed(full), len(full) - len(text))])[0]

    def extract_batch(self, items: Sequence[tuple[Analyzed, int]]) -> list[Entities]:
        """Entities of analyzed texts, each with the length of its title prefix; NER runs batched."""
        if self.tagger is not None:
            spans: list[list[Span] | None] = list(
                self.tagger.recognize([fix_lookalikes(text) for text, _ in items], [text.spans for text, _ in items])
            )
        else:
            spans = [None] * len(items)
        return [self._entities(text, shift, s) for (text, shift), s in zip(items, spans)]

    def _entities(self, full: Analyzed, shift: int, ner: list[Span] | None) -> Entities:
        """Entities of `full` whose first `shift` characters are the title; mentions index full[shift:]."""
        toks = tokenize(full)
        orgs = find_orgs(full, toks, ner, self.registry)
        companies, organizations = facet_values(orgs, full, toks, shift)
        mentions = [Mention("ORG", org.text, org.start, org.end, org.name) for org in orgs]
        regions, countries, places, located = _places(full, toks, ner, self.gazetteer)
        mentions += places
        mentions += _ner_locations(full, ner or [], {(m.start, m.end) for m in mentions}, located)
        mentions = _reading_order(mentions, orgs)
        lemmas = [t.lemma for t in toks]
        return Entities(
            companies=_ranked(companies),
            organizations=_ranked(organizations),
            regions=_ranked(regions),
            countries=_ranked(countries),
            sectors=find_sectors(lemmas, [t.lemma for t in toks if t.start < shift], self.sectors),
            mentions=[
                Mention(m.type, m.text, m.start - shift, m.end - shift, m.value) for m in mentions if m.start >= shift
            ],
        )


@functools.lru_cache(maxsize=8)
def extractor(config: EntityConfig = EntityConfig()) -> Extractor:
    """The extractor of a configuration, built once per process."""
    return Extractor(config)


def _ranked(values: list[str]) -> list[str]:
    """Distinct values, most frequent first, ties in order of first appearance."""
    counts = Counter(values)
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    return sorted(counts, key=lambda v: (-counts[v], first[v]))


def _places(
    full: str, toks: list[Tok], ner: list[Span] | None, gaz: Gazetteer
) -> tuple[list[str], list[str], list[Mention], list[tuple[int, int]]]:
    """Region and country values (with repeats), LOC mentions of place names, and the spans already located."""
    regions, countries, mentions = [], [], []
    places, located = find_places(full, toks, ner, gaz)  # vetoed names count as located: no NER LOC there
    for match in places:
        s, e = toks[match.first].start, toks[match.last].end
        place = match.place
        if place.kind == "region":
            regions.append(place.value)
            countries.append(gaz.region_country[place.value])
        else:
            countries.append(place.value)
        located.append((s, e))
        if place.proper or place.caps:  # adjectives and demonyms feed facets, they are not place names
            mentions.append(Mention("LOC", full[s:e], s, e, place.value))
    return regions, countries, mentions, located


def _ner_locations(full: str, ner: list[Span], taken: set[tuple[int, int]], located: list[tuple[int, int]]) -> list[Mention]:
    """LOC mentions of NER locations that no place name overlaps and no other mention has taken, in the nominative."""
    mentions = []
    for span in ner:
        if span.type != "LOC" or (span.start, span.stop) in taken:  # «ЕС» is an organisation
            continue
        if not any(s < span.stop and span.start < e for s, e in located):
            surface = full[span.start : span.stop]
            mentions.append(Mention("LOC", surface, span.start, span.stop, nominative(surface)))
    return mentions


def _reading_order(mentions: list[Mention], orgs: list[OrgMatch]) -> list[Mention]:
    """Mentions in reading order, except that a unit («пресс-служба МЧС») comes right after its organisation."""
    # Consumers that skip overlapping mentions then keep the organisation's own name.
    units = {(org.start, org.end): org.inner for org in orgs if org.inner is not None}
    return sorted(mentions, key=lambda m: (units.get((m.start, m.end), m.start), (m.start, m.end) in units))
