"""The web app through Flask's test client: routes, parameters, errors, escaping, headers."""
from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import parse_qs, quote, urlparse

import pytest

from coopsearch.exports import COLUMNS

SEED_ID = "seed/kazakh-business-mission-novosibirsk.txt"


def test_api_search_mirrors_the_search_function(client):
    response = client.get("/api/search?q=новосибирской+области")
    assert response.status_code == 200 and response.is_json
    data = response.get_json()
    assert data["total"] == 2 and {h["id"] for h in data["hits"]} == {"n1", SEED_ID}
    assert set(data["facets"]) == {"company", "organization", "region", "country", "sector"}


def test_api_search_carries_the_page_links(client):
    data = client.get("/api/search?q=алюминий&region=Павлодарская+область").get_json()
    regions = {v["value"]: v for v in data["facets"]["region"]}
    assert parse_qs(urlparse(regions["Павлодарская область"]["toggle_url"]).query) == {"q": ["алюминий"]}
    novosibirsk = parse_qs(urlparse(regions["Новосибирская область"]["toggle_url"]).query)
    assert novosibirsk["region"] == ["Павлодарская область", "Новосибирская область"]
    page = client.get(regions["Новосибирская область"]["toggle_url"])
    assert page.status_code == 200
    hit = data["hits"][0]
    assert client.get(hit["doc_url"]).status_code == 200
    assert client.get(hit["doc_json_url"]).get_json()["id"] == hit["id"]


def test_document_json_twin(client):
    data = client.get(f"/doc/{SEED_ID}.json").get_json()
    assert data["id"] == SEED_ID and "Элсиб" in data["companies"]
    assert {"title", "url", "date", "source", "summary", "regions", "similar", "group"} <= set(data)
    missing = client.get("/doc/nothing-here.json")
    assert missing.status_code == 404 and missing.get_json()["status"] == 404


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("q=алюминий", {"n2", SEED_ID}),
        ("region=Павлодарская+область&region=Омская+область", {"n1", "n2", "n3", SEED_ID}),
        ("region=Павлодарская+область&sector=Металлургия", {"n2", SEED_ID}),
        ("q=&from=2019-04&to=2019-06", {"n2", "n6"}),
        ("q=поставки&company=KAZNEX+INVEST", {"n4", SEED_ID}),
        ("q=пшеница+алюминий", {"n2", "n3", SEED_ID}),
        ("sort=date&limit=2", {"n5", "n8"}),
        ("sort=date&limit=2&page=2", {"n3", "n2"}),
        ("sort=date&limit=2&offset=2", {"n3", "n2"}),
    ],
)
def test_api_parameter_combinations(client, query, ids):
    response = client.get("/api/search?" + query)
    assert response.status_code == 200, response.get_json()
    assert {h["id"] for h in response.get_json()["hits"]} == ids


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=%22open", "unbalanced quote"),
        ("q=(a", "unbalanced parenthesis"),
        ("limit=abc", "limit must be an integer"),
        ("limit=100000", "limit must be between"),
        ("offset=-3", "offset must be between"),
        ("page=0", "page must be between"),
        ("page=2&offset=10", "either page or offset"),
        ("sort=random", "sort must be one of"),
        ("from=2020-13-01", "bad date"),
        ("from=2021&to=2020", "empty date range"),
        ("colour=red", "unknown parameter 'colour'"),
        ("q=a&q=b", "given more than once"),
        ("q=" + "x" * 2500, "query too long"),
    ],
)
def test_bad_parameters_give_400_json(client, query, message):
    response = client.get("/api/search?" + query)
    assert response.status_code == 400
    data = response.get_json()
    assert data["status"] == 400 and message in data["error"]


def test_bad_query_on_the_page_is_a_friendly_html_400(client):
    response = client.get('/?q="open')
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "unbalanced quote" in response.get_data(as_text=True)


