"""The coopsearch command through click's CliRunner: outputs, formats and exit codes."""
from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

import pytest

from coopsearch.cli import main

from .conftest import SEED

SEED_ID = "seed/kazakh-business-mission-novosibirsk.txt"


def test_search_json_shape(runner):
    result = runner.invoke(main, ["search", "новосибирской области", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"query", "total", "fallback", "hits", "facets"}
    assert data["query"] == "новосибирской области" and data["total"] == 2
    seed = next(h for h in data["hits"] if h["id"] == SEED_ID)
    assert set(seed) >= {"id", "title", "url", "date", "source", "score", "snippet", "companies", "organizations", "regions", "sectors"}
    assert "Казэнергокабель" in seed["companies"] and "Новосибирская область" in seed["regions"]
    region = next(v for v in data["facets"]["region"] if v["value"] == "Новосибирская область")
    assert (region["count"], region["selected"]) == (2, False)
    assert region["toggle_url"] == "/?" + urlencode({"q": "новосибирской области", "region": "Новосибирская область"})
    assert seed["doc_url"] == f"/doc/{SEED_ID}" and seed["doc_json_url"] == f"/doc/{SEED_ID}.json"
    assert set(data["facets"]) == {"company", "organization", "region", "country", "sector"}


@pytest.mark.parametrize("query", ["Казэнергокабеля", "казэнергокабель"])
def test_search_any_form(runner, query):
    result = runner.invoke(main, ["search", query, "--format", "json"])
    assert result.exit_code == 0
    assert SEED_ID in [h["id"] for h in json.loads(result.output)["hits"]]


def test_search_text_output(runner):
    result = runner.invoke(main, ["search", "алюминий", "--limit", "1"])
    assert result.exit_code == 0
    assert result.output.startswith("2 found\n")
    assert "1. Павлодарский алюминиевый завод расширяет поставки в Россию" in result.output
    assert "**алюминия**" in result.output
    assert "region: Павлодарская область (2)" in result.output


def test_search_csv_output(runner):
    result = runner.invoke(main, ["search", "пшеница", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows] == ["n3"]
    assert rows[0]["regions"] == "Омская область; Северо-Казахстанская область"


def test_search_filters_and_dates(runner):
    result = runner.invoke(
        main, ["search", "", "--region", "Павлодарская область", "--region", "омская область", "--from", "2019-05", "--format", "json"]
    )
    assert result.exit_code == 0
    assert {h["id"] for h in json.loads(result.output)["hits"]} == {"n2", "n3"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", '"бизнес миссия'], "unbalanced quote"),
        (["search", "нефть", "--from", "вчера"], "bad date"),
        (["search", "нефть", "--limit", "-5"], "limit must be between"),
        (["search", "нефть", "--sort", "best"], "Invalid value"),
        (["search", "нефть OR"], "needs a term on both sides"),
    ],
)
def test_bad_usage_exits_2(runner, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_index_exits_1(runner, tmp_path):
    result = runner.invoke(main, ["search", "нефть", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no index in" in result.output


def test_zero_hits_is_success(runner):
    result = runner.invoke(main, ["search", "ракетостроение"])
    assert result.exit_code == 0 and result.output.startswith("0 found")


def test_batch_queries(runner, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("пшеница\n\"незакрытая фраза\nалюминий\n", encoding="utf-8")
    result = runner.invoke(main, ["search", "--queries", str(queries), "--limit", "1"])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["query"] for line in lines] == ["пшеница", '"незакрытая фраза', "алюминий"]
    assert lines[0]["total"] == 1 and lines[0]["hits"][0]["id"] == "n3"
    assert "unbalanced quote" in lines[1]["error"]
    assert lines[2]["total"] == 2 and len(lines[2]["hits"]) == 1
    assert result.exit_code == 2  # one query was malformed


def test_batch_queries_honour_the_format(runner, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("пшеница\n\"незакрытая фраза\nалюминий\n", encoding="utf-8")
    as_csv = runner.invoke(main, ["search", "--queries", str(queries), "--format", "csv", "--limit", "1"])
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0][:2] == ["query", "id"] and [r[:2] for r in rows[1:]] == [["пшеница", "n3"], ["алюминий", "n2"]]
    assert "line 2" in as_csv.stderr and "unbalanced quote" in as_csv.stderr and as_csv.exit_code == 2
    as_text = runner.invoke(main, ["search", "--queries", str(queries), "--format", "text", "--limit", "1"])
    assert "== пшеница" in as_text.stdout and "1 found" in as_text.stdout and "== алюминий" in as_text.stdout
    assert "{" not in as_text.stdout and as_text.exit_code == 2
    as_json = runner.invoke(main, ["search", "--queries", str(queries), "--format", "json"])
    assert [json.loads(line)["query"] for line in as_json.stdout.splitlines()] == ["пшеница", '"незакрытая фраза', "алюминий"]


def test_batch_all_good_exits_0(runner, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("пшеница\nалюминий\n", encoding="utf-8")
    assert runner.invoke(main, ["search", "--queries", str(queries)]).exit_code == 0


def test_extract_json(runner):
    result = runner.invoke(main, ["extract", str(SEED)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert len(data["companies"]) == 11
    assert sorted(data["countries"]) == ["Казахстан", "Россия"]
    text = SEED.read_text(encoding="utf-8")
    for m in data["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"] and m["type"] in ("ORG", "LOC")


def test_extract_stdin_and_several_files(runner, tmp_path):
    other = tmp_path / "x.txt"
    other.write_text("Завод в Павлодаре.", encoding="utf-8")
    result = runner.invoke(main, ["extract", "-"], input="Делегация из НСО.")
    assert json.loads(result.output)["regions"] == ["Новосибирская область"]
    result = runner.invoke(main, ["extract", str(other), str(SEED)])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["file"] for line in lines] == [str(other), str(SEED)]
    assert lines[0]["regions"] == ["Павлодарская область"]


def test_extract_missing_file_exits_1(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "nope.txt" in result.output


def test_index_command_reports_problems(runner, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Заголовок\n\nТекст о Павлодаре.", encoding="utf-8")
    (corpus / "bad.jsonl").write_text('{"id": 1, "title": "ok", "text": "ok"}\n{broken\n', encoding="utf-8")
    index_dir = tmp_path / "index"
    result = runner.invoke(main, ["index", str(corpus), "--index", str(index_dir), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "bad.jsonl:2: malformed JSON" in result.output
    assert "added 2, updated 0, unchanged 0, deleted 0, skipped 1" in result.output
    strict = runner.invoke(main, ["index", str(corpus), "--index", str(index_dir), "--strict", "--no-progress"])
    assert strict.exit_code == 1 and "unchanged 2" in strict.output


def test_index_env_variable(runner, tmp_path, monkeypatch):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Заголовок\n\nТекст.", encoding="utf-8")
    monkeypatch.setenv("COOPSEARCH_INDEX", str(tmp_path / "envindex"))
    result = runner.invoke(main, ["index", str(corpus), "--no-progress"])
    assert result.exit_code == 0
    assert (tmp_path / "envindex" / "CURRENT").exists()


def test_extract_with_an_alias_file_and_without_ner(runner, tmp_path):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("canonical\tkind\taliases\nРомашка\tcompany\tRomashka|Ромашка Групп\n", encoding="utf-8")
    text = "ООО «Ромашка Групп» и компания Romashka объявили о слиянии."
    plain = json.loads(runner.invoke(main, ["extract", "-"], input=text).output)
    merged = json.loads(runner.invoke(main, ["extract", "-", "--aliases", str(aliases)], input=text).output)
    rules = json.loads(runner.invoke(main, ["extract", "-", "--no-ner"], input=text).output)
    assert plain["companies"] == ["Ромашка Групп", "Romashka"]
    assert merged["companies"] == ["Ромашка"]
    assert rules["companies"] == ["Ромашка Групп", "Romashka"]


def test_index_with_aliases_reindexes_when_the_file_changes(runner, tmp_path, aliased_corpus):
    corpus, aliases = aliased_corpus
    index_dir = tmp_path / "index"
    args = ["index", str(corpus), "--index", str(index_dir), "--no-progress", "--aliases", str(aliases)]
    assert "added 1" in runner.invoke(main, args).output
    assert "unchanged 1" in runner.invoke(main, args).output
    aliases.write_text("Ромашка Холдинг\tcompany\tРомашка Групп\n", encoding="utf-8")
    assert "updated 1" in runner.invoke(main, args).output
    out = json.loads(runner.invoke(main, ["search", "", "--index", str(index_dir), "--format", "json"]).output)
    assert out["hits"][0]["companies"] == ["Ромашка Холдинг"]
