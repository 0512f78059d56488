"""The query language (parser table) and queries → expected ids on the fixture corpus; facet counts."""
from __future__ import annotations

import pytest

from coopsearch.query import (
    All,
    Any_,
    DateRange,
    FacetFilter,
    Not,
    Phrase,
    QueryError,
    Words,
    build_request,
    parse_date_range,
    parse_query,
)
from coopsearch.retrieval import search

SEED_ID = "seed/kazakh-business-mission-novosibirsk.txt"

PARSES = [
    ("нефть", Words("нефть")),
    ("нефть газ", All((Words("нефть"), Words("газ")))),
    ('"бизнес миссия"', Phrase("бизнес миссия")),
    ("=Казэнергокабеля", Phrase("Казэнергокабеля", exact=True)),
    ('="деловая миссия"', Phrase("деловая миссия", exact=True)),
    ("-нефть газ", All((Not(Words("нефть")), Words("газ")))),
    ("нефть OR газ уголь", All((Any_((Words("нефть"), Words("газ"))), Words("уголь")))),
    ("нефть ИЛИ газ", Any_((Words("нефть"), Words("газ")))),
    ("(нефть OR газ) -уголь", All((Any_((Words("нефть"), Words("газ"))), Not(Words("уголь"))))),
    ("-(нефть газ)", Not(All((Words("нефть"), Words("газ"))))),
    ('company:"БИПЭК Авто"', FacetFilter("company", "БИПЭК Авто")),
    ("region:Новосибирск", FacetFilter("region", "Новосибирск")),
    ("date:2019-01..2019-06", DateRange("2019-01-01", "2019-06-30")),
    ("date:2020", DateRange("2020-01-01", "2020-12-31")),
    ("date:..2019-02", DateRange("", "2019-02-28")),
    ("«бизнес миссия»", Phrase("бизнес миссия")),
    ("http://x.ru", Words("http://x.ru")),
    ("нефть*", Words("нефть")),
    ("", All(())),
    ("*** ???", All(())),
]


@pytest.mark.parametrize(("q", "tree"), PARSES)
def test_parse(q, tree):
    assert parse_query(q) == tree


ERRORS = [
    ('"бизнес миссия', "unbalanced quote"),
    ("(нефть газ", "unbalanced parenthesis"),
    ("нефть газ)", "unbalanced parenthesis"),
    ("OR нефть", "needs a term on both sides"),
    ("нефть OR", "needs a term on both sides"),
    ("нефть OR OR газ", "needs a term on both sides"),
    ("company:", "needs a value"),
    ("date:2019-13", "bad date"),
    ("date:2019-02-30", "no such day"),
    ("date:2020..2019", "empty date range"),
    ("date:вчера", "bad date"),
    ("x" * 3000, "query too long"),
    (" ".join(["слово"] * 100), "too many terms"),
]


@pytest.mark.parametrize(("q", "message"), ERRORS)
def test_malformed_queries(q, message):
    with pytest.raises(QueryError, match=message):
        parse_query(q)


def test_date_range():
    assert parse_date_range("2019-02") == ("2019-02-01", "2019-02-28")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "best"}, "sort must be one of"),
        ({"limit": "ten"}, "limit must be an integer"),
        ({"limit": 5000}, "limit must be between"),
        ({"offset": -1}, "offset must be between"),
        ({"filters": {"colour": ["red"]}}, "unknown facet"),
        ({"date_from": "2020-01-01", "date_to": "2019-01-01"}, "empty date range"),
        ({"date_from": "01/02/2020"}, "bad date"),
        ({"q": '"open'}, "unbalanced quote"),
    ],
)
def test_bad_request_parameters(params, message):
    with pytest.raises(QueryError, match=message):
        build_request(**params)


