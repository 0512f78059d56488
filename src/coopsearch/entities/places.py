"""Regions and countries: gazetteer aliases matched on lemma sequences, with context rules."""
from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ..analysis import fold, parses
from .ner import Span
from .phrases import PhraseTable
from .text import PROPER_GRAMMEMES, Tok, all_caps, in_capitals, is_common_word, sentence_start, tokenize

# Settlement words that make an ambiguous place name geographic when they directly precede it.
GEO_CONTEXT = frozenset("г гор город пос поселок пгт село деревня станица аул".split())
LOCATIVE_PREPOSITIONS = frozenset("в во из под до около возле близ через".split())
CURRENCIES = frozenset(
    "доллар долл евро рубль руб юань тенге фунт иена йена вона лира рупия франк крона сом сум "
    "манат гривна лари драм динар дирхам реал песо злотый цент".split()
)
_DASHES = frozenset("-–—")
# Fixed phrases whose words are also settlement names: «Белый дом» is no town Белый, «Советский
# Союз» no town Советский, «Остров свободы» is Cuba, «московское время» a time zone.
FIXED_PHRASES = frozenset({
    ("белый", "дом"), ("советский", "союз"), ("остров", "свобода"), ("красный", "площадь"),
    ("красный", "армия"), ("красный", "крест"), ("красный", "книга"), ("белый", "армия"),
    ("советский", "армия"), ("советский", "власть"), ("советский", "время"), ("советский", "период"),
})
# Words after a place adjective that make it no place: «московское время», «сибирская язва».
NOT_PLACE_AFTER = frozenset("время язва".split())


@dataclass(frozen=True)
class Place:
    """One gazetteer alias: the canonical value it names and how it may be matched."""

    value: str  # canonical region or country
    kind: str  # "region" or "country"
    country: str  # the country of a region; a country's own name
    caps: bool = False  # matched only when written in capitals (НСО, ВКО)
    proper: bool = False  # matched only when capitalized (Новосибирск, Татарстан)
    ambiguous: bool = False  # needs context: a locative word before it, or the value seen elsewhere
    local_only: bool = False  # ambiguous, and only local context counts (city names)
    foreign: bool = False  # mostly a foreign city in news: only the region named elsewhere counts (Донецк)


@dataclass(frozen=True)
class PlaceMatch:
    """A matched place: token span [first, last] of the text and the place."""

    first: int
    last: int
    place: Place


def _rows(name: str) -> Iterator[dict[str, str]]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


# Nouns after which a place adjective names a street or a station, not a region («Тверская улица»).
STREET_WORDS = frozenset(
    "улица проспект площадь бульвар переулок шоссе набережная проезд тупик мост вокзал станция".split()
)


def _alias_lemma(tok: Tok) -> str:
    """Lemma of an alias word; a capitalized word prefers a place reading, then any proper-name
    reading («Того» → того, «Конаев» → конаев, not the gerund «конаесть»)."""
    if tok.capitalized:
        for grammeme in PROPER_GRAMMEMES:
            for p in parses(tok.norm):
                if grammeme in p.tag:
                    return fold(p.normal_form)
    return tok.lemma


def _key(alias: str) -> tuple[str, ...]:
    toks = tokenize(alias)
    if len(toks) == 1 and toks[0].capitalized and is_common_word(toks[0].norm):
        return (fold(toks[0].norm),)  # a one-word name the dictionary reads otherwise: «Семей» is not «семья»
    return tuple(_alias_lemma(t) for t in toks)


