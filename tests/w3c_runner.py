"""The project's runner for the W3C SPARQL 1.1 Protocol and Graph Store Protocol manifests.

`load_tests(manifest)` reads a manifest (following mf:include) into plain records; `run(test, server)` replays
its requests in order over real HTTP (http.client: the request paths go out byte for byte as the manifest
writes them) and checks each response against the manifest's expectations: status (exact or class), result
format (boolean, tabular, RDF), the ASK boolean, response headers, an RDF body (isomorphic), and Location
templates. Paths are mapped to this server: `/sparql/` to /sparql (queries) or /update (updates), `/gsp` to
/store. Before a test the runner empties the store and loads the test's `ut:graphData` as named graphs.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.term import Node

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")

STATUS = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404}
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld", "application/trig": "trig", "application/n-quads": "nquads"}


@dataclass
class Expected:
    """What a response must show."""

    statuses: list[str] = field(default_factory=list)  # "200", "2xx", …
    result_format: str | None = None
    boolean: bool | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    location_variable: str | None = None


@dataclass
class Request:
    """One HTTP request of a test."""

    method: str
    path: str
    headers: dict[str, str]
    body: str | None
    encoding: str
    expected: Expected


@dataclass
class W3CTest:
    """One manifest entry: its local name, title, requests and the graphs to load first."""

    name: str
    title: str
    requests: list[Request]
    graph_data: dict[str, Path] = field(default_factory=dict)  # graph IRI -> data file


def _status(node: Node) -> str:
    local = str(node).rsplit("#", 1)[-1]
    if local.startswith("StatusCode"):
        return local.removeprefix("StatusCode").lower()
    return str(STATUS[local])


def _headers(graph: Graph, node: Node | None) -> dict[str, str]:
    if node is None:
        return {}
    return {str(graph.value(h, HT.fieldName)).lower(): str(graph.value(h, HT.fieldValue))
            for h in Collection(graph, node)}


def _body(graph: Graph, node: Node | None) -> tuple[str | None, str]:
    if node is None:
        return None, "UTF-8"
    return str(graph.value(node, CNT.chars)), str(graph.value(node, CNT.characterEncoding) or "UTF-8")


def _request(graph: Graph, node: Node) -> Request:
    response = graph.value(node, HT.resp)
    expected = Expected(statuses=sorted(_status(s) for s in graph.objects(response, MF.expectedStatus)))
    fmt = graph.value(response, MF.expectedFormat)
    expected.result_format = None if fmt is None else str(fmt)
    boolean = graph.value(response, MF.expectedBoolean)
    expected.boolean = None if boolean is None else bool(boolean.toPython())  # type: ignore[union-attr]
    expected.headers = _headers(graph, graph.value(response, HT.headers))
    expected.body = _body(graph, graph.value(response, HT.body))[0]
    location = graph.value(response, MF.expectedLocation)
    expected.location_variable = None if location is None else str(location)
    body, encoding = _body(graph, graph.value(node, HT.body))
    return Request(str(graph.value(node, HT.methodName)), str(graph.value(node, HT.absolutePath)),
                   _headers(graph, graph.value(node, HT.headers)), body, encoding, expected)


def load_tests(manifest: Path) -> list[W3CTest]:
    """Every test of `manifest` (and of the manifests it includes), in manifest order."""
    graph = Graph().parse(manifest, format="turtle")
    tests: list[W3CTest] = []
    root = URIRef(manifest.resolve().as_uri())
    for included in graph.objects(root, MF.include):
        for item in Collection(graph, included):
            tests.extend(load_tests(Path(urllib.parse.urlparse(str(item)).path)))
    listed = [entry for entries in graph.objects(root, MF.entries) for entry in Collection(graph, entries)]
    # Tests defined in the manifest but left out of its entry list (head_non_existing_direct) are run too.
    unlisted = sorted({s for kind in (MF.ProtocolTest, MF.GraphStoreProtocolTest)
                       for s in graph.subjects(RDF.type, kind)} - set(listed), key=str)
    for entry in [*listed, *unlisted]:
        action = graph.value(entry, MF.action)
        requests = [_request(graph, r) for r in Collection(graph, graph.value(action, HT.requests))]
        data = {str(graph.value(d, RDFS_LABEL)): Path(urllib.parse.urlparse(str(graph.value(d, UT.graph))).path)
                for d in graph.objects(entry, UT.graphData)}
        name = str(entry).rsplit("#", 1)[-1]
        tests.append(W3CTest(name, str(graph.value(entry, MF.name)), requests, data))
    return tests


@dataclass
class Target:
    """The server under test: where it listens and the bearer token for writes."""

    host: str
    port: int
    token: str

    def send(self, method: str, path: str, headers: dict[str, str], body: bytes | None) -> http.client.HTTPResponse:
        """One request over a fresh connection; the response is read completely."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        connection.close()
        return response


