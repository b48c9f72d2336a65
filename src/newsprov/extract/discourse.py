"""Article-level provenance: what a sentence owes to the rest of its article.

The attribution step reads one sentence at a time. Two things a reader takes from the whole
article are read here, each a pipeline step (extract/pipeline.py):

- ``continuation``: a sentence with no cue and no source of its own that opens with an additive
  connective ('Additionally, ...', 'In addition, ...') or with a subject that refers back to what
  was just reported and 'also' ('The figures also show ...', 'They also ...') goes on with the attribution whose
  content ends the sentence before it: that content is extended over it. A sentence that names
  its own subject before its verb ('Additionally, the Red Cross delivered ...') or that opens
  otherwise (a topic of its own, 'However', 'Meanwhile') does not. Quotations that run over
  paragraphs, quotations after a speaker's in the same paragraph and list items after a lead-in
  ending in a colon are read by the attribution step itself.
- ``data_sources``: when the article names who published its figures ('The General Staff
  announced the latest figures', 'figures from X', 'X's weekly update', or a relaying source's
  statement crediting X, 'according to X reporting'), a claim credited only to a broader source
  (a country, its capital, 'officials', 'the government', 'the military') or to the source that
  relays X, whose figures are of the kind X published, gets X as its next hop. That hop is an
  ``Attribution`` whose ``basis`` is ``article-level``: established elsewhere in the article, with the
  words of the sentence that establish it as ``evidence``, never stated in the claim's own sentence.

The words these rules read are data: ``lexicons/discourse.jsonl``.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice

from ..model import Attribution, Claim, Entity, Span
from .lexicon import load_patterns

# source types that publish figures of their own; a country, a place, a person or an outlet is no data source
PUBLISHERS = {"GovernmentBody", "MilitaryBody", "Organisation", "ResearchOrganisation",
              "InternationalOrganisation", "Entity"}
_WORD = re.compile(r"[\w'-]+")
_OPENING = re.compile(r"[\s\"'(\[\u201c\u2018-]*")


@dataclass(frozen=True)
class DiscourseLexicon:
    additive: tuple[tuple[str, ...], ...]
    anaphoric: tuple[tuple[str, ...], ...]
    data_nouns: frozenset[str]
    broad_heads: frozenset[str]
    broad_modifiers: frozenset[str]
    capitals: frozenset[str]


@cache
def discourse_lexicon() -> DiscourseLexicon:
    rows = load_patterns("discourse.jsonl")

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:  # longest first, as word tuples
        return tuple(sorted((tuple(p.lower().split()) for p in rows[key]["patterns"]), key=len, reverse=True))

    return DiscourseLexicon(
        additive=phrases("additive"), anaphoric=phrases("anaphoric_subjects"),
        data_nouns=frozenset(p.lower() for p in rows["data_nouns"]["patterns"]),
        broad_heads=frozenset(p.lower() for p in rows["broad_heads"]["patterns"]),
        broad_modifiers=frozenset(p.lower() for p in rows["broad_modifiers"]["patterns"]),
        capitals=frozenset(p.lower() for p in rows["capitals"]["patterns"]))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _opens_with(words: list[str], phrases) -> int:
    """How many words of ``phrases``' longest match open ``words`` (0 when none does)."""
    for phrase in phrases:
        if tuple(words[:len(phrase)]) == phrase:
            return len(phrase)
    return 0


# -- continuation ------------------------------------------------------------------------------