class Gazetteer:
    """Lemma-sequence index of region, city and country aliases."""

    def __init__(self) -> None:
        self.index: PhraseTable[list[Place]] = PhraseTable()
        self.region_country: dict[str, str] = {}
        for row in _rows("regions.tsv"):
            self.region_country[row["canonical"]] = row["country"]
            for alias in _aliases(row["aliases"], row["canonical"]):
                self._add(alias, row["canonical"], "region", row["country"])
        for name in ("cities-ru.tsv", "cities-kz.tsv"):
            for row in _rows(name):
                flags = (row.get("flags") or "").split()
                country = self.region_country[row["region"]]
                self._add(row["city"], row["region"], "region", country, "ambiguous" in flags, True, "foreign" in flags)
        for row in _rows("countries.tsv"):
            for alias in _aliases(row["aliases"], row["canonical"]):
                self._add(alias, row["canonical"], "country", row["canonical"])

    def _add(
        self, alias: str, value: str, kind: str, country: str, ambiguous: bool = False, local_only: bool = False,
        foreign: bool = False,
    ) -> None:
        if alias.startswith("?"):
            alias, ambiguous = alias[1:], True
        key = _key(alias)
        if not key:
            return
        place = Place(value, kind, country, all_caps(alias), alias[:1].isupper(), ambiguous, local_only, foreign)
        entries = self.index.setdefault(key, [])
        if all(p.value != value for p in entries):
            entries.append(place)


def _aliases(field: str, canonical: str) -> list[str]:
    aliases = [a.strip() for a in field.split("|") if a.strip()]
    listed = {a.lstrip("?") for a in aliases}
    return aliases if canonical in listed else [canonical, *aliases]


@functools.cache
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return Gazetteer()


def _geo_context(toks: list[Tok], i: int) -> bool:
    if i == 0:
        return False
    prev = toks[i - 1]
    return prev.lemma in GEO_CONTEXT or (prev.lemma in LOCATIVE_PREPOSITIONS and toks[i].capitalized)


def _allowed(place: Place, window: list[Tok]) -> bool:
    if place.caps and not in_capitals(window):
        return False
    return not (place.proper and not window[0].capitalized)


def _is_currency(place: Place, toks: list[Tok], first: int, last: int) -> bool:
    """«долларов США», «американских долларов»: a currency, not a country mention."""
    if place.kind != "country":
        return False
    near = [toks[k] for k in (first - 1, last + 1) if 0 <= k < len(toks)]
    return any(t.lemma in CURRENCIES or t.norm in CURRENCIES for t in near)


def _candidates(
    gaz: Gazetteer, toks: list[Tok], breaks: list[bool], i: int
) -> Iterator[tuple[int, list[Place]]]:
    """Places whose alias starts at token i, longest first."""
    for length, found in gaz.index.at(toks, i):
        if any(breaks[i : i + length - 1]):
            continue
        places = [p for p in found if _allowed(p, toks[i : i + length])]
        if places:
            yield length, places
    if not gaz.index.starts(toks[i].lemma):  # rarer readings of one word: «Шымкента» is also a first name
        places = [p for form in toks[i].forms | {fold(toks[i].norm)} for p in gaz.index.get((form,)) or []]
        places = [p for p in places if _allowed(p, toks[i : i + 1])]
        if places:
            yield 1, places


def _breaks(text: str, toks: list[Tok]) -> list[bool]:
    """breaks[k]: punctuation other than dashes separates toks[k] and toks[k + 1]."""
    return [
        bool(set(text[a.end : b.start].strip()) - _DASHES) for a, b in zip(toks, toks[1:])
    ]


def _person(toks: list[Tok], first: int, last: int, places: list[Place], spans: list[Span]) -> bool:
    """A name NER reads as a person's that may be one («Владимир Путин», «Сергей Королёв»)."""
    if not _overlapping(toks, first, last, spans, "PER"):
        return False
    name_like = any(g in p.tag for t in toks[first : last + 1] for p in parses(t.norm) for g in ("Name", "Surn", "Patr"))
    return name_like or any(p.ambiguous for p in places)


def _fixed_phrase(toks: list[Tok], first: int, last: int) -> bool:
    """The name is part of a fixed phrase («Белый дом», «по московскому времени»), not a place."""
    after = toks[last + 1].lemma if last + 1 < len(toks) else ""
    before = toks[first - 1].lemma if first > 0 else ""
    return (toks[last].lemma, after) in FIXED_PHRASES or (before, toks[first].lemma) in FIXED_PHRASES or after in NOT_PLACE_AFTER


def _street(toks: list[Tok], last: int, places: list[Place]) -> bool:
    """«Тверская улица», «Московский проспект»: an adjective before a street word."""
    return last + 1 < len(toks) and toks[last + 1].lemma in STREET_WORDS and not any(p.proper for p in places)


