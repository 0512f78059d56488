"""Russian text analysis: razdel tokens, normalization and pymorphy3 lemmas as Whoosh analyzers.

The analyzers are plain, picklable Whoosh objects (Whoosh pickles them into the
schema); the pymorphy3 analyzer lives in a module-level cache and is never pickled.
"""
from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pymorphy3
import razdel
from whoosh.analysis import Composable, Filter, Token, Tokenizer

_CYRILLIC = re.compile(r"[а-яё]")
_HYPHENS = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "­": ""})
_NUMBER_SUFFIX = re.compile(r"^(\d+(?:[.,]\d+)?)-[а-я]{1,3}$")  # 35-ти, 90-х, 2019-м
_LAT_LOOKALIKES = "aceopxykmtbhACEOPXYKMTBH"
_CYR_LOOKALIKES = "асеорхукмтвнАСЕОРХУКМТВН"
_TO_CYRILLIC = str.maketrans(_LAT_LOOKALIKES, _CYR_LOOKALIKES)
_TO_LATIN = str.maketrans(_CYR_LOOKALIKES, _LAT_LOOKALIKES)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_SCRIPT_CHANGE = re.compile(r"[а-яё][a-z]|[a-z][а-яё]", re.IGNORECASE)  # only mixed words have one
_CYRILLIC_ANY = re.compile(r"[а-яёА-ЯЁ]")
_LATIN_ANY = re.compile(r"[a-zA-Z]")
STOP_TAGS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO"})


@dataclass(frozen=True, slots=True)
class Word:
    """One token of a text: normalized form, character span and position."""

    text: str
    start: int
    end: int
    pos: int
    part: bool = False


@functools.cache
def morph() -> pymorphy3.MorphAnalyzer:
    """The process-wide pymorphy3 analyzer (loaded once, never pickled)."""
    return pymorphy3.MorphAnalyzer()


def _unmix(match: re.Match[str]) -> str:
    w = match.group(0)
    cyr = _CYRILLIC_ANY.findall(w)
    lat = _LATIN_ANY.findall(w)
    if cyr and lat:
        if len(cyr) >= len(lat) and all(c in _LAT_LOOKALIKES for c in lat):
            return w.translate(_TO_CYRILLIC)
        if len(lat) > len(cyr) and all(c in _CYR_LOOKALIKES for c in cyr):
            return w.translate(_TO_LATIN)
    return w


def fix_lookalikes(text: str) -> str:
    """Replace Latin/Cyrillic look-alike letters inside a word by the word's main script.

    The result has the same length as the input, so character offsets stay valid.
    """
    return _LETTER_RUN.sub(_unmix, text) if _SCRIPT_CHANGE.search(text) else text


def normalize(word: str) -> str:
    """Lowercase, unify hyphens and fix look-alike letters of one word (ё is kept for pymorphy3)."""
    return fix_lookalikes(word).lower().translate(_HYPHENS)


def fold(word: str) -> str:
    """Fold ё to е: the form stored in the index (lemmas and exact forms)."""
    return word.replace("ё", "е")


@functools.lru_cache(maxsize=1 << 18)
def parses(word: str) -> tuple[Any, ...]:
    """All pymorphy3 parses of a normalized word (cached)."""
    try:
        return tuple(morph().parse(word))
    except ValueError:  # pymorphy3 looks up Unicode character names; some characters (Tangut…) have none
        return tuple(p._replace(word=word, normal_form=word) for p in morph().parse("x")[:1])


@functools.lru_cache(maxsize=1 << 19)
def lemma(word: str) -> str:
    """The first-parse normal form of a normalized word; non-Cyrillic words are kept as is."""
    if not _CYRILLIC.search(word):
        return word
    return fold(parses(word)[0].normal_form)


@functools.lru_cache(maxsize=1 << 16)
def is_stopword(lemma_: str) -> bool:
    """True for function words (prepositions, conjunctions, particles, pronouns)."""
    if not _CYRILLIC.search(lemma_):
        return False
    return parses(lemma_)[0].tag.POS in STOP_TAGS


def _has_alnum(s: str) -> bool:
    return any(c.isalnum() for c in s)


def token_spans(text: str) -> list[tuple[int, int]]:
    """razdel token spans (punctuation included) of a text whose look-alikes are already fixed."""
    return [(t.start, t.stop) for t in razdel.tokenize(text)]


