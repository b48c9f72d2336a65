"""Reference series: a primary source's own daily cumulative tally, and the figures that match it.

A series (`newsprov reference add FILE --source LABEL --measure COLUMN`) is one column of a
file of dated cumulative totals, such as the General Staff of the Armed Forces of Ukraine's
daily tally of Russian losses. It is stored as RDF in a named graph of its own: the series,
the source it belongs to, and one observation per day.

Every figure in the store whose measure fits a series is checked against it in three ways:

- **cumulative total on a date**: the figure equals the tally of a day shortly before the
  article (841,660 is the tally of 2025-02-03). The day on which most of an article's figures
  match is that article's *tally date*; its other figures of the same kind are compared with
  the tally of that day, which finds drift (350 aircraft where the tally said 356) and rounding
  (10,400 drones for 10,414);
- **difference over a calendar month**: total(first day of the next month) - total(first day of
  the month): 48,240 in January 2025;
- **daily average over a month**: that difference divided by the month's days: 1,556 a day.

A match names the series' source as the figure's primary source and compares it with the
source the article credits: correct, a related body declared with the series (`--credited-as`),
the source's country, an unnamed source, nobody, or someone else: a misattribution.
Matches are derived data, recomputed into one named graph after each change to the articles
or the series.
"""
from __future__ import annotations

import calendar
import csv
import hashlib
import io
import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO
from rdflib.namespace import XSD as XSD_TERMS

from ..errors import InputError, NotFoundError, setting
from ..extract.lexicon import load_lexicons
from ..fetch import fetch
from ..graph.base import Store, is_remote
from ..graph.build import literal, ntriples_text
from ..graph.sparql import iris
from ..graph.vocab import ENTITY_CLASSES, NP, NS
from ..graph.vocab import NP as V
from ..ids import ID_BASE, entity_iri
from ..model import decimal_text
from .links import (
    RDF_TYPE,
    TOLERANCE,
    XSD,
    FigureFact,
    _fmt,
    _minted,
    family_of,
    measure_family,
    prepare,
)

MATCHES_GRAPH = ID_BASE + "graph/reference-matches"
SERIES_BASE = ID_BASE + "series/"

CUMULATIVE, MONTHLY, DAILY = "CumulativeTotal", "MonthlyDifference", "DailyAverageOverMonth"
KIND_LABELS = {CUMULATIVE: "cumulative total", MONTHLY: "difference over a month",
               DAILY: "daily average over a month"}
EXACT, ROUNDED, HEDGED, DRIFT = "ExactAgreement", "RoundedAgreement", "HedgedAgreement", "Drift"
AGREEMENT_LABELS = {EXACT: "exact", ROUNDED: "rounded", HEDGED: "hedged", DRIFT: "drift"}
CORRECT, RELATED, RELAY, BROAD, VAGUE, UNCREDITED, MISATTRIBUTED = (
    "CreditedCorrectly", "CreditedToRelatedBody", "CreditedToRelay", "CreditedBroadly", "CreditedVaguely",
    "Uncredited", "Misattributed")
STATUS_LABELS = {CORRECT: "correct", RELATED: "related body", RELAY: "relay", BROAD: "country or place",
                 VAGUE: "unnamed source", UNCREDITED: "unattributed", MISATTRIBUTED: "misattributed"}

# an exact cumulative figure is looked for in the tallies of the days before its article
LOOK_BACK = timedelta(days=60)
# a figure that differs from the tally of its article's tally date by at most this much has
# drifted; beyond it, it is some other number
DRIFT_LIMIT = 0.10
# a lone exact figure dates itself only if it is large enough not to match by chance
MIN_DATING_VALUE = 1_000
MAX_FILE_BYTES = 50_000_000


# -- series ------------------------------------------------------------------------------------

