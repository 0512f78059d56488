"""The data of the HTML pages: facet, chip, timeline and page links computed server-side.

Plain functions of the request's URL parameters and the backend's results (no Flask): the
routes in views.py render what they return.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..links import state_url, toggle_url
from ..query import MAX_OFFSET, SearchRequest
from ..retrieval import SearchResult, StoredDocument
from ..schema import FACETS

FACET_SHOWN = 8  # facet values visible before the fold
EXPORT_CAP = 10_000
FACET_NAMES = {name: facet.label for name, facet in FACETS.items()}
CHIP_NAMES = {**FACET_NAMES, "date": "Период", "group": "Похожие на"}


def search_page(args: Mapping[str, list[str]], req: SearchRequest, result: SearchResult, overall: SearchResult | None) -> dict:
    """Everything the search page shows for URL parameters `args` (`overall`: the whole index's
    facets, for the starting points of an empty result)."""
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
    hits = [
        (hit, hit_chips, state_url(args, group=[hit.group]) if hit.similar else None)
        for hit, hit_chips in zip(result.hits, _hit_chips(args, result))
    ]
    return {
        "req": req,
        "result": result,
        "hits": hits,
        "facets": facet_links(args, result),
        "facet_names": FACET_NAMES,
        "chip_names": CHIP_NAMES,
        "facet_shown": FACET_SHOWN,
        "chips": chips,
        "pages": _pages(args, req, result.total),
        "timeline": _timeline(args, result),
        "sort_urls": {s: state_url(args, sort=[s] if s != "relevance" else None) for s in ("relevance", "date")},
        "export": {"csv": state_url(args, "/export.csv"), "json": state_url(args, "/export.json"), "cap": EXPORT_CAP},
        "without_filters": state_url({"q": args.get("q", [])}) if chips else None,
        "starting_points": {f: [v.value for v in vals] for f, vals in overall.facets.items()} if overall else None,
        "state_url": state_url,
    }


def document_page(doc: StoredDocument) -> dict:
    """Everything the document page shows: the text cut at its stored mentions, facets, similar."""
    return {
        "doc": doc,
        "pieces": _pieces(doc.body, doc.mentions, doc.facets),
        "facets": doc.facets,
        "facet_names": FACET_NAMES,
        "similar": doc.similar,
        "state_url": state_url,
    }


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
