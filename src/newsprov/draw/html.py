"""The self-contained HTML viewer: the picture and its data as JSON inside the page (viewer.html)."""
from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from ..render import script_json
from .style import type_colour, type_name

VIEWER = Path(__file__).resolve().parents[1] / "viewer.html"  # the HTML page: its style and script

def html_page(title: str, svg: str, details: dict, heading: str) -> str:
    """The viewer page (viewer.html beside this module) with the picture and its data inside."""
    counts: dict[str, int] = {}
    for node in details.values():
        counts[node["type"]] = counts.get(node["type"], 0) + 1
    types = [{"type": t, "name": type_name(t), "colour": type_colour(t), "count": counts[t]}
             for t in sorted(counts, key=type_name)]
    data = {"title": title, "svg": svg, "nodes": details, "types": types}
    values = {"title": escape(title), "heading": escape(heading), "data": script_json(data)}
    return re.sub(r"\{\{(title|heading|data)\}\}", lambda m: values[m.group(1)], VIEWER.read_text(encoding="utf-8"))
