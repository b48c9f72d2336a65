"""How many independent sources stand behind a figure, and the corpus report built on it.

For a set of occurrences (one figure's, or a story's: figures linked as the same fact) the
*independent roots* are the sources no other source in the set is reported to cite:

- an attributed occurrence contributes its stated chain, outlet -> hop -> ... -> root; a root
  that, in this set, cites another (the UK MoD citing the General Staff) is a relay, not a
  second source;
- a figure found in a reference series has that series' source as its primary source, whoever
  the article credits; the credited source is then a relay or a misattribution, not a root;
- an unattributed occurrence adds no root when one of its inferred roots already stands behind
  the figure (it most probably repeats it); otherwise its best inferred root counts, marked
  inferred; with none, its origin is unknown.
"""
from __future__ import annotations

import networkx as nx

from ..errors import NotFoundError
from ..graph.base import Store
from ..graph.sparql import iris
from ..graph.vocab import NS
from ..model import outlet_label
from .links import family_of
from .corrections import read_corrections
from .network import citation_graph
from .reference import resolve_measure
from .scope import Scope
from .trace import trace, trace_claims

# a reference match names the primary source unless the figure only drifted near the tally
PRIMARY_AGREEMENTS = {"exact", "rounded", "hedged"}


def _outlet(occurrence: dict) -> str:
    a = occurrence["article"]
    return outlet_label(a["publisher"], a["source_file"], a["id"])


def _primary(occurrence: dict) -> dict | None:
    for match in occurrence.get("reference", []):
        if match["agreement"] in PRIMARY_AGREEMENTS:
            return match
    return None


def independence_of(occurrences: list[dict]) -> dict:
    """Outlets, independent roots and relays of a set of occurrences (``trace`` output)."""
    labels: dict[str, dict] = {}
    story = nx.DiGraph()
    for o in occurrences:
        outlet = "outlet:" + _outlet(o)
        previous = outlet
        for hop in o["chain"]:
            node = hop["source"]["entity"]
            labels[node] = hop["source"]
            story.add_edge(previous, node)
            previous = node
        match = _primary(o)
        if match:
            primary = match["primary_source"]["entity"]
            labels.setdefault(primary, match["primary_source"])
            if previous != primary:
                story.add_edge(previous, primary)  # the credited source (or the outlet) passes on the series' value

    def roots_of(node: str) -> set[str]:
        reachable = nx.descendants(story, node) | {node}
        return {n for n in reachable if story.out_degree(n) == 0 and not n.startswith("outlet:")}

    per_root: dict[str, dict] = {}
    unattributed = []

    def credit(root: str, o: dict, basis: str, through: list[str]) -> None:
        entry = per_root.setdefault(root, {"source": labels[root], "basis": set(), "occurrences": 0,
                                           "outlets": set(), "through": set()})
        entry["basis"].add(basis)
        entry["occurrences"] += 1
        entry["outlets"].add(_outlet(o))
        entry["through"].update(through)

    for o in occurrences:
        match = _primary(o)
        if o["chain"] or match:
            stated = [h["source"]["entity"] for h in o["chain"]]
            for root in roots_of(stated[-1] if stated else "outlet:" + _outlet(o)):
                through = [h["source"]["label"] for h in o["chain"] if h["source"]["entity"] != root]
                from_reference = match and root == match["primary_source"]["entity"] and root not in stated
                credit(root, o, "reference" if from_reference else _basis(o), through)
    stated_roots = set(per_root)
    for o in occurrences:
        if o["chain"] or _primary(o):
            continue
        guesses = o.get("inferred_roots", [])
        entry = {"outlet": _outlet(o), "article": o["article"]["source_file"] or o["article"]["id"],
                 "figure": o["figure"]["text"], "claim": o["claim"]["id"]}
        repeated = [g for g in guesses if g["source"]["entity"] in stated_roots]
        if (o.get("correction") or {}).get("verdict") == "rejected":  # evidence for no source
            entry.update(resolution="rejected", source=None, evidence=None, inferred=False, correction=o["correction"])
        elif repeated:
            entry.update(resolution="repeat", source=repeated[0]["source"], evidence=repeated[0]["evidence"], inferred=True)
        elif guesses:
            best = guesses[0]
            labels.setdefault(best["source"]["entity"], best["source"])
            credit(best["source"]["entity"], o, "inferred", [])
            entry.update(resolution="probable root", source=best["source"], evidence=best["evidence"], inferred=True)
        else:
            entry.update(resolution="unknown origin", source=None, evidence=None, inferred=False)
        unattributed.append(entry)
    roots = sorted(per_root.values(), key=lambda r: (-len(r["outlets"]), r["source"]["label"]))
    relays = sorted({labels[n]["label"] for n in story if not n.startswith("outlet:") and story.out_degree(n) > 0
                     and story.in_degree(n) > 0})
    return {
        "occurrences": len(occurrences),
        "articles": len({o["article"]["id"] for o in occurrences}),
        "outlets": sorted({_outlet(o) for o in occurrences}),
        "independent_roots": [{"source": r["source"], "basis": sorted(r["basis"]), "occurrences": r["occurrences"],
                               "outlets": sorted(r["outlets"]), "through": sorted(r["through"])} for r in roots],
        "independent_root_count": len(roots),
        # roots only an inference stands behind are counted, and flagged, separately
        "stated_root_count": sum(1 for r in roots if r["basis"] != {"inferred"}),
        "relays": relays,
        "unattributed": unattributed,
        "unknown_origin": sum(1 for u in unattributed if u["resolution"] == "unknown origin"),
        **_corrected_count(occurrences),
    }


