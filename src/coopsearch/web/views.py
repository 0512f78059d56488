"""Routes: / (search page), /api/search, /api/suggest, /export.csv|json, /doc/<id>.

Every page state is in the URL; facet, chip, timeline and page links are computed here.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, stream_with_context
from werkzeug.datastructures import MultiDict

from .. import storage
from ..entities import EntityConfig, Extractor, extractor
from ..query import MAX_LIMIT, MAX_OFFSET, QueryError, SearchRequest, build_request, parse_int
from ..schema import FACET_SEPARATOR, FACETS
from ..search import SearchResult, export, search
from ..suggest import suggest

bp = Blueprint("coopsearch", __name__, static_folder="static", static_url_path="/static")
SINGLE = ("q", "from", "to", "sort", "limit", "offset", "page", "facet_limit", "group", "collapse")  # given at most once
PARAMS = frozenset({*SINGLE, *FACETS})
PAGE_SIZE = 10
PAGE_FACET_LIMIT = 50  # values per facet on the page (the first FACET_SHOWN visible, the rest folded)
FACET_SHOWN = 8
EXPORT_CAP = 10_000
FACET_NAMES = {"company": "Компании", "organization": "Организации", "region": "Регионы", "country": "Страны", "sector": "Отрасли"}
CHIP_NAMES = {**FACET_NAMES, "date": "Период", "group": "Похожие на"}


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


def state_url(args: Mapping[str, list[str]], path: str = "/", **changes: list[str] | None) -> str:
    """The URL of `path` for the state `args` with some parameters replaced (None removes them).

    Paging restarts whenever anything else changes.
    """
    merged = {k: list(v) for k, v in args.items() if v and k not in ("page", "offset")}
    for name, values in changes.items():
        if values:
            merged[name] = values
        else:
            merged.pop(name, None)
    pairs = [(k, v) for k in sorted(merged) for v in merged[k] if v != ""]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def _args() -> dict[str, list[str]]:
    return {k: request.args.getlist(k) for k in request.args}


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


def _hit_chips(args: Mapping[str, list[str]], result: SearchResult) -> list[list[dict]]:
    """Per hit, its facet values with the URL that adds each as a filter."""
    out = []
    for hit in result.hits:
        chips = []
        for facet, attr in FACETS.items():
            selected = args.get(facet, [])
            for value in getattr(hit, attr)[:6]:
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
    """JSON search: the same parameters and result as the page."""
    result = search(current_app.config["INDEX_DIR"], parse_args(request.args))
    return jsonify(result.to_json())


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
    found = suggest(current_app.config["INDEX_DIR"], text, limit)
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
    req = _export_request()
    columns = ["id", "title", "url", "date", "source", "score", *FACETS.values()]

    def rows() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in export(current_app.config["INDEX_DIR"], req, EXPORT_CAP):
            writer.writerow(["; ".join(row[c]) if isinstance(row[c], list) else row[c] for c in columns])
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()

    return _download(stream_with_context(rows()), "text/csv; charset=utf-8", "coopsearch.csv")


@bp.get("/export.json")
def export_json() -> Response:
    """The whole result set (at most EXPORT_CAP documents) as a JSON array, streamed."""
    req = _export_request()

    def rows() -> Iterator[str]:
        yield "["
        for n, row in enumerate(export(current_app.config["INDEX_DIR"], req, EXPORT_CAP)):
            yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]\n"

    return _download(stream_with_context(rows()), "application/json; charset=utf-8", "coopsearch.json")


def _download(body: Iterator[str], mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Export-Cap"] = str(EXPORT_CAP)
    return response


@bp.get("/")
def page() -> str:
    """The search page; every state is a shareable URL and works without JavaScript."""
    req = parse_args(request.args, facet_limit=PAGE_FACET_LIMIT)
    result = search(current_app.config["INDEX_DIR"], req)
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
        overall = search(current_app.config["INDEX_DIR"], build_request(facet_limit=6, limit=0))
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


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str) -> str:
    """One document with its entity mentions highlighted by type and linked to searches."""
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
    # The configuration the index was extracted with (alias table included); an index built before
    # the record existed gets the default one, as its page had without $COOPSEARCH_ALIASES.
    config = EntityConfig.saved(Path(ix.storage.folder)) or EntityConfig()
    facets = {f: [v for v in (stored.get(f) or "").split(FACET_SEPARATOR) if v] for f in FACETS}
    return render_template(
        "doc.html",
        doc=stored,
        pieces=_pieces(stored.get("body", ""), facets, extractor(config)),
        facets=facets,
        facet_names=FACET_NAMES,
        similar=similar,
        state_url=state_url,
    )


def _pieces(text: str, facets: dict[str, list[str]], entity_extractor: Extractor) -> list[dict]:
    """The text cut into plain pieces and entity mentions (with the search each links to)."""
    pieces, pos = [], 0
    for m in entity_extractor.extract(text).mentions:
        if m.start < pos:
            continue
        pieces.append({"text": text[pos : m.start]})
        if m.type == "ORG":
            facet = next((f for f in ("company", "organization") if m.value in facets[f]), None)
        else:
            facet = "region" if m.value in facets["region"] else ("country" if m.value in facets["country"] else None)
        phrase = m.text.replace('"', ' ')
        url = state_url({}, **{facet: [m.value]}) if facet else state_url({}, q=[f'"{phrase}"'])
        pieces.append({"text": text[m.start : m.end], "type": m.type.lower(), "value": m.value, "url": url})
        pos = m.end
    pieces.append({"text": text[pos:]})
    return pieces
