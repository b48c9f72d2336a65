"""The one place where RDF becomes networkx graphs.

Two views of the store, both with IRIs as nodes and the predicate on each edge:

- the attribution graph: claim --qualifiedAttribution--> first hop, claim --hasAttribution-->
  each of its hops, inner hop --via--> outer hop, hop --agent--> source; a trace walks it from a
  claim to its root;
- the citation graph: source (or publishing outlet) --cites--> source, weighted by the
  claims that travelled along the edge.
"""
from __future__ import annotations

import networkx as nx

from ..graph.base import Store
from ..graph.sparql import iris
from ..graph.vocab import NP, NS
from ..model import outlet_label
from .scope import Scope

PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
# how a hop of a chain is known, as every output spells it (a graph written before hops had a basis: stated)
HOP_BASES = {str(NP.stated): "stated", str(NP.articleLevel): "article-level"}


def _values(values: list[str]) -> str:
    """IRIs for a VALUES block, each checked (never pasted into the query as they are)."""
    return iris(values)


def entity_labels(store: Store, iris: list[str]) -> dict[str, tuple[str | None, str]]:
    """IRI -> (label, newsprov type name). Labels and types are asked for apart, each DISTINCT:
    an entity is described again in every article graph that names it, and joining its labels
    with its types would multiply those copies by each other."""
    found: dict[str, tuple[str | None, str]] = {}
    if not iris:
        return found
    labels: dict[str, set[str]] = {}
    types: dict[str, set[str]] = {}
    for start in range(0, len(iris), 500):
        values = _values(iris[start:start + 500])
        for row in store.select(f"SELECT DISTINCT ?s ?l WHERE {{ VALUES ?s {{ {values} }} ?s <{RDFS}label> ?l }}"):
            labels.setdefault(row["s"], set()).add(row["l"])
        for row in store.select(f"""SELECT DISTINCT ?s ?t WHERE {{ VALUES ?s {{ {values} }}
                                    ?s a ?t . FILTER(STRSTARTS(STR(?t), "{NS}")) }}"""):
            types.setdefault(row["s"], set()).add(row["t"].rsplit("#", 1)[-1])
    for iri in iris:
        found[iri] = (min(labels[iri]) if iri in labels else None, min(types.get(iri, {""})))
    return found


def attribution_graph(store: Store, claims: list[str]) -> nx.MultiDiGraph:
    """The hops of the given claims, with their sources' labels and types as node data."""
    graph = nx.MultiDiGraph()
    if not claims:
        return graph
    rows = store.select(f"""
        PREFIX np: <{NS}> PREFIX prov: <{PROV}> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT DISTINCT ?claim ?hop ?n ?via ?agent ?cue ?speech ?basis ?established WHERE {{
            VALUES ?claim {{ {_values(claims)} }}
            ?claim np:hasAttribution ?hop .
            ?hop np:hop ?n ; prov:agent ?agent ; np:speech ?speech .
            OPTIONAL {{ ?hop np:via ?via }}
            OPTIONAL {{ ?hop np:cue/nif:anchorOf ?cue }}
            OPTIONAL {{ ?hop np:basis ?basis }}
            OPTIONAL {{ ?hop np:establishedBy/nif:anchorOf ?established }}
        }}""")
    described = entity_labels(store, sorted({row["agent"] for row in rows}))
    for row in rows:
        label, type_ = described[row["agent"]]
        graph.add_node(row["hop"], kind="attribution", hop=int(row["n"]), cue=row["cue"],
                       speech=row["speech"].rsplit("#", 1)[-1], basis=HOP_BASES.get(row["basis"] or "", "stated"),
                       established=row["established"])
        graph.add_node(row["agent"], kind="source", label=label or row["agent"], type=type_)
        graph.add_edge(row["hop"], row["agent"], predicate=PROV + "agent")
        graph.add_edge(row["claim"], row["hop"], predicate=str(NP.hasAttribution))
        if int(row["n"]) == 1:
            graph.add_edge(row["claim"], row["hop"], predicate=PROV + "qualifiedAttribution")
        if row["via"]:
            graph.add_edge(row["hop"], row["via"], predicate=str(NP.via))
    return graph


