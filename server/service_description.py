"""The SPARQL 1.1 Service Description of the endpoint, answered on a GET of /sparql without a query.

It is derived from the registries: result and RDF formats from `server.negotiation`, features from the settings
(union default graph always; federation when an allow-list is set; update when a token is set).
"""

from __future__ import annotations

import pyoxigraph as ox

from ontology.namespaces import SD, VOID
from server.config import Settings
from server.negotiation import GRAPH_FORMATS, RESULT_FORMATS

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCTERMS_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")


def _sd(term: str) -> ox.NamedNode:
    return ox.NamedNode(f"{SD}{term}")


def describe(endpoint: str, void_dataset: str, settings: Settings) -> list[ox.Triple]:
    """Triples describing the service at `endpoint`; its default dataset is the VoID dataset `void_dataset`."""
    service = ox.NamedNode(endpoint)
    dataset = ox.NamedNode(void_dataset)
    default_graph = ox.BlankNode("defaultGraph")
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, DCTERMS_TITLE, ox.Literal("reportgraph SPARQL endpoint", language="en")),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, RDF_TYPE, ox.NamedNode(f"{VOID}Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
        ox.Triple(dataset, ox.NamedNode(f"{VOID}sparqlEndpoint"), service),
    ]
    if settings.update_token:
        triples.append(ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    if settings.service_allowlist:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        if fmt.format_iri:
            triples.append(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(fmt.format_iri)))
    return triples
