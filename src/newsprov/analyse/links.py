"""The same figure across articles, and the probable roots of figures printed with no source.

Figures are linked when they are, by the numbers, the same fact:

- **same value**: equal values with the same kind of measure and period, in different articles;
- **daily average of a monthly total**: a figure 'a day' equals a month's total divided by
  the month's days, rounded (1,556 a day in January is 48,240 / 31);
- **rounded or hedged**: '48,000' or 'nearly 50,000' within 5 % of an exact figure, in the
  direction its hedge allows, with the drift recorded.

Two figures are linked only when they can be one fact: their subjects (whose: 'Russian forces'
never stands for 'North Korean forces'), measures (one family) and times (a one-day count is
not a running total, another day's count or a count of another year) do not differ where both
state them. Each link keeps that comparison (``Comparison``: same, compatible or unstated).

An unattributed figure linked to an attributed one gets that figure's root source as a
*probable* root, marked inferred and carrying its evidence (the link). Stated and inferred
attributions are different things in the graph (``np:hasAttribution`` against
``np:inferredAttribution``) and in every output.

The links are derived data: ``update_links`` recomputes them from the whole store into one
named graph of their own after each ingest that changed an article.
"""
from __future__ import annotations

import calendar
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from ..extract.lexicon import load_lexicons
from ..extract.periods import Time
from ..extract.periods import compare as compare_times
from ..graph.base import Store
from ..graph.build import literal, ntriples_text
from ..graph.vocab import COMPARISON_TERMS, NP, PERIOD_KIND_TERMS
from ..ids import ID_BASE
from ..model import COMPARED, QUALIFIERS

# the seal of the derived graphs; each article's figure links are in LINKS_GRAPH/<article id>
LINKS_GRAPH = ID_BASE + "graph/figure-links"

SAME_VALUE, DAILY_AVERAGE, ROUNDED = "SameValue", "DailyAverageOfMonthlyTotal", "RoundedOrHedged"
REASON_LABELS = {SAME_VALUE: "same value", DAILY_AVERAGE: "daily average of a monthly total",
                 ROUNDED: "rounded or hedged"}
# how much a rounded or hedged figure may differ from the exact one it stands for
TOLERANCE = 0.05
# values too small, or groups too large, say nothing about where a figure came from
MIN_VALUE = 100
MAX_GROUP = 200
# each figure links to at most this many others per reason, the best ones
MAX_LINKS = 3
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
# a round number stands for a nearby exact one only when it is large: '1,000' is everywhere;
# a hedged one ('nearly 5,000') says so itself. Indexed by 'is the rough figure unhedged'.
ROUNDED_MIN_VALUE = {False: 1_000, True: 10_000}

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?(?:\s+(\d{4}))?", re.IGNORECASE)
_LAST_MONTH = re.compile(r"\b(?:last|previous)\s+month\b", re.IGNORECASE)
_RATE = re.compile(r"\b(?:(?:a|per|each|every)\s+(day|week|month|year)|(daily|weekly|monthly))\b", re.IGNORECASE)


@dataclass(slots=True)
class FigureFact:
    figure: str
    claim: str
    article: str
    value: float
    qualifier: str = "exact"
    measure: str = ""
    period: str = ""
    published: str = ""
    roots: list[str] = field(default_factory=list)  # the stated root sources of its claim
    family: str = ""
    rate: str | None = None
    month: tuple[int | None, int] | None = None
    subject: str = ""          # np:figureSubject
    subject_entity: str = ""   # np:subjectEntity
    time: Time | None = None   # np:periodKind, np:periodStart, np:periodEnd

    @property
    def attributed(self) -> bool:
        return bool(self.roots)

    @property
    def is_round(self) -> bool:
        return self.value >= 1000 and self.value % 1000 == 0 or self.value >= 100 and self.value % 100 == 0 and self.value < 1000


