"""Shared fixtures: analyzer, a small fixture index, the Flask app and client, the CLI runner."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from coopsearch.analysis import lemma_analyzer
from coopsearch.indexer import index_paths
from coopsearch.web import create_app

settings.register_profile("coopsearch", derandomize=True, database=None)  # same examples every run, no .hypothesis/
settings.load_profile("coopsearch")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "corpus" / "seed" / "kazakh-business-mission-novosibirsk.txt"
SHARED = ROOT.parent / "shared" / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (shared data is not available here)")
    return path


@pytest.fixture(scope="session")
def analyzer():
    return lemma_analyzer()


@pytest.fixture(scope="session")
def fixture_corpus(tmp_path_factory) -> Path:
    """A folder with the fixture news and the seed article."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copy(FIXTURES / "news.jsonl", root / "news.jsonl")
    (root / "seed").mkdir()
    shutil.copy(SEED, root / "seed" / SEED.name)
    return root


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, fixture_corpus) -> Path:
    """A read-only index of the fixture corpus shared by query, CLI and web tests."""
    target = tmp_path_factory.mktemp("index")
    report = index_paths([fixture_corpus], target, workers=1)
    assert report.added == 9 and not report.problems
    return target


@pytest.fixture
def aliased_corpus(tmp_path) -> tuple[Path, Path]:
    """A folder with one article naming «Ромашка Групп», and an alias file merging that into «Ромашка»."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Заголовок\n\nООО «Ромашка Групп» открыло завод.", encoding="utf-8")
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("Ромашка\tcompany\tРомашка Групп\n", encoding="utf-8")
    return corpus, aliases


@pytest.fixture
def app(index_dir):
    return create_app({"INDEX_DIR": index_dir, "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(index_dir, monkeypatch):
    monkeypatch.setenv("COOPSEARCH_INDEX", str(index_dir))
    return CliRunner()
