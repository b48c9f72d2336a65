"""The CoNLL-2003 entity benchmark (benchmarks/bench_entities.py): text rebuilt from tokens with right
offsets, the scoring arithmetic, and a bad path. The documents here are invented for the test."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from newsprov.model import Entity, Span

from conftest import ROOT


def _load():
    spec = importlib.util.spec_from_file_location("bench_entities", ROOT / "benchmarks" / "bench_entities.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


bench = _load()

# Invented documents, one "token TAG" a line; a blank line ends a sentence (IOB1 tags, as CoNLL-2003 has).
DOCUMENTS = [
    """
TENNIS O
- O
QUILL I-PER
TAKES O
TITLE O
IN O
VARNOCK I-LOC
. O

VARNOCK I-LOC
1997-03-14 O

Mara I-PER
Quill I-PER
of O
Brelland I-LOC
beat O
Ostrova I-LOC
's O
Dina I-PER
Pell I-PER
6-3 O
6-4 O
on O
Friday O
to O
win O
the O
Varnock I-MISC
Open I-MISC
, O
her O
first O
title O
since O
joining O
the O
Harlow I-ORG
Tennis I-ORG
Club I-ORG
. O

" O
I O
did O
n't O
expect O
it O
, O
" O
Quill I-PER
said O
( O
after O
a O
$ O
40 O
prize O
) O
. O
""",
    """
Sales O
at O
Tobrin I-ORG
Mills I-ORG
rose O
5 O
percent O
in O

the O
first O
quarter O
, O
Lena I-PER
Ostrow I-PER
told O
Kestrel I-ORG
Wire I-ORG
. O

Ostrow I-PER
Pell B-PER
: O
" O
Good O
. O

