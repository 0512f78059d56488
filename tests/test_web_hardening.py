"""Web hardening: no request path reaches the file system, the index is only read, sizes are bounded."""
from __future__ import annotations

import http.client
import os
import socket
from pathlib import Path
from urllib.parse import quote

import pytest

from . import live

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "path",
    [
        "/doc/../../pyproject.toml",
        "/doc/..%2F..%2Fpyproject.toml",
        "/doc/%2e%2e/%2e%2e/pyproject.toml",
        "/doc/" + str(ROOT / "pyproject.toml"),
        "/doc//etc/passwd",
        "/doc/..%5c..%5cpyproject.toml",
        "/static/../pyproject.toml",
        "/static/..%2F..%2F..%2Fpyproject.toml",
        "/static/%2e%2e/templates/base.html",
        "/doc/%00",
        "/" + "a" * 5000,
    ],
)
def test_no_request_path_reaches_the_file_system(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    body = response.get_data(as_text=True)
    assert "[project]" not in body and "root:" not in body and "{% block" not in body


@pytest.mark.parametrize("route", ["/api/search", "/", "/api/suggest", "/doc/seed/kazakh-business-mission-novosibirsk.txt"])
def test_only_get_is_allowed(client, route):
    response = client.post(route, data=b"x" * 200_000)
    assert response.status_code in (405, 413)
    if route.startswith("/api/"):
        assert response.get_json()["status"] == response.status_code


def _files(index_dir: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(index_dir)): (p.stat().st_size, p.stat().st_mtime_ns) for p in index_dir.rglob("*") if p.is_file()}


def test_the_web_process_only_reads_the_index(client, index_dir):
    before = _files(index_dir)
    for url in ["/?q=Казахстан", "/api/search?q=кабель&region=Павлодарская+область", "/api/suggest?q=нов", "/export.csv?q=", "/doc/seed/kazakh-business-mission-novosibirsk.txt"]:
        assert client.get(url).status_code == 200
    assert _files(index_dir) == before


def test_doc_ids_with_slashes_are_looked_up_not_opened(client):
    assert client.get("/doc/seed/kazakh-business-mission-novosibirsk.txt").status_code == 200
    assert client.get("/doc/seed/../seed/kazakh-business-mission-novosibirsk.txt").status_code == 404


@pytest.fixture(scope="module")
def server(index_dir):
    with live.server(index_dir) as (base, proc):
        yield base.rsplit(":", 1)[1], proc


def _raw(port: str, method: str, url: str, headers: dict[str, str] | None = None, body: bytes | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    try:
        conn.request(method, quote(url, safe="/?=&"), body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_server_refuses_huge_headers_and_bodies(server):
    port, proc = server
    status, _ = _raw(port, "GET", "/api/search?q=" + "я" * 40_000)
    assert status == 431
    status, _ = _raw(port, "GET", "/api/search", headers={"X-Padding": "x" * 70_000})
    assert status == 431
    status, _ = _raw(port, "POST", "/api/search", body=b"x" * 100_000)
    assert status == 413
    status, body = _raw(port, "GET", "/api/search?q=" + "я" * 2_500)
    assert status == 400 and b"query too long" in body
    assert _raw(port, "GET", "/api/search?q=кабель")[0] == 200
    assert proc.poll() is None


def test_server_survives_garbage_on_the_socket(server):
    port, proc = server
    for garbage in [b"\x00\x01\x02\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"NOTAMETHOD /\r\n\r\n", os.urandom(2000)]:
        with socket.create_connection(("127.0.0.1", int(port)), timeout=10) as s:
            s.sendall(garbage)
            s.shutdown(socket.SHUT_WR)
            s.recv(4096)
    assert _raw(port, "GET", "/api/search?q=кабель")[0] == 200
    assert proc.poll() is None
