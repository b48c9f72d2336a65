"""The outputs researchers take away: RDF exports, the claims table, trace as CSV, progress.

Every export format is read back by a parser other than the one that wrote it and compared
with the store; every CSV is read back with the csv module and compared with its JSON twin.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from newsprov.cli import cli

from conftest import ROOT

QUAD_FORMATS = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}  # ours -> rdflib's name
TRIPLE_FORMATS = {"turtle": "turtle", "nt": "nt", "xml": "xml"}
OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG", "jsonld": "JSON_LD",
              "xml": "RDF_XML"}


def invoke(runner, *args, **kwargs):
    return runner.invoke(cli, [str(a) for a in args], **kwargs)


def _rdflib_term(term):
    """A pyoxigraph term as the rdflib term a parser gives for it."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype.endswith("#string") else URIRef(datatype))


def _store_graphs(path) -> dict[str, set[tuple]]:
    """Named graph IRI -> its triples as rdflib terms, read straight from the store."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    graphs: dict[str, set[tuple]] = {}
    for quad in store:
        graphs.setdefault(quad.graph_name.value, set()).add(tuple(_rdflib_term(t) for t in quad.triple))
    return graphs


def _graph(triples):
    from rdflib import Graph

    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _parsed_graphs(data: bytes, rdflib_format: str) -> dict[str, set[tuple]]:
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=data, format=rdflib_format)
    graphs: dict[str, set[tuple]] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graphs.setdefault(str(getattr(g, "identifier", g)), set()).add((s, p, o))
    return graphs


@pytest.mark.parametrize("fmt", [*QUAD_FORMATS, *TRIPLE_FORMATS])
def test_every_export_format_reads_back_as_the_store(runner, seeded_store, tmp_path, fmt):
    """rdflib reads the export as the same triples as the store holds (isomorphic, so blank
    nodes count); the quad formats keep each article's named graph with exactly its triples."""
    from rdflib.compare import isomorphic

    out = tmp_path / f"export.{fmt}"
    result = invoke(runner, "export", "--format", fmt, "-o", out, "--store", seeded_store)
    assert result.exit_code == 0, result.output
    expected = _store_graphs(seeded_store)
    assert len(expected) >= 5 and any("/article/" in g for g in expected)
    data = out.read_bytes()
    if fmt in QUAD_FORMATS:
        parsed = _parsed_graphs(data, QUAD_FORMATS[fmt])
        assert set(parsed) == set(expected)
        for name, triples in expected.items():
            assert isomorphic(_graph(parsed[name]), _graph(triples)), name
    else:
        from rdflib import Graph

        merged = Graph().parse(data=data, format=TRIPLE_FORMATS[fmt])
        assert isomorphic(merged, _graph(set().union(*expected.values())))


@pytest.mark.parametrize("fmt", [*QUAD_FORMATS, *TRIPLE_FORMATS])
def test_an_export_loaded_into_a_fresh_store_exports_the_same_quads(runner, seeded_store, tmp_path, fmt):
    import pyoxigraph as ox

    from newsprov.graph.store import GraphStore

    first = invoke(runner, "export", "--format", fmt, "--store", seeded_store).stdout_bytes
    format_ = getattr(ox.RdfFormat, OX_FORMATS[fmt])
    with GraphStore(tmp_path / "again.db") as again:
        # the merged formats have no graph names: load them into one graph, which export merges again
        where = {} if fmt in QUAD_FORMATS else {"to_graph": ox.NamedNode("https://example.org/reloaded")}
        again.store.load(first, format=format_, **where)
        second = again.export(fmt)
    parse = (lambda data: set(ox.parse(data, format=format_))) if fmt in QUAD_FORMATS else (
        lambda data: {q.triple for q in ox.parse(data, format=format_)})
    assert len(parse(first)) > 4000 and parse(second) == parse(first)
    if fmt == "jsonld":  # written sorted: the same content gives the same bytes
        assert second == first


@pytest.mark.parametrize("fmt", [*QUAD_FORMATS, *TRIPLE_FORMATS])
def test_output_file_and_stdout_hold_the_same_bytes(runner, seeded_store, tmp_path, fmt):
    out = tmp_path / f"export.{fmt}"
    to_file = invoke(runner, "export", "--format", fmt, "-o", out, "--store", seeded_store)
    to_stdout = invoke(runner, "export", "--format", fmt, "--store", seeded_store)
    assert to_file.exit_code == to_stdout.exit_code == 0
    assert to_stdout.stdout_bytes == out.read_bytes() and len(to_stdout.stdout_bytes) > 100_000