@dataclass
class Series:
    iri: str
    source: str  # the source's entity IRI
    source_label: str
    source_type: str
    source_country: str
    column: str
    measure: str  # the measures lexicon's label
    family: str
    accepts: frozenset[str]  # the measure families a figure may have to be this series' value
    credited_as: tuple[str, ...] = ()  # entity IRIs that are fair credits for it
    file: str = ""
    file_sha256: str = ""
    retrieved_from: str = ""  # the URL a downloaded series came from
    retrieved: str = ""  # when it was downloaded (ISO 8601, UTC)
    days: list[date] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.changed = 0  # days added or changed by the load that built it
        self.source_known = False  # whether that load found the source in the gazetteer
        self._by_value: dict[float, list[int]] = {}
        for i, value in enumerate(self.values):
            self._by_value.setdefault(value, []).append(i)

    @property
    def label(self) -> str:
        return f"{self.source_label}: {self.column}"

    def on(self, day: date) -> float | None:
        """The tally as published on that day, if the series has it."""
        i = bisect_left(self.days, day)
        return self.values[i] if i < len(self.days) and self.days[i] == day else None

    def days_with(self, value: float, start: date | None, end: date | None) -> list[date]:
        return [self.days[i] for i in self._by_value.get(value, [])
                if (start is None or self.days[i] >= start) and (end is None or self.days[i] <= end)]

    def month_difference(self, year: int, month: int) -> tuple[float, date, date] | None:
        """total(first day of the next month) - total(first day of the month)."""
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        low, high = self.on(first), self.on(following)
        if low is None or high is None:
            return None
        return high - low, first, following


def series_iri(source_iri: str, column: str) -> str:
    key = source_iri.rsplit("/", 1)[-1] + "/" + re.sub(r"[^A-Za-z0-9_.-]+", "-", column.strip().lower()).strip("-")
    return SERIES_BASE + key


def read_series_file(path: Path) -> tuple[list[dict], str]:
    """The records of a JSON list (or CSV) of dated rows, and the file's SHA-256; one clear
    error for anything else."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"{path}: larger than {MAX_FILE_BYTES // 1_000_000} MB; is it a daily series?")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return read_series_bytes(raw, str(path), path.suffix.lower() == ".csv")


def read_series_bytes(raw: bytes, name: str, is_csv: bool) -> tuple[list[dict], str]:
    """The records of a series' bytes (JSON list, or CSV), and their SHA-256."""
    if not raw.strip():
        raise InputError(f"{name}: the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text (a binary file?)") from None
    if is_csv:
        rows = list(csv.DictReader(io.StringIO(text)))
    else:
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise InputError(f"{name}: expected a list of records like {{\"date\": \"2025-02-03\", \"personnel\": 841660}}")
    return rows, hashlib.sha256(raw).hexdigest()


def series_points(rows: list[dict], column: str, path: Path) -> tuple[list[date], list[float]]:
    """Dated values of one column, in date order; rows without the column are skipped
    (a column that starts later in the series)."""
    numeric = sorted({k for r in rows for k, v in r.items() if k != "date" and _number(v) is not None})
    if not any(column in r for r in rows):
        raise InputError(f"{path}: no column {column!r}; numeric columns: {', '.join(numeric) or 'none'}")
    points: dict[date, float] = {}
    for number, row in enumerate(rows, 1):
        if row.get(column) in (None, ""):
            continue
        try:
            day = date.fromisoformat(str(row.get("date", "")).strip())
        except ValueError:
            raise InputError(f"{path}: record {number} has no ISO date (\"date\": \"YYYY-MM-DD\")") from None
        value = _number(row[column])
        if value is None:
            raise InputError(f"{path}: record {number}: {column} is {row[column]!r}, not a number")
        if day in points and points[day] != value:
            raise InputError(f"{path}: {day} appears twice with different values of {column}")
        points[day] = value
    if len(points) < 2:
        raise InputError(f"{path}: fewer than two dated values of {column}")
    days = sorted(points)
    return days, [points[d] for d in days]


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d[\d,]*(\.\d+)?\s*", value):
        return float(value.replace(",", ""))
    return None


def resolve_measure(spec: str) -> tuple[str, dict]:
    """'personnel' or 'APC=armoured vehicles' -> (column, the measures lexicon row)."""
    column, _, name = spec.partition("=")
    column, name = column.strip(), (name or column).strip()
    measures = load_lexicons().measures
    wanted = name.lower()
    for candidates in ({wanted}, {wanted + "s", wanted + "es"}):
        for row in measures.values():
            names = {row["id"].lower(), row["label"].lower(), *(p.lower() for p in row["patterns"])}
            if names & candidates:
                return column, row
    known = ", ".join(sorted(r["label"] for r in measures.values()))
    raise InputError(f"{name!r} names no measure newsprov knows; map the column to one with "
                     f"{setting('measure')} '{column}=MEASURE' (measures: {known})")


