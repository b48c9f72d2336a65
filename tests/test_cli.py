"""The command line, in process: exit codes, JSON contracts, and what a user reads."""
from __future__ import annotations

import json
import re

import pytest

from newsprov.cli import cli

from conftest import ROOT, SEEDS


def invoke(runner, *args, **kwargs):
    return runner.invoke(cli, [str(a) for a in args], **kwargs)


def test_every_command_has_help_with_an_example_and_a_readme_section(runner):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        result = invoke(runner, name, "--help")
        assert result.exit_code == 0
        assert command.help and "Example" in command.help, name
        assert f"newsprov {name}" in readme, f"README lacks a section on `newsprov {name}`"
        for sub, subcommand in getattr(command, "commands", {}).items():  # groups: `newsprov reference add`
            assert invoke(runner, name, sub, "--help").exit_code == 0
            assert subcommand.help and "Example" in subcommand.help, f"{name} {sub}"
            assert f"{name} {sub}" in readme, f"README does not mention `newsprov {name} {sub}`"


def test_trace_1556_shows_the_sun_chain_and_gb_news_unattributed(runner, seeded_store):
    result = invoke(runner, "trace", "1556", "--format", "json", "--store", seeded_store)
    assert result.exit_code == 0, result.output
    occurrences = json.loads(result.output)
    by_outlet = {o["article"]["publisher"]: o for o in occurrences}
    assert set(by_outlet) == {"The Sun", "GB News"}
    sun = by_outlet["The Sun"]
    assert [hop["source"]["label"] for hop in sun["chain"]] == [
        "UK Ministry of Defence", "General Staff of the Armed Forces of Ukraine"]
    assert sun["root"]["status"] == "named" and sun["root"]["entity"].endswith("/ua-general-staff")
    assert all(hop["inferred"] is False for hop in sun["chain"])
    assert by_outlet["GB News"]["chain"] == [] and by_outlet["GB News"]["root"]["status"] == "unattributed"


def test_trace_text_is_a_tree_with_the_root_marked(runner, seeded_store):
    result = invoke(runner, "trace", "1,556", "--store", seeded_store)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    mod = next(i for i, line in enumerate(lines) if "UK Ministry of Defence" in line)
    assert "└─" in lines[mod] and "root" in lines[mod + 1] and "General Staff" in lines[mod + 1]
    assert lines[mod + 1].index("└─") > lines[mod].index("└─")  # the inner hop is indented further
    assert "unattributed" in result.output


def test_trace_48240_is_ukraines_ministry_not_the_uks(runner, seeded_store):
    result = invoke(runner, "trace", "48,240", "--format", "json", "--store", seeded_store)
    [occurrence] = json.loads(result.output)
    assert occurrence["article"]["publisher"] == "GB News"
    [hop] = occurrence["chain"]
    assert hop["source"]["entity"].endswith("/ua-mod")
    uk = json.loads(invoke(runner, "trace", "875,000", "--format", "json", "--store", seeded_store).output)
    assert uk[0]["chain"][0]["source"]["entity"].endswith("/uk-mod")


def test_trace_by_claim_iri_and_article_filter(runner, seeded_store):
    occurrences = json.loads(invoke(runner, "trace", "1556", "-f", "json", "--store", seeded_store).output)
    claim = occurrences[0]["claim"]["id"]
    by_claim = json.loads(invoke(runner, "trace", claim, "-f", "json", "--store", seeded_store).output)
    assert [o["claim"]["id"] for o in by_claim] == [claim]
    only = json.loads(invoke(runner, "trace", "1556", "--article", "002_5fb06999ae962a69.txt", "-f", "json",
                             "--store", seeded_store).output)
    assert [o["article"]["publisher"] for o in only] == ["GB News"]


@pytest.mark.parametrize("args, code", [
    (["trace", "999999"], 3),
    (["trace", "not a number"], 2),
    (["query", "SELEC ?x WHERE {}"], 2),
])
def test_errors_are_one_line_with_documented_codes(runner, seeded_store, args, code):
    result = invoke(runner, *args, "--store", seeded_store)
    assert result.exit_code == code
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("Error:")


def test_missing_store_is_reported(runner, tmp_path):
    result = invoke(runner, "trace", "1556", "--store", tmp_path / "nowhere.db")
    assert result.exit_code == 3 and "newsprov ingest" in result.output


