"""Extraction and ingest speed on the demo and test corpora.

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/bench_extract.py [--repeat 20] [--json out.json]

Measures, on one core, on the seed and test articles each brought to at least
500 words with paragraphs of the others: articles per second through the whole
extraction pipeline, the spaCy tokenizer alone (the ceiling), graph building,
SHACL validation, and a full ingest of the seeds into a fresh store.

Times are CPU time of this process (``time.process_time``), not wall time: on a
shared virtual machine the wall clock also counts time the host gives to
others, which made wall-clock rates vary twofold between identical runs.
"""
from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

from newsprov.check import validate
from newsprov.extract.pipeline import Pipeline
from newsprov.extract.tokens import tokenize
from newsprov.graph.build import build_graph
from newsprov.graph.store import GraphStore
from newsprov.ingest import ingest
from newsprov.read import article_from_text, read_articles

ROOT = Path(__file__).resolve().parents[1]


def _about(articles, words: int) -> list[str]:
    """Each article's text, continued with the paragraphs of the next ones up to ``words`` words."""
    paragraphs = [p for a in articles for p in a.text.splitlines() if p.strip()]
    texts, start = [], 0
    for a in articles:
        lines = a.text.splitlines()
        position = (start + len(lines)) % len(paragraphs)
        while len(" ".join(lines).split()) < words:
            lines.append(paragraphs[position])
            position = (position + 1) % len(paragraphs)
        texts.append("\n".join(lines) + "\n")
        start += len(lines)
    return texts


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    articles = read_articles([ROOT / "seeds", ROOT / "tests" / "corpus", ROOT / "tests" / "heldout"])
    articles = [article_from_text(text, publisher=a.publisher) for a, text in zip(articles, _about(articles, 500))]
    words = sum(len(a.text.split()) for a in articles)
    started = time.process_time()
    pipeline = Pipeline()
    load_seconds = time.process_time() - started

    batch = articles * args.repeat
    started = time.process_time()
    for article in batch:
        tokenize(article.text)
    tokenizer = time.process_time() - started

    started = time.process_time()
    extractions = [pipeline.run(article) for article in batch]
    extraction = time.process_time() - started

    started = time.process_time()
    graphs = [build_graph(x, pipeline.publisher_entity(x.article.publisher)) for x in extractions[: len(articles)]]
    building = time.process_time() - started
    started = time.process_time()
    for graph in graphs:
        validate(graph)
    shacl = time.process_time() - started

    with tempfile.TemporaryDirectory() as folder:
        seeds = read_articles([ROOT / "seeds"])
        with GraphStore(Path(folder) / "bench.db") as store:
            started = time.process_time()
            ingest(seeds, store, pipeline)
            first = time.process_time() - started
            started = time.process_time()
            ingest(seeds, store, pipeline)
            again = time.process_time() - started

    result = {
        "machine": f"{platform.processor() or platform.machine()}, {platform.system()}, Python {platform.python_version()}",
        "articles": len(articles), "mean_words": round(words / len(articles)), "repeat": args.repeat,
        "pipeline_load_s": round(load_seconds, 2),
        "tokenizer_articles_per_s": rate(len(batch), tokenizer),
        "extract_articles_per_s": rate(len(batch), extraction),
        "graph_build_articles_per_s": rate(len(graphs), building),
        "shacl_articles_per_s": rate(len(graphs), shacl),
        "ingest_seeds_s": round(first, 2), "reingest_unchanged_seeds_s": round(again, 3),
    }
    width = max(map(len, result))
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
