"""Corrections: a person's judgement of a claim's chain, kept apart, with who, when and why,
surviving a re-ingest, and used by trace, claims, independence and report."""
from __future__ import annotations

import csv
import io
import json

import pytest

from newsprov.cli import cli
from newsprov.ids import CORRECTIONS_GRAPH, entity_iri

from conftest import one_line_error

# Two made-up articles: the same 2,340 credited to a water board by one outlet, printed with no
# source by the other.
COAST = ("Water cuts hit the coast\n"
         "The regional water board said 2,340 homes lost supply on Monday after a main burst near the harbour.\n"
         "Engineers expect repairs to take 12 days, a spokeswoman for the board said.\n")
VALLEY = ("Homes without water\n"
          "About 2,340 homes were without water on Monday, and the council said it had opened 4 collection points.\n")
METADATA = "file,publisher,published\ncoast.txt,The Coast Post,2026-03-02\nvalley.txt,The Valley Herald,2026-03-03\n"


def invoke(runner, *args, **kwargs):
    return runner.invoke(cli, [str(a) for a in args], **kwargs)


@pytest.fixture
def water(tmp_path, runner):
    """A store with the two water articles; (store, articles folder)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "coast.txt").write_text(COAST, encoding="utf-8")
    (folder / "valley.txt").write_text(VALLEY, encoding="utf-8")
    (folder / "metadata.csv").write_text(METADATA, encoding="utf-8")
    store = tmp_path / "store.db"
    result = invoke(runner, "ingest", "-q", "--store", store, folder)
    assert result.exit_code == 0, result.output
    return store, folder


def trace_json(runner, store, figure="2340"):
    result = invoke(runner, "trace", figure, "--store", store, "-f", "json")
    assert result.exit_code == 0, result.output
    return {o["article"]["source_file"]: o for o in json.loads(result.stdout)}


def correct(runner, store, *args, by="Ada Reviewer"):
    result = invoke(runner, "correct", *args, "--by", by, "--store", store, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_without_corrections_outputs_carry_no_correction_fields(runner, water):
    store, _ = water
    for occurrence in trace_json(runner, store).values():
        assert "correction" not in occurrence
        # a hop's basis is how the article gives it (stated, or article-level), never a person's verdict
        assert all(hop["basis"] in ("stated", "article-level") for hop in occurrence["chain"])
    rows = json.loads(invoke(runner, "claims", "--store", store, "-f", "json").stdout)
    assert rows and all("basis" not in row for row in rows)
    header = invoke(runner, "trace", "2340", "--store", store, "-f", "csv").stdout.splitlines()[0].split(",")
    assert "correction" not in header and header[-1] == "basis"  # the basis column is the hop's, always there


def test_a_corrected_source_replaces_the_chain_and_is_marked_corrected(runner, water):
    store, _ = water
    made = correct(runner, store, "2340", "--article", "valley.txt", "--source", "Ministry of Defence of Ukraine",
                   "--via", "Regional Water Board", "--note", "the council's briefing names both")
    assert made["verdict"] == "replaced" and made["by"] == "Ada Reviewer" and made["figures"] == ["2,340"]
    traced = trace_json(runner, store)
    valley, coast = traced["valley.txt"], traced["coast.txt"]
    assert [hop["source"]["label"] for hop in valley["chain"]] == ["Regional Water Board", "Ministry of Defence of Ukraine"]
    # a name the gazetteer knows is the articles' node; one it does not is kept, untyped
    assert valley["chain"][1]["source"]["entity"] == entity_iri("ua-mod")
    assert valley["chain"][0]["source"]["type"] == "UntypedEntity"
    assert [hop["basis"] for hop in valley["chain"]] == ["corrected", "corrected"]
    assert valley["root"] == {"label": "Ministry of Defence of Ukraine", "entity": entity_iri("ua-mod"), "status": "named"}
    assert valley["inferred_roots"] == []  # a person's judgement stands in for the guess
    assert valley["correction"]["note"] == "the council's briefing names both"
    assert valley["correction"]["extracted_chain"] == []
    # the other occurrence is shown as stated, with no correction
    assert coast["correction"] is None and [hop["basis"] for hop in coast["chain"]] == ["stated"]
    text = invoke(runner, "trace", "2340", "--store", store).stdout
    assert "CORRECTED → Ministry of Defence of Ukraine" in text
    assert "corrected by Ada Reviewer on " in text and "the council's briefing names both" in text


def test_a_source_the_article_names_is_its_node_even_unnamed(runner, water):
    store, _ = water
    extracted = trace_json(runner, store)["coast.txt"]["chain"][0]["source"]
    assert extracted["type"] == "VagueSource"
    correct(runner, store, "2340", "--article", "coast.txt", "--source", "the Regional Water Board", "--note", "n")
    assert trace_json(runner, store)["coast.txt"]["chain"][0]["source"]["entity"] == extracted["entity"]
    assert invoke(runner, "validate", "--store", store).exit_code == 0


def test_csv_and_claims_show_the_basis_of_each_row(runner, water):
    store, _ = water
    correct(runner, store, "2340", "--article", "valley.txt", "--source", "Regional Water Board", "--note", "n")
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "trace", "2340", "--store", store, "-f", "csv").stdout)))
    by_file = {}
    for row in rows:
        by_file.setdefault(row["source_file"], []).append(row)
    assert [r["basis"] for r in by_file["valley.txt"]] == ["corrected"]
    assert by_file["valley.txt"][0]["corrected_by"] == "Ada Reviewer"
    assert [r["basis"] for r in by_file["coast.txt"]] == ["stated"] and by_file["coast.txt"][0]["corrected_by"] == ""
    claims = {r["source_file"]: r for r in json.loads(invoke(runner, "claims", "--figure", "2340", "--store", store,
                                                             "-f", "json").stdout)}
    assert claims["valley.txt"]["root"] == "Regional Water Board" and claims["valley.txt"]["basis"] == "corrected"
    assert claims["valley.txt"]["attributed"] is True and claims["valley.txt"]["inferred_root"] == []
    assert claims["coast.txt"]["basis"] == "stated" and claims["coast.txt"]["correction"] is None


def test_a_rejected_chain_counts_for_no_source(runner, water):
    store, _ = water
    before = json.loads(invoke(runner, "independence", "2340", "--store", store, "-f", "json").stdout)
    assert before["independent_root_count"] == 1
    made = correct(runner, store, "2340", "--article", "coast.txt", "--reject", "--note", "the board denied it")
    assert made["verdict"] == "rejected"
    coast = trace_json(runner, store)["coast.txt"]
    assert coast["chain"] == [] and coast["root"]["status"] == "rejected"
    assert [hop["source"]["label"] for hop in coast["correction"]["extracted_chain"]] == ["The regional water board"]
    after = json.loads(invoke(runner, "independence", "2340", "--store", store, "-f", "json").stdout)
    assert after["independent_root_count"] == 0
    assert [u["resolution"] for u in after["unattributed"] if u["outlet"] == "The Coast Post"] == ["rejected"]
    claims = {r["source_file"]: r for r in json.loads(invoke(runner, "claims", "--figure", "2340", "--store", store,
                                                             "-f", "json").stdout)}
    assert claims["coast.txt"]["root_status"] == "rejected" and claims["coast.txt"]["root"] is None
    # the valley's probable root was inferred from the coast's figure, whose chain is set aside
    valley = trace_json(runner, store)["valley.txt"]
    assert valley["correction"] is None and valley["inferred_roots"] == []
    assert claims["valley.txt"]["inferred_root"] == [] and claims["valley.txt"]["basis"] == ""


def test_a_probable_root_stays_while_its_figure_is_not_set_aside(runner, water):
    store, _ = water
    assert [g["source"]["label"] for g in trace_json(runner, store)["valley.txt"]["inferred_roots"]] != []
    correct(runner, store, "2340", "--article", "coast.txt", "--confirm", "--note", "n")
    valley = trace_json(runner, store)["valley.txt"]
    assert {g["source"]["label"] for g in valley["inferred_roots"]} == {"The regional water board"}
    assert {g["basis"] for g in valley["inferred_roots"]} == {"inferred"}
    claims = {r["source_file"]: r for r in json.loads(invoke(runner, "claims", "--figure", "2340", "--store", store,
                                                             "-f", "json").stdout)}
    assert claims["valley.txt"]["inferred_root"] == ["The regional water board"] and claims["valley.txt"]["basis"] == "inferred"


def test_rejecting_a_claim_with_no_extracted_chain_is_refused(runner, water):
    store, _ = water
    result = invoke(runner, "correct", "2340", "--article", "valley.txt", "--reject", "--note", "x", "--by", "A",
                    "--store", store)
    assert "no extracted chain to reject" in one_line_error(result, 2)


def test_a_confirmed_chain_keeps_its_hops_marked_confirmed(runner, water):
    store, _ = water
    correct(runner, store, "2340", "--article", "coast.txt", "--confirm", "--note", "read the board's notice")
    coast = trace_json(runner, store)["coast.txt"]
    assert [(h["source"]["label"], h["basis"]) for h in coast["chain"]] == [("The regional water board", "confirmed")]
    roots = json.loads(invoke(runner, "independence", "2340", "--store", store, "-f", "json").stdout)["independent_roots"]
    assert [r["basis"] for r in roots] == [["confirmed"]]


def test_a_later_correction_of_the_same_claim_overrides_an_earlier_one(runner, water):
    store, _ = water
    first = correct(runner, store, "2340", "--article", "coast.txt", "--confirm", "--note", "first look")
    correct(runner, store, "2340", "--article", "coast.txt", "--source", "Regional Water Board", "--note", "second look")
    assert trace_json(runner, store)["coast.txt"]["correction"]["note"] == "second look"
    listed = {r["id"]: r for r in json.loads(invoke(runner, "corrections", "list", "--store", store, "-f", "json").stdout)}
    assert listed[first["id"]]["status"].startswith("overridden by ")


@pytest.mark.parametrize(("args", "code", "says"), [
    (["2340"], 2, "2340 is in 2 claims: "),  # two claims state it: each is named
    (["7777777"], 3, "does not occur"),
    (["https://w3id.org/newsprov/id/claim/none"], 3, "no claim https://w3id.org/newsprov/id/claim/none"),
])
def test_an_ambiguous_or_unknown_claim_is_one_line(runner, water, args, code, says):
    store, _ = water
    result = invoke(runner, "correct", *args, "--source", "Regional Water Board", "--note", "x", "--by", "A",
                    "--store", store)
    line = one_line_error(result, code)
    assert says in line
    if code == 2:
        assert "coast.txt" in line and "valley.txt" in line and "--article" in line
    assert invoke(runner, "corrections", "list", "--store", store, "-f", "json").stdout.strip() == "[]"


@pytest.mark.parametrize("command", [["correct", "2340", "--confirm", "--note", "n", "--by", "A"],
                                     ["corrections", "remove", "c-000000000000"]])
def test_no_store_is_not_found_and_none_is_created(runner, tmp_path, command):
    missing = tmp_path / "none.db"
    assert "no store at" in one_line_error(invoke(runner, *command, "--store", missing), 3)
    assert not missing.exists()


@pytest.mark.parametrize("args", [
    ["--note", "x"],                                            # no verdict
    ["--confirm", "--reject", "--note", "x"],                   # two
    ["--confirm", "--via", "Regional Water Board", "--note", "x"],  # a relay with no source
    ["--confirm", "--note", "   "],                             # an empty note
    ["--source", " ", "--note", "x"],                           # an empty source
])
def test_a_correction_needs_one_verdict_and_a_note(runner, water, args):
    store, _ = water
    result = invoke(runner, "correct", "2340", "--article", "coast.txt", *args, "--by", "A", "--store", store)
    one_line_error(result, 2)


@pytest.mark.parametrize(("at", "stored"), [("2026-01-15T10:00:00Z", "2026-01-15T10:00:00Z"),
                                             ("2026-01-15T12:00:00+02:00", "2026-01-15T10:00:00Z"),
                                             ("2026-01-15", "2026-01-15T00:00:00Z")])
def test_when_is_given_in_utc(runner, water, at, stored):
    store, _ = water
    assert correct(runner, store, "2340", "--article", "coast.txt", "--confirm", "--note", "n", "--at", at)["at"] == stored


def test_a_time_that_is_not_one_is_refused(runner, water):
    store, _ = water
    result = invoke(runner, "correct", "2340", "--article", "coast.txt", "--confirm", "--note", "n", "--by", "A",
                    "--at", "last Tuesday", "--store", store)
    assert "--at" in one_line_error(result, 2)


def test_who_defaults_to_the_environment(runner, water):
    store, _ = water
    result = invoke(runner, "correct", "2340", "--article", "coast.txt", "--confirm", "--note", "n", "--store", store,
                    "-f", "json", env={"NEWSPROV_USER": "Grace Checker"})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["by"] == "Grace Checker"


def test_a_correction_lives_in_its_own_graph_and_the_store_stays_valid(runner, water):
    store, _ = water
    correct(runner, store, "2340", "--article", "valley.txt", "--source", "Regional Water Board", "--note", "n")
    quads = invoke(runner, "export", "-f", "nquads", "--store", store).stdout.splitlines()
    mine = [q for q in quads if q.endswith(f"<{CORRECTIONS_GRAPH}> .")]
    assert any("<https://w3id.org/newsprov/ns#Correction>" in q for q in mine)
    assert any("<http://www.w3.org/ns/prov#wasAssociatedWith>" in q for q in mine)
    # nothing of the correction in an article's graph
    assert not [q for q in quads if "/correction/" in q and not q.endswith(f"<{CORRECTIONS_GRAPH}> .")]
    result = invoke(runner, "validate", "--store", store)
    assert result.exit_code == 0, result.output


def test_a_correction_survives_reingesting_its_article(runner, water):
    store, folder = water
    made = correct(runner, store, "2340", "--article", "valley.txt", "--source", "Regional Water Board", "--note", "n")
    # new metadata: the article's graph is replaced
    (folder / "metadata.csv").write_text(METADATA.replace("The Valley Herald", "Valley Herald Online"), encoding="utf-8")
    result = invoke(runner, "ingest", "--store", store, folder)
    assert result.exit_code == 0 and "1 replaced" in result.stdout, result.output
    valley = trace_json(runner, store)["valley.txt"]
    assert valley["article"]["publisher"] == "Valley Herald Online"
    assert valley["correction"]["id"] == made["id"] and valley["root"]["label"] == "Regional Water Board"
    listed = json.loads(invoke(runner, "corrections", "list", "--store", store, "-f", "json").stdout)
    assert [r["status"] for r in listed] == ["attached"]


def _rewrite_article(store, source_file: str, change) -> None:
    """Replace one article's graph with ``change`` applied to its N-Triples, as another extractor
    writing the article anew would."""
    from newsprov.graph.location import open_store, store_location

    with open_store(store_location(str(store))) as opened:
        graph = next(r["g"] for r in opened.select(
            f'SELECT ?g WHERE {{ GRAPH ?g {{ ?g <https://w3id.org/newsprov/ns#sourceFile> "{source_file}" }} }}'))
        quads = opened.export("nquads").decode("utf-8").splitlines()
        ntriples = "".join(q[: -len(f" <{graph}> .")] + " .\n" for q in quads if q.endswith(f" <{graph}> ."))
        opened.replace_graphs({graph: change(ntriples)})


def test_a_claim_named_anew_gets_its_correction_back_by_its_text(runner, water):
    store, _ = water
    made = correct(runner, store, "2340", "--article", "valley.txt", "--source", "Regional Water Board", "--note", "n")
    old = made["claim"]
    _rewrite_article(store, "valley.txt", lambda text: text.replace(f"<{old}>", f"<{old}-v2>"))
    valley = trace_json(runner, store)["valley.txt"]
    assert valley["claim"]["id"] == old + "-v2" and valley["correction"]["id"] == made["id"]
    listed = json.loads(invoke(runner, "corrections", "list", "--store", store, "-f", "json").stdout)
    assert listed[0]["status"] == "attached again (the claim was renamed)" and listed[0]["claim"] == old + "-v2"


def test_a_correction_whose_claim_text_is_gone_is_orphaned_not_applied(runner, water):
    store, _ = water
    made = correct(runner, store, "2340", "--article", "valley.txt", "--source", "Regional Water Board", "--note", "n")
    # another extractor reads the claim as a shorter span: its text is no longer the one corrected
    sentence = "About 2,340 homes were without water on Monday, and the council said it had opened 4 collection points."
    _rewrite_article(store, "valley.txt", lambda text: text.replace(f'"{sentence}"', '"About 2,340 homes were without water"'))
    listed = json.loads(invoke(runner, "corrections", "list", "--store", store, "-f", "json").stdout)
    assert listed[0]["id"] == made["id"] and listed[0]["status"] == "orphaned: the claim's text is no longer in the store"
    result = invoke(runner, "trace", "2340", "--store", store, "-f", "json")
    assert result.exit_code == 0
    assert f"correction {made['id']} by Ada Reviewer" in result.stderr and "orphaned" in result.stderr
    assert all("correction" not in o for o in json.loads(result.stdout))  # not applied to anything


def test_remove_drops_one_correction(runner, water):
    store, _ = water
    made = correct(runner, store, "2340", "--article", "coast.txt", "--confirm", "--note", "n")
    assert one_line_error(invoke(runner, "corrections", "remove", "c-nothing", "--store", store), 3)
    result = invoke(runner, "corrections", "remove", made["id"], "--store", store)
    assert result.exit_code == 0 and made["id"] in result.stderr
    assert "correction" not in trace_json(runner, store)["coast.txt"]


def test_export_is_gold_that_eval_scores_as_the_correction_says(runner, water, tmp_path):
    store, _ = water
    correct(runner, store, "2340", "--article", "coast.txt", "--confirm", "--note", "right")
    correct(runner, store, "4", "--article", "valley.txt", "--source", "Regional Water Board", "--note", "wrong hop")
    gold = tmp_path / "gold"
    result = invoke(runner, "corrections", "export", gold, "--store", store)
    assert result.exit_code == 0, result.output
    coast = json.loads((gold / "coast.gold.json").read_text(encoding="utf-8"))
    assert coast["publisher"] == "The Coast Post" and [f["text"] for f in coast["figures"]] == ["2,340"]
    assert (gold / "coast.txt").read_text(encoding="utf-8") == COAST
    valley = json.loads((gold / "valley.gold.json").read_text(encoding="utf-8"))
    assert [(f["text"], f["chain"]) for f in valley["figures"]] == [("4", ["new:Regional Water Board"])]
    scored = invoke(runner, "eval", gold, "-f", "json")
    assert scored.exit_code == 0, scored.output
    report = json.loads(scored.stdout)
    per_article = {a["file"]: a for a in report["articles"]}
    # the extractor's chain is the confirmed one, and not the corrected one
    assert per_article["coast.txt"]["chain_right"] == 1 and per_article["valley.txt"]["chain_right"] == 0
    assert report["counts"]["gold_figures"] == 2 and report["metrics"]["figure_recall"] == 1.0


def test_report_lists_the_corrections(runner, water):
    store, _ = water
    assert "corrections" not in json.loads(invoke(runner, "report", "--store", store, "-f", "json").stdout)
    correct(runner, store, "2340", "--article", "coast.txt", "--confirm", "--note", "n")
    report = json.loads(invoke(runner, "report", "--store", store, "-f", "json").stdout)
    assert [(c["verdict"], c["by"], c["status"]) for c in report["corrections"]] == [("confirmed", "Ada Reviewer", "attached")]
