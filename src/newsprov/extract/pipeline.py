"""The extraction pipeline: the ordered steps from an Article to an Extraction.

Each step is a small function that reads what earlier steps left in the
``Doc`` state and adds its own layer:

    layout       text -> normalised copy, sentences, quotations
    syntax       sentences -> tags, lemmas and entities of the trained model; a dependency
                 parse of the sentences that hold a cue (extract/syntax.py)
    tokens       normalised text -> tokens (a rule tokenizer, extract/tokens.py)
    entities     tokens, the model's entities -> gazetteer and other name mentions, typed
    coref        mentions, sentences -> what the article says of each person (gender, role, organisation)
                 and its live-blog entries, for resolving 'he', 'she', 'the spokeswoman' (extract/coref.py)
    attributions parses, quotations, mentions -> attribution hops read from the parse
    continuation attributions -> contents extended over the sentences that go on with them (discourse.py)
    figures      sentences, parses, mentions -> figures with hedge, measure, period, subject, resolved time
    claims       figures, attributions -> claims with their chains
    data_sources claims, attributions -> article-level hops to the data source the article names (discourse.py)
    headlines    claims -> a headline's, standfirst's or live blog recap's figure with the chain of the same
                 figure in the body

``STEPS`` is the one place that declares them: each step names the layers of
``Doc`` it reads and writes, and building a pipeline refuses a step that reads
what no step before it writes, or a pipeline that leaves out a layer the
extraction is made of (``check_steps``).
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Callable

from ..model import Article, Attribution, Claim, Entity, Extraction, Figure, Span, SpanIndex
from . import text as layout_mod
from . import coref as coref_mod
from .attribution import AttributionFinder
from .discourse import KnownNames, MeasureKinds, article_data_sources, continue_attributions
from .entities import EntityFinder, EntityMention, reconcile, slug
from .figures import FigureFinder
from .periods import resolve as resolve_period
from .lexicon import Lexicons, load_lexicons
from .subjects import SubjectReader
from .syntax import Sentence, Syntax
from .tokens import Token, tokenize


@dataclass
class Doc:
    article: Article
    norm: str = ""
    sentences: list[Span] = field(default_factory=list)
    quotes: list = field(default_factory=list)
    parsed: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    coref: coref_mod.Coreference | None = None
    attributions: list[Attribution] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


class Pipeline:
    """Holds the loaded lexicons and matchers; ``run`` is a pure function of the article."""

    def __init__(self, lexicons: Lexicons | None = None, steps: list[str] | None = None, model: str | None = None):
        self.lexicons = lexicons or load_lexicons()
        self.syntax = Syntax(model, abbreviations=self.lexicons.titles)
        self.entity_finder = EntityFinder(self.lexicons)
        self.attribution_finder = AttributionFinder(self.lexicons, self.entity_finder)
        self.figure_finder = FigureFinder(self.lexicons)
        self.subject_reader = SubjectReader(self.lexicons, self.entity_finder)
        self.measure_kinds = MeasureKinds(self.lexicons.measures)
        self.known_names = KnownNames(self.lexicons.gazetteer)
        self.steps = check_steps(list(steps or DEFAULT_STEPS))

    def run(self, article: Article) -> Extraction:
        """The article's extraction. Format characters (zero-width, soft hyphen, bidi controls) are
        read past: the steps run on the text without them and the offsets come back to the
        original (text.FormatFree)."""
        unformatted = layout_mod.FormatFree.of(article.text)
        doc = Doc(replace(article, text=unformatted.text) if unformatted else article)
        for step in self.steps:
            step.run(self, doc)
        extraction = Extraction(article=article, entities=_entities(doc), claims=doc.claims,
                                attributions=doc.attributions)
        return _in_original(extraction, unformatted) if unformatted else extraction

    def publisher_entity(self, publisher: str) -> Entity | None:
        if not publisher:
            return None
        entry = self.entity_finder.lookup(publisher)
        if entry is not None:
            return self.entity_finder.entity_of(entry)
        return Entity(key=slug(publisher), label=publisher, type="NewsOutlet")


def layout(pipeline: Pipeline, doc: Doc) -> None:
    doc.norm = layout_mod.normalise(doc.article.text)
    doc.sentences = layout_mod.sentences(doc.norm)
    doc.quotes = layout_mod.quotes(doc.article.text, doc.norm)


def syntax(pipeline: Pipeline, doc: Doc) -> None:
    units = [layout_mod.without_dateline(doc.norm, s) for s in doc.sentences]  # a dateline is no part of the clause
    doc.parsed = pipeline.syntax.analyse(doc.norm, units, pipeline.attribution_finder.wants_parse,
                                         pipeline.attribution_finder.recase)


def tokens(pipeline: Pipeline, doc: Doc) -> None:
    doc.tokens = tokenize(doc.norm)


def entities(pipeline: Pipeline, doc: Doc) -> None:
    finder = pipeline.entity_finder
    publisher = pipeline.publisher_entity(doc.article.publisher)
    country = publisher.country if publisher else ""
    known = finder.gazetteer_mentions(doc.tokens, doc.article.text, country)
    starts = {s.start for s in doc.sentences}
    recognised = [(s.start(e[0]), s.end(e[-1]), e.label_) for s in doc.parsed for e in s.doc.ents]
    unknown = finder.unknown_mentions(doc.tokens, doc.article.text, starts, [m.span for m in known], recognised)
    doc.mentions = _link_surnames(sorted(known + unknown, key=lambda m: m.span.start))


def attributions(pipeline: Pipeline, doc: Doc) -> None:
    publisher = pipeline.publisher_entity(doc.article.publisher)
    doc.attributions = pipeline.attribution_finder.find(
        doc.norm, doc.article.text, doc.parsed, doc.quotes, doc.mentions, doc.article.id,
        publisher.key if publisher else "", doc.coref)


def coref(pipeline: Pipeline, doc: Doc) -> None:
    doc.coref = coref_mod.build(pipeline.lexicons.coref, pipeline.lexicons.titles, doc.norm, doc.sentences, doc.mentions)


class _PluralAt:
    """Where the tagger's plural nouns of one parsed sentence start, read on the first question: the
    figures step asks only of a number after a capitalised word, in few sentences."""

    def __init__(self, parsed: Sentence | None):
        self.parsed, self.starts = parsed, None

    def __contains__(self, offset: object) -> bool:
        if self.starts is None:
            self.starts = set() if self.parsed is None else {
                self.parsed.start(t) for t in self.parsed.doc if t.tag_ in ("NNS", "NNPS")}
        return offset in self.starts


def continuation(pipeline: Pipeline, doc: Doc) -> None:
    continue_attributions(doc.norm, doc.article.text, doc.sentences, doc.parsed, doc.mentions, doc.attributions)


def data_sources(pipeline: Pipeline, doc: Doc) -> None:
    article_data_sources(doc.article.id, doc.article.text, doc.norm, doc.sentences, doc.parsed, doc.attributions,
                         doc.claims, pipeline.measure_kinds, pipeline.known_names)


def figures(pipeline: Pipeline, doc: Doc) -> None:
    parsed_starts = [s.span.start for s in doc.parsed]
    known = {m.entity.key for m in doc.mentions}
    mention_starts = [m.span.start for m in doc.mentions]
    for sentence in doc.sentences:
        # the parsed sentence this one lies in (a dateline is cut from the parsed unit, not added)
        index = bisect_right(parsed_starts, sentence.start) - 1
        parsed = doc.parsed[index] if index >= 0 and sentence.start < doc.parsed[index].span.end else None
        if parsed is None and index + 1 < len(doc.parsed) and doc.parsed[index + 1].span.start < sentence.end:
            parsed = doc.parsed[index + 1]
        found = pipeline.figure_finder.find(doc.norm, doc.article.text, sentence, _PluralAt(parsed))
        if not found:
            continue
        if parsed is not None:
            mentions = doc.mentions[bisect_left(mention_starts, sentence.start):bisect_left(mention_starts, sentence.end)]
            pipeline.subject_reader.read(doc.norm, parsed, found, mentions, known)
        for figure in found:
            time = resolve_period(figure.period, doc.article.published)
            if time is not None:
                figure.period_kind = time.kind
                figure.period_start = time.start.isoformat() if time.start else ""
                figure.period_end = time.end.isoformat() if time.end else ""
        doc.figures.extend(found)


def claims(pipeline: Pipeline, doc: Doc) -> None:
    by_id = {a.id: a for a in doc.attributions}
    depth = {}

    def hops_of(attribution: Attribution) -> list[str]:
        chain = []
        current = attribution
        while current is not None:
            chain.append(current.id)
            current = by_id.get(current.via) if current.via else None
        return list(reversed(chain))

    for a in doc.attributions:
        depth[a.id] = len(hops_of(a))

    contents = SpanIndex((a.content.start, a.content.end, a) for a in doc.attributions if a.content is not None)

    def innermost(span: Span) -> Attribution | None:
        covering = contents.containing(span.start, span.end)
        if not covering:
            return None
        return min(covering, key=lambda a: (a.content.end - a.content.start, -depth[a.id]))

    groups: dict[tuple[int, str], list[Figure]] = {}
    used_attributions = set()
    order = {id(f): i for i, f in enumerate(doc.figures)}
    by_start = sorted(doc.figures, key=lambda f: f.span.start)
    starts = [f.span.start for f in by_start]
    for sentence in doc.sentences:  # each sentence's figures by bisection, in the order they were found
        share = by_start[bisect_left(starts, sentence.start):bisect_right(starts, sentence.end)]
        for figure in sorted((f for f in share if sentence.contains(f.span)), key=lambda f: order[id(f)]):
            owner = innermost(figure.span)
            groups.setdefault((sentence.start, owner.id if owner else ""), []).append(figure)
    text = doc.article.text
    sentence_at = {s.start: s for s in doc.sentences}
    for (start, owner_id), figs in groups.items():
        sentence = sentence_at[start]
        span = Span(sentence.start, sentence.end, text[sentence.start:sentence.end])
        if owner_id:
            content = by_id[owner_id].content
            lo, hi = max(sentence.start, content.start), min(sentence.end, content.end)
            lo = min(lo, min(f.span.start for f in figs))
            hi = max(hi, max(f.span.end for f in figs))
            span = Span(lo, hi, text[lo:hi])
            used_attributions.update(hops_of(by_id[owner_id]))
        for part, part_figures in _in_parts(span, figs, text):
            doc.claims.append(Claim(id=_claim_id(doc.article.id, part, owner_id), span=part, figures=part_figures,
                                    attributions=hops_of(by_id[owner_id]) if owner_id else []))
    relayed = {other.via for other in doc.attributions if other.via}
    for attribution in doc.attributions:
        if attribution.id in used_attributions or attribution.content is None:
            continue
        if attribution.id in relayed:
            continue  # an outer hop is carried by the claims of its inner hops
        span = attribution.content
        doc.claims.append(Claim(id=_claim_id(doc.article.id, span, attribution.id), span=span, figures=[],
                                attributions=hops_of(attribution)))
    doc.claims.sort(key=lambda c: (c.span.start, c.span.end))


def headlines(pipeline: Pipeline, doc: Doc) -> None:
    doc.claims = coref_mod.headline_sources(doc.claims, doc.norm, doc.coref)


def _in_original(extraction: Extraction, unformatted: layout_mod.FormatFree) -> Extraction:
    """The extraction with every span carried back to the original text, each object once (an
    entity can be the source of several attributions)."""
    span = unformatted.span
    seen: set[int] = set()
    for entity in [*extraction.entities, *(a.source for a in extraction.attributions)]:
        if id(entity) not in seen:
            seen.add(id(entity))
            entity.mentions = [span(m) for m in entity.mentions]
    for claim in extraction.claims:
        claim.span = span(claim.span)
        for figure in claim.figures:
            if id(figure) not in seen:
                seen.add(id(figure))
                figure.span, figure.hedge = span(figure.span), span(figure.hedge)
    for attribution in extraction.attributions:
        attribution.source_span, attribution.cue, attribution.content, attribution.evidence = (
            span(attribution.source_span), span(attribution.cue), span(attribution.content), span(attribution.evidence))
    return extraction


# the most figures one claim holds: a 'sentence' with more is a table or a list run together, and a
# claim of tens of thousands of figures made the SHACL check of its graph take hours (its time
# grows faster than the square of one node's values)
MOST_FIGURES = 100


def _in_parts(span: Span, figures: list[Figure], text: str) -> list[tuple[Span, list[Figure]]]:
    """A claim's figures in parts of at most ``MOST_FIGURES``, in the order found, each part with the
    piece of the claim's span from the end of the part before to its own last figure (the last part
    to the span's end): the parts' spans tile the claim's."""
    if len(figures) <= MOST_FIGURES:
        return [(span, figures)]
    parts, start = [], span.start
    for first in range(0, len(figures), MOST_FIGURES):
        part = figures[first:first + MOST_FIGURES]
        end = span.end if first + MOST_FIGURES >= len(figures) else max(f.span.end for f in part)
        parts.append((Span(start, end, text[start:end]), part))
        start = end
    return parts


