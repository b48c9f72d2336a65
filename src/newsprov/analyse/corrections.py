"""Corrections as the analyses read them: a person's judgement of a claim's chain, found again
in the store by the claim's text, and laid over what the extractor stated.

A correction lives in its own named graph (``ids.CORRECTIONS_GRAPH``), never in an article's.
It names the claim it was made on, but it is anchored to the claim's text: the article (named by
the hash of its text), the claim's sentence as written and its figures as written. Re-ingesting
the article, or ingesting it with another extractor that names its claims anew, leaves the
correction where it was: it applies to the claim of that article with that text. When no claim
has that text any more, the correction is *orphaned*: said, never dropped, never applied.

Each hop an analysis shows then has a ``basis``: ``stated`` (extracted from the text),
``corrected`` (a person's chain replacing it), ``confirmed`` (extracted, and judged right) or
``inferred`` (a probable root from a figure link). A rejected chain counts for no source.
The fields appear only when a correction applies, so outputs without one stay as they were.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..graph.base import Store
from ..graph.sparql import iri, iris, literal
from ..graph.vocab import NS
from ..ids import CORRECTIONS_GRAPH

PROV = "http://www.w3.org/ns/prov#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = "https://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
VERDICTS = {"Replaced": "replaced", "Confirmed": "confirmed", "Rejected": "rejected"}
ORPHANED = "orphaned: the claim's text is no longer in the store"
_PREFIXES = f"PREFIX np: <{NS}> PREFIX prov: <{PROV}> PREFIX rdfs: <{RDFS}> PREFIX schema: <{SCHEMA}> PREFIX nif: <{NIF}>"


@dataclass
class Correction:
    """One correction as stored; ``claim_now`` is the claim it applies to in the store today
    (None: orphaned), ``overridden_by`` a later correction of the same claim."""

    iri: str
    verdict: str  # replaced, confirmed or rejected
    claim: str  # the claim IRI when the correction was made
    article: str
    text: str
    note: str
    at: str
    by: str
    figures: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()
    hops: list[dict] = field(default_factory=list)  # outermost first: {"label", "entity", "type", "key"}
    claim_now: str | None = None
    overridden_by: str | None = None

    @property
    def id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def status(self) -> str:
        if self.claim_now is None:
            return ORPHANED
        if self.overridden_by:
            return f"overridden by {self.overridden_by.rsplit('/', 1)[-1]}"
        return "attached" if self.claim_now == self.claim else "attached again (the claim was renamed)"

    def summary(self) -> dict:
        """What an analysis shows of the correction beside a corrected claim."""
        return {"id": self.id, "iri": self.iri, "verdict": self.verdict, "by": self.by, "at": self.at,
                "note": self.note, "status": self.status}


def _in_graph(store: Store, pattern: str, names: str) -> list[dict]:
    return store.select(f"{_PREFIXES} SELECT {names} WHERE {{ GRAPH <{CORRECTIONS_GRAPH}> {{ {pattern} }} }}")


def read_corrections(store: Store) -> list[Correction]:
    """Every correction in the store, oldest first, each found again among today's claims."""
    rows = _in_graph(store, """?c a np:Correction ; np:verdict ?verdict ; np:correctsClaim ?claim ;
        np:anchorArticle ?article ; np:anchorText ?text ; rdfs:comment ?note ; prov:generatedAtTime ?at ;
        prov:wasGeneratedBy/prov:wasAssociatedWith/rdfs:label ?by""", "?c ?verdict ?claim ?article ?text ?note ?at ?by")
    if not rows:
        return []
    found = {r["c"]: Correction(r["c"], VERDICTS.get(r["verdict"].rsplit("#", 1)[-1], r["verdict"]), r["claim"],
                                r["article"], r["text"], r["note"], r["at"], r["by"]) for r in rows}
    figures: dict[str, list[str]] = {}
    for r in _in_graph(store, "?c np:anchorFigure ?f", "?c ?f"):
        figures.setdefault(r["c"], []).append(r["f"])
    superseded: dict[str, list[str]] = {}
    for r in _in_graph(store, "?c np:supersedes ?h", "?c ?h"):
        superseded.setdefault(r["c"], []).append(r["h"])
    hops = _in_graph(store, f"""?c np:correctedHop ?h . ?h np:hop ?n ; prov:agent ?agent .
        OPTIONAL {{ ?agent rdfs:label ?label }} OPTIONAL {{ ?agent schema:identifier ?key }}
        OPTIONAL {{ ?agent a ?type FILTER(STRSTARTS(STR(?type), "{NS}")) }}""", "?c ?n ?agent ?label ?key ?type")
    for r in sorted(hops, key=lambda r: int(r["n"])):
        if r["c"] in found and all(h["entity"] != r["agent"] for h in found[r["c"]].hops):
            found[r["c"]].hops.append({"label": r["label"] or r["agent"], "entity": r["agent"],
                                       "type": (r["type"] or "").rsplit("#", 1)[-1], "key": r["key"]})
    for iri, correction in found.items():
        correction.figures = tuple(sorted(figures.get(iri, ())))
        correction.supersedes = tuple(sorted(superseded.get(iri, ())))
    corrections = sorted(found.values(), key=lambda c: (c.at, c.iri))
    _attach(store, corrections)
    return corrections


