"""Page URLs computed server-side: a state's URL, facet toggles and document links.

Every search page is a URL; the JSON of a result (CLI `--format json` and /api/search alike)
carries the same links, computed from the request."""
from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote, urlencode

from .query import SearchRequest


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


def request_params(request: SearchRequest) -> dict[str, list[str]]:
    """The URL parameters of a request's state: query, filters, dates, sort, group, collapse."""
    params: dict[str, list[str]] = {"q": [request.q]} if request.q else {}
    params.update({facet: list(values) for facet, values in request.filters.items() if values})
    for name, value in (("from", request.date_from), ("to", request.date_to), ("group", request.group)):
        if value:
            params[name] = [value]
    if request.sort != "relevance":
        params["sort"] = [request.sort]
    if not request.collapse:
        params["collapse"] = ["0"]
    return params


def toggle_url(args: Mapping[str, list[str]], facet: str, value: str, selected: bool) -> str:
    """The URL that selects a facet value (or unselects it when selected)."""
    current = list(args.get(facet, []))
    chosen = [x for x in current if x != value] if selected else [*current, value]
    return state_url(args, **{facet: chosen})


def doc_url(doc_id: str, suffix: str = "") -> str:
    """The URL of a document's page (or its JSON twin with suffix ".json")."""
    return f"/doc/{quote(doc_id, safe='/:')}{suffix}"


def with_links(data: dict, request: SearchRequest) -> dict:
    """A result's JSON with the page's links: each facet value's `toggle_url`, each hit's
    `doc_url` and `doc_json_url` (relative to the web app)."""
    args = request_params(request)
    for facet, values in data["facets"].items():
        for value in values:
            value["toggle_url"] = toggle_url(args, facet, value["value"], value["selected"])
    for hit in data["hits"]:
        hit["doc_url"] = doc_url(hit["id"])
        hit["doc_json_url"] = doc_url(hit["id"], ".json")
    return data
