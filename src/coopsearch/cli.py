"""The `coopsearch` command: index, search, extract, serve (thin wrappers over the library)."""
from __future__ import annotations

import contextlib
import functools
import json
import os
import shlex
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from . import storage
from .entities import Entities, EntityConfig, extractor
from .query import QueryError, SearchRequest, build_request
from .schema import FACETS
from .backend import Backend, open_backend
from .exports import COLUMNS, csv_chunks, hit_row
from .links import with_links
from .retrieval import SearchResult

if TYPE_CHECKING:
    from .indexer import IndexReport

FORMATS = ("text", "json", "csv")


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"coopsearch: {message}", err=True)
    sys.exit(code)


def _index_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Index directory (default: $COOPSEARCH_INDEX or ./index).",
    )(f)


def _ner_options(f):  # type: ignore[no-untyped-def]
    f = click.option("--ner/--no-ner", default=True, help="Use the neural NER model with the rules (default: on).")(f)
    return click.option(
        "--aliases",
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        default=None,
        envvar="COOPSEARCH_ALIASES",
        help="Organisation alias file (canonical<TAB>kind<TAB>alias|alias…); default $COOPSEARCH_ALIASES.",
    )(f)


@click.group()
@click.version_option(package_name="coopsearch")
def main() -> None:
    """Search Russian news on regional and cross-border cooperation."""


@main.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_index_option
@click.option("--rebuild", is_flag=True, help="Build a fresh index and swap it in atomically.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Analysis processes (default: CPUs, max 2).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal).")
@click.option("--wait", "lock_timeout", type=float, default=None, help="Seconds to wait for another indexer (default: forever).")
@click.option("--strict", is_flag=True, help="Exit 1 when any file or record was skipped.")
@click.option("--events", is_flag=True, help="One JSON line per step on stderr (open, write per 16 documents, commit, publish, done).")
@_ner_options
def index_cmd(
    paths: tuple[Path, ...],
    index_dir: Path | None,
    rebuild: bool,
    workers: int | None,
    progress: bool | None,
    lock_timeout: float | None,
    strict: bool,
    events: bool,
    ner: bool,
    aliases: Path | None,
) -> None:
    """Index files and folders (default: corpus/): .txt .md .jsonl .jsonl.gz .csv .html .rss .atom .xml."""
    from .indexer import Pipeline, index_paths  # not imported by search/serve: keeps them light
    roots = list(paths) or [Path("corpus")]
    target = index_dir or storage.default_index_dir()
    pipeline = Pipeline(ner=ner, aliases=str(aliases) if aliases else None)
    try:
        report = index_paths(
            roots, target, rebuild=rebuild, workers=workers, progress=progress, lock_timeout=lock_timeout, pipeline=pipeline,
            events=functools.partial(_echo_event, time.monotonic()) if events else None,
        )
    except storage.IndexBusy as e:
        _fail(str(e), 1)
    _log_run(report)
    if strict and report.skipped:
        sys.exit(1)


def _echo_event(started: float, step: str, documents: int) -> None:
    """One `--events` line on stderr, e.g. {"event": "write", "documents": 32, "seconds": 1.25}."""
    click.echo(json.dumps({"event": step, "documents": documents, "seconds": round(time.monotonic() - started, 3)}), err=True)


def _log_run(report: IndexReport, stamp: str = "") -> None:
    for problem in report.problems:
        click.echo(f"{stamp}warning: {problem}", err=True)
    click.echo(f"{stamp}{report.summary()}")


@main.command("watch")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_index_option
@click.option("--interval", type=click.FloatRange(0.1, 86400), default=60.0, show_default=True, help="Seconds between checks for changes.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Analysis processes (default: CPUs, max 2).")
@_ner_options
def watch_cmd(paths: tuple[Path, ...], index_dir: Path | None, interval: float, workers: int | None, ner: bool, aliases: Path | None) -> None:
    """Index PATHS now and again whenever a file is added, changed or deleted (Ctrl-C stops).

    Each run logs one summary line (warnings on stderr). Items that leave a feed file stay in
    the index; deleting a file removes its documents."""
    from .indexer import Pipeline
    from .watch import stamp, watch

    target = index_dir or storage.default_index_dir()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored (a background job)
    click.echo(f"{stamp()} watching {', '.join(map(str, paths))} every {interval:g} s → {target} (Ctrl-C stops)", err=True)
    try:
        runs = watch(
            [p.resolve() for p in paths], target, interval, lambda r: _log_run(r, f"{stamp()} "), stop,
            on_busy=lambda message: click.echo(f"{stamp()} {message}; retrying at the next check", err=True),
            workers=workers, pipeline=Pipeline(ner=ner, aliases=str(aliases) if aliases else None),
        )
    except KeyboardInterrupt:
        click.echo(f"{stamp()} stopped (an interrupted run commits nothing: the index is as before it)", err=True)
        return
    click.echo(f"{stamp()} stopped after {runs} run(s)", err=True)


