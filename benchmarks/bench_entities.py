"""Entity typing on real news: newsprov against CoNLL-2003 English (Reuters, PER / ORG / LOC / MISC).

Run on demand (not part of the test suite), on the development split only:

    .venv/bin/python benchmarks/bench_entities.py --conll /work/conll2003/dev.txt \
        [--limit DOCS] [--format table|json] [--errors N]

The corpus is not in this repository and must never be copied into it: point
``--conll`` at a copy outside (4 columns, ``token POS chunk NER``, documents
opened by ``-DOCSTART-`` lines; IOB1, IOB2 or BIOES tags). The test split
(eng.testb) is refused unless ``--allow-test`` is given, so that nobody tunes
newsprov on it by accident.

Each document's text is rebuilt from its tokens: no space before ``, . ; : ) 's n't``
and the like, none after ``( $``, double quotes paired; each CoNLL sentence
is a line (the headline and the "LONDON 1996-08-30" dateline stay lines of
their own), except that a sentence ending without punctuation is joined to a
next one that opens in lower case (Reuters wrapped lines mid-sentence). Each
token's offsets are kept, so gold entities become character spans.

newsprov's categories map to CoNLL types: Person -> PER, Organisation and
MilitaryUnit -> ORG, Region -> LOC, Entity (untyped) -> no type;
VagueSource and Event are ignored. MISC is not scored for type: a prediction
that overlaps only MISC gold is neither right nor wrong, and how MISC spans
come out is reported on its own.

Reported per type and micro-averaged over PER, ORG and LOC:

* exact: a predicted mention counts when its span equals a gold span of the same type;
* overlap: a prediction is right when it overlaps a gold entity of its type,
  a gold entity is found when a prediction of its type overlaps it (lenient,
  not one to one);
* found: gold entities that any newsprov mention overlaps, typed or not;
* untyped: gold entities that newsprov finds only as untyped "Entity" mentions;
* articles per CPU second through ``Pipeline.run``.

Mentions that are no names ('He', 'the spokesman', 'The ministry': newsprov links
pronouns and descriptions of a quoted source to the source) are not scored; the
table says how many there were.

``--errors N`` prints N examples of each kind of error to stderr: missed,
wrong type (gold->pred), untyped, spurious.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newsprov.errors import NewsprovError

TYPES = ("PER", "ORG", "LOC")
CATEGORY_TYPE = {"Person": "PER", "Organisation": "ORG", "MilitaryUnit": "ORG", "Region": "LOC", "Entity": None}
IGNORED_CATEGORIES = {"VagueSource", "Event"}
UNTYPED = "untyped"

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "'", "n't", "N'T",
                   "'s", "'S", "'m", "'M", "'re", "'RE", "'ve", "'VE", "'ll", "'LL", "'d", "'D"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "our", "his", "her", "their", "its"}
PRONOUNS = {"i", "me", "he", "him", "she", "her", "it", "we", "us", "they", "them", "you", "who", "whom",
            "one", "someone", "somebody", "everyone", "anyone", "nobody"}
SENTENCE_END = {".", "!", "?", '"', ":", ";", "...", ")"}


class ConllError(ValueError):
    """A file that is not CoNLL-2003 data."""


@dataclass
class Gold:
    start: int
    end: int
    type: str
    text: str


@dataclass
class Document:
    id: str
    text: str
    gold: list[Gold] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Prediction:
    start: int
    end: int
    type: str | None  # PER / ORG / LOC, or None for an untyped "Entity"
    category: str
    text: str


# -- reading -------------------------------------------------------------------------------------

def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents, each a list of sentences, each a list of (token, NER tag)."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            parts = line.split()
            if not parts:
                if sentence:
                    sentences.append(sentence)
                    sentence = []
                continue
            if parts[0] == "-DOCSTART-":
                if sentence:
                    sentences.append(sentence)
                    sentence = []
                if sentences:
                    documents.append(sentences)
                    sentences = []
                continue
            tag = parts[-1]
            if len(parts) < 2 or not (tag == "O" or re.fullmatch(r"[BIES]-[A-Z]+", tag)):
                raise ConllError(f"line {number} is not 'token POS chunk NER': {line.strip()[:60]!r}")
            sentence.append((parts[0], tag))
    if sentence:
        sentences.append(sentence)
    if sentences:
        documents.append(sentences)
    if not documents:
        raise ConllError("no tokens in it")
    return documents


def _entities_of(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, token after, type) of each entity in one sentence's tags (IOB1, IOB2 or BIOES)."""
    found, start, kind = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, tag_type = tag.partition("-")
        begins = prefix in ("B", "S") or (prefix in ("I", "E") and tag_type != kind)
        if start is not None and (tag == "O" or begins):
            found.append((start, i, kind))
            start, kind = None, None
        if tag != "O" and start is None:
            start, kind = i, tag_type
    return found


