"""One article's Extraction -> the RDF graph that becomes its named graph.

IRIs are derived from content (the text's hash and character offsets), so the
same article always yields the same triples, and re-ingesting it replaces its
graph without touching any other.
"""
from __future__ import annotations

import re

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, XSD

from .. import ids
from ..model import Extraction, Figure, Span, decimal_text
from .vocab import (BASIS_TERMS, ENTITY_CLASSES, ID, ITSRDF, NIF, NP, PERIOD_KIND_TERMS, QUALIFIER_TERMS, SPEECH_TERMS,
                    WD, bind)

# the terms as N-Triples text, once: the builder writes lines, not rdflib objects (four times faster)
_T = {name: f"<{term}>" for name, term in {
    "type": RDF.type, "label": RDFS.label, "sameAs": OWL.sameAs, "agent": PROV.agent,
    "qualifiedAttribution": PROV.qualifiedAttribution, "wasAttributedTo": PROV.wasAttributedTo,
    "referenceContext": NIF.referenceContext, "beginIndex": NIF.beginIndex, "endIndex": NIF.endIndex,
    "anchorOf": NIF.anchorOf, "isString": NIF.isString, "taIdentRef": ITSRDF.taIdentRef,
    "identifier": SDO.identifier, "datePublished": SDO.datePublished, "url": SDO.url, "headline": SDO.headline,
    "publisher": SDO.publisher, "value": SDO.value, "minValue": SDO.minValue, "maxValue": SDO.maxValue,
    "unitText": SDO.unitText, "jobTitle": SDO.jobTitle, "affiliation": SDO.affiliation,
    **{name: NP[name] for name in ("Article", "Mention", "TextSpan", "Claim", "Figure", "Attribution",
                                   "textSha256", "sourceFile", "fingerprint", "countryCode", "inArticle",
                                   "speech", "sourceMention", "cue", "content", "via", "hasAttribution", "hop",
                                   "hasFigure", "qualifier", "measure", "period", "hedge", "basis", "establishedBy",
                                   "figureSubject", "subjectEntity", "periodKind", "periodStart", "periodEnd")},
}.items()}
_INTEGER, _DECIMAL, _ANYURI = (f"^^<{XSD[name]}>" for name in ("integer", "decimal", "anyURI"))
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def article_iri(article_id: str) -> URIRef:
    return URIRef(ids.article_iri(article_id))


def entity_iri(key: str) -> URIRef:
    return URIRef(ids.entity_iri(key))


def _string(value: str, suffix: str = "") -> str:
    """A literal as N-Triples: a plain string, or typed when ``suffix`` is ``^^<datatype>``."""
    return f'"{value.translate(_ESCAPES)}"{suffix}'


def literal(value: str, datatype: str | None = None) -> str:
    """A literal as N-Triples text; ``datatype`` is the datatype IRI, or None for a plain string."""
    return _string(value, f"^^<{datatype}>" if datatype else "")


def ntriples_text(lines) -> str:
    """Statements (without their newline) as N-Triples text, each once, in first-seen order."""
    return "".join(f"{line}\n" for line in dict.fromkeys(lines))


def as_nquads(iri: str, ntriples: str) -> str:
    """N-Triples lines placed in the named graph ``iri``."""
    suffix = f" <{iri}> .\n"
    return "".join(line[:-2] + suffix for line in ntriples.splitlines(keepends=True) if line.strip())


def _integer(value: int) -> str:
    return f'"{value}"{_INTEGER}'


