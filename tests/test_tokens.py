"""The rule tokenizer, the phrase matcher and the word-start patterns that extraction stands on."""
import re
from pathlib import Path

import pytest

from newsprov.extract.figures import NUMBER
from newsprov.extract.lexicon import WordStartPattern
from newsprov.extract.text import normalise
from newsprov.extract.tokens import PhraseMatcher, tokenize


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize("text, expected", [
    ("Ukraine's General Staff", ["Ukraine", "'s", "General", "Staff"]),
    ("the military-industrial base", ["the", "military", "-", "industrial", "base"]),
    ("T-72B3s and Orlan-10 drones", ["T-72B3s", "and", "Orlan-10", "drones"]),
    ("lost 1,556 troops, or 2.6bn, at 6:45pm.", ["lost", "1,556", "troops", ",", "or", "2.6bn", ",", "at", "6:45pm", "."]),
    ("the U.K. said", ["the", "U.K.", "said"]),
    ("Lt. Col. Ivan Petrov", ["Lt.", "Col.", "Ivan", "Petrov"]),
    ("The war is in its third year. Gen.", ["The", "war", "is", "in", "its", "third", "year", ".", "Gen", "."]),
    ("\"We won't stop,\" he said", ['"', "We", "won't", "stop", ",", '"', "he", "said"]),
    ("(Reporting by Pavel Orlov)", ["(", "Reporting", "by", "Pavel", "Orlov", ")"]),
])
def test_tokenizer_splits_news_english(text, expected):
    assert words(text) == expected


def test_token_offsets_and_following_whitespace():
    text = "RBC-Ukraine reported\n\nKyiv  said"
    tokens = tokenize(text)
    assert all(text[t.idx:t.end] == t.text for t in tokens)
    assert [t.i for t in tokens] == list(range(len(tokens)))
    by_text = {t.text: t for t in tokens}
    assert by_text["RBC"].whitespace_ == "" and by_text["-"].whitespace_ == ""
    assert by_text["reported"].whitespace_ == "\n\n"
    assert by_text["Kyiv"].whitespace_ == "  "


def test_phrase_matcher_prefers_the_longest_then_the_earliest_phrase():
    matcher = PhraseMatcher()
    matcher.add("staff", "General Staff", ignore_case=True)
    matcher.add("ua-staff", "General Staff of the Armed Forces of Ukraine", ignore_case=True)
    matcher.add("armed", "Armed Forces of Ukraine", ignore_case=True)
    tokens = tokenize("The General Staff of the Armed Forces of Ukraine said; the general staff added.")
    found = [(key, " ".join(t.text for t in tokens[a:b])) for key, a, b in matcher.matches(tokens)]
    assert found == [("ua-staff", "General Staff of the Armed Forces of Ukraine"), ("staff", "general staff")]


def test_phrase_matcher_exact_phrases_keep_their_case():
    matcher = PhraseMatcher()
    matcher.add("isw", "ISW", ignore_case=False)
    matcher.add("isw", "Institute for the Study of War", ignore_case=True)
    tokens = tokenize("Isw is not ISW, but the institute for the study of war is.")
    found = [(a, b) for _key, a, b in matcher.matches(tokens)]
    assert [tokens[a].text for a, _b in found] == ["ISW", "institute"]


# -- patterns tried only at word starts ------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/corpus/*.txt"), *ROOT.glob("tests/heldout/*.txt")])


def word_start_patterns(pipeline) -> dict[str, WordStartPattern]:
    found = {"figures.NUMBER": NUMBER}
    for owner in (pipeline.figure_finder, pipeline.attribution_finder, pipeline.entity_finder):
        for name, value in vars(owner).items():
            if isinstance(value, WordStartPattern):
                found[f"{type(owner).__name__}.{name}"] = value
            elif isinstance(value, dict):
                found.update({f"{type(owner).__name__}.{name}[{k}]": v for k, v in value.items() if isinstance(v, WordStartPattern)})
    return found


def test_every_lexicon_pattern_finds_what_the_plain_regex_finds(pipeline):
    """The word lists that decide where a pattern is tried must never hide a match: on every
    test article, whole and in windows ending at a word's end, the fast search returns the regular
    expression's own matches."""
    patterns = word_start_patterns(pipeline)
    assert len(patterns) >= 8  # numbers, hedges, measures, unnamed sources, descriptors, names
    for path in TEXTS:
        norm = normalise(path.read_text(encoding="utf-8"))
        word_ends = [m.end() for m in re.finditer(r"\w+", norm)]
        windows = [(0, len(norm))] + [(a, end) for a in range(0, len(norm), 97) for end in word_ends if a < end <= a + 130][::9]
        for name, pattern in patterns.items():
            for pos, endpos in windows:
                fast = [m.span() for m in pattern.finditer(norm, pos, endpos)]
                plain = [m.span() for m in pattern.regex.finditer(norm, pos, endpos)]
                assert fast == plain, (name, path.name, pos, endpos)


def test_word_start_pattern_rejects_a_first_word_that_cannot_start_a_word():
    with pytest.raises(ValueError):
        WordStartPattern(re.compile(r"\b-x"), ["-x"])