def test_jsonld_is_compacted_with_the_project_context_one_graph_per_article(runner, seeded_store):
    from newsprov.graph.jsonld import context
    from newsprov.graph.vocab import PREFIXES

    document = json.loads(invoke(runner, "export", "--format", "jsonld", "--store", seeded_store).stdout_bytes)
    shipped = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == shipped["@context"] == context()
    assert set(context()) == set(PREFIXES)
    graphs = {g["@id"]: g["@graph"] for g in document["@graph"]}
    articles = sorted(g for g in _store_graphs(seeded_store) if "/article/" in g)
    assert len(articles) == 5
    for article in articles:
        compact = "npid:" + article.removeprefix(str(PREFIXES["npid"]))
        nodes = {node["@id"]: node for node in graphs[compact]}
        assert nodes[compact]["@type"] == "np:Article"  # the graph is named by its article
        claims = [n for n in nodes.values() if n.get("@type") == "np:Claim"]
        assert claims and all(c["nif:referenceContext"] == {"@id": compact} for c in claims)
    # no key is a full IRI: every predicate of the graph is under a prefix of the context
    keys = {key for nodes in graphs.values() for node in nodes for key in node}
    assert keys and not [k for k in keys if k.startswith("http")]
    assert {"np:hasFigure", "schema:value", "nif:anchorOf", "prov:agent", "@type"} <= keys


