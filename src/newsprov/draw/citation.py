"""The citation network: as an SVG picture, an HTML viewer, DOT, GraphML or GEXF."""
from __future__ import annotations

import io
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..errors import InputError, NotFoundError
from ..formats import GRAPH_FORMATS
from .html import html_page
from .layout import Dummy, Layout, layered_layout
from .style import EDGE, INK, MARGIN, claims_phrase, text_width, type_colour, type_name
from .svg import arrow_edge, el, legend_block, num, pill, svg_document, text_at

@dataclass
class _Node:
    key: str
    iri: str
    label: str
    type: str
    outlet: bool  # only cites: drawn as a pill, credited with no claim
    claims: int
    articles: int
    radius: float
    column: int = 0
    x: float = 0.0
    y: float = 0.0


def citation_picture(graph, fmt: str) -> str:
    """The citation network (`analyse.network.citation_graph`) as html | svg | dot | graphml | gexf."""
    if fmt not in GRAPH_FORMATS:
        raise InputError(f"unknown picture format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")
    if graph.number_of_nodes() == 0:
        raise NotFoundError("the store holds no citations yet: ingest articles whose figures credit a source "
                            "(newsprov ingest PATH)")
    nodes, layout = _citation_scene(graph)
    if fmt in ("graphml", "gexf"):
        return _networkx_text(graph, nodes, fmt)
    if fmt == "dot":
        return _dot(graph, nodes, layout)
    svg, title = _citation_svg(graph, nodes, layout)
    if fmt == "svg":
        return svg
    return html_page(title, svg, _citation_details(graph, nodes), "Citation network")


def _heaviest(graph) -> int:
    return max((d.get("weight", 1) for _, _, d in graph.edges(data=True)), default=1)


def _edge_width(weight: int, heaviest: int) -> float:
    return 1.2 + 5.5 * (weight - 1) / max(heaviest - 1, 4)


def _citation_scene(graph) -> tuple[dict[str, _Node], Layout]:
    """Nodes with their sizes and places, and the layout they came from."""
    most = max((len(d.get("claims", ())) for _, d in graph.nodes(data=True)), default=1) or 1
    heaviest = _heaviest(graph)
    nodes = {}
    for index, (iri, data) in enumerate(sorted(graph.nodes(data=True), key=lambda nd: (str(nd[1].get("label")), nd[0]))):
        claims = len(data.get("claims", ()))
        nodes[iri] = _Node(key=f"n{index}", iri=iri, label=str(data.get("label") or iri), type=str(data.get("type") or ""),
                           outlet="claims" not in data, claims=claims, articles=len(data.get("articles", ())),
                           radius=4.5 + 11.5 * math.sqrt(claims / most))

    def extent(item, column, last):
        if isinstance(item, Dummy):
            half = _edge_width(graph.edges[item.source, item.target].get("weight", 1), heaviest) / 2
            return half + 1, half + 1
        node = nodes[item]
        if node.outlet:
            return 11, 11
        if column == last:
            return max(node.radius, 7), max(node.radius, 7)
        return node.radius + 17, node.radius  # the label sits above a relay

    layout = layered_layout(graph, extent)
    last = layout.columns - 1
    # columns: outlets right-aligned on the first, labels above relays, labels right of primary sources
    above = {c: 0.0 for c in range(layout.columns)}
    for node in nodes.values():
        node.column = layout.column[node.iri]
        if not node.outlet and 0 < node.column < last:
            above[node.column] = max(above[node.column], text_width(node.label) / 2)
    pill_room = max((text_width(n.label, bold=True) + 20 for n in nodes.values() if n.outlet and n.column == 0), default=0)
    xs = [MARGIN + max(pill_room, 40)]
    for c in range(1, layout.columns):
        xs.append(xs[-1] + max(170, above[c - 1] + above[c] + 40, above[c] + 70))
    for node in nodes.values():
        node.x, node.y = xs[node.column], layout.y[node.iri]
    return nodes, layout


