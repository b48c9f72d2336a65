"""Pictures of traces: each occurrence of a figure as a row, from its outlet through its hops to the
root, stated hops solid and inferred roots dashed."""
from __future__ import annotations

from xml.sax.saxutils import escape

from ..errors import InputError
from ..formats import TRACE_FORMATS
from ..model import outlet_label
from ..render import _excerpt, trace_heading
from .html import html_page
from .style import EDGE, MARGIN, text_width, type_colour, type_name
from .svg import arrow_edge, el, legend_block, num, pill, svg_document, text_at

def trace_picture(occurrences: list[dict], query: str, fmt: str) -> str:
    """Each occurrence of a figure as a chain from its outlet to the root source, as svg | html.
    An unattributed figure shows 'no source given' and its inferred probable roots, dashed."""
    if fmt not in TRACE_FORMATS:
        raise InputError(f"unknown picture format {fmt!r}; choose one of {', '.join(TRACE_FORMATS)}")
    svg, title, details = _trace_svg(occurrences, query)
    if fmt == "svg":
        return svg
    return html_page(title, svg, details, "Trace")


def _trace_svg(occurrences: list[dict], query: str) -> tuple[str, str, dict]:
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
    blocks += [el("line", x1=0, x2=float(width - 2 * MARGIN), y1=float(at - 16), y2=float(at - 16), stroke="#e3e7eb")
               for at in starts[1:]]
    legend, legend_height = legend_block(MARGIN, 76, width - 2 * MARGIN, sorted(types, key=type_name), [
        ("stated", "stated attribution (cue above)"), ("root", "root source"),
        *([("article-level", "article-level: named as the data source elsewhere in the article")]
          if any(hop.get("established_by") for o in occurrences for hop in o.get("chain") or []) else []),
        ("inferred", "INFERRED probable root: not stated in the article")])
    top = 76 + legend_height + 20
    subtitle = "Each occurrence as a chain from the outlet to the root source, outermost hop first."
    body = (text_at(MARGIN, 38, f"Trace of {title}", class_="title") + text_at(MARGIN, 60, subtitle, class_="subtitle")
            + legend + el("g", "".join(blocks), transform=f"translate({MARGIN},{num(top)})"))
    return svg_document(width, top + y + MARGIN, f"Trace of {title}", body, "trace"), f"Trace of {title}", details


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
    parts = [text_at(0, y + 16, outlet, class_="outlet-name"),
             text_at(text_width(outlet, 14, bold=True) + 10, y + 16, where, class_="subtitle"),
             text_at(0, y + 36, figure_line, class_="note")]
    right = text_width(outlet, 14, bold=True) + 10 + text_width(where)
    right = max(right, text_width(figure_line))
    row = y + 68
    prefix = f"o{index}"
    outlet_key = f"{prefix}-outlet"
    shape, pill_width = pill(0, row, outlet, type_colour(outlet_type), anchor="start")
    nodes = [el("g", el("title", escape(f"{outlet}\n{where}")) + shape, class_="node outlet", data_key=outlet_key,
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
        cue = hop.get("cue") or ("CORRECTED" if hop.get("basis") == "corrected" else "")  # a person's hop has no cue
        is_root = position == len(chain) - 1
        key = f"{prefix}-hop{position}"
        cx = x + max(70.0, text_width(cue, 11) + 28) + radius
        article_level = bool(hop.get("established_by"))
        why = f"; article-level: {hop['established_by']}" if article_level else ""
        edges.append(arrow_edge([(x + 4, row), (cx - radius - 2, row)], 2.0, previous, key,
                                f"{cue or 'credited'} ({hop.get('speech') or 'speech unknown'}{why})", label=cue or None,
                                article_level=article_level))
        shape = el("circle", cx=float(cx), cy=float(row), r=radius, fill=type_colour(kind))
        text_x = cx + radius + 7
        if is_root:
            shape += el("circle", class_="ring", cx=float(cx), cy=float(row), r=radius + 4)
            text_x += 3
        shape += text_at(text_x, row + 4, label, class_="name")
        end = text_x + text_width(label)
        if is_root:
            badge = f"ROOT ({status})"
            shape += text_at(end + 10, row + 4, badge, class_="badge")
            end += 10 + text_width(badge, 10, bold=True, spacing=0.06)
        nodes.append(el("g", el("title", escape(f"{label}\n{type_name(kind)}" + ("\nroot" if is_root else ""))) + shape,
                         class_="node source root" if is_root else "node source", data_key=key,
                         data_iri=source.get("entity") or "", data_type=kind or "Entity"))
        details[key] = {"label": label, "type": kind or "Entity", "entity": source.get("entity"),
                        "facts": [["hop", f"{position + 1} of {len(chain)}"],
                                  ["cue", cue or "none"], ["speech", hop.get("speech") or ""]]
                        + ([["basis", f"article-level: {hop['established_by']}"]] if article_level else [])
                        + ([["root", status]] if is_root else []) + [["IRI", source.get("entity") or ""]],
                        "links": [{"name": "cited by", "keys": [previous]},
                                  {"name": "cites", "keys": [] if is_root else [f"{prefix}-hop{position + 1}"]}]}
        previous, x = key, end + 6
    height = 68 + 14
    if not chain:
        box_x, note = x + 40, "no source given"
        box_width = text_width(note) + 22
        edges.append(el("line", x1=float(x + 4), x2=float(box_x), y1=float(row), y2=float(row), stroke=EDGE,
                         stroke_width=2))
        tag = "ROOT: UNATTRIBUTED"
        nodes.append(el("g", el("rect", x=float(box_x), y=float(row - 12), width=float(box_width), height=24, rx=4,
                                  fill="#f1f3f5", stroke="#c4ccd4")
                         + text_at(box_x + 11, row + 4, note, class_="none-given")
                         + text_at(box_x + 2, row + 28, tag, class_="badge"),
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
    block = el("g", "".join(parts) + "".join(edges) + "".join(nodes), class_="occurrence")
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
    edges.append(arrow_edge([(x + 2, row), (cx - radius - 3, gy)], 2.0, outlet_key, key,
                             f"inferred, not stated in the article: {why}", inferred=True,
                             label="inferred" if rank == 0 else None))
    text_x = cx + radius + 8
    shape = (el("circle", cx=float(cx), cy=float(gy), r=radius, stroke_dasharray="4 3",
                 style=f"stroke: {type_colour(kind)}")
             + text_at(text_x, gy + 4, label, class_="name")
             + text_at(text_x + text_width(label) + 10, gy + 4, badge, class_="badge inferred-badge")
             + text_at(text_x, gy + 20, why, class_="evidence"))
    nodes.append(el("g", el("title", escape(f"{label}\n{type_name(kind)}\nINFERRED probable root, not stated "
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
