"""Derived data: what newsprov computes from the whole store rather than from one article.

Figure links, inferred roots and reference matches are recomputed from the store's figures
(``analyse.links``, ``analyse.reference``) and written back in graphs of their own, each
stamped with the digest of its content, so only the graphs whose content changed are written;
the seal (the digest of the articles they were computed from) is written last, so a write cut
short reads as stale. This module is the one place that refreshes them: after an ingest that
changed an article, and after a reference series is added or removed.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .analyse.links import (
    LINKS_GRAPH,
    articles_digest,
    figure_facts,
    find_links,
    infer_roots,
    links_graphs,
)
from .analyse.reference import (
    MATCHES_GRAPH,
    compute_matches,
    drop_series,
    load_series,
    matches_ntriples,
    prepare_series,
    series_rows,
)
from .graph.base import Store
from .graph.vocab import NP


def is_stale(store: Store) -> bool:
    """Whether the derived graphs were computed from other articles than those in the store."""
    rows = store.select(f"SELECT ?d WHERE {{ GRAPH <{LINKS_GRAPH}> {{ <{LINKS_GRAPH}> <{NP.derivedFromArticles}> ?d }} }}")
    return [row["d"] for row in rows] != [articles_digest(store)]


def refresh(store: Store) -> tuple[int, int, int]:
    """Recompute what is derived from the whole store, figure links, inferred roots and
    reference matches, and write the graphs that changed; (links, inferred roots, matches).

    Each derived graph carries the digest of its content (np:graphDigest), so only graphs whose
    content differs are written. The seal, the digest of the articles, is written last, so a
    write cut short reads as stale."""
    facts = figure_facts(store)
    links = find_links(facts)
    inferred = infer_roots(facts, links)
    matches = compute_matches(store, facts)
    wanted = links_graphs(facts, links, inferred)
    wanted[MATCHES_GRAPH] = matches_ntriples(matches)
    counts = len(links), len(inferred), len(matches)
    del facts, links, inferred, matches  # hundreds of MB at 10,000 articles, not needed for the write
    stored = {row["g"]: row["d"] for row in store.select(
        f"SELECT ?g ?d WHERE {{ GRAPH ?g {{ ?g <{NP.graphDigest}> ?d }} }}")}
    changed: dict[str, str] = {}
    for iri, text in wanted.items():
        if not text:
            continue
        digest = hashlib.sha256(text.encode()).hexdigest()
        if stored.get(iri) != digest:
            changed[iri] = text + f'<{iri}> <{NP.graphDigest}> "{digest}" .\n'
    changed.update({iri: "" for iri in stored if not wanted.get(iri)})  # derived graphs with nothing left
    seal = f'<{LINKS_GRAPH}> <{NP.derivedFromArticles}> "{articles_digest(store)}" .\n'
    del wanted
    store.write_derived(changed, seal=(LINKS_GRAPH, seal))
    return counts


def add_series(store: Store, path: Path | str, source_label: str, measure_specs: list[str],
               credited_as: list[str] = (), timeout: float = 30.0) -> list[dict]:
    """Load columns of a series file, or of the file at an http(s) URL, into the store (replacing
    the same source's same columns) and recompute the matches; one summary row per series."""
    built = load_series(store, path, source_label, measure_specs, credited_as, timeout)
    refresh(store)
    return series_rows(store, built)


def add_series_files(store: Store, plan: list, timeout: float = 30.0) -> list[dict]:
    """Load several series files (``plan``: (path or URL, ``analyse.reference.SeriesFile``) pairs) in one
    transaction, after every download has come back whole, then recompute the matches: a download
    that fails leaves the store as it was."""
    prepared = [prepare_series(store, where, settings.source, list(settings.measures), list(settings.credited_as),
                               timeout) for where, settings in plan]
    store.replace_graphs({iri: text for _, graphs in prepared for iri, text in graphs.items()})
    refresh(store)
    return [row for built, _ in prepared for row in series_rows(store, built)]


def remove_series(store: Store, which: str) -> list[str]:
    """Drop the series whose IRI, label or column is WHICH, and recompute the matches; the IRIs removed."""
    gone = drop_series(store, which)
    refresh(store)
    return gone