QUERIES = [
    # any inflected form finds the document
    ("новосибирская область", {"n1", SEED_ID}),
    ("Новосибирской", {"n1", SEED_ID}),
    ("казэнергокабеля", {"n1", SEED_ID}),
    ("Казэнергокабель", {"n1", SEED_ID}),
    ("в Новосибирске", {"n4", SEED_ID}),  # the stop word is dropped
    ("ёлочные", {"n8"}),
    ("елочный", {"n8"}),
    ("Москвы", {"n8"}),  # the title writes Мoсквы with a Latin o
    # exact forms
    ("=Новосибирске", {"n4", SEED_ID}),
    ("=новосибирск", set()),
    ("=казэнергокабеля", set()),
    # phrases on lemmas, in order; hyphenated words match their parts
    ('"бизнес миссия"', {"n6"}),
    ('"бизнес миссии"', {"n6"}),
    ("бизнес-миссия", {"n6"}),
    ('"миссия бизнеса"', {"n8"}),
    ("миссия", {"n6", "n8", SEED_ID}),
    ('"Новосибирской области"', {"n1", SEED_ID}),
    ('="деловая миссия"', {SEED_ID}),
    # exclusion and OR
    ("алюминий -павлодар", {"n2"}),
    ("газ OR нефть", {"n5"}),
    ("Омск OR Павлодар", {"n1", "n3", SEED_ID}),
    ("пшеница зерно", {"n3"}),
    ("(пшеница OR алюминий) -Павлодар", {"n2", "n3"}),
    # facet filters in the query: any case, aliases, lemmas
    ("company:Элсиб", {"n1", SEED_ID}),
    ("company:элсиб", {"n1", SEED_ID}),
    ('region:"Павлодарская область"', {"n1", "n2", SEED_ID}),
    ("region:павлодарская", {"n1", "n2", SEED_ID}),
    ("region:Павлодар", {"n1", "n2", SEED_ID}),
    ("region:НСО", {"n1", "n4", SEED_ID}),
    ("country:Китай", set()),
    ("sector:Металлургия поставки", {"n2", SEED_ID}),
    ("sector:металлургия", {"n2", SEED_ID}),
    # dates
    ("date:2019", {"n1", "n2", "n6"}),
    ("date:2019-04..2019-06", {"n2", "n6"}),
    ("поставки date:..2019-03", {"n1", "n4"}),
    # only exclusions: everything else
    ("-Казахстан -Москва", {"n3", "n4", "n6"}),
]


@pytest.mark.parametrize(("q", "expected"), QUERIES)
def test_query_finds(index_dir, q, expected):
    result = search(index_dir, build_request(q=q, limit=50))
    assert {h.id for h in result.hits} == expected
    assert result.total == len(expected)
    assert not result.fallback


def test_any_word_fallback(index_dir):
    result = search(index_dir, build_request(q="пшеница алюминий"))
    assert result.fallback
    assert {h.id for h in result.hits} == {"n2", "n3", SEED_ID}


def test_no_fallback_for_one_word(index_dir):
    result = search(index_dir, build_request(q="ракета"))
    assert result.total == 0 and not result.fallback and result.hits == []


def test_ranking_prefers_title_and_frequency(index_dir):
    result = search(index_dir, build_request(q="алюминий"))
    assert result.hits[0].id == "n2"  # in the title and twice in the text


def test_sort_by_date_and_paging(index_dir):
    result = search(index_dir, build_request(q="", sort="date", limit=3))
    assert [h.date for h in result.hits] == ["2021-06-30", "2020-09-09", "2020-01-15"]
    page2 = search(index_dir, build_request(q="", sort="date", limit=3, offset=3))
    assert [h.date for h in page2.hits] == ["2019-05-20", "2019-04-01", "2019-03-12"]
    last = search(index_dir, build_request(q="", sort="date", limit=3, offset=6))
    assert [h.date for h in last.hits] == ["2018-11-02", "", ""]  # undated last
    assert result.total == page2.total == last.total == 9


def test_date_parameters(index_dir):
    result = search(index_dir, build_request(q="", date_from="2019-04", date_to="2019"))
    assert {h.id for h in result.hits} == {"n2", "n6"}


def test_snippet_highlights_any_form(index_dir):
    hits = search(index_dir, build_request(q="Павлодарская область алюминий")).hits
    assert {h.id for h in hits} == {"n2", SEED_ID}
    html = next(h for h in hits if h.id == "n2").snippet.html()
    assert "<mark>Павлодарская</mark> <mark>область</mark>" in html
    assert "<mark>алюминия</mark>" in html


def counts(result, facet):
    return {v.value: v.count for v in result.facets[facet]}


def test_facet_counts_without_selection(index_dir):
    result = search(index_dir, build_request(q="", facet_limit=100))
    regions = counts(result, "region")
    assert regions["Павлодарская область"] == 3
    assert regions["Новосибирская область"] == 3
    assert counts(result, "country") == {"Казахстан": 8, "Россия": 8}
    assert counts(result, "company")["Элсиб"] == 2