def words_from(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[Word]:
    """Normalized words from token spans; hyphenated words whole and by parts, punctuation skipped.

    A hyphenated word takes one position per part: the whole word shares the position of
    its first part, so a phrase "бизнес миссия" matches "бизнес-миссия".
    """
    pos = 0
    for start, end in spans:
        raw = text[start:end]
        if not _has_alnum(raw):
            continue
        w = raw.lower().translate(_HYPHENS)  # `text` has its look-alikes fixed already
        num = _NUMBER_SUFFIX.match(w)
        if num:
            yield Word(num.group(1), start, start + len(num.group(1)), pos)
            pos += 1
            continue
        parts = w.split("-") if "-" in w else []
        if len(parts) < 2 or not all(_has_alnum(p) for p in parts):
            yield Word(w, start, end, pos)
            pos += 1
            continue
        yield Word(w, start, end, pos)
        offset = start
        for p in parts:
            yield Word(p, offset, offset + len(p), pos, part=True)
            offset += len(p) + 1
            pos += 1


def iter_words(text: str) -> Iterator[Word]:
    """Tokenize with razdel and yield normalized words (see :func:`words_from`)."""
    fixed = fix_lookalikes(text)
    return words_from(fixed, token_spans(fixed))


class Analyzed(str):
    """A text tokenized once (in a worker process): its words as compact columns with lemmas.

    Columns pickle fast and the Whoosh tokenizer reads them directly, so the writer process
    neither tokenizes nor lemmatizes. `spans` (razdel token spans, punctuation included, for
    NER) stay in the process that made them.
    """

    forms: tuple[str, ...]  # normalized word forms, hyphen parts included
    lemmas: tuple[str, ...]
    starts: array
    ends: array
    positions: array
    parts: bytes
    spans: tuple[tuple[int, int], ...]

    def __new__(
        cls,
        text: str,
        forms: tuple[str, ...],
        lemmas: tuple[str, ...],
        starts: array,
        ends: array,
        positions: array,
        parts: bytes,
        spans: tuple[tuple[int, int], ...] = (),
    ) -> Analyzed:
        obj = super().__new__(cls, text)
        obj.forms, obj.lemmas, obj.starts, obj.ends, obj.positions, obj.parts = forms, lemmas, starts, ends, positions, parts
        obj.spans = spans
        return obj

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return (Analyzed, (str(self), self.forms, self.lemmas, self.starts, self.ends, self.positions, self.parts))

    @functools.cached_property
    def words(self) -> tuple[Word, ...]:
        """The words as Word objects."""
        return tuple(
            Word(f, s, e, p, bool(part))
            for f, s, e, p, part in zip(self.forms, self.starts, self.ends, self.positions, self.parts)
        )


def analyzed(text: str) -> Analyzed:
    """Tokenize a text once; keep its token spans, words and lemmas with it."""
    fixed = fix_lookalikes(text)
    spans = tuple(token_spans(fixed))
    words = list(words_from(fixed, spans))
    return Analyzed(
        text,
        tuple(w.text for w in words),
        tuple(lemma(w.text) for w in words),
        array("I", (w.start for w in words)),
        array("I", (w.end for w in words)),
        array("I", (w.pos for w in words)),
        bytes(w.part for w in words),
        spans,
    )


def join_analyzed(parts: list[Analyzed], sep: str = "\n\n") -> Analyzed:
    """Concatenate analyzed texts, shifting the offsets and positions of their words."""
    starts, ends, positions = array("I"), array("I"), array("I")
    spans: list[tuple[int, int]] = []
    offset, pos = 0, 0
    for part in parts:
        starts.extend(s + offset for s in part.starts)
        ends.extend(e + offset for e in part.ends)
        positions.extend(p + pos for p in part.positions)
        spans.extend((s + offset, e + offset) for s, e in part.spans)
        offset += len(part) + len(sep)
        pos += (max(part.positions) + 1 if part.positions else 0) + 1
    return Analyzed(
        sep.join(parts),
        tuple(f for part in parts for f in part.forms),
        tuple(lem for part in parts for lem in part.lemmas),
        starts,
        ends,
        positions,
        b"".join(part.parts for part in parts),
        tuple(spans),
    )


class RussianTokenizer(Tokenizer):
    """Whoosh tokenizer over :func:`iter_words` with positions and character offsets."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            words: Iterable[tuple[str, str | None, int, int, int]] = [(normalize(value), None, 0, len(value), 0)]
        elif isinstance(value, Analyzed):
            words = zip(value.forms, value.lemmas, value.starts, value.ends, value.positions)
        else:
            words = ((w.text, None, w.start, w.end, w.pos) for w in iter_words(value))
        for form, lem, start, end, pos in words:
            t.text = form
            t.lemma = lem
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


class FoldFilter(Filter):
    """Fold ё to е in each token (the exact-form field)."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        for t in tokens:
            t.text = fold(t.text)
            yield t


class LemmaFilter(Filter):
    """Replace each token's text by its cached pymorphy3 lemma."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        for t in tokens:
            t.text = getattr(t, "lemma", None) or lemma(t.text)
            yield t


def lemma_analyzer() -> Composable:
    """Analyzer for the lemma text fields: razdel → normalize → lemma."""
    return RussianTokenizer() | LemmaFilter()


def exact_analyzer() -> Composable:
    """Analyzer for the exact-form field: razdel → normalize → fold ё, no lemmatization."""
    return RussianTokenizer() | FoldFilter()


def lemmas(text: str) -> list[str]:
    """Lemmas of a text, hyphen parts included, in order."""
    return [lemma(w.text) for w in iter_words(text)]
