"""RDF -> networkx: traces of figures to their roots, and the citation network of sources."""
