"""Figures: numbers with their hedge, value, measure and period; non-figures stay out."""
from __future__ import annotations

import pytest

from newsprov.extract.figures import FigureFinder, words_to_number
from newsprov.extract.lexicon import load_lexicons
from newsprov.extract.text import normalise, sentences


@pytest.fixture(scope="module")
def finder():
    return FigureFinder(load_lexicons())


def figures(finder, text):
    norm = normalise(text)
    found = []
    for sentence in sentences(norm):
        found.extend(finder.find(norm, text, sentence))
    return found


@pytest.mark.parametrize("text, figure, value, qualifier", [
    ("Russia lost 1,556 troops a day.", "1,556", 1556, "exact"),
    ("Officials said nearly 50,000 were killed.", "50,000", 50000, "approximate"),
    ("More than 1,000 soldiers died.", "1,000", 1000, "more_than"),
    ("Ukraine claims more than a THOUSAND troops were killed.", "a THOUSAND", 1000, "more_than"),
    ("The army has lost half a million men.", "half a million", 500000, "exact"),
    ("At least 20,000 children were deported.", "20,000", 20000, "at_least"),
    ("Up to 1,560 servicemen were lost.", "1,560", 1560, "at_most"),
    ("Russia has lost 1.2 MILLION soldiers, a post claimed.", "1.2 MILLION", 1200000, "exact"),
    ("Some nine hundred shells were fired.", "nine hundred", 900, "approximate"),
    ("Losses were in excess of 45,000 troops.", "45,000", 45000, "more_than"),
    ("It was close to half a million people.", "half a million", 500000, "approximate"),
    ("A record 2,100 soldiers were lost on one day.", "2,100", 2100, "exact"),
    ("The drones, which exceed 10,000, were downed.", "10,000", 10000, "more_than"),
    ("Fewer than 300 civilians left.", "300", 300, "less_than"),
    ("Upwards of 5,000 men deserted.", "5,000", 5000, "more_than"),
])
def test_value_and_hedge(finder, text, figure, value, qualifier):
    found = {f.span.text: f for f in figures(finder, text)}
    assert figure in found, found
    assert found[figure].value == value
    assert found[figure].qualifier == qualifier


def test_range_between(finder):
    [figure] = figures(finder, "Between 1,000 and 1,200 Russian troops are killed each day.")
    assert (figure.value, figure.value_max, figure.qualifier) == (1000, 1200, "range")
    assert figure.span.text == "1,000 and 1,200"


def test_vague_multiples_are_ranges(finder):
    [figure] = figures(finder, "Tens of thousands of soldiers have deserted.")
    assert figure.qualifier == "range" and figure.value == 10000 and figure.value_max == 99999


@pytest.mark.parametrize("text, figure, value, unit", [
    ("Congress approved $175 billion in aid.", "$175 billion", 175e9, "USD"),
    ("Germany pledged €64bn over four years.", "€64bn", 64e9, "EUR"),
    ("The UK gave £2.5bn last year.", "£2.5bn", 2.5e9, "GBP"),
    ("Prices rose 12% in March.", "12%", 12, "percent"),
    ("Turnout fell by 30 per cent.", "30 per cent", 30, "percent"),
])
def test_money_and_percentages(finder, text, figure, value, unit):
    found = {f.span.text: f for f in figures(finder, text)}
    assert found[figure].value == pytest.approx(value)
    assert found[figure].unit == unit


@pytest.mark.parametrize("text", [
    "The war began in February 2022.",
    "It happened on February 7, 2023, near Marinka.",
    "Fighting lasted 18 months.",
    "In the past 24-hours the front was quiet.",
    "A 34-year-old woman was hurt.",
    "The 92nd Mechanized Brigade fired a T-80BV round.",
    "They used BM-21 Grad launchers and 203mm shells.",
    "Under Article 2 of the convention this is genocide.",
    "The alert sounded at 09:42 local time.",
    "It is the worst loss since World War Two.",
    "No one was hurt in the nearly three-year-old invasion.",
    "Two days later the town fell.",
])
def test_not_figures(finder, text):
    assert figures(finder, text) == []


def test_one_is_a_figure_only_with_something_counted(finder):
    assert [f.span.text for f in figures(finder, "Ukraine sank 27 ships and one submarine.")] == ["27", "one"]
    assert figures(finder, "One source predicted a ceasefire.") == []


def test_measure_and_period_attached(finder):
    [figure] = figures(finder, "Vladimir Putin's forces lost 48,670 personnel in December.")
    assert figure.measure == "personnel lost"
    assert figure.period == "in December"
    [figure] = figures(finder, "Ukraine says 133,190 Russian troops have been killed since the war began.")
    assert figure.measure == "personnel killed"
    assert figure.period == "since the war began"


def test_offsets_are_spans_of_the_original_text(finder):
    text = "\u201cWe lost \u2018nearly\u2019 1,556 men\u201d \u2013 said the MoD, 48,000 in all."
    for figure in figures(finder, text):
        assert text[figure.span.start:figure.span.end] == figure.span.text


@pytest.mark.parametrize("phrase, value", [
    ("half a million", 500000), ("a THOUSAND", 1000), ("nine hundred", 900),
    ("one and a half million", 1500000), ("a quarter of a million", 250000), ("twenty-five", 25),
])
def test_words_to_number(phrase, value):
    assert words_to_number(phrase) == value


@pytest.mark.parametrize("text", [
    "Valentyna Hordiyenko, 61, a retired schoolteacher, spoke first.",
    "Milbloggers claimed on November 27 and 28 that the village fell.",
    "Published: 02/12/2024 - 14:05",
    "February 10, 2025 10:37 AM 2 min read",
])
def test_ages_dates_and_reading_times_are_not_figures(finder, text):
    assert figures(finder, text) == []


@pytest.mark.parametrize("text, period", [
    ("More than 1,000 Russian personnel were killed in the past 24 hours.", "in the past 24 hours"),
    ("Russia has lost 500,000 soldiers since February 2022.", "since February 2022"),
    ("Ukraine downed 43 drones overnight.", "overnight"),
])
def test_period_attached(finder, text, period):
    [figure] = figures(finder, text)
    assert figure.period == period


def test_a_zero_width_space_inside_a_number_is_read_past(pipeline):
    from newsprov.read import article_from_text

    text = "Russia lost 7,\u200b000 soldiers in May, the ministry said.\n"
    [claim] = pipeline.run(article_from_text(text)).claims
    [figure] = claim.figures
    assert figure.value == 7000 and figure.span.text == "7,\u200b000"
    assert text[figure.span.start:figure.span.end] == "7,\u200b000"
