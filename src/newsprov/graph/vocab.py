"""The project's vocabulary and the one prefix mapping every graph is bound with.

``NP`` is a closed namespace: ``NP.Claim`` exists, ``NP.Cliam`` raises.
A test checks that these terms and ``ontology/newsprov.ttl`` agree.
"""
from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DefinedNamespace, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD
from rdflib.term import URIRef

from ..ids import ID_BASE

NS = "https://w3id.org/newsprov/ns#"
ID = Namespace(ID_BASE)
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
WD = Namespace("http://www.wikidata.org/entity/")


class NP(DefinedNamespace):
    _fail = True
    _NS = Namespace(NS)

    # classes
    Article: URIRef
    Mention: URIRef
    TextSpan: URIRef
    Claim: URIRef
    Figure: URIRef
    Attribution: URIRef
    Source: URIRef
    Person: URIRef
    Organisation: URIRef
    GovernmentBody: URIRef
    MilitaryBody: URIRef
    NewsOutlet: URIRef
    ResearchOrganisation: URIRef
    InternationalOrganisation: URIRef
    Platform: URIRef
    MilitaryUnit: URIRef
    Region: URIRef
    Country: URIRef
    Event: URIRef
    VagueSource: URIRef
    UntypedEntity: URIRef
    Qualifier: URIRef
    SpeechKind: URIRef
    HopBasis: URIRef
    # controlled values (SKOS concepts)
    qualifiers: URIRef
    speechKinds: URIRef
    exact: URIRef
    approximate: URIRef
    moreThan: URIRef
    lessThan: URIRef
    atLeast: URIRef
    atMost: URIRef
    range: URIRef
    direct: URIRef
    indirect: URIRef
    mixed: URIRef
    hopBases: URIRef
    stated: URIRef
    articleLevel: URIRef
    inferredFromFigureLink: URIRef
    matchedToReference: URIRef
    # article
    textSha256: URIRef
    sourceFile: URIRef
    fingerprint: URIRef
    # claims and figures
    hasFigure: URIRef
    hasAttribution: URIRef
    qualifier: URIRef
    measure: URIRef
    period: URIRef
    hedge: URIRef
    # attributions
    cue: URIRef
    content: URIRef
    sourceMention: URIRef
    speech: URIRef
    via: URIRef
    cites: URIRef
    hop: URIRef
    basis: URIRef
    establishedBy: URIRef
    # figures across articles (derived)
    FigureLink: URIRef
    LinkReason: URIRef
    linkReasons: URIRef
    SameValue: URIRef
    DailyAverageOfMonthlyTotal: URIRef
    RoundedOrHedged: URIRef
    fromFigure: URIRef
    toFigure: URIRef
    linkReason: URIRef
    figureSubject: URIRef
    subjectEntity: URIRef
    periodKind: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    PeriodKind: URIRef
    periodKinds: URIRef
    SingleDay: URIRef
    BoundedPeriod: URIRef
    RunningTotal: URIRef
    subjectComparison: URIRef
    measureComparison: URIRef
    timeComparison: URIRef
    Comparison: URIRef
    comparisons: URIRef
    StatedSame: URIRef
    StatedCompatible: URIRef
    NotStated: URIRef
    drift: URIRef
    arithmetic: URIRef
    sameFigureAs: URIRef
    derivedFromArticles: URIRef
    graphDigest: URIRef
    InferredAttribution: URIRef
    inferredAttribution: URIRef
    evidence: URIRef
    rank: URIRef
    # reference series and matches (derived)
    ReferenceSeries: URIRef
    SeriesObservation: URIRef
    ReferenceMatch: URIRef
    MatchKind: URIRef
    matchKinds: URIRef
    CumulativeTotal: URIRef
    MonthlyDifference: URIRef
    DailyAverageOverMonth: URIRef
    Agreement: URIRef
    agreements: URIRef
    ExactAgreement: URIRef
    RoundedAgreement: URIRef
    HedgedAgreement: URIRef
    Drift: URIRef
    CreditStatus: URIRef
    creditStatuses: URIRef
    CreditedCorrectly: URIRef
    CreditedToRelatedBody: URIRef
    CreditedToRelay: URIRef
    CreditedBroadly: URIRef
    CreditedVaguely: URIRef
    Uncredited: URIRef
    Misattributed: URIRef
    seriesColumn: URIRef
    creditedAs: URIRef
    retrievedFrom: URIRef
    retrievedAt: URIRef
    inSeries: URIRef
    onDate: URIRef
    inMonth: URIRef
    matchedFigure: URIRef
    referenceSeries: URIRef
    matchKind: URIRef
    agreement: URIRef
    seriesValue: URIRef
    creditStatus: URIRef
    primarySource: URIRef
    statedSource: URIRef
    # entities
    countryCode: URIRef
    inArticle: URIRef
    # corrections (a person's judgement, in a graph of their own)
    Correction: URIRef
    CorrectedAttribution: URIRef
    Verdict: URIRef
    verdicts: URIRef
    Replaced: URIRef
    Confirmed: URIRef
    Rejected: URIRef
    verdict: URIRef
    correctsClaim: URIRef
    anchorArticle: URIRef
    anchorText: URIRef
    anchorFigure: URIRef
    supersedes: URIRef
    correctedHop: URIRef


QUALIFIER_TERMS = {
    "exact": NP.exact, "approximate": NP.approximate, "more_than": NP.moreThan,
    "less_than": NP.lessThan, "at_least": NP.atLeast, "at_most": NP.atMost, "range": NP.range,
}
PERIOD_KIND_TERMS = {"day": NP.SingleDay, "period": NP.BoundedPeriod, "cumulative": NP.RunningTotal}
COMPARISON_TERMS = {"same": NP.StatedSame, "compatible": NP.StatedCompatible, "unstated": NP.NotStated}
BASIS_TERMS = {"stated": NP.stated, "article-level": NP.articleLevel}  # an extracted hop's basis (model.BASES)
SPEECH_TERMS = {"direct": NP.direct, "indirect": NP.indirect, "mixed": NP.mixed}
ENTITY_CLASSES = {
    "Person": NP.Person, "Organisation": NP.Organisation, "GovernmentBody": NP.GovernmentBody,
    "MilitaryBody": NP.MilitaryBody, "NewsOutlet": NP.NewsOutlet,
    "ResearchOrganisation": NP.ResearchOrganisation,
    "InternationalOrganisation": NP.InternationalOrganisation, "Platform": NP.Platform,
    "MilitaryUnit": NP.MilitaryUnit, "Region": NP.Region, "Country": NP.Country, "Event": NP.Event,
    "VagueSource": NP.VagueSource, "Entity": NP.UntypedEntity,
}

PREFIXES = {
    "np": Namespace(NS), "npid": ID, "prov": PROV, "schema": SDO, "nif": NIF, "itsrdf": ITSRDF,
    "skos": SKOS, "owl": OWL, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "wd": WD,
}
PREFIX_MAP = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}  # as plain strings, for pyoxigraph


def bind(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph

