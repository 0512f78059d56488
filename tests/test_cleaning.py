"""Article text cleaning: real shapes of RT and NG bodies → the article alone (cleaning.py)."""
from __future__ import annotations

import pytest

from coopsearch.ingest.cleaning import clean_text
from coopsearch.ingest import Document, read_paths

ARTICLE = "Делегация Павлодарской области подписала соглашение в Омске."
LATER = "Стороны договорились о поставках зерна."

CASES = [
    # embedded tweet in English, split into pieces, with its author and date lines
    (
        [ARTICLE, "Police fire off more pepper spray. Girl hit, medic called. ", "#DeploraBall", "pic.twitter.com/FO9Qi1mgi0",
         "— Alexander Rubinstein (@AlexR_DC) ", "January 20, 2017", LATER],
        [ARTICLE, LATER],
        "embedded posts",
    ),
    # a Russian tweet, date in Russian; the sentence that introduces it stays
    (
        ["Об этом он написал в Twitter:", "Женька! Поздравляю тебя! ", "@JannyMedvedeva", " 🌟",
         "— Adelina Sotnikova (@sotnickova2014) ", "31 марта 2017 г.", LATER],
        ["Об этом он написал в Twitter:", LATER],
        "embedded posts",
    ),
    # tweet text that runs over pieces: «… vicinity of #Raqqah. So did @CJTF-OIR.»
    (
        [ARTICLE, "De-confliction of air ops w/Russia continue. Today they conducted ops in vicinity of ", "#Raqqah",
         ". So did ", "@CJTF", "-OIR.", "— OIR Spokesman (@OIRSpox) ", "February 17, 2017", LATER],
        [ARTICLE, LATER],
        "embedded posts",
    ),
    # Instagram post
    (
        [ARTICLE, "Золото в сервант! 😉#spartak #moscow", "Публикация от Denis Glushakov (@glushak8) ", "Июл 8 2017 в 9:52 PDT", LATER],
        [ARTICLE, LATER],
        "embedded posts",
    ),
    # video player code and the player's caption
    (
        [ARTICLE, "", ' jwplayer.key="kESrsgULvYO7r2MfUelqj3vs+2i8JdQBqjGNmA==";',
         ' jwplayer("js-mediaplayer-58a7_2").setup({ advertising: (function() {',
         " if(window.location.pathname.indexOf('/preview/Article/') + 1 > 0) { return {}; }",
         '   return { client: "vast", tag: \'https://an.yandex.ru/meta/237738\' + Date.now(), } })(), file: "x.mp4",',
         ' // title:       "\\u041C\\u0438",',
         ' }, width:       "100%", startparam:  "start", ga: {}, sharing: { heading : "Поделиться Видео" } });',
         " for (var i = 0, max = players.length; i < max; i++) { console.log(0); }", "",
         " Минобороны опубликовало видео уничтожения целей ИГ под Раккой ", LATER],
        [ARTICLE, "", LATER],
        "player code",
    ),
    # photo caption and credits
    (
        [ARTICLE, " Башня Королевского центра в Эр-Рияде ", " Reuters ", " © Jorge Silva ", LATER],
        [ARTICLE, LATER],
        "photo credits",
    ),
    (
        [ARTICLE, "Reuters © Jorge Silva", LATER],
        [ARTICLE, LATER],
        "photo credits",
    ),
    # «Также по теме» teaser: the marker, the linked title and its lead
    (
        [ARTICLE, " Также по теме ", " «Времени у Киева не так много»: почему Донбасс ожидают перемены ",
         " Минские соглашения автоматически продлеваются на следующий год. В... ", LATER],
        [ARTICLE, LATER],
        "related links",
    ),
    # the subscription footer
    (
        [ARTICLE, "", "Подписывайтесь на наш ", "Telegram",
         ", чтобы быть в курсе самых важных новостей. Для этого достаточно иметь Telegram на любом устройстве, пройти по ",
         "ссылке", " и нажать кнопку Join. "],
        [ARTICLE],
        "footers",
    ),
]


@pytest.mark.parametrize(("lines", "expected", "rule"), CASES)
def test_what_is_not_the_article_is_removed(lines, expected, rule):
    cleaned = clean_text("\n".join(lines))
    assert cleaned.text == "\n".join(expected).strip("\n")
    assert cleaned.removed[rule] > 0


JOINED = [
    # a link cut the sentence into lines: they are one sentence again
    (["Сегодня они (Россия. — ", "RT", ") осуществили операции в окрестностях Ракки."],
     "Сегодня они (Россия. — RT) осуществили операции в окрестностях Ракки."),
    (["Ранее", " Анкара продлевала мандат в сентябре 2015 года."], "Ранее Анкара продлевала мандат в сентябре 2015 года."),
    (["18 из 31 грузовиков ", "подверглись", " обстрелу в районе Урум аль-Кубра."],
     "18 из 31 грузовиков подверглись обстрелу в районе Урум аль-Кубра."),
]


@pytest.mark.parametrize(("lines", "expected"), JOINED)
def test_sentences_cut_by_links_are_joined(lines, expected):
    assert clean_text("\n".join(lines)).text == expected


KEPT = [
    # article prose, subheadings, lists, quotes and footnotes stay as they are
    f"{ARTICLE}\n\nПоделили небо\n{LATER}",
    "«Аморальная логика»\nПо мнению журналиста, это аморальная логика.",
    "– компания «Энсол» разработала накопители энергии;\n– компания «Браво Моторс» — электромобили;",
    "* «Исламское государство» (ИГ) — террористическая организация, запрещённая в России.",
    "Как написал в Twitter Дональд Трамп, «это фейк».\nБелый дом не ответил.",
    # a long paragraph before an embedded post is the article's, not the post's
    ("Даже церемония вручения премии «Грэмми» в этом году ознаменовалась протестами: " * 5).strip(),
]


@pytest.mark.parametrize("text", KEPT)
def test_article_text_is_kept(text):
    assert clean_text(text).text == text


def test_a_long_paragraph_before_a_post_is_kept():
    prose = ("Даже церемония вручения премии «Грэмми» в этом году ознаменовалась протестами. " * 5).strip()
    text = "\n".join([prose, "#NewProfilePic", "pic.twitter.com/Q0eUwQTqJP", "— Joy Villa (@Joy_Villa) ", "13 февраля 2017 г.", LATER])
    assert clean_text(text).text == f"{prose}\n{LATER}"


def test_every_reader_cleans_the_text(tmp_path):
    body = "\n".join([ARTICLE, "Good game! ", "pic.twitter.com/x1", "— Fan (@fan) ", "1 мая 2017 г.", " Reuters ", LATER])
    (tmp_path / "a.txt").write_text(f"Заголовок\n\n{body}", encoding="utf-8")
    import json

    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "title": "Заголовок", "content": body}, ensure_ascii=False) + "\n", encoding="utf-8")
    docs = [d for d in read_paths([tmp_path]) if isinstance(d, Document)]
    assert [d.text for d in docs] == [f"{ARTICLE}\n{LATER}"] * 2