@dataclass(frozen=True)
class FigureLink:
    source: str  # the figure explained (the daily rate, the rounded or the later figure)
    target: str  # the figure it matches
    reason: str
    drift: float
    arithmetic: str
    # how the two figures' subject, measure and time compared: 'same', 'compatible' or 'unstated'
    subject: str = "unstated"
    measure: str = "unstated"
    time: str = "unstated"

    def compared(self, comparison: "Comparison") -> "FigureLink":
        return replace(self, subject=comparison.subject, measure=comparison.measure, time=comparison.time)

    @property
    def iri(self) -> str:
        return _minted("figure-link", self.source, self.target, self.reason)


@dataclass(frozen=True)
class Comparison:
    """How two figures' subject, measure and time compare; a link is made only when none differs."""

    subject: str
    measure: str
    time: str

    @property
    def agrees(self) -> bool:
        return DIFFERENT not in (self.subject, self.measure, self.time)


@dataclass(frozen=True)
class InferredRoot:
    claim: str
    figure: str
    source: str  # the probable root source
    link: FigureLink
    rank: int

    @property
    def iri(self) -> str:
        return _minted("inferred-attribution", self.claim, self.source, self.link.iri)


def _minted(kind: str, *parts: str) -> str:
    """A stable IRI for a derived node, from what identifies it."""
    return f"{ID_BASE}{kind}/" + hashlib.sha1(" ".join(parts).encode()).hexdigest()[:16]


def family_of(row: dict) -> str:
    """A measures lexicon row's family: its 'family', or its own id."""
    return row.get("family", row["id"])


@cache
def _families() -> list[tuple[str, str]]:
    """(measure label, its family), longest label first. A family groups the measures that count
    the same thing under different words ('troops' and 'casualties': personnel losses); it is
    the measures lexicon's 'family', or the measure's own id."""
    rows = load_lexicons().measures.values()
    return sorted(((row["label"], family_of(row)) for row in rows), key=lambda x: len(x[0]), reverse=True)


def measure_family(measure: str) -> str:
    """'personnel killed' -> 'personnel losses', 'tanks destroyed' -> 'tanks', '' -> ''."""
    if not measure:
        return ""
    for label, family in _families():
        if measure == label or measure.startswith(label + " "):
            return family
    return measure


def period_facts(period: str, published: str = "") -> tuple[str | None, tuple[int | None, int] | None]:
    """('day', (2025, 1)) for 'daily, January 2025'; a month with no year takes the latest
    such month not after the article's publication."""
    rate_match = _RATE.search(period or "")
    rate = None
    if rate_match:
        word = (rate_match.group(1) or rate_match.group(2)).lower()
        rate = {"daily": "day", "weekly": "week", "monthly": "month"}.get(word, word)
    month_match = _MONTH.search(period or "")
    month = None
    relative = _LAST_MONTH.search(period or "")
    if relative and not month_match and re.match(r"\d{4}-\d{2}", published or ""):
        # 'last month' in an article of February 2025 is January 2025
        pub_year, pub_month = int(published[:4]), int(published[5:7])
        month = (pub_year, pub_month - 1) if pub_month > 1 else (pub_year - 1, 12)
    elif month_match and not re.search(r"\bsince\s*$", (period or "")[:month_match.start()], re.IGNORECASE):
        # 'since February 2022' starts a running total; it is not the month the figure covers
        number = _MONTHS[month_match.group(1).lower()]
        year = int(month_match.group(2)) if month_match.group(2) else None
        if year is None and re.match(r"\d{4}-\d{2}", published or ""):
            pub_year, pub_month = int(published[:4]), int(published[5:7])
            year = pub_year if number <= pub_month else pub_year - 1
        month = (year, number)
    return rate, month


SAME, COMPATIBLE, UNSTATED, DIFFERENT = "same", "compatible", "unstated", "different"


def compare_subjects(a: str, a_entity: str, b: str, b_entity: str) -> str:
    """'Russian forces' and 'Russian forces' are the same; 'civilians' and 'Ukrainian civilians',
    or 'Russia' and 'Russian forces' (one entity, one with no group), compatible; 'Russian forces'
    and 'North Korean forces', or 'Russian forces' and 'Russian civilians', different."""
    if not a or not b:
        return UNSTATED
    if a.lower() == b.lower():
        return SAME
    if a_entity and b_entity and a_entity != b_entity:
        return DIFFERENT
    words_a, words_b = a.lower().split(), b.lower().split()
    if set(words_a) <= set(words_b) or set(words_b) <= set(words_a):
        return COMPATIBLE
    if a_entity and a_entity == b_entity and (len(words_a) == 1 or len(words_b) == 1 or words_a[-1] == words_b[-1]):
        return COMPATIBLE
    return DIFFERENT


