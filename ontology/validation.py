"""SHACL validation of graphs against the project shapes, with a readable report of violations."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import Node

from ontology.files import shapes_graph, vocabulary_graph
from ontology.namespaces import SH


@dataclass(frozen=True)
class Violation:
    """One failed constraint: the shape, the focus node, the path and the message."""

    shape: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.shape}: {self.focus} {self.path}: {self.message}"


@dataclass(frozen=True)
class ValidationResult:
    """Whether the data conforms, and every violation found."""

    conforms: bool
    violations: tuple[Violation, ...]


def _shape_name(results: Graph, shape: Node | None, shapes: Graph) -> str:
    """The NodeShape that owns a (possibly blank) property shape, by its local name."""
    for node_shape in shapes.subjects(SH.property, shape):
        return str(node_shape).rsplit("#", 1)[-1]
    return str(shape).rsplit("#", 1)[-1]


def validate_graph(data: Graph) -> ValidationResult:
    """Validate `data` (the union of report, gazetteer and ontology graphs) against the SHACL shapes."""
    shapes = shapes_graph()
    conforms, results, _text = validate(data, shacl_graph=shapes, ont_graph=vocabulary_graph(),
                                        inference="none", advanced=False, allow_warnings=False)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        violations.append(Violation(
            shape=_shape_name(results, results.value(result, SH.sourceShape), shapes),
            focus=str(results.value(result, SH.focusNode)),
            path=str(results.value(result, SH.resultPath) or ""),
            message=str(results.value(result, SH.resultMessage) or ""),
        ))
    return ValidationResult(bool(conforms), tuple(sorted(violations, key=str)))
