"""Content negotiation: which format an answer comes in, from ``format=`` or the Accept header,
and the refusal a request gets (``HttpError``) when none fits."""
from __future__ import annotations

RESULT_FORMATS = {  # format= name -> (media type, pyoxigraph QueryResultsFormat name)
    "json": ("application/sparql-results+json", "JSON"),
    "xml": ("application/sparql-results+xml", "XML"),
    "csv": ("text/csv; charset=utf-8", "CSV"),
    "tsv": ("text/tab-separated-values; charset=utf-8", "TSV"),
}
GRAPH_FORMATS = {  # format= name -> (media type, pyoxigraph RdfFormat name)
    "turtle": ("text/turtle; charset=utf-8", "TURTLE"),
    "nt": ("application/n-triples", "N_TRIPLES"),
    "xml": ("application/rdf+xml", "RDF_XML"),
    "jsonld": ("application/ld+json", "JSON_LD"),
}
FORMAT_ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "rdfxml": "xml", "json-ld": "jsonld"}
# what an Accept header may name, in the order preferred when it names several equally
RESULT_MEDIA = [("application/sparql-results+json", "json"), ("application/json", "json"),
                ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
                ("text/csv", "csv"), ("text/tab-separated-values", "tsv")]
GRAPH_MEDIA = [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("text/plain", "nt"),
               ("application/rdf+xml", "xml"), ("application/ld+json", "jsonld")]


class HttpError(Exception):
    """A request the server refuses: its status and a one-line message for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def negotiate(accept: str | None, offers: list[tuple[str, str]]) -> str | None:
    """The format the Accept header likes best among ``offers`` (media type, name), the first
    offer if there is no header, None if it accepts none of them."""
    if not accept or not accept.strip():
        return offers[0][1]
    best, best_q = None, 0.0
    for media, name in offers:
        q = _quality(accept, media)
        if q > best_q:
            best, best_q = name, q
    return best


def _quality(accept: str, media: str) -> float:
    """The q value an Accept header gives a media type, the most specific range deciding."""
    kind = media.split("/")[0]
    found, specificity = 0.0, -1
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        wanted = fields[0].lower()
        q = 1.0
        for parameter in fields[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        level = 2 if wanted == media else 1 if wanted == f"{kind}/*" else 0 if wanted == "*/*" else -1
        if level > specificity:
            found, specificity = q, level
    return found if specificity >= 0 else 0.0


def choose_formats(form: str | None, accept: str | None, fmt: str | None) -> dict[str, str | None]:
    """The answer's format for results (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE);
    the one the query's form needs must be there (else 400 or 406)."""
    if fmt:
        name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        results = name if name in RESULT_FORMATS else None
        graph = "jsonld" if name == "json" else name if name in GRAPH_FORMATS else None
        if results is None and graph is None:
            raise HttpError(400, f"format={fmt} is unknown; use json, xml, csv or tsv for SELECT and ASK, "
                                 f"turtle, nt, xml or jsonld for CONSTRUCT and DESCRIBE")
    else:
        results, graph = negotiate(accept, RESULT_MEDIA), negotiate(accept, GRAPH_MEDIA)
    needed = results if form in ("select", "ask") else graph if form in ("construct", "describe") else "any"
    if needed is None:
        offered = (", ".join(sorted({m for m, _ in RESULT_MEDIA})) if form in ("select", "ask")
                   else ", ".join(sorted({m for m, _ in GRAPH_MEDIA})))
        if fmt:
            raise HttpError(400, f"format={fmt} does not fit a {form.upper()} query; its answer comes as "
                                 f"{'json, xml, csv or tsv' if form in ('select', 'ask') else 'turtle, nt, xml or jsonld'}")
        raise HttpError(406, f"a {form.upper()} answer comes as {offered}; the Accept header allows none of them")
    return {"results": results or "json", "graph": graph or "turtle"}