def test_jsonld_writer_keeps_every_kind_of_term():
    """Terms the seed graphs lack (blank nodes, languages, a decimal in non-canonical form,
    IRIs outside every prefix, a rest starting with //, rdf:type to a literal) come back as
    written, read by Oxigraph and by rdflib."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from newsprov.graph.jsonld import write_jsonld

    np_ = "https://w3id.org/newsprov/ns#"
    graph = ox.NamedNode("https://w3id.org/newsprov/id/article/x")
    thing, blank = ox.NamedNode("https://w3id.org/newsprov/id/claim/x-1"), ox.BlankNode("b1")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    quads = [
        ox.Quad(thing, rdf_type, ox.NamedNode(np_ + "Claim"), graph),
        ox.Quad(thing, rdf_type, ox.NamedNode("http://example.org/Other"), graph),
        ox.Quad(thing, rdf_type, ox.Literal("not a class"), graph),
        ox.Quad(thing, ox.NamedNode(np_ + "drift"), ox.Literal("1.50", datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#decimal")), graph),
        ox.Quad(thing, ox.NamedNode("http://example.org/p"), ox.Literal("chat", language="fr"), graph),
        ox.Quad(thing, ox.NamedNode("http://example.org/p"), ox.Literal('a "quoted", \n line'), graph),
        ox.Quad(thing, ox.NamedNode(np_ + "via"), blank, graph),
        ox.Quad(blank, ox.NamedNode(np_ + "via"), ox.NamedNode("https://schema.org///odd"), graph),
        ox.Quad(blank, ox.NamedNode(np_ + "hop"), ox.Literal("1", datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer")), ox.DefaultGraph()),
    ]
    by_graph = [(None, [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]),
                (graph, [q for q in quads if q.graph_name == graph])]
    data = write_jsonld(by_graph)
    reread = list(ox.parse(data, format=ox.RdfFormat.JSON_LD))
    # blank node labels may change: compare with the blank node written as one fixed IRI
    def ground(qs):
        fixed = ox.NamedNode("urn:blank")
        swap = (lambda t: fixed if isinstance(t, ox.BlankNode) else t)
        return {(swap(q.subject), q.predicate, swap(q.object), q.graph_name) for q in qs}
    assert ground(reread) == ground(quads)
    dataset = Dataset()
    dataset.parse(data=data, format="json-ld")
    assert len(list(dataset.quads((None, None, None, None)))) == len(quads)
    assert '"npid:claim/x-1"' in data.decode() and '"https://schema.org///odd"' in data.decode()


def test_turtle_and_trig_declare_and_use_the_project_prefixes(runner, seeded_store):
    for fmt in ("turtle", "trig"):
        text = invoke(runner, "export", "--format", fmt, "--store", seeded_store).output
        head = [line for line in text.splitlines() if line.startswith("@prefix")]
        for prefix in ("np", "npid", "schema", "prov", "nif", "rdfs", "xsd"):
            assert any(line.startswith(f"@prefix {prefix}: <") for line in head), (fmt, prefix)
        body = text.split("\n", len(head))[-1]
        assert "np:Claim" in body and "schema:value" in body and "nif:anchorOf" in body and "https://schema.org/" not in body
    trig = invoke(runner, "export", "--format", "trig", "--store", seeded_store).output
    graphs = [line for line in trig.splitlines() if line.rstrip().endswith("{")]
    assert len(graphs) == len(_store_graphs(seeded_store))


def test_export_says_one_line_on_stderr_and_draws_no_progress_without_a_terminal(runner, seeded_store, tmp_path):
    out = tmp_path / "corpus.trig"
    result = invoke(runner, "export", "--format", "trig", "-o", out, "--store", seeded_store)
    assert result.exit_code == 0
    assert result.stderr == f"wrote {out.stat().st_size} bytes of trig to {out}\n"
    assert result.stdout == ""
    piped = invoke(runner, "export", "--format", "trig", "--store", seeded_store)
    assert piped.stderr == "" and piped.stdout_bytes == out.read_bytes()


def test_export_progress_is_drawn_when_asked_for_and_leaves_the_data_alone(runner, seeded_store, tmp_path):
    quiet, shown = tmp_path / "quiet.nq", tmp_path / "shown.nq"
    invoke(runner, "export", "--format", "nquads", "-o", quiet, "--store", seeded_store)
    result = invoke(runner, "export", "--format", "nquads", "-o", shown, "--store", seeded_store,
                    env={"NEWSPROV_PROGRESS": "1"})
    assert result.exit_code == 0
    assert "exporting nquads" in result.stderr and "elapsed" in result.stderr and "\x1b[" in result.stderr
    assert result.stderr.endswith(f"wrote {shown.stat().st_size} bytes of nquads to {shown}\n")
    assert shown.read_bytes() == quiet.read_bytes()
    off = invoke(runner, "export", "--format", "nquads", "-o", shown, "--store", seeded_store,
                 env={"NEWSPROV_PROGRESS": "0"})
    assert off.stderr == f"wrote {shown.stat().st_size} bytes of nquads to {shown}\n"


def test_progress_counts_a_known_total_and_stays_silent_when_not_wanted(monkeypatch):
    """The helper ingest uses too: articles against a known total; bytes against none."""
    from newsprov import progress as progress_module
    from newsprov.progress import progress, wanted

    captured = io.StringIO()
    monkeypatch.setattr(progress_module.sys, "stderr", captured)
    monkeypatch.delenv("NEWSPROV_PROGRESS", raising=False)
    assert wanted() is False  # a StringIO is no terminal
    with progress("ingesting", total=3, unit="articles") as bar:
        bar.advance(3)
    assert captured.getvalue() == "" and bar.completed == 3
    monkeypatch.setenv("NEWSPROV_PROGRESS", "1")
    assert wanted() is True and wanted(enabled=False) is False  # the caller's no wins
    with progress("ingesting", total=3, unit="articles", transient=False) as bar:
        for _ in range(3):
            bar.advance()
    assert "ingesting" in captured.getvalue() and "3/3 articles" in captured.getvalue()
    with progress("exporting", unit="bytes", transient=False) as bar:
        bar.advance(2_500_000)
    assert "2.5 MB" in captured.getvalue()


def _claim_iris(path) -> list[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    claim = ox.NamedNode("https://w3id.org/newsprov/ns#Claim")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    return sorted({q.subject.value for q in store.quads_for_pattern(None, rdf_type, claim)})


def _csv_matches_json(runner, store, *args):
    """The claims as csv and as json, and the csv rows read back equal to the json rows."""
    from newsprov.analyse.claims import COLUMNS
    from newsprov.render import csv_cell

    rows = json.loads(invoke(runner, "claims", "--format", "json", "--store", store, *args).output)
    read = list(csv.DictReader(io.StringIO(invoke(runner, "claims", "--format", "csv", "--store", store, *args).output)))
    assert [list(r) for r in read[:1]] == [COLUMNS][:len(read[:1])]
    assert read == [{c: csv_cell(row[c]) for c in COLUMNS} for row in rows]
    lines = invoke(runner, "claims", "--format", "jsonl", "--store", store, *args).output.splitlines()
    assert [json.loads(line) for line in lines] == rows
    return rows, read


def test_claims_csv_reads_back_as_the_json_and_lists_every_claim_once(runner, seeded_store):
    rows, _ = _csv_matches_json(runner, seeded_store)
    claims = [r["claim"] for r in rows]
    assert sorted(claims) == _claim_iris(seeded_store) and len(claims) == len(set(claims)) > 50
    several = next(r for r in rows if len(r["figure_value"]) > 1)  # one row, its figures in text order
    assert len(several["figure_text"]) == len(several["qualifier"]) == len(several["hedge"]) == len(several["figure_value"])
    for row in rows:
        assert row["text"] and row["end"] > row["start"] and row["article_iri"].endswith(row["article"])
        assert row["attributed"] == bool(row["first_hop"]) == (row["root_status"] != "unattributed")
        assert not (row["attributed"] and row["inferred_root"])  # a guess never stands beside a stated source


def test_claims_agree_with_trace(runner, seeded_store):
    """The first hop, root and probable roots of each claim are those `trace` shows, with all
    the claims traced at once (as `report` does): a claim must not take the inner hop another
    claim reports through the same outer hop (The Sun's 1,570 is the UK MoD's alone)."""
    from newsprov.analyse.trace import trace_claims
    from newsprov.graph.store import GraphStore

    rows = {r["claim"]: r for r in json.loads(invoke(runner, "claims", "-f", "json", "--store", seeded_store).output)}
    with_figures = sorted(c for c, r in rows.items() if r["figure_value"])
    with GraphStore(seeded_store, read_only=True) as store:
        occurrences = trace_claims(store, with_figures)
    assert {o["claim"]["id"] for o in occurrences} == set(with_figures)
    for o in occurrences:
        row = rows[o["claim"]["id"]]
        chain = [hop["source"]["entity"] for hop in o["chain"]]
        assert (row["first_hop_iri"], row["root_iri"], row["hops"]) == (
            chain[0] if chain else None, chain[-1] if chain else None, len(chain)), row["claim"]
        assert row["root_status"] == o["root"]["status"]
        # trace lists a source once per link that supports it; claims lists each source once, at its best rank
        assert row["inferred_root_iri"] == list(dict.fromkeys(g["source"]["entity"] for g in o["inferred_roots"]))
        assert o["figure"]["text"] in row["figure_text"] and o["claim"]["text"] == row["text"]
        assert (row["publisher"], row["published"]) == (o["article"]["publisher"], o["article"]["published"])


def test_claims_values_with_commas_quotes_and_newlines_survive(runner, tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    name = 'report, "final"\nversion.txt'  # a file name is data too, and may hold all three
    (folder / name).write_text('Officials said "at least 1,234 civilians, including 56 children" were killed, '
                               "according to the United Nations.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text(f'file,publisher,published,url,title\n"{name.replace(chr(34), 2 * chr(34))}",'
                                         '"Smith, Jones & ""Co""",2025-03-01,https://example.org/x,"Toll, ""again"""\n',
                                         encoding="utf-8")
    store = tmp_path / "odd.db"
    assert invoke(runner, "ingest", "-q", "--store", store, folder).exit_code == 0
    rows, read = _csv_matches_json(runner, store)
    [row] = rows
    assert row["source_file"] == name and read[0]["source_file"] == name
    assert read[0]["publisher"] == 'Smith, Jones & "Co"' and read[0]["title"] == 'Toll, "again"'
    assert read[0]["text"] == '"at least 1,234 civilians, including 56 children" were killed'
    assert read[0]["figure_text"] == "1,234; 56" and read[0]["hedge"] == "at least; "
    table = invoke(runner, "claims", "--store", store).output
    assert len(table.splitlines()) == 3  # header, rule, one row: the line break does not break the table


