"""Suggestions for the search box: facet values (companies, regions, countries, sectors) and words."""
from __future__ import annotations

from ..analysis import fold
from .results import Suggestion
from .snapshot import Snapshot

MIN_PREFIX = 2
WORDS_SCANNED = 300  # index terms with the prefix looked at for word suggestions


def _key(text: str) -> str:
    return fold(text.casefold())


def suggestions(snap: Snapshot, text: str, limit: int = 8) -> list[Suggestion]:
    """Facet values whose words start with the typed words, then (for one typed word) index words
    starting with it; most documents first."""
    words = _key(text).split()
    if not words or len(" ".join(words)) < MIN_PREFIX:
        return []
    found: list[Suggestion] = []
    for facet, column in snap.facets.items():
        totals = column.totals()
        for i, value in enumerate(column.values):
            value_words = _key(value).replace("«", " ").replace("»", " ").split()
            if totals[i] and all(any(vw.startswith(w) for vw in value_words) for w in words):
                found.append(Suggestion(facet, value, int(totals[i])))
    found.sort(key=lambda s: (-s.count, s.value))
    named = {_key(s.value) for s in found}
    terms = []
    if len(words) == 1:  # word completions only for one word: counts of phrases are unknown
        with snap.reader.use() as reader:
            for n, term in enumerate(reader.expand_prefix("body", words[0])):
                if n >= WORDS_SCANNED:
                    break
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                if word not in named:
                    terms.append(Suggestion("word", word, reader.doc_frequency("body", word)))
        terms.sort(key=lambda s: (-s.count, s.value))
    facet_part = found[: max(limit // 2, limit - len(terms))]
    return (facet_part + terms)[:limit]