def _attach(store: Store, corrections: list[Correction]) -> None:
    """Find each correction's claim among today's: the claim of its article with its text and
    figures (the claim it was made on if that is still there, else the first in the text)."""
    anchors = sorted({(c.article, c.text) for c in corrections})
    values = " ".join(f"({iri(article)} {literal(text)})" for article, text in anchors)
    candidates: dict[tuple[str, str], list[tuple[int, str]]] = {}
    if values:
        for r in store.select(f"""{_PREFIXES} SELECT ?article ?text ?claim ?begin WHERE {{
                VALUES (?article ?text) {{ {values} }}
                ?claim a np:Claim ; nif:referenceContext ?article ; nif:anchorOf ?text ; nif:beginIndex ?begin }}"""):
            candidates.setdefault((r["article"], r["text"]), []).append((int(r["begin"]), r["claim"]))
    claims = sorted({claim for found in candidates.values() for _, claim in found})
    figures: dict[str, set[str]] = {}
    if claims:
        for r in store.select(f"""{_PREFIXES} SELECT ?claim ?text WHERE {{
                VALUES ?claim {{ {iris(claims)} }} ?claim np:hasFigure/nif:anchorOf ?text }}"""):
            figures.setdefault(r["claim"], set()).add(r["text"])
    latest: dict[str, Correction] = {}
    for c in corrections:  # oldest first: a later judgement of the same claim overrides an earlier one
        fitting = sorted(claim for claim in candidates.get((c.article, c.text), ())
                         if set(c.figures) <= figures.get(claim[1], set()))
        chosen = [claim for _, claim in fitting]
        c.claim_now = c.claim if c.claim in chosen else (chosen[0] if chosen else None)
        if c.claim_now is not None:
            if c.claim_now in latest:
                latest[c.claim_now].overridden_by = c.iri
            latest[c.claim_now] = c


def in_effect(corrections: list[Correction]) -> dict[str, Correction]:
    """Claim IRI (today's) -> the correction that applies to it: the latest made on it."""
    return {c.claim_now: c for c in corrections if c.claim_now is not None and not c.overridden_by}


def has_corrections(store: Store) -> bool:
    rows = store.select(f"SELECT ?c WHERE {{ GRAPH <{CORRECTIONS_GRAPH}> {{ ?c a <{NS}Correction> }} }} LIMIT 1")
    return bool(rows)


def _status(hops: list[dict]) -> str:
    return "vague" if hops and hops[-1]["type"] in ("VagueSource", "UntypedEntity") else "named"


def apply_to_occurrences(store: Store, occurrences: list[dict]) -> list[dict]:
    """``trace`` occurrences with the corrections in effect laid over them. When one applies,
    every occurrence gets ``correction`` (None when it has none) and every hop a ``basis``;
    otherwise the occurrences are left exactly as they were."""
    if not occurrences or not has_corrections(store):
        return occurrences
    effect = in_effect(read_corrections(store))
    # a probable root inferred from a figure whose chain a person set aside rests on nothing
    set_aside = {(c.article.rsplit("/", 1)[-1], figure) for c in effect.values() if c.verdict != "confirmed"
                 for figure in c.figures}

    def rests_on_set_aside(guess: dict) -> bool:
        evidence = guess["evidence"]
        return (evidence["article"]["id"], evidence["figure"]["text"]) in set_aside

    if not any(o["claim"]["id"] in effect or any(map(rests_on_set_aside, o.get("inferred_roots", [])))
               for o in occurrences):
        return occurrences
    for o in occurrences:
        correction = effect.get(o["claim"]["id"])
        for hop in o["chain"]:
            hop.setdefault("basis", "stated")  # or article-level, as trace gave it
        if o.get("inferred_roots"):
            o["inferred_roots"] = [{**guess, "basis": "inferred"} for guess in o["inferred_roots"]
                                   if not rests_on_set_aside(guess)]
        o["correction"] = None
        if correction is None:
            continue
        o["correction"] = {**correction.summary(), "extracted_chain": o["chain"]}
        if correction.verdict == "confirmed":
            o["chain"] = [{**hop, "basis": "confirmed"} for hop in o["chain"]]
            continue
        o["inferred_roots"] = []  # a person's judgement stands in for a guess
        if correction.verdict == "rejected":
            o["chain"] = []
            o["root"] = {"label": None, "entity": None, "status": "rejected"}
            continue
        o["chain"] = [{"source": {"label": h["label"], "entity": h["entity"], "type": h["type"]}, "cue": None,
                       "speech": None, "inferred": False, "basis": "corrected"} for h in correction.hops]
        last = correction.hops[-1]
        o["root"] = {"label": last["label"], "entity": last["entity"], "status": _status(correction.hops)}
    return occurrences


