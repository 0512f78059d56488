"""Tokens for entity rules: surface text, offsets, lemma and all normal forms of each word."""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from ..analysis import Analyzed, fold, iter_words, lemma, parses


@dataclass(frozen=True, slots=True)
class Tok:
    """A whole word of the text (hyphenated words are not split) with its analyses."""

    text: str  # as written
    norm: str  # lower case (ё kept)
    start: int
    end: int
    lemma: str

    @property
    def forms(self) -> frozenset[str]:
        """All normal forms pymorphy3 proposes for the word (first-parse lemma included)."""
        return normal_forms(self.norm)

    @property
    def capitalized(self) -> bool:
        """Starts with an upper-case letter."""
        return self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        """Written entirely in capitals (at least two letters)."""
        return all_caps(self.text)

    def tags(self) -> frozenset[str]:
        """Grammemes of the first parse."""
        return frozenset(parses(self.norm)[0].tag.grammemes)


PROPER_GRAMMEMES = ("Geox", "Name", "Surn", "Patr", "Orgn")


def all_caps(text: str, min_letters: int = 2) -> bool:
    """Every letter of the text is a capital, and there are at least `min_letters` letters (НСО, KAZNEX)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= min_letters and all(c.isupper() for c in letters)


def in_capitals(window: Sequence[Tok]) -> bool:
    """Every word of the window that starts with a letter is written in capitals."""
    return all(t.upper for t in window if t.text[:1].isalpha())


@functools.lru_cache(maxsize=1 << 16)
def is_common_word(norm: str) -> bool:
    """The dictionary knows the word, and its likeliest reading is not a proper name."""
    p = parses(norm)[0]
    return type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer" and not any(g in p.tag for g in PROPER_GRAMMEMES)


@functools.lru_cache(maxsize=1 << 16)
def normal_forms(norm: str) -> frozenset[str]:
    """Set of all normal forms of a normalized word (ё folded)."""
    if norm.isascii():
        return frozenset({norm})
    return frozenset({fold(p.normal_form) for p in parses(norm)} | {lemma(norm)})


def tokenize(text: str) -> list[Tok]:
    """Whole words of a text (hyphenated ones not split) with lemmas and offsets; an `Analyzed`
    text is not tokenized again."""
    if isinstance(text, Analyzed):
        return [
            Tok(text[s:e], f, s, e, lem)
            for f, lem, s, e, part in zip(text.forms, text.lemmas, text.starts, text.ends, text.parts)
            if not part
        ]
    return [Tok(text[w.start : w.end], w.text, w.start, w.end, lemma(w.text)) for w in iter_words(text) if not w.part]


def has_break(text: str, left: Tok, right: Tok) -> bool:
    """True when punctuation other than a hyphen separates two neighbouring tokens."""
    between = text[left.end : right.start]
    return any(not c.isspace() for c in between)


def sentence_start(text: str, tok: Tok) -> bool:
    """True when the token starts the text or follows sentence-final punctuation."""
    before = text[: tok.start].rstrip(" \t«\"„“(")
    return not before or before[-1] in ".!?\n…"


def back(text: str, pos: int, chars: str = " \t\n") -> int:
    """`pos` moved back over `chars` (no copy of the text, unlike text[:pos].rstrip())."""
    while pos > 0 and text[pos - 1] in chars:
        pos -= 1
    return pos
