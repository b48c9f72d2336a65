"""Extraction stays linear in the article's length, whatever the article's shape.

Text made of quotation marks, a sentence of thousands of figures, a run of stops with no
space: each once made a step of extraction cost the square of its length. These tests
feed such shapes at two sizes, the second twice the first, and require that the work done
grows no more than 2.5 times. Work is counted, never timed (the machine running the tests
is shared and noisy): the Python and C functions called (cProfile's count) and the
characters that regular expressions are handed to read, in newsprov's own patterns and
in the tokenizer of the syntactic model. A quadratic step multiplies one of them by four.
"""
from __future__ import annotations

import cProfile
import pstats
import re
import sys
import types

import pytest

from newsprov.extract.pipeline import Pipeline
from newsprov.graph.build import build_ntriples
from newsprov.read import article_from_text

GROWTH = 2.5  # the most the work may grow when the text doubles; linear work grows 2 times


class ReadCount:
    """Characters handed to regular expressions to read: for a search, from where it starts to
    where it finds its match (or to the end of its range); for a match, the characters matched.
    A lower bound of what the engine reads, so it never mistakes linear work for more."""

    def __init__(self) -> None:
        self.chars = 0

    def scan(self, string, pos, endpos, match) -> None:
        end = min(len(string), endpos)
        self.chars += (match.end() if match else end) - pos

    def matched(self, pos, match) -> None:
        self.chars += (match.end() - pos) if match else 1


class CountedPattern:
    """A compiled pattern whose reading is counted; everything else is the pattern's own."""

    def __init__(self, pattern: re.Pattern, count: ReadCount):
        self._pattern, self._count = pattern, count

    def __getattr__(self, name):
        return getattr(self._pattern, name)

    def search(self, string, pos=0, endpos=sys.maxsize):
        match = self._pattern.search(string, pos, endpos)
        self._count.scan(string, pos, endpos, match)
        return match

    def match(self, string, pos=0, endpos=sys.maxsize):
        match = self._pattern.match(string, pos, endpos)
        self._count.matched(pos, match)
        return match

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        match = self._pattern.fullmatch(string, pos, endpos)
        self._count.matched(pos, match)
        return match

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        last = pos
        for match in self._pattern.finditer(string, pos, endpos):
            self._count.chars += match.end() - last
            last = match.end()
            yield match
        self._count.chars += max(0, min(len(string), endpos) - last)

    def findall(self, string, pos=0, endpos=sys.maxsize):
        self._count.scan(string, pos, endpos, None)
        return self._pattern.findall(string, pos, endpos)

    def sub(self, repl, string, count=0):
        self._count.chars += len(string)
        return self._pattern.sub(repl, string, count)

    def subn(self, repl, string, count=0):
        self._count.chars += len(string)
        return self._pattern.subn(repl, string, count)

    def split(self, string, maxsplit=0):
        self._count.chars += len(string)
        return self._pattern.split(string, maxsplit)


def counting_re(count: ReadCount) -> types.ModuleType:
    """The ``re`` module as newsprov's modules call it, with every pattern's reading counted."""
    module = types.ModuleType("re")
    module.__dict__.update({name: getattr(re, name) for name in dir(re) if not name.startswith("__")})

    def compile(pattern, flags=0):
        if isinstance(pattern, CountedPattern):
            return pattern
        return CountedPattern(re.compile(pattern, flags), count)

    module.compile = compile
    for name in ("search", "match", "fullmatch", "finditer", "findall"):
        module.__dict__[name] = (lambda name: lambda pattern, string, flags=0:
                                 getattr(compile(pattern, flags), name)(string))(name)
    for name in ("sub", "subn"):
        module.__dict__[name] = (lambda name: lambda pattern, repl, string, count=0, flags=0:
                                 getattr(compile(pattern, flags), name)(repl, string, count))(name)
    module.split = lambda pattern, string, maxsplit=0, flags=0: compile(pattern, flags).split(string, maxsplit)
    return module


