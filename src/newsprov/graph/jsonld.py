"""JSON-LD that reads like the Turtle: the project's prefixes as its ``@context``, compact
keys (``np:hasFigure``, ``schema:value``), and one named graph per article.

Written graph by graph, so memory holds one article's graph at a time however large the
store. The output is compacted by hand rather than through a JSON-LD processor: with a
context of prefixes only, compaction is exactly "write each IRI as prefix:rest when a
prefix covers it", and a processor would need the whole dataset in memory first.
``ontology/context.jsonld`` is the same context as a file, for documents of one's own.
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable

from .vocab import PREFIX_MAP

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def context() -> dict[str, str]:
    """Prefix -> namespace: the ``@context`` of every export (and of ontology/context.jsonld)."""
    return dict(PREFIX_MAP)


class Compactor:
    """IRIs as compact IRIs (``npid:claim/…``) wherever a prefix of the context covers them."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefix_of = {namespace: prefix for prefix, namespace in prefixes.items()}
        # one alternation, the longest namespace first: npid (…/newsprov/id/) before a shorter one it starts with
        self.match = re.compile("|".join(re.escape(ns) for ns in sorted(self.prefix_of, key=len, reverse=True))).match
        self.keys: dict[str, str] = {}  # predicates and datatypes: few, asked for again and again

    def iri(self, value: str) -> str:
        found = self.match(value)
        # a rest starting with // would read back as an absolute IRI, not as prefix:rest
        if found is None or value.startswith("//", found.end()):
            return value
        return f"{self.prefix_of[found.group()]}:{value[found.end():]}"

    def key(self, value: str) -> str:
        found = self.keys.get(value)
        if found is None:
            found = self.keys[value] = self.iri(value)
        return found


def _sort_key(value) -> tuple:
    if isinstance(value, str):
        return (1, value, "", "")
    return (0, value.get("@id", ""), value.get("@value", ""), value.get("@type", value.get("@language", "")))


def node_objects(triples: Iterable, compactor: Compactor) -> list[dict]:
    """Triples or quads (pyoxigraph's) as node objects, one per subject; subjects, keys and
    values sorted, so that the same graph is always written the same way."""
    from pyoxigraph import BlankNode, Literal, NamedNode  # lazily: heavy; only an export writes JSON-LD

    iri, key = compactor.iri, compactor.key
    nodes: dict[tuple[bool, str], dict[str, list]] = {}
    for subject, predicate, obj, *_ in triples:
        node_key = (type(subject) is BlankNode, subject.value)
        node = nodes.get(node_key)
        if node is None:
            node = nodes[node_key] = {}
        kind = type(obj)
        if kind is Literal:
            datatype = obj.datatype.value
            if datatype == XSD_STRING:
                value = obj.value
            elif obj.language:
                value = {"@value": obj.value, "@language": obj.language}
                if getattr(obj, "direction", None):
                    value["@direction"] = obj.direction
            else:
                # a string with its datatype, not a JSON number: a number reads back in the
                # canonical form (1.50 -> 1.5), which is not the same triple
                value = {"@value": obj.value, "@type": key(datatype)}
        elif kind is NamedNode:
            if predicate.value == RDF_TYPE:
                node.setdefault("@type", []).append(key(obj.value))
                continue
            value = {"@id": iri(obj.value)}
        else:
            value = {"@id": "_:" + obj.value}
        node.setdefault(key(predicate.value), []).append(value)
    written = []
    for (blank, subject), properties in sorted(nodes.items()):
        node: dict = {"@id": "_:" + subject if blank else iri(subject)}
        for name in sorted(properties, key=lambda k: (k != "@type", k)):
            values = properties[name]
            if len(values) == 1:
                node[name] = values[0]
            else:
                node[name] = sorted(values) if name == "@type" else sorted(values, key=_sort_key)
        written.append(node)
    return written


def _id(term, compactor: Compactor) -> str:
    """A graph name as a JSON-LD @id."""
    return "_:" + term.value if type(term).__name__ == "BlankNode" else compactor.iri(term.value)


def write_jsonld(graphs: Iterable[tuple[object | None, Iterable]], output=None, prefixes: dict[str, str] | None = None):
    """``graphs`` (graph name, or None for the default graph; its triples or quads) as one
    JSON-LD document: the default graph's nodes at the top of ``@graph``, then one
    ``{"@id": graph, "@graph": [...]}`` per named graph, one node object per line.
    Written to the binary file ``output``, or returned as bytes when it is None."""
    prefixes = context() if prefixes is None else prefixes
    compactor = Compactor(prefixes)
    sink = io.BytesIO() if output is None else output
    head = json.dumps({"@context": prefixes}, indent=2, ensure_ascii=False)[:-2]
    sink.write((head + ',\n  "@graph": [').encode("utf-8"))
    first = True
    for name, triples in graphs:
        nodes = node_objects(triples, compactor)
        if name is None:
            parts = [f"\n    {json.dumps(node, ensure_ascii=False)}" for node in nodes]
        elif nodes:
            inner = ",".join(f"\n        {json.dumps(node, ensure_ascii=False)}" for node in nodes)
            parts = ['\n    {"@id": ' + json.dumps(_id(name, compactor), ensure_ascii=False)
                     + ', "@graph": [' + inner + "\n    ]}"]
        else:
            continue
        if parts:
            sink.write(("" if first else ",").encode("utf-8") + ",".join(parts).encode("utf-8"))
            first = False
    sink.write(b"\n  ]\n}\n")
    return sink.getvalue() if output is None else None
