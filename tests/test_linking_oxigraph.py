"""`reportgraph link` against a real Oxigraph server holding a Wikidata-shaped fixture, through a counting proxy
on 127.0.0.1: the right ids for known actors, review for an ambiguous name, no request on a second run, 429
Retry-After honoured, decisions recorded, external RDF queried beside the reports through the links."""

from __future__ import annotations

import csv
import gc
import io
import json
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ingest.linking.client import ClientSettings, EndpointError, SparqlClient
from ingest.linking.void import linkset_graph
from ontology.iris import actor_iri, system_graph_iri
from ontology.namespaces import VOID
from store import open_store
from tests.conftest import REPO, run_cli, start_server, stop_server
from tests.linking_support import WIKIDATA, CountingProxy, OxigraphServer, build_store

pytestmark = pytest.mark.network

WD = "http://www.wikidata.org/entity/"
LINKS = str(system_graph_iri("links"))
DECISIONS = str(system_graph_iri("link-decisions"))
PARTNER = str(system_graph_iri("external/partner"))
RG = "https://w3id.org/reportgraph/ontology#"
FEDERATED = REPO / "queries" / "federated-figures-wikidata.rq"


@dataclass
class Linked:
    """The shared setup: endpoint, proxy, a linked store, its cache and what the first run did."""

    proxy: CountingProxy
    store: Path
    cache: Path
    first_requests: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CountingProxy]:
    server = OxigraphServer.start(tmp_path_factory.mktemp("wikidata") / "db", WIKIDATA / "fixture.ttl",
                                  WIKIDATA / "countries-subset.ttl")
    proxy = CountingProxy(server.url)
    yield proxy
    proxy.stop()
    server.stop()