def detokenise(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The text of a document's sentences and each token's (start, end) in it."""
    parts: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    length = 0
    previous_last = None
    quote_open = False  # a quotation may run over several sentences, as Reuters' do
    for sentence in sentences:
        if previous_last is not None:
            wrapped = previous_last not in SENTENCE_END and sentence[0][:1].islower()
            parts.append(" " if wrapped else "\n")
            length += 1
        if sentence[0] == '"':
            quote_open = False  # a line that opens with a quote opens one (a new paragraph reopens it)
        spans = []
        glue = True  # no space before the first token of a line or of a wrapped sentence
        for token in sentence:
            space = not glue
            if token == '"':
                if quote_open:
                    space = False  # a closing quote hugs what it closes
                quote_open = not quote_open
            elif token in NO_SPACE_BEFORE:
                space = False
            if space:
                parts.append(" ")
                length += 1
            spans.append((length, length + len(token)))
            parts.append(token)
            length += len(token)
            glue = token in NO_SPACE_AFTER or (token == '"' and quote_open) or (token.endswith("$") and len(token) <= 3)
        offsets.append(spans)
        previous_last = sentence[-1]
    parts.append("\n")
    return "".join(parts), offsets


def build_documents(raw: list[list[list[tuple[str, str]]]]) -> list[Document]:
    documents = []
    for number, sentences in enumerate(raw, 1):
        text, offsets = detokenise([[token for token, _ in s] for s in sentences])
        doc = Document(id=f"conll-{number:04d}", text=text)
        for sentence, spans in zip(sentences, offsets):
            doc.tokens.extend(spans)
            for first, after, kind in _entities_of([tag for _, tag in sentence]):
                start, end = spans[first][0], spans[after - 1][1]
                doc.gold.append(Gold(start, end, kind, text[start:end]))
        documents.append(doc)
    return documents


# -- predicting ----------------------------------------------------------------------------------

def is_name(surface: str) -> bool:
    """A proper name, not a pronoun or a description ('He', 'the spokesman', 'The ministry') that
    newsprov links to a named source: some word after a leading determiner is capitalised."""
    words = surface.split()
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return any(w[:1].isupper() for w in words if w.lower() not in PRONOUNS)


def predictions_of(extraction, skipped: Counter | None = None) -> list[Prediction]:
    """newsprov's name mentions with a CoNLL type; one per span and type, an untyped copy of a typed
    span dropped. Mentions that are no names are counted in ``skipped`` and left out."""
    text = extraction.article.text
    seen: dict[tuple[int, int], set] = defaultdict(set)
    found = []
    for entity in extraction.entities:
        if entity.category in IGNORED_CATEGORIES:
            continue
        kind = CATEGORY_TYPE.get(entity.category)
        for m in entity.mentions:
            if not is_name(text[m.start:m.end]):
                if skipped is not None:
                    skipped[entity.category] += 1
                continue
            if kind in seen[(m.start, m.end)]:
                continue
            seen[(m.start, m.end)].add(kind)
            found.append(Prediction(m.start, m.end, kind, entity.category, text[m.start:m.end]))
    return [p for p in found if p.type is not None or seen[(p.start, p.end)] == {None}]


def run_newsprov(documents: list[Document]) -> tuple[dict[str, list[Prediction]], float, Counter]:
    """Each document's predictions, the CPU seconds ``Pipeline.run`` took, and the non-name mentions skipped."""
    from newsprov.extract.pipeline import Pipeline
    from newsprov.model import Article

    pipeline = Pipeline()
    predicted = {}
    skipped: Counter = Counter()
    cpu = 0.0
    for doc in documents:
        started = time.process_time()
        extraction = pipeline.run(Article(id=doc.id, text=doc.text))
        cpu += time.process_time() - started
        predicted[doc.id] = predictions_of(extraction, skipped)
    return predicted, cpu, skipped


# -- scoring -------------------------------------------------------------------------------------

def _overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _prf(tp_p: int, pred: int, tp_r: int, gold: int) -> dict:
    p = tp_p / pred if pred else 0.0
    r = tp_r / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score(documents: list[Document], predicted: dict[str, list[Prediction]]) -> tuple[dict, dict]:
    """(report, errors): the counts and rates of the report, and every error with its document."""
    counts = {t: Counter() for t in TYPES}
    confusion = {t: Counter() for t in TYPES}
    misc = Counter()
    errors: dict[str, list] = defaultdict(list)
    spurious_untyped = 0
    for doc in documents:
        preds = predicted.get(doc.id, [])
        scored_gold = [g for g in doc.gold if g.type in TYPES]
        misc_gold = [g for g in doc.gold if g.type == "MISC"]
        exact_gold = {(g.start, g.end, g.type) for g in scored_gold}
        for g in scored_gold:
            c = counts[g.type]
            c["gold"] += 1
            over = [p for p in preds if _overlaps(p, g)]
            same = [p for p in over if p.type == g.type]
            typed = [p for p in over if p.type is not None]
            if any(p.start == g.start and p.end == g.end for p in over):
                c["found_exact"] += 1
            if over:
                c["found"] += 1
            if same:
                c["tp_overlap_gold"] += 1
            if over and not typed:
                c["untyped"] += 1
            if same:
                outcome = g.type
            elif typed:
                best = max(typed, key=lambda p: min(p.end, g.end) - max(p.start, g.start))
                outcome = best.type
            else:
                outcome = UNTYPED if over else "missed"
            confusion[g.type][outcome] += 1
            if outcome == "missed":
                errors["missed"].append((doc, g, None))
            elif outcome == UNTYPED:
                errors["untyped"].append((doc, g, over[0]))
            elif outcome != g.type:
                errors[f"wrong type {g.type}->{outcome}"].append((doc, g, best))
        for g in misc_gold:
            over = [p for p in preds if _overlaps(p, g)]
            misc["gold"] += 1
            if over:
                misc["predicted"] += 1
                typed = [p for p in over if p.type is not None]
                misc[max(typed, key=lambda p: min(p.end, g.end) - max(p.start, g.start)).type if typed else UNTYPED] += 1
        for p in preds:
            touches = [g for g in scored_gold if _overlaps(p, g)]
            if not touches and any(_overlaps(p, g) for g in misc_gold):
                continue  # MISC is not scored for type
            if p.type is None:
                if not touches:
                    spurious_untyped += 1
                continue
            c = counts[p.type]
            c["pred"] += 1
            if (p.start, p.end, p.type) in exact_gold:
                c["tp_exact"] += 1
            if any(g.type == p.type for g in touches):
                c["tp_overlap_pred"] += 1
            if not touches:
                errors["spurious"].append((doc, None, p))
    per_type = {}
    total = Counter()
    for t in TYPES:
        c = counts[t]
        total.update(c)
        per_type[t] = _row(c)
        per_type[t]["confusion"] = dict(confusion[t])
    report = {
        "documents": len(documents),
        "per_type": per_type,
        "micro": _row(total),
        "misc": dict(misc),
        "spurious_typed": len(errors["spurious"]),
        "spurious_untyped": spurious_untyped,
    }
    return report, errors


def _row(c: Counter) -> dict:
    return {
        "gold": c["gold"], "pred": c["pred"],
        "exact": _prf(c["tp_exact"], c["pred"], c["tp_exact"], c["gold"]),
        "overlap": _prf(c["tp_overlap_pred"], c["pred"], c["tp_overlap_gold"], c["gold"]),
        "found": c["found"], "found_exact": c["found_exact"], "untyped": c["untyped"],
    }


# -- output --------------------------------------------------------------------------------------

def table(report: dict) -> str:
    lines = [f"CoNLL-2003 entity typing: {report['documents']} documents, "
             f"{report['articles_per_second']} articles per CPU second",
             "",
             f"{'type':<6}{'gold':>6}{'pred':>6} | {'exact P':>8}{'R':>7}{'F1':>7} | {'overlap P':>10}{'R':>7}{'F1':>7}"
             f" | {'found':>6}{'%':>6}{'untyped':>8}"]
    lines.append("-" * len(lines[-1]))
    for name, row in [*report["per_type"].items(), ("micro", report["micro"])]:
        e, o = row["exact"], row["overlap"]
        found_pct = 100 * row["found"] / row["gold"] if row["gold"] else 0.0
        lines.append(f"{name:<6}{row['gold']:>6}{row['pred']:>6} | {100 * e['p']:>8.1f}{100 * e['r']:>7.1f}{100 * e['f1']:>7.1f}"
                     f" | {100 * o['p']:>10.1f}{100 * o['r']:>7.1f}{100 * o['f1']:>7.1f}"
                     f" | {row['found']:>6}{found_pct:>6.1f}{row['untyped']:>8}")
    lines += ["", "gold type -> what newsprov made of it (overlap; the typed prediction overlapping most)"]
    outcomes = [*TYPES, UNTYPED, "missed"]
    lines.append(f"{'':<6}" + "".join(f"{o:>9}" for o in outcomes))
    for t, row in report["per_type"].items():
        lines.append(f"{t:<6}" + "".join(f"{row['confusion'].get(o, 0):>9}" for o in outcomes))
    m = report["misc"]
    lines += ["", f"MISC (not scored): {m.get('gold', 0)} gold, {m.get('predicted', 0)} overlapped by a prediction: "
              + ", ".join(f"{o} {m.get(o, 0)}" for o in (*TYPES, UNTYPED)),
              f"spurious predictions (overlapping no gold entity): {report['spurious_typed']} typed, "
              f"{report['spurious_untyped']} untyped"]
    if report.get("non_names_skipped"):
        lines.append("not scored, being no names (pronouns, 'the spokesman' linked to a source): "
                     + ", ".join(f"{k} {v}" for k, v in sorted(report["non_names_skipped"].items())))
    return "\n".join(lines)


def _context(doc: Document, start: int, end: int) -> str:
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", end)
    lo, hi = max(line_start, start - 50), min(line_end, end + 50)
    return (("..." if lo > line_start else "") + doc.text[lo:start] + "[[" + doc.text[start:end] + "]]"
            + doc.text[end:hi] + ("..." if hi < line_end else ""))


def print_errors(errors: dict, n: int, out=sys.stderr) -> None:
    rng = random.Random(0)
    order = ["missed", *sorted(k for k in errors if k.startswith("wrong type")), "untyped", "spurious"]
    for kind in order:
        items = errors.get(kind, [])
        if not items:
            continue
        print(f"\n== {kind}: {len(items)}", file=out)
        shown = sorted(rng.sample(range(len(items)), min(n, len(items))))
        for i in shown:
            doc, g, p = items[i]
            span = g or p
            what = f"gold {g.type} {g.text!r}" if g else ""
            if p is not None:
                what += ("; " if what else "") + f"pred {p.type or UNTYPED} ({p.category}) {p.text!r}"
            print(f"  {doc.id}  {what}\n      {_context(doc, span.start, span.end)}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", type=Path, required=True, help="a CoNLL-2003 file (the dev split: eng.testa / valid.txt)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first DOCS documents")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N examples of each kind of error to stderr")
    parser.add_argument("--allow-test", action="store_true", help="score the test split (eng.testb) all the same")
    args = parser.parse_args(argv)
    name = args.conll.name.lower()
    if not args.allow_test and ("testb" in name or name in ("test.txt", "test")):
        print(f"bench_entities: {args.conll} looks like the test split; measure on the dev split "
              "(eng.testa), or pass --allow-test", file=sys.stderr)
        return 2
    try:
        raw = read_conll(args.conll)
    except (OSError, UnicodeDecodeError, ConllError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(f"bench_entities: cannot read {args.conll} as CoNLL-2003: {reason}", file=sys.stderr)
        return 2
    documents = build_documents(raw)
    if args.limit > 0:
        documents = documents[:args.limit]
    try:
        predicted, cpu, skipped = run_newsprov(documents)
    except NewsprovError as error:  # a bad lexicon: newsprov's own one-line message
        print(f"bench_entities: newsprov cannot start: {error.message}", file=sys.stderr)
        return 2
    report, errors = score(documents, predicted)
    report["non_names_skipped"] = dict(skipped)
    report["articles_per_second"] = round(len(documents) / cpu, 1) if cpu else float("inf")
    report["characters"] = sum(len(d.text) for d in documents)
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        print(table(report))
    if args.errors > 0:
        print_errors(errors, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
