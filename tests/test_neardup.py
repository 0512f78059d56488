"""Near-duplicate signatures and grouping: reprints join the original's group, other stories do not."""
from __future__ import annotations

import pytest

from coopsearch.analysis import analyzed
from coopsearch.neardup import THRESHOLD, Grouper, signature, similarity

STORY = (
    "Правительство Омской области и акимат Павлодарской области подписали соглашение о торгово-экономическом "
    "сотрудничестве. Соглашение предусматривает расширение поставок сельскохозяйственной продукции, создание "
    "совместных предприятий в машиностроении и развитие транспортных коридоров. Товарооборот регионов в прошлом "
    "году превысил 520 миллионов долларов. Павлодарские компании заинтересованы в закупке омской техники, "
    "омские аграрии рассчитывают на поставки кормов и зерна из северных районов Казахстана. Отдельный раздел "
    "соглашения посвящён образованию: технический университет Омска и Торайгыров университет откроют совместную "
    "магистерскую программу по энергетике и будут обмениваться преподавателями."
)
REPRINT = (  # reworded opening, a sentence cut, an attribution added
    "Омская и Павлодарская области подписали соглашение о торгово-экономическом сотрудничестве. "
    "Соглашение предусматривает расширение поставок сельскохозяйственной продукции, создание "
    "совместных предприятий в машиностроении и развитие транспортных коридоров. Товарооборот регионов в прошлом "
    "году превысил 520 миллионов долларов. Отдельный раздел соглашения посвящён образованию: технический "
    "университет Омска и Торайгыров университет откроют совместную магистерскую программу по энергетике. "
    "Об этом сообщает пресс-служба правительства."
)
OTHER = (
    "В Новосибирске прошёл форум производителей молочной продукции. Участники обсудили меры поддержки фермеров, "
    "цены на сырое молоко и экспорт сыров в страны Центральной Азии. По словам организаторов, в форуме приняли "
    "участие более трёхсот компаний из двенадцати регионов России, а также делегации Казахстана и Узбекистана. "
    "На выставке показали новые линии розлива, оборудование для сыроварен и системы учёта надоев, а крупнейшие "
    "переработчики подписали договоры о закупках молока на следующий год."
)


def sig(text: str) -> bytes:
    return signature(analyzed(text).lemmas)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (STORY, STORY, True),
        (STORY, REPRINT, True),
        (STORY.upper(), STORY, True),  # lemmas, not spellings
        (STORY, OTHER, False),
        (REPRINT, OTHER, False),
    ],
)
def test_similarity_of_stories(a, b, same):
    assert (similarity(sig(a), sig(b)) >= THRESHOLD) is same


def test_short_texts_get_no_signature_and_are_never_grouped():
    short = "Делегация Омской области прибыла в Павлодар, где обсудила поставки зерна, техники и кормов с местными компаниями."
    assert sig(short) == b""
    grouper = Grouper()
    assert grouper.assign("a", sig(short)) != grouper.assign("b", sig(short))


def test_grouper_joins_reprints_to_the_first_story_and_forgets_removed_documents():
    grouper = Grouper()
    original = grouper.assign("original", sig(STORY))
    other = grouper.assign("other", sig(OTHER))
    assert original != other
    assert grouper.assign("reprint", sig(REPRINT)) == original
    assert grouper.assign("reprint", sig(OTHER)) == other  # changed text: re-assigned
    grouper.remove("original")
    assert grouper.assign("again", sig(STORY)) not in (original, other)


def test_a_group_key_is_never_a_member_id():
    """A story edited into another one leaves its former copies' group, which stays theirs."""
    grouper = Grouper()
    first = grouper.assign("a", sig(STORY))
    assert first != "a"
    assert grouper.assign("b", sig(REPRINT)) == first
    edited = grouper.assign("a", sig(OTHER))
    assert edited != first
    assert grouper.assign("c", sig(REPRINT)) == first  # joins b, not the edited a
    assert grouper.assign("a", sig(STORY)) == first  # edited back: with its copies again


def test_grouper_continues_an_indexed_group():
    indexed = Grouper([("page", "feed-item", sig(STORY)), ("news", "news", sig(OTHER))])
    assert indexed.assign("third", sig(REPRINT)) == "feed-item"
