"""The same figure across articles, derived equivalences, drift, and inferred roots."""
from __future__ import annotations

import json

import pytest

from datetime import date

from newsprov.analyse.links import (DAILY_AVERAGE, ROUNDED, SAME_VALUE, FigureFact, compare_subjects, find_links,
                                    infer_roots, measure_family, period_facts)
from newsprov.extract.periods import CUMULATIVE, DAY, PERIOD, Time
from newsprov.cli import cli
from newsprov.graph.store import GraphStore


def fact(figure, value, article="a1", qualifier="exact", measure="personnel", period="", published="2025-02",
         roots=(), subject="", subject_entity="", time=None):
    return FigureFact(figure=figure, claim=f"claim-{figure}", article=article, value=value, qualifier=qualifier,
                      measure=measure, period=period, published=published, roots=list(roots), subject=subject,
                      subject_entity=subject_entity, time=time)


@pytest.mark.parametrize("period, published, expected", [
    ("daily, January 2025", "", ("day", (2025, 1))),
    ("in January", "2025-02", (None, (2025, 1))),
    ("in December", "2025-02", (None, (2024, 12))),
    ("per day", "2025-02", ("day", None)),
    ("a week, since February 2022", "", ("week", None)),   # a running total's start, not its month
    ("last month", "2025-02", (None, (2025, 1))),
    ("last month", "2025-01-15", (None, (2024, 12))),
    ("last month", "", (None, None)),
    ("", "", (None, None)),
])
def test_period_facts(period, published, expected):
    assert period_facts(period, published) == expected


def test_measure_families_join_words_for_the_same_losses():
    assert measure_family("personnel") == measure_family("casualties") == measure_family("personnel killed")
    assert measure_family("tanks destroyed") == "tanks" != measure_family("personnel")
    assert measure_family("") == ""


def reasons(links):
    return {(link.source, link.target, link.reason) for link in links}


def test_a_daily_average_is_the_monthly_total_over_the_days_of_the_month():
    facts = [fact("total-jan", 48_240, period="in January"), fact("daily", 1_556, article="a2", period="per day"),
             fact("total-dec", 48_670, period="in December"), fact("daily-dec", 1_570, article="a2", period="daily, December 2024"),
             fact("daily-wrong-month", 1_556, article="a3", period="daily, March 2025")]
    links = find_links(facts)
    assert ("daily", "total-jan", DAILY_AVERAGE) in reasons(links)
    assert ("daily-dec", "total-dec", DAILY_AVERAGE) in reasons(links)
    assert not any(link.source == "daily-wrong-month" and link.reason == DAILY_AVERAGE for link in links)
    jan = next(link for link in links if link.source == "daily" and link.reason == DAILY_AVERAGE)
    assert jan.arithmetic == "48,240 / 31 = 1,556.1"
    assert jan.drift == pytest.approx((1556 - 48240 / 31) / (48240 / 31))


def test_february_has_its_own_days():
    links = find_links([fact("feb", 42_000, period="February 2024"), fact("d29", 1_448, article="a2", period="a day"),
                        fact("d28", 1_500, article="a3", period="a day")])
    assert ("d29", "feb", DAILY_AVERAGE) in reasons(links)   # 2024 is a leap year: 42,000 / 29
    assert not any(link.source == "d28" for link in links)


def test_same_value_needs_another_article_the_same_kind_of_measure_and_period():
    facts = [fact("sun", 1_556, period="daily, January 2025", measure="casualties"),
             fact("gb", 1_556, article="a2", period="per day", measure="personnel"),
             fact("same-article", 1_556, period="per day"),
             fact("tanks", 1_556, article="a3", measure="tanks", period="per day"),
             fact("total", 1_556, article="a4", period="in January"),
             fact("vague", 1_556, article="a5", qualifier="range", period="per day")]
    pairs = {frozenset((link.source, link.target)) for link in find_links(facts) if link.reason == SAME_VALUE}
    assert pairs == {frozenset(("gb", "sun")), frozenset(("same-article", "gb"))}


def test_rounded_and_hedged_figures_link_to_the_exact_one_with_their_drift():
    facts = [fact("exact", 48_240, period="in January"),
             fact("round", 48_000, article="a2", period="in January"),
             fact("nearly", 50_000, article="a3", qualifier="approximate", period="in January"),
             fact("more-than", 50_000, article="a4", qualifier="more_than", period="in January"),
             fact("too-far", 60_000, article="a5", qualifier="approximate", period="in January"),
             fact("small-round", 1_000, article="a6"), fact("small-exact", 1_030, article="a7")]
    links = {link.source: link for link in find_links(facts) if link.reason == ROUNDED}
    assert links["round"].target == "exact" and links["round"].drift == pytest.approx(-240 / 48_240)
    assert links["nearly"].target == "exact" and links["nearly"].drift == pytest.approx(1_760 / 48_240)
    assert "more-than" not in links   # 'more than 50,000' cannot stand for 48,240
    assert "too-far" not in links and "small-round" not in links


