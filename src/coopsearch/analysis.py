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
from razdel.segmenters.punct import DASHES
from razdel.segmenters.tokenize import ATOM
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
_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() is true
_NON_SPACE_RUN = re.compile(r"(\S+)")  # captured: split() keeps the runs
# razdel's dash, underscore, float and fraction rules look past an atom of these to its neighbour's type.
_LOOKS_ACROSS = frozenset(DASHES + "_.,/\\")
_WORD_SAMPLES = {"RU": "я", "LAT": "z", "INT": "0"}  # one atom of each razdel word type
_ATOM_SAMPLES = {**_WORD_SAMPLES, "PUNCT": ",", "OTHER": "©"}


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
    return _ALNUM.search(s) is not None


@functools.lru_cache(maxsize=1 << 12)
def _atom_sample(char: str) -> str:
    """An atom of the razdel type of the atom that `char` belongs to (a run's type is that of each of its characters)."""
    match = ATOM.match(char)
    assert match is not None and match.lastgroup is not None
    return _ATOM_SAMPLES[match.lastgroup]


def _razdel_sizes(before: str, text: str, after: str) -> list[int]:
    """Lengths of the razdel tokens of `text` between sample atoms `before` and `after` ("" for none)."""
    sizes = [t.stop - t.start for t in razdel.tokenize(f"{before} {text} {after}".strip())]
    return sizes[bool(before) : len(sizes) - bool(after)]


@functools.lru_cache(maxsize=1 << 16)
def _shape_tokens(before: str, shape: str, after: str) -> tuple[int, ...]:
    """Atoms per razdel token of a run's shape (one character per atom)."""
    return tuple(_razdel_sizes(before, shape, after))


@functools.lru_cache(maxsize=1 << 18)
def _run_tokens(before: str, run: str, after: str) -> tuple[int, ...]:
    """razdel token lengths of a run of non-space characters between sample atoms `before` and `after`.

    razdel's rules see a word atom only by its type (except "yahoo" before "!"), so the run is
    tokenized as its shape: each word atom replaced by a one-letter sample of its type.
    """
    atoms = list(ATOM.finditer(run))
    if len(atoms) == 1:
        return (len(run),)
    if "yahoo" in run.lower():
        return tuple(_razdel_sizes(before, run, after))
    shape = "".join(_WORD_SAMPLES.get(a.lastgroup or "", a.group()) for a in atoms)
    sizes, first = [], 0
    for count in _shape_tokens(before, shape, after):
        sizes.append(atoms[first + count - 1].end() - atoms[first].start())
        first += count
    return tuple(sizes)


def token_spans(text: str) -> list[tuple[int, int]]:
    """razdel token spans (punctuation included) of a text whose look-alikes are already fixed.

    razdel never joins atoms across whitespace, and looks across it only from an atom in
    _LOOKS_ACROSS at the type of the next atom; so each run of non-space characters is
    tokenized alone (cached), with a sample atom of that type where it matters.
    """
    parts = _NON_SPACE_RUN.split(text)  # space, run, space, run, …, space
    spans: list[tuple[int, int]] = []
    start = len(parts[0])
    for i in range(1, len(parts), 2):
        run = parts[i]
        before = _atom_sample(parts[i - 2][-1]) if i > 1 and run[0] in _LOOKS_ACROSS else ""
        after = _atom_sample(parts[i + 2][0]) if i + 2 < len(parts) and run[-1] in _LOOKS_ACROSS else ""
        for size in _run_tokens(before, run, after):
            spans.append((start, start + size))
            start += size
        start += len(parts[i + 1])
    return spans


def _word_rows(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[str, int, int, int, bool]]:
    """The fields of :func:`words_from`'s words: text, start, end, position, part."""
    pos = 0
    for start, end in spans:
        raw = text[start:end]
        if raw.isalnum():  # a plain word: no hyphen to unify or split at
            yield raw.lower(), start, end, pos, False
            pos += 1
            continue
        if not _has_alnum(raw):
            continue
        w = raw.lower().translate(_HYPHENS)  # `text` has its look-alikes fixed already
        num = _NUMBER_SUFFIX.match(w)
        if num:
            yield num.group(1), start, start + len(num.group(1)), pos, False
            pos += 1
            continue
        parts = w.split("-") if "-" in w else []
        if len(parts) < 2 or not all(_has_alnum(p) for p in parts):
            yield w, start, end, pos, False
            pos += 1
            continue
        yield w, start, end, pos, False
        offset = start
        for p in parts:
            yield p, offset, offset + len(p), pos, True
            offset += len(p) + 1
            pos += 1


def words_from(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[Word]:
    """Normalized words from token spans; hyphenated words whole and by parts, punctuation skipped.

    A hyphenated word takes one position per part: the whole word shares the position of
    its first part, so a phrase "бизнес миссия" matches "бизнес-миссия".
    """
    return (Word(*row) for row in _word_rows(text, spans))


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
    rows = list(_word_rows(fixed, spans))
    forms, starts, ends, positions, parts = zip(*rows) if rows else ((),) * 5
    return Analyzed(
        text, forms, tuple(map(lemma, forms)), array("I", starts), array("I", ends), array("I", positions), bytes(parts), spans
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
