"""Routes: / (search page), /api/search, /api/suggest, /export.csv|json, /doc/<id>.

Every page state is in the URL; facet, chip, timeline and page links are computed here.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, stream_with_context
from werkzeug.datastructures import MultiDict

from ..backend import Backend
from ..exports import csv_chunks, json_chunks
from ..links import doc_url, state_url, toggle_url, with_links
from ..query import MAX_LIMIT, MAX_OFFSET, QueryError, SearchRequest, build_request, parse_int
from ..retrieval import SearchResult
from ..schema import FACETS

bp = Blueprint("coopsearch", __name__, static_folder="static", static_url_path="/static")
SINGLE = ("q", "from", "to", "sort", "limit", "offset", "page", "facet_limit", "group", "collapse")  # given at most once
PARAMS = frozenset({*SINGLE, *FACETS})
PAGE_SIZE = 10
PAGE_FACET_LIMIT = 50  # values per facet on the page (the first FACET_SHOWN visible, the rest folded)
FACET_SHOWN = 8
EXPORT_CAP = 10_000
FACET_NAMES = {name: facet.label for name, facet in FACETS.items()}
CHIP_NAMES = {**FACET_NAMES, "date": "Период", "group": "Похожие на"}


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


def facet_links(args: Mapping[str, list[str]], result: SearchResult) -> dict[str, list[dict]]:
    """Each facet value with the URL that toggles it (server-side state in the URL)."""
    links: dict[str, list[dict]] = {}
    for facet, values in result.facets.items():
        links[facet] = [
            {"value": v.value, "count": v.count, "selected": v.selected, "url": toggle_url(args, facet, v.value, v.selected)}
            for v in values
        ]
    return links


def _hit_chips(args: Mapping[str, list[str]], result: SearchResult) -> list[list[dict]]:
    """Per hit, its facet values with the URL that adds each as a filter."""
    out = []
    for hit in result.hits:
        chips = []
        for facet in FACETS:
            selected = args.get(facet, [])
            for value in hit.facets[facet][:6]:
                chips.append(
                    {
                        "facet": facet,
                        "value": value,
                        "selected": value in selected,
                        "url": state_url(args, **{facet: selected if value in selected else [*selected, value]}),
                    }
                )
        out.append(chips)
    return out


def _pages(args: Mapping[str, list[str]], req: SearchRequest, total: int) -> dict:
    size = max(req.limit, 1)
    current = req.offset // size + 1
    last = max(1, min((total + size - 1) // size, MAX_OFFSET // size + 1))
    numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    return {
        "current": current,
        "last": last,
        "prev": state_url(args, page=[str(current - 1)]) if current > 1 else None,
        "next": state_url(args, page=[str(current + 1)]) if current < last else None,
        "numbers": [{"n": n, "url": state_url(args, page=[str(n)] if n > 1 else None)} for n in numbers],
    }


def _timeline(args: Mapping[str, list[str]], result: SearchResult) -> dict | None:
    """Bars of the server-rendered SVG timeline, each linking to its date range."""
    buckets = result.timeline
    if not buckets:
        return None
    height, bar = 60, max(4, min(24, 640 // len(buckets)))
    top = max(b.count for b in buckets) or 1
    bars = []
    for i, b in enumerate(buckets):
        h = round(height * b.count / top) if b.count else 0
        bars.append(
            {
                "x": i * bar,
                "y": height - h,
                "width": bar - 1,
                "height": max(h, 1),
                "count": b.count,
                "label": b.period,
                "selected": b.selected,
                "url": state_url(args, **{"from": [b.start], "to": [b.end]}),
            }
        )
    return {
        "bars": bars,
        "width": len(buckets) * bar,
        "height": height,
        "first": buckets[0].period,
        "last": buckets[-1].period,
        "all_dates": state_url(args, **{"from": None, "to": None}) if args.get("from") or args.get("to") else None,
    }


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
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Export-Cap"] = str(EXPORT_CAP)
    return response


@bp.get("/")
def page() -> str:
    """The search page; every state is a shareable URL and works without JavaScript."""
    req = parse_args(request.args, facet_limit=PAGE_FACET_LIMIT)
    result = backend().search(req)
    args = _args()
    chips = [
        {"facet": f, "value": v, "url": state_url(args, **{f: [x for x in args.get(f, []) if x != v]})}
        for f in FACETS
        for v in args.get(f, [])
    ]
    if req.date_from or req.date_to:
        label = f"{req.date_from or '…'} — {req.date_to or '…'}"
        chips.append({"facet": "date", "value": label, "url": state_url(args, **{"from": None, "to": None})})
    if req.group:
        chips.append({"facet": "group", "value": req.group, "url": state_url(args, group=None)})
    hits = [(hit, hit_chips, state_url(args, group=[hit.group]) if hit.similar else None) for hit, hit_chips in zip(result.hits, _hit_chips(args, result))]
    starting_points = None
    if not result.total:
        overall = backend().search(build_request(facet_limit=6, limit=0))
        starting_points = {f: [v.value for v in vals] for f, vals in overall.facets.items()}
    return render_template(
        "search.html",
        req=req,
        result=result,
        hits=hits,
        facets=facet_links(args, result),
        facet_names=FACET_NAMES,
        chip_names=CHIP_NAMES,
        facet_shown=FACET_SHOWN,
        chips=chips,
        pages=_pages(args, req, result.total),
        timeline=_timeline(args, result),
        sort_urls={s: state_url(args, sort=[s] if s != "relevance" else None) for s in ("relevance", "date")},
        export={
            "csv": state_url(args, "/export.csv"),
            "json": state_url(args, "/export.json"),
            "cap": EXPORT_CAP,
        },
        without_filters=state_url({"q": args.get("q", [])}) if chips else None,
        starting_points=starting_points,
        state_url=state_url,
    )


@bp.get("/doc/<path:doc_id>.json")
def document_json(doc_id: str) -> Response:
    """The document page's data as JSON: stored fields, facet values, similar documents."""
    doc = backend().document(doc_id)
    if doc is None:
        abort(404, description=f"no document with id {doc_id!r}")
    data = doc.to_json()
    for item in data["similar"]:
        item["doc_url"] = doc_url(item["id"])
    return jsonify(data)


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str) -> str:
    """One document with its entity mentions highlighted by type and linked to searches."""
    doc = backend().document(doc_id)
    if doc is None:
        abort(404, description=f"no document with id {doc_id!r}")
    return render_template(
        "doc.html",
        doc=doc,
        pieces=_pieces(doc.body, doc.mentions, doc.facets),
        facets=doc.facets,
        facet_names=FACET_NAMES,
        similar=doc.similar,
        state_url=state_url,
    )


def _pieces(text: str, mentions: list[dict], facets: dict[str, list[str]]) -> list[dict]:
    """The text cut into plain pieces and the entity mentions stored at index time (with the
    search each links to); no extraction runs in a request."""
    pieces, pos = [], 0
    for m in mentions:
        if m["start"] < pos or m["end"] > len(text):
            continue
        pieces.append({"text": text[pos : m["start"]]})
        facet = next((name for name, f in FACETS.items() if f.mention == m["type"] and m["value"] in facets[name]), None)
        phrase = m["text"].replace('"', ' ')
        url = state_url({}, **{facet: [m["value"]]}) if facet else state_url({}, q=[f'"{phrase}"'])
        pieces.append({"text": m["text"], "type": m["type"].lower(), "value": m["value"], "url": url})
        pos = m["end"]
    pieces.append({"text": text[pos:]})
    return pieces