def test_reingest_is_a_no_op(runner, store_path):
    first = json.loads(invoke(runner, "ingest", "-q", "-f", "json", "--store", store_path, SEEDS).output)
    second = json.loads(invoke(runner, "ingest", "-q", "-f", "json", "--store", store_path, SEEDS).output)
    from newsprov.analyse.links import LINKS_GRAPH
    from newsprov.graph.store import GraphStore

    with GraphStore(store_path, read_only=True) as store:
        derived = int(store.select(f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
                                         FILTER(STRSTARTS(STR(?g), "{LINKS_GRAPH}")) }}""")[0]["n"])
    assert first["added"] == 5 and first["store_triples"] == first["triples"] + derived and first["triples"] > 0
    assert first["figure_links"] > 0 and derived > 0
    assert second["unchanged"] == 5 and second["added"] == second["replaced"] == 0
    assert second["store_triples"] == first["store_triples"]


def test_ingest_progress_is_a_bar_on_a_terminal_lines_when_asked_and_nothing_in_a_pipe(runner, tmp_path):
    """A pipe or a log gets the summary alone; NEWSPROV_PROGRESS=1 draws the bar (as a terminal
    would), NEWSPROV_PROGRESS=lines one line per article; a refused article is said in any case."""
    piped = invoke(runner, "ingest", "--store", tmp_path / "a.db", SEEDS, env={"NEWSPROV_PROGRESS": ""})
    assert piped.exit_code == 0 and piped.stderr == ""
    drawn = invoke(runner, "ingest", "--store", tmp_path / "b.db", SEEDS, env={"NEWSPROV_PROGRESS": "1"})
    assert drawn.exit_code == 0 and "ingesting" in drawn.stderr and "\x1b[" in drawn.stderr
    assert drawn.stdout == piped.stdout.replace(str(tmp_path / "a.db"), str(tmp_path / "b.db"))
    logged = invoke(runner, "ingest", "--store", tmp_path / "c.db", SEEDS, env={"NEWSPROV_PROGRESS": "lines"})
    assert [line.split("]")[0] for line in logged.stderr.splitlines()] == [f"[{i}/5" for i in range(1, 6)]


def test_a_refused_article_is_said_even_with_no_progress(runner, tmp_path, monkeypatch):
    from conftest import break_articles

    break_articles(monkeypatch, "003")
    result = invoke(runner, "ingest", "--skip-invalid", "--store", tmp_path / "s.db", SEEDS,
                    env={"NEWSPROV_PROGRESS": ""})
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [line for line in result.stderr.splitlines() if "REFUSED" in line] != []
    quiet = invoke(runner, "ingest", "-q", "--skip-invalid", "--store", tmp_path / "t.db", SEEDS)
    assert quiet.stderr == ""


def test_changed_metadata_replaces_only_that_article(runner, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("000_2315ef88bd53205f.txt", "002_5fb06999ae962a69.txt"):
        (corpus / name).write_bytes((SEEDS / name).read_bytes())
    (corpus / "metadata.csv").write_text("file,publisher\n000_2315ef88bd53205f.txt,The Sun\n", encoding="utf-8")
    store = tmp_path / "s.db"
    invoke(runner, "ingest", "-q", "--store", store, corpus)
    before = json.loads(invoke(runner, "trace", "1556", "-f", "json", "--store", store).output)
    (corpus / "metadata.csv").write_text("file,publisher\n000_2315ef88bd53205f.txt,The Sun\n"
                                         "002_5fb06999ae962a69.txt,GB News\n", encoding="utf-8")
    summary = json.loads(invoke(runner, "ingest", "-q", "-f", "json", "--store", store, corpus).output)
    assert (summary["replaced"], summary["unchanged"]) == (1, 1)
    after = json.loads(invoke(runner, "trace", "1556", "-f", "json", "--store", store).output)
    assert sorted(o["article"]["publisher"] or "" for o in before) == ["", "The Sun"]
    assert sorted(o["article"]["publisher"] for o in after) == ["GB News", "The Sun"]


def test_store_before_the_command(runner, tmp_path, seeded_store):
    result = invoke(runner, "--store", seeded_store, "trace", "48240", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)[0]["article"]["publisher"] == "GB News"


def test_store_from_environment_variable(runner, tmp_path):
    store = tmp_path / "env.db"
    result = invoke(runner, "ingest", "-q", SEEDS / "000_2315ef88bd53205f.txt", env={"NEWSPROV_STORE": str(store)})
    assert result.exit_code == 0 and store.is_dir()


def test_locked_store_is_reported(runner, store_path):
    from newsprov.graph.store import GraphStore

    holder = GraphStore(store_path)  # another process's ingest holds the lock
    result = invoke(runner, "ingest", "-q", "--store", store_path, SEEDS)
    assert result.exit_code == 4 and "locked" in result.output
    del holder


def test_extract_contract_and_offsets(runner):
    result = invoke(runner, "extract", SEEDS / "000_2315ef88bd53205f.txt")
    assert result.exit_code == 0
    [document] = json.loads(result.output)
    text = (SEEDS / "000_2315ef88bd53205f.txt").read_text(encoding="utf-8")
    assert set(document) >= {"article", "entities", "claims", "attributions"}
    assert set(document["article"]) >= {"id", "source_file", "publisher", "published"}
    assert document["article"]["publisher"] == "The Sun"
    ids = {a["id"] for a in document["attributions"]}
    for entity in document["entities"]:
        assert set(entity) >= {"id", "label", "type", "wikidata", "mentions"}
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for claim in document["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]
        assert set(claim["attributions"]) <= ids
        for f in claim["figures"]:
            assert set(f) >= {"text", "start", "end", "value", "qualifier", "measure", "period"}
            assert text[f["start"]:f["end"]] == f["text"]
    for a in document["attributions"]:
        assert a["kind"] in ("direct", "indirect", "mixed")
        assert a["via"] is None or a["via"] in ids
        assert text[a["source"]["start"]:a["source"]["end"]] == a["source"]["text"]
        if a["cue"]:
            assert text[a["cue"]["start"]:a["cue"]["end"]] == a["cue"]["text"]


def test_user_gazetteer_adds_an_entity(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The Zorya Monitoring Group said 312 drones were downed.\n", encoding="utf-8")
    gazetteer = tmp_path / "mine.jsonl"
    gazetteer.write_text(json.dumps({"id": "zorya", "label": "Zorya Monitoring Group", "type": "ResearchOrganisation",
                                     "country": "UA", "aliases": ["Zorya Monitoring Group", "Zorya"],
                                     "wikidata": "", "demonyms": []}) + "\n", encoding="utf-8")
    [document] = json.loads(invoke(runner, "extract", article, "--gazetteer", gazetteer).output)
    [attribution] = document["attributions"]
    assert attribution["source"]["entity"] == "zorya" and attribution["source"]["type"] == "ResearchOrganisation"


def test_query_examples_and_formats(runner, seeded_store):
    names = [r["name"] for r in json.loads(invoke(runner, "query", "--list", "--format", "json").output)]
    assert {"claims-by-root-source", "unattributed-figures", "who-cites-whom"} <= set(names)
    for name in names:
        result = invoke(runner, "query", "--example", name, "--format", "json", "--store", seeded_store)
        assert result.exit_code == 0, result.output
        assert json.loads(result.output), name
    rows = json.loads(invoke(runner, "query", "--example", "unattributed-figures", "--format", "json",
                             "--store", seeded_store).output)
    assert {"outlet": "GB News", "figure": "1,556"}.items() <= next(r for r in rows if r["figure"] == "1,556").items()
    csv_out = invoke(runner, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?c a np:Claim }", "--format", "csv",
                     "--store", seeded_store).output
    assert csv_out.splitlines()[0] == "n" and int(csv_out.splitlines()[1]) > 20
    ask = invoke(runner, "query", "ASK { ?a prov:agent npid:entity\\/uk-mod }", "--store", seeded_store)
    assert ask.output.strip() == "true"


def test_sources_cites_and_cited_by(runner, seeded_store):
    rows = json.loads(invoke(runner, "sources", "--format", "json", "--store", seeded_store).output)
    mod = next(r for r in rows if r["source"] == "UK Ministry of Defence")
    assert "General Staff of the Armed Forces of Ukraine" in mod["cites"]
    assert "The Sun" in mod["cited_by"]
    general_staff = next(r for r in rows if r["source"] == "General Staff of the Armed Forces of Ukraine")
    assert "UK Ministry of Defence" in general_staff["cited_by"]


def test_bidi_controls_from_articles_are_printed_escaped_and_kept_in_data(runner, tmp_path):
    """A right-to-left override in an article or its metadata would reorder the terminal's line:
    tables and trees write it out as an escape; json keeps the text as it is."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Officials said 1,234 drones were downed\u202e over Kyiv, the ministry said.\n",
                                  encoding="utf-8")
    (folder / "metadata.csv").write_text("file,publisher\na.txt,\u2067Evening Herald\u2069\n", encoding="utf-8")
    store = tmp_path / "s.db"
    assert invoke(runner, "ingest", "-q", "--store", store, folder).exit_code == 0
    for command in (["claims"], ["sources"], ["trace", "1234"]):
        result = invoke(runner, *command, "--store", store)
        assert result.exit_code == 0, result.output
        assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f]", result.output), command
        assert "\\u2067Evening Herald\\u2069" in result.output, command
    rows = json.loads(invoke(runner, "claims", "--format", "json", "--store", store).output)
    assert rows[0]["publisher"] == "\u2067Evening Herald\u2069" and "\u202e" in rows[0]["text"]


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "trig", "jsonld"])
def test_export_round_trips(runner, seeded_store, tmp_path, fmt):
    import pyoxigraph

    out = tmp_path / f"export.{fmt}"
    assert invoke(runner, "export", "--format", fmt, "-o", out, "--store", seeded_store).exit_code == 0
    original = pyoxigraph.Store.read_only(str(seeded_store))
    reloaded = pyoxigraph.Store()
    format_ = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
               "nquads": pyoxigraph.RdfFormat.N_QUADS, "trig": pyoxigraph.RdfFormat.TRIG,
               "jsonld": pyoxigraph.RdfFormat.JSON_LD}[fmt]
    kwargs = {} if fmt in ("nquads", "trig", "jsonld") else {"to_graph": pyoxigraph.DefaultGraph()}
    reloaded.load(path=str(out), format=format_, **kwargs)
    if fmt in ("nquads", "trig", "jsonld"):
        assert set(reloaded) == set(original)
    else:
        triples = {(q.subject, q.predicate, q.object) for q in original}
        assert {(q.subject, q.predicate, q.object) for q in reloaded} == triples


