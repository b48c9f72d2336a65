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


# -- figures in any news: units, signs, scales, ranges and names (sentences of our own) -------------

@pytest.mark.parametrize("text, figure, value, unit", [
    ("The new train reached 210km/h on the test track.", "210km/h", 210, "km/h"),
    ("The handset ships with 128GB of storage.", "128GB", 128, "GB"),
    ("The heavyweight weighed in at 103 kg on Friday.", "103 kg", 103, "kg"),
    ("Margins widened to 12pc in the quarter.", "12pc", 12, "percent"),
    ("The fund raised USD5m from local investors.", "USD5m", 5_000_000, "USD"),
    ("Exports reached INR2 trillion last year.", "INR2 trillion", 2_000_000_000_000, "INR"),
    ("The farm was sold for Rs 3 lakh.", "Rs 3 lakh", 300_000, "INR"),
    ("The battery holds 5,000mAh.", "5,000mAh", 5000, "mAh"),
    ("Overnight it was -12C in the valley.", "-12C", -12, "degC"),
])
def test_units_written_with_the_number(finder, text, figure, value, unit):
    [found] = figures(finder, text)
    assert (found.span.text, found.value, found.unit) == (figure, value, unit)


@pytest.mark.parametrize("text, figure, value", [
    ("The index fell -0.8% by the close.", "-0.8%", -0.8),
    ("Temperatures dropped to minus 40 degrees at the station.", "minus 40 degrees", -40),
    ("The account stood at −3,200 after the fees.", "−3,200", -3200),
])
def test_a_sign_is_part_of_the_value(finder, text, figure, value):
    [found] = figures(finder, text)
    assert (found.span.text, found.value) == (figure, value)


def test_a_hyphen_between_two_numbers_is_a_range_not_a_minus(finder):
    for text in ("Adults need 1,500-1,800 calories a day.", "Adults need 1,500 - 1,800 calories a day.",
                 "Adults need 1,500 -1,800 calories a day."):
        [found] = figures(finder, text)
        assert (found.value, found.value_max, found.qualifier) == (1500, 1800, "range"), text
    [hedged] = figures(finder, "Adults need roughly 1,500-1,800 calories a day.")
    assert hedged.qualifier == "range" and hedged.hedge.text == "roughly"


def test_a_change_to_a_level_is_two_figures_a_span_between_two_is_a_range(finder):
    change = figures(finder, "Brent crude rose 4.2 percent to 81.50 dollars a barrel.")
    assert [(f.span.text, f.value, f.value_max, f.unit) for f in change] == [
        ("4.2 percent", 4.2, None, "percent"), ("81.50 dollars", 81.5, None, "USD")]
    moved = figures(finder, "The fare went from 10 to 12 pounds in March.")
    assert [f.value for f in moved] == [10, 12] and all(f.qualifier == "exact" for f in moved)
    [span] = figures(finder, "Forecasters expect 10 to 12 centimetres of snow.")
    assert (span.value, span.value_max, span.qualifier) == (10, 12, "range")
    [mixed] = figures(finder, "Between 20 and 25 mm of rain fell.")
    assert (mixed.value, mixed.value_max) == (20, 25)


@pytest.mark.parametrize("text", [
    "The airline grounded its Boeing 787 fleet.",
    "Shares on the FTSE 100 closed higher.",
    "The series goes to Game 6 on Thursday.",
    "The Galaxy S24 went on sale in Seoul.",
    "The army fired 155mm shells at the bridge.",
    "The archive was digitised on 2024-05-25.",
    "The strike lasted 12-14 hours.",
])
def test_names_with_numbers_calibres_dates_and_durations_are_not_figures(finder, text):
    assert figures(finder, text) == []


@pytest.mark.parametrize("text, values", [
    ("Labour won 412 seats in the election.", [412]),
    ("The final tally read Labour 412, Reform 98, Greens 4.", [412, 98, 4]),
    ("City beat Leeds 3-1 at home.", [3, 1]),
    ("Russia Loses 1,000 Troops In A Day", [1000]),  # a headline in Title Case
    ("About 25mm of rain fell overnight.", [25]),
])
def test_numbers_after_names_that_still_count(finder, text, values):
    assert [f.value for f in figures(finder, text)] == values


def test_scale_words_in_a_row_and_ratios(finder):
    [people, gas] = figures(finder, "About 3 hundred million people breathe air with 900 parts per million of it.")
    assert (people.value, people.qualifier) == (300_000_000, "approximate")
    assert (gas.span.text, gas.value, gas.unit) == ("900 parts per million", 900, "ppm")
    [deaths] = figures(finder, "Deaths fell to 3 per million people.")
    assert (deaths.span.text, deaths.unit) == ("3", "per million")


@pytest.mark.parametrize("text, figure, value, unit", [
    ("Oil settled at 81.50 dollars a barrel.", "81.50 dollars", 81.5, "USD"),
    ("The bank cut rates by 25 basis points.", "25 basis points", 25, "basis points"),
    ("Turnout rose 1.9 percentage points.", "1.9 percentage points", 1.9, "percentage points"),
    ("Samples held 900 parts per million of lead.", "900 parts per million", 900, "ppm"),
    ("The rate reached 212.6 per 100,000 residents.", "212.6", 212.6, "per 100,000"),
    ("It has a 6.7-inch screen.", "6.7-inch", 6.7, "inch"),
    ("The laptop sells for Rs 1,09,999.", "Rs 1,09,999", 109_999, "INR"),
    ("Gusts reached 130 to 145km/h.", "130 to 145km/h", 130, "km/h"),
])
def test_units_in_words_ratios_and_indian_grouping(finder, text, figure, value, unit):
    [found] = figures(finder, text)
    assert (found.span.text, found.value, found.unit) == (figure, value, unit)


def test_n_in_m_is_one_ratio_and_a_clock_time_is_no_figure(finder):
    found = figures(finder, "A survey found 3 in 10 families and one in 12 children affected, at 11 p.m. on Friday.")
    assert [(f.span.text, round(f.value, 3), f.unit) for f in found] == [("3 in 10", 0.3, "ratio"),
                                                                         ("one in 12", 0.083, "ratio")]
    [cold] = figures(finder, "The low tonight is -15C to -18C.")
    assert (cold.value, cold.value_max, cold.qualifier) == (-18, -15, "range")
    assert figures(finder, "Revenue over the past four quarters was flat.") == []
    [share] = figures(finder, "Three quarters of voters agreed, the pollster said, and 640 disagreed.")[-1:]
    assert share.value == 640


def test_a_counted_noun_after_a_name_keeps_the_figure_whether_or_not_a_list_knows_it(pipeline):
    from newsprov.read import article_from_text

    def values(text):
        return [f.value for c in pipeline.run(article_from_text(text)).claims for f in c.figures]

    # 'councillors' is in no measures list: the tagger's plural noun is the evidence
    assert 98 in values("Local results\n\nThe final count gave Reform 98 councillors across the county.\n")
    assert values("Fleet news\n\nThe airline grounded its Boeing 787 fleet on Friday.\n") == []
