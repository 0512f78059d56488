"""The Whoosh schema: lemma text fields, an exact-form field, facet fields and columns."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from whoosh import columns
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from .analysis import exact_analyzer, lemma_analyzer



@dataclass(frozen=True)
class Facet:
    """One facet: its name (URL parameter, CLI option, `name:` in queries, index field), its key
    (JSON key, Document and Entities attribute), its page section, and the entity mentions
    (ORG, LOC) whose values it holds."""

    name: str
    key: str
    label: str
    mention: str = ""
    place: bool = False  # values are places: a typed value may be an alias («НСО», «Павлодар»)


# The facet registry: CLI options, schema fields, JSON keys and page sections follow from it.
FACETS: dict[str, Facet] = {
    f.name: f
    for f in (
        Facet("company", "companies", "Компании", mention="ORG"),
        Facet("organization", "organizations", "Организации", mention="ORG"),
        Facet("region", "regions", "Регионы", mention="LOC", place=True),
        Facet("country", "countries", "Страны", mention="LOC", place=True),
        Facet("sector", "sectors", "Отрасли"),
    )
}
TEXT_FIELDS = ("title", "summary", "body")
FACET_SEPARATOR = "\n"
NO_DAY = 0  # the `day` column value of documents without a date


class FacetTokenizer(Tokenizer):
    """One token per newline-separated facet value, case and spaces kept."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:  # type: ignore[override]
        t = Token(**{k: kwargs[k] for k in ("positions", "chars", "removestops", "mode") if k in kwargs})
        for pos, v in enumerate(x for x in value.split(FACET_SEPARATOR) if x):
            t.text, t.boost, t.stopped = v, 1.0, False
            if kwargs.get("positions"):
                t.pos = pos
            yield t


def build_schema() -> Schema:
    """A fresh schema instance (analyzers are picklable and hold no pymorphy3 state)."""
    lemma = lemma_analyzer()
    facets = {name: KEYWORD(stored=True, analyzer=FacetTokenizer()) for name in FACETS}
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        origin=ID(stored=True, sortable=True),
        hash=COLUMN(columns.VarBytesColumn()),
        title=TEXT(analyzer=lemma, stored=True),
        summary=TEXT(analyzer=lemma, stored=True),
        body=TEXT(analyzer=lemma, stored=True),
        exact=TEXT(analyzer=exact_analyzer()),
        url=STORED(),
        source=ID(stored=True),
        date=STORED(),
        day=COLUMN(columns.NumericColumn("i", default=NO_DAY)),
        **facets,
        group=ID(stored=True, sortable=True),  # near-duplicate group key (neardup.py)
        minhash=COLUMN(columns.VarBytesColumn()),
        mentions=STORED(),  # JSON of the body's entity mentions (the document page shows them)
    )
