"""Facet columns: a multi-valued facet as parallel (document, value id) arrays."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from whoosh.reading import IndexReader

from ..analysis import lemmas
from ..entities.names import name_key
from .reader import read_postings


@dataclass
class FacetColumn:
    """A multi-valued facet as parallel arrays of (document, value id) entries."""

    values: list[str]
    doc: np.ndarray  # int32 docnum of each entry
    val: np.ndarray  # int32 value id of each entry
    ids: dict[str, int] = field(default_factory=dict)
    _lemma_keys: list[tuple[str, ...]] | None = None
    _totals: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.ids = {v: i for i, v in enumerate(self.values)}  # display values and their variants

    def docs_with(self, value_ids: list[int], n: int) -> np.ndarray:
        """Boolean mask of documents having any of the value ids."""
        mask = np.zeros(n, dtype=bool)
        if value_ids:
            mask[self.doc[np.isin(self.val, value_ids)]] = True
        return mask

    def counts(self, mask: np.ndarray) -> np.ndarray:
        """Number of documents in `mask` per value id."""
        return np.bincount(self.val[mask[self.doc]], minlength=len(self.values))

    def totals(self) -> np.ndarray:
        """Number of documents per value id in the whole index (cached)."""
        if self._totals is None:
            self._totals = np.bincount(self.val, minlength=len(self.values))
        return self._totals

    def lemma_keys(self) -> list[tuple[str, ...]]:
        """Lemma sequence of each value (for matching user-typed values)."""
        if self._lemma_keys is None:
            self._lemma_keys = [tuple(lemmas(v)) for v in self.values]
        return self._lemma_keys


def empty_column() -> FacetColumn:
    """A facet without values (an index built before the facet existed)."""
    return FacetColumn([], np.empty(0, np.int32), np.empty(0, np.int32))


def read_column(reader: IndexReader, fieldname: str, live: np.ndarray) -> FacetColumn:
    """A facet's values grouped by name key: «АВТОВАЗ» and «АвтоВАЗ» count as one value,
    shown in the spelling most documents use."""
    if fieldname not in reader.schema:
        return empty_column()
    groups: dict[str, int] = {}
    spellings: list[Counter[str]] = []
    variants: dict[str, int] = {}
    docs, vals = [], []
    for term in reader.lexicon(fieldname):
        value = term.decode("utf-8") if isinstance(term, bytes) else term
        ids, _ = read_postings(reader, fieldname, value)
        ids = ids[live[ids]]
        if not ids.size:
            continue
        group = groups.setdefault(name_key(value), len(groups))
        if group == len(spellings):
            spellings.append(Counter())
        spellings[group][value] += ids.size
        variants[value] = group
        docs.append(ids)
        vals.append(np.full(ids.size, group, dtype=np.int32))
    if not docs:
        return empty_column()
    pairs = np.unique(np.concatenate(docs).astype(np.int64) * len(groups) + np.concatenate(vals))
    display = [max(c, key=lambda v: (c[v], v)) for c in spellings]
    column = FacetColumn(display, (pairs // len(groups)).astype(np.int32), (pairs % len(groups)).astype(np.int32))
    column.ids.update(variants)
    return column
