"""Every source in the store: claims credited, articles, whom it cites and who cites it."""
from __future__ import annotations

from ..graph.base import Store
from .network import citation_graph


def sources(store: Store) -> list[dict]:
    graph = citation_graph(store)
    rows = []
    for node, data in graph.nodes(data=True):
        if "claims" not in data:
            continue  # an outlet or article that only cites
        rows.append({
            "source": data["label"],
            "type": data["type"],
            "claims": len(data["claims"]),
            "articles": len(data["articles"]),
            "cites": sorted(graph.nodes[n]["label"] for n in graph.successors(node)),
            "cited_by": sorted(graph.nodes[n]["label"] for n in graph.predecessors(node)),
            "entity": node,
        })
    rows.sort(key=lambda r: (-r["claims"], r["source"]))
    return rows