@contextlib.contextmanager
def serve_target(store: Path, token: str, **env: str) -> Iterator[Target]:
    """A live server over a new store at `store` with writes on (bearer `token`), as a Target."""
    from tests.conftest import start_server, stop_server

    server = start_server(store, {"KG_UPDATE_TOKEN": token, **env})
    host, port = server.url.removeprefix("http://").split(":")
    try:
        yield Target(host, int(port), token)
    finally:
        stop_server(server)


def _is_update(test: W3CTest, request: Request) -> bool:
    if "update" not in test.name:
        return False
    if test.name.startswith("bad_update"):
        return True
    content_type = request.headers.get("content-type", "")
    return (content_type.startswith("application/sparql-update") or (request.body or "").startswith("update=")
            or "update=" in request.path or "using-" in request.path)


def local_path(test: W3CTest, request: Request) -> str:
    """The manifest's path on this server."""
    path = request.path
    if path.startswith("/sparql/"):
        rest = path[len("/sparql/"):]
        return ("/update" if _is_update(test, request) else "/sparql") + rest
    if path.startswith("/gsp"):
        return "/store" + path[len("/gsp"):]
    raise AssertionError(f"unexpected manifest path {path}")


def reset(target: Target, test: W3CTest) -> None:
    """Empty the store, then load the test's graphs (named by their labels) through the Graph Store."""
    auth = {"Authorization": f"Bearer {target.token}"}
    answer = target.send("POST", "/update", {**auth, "Content-Type": "application/sparql-update"}, b"DROP ALL")
    assert answer.status == 204, f"reset failed: {answer.status} {answer.body!r}"  # type: ignore[attr-defined]
    for iri, data in test.graph_data.items():
        path = "/store?graph=" + urllib.parse.quote(iri, safe="")
        answer = target.send("PUT", path, {**auth, "Content-Type": "application/n-triples"}, data.read_bytes())
        assert answer.status in (201, 204), f"loading {data} failed: {answer.status}"


def _media(value: str) -> tuple[str, str | None]:
    kind, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset":
            charset = val.strip().lower()
    return kind.strip().lower(), charset


def _boolean(body: bytes, media: str) -> bool:
    if media == "application/sparql-results+json":
        return bool(json.loads(body)["boolean"])
    root = ET.fromstring(body)
    node = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert node is not None, f"no boolean in {body!r}"
    return (node.text or "").strip() == "true"


def check(request: Request, response: http.client.HTTPResponse) -> None:
    """Assert that `response` meets the request's expectations."""
    expected = request.expected
    body: bytes = response.body  # type: ignore[attr-defined]
    status = str(response.status)
    assert status in expected.statuses or f"{status[0]}xx" in expected.statuses, (
        f"{request.method} {request.path}: status {status}, expected {expected.statuses}; body {body[:300]!r}")
    media, _ = _media(response.headers.get("Content-Type", ""))
    for name, value in expected.headers.items():
        want_media, want_charset = _media(value)
        got_media, got_charset = _media(response.headers.get(name, ""))
        assert got_media == want_media and (want_charset is None or got_charset == want_charset), (
            f"{request.method} {request.path}: header {name} is {response.headers.get(name)!r}, expected {value!r}")
    if expected.result_format == "boolean":
        assert media in ("application/sparql-results+json", "application/sparql-results+xml"), media
    elif expected.result_format == "tabular":
        assert media in RESULT_TYPES, f"not a tabular result type: {media}"
    elif expected.result_format == "RDF":
        assert media in RDF_TYPES, f"not an RDF type: {media}"
        Graph().parse(data=body, format=RDF_TYPES[media])
    if expected.boolean is not None:
        assert _boolean(body, media) is expected.boolean, f"ASK answered {body!r}, expected {expected.boolean}"
    if expected.body is not None and request.method != "HEAD":
        want = Graph().parse(data=expected.body, format="turtle", publicID="http://www.example/")
        got = Graph().parse(data=body, format=RDF_TYPES[media])
        assert isomorphic(want, got), (f"{request.method} {request.path}: the graph differs:\n"
                                       f"{got.serialize(format='nt')}\nexpected:\n{want.serialize(format='nt')}")


def run(test: W3CTest, target: Target) -> None:
    """Replay one test against `target`; raises AssertionError on the first response that does not match."""
    reset(target, test)
    variables: dict[str, str] = {}
    for request in test.requests:
        path = local_path(test, request)
        body_text = request.body
        for name, value in variables.items():
            path = path.replace(name, value)
            body_text = body_text.replace(name, value) if body_text is not None else None
        headers = dict(request.headers)
        if path.startswith(("/update", "/store")):
            headers["Authorization"] = f"Bearer {target.token}"
        body = None if body_text is None else body_text.encode(request.encoding.lower())
        response = target.send(request.method, path, headers, body)
        check(request, response)
        if request.expected.location_variable:
            location = response.headers.get("Location")
            assert location, f"{request.method} {path}: no Location header"
            variables[request.expected.location_variable] = location
