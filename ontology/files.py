"""The ontology's data files (vocabulary and SHACL shapes) as rdflib graphs."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph


def _read(name: str) -> str:
    return resources.files("ontology").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vocabulary_text() -> str:
    """The project ontology as Turtle text."""
    return _read("reportgraph.ttl")


@lru_cache(maxsize=1)
def shapes_text() -> str:
    """The SHACL shapes as Turtle text."""
    return _read("shapes.ttl")


def vocabulary_graph() -> Graph:
    """The project ontology (a fresh graph each call, safe to modify)."""
    return Graph().parse(data=vocabulary_text(), format="turtle")


def shapes_graph() -> Graph:
    """The SHACL shapes (a fresh graph each call)."""
    return Graph().parse(data=shapes_text(), format="turtle")
