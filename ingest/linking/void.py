"""VoID linksets describing the graph's links to Wikidata.

One `void:Linkset` per link predicate (`skos:exactMatch`: curated, strong-key and accepted links;
`skos:closeMatch`: unreviewed ones), whose subjects are in our dataset and objects in Wikidata, with the number of
distinct link triples in every graph. `linkset_graph(store)` gives them as an rdflib graph; `void_provider` is
registered with `/.well-known/void` (`server.void.EXTRA_DESCRIPTIONS`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

from ingest.linking.client import WIKIDATA_ENDPOINT
from ingest.linking.lookup import WIKIDATA_ENTITY
from ontology.iris import base_iri, iri
from ontology.namespaces import VOID
from store.base import GraphStore

PREDICATES = {"exact": SKOS.exactMatch, "close": SKOS.closeMatch}

#: Distinct link triples to Wikidata entities per predicate, over every graph.
LINK_COUNTS = (
    "SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { "
    + " ".join(f"<{p}>" for p in PREDICATES.values())
    + f' }} GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{WIKIDATA_ENTITY}")) }} }} GROUP BY ?p'
)


class VoidContextLike(Protocol):
    """What `/.well-known/void` hands its description providers (see `server.void.VoidContext`)."""

    dataset: ox.NamedNode
    base_iri: str

    def select(self, query: str) -> list[dict[str, dict[str, str]]]: ...


def wikidata_dataset(base: str | None = None) -> URIRef:
    """Our IRI for Wikidata as a VoID dataset."""
    return iri("void", "wikidata", base)


def default_dataset(base: str | None = None) -> URIRef:
    """The IRI of the reportgraph dataset when the caller does not name one."""
    return iri("void", "dataset", base)


def counts_from_rows(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """{"exact": n, "close": m} from SPARQL JSON bindings of LINK_COUNTS."""
    by_iri = {str(p): name for name, p in PREDICATES.items()}
    counts = dict.fromkeys(PREDICATES, 0)
    for row in rows:
        counts[by_iri[row["p"]["value"]]] = int(row["n"]["value"])
    return counts


def link_counts(store: GraphStore) -> dict[str, int]:
    """Distinct link triples to Wikidata entities per predicate name, counted in `store`."""
    return counts_from_rows({"p": {"value": s["p"].value}, "n": {"value": s["n"].value}}
                            for s in store.query(LINK_COUNTS))


def describe_linksets(counts: dict[str, int], dataset: URIRef, base: str | None = None) -> Graph:
    """The linksets for given counts (pure)."""
    root = base or base_iri()
    wikidata = wikidata_dataset(root)
    graph = Graph()
    graph.bind("void", VOID)
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    graph.add((wikidata, RDF.type, VOID.Dataset))
    graph.add((wikidata, DCTERMS.title, Literal("Wikidata", lang="en")))
    graph.add((wikidata, FOAF.homepage, URIRef("https://www.wikidata.org/")))
    graph.add((wikidata, VOID.uriSpace, Literal(WIKIDATA_ENTITY)))
    graph.add((wikidata, VOID.sparqlEndpoint, URIRef(WIKIDATA_ENDPOINT)))
    for name, count in counts.items():
        linkset = iri("void", f"linkset/wikidata-{name}", root)
        graph.add((dataset, VOID.subset, linkset))
        graph.add((linkset, RDF.type, VOID.Linkset))
        graph.add((linkset, DCTERMS.title, Literal(f"{name} matches of actors and places to Wikidata", lang="en")))
        graph.add((linkset, VOID.linkPredicate, PREDICATES[name]))
        graph.add((linkset, VOID.subjectsTarget, dataset))
        graph.add((linkset, VOID.objectsTarget, wikidata))
        graph.add((linkset, VOID.triples, Literal(count, datatype=XSD.integer)))
    return graph


def linkset_graph(store: GraphStore, dataset: URIRef | None = None, base: str | None = None) -> Graph:
    """The VoID linksets from `dataset` (default `<base>void/dataset`) to Wikidata, counted in `store`."""
    return describe_linksets(link_counts(store), dataset or default_dataset(base), base)


def void_provider(context: VoidContextLike) -> list[ox.Triple]:
    """The linksets as pyoxigraph triples for `/.well-known/void` (counts run under the service's limits)."""
    graph = describe_linksets(counts_from_rows(context.select(LINK_COUNTS)), URIRef(context.dataset.value),
                              context.base_iri)
    return [quad.triple for quad in ox.parse(graph.serialize(format="nt").encode(),
                                                 format=ox.RdfFormat.N_TRIPLES)]
