"""Which articles and figures an analysis looks at: dates, outlets, a measure and a subject.

A :class:`Scope` is the filters a user gave (``--since``, ``--until``, ``--outlet``,
``--measure``, ``--subject``). It is never applied to rows already read: :meth:`Scope.where` renders it as
graph patterns and FILTERs that the analyses put inside the queries that select claims and
figures, so the store returns only what is in scope.

- **Dates** bound the article's ``schema:datePublished``. A bound is a day, a month or a year
  (``2025-02-14``, ``2025-02``, ``2025``): ``since`` starts on its first day, ``until`` ends on
  its last. An article is in scope when its whole date lies inside: one dated ``2025-02`` is in
  ``since 2025-02`` and ``until 2025-02-28``, not in ``since 2025-02-10`` (it may be earlier).
  An article with no date is outside any date bound.
- **Outlets** (any of them) match an article when one equals, case aside, its publisher's label
  (``The Sun``) or the host of its URL, or a domain that host is in (``thesun.co.uk`` matches
  ``https://www.thesun.co.uk/...``, not ``notthesun.co.uk``).
- **Measure** keeps the figures of a measure's family (``tanks``; ``troops`` and ``casualties``
  are one family, as in figure links); a claim is in scope if one of its figures is.
- **Subject** keeps the figures whose subject (``np:figureSubject``: whose losses, votes or
  revenue the figure counts, where the text states it) contains the words given, case aside
  (``russian`` matches 'Russian forces', ``north korean`` 'North Korean troops'); a figure whose
  text states no subject is left out. A claim is in scope if one of its figures is.

A new filter is one more field, one more clause in :meth:`Scope.where` and one more word in
:meth:`Scope.describe`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..errors import InputError, setting
from ..graph.base import Store
from ..graph.sparql import iri, literal
from ..graph.vocab import NIF, NP, PREFIX_MAP
from .links import family_of, measure_family
from .reference import resolve_measure

SCHEMA = PREFIX_MAP["schema"]
RDFS_LABEL = PREFIX_MAP["rdfs"] + "label"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# the host of an http(s) URL, lower-cased by the caller: after the scheme and any user, up to a port or path
_HOST = r"^[a-z][a-z0-9+.-]*://([^/?#@]*@)?([^/?#:]*).*$"


def _bound(text: str, name: str, last: bool) -> date:
    """``2025``, ``2025-02`` or ``2025-02-14`` as its first day (or its last, with ``last``)."""
    match = _DATE.fullmatch(text.strip())
    try:
        if not match:
            raise ValueError
        year, month, day = int(match.group(1)), match.group(2), match.group(3)
        if day:
            return date(year, int(month), int(day))
        if month:
            first = date(year, int(month), 1)
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1) if last else first
        return date(year, 12, 31) if last else date(year, 1, 1)
    except ValueError:
        raise InputError(f"{setting(name)} {text!r} is not a date: give YYYY-MM-DD, YYYY-MM (the whole month) "
                         f"or YYYY (the whole year)") from None


def _domain(outlet: str) -> str:
    """What an --outlet value matches as a web domain: its host if it is a URL, else itself; lower-cased."""
    text = outlet.strip().lower()
    host = re.match(_HOST, text)
    return host.group(2) if host else text.rstrip("/")


@dataclass(frozen=True)
class Scope:
    since: date | None = None
    until: date | None = None
    outlets: tuple[str, ...] = ()
    measure: str | None = None
    subject: str | None = None
    # the store's measure strings of the measure's family, read by resolve(); None until then
    measures: tuple[str, ...] | None = None

    @classmethod
    def parse(cls, since: str | None = None, until: str | None = None, outlets=(), measure: str | None = None,
              subject: str | None = None) -> Scope:
        """The filters as given on the command line; InputError for a bad date or an empty range."""
        start = _bound(since, "since", last=False) if since else None
        end = _bound(until, "until", last=True) if until else None
        if start and end and start > end:
            raise InputError(f"{setting('since')} {since} is after {setting('until')} {until}: no article can be "
                             f"in between")
        wanted = tuple(o.strip() for o in outlets if o.strip())
        if outlets and not wanted:
            raise InputError(f"{setting('outlet')} is empty; give an outlet's name or web domain")
        if subject is not None and not subject.strip():
            raise InputError(f"{setting('subject')} is empty; give words of a figure's subject ('Russian forces')")
        return cls(start, end, wanted, measure.strip() if measure and measure.strip() else None,
                   " ".join(subject.split()) if subject else None)

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.outlets or self.measure or self.subject)

    def without_measure(self) -> Scope:
        return replace(self, measure=None, measures=None)

    def resolve(self, store: Store) -> Scope:
        """The scope with the store's measure strings that belong to the measure's family (the
        measures lexicon's rule, which SPARQL cannot run); InputError for a measure newsprov
        does not know."""
        if not self.measure or self.measures is not None:
            return self
        family = family_of(resolve_measure(self.measure)[1])
        found = store.select(f"SELECT DISTINCT ?m WHERE {{ ?f {iri(str(NP.measure))} ?m }}")
        return replace(self, measures=tuple(sorted(r["m"] for r in found if measure_family(r["m"]) == family)))

    def where(self, article: str = "?article", figure: str | None = None, claim: str | None = None) -> str:
        """Graph patterns and FILTERs that keep ``article`` (a variable or IRI term) and, with the
        measure, ``figure`` (or, when the query has no figure, a figure of ``claim``) in scope.
        '' when there is no filter. Each clause is a FILTER EXISTS: it never multiplies rows."""
        clauses = []
        if self.since or self.until:
            clauses.append(f"FILTER EXISTS {{ {article} {iri(SCHEMA + 'datePublished')} ?scope_date . "
                           f"{self._date_filter('STR(?scope_date)')} }}")
        if self.outlets:
            labels = ", ".join(literal(o.lower()) for o in self.outlets)
            host = f'LCASE(REPLACE(STR(?scope_url), {literal(_HOST)}, "$2", "i"))'
            domains = " || ".join(f"{host} = {literal(d)} || STRENDS({host}, {literal('.' + d)})"
                                  for d in dict.fromkeys(_domain(o) for o in self.outlets))
            clauses.append(
                f"FILTER (EXISTS {{ {article} {iri(SCHEMA + 'publisher')} ?scope_publisher . "
                f"?scope_publisher {iri(RDFS_LABEL)} ?scope_label . FILTER (LCASE(STR(?scope_label)) IN ({labels})) }} "
                f"|| EXISTS {{ {article} {iri(SCHEMA + 'url')} ?scope_url . FILTER ({domains}) }})")
        if self.measure:
            if self.measures is None:
                raise ValueError("resolve(store) the scope before rendering its measure")
            wanted = ", ".join(literal(m) for m in self.measures)
            test = f"FILTER (?scope_measure IN ({wanted}))" if wanted else "FILTER (false)"
            if figure:
                clauses.append(f"FILTER EXISTS {{ {figure} {iri(str(NP.measure))} ?scope_measure . {test} }}")
            elif claim:
                clauses.append(f"FILTER EXISTS {{ {claim} {iri(str(NP.hasFigure))} ?scope_figure . "
                               f"?scope_figure {iri(str(NP.measure))} ?scope_measure . {test} }}")
        if self.subject:
            test = (f"?scope_subject . FILTER (CONTAINS(LCASE(STR(?scope_subject)), {literal(self.subject.lower())}))")
            if figure:
                clauses.append(f"FILTER EXISTS {{ {figure} {iri(str(NP.figureSubject))} {test} }}")
            elif claim:
                clauses.append(f"FILTER EXISTS {{ {claim} {iri(str(NP.hasFigure))} ?scope_subject_figure . "
                               f"?scope_subject_figure {iri(str(NP.figureSubject))} {test} }}")
        return " ".join(clauses)

    def figure_where(self, figure: str, claim: str | None = None) -> str:
        """Patterns that keep ``figure`` only when it (its measure) and its article (found through
        ``claim``, or a claim of its own) are in scope; '' without a filter."""
        if not self:
            return ""
        claim = claim or f"{figure}_claim"
        article = f"{figure}_article"
        return (f"{claim} {iri(str(NP.hasFigure))} {figure} ; {iri(str(NIF.referenceContext))} {article} . "
                f"{self.where(article, figure)}")

    def _date_filter(self, value: str) -> str:
        """The date ``value`` (YYYY, YYYY-MM or YYYY-MM-DD) lies wholly inside the bounds.

        Compared as text at the date's own precision: a date is wholly on or after ``since``
        when it comes after the day before ``since`` cut to its length (``2025-02`` > ``2025-01``
        for since 2025-02-01), and wholly on or before ``until`` when it comes before the day
        after ``until`` cut to its length (``2025-02`` < ``2025-03`` for until 2025-02-28)."""
        tests = []
        if self.since and self.since > date.min:
            tests.append(f"{value} > SUBSTR({literal((self.since - timedelta(days=1)).isoformat())}, 1, STRLEN({value}))")
        if self.until and self.until < date.max:
            tests.append(f"{value} < SUBSTR({literal((self.until + timedelta(days=1)).isoformat())}, 1, STRLEN({value}))")
        return f"FILTER ({' && '.join(tests)})" if tests else ""

    def describe(self) -> str:
        """The filters in words, for the header line of text output and for messages."""
        parts = []
        if self.since:
            parts.append(f"since {self.since.isoformat()}")
        if self.until:
            parts.append(f"until {self.until.isoformat()}")
        if self.outlets:
            parts.append("outlet " + " or ".join(self.outlets))
        if self.measure:
            parts.append(f"measure {self.measure}")
        if self.subject:
            parts.append(f"subject {self.subject}")
        return ", ".join(parts)

    def header(self) -> str:
        """The line that tells a reader the output was narrowed; '' with no filter."""
        return f"filters: {self.describe()} (undated articles left out)" if self.since or self.until else (
            f"filters: {self.describe()}" if self else "")

    def as_dict(self) -> dict:
        return {"since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "outlets": list(self.outlets), "measure": self.measure,
                **({"subject": self.subject} if self.subject else {})}

    def excluded(self, what: str) -> str:
        """The message when the filters leave nothing: ``what`` occurs, but not in scope."""
        return f"the filters ({self.describe()}) excluded {what}; widen or drop them"
