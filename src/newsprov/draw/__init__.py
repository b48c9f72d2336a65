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

The package: :mod:`~newsprov.draw.style` (colours, names, text measure),
:mod:`~newsprov.draw.layout` (the layered layout), :mod:`~newsprov.draw.svg` (SVG pieces),
:mod:`~newsprov.draw.html` (the viewer page), and one module per picture,
:mod:`~newsprov.draw.citation` and :mod:`~newsprov.draw.trace`.
"""
from __future__ import annotations

from ..formats import GRAPH_FORMATS, TRACE_FORMATS
from .citation import citation_picture
from .layout import layered_layout
from .style import TYPE_COLOURS, type_colour, type_name
from .trace import trace_picture

__all__ = ["GRAPH_FORMATS", "TRACE_FORMATS", "TYPE_COLOURS", "citation_picture", "layered_layout", "trace_picture",
           "type_colour", "type_name"]