def _citation_svg(graph, nodes: dict[str, _Node], layout: Layout) -> tuple[str, str]:
    last = layout.columns - 1
    heaviest = _heaviest(graph)
    sources = [n for n in nodes.values() if not n.outlet]
    outlets = [n for n in nodes.values() if n.outlet]
    right = max([n.x + n.radius + 8 + text_width(n.label) for n in sources if n.column in (0, last)]
                + [n.x + text_width(n.label) / 2 for n in nodes.values()]
                + [n.x - 8 + text_width("PRIMARY SOURCES: CITE NO ONE", 11, bold=True, spacing=0.08) for n in sources
                   if n.column == last] + [700])
    width = right + MARGIN
    title = "Who cites whom"
    subtitle = (f"{len(sources)} sources credited with claims, {len(outlets)} outlets or articles that only cite, "
                f"{graph.number_of_edges()} citations. Arrows run from the citing to the cited.")
    types = sorted({n.type for n in nodes.values()}, key=lambda t: (t not in ("NewsOutlet", "Article"), type_name(t)))
    legend, legend_height = legend_block(MARGIN, 76, width - 2 * MARGIN, types, [
        ("pill", "outlet or article: cites only"), ("sizes", "source: size = claims credited"),
        ("widths", "citation: width = claims")])
    headers_y = 76 + legend_height + 24
    top = headers_y + 22

    parts = [text_at(MARGIN, 38, title, class_="title"), text_at(MARGIN, 60, subtitle, class_="subtitle"), legend]
    column_x = {n.column: n.x for n in nodes.values()}
    parts.append(text_at(MARGIN, headers_y, "CITING: OUTLETS, ARTICLES", class_="header"))
    if last > 0:
        parts.append(text_at(column_x[last] - 8, headers_y, "PRIMARY SOURCES: CITE NO ONE", class_="header"))
    if last > 1:
        parts.append(text_at((column_x[1] + column_x[last - 1]) / 2, headers_y, "RELAYS: CITED AND CITING",
                           class_="header", text_anchor="middle"))

    edges = []
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (nodes[e[0]].key, nodes[e[1]].key)):
        source, target = nodes[u], nodes[v]
        weight = int(data.get("weight", 1))
        tooltip = f"{source.label} cites {target.label}: {claims_phrase(weight)}"
        width_ = _edge_width(weight, heaviest)
        if u == v:
            r = source.radius
            d = (f"M{num(source.x - r * 0.6)},{num(top + source.y - r * 0.8)} "
                 f"a{num(r)},{num(r)} 0 1 1 {num(r * 1.2)},0")
            edges.append(el("g", el("title", escape(tooltip)) + el("path", class_="line", d=d, fill="none",
                                                                       stroke_width=float(width_)),
                             class_="edge", data_from=source.key, data_to=target.key))
            continue
        bends = layout.bends.get((u, v), [])
        step = 1 if target.column > source.column else -1
        columns = list(range(source.column + step, target.column, step))
        start_x = source.x if source.outlet else source.x + step * source.radius
        end_x = target.x - step * (target.radius + 2)
        points = [(start_x, top + source.y)]
        points += [(column_x[c], top + y) for c, y in zip(columns, bends)]
        points.append((end_x, top + target.y))
        edges.append(arrow_edge(points, width_, source.key, target.key, tooltip))

    drawn = []
    for node in sorted(nodes.values(), key=lambda n: n.key):
        y = top + node.y
        tip = [node.label, type_name(node.type)]
        if node.outlet:
            shape, _ = pill(node.x, y, node.label, type_colour(node.type))
            cited = graph.out_degree(node.iri)
            tip.append(f"cites {cited} source{'s' if cited != 1 else ''}")
        else:
            shape = el("circle", cx=float(node.x), cy=float(y), r=float(node.radius), fill=type_colour(node.type))
            if node.column == last or node.column == 0:
                label = text_at(node.x + node.radius + 6, y + 4, node.label, class_="name")
            else:
                label = text_at(node.x, y - node.radius - 6, node.label, class_="name", text_anchor="middle")
            shape += label
            tip.append(f"{claims_phrase(node.claims)} in {node.articles} article{'s' if node.articles != 1 else ''}")
        drawn.append(el("g", el("title", escape("\n".join(tip))) + shape,
                         class_="node outlet" if node.outlet else "node source",
                         data_key=node.key, data_iri=node.iri, data_type=node.type or "Entity"))
    height = top + max((n.y + max(n.radius, 11) for n in nodes.values()), default=0) + MARGIN
    body = "".join(parts) + el("g", "".join(edges), class_="edges") + el("g", "".join(drawn), class_="nodes")
    return svg_document(width, height, f"{title}: {subtitle}", body, "citations"), title


