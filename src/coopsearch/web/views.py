"""Routes: / (search page), /api/search, /api/suggest, /export.csv|json, /doc/<id>(.json).

Each route parses its parameters, asks the backend, and renders the data that web/pages.py
builds (an HTML template) or the result's JSON; every page state is in the URL.
"""
from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, stream_with_context
from werkzeug.datastructures import MultiDict

from ..backend import Backend
from ..exports import csv_chunks, json_chunks
from ..links import doc_url, state_url, with_links
from ..query import MAX_LIMIT, MAX_OFFSET, QueryError, SearchRequest, build_request, parse_int
from ..retrieval import StoredDocument
from ..schema import FACETS
from .pages import EXPORT_CAP, document_page, search_page

bp = Blueprint("coopsearch", __name__, static_folder="static", static_url_path="/static")
SINGLE = ("q", "from", "to", "sort", "limit", "offset", "page", "facet_limit", "group", "collapse")  # given at most once
PARAMS = frozenset({*SINGLE, *FACETS})
PAGE_SIZE = 10
PAGE_FACET_LIMIT = 50  # values per facet on the page (the first FACET_SHOWN visible, the rest folded)


def backend() -> Backend:
    """The app's backend (created with the app)."""
    return current_app.extensions["coopsearch"]


def parse_args(args: MultiDict[str, str], facet_limit: int | None = None) -> SearchRequest:
    """URL parameters → SearchRequest (QueryError, i.e. 400, on anything unknown or malformed)."""
    unknown = sorted(k for k in args if k not in PARAMS)
    if unknown:
        raise QueryError(f"unknown parameter {unknown[0]!r} (known: {', '.join(sorted(PARAMS))})")
    for name in SINGLE:
        if len(args.getlist(name)) > 1:
            raise QueryError(f"parameter {name!r} given more than once")
    limit, offset = args.get("limit"), args.get("offset")
    if args.get("page"):
        if offset:
            raise QueryError("give either page or offset, not both")
        page = parse_int("page", args.get("page"), 1, MAX_OFFSET // PAGE_SIZE + 1, 1)
        offset = str((page - 1) * parse_int("limit", limit, 0, MAX_LIMIT, PAGE_SIZE))
    filters = {f: args.getlist(f) for f in FACETS if args.getlist(f)}
    return build_request(
        args.get("q", ""),
        filters,
        args.get("from", ""),
        args.get("to", ""),
        args.get("sort", ""),
        limit,
        offset,
        args.get("facet_limit") or facet_limit,
        args.get("group", ""),
        args.get("collapse"),
    )


def _args() -> dict[str, list[str]]:
    return {k: request.args.getlist(k) for k in request.args}


@bp.get("/api/search")
def api_search() -> Response:
    """JSON search: the same parameters and result as the page, with the page's links: each
    facet value's `toggle_url`, each hit's `doc_url` (JSON twin: `doc_json_url`)."""
    req = parse_args(request.args)
    return jsonify(with_links(backend().search(req).to_json(), req))


@bp.get("/api/suggest")
def api_suggest() -> Response:
    """Completions for the search box: facet values, then words."""
    unknown = sorted(k for k in request.args if k not in ("q", "limit"))
    if unknown:
        raise QueryError(f"unknown parameter {unknown[0]!r} (known: q, limit)")
    limit = parse_int("limit", request.args.get("limit"), 1, 50, 8)
    text = request.args.get("q", "")
    if len(text) > 200:
        raise QueryError("q must be at most 200 characters")
    found = backend().suggest(text, limit)
    return jsonify(
        {
            "q": text,
            "suggestions": [{**s.to_json(), "url": _suggestion_url(s.kind, s.value)} for s in found],
        }
    )


def _suggestion_url(kind: str, value: str) -> str:
    return state_url({}, **({kind: [value]} if kind in FACETS else {"q": [value]}))


def _export_request() -> SearchRequest:
    args = MultiDict((k, v) for k, v in request.args.items(multi=True) if k not in ("page", "offset", "limit"))
    return parse_args(args)


@bp.get("/export.csv")
def export_csv() -> Response:
    """The whole result set (at most EXPORT_CAP rows) as CSV, streamed."""
    rows = backend().export(_export_request(), EXPORT_CAP)
    return _download(stream_with_context(csv_chunks(rows)), "text/csv; charset=utf-8", "coopsearch.csv")


@bp.get("/export.json")
def export_json() -> Response:
    """The whole result set (at most EXPORT_CAP documents) as a JSON array, streamed."""
    rows = backend().export(_export_request(), EXPORT_CAP)
    return _download(stream_with_context(json_chunks(rows)), "application/json; charset=utf-8", "coopsearch.json")


def _download(body: Iterator[str], mimetype: str, name: str) -> Response:
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Export-Cap"] = str(EXPORT_CAP)
    return response


@bp.get("/")
def page() -> str:
    """The search page; every state is a shareable URL and works without JavaScript."""
    req = parse_args(request.args, facet_limit=PAGE_FACET_LIMIT)
    result = backend().search(req)
    overall = None if result.total else backend().search(build_request(facet_limit=6, limit=0))
    return render_template("search.html", **search_page(_args(), req, result, overall))


def _document(doc_id: str) -> StoredDocument:
    doc = backend().document(doc_id)
    if doc is None:
        abort(404, description=f"no document with id {doc_id!r}")
    return doc


@bp.get("/doc/<path:doc_id>.json")
def document_json(doc_id: str) -> Response:
    """The document page's data as JSON: stored fields, facet values, mentions, similar documents."""
    data = _document(doc_id).to_json()
    for item in data["similar"]:
        item["doc_url"] = doc_url(item["id"])
    return jsonify(data)


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str) -> str:
    """One document with its entity mentions highlighted by type and linked to searches."""
    return render_template("doc.html", **document_page(_document(doc_id)))