def test_unknown_api_route_is_json_404(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.get_json()["status"] == 404


def hrefs(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', html)]


def test_page_shows_hits_facets_and_state_links(client):
    response = client.get("/?q=алюминий")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Павлодарский алюминиевый завод расширяет поставки в Россию" in html
    assert "<mark>алюминия</mark>" in html
    assert "Найдено: <strong>2</strong>" in html
    # facets are checkboxes of the one GET form: submitting carries the whole state
    assert '<input type="checkbox" name="region" value="Павлодарская область" >' in html
    # entity chips of a hit add that value to the current state
    chip = next(h for h in hrefs(html) if "company=" in h and "q=" in h)
    params = parse_qs(urlparse(chip).query)
    assert params["q"] == ["алюминий"] and len(params["company"]) == 1


def test_selected_facet_is_checked_and_its_chip_removes_it(client):
    html = client.get("/?q=&region=Павлодарская+область").get_data(as_text=True)
    assert '<input type="checkbox" name="region" value="Павлодарская область" checked>' in html
    assert "Регионы: Павлодарская область" in html
    assert 'href="/"' in html  # removing the only filter of an empty query goes back to /


def test_timeline_bars_link_to_their_month(client):
    html = client.get("/?q=").get_data(as_text=True)
    assert "<svg" in html and 'role="img"' in html
    month = next(h for h in hrefs(html) if "from=2019-03-01" in h)
    assert parse_qs(urlparse(month).query) == {"from": ["2019-03-01"], "to": ["2019-03-31"]}
    dated = client.get(month).get_data(as_text=True)
    assert "Найдено: <strong>1</strong>" in dated  # n1 only
    assert 'class="bar selected"' in dated and "все даты" in dated


def test_timeline_in_the_api(client):
    data = client.get("/api/search?q=").get_json()
    months = {b["period"]: b["count"] for b in data["timeline"]}
    assert months["2019-03"] == 1 and months["2019-04"] == 1 and months["2019-05"] == 1
    assert sum(months.values()) == 7  # undated documents are not on the timeline


def test_pagination_links(client):
    html = client.get("/?q=&limit=3").get_data(as_text=True)
    assert 'aria-current="page">1<' in html
    assert any(parse_qs(urlparse(h).query).get("page") == ["3"] for h in hrefs(html))


def test_empty_state_offers_a_way_out(client):
    html = client.get("/?q=ракетостроение&region=Омская+область").get_data(as_text=True)
    assert "Ничего не найдено" in html
    assert "Искать без фильтров" in html and "/?q=%D1%80%D0%B0%D0%BA" in html
    assert "С чего начать" in html


def test_fallback_notice(client):
    html = client.get("/?q=пшеница+алюминий").get_data(as_text=True)
    assert "показаны документы с любым из них" in html


def test_document_page(client):
    response = client.get("/doc/" + quote(SEED_ID, safe=""))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Казахстанская деловая миссия побывала в Новосибирской области" in html
    assert 'class="mention org"' in html and 'class="mention loc"' in html
    assert "/?company=%D0%AD%D0%BB%D1%81%D0%B8%D0%B1" in html  # Элсиб links to a search
    assert "Похожие документы" in html


def test_unknown_document_is_404_page(client):
    response = client.get("/doc/nope")
    assert response.status_code == 404 and "no document with id" in response.get_data(as_text=True)


def test_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_static_css_is_served(client):
    with client.get("/static/style.css") as response:
        assert response.status_code == 200 and "mark" in response.get_data(as_text=True)


def test_query_text_is_escaped(client):
    html = client.get("/?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_missing_index_is_503(tmp_path):
    from coopsearch.web import create_app

    client = create_app({"INDEX_DIR": tmp_path / "none"}).test_client()
    response = client.get("/api/search?q=x")
    assert response.status_code == 503 and "no index" in response.get_json()["error"]


def test_api_json_is_the_cli_json(client, runner):
    from coopsearch.cli import main

    cli = json.loads(runner.invoke(main, ["search", "алюминий", "--format", "json"]).output)
    api = client.get("/api/search?q=алюминий").get_json()
    assert cli == api


def test_suggest(client):
    data = client.get("/api/suggest?q=павл").get_json()
    kinds = {(s["kind"], s["value"]) for s in data["suggestions"]}
    assert ("region", "Павлодарская область") in kinds
    region = next(s for s in data["suggestions"] if s["value"] == "Павлодарская область")
    assert region["count"] == 3 and region["url"] == "/?region=%D0%9F%D0%B0%D0%B2%D0%BB%D0%BE%D0%B4%D0%B0%D1%80%D1%81%D0%BA%D0%B0%D1%8F+%D0%BE%D0%B1%D0%BB%D0%B0%D1%81%D1%82%D1%8C"
    words = [s["value"] for s in data["suggestions"] if s["kind"] == "word"]
    assert "павлодар" in words or "павлодарский" in words


@pytest.mark.parametrize(("query", "status"), [("q=a", 200), ("q=", 200), ("q=ab&limit=0", 400), ("q=ab&x=1", 400), ("q=" + "а" * 300, 400)])
def test_suggest_parameters(client, query, status):
    assert client.get("/api/suggest?" + query).status_code == status


def test_export_csv_streams_the_whole_result(client):
    with client.get("/export.csv?q=&region=Павлодарская+область&page=2") as response:
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == 'attachment; filename="coopsearch.csv"'
        assert response.headers["X-Export-Cap"] == "10000"
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {r["id"] for r in rows} == {"n1", "n2", SEED_ID}  # the whole set, whatever the page
    assert "Павлодарская область" in rows[0]["regions"].split("; ")
    assert list(rows[0]) == list(COLUMNS) and all(r["snippet"] for r in rows)


def test_cli_csv_and_web_csv_share_columns(client, runner):
    from coopsearch.cli import main

    with client.get("/export.csv?q=пшеница") as response:
        web = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    cli = list(csv.DictReader(io.StringIO(runner.invoke(main, ["search", "пшеница", "--format", "csv"]).stdout)))
    assert web == cli and [r["id"] for r in web] == ["n3"] and "<mark>" not in web[0]["snippet"]


def test_export_json(client):
    with client.get("/export.json?q=пшеница") as response:
        data = json.loads(response.get_data(as_text=True))
    assert [d["id"] for d in data] == ["n3"]
    assert data[0]["regions"] == ["Омская область", "Северо-Казахстанская область"]
    assert list(data[0]) == list(COLUMNS) and "пшениц" in data[0]["snippet"].lower()


def test_export_bad_query_is_400_page(client):
    assert client.get('/export.csv?q="open').status_code == 400


def test_no_date_filter_no_all_dates_link(client):
    html = client.get("/?q=").get_data(as_text=True)
    assert "все даты" not in html and "built-in method" not in html


def test_document_page_shows_the_mentions_the_index_was_built_with(tmp_path, monkeypatch, aliased_corpus):
    """The page marks mentions with the alias table the index was built with: not with
    $COOPSEARCH_ALIASES, nor with later edits of the file, until the index is built again."""
    from coopsearch.indexer import Pipeline, index_paths
    from coopsearch.web import create_app

    corpus, aliases = aliased_corpus
    index_dir = tmp_path / "index"
    pipeline = Pipeline(ner=False, aliases=str(aliases))
    assert index_paths([corpus], index_dir, workers=1, pipeline=pipeline).added == 1
    aliases.write_text("Ромашка Холдинг\tcompany\tРомашка Групп\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.tsv"
    elsewhere.write_text("Ромашка Инвест\tcompany\tРомашка Групп\n", encoding="utf-8")
    monkeypatch.setenv("COOPSEARCH_ALIASES", str(elsewhere))
    client = create_app({"INDEX_DIR": index_dir, "TESTING": True}).test_client()

    html = client.get("/doc/a.txt").get_data(as_text=True)
    assert 'title="Ромашка"' in html and "/?company=%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0" in html
    assert "Ромашка Холдинг" not in html and "Ромашка Инвест" not in html

    assert index_paths([corpus], index_dir, workers=1, pipeline=pipeline).updated == 1  # the edit is a pipeline change
    html = client.get("/doc/a.txt").get_data(as_text=True)
    assert 'title="Ромашка Холдинг"' in html and "Ромашка Инвест" not in html


def test_document_page_runs_no_extraction(client, monkeypatch):
    """Mentions are stored at index time: a request never runs the NER model or the rules."""
    from coopsearch.entities import Extractor

    def refuse(*args, **kwargs):
        raise AssertionError("extraction inside a web request")

    monkeypatch.setattr(Extractor, "extract", refuse)
    monkeypatch.setattr(Extractor, "extract_batch", refuse)
    html = client.get(f"/doc/{SEED_ID}").get_data(as_text=True)
    data = client.get(f"/doc/{SEED_ID}.json").get_json()
    assert data["mentions"] and all(data["body"][m["start"] : m["end"]] == m["text"] for m in data["mentions"])
    assert {"ORG", "LOC"} == {m["type"] for m in data["mentions"]}
    assert 'class="mention org"' in html and "Элсиб" in {m["value"] for m in data["mentions"]}