Better O
. O
" O
""",
]

EXPECTED_TEXT = [
    "TENNIS - QUILL TAKES TITLE IN VARNOCK.\n"
    "VARNOCK 1997-03-14\n"
    "Mara Quill of Brelland beat Ostrova's Dina Pell 6-3 6-4 on Friday to win the Varnock Open, "
    "her first title since joining the Harlow Tennis Club.\n"
    "\"I didn't expect it,\" Quill said (after a $40 prize).\n",
    # a sentence ending without punctuation runs on into one that opens in lower case
    "Sales at Tobrin Mills rose 5 percent in the first quarter, Lena Ostrow told Kestrel Wire.\n"
    "Ostrow Pell: \"Good.\n"
    "Better.\"\n",
]


def _conll(path):
    lines = []
    for doc in DOCUMENTS:
        lines.append("-DOCSTART- -X- -X- O\n")
        for line in doc.strip("\n").split("\n"):
            if line.strip():
                token, tag = line.split()
                lines.append(f"{token} NNP I-NP {tag}")
            else:
                lines.append("")
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def conll(tmp_path):
    return _conll(tmp_path / "dev.txt")


def test_text_rebuilt_from_tokens_and_every_gold_span_is_its_text(conll):
    docs = bench.build_documents(bench.read_conll(conll))
    assert [d.text for d in docs] == EXPECTED_TEXT
    for doc in docs:
        for g in doc.gold:
            assert doc.text[g.start:g.end] == g.text
        for start, end in doc.tokens:
            assert doc.text[start:end].strip() == doc.text[start:end] != ""
    assert [(g.type, g.text) for g in docs[0].gold] == [
        ("PER", "QUILL"), ("LOC", "VARNOCK"), ("LOC", "VARNOCK"), ("PER", "Mara Quill"), ("LOC", "Brelland"),
        ("LOC", "Ostrova"), ("PER", "Dina Pell"), ("MISC", "Varnock Open"), ("ORG", "Harlow Tennis Club"),
        ("PER", "Quill")]
    # a B- tag parts two names of one type that touch
    assert [(g.type, g.text) for g in docs[1].gold] == [
        ("ORG", "Tobrin Mills"), ("PER", "Lena Ostrow"), ("ORG", "Kestrel Wire"), ("PER", "Ostrow"), ("PER", "Pell")]


def test_tags_iob1_iob2_and_bioes_give_the_same_entities():
    iob1 = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]
    iob2 = ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG"]
    bioes = ["B-PER", "E-PER", "S-PER", "O", "S-LOC", "S-ORG"]
    expected = [(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC"), (5, 6, "ORG")]
    assert bench._entities_of(iob1) == bench._entities_of(iob2) == bench._entities_of(bioes) == expected


def _doc():
    text = "Ann Lee met Bo Park in Rome and Oslo at Acme Corp with Danish fans of Vix.\n"
    doc = bench.Document(id="d1", text=text)

    def span(surface, kind):
        start = text.index(surface)
        return start, start + len(surface), kind

    for surface, kind in [("Ann Lee", "PER"), ("Bo Park", "PER"), ("Rome", "LOC"), ("Oslo", "LOC"),
                          ("Acme Corp", "ORG"), ("Danish", "MISC"), ("Vix", "ORG")]:
        start, end, _ = span(surface, kind)
        doc.gold.append(bench.Gold(start, end, kind, surface))
    preds = []
    for surface, kind in [("Ann Lee", "PER"),    # right, exact
                          ("Park", "PER"),       # right type, span overlaps only
                          ("Rome", "LOC"),       # right, exact
                          ("Oslo", "PER"),       # wrong type
                          ("Acme Corp", None),   # found, untyped
                          ("Danish", "LOC"),     # MISC: not scored
                          ("fans", "LOC"),       # spurious, typed
                          ("with", None)]:       # spurious, untyped
        start, end, _ = span(surface, kind)
        preds.append(bench.Prediction(start, end, kind, "x", surface))  # 'Vix' is missed
    return doc, preds


def test_scoring_arithmetic_on_hand_made_predictions():
    doc, preds = _doc()
    report, errors = bench.score([doc], {"d1": preds})
    per, loc, org = (report["per_type"][t] for t in ("PER", "LOC", "ORG"))
    micro = report["micro"]
    assert (per["gold"], per["pred"], loc["gold"], loc["pred"], org["gold"], org["pred"]) == (2, 3, 2, 2, 2, 0)
    assert per["exact"] == {"p": round(1 / 3, 4), "r": 0.5, "f1": 0.4}
    assert per["overlap"] == {"p": round(2 / 3, 4), "r": 1.0, "f1": 0.8}
    assert loc["exact"] == loc["overlap"] == {"p": 0.5, "r": 0.5, "f1": 0.5}
    assert org["exact"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert (per["found"], loc["found"], org["found"]) == (2, 2, 1)
    assert (per["found_exact"], loc["found_exact"], org["found_exact"]) == (1, 2, 1)
    assert (per["untyped"], loc["untyped"], org["untyped"]) == (0, 0, 1)
    assert micro["exact"] == {"p": 0.4, "r": round(2 / 6, 4), "f1": round(2 * 0.4 * (1 / 3) / (0.4 + 1 / 3), 4)}
    assert micro["overlap"] == {"p": 0.6, "r": 0.5, "f1": round(2 * 0.6 * 0.5 / 1.1, 4)}
    assert (micro["gold"], micro["pred"], micro["found"], micro["untyped"]) == (6, 5, 5, 1)
    assert per["confusion"] == {"PER": 2}
    assert loc["confusion"] == {"LOC": 1, "PER": 1}
    assert org["confusion"] == {"untyped": 1, "missed": 1}
    assert report["misc"] == {"gold": 1, "predicted": 1, "LOC": 1}
    assert (report["spurious_typed"], report["spurious_untyped"]) == (1, 1)
    assert {k: len(v) for k, v in errors.items()} == {
        "missed": 1, "untyped": 1, "wrong type LOC->PER": 1, "spurious": 1}
    assert errors["missed"][0][1].text == "Vix"


def test_categories_map_to_conll_types_and_non_names_are_left_out():
    text = "He said Kira Dunn of the 12th Brigade visited Tarsk, officials said; Kira Dunn is untyped here.\n"

    def at(surface, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return Span(start, start + len(surface), surface)

    entities = [
        Entity("kira-dunn", "Kira Dunn", "Person", mentions=[at("Kira Dunn"), at("He")]),
        Entity("brigade", "12th Brigade", "MilitaryUnit", mentions=[at("12th Brigade")]),
        Entity("tarsk", "Tarsk", "Country", mentions=[at("Tarsk")]),
        Entity("officials", "officials", "VagueSource", mentions=[at("officials")]),
        Entity("kira-dunn-2", "Kira Dunn", "Entity", mentions=[at("Kira Dunn"), at("Kira Dunn", 1)]),
    ]
    extraction = type("X", (), {"entities": entities, "article": type("A", (), {"text": text})()})()
    skipped = bench.Counter()
    found = sorted((p.text, p.start, p.type) for p in bench.predictions_of(extraction, skipped))
    assert found == sorted([("Kira Dunn", text.index("Kira Dunn"), "PER"),  # its untyped copy dropped
                            ("12th Brigade", text.index("12th"), "ORG"),
                            ("Tarsk", text.index("Tarsk"), "LOC"),
                            ("Kira Dunn", text.rindex("Kira Dunn"), None)])
    assert skipped == {"Person": 1}
    assert not bench.is_name("the spokesman") and not bench.is_name("The ministry") and bench.is_name("The Hague")


def test_the_whole_benchmark_on_the_invented_file(conll, capsys):
    assert bench.main(["--conll", str(conll), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 2
    assert {t: row["gold"] for t, row in report["per_type"].items()} == {"PER": 7, "ORG": 3, "LOC": 4}
    assert report["misc"]["gold"] == 1
    assert report["articles_per_second"] > 0
    assert bench.main(["--conll", str(conll), "--limit", "1", "--errors", "2"]) == 0
    out, err = capsys.readouterr()
    assert "1 documents" in out and "micro" in out
    assert "Traceback" not in err


def test_a_bad_path_is_one_line_and_exit_2(tmp_path):
    missing = tmp_path / "no-such-dev.txt"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_entities.py"), "--conll", str(missing)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and str(missing) in done.stderr


@pytest.mark.parametrize("content", ["", "just-one-column\n", "Word NNP I-NP NOT-A-TAG\n"])
def test_a_file_that_is_not_conll_is_exit_2(tmp_path, capsys, content):
    path = tmp_path / "dev.txt"
    path.write_text(content, encoding="utf-8")
    assert bench.main(["--conll", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1


def test_the_test_split_is_refused_unless_asked_for(tmp_path, capsys):
    path = _conll(tmp_path / "eng.testb")
    assert bench.main(["--conll", str(path)]) == 2
    assert "test split" in capsys.readouterr().err
    assert bench.main(["--conll", str(path), "--allow-test", "--format", "json"]) == 0