def continue_attributions(norm: str, original: str, sentences: list[Span], parsed: list, mentions: list,
                          attributions: list[Attribution]) -> None:
    """Extend the content of an attribution over each sentence that continues it (see the module)."""
    lexicon = discourse_lexicon()
    with_content = [a for a in attributions if a.content is not None and a.basis == "stated"]
    if not with_content:
        return
    marks = sorted({a.source_span.start for a in attributions} | {a.cue.start for a in attributions if a.cue})
    mention_starts = sorted((m.span.start, m.entity.type) for m in mentions)
    for index in range(1, len(sentences)):
        sentence, before = sentences[index], sentences[index - 1]
        words = [w.group().lower() for w in islice(_WORD.finditer(norm, sentence.start, sentence.end), 6)]
        opener = _opens_with(words, lexicon.additive)
        anaphoric = 0 if opener else _opens_with(words, lexicon.anaphoric)
        if anaphoric and "also" not in words[anaphoric:anaphoric + 2]:
            anaphoric = 0  # 'These figures do not account for ...': the writer on the figures, not their source
        if not opener and not anaphoric:
            continue
        at = bisect_left(marks, sentence.start)
        if at < len(marks) and marks[at] < sentence.end:
            continue  # a cue or a source of its own
        if any(a.content.start < sentence.end and sentence.start < a.content.end for a in with_content):
            continue  # already someone's content
        if opener and _own_subject(sentence, parsed[index] if index < len(parsed) else None, mention_starts):
            continue  # 'Additionally, the Red Cross delivered ...': a subject of its own
        owner = _ending_in(before, with_content, marks)
        if owner is None:
            continue
        extended = replace(owner, content=Span(owner.content.start, sentence.end,
                                               original[owner.content.start:sentence.end]))
        attributions[attributions.index(owner)] = with_content[with_content.index(owner)] = extended


def _ending_in(sentence: Span, attributions: list[Attribution], marks: list[int]) -> Attribution | None:
    """The attribution whose content is the last one in ``sentence`` (the innermost on a tie),
    when no other source or cue follows it there: what the sentence ends by reporting."""
    ending = [a for a in attributions if a.content.start < sentence.end and sentence.start < a.content.end]
    if not ending:
        return None
    last = max(ending, key=lambda a: (a.content.end, -(a.content.end - a.content.start)))
    # its own source and cue, and those of the hops it is reported through, may close the sentence ('..., X said.')
    own = {m for a in attributions if a.content.start <= last.content.start and last.content.end <= a.content.end
           for m in (a.source_span.start, a.cue.start if a.cue else -1)}
    if any(mark not in own for mark in marks[bisect_left(marks, last.content.end):bisect_left(marks, sentence.end)]):
        return None  # another source speaks after it
    return last


def _own_subject(sentence: Span, parsed, mention_starts: list[tuple[int, str]]) -> bool:
    """Whether a name stands between the opening connective and the sentence's first verb: the
    sentence then has a subject of its own ('Additionally, the Red Cross delivered ...'), unlike
    'Additionally, 10,400 drones have been downed'."""
    verb_at = sentence.end
    if parsed is not None:
        verb = next((t for t in parsed.doc if t.tag_.startswith("VB") or t.tag_ == "MD"), None)
        if verb is not None:
            verb_at = parsed.start(verb)
    first = bisect_left(mention_starts, (sentence.start, ""))
    return any(kind not in ("Region", "Country", "Event")
               for start, kind in mention_starts[first:bisect_left(mention_starts, (verb_at, ""))])


# -- the article's named data source -----------------------------------------------------------

@dataclass
class _Establishing:
    """A statement of the article that names who published figures."""

    attribution: Attribution
    sentence: Span
    families: frozenset[str]  # the kinds of figure it names; empty when it names none ('the latest figures')
    relaying: str | None = None  # the attribution that relays it ('according to X reporting' inside B's statement)


