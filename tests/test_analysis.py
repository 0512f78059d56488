"""Analysis: surface form → lemma tables, tokens, offsets, hyphens, look-alikes, pickling."""
from __future__ import annotations

import pickle

import pytest
import razdel
from hypothesis import given, settings
from hypothesis import strategies as st

from coopsearch.analysis import exact_analyzer, fix_lookalikes, is_stopword, iter_words, lemma, normalize, token_spans
from coopsearch.entities import EntityConfig, extractor

from .conftest import shared_path

LEMMAS = [
    # words of the seed article
    ("Казахстанская", "казахстанский"),
    ("миссия", "миссия"),
    ("побывала", "побывать"),
    ("Новосибирской", "новосибирский"),
    ("области", "область"),
    ("областями", "область"),
    ("представители", "представитель"),
    ("госорганов", "госорган"),
    ("компаний", "компания"),
    ("строительной", "строительный"),
    ("фармацевтической", "фармацевтический"),
    ("отраслей", "отрасль"),
    ("губернатора", "губернатор"),
    ("Казахстана", "казахстан"),
    ("Казахстане", "казахстан"),
    ("новосибирских", "новосибирский"),
    ("вузах", "вуз"),
    ("студентов", "студент"),
    ("поставок", "поставка"),
    ("плодоовощной", "плодоовощной"),
    ("импортозамещения", "импортозамещение"),
    ("Усть-Каменогорске", "усть-каменогорск"),
    ("автомобилей", "автомобиль"),
    ("Павлодарской", "павлодарский"),
    ("алюминия", "алюминий"),
    ("комплектующие", "комплектующие"),
    ("Кокшетау", "кокшетау"),
    ("предприятий", "предприятие"),
    ("меморандумов", "меморандум"),
    ("Казэнергокабеля", "казэнергокабель"),
    ("дистрибьютору", "дистрибьютор"),
    ("долларов", "доллар"),
    ("США", "сша"),
    ("Новосибирске", "новосибирск"),
    ("экспортеров", "экспортер"),
    ("инвестиций", "инвестиция"),
    # ё folding and case
    ("Ёлки", "елка"),
    ("ещё", "еще"),
    ("Королёве", "королев"),
    # ambiguous forms: the first parse wins, the same way for documents and queries
    ("стали", "стать"),
    ("мыла", "мыло"),
    ("Орле", "орел"),
    ("Мирный", "мирный"),
    ("Астане", "астана"),
    ("Алма-Ате", "алма-ата"),
    ("бизнес-миссии", "бизнес-миссия"),
    # Latin words and numbers are kept
    ("Milk", "milk"),
    ("INVEST", "invest"),
    ("120", "120"),
    ("3,5", "3,5"),
]


@pytest.mark.parametrize(("form", "expected"), LEMMAS)
def test_form_to_lemma(analyzer, form, expected):
    assert [t.text for t in analyzer(form)][0] == expected


def test_table_is_large_enough():
    assert len(LEMMAS) >= 40


def test_positions_and_offsets(analyzer):
    text = "Бизнес-миссия прибыла в Усть-Каменогорск."
    tokens = [(t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)]
    assert tokens == [
        ("бизнес-миссия", 0, 0, 13),
        ("бизнес", 0, 0, 6),
        ("миссия", 1, 7, 13),
        ("прибыть", 2, 14, 21),
        ("в", 3, 22, 23),
        ("усть-каменогорск", 4, 24, 40),
        ("усть", 4, 24, 28),
        ("каменогорск", 5, 29, 40),
    ]
    for _, _, start, end in tokens:
        assert text[start:end].lower().replace("ё", "е")


def test_punctuation_is_dropped_and_numbers_with_suffix_kept():
    words = [w.text for w in iter_words("35-ти компаний, 5 млн. долларов — «Элсиб»!")]
    assert words == ["35", "компаний", "5", "млн", "долларов", "элсиб"]


