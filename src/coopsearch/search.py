"""Run a SearchRequest: match and rank, disjunctive facet counts, snippets; plain dataclasses out."""
from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from . import storage
from .analysis import fold, is_stopword, iter_words, lemma
from .engine import FacetColumn, Snapshot, snapshot
from .entities.places import find_places
from .entities.text import tokenize
from .query import All, Any_, DateRange, FacetFilter, Node, Not, Phrase, SearchRequest, Words
from .schema import FACET_SEPARATOR, FACETS, TEXT_FIELDS
from .snippets import Snippet, make_snippet

Result = tuple[np.ndarray, np.ndarray]  # (mask, scores) over docnums
ALL_WORDS_MAX = 3  # queries with more text terms rank by any term (measured: docs/benchmarks.md)
TIMELINE_MONTHS = 120  # longer timelines are shown by year


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
    companies: list[str]
    organizations: list[str]
    regions: list[str]
    countries: list[str]
    sectors: list[str]
    group: str = ""  # near-duplicate group key
    similar: int = 0  # other matching documents of its group, collapsed under this hit

    def to_json(self) -> dict:
        """The hit as in the JSON contract (snippet as HTML with <mark>)."""
        data = {k: getattr(self, k) for k in ("id", "title", "url", "date", "source")}
        data["score"] = round(self.score, 4)
        data["snippet"] = self.snippet.html()
        for facet, attr in FACETS.items():
            data[attr] = getattr(self, attr)
        data["group"], data["similar"] = self.group, self.similar
        return data


@dataclass
class FacetValue:
    """A facet value with its disjunctive count and whether it is selected."""

    value: str
    count: int
    selected: bool = False


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
            "facets": {
                name: [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]
                for name, values in self.facets.items()
            },
            "timeline": [asdict(b) for b in self.timeline],
        }


def resolve_facet_value(column: FacetColumn, facet: str, text: str) -> list[int]:
    """Value ids a user-typed facet value stands for: exact, any case, a place alias, or lemmas."""
    if text in column.ids:
        return [column.ids[text]]
    folded = text.casefold()
    same = [i for i, v in enumerate(column.values) if v.casefold() == folded]
    if same:
        return same
    if facet in ("region", "country"):
        places = {m.place for m in find_places(text, tokenize(text))[0]}
        kind = "region" if facet == "region" else "country"
        named = [column.ids[p.value] for p in places if p.kind == kind and p.value in column.ids]
        if facet == "country":
            named += [column.ids[p.country] for p in places if p.country in column.ids]
        if named:
            return sorted(set(named))
    key = tuple(lemma(w.text) for w in iter_words(text) if not w.part)
    if not key:
        return []
    size = len(key)
    return [
        i
        for i, vk in enumerate(column.lemma_keys())
        if any(vk[j : j + size] == key for j in range(len(vk) - size + 1))
    ]


