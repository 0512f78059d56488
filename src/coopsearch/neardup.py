"""Near-duplicate grouping: MinHash signatures over lemma shingles (datasketch), grouped with LSH at index time.

The same story reprinted by several outlets (another headline, a reworded sentence, a cut
paragraph) gets one group key; search shows one hit per group. A document joins the group of
its most similar indexed document when their estimated Jaccard similarity of body shingles is at
least THRESHOLD; otherwise it starts a new group. A group key is derived from its founder's id and
signature, never the founder's id itself: a founder edited into another story starts another
group and leaves its former copies grouped together. Settings: docs/benchmarks.md.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_WORDS = 3  # word n-grams of lemmas
THRESHOLD = 0.3  # estimated Jaccard similarity of shingle sets (chosen in docs/benchmarks-neardup.md)
MIN_SHINGLES = 40  # shorter texts (about 40 words) are never grouped: a few shared phrases or a boilerplate notice are not a story
SCHEME = "affine32"
_SEED = 1


def shingles(lemmas: Sequence[str], words: int = SHINGLE_WORDS) -> set[str]:
    """The distinct runs of `words` consecutive word lemmas (punctuation and symbols skipped)."""
    kept = [w for w in lemmas if w.isalnum()]
    return {" ".join(kept[i : i + words]) for i in range(len(kept) - words + 1)}


def signature(lemmas: Sequence[str], shingle_words: int = SHINGLE_WORDS, min_shingles: int = MIN_SHINGLES) -> bytes:
    """MinHash of a text's lemma shingles as NUM_PERM uint32 values; b"" for a text too short to group."""
    found = shingles(lemmas, shingle_words)
    if len(found) < min_shingles:
        return b""
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in found])
    return m.hashvalues.astype(np.uint32).tobytes()


def new_group_key(doc_id: str, sig: bytes) -> str:
    """The key of a group a document founds: stable for the same id and text, unique otherwise."""
    return "g" + hashlib.sha1(doc_id.encode("utf-8") + b"\0" + sig).hexdigest()[:16]


def _values(sig: bytes) -> np.ndarray:
    return np.frombuffer(sig, dtype=np.uint32)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return float(np.mean(_values(a) == _values(b)))


class Grouper:
    """Assigns group keys to documents, one at a time, against everything already indexed."""

    def __init__(self, indexed: Iterable[tuple[str, str, bytes]] = (), threshold: float = THRESHOLD) -> None:
        """`indexed`: (id, group, signature) of the documents already in the index."""
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._docs: dict[str, tuple[str, bytes]] = {}
        for doc_id, group, sig in indexed:
            self._add(doc_id, group or doc_id, sig)

    def _minhash(self, sig: bytes) -> MinHash:
        return MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=_values(sig).astype(np.uint64), scheme=SCHEME)

    def _add(self, doc_id: str, group: str, sig: bytes, minhash: MinHash | None = None) -> None:
        self._docs[doc_id] = (group, sig)
        if sig:
            self._lsh.insert(doc_id, minhash or self._minhash(sig), check_duplication=False)

    def remove(self, doc_id: str) -> None:
        """Forget a document (deleted, or about to be re-assigned)."""
        old = self._docs.pop(doc_id, None)
        if old is not None and old[1]:
            self._lsh.remove(doc_id)

    def assign(self, doc_id: str, sig: bytes) -> str:
        """The group key of a new or changed document: the group of its most similar document, else a new key."""
        self.remove(doc_id)
        group, minhash = new_group_key(doc_id, sig), None
        if sig:
            minhash = self._minhash(sig)
            scored = [(similarity(sig, self._docs[c][1]), c) for c in self._lsh.query(minhash)]
            matches = [(s, c) for s, c in scored if s >= self.threshold]
            if matches:
                group = self._docs[max(matches)[1]][0]
        self._add(doc_id, group, sig, minhash)
        return group