def _citation_details(graph, nodes: dict[str, _Node]) -> dict:
    """What the HTML viewer shows for each node: its facts, whom it cites and who cites it."""
    def linked(name: str, neighbours, weight) -> dict:
        ordered = sorted(neighbours, key=lambda n: (nodes[n].label, nodes[n].key))
        return {"name": name, "keys": [nodes[n].key for n in ordered], "weights": [weight(n) for n in ordered]}

    details = {}
    for node in nodes.values():
        facts = [] if node.outlet else [["claims credited", node.claims], ["articles", node.articles]]
        details[node.key] = {
            "label": node.label, "type": node.type or "Entity", "facts": facts + [["IRI", node.iri]],
            "links": [linked("cites", graph.successors(node.iri), lambda n: graph.edges[node.iri, n].get("weight", 1)),
                      linked("cited by", graph.predecessors(node.iri), lambda n: graph.edges[n, node.iri].get("weight", 1))],
        }
    return details


# ---------------------------------------------------------------- DOT, GraphML, GEXF


def _dot_quote(value: object) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot(graph, nodes: dict[str, _Node], layout: Layout) -> str:
    heaviest = _heaviest(graph)
    lines = ["digraph citations {",
             '  graph [rankdir=LR, ranksep=1.2, nodesep=0.15, fontname="Helvetica", label="Who cites whom", labelloc=t];',
             '  node [fontname="Helvetica", fontsize=11, style=filled, color="#ffffff"];',
             f'  edge [color="{EDGE}", arrowsize=0.7];']
    for node in sorted(nodes.values(), key=lambda n: n.key):
        colour = type_colour(node.type)
        ink = "#ffffff" if _dark(colour) else INK
        if node.outlet:
            shape = f'shape=box, style="rounded,filled", fillcolor="{colour}", fontcolor="{ink}"'
        else:  # the ellipse grows with the claims credited, and with its label
            shape = f'shape=ellipse, fillcolor="{colour}", fontcolor="{ink}", height={2 * node.radius / 72 + 0.15:.2f}'
        lines.append(f"  {_dot_quote(node.iri)} [label={_dot_quote(node.label)}, {shape}, "
                     f"type={_dot_quote(node.type)}, claims={node.claims}];")
    for column in range(layout.columns):
        members = " ".join(_dot_quote(n.iri) for n in sorted(nodes.values(), key=lambda n: n.key) if n.column == column)
        if members:
            lines.append(f"  {{ rank=same; {members} }}")
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (nodes[e[0]].key, nodes[e[1]].key)):
        weight = int(data.get("weight", 1))
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [weight={weight}, "
                     f"penwidth={_edge_width(weight, heaviest):.1f}, tooltip={_dot_quote(claims_phrase(weight))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _luminance(colour: str) -> float:
    """Relative luminance of '#rrggbb' (WCAG)."""
    r, g, b = ((c / 255 / 12.92) if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4
               for c in (int(colour[i:i + 2], 16) for i in (1, 3, 5)))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _dark(colour: str) -> bool:
    """Whether white text has more contrast on this fill than the dark ink."""
    fill = _luminance(colour)
    return 1.05 / (fill + 0.05) > (fill + 0.05) / (_luminance(INK) + 0.05)


def _plain(value):
    """An attribute value GraphML and GEXF can hold: collections become their size."""
    if isinstance(value, (set, frozenset, list, tuple, dict)):
        return len(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else str(value)
    return "" if value is None else str(value)


def _networkx_text(graph, nodes: dict[str, _Node], fmt: str) -> str:
    import networkx as nx  # lazily: the other pictures need no networkx

    plain = nx.DiGraph(name="newsprov citation network")
    for iri, data in graph.nodes(data=True):
        node = nodes[iri]
        attrs = {key: _plain(value) for key, value in data.items()}
        attrs.update(label=node.label, type=node.type, claims=node.claims, articles=node.articles,
                     role="outlet" if node.outlet else "source", colour=type_colour(node.type),
                     x=round(node.x), y=round(node.y), size=round(node.radius))
        if fmt == "gexf":  # Gephi reads colour, size and position from these
            colour = type_colour(node.type)
            attrs["viz"] = {"color": {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16),
                                      "a": 1.0},
                            "size": float(round(node.radius, 1)),
                            "position": {"x": float(round(node.x)), "y": float(-round(node.y)), "z": 0.0}}
        plain.add_node(iri, **attrs)
    for u, v, data in graph.edges(data=True):
        plain.add_edge(u, v, **{key: _plain(value) for key, value in data.items()})
    buffer = io.BytesIO()
    (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(plain, buffer)
    return buffer.getvalue().decode("utf-8")
