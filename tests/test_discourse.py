"""Article-level provenance (extract/discourse.py): a sentence that continues the attribution
before it, and the data source an article names for the figures a broader voice gives.

Each rule is tried on made-up sentences from several domains, on both sides: where it applies
and where it must not."""
from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import RDF

from newsprov.check import validate
from newsprov.cli import cli
from newsprov.contract import extraction_json
from newsprov.draw import trace_picture
from newsprov.evaluate import evaluate
from newsprov.graph.build import build_graph
from newsprov.graph.vocab import NIF, NP
from newsprov.model import Article
from newsprov.render import TRACE_COLUMNS, render, trace_rows

from conftest import SEEDS


def chains(pipeline, text: str) -> dict[str, list[tuple[str, str]]]:
    """figure text -> its chain as (source label, basis), outermost first."""
    x = pipeline.run(Article(id="t", text=text))
    by_id = {a.id: a for a in x.attributions}
    return {f.span.text: [(by_id[i].source.label.lower(), by_id[i].basis) for i in c.attributions]
            for c in x.claims for f in c.figures}


# ---------------------------------------------------------------- continuation

def test_additive_opener_continues_the_attribution_before(pipeline):
    found = chains(pipeline, "Zelensky's forces claim to have destroyed 7,650 tanks since the invasion began.\n"
                             "Additionally, 10,400 drones have been downed, including 326 helicopters.\n")
    assert found["10,400"] == found["326"] == found["7,650"] == [("armed forces of ukraine", "stated")]


def test_additive_opener_in_a_health_story(pipeline):
    found = chains(pipeline, "The health ministry reported 2,100 new cases on Monday. "
                             "In addition, 85 patients were admitted to intensive care.\n")
    assert found["85"] == found["2,100"] and found["85"]


def test_continuation_after_a_closing_said(pipeline):
    found = chains(pipeline, "Some 300 people were evacuated overnight, the ministry said. "
                             "Additionally, 40 homes were flooded in the lower town.\n")
    assert found["40"] == found["300"] and found["40"]


def test_continuation_goes_with_the_last_speaker_not_the_first(pipeline):
    found = chains(pipeline, "The ministry said 300 people were evacuated, and a local priest told reporters the "
                             "church was full. Additionally, 40 homes were flooded in the lower town.\n")
    assert found["300"] == [("the ministry", "stated")] and found["40"] == [("a local priest", "stated")]


def test_opener_with_a_subject_of_its_own_does_not_continue(pipeline):
    found = chains(pipeline, "The ministry said 300 people were evacuated.\n"
                             "Additionally, the Red Cross delivered 40 tonnes of aid.\n")
    assert found["300"] and found["40 tonnes"] == []


def test_a_sentence_that_changes_topic_does_not_continue(pipeline):
    found = chains(pipeline, "The ministry said 300 people were evacuated.\nHowever, 40 people remain in the town.\n")
    assert found["300"] and found["40"] == []


def test_back_referring_subject_with_also_continues(pipeline):
    found = chains(pipeline, "Officials said 1,200 homes lost power overnight. "
                             "They also had 300 crews out on the roads.\n")
    assert found["300"] == found["1,200"] and found["300"]


def test_back_referring_subject_without_also_is_the_writer(pipeline):
    found = chains(pipeline, "Officials said 1,200 homes lost power overnight. "
                             "These figures do not include the 300 farms outside the city.\n")
    assert found["1,200"] and found["300"] == []


def test_quotation_running_over_paragraphs_keeps_its_speaker(pipeline):
    found = chains(pipeline, "The minister said: \u201cWe have lost 300 homes to the flood.\n"
                             "\u201cAnother 120 families have nowhere to go tonight.\u201d\n")
    assert found["120"] == found["300"] and found["120"]


def test_paragraph_without_an_opening_quote_mark_is_not_the_speaker(pipeline):
    found = chains(pipeline, "The minister said: \u201cWe have lost 300 homes to the flood.\u201d\n"
                             "Another 120 families have nowhere to go tonight.\n")
    assert found["300"] and found["120"] == []


def test_list_items_after_an_attributed_lead_in(pipeline):
    found = chains(pipeline, "The agency said the damage was as follows:\nhomes - 300;\nschools - 12;\n")
    assert found["300"] and found["12"] == found["300"]


