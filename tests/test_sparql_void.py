"""VoID at /.well-known/void, computed from the data: dataset and per-graph statistics, partitions, the hook for
extra descriptions; and the SPARQL text helpers the service relies on."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterable

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from server import void
from store.execution import QueryRequest, execute
from store.sparql_text import (
    DatasetConflict,
    SparqlTextError,
    apply_using,
    has_dataset_clause,
    load_sources,
    query_form,
    service_targets,
    tokenize,
    where_group_start,
)
from tests import sparql_support
from tests.conftest import LiveServer
from tests.sparql_support import http

support_store = sparql_support.support_store
remote_endpoint = sparql_support.remote_endpoint
sparql_server = sparql_support.sparql_server
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RG = Namespace("https://w3id.org/reportgraph/ontology#")


def count(server: LiveServer, query: str) -> int:
    url = f"{server.sparql}?{urllib.parse.urlencode({'query': query})}"
    body = http("GET", url, headers={"Accept": "application/sparql-results+json"})[2]
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.network
def test_void_statistics_match_the_data(sparql_server: LiveServer) -> None:
    status, headers, body = http("GET", f"{sparql_server.url}/.well-known/void")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    dataset = URIRef(f"{sparql_server.url}/.well-known/void#dataset")
    assert graph.value(dataset, VOID.triples) == Literal(count(sparql_server, "SELECT (COUNT(*) AS ?n) WHERE "
                                                                               "{ GRAPH ?g { ?s ?p ?o } }"))
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(sparql_server.sparql)
    subsets = [s for s in graph.objects(dataset, VOID.subset) if graph.value(s, SD.name) is not None]  # per graph
    assert len(subsets) == count(sparql_server, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    by_name = {graph.value(s, SD.name): s for s in subsets}
    gazetteer = by_name[URIRef("https://w3id.org/reportgraph/id/graph/gazetteer")]
    assert int(graph.value(gazetteer, VOID.triples)) == count(  # type: ignore[arg-type]
        sparql_server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/reportgraph/id/graph/gazetteer> "
                       "{ ?s ?p ?o } }")
    for subset in subsets:
        for statistic in (VOID.triples, VOID.entities, VOID.classes, VOID.properties, VOID.distinctSubjects):
            assert graph.value(subset, statistic) is not None
    figures = next(p for p in graph.objects(dataset, VOID.classPartition) if graph.value(p, VOID["class"]) == RG.Figure)
    assert graph.value(figures, VOID.entities) == Literal(5)
    assert any(graph.value(p, VOID.property) == RG.quantity for p in graph.objects(dataset, VOID.propertyPartition))
    status, headers, body = http("GET", f"{sparql_server.url}/.well-known/void",
                                 headers={"Accept": "application/rdf+xml"})
    assert status == 200 and len(Graph().parse(data=body, format="xml")) == len(graph)


def _select_on(store: ox.Store) -> void.VoidContext:
    def select(query: str) -> list[dict[str, dict[str, str]]]:
        body = execute(store, QueryRequest(query)).body
        return json.loads(body)["results"]["bindings"]  # type: ignore[no-any-return]

    root = "http://example.org/"
    return void.VoidContext(ox.NamedNode(f"{root}.well-known/void#dataset"), root, "https://w3id.org/x/",
                            lambda g: ox.NamedNode(f"{root}void#{len(g)}"), select)


def test_extra_descriptions_are_added_through_the_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e.org/a"), ox.NamedNode("http://e.org/p"), ox.NamedNode("http://e.org/b"),
                      ox.NamedNode("http://e.org/g")))

    def linksets(context: void.VoidContext) -> Iterable[ox.Triple]:
        assert context.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]["value"] == "1"
        yield ox.Triple(context.dataset, ox.NamedNode(f"{VOID}subset"), ox.NamedNode("http://example.org/links"))

    monkeypatch.setattr(void, "EXTRA_DESCRIPTIONS", ("tests.test_sparql_void:_provider",))
    monkeypatch.setitem(globals(), "_provider", linksets)
    triples = void.describe(_select_on(store))
    assert ox.Triple(ox.NamedNode("http://example.org/.well-known/void#dataset"), ox.NamedNode(f"{VOID}subset"),
                     ox.NamedNode("http://example.org/links")) in triples


# ------------------------------------------------------------------------------------------ SPARQL text


def test_query_facts_ignore_strings_iris_and_comments() -> None:
    text = ('PREFIX wd: <http://www.wikidata.org/> # SERVICE <http://commented.out/> FROM\n'
            'SELECT ?x ("FROM { SERVICE <x:y>" AS ?l) WHERE { ?x <http://from/service> ?y . '
            'SERVICE SILENT wd:sparql { ?x ?p ?o } SERVICE ?e { } SERVICE <http://ep/> { } }')
    assert query_form(text) == "SELECT" and not has_dataset_clause(text)
    assert service_targets(text) == ["http://www.wikidata.org/sparql", None, "http://ep/"]
    assert has_dataset_clause("SELECT * FROM <http://g> WHERE { ?s ?p ?o }")
    assert text[:where_group_start(text)].endswith("WHERE {")
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert construct[:where_group_start(construct)] == "CONSTRUCT { ?s ?p ?o } WHERE {"
    with pytest.raises(SparqlTextError):
        where_group_start("CONSTRUCT WHERE")
    with pytest.raises(SparqlTextError):
        list(tokenize('SELECT * WHERE { ?s ?p "unterminated }'))


def test_protocol_using_graphs_become_using_clauses() -> None:
    update = ('PREFIX ex: <http://example.org/> CLEAR ALL ; INSERT DATA { ex:a ex:b ex:c } ; '
              'INSERT { GRAPH ex:t { ?s a ex:T } } WHERE { ?s ?p ?o } ; DELETE WHERE { ?s ex:gone ?o }')
    rewritten = apply_using(update, ["http://d/1"], ["http://n/1"])
    assert rewritten.count("USING <http://d/1> USING NAMED <http://n/1>") == 2
    ox.Store().update(rewritten)  # still valid SPARQL Update
    assert apply_using(update, [], []) == update
    for own in ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
                "DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }"):
        with pytest.raises(DatasetConflict):
            apply_using(own, [], ["http://n/1"])
    assert load_sources("LOAD SILENT <http://a/b.ttl> INTO GRAPH <http://g> ; LOAD <http://c>") == [
        "http://a/b.ttl", "http://c"]
