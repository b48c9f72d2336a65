"""Attribution extraction scored against the PolNeAR corpus (source, cue and content spans).

Run on demand (not part of the test suite; the corpus is not in this repository):

    .venv/bin/python benchmarks/bench_polnear.py --polnear /path/to/polnear/data --split dev
        [--limit N] [--format table|json] [--out FILE] [--errors N]

``--polnear`` is the folder holding ``train/`` and ``dev/`` (each with ``text/*.txt`` and
``attributions/*.ann``), or the corpus checkout holding ``data/``. Only ``train`` and ``dev`` are
ever read: PolNeAR's ``test`` split is held out, and ``--split test`` is refused (exit code 2)
before anything is opened.

Gold annotations (brat standoff)
    ``T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>`` are text-bound annotations, with
    offsets counted in characters of the ``.txt`` file read as UTF-8 with ``newline=''`` (so a
    ``\\r`` would count, as brat counts it); the text of a span that crosses a line break goes on
    over the following lines of the ``.ann`` file. ``E<n>\\tAttribution:T.. Source:T.. Cue:T..
    Content:T.. [Content2:T..]`` events (type ``Attribution`` or ``Attribution-no-source``) make the
    attributions. Every span's offsets are checked against its text (fragments joined by one
    space in the order they are written, which is not always text order, as brat writes them)
    and the number of mismatches is reported. ``Discuss``, ``Discard``
    and annotator notes are ignored, and so are the few Source/Cue/Content spans that no event
    links: gold spans are those of the attributions.

One annotation per article
    ``<article>.txt`` is annotated by ``<article>_<annotator>.ann``; the articles used to measure
    agreement (listed in ``metadata.tsv`` with several annotators) have one file per annotator. The
    scorer takes, deterministically, the first file in sorted order (the annotator id that sorts
    first) and ignores the others; an article without any ``.ann`` file is skipped and counted.

Spans
    A role's span is a set of character pieces. A discontinuous gold span (``a b;c d``), and a
    content split over ``Content`` and ``Content2`` (one quotation interrupted by "he said"), is
    one span: for overlap it is the union of its pieces (text between the pieces does not count),
    for exact matching it is its outer extent (first start, last end). newsprov's spans are
    contiguous. Per role, identical spans are counted once on each side (one source mention shared
    by several gold attributions is one gold source span).

Matching and scores
    Per role, gold spans and predicted spans are matched one to one. **exact**: same start and same
    end (of the outer extent). **overlap**: at least one shared character; pairs are taken greedily,
    the pair sharing the most characters first (ties: earlier gold, then earlier prediction). Then
    precision = matched / predicted, recall = matched / gold, F1 their harmonic mean, summed over
    all articles (micro average).

    Whole attributions: a predicted attribution matches a gold one when its cue overlaps the gold
    cue and its source overlaps the gold source; a gold attribution without a source (implicit
    source, ``Attribution-no-source``) needs only the cue, and the one without a cue only the
    source. Pairs are taken greedily by the characters shared by cue and source together. For the
    exact column the cue and the source must be exact instead. Every predicted attribution counts
    (two hops of one chain are two predictions); gold events with neither source nor cue are left
    out.

Output
    A table (or ``--format json``) of P/R/F1 exact and overlap, gold and predicted counts for cue,
    source, content and attribution, the number of articles and the extraction speed (articles per
    second of ``Pipeline.run`` alone, wall clock, one process). An article on which newsprov raises
    an error counts with no predictions, and the number of such articles is reported. Neither holds any corpus text or
    file name, so a report can be kept. ``--errors N`` also prints up to N missed gold attributions
    and N spurious predictions (a fixed random sample, with their context) to stderr, for reading
    only: PolNeAR has no licence, and none of its text may be stored in this repository.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("cue", "source", "content")
ROWS = ROLES + ("attribution",)
MODES = ("exact", "overlap")
SPLITS = ("train", "dev")
HELD_OUT = "test"
EVENT_TYPES = ("Attribution", "Attribution-no-source")
PROG = "bench_polnear.py"

Pieces = tuple  # tuple[tuple[int, int], ...], sorted, non-empty


class BenchError(Exception):
    """A problem with the arguments or the data, reported as one line and exit code 2."""


# ----------------------------------------------------------------------------- spans


def pieces_of(spans) -> Pieces:
    """The sorted non-empty (start, end) pieces of ``spans``."""
    return tuple(sorted((s, e) for s, e in spans if e > s))


def extent(pieces: Pieces) -> tuple[int, int]:
    return pieces[0][0], max(e for _, e in pieces)


def shared(a: Pieces | None, b: Pieces | None) -> int:
    """Characters that ``a`` and ``b`` have in common (pieces of one span do not overlap)."""
    if not a or not b:
        return 0
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _same_extent(a: Pieces | None, b: Pieces | None) -> bool:
    return bool(a) and bool(b) and extent(a) == extent(b)


@dataclass
class GoldAttribution:
    id: str
    source: Pieces | None
    cue: Pieces | None
    content: Pieces | None


@dataclass
class PredictedAttribution:
    source: Pieces | None
    cue: Pieces | None
    content: Pieces | None


@dataclass
class Annotation:
    """What one ``.ann`` file says: its text-bound spans by id and its attributions."""

    # id -> (label, pieces in text order, text, fragments in the order the file gives them)
    spans: dict[str, tuple[str, Pieces, str, tuple]] = field(default_factory=dict)
    attributions: list[GoldAttribution] = field(default_factory=list)
    skipped_lines: int = 0


# ----------------------------------------------------------------------------- brat

_ID = re.compile(r"^([TERAMN#*]\d*)\t")
_FRAGMENT = re.compile(r"^\s*(\d+)\s+(\d+)\s*$")


def parse_ann(content: str) -> Annotation:
    """Parse brat standoff text. A line that does not start with an annotation id continues the
    text of the span before it (brat keeps a span's line breaks)."""
    ann = Annotation()
    records: list[list[str]] = []
    for line in content.split("\n"):
        if _ID.match(line):
            records.append(line.split("\t"))
        elif records and records[-1][0].startswith("T") and len(records[-1]) >= 3:
            records[-1][-1] += "\n" + line
        elif line.strip():
            ann.skipped_lines += 1
    events = []
    for fields in records:
        kind = fields[0][0]
        if kind == "T" and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            fragments = [_FRAGMENT.match(f) for f in offsets.split(";")]
            if not offsets or not all(fragments):
                ann.skipped_lines += 1
                continue
            written = tuple((int(m.group(1)), int(m.group(2))) for m in fragments)
            pieces = pieces_of(written)
            if not pieces:
                ann.skipped_lines += 1
                continue
            text = "\t".join(fields[2:]) if len(fields) >= 3 else ""
            ann.spans[fields[0]] = (label, pieces, text, written)
        elif kind == "E" and len(fields) >= 2:
            events.append((fields[0], fields[1].split()))
    for event_id, arguments in events:
        event_type = arguments[0].split(":", 1)[0] if arguments else ""
        if event_type not in EVENT_TYPES:
            continue
        roles: dict[str, list] = {r: [] for r in ROLES}
        for argument in arguments[1:]:
            role, _, target = argument.partition(":")
            role = re.sub(r"\d+$", "", role).lower()  # Content2 is more of the content
            if role in roles and target in ann.spans:
                roles[role].extend(ann.spans[target][1])
        spans = {r: (pieces_of(p) or None) for r, p in roles.items()}
        if spans["source"] is None and spans["cue"] is None:
            continue  # an empty event: nothing to match
        ann.attributions.append(GoldAttribution(event_id, spans["source"], spans["cue"], spans["content"]))
    return ann


def check_offsets(ann: Annotation, text: str) -> list[tuple[str, str, str]]:
    """Spans whose annotated text is not what their offsets select: (id, annotated, selected)."""
    wrong = []
    for span_id, (_label, _pieces, annotated, written) in ann.spans.items():
        # brat joins the fragments' texts with a space, in the order the fragments are written
        # (not always text order)
        selected = " ".join(text[s:e] for s, e in written)
        # brat ends the text field at a line end; a blank line after it is not part of the span
        if selected.rstrip("\r\n") != annotated.rstrip("\r\n"):
            wrong.append((span_id, annotated, selected))
    return wrong


# ----------------------------------------------------------------------------- corpus


def resolve_root(path: Path) -> Path:
    """The folder holding ``train/`` and ``dev/``: ``path`` itself or ``path/data``."""
    for candidate in (path, path / "data"):
        if any((candidate / split / "text").is_dir() for split in SPLITS):
            return candidate
    raise BenchError(f"no PolNeAR data at {path}: expected a folder holding train/ and dev/ "
                     "(each with text/ and attributions/), or one holding data/")


@dataclass
class CorpusArticle:
    name: str
    text_path: Path
    ann_path: Path | None
    annotators: int


def list_articles(root: Path, split: str) -> list[CorpusArticle]:
    if split == HELD_OUT:
        raise BenchError("the PolNeAR test split is held out and is never read or scored: "
                         "use --split dev or --split train")
    if split not in SPLITS:
        raise BenchError(f"unknown split {split!r}: use --split dev or --split train")
    texts, notes = root / split / "text", root / split / "attributions"
    if not texts.is_dir() or not notes.is_dir():
        raise BenchError(f"no PolNeAR {split} split at {root / split}: expected text/ and attributions/ in it")
    by_article: dict[str, list[Path]] = {}
    for ann in sorted(notes.glob("*.ann")):
        article, _, _annotator = ann.stem.rpartition("_")
        by_article.setdefault(article, []).append(ann)
    articles = []
    for txt in sorted(texts.glob("*.txt")):
        files = by_article.get(txt.stem, [])
        articles.append(CorpusArticle(txt.stem, txt, files[0] if files else None, len(files)))
    if not articles:
        raise BenchError(f"no .txt files in {texts}")
    return articles


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


# ----------------------------------------------------------------------------- scoring


def match_spans(gold: list[Pieces], predicted: list[Pieces], mode: str) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs. exact: same outer extent; overlap: greedy,
    most shared characters first, ties to the earlier gold then the earlier prediction."""
    if mode == "exact":
        free: dict[tuple[int, int], list[int]] = {}
        for j, p in enumerate(predicted):
            free.setdefault(extent(p), []).append(j)
        pairs = []
        for i, g in enumerate(gold):
            candidates = free.get(extent(g))
            if candidates:
                pairs.append((i, candidates.pop(0)))
        return pairs
    scored = [(-shared(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)]
    return _greedy(scored)


def _greedy(scored: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    used_gold, used_predicted, pairs = set(), set(), []
    for negative, i, j in sorted(s for s in scored if s[0] < 0):
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def attribution_match(gold: GoldAttribution, predicted: PredictedAttribution, mode: str) -> int:
    """How well ``predicted`` matches ``gold`` (0: it does not). overlap: characters shared by cue
    and source; exact: 1 when cue and source (those the gold has) have the same extent."""
    needed = [(g, p) for g, p in ((gold.cue, predicted.cue), (gold.source, predicted.source)) if g]
    if mode == "exact":
        return int(all(_same_extent(g, p) for g, p in needed))
    overlaps = [shared(g, p) for g, p in needed]
    return sum(overlaps) if all(overlaps) else 0


def match_attributions(gold: list[GoldAttribution], predicted: list[PredictedAttribution],
                       mode: str) -> list[tuple[int, int]]:
    scored = [(-attribution_match(g, p, mode), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)]
    return _greedy(scored)


def distinct(spans) -> list[Pieces]:
    """Each span once, in text order."""
    return sorted({s for s in spans if s})


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: dict[str, int] = field(default_factory=lambda: {m: 0 for m in MODES})

    def add(self, gold: int, predicted: int, matched: dict[str, int]) -> None:
        self.gold += gold
        self.predicted += predicted
        for mode in MODES:
            self.matched[mode] += matched[mode]

    def scores(self) -> dict:
        out = {"gold": self.gold, "predicted": self.predicted}
        for mode in MODES:
            out[mode] = prf(self.gold, self.predicted, self.matched[mode])
        return out


def prf(gold: int, predicted: int, matched: int) -> dict:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"matched": matched, "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


@dataclass
class ArticleScore:
    counts: dict[str, tuple[int, int, dict[str, int]]]  # row -> (gold, predicted, matched by mode)
    missed: list[int]  # gold attributions unmatched (overlap)
    spurious: list[int]  # predicted attributions unmatched (overlap)


def score_article(gold: list[GoldAttribution], predicted: list[PredictedAttribution]) -> ArticleScore:
    """Counts for one article, for every row and both matchings."""
    counts = {}
    for role in ROLES:
        g = distinct(getattr(a, role) for a in gold)
        p = distinct(getattr(a, role) for a in predicted)
        counts[role] = (len(g), len(p), {mode: len(match_spans(g, p, mode)) for mode in MODES})
    pairs = {mode: match_attributions(gold, predicted, mode) for mode in MODES}
    counts["attribution"] = (len(gold), len(predicted), {mode: len(pairs[mode]) for mode in MODES})
    matched_gold = {i for i, _ in pairs["overlap"]}
    matched_predicted = {j for _, j in pairs["overlap"]}
    return ArticleScore(counts,
                        [i for i in range(len(gold)) if i not in matched_gold],
                        [j for j in range(len(predicted)) if j not in matched_predicted])


def predicted_attributions(extraction, raw: bool = False) -> list[PredictedAttribution]:
    """newsprov's attributions as piece tuples, projected onto PolNeAR's scheme unless ``raw``.

    PolNeAR is flat ("univocal"): each token belongs to at most one attribution, so an attribution nested
    in another's content is not annotated, and a quotation that goes on after "he said" is one
    attribution whose content has two pieces. newsprov keeps chains: a hop whose cue lies inside another
    hop's content is that hop's inner source, and a quotation continued, or a list item, is a hop of
    its own with no cue. The projection drops the first (they are in the outer hop's content) and joins
    the second to the hop of the same source before it. An outlet that relays a speaker it was told by ('X told
    Reuters') shares the speaker's cue: it is the listener, no PolNeAR source, and is dropped too. ``raw`` counts
    every hop as it is."""
    def pieces(span):
        if span is None:
            return None
        return pieces_of([(span.start, span.end)]) or None
    if raw:
        return [PredictedAttribution(pieces(a.source_span), pieces(a.cue), pieces(a.content))
                for a in extraction.attributions]
    hops = sorted(extraction.attributions, key=lambda a: (a.cue or a.content or a.source_span).start)
    contents = [(a.content.start, a.content.end, a.id) for a in hops if a.content is not None and a.cue is not None]
    by_id = {a.id: a for a in hops}
    # 'X told Reuters ...': newsprov's outlet that relays the speaker shares the speaker's cue; in PolNeAR the
    # listener is no source, so only the speaker's attribution counts
    listeners = {a.via for a in hops if a.via in by_id and a.cue is not None and by_id[a.via].cue is not None
                 and (by_id[a.via].cue.start, by_id[a.via].cue.end) == (a.cue.start, a.cue.end)}
    kept: list[list] = []
    last_by_source: dict[str, list] = {}
    for a in hops:
        if a.id in listeners:
            continue
        if a.cue is None:
            owner = last_by_source.get(a.source.key)
            if owner is not None and a.content is not None:
                owner[2].append((a.content.start, a.content.end))
            continue
        if any(start <= a.cue.start < end and other != a.id for start, end, other in contents):
            continue  # nested in another hop's content
        item = [[(a.source_span.start, a.source_span.end)], [(a.cue.start, a.cue.end)],
                [(a.content.start, a.content.end)] if a.content is not None else []]
        kept.append(item)
        last_by_source[a.source.key] = item
    return [PredictedAttribution(pieces_of(source), pieces_of(cue), pieces_of(content) if content else None)
            for source, cue, content in kept]


# ----------------------------------------------------------------------------- the run


@dataclass
class Example:
    article: str
    text: str
    attribution: GoldAttribution | PredictedAttribution
    near: list[PredictedAttribution]


def benchmark(root: Path, split: str, limit: int | None = None, pipeline=None,
              examples: bool = False, raw: bool = False) -> tuple[dict, dict[str, list[Example]]]:
    """Score ``split`` of the corpus at ``root``: the report (numbers only) and, when asked,
    the missed and spurious attributions with their texts."""
    # imported here, after the argument checks: a refused run loads nothing
    from newsprov.model import Article

    articles = list_articles(root, split)
    total_files = sum(a.annotators for a in articles)
    articles = articles[:limit] if limit is not None else articles
    if pipeline is None:
        from newsprov.extract.pipeline import Pipeline
        pipeline = Pipeline()
    tallies = {row: Tally() for row in ROWS}
    errors: dict[str, list[Example]] = {"missed": [], "spurious": []}
    scored = unannotated = several = spans_checked = 0
    mismatches: list[tuple[str, str, str, str]] = []
    failures: list[tuple[str, str]] = []
    skipped_lines = 0
    seconds = 0.0
    for item in articles:
        if item.ann_path is None:
            unannotated += 1
            continue
        several += item.annotators > 1
        text = read_text(item.text_path)
        ann = parse_ann(read_text(item.ann_path))
        skipped_lines += ann.skipped_lines
        spans_checked += len(ann.spans)
        mismatches += [(item.name, *w) for w in check_offsets(ann, text)]
        started = time.perf_counter()
        try:
            extraction = pipeline.run(Article(id=item.name, text=text, publisher="", published=""))
            predicted = predicted_attributions(extraction, raw)
        except Exception as e:  # noqa: BLE001 - newsprov's bug, not the corpus's: the article counts with nothing found
            failures.append((item.name, f"{type(e).__name__}: {e}"))
            predicted = []
        seconds += time.perf_counter() - started
        result = score_article(ann.attributions, predicted)
        for row in ROWS:
            tallies[row].add(*result.counts[row])
        scored += 1
        if examples:
            for i in result.missed:
                g = ann.attributions[i]
                near = [p for p in predicted if shared(g.cue, p.cue) or shared(g.source, p.source)]
                errors["missed"].append(Example(item.name, text, g, near))
            for j in result.spurious:
                errors["spurious"].append(Example(item.name, text, predicted[j], []))
    report = {
        "corpus": "PolNeAR",
        "split": split,
        "articles": scored,
        "articles_without_annotation": unannotated,
        "articles_where_extraction_failed": len(failures),
        "articles_with_several_annotators": several,
        "annotation_files": {"in_split": total_files, "used": scored,
                             "choice": "first annotator in sorted order"},
        "offsets": {"spans_checked": spans_checked, "mismatched": len(mismatches),
                    "unreadable_lines": skipped_lines},
        "extraction_seconds": round(seconds, 3),
        "articles_per_second": round(scored / seconds, 1) if seconds else None,
        "predictions": "every hop" if raw else "projected onto PolNeAR's flat scheme",
        "scores": {row: tallies[row].scores() for row in ROWS},
    }
    return report, errors | {"offset_mismatches": mismatches, "failures": failures}


def format_table(report: dict) -> str:
    head = (f"{'':12} {'gold':>6} {'pred':>6} | {'exact P':>7} {'R':>6} {'F1':>6} | "
            f"{'overlap P':>9} {'R':>6} {'F1':>6}")
    title = (f"PolNeAR {report['split']}: {report['articles']} articles "
             f"({report['articles_with_several_annotators']} with several annotators, first in sorted order used), "
             f"offset mismatches {report['offsets']['mismatched']}/{report['offsets']['spans_checked']} spans")
    lines = [title, head, "-" * len(head)]
    for row in ROWS:
        s = report["scores"][row]
        e, o = s["exact"], s["overlap"]
        lines.append(f"{row:12} {s['gold']:>6} {s['predicted']:>6} | {e['precision']:>7.3f} {e['recall']:>6.3f} "
                     f"{e['f1']:>6.3f} | {o['precision']:>9.3f} {o['recall']:>6.3f} {o['f1']:>6.3f}")
    if report["articles_where_extraction_failed"]:
        lines.append(f"newsprov raised an error on {report['articles_where_extraction_failed']} articles, "
                     "counted with no predictions")
    rate = report["articles_per_second"]
    lines.append(f"extraction: {report['extraction_seconds']:.2f} s for {report['articles']} articles "
                 f"({rate if rate is not None else '-'} articles/s)")
    return "\n".join(lines)


def _context(text: str, marks: list[tuple[Pieces | None, str]], width: int = 100) -> str:
    """The text around the marked spans, each piece bracketed as [tag: ...], on one line."""
    spans = [p for p, _ in marks if p]
    anchor = [p for p, tag in marks if p and tag != "content"] or spans
    start = max(0, min(extent(p)[0] for p in anchor) - width)
    end = min(len(text), max(extent(p)[1] for p in anchor) + width)
    inserts = []
    for pieces, tag in marks:
        for s, e in pieces or ():
            inserts += [(s, 1, f"[{tag}: "), (e, 0, "]")]
    out, position = [], start
    for offset, _, mark in sorted(i for i in inserts if start <= i[0] <= end):
        out += [text[position:offset], mark]
        position = offset
    out.append(text[position:end])
    return ("..." if start else "") + " ".join("".join(out).split()) + ("..." if end < len(text) else "")


def _show(text: str, pieces: Pieces | None) -> str:
    if not pieces:
        return "-"
    shown = " ".join(" ".join(text[s:e].split()) for s, e in pieces)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def print_errors(errors: dict, n: int, stream) -> None:
    rng = random.Random(0)
    for kind in ("missed", "spurious"):
        items = errors[kind]
        chosen = sorted(rng.sample(range(len(items)), min(n, len(items))))
        print(f"\n== {len(chosen)} of {len(items)} {kind} attributions (overlap matching) ==", file=stream)
        for k in chosen:
            ex = items[k]
            a = ex.attribution
            print(f"- {ex.article}: source={_show(ex.text, a.source)!r} cue={_show(ex.text, a.cue)!r}", file=stream)
            print("    " + _context(ex.text, [(a.source, "S"), (a.cue, "C"), (a.content, "content")]), file=stream)
            for p in ex.near[:2]:
                print(f"    newsprov nearby: source={_show(ex.text, p.source)!r} cue={_show(ex.text, p.cue)!r}",
                      file=stream)
    if errors["offset_mismatches"]:
        print(f"\n== {len(errors['offset_mismatches'])} spans whose offsets do not select their text ==", file=stream)
        for name, span_id, annotated, selected in errors["offset_mismatches"][:n]:
            print(f"- {name} {span_id}: annotated {annotated[:60]!r} selected {selected[:60]!r}", file=stream)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not the usage block
        raise BenchError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, required=True,
                        help="folder holding train/ and dev/ (or the corpus checkout holding data/)")
    parser.add_argument("--split", default="dev", help="train or dev (test is held out and refused)")
    parser.add_argument("--limit", type=int, help="score only the first N articles (sorted by name)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--out", type=Path, help="also write the report to FILE")
    parser.add_argument("--raw", action="store_true",
                        help="count every newsprov hop, nested and continued ones included, instead of projecting "
                             "them onto PolNeAR's flat scheme")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print up to N missed and N spurious attributions, with context, to stderr")
    return parser


def main(argv: list[str] | None = None, pipeline=None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.split == HELD_OUT or args.split not in SPLITS:
            list_articles(Path("."), args.split)  # raises the one-line refusal, reads nothing
        if args.limit is not None and args.limit < 1:
            raise BenchError("--limit must be at least 1")
        if not args.polnear.is_dir():
            raise BenchError(f"no PolNeAR data at {args.polnear}: no such folder")
        root = resolve_root(args.polnear)
        report, errors = benchmark(root, args.split, args.limit, pipeline, examples=args.errors > 0, raw=args.raw)
        output = json.dumps(report, indent=2) if args.format == "json" else format_table(report)
        print(output)
        if args.out:
            try:
                args.out.write_text(output + "\n", encoding="utf-8")
            except OSError as e:
                raise BenchError(f"cannot write {args.out}: {e.strerror or e}") from None
        if errors["failures"]:
            print(f"{PROG}: newsprov raised an error on {len(errors['failures'])} articles, counted with "
                  "no predictions (--errors N names them)", file=sys.stderr)
        for name, message in errors["failures"][:args.errors]:
            print(f"{PROG}: newsprov failed on {name}: {message}", file=sys.stderr)
        if args.errors > 0:
            print_errors(errors, args.errors, sys.stderr)
        return 0
    except BenchError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