def _overlapping(toks: list[Tok], first: int, last: int, spans: list[Span], kind: str) -> bool:
    start, end = toks[first].start, toks[last].end
    return any(s.type == kind and s.start < end and start < s.stop for s in spans)


def find_places(
    text: str, toks: list[Tok], ner: list[Span] | None = None, gaz: Gazetteer | None = None
) -> tuple[list[PlaceMatch], list[tuple[int, int]]]:
    """Non-overlapping place mentions (longest alias first, ambiguous ones only with context),
    and the character spans of names vetoed as currencies or parts of a person's name.

    With NER spans, a name inside a person's name is dropped («Владимир Путин») and an NER
    location counts as context for an ambiguous name. `gaz` defaults to the packaged gazetteer.
    """
    spans = ner or []
    pending, vetoed = _scan(gaz if gaz is not None else gazetteer(), text, toks, spans)
    evidenced, named = _evidence(toks, spans, pending)
    matches = []
    for first, last, places in pending:
        place = _resolve(text, toks, spans, first, last, places, evidenced, named)
        if place is not None:
            matches.append(PlaceMatch(first, last, place))
    return matches, vetoed


_Pending = tuple[int, int, list[Place]]  # token span [first, last] of an alias match and its places


def _scan(gaz: Gazetteer, text: str, toks: list[Tok], spans: list[Span]) -> tuple[list[_Pending], list[tuple[int, int]]]:
    """Alias matches left to right, longest first, with fixed phrases and streets left out; vetoed spans apart."""
    breaks = _breaks(text, toks)
    pending: list[_Pending] = []
    vetoed: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        found = next(_candidates(gaz, toks, breaks, i), None)
        if found is None:
            i += 1
            continue
        length, places = found
        last = i + length - 1
        if any(_is_currency(p, toks, i, last) for p in places) or _person(toks, i, last, places, spans):
            vetoed.append((toks[i].start, toks[last].end))
        elif not _fixed_phrase(toks, i, last) and not _street(toks, last, places):  # NER may still find «Советский Союз»
            pending.append((i, last, places))
        i = last + 1
    return pending, vetoed


def _local_context(toks: list[Tok], spans: list[Span], first: int, last: int) -> bool:
    """A settlement word or locative preposition before the name, or an NER location over it."""
    return _geo_context(toks, first) or _overlapping(toks, first, last, spans, "LOC")


def _evidence(toks: list[Tok], spans: list[Span], pending: list[_Pending]) -> tuple[set[str], set[str]]:
    """Values a match names alone: with the context an ambiguous alias needs (evidenced), unambiguously (named)."""
    single = [(first, last, ps) for first, last, ps in pending if len({p.value for p in ps}) == 1]
    evidenced = {
        ps[0].value for first, last, ps in single if not ps[0].ambiguous or _local_context(toks, spans, first, last)
    }
    named = {ps[0].value for _, _, ps in single if not ps[0].ambiguous}
    return evidenced, named


def _resolve(
    text: str, toks: list[Tok], spans: list[Span], first: int, last: int, places: list[Place],
    evidenced: set[str], named: set[str],
) -> Place | None:
    """The one place a match names, given its context and the evidence of the whole text; None if unsure."""
    # Evidence from elsewhere in the text does not rescue a sentence-initial word («Того же…»),
    # and a sentence-initial common word is ambiguous anyway («Горняки спустились…», city Горняк).
    initial = sentence_start(text, toks[first])
    common = initial and first == last and any(p.ambiguous for p in places) and is_common_word(toks[first].norm)
    if common:
        kept = places if _geo_context(toks, first) else []
    else:
        local = _local_context(toks, spans, first, last)
        kept = [p for p in places if _supported(p, local, initial, evidenced, named)]
    if len({p.value for p in kept}) > 1:
        kept = [p for p in kept if p.value in evidenced]
    return kept[0] if len({p.value for p in kept}) == 1 else None


def _supported(place: Place, local: bool, initial: bool, evidenced: set[str], named: set[str]) -> bool:
    """A foreign city counts when its region is named elsewhere; an ambiguous name with local context or evidence."""
    if place.foreign:
        return place.value in named
    return not place.ambiguous or local or (not initial and not place.local_only and place.value in evidenced)
