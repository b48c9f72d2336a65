"""A deterministic layered layout, no numpy: sources in columns by how far they are cited, each column
ordered by barycentre sweeps so that fewer citations cross."""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

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