def _request(
    q: str,
    filters: dict[str, tuple[str, ...]],
    date_from: str,
    date_to: str,
    sort: str,
    limit: int | None,
    offset: int | None,
    facet_limit: int | None,
    group: str,
    show_all: bool,
) -> SearchRequest:
    return build_request(q, filters, date_from, date_to, sort, limit, offset, facet_limit, group, 0 if show_all else 1)


def _print_text(result: SearchResult) -> None:
    mode = " (no document has all the words: showing documents with any of them)" if result.fallback else ""
    documents = f" ({result.documents} documents with near-duplicates)" if result.documents != result.total else ""
    click.echo(f"{result.total} found{documents}{mode}")
    for n, hit in enumerate(result.hits, result.offset + 1):
        meta = " · ".join(x for x in (hit.date, hit.source) if x)
        click.echo(f"\n{n}. {hit.title}" + (f"  [{meta}]" if meta else ""))
        click.echo(f"   {hit.snippet.text('**', '**')}")
        for name, facet in FACETS.items():
            if hit.facets[name]:
                click.echo(f"   {facet.key}: {', '.join(hit.facets[name])}")
        click.echo(f"   id: {hit.id}" + (f"  url: {hit.url}" if hit.url else ""))
        if hit.similar:
            click.echo(f"   + {hit.similar} similar: coopsearch search --group {shlex.quote(hit.group)}")
    for name, values in result.facets.items():
        if values:
            shown = ", ".join(f"{'*' if v.selected else ''}{v.value} ({v.count})" for v in values)
            click.echo(f"\n{name}: {shown}")


def _print_csv(result: SearchResult, query_column: bool = False, header: bool = True) -> None:
    rows = ({"query": result.query, **hit_row(h)} if query_column else hit_row(h) for h in result.hits)
    columns = ("query", *COLUMNS) if query_column else COLUMNS
    for chunk in csv_chunks(rows, columns, header):
        sys.stdout.write(chunk)


def _open_or_fail(index_dir: Path) -> Path:
    if storage.current_generation(index_dir) is None:
        _fail(f"no index in {index_dir} (build it with: coopsearch index)", 1)
    return index_dir


def _facet_options(command: Callable[..., None]) -> Callable[..., None]:
    """One repeatable filter option per facet (--company, --organization, --region, ...)."""
    for facet in reversed(FACETS):
        command = click.option(f"--{facet}", multiple=True, help=f"Only documents with this {facet} (repeat: any of them).")(command)
    return command


