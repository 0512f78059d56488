"""Entities as tables: text → companies, regions, countries, sectors; mentions with offsets."""
from __future__ import annotations

import pytest

from coopsearch.entities import extract

from .conftest import SEED

SEED_COMPANIES = [
    "Элсиб", "АвтоВАЗ", "БИПЭК Авто", "Milk Project", "HousemasterKZ", "ПРОГМАТИК",
    "Казэнергокабель", "Нобел АФФ", "Катрен", "Alina", "KAZNEX INVEST",
]
SEED_REGIONS = [
    "Новосибирская область", "Павлодарская область", "Акмолинская область",
    "Восточно-Казахстанская область", "Астана",
]


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    return body.strip(), extract(body.strip(), title)


def test_seed_companies(seed):
    _, ents = seed
    assert sorted(ents.companies) == sorted(SEED_COMPANIES)


def test_seed_regions_and_countries(seed):
    _, ents = seed
    assert sorted(ents.regions) == sorted(SEED_REGIONS)
    assert ents.regions[0] == "Новосибирская область"  # the most mentioned first
    assert sorted(ents.countries) == ["Казахстан", "Россия"]


def test_seed_sectors(seed):
    _, ents = seed
    for sector in ("Автомобилестроение", "Фармацевтика и медицина", "Пищевая промышленность", "Металлургия"):
        assert sector in ents.sectors


def test_seed_mentions_index_the_text(seed):
    text, ents = seed
    assert ents.mentions
    for m in ents.mentions:
        assert text[m.start : m.end] == m.text
        assert m.type in ("ORG", "LOC")
    # «долларов США» is a currency, not a mention of the country
    assert not any(m.value == "США" for m in ents.mentions)
    # the governor Владимир Городецкий is not the city of Владимир
    assert "Владимирская область" not in ents.regions


CASES = [
    # (text, companies, regions, countries)
    ("Делегация из НСО посетила Павлодар.", [], ["Новосибирская область", "Павлодарская область"], ["Россия", "Казахстан"]),
    ("Аким ВКО встретился с инвесторами.", [], ["Восточно-Казахстанская область"], ["Казахстан"]),
    ("Завод построят в Кокшетау.", [], ["Акмолинская область"], ["Казахстан"]),
    ("Ярмарка прошла в Алма-Ате и Целинограде.", [], ["Алматы", "Астана"], ["Казахстан"]),
    ("Форум пройдёт в Шымкенте.", [], ["Шымкент"], ["Казахстан"]),
    ("Медный комбинат в Жезказгане модернизируют.", [], ["Улытауская область"], ["Казахстан"]),
    ("Фермеры Талдыкоргана получили субсидии.", [], ["Жетысуская область"], ["Казахстан"]),
    ("Новая трасса соединит Семипалатинск и Усть-Каменогорск.", [], ["Абайская область", "Восточно-Казахстанская область"], ["Казахстан"]),
    ("Новосибирские и омские аграрии обменялись опытом.", [], ["Новосибирская область", "Омская область"], ["Россия"]),
    ("Делегация побывала в Екатеринбурге и Югре.", [], ["Свердловская область", "Ханты-Мансийский автономный округ — Югра"], ["Россия"]),
    ("Инвесторы из Якутии и Татарстана встретились в Санкт-Петербурге.", [], ["Республика Саха (Якутия)", "Республика Татарстан", "Санкт-Петербург"], ["Россия"]),
    ("Контракт на 5 млн долларов США подписан.", [], [], []),
    ("Оплата в американских долларах и казахстанских тенге.", [], [], []),
    ("Сергей Королёв создал первый спутник.", [], [], []),
    ("Новый завод откроется в Королёве.", [], ["Московская область"], ["Россия"]),
    ("Тем временем Того же мнения придерживаются эксперты.", [], [], []),
    ("Казахстанские компании ищут партнёров в Китае.", [], [], ["Казахстан", "Китай"]),
    ("Правительство РК утвердило программу.", [], [], ["Казахстан"]),
    ("В Республике Казахстан вырос экспорт.", [], [], ["Казахстан"]),
    ("На Тверской улице в Москве открылся магазин.", [], ["Москва"], ["Россия"]),
    ("Выставка прошла в Семее, затем в Конаеве.", [], ["Абайская область", "Алматинская область"], ["Казахстан"]),
    ("Горняки спустились в шахты Кузбасса.", [], ["Кемеровская область — Кузбасс"], ["Россия"]),
    ("Делегация посетила Караганду.", [], ["Карагандинская область"], ["Казахстан"]),
    ("Владимир Путин посетил Казань.", [], ["Республика Татарстан"], ["Россия"]),
    ("ТОО «Alina» и ООО «ПРОГМАТИК» подписали договор.", ["Alina", "ПРОГМАТИК"], [], []),
    ("Компания «Газпром» и АО «КазМунайГаз» обсудили поставки.", ["Газпром", "КазМунайГаз"], [], []),
    ("Акции Газпрома выросли.", ["Газпром"], [], []),
    ("Движение «Солидарность» провело акцию «День гнева».", [], [], []),
    ("Минфин и Госдума обсудили бюджет.", [], [], []),
]


