"""Independence of the sources behind a figure, and the corpus report."""
from __future__ import annotations

import json

from newsprov.analyse.independence import independence_of
from newsprov.cli import cli

STAFF = "https://w3id.org/newsprov/id/entity/ua-general-staff"


def source(name, type_="GovernmentBody"):
    return {"label": name, "entity": f"urn:{name}", "type": type_}


def occurrence(outlet, *chain, inferred=(), reference=None, figure="1,556"):
    return {"article": {"id": outlet, "publisher": outlet, "source_file": f"{outlet}.txt"},
            "claim": {"id": f"claim-{outlet}"}, "figure": {"text": figure, "iri": f"fig-{outlet}"},
            "chain": [{"source": source(s)} for s in chain],
            "inferred_roots": [{"source": source(s), "evidence": {"reason": "same value", "arithmetic": "="}}
                               for s in inferred],
            "reference": [reference] if reference else []}


def roots(result):
    return sorted(r["source"]["label"] for r in result["independent_roots"])


def test_an_outlet_citing_a_relay_is_not_a_second_source():
    result = independence_of([occurrence("Sun", "MoD", "Staff"), occurrence("Mirror", "MoD"), occurrence("Times", "Staff")])
    assert roots(result) == ["Staff"] and result["relays"] == ["MoD"]
    assert len(result["outlets"]) == 3


def test_two_unrelated_sources_are_two_roots():
    result = independence_of([occurrence("Sun", "MoD"), occurrence("Times", "ISW")])
    assert roots(result) == ["ISW", "MoD"] and result["independent_root_count"] == 2


def test_unattributed_repeats_add_no_source_and_inferred_roots_are_flagged():
    repeat = independence_of([occurrence("Sun", "Staff"), occurrence("GB", inferred=["Staff"])])
    assert roots(repeat) == ["Staff"]
    assert repeat["unattributed"][0]["resolution"] == "repeat" and repeat["unattributed"][0]["inferred"] is True
    new = independence_of([occurrence("Sun", "Staff"), occurrence("GB", inferred=["ISW"])])
    assert roots(new) == ["ISW", "Staff"] and new["stated_root_count"] == 1
    assert next(r for r in new["independent_roots"] if r["source"]["label"] == "ISW")["basis"] == ["inferred"]
    unknown = independence_of([occurrence("Sun", "Staff"), occurrence("GB")])
    assert roots(unknown) == ["Staff"] and unknown["unknown_origin"] == 1


def test_a_reference_match_credits_the_series_source_whoever_the_article_names():
    match = {"agreement": "exact", "primary_source": source("Staff", "MilitaryBody")}
    result = independence_of([occurrence("GB", "Intelligence", reference=match), occurrence("Sun", "Staff")])
    assert roots(result) == ["Staff"] and "Intelligence" in result["relays"]
    drift = {"agreement": "drift", "primary_source": source("Staff", "MilitaryBody")}
    assert roots(independence_of([occurrence("GB", "Intelligence", reference=drift)])) == ["Intelligence"]


def test_independence_1556_on_the_seeds_is_one_root_the_general_staff(runner, seeded_store):
    result = runner.invoke(cli, ["--store", str(seeded_store), "independence", "1556", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["outlets"] == ["GB News", "The Sun"]
    assert data["independent_root_count"] == 1 and data["independent_roots"][0]["source"]["entity"] == STAFF
    assert data["relays"] == ["UK Ministry of Defence"]
    [gb] = data["unattributed"]
    assert (gb["outlet"], gb["resolution"], gb["inferred"]) == ("GB News", "repeat", True)
    text = runner.invoke(cli, ["--store", str(seeded_store), "independence", "1,556"]).output
    assert "independent root sources: 1" in text and "INFERRED repeats" in text


def test_independence_of_an_unknown_figure_exits_3(runner, seeded_store):
    result = runner.invoke(cli, ["--store", str(seeded_store), "independence", "123456789"])
    assert result.exit_code == 3 and "does not occur" in result.output


def test_report_lists_misattribution_drift_single_source_stories_and_network_measures(runner, referenced_store):
    result = runner.invoke(cli, ["--store", str(referenced_store), "report", "-f", "json"])
    assert result.exit_code == 0, result.output
    r = json.loads(result.output)
    wrong = {(m["figure"], m["stated_source"], m["date"]) for m in r["misattributions"]}
    assert ("841,660", "Ukrainian intelligence services", "2025-02-03") in wrong
    assert [(d["figure"], d["series_value"], d["date"]) for d in r["drift"]] == [("350", 356, "2024-05-25")]
    story = next(s for s in r["single_source_stories"] if "1,556" in s["figures"])
    assert story["outlets"] == ["GB News", "The Sun"] and story["independent_roots"] == [
        "General Staff of the Armed Forces of Ukraine"]
    assert r["primary_sources"][0]["source"] == "General Staff of the Armed Forces of Ukraine"
    assert sum(o["unattributed"] for o in r["outlets"]) == r["unattributed"]
    assert all(0 <= o["unattributed_share"] <= 1 for o in r["outlets"])
    assert "UK Ministry of Defence" in {row["source"] for row in r["relays"]}
    text = runner.invoke(cli, ["--store", str(referenced_store), "report"]).output
    assert "Single-source stories" in text and "841,660" in text and "printed 350" in text


def test_independence_of_a_measure_covers_all_its_figures(runner, seeded_store):
    result = runner.invoke(cli, ["--store", str(seeded_store), "independence", "--measure", "tanks", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["figures"]) >= {"7,650", "3,245", "25"} and "48,240" not in data["figures"]
    assert data["query"] == "measure tanks" and data["independent_root_count"] >= 1
    # with a FIGURE, --measure narrows it: 1556 is never a count of tanks
    narrowed = runner.invoke(cli, ["--store", str(seeded_store), "independence", "1556", "--measure", "tanks"])
    assert narrowed.exit_code == 3 and "excluded" in narrowed.output
    assert runner.invoke(cli, ["--store", str(seeded_store), "independence"]).exit_code == 2
    assert runner.invoke(cli, ["--store", str(seeded_store), "independence", "--measure", "children"]).exit_code == 0
    assert runner.invoke(cli, ["--store", str(seeded_store), "independence", "--measure", "money"]).exit_code == 3