def test_disjunctive_facet_counts(index_dir):
    one = search(index_dir, build_request(filters={"region": ["Павлодарская область"]}, facet_limit=100))
    assert one.total == 3
    # the region facet ignores its own selection: other regions keep their full counts
    assert counts(one, "region")["Новосибирская область"] == 3
    assert counts(one, "region")["Омская область"] == 1
    # other facets are narrowed by the selection
    assert counts(one, "company") == {"Элсиб": 2, "Казэнергокабель": 2, "Алюминий Казахстана": 1, **{c: 1 for c in (
        "АвтоВАЗ", "БИПЭК Авто", "Milk Project", "HousemasterKZ", "ПРОГМАТИК", "Нобел АФФ", "Катрен", "Alina", "KAZNEX INVEST")}}
    assert [v.value for v in one.facets["region"] if v.selected] == ["Павлодарская область"]

    two = search(index_dir, build_request(filters={"region": ["Павлодарская область", "Омская область"]}))
    assert two.total == 4  # OR within a facet
    assert {h.id for h in two.hits} == {"n1", "n2", "n3", SEED_ID}
    assert counts(two, "sector")["Сельское хозяйство"] == 1

    across = search(index_dir, build_request(filters={"region": ["Павлодарская область"], "sector": ["Металлургия"]}))
    assert {h.id for h in across.hits} == {"n2", SEED_ID}  # AND across facets
    assert counts(across, "region")["Новосибирская область"] == 1  # region counts apply the sector filter
    assert counts(across, "sector")["Электротехника и приборостроение"] == 2  # sector counts do not


def test_selected_value_with_zero_count_is_still_listed(index_dir):
    result = search(index_dir, build_request(q="пшеница", filters={"company": ["Элсиб"]}))
    assert result.total == 0
    assert [(v.value, v.count, v.selected) for v in result.facets["company"]] == [("Элсиб", 0, True)]


def test_hits_carry_their_facets(index_dir):
    [hit] = search(index_dir, build_request(q="KAZNEX представительство", filters={"region": ["Новосибирская область"]}, limit=1)).hits
    assert hit.id in ("n4", SEED_ID)
    assert "KAZNEX INVEST" in hit.facets["company"] and "Новосибирская область" in hit.facets["region"]


def test_long_queries_rank_by_any_term(index_dir):
    result = search(index_dir, build_request(q="урожай пшеницы и зерна в Омске вырос, алюминий дешевеет"))
    assert result.match == "any" and not result.fallback
    assert result.hits[0].id == "n3"  # has the most of the terms
    assert {"n2", "n3", SEED_ID} <= {h.id for h in result.hits}


def test_short_queries_require_all_terms(index_dir):
    result = search(index_dir, build_request(q="пшеница зерно Омск"))
    assert result.match == "all" and [h.id for h in result.hits] == ["n3"]
    assert result.to_json()["match"] == "all"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # an OR of filters is a filter: the any-word fallback must not relax it away
        ("company:Элсиб нефть", set()),
        ("(company:Элсиб OR company:Несуществующая) нефть", set()),
        ("(company:Элсиб OR region:Омская) пшеница алюминий", {"n3", SEED_ID}),  # any word, filter kept
        # "any" mode (more than three text units) keeps every filter, date and exclusion
        ("(company:Элсиб OR company:Несуществующая) нефть газ пшеница зерно", set()),
        ("(region:Омская OR region:Москва) нефть газ пшеница зерно", {"n3"}),
        ("(date:2021 OR date:2018) газ нефть пшеница представительство", {"n4", "n5"}),
        ("-(газ OR Павлодар) нефть газ пшеница представительство", {"n3", "n4"}),
    ],
)
def test_filters_always_apply(index_dir, q, expected):
    result = search(index_dir, build_request(q=q, limit=50))
    assert {h.id for h in result.hits} == expected, result.to_json()["hits"]


def test_backend_lists_every_value_of_a_facet(index_dir):
    """The whole value list of one facet (not the page's top values), counted as on the page."""
    from coopsearch.retrieval import EmbeddedBackend

    with EmbeddedBackend(index_dir) as backend:
        request = build_request(filters={"region": ["Павлодарская область"]}, facet_limit=1)
        page = backend.search(request)
        companies = backend.facet_values(request, "company")
        assert len(page.facets["company"]) == 1 < len(companies)
        assert {v.value: v.count for v in companies} == {v.value: v.count for v in backend.search(
            build_request(filters={"region": ["Павлодарская область"]}, facet_limit=100)).facets["company"]}
        regions = backend.facet_values(request, "region", contains="ОБЛАСТЬ")
        assert [v.value for v in regions if v.selected] == ["Павлодарская область"]
        assert all("область" in v.value for v in regions) and len(regions) >= 5
        assert backend.facet_values(request, "region", contains="павлодар") == [v for v in regions if "Павлодар" in v.value]