def test_lines_after_a_lead_in_without_a_colon_are_not_its_list(pipeline):
    found = chains(pipeline, "The agency said the damage was severe.\nhomes - 300;\nschools - 12;\n")
    assert found["300"] == [] and found["12"] == []


# ---------------------------------------------------------------- the article's named data source

HEALTH = ("The government said 1,240 new cases of measles were recorded in the week to Friday.\n"
          "The data come from the National Health Agency's weekly surveillance report.\n")


def test_health_agency_named_later_is_the_governments_data_source(pipeline):
    assert chains(pipeline, HEALTH)["1,240"] == [("the government", "stated"), ("national health agency", "article-level")]


def test_company_quarterly_figures(pipeline):
    found = chains(pipeline, "Officials at the firm said it sold 2.3 million phones in the quarter. "
                             "The figures come from Nordtek Group's quarterly report.\n")
    assert found["2.3 million"][-1] == ("nordtek group", "article-level")


def test_a_source_that_is_not_broader_keeps_its_own_chain(pipeline):
    found = chains(pipeline, "Hospitals said 300 beds were full on Sunday.\n"
                             "The National Health Agency publishes the figures every Thursday.\n")
    assert found["300"] == [("hospitals", "stated")]


def test_officials_of_someone_else_are_not_broader(pipeline):
    found = chains(pipeline, "Western officials believe 11,000 troops were sent to the front.\n"
                             "These latest figures on troops come from the General Staff of Ukraine's Armed Forces.\n"
                             "The General Staff of Ukraine's Armed Forces announced the latest figures on Monday.\n")
    assert [basis for _, basis in found["11,000"]] == ["stated"]


def test_a_country_speaks_for_its_own_bodies_only(pipeline):
    ukraine = chains(pipeline, "Ukraine says 4,000 Russian troops were killed in a week.\n"
                               "The General Staff of Ukraine's Armed Forces announced the latest figures on Monday.\n")
    russia = chains(pipeline, "Russia says 4,000 Ukrainian troops were killed in a week.\n"
                              "The General Staff of Ukraine's Armed Forces announced the latest figures on Monday.\n")
    assert ukraine["4,000"][-1] == ("general staff of the armed forces of ukraine", "article-level")
    assert [basis for _, basis in russia["4,000"]] == ["stated"]


def test_figures_of_another_kind_are_not_the_data_sources(pipeline):
    found = chains(pipeline, "Ukraine says 4,000 Russian troops were killed and 90 tanks destroyed.\n"
                             "The latest figures from the General Staff of the Armed Forces of Ukraine cite 120 tanks "
                             "destroyed.\n")
    assert [basis for _, basis in found["4,000"]] == ["stated"]


def test_a_relaying_statement_credits_its_source_for_figures_of_the_same_kind(pipeline):
    found = chains(pipeline, "The ministry said in a statement: \u201cThere were 1,556 casualties a day in January, "
                             "according to Ukrainian General Staff reporting.\n"
                             "\u201cThis follows 1,570 casualties a day in December.\n"
                             "\u201cCasualties will likely average over 1,000 a day next month.\u201d\n")
    assert found["1,570"][-1] == ("general staff of the armed forces of ukraine", "article-level")
    assert [basis for _, basis in found["1,000"]] == ["stated"]  # a forecast is the ministry's own


def test_article_level_hop_in_the_graph(pipeline):
    x = pipeline.run(Article(id="t", text=HEALTH, sha256="0" * 64))
    hop = next(a for a in x.attributions if a.basis == "article-level")
    assert HEALTH[hop.evidence.start:hop.evidence.end] == hop.evidence.text
    assert "National Health Agency" in hop.evidence.text
    graph = build_graph(x)
    node = next(graph.subjects(NP.basis, NP.articleLevel))
    span = graph.value(node, NP.establishedBy)
    begin, end = graph.value(span, NIF.beginIndex).toPython(), graph.value(span, NIF.endIndex).toPython()
    assert graph.value(span, NIF.anchorOf) == Literal(HEALTH[begin:end])
    assert (node, RDF.type, NP.Attribution) in graph
    assert len(set(graph.subjects(NP.basis, NP.stated))) == len([a for a in x.attributions if a.basis == "stated"])


def test_extract_json_gives_basis_and_evidence(pipeline):
    out = extraction_json(pipeline.run(Article(id="t", text=HEALTH)))
    bases = {a["basis"]: a for a in out["attributions"]}
    assert bases["stated"]["evidence"] is None
    assert HEALTH[bases["article-level"]["evidence"]["start"]:bases["article-level"]["evidence"]["end"]] == \
        bases["article-level"]["evidence"]["text"]