def test_validate_store_and_file(runner, seeded_store, tmp_path):
    result = invoke(runner, "validate", "--format", "json", "--store", seeded_store)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["conforms"] is True
    assert any(f["severity"] == "Warning" for f in report["findings"])
    turtle = tmp_path / "x.ttl"
    invoke(runner, "export", "-o", turtle, "--store", seeded_store)
    broken = tmp_path / "broken.ttl"
    broken.write_text(re.sub(r"nif:endIndex \d+", "nif:endIndex 999999", turtle.read_text(encoding="utf-8"), count=1),
                      encoding="utf-8")
    result = invoke(runner, "validate", broken)
    assert result.exit_code == 1 and "Conforms: no" in result.output
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle", encoding="utf-8")
    assert invoke(runner, "validate", garbage).exit_code == 2


def test_every_test_article_ingests_and_conforms(runner, tmp_path):
    """All seed and test articles pass SHACL, so the graphs hold for articles in other styles too."""
    store = tmp_path / "all.db"
    result = invoke(runner, "ingest", "-q", "-f", "json", "--store", store, SEEDS,
                    *(ROOT / "tests" / name for name in ("corpus", "heldout", "reference_corpus")))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["refused"] == []
    assert invoke(runner, "validate", "--store", store).exit_code == 0