def resolve_source(label: str, lexicons=None) -> dict:
    """A source label -> its gazetteer entity (same IRI as in the articles), or a new one."""
    from ..extract.entities import EntityFinder  # lazily: the entity rules compile on import; only --source needs them

    lexicons = lexicons or load_lexicons()
    key = re.sub(r"^the\s+", "", label.strip().lower().replace("\u2019", "'"))
    entries = [e for e in lexicons.gazetteer if e.label.lower() == key] or EntityFinder(lexicons).candidates(label)
    if len(entries) > 1:
        raise InputError(f"{label!r} could be {' or '.join(repr(e.label) for e in entries)}; give the full name")
    if entries:
        e = entries[0]
        return {"iri": entity_iri(e.id), "label": e.label, "type": e.type, "country": e.country, "known": True}
    if not key:
        raise InputError("the source label is empty")
    return {"iri": entity_iri("source/" + key), "label": label.strip(), "type": "Organisation", "country": "",
            "known": False}


def accepted_families(row: dict) -> frozenset[str]:
    """The measure families a figure may have to be a value of a series of this measure: its own,
    and those it is 'reported_as' ('killed', for a personnel tally)."""
    measures = load_lexicons().measures
    return frozenset({family_of(row), *(measure_family(measures[m]["label"]) for m in row.get("reported_as", []))})


def build_series(path: Path, rows: list[dict], file_sha256: str, source: dict, measure_spec: str,
                 credited_as: list[dict] = (), fetched=None) -> Series:
    """One column of a series file (or of a download, ``fetched``: a ``fetch.Fetched``)."""
    column, row = resolve_measure(measure_spec)
    days, values = series_points(rows, column, path)
    return Series(
        iri=series_iri(source["iri"], column), source=source["iri"], source_label=source["label"],
        source_type=source["type"], source_country=source["country"], column=column, measure=row["label"],
        family=family_of(row), accepts=accepted_families(row), credited_as=tuple(c["iri"] for c in credited_as),
        file=path.name, file_sha256=file_sha256, days=days, values=values,
        retrieved_from=fetched.url if fetched else "", retrieved=fetched.retrieved if fetched else "")


def series_ntriples(series: Series, entities: list[dict]) -> str:
    g = Graph()
    node = URIRef(series.iri)
    g.add((node, RDF.type, V.ReferenceSeries))
    g.add((node, RDFS.label, Literal(series.label)))
    g.add((node, PROV.wasAttributedTo, URIRef(series.source)))
    g.add((node, V.seriesColumn, Literal(series.column)))
    g.add((node, V.measure, Literal(series.measure)))
    g.add((node, V.sourceFile, Literal(series.file)))
    g.add((node, V.textSha256, Literal(series.file_sha256)))
    if series.retrieved_from:
        g.add((node, V.retrievedFrom, Literal(series.retrieved_from, datatype=XSD_TERMS.anyURI)))
        g.add((node, V.retrievedAt, Literal(series.retrieved, datatype=XSD_TERMS.dateTime)))
    g.add((node, SDO.temporalCoverage, Literal(f"{series.days[0].isoformat()}/{series.days[-1].isoformat()}")))
    for credit in series.credited_as:
        g.add((node, V.creditedAs, URIRef(credit)))
    for entity in entities:  # the sources named, so that the series graph stands on its own
        e = URIRef(entity["iri"])
        g.add((e, RDF.type, ENTITY_CLASSES.get(entity["type"], V.UntypedEntity)))
        g.add((e, RDFS.label, Literal(entity["label"])))
        if entity["country"]:
            g.add((e, V.countryCode, Literal(entity["country"])))
    # one observation a day: thousands of them, written as N-Triples directly (every part is
    # an IRI of ours, an ISO date or a number, so nothing needs escaping)
    lines = []
    for day, value in zip(series.days, series.values):
        obs = f"<{series.iri}/{day.isoformat()}>"
        lines.append(f"{obs} <{RDF.type}> <{V.SeriesObservation}> .\n{obs} <{V.inSeries}> <{series.iri}> .\n"
                     f"{obs} <{V.onDate}> \"{day.isoformat()}\"^^<{XSD_TERMS.date}> .\n"
                     f"{obs} <{SDO.value}> \"{decimal_text(value)}\"^^<{XSD_TERMS.decimal}> .\n")
    return g.serialize(format="nt") + "".join(lines)


