"""RDF exports through rdflib: the selected triples (not the property graph) in any rdflib format.

Line-based formats (N-Triples, N-Quads) and Turtle are written in batches of `BATCH` triples, each batch a
complete document (Turtle allows repeated prefix declarations), so memory stays bounded; the other formats
(RDF/XML, JSON-LD, TriG, N3, TriX) need the whole graph in memory. A selection is triples, so the quad formats
hold them in the default graph: N-Quads lines are then N-Triples lines and a TriG document is a Turtle one
(rdflib's writers for those go through deprecated Dataset calls, which this avoids).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import IO, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ontology.iris import base_iri
from ontology.namespaces import PREFIXES

BATCH = 50_000
INSTANCE_KINDS = ("actor", "report", "figure", "event", "graph")
_STRING = str(XSD.string)


def rdflib_term(term: Any) -> Node:
    """An rdflib term for an rdflib or pyoxigraph term."""
    if isinstance(term, Node):
        return term
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if kind == "Literal":
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _STRING else Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not an RDF term: {term!r}")


def rdflib_triples(triples: Iterable[Any]) -> Iterator[tuple[Node, Node, Node]]:
    """rdflib (s, p, o) tuples from rdflib tuples or pyoxigraph Triple/Quad objects."""
    for triple in triples:
        if hasattr(triple, "subject"):
            yield rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)
        else:
            yield rdflib_term(triple[0]), rdflib_term(triple[1]), rdflib_term(triple[2])


def _graph(rows: Iterable[tuple[Node, Node, Node]]) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    base = base_iri()
    for kind in INSTANCE_KINDS:  # without these rdflib mints a prefix per new namespace, and slows down with each
        graph.bind(kind.replace("/", "-"), f"{base}{kind}/", override=True)
    for row in rows:
        graph.add(row)
    return graph


def generate_rdf(triples: Iterable[Any], rdflib_format: str, batched: bool) -> Iterator[bytes]:
    """The serialisation of `triples` in an rdflib format, in chunks (one per batch when `batched`)."""
    rows = rdflib_triples(triples)
    if not batched:
        yield _graph(rows).serialize(format=rdflib_format, encoding="utf-8")
        return
    while True:
        batch = list(islice(rows, BATCH))
        if not batch:
            return
        yield _graph(batch).serialize(format=rdflib_format, encoding="utf-8")


def rdf_writer(rdflib_format: str, batched: bool) -> Callable[[Iterable[Any], IO[bytes], Any], None]:
    """A registry writer for one rdflib format."""

    def write(triples: Iterable[Any], stream: IO[bytes], options: Any = None) -> None:
        for chunk in generate_rdf(triples, rdflib_format, batched):
            stream.write(chunk)

    write.__doc__ = f"Write triples as rdflib format {rdflib_format!r} to a binary stream."
    return write