class _Evaluator:
    """Evaluates a query tree to (mask, scores) and collects the terms to highlight."""

    def __init__(self, snap: Snapshot, searcher: Searcher) -> None:
        self.snap = snap
        self.searcher = searcher
        self.reader = searcher.reader()
        self.lemmas: set[str] = set()
        self.forms: set[str] = set()

    def none(self) -> Result:
        return np.zeros(self.snap.n, bool), np.zeros(self.snap.n, np.float32)

    def everything(self) -> Result:
        return self.snap.live.copy(), np.zeros(self.snap.n, np.float32)

    def units(self, node: Node) -> list[Node]:
        """Top-level conjuncts, a multi-word Words node split into one node per word."""
        children = node.children if isinstance(node, All) else (node,)
        out: list[Node] = []
        for child in children:
            if isinstance(child, Words):
                words = [w for w in iter_words(child.text) if not w.part]
                out.extend(Words(child.text[w.start : w.end]) for w in words)
            else:
                out.append(child)
        content = [u for u in out if isinstance(u, Words)]
        if any(not is_stopword(lemma(_norm(u.text))) for u in content):
            out = [u for u in out if not (isinstance(u, Words) and is_stopword(lemma(_norm(u.text))))]
        return out

    def eval(self, node: Node, collect: bool = True) -> Result:
        if isinstance(node, Words):
            return self.words(node.text, collect)
        if isinstance(node, Phrase):
            return self.phrase(node, collect)
        if isinstance(node, FacetFilter):
            column = self.snap.facets[node.facet]
            mask = column.docs_with(resolve_facet_value(column, node.facet, node.value), self.snap.n)
            return mask & self.snap.live, np.zeros(self.snap.n, np.float32)
        if isinstance(node, DateRange):
            return self.snap.date_mask(node.start, node.end), np.zeros(self.snap.n, np.float32)
        if isinstance(node, Not):
            mask, _ = self.eval(node.child, collect=False)
            return self.snap.live & ~mask, np.zeros(self.snap.n, np.float32)
        if isinstance(node, All):
            return self.conjunction(self.units(node), collect)
        if isinstance(node, Any_):
            mask, score = self.none()
            for child in node.children:
                m, s = self.eval(child, collect)
                mask |= m
                score += s
            return mask, score
        raise TypeError(f"unknown query node {node!r}")

    def conjunction(self, units: list[Node], collect: bool) -> Result:
        mask, score = self.everything()
        for unit in units:
            m, s = self.eval(unit, collect)
            mask &= m
            score += s
        return mask, score

    def words(self, text: str, collect: bool) -> Result:
        words = list(iter_words(text))
        mask, score = self.everything()
        for w in (w for w in words if not w.part):
            term = lemma(w.text)
            if collect:
                self.lemmas.add(term)
            m, s = self.snap.bm25f(self.reader, term)
            parts = [p for p in words if p.part and w.start <= p.start < w.end]
            if parts:  # «бизнес-миссия» also matches «бизнес миссия»
                pm, ps = self.sequence([lemma(p.text) for p in parts], TEXT_FIELDS, collect=False)
                m, s = m | pm, np.maximum(s, ps)
            mask &= m
            score += s
        return mask, score

    def phrase(self, node: Phrase, collect: bool) -> Result:
        words = [w for w in iter_words(node.text)]
        has_parts = {w.start for w in words if w.part}
        seq = [w for w in words if w.part or w.start not in has_parts]
        if node.exact:
            terms = [fold(w.text) for w in seq]
            if collect:
                self.forms.update(terms)
            return self.sequence(terms, ("exact",), collect=False)
        terms = [lemma(w.text) for w in seq]
        if collect:
            self.lemmas.update(terms)
        return self.sequence(terms, TEXT_FIELDS, collect=False)

    def sequence(self, terms: list[str], fields: tuple[str, ...], collect: bool) -> Result:
        """Documents with the terms adjacent and in order in one of `fields`."""
        if not terms:
            return self.none()
        mask, score = self.everything()
        for term in terms:
            m, s = self.snap.bm25f(self.reader, term, fields)
            mask &= m
            score += s
        if len(terms) > 1 and mask.any():
            q = wq.Or([wq.Phrase(f, terms) for f in fields])
            found = np.zeros(self.snap.n, bool)
            ids = np.fromiter(self.searcher.docs_for_query(q), dtype=np.int64)
            found[ids] = True
            mask &= found
        return mask, np.where(mask, score, 0).astype(np.float32)


def _norm(text: str) -> str:
    words = [w.text for w in iter_words(text) if not w.part]
    return words[0] if words else ""


def _is_text(node: Node) -> bool:
    """Whether a unit is made of words only: an OR or group holding a filter, a date or an
    exclusion is a constraint, which the any-word ranking never relaxes."""
    if isinstance(node, (Words, Phrase)):
        return True
    return isinstance(node, (All, Any_)) and all(_is_text(child) for child in node.children)


def _facet_masks(snap: Snapshot, request: SearchRequest) -> dict[str, np.ndarray]:
    masks = {}
    for facet, values in request.filters.items():
        column = snap.facets[facet]
        ids = sorted({i for v in values for i in resolve_facet_value(column, facet, v)})
        masks[facet] = column.docs_with(ids, snap.n)
    return masks


def _facet_values(
    snap: Snapshot, request: SearchRequest, base: np.ndarray, masks: dict[str, np.ndarray]
) -> dict[str, list[FacetValue]]:
    """Each facet counted with the other facets' selections applied, not its own."""
    out: dict[str, list[FacetValue]] = {}
    for facet, column in snap.facets.items():
        mask = base.copy()
        for other, m in masks.items():
            if other != facet:
                mask &= m
        counts = column.counts(mask)
        selected = {column.values[i] for v in request.filters.get(facet, ()) for i in resolve_facet_value(column, facet, v)}
        present = np.flatnonzero(counts)
        if present.size > 2 * request.facet_limit:  # only the values that can make the list
            cut = np.partition(counts[present], present.size - request.facet_limit)[present.size - request.facet_limit]
            present = present[counts[present] >= cut]
        order = present[np.lexsort((present, -counts[present]))]
        values = [FacetValue(column.values[i], int(counts[i]), column.values[i] in selected) for i in order[: request.facet_limit] if counts[i] > 0]
        shown = {v.value for v in values}
        values += [FacetValue(v, int(counts[column.ids[v]]), True) for v in sorted(selected - shown)]
        out[facet] = values
    return out


