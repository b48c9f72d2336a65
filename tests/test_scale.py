"""Streaming ingest: batches, worker processes, a Dask cluster, and stops halfway.

Whatever runs the work (this process, two worker processes, a Dask cluster;
one batch or many), the store must end up holding the same quads. A stop
halfway leaves whole batches, and the next run completes the ingest.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from newsprov.cli import cli

from conftest import ROOT, SEEDS, break_articles, ctrl_c_reaches_it

CORPUS = [SEEDS, ROOT / "tests" / "corpus", ROOT / "tests" / "heldout"]
DERIVED = ("graph/figure-links", "graph/reference-matches")  # the seal, each article's links, the matches


def invoke(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


def quads(store: Path, derived: bool = True) -> set:
    result = invoke("export", "-f", "nquads", "--store", store)
    assert result.exit_code == 0, result.output
    dataset = Dataset()
    dataset.parse(data=result.output, format="nquads")
    return {q for q in dataset.quads((None, None, None, None))
            if derived or not any(name in str(q[3]) for name in DERIVED)}


@pytest.fixture(scope="module")
def reference_store(tmp_path_factory) -> Path:
    """The corpus ingested in one batch, in this process."""
    store = tmp_path_factory.mktemp("one") / "s.db"
    result = invoke("ingest", "-q", "--store", store, *CORPUS)
    assert result.exit_code == 0, result.output
    return store


def test_batches_and_worker_processes_give_the_same_store(reference_store, tmp_path):
    store = tmp_path / "s.db"
    result = invoke("ingest", "-q", "-f", "json", "--workers", "2", "--batch-size", "7", "--store", store, *CORPUS)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["batches"] == -(-summary["added"] // 7) > 3
    assert quads(store) == quads(reference_store)


def test_extract_nquads_is_what_ingest_stores(reference_store, tmp_path):
    result = invoke("extract", "-f", "nquads", *CORPUS)
    assert result.exit_code == 0
    dataset = Dataset()
    dataset.parse(data=result.output, format="nquads")
    assert set(dataset.quads((None, None, None, None))) == quads(reference_store, derived=False)


def test_a_stop_halfway_keeps_whole_batches_and_a_rerun_completes(reference_store, tmp_path, monkeypatch):
    from newsprov.graph.store import GraphStore

    store = tmp_path / "s.db"
    real = GraphStore.add_graphs
    calls = []

    def crash_on_third_write(self, graphs):
        calls.append(len(graphs))
        if len(calls) == 3:
            raise KeyboardInterrupt  # as Ctrl-C would, between two batches
        return real(self, graphs)

    monkeypatch.setattr(GraphStore, "add_graphs", crash_on_third_write)
    result = invoke("ingest", "-q", "--batch-size", "5", "--store", store, *CORPUS)
    assert result.exit_code == 130
    assert result.output.strip().splitlines()[-1] == (
        "Error: interrupted: 10 article(s) in 2 whole batch(es) had landed and stay (0 unchanged); nothing of the "
        "batch in progress was written. Run the same command again to finish: it skips what landed")
    monkeypatch.setattr(GraphStore, "add_graphs", real)
    partial = quads(store)
    graphs = {q[3] for q in partial}
    assert len(graphs) == 10  # two whole batches of five articles, and nothing derived yet
    full = quads(reference_store)
    assert partial <= full  # every article that landed is whole: all its quads, no others
    assert all({q for q in full if q[3] == g} <= partial for g in graphs)
    result = invoke("ingest", "-q", "-f", "json", "--batch-size", "5", "--store", store, *CORPUS)
    assert json.loads(result.output)["unchanged"] == 10
    assert quads(store) == full


@pytest.mark.slow
@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGKILL"])
def test_a_real_ingest_stopped_halfway_keeps_whole_articles_and_a_rerun_completes(reference_store, tmp_path,
                                                                                  signal_name):
    """SIGINT (as Ctrl-C sends it) or SIGKILL (nothing to clean up with) to the command once its
    first batch has landed: the store then holds whole articles only, and the same command completes it."""
    import os
    import signal
    import subprocess
    import sys

    store = tmp_path / "s.db"
    command = [sys.executable, "-m", "newsprov", "ingest", "--batch-size", "4", "--workers", "1",
               "--store", str(store), *map(str, CORPUS)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", "NEWSPROV_PROGRESS": "lines"},
                               preexec_fn=ctrl_c_reaches_it)
    lines = []
    for line in process.stderr:  # progress: one line per article written
        lines.append(line)
        if len(lines) == 5:  # a batch of four has landed, the next is under way
            process.send_signal(getattr(signal, signal_name))
            break
    _out, err = process.communicate(timeout=120)
    if signal_name == "SIGINT":
        last = err.strip().splitlines()[-1]
        assert process.returncode == 130, err
        assert last.startswith("Error: interrupted: ") and "Run the same command again to finish" in last
        assert "Traceback" not in err
    else:
        assert process.returncode == -signal.SIGKILL
    landed = {q[3] for q in quads(store)}
    full = quads(reference_store)
    articles = {q[3] for q in full if "graph/" not in str(q[3])}
    assert 4 <= len(landed) < len(articles)
    assert all({q for q in full if q[3] == g} <= quads(store) for g in landed)  # each article whole
    assert invoke("ingest", "-q", "--store", store, *CORPUS).exit_code == 0
    assert quads(store) == full


def test_derived_graphs_left_stale_are_recomputed_by_the_next_ingest(reference_store, tmp_path, monkeypatch):
    import newsprov.derived as derived

    store = tmp_path / "s.db"
    real = derived.refresh

    def crash(store):
        raise KeyboardInterrupt

    monkeypatch.setattr(derived, "refresh", crash)
    assert invoke("ingest", "-q", "--store", store, *CORPUS).exit_code != 0
    monkeypatch.setattr(derived, "refresh", real)
    assert quads(store) == quads(reference_store, derived=False)
    result = invoke("ingest", "-q", "-f", "json", "--store", store, *CORPUS)  # nothing to extract, links to redo
    summary = json.loads(result.output)
    assert summary["added"] == 0 and summary["figure_links"] > 0
    assert quads(store) == quads(reference_store)


class Through:
    """The pyoxigraph store seen through a proxy: a test overrides the calls it watches."""

    def __init__(self, store):
        self.store = store

    def __getattr__(self, name):
        return getattr(self.store, name)


def through_during_write_derived(monkeypatch, proxy: type[Through]):
    """Runs GraphStore.write_derived with its store seen through ``proxy``; returns the real one."""
    from newsprov.graph.store import GraphStore

    real = GraphStore.write_derived

    def patched(self, graphs, seal):
        opened, self.store = self.store, proxy(self.store)
        try:
            real(self, graphs, seal)
        finally:
            self.store = opened

    monkeypatch.setattr(GraphStore, "write_derived", patched)
    return real


def test_a_derived_write_cut_short_before_its_seal_is_redone(reference_store, tmp_path, monkeypatch):
    """The derived graphs are sealed last: a write stopped before the seal reads as stale."""
    from newsprov.derived import is_stale
    from newsprov.graph.store import GraphStore

    class StopAtTheSeal(Through):
        def load(self, *args, to_graph=None, **kwargs):  # the seal is the load into a given graph
            if to_graph is not None:
                raise KeyboardInterrupt
            return self.store.load(*args, **kwargs)

    store = tmp_path / "s.db"
    assert invoke("ingest", "-q", "--store", store, SEEDS).exit_code == 0
    real = through_during_write_derived(monkeypatch, StopAtTheSeal)
    assert invoke("ingest", "-q", "--store", store, *CORPUS).exit_code != 0
    monkeypatch.setattr(GraphStore, "write_derived", real)
    with GraphStore(store, read_only=True) as opened:
        assert is_stale(opened)
    assert quads(store) != quads(reference_store)  # links of the new articles are there, unsealed
    result = invoke("ingest", "-q", "-f", "json", "--store", store, *CORPUS)
    summary = json.loads(result.output)
    assert summary["added"] == 0 and summary["figure_links"] > 0
    assert quads(store) == quads(reference_store)


def test_new_articles_rewrite_only_the_derived_graphs_that_change(reference_store, tmp_path, monkeypatch):
    from newsprov.graph.store import GraphStore

    store = tmp_path / "s.db"
    assert invoke("ingest", "-q", "--store", store, *CORPUS[:2]).exit_code == 0
    real, written = GraphStore.write_derived, []

    def record(self, graphs, seal):
        written.append(graphs)
        return real(self, graphs, seal)

    monkeypatch.setattr(GraphStore, "write_derived", record)
    assert invoke("ingest", "-q", "--store", store, *CORPUS).exit_code == 0
    assert quads(store) == quads(reference_store)  # as if ingested at once
    links = {str(q[3]) for q in quads(reference_store) if "graph/figure-links/" in str(q[3])}
    assert 0 < len(written[0]) < len(links)


def test_large_derived_writes_go_through_the_bulk_loader_in_pieces(reference_store, tmp_path, monkeypatch):
    import newsprov.graph.store as store_module

    loads = []

    class Counting(Through):
        def bulk_load(self, data, **kwargs):
            loads.append(data.count(b"\n"))
            return self.store.bulk_load(data, **kwargs)

    monkeypatch.setattr(store_module, "BULK_FROM", 50)
    through_during_write_derived(monkeypatch, Counting)
    store = tmp_path / "s.db"
    assert invoke("ingest", "-q", "--store", store, *CORPUS).exit_code == 0
    assert len(loads) > 3  # pieces of about 50 triples, not one load of all
    assert quads(store) == quads(reference_store)


def test_an_invalid_article_in_a_later_batch(tmp_path, monkeypatch):
    """Batches before it stay; its batch is not written; the message says both."""
    break_articles(monkeypatch, "c09")
    store = tmp_path / "s.db"
    result = invoke("ingest", "-q", "--batch-size", "4", "--store", store, ROOT / "tests" / "corpus")
    assert result.exit_code == 1
    line = result.output.strip().splitlines()[-1]
    assert "c09_factcheck_two_outlets.txt" in line and "8 article(s) of earlier batches had landed" in line
    assert len({q[3] for q in quads(store)}) == 8
    result = invoke("ingest", "-q", "-f", "json", "--skip-invalid", "--batch-size", "4", "--store", store,
                    ROOT / "tests" / "corpus")
    summary = json.loads(result.output)
    assert summary["unchanged"] == 8 and summary["added"] == 8 and len(summary["refused"]) == 1


@pytest.mark.slow
def test_dask_on_a_local_cluster_gives_the_same_store(reference_store, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        store = tmp_path / "s.db"
        result = invoke("ingest", "-q", "-f", "json", "--engine", "dask", "--scheduler", cluster.scheduler_address,
                        "--batch-size", "10", "--store", store, *CORPUS)
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["batches"] > 1
    assert quads(store) == quads(reference_store)


def test_dask_without_a_scheduler_is_a_one_line_error(tmp_path):
    result = invoke("ingest", "--engine", "dask", "--store", tmp_path / "s.db", SEEDS)
    assert result.exit_code == 2 and "--scheduler" in result.output
    result = invoke("ingest", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--store", tmp_path / "s.db", SEEDS)
    assert result.exit_code == 2 and "cannot reach the Dask scheduler" in result.output
    assert "Traceback" not in result.output
