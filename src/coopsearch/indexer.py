"""Build and update the index: read documents, extract entities, write Whoosh; incremental by hash."""
from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Any

from tqdm import tqdm
from whoosh import index as whoosh_index
from whoosh.writing import IndexWriter

from . import storage
from .analysis import Analyzed, analyzed, join_analyzed
from .corpus import Document, Problem, is_feed, read_paths
from .entities import extract_batch, warm_up
from .neardup import Grouper, signature
from .schema import FACET_SEPARATOR, FACETS, NO_DAY, build_schema

# Bump when analysis or extraction changes, so that unchanged files are re-indexed.
PIPELINE_VERSION = "3"  # 2: near-duplicate signatures; 3: text cleaning, organization facet, facet rules
PARALLEL_MIN_DOCS = 64  # below this many changed documents, one process is faster
_CHUNK = 16

# Told each step of a run (step, documents): "open" (documents in the index), "write" (written so
# far, every 16), "commit" and "publish" (written; publish for a new generation only), "done" (in the index).
Events = Callable[[str, int], None]


@dataclass
class IndexReport:
    """What an indexing run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    undated: int = 0  # documents read without a date (none in metadata, no dateline)
    grouped: int = 0  # documents written into an existing near-duplicate group
    problems: list[Problem] = field(default_factory=list)
    total: int = 0  # documents in the index afterwards
    seconds: float = 0.0
    rebuilt: bool = False

    @property
    def skipped(self) -> int:
        """Files or records that were reported and not indexed."""
        return sum(1 for p in self.problems if p.skipped)

    @property
    def kept_with_notes(self) -> int:
        """Input problems that were fixed on reading (bad bytes replaced, text cut, date dropped)."""
        return len(self.problems) - self.skipped

    @property
    def docs_per_second(self) -> float:
        """Documents read (added, updated or unchanged) per second."""
        return (self.added + self.updated + self.unchanged) / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        """One line for logs: counts, rate and where problems were."""
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"deleted {self.deleted}, skipped {self.skipped}, warnings {self.kept_with_notes}, "
            f"undated {self.undated}, near-duplicates {self.grouped}; {self.total} documents in the index; "
            f"{self.seconds:.1f} s ({self.docs_per_second:.0f} docs/s)"
        )


@dataclass(frozen=True)
class Pipeline:
    """How documents are analysed: NER on or off, and the user's organisation alias file."""

    ner: bool = True
    aliases: str | None = None

    def signature(self) -> str:
        """Changes whenever the pipeline would extract something else (version, NER, alias file)."""
        alias_text = Path(self.aliases).read_text(encoding="utf-8") if self.aliases else ""
        return json.dumps([PIPELINE_VERSION, self.ner, hashlib.sha1(alias_text.encode()).hexdigest()])


def content_hash(doc: Document, signature: str) -> str:
    """Hash of everything indexed from a document, plus the pipeline signature."""
    payload = json.dumps(
        [signature, doc.title, doc.summary, doc.text, doc.url, doc.date, doc.source, doc.origin],
        ensure_ascii=False,
    )
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


@dataclass
class Prepared:
    """A document analysed for indexing: tokenized fields and entity facets."""

    doc: Document
    digest: str
    title: Analyzed
    summary: Analyzed
    body: Analyzed
    full: Analyzed  # title, summary and body joined: the exact-form field
    signature: bytes  # MinHash of the body's lemma shingles (neardup.py)


def prepare_batch(items: list[tuple[Document, str]], pipeline: Pipeline) -> list[Prepared]:
    """Tokenize documents once and extract their entities, NER batched (runs in worker processes)."""
    fields = [(analyzed(d.title), analyzed(d.summary), analyzed(d.text)) for d, _ in items]
    fulls = [(join_analyzed(list(f)), len(f[0]) + 2) for f in fields]
    out = []
    for (doc, digest), (title, summary, body), (full, _), ents in zip(
        items, fields, fulls, extract_batch(fulls, ner=pipeline.ner, aliases=pipeline.aliases)
    ):
        for attr in FACETS.values():
            setattr(doc, attr, getattr(ents, attr))
        out.append(Prepared(doc, digest, title, summary, body, full, signature(body.lemmas or title.lemmas)))
    return out


