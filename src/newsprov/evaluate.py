"""Measure extraction against gold annotations: figures, first hop, whole chain, entities.

Gold files (JSON) describe one article each (``*.gold.json`` next to its text)
or a list of them: ``{"file", "publisher"?, "published"?, "figures": [{"text",
"start", "end", "value", "qualifier", "chain"}], "entities": [{"text", "type"}]}``.
A chain hop is a gazetteer id, ``vague:<phrase>`` for an unnamed source or
``new:<name>`` for a named source the gazetteer lacks. An optional
``"attributions": [{"source", "cue", "content": {"start", "end", "text"}, "kind"}]``
lists every attribution with its spans, as news-attribution corpora annotate them.
A figure may also carry ``"unit"`` (a unit of measurement, as the units lexicon labels them,
``percent`` or a currency code; a counted noun such as ``votes`` counts as no unit, since
newsprov reads it as the figure's measure) and ``"hedge"`` (the hedging words as written, or
null): then the share of matched figures whose unit and hedge are right is reported too.

Figures match when their spans overlap (one to one). A figure's first hop is
right when the first source agrees (both empty counts as right), its root when
the last does, its chain when every hop agrees in order; an article-level hop
(established elsewhere in the article, extract/discourse.py) is a hop like any other. Accuracy counts every
gold figure; precision, recall and F1 count attributed figures only. An entity is found when a mention's text
equals or contains the gold text, and typed when its category is the gold type.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from .errors import InputError
from .extract.entities import slug
from .extract.figures import CURRENCIES
from .extract.lexicon import load_lexicons
from .extract.pipeline import Pipeline
from .model import Extraction
from .read.articles import article_from_text, read_text
from .read.metadata import Sidecars

CATEGORIES = ("Person", "MilitaryUnit", "Region", "Organisation")


@dataclass
class Counts:
    gold_figures: int = 0
    predicted_figures: int = 0
    matched_figures: int = 0
    value_right: int = 0
    qualifier_right: int = 0
    unit_scored: int = 0  # matched figures whose gold names a unit (or says it has none)
    unit_right: int = 0
    hedge_scored: int = 0
    hedge_right: int = 0
    first_hop_right: int = 0
    root_right: int = 0
    chain_right: int = 0
    # precision and recall over attributed figures: (gold attributed, predicted attributed, right)
    hop_scores: dict = field(default_factory=lambda: {k: [0, 0, 0] for k in ("first_hop", "root", "chain")})
    attributed_gold: int = 0
    attributed_first_hop_right: int = 0
    entities: dict = field(default_factory=lambda: {c: [0, 0, 0] for c in CATEGORIES})  # gold, found, typed
    spans: dict = field(default_factory=lambda: {k: [0, 0, 0] for k in ("source", "cue", "content", "attribution")})
    span_articles: int = 0  # articles whose gold lists attribution spans
    errors: list = field(default_factory=list)


def load_gold(gold: Path, texts: Path | None) -> list[tuple[dict, Path]]:
    """(gold record, text path) pairs."""
    if gold.is_dir():
        files = sorted(gold.glob("*.gold.json"))
        if not files:
            raise InputError(f"{gold}: no *.gold.json files")
        pairs = []
        for path in files:
            record = _read_json(path)
            pairs.append((record, (texts or gold) / record["file"]))
        return pairs
    records = _read_json(gold)
    if isinstance(records, dict):
        records = [records]
    base = texts or gold.parent
    return [(record, base / record["file"]) for record in records]


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold JSON ({exc})") from None


@cache
def _metadata_in(folder: Path) -> dict[str, dict[str, str]]:
    """The sidecar (metadata.csv or .json) of an articles' folder, read once per folder, not once per article."""
    return Sidecars(folder).of(folder)


def _article(record: dict, path: Path):
    """The article as ingest would read it (with a metadata.csv beside it); the gold's own
    publisher and date win."""
    article = article_from_text(read_text(path), source_file=path.name, **_metadata_in(path.parent).get(path.name, {}))
    return replace(article, publisher=record.get("publisher") or article.publisher,
                   published=record.get("published") or article.published)


def _predicted_figures(x: Extraction) -> list[dict]:
    by_id = {a.id: a for a in x.attributions}
    result = []
    for claim in x.claims:
        chain = [by_id[i] for i in claim.attributions]
        for figure in claim.figures:
            result.append({"start": figure.span.start, "end": figure.span.end, "text": figure.span.text,
                           "value": figure.value, "qualifier": figure.qualifier, "chain": chain,
                           "unit": figure.unit or None, "hedge": figure.hedge.text if figure.hedge else None})
    return result


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").lower()).strip().removeprefix("the ")


def hop_matches(gold: str, attribution) -> bool:
    entity = attribution.source
    if gold.startswith("vague:"):
        phrase = _norm(gold[6:])
        label = _norm(entity.label)
        if entity.type != "VagueSource":
            return False
        head = phrase.split()[-1] if phrase else ""
        return head in label or label.split()[-1] in phrase
    if gold.startswith("new:"):
        name = gold[4:]
        return slug(name) == entity.key or slug(name).endswith(slug(entity.label)) or slug(entity.label).endswith(slug(name).split("-")[-1])
    return entity.key == gold


