"""The result contract of every backend: hits, facet values, timeline buckets, suggestions and
stored documents as plain dataclasses, with their public JSON shapes."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from ..schema import FACET_SEPARATOR, FACETS
from ..snippets import Snippet


def facet_lists(stored: dict) -> dict[str, list[str]]:
    """Facet name → values of a document's stored fields."""
    return {f: [v for v in (stored.get(f) or "").split(FACET_SEPARATOR) if v] for f in FACETS}


@dataclass
class Hit:
    """One result document."""

    id: str
    title: str
    url: str
    date: str
    source: str
    score: float
    snippet: Snippet
    facets: dict[str, list[str]]  # facet name → values
    group: str = ""  # near-duplicate group key
    similar: int = 0  # other matching documents of its group, collapsed under this hit

    def to_json(self) -> dict:
        """The hit as in the JSON contract (snippet as HTML with <mark>)."""
        data = {k: getattr(self, k) for k in ("id", "title", "url", "date", "source")}
        data["score"] = round(self.score, 4)
        data["snippet"] = self.snippet.html()
        for name, facet in FACETS.items():
            data[facet.key] = self.facets.get(name, [])
        data["group"], data["similar"] = self.group, self.similar
        return data


@dataclass
class FacetValue:
    """A facet value with its disjunctive count and whether it is selected."""

    value: str
    count: int
    selected: bool = False

    def to_json(self) -> dict:
        """The value as a JSON object."""
        return {"value": self.value, "count": self.count, "selected": self.selected}


@dataclass
class TimelineBucket:
    """Hits of one month (or year) and whether it lies in the selected date range."""

    period: str  # YYYY-MM or YYYY
    start: str  # first day, ISO
    end: str  # last day, ISO
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    """Hits of one page, the total, facet counts, and whether any-word fallback was used.

    `total` counts hits (near-duplicate groups collapsed into one), `documents` the matching
    documents; facet and timeline counts are documents."""

    query: str
    total: int
    fallback: bool
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    match: str = "all"  # "all": every term required; "any": ranked by the terms found
    timeline: list[TimelineBucket] = field(default_factory=list)
    offset: int = 0
    limit: int = 10
    sort: str = "relevance"
    highlight_lemmas: set[str] = field(default_factory=set)
    highlight_forms: set[str] = field(default_factory=set)
    documents: int = 0
    group: str = ""

    def to_json(self) -> dict:
        """The public JSON shape (CLI --format json and /api/search)."""
        return {
            "query": self.query,
            "total": self.total,
            "documents": self.documents,
            "group": self.group,
            "fallback": self.fallback,
            "match": self.match,
            "offset": self.offset,
            "limit": self.limit,
            "sort": self.sort,
            "hits": [h.to_json() for h in self.hits],
            "facets": {name: [v.to_json() for v in values] for name, values in self.facets.items()},
            "timeline": [asdict(b) for b in self.timeline],
        }


@dataclass(frozen=True)
class Suggestion:
    """One suggestion: its kind (a facet name or "word"), the value and how many documents have it."""

    kind: str
    value: str
    count: int

    def to_json(self) -> dict:
        """The suggestion as a JSON object."""
        return asdict(self)


@dataclass
class StoredDocument:
    """A document as stored, its facet values and the most similar documents (id, title)."""

    id: str
    title: str
    url: str
    date: str
    source: str
    summary: str
    body: str
    group: str
    facets: dict[str, list[str]]
    similar: list[dict[str, str]] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)  # {type, start, end, text, value}, offsets into body

    @classmethod
    def from_stored(cls, stored: dict, similar: list[dict[str, str]]) -> StoredDocument:
        """Build from a document's stored fields (mentions as extracted at index time; none in an
        index built before they were stored)."""
        text = {k: stored.get(k) or "" for k in ("id", "title", "url", "date", "source", "summary", "body", "group")}
        body = text["body"]
        mentions = [
            {"type": kind, "start": start, "end": end, "text": body[start:end], "value": value}
            for start, end, kind, value in json.loads(stored.get("mentions") or "[]")
        ]
        return cls(**text, facets=facet_lists(stored), similar=similar, mentions=mentions)

    def to_json(self) -> dict:
        """The document as a JSON object (facets under their JSON keys, mentions with offsets into body)."""
        data = {k: getattr(self, k) for k in ("id", "title", "url", "date", "source", "summary", "body", "group")}
        data.update({facet.key: self.facets.get(name, []) for name, facet in FACETS.items()})
        data["mentions"] = self.mentions
        data["similar"] = self.similar
        return data
