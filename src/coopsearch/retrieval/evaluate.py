"""Query evaluation: a query tree to (mask, scores) over a snapshot, and the fallback rule.

Up to ALL_WORDS_MAX text terms are all required, with an any-word fallback when that finds
nothing; longer queries rank by any term. Filters, dates and exclusions always apply.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..analysis import fold, is_stopword, iter_words, lemma
from ..query import All, Any_, DateRange, FacetFilter, Node, Not, Phrase, SearchRequest, Words
from ..schema import TEXT_FIELDS
from .facets import facet_masks, resolve_facet_value
from .snapshot import Snapshot

Result = tuple[np.ndarray, np.ndarray]  # (mask, scores) over docnums
ALL_WORDS_MAX = 3  # queries with more text terms rank by any term (measured: docs/benchmarks.md)


class Evaluator:
    """Evaluates a query tree to (mask, scores) and collects the terms to highlight."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.lemmas: set[str] = set()
        self.forms: set[str] = set()

    def none(self) -> Result:
        """No document."""
        return np.zeros(self.snap.n, bool), np.zeros(self.snap.n, np.float32)

    def everything(self) -> Result:
        """Every live document, unscored."""
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
        """(mask, scores) of one node; `collect` records its terms for highlighting."""
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
        """Documents matching every unit, scores summed."""
        mask, score = self.everything()
        for unit in units:
            m, s = self.eval(unit, collect)
            mask &= m
            score += s
        return mask, score

    def words(self, text: str, collect: bool) -> Result:
        """Documents with every word's lemma (a hyphenated word also as its parts in sequence)."""
        words = list(iter_words(text))
        mask, score = self.everything()
        for w in (w for w in words if not w.part):
            term = lemma(w.text)
            if collect:
                self.lemmas.add(term)
            m, s = self.snap.bm25f(term)
            parts = [p for p in words if p.part and w.start <= p.start < w.end]
            if parts:  # «бизнес-миссия» also matches «бизнес миссия»
                pm, ps = self.sequence([lemma(p.text) for p in parts], TEXT_FIELDS)
                m, s = m | pm, np.maximum(s, ps)
            mask &= m
            score += s
        return mask, score

    def phrase(self, node: Phrase, collect: bool) -> Result:
        """A phrase on lemmas, or on exact forms with `=`."""
        words = list(iter_words(node.text))
        has_parts = {w.start for w in words if w.part}
        seq = [w for w in words if w.part or w.start not in has_parts]
        if node.exact:
            terms = [fold(w.text) for w in seq]
            if collect:
                self.forms.update(terms)
            return self.sequence(terms, ("exact",))
        terms = [lemma(w.text) for w in seq]
        if collect:
            self.lemmas.update(terms)
        return self.sequence(terms, TEXT_FIELDS)

    def sequence(self, terms: list[str], fields: tuple[str, ...]) -> Result:
        """Documents with the terms adjacent and in order in one of `fields`."""
        if not terms:
            return self.none()
        mask, score = self.everything()
        for term in terms:
            m, s = self.snap.bm25f(term, fields)
            mask &= m
            score += s
        if len(terms) > 1 and mask.any():
            mask &= self.snap.phrase_mask(fields, terms)
        return mask, np.where(mask, score, 0).astype(np.float32)


def _norm(text: str) -> str:
    words = [w.text for w in iter_words(text) if not w.part]
    return words[0] if words else ""


def is_text(node: Node) -> bool:
    """Whether a unit is made of words only: an OR or group holding a filter, a date or an
    exclusion is a constraint, which the any-word ranking never relaxes."""
    if isinstance(node, (Words, Phrase)):
        return True
    return isinstance(node, (All, Any_)) and all(is_text(child) for child in node.children)


def _apply(base: np.ndarray, masks: dict[str, np.ndarray]) -> np.ndarray:
    final = base.copy()
    for m in masks.values():
        final &= m
    return final


@dataclass
class Evaluated:
    """A request evaluated: the sets facets, timeline and hits are computed from."""

    matched: np.ndarray  # the query and facet selections, any date
    base: np.ndarray  # the query within the dates (facet counts start here)
    final: np.ndarray  # the result set
    score: np.ndarray
    masks: dict[str, np.ndarray]
    match: str
    fallback: bool
    evaluator: Evaluator


def evaluate(snap: Snapshot, request: SearchRequest) -> Evaluated:
    """Match and score a request (see the module docstring for the fallback rule)."""
    ev = Evaluator(snap)
    units = ev.units(request.tree)
    dates = snap.date_mask(request.date_from, request.date_to) if request.date_from or request.date_to else snap.live
    masks = facet_masks(snap, request)
    if request.group:
        masks["group"] = snap.group_keys == request.group
    text_units = [u for u in units if is_text(u)]
    match = "all" if len(text_units) <= ALL_WORDS_MAX else "any"
    fallback = False
    if match == "all":
        query, score = ev.conjunction(units, collect=True)
        final = _apply(query & dates, masks)
    if match == "any" or (not final.any() and len(text_units) > 1):
        constraints, _ = ev.conjunction([u for u in units if not is_text(u)], collect=False)
        any_mask, any_score = ev.eval(Any_(tuple(text_units)), collect=match == "any")
        any_query = any_mask & constraints
        any_final = _apply(any_query & dates, masks)
        if match == "any" or any_final.any():
            fallback = match == "all"
            match = "any"
            query, final, score = any_query, any_final, any_score
    return Evaluated(_apply(query, masks), query & dates, final, score, masks, match, fallback, ev)
