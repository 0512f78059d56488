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
from .ingest import Document, Problem, is_feed, read_paths
from .entities import EntityConfig, Extractor, extractor
from .neardup import Grouper, new_group_key, signature
from .schema import FACET_SEPARATOR, FACETS, NO_DAY, build_schema

# Bump when analysis or extraction changes, so that unchanged files are re-indexed.
PIPELINE_VERSION = "4"  # 2: near-duplicate signatures; 3: text cleaning, organization facet, facet rules; 4: stored mentions
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

    def entity_config(self) -> EntityConfig:
        """The entity configuration with the alias file read now: once per run, so that the signature,
        the extraction and the record saved with the index all see the same table."""
        return EntityConfig.read(self.ner, self.aliases)


def pipeline_signature(config: EntityConfig) -> str:
    """Changes whenever the pipeline would extract something else (version, NER, alias table)."""
    return json.dumps([PIPELINE_VERSION, config.ner, hashlib.sha1(config.aliases.encode()).hexdigest()])


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
    mentions: str  # JSON [[start, end, type, value], ...] of the body's mentions (the document page)


def prepare_batch(items: list[tuple[Document, str]], extractor: Extractor) -> list[Prepared]:
    """Tokenize documents once and extract their entities, NER batched (runs in worker processes)."""
    fields = [(analyzed(d.title), analyzed(d.summary), analyzed(d.text)) for d, _ in items]
    fulls = [(join_analyzed(list(f)), len(f[0]) + 2) for f in fields]
    out = []
    for (doc, digest), (title, summary, body), (full, _), ents in zip(
        items, fields, fulls, extractor.extract_batch(fulls)
    ):
        for facet in FACETS.values():
            setattr(doc, facet.key, getattr(ents, facet.key))
        body_start = len(summary) + 2  # mentions index summary + "\n\n" + body
        mentions = [[m.start - body_start, m.end - body_start, m.type, m.value] for m in ents.mentions if m.start >= body_start]
        sig = signature(body.lemmas or title.lemmas)
        out.append(Prepared(doc, digest, title, summary, body, full, sig, json.dumps(mentions, ensure_ascii=False)))
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
        "mentions": p.mentions,
    }
    for name, facet in FACETS.items():
        fields[name] = FACET_SEPARATOR.join(getattr(doc, facet.key))
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


def _prepared(items: Iterable[tuple[Document, str]], workers: int, config: EntityConfig) -> Iterator[Prepared]:
    """Prepare documents in chunks, in a pool of `workers` processes once there are enough of them."""
    chunks = _chunks(items, _CHUNK)
    head = list(islice(chunks, PARALLEL_MIN_DOCS // _CHUNK))
    if not head:
        return  # nothing changed: no models to load
    # Built (models loaded) once, before forking; workers get it pickled as its configuration (entities.Extractor).
    work = functools.partial(prepare_batch, extractor=extractor(config))
    if workers <= 1 or len(head) < PARALLEL_MIN_DOCS // _CHUNK:
        for chunk in chain(head, chunks):
            yield from work(chunk)
        return
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
    started = time.monotonic()
    with storage.indexer_lock(index_dir, lock_timeout):
        run = IndexRun(
            index_dir,
            roots=[Path(p).resolve() for p in roots],
            workers=workers or min(2, os.cpu_count() or 1),
            progress=progress,
            config=pipeline.entity_config(),
            tell=events or (lambda step, documents: None),
        )
        run.open(rebuild)
        run.write(items)
        run.finish()
    run.report.seconds = time.monotonic() - started
    return run.report


@dataclass
class IndexRun:
    """One indexing run under the indexer lock: open (a new generation or the live one), write
    the changed documents and delete vanished ones, commit, publish a new generation."""

    index_dir: Path
    roots: list[Path]
    workers: int
    progress: bool | None
    config: EntityConfig
    tell: Events
    report: IndexReport = field(default_factory=IndexReport)
    fresh: bool = False
    target: Path | None = None  # the new generation (first build, rebuild)
    existing: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (hash, origin) indexed before
    ix: whoosh_index.Index | None = None
    writer: IndexWriter | None = None

    def open(self, rebuild: bool) -> None:
        """Drop crash leftovers; open a writer on a new generation or on the live one."""
        live = storage.current_generation(self.index_dir)
        storage.remove_stale(self.index_dir)
        self.fresh = self.report.rebuilt = rebuild or live is None
        if self.fresh:
            self.target = storage.new_generation(self.index_dir)
            self.ix = whoosh_index.create_in(str(self.target), build_schema())
        else:
            self.ix = storage.open_index(self.index_dir, readonly=False)
            self.existing = indexed_documents(self.ix)
        self.writer = self.ix.writer(limitmb=256)
        for name, fieldtype in build_schema().items():
            if name not in self.ix.schema:  # an index built before a field existed (grouping, organization)
                self.writer.add_field(name, fieldtype)
        self.tell("open", len(self.existing))

    def write(self, items: Iterable[Document | Problem]) -> None:
        """Write changed documents and delete vanished ones, then commit (nothing on failure)."""
        assert self.writer is not None
        try:
            seen = self._write_changed(items)
            self._delete_vanished(seen)
            self.tell("commit", self.report.added + self.report.updated)
            self.writer.commit()
        except BaseException:
            self.writer.cancel()
            if self.target is not None:
                shutil.rmtree(self.target, ignore_errors=True)
            raise

    def finish(self) -> None:
        """Publish a new generation; count the documents of the live index."""
        if self.target is not None:
            self.tell("publish", self.report.added)
            storage.publish(self.index_dir, self.target)
        with storage.open_index(self.index_dir).reader() as reader:
            self.report.total = reader.doc_count()
        self.tell("done", self.report.total)

    def _write_changed(self, items: Iterable[Document | Problem]) -> dict[str, str]:
        """Add or update the new and changed documents; returns every id seen (id → origin)."""
        assert self.ix is not None and self.writer is not None
        report, seen = self.report, {}
        bar = tqdm(desc="indexing", unit="doc", disable=not self.progress if self.progress is not None else None)
        changed = _changed(items, self.existing, report, seen, bar, pipeline_signature(self.config))
        grouper: Grouper | None = None
        with bar:
            for p in _prepared(changed, self.workers, self.config):
                grouper = grouper or (Grouper() if self.fresh else _grouper(self.ix))
                group = grouper.assign(p.doc.id, p.signature)
                report.grouped += group != new_group_key(p.doc.id, p.signature)
                fields = _fields(p, group)
                if self.fresh or p.doc.id not in self.existing:
                    self.writer.add_document(**fields)
                    report.added += 1
                else:
                    self.writer.update_document(**fields)
                    report.updated += 1
                bar.update()
                if (report.added + report.updated) % _CHUNK == 0:
                    self.tell("write", report.added + report.updated)
        return seen

    def _delete_vanished(self, seen: dict[str, str]) -> None:
        """Delete indexed documents not seen whose file lies under the roots or is gone."""
        assert self.writer is not None
        for doc_id, (_, origin) in self.existing.items():
            if doc_id in seen:
                continue
            # Items that left a feed file stay (feeds roll over); a deleted feed file takes its items along.
            keep_items = is_feed(origin) and os.path.exists(origin)
            if origin and not keep_items and (_in_scope(origin, self.roots) or not os.path.exists(origin)):
                self.writer.delete_by_term("id", doc_id)
                self.report.deleted += 1
