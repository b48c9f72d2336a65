"""`newsprov serve`: the SPARQL 1.1 Protocol endpoint, its limits and refusals, the page in a
real browser, and the command's start, errors and stop. Each test talks to a real server on
127.0.0.1, port 0, over HTTP."""
from __future__ import annotations

import csv
import html.parser
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprov.graph.store import GraphStore
from newsprov.queries import run_query
from newsprov.cli import serve_command
from newsprov.serve.defaults import MAX_BODY
from newsprov.serve.server import start_server

from conftest import TABLOID_CHAIN, ctrl_c_reaches_it, one_line_error
from test_draw import CHROMIUM, chromium, png_colours, run_chromium

SCREENSHOT = Path("/tmp/newsprov-serve.png")
CLAIM_TEXTS = """SELECT ?claim ?text ?none WHERE {
  ?claim a np:Claim ; nif:anchorOf ?text .
  OPTIONAL { ?claim np:noSuchProperty ?none }
} ORDER BY ?claim"""
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 4,337 cubed rows
PAYLOAD_SCRIPT = "<script>alert(1)</script>"
PAYLOAD_IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
EVIL_TEXT = f"Russia lost 4,321 soldiers in March {PAYLOAD_SCRIPT}, the Ministry of Defence said {PAYLOAD_IMG}.\n"
EVIL_TITLE = f"{PAYLOAD_SCRIPT} Headline <img src=x onerror=alert(3)>"
EVIL_PUBLISHER = "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\"> Times"


# ---------------------------------------------------------------- helpers


@contextmanager
def serving(store: Path, **options):
    """A real server on 127.0.0.1, port 0, in a thread (its workers are processes)."""
    server = start_server(store, port=0, log=False, **options)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.close()


class Reply:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
         timeout: float = 30) -> Reply:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, exc.headers, exc.read())


def sparql(server, query: str, accept: str | None = None, how: str = "form", **params) -> Reply:
    headers = {"Accept": accept} if accept else {}
    if how == "get":
        return http(server.url + "sparql?" + urllib.parse.urlencode({"query": query, **params}), headers=headers)
    if how == "direct":
        suffix = ("?" + urllib.parse.urlencode(params)) if params else ""
        return http(server.url + "sparql" + suffix, query.encode("utf-8"),
                    {**headers, "Content-Type": "application/sparql-query"})
    return http(server.url + "sparql", urllib.parse.urlencode({"query": query, **params}).encode("ascii"),
                {**headers, "Content-Type": "application/x-www-form-urlencoded"})


def json_rows(body: bytes) -> list[dict]:
    data = json.loads(body)
    return [{name: (b[name]["value"] if name in b else None) for name in data["head"]["vars"]}
            for b in data["results"]["bindings"]]


def serve_invocation() -> tuple:
    """The command as users run it: `newsprov serve`."""
    from newsprov.cli import cli

    return cli, ["serve"], [sys.executable, "-m", "newsprov", "serve"]


