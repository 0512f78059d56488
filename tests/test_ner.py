"""NER (entities/ner.py): the numpy network gives exactly the spans of slovnet's own `NER` run with
batch size 1, on texts of many lengths tagged together, however they are chunked and decoded."""
from __future__ import annotations

import json

import pytest
import razdel
from navec import Navec
from slovnet import NER

from coopsearch.entities import ner

from .conftest import FIXTURES, SEED

SENTENCES = [
    "Владимир Путин встретился с Касым-Жомартом Токаевым в Астане.",
    "«Газпром» и Министерство энергетики Казахстана подписали меморандум; ООН приветствовала сделку.",
    "Москва",
    "В понедельник в Новосибирске открылась выставка «Сибирская ярмарка» при поддержке Сбербанка.",
    "Компания Apple Inc. и Samsung Electronics договорились о поставках в Евросоюз.",
]


def _texts() -> list[str]:
    news = [json.loads(line) for line in (FIXTURES / "news.jsonl").read_text(encoding="utf-8").splitlines()]
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").splitlines() if p.strip()]
    return [f"{d['title']}\n\n{d['text']}" for d in news] + paragraphs + SENTENCES


@pytest.fixture(scope="module")
def reference() -> list[list[tuple[int, int, str]]]:
    """slovnet's own spans of each text, one text per batch (no padding)."""
    data = ner.model_dir()
    model = NER.load(str(data / ner.NER_FILE), batch_size=1).navec(Navec.load(str(data / ner.NAVEC_FILE)))
    return [[(s.start, s.stop, s.type) for s in model(text).spans] for text in _texts()]


def _recognized() -> list[list[tuple[int, int, str]]]:
    texts = _texts()
    tokens = [[(t.start, t.stop) for t in razdel.tokenize(text)] for text in texts]
    return [[(s.start, s.stop, s.type) for s in spans] for spans in ner.tagger().recognize(texts, tokens)]


def test_spans_equal_slovnet(reference):
    assert {kind for spans in reference for *_, kind in spans} == {"PER", "LOC", "ORG"}  # the texts exercise every type
    assert _recognized() == reference


def test_spans_equal_slovnet_in_small_chunks_and_decode_batches(reference, monkeypatch):
    monkeypatch.setattr(ner, "_TOKENS_PER_CHUNK", 60)  # several texts per chunk, and texts longer than a chunk alone
    monkeypatch.setattr(ner, "_DECODE_BATCH", 3)
    assert _recognized() == reference
