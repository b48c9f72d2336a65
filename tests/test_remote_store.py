"""--store http://...: the same commands against a real Oxigraph server give the same answers.

The server is the `oxigraph` command of the PyPI package oxigraph (the test extra),
started on 127.0.0.1 on a free port with a temporary folder, once for this module.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from newsprov.cli import cli
from newsprov.errors import InputError, StoreError
from newsprov.graph.remote import RemoteStore, parse_location

from conftest import SEEDS


def invoke(runner, *args, **kwargs):
    return runner.invoke(cli, [str(a) for a in args], **kwargs)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The base URL of an Oxigraph server holding nothing yet; killed after the module."""
    binary = _oxigraph_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("the oxigraph command is missing: pip install -e '.[test]'")
        pytest.skip("the oxigraph command is not installed (pip install -e '.[test]')")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    log = open(location.parent / f"oxigraph-{port}.log", "wb")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph serve did not start: see {log.name}")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def stores(server, tmp_path_factory):
    """The seeds ingested into the server and into an embedded store: (url, folder, both summaries)."""
    from click.testing import CliRunner

    runner = CliRunner()
    embedded = tmp_path_factory.mktemp("embedded") / "store.db"
    summaries = []
    for store in (server, embedded):
        result = invoke(runner, "ingest", "-q", "-f", "json", "--store", store, SEEDS)
        assert result.exit_code == 0, result.output
        summaries.append(json.loads(result.output))
    return server, embedded, summaries


def test_ingest_writes_the_same_graphs_as_the_embedded_store(stores):
    url, _embedded, (remote, local) = stores
    assert remote.pop("store") == url
    local.pop("store")
    assert remote == local and remote["added"] == 5 and remote["store_triples"] > 4000


def test_reingesting_unchanged_seeds_is_skipped(runner, stores):
    url = stores[0]
    result = invoke(runner, "ingest", "-q", "--store", url, SEEDS)
    assert result.exit_code == 0, result.output
    assert "0 added, 0 replaced, 5 unchanged" in result.output
    assert f"the store at {url} holds" in result.output


@pytest.mark.parametrize("args", [
    ["trace", "1556"],
    ["trace", "1556", "--format", "json"],
    ["trace", "48,240", "--format", "json"],
    ["trace", "99999999"],
    ["query", "SELECT ?s (COUNT(*) AS ?n) WHERE { ?c prov:wasAttributedTo ?s } GROUP BY ?s ORDER BY ?s"],
    ["query", "ASK { ?c np:hasFigure ?f }"],
    ["query", "ASK { ?c np:hasFigure np:nothing }", "--format", "json"],
    ["query", "CONSTRUCT { ?c prov:wasAttributedTo ?s } WHERE { ?c prov:wasAttributedTo ?s }"],
    ["query", "--example", "claims-by-root-source"],
    ["independence", "1556"],
    ["independence", "48,240", "--linked", "--format", "json"],
    ["independence", "--measure", "tanks"],
    ["report"],
    ["report", "--format", "json"],
    ["sources"],
    ["sources", "--format", "json"],
    ["graph", "--format", "dot"],
    ["validate"],
    ["export", "--format", "nquads"],
    ["export", "--format", "jsonld"],
    # the filters are SPARQL the server runs (dates, outlet names, measures)
    ["trace", "1000", "--since", "2025", "--outlet", "the sun"],
    ["trace", "1556", "--until", "2024"],
    ["independence", "1556", "--linked", "--outlet", "The Sun", "--format", "json"],
    ["report", "--until", "2024-06", "--format", "json"],
    ["claims", "--measure", "tanks", "--since", "2023-02", "--format", "json"],
], ids=lambda args: " ".join(args)[:50])
def test_commands_answer_as_on_the_embedded_store(runner, stores, args):
    url, embedded, _ = stores
    local = invoke(runner, *args, "--store", embedded)
    remote = invoke(runner, *args, "--store", url)
    assert remote.exit_code == local.exit_code, remote.output
    assert remote.output == local.output


def test_the_group_option_and_the_environment_reach_the_server(runner, stores):
    url, embedded, _ = stores
    local = invoke(runner, "trace", "1556", "--store", embedded).output
    assert invoke(runner, "--store", url, "trace", "1556").output == local
    assert invoke(runner, "trace", "1556", env={"NEWSPROV_STORE": url}).output == local


@pytest.mark.parametrize("fmt", ["turtle", "nquads"])
def test_export_holds_the_same_graph_as_the_embedded_store(runner, stores, fmt):
    from rdflib import Dataset, Graph
    from rdflib.compare import isomorphic

    url, embedded, _ = stores
    exports = [invoke(runner, "export", "--format", fmt, "--store", store).stdout_bytes for store in (url, embedded)]
    if fmt == "turtle":
        remote, local = (Graph().parse(data=data, format="turtle") for data in exports)
        assert len(remote) > 4000 and isomorphic(remote, local)
        return
    datasets = []
    for data in exports:
        dataset = Dataset()
        dataset.parse(data=data, format="nquads")
        datasets.append(sorted(tuple(str(t) for t in quad) for quad in dataset.quads((None, None, None, None))))
    assert len(datasets[0]) > 4000 and datasets[0] == datasets[1]