def evaluate(gold: Path, texts: Path | None = None, pipeline: Pipeline | None = None) -> dict:
    pipeline = pipeline or Pipeline()
    counts = Counts()
    per_article = []
    for record, path in load_gold(gold, texts):
        if not path.is_file():
            raise InputError(f"{path}: the text for gold record {record.get('file')!r} is missing")
        extraction = pipeline.run(_article(record, path))
        predicted = _predicted_figures(extraction)
        used = set()
        article_counts = {"file": record["file"], "gold": len(record["figures"]), "predicted": len(predicted),
                          "matched": 0, "chain_right": 0}
        counts.gold_figures += len(record["figures"])
        counts.predicted_figures += len(predicted)
        for g in record["figures"]:
            match = None
            for i, p in enumerate(predicted):
                if i not in used and p["start"] < g["end"] and g["start"] < p["end"]:
                    match = i
                    break
            chain = g.get("chain", [])
            if chain:
                counts.attributed_gold += 1
                for key in counts.hop_scores:
                    counts.hop_scores[key][0] += 1
            if match is None:
                counts.errors.append({"file": record["file"], "figure": g["text"], "start": g["start"], "error": "missed"})
                continue
            used.add(match)
            p = predicted[match]
            counts.matched_figures += 1
            article_counts["matched"] += 1
            counts.value_right += abs(p["value"] - g["value"]) < 1e-6 * max(1, abs(g["value"]))
            counts.qualifier_right += p["qualifier"] == g["qualifier"]
            if "unit" in g:  # a unit of measurement must be read; a counted noun is a measure, not a unit
                counts.unit_scored += 1
                wanted = g["unit"] if _is_unit(g["unit"]) else None
                counts.unit_right += p["unit"] == wanted
                if p["unit"] != wanted:
                    counts.errors.append({"file": record["file"], "figure": g["text"], "start": g["start"],
                                          "error": "unit", "gold": wanted, "predicted": p["unit"]})
            if "hedge" in g:
                counts.hedge_scored += 1
                counts.hedge_right += _norm(g["hedge"] or "") == _norm(p["hedge"] or "")
            first_right = (not chain and not p["chain"]) or (chain and p["chain"] and hop_matches(chain[0], p["chain"][0]))
            whole = len(chain) == len(p["chain"]) and all(hop_matches(h, a) for h, a in zip(chain, p["chain"]))
            root_right = (not chain and not p["chain"]) or (chain and p["chain"] and hop_matches(chain[-1], p["chain"][-1]))
            counts.first_hop_right += bool(first_right)
            counts.root_right += bool(root_right)
            counts.chain_right += bool(whole)
            if p["chain"]:
                for key, right in (("first_hop", first_right), ("root", root_right), ("chain", whole)):
                    counts.hop_scores[key][1] += 1
                    counts.hop_scores[key][2] += bool(right and chain)
            if chain:
                counts.attributed_first_hop_right += bool(first_right)
            article_counts["chain_right"] += bool(whole)
            if not whole:
                counts.errors.append({"file": record["file"], "figure": g["text"], "start": g["start"], "error": "chain",
                                      "gold": chain, "predicted": [a.source.key for a in p["chain"]]})
        for i, p in enumerate(predicted):
            if i not in used:
                counts.errors.append({"file": record["file"], "figure": p["text"], "start": p["start"], "error": "spurious"})
        _entities(record, extraction, counts)
        if "attributions" in record:
            _attribution_spans(record, extraction, counts)
        per_article.append(article_counts)
    return _summary(counts, per_article)


def _entities(record: dict, extraction: Extraction, counts: Counts) -> None:
    mentions = [(_norm(s.text), e.category) for e in extraction.entities for s in e.mentions]
    mentions += [(_norm(e.label), e.category) for e in extraction.entities]
    for g in record.get("entities", []):
        category = g["type"]
        if category not in counts.entities:
            continue
        text = _norm(g["text"])
        hits = [c for m, c in mentions if m == text or _contains(m, text) or (len(m) > 3 and _contains(text, m))]
        counts.entities[category][0] += 1
        counts.entities[category][1] += bool(hits)
        counts.entities[category][2] += category in hits
        if category not in hits:
            counts.errors.append({"file": record["file"], "entity": g["text"], "type": category,
                                  "error": "entity missed" if not hits else f"entity typed {hits[0]}"})


def _contains(longer: str, shorter: str) -> bool:
    """'sbu' in 'the sbu security service', as a whole word."""
    return re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) is not None


def _overlap(a: dict | None, b) -> bool:
    return a is not None and b is not None and a["start"] < b.end and b.start < a["end"]


