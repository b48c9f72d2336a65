"""The SPARQL guard: what a request to /sparql may ask, read before any query reaches a worker.

SPARQL Update in any of its forms (an ``update=`` parameter, an ``application/sparql-update``
body, a query whose first keyword is an update operation) and ``SERVICE`` are refused with 403;
a request with no query, two queries or a dataset the endpoint does not offer with 400.
"""
from __future__ import annotations

from urllib.parse import parse_qs

from ..graph.sparql import query_form, uses_service
from .defaults import SERVICE_FORBIDDEN
from .negotiation import HttpError


def sparql_request(method: str, content_type: str | None, body: bytes, params: dict) -> tuple[str, str]:
    """The query a request asks for and its form (select, ask, construct, describe), or HttpError.
    ``params`` are the URL's parameters; a POSTed form's are added to them."""
    query = None
    if method == "POST":
        media = (content_type or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise HttpError(403, "this endpoint is read-only: SPARQL Update is refused")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(400, "the request body is not UTF-8") from None
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            query = text
        else:
            raise HttpError(415, "POST a form (application/x-www-form-urlencoded, query=...) or a query "
                                 "(application/sparql-query)")
    if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise HttpError(403, "this endpoint is read-only: SPARQL Update is refused")
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise HttpError(400, "default-graph-uri and named-graph-uri are not supported: the default graph "
                             "is the union of all article graphs, and GRAPH reaches each of them")
    if query is None:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise HttpError(400, "pass one SPARQL query as query=... (GET or a POSTed form), or POST it as "
                                 "application/sparql-query; the page at / has a query box")
        query = queries[0]
    elif "query" in params:
        raise HttpError(400, "the query is in the body: do not pass query= too")
    form = query_form(query)
    if form == "update":
        raise HttpError(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, "
                             "CREATE, DROP, COPY, MOVE, ADD) is refused")
    if uses_service(query):
        raise HttpError(403, SERVICE_FORBIDDEN)
    return query, form
