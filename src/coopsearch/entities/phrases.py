"""Phrase tables: values keyed by lemma sequences, found at a token position longest first.

The gazetteer (places.py) and the organisation registry (names.py) both look up multi-word
names this way.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Generic, TypeVar

from .text import Tok

V = TypeVar("V")


class PhraseTable(Generic[V]):
    """Values by lemma sequence, and for each first lemma the length of its longest sequence."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, ...], V] = {}
        self._longest: dict[str, int] = {}

    def __setitem__(self, key: tuple[str, ...], value: V) -> None:
        """Set the value of a (non-empty) lemma sequence."""
        self._values[key] = value
        self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def setdefault(self, key: tuple[str, ...], default: V) -> V:
        """The value of `key`, set to `default` first when there is none (as dict.setdefault)."""
        if key not in self._values:
            self[key] = default
        return self._values[key]

    def get(self, key: tuple[str, ...]) -> V | None:
        """The value of a lemma sequence, if any."""
        return self._values.get(key)

    def starts(self, lemma: str) -> bool:
        """Some sequence starts with this lemma."""
        return lemma in self._longest

    def at(self, toks: Sequence[Tok], i: int) -> Iterator[tuple[int, V]]:
        """(length, value) of every sequence whose lemmas are those of toks[i:i + length], longest first."""
        longest = min(self._longest.get(toks[i].lemma, 0), len(toks) - i)
        for length in range(longest, 0, -1):
            value = self._values.get(tuple(t.lemma for t in toks[i : i + length]))
            if value is not None:
                yield length, value
