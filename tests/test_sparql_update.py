"""SPARQL Update and the Graph Store Protocol over real HTTP: refused without the token and changing nothing,
working with it, atomic when a write fails, and visible to the next query at once."""

from __future__ import annotations

import json
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from tests import sparql_support
from tests.conftest import LiveServer, start_server, stop_server
from tests.sparql_support import SERVICE_TOKEN, error_body, http

support_store = sparql_support.support_store
pytestmark = pytest.mark.network
GRAPH = "http://example.org/graph/extra"
AUTH = {"Authorization": f"Bearer {SERVICE_TOKEN}"}
UPDATE = {"Content-Type": "application/sparql-update"}
TURTLE = {"Content-Type": "text/turtle"}
DATA = b'@prefix ex: <http://example.org/> . ex:a ex:name "first" ; ex:knows [ ex:name "friend" ] .'


@pytest.fixture(scope="module")
def writable(support_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    store = tmp_path_factory.mktemp("writable") / "store"
    shutil.copytree(support_store, store)
    token_file = store.parent / "token"
    token_file.write_text(SERVICE_TOKEN + "\n")
    server = start_server(store, {"KG_UPDATE_TOKEN": ""}, "--update-token-file", str(token_file))
    yield server
    stop_server(server)


def ask(server: LiveServer, pattern: str) -> bool:
    url = f"{server.sparql}?{urllib.parse.urlencode({'query': f'ASK {{ {pattern} }}'})}"
    status, _, body = http("GET", url, headers={"Accept": "application/sparql-results+json"})
    assert status == 200, body
    return bool(json.loads(body)["boolean"])


def quad_count(server: LiveServer) -> int:
    url = f"{server.sparql}?" + urllib.parse.urlencode(
        {"query": "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"})
    status, _, body = http("GET", url, headers={"Accept": "application/sparql-results+json"})
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(("method", "path", "headers", "body"), [
    ("POST", "/update", UPDATE, b"DROP ALL"),
    ("POST", "/update", {"Content-Type": "application/x-www-form-urlencoded"}, b"update=CLEAR%20ALL"),
    ("PUT", f"/store?graph={urllib.parse.quote(GRAPH)}", TURTLE, DATA),
    ("POST", "/store?default", TURTLE, DATA),
    ("POST", "/store", TURTLE, DATA),
    ("DELETE", "/store?graph=https%3A%2F%2Fw3id.org%2Freportgraph%2Fid%2Fgraph%2Fgazetteer", {}, None),
])
@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_writes_without_the_right_token_are_refused_and_change_nothing(
        writable: LiveServer, method: str, path: str, headers: dict[str, str], body: bytes | None,
        token: str | None) -> None:
    before = quad_count(writable)
    auth = {} if token is None else {"Authorization": f"Bearer {token}"}
    status, answer_headers, answer = http(method, writable.url + path, body=body, headers={**headers, **auth})
    assert status == 401 and answer_headers["WWW-Authenticate"].startswith("Bearer")
    error_body(answer, 401)
    assert quad_count(writable) == before


def test_update_with_the_token_works_and_is_seen_at_once(writable: LiveServer) -> None:
    insert = f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <http://example.org/s> <http://example.org/p> "v" }} }}'
    status, _, body = http("POST", f"{writable.url}/update", body=insert.encode(), headers={**UPDATE, **AUTH})
    assert status == 204, body
    assert ask(writable, f'GRAPH <{GRAPH}> {{ <http://example.org/s> <http://example.org/p> "v" }}')
    form = urllib.parse.urlencode({"update": f"DROP GRAPH <{GRAPH}>"}).encode()
    status, _, _ = http("POST", f"{writable.url}/update", body=form,
                        headers={"Content-Type": "application/x-www-form-urlencoded", **AUTH})
    assert status == 204 and not ask(writable, f"GRAPH <{GRAPH}> {{ ?s ?p ?o }}")


def test_a_failing_update_changes_nothing(writable: LiveServer) -> None:
    before = quad_count(writable)
    update = ('INSERT DATA { <http://example.org/x> <http://example.org/p> 1 } ; '
              "CREATE GRAPH <https://w3id.org/reportgraph/id/graph/gazetteer>")
    status, _, body = http("POST", f"{writable.url}/update", body=update.encode(), headers={**UPDATE, **AUTH})
    assert "changed nothing" in error_body(body, 400)["message"]  # type: ignore[operator]
    assert quad_count(writable) == before and not ask(writable, "<http://example.org/x> ?p ?o")
    status, _, body = http("POST", f"{writable.url}/update", body=b"INSERT DATA { <a:b> <a:c> ",
                           headers={**UPDATE, **AUTH})
    assert status == 400 and quad_count(writable) == before


@pytest.mark.parametrize(("update", "params", "status"), [
    ("WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "?using-graph-uri=http%3A%2F%2Fx", 400),
    ("LOAD <http://127.0.0.1:9/data.ttl>", "", 403),
])
def test_refused_updates(writable: LiveServer, update: str, params: str, status: int) -> None:
    before = quad_count(writable)
    got, _, body = http("POST", f"{writable.url}/update{params}", body=update.encode(), headers={**UPDATE, **AUTH})
    assert got == status
    error_body(body, status)
    assert quad_count(writable) == before


def test_graph_store_put_get_post_delete(writable: LiveServer) -> None:
    path = f"{writable.url}/store?graph={urllib.parse.quote(GRAPH, safe='')}"
    status, headers, _ = http("PUT", path, body=DATA, headers={**TURTLE, **AUTH})
    assert status == 201 and headers["Location"] == GRAPH
    status, headers, body = http("GET", path, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert isomorphic(Graph().parse(data=body, format="turtle"), Graph().parse(data=DATA, format="turtle"))
    more = b'<http://example.org/a> <http://example.org/name> "second" .'
    status, _, _ = http("POST", path, body=more, headers={"Content-Type": "application/n-triples", **AUTH})
    assert status == 204
    status, _, body = http("GET", path, headers={"Accept": "application/n-triples"})
    names = set(Graph().parse(data=body, format="nt").objects(URIRef("http://example.org/a"),
                                                              URIRef("http://example.org/name")))
    assert names == {Literal("first"), Literal("second")}
    status, _, _ = http("PUT", path, body=DATA, headers={**TURTLE, **AUTH})
    assert status == 204
    status, _, body = http("GET", path, headers={"Accept": "application/n-triples"})
    assert len(Graph().parse(data=body, format="nt")) == 3
    assert ask(writable, 'GRAPH ?g { <http://example.org/a> <http://example.org/name> "first" }')
    status, _, _ = http("DELETE", path, headers=AUTH)
    assert status == 204
    assert http("GET", path)[0] == 404 and http("DELETE", path, headers=AUTH)[0] == 404


def test_graph_store_bad_data_leaves_the_graph_as_it_was(writable: LiveServer) -> None:
    path = f"{writable.url}/store?graph={urllib.parse.quote(GRAPH, safe='')}"
    assert http("PUT", path, body=DATA, headers={**TURTLE, **AUTH})[0] in (201, 204)
    for method in ("PUT", "POST"):
        status, _, body = http(method, path, body=DATA + b" ex:broken", headers={**TURTLE, **AUTH})
        assert "cannot parse" in error_body(body, 400)["message"]  # type: ignore[operator]
    status, _, body = http("PUT", path, body=DATA, headers={"Content-Type": "image/png", **AUTH})
    assert status == 415
    status, _, body = http("GET", path, headers={"Accept": "application/n-triples"})
    assert len(Graph().parse(data=body, format="nt")) == 3
    http("DELETE", path, headers=AUTH)


def test_graph_store_reads_are_open_and_the_dataset_is_a_quad_dump(writable: LiveServer) -> None:
    status, headers, body = http("GET", f"{writable.url}/store", headers={"Accept": "application/n-quads"})
    assert status == 200 and headers["Content-Type"].startswith("application/n-quads")
    assert b"<https://w3id.org/reportgraph/id/graph/gazetteer>" in body
    assert http("GET", f"{writable.url}/store?graph=not%20an%20iri")[0] == 400
    assert http("PUT", f"{writable.url}/store", body=DATA, headers={**TURTLE, **AUTH})[0] == 400
