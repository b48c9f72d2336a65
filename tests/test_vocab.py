"""The Python vocabulary and ontology/newsprov.ttl declare the same terms, all documented."""
from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from newsprov.graph.vocab import NP, NS
from newsprov.resources import ontology_path


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path())


def declared(ontology: Graph) -> set[str]:
    concepts = tuple(ontology.subjects(RDFS.subClassOf, SKOS.Concept))  # qualifiers, speech kinds, link reasons
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme, *concepts)
    return {str(s) for kind in kinds for s in ontology.subjects(RDF.type, kind) if str(s).startswith(NS)}


def test_python_and_turtle_agree(ontology):
    python_terms = {str(NP[name]) for name in NP.__annotations__}
    assert python_terms == declared(ontology)


def test_every_term_has_label_and_comment(ontology):
    for term in declared(ontology):
        assert ontology.value(ontology.resource(term).identifier, RDFS.label) is not None, term
        assert ontology.value(ontology.resource(term).identifier, RDFS.comment) is not None, term


def test_a_typo_is_an_error():
    with pytest.raises(AttributeError):
        NP.Cliam  # noqa: B018