def _claim_id(article_id: str, span: Span, attribution_id: str = "") -> str:
    """Two claims may share a span (two sources for two figures of one sentence): the hop tells them apart."""
    return "claim-" + hashlib.sha1(f"{article_id}:{span.start}:{span.end}:{attribution_id}".encode()).hexdigest()[:12]


def _link_surnames(mentions: list[EntityMention]) -> list[EntityMention]:
    """The article's mentions reconciled (entities.reconcile): one type per name by the weight of
    its evidence, surnames linked to the full name, places inside organisations' names dropped."""
    return reconcile(mentions)


def _entities(doc: Doc) -> list[Entity]:
    registry: dict[str, Entity] = {}

    seen: set[tuple[str, Span]] = set()

    def add(entity: Entity, span: Span) -> None:
        current = registry.get(entity.key)
        if current is None:
            current = Entity(key=entity.key, label=entity.label, type=entity.type, wikidata=entity.wikidata,
                             country=entity.country, known=entity.known)
            registry[entity.key] = current
        elif current.type == "Entity" and entity.type != "Entity":
            current.type = entity.type
        if (entity.key, span) not in seen:
            seen.add((entity.key, span))
            current.mentions.append(span)

    for mention in doc.mentions:
        add(mention.entity, mention.span)
    for attribution in doc.attributions:
        add(attribution.source, attribution.source_span)
    for key, facts in (doc.coref.people.items() if doc.coref else ()):
        person = registry.get(key)
        if person is not None and person.type == "Entity" and facts.role and not person.known:
            person.type = "Person"  # 'Jo Tate, a spokeswoman for ...': a role only a person has is evidence of one
        if person is not None and person.type == "Person":  # what the article says of them (extract/coref.py)
            person.role = facts.role
            if facts.affiliation is not None and facts.affiliation.key in registry:
                person.affiliation = facts.affiliation.key
    for entity in registry.values():
        entity.mentions.sort(key=lambda s: s.start)
    return sorted(registry.values(), key=lambda e: e.mentions[0].start if e.mentions else 0)