def compare(a: FigureFact, b: FigureFact) -> Comparison:
    """How two figures' subject, measure and time compare (see ``Comparison``)."""
    subject = compare_subjects(a.subject, a.subject_entity, b.subject, b.subject_entity)
    if not a.measure or not b.measure:
        measure = UNSTATED
    elif a.family and b.family and a.family != b.family:
        measure = DIFFERENT
    else:
        measure = SAME if a.measure == b.measure else COMPATIBLE
    time = compare_times(a.time, b.time, a.published, b.published)
    if a.month and b.month and (a.month[1] != b.month[1] or None not in (a.month[0], b.month[0]) and a.month[0] != b.month[0]):
        time = DIFFERENT
    return Comparison(subject, measure, time)


def _compatible(a: FigureFact, b: FigureFact) -> Comparison | None:
    comparison = compare(a, b)
    return comparison if comparison.agrees else None


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def prepare(facts: list[FigureFact]) -> None:
    """Fill in each fact's measure family, rate and month (once; later calls keep them)."""
    for fact in facts:
        fact.family = fact.family or measure_family(fact.measure)
        if fact.rate is None and fact.month is None:
            fact.rate, fact.month = period_facts(fact.period, fact.published)


def _preference(fact: FigureFact) -> tuple:
    """Which of several matching figures a link goes to first: an attributed one (it can give a
    root), then the earliest published, then by IRI, for a stable choice."""
    return (not fact.attributed, fact.published or "9999", fact.figure)


def _nearest_first(candidates: list[FigureFact], values: list[float], value: float, low: int, high: int):
    """candidates[low:high] (sorted by value) in order of their relative distance from ``value``:
    the window of a common round figure holds thousands of figures in a large corpus, and only
    the closest few are wanted."""
    def distance(index: int) -> float:
        return abs(value - values[index]) / values[index]

    left = bisect_left(values, value, low, high) - 1
    right = left + 1
    while left >= low or right < high:
        if right >= high or (left >= low and distance(left) <= distance(right)):
            yield candidates[left]
            left -= 1
        else:
            yield candidates[right]
            right += 1