def _sort_keys(snap: Snapshot, ids: np.ndarray, score: np.ndarray, request: SearchRequest) -> tuple[np.ndarray, np.ndarray]:
    """Primary and secondary sort keys (descending) of documents: score then date, or date then score."""
    if request.sort == "date":
        return snap.day[ids].astype(np.float64), score[ids]
    return score[ids].astype(np.float64), snap.day[ids]


def _ranked(snap: Snapshot, mask: np.ndarray, score: np.ndarray, request: SearchRequest) -> np.ndarray:
    """Documents of one page: by score (ties: newest, then index order) or by date.

    Only the documents that can reach the page are sorted: those whose primary key is at
    least the one of the page's last document (found with a partition)."""
    ids = np.flatnonzero(mask)
    wanted = request.offset + request.limit
    if not wanted:
        return ids[:0]
    primary, _ = _sort_keys(snap, ids, score, request)
    if wanted < ids.size // 2:
        threshold = np.partition(primary, ids.size - wanted)[ids.size - wanted]
        ids = ids[primary >= threshold]
    return _in_rank_order(snap, ids, score, request)[request.offset : wanted]


def _in_rank_order(snap: Snapshot, ids: np.ndarray, score: np.ndarray, request: SearchRequest) -> np.ndarray:
    """Documents sorted as result lists show them (see _ranked)."""
    primary, secondary = _sort_keys(snap, ids, score, request)
    return ids[np.lexsort((ids, -secondary, -primary))]


def _collapsed(snap: Snapshot, final: np.ndarray, score: np.ndarray, request: SearchRequest) -> tuple[np.ndarray, np.ndarray | None]:
    """`final` with only the best-ranked document of each near-duplicate group, and the matches per
    group number (None when no match belongs to a group of two or more)."""
    ids = np.flatnonzero(final & snap.grouped)
    if not ids.size:
        return final, None
    ranked = _in_rank_order(snap, ids, score, request)
    _, first = np.unique(snap.group[ranked], return_index=True)
    best = final.copy()
    best[ids] = False
    best[ranked[first]] = True
    return best, np.bincount(snap.group[ids], minlength=int(snap.group.max()) + 1)


def _hit(snap: Snapshot, docnum: int, score: float, lemmas: set[str], forms: set[str], snippet: bool = True) -> Hit:
    stored = snap.stored(docnum)
    text = stored.get("body") or stored.get("summary") or ""
    facets = {attr: [v for v in (stored.get(f) or "").split(FACET_SEPARATOR) if v] for f, attr in FACETS.items()}
    return Hit(
        group=stored.get("group") or "",
        id=stored["id"],
        title=stored.get("title", ""),
        url=stored.get("url", ""),
        date=stored.get("date", ""),
        source=stored.get("source", ""),
        score=float(score),
        snippet=make_snippet(text, lemmas, forms) if snippet else Snippet(()),
        **facets,
    )


def search(index_dir: Path, request: SearchRequest, snippets: bool = True) -> SearchResult:
    """Run a request against the live index in `index_dir` (`snippets=False`: hits without
    snippets, for ranking-only callers)."""
    ix = storage.open_index(index_dir)
    with ix.searcher() as searcher:
        return run(searcher, snapshot(searcher.reader(), ix.storage.folder), request, snippets)


def _apply(base: np.ndarray, masks: dict[str, np.ndarray]) -> np.ndarray:
    final = base.copy()
    for m in masks.values():
        final &= m
    return final


@dataclass
class _Evaluated:
    matched: np.ndarray  # the query and facet selections, any date
    base: np.ndarray  # the query within the dates (facet counts start here)
    final: np.ndarray  # the result set
    score: np.ndarray
    masks: dict[str, np.ndarray]
    match: str
    fallback: bool
    evaluator: _Evaluator


