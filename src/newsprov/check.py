"""SHACL validation of newsprov graphs with pySHACL.

``validate`` returns ``(conforms, results_graph, findings)``: one call serves
code (conforms), machines (the SHACL results graph) and people (findings,
sorted, rendered by ``report_text``). How serious a finding is comes from
``sh:severity`` in the shapes; Warnings never make a graph non-conforming.
"""
from __future__ import annotations

from functools import cache

from rdflib import BNode, Graph
from rdflib.namespace import RDF, SH

from .resources import ontology_path, shapes_path


@cache
def _shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


@cache
def _ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def validate(data: Graph) -> tuple[bool, Graph, list[dict]]:
    from pyshacl import validate as shacl_validate

    _conforms, results, _text = shacl_validate(
        data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none",
        advanced=True, allow_warnings=True,
    )
    findings = _findings(results)
    conforms = not any(f["severity"] == "Violation" for f in findings)
    return conforms, results, findings


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
            "shape": str(results.value(result, SH.sourceShape) or ""),
        })
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    findings.sort(key=lambda f: (order.get(f["severity"], 3), f["message"], f["focus"], f["path"], f["value"]))
    return findings


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
