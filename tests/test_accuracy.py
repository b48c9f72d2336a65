"""Extraction measured against hand-checked gold: the seeds, war articles in other styles, and
articles from seven other domains.

The thresholds guard the level the parse-based attribution reached (see README, Accuracy:
the lexicon-gated design it replaced scored higher on the war sets it had been tuned on, and
far lower elsewhere); they fail when a change makes the extractor worse.
"""
from __future__ import annotations

import pytest

from newsprov.evaluate import evaluate

from conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def seeds(pipeline):
    return evaluate(ROOT / "tests" / "gold" / "seeds.json", SEEDS, pipeline)["metrics"]


@pytest.fixture(scope="module")
def heldout(pipeline):
    return evaluate(ROOT / "tests" / "heldout", None, pipeline)["metrics"]


@pytest.fixture(scope="module")
def corpus(pipeline):
    return evaluate(ROOT / "tests" / "corpus", None, pipeline)["metrics"]


def test_seed_figures(seeds):
    assert seeds["figure_recall"] >= 0.9 and seeds["figure_precision"] >= 0.85


def test_seed_chains(seeds):
    assert seeds["first_hop_accuracy"] >= 0.94
    assert seeds["chain_accuracy"] >= 0.9


def test_seed_entities(seeds):
    assert seeds["entity_recall_typed"] >= 0.8
    for category in ("Person", "MilitaryUnit", "Region", "Organisation"):
        assert seeds[f"entity_recall_{category}"] >= 0.8, category


def test_corpus_figures(corpus):
    assert corpus["figure_f1"] >= 0.9
    assert corpus["value_accuracy"] >= 0.95 and corpus["qualifier_accuracy"] >= 0.9


def test_corpus_chains(corpus):
    assert corpus["first_hop_accuracy"] >= 0.95
    assert corpus["chain_accuracy"] >= 0.92


def test_corpus_entities(corpus):
    assert corpus["entity_recall_typed"] >= 0.9


def test_corpus_attribution_spans(corpus):
    # cue, source and content spans matched by overlap, as news-attribution corpora are scored
    assert corpus["cue_span_f1"] >= 0.87 and corpus["source_span_f1"] >= 0.88
    assert corpus["content_span_f1"] >= 0.9


def test_heldout(heldout):
    assert heldout["figure_f1"] >= 0.95
    assert heldout["first_hop_accuracy"] >= 0.94 and heldout["chain_accuracy"] >= 0.89
    assert heldout["entity_recall_typed"] >= 0.9
    assert heldout["cue_span_f1"] >= 0.86 and heldout["source_span_f1"] >= 0.83


@pytest.fixture(scope="module")
def domains(pipeline):
    return evaluate(ROOT / "tests" / "domains", None, pipeline)["metrics"]


def test_other_domains(domains):
    """Politics, courts, health, business, sport, science and local news: sources no list knows."""
    assert domains["figure_f1"] >= 0.9
    assert domains["source_span_f1"] >= 0.8 and domains["cue_span_f1"] >= 0.8 and domains["content_span_f1"] >= 0.8
    assert domains["first_hop_accuracy"] >= 0.73 and domains["entity_recall_typed"] >= 0.75


@pytest.fixture(scope="module")
def figures_set(pipeline):
    return evaluate(ROOT / "tests" / "figures", None, pipeline)["metrics"]


def test_figures_outside_the_war(figures_set):
    """Markets, elections, health, sport, weather, technology, business, science: units, signs, ranges,
    names with numbers (first measured at F1 0.93, value 0.95)."""
    assert figures_set["figure_f1"] >= 0.95 and figures_set["value_accuracy"] >= 0.96
    assert figures_set["unit_accuracy"] >= 0.91 and figures_set["hedge_accuracy"] >= 0.95


@pytest.fixture(scope="module")
def fresh(pipeline):
    return evaluate(ROOT / "tests" / "fresh", None, pipeline)["metrics"]


def test_war_articles_written_apart_from_the_rules(fresh):
    """Eight war articles in styles the rules were not written for (first measured at first hop 0.54);
    the rules have not been changed for them, so this is a floor, not a target."""
    assert fresh["figure_f1"] >= 0.95 and fresh["first_hop_accuracy"] >= 0.54


@pytest.fixture(scope="module")
def discourse(pipeline):
    return evaluate(ROOT / "tests" / "discourse", None, pipeline)["metrics"]


def test_articles_whose_sources_need_the_whole_article(discourse):
    """Interviews, live blogs, long quotations, pronouns, named data sources, relays, continuation,
    transcript labels, headlines (first measured at first hop 0.61, chain 0.54, source span F1 0.83);
    no rule has been changed for them, so this is a floor, not a target."""
    assert discourse["figure_f1"] >= 0.95
    assert discourse["first_hop_accuracy"] >= 0.58 and discourse["chain_accuracy"] >= 0.51
    assert discourse["source_span_f1"] >= 0.8 and discourse["cue_span_f1"] >= 0.8