def _corrected_count(occurrences: list[dict]) -> dict:
    """{"corrected": N} when a person's correction applies to an occurrence; nothing otherwise."""
    corrected = sum(1 for o in occurrences if o.get("correction"))
    return {"corrected": corrected} if corrected else {}


def _basis(occurrence: dict) -> str:
    """How an occurrence's chain is known: stated by the article, or corrected or confirmed by a person."""
    verdict = (occurrence.get("correction") or {}).get("verdict")
    return {"replaced": "corrected", "confirmed": "confirmed"}.get(verdict, "stated")


def measure_occurrences(store: Store, scope: Scope) -> list[dict]:
    """Every occurrence of a figure of the scope's measure family ('troops' and 'casualties' are
    one), within the rest of the scope."""
    scope = scope.resolve(store)
    if not scope.measures:
        family = family_of(resolve_measure(scope.measure)[1])
        raise NotFoundError(f"no figure of the measure {scope.measure!r} ({family}) in the store")
    try:
        return trace(store, "", where="?claim np:hasFigure ?figure .", scope=scope)
    except NotFoundError:
        raise NotFoundError(scope.without_measure().excluded(f"every figure of the measure {scope.measure!r}")) from None


def independence(store: Store, figure: str | None, linked: bool = False, scope: Scope = Scope()) -> dict:
    """Outlets and independent roots of a figure (or, with no figure, of every figure of the
    scope's measure), counting only the articles and figures in ``scope``."""
    scope = scope.resolve(store)
    occurrences = trace(store, figure, scope=scope) if figure else measure_occurrences(store, scope)
    if linked:  # the whole story: every figure linked to these, directly or not, within the scope
        wanted = {o["figure"]["iri"] for o in occurrences}
        for component in stories(store, scope):
            if wanted & set(component):
                wanted |= set(component)
        claims = store.select(f"""PREFIX np: <{NS}> SELECT DISTINCT ?c WHERE {{
            VALUES ?f {{ {iris(sorted(wanted))} }} ?c np:hasFigure ?f }}""")
        occurrences = [o for o in trace_claims(store, [r["c"] for r in claims], scope) if o["figure"]["iri"] in wanted]
    result = independence_of(occurrences)
    result["query"] = figure if figure else f"measure {scope.measure}"
    result["linked"] = linked
    result["figures"] = sorted({o["figure"]["text"] for o in occurrences})
    if figure and scope or scope.without_measure():  # the measure alone is the question, not a filter
        result["filters"] = scope.as_dict()
    return result


# -- the corpus report ---------------------------------------------------------------------------

