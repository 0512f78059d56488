"""Entity extraction: companies, regions, countries and sectors of a Russian text."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from ..analysis import Analyzed, analyzed, fix_lookalikes, morph
from .companies import find_orgs
from .facets import facet_values
from .names import nominative, registry
from .ner import Span, recognize, tagger
from .places import find_places, gazetteer
from .sectors import find_sectors, taxonomy
from .text import tokenize

__all__ = ["Entities", "Mention", "extract", "extract_batch", "warm_up"]


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


def extract(text: str, title: str = "", *, ner: bool = True, aliases: str | None = None) -> Entities:
    """Extract entities of a text; `title`, when given, is analysed too and weighs in for sectors.

    Offsets of mentions index `text`. Countries include the countries of mentioned regions.
    `ner=False` uses the rules alone; `aliases` is a user alias file (see names.registry).
    """
    full = f"{title}\n\n{text}" if title else text
    return extract_batch([(analyzed(full), len(full) - len(text))], ner=ner, aliases=aliases)[0]


def extract_batch(
    items: Sequence[tuple[Analyzed, int]], *, ner: bool = True, aliases: str | None = None
) -> list[Entities]:
    """Entities of analyzed texts, each with the length of its title prefix; NER runs batched."""
    if ner:
        spans: list[list[Span] | None] = list(
            recognize([fix_lookalikes(text) for text, _ in items], [text.spans for text, _ in items])
        )
    else:
        spans = [None] * len(items)
    return [_entities(text, shift, s, aliases) for (text, shift), s in zip(items, spans)]


def _entities(full: Analyzed, shift: int, ner: list[Span] | None, aliases: str | None) -> Entities:
    """Entities of `full` whose first `shift` characters are the title; mentions index full[shift:]."""
    toks = tokenize(full)
    regions, countries = [], []
    mentions: list[Mention] = []
    order: dict[tuple[int, int], int] = {}  # a unit («пресс-служба МЧС») comes right after its organisation
    orgs = find_orgs(full, toks, ner, aliases)
    companies, organizations = facet_values(orgs, full, toks, shift)
    for org in orgs:
        if org.inner is not None:
            order[org.start, org.end] = org.inner
        mentions.append(Mention("ORG", org.text, org.start, org.end, org.name))
    region_country = gazetteer().region_country
    places, located = find_places(full, toks, ner)  # vetoed names count as located: no NER LOC there
    for match in places:
        s, e = toks[match.first].start, toks[match.last].end
        place = match.place
        if place.kind == "region":
            regions.append(place.value)
            countries.append(region_country[place.value])
        else:
            countries.append(place.value)
        located.append((s, e))
        if place.proper or place.caps:  # adjectives and demonyms feed facets, they are not place names
            mentions.append(Mention("LOC", full[s:e], s, e, place.value))
    org_spans = {(m.start, m.end) for m in mentions}
    for span in ner or []:
        if span.type != "LOC" or (span.start, span.stop) in org_spans:  # «ЕС» is an organisation
            continue
        if not any(s < span.stop and span.start < e for s, e in located):
            surface = full[span.start : span.stop]
            mentions.append(Mention("LOC", surface, span.start, span.stop, nominative(surface)))
    # Reading order, except that a unit follows the organisation it contains: consumers that skip
    # overlapping mentions keep the organisation's own name.
    mentions.sort(key=lambda m: (order.get((m.start, m.end), m.start), (m.start, m.end) in order))
    mentions = [Mention(m.type, m.text, m.start - shift, m.end - shift, m.value) for m in mentions if m.start >= shift]
    return Entities(
        companies=_ranked(companies),
        organizations=_ranked(organizations),
        regions=_ranked(regions),
        countries=_ranked(countries),
        sectors=find_sectors([t.lemma for t in toks], [t.lemma for t in toks if t.start < shift]),
        mentions=mentions,
    )


def warm_up(*, ner: bool = True, aliases: str | None = None) -> None:
    """Load dictionaries, gazetteers and the NER model now (e.g. once before forking workers)."""
    morph()
    gazetteer()
    taxonomy()
    registry(aliases)
    if ner:
        tagger()