def _fields(p: Prepared, group: str) -> dict[str, object]:
    doc = p.doc
    day = date.fromisoformat(doc.date).toordinal() if doc.date else NO_DAY
    fields: dict[str, object] = {
        "id": doc.id,
        "origin": doc.origin,
        "hash": p.digest.encode("ascii"),
        "title": p.title,
        "_stored_title": doc.title,
        "summary": p.summary,
        "_stored_summary": doc.summary,
        "body": p.body,
        "_stored_body": doc.text,
        "exact": p.full,
        "url": doc.url,
        "source": doc.source,
        "date": doc.date,
        "day": day,
        "group": group,
        "minhash": p.signature,
    }
    for facet, attr in FACETS.items():
        fields[facet] = FACET_SEPARATOR.join(getattr(doc, attr))
    return fields


def indexed_documents(ix: whoosh_index.Index) -> dict[str, tuple[str, str]]:
    """id → (hash, origin) of the documents in an index, read from columns."""
    result: dict[str, tuple[str, str]] = {}
    with ix.reader() as reader:
        ids, origins, hashes = (reader.column_reader(name) for name in ("id", "origin", "hash"))
        for docnum in reader.all_doc_ids():
            result[ids[docnum]] = (hashes[docnum].decode("ascii"), origins[docnum])
    return result


def _grouper(ix: whoosh_index.Index) -> Grouper:
    """A near-duplicate grouper loaded with the (id, group, signature) of every indexed document."""
    with ix.reader() as reader:
        if "minhash" not in reader.schema:
            return Grouper()
        ids, groups, sigs = (reader.column_reader(name) for name in ("id", "group", "minhash"))
        return Grouper((ids[d], groups[d], sigs[d]) for d in reader.all_doc_ids())


def _in_scope(origin: str, roots: list[Path]) -> bool:
    path = Path(origin)
    return any(path == root or root in path.parents for root in roots)


def _changed(
    items: Iterable[Document | Problem],
    existing: dict[str, tuple[str, str]],
    report: IndexReport,
    first_seen: dict[str, str],
    bar: tqdm,
    signature: str,
) -> Iterator[tuple[Document, str]]:
    """Documents to (re)write; counts unchanged ones, reports problems and duplicate ids.

    Fills `first_seen` (id → file[:line]) with every document read.
    """
    for item in items:
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        where = f"{item.origin}:{item.line}" if item.line else item.origin
        if item.id in first_seen:
            if is_feed(item.origin):
                continue  # the same item in another copy of a feed
            report.problems.append(Problem(item.origin, item.line, f"duplicate id {item.id!r} (first in {first_seen[item.id]})"))
            continue
        first_seen[item.id] = where
        report.undated += not item.date
        digest = content_hash(item, signature)
        old = existing.get(item.id)
        if old and old[0] == digest:
            report.unchanged += 1
            bar.update()
            continue
        yield item, digest