@dataclass(frozen=True)
class Step:
    """A step of the pipeline and the layers of ``Doc`` it reads and writes."""

    name: str
    run: Callable[[Pipeline, Doc], None]
    reads: tuple[str, ...]
    writes: tuple[str, ...]


STEPS: dict[str, Step] = {step.name: step for step in (
    Step("layout", layout, reads=("article",), writes=("norm", "sentences", "quotes")),
    Step("syntax", syntax, reads=("norm", "sentences"), writes=("parsed",)),
    Step("tokens", tokens, reads=("norm",), writes=("tokens",)),
    Step("entities", entities, reads=("article", "tokens", "sentences", "parsed"), writes=("mentions",)),
    Step("coref", coref, reads=("norm", "sentences", "mentions"), writes=("coref",)),
    Step("attributions", attributions, reads=("article", "norm", "parsed", "quotes", "mentions", "coref"),
         writes=("attributions",)),
    Step("continuation", continuation, reads=("article", "norm", "sentences", "parsed", "mentions", "attributions"),
         writes=("attributions",)),
    Step("figures", figures, reads=("article", "norm", "sentences", "parsed", "mentions"), writes=("figures",)),
    Step("claims", claims, reads=("article", "sentences", "attributions", "figures"), writes=("claims",)),
    Step("data_sources", data_sources, reads=("article", "norm", "sentences", "parsed", "attributions", "claims"),
         writes=("attributions", "claims")),
    Step("headlines", headlines, reads=("norm", "claims", "coref"), writes=("claims",)),
)}
DEFAULT_STEPS = ["layout", "syntax", "tokens", "entities", "coref", "attributions", "continuation", "figures", "claims",
                 "data_sources", "headlines"]
PROVIDED = ("article",)  # what a Doc holds before any step
RESULT = ("mentions", "attributions", "claims")  # what an Extraction is made of


def check_steps(names: list[str]) -> list[Step]:
    """The steps in order, or ValueError naming a step that is unknown, comes twice, or reads a layer
    that no step before it writes, and a layer the extraction needs that no step writes."""
    unknown = [name for name in names if name not in STEPS]
    if unknown:
        raise ValueError(f"unknown pipeline step(s) {', '.join(unknown)}; known: {', '.join(STEPS)}")
    if len(set(names)) != len(names):
        raise ValueError(f"a pipeline step comes twice in {', '.join(names)}")
    written = set(PROVIDED)
    for name in names:
        missing = [layer for layer in STEPS[name].reads if layer not in written]
        if missing:
            raise ValueError(f"pipeline step {name!r} reads {', '.join(missing)}, which no step before it writes")
        written.update(STEPS[name].writes)
    lacking = [layer for layer in RESULT if layer not in written]
    if lacking:
        raise ValueError(f"no pipeline step writes {', '.join(lacking)}, which the extraction is made of")
    return [STEPS[name] for name in names]
