"""SHACL validation of newsprov graphs, with pySHACL or pyshacl-turbo.

``validate`` returns ``(conforms, results_graph, findings)``: one call serves
code (conforms), machines (the SHACL results graph) and people (findings,
sorted, rendered by ``report_text``). How serious a finding is comes from
``sh:severity`` in the shapes; Warnings never make a graph non-conforming.

Two engines run the same shapes: ``pyshacl`` (pure Python, the reference) and
``turbo`` (pyshacl-turbo, the same API over a Rust engine, 10 to 20 times
faster). The tests run every shape's breaking case through both and require
the same findings. ``validate_ntriples`` is ingest's path: a batch of article
graphs as N-Triples text, validated together without building an rdflib graph.
The environment variable NEWSPROV_SHACL picks the engine; by default turbo
when it is installed, else pySHACL.
"""
from __future__ import annotations

import os
from functools import cache

from rdflib import BNode, Graph
from rdflib.namespace import RDF, SH

from .errors import InputError
from .resources import ontology_path, shapes_path


@cache
def _shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


@cache
def _ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


ENGINES = ("turbo", "pyshacl")


@cache
def _turbo_available() -> bool:
    try:
        import pyshacl_turbo  # noqa: F401  (lazily: optional, Python 3.11 and later; only asked whether it is there)
    except ImportError:
        return False
    return True


def engine_name(engine: str | None = None) -> str:
    name = engine or os.environ.get("NEWSPROV_SHACL") or ("turbo" if _turbo_available() else "pyshacl")
    if name not in ENGINES:
        raise InputError(f"unknown SHACL engine {name!r}; choose one of {', '.join(ENGINES)}")
    if name == "turbo" and not _turbo_available():
        raise InputError("the turbo SHACL engine needs the package pyshacl-turbo (Python 3.11 or newer); "
                         "install it or set NEWSPROV_SHACL=pyshacl")
    return name


@cache
def _compiled():
    import pyshacl_turbo  # lazily: optional, Python 3.11 and later

    return pyshacl_turbo.compile_shapes(_shapes(), advanced=True)


@cache
def _ontology_ntriples() -> bytes:
    return _ontology().serialize(format="nt", encoding="utf-8")


def validate(data: Graph, engine: str | None = None) -> tuple[bool, Graph, list[dict]]:
    if engine_name(engine) == "turbo":
        from pyshacl_turbo import validate as shacl_validate  # lazily: optional, and one engine is used
    else:
        from pyshacl import validate as shacl_validate  # lazily: heavy, and one engine is used

    _conforms, results, _text = shacl_validate(
        data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none",
        advanced=True, allow_warnings=True,
    )
    findings = _findings(results)
    conforms = not any(f["severity"] == "Violation" for f in findings)
    return conforms, results, findings


def validate_ntriples(ntriples: str, engine: str | None = None) -> tuple[bool, list[dict]]:
    """Validate N-Triples text (one article's graph or a batch of them) with the ontology."""
    if engine_name(engine) == "pyshacl":
        conforms, _results, findings = validate(Graph().parse(data=ntriples, format="nt"), "pyshacl")
        return conforms, findings
    import pyoxigraph  # lazily: heavy; the other engines need none

    data = pyoxigraph.Store()
    data.load(ntriples.encode("utf-8") + b"\n" + _ontology_ntriples(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    _conforms, results, _text = _compiled().validate(data, inference="none", allow_warnings=True)
    findings = _findings(results)
    return not any(f["severity"] == "Violation" for f in findings), findings


def _findings(results: Graph) -> list[dict]:
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage)
        path = _path_text(results, results.value(result, SH.resultPath))
        findings.append({
            "severity": str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            "focus": str(results.value(result, SH.focusNode)),
            "path": path,
            "value": str(results.value(result, SH.value) or ""),
            "message": str(message) if message else "",
            "shape": _shape_name(results.value(result, SH.sourceShape), path, str(message) if message else ""),
        })
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    findings.sort(key=lambda f: (order.get(f["severity"], 3), f["message"], f["focus"], f["path"], f["value"]))
    return findings


def _shape_name(shape, path: str, message: str) -> str:
    """The IRI of the shape that found a result; for an anonymous property shape (a blank node,
    named afresh in every run) the IRI of the named shape that holds it, found by its path and
    message, so that the same finding always names the same shape."""
    if shape is None:
        return ""
    if not isinstance(shape, BNode):
        return str(shape)
    return _named_parents().get((path, message), "")


@cache
def _named_parents() -> dict[tuple[str, str], str]:
    """(path, message) of each anonymous property shape -> the named shape that holds it."""
    shapes = _shapes()
    parents = {}
    for parent, prop in shapes.subject_objects(SH.property):
        if isinstance(prop, BNode) and not isinstance(parent, BNode):
            message = shapes.value(prop, SH.message)
            parents[(_path_text(shapes, shapes.value(prop, SH.path)), str(message) if message else "")] = str(parent)
    return parents


def _path_text(results: Graph, path) -> str:
    """A property path as text: an IRI, or '^IRI' for an inverse path."""
    if path is None:
        return ""
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        return f"^{inverse}" if inverse is not None else "(complex path)"
    return str(path)


def report_text(conforms: bool, findings: list[dict]) -> str:
    violations = sum(f["severity"] == "Violation" for f in findings)
    warnings = sum(f["severity"] == "Warning" for f in findings)
    lines = [f"Conforms: {'yes' if conforms else 'no'} ({violations} violations, {warnings} warnings)"]
    for finding in findings:
        where = finding["focus"]
        if finding["path"]:
            where += f" {finding['path']}"
        if finding["value"]:
            where += f" = {finding['value']}"
        lines.append(f"{finding['severity']}: {finding['message']} [{where}]")
    return "\n".join(lines)