def _attribution_spans(record: dict, extraction: Extraction, counts: Counts) -> None:
    """Source, cue and content spans as news-attribution corpora annotate them, matched
    one to one by overlap; an attribution matches when its source and its cue both overlap."""
    counts.span_articles += 1
    gold = record["attributions"]
    # an article-level hop states nothing in a sentence of its own: it is scored in the chains, not as a span
    predicted = [a for a in extraction.attributions if a.basis == "stated"]
    for key, gold_span, predicted_span in (
            ("source", lambda g: g["source"], lambda p: p.source_span),
            ("cue", lambda g: g.get("cue"), lambda p: p.cue),
            ("content", lambda g: g.get("content"), lambda p: p.content)):
        golds = [g for g in gold if gold_span(g)]
        preds = [p for p in predicted if predicted_span(p) is not None]
        used = set()
        matched = 0
        for g in golds:
            hit = next((i for i, p in enumerate(preds) if i not in used and _overlap(gold_span(g), predicted_span(p))), None)
            if hit is not None:
                used.add(hit)
                matched += 1
        counts.spans[key][0] += len(golds)
        counts.spans[key][1] += len(preds)
        counts.spans[key][2] += matched
    used = set()
    for g in gold:
        hit = next((i for i, p in enumerate(predicted) if i not in used and _overlap(g["source"], p.source_span)
                    and (g.get("cue") is None or _overlap(g["cue"], p.cue))), None)
        if hit is None:
            counts.errors.append({"file": record["file"], "error": "attribution missed",
                                  "figure": g["source"]["text"], "gold": (g.get("cue") or {}).get("text")})
        else:
            used.add(hit)
    counts.spans["attribution"][0] += len(gold)
    counts.spans["attribution"][1] += len(predicted)
    counts.spans["attribution"][2] += len(used)
    for i, p in enumerate(predicted):
        if i not in used:
            counts.errors.append({"file": record["file"], "error": "attribution spurious", "figure": p.source_span.text,
                                  "predicted": p.cue.text if p.cue else None})


def _f1(gold: int, predicted: int, matched: int) -> tuple[float, float, float]:
    precision, recall = _ratio(matched, predicted), _ratio(matched, gold)
    return precision, recall, (round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0)


@cache
def _measurement_units() -> frozenset[str]:
    """The units newsprov reads with a number: percent, currencies, and the units lexicon's labels."""
    return frozenset({"percent", *CURRENCIES.values(), *(row["label"] for row in load_lexicons().units.values()),
                      *OTHER_UNITS})


# units of measurement a gold file may name that newsprov has no spelling for: still units, so a
# figure that carries none is wrong; any other unit a gold file names ('seats', 'goals') is a counted
# noun, the figure's measure
OTHER_UNITS = {"ratio", "s", "m", "mg/kg", "inch", "nits", "MP", "ppb", "mi", "ft", "l", "ml", "kcal"}


def _is_unit(unit: str | None) -> bool:
    return bool(unit) and (unit in _measurement_units() or unit.startswith("per "))


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def _summary(c: Counts, per_article: list[dict]) -> dict:
    precision = _ratio(c.matched_figures, c.predicted_figures)
    recall = _ratio(c.matched_figures, c.gold_figures)
    f1 = round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0
    gold_entities = sum(v[0] for v in c.entities.values())
    metrics = {
        "figure_precision": precision, "figure_recall": recall, "figure_f1": f1,
        "value_accuracy": _ratio(c.value_right, c.matched_figures),
        "qualifier_accuracy": _ratio(c.qualifier_right, c.matched_figures),
        **({"unit_accuracy": _ratio(c.unit_right, c.unit_scored)} if c.unit_scored else {}),
        **({"hedge_accuracy": _ratio(c.hedge_right, c.hedge_scored)} if c.hedge_scored else {}),
        "first_hop_accuracy": _ratio(c.first_hop_right, c.gold_figures),
        "first_hop_accuracy_attributed": _ratio(c.attributed_first_hop_right, c.attributed_gold),
        "root_accuracy": _ratio(c.root_right, c.gold_figures),
        "chain_accuracy": _ratio(c.chain_right, c.gold_figures),
        "entity_recall_typed": _ratio(sum(v[2] for v in c.entities.values()), gold_entities),
        "entity_recall_found": _ratio(sum(v[1] for v in c.entities.values()), gold_entities),
    }
    for key, (gold, predicted, right) in c.hop_scores.items():
        p, r, f = _f1(gold, predicted, right)
        metrics[f"{key}_precision"], metrics[f"{key}_recall"], metrics[f"{key}_f1"] = p, r, f
    for category, (gold, found, typed) in c.entities.items():
        metrics[f"entity_recall_{category}"] = _ratio(typed, gold)
    if c.span_articles:
        for key, (gold, predicted, matched) in c.spans.items():
            p, r, f = _f1(gold, predicted, matched)
            metrics[f"{key}_span_precision"], metrics[f"{key}_span_recall"], metrics[f"{key}_span_f1"] = p, r, f
    return {
        "metrics": metrics,
        "counts": {"gold_figures": c.gold_figures, "predicted_figures": c.predicted_figures,
                   "matched_figures": c.matched_figures, "gold_entities": gold_entities,
                   "articles_with_attribution_spans": c.span_articles,
                   "gold_attributions": c.spans["attribution"][0]},
        "articles": per_article,
        "errors": c.errors,
    }
