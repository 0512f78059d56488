"""Facet selections and counts: what a typed value stands for, selection masks, disjunctive counts."""
from __future__ import annotations

import numpy as np

from ..analysis import iter_words, lemma
from ..entities.places import find_places
from ..entities.text import tokenize
from ..query import SearchRequest
from ..schema import FACETS
from .columns import FacetColumn
from .results import FacetValue
from .snapshot import Snapshot


def resolve_facet_value(column: FacetColumn, facet: str, text: str) -> list[int]:
    """Value ids a user-typed facet value stands for: exact, any case, a place alias, or lemmas."""
    if text in column.ids:
        return [column.ids[text]]
    folded = text.casefold()
    same = [i for i, v in enumerate(column.values) if v.casefold() == folded]
    if same:
        return same
    if FACETS[facet].place:
        named = _places(column, facet, text)
        if named:
            return named
    key = tuple(lemma(w.text) for w in iter_words(text) if not w.part)
    if not key:
        return []
    size = len(key)
    return [
        i
        for i, vk in enumerate(column.lemma_keys())
        if any(vk[j : j + size] == key for j in range(len(vk) - size + 1))
    ]


def _places(column: FacetColumn, facet: str, text: str) -> list[int]:
    """Value ids of the places a typed text names (a region alias, a city of the region, a
    country's adjective)."""
    places = {m.place for m in find_places(text, tokenize(text))[0]}
    named = [column.ids[p.value] for p in places if p.kind == facet and p.value in column.ids]
    if facet == "country":
        named += [column.ids[p.country] for p in places if p.country in column.ids]
    return sorted(set(named))


def facet_masks(snap: Snapshot, request: SearchRequest) -> dict[str, np.ndarray]:
    """Per selected facet, the documents having any of its selected values (OR within a facet)."""
    masks = {}
    for facet, values in request.filters.items():
        column = snap.facets[facet]
        ids = sorted({i for v in values for i in resolve_facet_value(column, facet, v)})
        masks[facet] = column.docs_with(ids, snap.n)
    return masks


def counted_over(base: np.ndarray, masks: dict[str, np.ndarray], facet: str) -> np.ndarray:
    """The documents a facet's values are counted over: the other facets' selections applied,
    not its own."""
    mask = base.copy()
    for other, m in masks.items():
        if other != facet:
            mask &= m
    return mask


def facet_values(
    snap: Snapshot, request: SearchRequest, base: np.ndarray, masks: dict[str, np.ndarray], limit: int | None = None
) -> dict[str, list[FacetValue]]:
    """Each facet's values, most documents first (at most `limit`, default the request's
    facet_limit), counted disjunctively; selected values are always listed."""
    limit = request.facet_limit if limit is None else limit
    return {facet: facet_list(snap, request, facet, base, masks, limit) for facet in snap.facets}


def facet_list(
    snap: Snapshot, request: SearchRequest, facet: str, base: np.ndarray, masks: dict[str, np.ndarray], limit: int
) -> list[FacetValue]:
    """One facet's values counted over `base` with the other facets' selections (see facet_values)."""
    column = snap.facets[facet]
    mask = counted_over(base, masks, facet)
    counts = column.counts(mask)
    selected = {column.values[i] for v in request.filters.get(facet, ()) for i in resolve_facet_value(column, facet, v)}
    present = np.flatnonzero(counts)
    if present.size > 2 * limit:  # only the values that can make the list
        cut = np.partition(counts[present], present.size - limit)[present.size - limit]
        present = present[counts[present] >= cut]
    order = present[np.lexsort((present, -counts[present]))]
    values = [FacetValue(column.values[i], int(counts[i]), column.values[i] in selected) for i in order[:limit] if counts[i] > 0]
    shown = {v.value for v in values}
    values += [FacetValue(v, int(counts[column.ids[v]]), True) for v in sorted(selected - shown)]
    return values