def _count_patterns(monkeypatch, value, count: ReadCount, seen: set):
    """``value`` with its compiled patterns counted: in place inside newsprov's objects, lists and
    dictionaries, returned when it is a pattern or a pattern's bound method itself."""
    if isinstance(value, re.Pattern):
        return CountedPattern(value, count)
    owner = getattr(value, "__self__", None)
    if isinstance(owner, re.Pattern) and callable(value):
        return getattr(CountedPattern(owner, count), value.__name__)
    if id(value) in seen:
        return value
    if isinstance(value, dict):
        seen.add(id(value))
        for key, item in list(value.items()):
            replaced = _count_patterns(monkeypatch, item, count, seen)
            if replaced is not item:
                monkeypatch.setitem(value, key, replaced)
    elif isinstance(value, (list, tuple, set, frozenset)):
        seen.add(id(value))
        for item in value:
            _count_patterns(monkeypatch, item, count, seen)
    elif type(value).__module__.startswith("newsprov") and hasattr(value, "__dict__"):
        seen.add(id(value))
        for name, item in list(vars(value).items()):
            replaced = _count_patterns(monkeypatch, item, count, seen)
            if replaced is not item:
                monkeypatch.setattr(value, name, replaced)
    return value


def count_reading(monkeypatch, pipeline: Pipeline) -> ReadCount:
    """Count the reading of every pattern that extraction and graph building use: the modules'
    own, the pipeline's lexicon patterns, ``re`` as the modules call it, and the tokenizer's."""
    count = ReadCount()
    seen: set = set()
    for name, module in list(sys.modules.items()):
        if not name.startswith("newsprov.") or module is None:
            continue
        if getattr(module, "re", None) is re:
            monkeypatch.setattr(module, "re", counting_re(count))
        for attribute, value in list(vars(module).items()):
            if isinstance(value, type) and value.__module__ == name:
                replaced_class = {key: _count_patterns(monkeypatch, item, count, seen)
                                  for key, item in vars(value).items() if not key.startswith("__")}
                for key, replaced in replaced_class.items():
                    if replaced is not vars(value)[key]:
                        monkeypatch.setattr(value, key, replaced)
                continue
            replaced = _count_patterns(monkeypatch, value, count, seen)
            if replaced is not value:
                monkeypatch.setattr(module, attribute, replaced)
    _count_patterns(monkeypatch, pipeline, count, seen)
    from newsprov.extract import text as layout

    normalise = layout.normalise
    monkeypatch.setattr(layout, "normalise", lambda text: CountedText(normalise(text), count))
    tokenizer = pipeline.syntax.nlp.tokenizer
    for name in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        reader = getattr(tokenizer, name)
        replaced = _count_patterns(monkeypatch, reader, count, seen) if reader is not None else None
        if replaced is not reader:
            monkeypatch.setattr(tokenizer, name, replaced)
    return count


class CountedText(str):
    """The article's text, counting what is read of it: a slice's length, a search's range, the
    whole text for a method that reads it all. A slice taken for every figure or every quotation,
    from it to the end of the sentence, shows here even though no pattern reads it."""

    def __new__(cls, text: str, count: ReadCount):
        made = super().__new__(cls, text)
        made.reads = count
        return made

    def __getitem__(self, key):
        part = super().__getitem__(key)
        self.reads.chars += len(part)
        return part

    def _span(self, start, end) -> tuple[int, int]:
        start, end, _ = slice(start, end).indices(len(self))
        return start, max(start, end)

    def find(self, sub, start=None, end=None):
        found = super().find(sub, start, end)
        first, last = self._span(start, end)
        self.reads.chars += (found + len(sub) - first) if found >= 0 else last - first
        return found

    def rfind(self, sub, start=None, end=None):
        found = super().rfind(sub, start, end)
        first, last = self._span(start, end)
        self.reads.chars += (last - found) if found >= 0 else last - first
        return found

    def count(self, sub, start=None, end=None):
        first, last = self._span(start, end)
        self.reads.chars += last - first
        return super().count(sub, start, end)

    def startswith(self, prefix, *args):
        self.reads.chars += max(map(len, prefix)) if isinstance(prefix, tuple) else len(prefix)
        return super().startswith(prefix, *args)

    def endswith(self, suffix, *args):
        self.reads.chars += max(map(len, suffix)) if isinstance(suffix, tuple) else len(suffix)
        return super().endswith(suffix, *args)


def _reading_all(name):
    method = getattr(str, name)

    def read(self, *args, **kwargs):
        self.reads.chars += len(self)
        return method(self, *args, **kwargs)
    return read


