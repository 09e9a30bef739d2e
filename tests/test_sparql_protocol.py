"""The SPARQL 1.1 Protocol endpoint over real HTTP (gunicorn): SPARQLWrapper in every result format, CONSTRUCT
round trips into rdflib, negotiation, datasets, the service description, CORS, federation and every error."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from server.negotiation import GRAPH_FORMATS, RESULT_FORMATS
from tests import sparql_support
from tests.conftest import LiveServer
from tests.sparql_support import ALLOWED_ORIGIN, DOWN_ENDPOINT, error_body, http

support_store = sparql_support.support_store
remote_endpoint = sparql_support.remote_endpoint
sparql_server = sparql_support.sparql_server

pytestmark = pytest.mark.network
RG = Namespace("https://w3id.org/reportgraph/ontology#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
PREFIX = "PREFIX rg: <https://w3id.org/reportgraph/ontology#> PREFIX schema: <https://schema.org/> "
KILLED = PREFIX + "SELECT ?q WHERE { ?f rg:measure rg:killed ; rg:quantity ?q } ORDER BY ?q"
FIGURES = PREFIX + "CONSTRUCT { ?f rg:quantity ?q ; rg:measure ?m } WHERE { ?f rg:quantity ?q ; rg:measure ?m }"


def get(server: LiveServer, query: str, accept: str | None = None, **params: str) -> tuple[int, dict[str, str], bytes]:
    url = f"{server.sparql}?{urllib.parse.urlencode({'query': query, **params})}"
    return http("GET", url, headers={"Accept": accept} if accept else {})


def wrapper(server: LiveServer, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(server.sparql)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


def test_the_format_registries_are_not_empty() -> None:
    assert len(RESULT_FORMATS) == 4 and len(GRAPH_FORMATS) == 6


@pytest.mark.parametrize("method", ["GET", POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select_in_every_result_format_with_sparqlwrapper(sparql_server: LiveServer, fmt: str, method: str) -> None:
    result = wrapper(sparql_server, KILLED, fmt, method).query()
    converted = result.convert()
    if fmt == JSON:
        values = [int(b["q"]["value"]) for b in converted["results"]["bindings"]]  # type: ignore[index]
    elif fmt == XML:
        values = [int(n.firstChild.data) for n in converted.getElementsByTagName("literal")]  # type: ignore[union-attr]
    else:
        rows = list(csv.reader(io.StringIO(converted.decode()), delimiter="," if fmt == CSV else "\t"))  # type: ignore[union-attr]
        assert rows[0] == (["q"] if fmt == CSV else ["?q"])
        values = [int(row[0].split("^^")[0].strip('"')) for row in rows[1:]]
    assert values == [600, 1000]


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask_with_sparqlwrapper(sparql_server: LiveServer, fmt: str) -> None:
    result = wrapper(sparql_server, PREFIX + "ASK { ?f rg:quantity 11000 }", fmt).query().convert()
    answer = result["boolean"] if fmt == JSON else result.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[index,union-attr]
    assert answer is True


def _expected_figures() -> Graph:
    graph = Graph()
    for iri, quantity, measure in [("a-1", 600, "killed"), ("a-2", 10000, "present"), ("b-1", 1000, "killed"),
                                   ("b-2", 11000, "present"), ("c-1", 5000, "deployed")]:
        del iri
        graph.add((URIRef(f"urn:x:{quantity}"), RG.quantity, Literal(quantity)))
        graph.add((URIRef(f"urn:x:{quantity}"), RG.measure, RG[measure]))
    return graph


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, RDFXML])
def test_construct_round_trips_into_rdflib_with_sparqlwrapper(sparql_server: LiveServer, fmt: str) -> None:
    result = wrapper(sparql_server, FIGURES, fmt).query().convert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="json-ld" if fmt == JSONLD
                                                                   else "turtle")
    quantities = sorted(int(o) for o in graph.objects(None, RG.quantity))  # type: ignore[arg-type]
    assert quantities == [600, 1000, 5000, 10000, 11000]
    assert {(int(q), m) for _, q, m in [(s, graph.value(s, RG.quantity), graph.value(s, RG.measure))  # type: ignore[arg-type]
                                        for s in graph.subjects(RG.quantity, None)]} == \
        {(int(q), m) for _, q, m in [(s, g.value(s, RG.quantity), g.value(s, RG.measure))  # type: ignore[arg-type]
                                     for g in [_expected_figures()] for s in g.subjects(RG.quantity, None)]}


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=[f.name for f in GRAPH_FORMATS])
def test_construct_in_every_rdf_format_gives_the_same_graph(sparql_server: LiveServer, fmt: object) -> None:
    rdflib_names = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml", "trig": "trig",
                    "nquads": "nquads"}
    status, headers, reference = get(sparql_server, FIGURES, "application/n-triples")
    assert status == 200
    expected = Graph().parse(data=reference, format="nt")
    status, headers, body = get(sparql_server, FIGURES, fmt.media_type)  # type: ignore[attr-defined]
    assert status == 200 and headers["Content-Type"].startswith(fmt.media_type)  # type: ignore[attr-defined]
    name = rdflib_names[fmt.name]  # type: ignore[attr-defined]
    if name in ("trig", "nquads"):  # read with pyoxigraph (rdflib's Dataset parser warns of deprecations)
        quads = ox.parse(body, ox.RdfFormat.from_media_type(fmt.media_type))  # type: ignore[attr-defined,arg-type]
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        graph = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    else:
        graph = Graph().parse(data=body, format=name)
    assert len(graph) == 10 and isomorphic(graph, expected)


def test_describe_is_rdf(sparql_server: LiveServer) -> None:
    status, headers, body = get(sparql_server, "DESCRIBE <https://w3id.org/reportgraph/id/actor/nis>", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) > 3


@pytest.mark.parametrize(("accept", "media"), [
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("application/sparql-results+json;q=0, text/tab-separated-values;q=0.3, text/csv;q=0.2",
     "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
])
def test_accept_with_q_values_and_wildcards(sparql_server: LiveServer, accept: str, media: str) -> None:
    status, headers, _ = get(sparql_server, KILLED, accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == media


def test_format_parameter_overrides_accept(sparql_server: LiveServer) -> None:
    status, headers, body = get(sparql_server, KILLED, "application/sparql-results+xml", format="tsv")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode().splitlines()[0] == "?q"


def test_406_lists_what_is_accepted(sparql_server: LiveServer) -> None:
    status, _, body = get(sparql_server, KILLED, "image/png")
    data = error_body(body, 406)
    assert "application/sparql-results+json" in data["accepted"]  # type: ignore[operator]
    status, _, body = get(sparql_server, KILLED, format="turtle")
    assert status == 406 and "text/csv" in error_body(body, 406)["accepted"]  # type: ignore[operator]
    status, _, body = get(sparql_server, FIGURES, "text/csv")
    assert status == 406 and "text/turtle" in error_body(body, 406)["accepted"]  # type: ignore[operator]


def test_protocol_dataset_replaces_the_union(sparql_server: LiveServer) -> None:
    graphs = PREFIX + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?f rg:measure rg:killed } }"
    status, _, body = get(sparql_server, graphs, "application/sparql-results+json")
    report_graphs = [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert status == 200 and len(report_graphs) == 2
    status, _, body = get(sparql_server, KILLED, "application/sparql-results+json", **{"default-graph-uri":
                                                                                        report_graphs[0]})
    assert len(json.loads(body)["results"]["bindings"]) == 1
    url = f"{sparql_server.sparql}?" + urllib.parse.urlencode([("named-graph-uri", report_graphs[1])])
    status, _, body = http("POST", url, body=graphs.encode(), headers={"Content-Type": "application/sparql-query",
                                                                      "Accept": "application/sparql-results+json"})
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [report_graphs[1]]
    from_query = KILLED.replace("SELECT ?q", f"SELECT ?q FROM <{report_graphs[0]}>")
    status, _, body = get(sparql_server, from_query, "application/sparql-results+json")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/rdf+xml", "xml")])
def test_service_description_on_a_get_without_query(sparql_server: LiveServer, accept: str, fmt: str) -> None:
    status, headers, body = http("GET", sparql_server.sparql, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    graph = Graph().parse(data=body, format=fmt)
    service = URIRef(sparql_server.sparql)
    assert (service, SD.endpoint, service) in graph
    formats = set(graph.objects(service, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_TSV") in formats and len(formats) == 10
    assert (service, SD.feature, SD.BasicFederatedQuery) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in graph


def test_head_and_options(sparql_server: LiveServer) -> None:
    status, headers, body = http("HEAD", f"{sparql_server.sparql}?{urllib.parse.urlencode({'query': KILLED})}",
                                 headers={"Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and body == b""
    status, headers, _ = http("OPTIONS", sparql_server.sparql)
    assert status == 200 and {"GET", "POST", "HEAD", "OPTIONS"} <= set(headers["Allow"].replace(" ", "").split(","))


def test_cors_for_the_configured_origin_only(sparql_server: LiveServer) -> None:
    url = f"{sparql_server.sparql}?{urllib.parse.urlencode({'query': KILLED})}"
    status, headers, _ = http("GET", url, headers={"Origin": ALLOWED_ORIGIN})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "X-SPARQL-MaxRows" in headers["Access-Control-Expose-Headers"] and "Origin" in headers["Vary"]
    status, headers, _ = http("GET", url, headers={"Origin": "http://evil.example"})
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    status, headers, _ = http("OPTIONS", sparql_server.sparql, headers={
        "Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 200 and "POST" in headers["Access-Control-Allow-Methods"]
    assert headers["Access-Control-Allow-Headers"] == "content-type"


def test_service_to_an_allowed_endpoint_runs_and_others_are_refused(sparql_server: LiveServer,
                                                                   remote_endpoint: str) -> None:
    federated = f"SELECT ?label WHERE {{ SERVICE <{remote_endpoint}> {{ ?s ?p ?label }} }}"
    status, _, body = get(sparql_server, federated, "application/sparql-results+json")
    assert status == 200, body
    assert [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["remote"]
    status, _, body = get(sparql_server, f"SELECT * WHERE {{ SERVICE <{DOWN_ENDPOINT}> {{ ?s ?p ?o }} }}")
    assert "SERVICE endpoint failed" in error_body(body, 502)["message"]  # type: ignore[operator]
    for target in ("<http://127.0.0.1:9/sparql>", "?endpoint", "wd:sparql"):
        status, _, body = get(sparql_server, f"SELECT * WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }}")
        assert "allow" in error_body(body, 403)["message"]  # type: ignore[operator]


@pytest.mark.parametrize(("method", "path", "headers", "body", "status"), [
    ("GET", "?query=SELECT%20%3Fx%20WHERE%20%7B", {}, None, 400),
    ("GET", "?query=ASK%7B%7D&query=ASK%7B%7D", {}, None, 400),
    ("POST", "", {"Content-Type": "application/x-www-form-urlencoded"}, b"nothing=here", 400),
    ("POST", "", {"Content-Type": "application/sparql-query"}, b"   ", 400),
    ("POST", "", {"Content-Type": "application/sparql-query"}, "ASK {}".encode("utf-16"), 400),
    ("GET", "?update=CLEAR%20ALL", {}, None, 400),
    ("PUT", "?query=ASK%7B%7D", {}, None, 405),
    ("DELETE", "", {}, None, 405),
    ("POST", "", {"Content-Type": "text/plain"}, b"ASK {}", 415),
    ("POST", "", {}, b"query=ASK%7B%7D", 415),
    ("POST", "", {"Content-Type": "application/sparql-query; charset=UTF-16"}, "ASK {}".encode("utf-16"), 415),
    ("POST", "", {"Content-Type": "application/sparql-query"}, b"ASK { }" + b" " * (65 * 1024), 413),
])
def test_every_error_status_in_the_json_shape(sparql_server: LiveServer, method: str, path: str,
                                              headers: dict[str, str], body: bytes | None, status: int) -> None:
    got, _, answer = http(method, sparql_server.sparql + path, body=body, headers=headers)
    assert got == status
    error_body(answer, status)


def test_writes_are_refused_when_no_token_is_configured(sparql_server: LiveServer) -> None:
    status, _, body = http("POST", f"{sparql_server.url}/update", body=b"CLEAR ALL",
                           headers={"Content-Type": "application/sparql-update"})
    assert "KG_UPDATE_TOKEN" in error_body(body, 403)["message"]  # type: ignore[operator]
    status, _, body = http("PUT", f"{sparql_server.url}/store?default", body=b"<a:b> <a:c> <a:d> .",
                           headers={"Content-Type": "application/n-triples", "Authorization": "Bearer anything"})
    assert status == 403
    status, _, body = get(sparql_server, KILLED, "application/sparql-results+json")
    assert len(json.loads(body)["results"]["bindings"]) == 2
