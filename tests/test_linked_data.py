"""Every IRI under the base resolves over HTTP: HTML for browsers, RDF by Accept or ?format=."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SDO

from ontology.iris import actor_iri, base_iri
from tests.conftest import LiveServer


def _get(url: str, accept: str | None = None) -> tuple[str, str]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get_content_type(), response.read().decode()


@pytest.mark.network
def test_actor_resolves_as_turtle_and_html(live_server: LiveServer) -> None:
    iri = actor_iri("north_korea")
    path = str(iri)[len(base_iri()):]
    media, body = _get(f"{live_server.url}/{path}", "text/turtle")
    assert media == "text/turtle"
    graph = Graph().parse(data=body, format="turtle")
    assert (iri, RDF.type, SDO.Country) in graph
    media, html = _get(f"{live_server.url}/{path}", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert media == "text/html" and "North Korea" in html


@pytest.mark.network
def test_report_resolves_as_json_ld(live_server: LiveServer) -> None:
    _, csv_text = _get(f"{live_server.sparql}?query=" + urllib.parse.quote(
        "SELECT ?r WHERE { ?r a <https://schema.org/NewsArticle> } LIMIT 1"), "text/csv")
    report = csv_text.splitlines()[1].strip()
    media, body = _get(f"{live_server.url}/{report[len(base_iri()):]}?format=jsonld")
    assert media == "application/ld+json"
    graph = Graph().parse(data=body, format="json-ld")
    assert (URIRef(report), RDF.type, SDO.NewsArticle) in graph
    assert json.loads(body)


@pytest.mark.network
def test_unknown_resource_is_404_json(live_server: LiveServer) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        _get(f"{live_server.url}/actor/no-such-actor-anywhere")
    assert caught.value.code == 404
    assert json.loads(caught.value.read())["error"] == "not_found"
