"""Entities as tables: text → companies, regions, countries, sectors; mentions with offsets."""
from __future__ import annotations

import pytest

from coopsearch.entities import EntityConfig, extractor

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
    return body.strip(), extractor().extract(body.strip(), title)


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
    ents = extractor().extract(text)
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
    assert sector in extractor().extract(text).sectors


def test_one_title_hit_is_enough_for_a_sector():
    assert "Туризм" in extractor().extract("Текст без ключевых слов.", title="Туристы едут на Алтай").sectors
    assert "Туризм" not in extractor().extract("Текст без ключевых слов. Туристы приехали.").sectors


def test_mention_offsets_exclude_the_title():
    ents = extractor().extract("Завод в Павлодаре.", title="Новости Омска")
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
    ("Болельщики «Спартака» вышли на улицы.", [], ["Спартак"]),  # a club in a sports story (facets.py)
    ("Модуль отделился от ПАО. Корабль вошёл в атмосферу.", [], []),
    ("Запорожский автомобилестроительный завод (ЗАЗ) остановил конвейер, сообщил ЗАЗ.", ["Запорожский автомобилестроительный завод"], []),
    ("Лента.ру сменила главного редактора, сделка закрыта.", [], ["Лента.ру"]),
    ("Самолёт приземлился в Домодедово.", [], []),
    ("Завод «Элсиб» (ЭЛСИБ) нарастил выпуск.", ["Элсиб"], []),
    # plural «акций» are shares of a company; a thing word further back does not make Google a thing
    ("Инвесторы купили ещё 5% акций Facebook.", ["Meta"], []),
    ("Google планирует развивать новый бизнес — игры в Google.", ["Google"], []),
    # a thing word right before the quotes still names a thing (negatives)
    ("Участники акции «Бессмертный полк» прошли по улицам.", [], []),
    ("Двери стадиона «Спартак» будут открыты для болельщиков.", [], []),
    # a name in parentheses after the full name is the same organisation, not a second value
    (
        (
            "Ни МОК, ни Всемирное антидопинговое агентство (WADA) не отреагировали. "
            "Федерация бобслея России (ФБР) выступила с заявлением, подчеркнули в ФБР."
        ),
        [],
        ["МОК", "Всемирное антидопинговое агентство", "Федерация бобслея"],
    ),
    ("Ежедневная газета «Ла стампа» (La Stampa) сменила владельца.", [], ["Ла стампа"]),
    # a unit of an organisation is a mention, not a facet value
    ("Судейский комитет ФИФА собрался в Цюрихе.", [], ["ФИФА"]),
]


@pytest.mark.parametrize(("text", "companies", "organizations"), NAME_CASES)
def test_organisation_names_are_normalized(text, companies, organizations):
    ents = extractor().extract(text)
    assert sorted(ents.companies) == sorted(companies)
    assert sorted(ents.organizations) == sorted(organizations)


ORG_MENTION_CASES = [
    # (text, ORG mentions as (text, value) in list order)
    (  # an abbreviation and a translation in parentheses: three mentions of one organisation
        "Об этом сообщает Комитет защиты журналистов (КЗЖ) (Committee to Protect Journalists).",
        [
            ("Комитет защиты журналистов", "Комитет защиты журналистов"),
            ("КЗЖ", "Комитет защиты журналистов"),
            ("Committee to Protect Journalists", "Комитет защиты журналистов"),
        ],
    ),
    (  # an abbreviation found once is an organisation wherever it recurs (NER misses the second ЗАЗ)
        (
            "Запорожский автомобилестроительный завод (ЗАЗ) остановил конвейер. "
            "На конвейер поставили новые автомобили ЗАЗ Forza."
        ),
        [
            ("Запорожский автомобилестроительный завод", "Запорожский автомобилестроительный завод"),
            ("ЗАЗ", "Запорожский автомобилестроительный завод"),
            ("ЗАЗ", "Запорожский автомобилестроительный завод"),
        ],
    ),
    (  # a Latin name kept once is kept wherever it recurs
        "Марк рассказал, что рабочие в Vestas получили письма. Компания Vestas закрывает завод.",
        [("Vestas", "Vestas"), ("Vestas", "Vestas")],
    ),
    (  # a unit of an organisation is nested around it and listed right after it
        "Судейский комитет ФИФА собрался в Цюрихе.",
        [("ФИФА", "ФИФА"), ("Судейский комитет ФИФА", "Судейский комитет ФИФА")],
    ),
    ("Об этом заявили в пресс-службе МЧС.", [("МЧС", "МЧС"), ("пресс-службе МЧС", "пресс-служба МЧС")]),
    # negatives: a job title is not a unit; a unit word without an organisation name is nothing
    ("Президент ФИФА выступил в Цюрихе.", [("ФИФА", "ФИФА")]),
    ("Заседание прошло в Москве, сообщил комитет.", []),
    ("Он возглавил отдел продаж компании.", []),
    # a comma between a thing word and a name: «словам» does not make ФИФА a thing
    ("По его словам, ФИФА не намерена мириться с нарушениями.", [("ФИФА", "ФИФА")]),
]


@pytest.mark.parametrize(("text", "mentions"), ORG_MENTION_CASES)
def test_organisation_mentions(text, mentions):
    ents = extractor().extract(text)
    found = [m for m in ents.mentions if m.type == "ORG"]
    assert [(m.text, m.value) for m in found] == mentions
    for m in found:
        assert text[m.start : m.end] == m.text


def test_company_name_with_a_place_counts_for_the_region():
    ents = extractor().extract("Новосибирский завод химконцентратов увеличил выпуск.")
    assert ents.regions == ["Новосибирская область"]


def test_user_alias_file_merges_variants(tmp_path):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("canonical\tkind\taliases\nРомашка\tcompany\tRomashka|Ромашка Групп\n", encoding="utf-8")
    text = "ООО «Ромашка Групп» и компания Romashka объявили о слиянии."
    assert extractor().extract(text).companies == ["Ромашка Групп", "Romashka"]
    assert extractor(EntityConfig.read(alias_file=aliases)).extract(text).companies == ["Ромашка"]


def test_bad_alias_file_is_reported(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("Ромашка\tfirm\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv: row 1: .*kind one of"):
        extractor(EntityConfig.read(alias_file=bad))


def test_rules_only_mode_still_finds_the_seed_companies(seed):
    text, _ = seed
    assert sorted(extractor(EntityConfig(ner=False)).extract(text).companies) == sorted(SEED_COMPANIES)
