"""Pictures of the citation network and of traces.

`citation_picture(graph, fmt)` draws `analyse.network.citation_graph` as
html | svg | dot | graphml | gexf; `trace_picture(occurrences, query, fmt)` draws
what `analyse.trace.trace` returns as svg | html. Everything is computed here, with
no network access and no numpy: a deterministic layered layout puts the outlets and
articles that only cite on the left, relays in the middle and primary sources (cited,
citing no one) on the right, and orders each column by barycentre sweeps so that
fewer citations cross.

Colours are fixed by entity type (`TYPE_COLOURS`, shown in every legend): outlets
slate, articles with no publisher grey-blue, government bodies blue, military
bodies green, people orange, countries pink, research organisations violet,
international organisations vermilion, vague sources grey. Outlets and articles are
labelled pills; sources are circles whose area grows with the claims credited to
them; a citation's width grows with the claims that travelled along it. In a trace,
stated attributions are solid arrows to filled circles, and inferred probable roots
are dashed arrows to hollow dashed circles labelled INFERRED: the two never look alike.

The HTML file is self-contained: the picture and its data travel as JSON inside
the page and a small script draws them, shows a node's details on hover or click,
highlights its neighbours, and filters by name or type.
"""
from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from .errors import InputError, NotFoundError
from .render import _excerpt, script_json

from .formats import GRAPH_FORMATS, TRACE_FORMATS  # noqa: F401  (re-exported)
from .model import outlet_label

# One colour per entity type, the same in every picture and every format.
TYPE_COLOURS = {
    "NewsOutlet": "#34495e",
    "Article": "#7b8a9a",
    "GovernmentBody": "#0072b2",
    "MilitaryBody": "#009e73",
    "MilitaryUnit": "#66c2a5",
    "Person": "#e69f00",
    "Country": "#cc79a7",
    "Region": "#e3b5d0",
    "Organisation": "#56b4e9",
    "ResearchOrganisation": "#7b52ab",
    "InternationalOrganisation": "#d55e00",
    "Platform": "#c4a900",
    "Event": "#8c6d31",
    "VagueSource": "#a3a3a3",
    "Entity": "#cfcfcf",
}
FALLBACK_COLOUR = TYPE_COLOURS["Entity"]
TYPE_NAMES = {"Article": "article (no publisher)", "UntypedEntity": "untyped name", "": "untyped"}

FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
INK, MUTED, EDGE, INFERRED = "#1d2630", "#5f6b78", "#9aa5b1", "#6d5a8f"
ARTICLE_LEVEL = "#1f7a8c"  # a hop established elsewhere in the article: dotted, in this colour
MARGIN = 28
VIEWER = Path(__file__).resolve().with_name("viewer.html")  # the HTML page: its style and script


def type_colour(entity_type: str) -> str:
    return TYPE_COLOURS.get(entity_type, FALLBACK_COLOUR)


def type_name(entity_type: str) -> str:
    """'GovernmentBody' -> 'government body'."""
    if entity_type in TYPE_NAMES:
        return TYPE_NAMES[entity_type]
    words, word = [], ""
    for char in entity_type:
        if char.isupper() and word:
            words.append(word)
            word = ""
        word += char
    return " ".join(words + [word]).lower()


def _claims(count: int) -> str:
    return f"{count} claim{'s' if count != 1 else ''}"


def text_width(text: str, size: float = 12, bold: bool = False, spacing: float = 0.0) -> float:
    """Width of text in a sans-serif font, estimated from character classes (no font files).
    Calibrated on DejaVu Sans, the widest common fallback, so other fonts have room to spare."""
    units = 0.0
    for char in text:
        if char in "ijlI.,;:'!|()[] ":
            units += 0.3
        elif char in "frt-/":
            units += 0.37
        elif char in "mwMW@":
            units += 0.88
        elif char.isdigit():
            units += 0.64
        elif char.isupper():
            units += 0.68
        else:
            units += 0.6
    return units * size * (1.18 if bold else 1.0) + len(text) * spacing * size


# ---------------------------------------------------------------- layered layout


class Dummy(NamedTuple):
    """Where a citation that spans several columns crosses a column in between."""
    source: str
    target: str
    column: int


@dataclass
class Layout:
    column: dict[str, int]  # node -> column, 0 on the left
    y: dict[str, float]  # node -> vertical centre, from 0
    bends: dict[tuple[str, str], list[float]]  # edge -> y where it crosses each column in between
    columns: int
    crossings: int


