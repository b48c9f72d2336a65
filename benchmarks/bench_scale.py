"""Scale benchmark: a generated corpus of N articles, end to end, against a naive baseline.

    make bench N=10000            # or: .venv/bin/python benchmarks/bench_scale.py --articles 10000

One run measures, on a corpus from benchmarks/corpusgen (benchmarks/corpus_gen.py):
- ingest throughput (extract + RDF + SHACL + store) with --workers W, as a whole command,
  and the peak memory of the command and its worker processes together;
- the store's size on disk and its triple count;
- `trace` latency in process (p50, p95 over figures drawn from the gold) and as a whole command;
- each shipped example SPARQL query; Turtle export throughput; re-ingest of the unchanged corpus;
- extraction accuracy (newsprov eval on an evenly spread sample) and entity merging across
  articles (purity and inverse purity of the store's entities against the generator's);
- the naive baseline on the first B articles: an rdflib in-memory graph, pySHACL per article.
It prints a table and writes JSON (benchmarks/results/scale-N.json by default).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from corpusgen import generate  # noqa: E402  (the generator package beside this script)

COMMAND = str(Path(sys.executable).with_name("newsprov"))


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total


def run_measured(args: list[str]) -> tuple[float, int, str]:
    """(wall seconds, peak memory of the process tree in bytes, stdout) of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}): {err.strip().splitlines()[-1:]}")
    return elapsed, peak[0], out


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def sample_figures(corpus: Path, count: int) -> list[str]:
    """Figures to trace (their values, as a user would type them), drawn evenly from the gold."""
    golds = sorted((corpus / "gold").glob("*.gold.json"))
    step = max(1, len(golds) // count)
    texts = []
    for path in golds[::step][:count]:
        figures = [f for f in json.loads(path.read_text())["figures"] if f["value"] >= 100]
        if figures:
            value = figures[len(figures) // 2]["value"]
            texts.append(str(int(value)) if value == int(value) else str(value))
    return texts


def baseline(corpus: Path, count: int) -> dict:
    """The naive way: rdflib graph per article, pySHACL per article, one in-memory rdflib graph."""
    from rdflib import Graph

    from newsprov.check import validate
    from newsprov.extract.pipeline import Pipeline
    from newsprov.graph.build import build_graph
    from newsprov.work import fingerprint
    from newsprov.read import iter_articles

    pipeline = Pipeline()
    articles = []
    for article in iter_articles([corpus], check_first=False):
        articles.append(article)
        if len(articles) >= count:
            break
    store = Graph()
    started = time.perf_counter()
    for article in articles:
        graph = build_graph(pipeline.run(article), pipeline.publisher_entity(article.publisher), fingerprint(article))
        conforms, _results, _findings = validate(graph, "pyshacl")
        if conforms:
            store += graph
    elapsed = time.perf_counter() - started
    return {"articles": len(articles), "seconds": elapsed, "articles_per_s": len(articles) / elapsed,
            "triples": len(store)}


def entity_merging(corpus: Path, store_path: Path) -> dict:
    """Purity (a store entity's mentions are one generated entity) and inverse purity (a generated
    entity's mentions are one store entity), over the generator's invented people and units."""
    import hashlib
    from collections import Counter, defaultdict

    from newsprov.graph.store import GraphStore

    mentions = [json.loads(line) for line in (corpus / "entities.jsonl").read_text().splitlines() if line.strip()]
    ids: dict[str, str] = {}
    iris = {}
    for m in mentions:
        if m["file"] not in ids:
            text = (corpus / m["file"]).read_text(encoding="utf-8").replace("\r\n", "\n")
            ids[m["file"]] = hashlib.sha256(text.encode()).hexdigest()[:16]
        iris[f"https://w3id.org/newsprov/id/mention/{ids[m['file']]}-{m['start']}-{m['end']}"] = m["entity"]
    found: dict[str, str] = {}
    with GraphStore(store_path, read_only=True) as store:
        keys = sorted(iris)
        for i in range(0, len(keys), 2000):
            values = " ".join(f"<{k}>" for k in keys[i:i + 2000])
            for row in store.select("SELECT ?m ?e WHERE { VALUES ?m { " + values + " } "
                                    "?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e }"):
                found[row["m"]] = row["e"]
    by_store, by_gold = defaultdict(Counter), defaultdict(Counter)
    for mention, entity in found.items():
        by_store[entity][iris[mention]] += 1
        by_gold[iris[mention]][entity] += 1
    total = len(found) or 1
    return {"mentions": len(iris), "found": len(found),
            "purity": sum(c.most_common(1)[0][1] for c in by_store.values()) / total,
            "inverse_purity": sum(c.most_common(1)[0][1] for c in by_gold.values()) / total,
            "store_entities": len(by_store), "gold_entities": len(by_gold)}


def accuracy(corpus: Path, sample: int) -> dict:
    """newsprov eval on every k-th gold file, so the sample spans the corpus."""
    golds = sorted((corpus / "gold").glob("*.gold.json"))
    step = max(1, len(golds) // sample)
    chosen = Path(tempfile.mkdtemp(prefix="newsprov-gold-"))
    try:
        for path in golds[::step][:sample]:
            (chosen / path.name).symlink_to(path)
        out = subprocess.run([COMMAND, "eval", str(chosen), "--texts", str(corpus), "-f", "json"],
                             capture_output=True, text=True, check=True).stdout
    finally:
        shutil.rmtree(chosen)
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline", type=int, default=100, help="articles for the naive baseline (0: skip)")
    parser.add_argument("--traces", type=int, default=50)
    parser.add_argument("--eval-sample", type=int, default=500)
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus and store (default: a temp folder)")
    parser.add_argument("--json", type=Path, default=None)
    options = parser.parse_args()

    work = options.work or Path(tempfile.mkdtemp(prefix="newsprov-bench-"))
    corpus, store = work / f"corpus-{options.articles}", work / f"store-{options.articles}.db"
    result: dict = {"articles": options.articles, "workers": options.workers,
                    "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
    if not (corpus / "metadata.csv").is_file():
        started = time.perf_counter()
        generate(options.articles, corpus, seed=0)
        result["generate_s"] = time.perf_counter() - started
    shutil.rmtree(store, ignore_errors=True)

    seconds, peak, out = run_measured([COMMAND, "ingest", "-q", "-f", "json", "--workers", str(options.workers),
                                       "--store", str(store), str(corpus)])
    summary = json.loads(out)
    result["ingest"] = {"seconds": seconds, "articles_per_s": options.articles / seconds, "peak_rss_mb": peak / 2**20,
                        "triples": summary["store_triples"], "figure_links": summary["figure_links"],
                        "refused": len(summary["refused"])}
    result["store_mb"] = folder_size(store) / 2**20

    seconds, _peak, out = run_measured([COMMAND, "ingest", "-q", "-f", "json", "--store", str(store), str(corpus)])
    result["reingest"] = {"seconds": seconds, "speedup": result["ingest"]["seconds"] / seconds,
                          "unchanged": json.loads(out)["unchanged"]}

    from newsprov.analyse.trace import trace
    from newsprov.errors import NotFoundError
    from newsprov.graph.store import GraphStore
    from newsprov.queries import example_queries, load_example, run_query

    figures = sample_figures(corpus, options.traces)
    latencies, missing = [], 0
    with GraphStore(store, read_only=True) as opened:
        for text in figures:
            started = time.perf_counter()
            try:
                trace(opened, text)
            except NotFoundError:
                missing += 1
                continue
            latencies.append(time.perf_counter() - started)
        queries = {}
        for name, _description in example_queries():
            started = time.perf_counter()
            kind, payload = run_query(opened, load_example(name))
            queries[name] = {"seconds": time.perf_counter() - started, "rows": len(payload) if kind == "rows" else None}
    commands = [run_measured([COMMAND, "trace", text, "--store", str(store)])[0] for text in figures[:10]]
    result["trace"] = {"figures": len(figures), "not_found": missing, "p50_ms": percentile(latencies, 0.5) * 1000,
                       "p95_ms": percentile(latencies, 0.95) * 1000, "command_p50_s": statistics.median(commands)}
    result["queries"] = queries

    target = work / "export.ttl"
    seconds, peak, _out = run_measured([COMMAND, "export", "-f", "turtle", "-o", str(target), "--store", str(store)])
    result["export"] = {"seconds": seconds, "triples_per_s": summary["store_triples"] / seconds,
                        "mb": target.stat().st_size / 2**20, "peak_rss_mb": peak / 2**20}
    target.unlink()

    evaluation = accuracy(corpus, options.eval_sample)
    result["accuracy"] = {k: v for k, v in evaluation["metrics"].items() if isinstance(v, (int, float))}
    result["entities"] = entity_merging(corpus, store)
    if options.baseline:
        result["baseline"] = baseline(corpus, options.baseline)
        result["speedup_vs_baseline"] = result["ingest"]["articles_per_s"] / result["baseline"]["articles_per_s"]

    print_table(result)
    target = options.json or ROOT / "benchmarks" / "results" / f"scale-{options.articles}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {target}")


def print_table(r: dict) -> None:
    rows = [
        ("ingest, end to end", f"{r['ingest']['articles_per_s']:.1f} articles/s ({r['ingest']['seconds']:.1f} s, "
                               f"{r['workers']} workers)"),
        ("peak memory (ingest, all processes)", f"{r['ingest']['peak_rss_mb']:.0f} MB"),
        ("store", f"{r['ingest']['triples']:,} triples, {r['store_mb']:.0f} MB on disk"),
        ("re-ingest, unchanged", f"{r['reingest']['seconds']:.1f} s ({r['reingest']['speedup']:.0f}x faster)"),
        ("trace, in process", f"p50 {r['trace']['p50_ms']:.1f} ms, p95 {r['trace']['p95_ms']:.1f} ms"),
        ("trace, whole command", f"p50 {r['trace']['command_p50_s']:.2f} s"),
        *((f"query {name}", f"{q['seconds']:.2f} s") for name, q in r["queries"].items()),
        ("Turtle export", f"{r['export']['triples_per_s']:,.0f} triples/s ({r['export']['seconds']:.1f} s)"),
        ("entities merged (purity / inverse)", f"{r['entities']['purity']:.3f} / {r['entities']['inverse_purity']:.3f}"),
    ]
    accuracy = r["accuracy"]
    keys = [k for k in ("figure_f1", "first_hop_accuracy", "chain_accuracy") if k in accuracy]
    if keys:
        rows.append(("extraction (eval sample)", ", ".join(f"{k} {accuracy[k]:.3f}" for k in keys)))
    if "baseline" in r:
        rows.append(("naive baseline (rdflib + pySHACL per article)",
                     f"{r['baseline']['articles_per_s']:.2f} articles/s on {r['baseline']['articles']}"))
        rows.append(("speed-up over the baseline", f"{r['speedup_vs_baseline']:.0f}x"))
    width = max(len(k) for k, _ in rows)
    print(f"{r['articles']:,} articles on {r['machine']}")
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
