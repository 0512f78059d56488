"""Query fuzzing: random and hostile queries get results or a clear refusal, never a traceback or a 500.

Hypothesis runs derandomized (the same examples on every run, see conftest.py); the deadline is a
hang detector, not a speed target.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coopsearch.cli import main
from coopsearch.query import QueryError, build_request
from coopsearch.retrieval import search
from coopsearch.web import create_app

PIECES = [
    '"', "«", "»", "„", "“", "(", ")", "((", "))", "OR", "ИЛИ", "|", "AND", "NOT", "-", "--", "=", "=\"", "*", "?", "~2", "^3",
    ":", "company:", "region:", "country:", "sector:", "date:", "date:2019..", "date:..2020-02-30", "date:2019-13",
    "title:", "foo:bar", "\x00", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "\t", "\n", "\r", "\\", "[", "]", "{", "}", "<script>",
    "Казахстан", "области", "Элсиб", "Новосибирск", "кабель", "ё", "Ё", "a", "123", "..", "%", "%00", "&amp;", "😀", "𝔸",
]
piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
queries = st.one_of(
    st.text(max_size=300),
    st.lists(piece, max_size=40).map(" ".join),
    st.lists(piece, max_size=40).map("".join),
)
HOSTILE = [
    "x" * 10_000,
    " ".join(["слово"] * 1_000),
    "Казахстан " * 63 + "Казахстан",
    "*",
    "**",
    "?",
    '"',
    "«Элсиб",
    "(",
    ")",
    "((((((((((((((((((((Казахстан",
    "OR",
    "Казахстан OR",
    "-",
    "-Казахстан",
    "=",
    "company:",
    'company:"',
    "date:2019..2018",
    "date:9999-99-99",
    "unknown:field",
    "\x00\x01\x02",
    "(" * 500 + ")" * 500,
]


@pytest.fixture(scope="module")
def web(index_dir):
    """One test client for all generated examples (the app keeps no state between requests)."""
    return create_app({"INDEX_DIR": index_dir, "TESTING": True}).test_client()


def _search_or_refuse(index_dir, q: str, **filters: list[str]) -> None:
    try:
        result = search(index_dir, build_request(q, filters))
    except QueryError as e:
        assert str(e).strip()
    else:
        assert result.total >= len(result.hits) and len(result.hits) <= 10


@settings(max_examples=1000, deadline=5000)
@given(q=queries)
@example(q=HOSTILE[0])
def test_search_function_never_crashes(index_dir, q):
    _search_or_refuse(index_dir, q)


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_against_the_library(index_dir, q):
    _search_or_refuse(index_dir, q)


@settings(max_examples=300, deadline=5000)
@given(q=queries, region=st.lists(queries, max_size=2))
def test_facet_values_never_crash(index_dir, q, region):
    _search_or_refuse(index_dir, q, region=region)


PARAM_NAMES = ["q", "company", "region", "country", "sector", "from", "to", "sort", "limit", "offset", "page", "facet_limit", "bogus", ""]
values = st.one_of(queries, st.integers(min_value=-10**12, max_value=10**12).map(str), st.sampled_from(["", "date", "relevance", "0", "-1", "1e3", "2019-02-30"]))
params = st.lists(st.tuples(st.sampled_from(PARAM_NAMES), values), max_size=6)


@settings(max_examples=600, deadline=5000)
@given(args=params)
@example(args=[("q", HOSTILE[0]), ("limit", "1001")])
def test_api_search_answers_200_or_400_json(web, args):
    response = web.get("/api/search", query_string=args)
    assert response.status_code in (200, 400), (args, response.status_code)
    body = response.get_json()
    if response.status_code == 400:
        assert body["status"] == 400 and body["error"].strip()
    else:
        assert "hits" in body and "total" in body


@pytest.mark.parametrize("path", ["/", "/api/search", "/api/suggest", "/export.csv", "/export.json"])
@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_on_every_route(web, path, q):
    response = web.get(path, query_string={"q": q})
    assert response.status_code in (200, 400), (path, q[:40], response.status_code)
    if path.startswith("/api/") and response.status_code == 400:
        assert response.get_json()["error"].strip()
    if path == "/" and response.status_code == 400:
        assert b"<html" in response.data.lower() and b"Traceback" not in response.data


@settings(max_examples=200, deadline=5000)
@given(q=queries)
def test_cli_exits_0_or_2_with_a_message(index_dir, q):
    result = CliRunner().invoke(main, ["search", "--index", str(index_dir), "--format", "json", q])
    assert result.exit_code in (0, 2), (q, result.exit_code, result.output[-500:])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert "coopsearch: bad query:" in result.output or "Error:" in result.output


@pytest.mark.parametrize("q", ["x" * 10_000, " ".join(["слово"] * 1_000), '((«Элсиб', "-Казахстан", "*"])
def test_cli_process_refuses_or_answers_without_traceback(index_dir, q):
    proc = subprocess.run(
        [sys.executable, "-m", "coopsearch", "search", "--index", str(index_dir), q], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode in (0, 2) and "Traceback" not in proc.stderr
    if proc.returncode == 2:
        assert proc.stderr.startswith("coopsearch: bad query:")
