"""The SPARQL endpoint over real HTTP (gunicorn), queried with SPARQLWrapper and plain requests."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from tests.conftest import LiveServer

REPORTS = ("PREFIX schema: <https://schema.org/> SELECT ?report ?date WHERE { ?report a schema:NewsArticle ; "
           "schema:datePublished ?date } ORDER BY ?date")


def _client(server: LiveServer, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(server.sparql)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.network
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json_lists_sample_reports_with_dates(live_server: LiveServer, method: str) -> None:
    data = _client(live_server, REPORTS, JSON, method).query().convert()
    dates = [row["date"]["value"] for row in data["results"]["bindings"]]  # type: ignore[index]
    assert {"2025-10-24", "2025-11-04"} <= set(dates)


@pytest.mark.network
@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_select_other_result_formats(live_server: LiveServer, fmt: str) -> None:
    raw = _client(live_server, REPORTS, fmt).query().convert()
    text = raw.toxml() if fmt == XML else raw.decode()  # type: ignore[union-attr]
    assert "2025-11-04" in text
    if fmt == CSV:
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["report", "date"]


@pytest.mark.network
def test_ask_and_construct(live_server: LiveServer) -> None:
    ask = _client(live_server, "ASK { ?s a <https://schema.org/NewsArticle> }", JSON).query().convert()
    assert ask["boolean"] is True  # type: ignore[index]
    turtle = _client(live_server, "CONSTRUCT WHERE { ?r a <https://schema.org/NewsArticle> }", TURTLE).query().convert()
    graph = Graph().parse(data=turtle, format="turtle")  # type: ignore[arg-type]
    assert len(graph) >= 2


@pytest.mark.network
@pytest.mark.parametrize(("accept", "media"), [("application/n-triples", "application/n-triples"),
                                               ("application/ld+json", "application/ld+json")])
def test_construct_by_accept(live_server: LiveServer, accept: str, media: str) -> None:
    query = urllib.parse.urlencode({"query": "CONSTRUCT WHERE { ?r a <https://schema.org/NewsArticle> }"})
    request = urllib.request.Request(f"{live_server.sparql}?{query}", headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get_content_type() == media
        body = response.read().decode()
    graph = Graph().parse(data=body, format="json-ld" if "json" in media else "nt")
    assert len(graph) >= 2


@pytest.mark.network
def test_bad_query_is_400_with_parser_message(live_server: LiveServer) -> None:
    query = urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{live_server.sparql}?{query}", timeout=10)
    assert caught.value.code == 400
    body = json.loads(caught.value.read())
    assert body["status"] == 400 and body["error"] == "bad_request"
    assert "bad SPARQL query" in body["message"]
