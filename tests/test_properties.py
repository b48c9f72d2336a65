"""Properties that hold for any input, checked on generated text (hypothesis).

Whatever the text (any Unicode, news sentences cut and spliced at random), every
span newsprov reports is exactly ``text[start:end]``, and a figure written in
digits, with or without thousands separators, reads back as its value.
"""
from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprov.analyse.trace import parse_figure
from newsprov.extract.figures import FigureFinder
from newsprov.extract.lexicon import load_lexicons
from newsprov.extract.text import normalise, sentences
from newsprov.model import Article, Span

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# pieces of news prose, so generated texts hold figures, cues, quotes and names, not only noise
FRAGMENTS = [
    "Russia lost 1,556 troops a day in January, the UK Ministry of Defence said.",
    " according to the General Staff of the Armed Forces of Ukraine, ",
    "\u201cWe have lost nearly 50,000 men,\u201d he told Reuters. ",
    "more than 1.2 MILLION", " half a million ", "Zelensky said on Telegram that ",
    "The 3rd Separate Assault Brigade reported ", "\n\n", " (AP) \u2014 ", "  ", "'", '"',
    "\u00a0", "48 240", "Kyiv", "Pokrovsk", "\u0423\u043a\u0440\u0430\u0457\u043d\u0430", "\U0001F1FA\U0001F1E6", "e\u0301",
    # format characters, read past by extraction while offsets stay the original's
    "7,\u200b000", "\u2066Kyiv\u2069", "\u202e", "Min\u00adistry", "\ufeff", "\u200d",
]
texts = st.lists(st.one_of(st.text(max_size=25), st.sampled_from(FRAGMENTS)), max_size=14).map("".join)


def spans(value, seen=None):
    """Every Span inside an extraction's dataclasses, lists and tuples."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Span):
        yield value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from spans(getattr(value, field.name), seen)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            yield from spans(item, seen)


@SETTINGS
@given(text=texts)
def test_every_span_is_exactly_its_offsets_in_the_text(pipeline, text):
    extraction = pipeline.run(Article(id="p", text=text))
    for span in spans(extraction):
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text


FINDER = FigureFinder(load_lexicons())


def figures_in(text):
    norm = normalise(text)
    return [f for sentence in sentences(norm) for f in FINDER.find(norm, text, sentence)]


@SETTINGS
@given(value=st.integers(min_value=1, max_value=10**9), separated=st.booleans())
def test_a_figure_in_digits_reads_back_as_its_value(value, separated):
    written = f"{value:,}" if separated else str(value)
    assert parse_figure(written) == value
    found = figures_in(f"Officials said {written} soldiers were killed.")
    year = not separated and 1900 <= value <= 2099  # read as a year by design: counts this size take a separator
    assert [(f.span.text, f.value) for f in found] == ([] if year else [(written, value)])


def test_the_span_walker_sees_the_spans_of_an_extraction(pipeline):
    """Guards the property above: it must be looking at real spans, not at none."""
    found = list(spans(pipeline.run(Article(id="p", text=FRAGMENTS[0] + FRAGMENTS[2]))))
    kinds = {span.text for span in found}
    assert {"1,556", "50,000", "UK Ministry of Defence", "Reuters"} <= kinds
