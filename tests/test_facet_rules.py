"""Facet values on real-news shapes: which mentions become company, organization, region and
sector values (entities/facets.py, places.py, sectors.py; rules in docs/entities.md)."""
from __future__ import annotations

import pytest

from coopsearch.entities import extractor

ORGANISATION_CASES = [
    # text → (companies, organizations)
    # a media outlet cited as a source is no value; acting, it is an organisation
    ("«Мы не согласны с этим решением», — заявил в интервью RT министр. Об этом также сообщает ТАСС.", [], []),
    ("Госдеп США отозвал аккредитацию RT в Вашингтоне. RT обжалует решение в суде.", [], ["RT", "Госдепартамент США"]),
    # an editor's note inside a quote is a citation too
    ("«Сегодня они (Россия. — RT) провели операцию», — сказал полковник.", [], []),
    # a social network as the channel of a statement is no value; as a company acting, it is one
    ("Об этом он написал в Twitter, а позже повторил в своём Instagram.", [], []),
    ("Роскомнадзор оштрафовал Twitter на 3 млн рублей.", ["Twitter"], ["Роскомнадзор"]),
    # storms, exercises and tournaments are no organisations
    ("Ураган «Харви» обрушился на Техас, а ураган «Ирма» — на Флориду.", [], []),
    ("Белоруссия и Россия провели учения «Запад-2017».", [], []),
    # a description of a business and a delegation are no values
    ("Делегация посетила Усть-Каменогорский автозавод. Казахстанская деловая миссия прибыла в Омск.", [], []),
    # bare kinds of bodies are no values
    ("Вооружённые силы страны приведены в готовность, сообщило Управление.", [], []),
]


@pytest.mark.parametrize(("text", "companies", "organizations"), ORGANISATION_CASES)
def test_organisation_facet_values(text, companies, organizations):
    ents = extractor().extract(text)
    assert sorted(ents.companies) == sorted(companies)
    assert sorted(ents.organizations) == sorted(organizations)


def test_unknown_names_in_a_sports_report_are_clubs_not_companies():
    text = (
        "«Кэпиталз» обыграли «Айлендерс» в матче регулярного чемпионата НХЛ. Нападающий забил гол, "
        "вратарь отразил 30 бросков. В следующем матче клуб сыграет с «Сан-Хосе»."
    )
    ents = extractor().extract(text)
    assert ents.companies == []
    assert {"Кэпиталз", "Айлендерс"} <= set(ents.organizations)


REGION_CASES = [
    # fixed phrases are not towns
    ("Переговоры прошли в Белом доме, заявил представитель администрации.", []),
    ("После распада Советского Союза страны подписали соглашение.", []),
    ("Матч начнётся в 19:00 по московскому времени.", []),
    ("Туристы с Острова свободы прибыли в Гавану.", []),
    # an ambiguous city needs its region named: «Ростов» alone stays out
    ("Игроки вернулись в Ростов после выездной серии.", []),
    ("Игроки вернулись в Ростов после выездной серии. Ростовская область ждёт финала.", ["Ростовская область"]),
    # «Донецк» in news is the Ukrainian city unless Ростовская область is named
    ("В Донецке прошёл митинг.", []),
    # real places stay
    ("Делегация из Павлодара прибыла в Новосибирск.", ["Павлодарская область", "Новосибирская область"]),
]


@pytest.mark.parametrize(("text", "regions"), REGION_CASES)
def test_region_facet_values(text, regions):
    assert sorted(extractor().extract(text).regions) == sorted(regions)


def test_a_word_in_passing_is_no_sector():
    long_story = "Жители требуют закрыть мусорный полигон под городом. " * 150  # ~1,000 words
    text = long_story + "Рядом работает горнолыжный курорт, туристы жалуются на запах."
    assert "Туризм" not in extractor().extract(text, "Жители против полигона").sectors


def test_a_sector_named_in_the_title_or_discussed_is_assigned():
    assert "Туризм" in extractor().extract("Поток гостей растёт.", "Туристы возвращаются на курорты Алтая").sectors
    body = "Экспорт пшеницы вырос. Урожай зерна рекордный, аграрии расширяют посевы ячменя."
    assert "Сельское хозяйство" in extractor().extract(body, "Итоги года").sectors