def layered_layout(graph, extent: Callable[[object, int, int], tuple[float, float]], sweeps: int = 12,
                   restarts: int = 24) -> Layout:
    """Columns by citation depth, rows ordered by barycentre sweeps, rows placed close to
    their neighbours without overlapping. `extent(item, column, last_column)` gives the
    room (above, below) a node or a Dummy needs. Deterministic: ties fall back on labels."""
    nodes = sorted(graph, key=lambda n: (str(graph.nodes[n].get("label", "")), n))
    forward = _acyclic_edges(graph, nodes)
    column = _columns(graph, nodes, forward)
    last = max(column.values(), default=0)

    layers: list[list] = [[] for _ in range(last + 1)]
    up: dict[object, list] = {}
    down: dict[object, list] = {}
    for node in nodes:
        layers[column[node]].append(node)
    for u, v in forward:
        chain = [u] + [Dummy(u, v, c) for c in range(column[u] + 1, column[v])] + [v]
        for item in chain[1:-1]:
            layers[item.column].append(item)
        for a, b in zip(chain, chain[1:]):
            down.setdefault(a, []).append(b)
            up.setdefault(b, []).append(a)
    # sweeps settle in a local minimum that depends on where they start: start again from
    # shuffles of the first column (seeded, so the picture is always the same), keep the best
    shuffle = random.Random(0).shuffle
    items = sum(len(layer) for layer in layers)
    best: tuple[list[list], int] | None = None
    for attempt in range(max(2, min(restarts, 4000 // max(items, 1)))):
        start = [list(layer) for layer in layers]
        if attempt:
            shuffle(start[0])
        ordered, crossings = _order(_initial_order(start, down), up, down, sweeps)
        if best is None or crossings < best[1]:
            best = (ordered, crossings)
        if crossings == 0:
            break
    layers, crossings = best
    y = _place(layers, up, down, lambda item, c: extent(item, c, last))
    bends = {}
    for u, v in forward:
        path = [y[Dummy(u, v, c)] for c in range(column[u] + 1, column[v])]
        bends[(u, v)] = path
        bends[(v, u)] = path[::-1]  # a citation drawn against the flow (a cycle) uses the same bends
    return Layout({n: column[n] for n in nodes}, {n: y[n] for n in nodes}, bends, last + 1, crossings)


def _acyclic_edges(graph, nodes: list) -> list[tuple]:
    """The edges, with those that close a cycle turned round, so that every edge runs left to right."""
    order = {n: i for i, n in enumerate(nodes)}
    state: dict = {}
    forward = []
    starts = [n for n in nodes if graph.in_degree(n) == 0] + nodes
    for start in starts:
        if start in state:
            continue
        state[start] = "open"
        stack = [(start, iter(sorted(graph.successors(start), key=order.get)))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = "done"
                stack.pop()
            elif child == node:
                continue  # a source citing itself takes no column
            elif state.get(child) == "open":
                forward.append((child, node))
            else:
                forward.append((node, child))
                if child not in state:
                    state[child] = "open"
                    stack.append((child, iter(sorted(graph.successors(child), key=order.get))))
    return sorted(set(forward), key=lambda e: (order[e[0]], order[e[1]]))


def _columns(graph, nodes: list, forward: list[tuple]) -> dict:
    """Longest path from the nodes that only cite; sources that cite no one go to the last column."""
    preds: dict = {n: [] for n in nodes}
    for u, v in forward:
        preds[v].append(u)
    column: dict = {}

    def depth(node) -> int:
        stack = [node]
        while stack:
            current = stack[-1]
            pending = [p for p in preds[current] if p not in column]
            if pending:
                stack.extend(pending)
                continue
            column[current] = max((column[p] + 1 for p in preds[current]), default=0)
            stack.pop()
        return column[node]

    for node in nodes:
        depth(node)
    primary = [n for n in nodes if preds[n] and not any(v != n for v in graph.successors(n))]
    last = max([column[n] + 1 for n in nodes if n not in primary] + [column[n] for n in primary] + [0])
    for node in primary:
        column[node] = last
    return column


def _initial_order(layers: list[list], down: dict) -> list[list]:
    """Left column as sorted; each next column in the order its items are first reached."""
    ordered = [list(layers[0])]
    for i in range(1, len(layers)):
        members = set(layers[i])
        seen: dict = {}
        for item in ordered[-1]:
            for child in down.get(item, []):
                if child in members:
                    seen.setdefault(child, len(seen))
        ordered.append(sorted(layers[i], key=lambda it: seen.get(it, len(seen) + layers[i].index(it))))
    return ordered


def _order(layers: list[list], up: dict, down: dict, sweeps: int) -> tuple[list[list], int]:
    """Barycentre sweeps down and up, keeping the best order seen, then the local swaps."""
    best, best_crossings = [list(layer) for layer in layers], _crossings(layers, down)
    for sweep in range(sweeps):
        if sweep % 2 == 0:
            steps, neighbours, offset = range(1, len(layers)), up, -1
        else:
            steps, neighbours, offset = range(len(layers) - 2, -1, -1), down, 1
        for i in steps:
            position = {item: p for p, item in enumerate(layers[i + offset])}

            def barycentre(item, index):
                linked = [position[n] for n in neighbours.get(item, []) if n in position]
                return sum(linked) / len(linked) if linked else index

            keyed = [(barycentre(item, index), index, item) for index, item in enumerate(layers[i])]
            layers[i] = [item for _, _, item in sorted(keyed, key=lambda k: (k[0], k[1]))]
        crossings = _crossings(layers, down)
        if crossings < best_crossings:
            best, best_crossings = [list(layer) for layer in layers], crossings
    _transpose(best, up, down)
    return best, _crossings(best, down)


def _transpose(layers: list[list], up: dict, down: dict, rounds: int = 4) -> None:
    """Swap neighbours in a column while that removes crossings (the local step of dot)."""
    for _ in range(rounds):
        improved = False
        for i, layer in enumerate(layers):
            above = {item: p for p, item in enumerate(layers[i - 1])} if i > 0 else {}
            below = {item: p for p, item in enumerate(layers[i + 1])} if i < len(layers) - 1 else {}
            ends = {item: ([above[n] for n in up.get(item, []) if n in above],
                           [below[n] for n in down.get(item, []) if n in below]) for item in layer}
            for j in range(len(layer) - 1):
                a, b = layer[j], layer[j + 1]
                if _pair_crossings(ends[b], ends[a]) < _pair_crossings(ends[a], ends[b]):
                    layer[j], layer[j + 1] = b, a
                    improved = True
        if not improved:
            return


def _pair_crossings(first: tuple[list, list], second: tuple[list, list]) -> int:
    """Crossings between the edges of two neighbours in a column, with `first` above `second`."""
    return sum(1 for side in (0, 1) for p in first[side] for q in second[side] if p > q)


def _crossings(layers: list[list], down: dict) -> int:
    """Pairs of edges that cross between neighbouring columns (inversions, counted with a Fenwick tree)."""
    total = 0
    for left, right in zip(layers, layers[1:]):
        position = {item: p for p, item in enumerate(right)}
        ends = sorted((i, position[c]) for i, item in enumerate(left) for c in down.get(item, []) if c in position)
        tree = [0] * (len(right) + 1)
        for seen, (_, p) in enumerate(ends):
            at_or_below, k = 0, p + 1
            while k:
                at_or_below += tree[k]
                k -= k & -k
            total += seen - at_or_below
            k = p + 1
            while k <= len(right):
                tree[k] += 1
                k += k & -k
    return total


def _place(layers: list[list], up: dict, down: dict, extent: Callable, rounds: int = 24) -> dict:
    """Each item near the mean of its neighbours, in order, never closer than its extent allows."""
    gaps = []
    for c, layer in enumerate(layers):
        room = [extent(item, c) for item in layer]
        gaps.append([0.0] + [room[j - 1][1] + room[j][0] + (5 if not isinstance(layer[j - 1], Dummy)
                                                             and not isinstance(layer[j], Dummy) else 3)
                             for j in range(1, len(layer))])
    y: dict = {}
    heights = [sum(g) for g in gaps]
    middle = max(heights, default=0) / 2
    for layer, gap, height in zip(layers, gaps, heights):
        position = middle - height / 2
        for item, g in zip(layer, gap):
            position += g
            y[item] = position
    for round_ in range(rounds):
        indices = range(len(layers)) if round_ % 2 == 0 else range(len(layers) - 1, -1, -1)
        for c in indices:
            wanted = []
            for item in layers[c]:
                linked = [y[n] for n in up.get(item, []) + down.get(item, [])]
                wanted.append(sum(linked) / len(linked) if linked else y[item])
            y.update(zip(layers[c], _isotonic(wanted, gaps[c])))
    top = min((y[item] - extent(item, c)[0] for c, layer in enumerate(layers) for item in layer), default=0)
    return {item: value - top for item, value in y.items()}


def _isotonic(wanted: list[float], gaps: list[float]) -> list[float]:
    """Positions closest (least squares) to `wanted` that keep their order and `gaps`
    (pool-adjacent-violators on positions shifted by the gaps before them)."""
    shift, total = [], 0.0
    for gap in gaps:
        total += gap
        shift.append(total)
    blocks: list[list[float]] = []  # [mean, count]
    for w, s in zip(wanted, shift):
        blocks.append([w - s, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            blocks[-1][0] = (blocks[-1][0] * blocks[-1][1] + mean * count) / (blocks[-1][1] + count)
            blocks[-1][1] += count
    flat = [mean for mean, count in blocks for _ in range(count)]
    return [q + s for q, s in zip(flat, shift)]


# ---------------------------------------------------------------- SVG helpers


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _attrs(attrs: dict) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        value = _num(value) if isinstance(value, float) else str(value)
        parts.append(f" {key.rstrip('_').replace('_', '-')}={quoteattr(value)}")
    return "".join(parts)


def _el(tag: str, content: str | None = None, **attrs) -> str:
    if content is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>"


def _text(x: float, y: float, text: str, **attrs) -> str:
    return _el("text", escape(text), x=float(x), y=float(y), **attrs)


def _curve(points: list[tuple[float, float]]) -> str:
    """A smooth path through the points, horizontal at each of them."""
    (x0, y0), rest = points[0], points[1:]
    d = [f"M{_num(x0)},{_num(y0)}"]
    for x1, y1 in rest:
        mid = (x1 - x0) / 2
        d.append(f"C{_num(x0 + mid)},{_num(y0)} {_num(x1 - mid)},{_num(y1)} {_num(x1)},{_num(y1)}")
        x0, y0 = x1, y1
    return " ".join(d)


def _arrow_edge(points: list[tuple[float, float]], width: float, key_from: str, key_to: str, tooltip: str,
                inferred: bool = False, label: str | None = None, article_level: bool = False) -> str:
    """A citation: a curve ending in an arrowhead that points along the last stretch
    (every curve ends horizontally). Inferred ones are dashed with a hollow head; article-level
    hops (established elsewhere in the article) dotted, in a colour of their own."""
    head = 6 + width * 1.2
    (xa, _), (xb, yb) = points[-2], points[-1]
    sign = 1 if xb >= xa else -1
    base = xb - sign * head
    line = points[:-1] + [(base, yb)]
    half = head * 0.55
    head_d = f"M{_num(xb)},{_num(yb)} L{_num(base)},{_num(yb - half)} L{_num(base)},{_num(yb + half)} Z"
    parts = [_el("title", escape(tooltip)),
             _el("path", class_="line", d=_curve(line), fill="none", stroke_width=float(width),
                 stroke_dasharray="7 5" if inferred else "2 4" if article_level else None)]
    parts.append(_el("path", class_="head", d=head_d, fill="#ffffff" if inferred else None,
                     stroke_width=1.5 if inferred else None))
    if label:
        (x0, y0) = points[0]
        parts.append(_text((x0 + base) / 2, min(y0, yb) - 6, label, class_="cue", text_anchor="middle"))
    kind = "edge inferred" if inferred else "edge article-level" if article_level else "edge"
    return _el("g", "".join(parts), class_=kind, data_from=key_from, data_to=key_to)


def _pill(x: float, y: float, label: str, fill: str, anchor: str = "end") -> tuple[str, float]:
    """A labelled pill whose right end (anchor 'end') or left end ('start') is at x."""
    width = text_width(label, 12, bold=True) + 20
    left = x - width if anchor == "end" else x
    shape = _el("rect", x=float(left), y=float(y - 11), width=float(width), height=22, rx=11, fill=fill)
    text = _text(left + width / 2, y + 4, label, class_="pill-label", text_anchor="middle")
    return shape + text, width


STYLE = f"""
text {{ font-family: {FONT}; font-size: 12px; fill: {INK}; }}
.node text, .legend text, .cue {{ paint-order: stroke; stroke: #ffffff; stroke-width: 3.5px; stroke-linejoin: round; }}
.node text.pill-label {{ fill: #ffffff; stroke: none; font-weight: 600; }}
.node circle {{ stroke: #ffffff; stroke-width: 1.5px; }}
.node.root circle.ring {{ fill: none; stroke: {INK}; stroke-width: 2px; }}
.node.inferred circle {{ fill: #ffffff; stroke-width: 2.5px; stroke-dasharray: 4 3; }}
.node.inferred text.name {{ font-style: italic; }}
.edge .line {{ stroke: {EDGE}; stroke-opacity: 0.75; }}
.edge .head {{ fill: {EDGE}; stroke: {EDGE}; }}
.edge.inferred .line, .edge.inferred .head {{ stroke: {INFERRED}; stroke-opacity: 0.9; }}
.edge.inferred .head {{ fill: #ffffff; }}
.edge.article-level .line, .edge.article-level .head {{ stroke: {ARTICLE_LEVEL}; stroke-opacity: 0.9; }}
.edge.article-level .head {{ fill: {ARTICLE_LEVEL}; }}
.title {{ font-size: 20px; font-weight: 700; }}
.subtitle, .note {{ fill: {MUTED}; }}
.header {{ font-size: 11px; font-weight: 600; letter-spacing: 0.08em; fill: {MUTED}; }}
.cue {{ font-size: 11px; font-style: italic; fill: {MUTED}; }}
.badge {{ font-size: 10px; font-weight: 700; letter-spacing: 0.06em; }}
.evidence {{ font-size: 11px; fill: {MUTED}; }}
.inferred-badge {{ fill: {INFERRED}; }}
.none-given {{ font-style: italic; fill: {MUTED}; }}
.outlet-name {{ font-size: 14px; font-weight: 700; }}
"""


def _svg(width: float, height: float, title: str, body: str, kind: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="newsprov {kind}" width="{_num(width)}" '
            f'height="{_num(height)}" viewBox="0 0 {_num(width)} {_num(height)}" role="img">'
            f"{_el('title', escape(title))}<style>{STYLE}</style>"
            f"{_el('rect', width='100%', height='100%', fill='#ffffff', class_='background')}{body}</svg>\n")


def _legend(x: float, y: float, width: float, types: list[str], keys: list[tuple[str, str]]) -> tuple[str, float]:
    """Colour swatches for the types shown, then a key to shapes and lines; wraps at `width`.
    Returns the markup and the height used."""
    parts, cx, cy = [], x, y
    items = [("swatch", t, type_name(t)) for t in types] + [("key", shape, text) for shape, text in keys]
    for kind, what, text in items:
        span = (16 if kind == "swatch" else 38) + text_width(text) + 22
        if cx + span > x + width and cx > x:
            cx, cy = x, cy + 22
        if kind == "swatch":
            parts.append(_el("circle", cx=float(cx + 6), cy=float(cy), r=6, fill=type_colour(what)))
            parts.append(_text(cx + 16, cy + 4, text))
        else:
            parts.append(_legend_key(what, cx, cy))
            parts.append(_text(cx + 38, cy + 4, text))
        cx += span
    return _el("g", "".join(parts), class_="legend"), cy - y + 12


def _legend_key(shape: str, x: float, y: float) -> str:
    if shape == "pill":
        return _el("rect", x=float(x), y=float(y - 7), width=30, height=14, rx=7, fill=TYPE_COLOURS["NewsOutlet"])
    if shape == "sizes":
        return "".join(_el("circle", cx=float(x + cx), cy=float(y), r=r, fill="#b8c2cc") for cx, r in ((4, 3), (12, 4.5), (25, 7)))
    if shape == "widths":
        return "".join(_el("line", x1=float(x), x2=float(x + 30), y1=float(y + dy), y2=float(y + dy), stroke=EDGE,
                           stroke_width=w) for dy, w in ((-4, 1), (3, 4)))
    if shape == "stated":
        return _el("line", x1=float(x), x2=float(x + 30), y1=float(y), y2=float(y), stroke=EDGE, stroke_width=2)
    if shape == "inferred":
        return (_el("line", x1=float(x), x2=float(x + 20), y1=float(y), y2=float(y), stroke=INFERRED,
                    stroke_width=2, stroke_dasharray="5 3")
                + _el("circle", cx=float(x + 26), cy=float(y), r=5, fill="#ffffff", stroke=INFERRED,
                      stroke_width=2, stroke_dasharray="3 2"))
    if shape == "article-level":
        return _el("line", x1=float(x), x2=float(x + 30), y1=float(y), y2=float(y), stroke=ARTICLE_LEVEL,
                   stroke_width=2, stroke_dasharray="2 4")
    if shape == "root":
        return (_el("circle", cx=float(x + 15), cy=float(y), r=5, fill="#b8c2cc")
                + _el("circle", cx=float(x + 15), cy=float(y), r=8.5, fill="none", stroke=INK, stroke_width=2))
    raise ValueError(shape)


# ---------------------------------------------------------------- the citation network


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
    return _html(title, svg, _citation_details(graph, nodes), "Citation network")


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
    legend, legend_height = _legend(MARGIN, 76, width - 2 * MARGIN, types, [
        ("pill", "outlet or article: cites only"), ("sizes", "source: size = claims credited"),
        ("widths", "citation: width = claims")])
    headers_y = 76 + legend_height + 24
    top = headers_y + 22

    parts = [_text(MARGIN, 38, title, class_="title"), _text(MARGIN, 60, subtitle, class_="subtitle"), legend]
    column_x = {n.column: n.x for n in nodes.values()}
    parts.append(_text(MARGIN, headers_y, "CITING: OUTLETS, ARTICLES", class_="header"))
    if last > 0:
        parts.append(_text(column_x[last] - 8, headers_y, "PRIMARY SOURCES: CITE NO ONE", class_="header"))
    if last > 1:
        parts.append(_text((column_x[1] + column_x[last - 1]) / 2, headers_y, "RELAYS: CITED AND CITING",
                           class_="header", text_anchor="middle"))

    edges = []
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (nodes[e[0]].key, nodes[e[1]].key)):
        source, target = nodes[u], nodes[v]
        weight = int(data.get("weight", 1))
        tooltip = f"{source.label} cites {target.label}: {_claims(weight)}"
        width_ = _edge_width(weight, heaviest)
        if u == v:
            r = source.radius
            d = (f"M{_num(source.x - r * 0.6)},{_num(top + source.y - r * 0.8)} "
                 f"a{_num(r)},{_num(r)} 0 1 1 {_num(r * 1.2)},0")
            edges.append(_el("g", _el("title", escape(tooltip)) + _el("path", class_="line", d=d, fill="none",
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
        edges.append(_arrow_edge(points, width_, source.key, target.key, tooltip))

    drawn = []
    for node in sorted(nodes.values(), key=lambda n: n.key):
        y = top + node.y
        tip = [node.label, type_name(node.type)]
        if node.outlet:
            shape, _ = _pill(node.x, y, node.label, type_colour(node.type))
            cited = graph.out_degree(node.iri)
            tip.append(f"cites {cited} source{'s' if cited != 1 else ''}")
        else:
            shape = _el("circle", cx=float(node.x), cy=float(y), r=float(node.radius), fill=type_colour(node.type))
            if node.column == last or node.column == 0:
                label = _text(node.x + node.radius + 6, y + 4, node.label, class_="name")
            else:
                label = _text(node.x, y - node.radius - 6, node.label, class_="name", text_anchor="middle")
            shape += label
            tip.append(f"{_claims(node.claims)} in {node.articles} article{'s' if node.articles != 1 else ''}")
        drawn.append(_el("g", _el("title", escape("\n".join(tip))) + shape,
                         class_="node outlet" if node.outlet else "node source",
                         data_key=node.key, data_iri=node.iri, data_type=node.type or "Entity"))
    height = top + max((n.y + max(n.radius, 11) for n in nodes.values()), default=0) + MARGIN
    body = "".join(parts) + _el("g", "".join(edges), class_="edges") + _el("g", "".join(drawn), class_="nodes")
    return _svg(width, height, f"{title}: {subtitle}", body, "citations"), title


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
                     f"penwidth={_edge_width(weight, heaviest):.1f}, tooltip={_dot_quote(_claims(weight))}];")
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
    import io

    import networkx as nx

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


# ---------------------------------------------------------------- traces


def trace_picture(occurrences: list[dict], query: str, fmt: str) -> str:
    """Each occurrence of a figure as a chain from its outlet to the root source, as svg | html.
    An unattributed figure shows 'no source given' and its inferred probable roots, dashed."""
    if fmt not in TRACE_FORMATS:
        raise InputError(f"unknown picture format {fmt!r}; choose one of {', '.join(TRACE_FORMATS)}")
    svg, title, details = _trace_svg(occurrences, query)
    if fmt == "svg":
        return svg
    return _html(title, svg, details, "Trace")


def _trace_svg(occurrences: list[dict], query: str) -> tuple[str, str, dict]:
    from .render import trace_heading

    title = trace_heading(occurrences, query)
    types = set()
    for o in occurrences:
        types.update(hop["source"].get("type") or "" for hop in o.get("chain", []))
        types.update(g["source"].get("type") or "" for g in o.get("inferred_roots", []))
    width = 1000.0  # widened below to the longest chain
    blocks, details, y, starts = [], {}, 0.0, []
    for index, occurrence in enumerate(occurrences):
        if index:
            y += 32
        block, block_height, block_width = _trace_block(index, occurrence, y, details)
        blocks.append(block)
        starts.append(y)
        y += block_height
        width = max(width, block_width + 2 * MARGIN)
    _link_same_sources(details)
    blocks += [_el("line", x1=0, x2=float(width - 2 * MARGIN), y1=float(at - 16), y2=float(at - 16), stroke="#e3e7eb")
               for at in starts[1:]]
    legend, legend_height = _legend(MARGIN, 76, width - 2 * MARGIN, sorted(types, key=type_name), [
        ("stated", "stated attribution (cue above)"), ("root", "root source"),
        *([("article-level", "article-level: named as the data source elsewhere in the article")]
          if any(hop.get("basis") == "article-level" for o in occurrences for hop in o.get("chain", [])) else []),
        ("inferred", "INFERRED probable root: not stated in the article")])
    top = 76 + legend_height + 20
    subtitle = "Each occurrence as a chain from the outlet to the root source, outermost hop first."
    body = (_text(MARGIN, 38, f"Trace of {title}", class_="title") + _text(MARGIN, 60, subtitle, class_="subtitle")
            + legend + _el("g", "".join(blocks), transform=f"translate({MARGIN},{_num(top)})"))
    return _svg(width, top + y + MARGIN, f"Trace of {title}", body, "trace"), f"Trace of {title}", details


def _trace_block(index: int, occurrence: dict, y: float, details: dict) -> tuple[str, float, float]:
    """One occurrence: a heading, the claim, then the chain; returns markup, height and width.
    Keys the drawing does not know are ignored."""
    article, figure = occurrence.get("article") or {}, occurrence.get("figure") or {}
    chain, guesses = occurrence.get("chain") or [], occurrence.get("inferred_roots") or []
    outlet = outlet_label(article.get("publisher"), article.get("source_file"), article.get("id") or "")
    outlet_type = "NewsOutlet" if article.get("publisher") else "Article"
    where = " · ".join(x for x in (article.get("source_file") or article.get("id") if article.get("publisher") else "",
                                   article.get("published") or "undated") if x)
    qualifier = figure.get("qualifier")
    facts = ", ".join(x for x in (qualifier if qualifier and qualifier != "exact" else "", figure.get("measure"),
                                  figure.get("period")) if x)
    claim = (occurrence.get("claim") or {}).get("text") or ""
    figure_line = f"figure {figure.get('text', '')}" + (f" ({facts})" if facts else "")
    if claim:
        figure_line += f" in “{_excerpt(claim, figure.get('text', ''), 120)}”"
    parts = [_text(0, y + 16, outlet, class_="outlet-name"),
             _text(text_width(outlet, 14, bold=True) + 10, y + 16, where, class_="subtitle"),
             _text(0, y + 36, figure_line, class_="note")]
    right = text_width(outlet, 14, bold=True) + 10 + text_width(where)
    right = max(right, text_width(figure_line))
    row = y + 68
    prefix = f"o{index}"
    outlet_key = f"{prefix}-outlet"
    shape, pill_width = _pill(0, row, outlet, type_colour(outlet_type), anchor="start")
    nodes = [_el("g", _el("title", escape(f"{outlet}\n{where}")) + shape, class_="node outlet", data_key=outlet_key,
                 data_iri=article.get("iri") or article.get("id") or "", data_type=outlet_type)]
    details[outlet_key] = {"label": outlet, "type": outlet_type,
                           "facts": [["article", where], ["figure", figure.get("text", "")], ["claim", claim]],
                           "links": [{"name": "cites", "keys": [f"{prefix}-hop0"] if chain else []}]}
    edges, x, previous = [], pill_width, outlet_key
    radius = 9.0
    status = (occurrence.get("root") or {}).get("status") or ("named" if chain else "unattributed")
    for position, hop in enumerate(chain):
        source = hop.get("source") or {}
        label, kind = source.get("label") or source.get("entity") or "?", source.get("type") or ""
        cue = hop.get("cue") or ""
        is_root = position == len(chain) - 1
        key = f"{prefix}-hop{position}"
        cx = x + max(70.0, text_width(cue, 11) + 28) + radius
        article_level = hop.get("basis") == "article-level"
        why = f"; article-level: {hop.get('established_by') or ''}" if article_level else ""
        edges.append(_arrow_edge([(x + 4, row), (cx - radius - 2, row)], 2.0, previous, key,
                                 f"{cue or 'credited'} ({hop.get('speech') or 'speech unknown'}{why})", label=cue or None,
                                 article_level=article_level))
        shape = _el("circle", cx=float(cx), cy=float(row), r=radius, fill=type_colour(kind))
        text_x = cx + radius + 7
        if is_root:
            shape += _el("circle", class_="ring", cx=float(cx), cy=float(row), r=radius + 4)
            text_x += 3
        shape += _text(text_x, row + 4, label, class_="name")
        end = text_x + text_width(label)
        if is_root:
            badge = f"ROOT ({status})"
            shape += _text(end + 10, row + 4, badge, class_="badge")
            end += 10 + text_width(badge, 10, bold=True, spacing=0.06)
        nodes.append(_el("g", _el("title", escape(f"{label}\n{type_name(kind)}" + ("\nroot" if is_root else ""))) + shape,
                         class_="node source root" if is_root else "node source", data_key=key,
                         data_iri=source.get("entity") or "", data_type=kind or "Entity"))
        details[key] = {"label": label, "type": kind or "Entity", "entity": source.get("entity"),
                        "facts": [["hop", f"{position + 1} of {len(chain)}"],
                                  ["cue", cue or "none"], ["speech", hop.get("speech") or ""]]
                        + ([["basis", f"article-level: {hop.get('established_by') or ''}"]] if article_level else [])
                        + ([["root", status]] if is_root else []) + [["IRI", source.get("entity") or ""]],
                        "links": [{"name": "cited by", "keys": [previous]},
                                  {"name": "cites", "keys": [] if is_root else [f"{prefix}-hop{position + 1}"]}]}
        previous, x = key, end + 6
    height = 68 + 14
    if not chain:
        box_x, note = x + 40, "no source given"
        box_width = text_width(note) + 22
        edges.append(_el("line", x1=float(x + 4), x2=float(box_x), y1=float(row), y2=float(row), stroke=EDGE,
                         stroke_width=2))
        tag = "ROOT: UNATTRIBUTED"
        nodes.append(_el("g", _el("rect", x=float(box_x), y=float(row - 12), width=float(box_width), height=24, rx=4,
                                  fill="#f1f3f5", stroke="#c4ccd4")
                         + _text(box_x + 11, row + 4, note, class_="none-given")
                         + _text(box_x + 2, row + 28, tag, class_="badge"),
                         class_="placeholder"))
        x = box_x + box_width
        right = max(right, box_x + text_width(tag, 10, bold=True, spacing=0.06))
        keys = []
        for rank, guess in enumerate(guesses):
            key = f"{prefix}-inferred{rank}"
            keys.append(key)
            end = _inferred_root(guess, rank, key, outlet_key, x, row, radius, edges, nodes, details)
            right = max(right, end)
        details[outlet_key]["links"] = [{"name": "probable roots (inferred)", "keys": keys}]
        height = 68 + max(32, (len(guesses) - 1) * 52 + 26)
    right = max(right, x)
    block = _el("g", "".join(parts) + "".join(edges) + "".join(nodes), class_="occurrence")
    return block, height, right


def _link_same_sources(details: dict) -> None:
    """A source that appears in several chains (a stated root here, an inferred one there)
    lists its other appearances, so that the viewer highlights them together."""
    keys_by_source: dict[str, list[str]] = {}
    for key, node in details.items():
        if node.get("entity"):
            keys_by_source.setdefault(node["entity"], []).append(key)
    for keys in keys_by_source.values():
        for key in keys if len(keys) > 1 else []:
            details[key]["links"].append({"name": "same source elsewhere in this trace",
                                          "keys": [k for k in keys if k != key]})


def _inferred_root(guess: dict, rank: int, key: str, outlet_key: str, x: float, row: float, radius: float,
                   edges: list, nodes: list, details: dict) -> float:
    """A probable root: a dashed arrow from 'no source given' to a hollow dashed circle, marked
    INFERRED, with the arithmetic that supports it. Returns where its text ends."""
    source, evidence = guess.get("source") or {}, guess.get("evidence") or {}
    label, kind = source.get("label") or source.get("entity") or "?", source.get("type") or ""
    other = evidence.get("article") or {}
    found_in = other.get("publisher") or other.get("source_file") or other.get("id") or ""
    figure_text = (evidence.get("figure") or {}).get("text")
    why = ": ".join(str(x) for x in (evidence.get("reason"), evidence.get("arithmetic")) if x)
    if figure_text and found_in:
        why += f" ({figure_text} in {found_in})"
    badge = f"INFERRED #{guess.get('rank', rank + 1)}"
    gy, cx = row + rank * 52, x + 110 + radius
    edges.append(_arrow_edge([(x + 2, row), (cx - radius - 3, gy)], 2.0, outlet_key, key,
                             f"inferred, not stated in the article: {why}", inferred=True,
                             label="inferred" if rank == 0 else None))
    text_x = cx + radius + 8
    shape = (_el("circle", cx=float(cx), cy=float(gy), r=radius, stroke_dasharray="4 3",
                 style=f"stroke: {type_colour(kind)}")
             + _text(text_x, gy + 4, label, class_="name")
             + _text(text_x + text_width(label) + 10, gy + 4, badge, class_="badge inferred-badge")
             + _text(text_x, gy + 20, why, class_="evidence"))
    nodes.append(_el("g", _el("title", escape(f"{label}\n{type_name(kind)}\nINFERRED probable root, not stated "
                                              f"in the article\n{why}")) + shape,
                     class_="node source inferred", data_key=key, data_iri=source.get("entity") or "",
                     data_type=kind or "Entity", data_inferred="true"))
    details[key] = {"label": label, "type": kind or "Entity", "entity": source.get("entity"),
                    "facts": [["attribution", f"INFERRED, rank {guess.get('rank', rank + 1)}; "
                                                                        "not stated in the article"],
                              ["reason", evidence.get("reason") or ""], ["arithmetic", evidence.get("arithmetic") or ""],
                              ["matching figure", f"{figure_text or ''} in {found_in}"],
                              ["IRI", source.get("entity") or ""]],
                    "links": [{"name": "probable root of", "keys": [outlet_key]}]}
    return max(text_x + text_width(label) + 10 + text_width(badge, 10, bold=True, spacing=0.06), text_x + text_width(why, 11))


# ---------------------------------------------------------------- HTML


def _html(title: str, svg: str, details: dict, heading: str) -> str:
    """The viewer page (viewer.html beside this module) with the picture and its data inside."""
    counts: dict[str, int] = {}
    for node in details.values():
        counts[node["type"]] = counts.get(node["type"], 0) + 1
    types = [{"type": t, "name": type_name(t), "colour": type_colour(t), "count": counts[t]}
             for t in sorted(counts, key=type_name)]
    data = {"title": title, "svg": svg, "nodes": details, "types": types}
    values = {"title": escape(title), "heading": escape(heading), "data": script_json(data)}
    return re.sub(r"\{\{(title|heading|data)\}\}", lambda m: values[m.group(1)], VIEWER.read_text(encoding="utf-8"))