def test_eval_counts_an_article_level_hop_in_the_chain(tmp_path, pipeline):
    (tmp_path / "health.txt").write_text(HEALTH, encoding="utf-8")
    start = HEALTH.index("1,240")

    def scored(chain):
        gold = {"file": "health.txt", "entities": [],
                "figures": [{"text": "1,240", "start": start, "end": start + 5, "value": 1240, "qualifier": "exact",
                             "chain": chain}]}
        (tmp_path / "health.gold.json").write_text(json.dumps(gold), encoding="utf-8")
        return evaluate(tmp_path, None, pipeline)["metrics"]

    both = scored(["vague:the government", "new:National Health Agency"])
    assert both["chain_accuracy"] == 1.0 and both["first_hop_accuracy"] == 1.0
    stated_only = scored(["vague:the government"])
    assert stated_only["chain_accuracy"] == 0.0 and stated_only["first_hop_accuracy"] == 1.0


# ---------------------------------------------------------------- the seeds, traced

@pytest.fixture(scope="module")
def seeds_traced(seeded_store, runner_module):
    def trace(figure: str) -> list[dict]:
        result = runner_module.invoke(cli, ["--store", str(seeded_store), "trace", figure, "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)
    return trace


@pytest.fixture(scope="module")
def runner_module() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(("figure", "chains", "established"), [
    ("133,190", [["Ukraine", "General Staff of the Armed Forces of Ukraine"],
                 ["Kyiv", "General Staff of the Armed Forces of Ukraine"]], "announced the latest figures"),
    ("1,030", [["Kyiv", "General Staff of the Armed Forces of Ukraine"]], "announced the latest figures"),
    ("500,000", [["Ukraine", "General Staff of the Armed Forces of Ukraine"]], "figures from the General Staff"),
    ("1,570", [["UK Ministry of Defence", "General Staff of the Armed Forces of Ukraine"]], "Ukrainian General Staff"),
])
def test_seed_figures_trace_to_the_named_data_source(seeds_traced, figure, chains, established):
    occurrences = [o for o in seeds_traced(figure) if o["figure"]["text"] == figure]  # not 'half a million'
    assert [[h["source"]["label"] for h in o["chain"]] for o in occurrences] == chains
    for occurrence in occurrences:
        assert [h["basis"] for h in occurrence["chain"]] == ["stated", "article-level"]
        assert established in occurrence["chain"][-1]["established_by"]


def test_seed_500080_is_stated_and_the_forecast_stays_the_mods(seeds_traced):
    [staff] = seeds_traced("500,080")
    assert [h["basis"] for h in staff["chain"]] == ["stated"]
    forecast = [o for o in seeds_traced("1,000") if o["article"]["source_file"].startswith("000_")]
    assert [[h["basis"] for h in o["chain"]] for o in forecast] == [["stated"]]


def test_trace_text_csv_and_picture_mark_the_article_level_hop(seeded_store, runner_module):
    text = runner_module.invoke(cli, ["--store", str(seeded_store), "trace", "1,030"]).output
    assert "(article-level: 'General Staff of Ukraine\u2019s Armed Forces announced the latest figures')" in text
    occurrences = json.loads(runner_module.invoke(cli, ["--store", str(seeded_store), "trace", "1,030",
                                                        "--format", "json"]).output)
    rows = trace_rows(occurrences)
    assert [r["basis"] for r in rows] == ["stated", "article-level"]
    assert "announced the latest figures" in rows[1]["evidence"]
    assert "basis" in render(rows, "csv", TRACE_COLUMNS).splitlines()[0].split(",")
    svg = trace_picture(occurrences, "1,030", "svg")
    assert svg.count('class="edge article-level"') == 1 and svg.count('class="edge"') == 1


def test_article_level_hops_conform_to_the_shapes(pipeline):
    x = pipeline.run(Article(id="t", text=HEALTH, sha256="0" * 64))
    graph = build_graph(x)
    article = next(graph.subjects(RDF.type, NP.Article))
    graph.set((article, NP.textSha256, Literal(hashlib.sha256(HEALTH.encode()).hexdigest())))
    conforms, _results, findings = validate(graph)
    assert [f for f in findings if f["severity"] == "Violation"] == [], findings
