"""Neural NER: the slovnet news model (navec embeddings), files loaded from the installed natasha package.

slovnet's own inference pads every batch to its longest text and builds convolution windows
by copying; here the same weights run over many texts joined into one sequence (zero rows
between texts reproduce slovnet's zero padding exactly), the first convolution is computed
once per distinct (word, shape) pair, and CRF decoding runs texts of similar length in
lockstep. The spans are those of `slovnet.NER` with batch size 1 (tests/test_ner.py).
"""
from __future__ import annotations

import ctypes
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
_BLAS_THREAD_SETTERS = ("openblas_set_num_threads", "openblas_set_num_threads64_", "scipy_openblas_set_num_threads64_")


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

    def _keys(self, words: Sequence[str]) -> list[int]:
        keys = self._pair_key
        return [keys(w) for w in words]

    @functools.lru_cache(maxsize=1 << 18)  # noqa: B019 - one tagger per process
    def _pair_key(self, word: str) -> int:
        """word id × shape count + shape id: keys sort as (word, shape) pairs."""
        return self.words.encode(word.lower()) * len(self.shape_emb) + self.shapes.encode(self.word_shape(word))

    def _embed(self, keys: np.ndarray) -> np.ndarray:
        words, shapes = np.divmod(keys, len(self.shape_emb))
        word = self.navec_codes[self.qdims, self.navec_indexes[words]].reshape(len(keys), -1)
        return np.concatenate([word, self.shape_emb[shapes]], axis=1)

    @staticmethod
    def _layer(
        taps: tuple[np.ndarray, np.ndarray, np.ndarray], bias: np.ndarray, scale: np.ndarray, shift: np.ndarray, pad: np.ndarray
    ) -> np.ndarray:
        """Kernel-3 convolution, ReLU and batch norm from the three taps' products at the inner rows.

        Tap k of inner row i is taken at row i + k - 1; the end rows and the `pad` rows come out zero.
        """
        first, second, third = taps
        x = np.empty((len(first) + 2, first.shape[1]), dtype=np.float32)
        x[0] = x[-1] = 0
        inner = x[1:-1]
        np.add(first, second, out=inner)
        inner += third
        inner += bias
        np.maximum(x, 0, out=x)
        x *= scale
        x += shift
        x[pad] = 0
        return x

    def emissions(self, texts: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Tag scores per token for each text (texts are lists of razdel token strings)."""
        lengths = [len(t) for t in texts]
        total = sum(lengths) + len(texts) + 1
        keys = np.zeros(total, dtype=np.int64)
        real = np.zeros(total, dtype=bool)  # False on the separator rows between texts
        pos = 1
        for words, n in zip(texts, lengths):
            if n:
                keys[pos : pos + n] = self._keys(words)
                real[pos : pos + n] = True
            pos += n + 1
        pad = np.flatnonzero(~real)
        uniq, inverse = np.unique(keys[real], return_inverse=True)
        kernels, bias, scale, shift = self.layers[0]
        filters = kernels.shape[1] // 3
        zu = self._embed(uniq) @ kernels  # the first layer's products, once per distinct (word, shape)
        taps = [np.zeros((len(uniq) + 1, filters), dtype=np.float32) for _ in range(3)]  # last row: separators
        rows = np.full(total, len(uniq))
        rows[real] = inverse
        for k, tap in enumerate(taps):
            tap[:-1] = zu[:, k * filters : (k + 1) * filters]
        x = self._layer((taps[0][rows[:-2]], taps[1][rows[1:-1]], taps[2][rows[2:]]), bias, scale, shift, pad)
        for kernels, bias, scale, shift in self.layers[1:]:
            filters = kernels.shape[1] // 3
            z = x @ kernels
            x = self._layer((z[:-2, :filters], z[1:-1, filters : 2 * filters], z[2:, 2 * filters :]), bias, scale, shift, pad)
        scores = x @ self.proj_w + self.proj_b
        out, pos = [], 1
        for n in lengths:
            out.append(scores[pos : pos + n])
            pos += n + 1
        return out

    def recognize(self, texts: Sequence[str], tokens: Sequence[Sequence[tuple[int, int]]]) -> list[list[Span]]:
        """Entity spans of texts given their razdel token spans (punctuation included)."""
        out: list[list[Span]] = []
        start = 0
        while start < len(texts):
            end, size = start, 0
            while end < len(texts) and (size == 0 or size + len(tokens[end]) <= _TOKENS_PER_CHUNK):
                size += len(tokens[end])
                end += 1
            words = [[texts[i][s:e] for s, e in tokens[i]] for i in range(start, end)]
            tags = self.decode(self.emissions(words))
            out.extend(_spans(tokens[i], t) for i, t in zip(range(start, end), tags))
            start = end
        return out

    def decode(self, emissions: list[np.ndarray]) -> list[list[str]]:
        """CRF Viterbi decoding; texts of similar length are decoded together."""
        result: list[list[str]] = [[] for _ in emissions]
        order = sorted(range(len(emissions)), key=lambda i: len(emissions[i]))
        trans = self.transitions
        tags_n = trans.shape[0]
        for b in range(0, len(order), _DECODE_BATCH):
            batch = [i for i in order[b : b + _DECODE_BATCH] if len(emissions[i])]
            if not batch:
                continue
            sizes = [len(emissions[i]) for i in batch]
            em = np.zeros((sizes[-1], len(batch), tags_n), dtype=np.float32)
            for row, i in enumerate(batch):
                em[: sizes[row], row] = emissions[i]
            # Best path score ending in each tag at each step; a text's own steps end at its size.
            score = np.empty_like(em)
            score[0] = em[0]
            history = np.zeros((sizes[-1], len(batch), tags_n), dtype=np.intp)
            cand = np.empty((len(batch), tags_n, tags_n), dtype=np.float32)
            for t in range(1, sizes[-1]):
                np.add(score[t - 1][:, :, None], trans, out=cand)
                cand += em[t][:, None, :]
                cand.argmax(1, out=history[t])
                cand.max(1, out=score[t])
            for row, i in enumerate(batch):
                tag = int(score[sizes[row] - 1, row].argmax())
                path = [tag]
                for back in history[sizes[row] - 1 : 0 : -1, row].tolist():
                    tag = back[tag]
                    path.append(tag)
                path.reverse()
                result[i] = [self.tags[k] for k in path]
        return result


def single_blas_thread() -> None:
    """Run OpenBLAS on one thread in this process, the processes it forks and those it starts.

    numpy loads OpenBLAS on import, so OPENBLAS_NUM_THREADS set later only reaches new programs;
    the loaded library is told directly. Its helper threads would otherwise compete with the
    indexer's worker processes for the same cores.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            libs = {line.split()[-1] for line in maps if "openblas" in line.rsplit("/", 1)[-1].lower()}
    except OSError:  # not Linux
        return
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:  # e.g. "(deleted)"
            continue
        setter = next((getattr(lib, name) for name in _BLAS_THREAD_SETTERS if hasattr(lib, name)), None)
        if setter is not None:
            setter(1)


@functools.cache
def tagger() -> Tagger:
    """The process-wide tagger (loaded once, on one BLAS thread; fork-safe, never pickled)."""
    single_blas_thread()
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