@main.command("search", context_settings={"ignore_unknown_options": True})  # «-word» is a query, not an option
@click.argument("query", required=False, default="")
@_index_option
@_facet_options
@click.option("--from", "date_from", default="", help="Dated on or after YYYY[-MM[-DD]].")
@click.option("--to", "date_to", default="", help="Dated on or before YYYY[-MM[-DD]].")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance")
@click.option("--limit", type=int, default=None, help="Hits to show (default 10).")
@click.option("--offset", type=int, default=None, help="Hits to skip.")
@click.option("--facet-limit", type=int, default=None, help="Values shown per facet (default 20).")
@click.option("--group", default="", help="Only the documents of this near-duplicate group (the key shown with 'N similar').")
@click.option("--all", "show_all", is_flag=True, help="Every document: do not collapse near-duplicates into one hit.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output (default: text; with --queries: json, one object per line).")
@click.option("--queries", type=click.File("r", encoding="utf-8"), default=None, help="Batch: one query per line (see --format).")
def search_cmd(
    query: str,
    index_dir: Path | None,
    date_from: str,
    date_to: str,
    sort: str,
    limit: int | None,
    offset: int | None,
    facet_limit: int | None,
    group: str,
    show_all: bool,
    fmt: str | None,
    queries: click.utils.LazyFile | None,
    **filters: tuple[str, ...],
) -> None:
    """Search the index. Query syntax: see README (words, "phrase", =exact, -word, OR, company:X, date:A..B)."""
    target = _open_or_fail(index_dir or storage.default_index_dir())
    options = (filters, date_from, date_to, sort, limit, offset, facet_limit, group, show_all)
    with contextlib.closing(open_backend(target)) as backend:
        if queries is not None:
            if query:
                _fail("give either QUERY or --queries, not both", 2)
            sys.exit(_batch(backend, queries, options, fmt or "json"))
        try:
            request = _request(query, *options)
            result = backend.search(request)
        except QueryError as e:
            _fail(f"bad query: {e}", 2)
    if fmt == "json":
        click.echo(json.dumps(with_links(result.to_json(), request), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _print_csv(result)
    else:
        _print_text(result)


def _batch(backend: Backend, queries: click.utils.LazyFile, options: tuple, fmt: str) -> int:
    """Run one query per line: JSON lines (a malformed query gets an error object), one CSV table
    with a query column, or text results under a «== query» line; exit code 2 if any was malformed."""
    bad = 0
    for n, line in enumerate(queries, 1):
        q = line.rstrip("\n")
        try:
            request = _request(q, *options)
            result = backend.search(request)
        except QueryError as e:
            bad += 1
            if fmt == "json":
                click.echo(json.dumps({"query": q, "error": str(e)}, ensure_ascii=False))
            else:
                click.echo(f"coopsearch: bad query on line {n}: {e}", err=True)
            continue
        if fmt == "json":
            click.echo(json.dumps(with_links(result.to_json(), request), ensure_ascii=False))
        elif fmt == "csv":
            _print_csv(result, query_column=True, header=n - bad == 1)
        else:
            click.echo(f"== {q}")
            _print_text(result)
            click.echo()
    return 2 if bad else 0


def _entities_text(ents: Entities) -> str:
    lines = [f"{f.key}: {', '.join(getattr(ents, f.key)) or '—'}" for f in FACETS.values()]
    lines += [f"  {m.type} {m.start}-{m.end} {m.text!r} → {m.value}" for m in ents.mentions]
    return "\n".join(lines)


@main.command("extract")
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default="json")
@_ner_options
def extract_cmd(files: tuple[Path, ...], fmt: str, ner: bool, aliases: Path | None) -> None:
    """Print the entities of texts (files, or standard input with - or no argument)."""
    from .ingest import InputError, decode_bytes

    sources = list(files) or [Path("-")]
    several = len(sources) > 1
    failed = False
    entity_extractor = extractor(EntityConfig.read(ner, aliases))
    for source in sources:
        name = "-" if str(source) == "-" else str(source)
        try:
            data = sys.stdin.buffer.read() if name == "-" else source.read_bytes()
            text, note = decode_bytes(data)
            if note:
                click.echo(f"warning: {name}: {note}", err=True)
            ents = entity_extractor.extract(text)
        except (OSError, InputError) as e:
            click.echo(f"coopsearch: {name}: {getattr(e, 'strerror', None) or e}", err=True)
            failed = True
            continue
        if fmt == "text":
            click.echo((f"== {name}\n" if several else "") + _entities_text(ents))
            continue
        data_out = ents.to_json()
        if several or fmt == "jsonl":
            data_out = {"file": name, **data_out}
        indent = 2 if fmt == "json" and not several else None
        click.echo(json.dumps(data_out, ensure_ascii=False, indent=indent))
    if failed:
        sys.exit(1)


@main.command("serve")
@_index_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=5000, show_default=True)
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True, help="Threads per process.")
@click.option(
    "--processes",
    type=click.IntRange(1, 32),
    default=min(2, os.cpu_count() or 1),
    show_default="CPUs, at most 2",
    help="Server processes sharing the port.",
)
def serve_cmd(index_dir: Path | None, host: str, port: int, threads: int, processes: int) -> None:
    """Serve the search page and /api/search with waitress."""
    from .web import create_app
    from .web.server import serve

    target = _open_or_fail(index_dir or storage.default_index_dir())
    app = create_app({"INDEX_DIR": target})
    app.extensions["coopsearch"].warm_up()  # build the index snapshot once, before the workers fork
    click.echo(f"coopsearch: serving {target} on http://{host}:{port}/ ({processes} × {threads} threads)", err=True)
    try:
        serve(app, host, port, threads=threads, processes=processes, after_fork=app.extensions["coopsearch"].after_fork)
    except OSError as e:
        _fail(f"cannot listen on {host}:{port}: {e.strerror or e}", 1)


if __name__ == "__main__":
    main()
