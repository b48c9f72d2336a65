"""The work done on each article, in whichever process does it: extraction, its RDF graph, SHACL.

``ingest`` runs it in this process or in a pool of processes, ``distributed`` on a Dask
cluster; each process builds its pipeline once (``init_worker``) and then takes chunks of
articles (``work``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import __version__
from .check import validate_ntriples
from .extract.lexicon import load_lexicons
from .extract.pipeline import Pipeline
from .graph.build import as_nquads, build_ntriples
from .ids import article_iri
from .model import Article


@dataclass
class Processed:
    """One article, extracted and turned into its graph: what a worker sends back."""
    iri: str
    label: str
    ntriples: str
    claims: int
    attributions: int
    entities: int
    triples: int
    stamp: str
    violations: int = 0  # SHACL violations: the graph is refused when there is any
    first_violation: str = ""


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


@cache
def _gazetteer_bytes(gazetteers: tuple[str, ...]) -> bytes:
    return b"".join(Path(extra).read_bytes() for extra in gazetteers)


def fingerprint(article: Article, gazetteers: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha256(_code_digest().encode())
    for value in (article.sha256, article.source_file, article.publisher, article.published, article.url, article.title):
        digest.update(b"\x00" + value.encode("utf-8"))
    digest.update(_gazetteer_bytes(tuple(gazetteers)))
    return digest.hexdigest()


def article_ntriples(article: Article, pipeline, stamp: str) -> Processed:
    """Extract one article and write its graph: a pure function of the article and the lexicons."""
    extraction = pipeline.run(article)
    text = build_ntriples(extraction, pipeline.publisher_entity(article.publisher), stamp)
    return Processed(article_iri(article.id), article.source_file or article.id, text, len(extraction.claims),
                     len(extraction.attributions), len(extraction.entities), text.count("\n"), stamp)


def article_nquads(article: Article, pipeline, gazetteers: tuple[str, ...] = ()) -> str:
    """One article as N-Quads in its own named graph, with its fingerprint: what ingest stores."""
    processed = article_ntriples(article, pipeline, fingerprint(article, gazetteers))
    return as_nquads(processed.iri, processed.ntriples)


def check_chunk(items: list[Processed], engine: str | None = None) -> tuple[list[Processed], int]:
    """SHACL on a chunk of article graphs together; only when they fail are they checked one by
    one, to name the articles at fault. Returns the items (refused ones marked) and the warnings."""
    if not items:
        return items, 0
    conforms, findings = validate_ntriples("".join(p.ntriples for p in items), engine)
    if conforms:
        return items, sum(f["severity"] == "Warning" for f in findings)
    warnings = 0
    for item in items:
        ok, own = validate_ntriples(item.ntriples, engine)
        violations = [f for f in own if f["severity"] == "Violation"]
        warnings += len(own) - len(violations)
        if not ok:
            item.violations, item.first_violation = len(violations), violations[0]["message"]
    return items, warnings


# -- work, in this process or in workers -------------------------------------------------------

WORKER: dict = {}


def init_worker(gazetteers: tuple[str, ...], shacl: str | None) -> None:
    WORKER["pipeline"] = Pipeline(load_lexicons(gazetteers))
    WORKER["shacl"] = shacl


def work(chunk: list[tuple[Article, str, str]]) -> tuple[list[Processed], int]:
    pipeline, shacl = WORKER["pipeline"], WORKER["shacl"]
    items = []
    for article, stamp, label in chunk:
        items.append(article_ntriples(article, pipeline, stamp))
        items[-1].label = label
    return check_chunk(items, shacl)