def test_inferred_roots_prefer_the_articles_own_arithmetic_and_never_touch_attributed_figures():
    facts = [fact("total", 48_240, period="in January", roots=["ua-mod"]),
             fact("daily", 1_556, period="per day"),
             fact("sun", 1_556, article="a2", period="daily, January 2025", roots=["general-staff"])]
    inferred = infer_roots(facts, find_links(facts))
    assert [(r.figure, r.source, r.rank) for r in inferred] == [("daily", "ua-mod", 1), ("daily", "general-staff", 2)]
    assert all(r.claim == "claim-daily" for r in inferred)


# -- in the store, through the commands ------------------------------------------------------

def trace_json(runner, store, figure):
    result = runner.invoke(cli, ["trace", figure, "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_trace_1556_gives_gb_news_an_inferred_root_through_48240_over_31(runner, seeded_store):
    occurrences = trace_json(runner, seeded_store, "1556")
    gb = next(o for o in occurrences if o["article"]["publisher"] == "GB News")
    sun = next(o for o in occurrences if o["article"]["publisher"] == "The Sun")
    assert gb["chain"] == [] and gb["root"]["status"] == "unattributed"
    best = gb["inferred_roots"][0]
    assert best["inferred"] is True and best["rank"] == 1
    assert best["source"]["entity"].endswith("/ua-mod")
    assert best["evidence"]["arithmetic"] == "48,240 / 31 = 1,556.1"
    assert best["evidence"]["figure"]["value"] == 48_240 and best["evidence"]["article"]["publisher"] == "GB News"
    assert any(r["source"]["label"] == "General Staff of the Armed Forces of Ukraine" for r in gb["inferred_roots"][1:])
    # the stated chain stays stated: nothing inferred in it, no inferred root beside it
    assert sun["inferred_roots"] == [] and all(hop["inferred"] is False for hop in sun["chain"])


def test_trace_text_marks_inferred_roots(runner, seeded_store):
    result = runner.invoke(cli, ["trace", "1556", "--store", str(seeded_store)])
    lines = result.output.splitlines()
    guess = next(line for line in lines if "48,240 / 31" in line)
    assert "INFERRED" in guess and "Ministry of Defence of Ukraine" in guess
    assert lines.index(guess) > next(i for i, line in enumerate(lines) if "unattributed" in line)


def test_links_are_triples_queryable_in_sparql_and_kept_apart_from_stated_attributions(seeded_store):
    with GraphStore(seeded_store, read_only=True) as store:
        rows = store.select("""
            PREFIX np: <https://w3id.org/newsprov/ns#>
            PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
            SELECT ?from ?to ?arithmetic WHERE {
                ?link a np:FigureLink ; np:linkReason np:DailyAverageOfMonthlyTotal ; np:arithmetic ?arithmetic ;
                      np:fromFigure/nif:anchorOf ?from ; np:toFigure/nif:anchorOf ?to }""")
        assert {("1,570", "48,670"), ("1,556", "48,240")} <= {(r["from"], r["to"]) for r in rows}
        mixed = store.select("""
            PREFIX np: <https://w3id.org/newsprov/ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?x WHERE { { ?c np:hasAttribution ?x } UNION { ?c prov:qualifiedAttribution ?x }
                              ?x a np:InferredAttribution }""")
        assert mixed == []


def test_links_grow_with_the_figures_not_with_their_square():
    """A figure repeated by 150 outlets, and 150 hedged versions of it: each figure gets at most
    MAX_LINKS links per reason, yet all of them still form one story, and every unattributed
    repeat still gets the attributed original as its probable root."""
    import networkx as nx

    from newsprov.analyse.links import MAX_LINKS, find_links, infer_roots

    facts = [fact("original", 48_240, article="a0", published="2025-02-01", roots=["ua-general-staff"])]
    facts += [fact(f"copy{i}", 48_240, article=f"c{i}", published=f"2025-02-{2 + i % 27:02d}") for i in range(150)]
    facts += [fact(f"rough{i}", 48_000, article=f"r{i}", qualifier="approximate", published="2025-03-01")
              for i in range(150)]
    links = find_links(facts)
    assert len(links) <= MAX_LINKS * 3 * len(facts)  # three reasons at most (the clique would be 22,650)
    per_source = {}
    for link in links:
        per_source[(link.source, link.reason)] = per_source.get((link.source, link.reason), 0) + 1
    assert max(per_source.values()) <= MAX_LINKS
    story = nx.Graph((link.source, link.target) for link in links)
    assert nx.number_connected_components(story) == 1 and story.number_of_nodes() == len(facts)
    roots = {r.figure: r.source for r in infer_roots(facts, links) if r.rank == 1}
    assert all(roots.get(f"copy{i}") == "ua-general-staff" for i in range(150))


# -- subject, measure and time: links that respect what a figure counts -------------------------

def test_no_link_across_different_stated_subjects():
    facts = [fact("ru", 48_240, period="in January", subject="Russian forces", subject_entity="russia"),
             fact("kp", 48_000, article="a2", period="in January", subject="North Korean forces"),
             fact("ua-civ", 48_000, article="a3", period="in January", subject="Ukrainian civilians"),
             fact("ru-civ", 48_000, article="a4", period="in January", subject="Russian civilians", subject_entity="russia"),
             fact("unsaid", 48_000, article="a5", period="in January"),
             fact("country", 48_000, article="a6", period="in January", subject="Russia", subject_entity="russia")]
    links = {link.source: link for link in find_links(facts) if link.reason == ROUNDED}
    assert set(links) == {"unsaid", "country"}
    assert links["unsaid"].subject == "unstated" and links["country"].subject == "compatible"


@pytest.mark.parametrize("a, a_entity, b, b_entity, expected", [
    ("Russian forces", "russia", "Russian forces", "", "same"),
    ("civilians", "", "Ukrainian civilians", "ukraine", "compatible"),
    ("Russia", "russia", "Russian forces", "russia", "compatible"),
    ("Russian forces", "russia", "Russian civilians", "russia", "different"),
    ("Russian forces", "russia", "North Korean forces", "north-korea", "different"),
    ("Apple", "apple", "Samsung", "", "different"),
    ("", "", "Russian forces", "russia", "unstated"),
])
def test_subjects_compare(a, a_entity, b, b_entity, expected):
    assert compare_subjects(a, a_entity, b, b_entity) == expected


def test_a_one_day_count_links_to_nothing_of_another_year_or_another_day():
    day = Time(DAY, None, None)
    facts = [fact("yesterday-2023", 1_030, period="yesterday", published="2023-02", time=day),
             fact("killed-2025", 1_000, article="a2", published="2025", qualifier="approximate"),
             fact("yesterday-2023b", 1_000, article="a3", published="2023-02", qualifier="approximate", time=day),
             fact("total", 1_000, article="a4", published="2023-02", qualifier="approximate", time=Time(CUMULATIVE))]
    links = {link.source: link for link in find_links(facts) if link.reason == ROUNDED}
    assert set(links) == {"yesterday-2023b"} and links["yesterday-2023b"].time == "compatible"


def test_a_link_records_how_subject_measure_and_time_compared():
    january = Time(PERIOD, date(2025, 1, 1), date(2025, 1, 31))
    facts = [fact("exact", 48_240, measure="personnel lost", period="in January", subject="Russian forces", time=january),
             fact("round", 48_000, article="a2", measure="casualties", period="in January", subject="Russian forces",
                  time=january)]
    (link,) = [link for link in find_links(facts) if link.reason == ROUNDED]
    assert (link.subject, link.measure, link.time) == ("same", "compatible", "same")


def test_no_seed_link_joins_figures_of_different_stated_subjects(seeded_store):
    with GraphStore(seeded_store, read_only=True) as store:
        rows = store.select("""
            PREFIX np: <https://w3id.org/newsprov/ns#>
            PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
            SELECT ?from ?to ?fs ?ts ?fe ?te ?subject WHERE {
                ?link a np:FigureLink ; np:fromFigure ?f ; np:toFigure ?t ; np:subjectComparison ?subject .
                ?f nif:anchorOf ?from . ?t nif:anchorOf ?to .
                OPTIONAL { ?f np:figureSubject ?fs } OPTIONAL { ?t np:figureSubject ?ts }
                OPTIONAL { ?f np:subjectEntity ?fe } OPTIONAL { ?t np:subjectEntity ?te } }""")
    assert rows
    for row in rows:
        stated = compare_subjects(row.get("fs") or "", row.get("fe") or "", row.get("ts") or "", row.get("te") or "")
        assert stated != "different", row
        assert row["subject"].rsplit("#", 1)[-1] == {"same": "StatedSame", "compatible": "StatedCompatible",
                                                     "unstated": "NotStated"}[stated]
    pairs = {(row["from"], row["to"]) for row in rows}
    assert ("1,000", "1,030") not in pairs   # GB News's North Korean dead are not Kyiv's Russian dead of a day
    assert ("1,556", "1,556") in pairs and ("1,556", "48,240") in pairs


def test_independence_of_1030_no_longer_counts_the_north_korean_dead(runner, seeded_store):
    result = runner.invoke(cli, ["independence", "1,030", "--linked", "--format", "json", "--store", str(seeded_store)])
    assert result.exit_code == 0, result.output
    assert "GB News" not in result.output
