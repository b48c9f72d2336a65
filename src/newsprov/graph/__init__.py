"""Model -> RDF: the vocabulary, the graph of one article, and the store."""