def find_links(facts: list[FigureFact]) -> list[FigureLink]:
    """Links from each figure to at most MAX_LINKS figures per reason, the best first (closest,
    then attributed, then earliest): the stories and probable roots come out as with every
    pair linked, while the links grow with the corpus, not with its square."""
    prepare(facts)
    candidates = sorted((f for f in facts if f.value >= MIN_VALUE), key=lambda f: f.value)
    values = [f.value for f in candidates]
    chosen: dict[tuple[str, str], list[tuple[tuple, FigureLink]]] = {}

    def offer(link: FigureLink, target: FigureFact) -> None:
        chosen.setdefault((link.source, link.reason), []).append(((abs(link.drift), *_preference(target)), link))

    # same value, in different articles: each figure links to figures published before it
    start = 0
    while start < len(candidates):
        end = bisect_right(values, values[start], start)
        group = sorted(candidates[start:end], key=lambda f: (f.published or "9999", f.figure))
        if len(group) <= MAX_GROUP:
            for i, later in enumerate(group):
                for earlier in sorted(group[:i], key=_preference):
                    if earlier.article != later.article and earlier.rate == later.rate \
                            and "range" not in (earlier.qualifier, later.qualifier) \
                            and (comparison := _compatible(earlier, later)) is not None:
                        offer(FigureLink(later.figure, earlier.figure, SAME_VALUE, 0.0,
                                         f"{_fmt(later.value)} = {_fmt(earlier.value)}").compared(comparison), earlier)
                        if len(chosen[(later.figure, SAME_VALUE)]) >= MAX_LINKS:
                            break
        start = end

    # a daily average over a month is that month's total divided by its days
    for total in candidates:
        if total.rate is not None or total.month is None or total.value < 1000:
            continue
        year, month = total.month
        days = calendar.monthrange(year or 2001, month)[1]  # with no year, February has 28 days
        average = total.value / days
        for daily in candidates[bisect_left(values, average - 1):bisect_right(values, average + 1)]:
            if daily.rate != "day" or daily.figure == total.figure:
                continue
            comparison = _compatible(daily, total)
            if comparison is None:
                continue
            offer(FigureLink(daily.figure, total.figure, DAILY_AVERAGE, (daily.value - average) / average,
                             f"{_fmt(total.value)} / {days} = {average:,.1f}").compared(comparison), total)

    # a rounded or hedged figure stands for an exact one nearby
    for rough in candidates:
        if rough.qualifier == "range" or rough.value < ROUNDED_MIN_VALUE[rough.qualifier == "exact"] \
                or rough.qualifier == "exact" and not rough.is_round:
            continue
        low = bisect_left(values, rough.value / (1 + TOLERANCE))
        high = bisect_right(values, rough.value / (1 - TOLERANCE))
        offered: list[float] = []
        for exact in _nearest_first(candidates, values, rough.value, low, high):
            drift = (rough.value - exact.value) / exact.value
            if len(offered) >= MAX_LINKS and abs(drift) > offered[MAX_LINKS - 1]:
                break  # only the closest MAX_LINKS (and ties with them) can be kept
            if exact.qualifier != "exact" or exact.is_round or exact.rate != rough.rate:
                continue
            comparison = _compatible(rough, exact)
            if comparison is None:
                continue
            if rough.qualifier in ("more_than", "at_least") and exact.value < rough.value:
                continue  # 'more than 50,000' cannot stand for 48,240
            if rough.qualifier in ("less_than", "at_most") and exact.value > rough.value:
                continue
            offered.append(abs(drift))
            offer(FigureLink(rough.figure, exact.figure, ROUNDED, drift,
                             f"{_fmt(rough.value)} for {_fmt(exact.value)}: {drift:+.1%}").compared(comparison), exact)

    links = [link for options in chosen.values() for _key, link in sorted(options, key=lambda o: o[0])[:MAX_LINKS]]
    return sorted(links, key=lambda link: (link.source, link.reason, link.target))


def infer_roots(facts: list[FigureFact], links: list[FigureLink]) -> list[InferredRoot]:
    """Probable roots of unattributed figures, best evidence first: a figure derived from an
    attributed one in the same article, then the same value elsewhere, then a rounded one."""
    by_figure = {f.figure: f for f in facts}
    order = {DAILY_AVERAGE: 0, SAME_VALUE: 1, ROUNDED: 2}
    found: dict[str, list[tuple[tuple, str, FigureLink]]] = {}
    for link in links:
        for mine, other in ((link.source, link.target), (link.target, link.source)):
            fact, evidence = by_figure.get(mine), by_figure.get(other)
            if fact is None or evidence is None or fact.attributed or not evidence.attributed:
                continue
            for root in evidence.roots:
                key = (evidence.article != fact.article, order[link.reason], abs(link.drift), evidence.published or "9999")
                found.setdefault(mine, []).append((key, root, link))
    inferred = []
    for figure, options in found.items():
        seen = set()
        for _key, root, link in sorted(options, key=lambda o: (o[0], o[1])):
            if (root, link) in seen:
                continue
            seen.add((root, link))
            inferred.append(InferredRoot(by_figure[figure].claim, figure, root, link, len(seen)))
    return inferred


# -- the store ---------------------------------------------------------------------------------

