"""The demo corpus (corpus/) as a newcomer meets it: `coopsearch index` then the README examples."""
from __future__ import annotations

import json
from collections import defaultdict

import pytest
from click.testing import CliRunner

from coopsearch.analysis import lemmas
from coopsearch.cli import main

from .conftest import ROOT

SEED_ID = "seed/kazakh-business-mission-novosibirsk.txt"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("demo-index")
    runner = CliRunner()
    result = runner.invoke(main, ["index", str(ROOT / "corpus"), "--index", str(index_dir), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "added 131," in result.output and "skipped 0" in result.output and "near-duplicates 1" in result.output
    return runner, index_dir


def run(demo, *args):
    runner, index_dir = demo
    return runner.invoke(main, [*args[:1], "--index", str(index_dir), *args[1:]])


def test_novosibirsk_region_finds_the_seed_with_its_entities(demo):
    result = run(demo, "search", "новосибирской области", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    hit = next(h for h in data["hits"] if h["id"] == SEED_ID)
    assert "Казэнергокабель" in hit["companies"] and len(hit["companies"]) == 11
    assert "Новосибирская область" in hit["regions"]
    facet_companies = {v["value"] for v in data["facets"]["company"]}
    assert set(hit["companies"]) <= facet_companies
    assert "Новосибирская область" in {v["value"] for v in data["facets"]["region"]}


@pytest.mark.parametrize("query", ["Казэнергокабеля", "казэнергокабель"])
def test_company_in_any_form(demo, query):
    result = run(demo, "search", query, "--format", "json")
    assert SEED_ID in [h["id"] for h in json.loads(result.output)["hits"]]


def test_unbalanced_quote_exits_2(demo):
    result = run(demo, "search", '"бизнес миссия')
    assert result.exit_code == 2 and "unbalanced quote" in result.output


def test_facets_have_no_inflected_duplicates(demo):
    """Two facet values with the same lemmas would split one entity in two."""
    data = json.loads(run(demo, "search", "", "--format", "json", "--facet-limit", "1000").output)
    assert len(data["facets"]["country"]) > 20
    for facet in ("company", "region", "country", "sector"):
        groups = defaultdict(list)
        for v in data["facets"][facet]:
            groups[tuple(lemmas(v["value"]))].append(v["value"])
        assert all(len(g) == 1 for g in groups.values()), groups