for _name in ("index", "rindex", "split", "rsplit", "splitlines", "strip", "lstrip", "rstrip", "lower", "upper",
              "casefold", "translate", "replace", "encode", "isascii", "isspace", "isalpha", "isupper", "islower",
              "__iter__", "__contains__", "partition", "rpartition", "title", "__eq__", "__hash__"):
    setattr(CountedText, _name, _reading_all(_name))


def work(pipeline: Pipeline, count: ReadCount, text: str) -> tuple[int, int]:
    """(functions called, characters read) to extract ``text`` and build its graph."""
    article = article_from_text(text, source_file="shape.txt")
    article.text = CountedText(article.text, count)
    before = count.chars
    profile = cProfile.Profile()
    extraction = profile.runcall(pipeline.run, article)
    profile.runcall(build_ntriples, extraction, None, "stamp")
    return pstats.Stats(profile).total_calls, count.chars - before


# Shapes of text, each a function of n, at sizes where a square would dominate the work. Text
# without spaces comes in runs of a few thousand characters: the tokenizer reads a run in pieces
# of 500, each in time that grows with the square of the piece, so only longer runs grow linearly.
# A sentence of the text stays on one side of 2,000 tokens at both sizes: the model reads a longer
# one in pieces, a step in the work done per token that is no growth.
NAMES = ["Olena Kovalenko", "Petro Orlov", "Grace Okoth", "Tom Mercer", "Ivan Shevchenko"]
SHAPES = {
    "quotation marks nested without end": (lambda n: "He said " + "\"'" * n + " end.\n", 1500),
    "curly quotation marks nested": (lambda n: "He said " + "\u201c\u2018" * n + " end.\n", 1500),
    "quotation marks and backslashes": (lambda n: "X " + '"\\' * n + "\n", 1500),
    "quotation marks opened and closed between words": (
        lambda n: "A " + " ".join("word\u201d" if i % 2 else "\u201cword" for i in range(n)) + "\n", 400),
    "quotation marks nested over words": (lambda n: "He said " + "\"a 'b " * n + "c' d\" " * n + "\n", 120),
    "figures in one sentence": (
        lambda n: "The army said " + " ".join(f"{1000 + 37 * i:,} drones" for i in range(n)) + " were counted.\n", 300),
    "figures with hedges, rates and periods in one sentence": (
        lambda n: "Troops counted " + " ".join(f"about {i} drones a day in the last week" for i in range(n)) + "\n", 100),
    "ranges in one sentence": (lambda n: "A between " + " and ".join(str(i) for i in range(100, 100 + n)) + " b\n", 300),
    "numbers run together": (lambda n: "Count " + ",".join("12" for _ in range(n)) + " and " + "9" * n + "\n", 300),
    "one sentence with no punctuation": (
        lambda n: " ".join(("the army moved north across the river with troops and tanks".split() * n)[:10 * n]) + "\n", 90),
    "runs of stops": (lambda n: "A" + "!" * n + " a. B" + "." * n + " b\n", 700),
    "initials": (lambda n: "A " + " ".join(f"{chr(65 + i % 26)}." for i in range(n)) + " end\n", 600),
    "parentheses and brackets": (lambda n: "A " + "(" * n + "[x]" + ")" * n + "\n", 1500),
    "many paragraphs": (lambda n: "".join(f"Russia lost {i} tanks, the ministry said.\n\n" for i in range(n)), 150),
    "capitalised names in one sentence": (lambda n: " ".join(NAMES[i % 5] for i in range(n)) + " said 12.\n", 300),
    "cue words": (lambda n: "He " + "said " * n + "40 drones, according to " + "the ministry, " * n + "\n", 240),
    "quotations and speakers in one paragraph": (
        lambda n: " ".join(f"\"{i} drones were downed,\" {NAMES[i % 5]} said." for i in range(n)) + "\n", 150),
    "quotations continued by one speaker": (
        lambda n: "'12 drones were downed,' Smith said. " + " ".join(f"'{i} drones fell here'" for i in range(n)) + "\n", 100),
    "pronouns": (lambda n: "John Smith said 12 tanks were lost. " + " ".join(
        f"He said {i} tanks were lost." for i in range(n)) + "\n", 150),
    "unnamed sources": (lambda n: " ".join(
        f"Officials at the Ministry of Defence said {i} tanks were lost. A senior Pentagon official said {i}."
        for i in range(n)) + "\n", 100),
    "speakers told outlets": (lambda n: " ".join(
        f"{NAMES[i % 5]} told Reuters that {i} tanks were lost." for i in range(n)) + "\n", 150),
    "an interview in one paragraph": (lambda n: "Olena Kovalenko spoke to us.\n" + " ".join(
        f"Q: Why? A: Petro Orlov lost {i} tanks." for i in range(n)) + "\n", 150),
    "lines in capitals and datelines": (lambda n: "".join(
        f"KYIV, Jan 14 - SOCCER - UKRAINE BEAT RUSSIA {i}-1\n" for i in range(n)), 150),
    "lists after a colon": (lambda n: "".join(f"The ministry said:\n- {i} tanks\n- {i} guns\n" for i in range(n)), 150),
}


