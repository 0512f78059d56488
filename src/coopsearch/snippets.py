"""Highlighted snippets: matches of any inflected form, markup built from escaped text only."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from html import escape

from .analysis import fix_lookalikes, fold, lemma, words_from

SNIPPET_CHARS = 240
SCAN_CHARS = 30_000  # of a document searched for a snippet
MAX_WINDOWS = 50  # candidate windows tried (one per match, in order)


@dataclass(frozen=True)
class Snippet:
    """Text fragments, each flagged as a match or not; rendered as HTML or plain text."""

    parts: tuple[tuple[str, bool], ...]
    cut_start: bool = False
    cut_end: bool = False

    def html(self) -> str:
        """Escaped text with matches in <mark>; nothing from the document is trusted as markup."""
        body = "".join(f"<mark>{escape(t)}</mark>" if m else escape(t) for t, m in self.parts)
        return ("…" if self.cut_start else "") + body + ("…" if self.cut_end else "")

    def text(self, before: str = "", after: str = "") -> str:
        """Plain text with matches wrapped in `before`/`after`."""
        body = "".join(f"{before}{t}{after}" if m else t for t, m in self.parts)
        return ("…" if self.cut_start else "") + body + ("…" if self.cut_end else "")


def _stem(key: str) -> str:
    """A prefix that the inflected forms of a lemma share (short words: the whole word)."""
    return key if len(key) <= 4 else key[: max(4, len(key) - 3)]


@functools.lru_cache(maxsize=512)
def _candidate_pattern(keys: frozenset[str]) -> re.Pattern[str]:
    stems = sorted({_stem(k) for k in keys}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:%s)\w*(?:-\w+)*" % "|".join(map(re.escape, stems)))


def match_spans(text: str, lemmas: set[str], forms: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, matched key) of words whose lemma or exact form is wanted.

    A regular expression finds the words that begin like a wanted lemma; only those are
    lemmatized, so a long document costs a scan, not a tokenization.
    """
    if not lemmas and not forms:
        return []
    fixed = fix_lookalikes(text)
    low = fold(fixed.lower())
    if len(low) != len(fixed):  # a letter whose lower case is longer («İ»): keep offsets, lower the rest
        low = fold("".join(c if len(c.lower()) != 1 else c.lower() for c in fixed))
    spans: list[tuple[int, int, str]] = []
    for m in _candidate_pattern(frozenset(lemmas | forms)).finditer(low):
        for w in words_from(fixed, [(m.start(), m.end())]):
            surface = fold(w.text)
            key = surface if surface in forms else lemma(w.text)
            if key in lemmas or key in forms:
                if not spans or w.start >= spans[-1][1]:
                    spans.append((w.start, w.end, key))
    return spans


def _parts(text: str, spans: list[tuple[int, int, str]], start: int, end: int) -> tuple[tuple[str, bool], ...]:
    parts: list[tuple[str, bool]] = []
    pos = start
    for s, e, _ in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > pos:
            parts.append((text[pos:s], False))
        parts.append((text[s:e], True))
        pos = e
    if pos < end:
        parts.append((text[pos:end], False))
    return tuple(parts)


def highlight(text: str, lemmas: set[str], forms: set[str]) -> Snippet:
    """The whole text with every match marked."""
    return Snippet(_parts(text, match_spans(text, lemmas, forms), 0, len(text)))


def make_snippet(text: str, lemmas: set[str], forms: set[str], width: int = SNIPPET_CHARS) -> Snippet:
    """The window of about `width` characters with the most distinct matches, at word boundaries.

    Only the first SCAN_CHARS characters are searched: a snippet comes from the start of a
    document or its first matches, never from the end of a very long one.
    """
    truncated = len(text) > SCAN_CHARS
    text = " ".join(text[:SCAN_CHARS].split())
    spans = match_spans(text, lemmas, forms)
    if len(text) <= width:
        return Snippet(_parts(text, spans, 0, len(text)))
    best_start, best_score = 0, (-1, 0)
    starts = [a for a, _, _ in spans]
    for s in starts[:MAX_WINDOWS]:
        start = max(0, s - width // 4)
        first = bisect.bisect_left(starts, start)
        inside = {k for a, b, k in spans[first : bisect.bisect_right(starts, start + width)] if b <= start + width}
        score = (len(inside), -start)
        if score > best_score:
            best_start, best_score = start, score
    start = best_start
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return Snippet(_parts(text, spans, start, end), cut_start=start > 0, cut_end=end < len(text) or truncated)