def stories(store: Store, scope: Scope = Scope()) -> list[list[str]]:
    """Figures grouped into stories: linked as the same fact, or matching the same reference value;
    with a scope, only the figures in it and the links between them (a resolved scope)."""
    graph = nx.Graph()
    for row in store.select(f"PREFIX np: <{NS}> SELECT ?a ?b WHERE {{ ?a np:sameFigureAs ?b . "
                            f"{scope.figure_where('?a')} {scope.figure_where('?b')} }}"):
        graph.add_edge(row["a"], row["b"])
    for row in store.select(f"""PREFIX np: <{NS}>
            SELECT ?f ?series ?kind ?on ?month WHERE {{
                ?m np:matchedFigure ?f ; np:referenceSeries ?series ; np:matchKind ?kind ; np:agreement ?agreement .
                FILTER(?agreement != np:Drift) {scope.figure_where('?f')}
                OPTIONAL {{ ?m np:onDate ?on }} OPTIONAL {{ ?m np:inMonth ?month }} }}"""):
        graph.add_edge(row["f"], f"value:{row['series']} {row['kind']} {row['on'] or row['month']}")
    return [sorted(n for n in component if not n.startswith("value:")) for component in nx.connected_components(graph)]


def report(store: Store, scope: Scope = Scope()) -> dict:
    """The corpus report, computed only from the articles and figures in ``scope``."""
    scope = scope.resolve(store)
    all_claims = [row["c"] for row in store.select(
        f"PREFIX np: <{NS}> SELECT DISTINCT ?c WHERE {{ ?c np:hasFigure ?f . {scope.figure_where('?f', '?c')} }}")]
    if not all_claims:
        if scope and store.select(f"PREFIX np: <{NS}> SELECT ?c WHERE {{ ?c np:hasFigure ?f }} LIMIT 1"):
            raise NotFoundError(scope.excluded("every figure in the store"))
        raise NotFoundError("the store holds no figures; run `newsprov ingest PATH` first")
    occurrences = trace_claims(store, all_claims, scope)
    by_figure = {o["figure"]["iri"]: o for o in occurrences}

    story_rows = []
    for figures in stories(store, scope):
        members = [by_figure[f] for f in figures if f in by_figure]
        result = independence_of(members)
        if result["articles"] < 2:
            continue
        story_rows.append({
            "figures": sorted({o["figure"]["text"] for o in members}, key=lambda t: (len(t), t)),
            "occurrences": result["occurrences"], "outlets": result["outlets"],
            "independent_roots": [r["source"]["label"] + (" (inferred)" if r["basis"] == ["inferred"] else "")
                                  for r in result["independent_roots"]],
            "independent_root_count": result["independent_root_count"],
            "unattributed": len(result["unattributed"]), "relays": result["relays"],
        })
    story_rows.sort(key=lambda r: (r["independent_root_count"], -len(r["outlets"]), r["figures"]))

    outlets: dict[str, dict] = {}
    for o in occurrences:
        row = outlets.setdefault(_outlet(o), {"outlet": _outlet(o), "articles": set(), "figures": 0, "unattributed": 0})
        row["articles"].add(o["article"]["id"])
        row["figures"] += 1
        row["unattributed"] += not o["chain"]
    outlet_rows = [{**r, "articles": len(r["articles"]), "unattributed_share": round(r["unattributed"] / r["figures"], 3)}
                   for r in outlets.values()]
    outlet_rows.sort(key=lambda r: (-r["unattributed_share"], r["outlet"]))

    misattributions, drift = [], []
    for o in occurrences:
        for match in o.get("reference", []):
            row = {"outlet": _outlet(o), "article": o["article"]["source_file"] or o["article"]["id"],
                   "figure": o["figure"]["text"], "measure": o["figure"]["measure"], "series": match["series"]["label"],
                   "date": match["date"] or match["month"], "series_value": match["series_value"],
                   "primary_source": match["primary_source"]["label"],
                   "stated_source": (match["stated_source"] or {}).get("label")}
            if match["credit"] == "misattributed":
                misattributions.append(row)
            if match["agreement"] == "drift":
                drift.append({**row, "drift": match["drift"], "arithmetic": match["arithmetic"]})
    changes = _changes_on_the_way(store, scope)

    citations = citation_graph(store, scope)
    primary: dict[str, dict] = {}
    for o in occurrences:
        result = independence_of([o])
        for root in result["independent_roots"]:
            if root["basis"] == ["inferred"]:
                continue
            entry = primary.setdefault(root["source"]["entity"], {"source": root["source"]["label"],
                                                                  "type": root["source"].get("type", ""),
                                                                  "figures": 0, "articles": set(), "outlets": set()})
            entry["figures"] += 1
            entry["articles"].add(o["article"]["id"])
            entry["outlets"].add(_outlet(o))
    primary_rows = sorted(({**e, "articles": len(e["articles"]), "outlets": len(e["outlets"])} for e in primary.values()),
                          key=lambda r: (-r["figures"], -r["outlets"], r["source"]))
    betweenness = nx.betweenness_centrality(citations, normalized=True) if len(citations) > 2 else {}
    relay_rows = sorted(({"source": citations.nodes[n]["label"], "type": citations.nodes[n]["type"],
                          "betweenness": round(b, 4), "cited_by": citations.in_degree(n), "cites": citations.out_degree(n)}
                         for n, b in betweenness.items() if citations.in_degree(n) and citations.out_degree(n)),
                        key=lambda r: (-r["betweenness"], r["source"]))
    return {
        "articles": len({o["article"]["id"] for o in occurrences}),
        "figures": len(occurrences),
        "unattributed": sum(1 for o in occurrences if not o["chain"]),
        "single_source_stories": [s for s in story_rows if s["independent_root_count"] == 1 and len(s["outlets"]) > 1],
        "stories": story_rows,
        "outlets": outlet_rows,
        "misattributions": misattributions,
        "drift": drift,
        "changes_on_the_way": changes,
        "primary_sources": primary_rows,
        "relays": relay_rows,
        **({"filters": scope.as_dict()} if scope else {}),
        **_corrections_section(store),
    }