def _supported_guesses(store: Store, effect: dict[str, Correction], claims: list[str]) -> dict[str, set[str]]:
    """Claim -> the probable roots still supported by a figure link to a figure whose chain no
    person set aside (only for claims with a probable root that rests on such a figure)."""
    set_aside = {(c.article, figure) for c in effect.values() if c.verdict != "confirmed" for figure in c.figures}
    if not set_aside or not claims:
        return {}
    rows = store.select(f"""{_PREFIXES} SELECT DISTINCT ?claim ?agent ?text ?article WHERE {{
        VALUES ?claim {{ {iris(sorted(claims))} }}
        ?claim np:inferredAttribution ?guess ; np:hasFigure ?figure .
        ?guess prov:agent ?agent ; np:evidence ?link .
        {{ ?link np:fromFigure ?figure ; np:toFigure ?other }} UNION {{ ?link np:toFigure ?figure ; np:fromFigure ?other }}
        ?other nif:anchorOf ?text ; nif:referenceContext ?article }}""")
    supported: dict[str, set[str]] = {}
    touched = set()
    for r in rows:
        supported.setdefault(r["claim"], set())
        if (r["article"], r["text"]) in set_aside:
            touched.add(r["claim"])
        else:
            supported[r["claim"]].add(r["agent"])
    return {claim: agents for claim, agents in supported.items() if claim in touched}


CLAIM_CORRECTION_COLUMNS = ["basis", "correction", "corrected_by", "corrected_at", "correction_note"]


def apply_to_claim_rows(store: Store, rows: list[dict]) -> list[dict]:
    """``claims`` rows with the corrections in effect: the corrected chain's first hop, root and
    length, and the columns ``CLAIM_CORRECTION_COLUMNS`` on every row when one applies."""
    if not rows or not has_corrections(store):
        return rows
    effect = in_effect(read_corrections(store))
    supported = _supported_guesses(store, effect, [r["claim"] for r in rows if r["inferred_root_iri"]])
    dropped = {r["claim"] for r in rows if r["claim"] in supported
               and any(a not in supported[r["claim"]] for a in r["inferred_root_iri"])}
    if not any(r["claim"] in effect for r in rows) and not dropped:
        return rows
    for row in rows:
        if row["claim"] in dropped:
            kept = [(a, label) for a, label in zip(row["inferred_root_iri"], row["inferred_root"])
                    if a in supported[row["claim"]]]
            row.update(inferred_root_iri=[a for a, _ in kept], inferred_root=[label for _, label in kept])
        correction = effect.get(row["claim"])
        basis = "stated" if row["attributed"] else "inferred" if row["inferred_root"] else ""
        row.update(basis=basis, correction=None, corrected_by=None, corrected_at=None, correction_note=None)
        if correction is None:
            continue
        row.update(basis=correction.verdict if correction.verdict != "replaced" else "corrected",
                   correction=correction.id, corrected_by=correction.by, corrected_at=correction.at,
                   correction_note=correction.note)
        if correction.verdict == "confirmed":
            continue
        hops = correction.hops if correction.verdict == "replaced" else []
        row.update(attributed=bool(hops), cue=None, hops=len(hops), inferred_root=[], inferred_root_iri=[],
                   first_hop=hops[0]["label"] if hops else None, first_hop_iri=hops[0]["entity"] if hops else None,
                   root=hops[-1]["label"] if hops else None, root_iri=hops[-1]["entity"] if hops else None,
                   root_status=_status(hops) if hops else "rejected")
    return rows