def _date(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _string(value, f"^^<{XSD.date}>")
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return _string(value, f"^^<{XSD.gYearMonth}>")
    return _string(value, f"^^<{XSD.gYear}>")


def _number(value: float) -> str:
    return f'"{decimal_text(value)}"{_DECIMAL}'


class GraphBuilder:
    """Writes one article's graph as N-Triples lines; a triple stated twice is written once."""

    def __init__(self, extraction: Extraction, publisher_entity=None, fingerprint_value: str = ""):
        self.x = extraction
        self.lines: dict[str, None] = {}
        self.article_id = extraction.article.id
        self.article = f"<{ids.article_iri(self.article_id)}>"
        self.publisher = publisher_entity
        self.fingerprint = fingerprint_value
        self._entity_keys = {e.key for e in extraction.entities}  # a figure's subject entity is one of them

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines[f"{subject} {predicate} {obj} .\n"] = None

    def build(self) -> str:
        self._article()
        for entity in self.x.entities:
            self._entity(entity)
        attribution_iris = {a.id: f"<{ID}attribution/{a.id}>" for a in self.x.attributions}
        for attribution in self.x.attributions:
            self._attribution(attribution, attribution_iris)
        sources = {a.id: a.source.key for a in self.x.attributions}
        for claim in self.x.claims:
            self._claim(claim, attribution_iris, sources)
        return "".join(self.lines)

    def _span(self, kind: str, span: Span) -> str:
        return f"<{ID}{kind}/{self.article_id}-{span.start}-{span.end}>"

    def _anchor(self, node: str, span: Span) -> None:
        self.add(node, _T["referenceContext"], self.article)
        self.add(node, _T["beginIndex"], _integer(span.start))
        self.add(node, _T["endIndex"], _integer(span.end))
        self.add(node, _T["anchorOf"], _string(span.text))

    def _article(self) -> None:
        a, article, add = self.x.article, self.article, self.add
        add(article, _T["type"], _T["Article"])
        add(article, _T["isString"], _string(a.text))
        add(article, _T["textSha256"], _string(a.sha256))
        add(article, _T["identifier"], _string(a.id))
        if a.source_file:
            add(article, _T["sourceFile"], _string(a.source_file))
        if a.published:
            add(article, _T["datePublished"], _date(a.published))
        if a.url:
            add(article, _T["url"], _string(a.url, _ANYURI))
        if a.title:
            add(article, _T["headline"], _string(a.title))
        if self.fingerprint:
            add(article, _T["fingerprint"], _string(self.fingerprint))
        if self.publisher is not None:
            outlet = f"<{ids.entity_iri(self.publisher.key)}>"
            add(article, _T["publisher"], outlet)
            self._describe(outlet, self.publisher)

    def _describe(self, node: str, entity) -> None:
        add = self.add
        add(node, _T["type"], f"<{ENTITY_CLASSES.get(entity.type, NP.UntypedEntity)}>")
        add(node, _T["label"], _string(entity.label))
        if entity.known:
            add(node, _T["identifier"], _string(entity.key))
        if entity.wikidata:
            add(node, _T["sameAs"], f"<{WD[entity.wikidata]}>")
        if entity.country:
            add(node, _T["countryCode"], _string(entity.country))
        if entity.role:  # a person's role and organisation as this article gives them
            add(node, _T["jobTitle"], _string(entity.role))
        if entity.affiliation:
            add(node, _T["affiliation"], f"<{ids.entity_iri(entity.affiliation)}>")
        if entity.type == "VagueSource":
            add(node, _T["inArticle"], self.article)

    def _entity(self, entity) -> None:
        node = f"<{ids.entity_iri(entity.key)}>"
        self._describe(node, entity)
        for span in entity.mentions:
            mention = self._span("mention", span)
            self.add(mention, _T["type"], _T["Mention"])
            self._anchor(mention, span)
            self.add(mention, _T["taIdentRef"], node)

    def _attribution(self, attribution, iris) -> None:
        add, node = self.add, iris[attribution.id]
        add(node, _T["type"], _T["Attribution"])
        add(node, _T["agent"], f"<{ids.entity_iri(attribution.source.key)}>")
        add(node, _T["speech"], f"<{SPEECH_TERMS[attribution.kind]}>")
        add(node, _T["basis"], f"<{BASIS_TERMS[attribution.basis]}>")
        add(node, _T["sourceMention"], self._span("mention", attribution.source_span))
        for role, span in (("cue", attribution.cue), ("content", attribution.content),
                           ("establishedBy", attribution.evidence)):
            if span is not None:
                part = self._span("span", span)
                add(part, _T["type"], _T["TextSpan"])
                self._anchor(part, span)
                add(node, _T[role], part)
        if attribution.via:
            add(node, _T["via"], iris[attribution.via])

    def _claim(self, claim, iris, sources) -> None:
        add = self.add
        node = f"<{ID}claim/{self.article_id}-{claim.id.removeprefix('claim-')}>"
        add(node, _T["type"], _T["Claim"])
        self._anchor(node, claim.span)
        for position, attribution_id in enumerate(claim.attributions, 1):
            hop = iris[attribution_id]
            add(node, _T["hasAttribution"], hop)
            add(hop, _T["hop"], _integer(position))
            if position == 1:
                add(node, _T["qualifiedAttribution"], hop)
                add(node, _T["wasAttributedTo"], f"<{ids.entity_iri(sources[attribution_id])}>")
        for figure in claim.figures:
            add(node, _T["hasFigure"], self._figure(figure))

    def _figure(self, figure: Figure) -> str:
        add = self.add
        node = self._span("figure", figure.span)
        add(node, _T["type"], _T["Figure"])
        self._anchor(node, figure.span)
        add(node, _T["value"], _number(figure.value))
        add(node, _T["qualifier"], f"<{QUALIFIER_TERMS[figure.qualifier]}>")
        if figure.value_max is not None:
            add(node, _T["minValue"], _number(figure.value))
            add(node, _T["maxValue"], _number(figure.value_max))
        if figure.unit:
            add(node, _T["unitText"], _string(figure.unit))
        if figure.measure:
            add(node, _T["measure"], _string(figure.measure))
        if figure.period:
            add(node, _T["period"], _string(figure.period))
        if figure.hedge is not None:
            add(node, _T["hedge"], _string(figure.hedge.text))
        if figure.subject:
            add(node, _T["figureSubject"], _string(figure.subject))
        if figure.subject_entity and figure.subject_entity in self._entity_keys:
            add(node, _T["subjectEntity"], f"<{ids.entity_iri(figure.subject_entity)}>")
        if figure.period_kind:
            add(node, _T["periodKind"], f"<{PERIOD_KIND_TERMS[figure.period_kind]}>")
        for name, day in (("periodStart", figure.period_start), ("periodEnd", figure.period_end)):
            if day:
                add(node, _T[name], _date(day))
        return node


def build_ntriples(extraction: Extraction, publisher_entity=None, fingerprint_value: str = "") -> str:
    """One article's graph as N-Triples text: what ingest validates and stores."""
    return GraphBuilder(extraction, publisher_entity, fingerprint_value).build()


def build_graph(extraction: Extraction, publisher_entity=None, fingerprint_value: str = "") -> Graph:
    """The same graph as an rdflib Graph, with the project's prefixes bound."""
    return bind(Graph()).parse(data=build_ntriples(extraction, publisher_entity, fingerprint_value), format="nt")