def article_data_sources(article_id: str, original: str, norm: str, sentences: list[Span], parsed: list,
                         attributions: list[Attribution], claims: list[Claim], families,
                         names: KnownNames | None = None) -> None:
    """Add an article-level hop to every claim credited to a broader or relaying source whose
    figures the article says a named body published (see the module). ``families`` maps a
    figure's measure to its kinds (``MeasureKinds``)."""
    lexicon = discourse_lexicon()
    by_id = {a.id: a for a in attributions}
    claims_of: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.attributions:
            claims_of.setdefault(claim.attributions[-1], []).append(claim)
    starts = [s.start for s in sentences]
    establishing = [e for a in attributions
                    if (e := _establishing(a, norm, sentences, starts, parsed, claims_of, families, lexicon)) is not None]
    if not establishing:
        return
    added: dict[tuple[str, str], Attribution] = {}
    for position, claim in enumerate(claims):
        if not claim.attributions or not claim.figures:
            continue
        innermost = by_id[claim.attributions[-1]]
        if innermost.basis != "stated" or _forecast(claim, starts, parsed):
            continue
        kinds = set().union(*(families(f.measure) for f in claim.figures))
        chain_sources = {by_id[i].source.key for i in claim.attributions}
        fitting = [e for e in establishing
                   if e.attribution.source.key not in chain_sources and e.attribution.id not in claim.attributions
                   and not (e.sentence.start <= claim.span.start < e.sentence.end)
                   and _stands_for(innermost, e, lexicon, original, names)
                   and (not e.families or kinds & e.families)]
        if not fitting:
            continue
        chosen = min(fitting, key=lambda e: (e.relaying != innermost.id, not e.families,
                                             abs(e.sentence.start - claim.span.start)))
        key = (innermost.id, chosen.attribution.source.key)
        hop = added.get(key)
        if hop is None:
            source = chosen.attribution
            hop = Attribution(
                id="attr-" + hashlib.sha1(f"{article_id}:article:{source.id}:{innermost.id}".encode()).hexdigest()[:12],
                source=source.source, source_span=source.source_span, cue=source.cue, content=None,
                kind="indirect", via=innermost.id, basis="article-level",
                evidence=_naming_words(source, chosen.sentence, norm, original, lexicon))
            added[key] = hop
            attributions.append(hop)
        claims[position] = replace(claim, attributions=[*claim.attributions, hop.id])


def _establishing(attribution: Attribution, norm: str, sentences: list[Span], starts: list[int], parsed: list,
                  claims_of, families, lexicon: DiscourseLexicon) -> _Establishing | None:
    """The statement ``attribution`` makes when it names a body as the publisher of figures: its
    cue or the opening of its content is a data noun ('figures from X', 'X's weekly report', 'X
    announced the latest figures'), or it is relayed by another source ('according to X')."""
    source = attribution.source
    if attribution.basis != "stated" or source.type not in PUBLISHERS:
        return None
    index = bisect_right(starts, attribution.source_span.start) - 1
    if index < 0 or attribution.source_span.start >= sentences[index].end:
        return None
    sentence = sentences[index]
    own = claims_of.get(attribution.id, [])
    kinds = frozenset().union(*(families(f.measure) for c in own for f in c.figures))
    if attribution.via is not None:
        return _Establishing(attribution, sentence, kinds, relaying=attribution.via) if kinds else None
    nouns = _nouns(parsed, index) if parsed else None
    cue = attribution.cue
    data_cue = cue is not None and any(w.group().lower() in lexicon.data_nouns and (nouns is None or w.start() in nouns)
                                       for w in _WORD.finditer(norm, cue.start, cue.end))  # 'figures from', not 'estimates'
    content = attribution.content
    content_words = [w.group().lower() for w in islice(_WORD.finditer(norm, content.start, content.end), 4)] if content else []
    if data_cue or set(content_words) & lexicon.data_nouns:
        return _Establishing(attribution, sentence, kinds)
    return None


def _nouns(parsed: list, index: int) -> set[int] | None:
    """Where the nouns of a sentence start, by the tagger; None when the sentence was not read."""
    if index >= len(parsed):
        return None
    read = parsed[index]
    return {read.start(t) for t in read.doc if t.tag_.startswith("NN")}


def _naming_words(attribution: Attribution, sentence: Span, norm: str, original: str,
                  lexicon: DiscourseLexicon) -> Span:
    """The words of the establishing sentence that name the data source: its source and cue, and
    the content's opening up to its data noun when it follows them ('The General Staff of
    Ukraine's Armed Forces announced the latest figures'; 'figures from the General Staff ...')."""
    parts = [attribution.source_span, *([attribution.cue] if attribution.cue else [])]
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    content = attribution.content
    if content is not None and content.start >= end:
        for number, word in enumerate(_WORD.finditer(norm, content.start, content.end)):
            if number >= 6:
                break
            if word.group().lower() in lexicon.data_nouns:
                end = word.end()
                break
    start, end = max(start, sentence.start), min(end, sentence.end)
    return Span(start, end, original[start:end])


