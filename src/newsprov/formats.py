"""Picture formats, named here so the command line can list them without importing the drawing code."""
GRAPH_FORMATS = ("html", "svg", "dot", "graphml", "gexf")
TRACE_FORMATS = ("svg", "html")
