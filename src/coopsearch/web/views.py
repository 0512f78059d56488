"""Routes: / (search page), /api/search (JSON), /doc/<id> (document page)."""
from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from .. import storage
from ..entities import extract
from ..query import MAX_LIMIT, MAX_OFFSET, QueryError, SearchRequest, build_request, parse_int
from ..schema import FACET_SEPARATOR, FACETS
from ..search import SearchResult, search

bp = Blueprint("coopsearch", __name__, static_folder="static", static_url_path="/static")
PARAMS = frozenset({"q", "from", "to", "sort", "limit", "offset", "page", "facet_limit", *FACETS})
PAGE_SIZE = 10


def parse_args(args: MultiDict[str, str]) -> SearchRequest:
    """URL parameters → SearchRequest (400 with a clear message on anything unknown or malformed)."""
    unknown = sorted(k for k in args if k not in PARAMS)
    if unknown:
        raise QueryError(f"unknown parameter {unknown[0]!r} (known: {', '.join(sorted(PARAMS))})")
    for name in ("q", "from", "to", "sort", "limit", "offset", "page", "facet_limit"):
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
        args.get("facet_limit"),
    )


def state_url(args: Mapping[str, list[str]], **changes: list[str] | None) -> str:
    """The search page URL for `args` with some parameters replaced (None removes them)."""
    merged = {k: list(v) for k, v in args.items() if v and k not in ("page", "offset")}
    for name, values in changes.items():
        if values:
            merged[name] = values
        else:
            merged.pop(name, None)
    pairs = [(k, v) for k in sorted(merged) for v in merged[k] if v != ""]
    return "/?" + urlencode(pairs) if pairs else "/"


def facet_links(args: Mapping[str, list[str]], result: SearchResult) -> dict[str, list[dict]]:
    """Each facet value with the URL that toggles it (server-side state in the URL)."""
    links: dict[str, list[dict]] = {}
    for facet, values in result.facets.items():
        current = list(args.get(facet, []))
        rows = []
        for v in values:
            chosen = [x for x in current if x != v.value] if v.selected else [*current, v.value]
            rows.append({"value": v.value, "count": v.count, "selected": v.selected, "url": state_url(args, **{facet: chosen})})
        links[facet] = rows
    return links


@bp.get("/api/search")
def api_search() -> Response:
    """JSON search: the same parameters and result as the page."""
    result = search(current_app.config["INDEX_DIR"], parse_args(request.args))
    return jsonify(result.to_json())


@bp.get("/")
def page() -> str:
    """The search page; every state is a shareable URL."""
    req = parse_args(request.args)
    result = search(current_app.config["INDEX_DIR"], req)
    args = {k: request.args.getlist(k) for k in request.args}
    page_no = req.offset // max(req.limit, 1) + 1
    pages = {
        "prev": state_url(args, page=[str(page_no - 1)]) if page_no > 1 else None,
        "next": state_url(args, page=[str(page_no + 1)]) if req.offset + req.limit < result.total else None,
        "number": page_no,
    }
    chips = [
        {"facet": f, "value": v, "url": state_url(args, **{f: [x for x in args.get(f, []) if x != v]})}
        for f in FACETS
        for v in args.get(f, [])
    ]
    return render_template(
        "search.html",
        req=req,
        result=result,
        facets=facet_links(args, result),
        chips=chips,
        pages=pages,
        sort_urls={s: state_url(args, sort=[s]) for s in ("relevance", "date")},
    )


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str) -> str:
    """One document with its entity mentions linked to searches."""
    ix = storage.open_index(current_app.config["INDEX_DIR"])
    with ix.searcher() as searcher:
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            abort(404, description=f"no document with id {doc_id!r}")
        stored = searcher.stored_fields(docnum)
        similar = [
            {"id": hit["id"], "title": hit["title"]}
            for hit in searcher.more_like(docnum, "body", text=stored.get("body", ""), top=5)
        ]
    text = stored.get("body", "")
    ents = extract(text)
    pieces, pos = [], 0
    facet_of = {"ORG": "company", "LOC": "region"}
    companies = {v for v in (stored.get("company") or "").split(FACET_SEPARATOR) if v}
    for m in ents.mentions:
        if m.start < pos:
            continue
        pieces.append({"text": text[pos : m.start]})
        facet = facet_of[m.type]
        if m.type == "LOC" and m.value not in (stored.get("region") or ""):
            facet = "country"
        linked = m.type == "LOC" or m.value in companies
        pieces.append({"text": text[m.start : m.end], "type": m.type, "url": state_url({}, **{facet: [m.value]}) if linked else None, "value": m.value})
        pos = m.end
    pieces.append({"text": text[pos:]})
    facets = {f: [v for v in (stored.get(f) or "").split(FACET_SEPARATOR) if v] for f in FACETS}
    return render_template("doc.html", doc=stored, pieces=pieces, facets=facets, similar=similar, state_url=state_url)