def test_invalid_sparql_is_the_users_error_with_the_servers_message(runner, stores):
    url, embedded, _ = stores
    query = "SELECT ?s WHERE {\n  ?s np:hasFigure\n}"
    remote = invoke(runner, "query", query, "--store", url)
    assert remote.exit_code == 2
    assert remote.output.startswith("Error: invalid SPARQL: error at 3:1") and remote.output.count("\n") == 1
    assert remote.output == invoke(runner, "query", query, "--store", embedded).output  # same position


def test_an_explicit_query_endpoint_on_oxigraph_still_sees_the_union(runner, stores):
    url, embedded, _ = stores
    result = invoke(runner, "trace", "1556", "--store", f"{url}/query#update=/update&gsp=/store")
    assert result.exit_code == 0, result.output
    assert result.output == invoke(runner, "trace", "1556", "--store", embedded).output
    # told the server's default graph already is the union, newsprov sends nothing: Oxigraph then sees none
    result = invoke(runner, "trace", "1556", "--store", f"{url}/query#union=server")
    assert result.exit_code == 3


def test_one_update_request_per_write_unless_split(server):
    graphs = {f"https://w3id.org/newsprov/id/test/g{i}": "\n".join(
        f"<https://w3id.org/newsprov/id/test/s{i}-{j}> <https://w3id.org/newsprov/ns#n> \"{j}\" ."
        for j in range(1200)) for i in range(3)}
    # split=1000: INSERT DATA operations of 500, 500 and 200 triples per graph, packed into 5 requests
    for location, requests in ((server, 1), (f"{server}#split=1000", 5)):
        store = RemoteStore(location)
        sent = []
        send = store._send
        store._send = lambda url, *rest: sent.append(url) or send(url, *rest)
        before = store.triple_count()
        store.replace_graphs(graphs)
        assert [url for url in sent if url.endswith("/update")] == [f"{server}/update"] * requests
        assert store.triple_count() == before + 3600
        store.replace_graphs({iri: "" for iri in graphs})
        assert store.triple_count() == before


def test_read_only_sends_no_update(server):
    with RemoteStore(server, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.replace_graphs({"https://w3id.org/newsprov/id/test/x": ""})


def test_a_server_that_is_down_is_one_line_exit_4(runner):
    result = invoke(runner, "trace", "1556", "--store", f"http://127.0.0.1:{_free_port()}")
    assert result.exit_code == 4
    assert result.output.startswith("Error: cannot reach the SPARQL server at http://127.0.0.1:")
    assert "connection refused" in result.output and result.output.count("\n") == 1


def test_no_endpoint_and_a_silent_server_are_one_line_exit_4(runner, server):
    result = invoke(runner, "sources", "--store", f"{server}/nothing-here")
    assert result.exit_code == 4 and "HTTP 404" in result.output and result.output.count("\n") == 1
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        result = invoke(runner, "sources", "--store", f"http://127.0.0.1:{port}#timeout=0.5")
    assert result.exit_code == 4 and "did not answer the query within 0.5 s" in result.output


def test_store_urls_and_their_settings():
    oxigraph = parse_location("http://127.0.0.1:7878")
    assert (oxigraph.query, oxigraph.update, oxigraph.gsp, oxigraph.union) == (
        "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store", "oxigraph")
    virtuoso = parse_location("http://dba:s%40cret@host:8890/sparql#update=/sparql-auth&gsp=/sparql-graph-crud"
                              "&union=server&split=250&timeout=5")
    assert virtuoso.label == "http://host:8890/sparql"  # no password in messages
    assert (virtuoso.query, virtuoso.update, virtuoso.gsp) == (
        "http://host:8890/sparql", "http://host:8890/sparql-auth", "http://host:8890/sparql-graph-crud")
    assert (virtuoso.user, virtuoso.password, virtuoso.union, virtuoso.split, virtuoso.timeout) == (
        "dba", "s@cret", "server", 250, 5.0)
    fuseki = parse_location("https://example.org/ds/query#update=update")
    assert (fuseki.update, fuseki.gsp, fuseki.union) == ("https://example.org/ds/update", None, "auto")
    for bad in ("http://host/sparql#nope=1", "http://host/sparql#union=all", "http://host:port/",
                "http:///sparql", "http://host/sparql#timeout=0", "http://host/sparql#split=-1"):
        with pytest.raises(InputError):
            parse_location(bad)
