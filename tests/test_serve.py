"""`coopsearch serve` is a real WSGI server (waitress): start it, query it over HTTP, stop it."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest

from . import live


@pytest.fixture(scope="module")
def server(index_dir):
    with live.server(index_dir, processes=2) as (base, proc):
        workers = children(proc.pid)
        yield base, proc
    time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "worker processes outlived the server"


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def get_json(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        with e:
            return e.code, json.load(e)


def test_api_over_http(server):
    server, _ = server
    status, data = get_json(server + "/api/search?q=" + quote("казэнергокабеля"))
    assert status == 200 and data["total"] == 2


def test_bad_query_over_http_is_400_json(server):
    server, _ = server
    status, data = get_json(server + "/api/search?q=" + quote('"бизнес миссия'))
    assert status == 400 and "unbalanced quote" in data["error"]


def test_concurrent_requests(server):
    server, _ = server
    urls = [server + "/api/search?q=" + quote(q) for q in ["алюминий", "пшеница", "Казахстан", "поставки"] * 10]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(get_json, urls))
    assert all(status == 200 for status, _ in results)
    assert {data["query"]: data["total"] for _, data in results}["алюминий"] == 2


def test_server_identifies_as_waitress(server):
    server, _ = server
    with urllib.request.urlopen(server + "/", timeout=10) as r:
        assert r.headers["Server"] == "coopsearch"
        assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_two_server_processes_share_the_port(server):
    _, proc = server
    assert len(children(proc.pid)) == 1  # the parent serves too


def test_forked_workers_read_their_own_files(index_dir):
    """A snapshot built before a fork must not share file offsets with the child (the server
    calls the backend's after_fork in each worker, as here)."""
    import os

    from coopsearch.query import build_request
    from coopsearch.retrieval import EmbeddedBackend

    backend = EmbeddedBackend(index_dir)
    expected = [h.title for h in backend.search(build_request(q="", limit=20)).hits]
    with backend.cache.lease(index_dir) as before:
        pass
    pid = os.fork()
    if pid == 0:  # child: read everything many times; exit 0 only if always right
        backend.after_fork()
        with backend.cache.lease(index_dir) as snap:
            same = snap is before  # the snapshot built before the fork is kept, with its own files
        ok = same and all([h.title for h in backend.search(build_request(q="", limit=20)).hits] == expected for _ in range(20))
        os._exit(0 if ok else 1)
    for _ in range(20):  # the parent reads at the same time
        assert [h.title for h in backend.search(build_request(q="", limit=20)).hits] == expected
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    backend.close()