def stored_series(store: Store) -> list[Series]:
    meta = store.select(f"""
        PREFIX np: <{NS}> PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?series ?source ?slabel ?stype ?country ?column ?measure ?file ?sha ?from ?at (GROUP_CONCAT(STR(?credit); separator=" ") AS ?credits) WHERE {{
            ?series a np:ReferenceSeries ; prov:wasAttributedTo ?source ; np:seriesColumn ?column ; np:measure ?measure .
            OPTIONAL {{ ?series np:sourceFile ?file }} OPTIONAL {{ ?series np:textSha256 ?sha }}
            OPTIONAL {{ ?series np:retrievedFrom ?from }} OPTIONAL {{ ?series np:retrievedAt ?at }}
            OPTIONAL {{ ?series np:creditedAs ?credit }}
            OPTIONAL {{ ?source rdfs:label ?slabel }}
            OPTIONAL {{ ?source np:countryCode ?country }}
            OPTIONAL {{ ?source a ?stype . FILTER(STRSTARTS(STR(?stype), "{NS}")) }}
        }} GROUP BY ?series ?source ?slabel ?stype ?country ?column ?measure ?file ?sha ?from ?at ORDER BY ?series""")
    if not meta:
        return []
    points: dict[str, list[tuple[date, float]]] = {}
    for row in store.select(f"""
            PREFIX np: <{NS}> PREFIX schema: <https://schema.org/>
            SELECT ?series ?day ?value WHERE {{ ?obs np:inSeries ?series ; np:onDate ?day ; schema:value ?value }}"""):
        points.setdefault(row["series"], []).append((date.fromisoformat(row["day"]), float(row["value"])))
    measures = {row["label"]: row for row in load_lexicons().measures.values()}
    result, seen = [], set()
    for row in meta:
        if row["series"] in seen:
            continue
        seen.add(row["series"])
        lexicon_row = measures.get(row["measure"], {"id": row["measure"], "label": row["measure"]})
        data = sorted(points.get(row["series"], []))
        result.append(Series(
            iri=row["series"], source=row["source"], source_label=row["slabel"] or row["source"],
            source_type=(row["stype"] or "").rsplit("#", 1)[-1], source_country=row["country"] or "",
            column=row["column"], measure=row["measure"], family=family_of(lexicon_row),
            accepts=accepted_families(lexicon_row),
            credited_as=tuple(sorted(set((row["credits"] or "").split()))), file=row["file"] or "",
            file_sha256=row["sha"] or "", retrieved_from=row["from"] or "", retrieved=row["at"] or "",
            days=[d for d, _ in data], values=[v for _, v in data]))
    return result


# -- matching ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Credit:
    """What the article says about a figure's source: its chain of agents, outermost first."""
    agents: tuple[str, ...] = ()
    root_type: str = ""
    root_country: str = ""


@dataclass(frozen=True)
class Match:
    figure: str
    claim: str
    article: str
    series: str
    kind: str
    agreement: str
    series_value: float
    drift: float
    arithmetic: str
    status: str
    primary: str  # the series' source
    stated: str | None  # the root source the article credits
    on: date | None = None  # cumulative: the tally's date
    month: tuple[int, int] | None = None  # monthly and daily: the month

    @property
    def iri(self) -> str:
        return _minted("reference-match", self.figure, self.series, self.kind)