def _stands_for(innermost: Attribution, establishing: _Establishing, lexicon: DiscourseLexicon, original: str,
                names: KnownNames | None) -> bool:
    """Whether the claim's source may stand for the data source: the source that relays it in
    the same statement, a broader one of the same country (a country, its capital, an unnamed
    'officials', 'government', 'military'), or the body the data source is part of by its name
    ('the Armed Forces' for 'the General Staff of Ukraine's Armed Forces')."""
    if establishing.relaying is not None:
        return establishing.relaying == innermost.id
    broad, publisher = innermost.source, establishing.attribution.source
    if broad.known and names is not None:
        span = establishing.attribution.source_span
        written = Entity(key=publisher.key, label=original[span.start:span.end], type=publisher.type)
        if names.part_of(publisher, broad) or names.part_of(written, broad):
            return True
    if broad.type == "Country" or (broad.type == "Region" and broad.key in lexicon.capitals):
        return not publisher.country or publisher.country == broad.country
    if broad.type == "VagueSource":
        words = _words(broad.label)  # 'officials', 'the government'; not 'Western officials'
        return bool(words) and words[-1] in lexicon.broad_heads and all(w in lexicon.broad_modifiers for w in words[:-1])
    return False


_MODALS = {"will", "would", "could", "may", "might", "shall", "should"}


def _forecast(claim: Claim, starts: list[int], parsed: list) -> bool:
    """Whether the claim looks ahead ('will likely continue to average over 1,000 a day'): a
    forecast is its speaker's own, not figures someone published."""
    index = bisect_right(starts, claim.span.start) - 1
    if index < 0 or index >= len(parsed):
        return False
    read = parsed[index]
    return any(t.tag_ == "MD" and t.lower_ in _MODALS and claim.span.start <= read.start(t) < claim.span.end
               for t in read.doc)


class KnownNames:
    """The names the gazetteer knows an entity by, lower-cased with straight apostrophes, longest
    first: 'Armed Forces of Ukraine', "Ukraine's armed forces", 'Ukrainian military', ..."""

    def __init__(self, gazetteer):
        self.names = {entry.id: sorted({_plain(n) for n in (entry.label, *entry.aliases) if len(n.split()) > 1},
                                       key=len, reverse=True) for entry in gazetteer}

    def part_of(self, part, whole) -> bool:
        """Whether ``part``'s name, as the gazetteer or the article writes it, holds ``whole``'s
        ('the General Staff of Ukraine's Armed Forces' holds 'Ukraine's Armed Forces')."""
        written = {_plain(part.label), *(_plain(n) for n in self.names.get(part.key, ()))}
        return any(name in text for name in self.names.get(whole.key, ()) for text in written)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").lower()).strip()


class MeasureKinds:
    """The kinds of figure a measure counts: its family in the measures lexicon ('troops' and
    'casualties' are personnel losses) and the measures it is reported as ('killed')."""

    def __init__(self, measures: dict[str, dict]):
        labels = []
        for row in measures.values():
            kinds = {row.get("family", row["id"])}
            for other in row.get("reported_as", []):
                kinds.add(measures[other].get("family", other))
            labels.append((row["label"], frozenset(kinds)))
        self.labels = sorted(labels, key=lambda item: len(item[0]), reverse=True)
        self.known: dict[str, frozenset[str]] = {}

    def __call__(self, measure: str) -> frozenset[str]:
        if not measure:
            return frozenset()
        if measure not in self.known:
            self.known[measure] = next((kinds for label, kinds in self.labels
                                        if measure == label or measure.startswith(label + " ")), frozenset({measure}))
        return self.known[measure]