def _evaluate(searcher: Searcher, snap: Snapshot, request: SearchRequest) -> _Evaluated:
    """Match and score a request: up to ALL_WORDS_MAX text terms are all required (with an
    any-word fallback when that finds nothing); longer queries rank by any term."""
    ev = _Evaluator(snap, searcher)
    units = ev.units(request.tree)
    dates = snap.date_mask(request.date_from, request.date_to) if request.date_from or request.date_to else snap.live
    masks = _facet_masks(snap, request)
    if request.group:
        masks["group"] = snap.group_keys == request.group
    text_units = [u for u in units if _is_text(u)]
    match = "all" if len(text_units) <= ALL_WORDS_MAX else "any"
    fallback = False
    if match == "all":
        query, score = ev.conjunction(units, collect=True)
        final = _apply(query & dates, masks)
    if match == "any" or (not final.any() and len(text_units) > 1):
        constraints, _ = ev.conjunction([u for u in units if not _is_text(u)], collect=False)
        any_mask, any_score = ev.eval(Any_(tuple(text_units)), collect=match == "any")
        any_query = any_mask & constraints
        any_final = _apply(any_query & dates, masks)
        if match == "any" or any_final.any():
            fallback = match == "all"
            match = "any"
            query, final, score = any_query, any_final, any_score
    return _Evaluated(_apply(query, masks), query & dates, final, score, masks, match, fallback, ev)


def _timeline(snap: Snapshot, matched: np.ndarray, request: SearchRequest) -> list[TimelineBucket]:
    """Hits per month of the result set without its date range (by year beyond TIMELINE_MONTHS)."""
    months = snap.month[matched & (snap.month >= 0)]
    if not months.size:
        return []
    first, last = int(months.min()), int(months.max())
    by_year = last - first + 1 > TIMELINE_MONTHS
    if by_year:
        months, first, last = months // 12 * 12, first // 12 * 12, last // 12 * 12
    counts = np.bincount(months - first, minlength=last - first + 1)
    buckets = []
    step = 12 if by_year else 1
    for k in range(0, last - first + 1, step):
        year, month = divmod(first + k, 12)
        start = date(year, month + 1, 1)
        end = date(year, 12, 31) if by_year else date(year, month + 1, calendar.monthrange(year, month + 1)[1])
        selected = bool(request.date_from or request.date_to) and (
            (not request.date_from or end.isoformat() >= request.date_from)
            and (not request.date_to or start.isoformat() <= request.date_to)
        )
        period = f"{year}" if by_year else f"{year}-{month + 1:02d}"
        buckets.append(TimelineBucket(period, start.isoformat(), end.isoformat(), int(counts[k]), selected))
    return buckets


def run(searcher: Searcher, snap: Snapshot, request: SearchRequest, snippets: bool = True) -> SearchResult:
    """Evaluate a request on an open searcher and its snapshot (see _evaluate)."""
    e = _evaluate(searcher, snap, request)
    shown, per_group = _collapsed(snap, e.final, e.score, request) if request.collapse and not request.group else (e.final, None)
    top = _ranked(snap, shown, e.score, request)
    lemmas, forms = (e.evaluator.lemmas, e.evaluator.forms) if snippets else (set(), set())
    hits = [_hit(snap, int(d), e.score[d], lemmas, forms, snippets) for d in top]
    if per_group is not None:
        for d, hit in zip(top, hits):
            hit.similar = int(per_group[snap.group[d]]) - 1 if snap.grouped[d] else 0
    return SearchResult(
        query=request.q,
        total=int(shown.sum()),
        documents=int(e.final.sum()),
        group=request.group,
        fallback=e.fallback,
        match=e.match,
        hits=hits,
        facets=_facet_values(snap, request, e.base, e.masks),
        timeline=_timeline(snap, e.matched, request),
        offset=request.offset,
        limit=request.limit,
        sort=request.sort,
        highlight_lemmas=e.evaluator.lemmas,
        highlight_forms=e.evaluator.forms,
    )


def export(index_dir: Path, request: SearchRequest, cap: int) -> Iterator[dict]:
    """The whole result set in rank order (at most `cap` documents), without snippets."""
    ix = storage.open_index(index_dir)
    with ix.searcher() as searcher:
        snap = snapshot(searcher.reader(), ix.storage.folder)
        e = _evaluate(searcher, snap, request)
        top = _ranked(snap, e.final, e.score, replace(request, offset=0, limit=cap))
    for d in top:
        stored = snap.stored(int(d))
        row = {k: stored.get(k, "") for k in ("id", "title", "url", "date", "source", "group")}
        row["score"] = round(float(e.score[d]), 4)
        for facet, attr in FACETS.items():
            row[attr] = [v for v in (stored.get(facet) or "").split(FACET_SEPARATOR) if v]
        yield row