@pytest.mark.parametrize(("text", "companies", "regions", "countries"), CASES)
def test_entities_table(text, companies, regions, countries):
    ents = extract(text)
    assert sorted(ents.companies) == sorted(companies)
    assert sorted(ents.regions) == sorted(regions)
    assert sorted(ents.countries) == sorted(countries)


SECTOR_CASES = [
    ("Аграрии собрали рекордный урожай пшеницы и зерна.", "Сельское хозяйство"),
    ("Фармацевтическая компания поставит лекарственные препараты.", "Фармацевтика и медицина"),
    ("Добыча нефти и газа на месторождении выросла.", "Нефть и газ"),
]


@pytest.mark.parametrize(("text", "sector"), SECTOR_CASES)
def test_sectors_table(text, sector):
    assert sector in extract(text).sectors


def test_one_title_hit_is_enough_for_a_sector():
    assert "Туризм" in extract("Текст без ключевых слов.", title="Туристы едут на Алтай").sectors
    assert "Туризм" not in extract("Текст без ключевых слов. Туристы приехали.").sectors


def test_mention_offsets_exclude_the_title():
    ents = extract("Завод в Павлодаре.", title="Новости Омска")
    assert [(m.text, m.start, m.value) for m in ents.mentions] == [("Павлодаре", 8, "Павлодарская область")]
    assert "Омская область" in ents.regions


NAME_CASES = [
    # (text, companies, organizations)
    ("Акции Казэнергокабеля выросли на бирже.", ["Казэнергокабель"], []),
    ("Руководство компании „Элсиб“ посетило Астану.", ["Элсиб"], []),
    (
        "Министерство индустрии и инфраструктурного развития Казахстана объявило тендер.",
        [],
        ["Министерство индустрии и инфраструктурного развития Казахстана"],
    ),
    ("Новосибирский завод химконцентратов увеличил выпуск.", ["Новосибирский завод химконцентратов"], []),
    ("АВТОВАЗ и ВАЗ сообщили, что АвтоВАЗ выпустил новую модель.", ["АвтоВАЗ"], []),
    ("Сотрудники Минфина встретились с представителями Сбербанка.", ["Сбербанк"], ["Минфин"]),
    ("Представители ТОО «Alina Group» подписали договор.", ["Alina Group"], []),
    ("Корабль «Союз ТМА-12» вернулся на Землю.", [], []),
    ("По данным СМИ, сделка закрыта.", [], []),
    ("Болельщики «Спартака» вышли на улицы.", ["Спартак"], []),
    ("Модуль отделился от ПАО. Корабль вошёл в атмосферу.", [], []),
    ("Запорожский автомобилестроительный завод (ЗАЗ) остановил конвейер, сообщил ЗАЗ.", ["Запорожский автомобилестроительный завод"], []),
    ("Как сообщает Лента.ру, сделка закрыта.", [], ["Лента.ру"]),
    ("Самолёт приземлился в Домодедово.", [], []),
    ("Завод «Элсиб» (ЭЛСИБ) нарастил выпуск.", ["Элсиб"], []),
]


@pytest.mark.parametrize(("text", "companies", "organizations"), NAME_CASES)
def test_organisation_names_are_normalized(text, companies, organizations):
    ents = extract(text)
    assert sorted(ents.companies) == sorted(companies)
    assert sorted(ents.organizations) == sorted(organizations)


def test_company_name_with_a_place_counts_for_the_region():
    ents = extract("Новосибирский завод химконцентратов увеличил выпуск.")
    assert ents.regions == ["Новосибирская область"]


def test_user_alias_file_merges_variants(tmp_path):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("canonical\tkind\taliases\nРомашка\tcompany\tRomashka|Ромашка Групп\n", encoding="utf-8")
    text = "ООО «Ромашка Групп» и компания Romashka объявили о слиянии."
    assert extract(text).companies == ["Ромашка Групп", "Romashka"]
    assert extract(text, aliases=str(aliases)).companies == ["Ромашка"]


def test_bad_alias_file_is_reported(tmp_path):
    from coopsearch.entities.names import registry

    bad = tmp_path / "bad.tsv"
    bad.write_text("Ромашка\tfirm\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind one of"):
        registry(str(bad))


def test_rules_only_mode_still_finds_the_seed_companies(seed):
    text, _ = seed
    assert sorted(extract(text, ner=False).companies) == sorted(SEED_COMPANIES)
