"""Extraction and ingest speed on the demo and test corpora.

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/bench_extract.py [--repeat 10] [--rounds 5] [--json out.json]

Measures, on one core, on the seed and test articles each brought to at least
500 words with paragraphs of the others: articles per second through the
rule tokenizer alone, through the syntactic model alone (every component on
every sentence: the ceiling for any pipeline that runs the model), through the
model as extraction runs it (every sentence tagged, recognised and lemmatised,
only those with a cue parsed), through the whole extraction pipeline, through
the whole `newsprov extract --format jsonl` command on a folder of them
(start-up, reading and JSON included), graph building, SHACL validation, and a
full ingest of the seeds into a fresh store.

Times are CPU time (``time.process_time``, and the child's CPU time for the
command), not wall time: on a shared virtual machine the wall clock also counts
time the host gives to others. Rates are given for the median and the best of
``--rounds`` rounds, because the host's speed changes between rounds.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsprov.check import validate
from newsprov.extract.pipeline import Doc, Pipeline
from newsprov.extract.text import normalise, sentences
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


def _parsed(pipeline, article):
    doc = Doc(article)
    for step in pipeline.steps[:2]:
        step.run(pipeline, doc)
    return doc.parsed


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds else float("inf")


def rounds(count: int, how_many: int, work) -> dict:
    """Median and best rate of ``how_many`` rounds of ``work`` over ``count`` articles."""
    rates = []
    for _ in range(how_many):
        started = time.process_time()
        work()
        rates.append(rate(count, time.process_time() - started))
    return {"median": round(statistics.median(rates), 1), "best": max(rates)}


def command_rate(texts: list[str], how_many: int) -> dict:
    """Articles per CPU second of the whole ``newsprov extract`` command on a folder of the texts."""
    rates = []
    with tempfile.TemporaryDirectory() as folder:
        for i, text in enumerate(texts):
            # a last line that differs, or the reader would take the copies for one article
            tag = "".join("abcdefghij"[int(d)] for d in str(i))
            Path(folder, f"{i:05d}.txt").write_text(f"{text}Filed under {tag}.\n", encoding="utf-8")
        for _ in range(how_many):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-m", "newsprov", "extract", folder, "--format", "jsonl"],
                           check=True, stdout=subprocess.DEVNULL)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            rates.append(rate(len(texts), after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))
    return {"median": round(statistics.median(rates), 1), "best": max(rates)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="times each article appears in a round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    articles = read_articles([ROOT / "seeds", ROOT / "tests" / "corpus", ROOT / "tests" / "heldout"])
    articles = [article_from_text(text, publisher=a.publisher) for a, text in zip(articles, _about(articles, 500))]
    words = sum(len(a.text.split()) for a in articles)
    started = time.process_time()
    pipeline = Pipeline()
    load_seconds = time.process_time() - started

    batch = articles * args.repeat
    def each(work):  # results are dropped as they come, as the streaming command drops them
        def run_all():
            for article in batch:
                work(article)
        return run_all

    tokenizer = rounds(len(batch), args.rounds, each(lambda a: tokenize(a.text)))
    nlp = pipeline.syntax.nlp
    split = {id(a): [s.text for s in sentences(normalise(a.text))] for a in articles}
    model_alone = rounds(len(batch), args.rounds, each(lambda a: list(nlp.pipe(split[id(a)]))))

    def syntax_step(article):
        doc = Doc(article)
        for step in pipeline.steps[:2]:  # layout, syntax
            step.run(pipeline, doc)
    model_as_used = rounds(len(batch), args.rounds, each(syntax_step))
    parsed = [s.parsed for a in articles for s in _parsed(pipeline, a)]
    laid_out = {id(a): (normalise(a.text), sentences(normalise(a.text))) for a in articles}

    def figure_step(article):  # the figure finder alone, on the sentences layout found
        norm, spans = laid_out[id(article)]
        for span in spans:
            pipeline.figure_finder.find(norm, article.text, span)
    figures = rounds(len(batch), args.rounds, each(figure_step))
    # the figures step as extraction runs it (numbers, then each figure's subject and time), on
    # documents taken through the steps before it once
    at = [step.name for step in pipeline.steps].index("figures")
    ready = {}
    for article in articles:
        doc = Doc(article)
        for step in pipeline.steps[:at]:
            step.run(pipeline, doc)
        ready[id(article)] = doc

    def whole_figure_step(article):
        doc = ready[id(article)]
        doc.figures = []
        pipeline.steps[at].run(pipeline, doc)
    figures_whole = rounds(len(batch), args.rounds, each(whole_figure_step))
    extraction = rounds(len(batch), args.rounds, each(pipeline.run))
    command = command_rate([a.text for a in batch], max(1, args.rounds // 2))

    extractions = [pipeline.run(article) for article in articles]
    started = time.process_time()
    graphs = [build_graph(x, pipeline.publisher_entity(x.article.publisher)) for x in extractions]
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
        "rounds": args.rounds,
        "pipeline_load_s": round(load_seconds, 2),
        "tokenizer_articles_per_s": tokenizer,
        "model_alone_articles_per_s": model_alone,
        "model_as_used_articles_per_s": model_as_used,
        "sentences_parsed": f"{sum(parsed)} of {len(parsed)}",
        "figure_step_articles_per_s": figures,
        "figures_step_with_subjects_articles_per_s": figures_whole,
        "extract_articles_per_s": extraction,
        "extract_command_articles_per_s": command,
        "graph_build_articles_per_s": rate(len(graphs), building),
        "shacl_articles_per_s": rate(len(graphs), shacl),
        "ingest_seeds_s": round(first, 2), "reingest_unchanged_seeds_s": round(again, 3),
    }
    width = max(map(len, result))
    for key, value in result.items():
        shown = f"median {value['median']}, best {value['best']}" if isinstance(value, dict) else value
        print(f"{key:<{width}}  {shown}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