def test_the_command_line_starts_without_the_heavy_libraries():
    """`newsprov --help` (and the start of every command) imports no RDF, SHACL, graph or drawing
    library: each command imports what it uses when it runs."""
    import subprocess
    import sys

    heavy = ("rdflib", "pyoxigraph", "networkx", "pyshacl", "pyshacl_turbo", "newsprov.draw", "distributed", "spacy",
             "thinc")
    code = f"import sys, newsprov.cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"



def test_two_different_stores_on_the_command_line_are_refused(runner, seeded_store, tmp_path):
    from conftest import one_line_error

    other = tmp_path / "other.db"
    result = invoke(runner, "--store", seeded_store, "trace", "1556", "--store", other)
    assert "two stores given" in one_line_error(result, 2)
    assert not other.exists()  # nothing was opened, let alone created
    # the same store twice is no conflict
    same = invoke(runner, "--store", seeded_store, "trace", "1556", "--store", seeded_store)
    assert same.exit_code == 0 and "The Sun" in same.output


def test_a_store_named_before_the_command_beats_the_environment(runner, seeded_store, tmp_path):
    missing = tmp_path / "missing.db"
    env = {"NEWSPROV_STORE": str(missing)}
    before = invoke(runner, "--store", seeded_store, "trace", "1556", env=env)
    assert before.exit_code == 0 and "The Sun" in before.output
    after = invoke(runner, "trace", "1556", "--store", seeded_store, env=env)
    assert after.exit_code == 0 and "The Sun" in after.output
    neither = invoke(runner, "trace", "1556", env=env)
    assert neither.exit_code == 3 and str(missing) in neither.output