class LiveElements(html.parser.HTMLParser):
    """The elements of a DOM dump that would run: scripts (with their text) and images with a handler."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.images: list[dict] = []
        self.flagged: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "img":
            self.images.append(attributes)
        if "data-pwned" in attributes:
            self.flagged.append(tag)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def server(seeded_store):
    with serving(seeded_store) as running:
        yield running


@pytest.fixture(scope="module")
def expected(seeded_store):
    with GraphStore(seeded_store, read_only=True) as store:
        return run_query(store, CLAIM_TEXTS)[1]


@pytest.fixture(scope="module")
def evil_store(tmp_path_factory) -> Path:
    """A store with one article whose text, title and publisher carry live HTML."""
    from newsprov.cli import cli

    folder = tmp_path_factory.mktemp("evil")
    (folder / "evil.txt").write_text(EVIL_TEXT, encoding="utf-8")
    with (folder / "metadata.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["file", "publisher", "published", "url", "title"],
                                      ["evil.txt", EVIL_PUBLISHER, "2025-03", "", EVIL_TITLE]])
    path = folder / "store.db"
    result = CliRunner().invoke(cli, ["ingest", "-q", "--store", str(path), str(folder)])
    assert result.exit_code == 0, result.output
    return path


# ---------------------------------------------------------------- the protocol


@pytest.mark.parametrize("accept, fmt", [("application/sparql-results+json", None), ("text/csv", None),
                                         ("application/sparql-results+xml", None), ("text/html", "csv")])
def test_select_reads_back_as_the_rows_of_newsprov_query(server, expected, accept, fmt):
    reply = sparql(server, CLAIM_TEXTS, accept, **({"format": fmt} if fmt else {}))
    assert reply.status == 200, reply.text
    media = reply.headers["Content-Type"].split(";")[0]
    if media == "application/sparql-results+json":
        rows = json_rows(reply.body)
    elif media == "text/csv":
        rows = [{k: v or None for k, v in row.items()} for row in csv.DictReader(io.StringIO(reply.text, newline=""))]
    else:
        assert media == "application/sparql-results+xml"
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(reply.body)
        names = [v.get("name") for v in root.find("r:head", ns)]
        rows = [{n: next((b[0].text for b in result if b.get("name") == n), None) for n in names}
                for result in root.find("r:results", ns)]
    assert len(expected) > 50 and any("," in row["text"] for row in expected)  # commas and quotes survive
    assert rows == expected
    assert reply.headers["X-Newsprov-Truncated"] == "false"


def test_get_form_post_and_query_post_give_the_same_answer(server, expected):
    answers = [sparql(server, CLAIM_TEXTS, how=how) for how in ("get", "form", "direct")]
    assert [a.status for a in answers] == [200, 200, 200]
    assert all(json_rows(a.body) == expected for a in answers)


def test_ask_answers_true_or_false_in_each_results_format(server):
    assert json.loads(sparql(server, "ASK { ?c a np:Claim }").body)["boolean"] is True
    assert json.loads(sparql(server, "ASK { ?c a np:NoSuchClass }").body)["boolean"] is False
    xml = sparql(server, "ASK { ?c a np:Claim }", "application/sparql-results+xml")
    assert ET.fromstring(xml.body).find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


@pytest.mark.parametrize("accept, rdflib_format", [(None, "turtle"), ("application/n-triples", "nt")])
def test_construct_gives_rdf_that_rdflib_reads(server, seeded_store, accept, rdflib_format):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    query = "CONSTRUCT { ?a schema:publisher ?p ; np:sourceFile ?f } WHERE { ?a schema:publisher ?p ; np:sourceFile ?f }"
    reply = sparql(server, query, accept)
    assert reply.status == 200, reply.text
    served = Graph().parse(data=reply.text, format=rdflib_format)
    with GraphStore(seeded_store, read_only=True) as store:
        local = Graph().parse(data=run_query(store, query)[1], format="turtle")
    assert len(served) == 4 and isomorphic(served, local)  # the four seeds that name a publisher


def test_an_accept_header_the_answer_cannot_meet_is_406_and_a_wrong_format_400(server):
    assert sparql(server, "ASK {}", "image/png").status == 406
    reply = sparql(server, "CONSTRUCT WHERE { ?s ?p ?o }", format="csv")
    assert reply.status == 400 and "turtle" in reply.text


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize("how", ["update param", "update body", "update as query", "update after prefixes"])
def test_updates_are_refused_and_the_store_is_unchanged(server, seeded_store, how):
    insert = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }"
    with GraphStore(seeded_store, read_only=True) as store:
        before = store.triple_count()
    if how == "update param":
        reply = http(server.url + "sparql", urllib.parse.urlencode({"update": insert}).encode(),
                     {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update body":
        reply = http(server.url + "sparql", insert.encode(), {"Content-Type": "application/sparql-update"})
    elif how == "update as query":
        reply = sparql(server, insert)
    else:
        reply = sparql(server, "PREFIX x: <urn:x:>\n# a comment\nDELETE WHERE { ?s ?p ?o }", how="direct")
    assert reply.status == 403 and "read-only" in reply.text
    with GraphStore(seeded_store, read_only=True) as store:
        assert store.triple_count() == before
    assert json.loads(sparql(server, "ASK { <urn:x:s> ?p ?o }").body)["boolean"] is False


# SERVICE, however it is written; the fifth hides it from a reader that decodes \u escapes
# everywhere (SPARQL 1.1's rule) or stops at the backslash in an IRI, but not from the engine
SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ ?x a np:Claim . service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT*WHERE{{SERVICE<{url}>{{?s ?p ?o}}}}",
    'SELECT * WHERE {{ BIND(<http://x/\\u0041#> AS ?z) FILTER(?z != "a\\u0022") SERVICE <{url}> {{ ?a ?b ?c }} '
    'FILTER(?z != "b\\u0022")\n}}',
    "SELECT * WHERE {{ BIND('''it's''' AS ?z) SERVICE <{url}> {{ ?a ?b ?c }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_and_nothing_is_called(server, decoy, template):
    url, hits = decoy
    reply = sparql(server, template.format(url=url))
    assert reply.status == 403 and "SERVICE" in reply.text, reply.text
    assert hits == []


def test_an_escaped_keyword_is_no_keyword_for_the_engine_either(server, decoy):
    url, hits = decoy
    reply = sparql(server, f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}")
    assert reply.status == 400 and reply.text.startswith("invalid SPARQL"), reply.text
    assert hits == []


def _sandbox_works() -> bool:
    probe = subprocess.run([sys.executable, "-c", "from newsprov.sandbox import no_network; print(no_network())"],
                           capture_output=True, text=True, timeout=60)
    return probe.stdout.strip() == "True"


def test_a_worker_cannot_call_out_even_when_a_query_gets_past_the_check(server, decoy):
    """The keyword check is not the only guard: a worker on a local store has no network."""
    if not _sandbox_works():
        pytest.skip("this machine has no seccomp filter (not Linux x86-64 or arm64): the keyword check stands alone")
    url, hits = decoy
    answer = server.pool.run({"kind": "sparql", "query": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                              "formats": {"results": "json", "graph": "turtle"}})
    assert answer.status == 403 and b"SERVICE" in answer.body, answer.body
    assert hits == []
    assert sparql(server, "ASK { ?c a np:Claim }").status == 200  # the worker lives on


@pytest.mark.parametrize("route", ["api/trace", "trace.svg"])
def test_a_figure_is_never_spliced_into_a_query(server, decoy, route):
    url, hits = decoy
    forged = f"http://x> AS ?c0) SERVICE <{url}> {{ ?a ?b ?c }} BIND(<http://y"
    reply = http(server.url + route + "?" + urllib.parse.urlencode({"figure": forged}))
    assert reply.status == 400 and "not an IRI" in reply.text, reply.text
    assert hits == []
    # a claim IRI that is one is traced as before
    claim = json.loads(http(server.url + "api/trace?figure=1556").body)[0]["claim"]["id"]
    assert http(server.url + route + "?" + urllib.parse.urlencode({"figure": claim})).status == 200


def test_from_names_the_graphs_a_query_reads(server, seeded_store):
    with GraphStore(seeded_store, read_only=True) as store:
        graphs = run_query(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?c a np:Claim } } ORDER BY ?g")[1]
    first = graphs[0]["g"]
    count = "SELECT (COUNT(DISTINCT ?c) AS ?n) {dataset} WHERE {{ ?c a np:Claim }}"
    one = json_rows(sparql(server, count.format(dataset=f"FROM <{first}>")).body)[0]["n"]
    every = json_rows(sparql(server, count.format(dataset="")).body)[0]["n"]
    in_graph = json_rows(sparql(server, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH <%s> { ?c a np:Claim } }"
                                % first).body)[0]["n"]
    assert one == in_graph and 0 < int(one) < int(every)
    named = sparql(server, f"SELECT DISTINCT ?g FROM NAMED <{first}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert json_rows(named.body) == [{"g": first}]


@pytest.mark.parametrize("body", [b'"\\' * (1 << 19), b"'" * (1 << 20), b"<" * (1 << 20),
                                  b'SELECT * WHERE { ?s ?p "' + b'\\"' * (1 << 18) + b" }"])
def test_a_large_hostile_query_is_read_in_linear_time(server, body):
    """A megabyte that a quadratic reader would take hours over is answered (its wording
    aside: the point is that an answer comes, within the HTTP client's 60 s)."""
    reply = http(server.url + "sparql", body[:MAX_BODY], {"Content-Type": "application/sparql-query"}, timeout=60)
    assert reply.status in (400, 403)
    assert sparql(server, "ASK { ?c a np:Claim }").status == 200


def test_a_query_over_the_memory_cap_ends_its_worker_with_503(seeded_store):
    with serving(seeded_store, timeout=120, workers=1, memory=700) as running:
        reply = sparql(running, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?o } ORDER BY ?o")
        assert reply.status == 503 and "--memory" in reply.text, reply.text
        assert sparql(running, "ASK { ?c a np:Claim }").status == 200  # a new worker answers


def test_the_word_service_in_a_literal_iri_name_or_comment_is_not_refused(server):
    query = ('SELECT ?service WHERE { BIND("SERVICE <http://example.org/> { ?s ?p ?o }" AS ?service) '
             'FILTER(?service != <http://example.org/SERVICE>) } # SERVICE <http://example.org/>')
    reply = sparql(server, query)
    assert reply.status == 200, reply.text
    assert json_rows(reply.body) == [{"service": "SERVICE <http://example.org/> { ?s ?p ?o }"}]


def test_invalid_sparql_is_400_with_the_line_and_column(server):
    reply = sparql(server, "SELECT ?s WHERE {\n  ?s ?p \n}")
    assert reply.status == 400
    assert reply.text.startswith("invalid SPARQL") and re.search(r"\bat 3:\d+", reply.text), reply.text


def test_unknown_paths_404_other_methods_405_and_foreign_hosts_403(server):
    assert http(server.url + "nothing-here").status == 404
    reply = http(server.url + "sparql", method="DELETE")
    assert reply.status == 405 and "GET" in reply.headers["Allow"]
    assert http(server.url + "api/trace?figure=1556", b"x", method="POST").status == 405
    # a page on another site that rebinds its name to 127.0.0.1 gets nothing
    assert http(server.url + "sparql?query=ASK%7B%7D", headers={"Host": "attacker.example"}).status == 403
    assert sparql(server, "ASK {}").status == 200  # and the server is still there


# ---------------------------------------------------------------- limits


def test_a_query_over_the_timeout_is_stopped_and_the_server_stays_responsive(seeded_store):
    with serving(seeded_store, timeout=1.0, workers=2) as running:
        slow: dict = {}
        started = time.monotonic()
        thread = threading.Thread(target=lambda: slow.update(reply=sparql(running, EXPENSIVE),
                                                             took=time.monotonic() - started))
        thread.start()
        time.sleep(0.2)
        meanwhile = time.monotonic()
        assert sparql(running, "ASK { ?c a np:Claim }").status == 200  # answered by the other worker,
        assert thread.is_alive(), time.monotonic() - meanwhile  # while the expensive query still runs
        thread.join(10)
        assert slow["reply"].status == 503 and "--timeout" in slow["reply"].text
        assert slow["took"] < 3, slow["took"]
        # both workers stopped at once: each is killed and replaced, and the next query is answered
        both = [threading.Thread(target=sparql, args=(running, EXPENSIVE)) for _ in range(2)]
        for t in both:
            t.start()
        for t in both:
            t.join(10)
        after = time.monotonic()
        reply = sparql(running, "SELECT (COUNT(*) AS ?n) WHERE { ?c a np:Claim }")
        assert reply.status == 200 and int(json_rows(reply.body)[0]["n"]) > 50
        print(f"timeout answered in {slow['took']:.2f} s; after two kills the next query took "
              f"{time.monotonic() - after:.2f} s")


def test_limit_cuts_the_answer_and_says_so(seeded_store, tmp_path):
    with serving(seeded_store, limit=3) as running:
        reply = sparql(running, "SELECT ?c WHERE { ?c a np:Claim }", "text/csv")
        assert reply.status == 200 and reply.headers["X-Newsprov-Truncated"] == "true"
        assert len(list(csv.DictReader(io.StringIO(reply.text)))) == 3
        small = sparql(running, "SELECT ?c WHERE { ?c a np:Claim } LIMIT 2")
        assert len(json_rows(small.body)) == 2 and small.headers["X-Newsprov-Truncated"] == "false"
        graph = sparql(running, "CONSTRUCT WHERE { ?c a np:Claim }", "application/n-triples")
        assert len(graph.text.strip().splitlines()) == 3 and graph.headers["X-Newsprov-Truncated"] == "true"
        if Path(CHROMIUM).exists() or os.environ.get("NEWSPROV_REQUIRE_BROWSER") == "1":
            chromium()  # the page's note, when there is a browser to look
            dom = run_chromium(tmp_path, "--virtual-time-budget=10000", "--dump-dom",
                               running.url + "?" + urllib.parse.urlencode({"query": "SELECT ?c WHERE { ?c a np:Claim }"}))
            assert "Only the first 3 rows are shown" in dom
            assert len(re.findall(r"<td class=\"n\">", dom)) == 3


# ---------------------------------------------------------------- the trace API and the pictures


def test_trace_api_is_the_json_of_newsprov_trace(server, seeded_store):
    from newsprov.cli import cli

    reply = http(server.url + "api/trace?figure=1556")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("application/json")
    printed = CliRunner().invoke(cli, ["trace", "1556", "--format", "json", "--store", str(seeded_store)])
    assert printed.exit_code == 0 and reply.text + "\n" == printed.output
    unknown = http(server.url + "api/trace?figure=99999")
    assert unknown.status == 404 and "99999" in unknown.text
    assert http(server.url + "api/trace?figure=not+a+number").status == 400
    assert http(server.url + "api/trace").status == 400


def test_pictures_are_svg_from_the_draw_code(server):
    trace_svg = http(server.url + "trace.svg?figure=1,556")
    assert trace_svg.status == 200 and trace_svg.headers["Content-Type"].startswith("image/svg+xml")
    assert ET.fromstring(trace_svg.body).tag == "{http://www.w3.org/2000/svg}svg"
    assert "General Staff of the Armed Forces of Ukraine" in trace_svg.text
    citations = http(server.url + "citations.svg")
    assert citations.status == 200 and 'class="newsprov citations"' in citations.text
    assert "script-src" not in citations.headers["Content-Security-Policy"]


def test_the_page_is_self_contained_with_a_strict_policy(server):
    reply = http(server.url)
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/html")
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    policy = reply.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "http" not in policy
    assert not re.search(r"(src|href)\s*=\s*['\"]?\s*(https?:)?//|@import", reply.text, re.I)
    assert not re.search(r"\burl\(", reply.text)  # no CSS that loads anything
    assert "innerHTML" not in reply.text and "insertAdjacentHTML" not in reply.text
    assert "claims-by-root-source" in reply.text  # the shipped examples are there to choose


# ---------------------------------------------------------------- escaping and the browser


def test_html_in_article_text_title_and_publisher_never_becomes_markup(evil_store, tmp_path):
    with serving(evil_store) as running:
        trace_json = http(running.url + "api/trace?figure=4321")
        assert trace_json.status == 200 and PAYLOAD_SCRIPT in json.loads(trace_json.body)[0]["claim"]["text"]
        assert trace_json.headers["Content-Type"].startswith("application/json")
        assert trace_json.headers["X-Content-Type-Options"] == "nosniff"
        svg = http(running.url + "trace.svg?figure=4321").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg and "<script" not in svg and "<img" not in svg
        chromium()
        url = running.url + "?" + urllib.parse.urlencode(
            {"figure": "4321", "query": "SELECT ?title ?text WHERE { ?a schema:headline ?title . ?c nif:anchorOf ?text }"})
        dom = run_chromium(tmp_path, "--virtual-time-budget=10000", "--dump-dom", url)
    live = LiveElements()
    live.feed(dom)
    assert not any("alert" in script for script in live.scripts)
    assert all(image.get("src", "").startswith("blob:") and "onerror" not in image for image in live.images)
    assert live.flagged == [] and 'data-pwned="' not in dom
    # and the payload was drawn, as text: in the quoted sentence and in the table of results
    assert dom.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    assert "4,321" in dom and "Times" in dom


@pytest.mark.slow
def test_the_page_traces_a_figure_and_runs_a_query_in_a_real_browser(server, tmp_path):
    chromium()
    query = "SELECT ?file WHERE { ?article np:sourceFile ?file } ORDER BY ?file"
    url = server.url + "?" + urllib.parse.urlencode({"figure": "1556", "query": query})
    dom = run_chromium(tmp_path, "--virtual-time-budget=10000", "--dump-dom", url)
    assert "1556: 2 occurrences in 2 articles" in dom
    for text in ("UK Ministry of Defence", "General Staff of the Armed Forces of Ukraine", "ROOT (named)",
                 "ROOT: UNATTRIBUTED", "INFERRED #1", "Putin suffers worst losses",  # a title, read through /sparql
                 "The casualty rate averages <mark>1,556</mark> Russian personnel per day"):
        assert text in dom, text
    cells = re.findall(r"<td><span>([^<]+)</span></td>", dom)
    assert cells == sorted(p.name for p in (Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    assert re.search(r'<img alt="the citation network" src="blob:', dom)  # the picture loaded
    assert re.search(r'<img alt="the trace of 1556" src="blob:', dom)

    shot = tmp_path / "serve.png"
    run_chromium(tmp_path, "--virtual-time-budget=10000", "--window-size=1400,1800", f"--screenshot={shot}", url)
    width, height, colours = png_colours(shot.read_bytes())
    assert (width, height) == (1400, 1800) and len(colours) > 300, "the screenshot is nearly blank"
    assert colours[bytes.fromhex("34495e")] > 5000  # the header bar and the outlet pills
    shutil.copyfile(shot, SCREENSHOT)


def test_an_ingest_runs_while_serving_and_the_server_sees_it(evil_store, tmp_path):
    from newsprov.cli import cli

    store = tmp_path / "store.db"
    shutil.copytree(evil_store, store)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?a a np:Article }"
    with serving(store) as running:
        assert json_rows(sparql(running, count).body) == [{"n": "1"}]
        article = tmp_path / "tabloid.txt"
        article.write_text(TABLOID_CHAIN, encoding="utf-8")
        runner = CliRunner()
        ingest = runner.invoke(cli, ["ingest", "-q", "--store", str(store), str(article)])
        assert ingest.exit_code == 0, ingest.output  # not blocked: the server holds no lock
        assert json_rows(sparql(running, count).body) == [{"n": "2"}]
        traced = runner.invoke(cli, ["trace", "1556", "--store", str(store)])
        assert traced.exit_code == 0 and "UK Ministry of Defence" in traced.output


# ---------------------------------------------------------------- the command


def test_the_default_host_is_loopback(seeded_store):
    assert next(p for p in serve_command.params if p.name == "host").default == "127.0.0.1"
    with serving(seeded_store, workers=1) as running:
        assert running.server_address[0] == "127.0.0.1" and running.url.startswith("http://127.0.0.1:")


def test_help_shows_the_example():
    command, prefix, _ = serve_invocation()
    result = CliRunner().invoke(command, [*prefix, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "newsprov serve --store" in result.output


def test_a_port_in_use_is_a_one_line_error_exit_2(seeded_store):
    command, prefix, _ = serve_invocation()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(command, [*prefix, "--store", str(seeded_store), "--port", str(port)])
    line = one_line_error(result, 2)
    assert f"port {port}" in line and "in use" in line


def test_a_missing_store_exits_3_and_a_broken_one_4(tmp_path):
    command, prefix, _ = serve_invocation()
    missing = CliRunner().invoke(command, [*prefix, "--store", str(tmp_path / "nothing.db"), "--port", "0"])
    assert "no store at" in one_line_error(missing, 3)
    broken = tmp_path / "broken.db"
    broken.mkdir()
    (broken / "CURRENT").write_text("MANIFEST-999999\n")
    one_line_error(CliRunner().invoke(command, [*prefix, "--store", str(broken), "--port", "0"]), 4)


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


@pytest.mark.slow
@pytest.mark.parametrize("stop, extra", [(signal.SIGINT, []), (signal.SIGTERM, ["--host", "0.0.0.0"])])
def test_the_command_serves_until_interrupted_and_stops_cleanly(seeded_store, stop, extra):
    *_, argv = serve_invocation()
    process = subprocess.Popen([*argv, "--store", str(seeded_store), "--port", "0", "--quiet", *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_reaches_it)
    try:
        lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            lines.append(line)
            if line.startswith("serving") or not line:
                break
        match = re.fullmatch(rf"serving {re.escape(str(seeded_store))} at (http://[\d.]+:\d+/) "
                             r"\(read-only; Ctrl-C to stop\)\n", lines[-1])
        assert match, lines
        if extra:
            assert lines[0].startswith("warning: listening on 0.0.0.0")
            url = match[1].replace("0.0.0.0", "127.0.0.1")
        else:
            assert len(lines) == 1 and match[1].startswith("http://127.0.0.1:")
            url = match[1]
        reply = http(url + "sparql?" + urllib.parse.urlencode({"query": "ASK { ?c a np:Claim }"}))
        assert reply.status == 200 and json.loads(reply.body)["boolean"] is True
        workers = _children(process.pid) if Path("/proc").exists() else set()
        process.send_signal(stop)
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err and err.strip() == "stopped"
    time.sleep(0.2)
    for pid in workers:  # the worker processes went with the server
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


# ---------------------------------------------------------------- what clients send


def _raw(server, data: bytes, wait: float = 10.0) -> bytes:
    """Send raw bytes, then read until the server closes the connection (at most ``wait`` s)."""
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=wait) as conn:
        conn.sendall(data)
        received = b""
        while True:
            try:
                chunk = conn.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            received += chunk
    return received


def _status(raw: bytes) -> int:
    match = re.match(rb"HTTP/1\.[01] (\d{3}) ", raw)
    assert match, raw[:200]
    return int(match.group(1))


@pytest.mark.parametrize("request_bytes, status", [
    (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414),
    (b"\x16\x03\x01garbage that is no request line\r\n\r\n", 400),
    (b"HELLO\r\n\r\n", 400),
    (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400),
    (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
     b"Content-Length: -5\r\n\r\nASK {}", 400),
    (b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Long: " + b"b" * 70_000 + b"\r\n\r\n", 431),
])
def test_malformed_requests_get_a_4xx_line_and_no_traceback(seeded_store, capsys, request_bytes, status):
    server = start_server(seeded_store, port=0, log=True, workers=1)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        answer = _raw(server, request_bytes)
        assert _status(answer) == status, answer[:300]
        assert sparql(server, "ASK { ?c a np:Claim }").status == 200
    finally:
        server.shutdown()
        server.close()
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Exception" not in err, err
    assert f" {status} " in err  # the request is logged, on one line


def test_a_half_sent_request_is_dropped_at_the_client_timeout(seeded_store):
    with serving(seeded_store, workers=1, client_timeout=0.5) as running:
        host, port = running.server_address[:2]
        with socket.create_connection((host, port), timeout=10) as conn:
            conn.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            closed = False
            for _ in range(100):  # a byte every 0.05 s: never idle long enough for a per-read timeout
                try:
                    conn.sendall(b"X")
                    time.sleep(0.05)
                except OSError:
                    closed = True
                    break
            if not closed:  # the server shut its side: reading ends (an answer, then nothing)
                conn.settimeout(5)
                try:
                    while conn.recv(1024):
                        pass
                    closed = True
                except ConnectionResetError:
                    closed = True
                except TimeoutError:
                    closed = False  # still held open after 5 s of trickling and 5 s of waiting
            assert closed
        # a slow body is cut off too, and answered 408 if the server can still say so
        with socket.create_connection((host, port), timeout=10) as conn:
            conn.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                         b"Content-Length: 100\r\n\r\nASK")
            conn.settimeout(10)
            try:
                reply = conn.recv(65536)
            except ConnectionResetError:
                reply = b""
            assert reply == b"" or _status(reply) == 408
        assert sparql(running, "ASK { ?c a np:Claim }").status == 200


@pytest.mark.parametrize("address", ["127.0.0.2", "127.0.0.1"])
def test_the_address_the_server_prints_is_the_address_it_answers(seeded_store, address):
    try:
        server = start_server(seeded_store, host=address, port=0, log=False, workers=1)
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"cannot listen on {address} here: {exc}")
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        assert server.url.startswith(f"http://{address}:")
        assert http(server.url + "sparql?query=ASK%7B%7D").status == 200
        assert http(server.url + "sparql?query=ASK%7B%7D", headers={"Host": "attacker.example"}).status == 403
    finally:
        server.shutdown()
        server.close()


def test_a_wide_bind_keeps_the_host_check_with_an_allow_list(seeded_store, monkeypatch):
    """Bound as if to every address (the loopback test is what --host 0.0.0.0 changes), the
    server still refuses names it was not told about."""
    import newsprov.serve.server as serve_module

    monkeypatch.setattr(serve_module, "_is_loopback", lambda host: False)
    server = start_server(seeded_store, port=0, log=False, workers=1, allow_hosts=("news.example.org",))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        ask = server.url + "sparql?query=ASK%7B%7D"
        assert http(ask, headers={"Host": "attacker.example"}).status == 403
        assert "--allow-host" in http(ask, headers={"Host": "attacker.example:7879"}).text
        assert http(ask, headers={"Host": "news.example.org:7879"}).status == 200
        assert http(ask, headers={"Host": socket.gethostname()}).status == 200
        assert http(ask, headers={"Host": "192.0.2.7:7879"}).status == 200  # an address, not a name
        assert http(ask, headers={"Host": "[::1]:7879"}).status == 200
    finally:
        server.shutdown()
        server.close()
