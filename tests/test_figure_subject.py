"""Whose a figure counts (its subject), what it counts (its measure) and when (its resolved period)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprov.cli import cli
from newsprov.extract.periods import CUMULATIVE, DAY, PERIOD, Time, compare, resolve
from newsprov.model import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def figures(pipeline, text: str, published: str = "2025-03-12") -> dict[str, object]:
    extraction = pipeline.run(Article(id="t", text=text, published=published))
    return {f.span.text: f for c in extraction.claims for f in c.figures}


# -- subject: each rule, with a sentence where it applies and one where it must not ------------------

@pytest.mark.parametrize("text, number, subject", [
    # the counted noun's own modifiers, normalised through the demonyms
    ("The army said 1,200 Russian soldiers had been killed.", "1,200", "Russian forces"),
    ("Officials said 11,000 North Korean troops were sent to the front.", "11,000", "North Korean forces"),
    ("Kyiv said it destroyed 40 Russian tanks.", "40", "Russian forces"),
    ("The agency said 300 Ukrainian civilians were moved.", "300", "Ukrainian civilians"),
    # after 'of'
    ("He said thousands of Sudanese refugees had crossed.", "thousands", "Sudanese civilians"),
    # a possessor or a modifier of a counted noun before the number
    ("The figures bring Russia's total losses to 841,000 personnel.", "841,000", "Russian forces"),
    ("Kyiv raised its tally of Ukrainian military deaths by 2,040.", "2,040", "Ukrainian forces"),
    # the one who lost or suffered
    ("Analysts said Russia has suffered more than 700,000 casualties.", "700,000", "Russian forces"),
    ("The Kremlin lost 48,000 troops last month.", "48,000", "Russian forces"),
    # a possessor before the number when it counts no group the lexicon knows: kept as written or named
    ("Apple's revenue rose to $94bn in the quarter.", "$94bn", "Apple"),
    ("Arsenal's 85 goals this season are a club record.", "85", "Arsenal"),
    ("Britain's inflation rate fell to 3.2% in March.", "3.2%", "United Kingdom"),
    ("Zorbex's 3,000 workers went on strike.", "3,000", "Zorbex"),
    # civilians with no nation stated are still civilians, and not soldiers
    ("Local officials said 14 civilians were killed in the strike.", "14", "civilians"),
])
def test_a_stated_subject_is_read(pipeline, text, number, subject):
    assert figures(pipeline, text)[number].subject == subject


@pytest.mark.parametrize("text, number", [
    ("Officials said 2,000 troops were deployed.", "2,000"),            # whose troops: not said
    ("The strike damaged 14 residential buildings.", "14"),            # nobody's, as far as the text says
    ("Revenue rose to $94bn in the quarter.", "$94bn"),                 # no owner named
    ("The report counted 30 soldiers wounded near Russian lines.", "30"),  # 'Russian' is not the soldiers'
    ("December 2024's total of 1,570 was the highest.", "1,570"),      # a date's possessive is no owner
])
def test_an_unstated_subject_is_left_empty(pipeline, text, number):
    assert figures(pipeline, text)[number].subject == ""


def test_a_number_with_no_noun_of_its_own_takes_the_subject_before_it(pipeline):
    found = figures(pipeline, "Putin's forces lost 48,670 personnel in December and 48,240 in January.")
    assert found["48,670"].subject == found["48,240"].subject == "Russian forces"
    found = figures(pipeline, "About 11,000 North Korean troops were sent, with around 1,000 already killed.")
    assert found["1,000"].subject == "North Korean forces"


def test_a_number_with_a_noun_of_its_own_does_not_take_the_subject_before_it(pipeline):
    found = figures(pipeline, "Officials said 900 Russian soldiers and 60 civilians were killed.")
    assert found["900"].subject == "Russian forces"
    assert found["60"].subject == "civilians"


def test_soldiers_and_civilians_of_one_nation_are_different_subjects(pipeline):
    found = figures(pipeline, "It said 500 Ukrainian soldiers were killed. It said 500 Ukrainian civilians were killed.")
    assert {f.subject for f in found.values()} <= {"Ukrainian forces", "Ukrainian civilians"}


def test_a_subject_that_is_an_entity_of_the_article_names_it(pipeline):
    found = figures(pipeline, "Russia said on Monday that Russia lost 1,100 troops yesterday.")
    assert found["1,100"].subject_entity == "russia"
    # the nation is not named in the article: the label stays, no entity is claimed
    found = figures(pipeline, "Officials said 1,200 Russian soldiers had been killed.")
    assert found["1,200"].subject == "Russian forces" and found["1,200"].subject_entity == ""


# -- measure ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, number, measure", [
    ("More than 700,000 troops have died or suffered injuries since the war began.", "700,000", "casualties"),
    ("Drone losses, which exceed 10,000, are the highest.", "10,000", "drones lost"),
    ("Tank losses of 3,000 were reported.", "3,000", "tanks lost"),
    ("The strike damaged 14 residential buildings.", "14", "buildings"),
    ("Six civilians were killed in the shelling.", "Six", "civilians killed"),
])
def test_the_measure_comes_from_the_counted_noun_and_its_verb(pipeline, text, number, measure):
    assert figures(pipeline, text)[number].measure == measure


@pytest.mark.parametrize("text, number, measure", [
    ("More than 700,000 troops have died since the war began.", "700,000", "personnel killed"),
    ("Some 3,000 tanks were destroyed.", "3,000", "tanks destroyed"),
    ("The charity runs 14 institutions in the region.", "14", "institutions"),
])
def test_the_measure_rules_leave_other_counts_alone(pipeline, text, number, measure):
    assert figures(pipeline, text)[number].measure == measure


# -- time ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("period, published, expected", [
    ("yesterday", "2023-02-14", Time(DAY, date(2023, 2, 13), date(2023, 2, 13))),
    ("yesterday", "2023-02", Time(DAY)),                       # the day is not known, its kind is
    ("in the past 24-hours", "2023-02-14", Time(DAY, date(2023, 2, 14), date(2023, 2, 14))),
    ("on Tuesday", "2025-03-13", Time(DAY, date(2025, 3, 11), date(2025, 3, 11))),
    ("in January", "2025-02", Time(PERIOD, date(2025, 1, 1), date(2025, 1, 31))),
    ("in December", "2025-02", Time(PERIOD, date(2024, 12, 1), date(2024, 12, 31))),
    ("in January", "2025", Time(PERIOD)),                      # which January: not known
    ("daily, January 2025", "", Time(PERIOD, date(2025, 1, 1), date(2025, 1, 31))),
    ("last month", "2024-05", Time(PERIOD, date(2024, 4, 1), date(2024, 4, 30))),
    ("in the past two days", "2023-02-14", Time(PERIOD, date(2023, 2, 12), date(2023, 2, 14))),
    ("since February 2022", "2025-02", Time(CUMULATIVE, date(2022, 2, 1))),
    ("since February last year", "2023-02", Time(CUMULATIVE, date(2022, 2, 1))),
    ("since the war began", "2025-02", Time(CUMULATIVE)),
    ("per day", "2025-02", None),                              # a rate alone places nothing
    ("", "2025-02", None),
])
def test_periods_resolve_against_the_publication_date(period, published, expected):
    assert resolve(period, published) == expected


def test_a_since_clause_makes_a_running_total(pipeline):
    found = figures(pipeline, "Russia is likely to have suffered more than 875,000 killed or wounded soldiers "
                              "since the invasion of Ukraine began in February 2022.", "2025-02")
    assert found["875,000"].period == "since February 2022"
    assert (found["875,000"].period_kind, found["875,000"].period_start) == (CUMULATIVE, "2022-02-01")
    found = figures(pipeline, "Russia lost 48,240 troops in January.", "2025-02")
    assert found["48,240"].period == "in January" and found["48,240"].period_kind == PERIOD


def test_times_compare_by_kind_and_days():
    day = Time(DAY, date(2023, 2, 13), date(2023, 2, 13))
    assert compare(day, day) == "same"
    assert compare(day, Time(DAY, date(2023, 2, 14), date(2023, 2, 14))) == "different"
    assert compare(day, Time(CUMULATIVE)) == "different"
    january = Time(PERIOD, date(2025, 1, 1), date(2025, 1, 31))
    assert compare(january, Time(PERIOD, date(2025, 1, 1), date(2025, 3, 31))) == "compatible"
    assert compare(january, Time(PERIOD, date(2024, 1, 1), date(2024, 1, 31))) == "different"
    assert compare(january, None) == "unstated"
    # a one-day count against a figure of another year with no time stated
    assert compare(Time(DAY), None, "2023-02", "2025") == "different"
    assert compare(Time(DAY), None, "2023-02", "2023-02") == "unstated"


# -- the seeds: each figure's subject, as the texts state it -------------------------------------------

SEED_SUBJECTS = {  # (file, figure text as printed, its n-th occurrence) -> the subject the text states
    ("000_2315ef88bd53205f.txt", "48,000", 0): "Russian forces",     # the Kremlin lost 48,000 troops
    ("000_2315ef88bd53205f.txt", "50,000", 0): "Russian forces",     # estimates of Russian casualties
    ("000_2315ef88bd53205f.txt", "875,000", 0): "Russian forces",    # Russia ... suffered
    ("000_2315ef88bd53205f.txt", "1,556", 0): "Russian forces",      # average daily Russian casualties
    ("000_2315ef88bd53205f.txt", "1,000", 0): "Russian forces",      # Russia's casualty rate
    ("001_eb24d1e38ef1096e.txt", "700,000", 0): "Russian forces",    # 700,000 Russian troops
    ("001_eb24d1e38ef1096e.txt", "hundreds", 0): "Russian forces",   # hundreds of wounded Russian fighters
    ("002_5fb06999ae962a69.txt", "20,000", 0): "Ukrainian children",
    ("002_5fb06999ae962a69.txt", "48,670", 0): "Russian forces",     # Putin's forces lost
    ("002_5fb06999ae962a69.txt", "48,240", 0): "Russian forces",
    ("002_5fb06999ae962a69.txt", "841,660", 0): "Russian forces",    # Russia's total losses
    ("002_5fb06999ae962a69.txt", "1,556", 0): "Russian forces",      # 1,556 Russian personnel
    ("002_5fb06999ae962a69.txt", "11,000", 0): "North Korean forces",
    ("002_5fb06999ae962a69.txt", "1,000", 0): "North Korean forces",  # ... with around 1,000 already killed
    ("002_5fb06999ae962a69.txt", "300", 0): "Ukrainian civilians",
    ("002_5fb06999ae962a69.txt", "13", 0): "",                        # 13 such institutions: nobody's
    ("003_9d25f3013ebffe61.txt", "500,000", 0): "Russian forces",    # Putin's Russia ... losing
    ("003_9d25f3013ebffe61.txt", "7,650", 0): "Russian forces",      # 7,650 Russian tanks
    ("003_9d25f3013ebffe61.txt", "450,000", 0): "Russian forces",
    ("003_9d25f3013ebffe61.txt", "1,100", 0): "",                     # 1,100 troops: whose is not said
    ("004_0fc1bfd6d1b285aa.txt", "133,190", 0): "Russian forces",
    ("004_0fc1bfd6d1b285aa.txt", "1,030", 0): "Russian forces",      # tally of Russian military deaths
    ("004_0fc1bfd6d1b285aa.txt", "3,245", 0): "Russian forces",      # ... a total of 3,245 (tanks)
    ("004_0fc1bfd6d1b285aa.txt", "6,500", 0): "Ukrainian forces",    # 6,500 Ukrainian casualties
}


@pytest.fixture(scope="module")
def seed_figures():
    result = CliRunner().invoke(cli, ["extract", str(SEEDS)])
    assert result.exit_code == 0, result.output
    found: dict[tuple[str, str, int], dict] = {}
    for article in json.loads(result.output):
        seen: dict[str, int] = {}
        for claim in article["claims"]:
            for figure in sorted(claim["figures"], key=lambda f: f["start"]):
                n = seen.get(figure["text"], 0)
                seen[figure["text"]] = n + 1
                found[(article["article"]["source_file"], figure["text"], n)] = figure
    return found


@pytest.mark.parametrize("key", sorted(SEED_SUBJECTS), ids=lambda k: f"{k[0][:3]}-{k[1]}")
def test_each_seed_figure_has_the_subject_its_text_states(seed_figures, key):
    assert (seed_figures[key]["subject"] or "") == SEED_SUBJECTS[key]
