"""`newsprov serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, and a small web page.

Routes:

* ``/sparql``: the SPARQL 1.1 Protocol's query operation. GET with ``query=``, POST of a form
  with ``query=``, or POST of an ``application/sparql-query`` body. The prefixes of
  ``newsprov query`` are predeclared and the default graph is the union of the article graphs.
  SELECT and ASK answer in SPARQL results JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in
  Turtle, N-Triples, RDF/XML or JSON-LD; chosen by the Accept header, or by ``format=`` (json,
  xml, csv, tsv; turtle, nt, xml, jsonld), which wins.
* ``/api/trace?figure=1556``: what ``newsprov trace 1556 --format json`` prints;
  ``/trace.svg?figure=1556`` and ``/citations.svg``: the pictures of ``trace`` and ``graph``.
* ``/``: a page with a query box, a results table, the trace of a figure and the citation
  picture; ``/?query=...`` and ``/?figure=...`` run on load.

What is refused, and why:

* SPARQL Update, in any of its forms (an ``update=`` parameter, an
  ``application/sparql-update`` body, or a query whose first keyword is an update
  operation): 403. The store is opened read-only as well.
* ``SERVICE``: 403. Oxigraph executes a SERVICE call itself, over HTTP (checked: it fetched
  from a local server), which would let anyone who can reach the page make this machine send
  requests anywhere. The query is read token by token with the grammar's own terminals
  (IRIs, strings, comments, prefixed names and variables are skipped), so the keyword is found
  wherever it is written and the word inside a literal, an IRI or a name is not refused.
  ``\\u`` escapes are decoded first (SPARQL allows them anywhere) and the raw text is read
  too: the query is refused if either reading finds the keyword.

Limits. A query runs in one of a few worker processes (``--workers``), never in the server:
an Oxigraph query cannot be cancelled from another thread, so a query that runs longer than
``--timeout`` seconds is ended by killing its worker, which is replaced in the background
(a replacement is ready in about half a second); the request gets 503 and other requests go
on in the other workers. A request that finds every worker busy for ``--timeout`` seconds
also gets 503. (With ``--store URL`` the worker is a client of that SPARQL server: killing
it drops the connection, and the server's own limits decide when its query stops.) At most
``--limit`` rows (triples, for CONSTRUCT and DESCRIBE) are returned; a cut answer carries
``X-Newsprov-Truncated: true`` and the page says so. The page and the results send a
Content-Security-Policy that allows nothing but this server, and
``X-Content-Type-Options: nosniff``. A request whose Host header is not an IP address,
localhost, the name the server was started on or a name given with ``--allow-host`` is refused
(a web page cannot reach the store by DNS rebinding). A client has ``--client-timeout``
seconds to send its whole request, headers and body: a half-sent request does not hold a thread.
A worker's address space is capped (``--memory``): a query that needs more ends its worker and
is answered 503. Queries are read by :mod:`newsprov.graph.sparql` (linear in their length), and a
worker on a local store cannot open network sockets at all (:mod:`newsprov.sandbox`).

The store and concurrent writers. Workers open the store with pyoxigraph's
``Store.read_only``, which takes no lock: ``newsprov ingest`` and every other command run
while the server is up, and the server opens while an ingest runs. A read-only store sees
the database as it was when it was opened, and pyoxigraph calls reading while another
process writes undefined behaviour. What was measured with pyoxigraph 0.5 while another
process wrote 60 batches of 5,000 triples (with a compaction in the middle): a store held
open kept answering, always from its first view; opening again saw each new batch, and 4
of 45 openings failed with "No such file or directory" as the writer rotated its log. So a
worker lists the store's files before each request (names, sizes, times: one directory
listing) and opens the store again when they changed, with a few retries; if it still
cannot, it answers from the view it has. Opening takes about 12 ms on a quiet store and up
to half a second while a large write is in progress (the writer's log is read).

The package, along its seams: :mod:`~newsprov.serve.guard` (what a request may ask),
:mod:`~newsprov.serve.negotiation` (formats), :mod:`~newsprov.serve.pool` and
:mod:`~newsprov.serve.worker` (the query processes), :mod:`~newsprov.serve.http` (the server,
its handler and the page), :mod:`~newsprov.serve.server` (starting it) and
:mod:`~newsprov.serve.defaults`.
"""
from __future__ import annotations

# Importing the package imports nothing else: the command line reads the defaults
# (newsprov.serve.defaults) for its --help, and starts the server with newsprov.serve.server.start_server.
