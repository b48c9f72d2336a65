"""Ingest: read -> extract -> graph -> check -> store, streamed in batches.

Extraction is a pure function from an article to its named graph as N-Quads
(``article_nquads``), so it can run in worker processes (``workers``) or on a
Dask cluster (``newsprov.distributed``). Articles are taken ``batch_size`` at a
time: each batch's graphs are checked with SHACL together, then written in one
transaction. Memory is bounded by a batch, not by the corpus. ``progress``, if
given, hears of each article (kind "article"), each refused one ("refused") and
the start of the linking ("phase").

A batch lands whole or not at all, and so does an ingest that fits in one batch.
A longer ingest that stops (an article fails SHACL, Ctrl-C, a crash) keeps the
batches that landed, each made of whole articles; running it again skips them,
since an article whose fingerprint (text, metadata, extractor and lexicons) is
already in the store is not extracted again. Figure links, inferred roots and
reference matches are recomputed once at the end, and again by the next ingest
whenever the articles they were computed from have changed.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .check import engine_name
from .distributed import DaskWorkers
from .errors import InvalidGraphError, StoppedError, StoreError, setting
from .ids import article_iri
from .model import Article
from .work import WORKER, fingerprint, init_worker, work

DEFAULT_BATCH = 500


@dataclass
class IngestSummary:
    articles: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    refused: list[dict] = field(default_factory=list)
    claims: int = 0
    attributions: int = 0
    entities: int = 0
    triples: int = 0
    warnings: int = 0
    batches: int = 0  # batches written
    figure_links: int = 0  # across the whole store, after this ingest
    inferred_roots: int = 0
    reference_matches: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


class _Done:
    """A finished result with a future's interface, for work done in this process."""

    def __init__(self, value):
        self._value = value

    def result(self):
        return self._value