def chain_of(graph: nx.MultiDiGraph, claim: str) -> list[str]:
    """Hops of a claim, outermost first: its first hop, then each hop reported through the last."""
    if claim not in graph:
        return []
    first = [h for _, h, d in graph.out_edges(claim, data=True) if d["predicate"] == PROV + "qualifiedAttribution"]
    chain = []
    current = first[0] if first else None
    while current is not None and current not in chain:
        chain.append(current)
        inner = [h for h, _, d in graph.in_edges(current, data=True) if d["predicate"] == str(NP.via)]
        # among inner hops of the same outer hop, the one this claim carries: another claim of the
        # graph may report the same outer hop through an inner hop of its own
        carried = [h for h in inner if graph.nodes[h].get("hop") == len(chain) + 1 and graph.has_edge(claim, h)]
        current = carried[0] if carried else None
    return chain


def source_of(graph: nx.MultiDiGraph, hop: str) -> str:
    return next(a for _, a, d in graph.out_edges(hop, data=True) if d["predicate"] == PROV + "agent")


def citation_graph(store: Store, scope: Scope = Scope()) -> nx.DiGraph:
    """Agents as nodes; an edge from the reporting agent (the outlet for a first hop) to the
    cited one, weighted by the number of claims that travelled along it; only the claims of the
    articles in ``scope`` (a resolved scope; with its measure, the claims with such a figure)."""
    rows = store.select(f"""
        PREFIX np: <{NS}> PREFIX prov: <{PROV}> PREFIX schema: <{SCHEMA}> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?claim ?article ?publisher ?n ?agent ?outer WHERE {{
            ?claim a np:Claim ; nif:referenceContext ?article ; np:hasAttribution ?hop .
            ?hop np:hop ?n ; prov:agent ?agent .
            {scope.where("?article", claim="?claim")}
            OPTIONAL {{ ?article schema:publisher ?publisher }}
            OPTIONAL {{ ?hop np:via/prov:agent ?outer }}
        }}""")
    labels = {row["s"]: row for row in store.select(f"""
        PREFIX rdfs: <{RDFS}>
        SELECT ?s (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {{
            ?s rdfs:label ?l . OPTIONAL {{ ?s a ?t . FILTER(STRSTARTS(STR(?t), "{NS}")) }}
        }} GROUP BY ?s""")}
    # an article with no known publisher cites in its own name
    for row in store.select(f"""
            PREFIX np: <{NS}> PREFIX schema: <{SCHEMA}>
            SELECT ?s ?file ?id WHERE {{ ?s a np:Article ; schema:identifier ?id . OPTIONAL {{ ?s np:sourceFile ?file }} }}"""):
        labels.setdefault(row["s"], {"label": outlet_label(None, row["file"], row["id"]), "type": str(NP.Article)})
    graph = nx.DiGraph()
    claims_by_edge: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        citing = row["outer"] if int(row["n"]) > 1 else row["publisher"] or row["article"]
        for node in (citing, row["agent"]):
            if node not in graph:
                meta = labels.get(node, {})
                graph.add_node(node, label=meta.get("label") or node.rsplit("/", 1)[-1],
                               type=(meta.get("type") or "Article").rsplit("#", 1)[-1])
        claims_by_edge.setdefault((citing, row["agent"]), set()).add(row["claim"])
        graph.nodes[row["agent"]].setdefault("claims", set()).add(row["claim"])
        graph.nodes[row["agent"]].setdefault("articles", set()).add(row["article"])
    for (citing, cited), claims in claims_by_edge.items():
        graph.add_edge(citing, cited, predicate=str(NP.cites), weight=len(claims))
    return graph
