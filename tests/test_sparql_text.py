"""Values become query terms in one checked place, and a query's keywords are read as the
engine reads them, in linear time; `newsprov query` refuses SERVICE unless told, and honours
FROM."""
from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from newsprov.cli import cli
from newsprov.errors import InputError
from newsprov.graph.sparql import iri, iris, literal, names_dataset, query_form, uses_service

from conftest import one_line_error

FORGED = "http://x> AS ?c0) SERVICE <http://127.0.0.1:1/t> { ?a ?b ?c } BIND(<http://y"


@pytest.mark.parametrize("value", [FORGED, "http://x/a b", 'http://x/"', "http://x/{}", "http://x/\\u003E",
                                   "no scheme", "", "http://x/\n"])
def test_what_is_not_an_iri_is_refused_not_pasted(value):
    with pytest.raises(InputError, match="not an IRI"):
        iri(value)
    with pytest.raises(InputError):
        iris(["https://w3id.org/newsprov/id/claim/a-1", value])


def test_an_iri_is_written_as_one_term():
    assert iri("https://w3id.org/newsprov/id/claim/a-1-2") == "<https://w3id.org/newsprov/id/claim/a-1-2>"
    store = ox.Store()
    value = "urn:x:%3E?a=1&b=2#frag"
    assert [str(r["x"]) for r in store.query(f"SELECT ?x WHERE {{ BIND({iri(value)} AS ?x) }}")] == [f"<{value}>"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_a_literal_reads_back_as_the_same_string_whatever_it_holds(text):
    store = ox.Store()
    rows = list(store.query(f"SELECT ?x WHERE {{ BIND({literal(text)} AS ?x) }}"))
    assert rows[0]["x"].value == text


@pytest.mark.parametrize("query, service", [
    ("SELECT * WHERE { SERVICE <http://e/> { ?s ?p ?o } }", True),
    ("SELECT*WHERE{SERVICE<http://e/>{?s ?p ?o}}", True),
    ("select * where { service silent ?e { ?s ?p ?o } }", True),
    ('SELECT * WHERE { BIND(<http://x/\\u0041#> AS ?z) FILTER(?z != "a\\u0022") SERVICE <http://e/> { ?a ?b ?c } '
     'FILTER(?z != "b\\u0022")\n}', True),
    ("SELECT * WHERE { BIND('''a''b''' AS ?z) SERVICE <http://e/> {} }", True),
    ('SELECT * WHERE { BIND("open', False),  # a string left open: the engine refuses it; nothing follows
    ('SELECT * WHERE { BIND("open SERVICE <http://e/> {} }', True),  # ... unless the keyword may be in the rest
    ('SELECT ?service WHERE { BIND("SERVICE" AS ?service) FILTER(?service != <http://e/SERVICE>) } # SERVICE', False),
    ("SELECT ?SERVICE WHERE { ?s ex:SERVICE ?SERVICE }", False),
    ("SELECT * WHERE { \\u0053ERVICE <http://e/> {} }", False),  # no keyword for the engine either: a syntax error
])
def test_service_is_found_as_the_engine_reads_the_query(query, service):
    assert uses_service(query) is service


def test_the_engine_agrees_on_escapes():
    """What the reader assumes of the engine, checked on the engine itself."""
    store = ox.Store()
    assert [r["x"].value for r in store.query('SELECT ?x WHERE { BIND("a\\u0022" AS ?x) }')] == ['a"']
    assert [r["x"].value for r in store.query("SELECT ?x WHERE { BIND(<http://x/\\u0041> AS ?x) }")] == ["http://x/A"]
    for escaped in ("SELECT * WHERE { \\u0053ERVICE <http://e/> {} }", "SELECT ?x WHERE { BIND(1 AS ?x) \\u007d"):
        with pytest.raises(SyntaxError):
            store.query(escaped)


def test_forms_and_datasets():
    assert query_form("PREFIX a: <http://a/> BASE <http://b/> select * {}") == "select"
    assert query_form("  # comment\nDELETE WHERE { ?s ?p ?o }") == "update"
    assert query_form('ASK { ?s ?p "INSERT" }') == "ask"
    assert names_dataset("SELECT * FROM <http://g/> WHERE {}") and names_dataset("select * from named <g> {}")
    assert not names_dataset('SELECT * WHERE { ?s ?p "FROM" } # FROM <x>')


def test_reading_a_hostile_megabyte_is_linear():
    """Shapes that made a regular-expression reader retry from every quote (quadratic: hours
    for a megabyte) finish; run apart so that a regression fails at the bound, not hangs."""
    script = (
        "from newsprov.graph.sparql import keywords, syntax_hint\n"
        "for body in ['\"\\\\' * (1 << 19), \"'\" * (1 << 20), '<' * (1 << 20), '\"\"\"' + '\\\\\"' * (1 << 18),\n"
        "             'SELECT * WHERE { ?s ?p \"' + '\\\\\"' * (1 << 18), '# \\n' * (1 << 18), '?' * (1 << 20), 'np:a/' * (1 << 18)]:\n"
        "    keywords(body)\n"
        "    syntax_hint(body)\n"
        "print('done')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "done", done.stderr


# ---------------------------------------------------------------- newsprov query


def test_query_refuses_service_unless_allowed(seeded_store, decoy):
    url, hits = decoy
    text = f'SELECT * WHERE {{ BIND("a\\u0022" AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }}'
    refused = CliRunner().invoke(cli, ["query", "--store", str(seeded_store), text])
    assert "--allow-service" in one_line_error(refused, 2)
    assert hits == []
    allowed = CliRunner().invoke(cli, ["query", "--store", str(seeded_store), "--allow-service", text])
    assert len(hits) == 1  # the user asked for the call, and it was made
    assert allowed.exit_code == 0, allowed.output


def test_query_honours_from(seeded_store):
    runner = CliRunner()

    def count(dataset: str) -> int:
        done = runner.invoke(cli, ["query", "--store", str(seeded_store), "--format", "json",
                                   f"SELECT (COUNT(DISTINCT ?c) AS ?n) {dataset} WHERE {{ ?c a np:Claim }}"])
        assert done.exit_code == 0, done.output
        import json

        return int(json.loads(done.output)[0]["n"])

    graphs = runner.invoke(cli, ["query", "--store", str(seeded_store), "--format", "csv",
                                 "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?c a np:Claim } } ORDER BY ?g"])
    first = graphs.output.splitlines()[1].strip()
    assert 0 < count(f"FROM <{first}>") < count("")


def test_trace_refuses_a_claim_that_is_not_an_iri(seeded_store, decoy):
    url, hits = decoy
    forged = f"http://x> AS ?c0) SERVICE <{url}> {{ ?a ?b ?c }} BIND(<http://y"
    done = CliRunner().invoke(cli, ["trace", "--store", str(seeded_store), forged])
    assert "not an IRI" in one_line_error(done, 2)
    assert hits == []


def test_a_prefixed_name_with_a_slash_gets_a_hint(seeded_store):
    done = CliRunner().invoke(cli, ["query", "--store", str(seeded_store), "DESCRIBE npid:entity/uk-mod"])
    line = one_line_error(done, 2)
    assert line.startswith("Error: invalid SPARQL") and "npid:entity\\/uk-mod" in line and "<...>" in line
    # a path of prefixed names is SPARQL, and a mistake elsewhere in its query gets no such hint
    path = CliRunner().invoke(cli, ["query", "--store", str(seeded_store),
                                    "SELECT ?o WHERE { ?a schema:publisher/rdfs:label ?o"])
    assert "cannot hold" not in one_line_error(path, 2)


def test_an_empty_answer_prints_nothing_and_says_so(seeded_store):
    for fmt, printed in (("table", ""), ("csv", ""), ("jsonl", ""), ("json", "[]\n")):
        done = CliRunner().invoke(cli, ["query", "--store", str(seeded_store), "--format", fmt,
                                        "SELECT ?s WHERE { ?s a np:NoSuchClass }"])
        assert done.exit_code == 0 and done.stdout == printed and done.stderr.strip() == "no rows", (fmt, done.output)