@pytest.mark.parametrize(
    ("mixed", "fixed"),
    [
        ("Мoсква", "Москва"),  # Latin o inside a Cyrillic word
        ("КAЗНЕКС", "КАЗНЕКС"),  # Latin A
        ("Gаzprom", "Gazprom"),  # Cyrillic а inside a Latin word
        ("iPhone", "iPhone"),  # nothing to fix
    ],
)
def test_lookalike_letters(mixed, fixed):
    assert fix_lookalikes(mixed) == fixed
    assert len(fix_lookalikes(mixed)) == len(mixed)


def test_lookalikes_do_not_split_words(analyzer):
    assert [t.text for t in analyzer("Мoсквы")] == ["москва"]


def test_exact_analyzer_keeps_surface_forms():
    assert [t.text for t in exact_analyzer()("Казэнергокабеля Ёлки")] == ["казэнергокабеля", "елки"]


@pytest.mark.parametrize("word", ["𗀀", "кабель𗀀", "\U000e0001"])
def test_characters_without_unicode_names_do_not_break_lemmas(analyzer, word):
    # pymorphy3 asks unicodedata for character names; Tangut and tag characters have none
    assert [t.text for t in analyzer(word)] in ([word], [])
    assert extractor(EntityConfig(ner=False)).extract(f"Завод в Павлодаре и {word}.").regions == ["Павлодарская область"]


def test_normalize_keeps_yo_for_pymorphy():
    assert normalize("Ёжик‑Ёлка") == "ёжик-ёлка"


def test_analyzer_pickles_without_pymorphy(analyzer):
    data = pickle.dumps(analyzer)
    assert b"MorphAnalyzer" not in data and len(data) < 2000
    again = pickle.loads(data)
    assert [t.text for t in again("новосибирских вузах")] == ["новосибирский", "вуз"]


@pytest.mark.parametrize(("word", "stop"), [("в", True), ("и", True), ("не", True), ("он", True), ("область", False), ("казахстан", False), ("2019", False)])
def test_stopwords(word, stop):
    assert is_stopword(lemma(word)) is stop


# token_spans tokenizes each run of non-space characters alone (cached by shape); it must give
# exactly razdel's tokens, whatever the text.
RAZDEL_CASES = [
    "Бизнес-миссия 12.03.2019 в 10:15 — «Казэнергокабель» (ТОО) и Yahoo! News.",
    "1,5 млн т/г, 3/4 доли, 1 000 000 руб., -5…-9 °C, 50%-ная доля",
    "т.е. и т.д.; о_О, a_b__c, С.-Петербург, Нур-Султан/Астана, e-mail: x@y.kz",
    "...«Да!»—сказал он.. ?! )) (( -- --- ── 1-й 2-го XXI-го",
    "yahoo!yahoo! YAHOO! Yahoo!Finance Yahoo! ! 1.2.3 1,2,3 .5 5. ,5",
    "",
    "   ",
    "\n\tслово\r\n",
]
_ALPHABET = "аяёЁzZ09.,/\\-—–_!?«»()%:;'\"@#…· \n"


@pytest.mark.parametrize("text", RAZDEL_CASES)
def test_token_spans_equal_razdel_on_tricky_texts(text):
    assert token_spans(text) == [(t.start, t.stop) for t in razdel.tokenize(text)]


@settings(max_examples=600)
@given(st.text(alphabet=_ALPHABET, max_size=60) | st.lists(st.sampled_from(RAZDEL_CASES[0].split() + RAZDEL_CASES[1].split() + ["-", "/", ".", "_"]), max_size=12).map(" ".join))
def test_token_spans_equal_razdel_on_random_texts(text):
    assert token_spans(text) == [(t.start, t.stop) for t in razdel.tokenize(text)]


@pytest.mark.shared
def test_token_spans_equal_razdel_on_news():
    shared_path("news")
    from benchmarks.data import news

    for n, article in enumerate(news("rt")):
        if n == 300:
            break
        for text in (article.get("title", ""), article.get("summary", ""), article.get("content", "")):
            fixed = fix_lookalikes(text)
            assert token_spans(fixed) == [(t.start, t.stop) for t in razdel.tokenize(fixed)]
