"""The VoID description of the dataset at /.well-known/void, computed from the data.

The dataset (every graph) and each named graph as a `void:subset` carry their statistics: triples, entities
(distinct typed resources), classes, properties, distinct subjects and objects; the dataset also has class and
property partitions. The statistics are computed by SPARQL under the service limits and cached until the next
write. Other parts of the service add their own descriptions (linksets, dumps) through EXTRA_DESCRIPTIONS.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from ontology.namespaces import PREFIXES, RG_IRI, SD, SEM, VOID
from server.limits import oxigraph_store, select_rows, settings
from server.negotiation import GRAPH_FORMATS, choose_format
from server.sparql import SD_PREFIXES, rdf_response

blueprint = Blueprint("void", __name__)

#: Providers of extra VoID statements, as "module:function"; each is called with a VoidContext and returns
#: triples (pyoxigraph Triple) to add, e.g. void:Linkset descriptions of the links graph. Add one line here.
EXTRA_DESCRIPTIONS: tuple[str, ...] = ("ingest.linking.void:void_provider",)

Rows = list[dict[str, dict[str, str]]]

GRAPH_STATS = """SELECT ?g (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?distinctSubjects)
  (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?o) AS ?distinctObjects)
WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"""
GRAPH_TYPES = """SELECT ?g (COUNT(DISTINCT ?s) AS ?entities) (COUNT(DISTINCT ?c) AS ?classes)
WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?g"""
TOTAL_STATS = """SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?distinctSubjects)
  (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?o) AS ?distinctObjects)
WHERE { GRAPH ?g { ?s ?p ?o } }"""
CLASS_PARTITIONS = "SELECT ?class (COUNT(DISTINCT ?s) AS ?entities) WHERE { GRAPH ?g { ?s a ?class } } GROUP BY ?class"
PROPERTY_PARTITIONS = ("SELECT ?property (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?property ?o } } "
                       "GROUP BY ?property")
VOCABULARIES = (RG_IRI, "https://schema.org/", str(SEM), "http://www.w3.org/ns/prov#",
                "http://www.w3.org/2004/02/skos/core#")

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _v(term: str) -> ox.NamedNode:
    return ox.NamedNode(f"{VOID}{term}")


@dataclass(frozen=True)
class VoidContext:
    """What a description provider may use: the dataset node, the service root URL, the instance base IRI, the
    subset node of a named graph, and `select` to run a SELECT under the service limits."""

    dataset: ox.NamedNode
    root: str
    base_iri: str
    subset: Callable[[str], ox.NamedNode]
    select: Callable[[str], Rows]


def _count(value: dict[str, str] | None) -> ox.Literal:
    return ox.Literal(value["value"] if value else "0", datatype=XSD_INTEGER)


def _statistics(node: ox.NamedNode, row: dict[str, dict[str, str]]) -> Iterable[ox.Triple]:
    for name in ("triples", "entities", "classes", "properties", "distinctSubjects", "distinctObjects"):
        if name in row:
            yield ox.Triple(node, _v(name), _count(row[name]))


def describe(context: VoidContext) -> list[ox.Triple]:
    """The VoID triples for the whole store (statistics computed now)."""
    dataset = context.dataset
    triples = [
        ox.Triple(dataset, RDF_TYPE, _v("Dataset")),
        ox.Triple(dataset, ox.NamedNode("http://purl.org/dc/terms/title"),
                  ox.Literal("reportgraph: North Korea's support to Russia's war against Ukraine, from news reports",
                             language="en")),
        ox.Triple(dataset, _v("sparqlEndpoint"), ox.NamedNode(f"{context.root}sparql")),
        ox.Triple(dataset, _v("uriSpace"), ox.Literal(context.base_iri)),
        *(ox.Triple(dataset, _v("vocabulary"), ox.NamedNode(v)) for v in VOCABULARIES),
    ]
    [total] = context.select(TOTAL_STATS) or [{}]
    types = {row["g"]["value"]: row for row in context.select(GRAPH_TYPES)}
    total = {**total, "entities": {"value": str(sum(int(r["entities"]["value"]) for r in types.values()))}}
    triples.extend(_statistics(dataset, total))
    for index, row in enumerate(context.select(CLASS_PARTITIONS)):
        part = ox.NamedNode(f"{dataset.value}-class-{index}")
        triples += [ox.Triple(dataset, _v("classPartition"), part),
                    ox.Triple(part, _v("class"), ox.NamedNode(row["class"]["value"])),
                    ox.Triple(part, _v("entities"), _count(row["entities"]))]
    classes = sum(1 for t in triples if t.predicate == _v("classPartition"))
    triples.append(ox.Triple(dataset, _v("classes"), ox.Literal(str(classes), datatype=XSD_INTEGER)))
    for index, row in enumerate(context.select(PROPERTY_PARTITIONS)):
        part = ox.NamedNode(f"{dataset.value}-property-{index}")
        triples += [ox.Triple(dataset, _v("propertyPartition"), part),
                    ox.Triple(part, _v("property"), ox.NamedNode(row["property"]["value"])),
                    ox.Triple(part, _v("triples"), _count(row["triples"]))]
    for row in context.select(GRAPH_STATS):
        graph = row["g"]["value"]
        subset = context.subset(graph)
        typed = types.get(graph, {})
        triples += [ox.Triple(dataset, _v("subset"), subset), ox.Triple(subset, RDF_TYPE, _v("Dataset")),
                    ox.Triple(subset, ox.NamedNode(f"{SD}name"), ox.NamedNode(graph))]
        triples.extend(_statistics(subset, {**row, "entities": typed.get("entities", {"value": "0"}),
                                            "classes": typed.get("classes", {"value": "0"})}))
    for spec in EXTRA_DESCRIPTIONS:
        module, _, name = spec.partition(":")
        triples.extend(getattr(import_module(module), name)(context))
    return triples


def _digest(graph: str) -> str:
    return hashlib.sha1(graph.encode()).hexdigest()[:16]


_CACHE = "reportgraph.void"
_LOCK = threading.Lock()


@blueprint.route("/.well-known/void", methods=["GET"])
def void() -> Response:
    """The VoID description in the negotiated RDF format (Turtle by default), recomputed after writes."""
    fmt = choose_format(request, GRAPH_FORMATS)
    root = request.host_url
    store = oxigraph_store()
    with _LOCK:
        cached = current_app.extensions.get(_CACHE)
        key = (store.generation, root)  # read before computing: a write meanwhile makes the result stale
        if cached is None or cached[0] != key:
            context = VoidContext(
                dataset=ox.NamedNode(f"{root}.well-known/void#dataset"), root=root, base_iri=settings().base_iri,
                subset=lambda g: ox.NamedNode(f"{root}.well-known/void#graph-{_digest(g)}"),
                select=select_rows)
            cached = (key, describe(context))
            current_app.extensions[_CACHE] = cached
    return rdf_response(cached[1], fmt, {**SD_PREFIXES, **PREFIXES})
