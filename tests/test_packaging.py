"""The built wheel ships templates, static files and entity data; the console script is declared."""
from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [path] = out.glob("coopsearch-*.whl")
    with zipfile.ZipFile(path) as zf:
        return set(zf.namelist()), zf.read(next(n for n in zf.namelist() if n.endswith("entry_points.txt"))).decode()


@pytest.mark.parametrize(
    "name",
    [
        "coopsearch/templates/base.html",
        "coopsearch/templates/search.html",
        "coopsearch/templates/doc.html",
        "coopsearch/templates/error.html",
        "coopsearch/web/static/style.css",
        "coopsearch/web/static/app.js",
        "coopsearch/entities/data/regions.tsv",
        "coopsearch/entities/data/cities-ru.tsv",
        "coopsearch/entities/data/cities-kz.tsv",
        "coopsearch/entities/data/countries.tsv",
        "coopsearch/entities/data/sectors.toml",
    ],
)
def test_wheel_contains(wheel, name):
    names, _ = wheel
    assert name in names


def test_console_script(wheel):
    _, entry_points = wheel
    assert "coopsearch = coopsearch.cli:main" in entry_points