def figure_facts(store: Store) -> list[FigureFact]:
    """Every figure of every article, with what linking needs to know of it.

    Read as single-pattern scans joined here, not as one SPARQL join: the store resolves a join
    with an index lookup per row, and at 10,000 articles the one query took 126 s, the scans 42 s.
    A claim's article is the graph it is in (one named graph per article)."""
    def pairs(pattern: str, graph: bool = False) -> Iterator[tuple[str, ...]]:
        """The values of the pattern's variables (the graph's first), in the order they appear."""
        names = (["g"] if graph else []) + list(dict.fromkeys(re.findall(r"\?(\w+)", pattern)))
        where = f"GRAPH ?g {{ {pattern} }}" if graph else pattern
        return store.tuples(f"SELECT {' '.join('?' + n for n in names)} WHERE {{ {where} }}")

    claims = {figure: (claim, article) for article, claim, figure in pairs(f"?c <{NP.hasFigure}> ?f", graph=True)}
    qualifiers = {figure: q for figure, q in pairs(f"?f <{NP.qualifier}> ?q") if figure in claims}
    measures = {figure: m for figure, m in pairs(f"?f <{NP.measure}> ?m") if figure in claims}
    periods = {figure: p for figure, p in pairs(f"?f <{NP.period}> ?p") if figure in claims}
    subjects = {figure: x for figure, x in pairs(f"?f <{NP.figureSubject}> ?x") if figure in claims}
    subject_entities = {figure: x for figure, x in pairs(f"?f <{NP.subjectEntity}> ?x") if figure in claims}
    kinds = {figure: _KIND_OF.get(k.rsplit("#", 1)[-1]) for figure, k in pairs(f"?f <{NP.periodKind}> ?k") if figure in claims}
    firsts = {figure: x for figure, x in pairs(f"?f <{NP.periodStart}> ?x") if figure in claims}
    lasts = {figure: x for figure, x in pairs(f"?f <{NP.periodEnd}> ?x") if figure in claims}
    published = dict(pairs("?a <https://schema.org/datePublished> ?d"))
    # a claim's root sources: the agents of its hops that no other of its hops is reported through
    hops: dict[str, list[str]] = {}
    for claim, hop in pairs(f"?c <{NP.hasAttribution}> ?h"):
        hops.setdefault(claim, []).append(hop)
    agents = dict(pairs("?h <http://www.w3.org/ns/prov#agent> ?a"))
    outer = {(inner, hop) for inner, hop in pairs(f"?i <{NP.via}> ?h")}
    facts = []
    for figure, value in pairs("?f <https://schema.org/value> ?v"):
        if figure not in claims or figure not in qualifiers:
            continue
        claim, article = claims[figure]
        roots: list[str] = []
        for hop in hops.get(claim, ()):
            root = agents.get(hop)
            if root and root not in roots and not any((inner, hop) in outer for inner in hops[claim]):
                roots.append(root)
        facts.append(FigureFact(
            figure=figure, claim=claim, article=article, value=float(value),
            qualifier=_QUALIFIER_OF[qualifiers[figure].rsplit("#", 1)[-1].lower()], measure=measures.get(figure, ""),
            period=periods.get(figure, ""), published=published.get(article, ""), roots=roots,
            subject=subjects.get(figure, ""), subject_entity=subject_entities.get(figure, ""),
            time=Time(kinds[figure], _day(firsts.get(figure)), _day(lasts.get(figure))) if kinds.get(figure) else None))
    return sorted(facts, key=lambda f: f.figure)


_QUALIFIER_OF = {name.replace("_", ""): name for name in QUALIFIERS}  # 'morethan' (np:moreThan) -> 'more_than'
_KIND_OF = {term.rsplit("#", 1)[-1]: kind for kind, term in PERIOD_KIND_TERMS.items()}  # 'SingleDay' -> 'day'
_COMPARISON_TERM = {name: str(term) for name, term in COMPARISON_TERMS.items()}


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def links_ntriples(links: list[FigureLink], inferred: list[InferredRoot]) -> str:
    lines = []
    for link in links:
        node = f"<{link.iri}>"
        lines += [f"{node} <{RDF_TYPE}> <{NP.FigureLink}> .", f"{node} <{NP.fromFigure}> <{link.source}> .",
                  f"{node} <{NP.toFigure}> <{link.target}> .", f"{node} <{NP.linkReason}> <{NP}{link.reason}> .",
                  f"{node} <{NP.drift}> {literal(f'{link.drift:.6f}', XSD + 'decimal')} .",
                  f"{node} <{NP.arithmetic}> {literal(link.arithmetic)} .",
                  f"{node} <{NP.subjectComparison}> <{_COMPARISON_TERM[link.subject]}> .",
                  f"{node} <{NP.measureComparison}> <{_COMPARISON_TERM[link.measure]}> .",
                  f"{node} <{NP.timeComparison}> <{_COMPARISON_TERM[link.time]}> .",
                  f"<{link.source}> <{NP.sameFigureAs}> <{link.target}> ."]
    for root in inferred:
        node = f"<{root.iri}>"
        lines += [f"<{root.claim}> <{NP.inferredAttribution}> {node} .", f"{node} <{RDF_TYPE}> <{NP.InferredAttribution}> .",
                  f"{node} <http://www.w3.org/ns/prov#agent> <{root.source}> .",
                  f"{node} <{NP.evidence}> <{root.link.iri}> .", f"{node} <{NP.basis}> <{NP.inferredFromFigureLink}> .",
                  f"{node} <{NP.rank}> {literal(str(root.rank), XSD + 'integer')} ."]
    return ntriples_text(lines)


