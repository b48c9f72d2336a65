"""Every claim in the store as one row, for a spreadsheet or a data frame: where it stands,
the figures it states, whom the article credits, and the root of the chain.

A claim states zero, one or several figures; the figure columns hold one entry per figure,
in text order (a list in JSON, '; '-separated in CSV), so that each claim is one row.
Stated and inferred sources stay apart: ``first_hop`` and ``root`` come from the chain the
article states; ``inferred_root`` holds the probable roots of a claim printed with no source
(from a linked figure), best first, and is empty for a claim with a stated source.

Read without OPTIONAL: one join of what every claim has, one of what every figure has, and
single-pattern scans joined here for the rest. One query with OPTIONALs makes the store do an
index lookup per row and per optional part (see ``links.figure_facts``); this way 20,000
claims of 1,000 articles are read in about 7 s.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..errors import NotFoundError
from ..graph.base import Store
from ..graph.vocab import NP, NS
from ..model import decimal_text
from .corrections import CLAIM_CORRECTION_COLUMNS, apply_to_claim_rows
from .network import PROV, SCHEMA, _values, entity_labels
from .scope import Scope

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
XSD = "http://www.w3.org/2001/XMLSchema#"

COLUMNS = ["claim", "article", "article_iri", "source_file", "publisher", "published", "title", "text", "start", "end",
           "figure_value", "figure_text", "qualifier", "hedge", "unit", "measure", "period",
           "attributed", "first_hop", "first_hop_iri", "cue", "hops", "root", "root_iri", "root_status",
           "inferred_root", "inferred_root_iri"]
TABLE_COLUMNS = ["publisher", "published", "figure_text", "first_hop", "root", "inferred_root", "text"]
# what only some figures have, each read with one scan
DETAIL_COLUMNS = {"hedge": str(NP.hedge), "unit": SCHEMA + "unitText", "measure": str(NP.measure), "period": str(NP.period)}


def _scan(store: Store, predicate: str, subjects=None) -> Iterator[tuple[str, str]]:
    """(subject, object) of every triple with ``predicate``, over all graphs; only the
    subjects in ``subjects`` when it is given."""
    for subject, obj in store.tuples(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}"):
        if subjects is None or subject in subjects:
            yield subject, obj


def _rows(store: Store, sparql: str) -> Iterator[tuple[str, ...]]:
    """The solutions of a SELECT whose variables are all bound, as tuples of values."""
    return store.tuples(f"PREFIX np: <{NS}> PREFIX nif: <{NIF}> PREFIX schema: <{SCHEMA}> {sparql}")


def _articles(store: Store, articles: set[str]) -> dict[str, dict]:
    """Article IRI -> id, file, date, title and publisher (IRI)."""
    found: dict[str, dict] = {a: {} for a in articles}
    for name, predicate in (("id", SCHEMA + "identifier"), ("source_file", str(NP.sourceFile)),
                            ("published", SCHEMA + "datePublished"), ("title", SCHEMA + "headline"),
                            ("publisher", SCHEMA + "publisher")):
        for article, value in _scan(store, predicate, articles):
            found[article][name] = value
    return found


def _chain(claim: str, first: dict[str, str], hops_of: dict[str, set[str]], numbers: dict[str, set[int]],
           inner_of: dict[str, list[str]]) -> list[str]:
    """The claim's hops, outermost first: its first hop, then each of its hops reported
    through the last (as ``network.chain_of`` walks them)."""
    chain: list[str] = []
    current = first.get(claim)
    while current is not None and current not in chain:
        chain.append(current)
        carried = [h for h in inner_of.get(current, ()) if h in hops_of.get(claim, ()) and len(chain) + 1 in numbers.get(h, ())]
        current = min(carried) if carried else None
    return chain


def _evidence_in_scope(store: Store, nodes: set[str], scope: Scope) -> set[str]:
    """The inferred roots among ``nodes`` whose evidence (the link's figure at the other end from
    the claim's) is in ``scope``."""
    return {node for (node,) in _rows(store, f"""SELECT DISTINCT ?node WHERE {{
        VALUES ?node {{ {_values(sorted(nodes))} }}
        ?claim np:inferredAttribution ?node ; np:hasFigure ?mine . ?node np:evidence ?link .
        {{ ?link np:fromFigure ?mine ; np:toFigure ?other }} UNION {{ ?link np:toFigure ?mine ; np:fromFigure ?other }}
        {scope.figure_where('?other')} }}""")}


def claims(store: Store, figure: str | None = None, scope: Scope = Scope()) -> list[dict]:
    """One row per claim (``COLUMNS``), by date, article and position; with ``figure`` (as
    written or not: '1556', '1,556', 'half a million') only the claims stating it (exit 3 if none);
    only the claims of the articles in ``scope`` (with its measure, those stating such a figure)."""
    only = ""
    scope = scope.resolve(store)
    if figure is not None:  # the figure's claims first, by the value's index; the rest starts from them
        from .trace import parse_figure

        value = decimal_text(parse_figure(figure))
        stating = f'?figure schema:value "{value}"^^<{XSD}decimal> . ?claim np:hasFigure ?figure .'
        chosen = sorted({claim for (claim,) in _rows(
            store, f"SELECT DISTINCT ?claim WHERE {{ {stating} {scope.figure_where('?figure', '?claim')} }}")})
        if not chosen and scope and list(_rows(store, f"SELECT ?claim WHERE {{ {stating} }} LIMIT 1")):
            raise NotFoundError(scope.excluded(f"every claim that states {figure}"))
        if not chosen:
            raise NotFoundError(f"the figure {figure} does not occur in any ingested article")
        only = f"VALUES ?claim {{ {_values(chosen)} }}"
    # two joins of patterns that every claim and figure has, each giving one row per claim or
    # figure, and single-pattern scans for what only some have: no OPTIONAL anywhere
    claim_rows = {claim: (article, text, int(start), int(end)) for claim, article, text, start, end in _rows(
        store, f"SELECT ?claim ?article ?text ?start ?end WHERE {{ {only} ?claim a np:Claim ; nif:referenceContext ?article ; "
               f"nif:anchorOf ?text ; nif:beginIndex ?start ; nif:endIndex ?end . {scope.where('?article', claim='?claim')} }}")}
    if not claim_rows and scope and list(_rows(store, "SELECT ?claim WHERE { ?claim a np:Claim } LIMIT 1")):
        raise NotFoundError(scope.excluded("every claim in the store"))
    figure_rows: dict[str, list[tuple]] = {}
    for claim, fig, text, start, value, qualifier in _rows(
            store, f"SELECT ?claim ?figure ?text ?start ?value ?qualifier WHERE {{ {only} ?claim np:hasFigure ?figure . "
                   "?figure nif:anchorOf ?text ; nif:beginIndex ?start ; schema:value ?value ; np:qualifier ?qualifier }"):
        figure_rows.setdefault(claim, []).append((int(start), fig, text, value, qualifier.rsplit("#", 1)[-1]))
    figures = {row[1] for c in claim_rows for row in figure_rows.get(c, ())}
    details = {name: dict(_scan(store, predicate, figures)) for name, predicate in DETAIL_COLUMNS.items()}

    # the attribution chains: first hops, every hop of each claim, their positions and nesting
    first = dict(_scan(store, PROV + "qualifiedAttribution", claim_rows))
    hops_of: dict[str, set[str]] = {}
    for claim, hop in _scan(store, str(NP.hasAttribution), claim_rows):
        hops_of.setdefault(claim, set()).add(hop)
    all_hops = set().union(*hops_of.values()) if hops_of else set()
    numbers: dict[str, set[int]] = {}
    for hop, number in _scan(store, str(NP.hop), all_hops):
        numbers.setdefault(hop, set()).add(int(number))
    inner_of: dict[str, list[str]] = {}
    for inner, outer in _scan(store, str(NP.via), all_hops):
        inner_of.setdefault(outer, []).append(inner)
    cues = dict(_rows(store, "SELECT ?hop ?cue WHERE { ?hop np:cue ?span . ?span nif:anchorOf ?cue }"))
    inferred: dict[str, list[str]] = {}
    for claim, node in _scan(store, str(NP.inferredAttribution), claim_rows):
        inferred.setdefault(claim, []).append(node)
    if scope and inferred:  # a probable root whose evidence is outside the scope is not seen
        kept = _evidence_in_scope(store, {n for nodes in inferred.values() for n in nodes}, scope)
        inferred = {claim: [n for n in nodes if n in kept] for claim, nodes in inferred.items()}
    ranks = dict(_scan(store, str(NP.rank), {n for nodes in inferred.values() for n in nodes}))
    agents = dict(_scan(store, PROV + "agent", all_hops | set(ranks)))

    articles = _articles(store, {row[0] for row in claim_rows.values()})
    labelled = {a["publisher"] for a in articles.values() if a.get("publisher")} | set(agents.values())
    labels = entity_labels(store, sorted(labelled))

    def label(iri: str | None) -> str | None:
        return (labels.get(iri, (None, ""))[0] or iri) if iri else None

    rows = []
    for claim, (article, text, start, end) in claim_rows.items():
        meta = articles.get(article, {})
        claim_figures = sorted(figure_rows.get(claim, ()))
        chain = _chain(claim, first, hops_of, numbers, inner_of)
        root = agents.get(chain[-1]) if chain else None
        status = "unattributed" if not chain else (
            "vague" if labels.get(root, (None, ""))[1] in ("VagueSource", "UntypedEntity") else "named")
        probable: list[str] = []
        if not chain:  # never a guess beside a stated source
            for node in sorted(inferred.get(claim, ()), key=lambda n: (int(ranks.get(n, 0)), n)):
                if agents.get(node) and agents[node] not in probable:
                    probable.append(agents[node])
        row = {
            "claim": claim, "article": meta.get("id"), "article_iri": article, "source_file": meta.get("source_file"),
            "publisher": label(meta.get("publisher")), "published": meta.get("published"), "title": meta.get("title"),
            "text": text, "start": start, "end": end,
            "figure_value": [float(f[3]) for f in claim_figures], "figure_text": [f[2] for f in claim_figures],
            "qualifier": [f[4] for f in claim_figures],
        }
        for name in DETAIL_COLUMNS:
            row[name] = [details[name].get(f[1]) for f in claim_figures]
        first_agent = agents.get(chain[0]) if chain else None
        row.update({
            "attributed": bool(chain), "first_hop": label(first_agent), "first_hop_iri": first_agent,
            "cue": cues.get(chain[0]) if chain else None, "hops": len(chain),
            "root": label(root), "root_iri": root, "root_status": status,
            "inferred_root": [label(a) for a in probable], "inferred_root_iri": probable,
        })
        rows.append(row)
    rows.sort(key=lambda r: (r["published"] or "", r["source_file"] or r["article"] or "", r["start"] or 0, r["claim"]))
    return apply_to_claim_rows(store, rows)


def columns_of(rows: list[dict], table: bool = False) -> list[str]:
    """The columns to print: with the correction columns when a correction applies to a row."""
    corrected = bool(rows) and "basis" in rows[0]
    if table:
        return TABLE_COLUMNS[:-1] + ["basis", TABLE_COLUMNS[-1]] if corrected else TABLE_COLUMNS
    return COLUMNS + CLAIM_CORRECTION_COLUMNS if corrected else COLUMNS
