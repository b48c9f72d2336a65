"""SVG pieces: elements, text, curves and arrows, pills, legends and the document around them."""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .style import ARTICLE_LEVEL, EDGE, FONT, INFERRED, INK, MUTED, TYPE_COLOURS, text_width, type_colour, type_name

def num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def attributes(attrs: dict) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        value = num(value) if isinstance(value, float) else str(value)
        parts.append(f" {key.rstrip('_').replace('_', '-')}={quoteattr(value)}")
    return "".join(parts)


def el(tag: str, content: str | None = None, **attrs) -> str:
    if content is None:
        return f"<{tag}{attributes(attrs)}/>"
    return f"<{tag}{attributes(attrs)}>{content}</{tag}>"


def text_at(x: float, y: float, text: str, **attrs) -> str:
    return el("text", escape(text), x=float(x), y=float(y), **attrs)


def curve(points: list[tuple[float, float]]) -> str:
    """A smooth path through the points, horizontal at each of them."""
    (x0, y0), rest = points[0], points[1:]
    d = [f"M{num(x0)},{num(y0)}"]
    for x1, y1 in rest:
        mid = (x1 - x0) / 2
        d.append(f"C{num(x0 + mid)},{num(y0)} {num(x1 - mid)},{num(y1)} {num(x1)},{num(y1)}")
        x0, y0 = x1, y1
    return " ".join(d)


def arrow_edge(points: list[tuple[float, float]], width: float, key_from: str, key_to: str, tooltip: str,
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
    head_d = f"M{num(xb)},{num(yb)} L{num(base)},{num(yb - half)} L{num(base)},{num(yb + half)} Z"
    parts = [el("title", escape(tooltip)),
             el("path", class_="line", d=curve(line), fill="none", stroke_width=float(width),
                 stroke_dasharray="7 5" if inferred else "2 4" if article_level else None)]
    parts.append(el("path", class_="head", d=head_d, fill="#ffffff" if inferred else None,
                     stroke_width=1.5 if inferred else None))
    if label:
        (x0, y0) = points[0]
        parts.append(text_at((x0 + base) / 2, min(y0, yb) - 6, label, class_="cue", text_anchor="middle"))
    kind = "edge inferred" if inferred else "edge article-level" if article_level else "edge"
    return el("g", "".join(parts), class_=kind, data_from=key_from, data_to=key_to)


def pill(x: float, y: float, label: str, fill: str, anchor: str = "end") -> tuple[str, float]:
    """A labelled pill whose right end (anchor 'end') or left end ('start') is at x."""
    width = text_width(label, 12, bold=True) + 20
    left = x - width if anchor == "end" else x
    shape = el("rect", x=float(left), y=float(y - 11), width=float(width), height=22, rx=11, fill=fill)
    text = text_at(left + width / 2, y + 4, label, class_="pill-label", text_anchor="middle")
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


def svg_document(width: float, height: float, title: str, body: str, kind: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="newsprov {kind}" width="{num(width)}" '
            f'height="{num(height)}" viewBox="0 0 {num(width)} {num(height)}" role="img">'
            f"{el('title', escape(title))}<style>{STYLE}</style>"
            f"{el('rect', width='100%', height='100%', fill='#ffffff', class_='background')}{body}</svg>\n")


def legend_block(x: float, y: float, width: float, types: list[str], keys: list[tuple[str, str]]) -> tuple[str, float]:
    """Colour swatches for the types shown, then a key to shapes and lines; wraps at `width`.
    Returns the markup and the height used."""
    parts, cx, cy = [], x, y
    items = [("swatch", t, type_name(t)) for t in types] + [("key", shape, text) for shape, text in keys]
    for kind, what, text in items:
        span = (16 if kind == "swatch" else 38) + text_width(text) + 22
        if cx + span > x + width and cx > x:
            cx, cy = x, cy + 22
        if kind == "swatch":
            parts.append(el("circle", cx=float(cx + 6), cy=float(cy), r=6, fill=type_colour(what)))
            parts.append(text_at(cx + 16, cy + 4, text))
        else:
            parts.append(legend_key(what, cx, cy))
            parts.append(text_at(cx + 38, cy + 4, text))
        cx += span
    return el("g", "".join(parts), class_="legend"), cy - y + 12


def legend_key(shape: str, x: float, y: float) -> str:
    if shape == "pill":
        return el("rect", x=float(x), y=float(y - 7), width=30, height=14, rx=7, fill=TYPE_COLOURS["NewsOutlet"])
    if shape == "sizes":
        return "".join(el("circle", cx=float(x + cx), cy=float(y), r=r, fill="#b8c2cc") for cx, r in ((4, 3), (12, 4.5), (25, 7)))
    if shape == "widths":
        return "".join(el("line", x1=float(x), x2=float(x + 30), y1=float(y + dy), y2=float(y + dy), stroke=EDGE,
                           stroke_width=w) for dy, w in ((-4, 1), (3, 4)))
    if shape == "stated":
        return el("line", x1=float(x), x2=float(x + 30), y1=float(y), y2=float(y), stroke=EDGE, stroke_width=2)
    if shape == "article-level":
        return el("line", x1=float(x), x2=float(x + 30), y1=float(y), y2=float(y), stroke=ARTICLE_LEVEL,
                  stroke_width=2, stroke_dasharray="2 4")
    if shape == "inferred":
        return (el("line", x1=float(x), x2=float(x + 20), y1=float(y), y2=float(y), stroke=INFERRED,
                    stroke_width=2, stroke_dasharray="5 3")
                + el("circle", cx=float(x + 26), cy=float(y), r=5, fill="#ffffff", stroke=INFERRED,
                      stroke_width=2, stroke_dasharray="3 2"))
    if shape == "root":
        return (el("circle", cx=float(x + 15), cy=float(y), r=5, fill="#b8c2cc")
                + el("circle", cx=float(x + 15), cy=float(y), r=8.5, fill="none", stroke=INK, stroke_width=2))
    raise ValueError(shape)
