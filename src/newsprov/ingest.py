"""Ingest: read -> extract -> graph -> check -> store, for a set of articles.

Each article becomes one named graph. All graphs of one ingest are validated
first and written in a single transaction: the ingest lands whole or not at
all. An article whose fingerprint (text, metadata, extractor and lexicons) is
already in the store is skipped without being extracted again.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable

from . import __version__
from .check import validate
from .errors import InvalidGraphError
from .extract.pipeline import Pipeline
from .graph.build import article_iri, build_graph
from .graph.store import GraphStore
from .model import Article


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
    figure_links: int = 0  # across the whole store, after this ingest
    inferred_roots: int = 0
    reference_matches: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@cache
def _code_digest() -> str:
    """Changes whenever the extractor, its lexicons or the graph mapping change."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*root.glob("extract/**/*"), root / "graph" / "build.py", root / "graph" / "vocab.py"]):
        if path.is_file() and path.suffix in (".py", ".jsonl"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(article: Article, gazetteers: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha256(_code_digest().encode())
    for value in (article.sha256, article.source_file, article.publisher, article.published, article.url, article.title):
        digest.update(b"\x00" + value.encode("utf-8"))
    for extra in gazetteers:
        digest.update(Path(extra).read_bytes())
    return digest.hexdigest()


def ingest(articles: list[Article], store: GraphStore, pipeline: Pipeline, gazetteers: tuple[str, ...] = (),
           skip_invalid: bool = False, progress: Callable[[str], None] | None = None) -> IngestSummary:
    summary = IngestSummary(articles=len(articles))
    known = store.fingerprints()
    pending: dict[str, str] = {}
    for number, article in enumerate(articles, 1):
        iri = str(article_iri(article.id))
        stamp = fingerprint(article, gazetteers)
        label = article.source_file or article.id
        if known.get(iri) == stamp:
            summary.unchanged += 1
            if progress:
                progress(f"[{number}/{len(articles)}] {label}: unchanged")
            continue
        extraction = pipeline.run(article)
        graph = build_graph(extraction, pipeline.publisher_entity(article.publisher), stamp)
        conforms, _results, findings = validate(graph)
        violations = [f for f in findings if f["severity"] == "Violation"]
        if not conforms:
            summary.refused.append({"article": label, "violations": len(violations),
                                    "first": violations[0]["message"] if violations else ""})
            if progress:
                progress(f"[{number}/{len(articles)}] {label}: REFUSED, {len(violations)} SHACL violations")
            continue
        summary.warnings += len(findings) - len(violations)
        pending[iri] = graph.serialize(format="nt")
        if iri in known:
            summary.replaced += 1
        else:
            summary.added += 1
        summary.claims += len(extraction.claims)
        summary.attributions += len(extraction.attributions)
        summary.entities += len(extraction.entities)
        summary.triples += len(graph)
        if progress:
            progress(f"[{number}/{len(articles)}] {label}: {len(extraction.claims)} claims, "
                     f"{len(extraction.attributions)} attributions, {len(graph)} triples")
    if summary.refused and not skip_invalid:
        first = summary.refused[0]
        raise InvalidGraphError(
            f"{len(summary.refused)} article(s) failed SHACL validation (first: {first['article']}: "
            f"{first['first']}); nothing was written. Run `newsprov extract` on it to inspect, "
            f"or pass --skip-invalid to ingest the others")
    store.replace_graphs(pending)
    if pending:
        # figure links, inferred roots and reference matches are derived from the whole store:
        # recomputed when it changed
        from .analyse.links import update_derived

        summary.figure_links, summary.inferred_roots, summary.reference_matches = update_derived(store)
    return summary