def publication_window(published: str) -> tuple[date, date] | None:
    """'2025-02-04' -> that day twice; '2025-02' -> the month; '2025' -> the year; '' -> None."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
            day = date.fromisoformat(published)
            return day, day
        if re.fullmatch(r"\d{4}-\d{2}", published):
            year, month = int(published[:4]), int(published[5:7])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"\d{4}", published):
            return date(int(published), 1, 1), date(int(published), 12, 31)
    except ValueError:
        return None
    return None


def agreement(value: float, qualifier: str, expected: float, allow_drift: bool) -> tuple[str, float] | None:
    """How a printed figure relates to the value it stands for, or None if it does not."""
    if expected == 0:
        return (EXACT, 0.0) if value == 0 else None
    drift = (value - expected) / expected
    if value == expected and qualifier in ("exact", "approximate", "at_least", "at_most"):
        return EXACT, 0.0
    if qualifier == "range":
        return None
    if qualifier in ("approximate", "more_than", "at_least", "less_than", "at_most"):
        if abs(drift) > TOLERANCE:
            return None
        if qualifier in ("more_than", "at_least") and value > expected or \
                qualifier in ("less_than", "at_most") and value < expected:
            return None
        return HEDGED, drift
    for places in (1, 2, 3, 4, 5):  # 10,400 for 10,414; half a million for 500,080
        step = 10 ** places
        if value % step == 0 and value >= step and round(expected / step) * step == value:
            return ROUNDED, drift
    if allow_drift and abs(drift) <= DRIFT_LIMIT:
        return DRIFT, drift
    return None


def credit_status(series: Series, credit: Credit, cites: dict[str, set[str]] | None = None) -> tuple[str, str | None]:
    """cites: source -> every source it is reported, anywhere in the corpus, to cite (directly or not)."""
    if not credit.agents:
        return UNCREDITED, None
    stated = credit.agents[-1]
    if series.source in credit.agents:
        return CORRECT, stated
    if any(agent in series.credited_as for agent in credit.agents):
        return RELATED, stated
    if series.source in (cites or {}).get(stated, ()):
        return RELAY, stated  # the UK MoD, which elsewhere credits the General Staff for such figures
    if credit.root_type in ("Country", "Region") and credit.root_country == series.source_country:
        return BROAD, stated  # 'Ukraine says', 'Kyiv claims'
    if credit.root_type == "VagueSource":
        return VAGUE, stated
    return MISATTRIBUTED, stated


def find_matches(facts: list[FigureFact], series_list: list[Series], credits: dict[str, Credit],
                 cites: dict[str, set[str]] | None = None) -> list[Match]:
    if not series_list or not facts:
        return []
    prepare(facts)
    by_article: dict[str, list[FigureFact]] = {}
    for fact in facts:
        by_article.setdefault(fact.article, []).append(fact)
    matches: list[Match] = []
    for article_facts in by_article.values():
        matches += _article_matches(article_facts, series_list, credits, cites or {})
    return sorted(matches, key=lambda m: (m.article, m.figure, m.series))


def _article_matches(facts: list[FigureFact], series_list: list[Series], credits: dict[str, Credit],
                     cites: dict[str, set[str]]) -> list[Match]:
    window = publication_window(facts[0].published)
    start, end = (window[0] - LOOK_BACK, window[1] + timedelta(days=1)) if window else (None, None)
    matches = []

    def add(fact, series, kind, found, expected, arithmetic, on=None, month=None):
        status, stated = credit_status(series, credits.get(fact.claim, Credit()), cites)
        matches.append(Match(fact.figure, fact.claim, fact.article, series.iri, kind, found[0], expected,
                             found[1], arithmetic, status, series.source, stated, on, month))

    # cumulative totals: an exact figure dates itself, whatever period the sentence seemed to give
    # it ('since the tanks rolled in in February'); the day most figures agree on dates the article
    fitting = [(f, s) for f in facts for s in series_list if f.family in s.accepts and f.qualifier != "range"]
    dated: dict[tuple[str, str], list[date]] = {}
    votes: dict[date, set[str]] = {}
    for fact, series in fitting:
        if fact.qualifier == "exact" and fact.value >= MIN_DATING_VALUE:
            days = series.days_with(fact.value, start, end)
            if days:
                dated[(fact.figure, series.iri)] = days
                for day in days:
                    votes.setdefault(day, set()).add(fact.figure)
    tally_day = max(votes, key=lambda d: (len(votes[d]), d)) if votes else None
    for fact, series in fitting:
        days = dated.get((fact.figure, series.iri))
        if days:
            day = tally_day if tally_day in days else days[-1]
            add(fact, series, CUMULATIVE, (EXACT, 0.0), fact.value,
                f"tally of {day.isoformat()} = {_fmt(fact.value)}", on=day)
            continue
        if fact.rate is not None or fact.month is not None:
            continue  # a rate or a month's figure is not compared with a day's tally
        day = tally_day
        if day is None and window and window[0] == window[1]:
            day = window[0]  # no figure dates the article: compare with the tally of its day
        expected = series.on(day) if day else None
        if expected is None:
            continue
        found = agreement(fact.value, fact.qualifier, expected, allow_drift=tally_day is not None)
        if found:
            arithmetic = f"tally of {day.isoformat()} = {_fmt(expected)}"
            if found[0] != EXACT:
                arithmetic += f"; printed {_fmt(fact.value)}: {found[1]:+.2%}"
            add(fact, series, CUMULATIVE, found, expected, arithmetic, on=day)

    # differences over a month, and their daily averages
    matched = {m.figure for m in matches}
    for fact in facts:
        if fact.month is None or fact.month[0] is None or fact.rate not in (None, "day", "month") \
                or fact.qualifier == "range" or fact.figure in matched:
            continue
        year, month = fact.month
        for series in series_list:
            if fact.family not in series.accepts:
                continue
            difference = series.month_difference(year, month)
            if difference is None:
                continue
            total, first, following = difference
            days = calendar.monthrange(year, month)[1]
            written = (f"tally of {following.isoformat()} - tally of {first.isoformat()} = "
                       f"{_fmt(series.on(following))} - {_fmt(series.on(first))} = {_fmt(total)}")
            average = total / days
            if fact.rate == "day":
                found = (EXACT, (fact.value - average) / average) if fact.qualifier == "exact" and abs(fact.value - average) < 1 \
                    else agreement(fact.value, fact.qualifier, average, allow_drift=False)
                if found:
                    add(fact, series, DAILY, found, average, f"({written}) / {days} = {average:,.1f}", month=(year, month))
                    continue
            # a month's total; an exact one also when its sentence gave it 'a day' ('21,470 in
            # February, or 767 a day': the rate belongs to the second figure)
            if fact.rate != "day" or fact.qualifier == "exact" and fact.value == total:
                found = agreement(fact.value, fact.qualifier, total, allow_drift=False)
                if found:
                    add(fact, series, MONTHLY, found, total, written, month=(year, month))
    return matches


# -- the store ---------------------------------------------------------------------------------

def claim_credits(store: Store, claims: list[str]) -> dict[str, Credit]:
    if not claims:
        return {}
    rows = store.select(f"""
        PREFIX np: <{NS}> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?claim ?n ?agent ?type ?country WHERE {{
            VALUES ?claim {{ {iris(claims)} }}
            ?claim np:hasAttribution ?hop . ?hop np:hop ?n ; prov:agent ?agent .
            OPTIONAL {{ ?agent a ?type . FILTER(STRSTARTS(STR(?type), "{NS}")) }}
            OPTIONAL {{ ?agent np:countryCode ?country }}
        }}""")
    hops: dict[str, dict[int, tuple[str, str, str]]] = {}
    for row in rows:
        hops.setdefault(row["claim"], {})[int(row["n"])] = (
            row["agent"], (row["type"] or "").rsplit("#", 1)[-1], row["country"] or "")
    credits = {}
    for claim, chain in hops.items():
        ordered = [chain[n] for n in sorted(chain)]
        credits[claim] = Credit(tuple(a for a, _, _ in ordered), ordered[-1][1], ordered[-1][2])
    return credits


def matches_ntriples(matches: list[Match]) -> str:
    lines = []
    for m in matches:
        node = f"<{m.iri}>"
        lines += [f"{node} <{RDF_TYPE}> <{NP.ReferenceMatch}> .",
                  f"{node} <{NP.matchedFigure}> <{m.figure}> .", f"{node} <{NP.referenceSeries}> <{m.series}> .",
                  f"{node} <{NP.matchKind}> <{NP}{m.kind}> .", f"{node} <{NP.agreement}> <{NP}{m.agreement}> .",
                  f"{node} <{NP.seriesValue}> {literal(decimal_text(round(m.series_value, 6)), XSD + 'decimal')} .",
                  f"{node} <{NP.drift}> {literal(f'{m.drift:.6f}', XSD + 'decimal')} .",
                  f"{node} <{NP.arithmetic}> {literal(m.arithmetic)} .",
                  f"{node} <{NP.creditStatus}> <{NP}{m.status}> .", f"{node} <{NP.primarySource}> <{m.primary}> .",
                  f"{node} <{NP.basis}> <{NP.matchedToReference}> ."]
        if m.stated:
            lines.append(f"{node} <{NP.statedSource}> <{m.stated}> .")
        if m.on:
            lines.append(f"{node} <{NP.onDate}> {literal(m.on.isoformat(), XSD + 'date')} .")
        if m.month:
            lines.append(f"{node} <{NP.inMonth}> {literal(f'{m.month[0]:04d}-{m.month[1]:02d}', XSD + 'gYearMonth')} .")
    return ntriples_text(lines)


def compute_matches(store: Store, facts: list[FigureFact]) -> list[Match]:
    series_list = stored_series(store)
    if not series_list:
        return []
    prepare(facts)
    accepted = {family for s in series_list for family in s.accepts}
    candidates = [f for f in facts if f.family in accepted]
    credits = claim_credits(store, sorted({f.claim for f in candidates}))
    return find_matches(candidates, series_list, credits, relayed_sources(store))


def relayed_sources(store: Store) -> dict[str, set[str]]:
    """Source -> the sources it is reported to cite, directly or through others, anywhere in the store."""
    import networkx as nx  # lazily: heavy; only the relays of a match need it

    graph = nx.DiGraph()
    for row in store.select(f"""
            PREFIX np: <{NS}> PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT DISTINCT ?outer ?inner WHERE {{ ?hop np:via ?via . ?via prov:agent ?outer . ?hop prov:agent ?inner }}"""):
        graph.add_edge(row["outer"], row["inner"])
    return {node: nx.descendants(graph, node) for node in graph}


def load_series(store: Store, path: Path | str, source_label: str, measure_specs: list[str],
                credited_as: list[str] = (), timeout: float = 30.0) -> list[Series]:
    """Write columns of a series file, or of the file at an http(s) URL, into the store,
    replacing the same source's same columns; the derived graphs are then out of date
    (``newsprov.derived.add_series`` refreshes them). Each series returned carries in
    ``changed`` the days added or changed since the version the store held."""
    built, graphs = prepare_series(store, path, source_label, measure_specs, credited_as, timeout)
    store.replace_graphs(graphs)
    return built


def prepare_series(store: Store, path: Path | str, source_label: str, measure_specs: list[str],
                   credited_as: list[str] = (), timeout: float = 30.0) -> tuple[list[Series], dict[str, str]]:
    """The series of ``load_series`` and their named graphs (IRI -> N-Triples), read, downloaded and
    checked but not yet written, so that several files can be written in one transaction."""
    lexicons = load_lexicons()
    source = resolve_source(source_label, lexicons)
    credits = [resolve_source(label, lexicons) for label in credited_as]
    fetched = None
    if is_remote(path):  # an http(s) URL, as a --store may be
        fetched = fetch(path, timeout=timeout, max_bytes=MAX_FILE_BYTES)
        name = Path(path.split("?", 1)[0].rstrip("/")).name or "series.json"
        rows, digest = read_series_bytes(fetched.data, path, name.lower().endswith(".csv"))
        path = Path(name)
    else:
        path = Path(path)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        rows, digest = read_series_file(path)
    built = [build_series(path, rows, digest, source, spec, credits, fetched) for spec in measure_specs]
    before = {s.iri: dict(zip(s.days, s.values)) for s in stored_series(store)}
    for series in built:
        old = before.get(series.iri, {})
        series.changed = sum(1 for day, value in zip(series.days, series.values) if old.get(day) != value)
        series.source_known = bool(source["known"])
    return built, {s.iri: series_ntriples(s, [source, *credits]) for s in built}


@dataclass(frozen=True)
class SeriesFile:
    """One file of a shipped series set and how to load it: ``reference add FILE --source ...
    --measure ... --credited-as ...`` in data."""

    file: str
    source: str
    measures: tuple[str, ...]
    credited_as: tuple[str, ...] = ()


GENERAL_STAFF_SETTINGS = Path(__file__).with_name("general_staff.json")
BASE_URL_ENV = "NEWSPROV_REFERENCE_BASE_URL"


def general_staff_files() -> tuple[str, list[SeriesFile]]:
    """The General Staff's series as the public dataset publishes them: its default base URL and,
    for each file, the source, measures and bodies it may be credited to (``general_staff.json``,
    which ``make demo`` uses too)."""
    settings = json.loads(GENERAL_STAFF_SETTINGS.read_text(encoding="utf-8"))
    return settings["base_url"], [SeriesFile(f["file"], f["source"], tuple(f["measures"]), tuple(f["credited_as"]))
                                  for f in settings["files"]]


def general_staff_plan(base: str | None = None, urls: tuple[str, ...] = (),
                       given: SeriesFile | None = None) -> list[tuple[str, SeriesFile]]:
    """(where, settings) for each General Staff file: under ``base`` (a URL or a folder; default
    the dataset's), or at each of ``urls``, whose file names say which series they hold, unless
    ``given`` settings (a source and measures) apply to them all."""
    default, files = general_staff_files()
    if urls and given is not None:
        return [(url, given) for url in urls]
    if urls:
        by_name = {f.file: f for f in files}
        plan = []
        for url in urls:
            name = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
            if name not in by_name:
                raise InputError(f"{url}: not one of the General Staff's series files "
                                 f"({', '.join(by_name)}); for another series give {setting('source')} and "
                                 f"{setting('measure')}")
            plan.append((url, by_name[name]))
        return plan
    base = base or default
    if is_remote(base):
        return [(base.rstrip("/") + "/" + f.file, f) for f in files]
    return [(str(Path(base) / f.file), f) for f in files]


def series_rows(store: Store, built: list[Series]) -> list[dict]:
    """One summary row per series just loaded, with its matches as the store now has them."""
    counts = _match_counts(store)
    return [{"series": s.label, "iri": s.iri, "source": s.source_label, "column": s.column, "measure": s.measure,
             "days": len(s.days), "first": s.days[0].isoformat(), "last": s.days[-1].isoformat(),
             "changed": s.changed, "matches": counts.get(s.iri, 0), "source_in_gazetteer": s.source_known,
             "retrieved_from": s.retrieved_from or None, "retrieved": s.retrieved or None} for s in built]


def list_series(store: Store) -> list[dict]:
    counts = _match_counts(store)
    return [{"series": s.label, "iri": s.iri, "source": s.source_label, "column": s.column, "measure": s.measure,
             "days": len(s.days), "first": s.days[0].isoformat() if s.days else None,
             "last": s.days[-1].isoformat() if s.days else None, "matches": counts.get(s.iri, 0), "file": s.file,
             "retrieved_from": s.retrieved_from or None, "retrieved": s.retrieved or None}
            for s in stored_series(store)]


def drop_series(store: Store, which: str) -> list[str]:
    """Drop the series whose IRI, label or column is WHICH; the IRIs removed (the derived graphs
    are then out of date: ``newsprov.derived.remove_series`` refreshes them)."""
    gone = [s.iri for s in stored_series(store) if which in (s.iri, s.label, s.column)]
    if not gone:
        raise NotFoundError(f"no reference series {which!r}; `newsprov reference list` shows them")
    store.replace_graphs({iri: "" for iri in gone})
    return gone



def _match_counts(store: Store) -> dict[str, int]:
    rows = store.select(f"""PREFIX np: <{NS}>
        SELECT ?series (COUNT(?m) AS ?n) WHERE {{ ?m np:referenceSeries ?series }} GROUP BY ?series""")
    return {row["series"]: int(row["n"]) for row in rows}


def matches_of(store: Store, figures: list[str] | None = None) -> dict[str, list[dict]]:
    """Figure IRI -> its reference matches as plain data (all figures when None)."""
    values = f"VALUES ?figure {{ {iris(figures)} }}" if figures is not None else ""
    if figures is not None and not figures:
        return {}
    rows = store.select(f"""
        PREFIX np: <{NS}>
        SELECT DISTINCT ?figure ?match ?series ?kind ?agreement ?svalue ?drift ?arithmetic ?status ?primary ?stated ?on ?month WHERE {{
            {values}
            ?match a np:ReferenceMatch ; np:matchedFigure ?figure ; np:referenceSeries ?series ; np:matchKind ?kind ;
                   np:agreement ?agreement ; np:seriesValue ?svalue ; np:drift ?drift ; np:arithmetic ?arithmetic ;
                   np:creditStatus ?status ; np:primarySource ?primary .
            OPTIONAL {{ ?match np:statedSource ?stated }}
            OPTIONAL {{ ?match np:onDate ?on }}
            OPTIONAL {{ ?match np:inMonth ?month }}
        }} ORDER BY ?figure ?series ?kind""")
    # labels and types apart: an entity named in many articles has its label in each of their graphs
    named = sorted({row[k] for row in rows for k in ("series", "primary", "stated") if row[k]})
    labels: dict[str, dict] = {}
    if named:
        for row in store.select(f"""
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT DISTINCT ?s ?label ?type WHERE {{
                    VALUES ?s {{ {iris(named)} }}
                    OPTIONAL {{ ?s rdfs:label ?label }}
                    OPTIONAL {{ ?s a ?type . FILTER(STRSTARTS(STR(?type), "{NS}")) }}
                }} ORDER BY ?s ?label ?type"""):
            labels.setdefault(row["s"], {"label": row["label"], "type": (row["type"] or "").rsplit("#", 1)[-1]})

    def source(iri: str) -> dict:
        return {"label": labels.get(iri, {}).get("label") or iri, "entity": iri}

    found: dict[str, list[dict]] = {}
    for row in rows:
        local = {k: row[k].rsplit("#", 1)[-1] for k in ("kind", "agreement", "status")}
        found.setdefault(row["figure"], []).append({
            "series": {"label": labels.get(row["series"], {}).get("label"), "iri": row["series"]},
            "kind": KIND_LABELS.get(local["kind"], local["kind"]),
            "date": row["on"], "month": row["month"],
            "series_value": float(row["svalue"]),
            "agreement": AGREEMENT_LABELS.get(local["agreement"], local["agreement"]),
            "drift": float(row["drift"]),
            "arithmetic": row["arithmetic"],
            "primary_source": {**source(row["primary"]), "type": labels.get(row["primary"], {}).get("type") or ""},
            "credit": STATUS_LABELS.get(local["status"], local["status"]),
            "stated_source": source(row["stated"]) if row["stated"] else None,
        })
    return found