def test_claims_of_one_figure_and_the_errors(runner, seeded_store, tmp_path):
    rows, _ = _csv_matches_json(runner, seeded_store, "--figure", "1,556")
    assert len(rows) == 2 and all(1556.0 in r["figure_value"] for r in rows)
    assert {r["publisher"] for r in rows} == {"The Sun", "GB News"}
    unknown = invoke(runner, "claims", "--figure", "99999", "--store", seeded_store)
    assert unknown.exit_code == 3 and unknown.output.count("\n") == 1 and "99999" in unknown.output
    garbled = invoke(runner, "claims", "--figure", "lots", "--store", seeded_store)
    assert garbled.exit_code == 2 and garbled.output.count("\n") == 1
    out = tmp_path / "claims.csv"
    written = invoke(runner, "claims", "-f", "csv", "-o", out, "--store", seeded_store)
    assert written.stderr.startswith("wrote ") and out.read_text(encoding="utf-8").startswith("claim,article,")


@pytest.mark.parametrize("args", [["export", "--format", "trig"], ["claims", "-f", "csv"],
                                  ["trace", "1556", "--format", "csv"]], ids=lambda a: a[0])
def test_an_unwritable_output_is_one_line_exit_2(runner, seeded_store, tmp_path, args):
    result = invoke(runner, *args, "-o", tmp_path / "no" / "such" / "folder.out", "--store", seeded_store)
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert result.output.startswith("Error: cannot write") and "Traceback" not in result.output


