"""Neural NER: the slovnet news model (navec embeddings), files loaded from the installed natasha package.

slovnet's own inference pads every batch to its longest text and builds convolution windows
by copying; here the same weights run over many texts joined into one sequence (zero rows
between texts reproduce slovnet's zero padding exactly), the first convolution is computed
once per distinct (word, shape) pair, and CRF decoding runs texts of similar length in
lockstep. The spans are those of `slovnet.NER` with batch size 1 (see tests).
"""
from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

NAVEC_FILE = "emb/navec_news_v1_1B_250K_300d_100q.tar"
NER_FILE = "model/slovnet_ner_news_v1.tar"
_TOKENS_PER_CHUNK = 20_000  # tokens run through the encoder at once (memory ~ 20k × 768 floats)
_DECODE_BATCH = 32


class NERUnavailable(RuntimeError):
    """The slovnet model files are not installed."""


@dataclass(frozen=True)
class Span:
    """A named entity: character span and type PER, LOC or ORG."""

    start: int
    stop: int
    type: str


def model_dir() -> Path:
    """The natasha package's data folder (found without importing natasha)."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise NERUnavailable("the natasha package (model files) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


class Tagger:
    """The slovnet NER network as plain numpy arrays."""

    def __init__(self, data: Path) -> None:
        from navec import Navec
        from slovnet import NER
        from slovnet.shape import word_shape

        api = NER.load(str(data / NER_FILE)).navec(Navec.load(str(data / NAVEC_FILE)))
        infer = api.infer
        net = infer.model
        self.word_shape = word_shape
        self.words = infer.encoder.words_vocab
        self.shapes = infer.encoder.shapes_vocab
        self.tags = infer.decoder.tags_vocab.items
        self.navec_indexes = net.emb.word.indexes.array
        self.navec_codes = net.emb.word.codes.array
        self.qdims = net.emb.word.qdims
        self.shape_emb = net.emb.shape.weight.array
        self.layers = []
        for layer in net.encoder.layers:
            w = layer.conv.weight.array  # filters × in × 3
            kernels = np.concatenate([w[:, :, k].T for k in range(w.shape[2])], axis=1)  # in × (3·filters)
            norm = layer.norm
            scale = (norm.weight.array / norm.std.array).astype(np.float32)
            shift = (norm.bias.array - norm.mean.array * scale).astype(np.float32)
            self.layers.append((np.ascontiguousarray(kernels, dtype=np.float32), layer.conv.bias.array, scale, shift))
        self.proj_w = net.head.proj.weight.array
        self.proj_b = net.head.proj.bias.array
        self.transitions = net.head.crf.transitions.array

    def _ids(self, words: Sequence[str]) -> np.ndarray:
        ids = self._pair_ids
        return np.array([ids(w) for w in words], dtype=np.int64).reshape(-1, 2)

    @functools.lru_cache(maxsize=1 << 18)  # noqa: B019 - one tagger per process
    def _pair_ids(self, word: str) -> tuple[int, int]:
        return self.words.encode(word.lower()), self.shapes.encode(self.word_shape(word))

    def _embed(self, pairs: np.ndarray) -> np.ndarray:
        word = self.navec_codes[self.qdims, self.navec_indexes[pairs[:, 0]]].reshape(len(pairs), -1)
        return np.concatenate([word, self.shape_emb[pairs[:, 1]]], axis=1)

    @staticmethod
    def _conv(z: np.ndarray, bias: np.ndarray, filters: int) -> np.ndarray:
        """Kernel-3 convolution from per-position products z = x @ [W0 W1 W2]; z has zero rows at both ends."""
        return z[:-2, :filters] + z[1:-1, filters : 2 * filters] + z[2:, 2 * filters :] + bias

    def emissions(self, texts: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Tag scores per token for each text (texts are lists of razdel token strings)."""
        lengths = [len(t) for t in texts]
        total = sum(lengths) + len(texts) + 1
        pairs = np.zeros((total, 2), dtype=np.int64)
        real = np.zeros(total, dtype=bool)  # False on the separator rows between texts
        pos = 1
        for words, n in zip(texts, lengths):
            if n:
                pairs[pos : pos + n] = self._ids(words)
                real[pos : pos + n] = True
            pos += n + 1
        uniq, inverse = np.unique(pairs[real], axis=0, return_inverse=True)
        kernels, bias, scale, shift = self.layers[0]
        zu = self._embed(uniq) @ kernels
        z = np.zeros((total, kernels.shape[1]), dtype=np.float32)
        z[real] = zu[inverse.reshape(-1)]
        x = np.zeros((total, kernels.shape[1] // 3), dtype=np.float32)
        x[1:-1] = self._conv(z, bias, kernels.shape[1] // 3)
        x = np.maximum(x, 0) * scale + shift
        x[~real] = 0
        for kernels, bias, scale, shift in self.layers[1:]:
            filters = kernels.shape[1] // 3
            z = x @ kernels
            x = np.zeros((total, filters), dtype=np.float32)
            x[1:-1] = self._conv(z, bias, filters)
            x = np.maximum(x, 0) * scale + shift
            x[~real] = 0
        scores = x @ self.proj_w + self.proj_b
        out, pos = [], 1
        for n in lengths:
            out.append(scores[pos : pos + n])
            pos += n + 1
        return out

    def decode(self, emissions: list[np.ndarray]) -> list[list[str]]:
        """CRF Viterbi decoding; texts of similar length are decoded together."""
        result: list[list[str]] = [[] for _ in emissions]
        order = sorted(range(len(emissions)), key=lambda i: len(emissions[i]))
        trans = self.transitions
        for b in range(0, len(order), _DECODE_BATCH):
            batch = [i for i in order[b : b + _DECODE_BATCH] if len(emissions[i])]
            if not batch:
                continue
            longest = len(emissions[batch[-1]])
            tags_n = trans.shape[0]
            em = np.zeros((len(batch), longest, tags_n), dtype=np.float32)
            sizes = np.array([len(emissions[i]) for i in batch])
            for row, i in enumerate(batch):
                em[row, : sizes[row]] = emissions[i]
            score = em[:, 0]
            history = np.zeros((longest, len(batch), tags_n), dtype=np.int64)
            for t in range(1, longest):
                cand = score[:, :, None] + trans + em[:, t][:, None, :]
                history[t] = cand.argmax(1)
                score = np.where((t < sizes)[:, None], cand.max(1), score)
            for row, i in enumerate(batch):
                tag = int(score[row].argmax())
                path = [tag]
                for t in range(sizes[row] - 1, 0, -1):
                    tag = int(history[t, row, tag])
                    path.append(tag)
                path.reverse()
                result[i] = [self.tags[k] for k in path]
        return result


@functools.cache
def tagger() -> Tagger:
    """The process-wide tagger (loaded once; fork-safe, never pickled)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    return Tagger(model_dir())


def _spans(tokens: Sequence[tuple[int, int]], tags: Sequence[str]) -> list[Span]:
    """BIO tags → spans, exactly as slovnet.bio.bio_spans (an I without a B is dropped)."""
    spans: list[Span] = []
    kind, start, stop = None, 0, 0
    for (s, e), tag in zip(tokens, tags):
        part, _, typ = tag.partition("-")
        if part == "I":
            stop = e
            continue
        if kind:
            spans.append(Span(start, stop, kind))
        kind = typ if part == "B" else None
        start, stop = s, e
    if kind:
        spans.append(Span(start, stop, kind))
    return spans


def recognize(texts: Sequence[str], tokens: Sequence[Sequence[tuple[int, int]]]) -> list[list[Span]]:
    """Entity spans of texts given their razdel token spans (punctuation included)."""
    model = tagger()
    out: list[list[Span]] = []
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and (size == 0 or size + len(tokens[end]) <= _TOKENS_PER_CHUNK):
            size += len(tokens[end])
            end += 1
        words = [[texts[i][s:e] for s, e in tokens[i]] for i in range(start, end)]
        tags = model.decode(model.emissions(words))
        out.extend(_spans(tokens[i], t) for i, t in zip(range(start, end), tags))
        start = end
    return out