_COMPARISON_OF = {str(term): name for name, term in COMPARISON_TERMS.items()}


def compared(row: dict) -> dict[str, str]:
    """A link's comparisons, from a row with the IRIs of its np:subjectComparison, np:measureComparison
    and np:timeComparison under 'subject', 'measure' and 'time': {'subject': 'same', ...}."""
    return {name: _COMPARISON_OF.get(row.get(name) or "", "unstated") for name in COMPARED}


def link_rows(store: Store, figures: set[str] | None = None) -> list[dict]:
    """The figure links from or to the given figures (all, without), each with the texts of its
    figures, its reason, arithmetic, drift and how subject, measure and time compared."""
    rows = store.select(f"""PREFIX np: <{NP}> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?link ?f ?t ?from ?to ?reason ?arithmetic ?drift ?subject ?measure ?time WHERE {{
            ?link a np:FigureLink ; np:fromFigure ?f ; np:toFigure ?t ; np:linkReason ?reason ;
                  np:arithmetic ?arithmetic ; np:drift ?drift .
            ?f nif:anchorOf ?from . ?t nif:anchorOf ?to .
            OPTIONAL {{ ?link np:subjectComparison ?subject }} OPTIONAL {{ ?link np:measureComparison ?measure }}
            OPTIONAL {{ ?link np:timeComparison ?time }} }}""")
    found = []
    for row in rows:
        if figures is not None and row["f"] not in figures and row["t"] not in figures:
            continue
        found.append({"from": row["from"], "to": row["to"], "from_iri": row["f"], "to_iri": row["t"],
                      "reason": REASON_LABELS.get(row["reason"].rsplit("#", 1)[-1], row["reason"]),
                      "arithmetic": row["arithmetic"], "drift": float(row["drift"]), "compared": compared(row)})
    return sorted(found, key=lambda r: (r["arithmetic"], r["from_iri"], r["to_iri"]))


def articles_digest(store: Store) -> str:
    """The SHA-256 of the store's article fingerprints: what the derived graphs were computed from."""
    digest = hashlib.sha256()
    for iri, stamp in sorted(store.fingerprints().items()):
        digest.update(f"{iri} {stamp}\n".encode())
    return digest.hexdigest()


def links_graphs(facts: list[FigureFact], links: list[FigureLink], inferred: list[InferredRoot]) -> dict[str, str]:
    """Graph IRI -> N-Triples: each article's figure links (those from its figures) and inferred
    roots (of its claims) in a graph of its own, so new articles rewrite a few small graphs
    rather than one graph of millions of triples."""
    article_of = {f.figure: f.article for f in facts}
    article_of_claim = {f.claim: f.article for f in facts}
    grouped: dict[str, tuple[list, list]] = {}
    for link in links:
        grouped.setdefault(article_of[link.source], ([], []))[0].append(link)
    for root in inferred:
        grouped.setdefault(article_of_claim[root.claim], ([], []))[1].append(root)
    return {f"{LINKS_GRAPH}/{article.rsplit('/', 1)[-1]}": links_ntriples(*grouped[article]) for article in sorted(grouped)}