def _chains_from_csv(text: str) -> list[dict]:
    """Occurrences rebuilt from trace's CSV rows: their stated chains and probable roots."""
    occurrences: dict[str, dict] = {}
    for row in csv.DictReader(io.StringIO(text)):
        o = occurrences.setdefault(row["occurrence"], {
            "article": row["article"], "claim": row["claim"], "figure": row["figure"], "figure_text": row["figure_text"],
            "status": row["root_status"], "claim_text": row["claim_text"], "chain": [], "inferred": [], "roots": []})
        if row["inferred"] == "true":
            o["inferred"].append((int(row["rank"]), row["source_iri"], row["source"]))
        elif row["hop"]:
            o["chain"].append((int(row["hop"]), row["source_iri"], row["source"], row["cue"], row["speech"]))
            if row["root"] == "true":
                o["roots"].append(row["source_iri"])
    return [occurrences[k] for k in sorted(occurrences, key=int)]


@pytest.mark.parametrize("figure", ["1556", "48,240", "1,000", "25"])
def test_trace_csv_rebuilds_the_chains_of_the_json(runner, seeded_store, figure):
    occurrences = json.loads(invoke(runner, "trace", figure, "-f", "json", "--store", seeded_store).output)
    result = invoke(runner, "trace", figure, "-f", "csv", "--store", seeded_store)
    assert result.exit_code == 0
    rebuilt = _chains_from_csv(result.output)
    assert len(rebuilt) == len(occurrences)
    for o, r in zip(occurrences, rebuilt):
        assert (r["article"], r["claim"], r["figure"], r["figure_text"], r["status"], r["claim_text"]) == (
            o["article"]["id"], o["claim"]["id"], o["figure"]["iri"], o["figure"]["text"], o["root"]["status"],
            o["claim"]["text"])
        assert r["chain"] == [(n, h["source"]["entity"], h["source"]["label"], h["cue"] or "", h["speech"])
                              for n, h in enumerate(o["chain"], 1)]
        assert r["roots"] == ([o["root"]["entity"]] if o["chain"] else [])
        assert r["inferred"] == [(g["rank"], g["source"]["entity"], g["source"]["label"]) for g in o["inferred_roots"]]


def test_trace_csv_of_an_unknown_figure_exits_3(runner, seeded_store):
    result = invoke(runner, "trace", "99999", "-f", "csv", "--store", seeded_store)
    assert result.exit_code == 3 and result.output.count("\n") == 1


