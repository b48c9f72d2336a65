"""One article's Extraction -> the RDF graph that becomes its named graph.

IRIs are derived from content (the text's hash and character offsets), so the
same article always yields the same triples, and re-ingesting it replaces its
graph without touching any other.
"""
from __future__ import annotations

import hashlib
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, XSD

from .. import ids
from ..model import Extraction, Figure, Span, decimal_text
from .vocab import ENTITY_CLASSES, ID, ITSRDF, NIF, NP, QUALIFIER_TERMS, SPEECH_TERMS, WD, bind


def article_iri(article_id: str) -> URIRef:
    return URIRef(ids.article_iri(article_id))


def entity_iri(key: str) -> URIRef:
    return URIRef(ids.entity_iri(key))


def _span_iri(kind: str, article_id: str, span: Span) -> URIRef:
    return ID[f"{kind}/{article_id}-{span.start}-{span.end}"]


def _date_literal(value: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)


def _number(value: float) -> Literal:
    return Literal(decimal_text(value), datatype=XSD.decimal)


def fingerprint(extraction_inputs: str) -> str:
    return hashlib.sha256(extraction_inputs.encode("utf-8")).hexdigest()


class GraphBuilder:
    def __init__(self, extraction: Extraction, publisher_entity=None, fingerprint_value: str = ""):
        self.x = extraction
        self.g = bind(Graph())
        self.article = article_iri(extraction.article.id)
        self.publisher = publisher_entity
        self.fingerprint = fingerprint_value

    def build(self) -> Graph:
        self._article()
        for entity in self.x.entities:
            self._entity(entity)
        attribution_iris = {a.id: ID[f"attribution/{a.id}"] for a in self.x.attributions}
        for attribution in self.x.attributions:
            self._attribution(attribution, attribution_iris)
        for claim in self.x.claims:
            self._claim(claim, attribution_iris)
        return self.g

    def _anchor(self, node: URIRef, span: Span) -> None:
        g = self.g
        g.add((node, NIF.referenceContext, self.article))
        g.add((node, NIF.beginIndex, Literal(span.start, datatype=XSD.integer)))
        g.add((node, NIF.endIndex, Literal(span.end, datatype=XSD.integer)))
        g.add((node, NIF.anchorOf, Literal(span.text)))

    def _article(self) -> None:
        g, a, article = self.g, self.x.article, self.article
        g.add((article, RDF.type, NP.Article))
        g.add((article, NIF.isString, Literal(a.text)))
        g.add((article, NP.textSha256, Literal(a.sha256)))
        g.add((article, SDO.identifier, Literal(a.id)))
        if a.source_file:
            g.add((article, NP.sourceFile, Literal(a.source_file)))
        if a.published:
            g.add((article, SDO.datePublished, _date_literal(a.published)))
        if a.url:
            g.add((article, SDO.url, Literal(a.url, datatype=XSD.anyURI)))
        if a.title:
            g.add((article, SDO.headline, Literal(a.title)))
        if self.fingerprint:
            g.add((article, NP.fingerprint, Literal(self.fingerprint)))
        if self.publisher is not None:
            outlet = entity_iri(self.publisher.key)
            g.add((article, SDO.publisher, outlet))
            self._describe(outlet, self.publisher)

    def _describe(self, node: URIRef, entity) -> None:
        g = self.g
        g.add((node, RDF.type, ENTITY_CLASSES.get(entity.type, NP.UntypedEntity)))
        g.add((node, RDFS.label, Literal(entity.label)))
        if entity.known:
            g.add((node, SDO.identifier, Literal(entity.key)))
        if entity.wikidata:
            g.add((node, OWL.sameAs, WD[entity.wikidata]))
        if entity.country:
            g.add((node, NP.countryCode, Literal(entity.country)))
        if entity.type == "VagueSource":
            g.add((node, NP.inArticle, self.article))

    def _entity(self, entity) -> None:
        node = entity_iri(entity.key)
        self._describe(node, entity)
        for span in entity.mentions:
            mention = _span_iri("mention", self.x.article.id, span)
            self.g.add((mention, RDF.type, NP.Mention))
            self._anchor(mention, span)
            self.g.add((mention, ITSRDF.taIdentRef, node))

    def _attribution(self, attribution, iris) -> None:
        g, node = self.g, iris[attribution.id]
        g.add((node, RDF.type, NP.Attribution))
        g.add((node, PROV.agent, entity_iri(attribution.source.key)))
        g.add((node, NP.speech, SPEECH_TERMS[attribution.kind]))
        mention = _span_iri("mention", self.x.article.id, attribution.source_span)
        g.add((node, NP.sourceMention, mention))
        if attribution.cue is not None:
            cue = _span_iri("span", self.x.article.id, attribution.cue)
            g.add((cue, RDF.type, NP.TextSpan))
            self._anchor(cue, attribution.cue)
            g.add((node, NP.cue, cue))
        if attribution.content is not None:
            content = _span_iri("span", self.x.article.id, attribution.content)
            g.add((content, RDF.type, NP.TextSpan))
            self._anchor(content, attribution.content)
            g.add((node, NP.content, content))
        if attribution.via:
            g.add((node, NP.via, iris[attribution.via]))

    def _claim(self, claim, iris) -> None:
        g = self.g
        node = ID[f"claim/{self.x.article.id}-{claim.id.removeprefix('claim-')}"]
        g.add((node, RDF.type, NP.Claim))
        self._anchor(node, claim.span)
        for position, attribution_id in enumerate(claim.attributions, 1):
            hop = iris[attribution_id]
            g.add((node, NP.hasAttribution, hop))
            g.add((hop, NP.hop, Literal(position, datatype=XSD.integer)))
            if position == 1:
                g.add((node, PROV.qualifiedAttribution, hop))
                attribution = next(a for a in self.x.attributions if a.id == attribution_id)
                g.add((node, PROV.wasAttributedTo, entity_iri(attribution.source.key)))
        for figure in claim.figures:
            g.add((node, NP.hasFigure, self._figure(figure)))

    def _figure(self, figure: Figure) -> URIRef:
        g = self.g
        node = _span_iri("figure", self.x.article.id, figure.span)
        g.add((node, RDF.type, NP.Figure))
        self._anchor(node, figure.span)
        g.add((node, SDO.value, _number(figure.value)))
        g.add((node, NP.qualifier, QUALIFIER_TERMS[figure.qualifier]))
        if figure.value_max is not None:
            g.add((node, SDO.minValue, _number(figure.value)))
            g.add((node, SDO.maxValue, _number(figure.value_max)))
        if figure.unit:
            g.add((node, SDO.unitText, Literal(figure.unit)))
        if figure.measure:
            g.add((node, NP.measure, Literal(figure.measure)))
        if figure.period:
            g.add((node, NP.period, Literal(figure.period)))
        if figure.hedge is not None:
            g.add((node, NP.hedge, Literal(figure.hedge.text)))
        return node


def build_graph(extraction: Extraction, publisher_entity=None, fingerprint_value: str = "") -> Graph:
    return GraphBuilder(extraction, publisher_entity, fingerprint_value).build()