def test_library_errors_name_settings_and_the_command_line_spells_them_as_options(runner, tmp_path):
    from newsprov.errors import InputError
    from newsprov.read.decode import decode

    raw = b"caf\xe9 " * 10
    with pytest.raises(InputError) as error:
        decode(raw, "a.txt", encoding="utf-8")
    assert "--" not in str(error.value) and "check encoding" in str(error.value)
    page = tmp_path / "a.txt"
    page.write_bytes(raw)
    result = invoke(runner, "extract", page, "--encoding", "utf-8")
    assert result.exit_code == 2 and "check --encoding" in result.output and "\ue000" not in result.output


def test_only_the_command_line_imports_click():
    import ast

    package = ROOT / "src" / "newsprov"
    importers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "click" or name.startswith("click.") for name in names):
                importers.add(path.relative_to(package).as_posix())
    assert importers == {"cli.py"}


def test_every_output_spells_a_qualifier_one_way(runner, seeded_store):
    from newsprov.model import QUALIFIERS, qualifier_name

    assert [qualifier_name(q) for q in QUALIFIERS] == [
        "exact", "approximate", "moreThan", "lessThan", "atLeast", "atMost", "range"]
    extracted = json.loads(invoke(runner, "extract", SEEDS / "004_0fc1bfd6d1b285aa.txt").output)
    from_extract = {f["text"]: f["qualifier"] for c in extracted[0]["claims"] for f in c["figures"]}
    stored = json.loads(invoke(runner, "claims", "-f", "json", "--store", seeded_store).output)
    from_claims = {t: q for c in stored if c["source_file"] == "004_0fc1bfd6d1b285aa.txt"
                   for t, q in zip(c["figure_text"], c["qualifier"])}
    assert from_extract["a THOUSAND"] == from_claims["a THOUSAND"] == "moreThan"
    assert all(q in {qualifier_name(x) for x in QUALIFIERS} for q in [*from_extract.values(), *from_claims.values()])


def test_articles_without_a_publisher_are_named_by_their_file_and_never_merged(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, headline in (("first.txt", "Clinic numbers"), ("second.txt", "Waiting lists grow")):
        (folder / name).write_text(f"{headline}\n\nThe health board said 4,812 patients waited more than "
                                   "a year for surgery.\n", encoding="utf-8")
    store = tmp_path / "s.db"
    assert invoke(runner, "ingest", folder, "--store", store).exit_code == 0
    text = invoke(runner, "trace", "4,812", "--store", store).output
    assert "first.txt (no publisher) | " in text and "second.txt (no publisher) | " in text
    assert "unknown outlet" not in text
    story = json.loads(invoke(runner, "independence", "4,812", "-f", "json", "--store", store).output)
    assert story["articles"] == 2
    assert sorted(story["outlets"]) == ["first.txt (no publisher)", "second.txt (no publisher)"]
    graph = invoke(runner, "graph", "-f", "dot", "--store", store).output
    assert "first.txt (no publisher)" in graph and "second.txt (no publisher)" in graph


def test_validate_names_every_finding_by_a_named_shape_the_same_way_each_run(runner, seeded_store):
    first = invoke(runner, "validate", "-f", "json", "--store", seeded_store)
    second = invoke(runner, "validate", "-f", "json", "--store", seeded_store)
    assert first.exit_code == 0 and first.output == second.output
    findings = json.loads(first.output)["findings"]
    assert findings and all(f["shape"].startswith("https://w3id.org/newsprov/shapes#") for f in findings)