# -- CSV for spreadsheets ---------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture(scope="module")
def formula_store(tmp_path_factory):
    """One article whose metadata holds formulas, as a hostile feed or page may."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("formulas")
    (folder / "a.txt").write_text("Russia lost 1,556 troops a day in January, the UK Ministry of Defence said.\n",
                                  encoding="utf-8")
    quoted = FORMULA.replace('"', '""')
    (folder / "metadata.csv").write_text(f'file,publisher,title\na.txt,"{quoted}",@SUM(1+1)\n', encoding="utf-8")
    store = folder / "s.db"
    assert invoke(CliRunner(), "ingest", "-q", "--store", store, folder).exit_code == 0
    return store


def _csv_rows(runner, *args) -> list[dict]:
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_a_formula_in_metadata_comes_out_of_every_csv_as_text(runner, formula_store):
    [claim] = _csv_rows(runner, "claims", "-f", "csv", "--store", formula_store)
    assert (claim["publisher"], claim["title"]) == ("'" + FORMULA, "'@SUM(1+1)")
    assert claim["figure_value"] == "1556" and claim["start"] == "0"
    [hop] = _csv_rows(runner, "trace", "1556", "-f", "csv", "--store", formula_store)
    assert hop["publisher"] == "'" + FORMULA
    cited = [row["cited_by"] for row in _csv_rows(runner, "sources", "--format", "csv", "--store", formula_store)]
    assert "'" + FORMULA in cited
    [row] = _csv_rows(runner, "query", "--format", "csv", "--store", formula_store,
                      'SELECT ?title (-3.5 AS ?n) ("-2+3" AS ?sum) WHERE { ?a schema:headline ?title }')
    assert row == {"title": "'@SUM(1+1)", "n": "-3.5", "sum": "'-2+3"}
    # JSON is data for programs, not a spreadsheet: it keeps the value as it is
    [claim] = json.loads(invoke(runner, "claims", "-f", "json", "--store", formula_store).stdout)
    assert (claim["publisher"], claim["title"]) == (FORMULA, "@SUM(1+1)")


@pytest.mark.parametrize("cell, written", [
    (FORMULA, "'" + FORMULA), ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"),
    ("+1+2", "'+1+2"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-", "'-"),
    (-3.5, "-3.5"), ("-3.5", "-3.5"), ("+44", "+44"), ("-1,556", "-1,556"), ([-3.5, 2.0], "-3.5; 2"), (-2e-05, "-2e-05"),
    ("Kyiv", "Kyiv"), ("", ""),
])
def test_a_cell_that_starts_like_a_formula_is_quoted_and_a_number_stays_a_number(cell, written):
    from newsprov.render import render

    [row] = list(csv.reader(io.StringIO(render([{"value": cell}], "csv"), newline="")))[1:]
    assert row == [written]


# -- writing -o FILE whole or not at all ------------------------------------------------------------

def test_an_export_that_fails_midway_leaves_the_old_file_whole(runner, seeded_store, tmp_path, monkeypatch):
    import errno

    from newsprov.graph.store import GraphStore

    def export_half(self, fmt, output=None):
        output.write(b"<a> <b> <c> .\n" * 1000)
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "corpus.nq"
    out.write_bytes(b"the old export\n")
    monkeypatch.setattr(GraphStore, "export", export_half)
    result = invoke(runner, "export", "-f", "nquads", "-o", out, "--store", seeded_store)
    assert result.exit_code == 2 and result.output == (
        f"Error: cannot write {out}: No space left on device; {out} is left as it was; free some space or choose "
        f"another --output\n")
    assert out.read_bytes() == b"the old export\n" and [p.name for p in tmp_path.iterdir()] == ["corpus.nq"]


@pytest.mark.parametrize("args", [["export", "-f", "nquads"], ["claims", "-f", "csv"], ["trace", "1556", "-f", "html"],
                                  ["graph"]], ids=lambda a: a[0])
def test_a_file_size_limit_midway_leaves_the_old_file_whole(seeded_store, tmp_path, args):
    """RLIMIT_FSIZE, as under a quota: the write stops with EFBIG part of the way through."""
    import resource
    import subprocess
    import sys

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    out = tmp_path / "out.data"
    out.write_bytes(b"the old file, whole\n")
    result = subprocess.run([sys.executable, "-m", "newsprov", *args, "-o", str(out), "--store", str(seeded_store)],
                            capture_output=True, text=True, preexec_fn=limit, timeout=300)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (f"Error: cannot write {out}: File too large; {out} is left as it was; free some space "
                             f"or choose another --output\n")
    assert out.read_bytes() == b"the old file, whole\n" and [p.name for p in tmp_path.iterdir()] == ["out.data"]


def test_an_output_file_is_replaced_whole_keeping_its_mode_and_its_link(runner, seeded_store, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "claims.csv"
    link.symlink_to(real.name)
    result = invoke(runner, "claims", "-f", "csv", "-o", link, "--store", seeded_store)
    assert result.exit_code == 0 and result.stderr == f"wrote {real.stat().st_size} bytes of csv to {link}\n"
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("claim,article,")
    assert real.stat().st_mode & 0o777 == 0o640 and sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv", "real.csv"]
    fresh = tmp_path / "fresh.csv"
    assert invoke(runner, "claims", "-f", "csv", "-o", fresh, "--store", seeded_store).exit_code == 0
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