def link(proxy: CountingProxy, store: Path, cache: Path, *extra: str,
         check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `reportgraph link` against the proxy."""
    return run_cli("link", "--endpoint", proxy.url, "--store", str(store), "--cache-dir", str(cache), *extra,
                   check=check)


@pytest.fixture(scope="module")
def linked(endpoint: CountingProxy, tmp_path_factory: pytest.TempPathFactory) -> Linked:
    root = tmp_path_factory.mktemp("linked")
    store = build_store(root / "store")
    run_cli("load", str(WIKIDATA / "partner-geonames.ttl"), "--graph", PARTNER, "--store", str(store))
    before = len(endpoint.seen)
    result = link(endpoint, store, root / "cache")
    return Linked(endpoint, store, root / "cache", len(endpoint.seen) - before, result.stdout, result.stderr)


def copy_store(linked: Linked, tmp_path: Path) -> Path:
    """A private copy of the linked store for tests that change it."""
    return Path(shutil.copytree(linked.store, tmp_path / "store"))


def graph_of(store: Path, name: str) -> Graph:
    """One named graph of an on-disk store, read after the CLI has released it."""
    out = run_cli("dump", "--store", str(store), "--graph", name, "--format", "nt").stdout
    return Graph().parse(data=out, format="nt")


def links_of(store: Path) -> dict[str, tuple[str, str]]:
    """actor IRI -> (SKOS property name, item IRI) in the links graph."""
    graph = graph_of(store, LINKS)
    return {str(s): (str(p).rsplit("#", 1)[-1], str(o)) for s, p, o in graph
            if p in (SKOS.closeMatch, SKOS.exactMatch)}


def queries_sent(proxy: CountingProxy) -> list[str]:
    return [urllib.parse.parse_qs(seen.body).get("query", [""])[0] for seen in proxy.seen]


def test_known_actors_get_the_right_ids(linked: Linked) -> None:
    links = links_of(linked.store)
    expected = {
        "kursk_oblast": ("closeMatch", "Q90000001"),  # one oblast named alike in uk, en, ru
        "kyrylo_budanov": ("closeMatch", "Q90000004"),
        "yonhap": ("closeMatch", "Q90000007"),
        "khasan": ("closeMatch", "Q90000009"),  # the person named Khasan has the wrong type
        "nis": ("closeMatch", "Q90000010"),  # our aliases in three languages beat an English-only namesake
        "sudzha": ("exactMatch", "Q90000002"),  # town and river share the name; the partner's GeoNames id decides
        "kim_yong_chol": ("exactMatch", "Q90000012"),  # new to the gazetteer, the extractor's id confirmed
        "hromadske": ("closeMatch", "Q90000011"),  # a publisher known only from a report
    }
    for actor, (prop, qid) in expected.items():
        assert links.get(str(actor_iri(actor))) == (prop, WD + qid), actor
    assert str(actor_iri("andrey_rudenko")) not in links
    assert len(links) == len(expected)
    assert linked.first_requests >= 2
    assert "2 exact, 6 close, 0 accepted, 1 to review" in linked.stderr


def test_links_carry_provenance_and_what_users_want_beside_them(linked: Linked) -> None:
    rows = run_cli("query", "--store", str(linked.store), "--format", "tsv", """
        PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX sssom: <https://w3id.org/sssom/> PREFIX wdt: <http://www.wikidata.org/prop/direct/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?score ?endpoint ?time ?label ?description ?coord WHERE { GRAPH <LINKS> {
          ?m owl:annotatedSource <ACTOR> ; owl:annotatedTarget ?item ; sssom:confidence ?score ;
             prov:generatedAtTime ?time ; prov:wasGeneratedBy [ prov:used ?endpoint ] .
          ?item rdfs:label ?label ; <http://schema.org/description> ?description ; wdt:P625 ?coord } }
    """.replace("LINKS", LINKS).replace("ACTOR", actor_iri("kursk_oblast"))).stdout.splitlines()
    assert len(rows) == 2, rows
    score, endpoint, when, label, description, coord = rows[1].split("\t")
    assert float(score.split("^^")[0].strip('"')) == 1.0
    assert endpoint == f"<{linked.proxy.url}>"
    assert when.startswith('"20')
    assert label == '"Kursk Oblast"@en' and description == '"oblast of Russia"@en'
    assert "Point(36.2 51.7)" in coord


def test_curated_actors_are_not_looked_up_and_the_user_agent_is_descriptive(linked: Linked) -> None:
    sent = "\n".join(queries_sent(linked.proxy))
    assert '"Курська область"@uk' in sent
    assert "Північна Корея" not in sent and '"Pyongyang"@en' not in sent  # curated in the gazetteer
    assert all(seen.user_agent.startswith("reportgraph/") and "SPARQLWrapper/" in seen.user_agent
               for seen in linked.proxy.seen)
    assert all(seen.method == "POST" for seen in linked.proxy.seen)


def test_an_ambiguous_name_goes_to_review(linked: Linked) -> None:
    review = run_cli("link", "--review", "--store", str(linked.store)).stdout.splitlines()
    rudenko = [line.split("\t") for line in review if line.startswith(str(actor_iri("andrey_rudenko")))]
    assert {(row[2], row[5]) for row in rudenko} == {(WD + "Q90000005", "Russian diplomat"),
                                                    (WD + "Q90000006", "Russian footballer")}
    assert "ambiguous" in rudenko[0][6]
    assert review == [line for line in linked.stdout.splitlines() if line]  # the run listed the same


def test_a_second_run_sends_no_request(linked: Linked) -> None:
    before = len(linked.proxy.seen)
    result = link(linked.proxy, linked.store, linked.cache)
    assert len(linked.proxy.seen) == before
    assert "0 requests" in result.stderr
    assert links_of(linked.store)[str(actor_iri("kursk_oblast"))] == ("closeMatch", WD + "Q90000001")


def test_a_429_is_retried_after_retry_after(linked: Linked, tmp_path: Path) -> None:
    before = len(linked.proxy.seen)
    linked.proxy.fail_next(429, "1")
    result = link(linked.proxy, copy_store(linked, tmp_path), tmp_path / "cache")
    seen = linked.proxy.seen[before:]
    assert [s.status for s in seen[:2]] == [429, 200]
    assert seen[1].at - seen[0].at >= 1.0
    assert seen[1].body == seen[0].body  # the same query again
    assert len(seen) == linked.first_requests + 1
    assert "Retry-After 1 s" in result.stderr


def test_a_503_without_retry_after_backs_off(linked: Linked, tmp_path: Path) -> None:
    before = len(linked.proxy.seen)
    linked.proxy.fail_next(503, None)
    link(linked.proxy, copy_store(linked, tmp_path), tmp_path / "cache")
    seen = linked.proxy.seen[before:]
    assert [s.status for s in seen[:2]] == [503, 200] and seen[1].at - seen[0].at >= 2.0


def test_a_request_that_times_out_is_retried(linked: Linked, tmp_path: Path) -> None:
    before = len(linked.proxy.seen)
    linked.proxy.delay_next(4)
    result = link(linked.proxy, copy_store(linked, tmp_path), tmp_path / "cache", "--timeout", "1")
    assert "timed out" in result.stderr and "retrying" in result.stderr
    deadline = time.monotonic() + 10  # the held request is recorded when the proxy lets it go
    while len(linked.proxy.seen) - before < linked.first_requests + 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(linked.proxy.seen) - before == linked.first_requests + 1


def test_a_retry_after_beyond_the_limit_fails_and_writes_nothing(linked: Linked, tmp_path: Path) -> None:
    store = copy_store(linked, tmp_path)
    before = graph_of(store, LINKS)
    linked.proxy.fail_next(429, "120")
    result = link(linked.proxy, store, tmp_path / "cache", "--max-retry-wait", "5", check=False)
    assert result.returncode == 1
    assert "retry after 120 s" in result.stderr and "nothing was written" in result.stderr
    assert len(result.stderr.strip().splitlines()[-1]) < 300
    assert set(graph_of(store, LINKS)) == set(before)


def test_too_many_failures_give_up(linked: Linked, tmp_path: Path) -> None:
    linked.proxy.fail_next(429, "0", times=3)
    result = link(linked.proxy, copy_store(linked, tmp_path), tmp_path / "cache", "--retries", "2", check=False)
    assert result.returncode == 1 and "failed after 3 attempts" in result.stderr


def test_a_bad_query_fails_at_once(linked: Linked) -> None:
    before = len(linked.proxy.seen)
    client = SparqlClient(ClientSettings(endpoint=linked.proxy.url, timeout=10, retries=3))
    with pytest.raises(EndpointError, match="refused the query"):
        client.select("SELECT WHERE {")
    assert len(linked.proxy.seen) == before + 1 and client.requests == 1


def test_accept_and_reject_are_recorded_and_applied(linked: Linked, tmp_path: Path) -> None:
    store = copy_store(linked, tmp_path)
    before = len(linked.proxy.seen)
    link(linked.proxy, store, linked.cache, "--accept", "andrey_rudenko=Q90000005", "--reject",
         "kursk-oblast=Q90000001", "--by", "analyst")
    assert len(linked.proxy.seen) == before  # everything was in the cache
    links = links_of(store)
    assert links[str(actor_iri("andrey_rudenko"))] == ("exactMatch", WD + "Q90000005")
    assert str(actor_iri("kursk_oblast")) not in links
    review = run_cli("link", "--review", "--store", str(store)).stdout
    assert "andrey-rudenko" not in review and "Q90000001" not in review
    decisions = graph_of(store, DECISIONS)
    assert len(set(decisions.subjects(URIRef("https://w3id.org/sssom/author_label"), None))) == 2
    assert len(list(decisions.subjects(URIRef("https://w3id.org/sssom/predicate_modifier"), None))) == 1
    bad = link(linked.proxy, store, linked.cache, "--accept", "nobody_at_all=Q1", check=False)
    assert bad.returncode == 1 and "no actor 'nobody_at_all'" in bad.stderr
    bad = link(linked.proxy, store, linked.cache, "--accept", "kursk_oblast=42", check=False)
    assert bad.returncode == 1 and "neither a Wikidata id" in bad.stderr


def test_external_rdf_is_queried_beside_the_reports_through_the_links(linked: Linked, tmp_path: Path) -> None:
    store = copy_store(linked, tmp_path)
    run_cli("load", str(WIKIDATA / "countries-subset.ttl"), "--graph", str(system_graph_iri("external/wikidata")),
            "--store", str(store))
    out = run_cli("query", "--store", str(store), "--name", "linked-places", "--format", "csv").stdout
    found = {(r["place"], r["item"], r["match"], r["coordinates"]) for r in csv.DictReader(io.StringIO(out))}
    # a curated link, coordinates from the loaded Wikidata subset
    assert (str(actor_iri("russia")), WD + "Q159", "exact", "Point(100 60)") in found
    # our link, coordinates fetched beside it
    assert (str(actor_iri("kursk_oblast")), WD + "Q90000001", "close", "Point(36.2 51.7)") in found
    killed = run_cli("query", "--store", str(store), "--name", "linked-places", "--param", "measure=killed").stdout
    assert {r["measure"] for r in csv.DictReader(io.StringIO(killed))} == {RG + "killed"}


def _get_json(url: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.loads(exc.read())


def test_the_federated_named_query_joins_when_the_endpoint_is_allowed(linked: Linked, tmp_path: Path) -> None:
    text = FEDERATED.read_text(encoding="utf-8")
    assert "SERVICE <https://query.wikidata.org/sparql>" in text
    folder = tmp_path / "queries"
    folder.mkdir()
    # the same query, pointed at the stand-in for the Wikidata Query Service
    (folder / FEDERATED.name).write_text(text.replace("https://query.wikidata.org/sparql", linked.proxy.url))
    store = copy_store(linked, tmp_path)
    before = len(linked.proxy.seen)
    server = start_server(store, {"KG_QUERIES_DIR": str(folder), "KG_SERVICE_ALLOWLIST": linked.proxy.url})
    try:
        status, body = _get_json(f"{server.url}/queries/federated-figures-wikidata?format=json")
    finally:
        stop_server(server)
    assert status == 200, body
    rows = [{k: v["value"] for k, v in b.items()} for b in body["results"]["bindings"]]
    found = {(r["place"], r["item"], r["itemLabel"], r["coordinates"]) for r in rows}
    assert (str(actor_iri("kursk_oblast")), WD + "Q90000001", "Kursk Oblast", "Point(36.2 51.7)") in found
    assert (str(actor_iri("russia")), WD + "Q159", "Russia", "Point(100 60)") in found
    assert len(linked.proxy.seen) - before == 1  # one SERVICE request for the whole query
    server = start_server(store)  # the bundled query; Wikidata is not on the allow-list
    try:
        status, body = _get_json(f"{server.url}/queries/federated-figures-wikidata?format=json")
    finally:
        stop_server(server)
    assert status == 403 and "not on the allow-list" in body["message"]


def test_void_linksets_describe_the_links(linked: Linked) -> None:
    store = open_store(str(linked.store))
    try:
        void = linkset_graph(store)
    finally:
        store.close()
        del store
        gc.collect()
    counts = {str(void.value(s, VOID.linkPredicate)): int(str(void.value(s, VOID.triples)))
              for s in void.subjects(VOID.linkPredicate, None)}
    assert counts[str(SKOS.closeMatch)] >= 6
    assert counts[str(SKOS.exactMatch)] >= 2 + 40  # strong-key links and the gazetteer's curated ones


def test_well_known_void_serves_the_linksets(linked: Linked, tmp_path: Path) -> None:
    server = start_server(copy_store(linked, tmp_path))
    try:
        request = urllib.request.Request(f"{server.url}/.well-known/void", headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=60) as response:
            void = Graph().parse(data=response.read().decode(), format="nt")
    finally:
        stop_server(server)
    dataset = URIRef(f"{server.url}/.well-known/void#dataset")
    linksets = {str(void.value(s, VOID.linkPredicate)): s for s in void.subjects(VOID.linkPredicate, None)}
    close = linksets[str(SKOS.closeMatch)]
    assert (dataset, VOID.subset, close) in void and void.value(close, VOID.subjectsTarget) == dataset
    assert int(str(void.value(close, VOID.triples))) == 6 + 1  # our links and the extractor's proposal
    assert int(str(void.value(linksets[str(SKOS.exactMatch)], VOID.triples))) >= 42
    assert str(void.value(void.value(close, VOID.objectsTarget), VOID.uriSpace)) == WD


def test_offline_answers_from_the_cache_only(linked: Linked, tmp_path: Path) -> None:
    store = copy_store(linked, tmp_path)
    before, links = len(linked.proxy.seen), links_of(store)
    result = link(linked.proxy, store, linked.cache, "--offline")
    assert "0 requests" in result.stderr and links_of(store) == links
    result = link(linked.proxy, store, tmp_path / "empty-cache", "--offline", check=False)
    assert result.returncode == 1 and "no answer in the cache" in result.stderr
    assert links_of(store) == links  # nothing written
    assert len(linked.proxy.seen) == before


def test_samples_ingested_by_the_default_pipeline_link_too(linked: Linked, tmp_path: Path) -> None:
    store = tmp_path / "store"
    run_cli("ingest", "--samples", "--store", str(store))
    result = link(linked.proxy, store, linked.cache)
    links = links_of(store)
    assert links[str(actor_iri("kursk_oblast"))] == ("closeMatch", WD + "Q90000001")
    assert str(actor_iri("sudzha")) not in links  # without the partner's GeoNames id: town or river?
    review = run_cli("link", "--review", "--store", str(store)).stdout
    assert str(actor_iri("andrey_rudenko")) in review and f"{actor_iri('sudzha')}\t" in review
    assert "to review" in result.stderr