def _chunks(items: Iterable[tuple[Document, str]], size: int) -> Iterator[list[tuple[Document, str]]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _worker_signals() -> None:
    """Workers leave Ctrl-C to the main process (which cancels the run and ends the pool) and die
    on the pool's SIGTERM, whatever handlers the main process had installed before forking."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _prepared(items: Iterable[tuple[Document, str]], workers: int, pipeline: Pipeline) -> Iterator[Prepared]:
    """Prepare documents in chunks, in a pool of `workers` processes once there are enough of them."""
    chunks = _chunks(items, _CHUNK)
    head = list(islice(chunks, PARALLEL_MIN_DOCS // _CHUNK))
    work = functools.partial(prepare_batch, pipeline=pipeline)
    if workers <= 1 or len(head) < PARALLEL_MIN_DOCS // _CHUNK:
        for chunk in chain(head, chunks):
            yield from work(chunk)
        return
    warm_up(ner=pipeline.ner, aliases=pipeline.aliases)  # load models once, before forking
    with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals) as pool:
        for batch in pool.imap(work, chain(head, chunks)):
            yield from batch


def index_paths(paths: Iterable[Path], index_dir: Path, **options: Any) -> IndexReport:
    """Index files and folders into `index_dir`: add new, update changed, delete vanished documents.

    With `rebuild` (or when no index exists yet) a new generation is built and swapped in
    atomically; otherwise changes are committed into the live generation. Options are those
    of :func:`index_documents`.
    """
    roots = [Path(p).resolve() for p in paths]
    return index_documents(read_paths(roots), index_dir, roots=roots, **options)


def index_documents(
    items: Iterable[Document | Problem],
    index_dir: Path,
    *,
    roots: Iterable[Path] = (),
    rebuild: bool = False,
    workers: int | None = None,
    progress: bool | None = False,
    lock_timeout: float | None = None,
    pipeline: Pipeline = Pipeline(),
    events: Events | None = None,
) -> IndexReport:
    """Index documents (problems are only reported) into `index_dir`.

    Documents already indexed and not among `items` are deleted when their origin file lies
    under one of `roots` or no longer exists. `events` is told each step (see :data:`Events`).
    """
    tell: Events = events or (lambda step, documents: None)
    roots = [Path(p).resolve() for p in roots]
    workers = workers or min(2, os.cpu_count() or 1)
    report = IndexReport()
    started = time.monotonic()
    with storage.indexer_lock(index_dir, lock_timeout):
        live = storage.current_generation(index_dir)
        storage.remove_stale(index_dir, keep={live.name} if live else set())
        fresh = rebuild or live is None
        if fresh:
            target = storage.new_generation(index_dir)
            ix = whoosh_index.create_in(str(target), build_schema())
            existing: dict[str, tuple[str, str]] = {}
        else:
            assert live is not None
            ix = storage.open_index(index_dir, readonly=False)
            existing = indexed_documents(ix)
        writer = ix.writer(limitmb=256)
        for name, fieldtype in build_schema().items():
            if name not in ix.schema:  # an index built before a field existed (grouping, organization)
                writer.add_field(name, fieldtype)
        tell("open", len(existing))
        try:
            _write(ix, writer, items, roots, existing, report, workers, progress, fresh, pipeline, tell)
            tell("commit", report.added + report.updated)
            writer.commit()
        except BaseException:
            writer.cancel()
            if fresh:
                shutil.rmtree(target, ignore_errors=True)
            raise
        if fresh:
            tell("publish", report.added)
            storage.publish(index_dir, target)
        with storage.open_index(index_dir).reader() as reader:
            report.total = reader.doc_count()
        tell("done", report.total)
    report.rebuilt = fresh
    report.seconds = time.monotonic() - started
    return report


def _write(
    ix: whoosh_index.Index,
    writer: IndexWriter,
    items: Iterable[Document | Problem],
    roots: list[Path],
    existing: dict[str, tuple[str, str]],
    report: IndexReport,
    workers: int,
    progress: bool | None,
    fresh: bool,
    pipeline: Pipeline,
    tell: Events,
) -> None:
    seen: dict[str, str] = {}
    bar = tqdm(desc="indexing", unit="doc", disable=not progress if progress is not None else None)
    changed = _changed(items, existing, report, seen, bar, pipeline.signature())
    grouper: Grouper | None = None
    with bar:
        for p in _prepared(changed, workers, pipeline):
            grouper = grouper or (Grouper() if fresh else _grouper(ix))
            group = grouper.assign(p.doc.id, p.signature)
            report.grouped += group != p.doc.id
            fields = _fields(p, group)
            if fresh or p.doc.id not in existing:
                writer.add_document(**fields)
                report.added += 1
            else:
                writer.update_document(**fields)
                report.updated += 1
            bar.update()
            if (report.added + report.updated) % _CHUNK == 0:
                tell("write", report.added + report.updated)
    for doc_id, (_, origin) in existing.items():
        if doc_id in seen:
            continue
        # Items that left a feed file stay (feeds roll over); a deleted feed file takes its items along.
        keep_items = is_feed(origin) and os.path.exists(origin)
        if origin and not keep_items and (_in_scope(origin, roots) or not os.path.exists(origin)):
            writer.delete_by_term("id", doc_id)
            report.deleted += 1