@pytest.fixture
def counted(monkeypatch, pipeline):
    return count_reading(monkeypatch, pipeline)


@pytest.mark.parametrize("shape", SHAPES)
def test_doubling_the_text_at_most_doubles_the_work(pipeline, counted, shape):
    make, n = SHAPES[shape]
    work(pipeline, counted, make(max(1, n // 4)))  # caches and first-time costs out of the way
    calls, chars = work(pipeline, counted, make(n))
    calls_twice, chars_twice = work(pipeline, counted, make(2 * n))
    assert chars >= len(make(n)), "the counters read nothing: they are not hooked in"
    assert calls_twice <= GROWTH * calls, f"{calls} -> {calls_twice} calls"
    assert chars_twice <= GROWTH * chars, f"{chars} -> {chars_twice} characters read"


def test_a_run_of_stops_is_read_from_its_first_stop_only():
    """The engine's own steps are not counted, so the property that keeps sentence splitting linear
    on '!!!!...' is checked itself: the boundary is never tried inside a run of stops, where it
    would read the rest of the run again at every stop."""
    from newsprov.extract.text import _BOUNDARY

    text = "It fell" + "!" * 50 + " Then"
    assert _BOUNDARY.match(text, 7) is not None
    assert all(_BOUNDARY.match(text, i) is None for i in range(8, 57))


def test_the_model_reads_a_long_sentence_in_pieces_and_few_tokens_at_once(pipeline, monkeypatch):
    """Memory, not time: the model takes some ten kilobytes for each token it reads at once, and a
    'sentence' of 460,000 quotation marks read whole took 4.6 GB. A sentence longer than
    LONGEST_TAGGED tokens is read in pieces, joined again after, and no batch holds more than
    BATCH_TOKENS tokens."""
    from newsprov.extract import syntax
    from newsprov.extract.text import normalise, sentences

    batches = []

    class Counted:
        def __init__(self, component):
            self.component = component

        def pipe(self, docs, batch_size):
            docs = list(docs)
            batches.append([len(doc) for doc in docs])
            return self.component.pipe(docs, batch_size=batch_size)

    monkeypatch.setattr(syntax, "BATCH_TOKENS", 3_000)
    monkeypatch.setattr(pipeline.syntax, "tagging", [Counted(c) for c in pipeline.syntax.tagging])
    text = "Kyiv said " + " ".join(["the army moved north across the river"] * 700) + " and 40 tanks were lost\n"
    norm = normalise(text)
    [sentence] = pipeline.syntax.analyse(norm, sentences(norm), lambda doc: False)
    assert max(length for batch in batches for length in batch) <= syntax.LONGEST_TAGGED
    assert max(sum(batch) for batch in batches) <= 3_000
    assert sentence.doc.text == norm[sentence.span.start:sentence.span.end] and len(sentence.doc) > 4_000
    assert all(token.tag_ for token in sentence.doc) and sentence.doc.has_annotation("ENT_IOB")


def test_a_claim_holds_at_most_a_hundred_figures_its_parts_tiling_the_sentence(pipeline):
    """A 'sentence' of 250 figures (a table run together) is three claims, not one of 250 figures:
    the SHACL check's time grows faster than the square of one node's values."""
    text = "The army said " + " ".join(f"{1000 + 37 * i:,} drones" for i in range(250)) + " were counted.\n"
    claims = pipeline.run(article_from_text(text)).claims
    assert [len(c.figures) for c in claims] == [100, 100, 50]
    assert claims[0].span.start == 0 and claims[-1].span.end == len(text.rstrip())
    assert all(a.span.end == b.span.start for a, b in zip(claims, claims[1:]))
    assert all(text[c.span.start:c.span.end] == c.span.text for c in claims)
