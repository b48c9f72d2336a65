"""The PolNeAR scorer (benchmarks/bench_polnear.py) on a tiny invented corpus of the same shape:
brat parsing, the choice of one annotator, exact and overlap scoring, and its refusals.
Every sentence and file name here is made up; none comes from PolNeAR."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
from conftest import ROOT

SCRIPT = ROOT / "benchmarks" / "bench_polnear.py"


def _load():
    spec = importlib.util.spec_from_file_location("bench_polnear", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


bench = _load()

# ---------------------------------------------------------------- the invented corpus

HARBOUR = (
    "Harbour Town Votes on a New Ferry\n"
    "\n"
    "The harbour master said the new ferry would start sailing in June.\n"
    "\u201cWe are nearly ready,\u201d the engineer explained, \u201cbut the paint is still wet.\u201d\n"
    "It is widely believed that the old pier will close next year.\n"
)
ORCHARD = (
    "Orchard Growers Expect a Small Harvest\n"
    "\n"
    "Growers in the valley warned on Monday that frost had damaged the blossom.\n"
    "A spokeswoman for the growers' union told reporters the harvest\n"
    "would be the smallest in a decade.\n"
)
LIBRARY = "The library will open late on Sundays, the council announced.\n"


def _at(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def _t(n: int, label: str, text: str, *phrases: str) -> str:
    """A brat text-bound line whose offsets are found, not typed, so the fixture cannot drift."""
    pieces = [_at(text, p) for p in phrases]
    offsets = ";".join(f"{s} {e}" for s, e in pieces)
    return f"T{n}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in pieces)}\n"


def _harbour_ann() -> str:
    t = HARBOUR
    return (
        _t(1, "Source", t, "The harbour master")
        + _t(2, "Cue", t, "said")
        + _t(3, "Content", t, "the new ferry would start sailing in June")
        + _t(4, "Attribution", t, "said")
        + "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
        # a discontinuous content: the quotation on either side of "the engineer explained"
        + _t(5, "Source", t, "the engineer")
        + _t(6, "Cue", t, "explained")
        + _t(7, "Content", t, "\u201cWe are nearly ready,\u201d", "\u201cbut the paint is still wet.\u201d")
        + _t(8, "Attribution", t, "explained")
        + "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7\n"
        # no source: the belief is nobody's in particular
        + _t(9, "Cue", t, "It is widely believed")
        + _t(10, "Content", t, "the old pier will close next year")
        + _t(11, "Attribution-no-source", t, "It is widely believed")
        + "E3\tAttribution-no-source:T11 Cue:T9 Content:T10\n"
        + _t(12, "Discuss", t, "Harbour Town Votes")
        + "#1\tAnnotatorNotes T12\theadline, not an attribution\n"
        + "E4\tAttribution-no-source:T11\n"  # an empty event, as some files have
    )


def _orchard_ann(annotator_wording: str) -> str:
    t = ORCHARD
    # the content crosses a line break: brat carries its text on to the next line of the .ann file
    content_start, _ = _at(t, "the harvest\n")
    _, content_end = _at(t, "in a decade")
    return (
        _t(1, "Source", t, "Growers in the valley")
        + _t(2, "Cue", t, annotator_wording)
        + _t(3, "Content", t, "frost had damaged the blossom")
        + "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
        + _t(4, "Source", t, "A spokeswoman for the growers' union")
        + _t(5, "Cue", t, "told reporters")
        + f"T6\tContent {content_start} {content_end}\t{t[content_start:content_end]}\n"
        + "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6\n"
        + "\n"
    )


def _library_ann() -> str:
    t = LIBRARY
    return (
        _t(1, "Content", t, "The library will open late on Sundays")
        + _t(2, "Source", t, "the council")
        + _t(3, "Cue", t, "announced")
        + "E1\tAttribution:T3 Content:T1 Source:T2 Cue:T3\n"
    )


def _write(path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(content)


@pytest.fixture
def corpus(tmp_path):
    """<checkout>/data/{dev,train}/{text,attributions}: two dev articles (one annotated twice), one train."""
    data = tmp_path / "checkout" / "data"
    _write(data / "dev" / "text" / "harbour-ferry.txt", HARBOUR)
    _write(data / "dev" / "attributions" / "harbour-ferry_k2p9.ann", _harbour_ann())
    _write(data / "dev" / "text" / "orchard-frost.txt", ORCHARD)
    _write(data / "dev" / "attributions" / "orchard-frost_zz01.ann", _orchard_ann("warned on Monday"))
    _write(data / "dev" / "attributions" / "orchard-frost_aa07.ann", _orchard_ann("warned"))
    _write(data / "train" / "text" / "library-hours.txt", LIBRARY)
    _write(data / "train" / "attributions" / "library-hours_k2p9.ann", _library_ann())
    return data


# ---------------------------------------------------------------- reading the annotation


def test_parser_reads_spans_roles_and_links():
    ann = bench.parse_ann(_harbour_ann())
    t = HARBOUR
    assert [a.id for a in ann.attributions] == ["E1", "E2", "E3"]  # the empty E4 is dropped
    first, quoted, believed = ann.attributions
    assert first.source == (_at(t, "The harbour master"),)
    assert first.cue == (_at(t, "said"),)
    assert first.content == (_at(t, "the new ferry would start sailing in June"),)
    # the discontinuous content keeps both pieces, in text order
    assert quoted.content == (_at(t, "\u201cWe are nearly ready,\u201d"),
                              _at(t, "\u201cbut the paint is still wet.\u201d"))
    assert quoted.source == (_at(t, "the engineer"),) and quoted.cue == (_at(t, "explained"),)
    # a missing role is None
    assert believed.source is None
    assert believed.cue == (_at(t, "It is widely believed"),)
    assert ann.spans["T12"][0] == "Discuss"
    assert bench.check_offsets(ann, t) == []


def test_a_span_over_a_line_break_and_a_second_content_are_read():
    ann = bench.parse_ann(_orchard_ann("warned"))
    assert ann.spans["T6"][2] == "the harvest\nwould be the smallest in a decade"
    assert bench.check_offsets(ann, ORCHARD) == []
    two_parts = bench.parse_ann(
        _t(1, "Source", HARBOUR, "the engineer") + _t(2, "Cue", HARBOUR, "explained")
        + _t(3, "Content", HARBOUR, "\u201cWe are nearly ready,\u201d")
        + _t(4, "Content", HARBOUR, "\u201cbut the paint is still wet.\u201d")
        + "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3 Content2:T4\n")
    assert two_parts.attributions[0].content == bench.parse_ann(_harbour_ann()).attributions[1].content


def test_offsets_that_do_not_select_their_text_are_reported():
    ann = bench.parse_ann("T1\tSource 0 7\tHarbour\nT2\tCue 8 12\tTown\nT3\tCue 8 12\tVote\n")
    assert [w[0] for w in bench.check_offsets(ann, HARBOUR)] == ["T3"]
    # brat writes the fragments' texts in the order the fragments are written, not text order
    backwards = bench.parse_ann("T1\tContent 8 12;0 7\tTown Harbour\n")
    assert backwards.spans["T1"][1] == ((0, 7), (8, 12))
    assert bench.check_offsets(backwards, HARBOUR) == []


def test_one_annotation_per_article_the_first_annotator_in_sorted_order(corpus):
    articles = bench.list_articles(corpus, "dev")
    assert [a.name for a in articles] == ["harbour-ferry", "orchard-frost"]
    assert [a.annotators for a in articles] == [1, 2]
    assert articles[1].ann_path.name == "orchard-frost_aa07.ann"


def test_the_folder_or_the_checkout_holding_data_is_accepted(corpus):
    assert bench.resolve_root(corpus) == corpus
    assert bench.resolve_root(corpus.parent) == corpus


# ---------------------------------------------------------------- scoring, by hand


def test_exact_and_overlap_span_matching_by_hand():
    gold = [((0, 10),), ((20, 30),), ((40, 45), (50, 60))]  # the last is discontinuous
    predicted = [((0, 10),),   # exact on the first
                 ((22, 35),),  # overlaps the second, not exact
                 ((46, 49),),  # falls in the gap of the third: no overlap
                 ((70, 80),)]  # spurious
    assert bench.match_spans(gold, predicted, "exact") == [(0, 0)]
    assert bench.match_spans(gold, predicted, "overlap") == [(0, 0), (1, 1)]
    # the outer extent of a discontinuous gold span is what exact matching compares
    assert bench.match_spans(gold, [((40, 60),)], "exact") == [(2, 0)]
    assert bench.shared(gold[2], ((40, 60),)) == 15


def test_overlap_matching_is_one_to_one_and_takes_the_largest_overlap_first():
    gold = [((0, 10),), ((10, 20),)]
    predicted = [((5, 15),), ((2, 8),)]  # the first touches both golds by 5, the second the first by 6
    assert bench.match_spans(gold, predicted, "overlap") == [(0, 1), (1, 0)]
    assert bench.match_spans([((0, 10),)], [((0, 5),), ((5, 10),)], "overlap") == [(0, 0)]


def test_article_scores_by_hand():
    G, P = bench.GoldAttribution, bench.PredictedAttribution
    gold = [
        G("E1", source=((0, 8),), cue=((9, 13),), content=((14, 40),)),
        G("E2", source=((50, 60),), cue=((61, 66),), content=((70, 80), (90, 100))),
        G("E3", source=None, cue=((110, 125),), content=((126, 150),)),
        G("E4", source=((0, 8),), cue=((160, 165),), content=((166, 180),)),  # shares E1's source
    ]
    predicted = [
        P(source=((0, 8),), cue=((9, 13),), content=((14, 40),)),    # all exact
        P(source=((52, 60),), cue=((61, 66),), content=((70, 100),)),  # source overlaps, content exact extent
        P(source=((200, 205),), cue=((112, 120),), content=((126, 150),)),  # gold E3 has no source: cue suffices
        P(source=((300, 305),), cue=((306, 310),), content=None),      # spurious
    ]
    result = bench.score_article(gold, predicted)
    # sources: gold 2 distinct (E1 and E4 share one, E3 has none), predicted 4; exact 1, overlap 2
    assert result.counts["source"] == (2, 4, {"exact": 1, "overlap": 2})
    # cues: gold 4, predicted 4; exact 2 (9-13, 61-66), overlap 3 (plus 112-120)
    assert result.counts["cue"] == (4, 4, {"exact": 2, "overlap": 3})
    # contents: gold 4, predicted 3; exact 3 (14-40, extent 70-100, 126-150), overlap 3
    assert result.counts["content"] == (4, 3, {"exact": 3, "overlap": 3})
    # attributions: exact needs cue and source exact: only E1; overlap: E1, E2, E3
    assert result.counts["attribution"] == (4, 4, {"exact": 1, "overlap": 3})
    assert result.missed == [3] and result.spurious == [3]

    tally = bench.Tally()
    tally.add(*result.counts["cue"])
    scores = tally.scores()
    assert scores["exact"] == {"matched": 2, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert scores["overlap"] == {"matched": 3, "precision": 0.75, "recall": 0.75, "f1": 0.75}
    assert bench.prf(gold=4, predicted=2, matched=1) == {"matched": 1, "precision": 0.5, "recall": 0.25,
                                                         "f1": 0.3333}
    assert bench.prf(0, 0, 0)["f1"] == 0.0


def test_an_attribution_needs_cue_and_source_to_overlap():
    gold = bench.GoldAttribution("E1", source=((0, 8),), cue=((9, 13),), content=None)
    wrong_source = bench.PredictedAttribution(source=((20, 25),), cue=((9, 13),), content=None)
    no_cue = bench.PredictedAttribution(source=((0, 8),), cue=None, content=None)
    assert bench.match_attributions([gold], [wrong_source, no_cue], "overlap") == []


# ---------------------------------------------------------------- the whole script


def test_the_script_scores_the_invented_corpus(corpus, tmp_path, capsys, pipeline):
    out = tmp_path / "report.json"
    code = bench.main(["--polnear", str(corpus.parent), "--split", "dev", "--format", "json",
                       "--out", str(out)], pipeline=pipeline)
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert json.loads(out.read_text(encoding="utf-8")) == printed
    assert printed["split"] == "dev" and printed["articles"] == 2
    assert printed["articles_with_several_annotators"] == 1
    assert printed["offsets"] == {"spans_checked": 18, "mismatched": 0, "unreadable_lines": 0}
    assert printed["articles_per_second"] > 0
    scores = printed["scores"]
    assert set(scores) == {"cue", "source", "content", "attribution"}
    assert scores["attribution"]["gold"] == 5 and scores["source"]["gold"] == 4 and scores["cue"]["gold"] == 5
    for row in scores.values():
        assert isinstance(row["predicted"], int)
        for mode in ("exact", "overlap"):
            assert set(row[mode]) == {"matched", "precision", "recall", "f1"}
            assert all(0.0 <= row[mode][k] <= 1.0 for k in ("precision", "recall", "f1"))
            assert row["exact"]["matched"] <= row["overlap"]["matched"] <= min(row["gold"], row["predicted"])
    # nothing of the text is in the report
    assert "harbour" not in json.dumps(printed).lower()


def test_the_table_and_the_error_examples(corpus, capsys, pipeline):
    assert bench.main(["--polnear", str(corpus), "--split", "train", "--errors", "3"], pipeline=pipeline) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("PolNeAR train: 1 articles")
    assert [line.split()[0] for line in lines[3:7]] == ["cue", "source", "content", "attribution"]
    assert "articles/s" in lines[-1]
    assert "missed attributions" in captured.err and "spurious attributions" in captured.err


def test_the_test_split_is_refused_with_one_line(corpus, capsys):
    assert bench.main(["--polnear", str(corpus), "--split", "test"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and "test split" in captured.err


def test_a_missing_or_wrong_folder_is_one_line_and_exit_2(tmp_path, capsys):
    for folder in (tmp_path / "nowhere", tmp_path):
        assert bench.main(["--polnear", str(folder), "--split", "dev"]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
        assert "no PolNeAR data" in captured.err


def test_the_command_exits_2_without_a_traceback(tmp_path):
    for args in (["--split", "test"], ["--split", "dev"]):
        run = subprocess.run([sys.executable, str(SCRIPT), "--polnear", str(tmp_path / "nowhere"), *args],
                             check=False, capture_output=True, text=True, timeout=60)
        assert run.returncode == 2
        assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


def test_newsprov_hops_are_projected_onto_the_flat_scheme():
    """A hop nested in another's content is not a PolNeAR attribution of its own, and a quotation continued
    after its cue is the same attribution's second content piece; --raw counts every hop."""
    from types import SimpleNamespace

    from newsprov.model import Attribution, Entity, Span

    text = 'The mayor said the port had told her that 40 ships waited. "It is bad," she said. "Very bad."'
    mayor = Entity(key="mayor", label="The mayor", type="VagueSource")
    port = Entity(key="port", label="the port", type="VagueSource")

    def span(phrase, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        return Span(start, start + len(phrase), phrase)

    outer = Attribution("a1", mayor, span("The mayor"), span("said"), span("the port had told her that 40 ships waited"))
    inner = Attribution("a2", port, span("the port"), span("told"), span("40 ships waited"), via="a1")
    quoted = Attribution("a3", mayor, span("she"), span("said", 1), span('"It is bad,"'))
    going_on = Attribution("a4", mayor, span("she"), None, span('"Very bad."'))
    extraction = SimpleNamespace(attributions=[outer, inner, quoted, going_on])
    flat = bench.predicted_attributions(extraction)
    said = [(outer.cue.start, outer.cue.end)], [(quoted.cue.start, quoted.cue.end)]
    assert [list(p.cue) for p in flat] == list(said)
    assert list(flat[1].content) == [(quoted.content.start, quoted.content.end), (going_on.content.start, going_on.content.end)]
    assert len(bench.predicted_attributions(extraction, raw=True)) == 4


def test_an_outlet_told_by_the_speaker_is_no_polnear_source():
    """'X told Reuters ...': newsprov keeps the outlet as the hop that relays X, with X's cue; PolNeAR's
    scheme has the listener as no source, so the projection keeps only X's attribution."""
    from types import SimpleNamespace

    from newsprov.model import Attribution, Entity, Span

    text = "Okafor told Reuters the port would close."

    def span(phrase):
        start = text.index(phrase)
        return Span(start, start + len(phrase), phrase)

    outlet = Attribution("a1", Entity(key="reuters", label="Reuters", type="NewsOutlet"), span("Reuters"), span("told"),
                         span("the port would close"))
    speaker = Attribution("a2", Entity(key="okafor", label="Okafor", type="Person"), span("Okafor"), span("told"),
                          span("the port would close"), via="a1")
    flat = bench.predicted_attributions(SimpleNamespace(attributions=[outlet, speaker]))
    assert [list(p.source) for p in flat] == [[(0, 6)]]
    cited = Attribution("a3", Entity(key="reuters", label="Reuters", type="NewsOutlet"), span("Reuters"), span("Reuters"),
                        span("the port would close"))  # near case: an outer hop with a cue of its own is kept
    speaker.via = "a3"
    assert len(bench.predicted_attributions(SimpleNamespace(attributions=[cited, speaker]))) == 2
