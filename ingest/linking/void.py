"""VoID linksets describing the graph's links to Wikidata (pure apart from one counting query).

One `void:Linkset` per link predicate (`skos:exactMatch`: curated and strong-key links; `skos:closeMatch`:
unreviewed ones), whose subjects are in our dataset and objects in Wikidata, with the number of distinct link
triples in every graph. Registered with the `/.well-known/void` description.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

from ingest.linking.client import WIKIDATA_ENDPOINT
from ingest.linking.lookup import WIKIDATA_ENTITY
from ingest.linking.targets import prologue
from ontology.iris import base_iri, iri
from ontology.namespaces import VOID
from store.base import GraphStore

PREDICATES = {"exact": SKOS.exactMatch, "close": SKOS.closeMatch}


def wikidata_dataset(base: str | None = None) -> URIRef:
    """Our IRI for Wikidata as a VoID dataset."""
    return iri("void", "wikidata", base)


def default_dataset(base: str | None = None) -> URIRef:
    """The IRI of the reportgraph dataset in VoID descriptions (overridable by the caller)."""
    return iri("void", "dataset", base)


def link_counts(store: GraphStore) -> dict[str, int]:
    """Distinct link triples to Wikidata entities per predicate name ("exact", "close")."""
    values = " ".join(f"<{p}>" for p in PREDICATES.values())
    sparql = prologue() + (
        "SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { " + values + " } "
        f'?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{WIKIDATA_ENTITY}")) }} }} GROUP BY ?p')
    by_iri = {str(p): name for name, p in PREDICATES.items()}
    counts = dict.fromkeys(PREDICATES, 0)
    for solution in store.query(sparql):
        counts[by_iri[solution["p"].value]] = int(solution["n"].value)
    return counts


def linkset_graph(store: GraphStore, dataset: URIRef | None = None, base: str | None = None) -> Graph:
    """The VoID linksets from `dataset` (default `<base>void/dataset`) to Wikidata."""
    root = base or base_iri()
    ours = dataset or default_dataset(root)
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
    for name, count in link_counts(store).items():
        linkset = iri("void", f"linkset/wikidata-{name}", root)
        graph.add((ours, VOID.subset, linkset))
        graph.add((linkset, RDF.type, VOID.Linkset))
        graph.add((linkset, DCTERMS.title, Literal(f"{name} matches of actors and places to Wikidata", lang="en")))
        graph.add((linkset, VOID.linkPredicate, PREDICATES[name]))
        graph.add((linkset, VOID.subjectsTarget, ours))
        graph.add((linkset, VOID.objectsTarget, wikidata))
        graph.add((linkset, VOID.triples, Literal(count, datatype=XSD.integer)))
    return graph