class Workers:
    """Extraction and SHACL on ``count`` processes, or in this one when ``count`` is 1."""

    def __init__(self, count: int, gazetteers: tuple[str, ...], shacl: str | None, pipeline=None):
        self.count = max(1, count)
        self.setup = (gazetteers, shacl, pipeline)
        self.pool = None
        self.ready = False

    def submit(self, batch: list[tuple[Article, str, str]]) -> list:
        """Start the work on one batch; the processes start with the first batch, not before."""
        gazetteers, shacl, pipeline = self.setup
        if self.count == 1:
            if not self.ready:
                if pipeline is None:
                    init_worker(gazetteers, shacl)
                else:
                    WORKER.update(pipeline=pipeline, shacl=shacl)
                self.ready = True
            return [_Done(work(batch))]
        if self.pool is None:
            # spawn, not fork: the parent holds an open database
            self.pool = ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=init_worker, initargs=(gazetteers, shacl))
        size = max(1, -(-len(batch) // (self.count * 4)))  # a few chunks per worker evens out their load
        return [self.pool.submit(work, batch[i:i + size]) for i in range(0, len(batch), size)]

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=not cancel, cancel_futures=cancel)
            self.pool = None


# -- the ingest --------------------------------------------------------------------------------

def _batches(articles: Iterable[Article], known: dict[str, str], gazetteers: tuple[str, ...], size: int,
             summary: IngestSummary, progress) -> Iterator[list[tuple[Article, str, str]]]:
    """Batches of (article, fingerprint, label) that need work; unchanged articles are counted here."""
    total = len(articles) if hasattr(articles, "__len__") else None
    batch: list[tuple[Article, str, str]] = []
    for article in articles:
        summary.articles += 1
        label = f"[{summary.articles}{f'/{total}' if total else ''}] {article.source_file or article.id}"
        stamp = fingerprint(article, gazetteers)
        if known.get(article_iri(article.id)) == stamp:
            summary.unchanged += 1
            if progress:
                progress(f"{label}: unchanged", "article")
            continue
        batch.append((article, stamp, label))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(articles: Iterable[Article], store, pipeline=None, gazetteers: tuple[str, ...] = (),
           skip_invalid: bool = False, progress: Callable[[str, str], None] | None = None, workers: int = 1,
           batch_size: int = DEFAULT_BATCH, shacl: str | None = None, scheduler: str | None = None) -> IngestSummary:
    """Ingest ``articles`` (any iterable, read lazily) into ``store``; see the module's docstring.

    The work runs in this process (``workers`` 1), in ``workers`` processes, or on the
    Dask cluster whose scheduler is at ``scheduler``."""
    shacl = engine_name(shacl)
    summary = IngestSummary()
    known = store.fingerprints()
    if scheduler:
        pool = DaskWorkers(scheduler, tuple(gazetteers), shacl)
    else:
        pool = Workers(workers, tuple(gazetteers), shacl, pipeline)
    in_flight: deque[list] = deque()
    try:
        batches = _batches(articles, known, tuple(gazetteers), max(1, batch_size), summary, progress)
        for batch in batches:
            in_flight.append(pool.submit(batch))
            if len(in_flight) > 1:  # the next batch is extracted while this one is written
                _land(in_flight.popleft(), store, known, summary, skip_invalid, progress)
        while in_flight:
            _land(in_flight.popleft(), store, known, summary, skip_invalid, progress)
    except BaseException as exc:
        pool.close(cancel=True)
        if isinstance(exc, KeyboardInterrupt):
            landed = summary.added + summary.replaced
            raise StoppedError(
                f"interrupted: {landed} article(s) in {summary.batches} whole batch(es) had landed and stay "
                f"({summary.unchanged} unchanged); nothing of the batch in progress was written. Run the same "
                f"command again to finish: it skips what landed") from None
        if isinstance(exc, StoreError) and summary.batches:
            raise StoreError(f"{exc.message}; in all {summary.added + summary.replaced} article(s) in "
                             f"{summary.batches} whole batch(es) had landed and stay, and a rerun skips them") from None
        raise
    pool.close()
    if progress:
        progress("linking figures across articles", "phase")
    try:
        refresh_derived(store, summary, force=bool(summary.added or summary.replaced))
    except KeyboardInterrupt:
        raise StoppedError(
            f"interrupted while linking figures: all {summary.added + summary.replaced} new or changed article(s) "
            f"had landed; the figure links are stale until the next ingest, which computes them again") from None
    return summary


def _land(futures: list, store, known: dict[str, str], summary: IngestSummary, skip_invalid: bool, progress) -> None:
    """Write one batch, once all its chunks are back, in one transaction."""
    pending: dict[str, str] = {}
    stamps: dict[str, str] = {}
    batch_counts = IngestSummary()
    for future in futures:
        items, warnings = future.result()
        batch_counts.warnings += warnings
        for item in items:
            if item.violations:
                summary.refused.append({"article": item.label, "violations": item.violations,
                                        "first": item.first_violation})
                if progress:
                    progress(f"{item.label}: REFUSED, {item.violations} SHACL violations", "refused")
                continue
            pending[item.iri] = item.ntriples
            stamps[item.iri] = item.stamp
            if item.iri in known:
                batch_counts.replaced += 1
            else:
                batch_counts.added += 1
            batch_counts.claims += item.claims
            batch_counts.attributions += item.attributions
            batch_counts.entities += item.entities
            batch_counts.triples += item.triples
            if progress:
                progress(f"{item.label}: {item.claims} claims, {item.attributions} attributions, "
                         f"{item.triples} triples", "article")
    if summary.refused and not skip_invalid:
        first = summary.refused[0]
        landed = summary.added + summary.replaced
        where = (f"{landed} article(s) of earlier batches had landed and stay (a rerun skips them); nothing of "
                 f"this batch was written" if landed else "nothing was written")
        raise InvalidGraphError(
            f"{len(summary.refused)} article(s) failed SHACL validation (first: {first['article']}: "
            f"{first['first']}); {where}. Run `newsprov extract` on it to inspect, "
            f"or pass {setting('skip_invalid')} to ingest the others")
    try:
        if any(iri in known for iri in pending):
            store.replace_graphs(pending)  # drops the old graphs and adds the new, in one transaction
        else:
            store.add_graphs(pending)
    except StoreError as exc:
        if exc.landed:  # the transaction is in, only flushing it failed
            _count(summary, batch_counts)
        raise
    known.update(stamps)
    _count(summary, batch_counts)


def _count(summary: IngestSummary, batch: IngestSummary) -> None:
    summary.batches += 1
    for name in ("added", "replaced", "claims", "attributions", "entities", "triples", "warnings"):
        setattr(summary, name, getattr(summary, name) + getattr(batch, name))


def refresh_derived(store, summary: IngestSummary | None = None, force: bool = False) -> None:
    """Recompute figure links, inferred roots and reference matches when the articles they were
    computed from are not the articles in the store (or when ``force``)."""
    from . import derived  # lazily: it loads the lexicons, which only an ingest that changed articles needs

    if not force and not derived.is_stale(store):
        return
    links, inferred, matches = derived.refresh(store)
    if summary is not None:
        summary.figure_links, summary.inferred_roots, summary.reference_matches = links, inferred, matches