def _corrections_section(store: Store) -> dict:
    """{"corrections": rows} when people have corrected chains in the store; nothing otherwise."""
    found = read_corrections(store)
    if not found:
        return {}
    return {"corrections": [{"id": c.id, "verdict": c.verdict, "by": c.by, "at": c.at[:10],
                             "figures": "; ".join(c.figures), "chain": " → ".join(h["label"] for h in c.hops),
                             "status": c.status, "note": c.note} for c in found]}


def _changes_on_the_way(store: Store, scope: Scope = Scope()) -> list[dict]:
    """Figure links that changed the number: a rounded or hedged figure for an exact one."""
    rows = store.select(f"""
        PREFIX np: <{NS}> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?from ?to ?drift ?arithmetic ?fa ?ta ?ffile ?tfile ?fpub ?tpub WHERE {{
            ?link np:linkReason np:RoundedOrHedged ; np:fromFigure ?f ; np:toFigure ?t ; np:drift ?drift ; np:arithmetic ?arithmetic .
            ?f nif:anchorOf ?from ; nif:referenceContext ?fa . ?t nif:anchorOf ?to ; nif:referenceContext ?ta .
            {scope.figure_where('?f')} {scope.figure_where('?t')}
            OPTIONAL {{ ?fa np:sourceFile ?ffile }} OPTIONAL {{ ?ta np:sourceFile ?tfile }}
            OPTIONAL {{ ?fa schema:publisher/rdfs:label ?fpub }} OPTIONAL {{ ?ta schema:publisher/rdfs:label ?tpub }}
        }} ORDER BY ?ffile ?from""")
    return [{"printed": r["from"], "outlet": outlet_label(r["fpub"], r["ffile"], r["fa"].rsplit("/", 1)[-1]), "for": r["to"],
             "exact_in": outlet_label(r["tpub"], r["tfile"], r["ta"].rsplit("/", 1)[-1]), "drift": float(r["drift"]),
             "arithmetic": r["arithmetic"]} for r in rows]
