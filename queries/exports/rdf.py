"""RDF exports: the selected triples (not the property graph) in every RDF format rdflib offers.

Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML are written by Oxigraph's streaming serialisers
(`oxigraph_writer`): constant memory and about 6 s per million triples, where rdflib's writers took 95-245 s
and JSON-LD/RDF-XML needed the whole graph in memory (1.5-2.7 GiB at 1M triples, `bench/export.py`). N3, which
Oxigraph does not write, goes through rdflib in batches of `BATCH` triples, each a complete document (`rdf_writer`).
A selection is triples, so the quad formats hold them in the default graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import IO, Any

import pyoxigraph as ox
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


def oxigraph_term(term: Any) -> Any:
    """A pyoxigraph term for an rdflib or pyoxigraph term."""
    if not isinstance(term, Node):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise TypeError(f"not an RDF term: {term!r}")


def oxigraph_triples(triples: Iterable[Any]) -> Iterator[Any]:
    """pyoxigraph Triples from pyoxigraph Triple/Quad objects or rdflib (s, p, o) tuples."""
    for triple in triples:
        if isinstance(triple, ox.Triple):
            yield triple
        elif hasattr(triple, "subject"):
            yield ox.Triple(triple.subject, triple.predicate, triple.object)
        else:
            yield ox.Triple(oxigraph_term(triple[0]), oxigraph_term(triple[1]), oxigraph_term(triple[2]))


def oxigraph_writer(rdf_format: ox.RdfFormat) -> Callable[[Iterable[Any], IO[bytes], Any], None]:
    """A registry writer that streams triples through Oxigraph's serialiser for `rdf_format`."""

    def write(triples: Iterable[Any], stream: IO[bytes], options: Any = None) -> None:
        prefixes = dict(PREFIXES) | {kind: f"{base_iri()}{kind}/" for kind in INSTANCE_KINDS if kind != "graph"}
        ox.serialize(oxigraph_triples(triples), stream, rdf_format,
                     prefixes=prefixes if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG,
                                                         ox.RdfFormat.RDF_XML) else None)

    write.__doc__ = f"Stream triples as {rdf_format.name} to a binary stream."
    return write


def rdf_writer(rdflib_format: str, batched: bool) -> Callable[[Iterable[Any], IO[bytes], Any], None]:
    """A registry writer for one rdflib format."""

    def write(triples: Iterable[Any], stream: IO[bytes], options: Any = None) -> None:
        for chunk in generate_rdf(triples, rdflib_format, batched):
            stream.write(chunk)

    write.__doc__ = f"Write triples as rdflib format {rdflib_format!r} to a binary stream."
    return write
