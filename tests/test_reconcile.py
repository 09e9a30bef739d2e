"""The reconciliation API at /reconcile on a real gunicorn server: responses validate against the W3C 0.2 JSON
schemas, and a batch of names in Ukrainian, Russian and English spellings reconciles to the right actors."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft7Validator
from referencing import Registry
from referencing.jsonschema import DRAFT7

from ingest.linking.reconciliation import Index, load_entities
from ingest.pipeline import ensure_system_graphs
from store import open_store
from tests.conftest import DATA, LiveServer, start_server, stop_server
from tests.linking_support import build_store

SCHEMAS = DATA / "reconciliation"
MAX_QUERIES = 20


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], DRAFT7.create_resource(contents)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(instance: Any, schema_file: str) -> None:
    """Validate against one of the specification's schemas (draft 7, references resolved locally)."""
    schema = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    Draft7Validator(schema, registry=REGISTRY).validate(instance)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    store = build_store(tmp_path_factory.mktemp("reconcile") / "store")
    live = start_server(store, {"KG_RECONCILE_MAX_QUERIES": str(MAX_QUERIES)})
    yield live
    stop_server(live)


def get(server: LiveServer, path: str, **params: str) -> tuple[int, str, bytes]:
    url = f"{server.url}{path}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers.get_content_type(), exc.read()


def post(server: LiveServer, path: str, body: bytes, content_type: str) -> tuple[int, Any]:
    request = urllib.request.Request(f"{server.url}{path}", data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.loads(exc.read())


def reconcile_form(server: LiveServer, batch: dict[str, Any]) -> tuple[int, Any]:
    validate(batch, "reconciliation-query-batch.json")
    return post(server, "/reconcile", urllib.parse.urlencode({"queries": json.dumps(batch)}).encode(),
                "application/x-www-form-urlencoded")


BOTH_SCRIPTS = {
    "q0": ({"query": "Кирило Буданов"}, "kyrylo-budanov"),
    "q1": ({"query": "Kyrylo Budanov", "type": "Person"}, "kyrylo-budanov"),
    "q2": ({"query": "Кирила Буданова"}, "kyrylo-budanov"),  # inflected
    "q3": ({"query": "Курської області", "type": "Place"}, "kursk-oblast"),
    "q4": ({"query": "Kursk Oblast"}, "kursk-oblast"),
    "q5": ({"query": "Пхеньяні"}, "pyongyang"),
    "q6": ({"query": "Pyongyang", "type": ["Place", "Country"]}, "pyongyang"),
    "q7": ({"query": "Ким Чен Ын"}, "kim-jong-un"),  # Russian spelling
    "q8": ({"query": "Кім Чен Ин"}, "kim-jong-un"),
    "q9": ({"query": "Міноборони РФ", "type": "Organization"}, "ministry-of-defence-russia"),  # an alias
    "q10": ({"query": "Об’єднаних Націй Організація"}, None),  # word order differs: no certain match
    "q11": ({"query": "Організація Об’єднаних Націй"}, "united-nations"),  # typographic apostrophe
    "q12": ({"query": "Kim Yong-chol"}, "kim-yong-chol"),  # new to the gazetteer, from a report
    "q13": ({"query": "Кім Йон Чхоль"}, "kim-yong-chol"),
    "q14": ({"query": "Hromadske", "type": "Organization"}, "hromadske"),  # a report's publisher
    "q15": ({"query": "Kyrylo Budanov", "type": "Place"}, None),  # wrong type
}


def test_manifest_validates_and_points_at_this_service(server: LiveServer) -> None:
    status, kind, body = get(server, "/reconcile")
    assert status == 200 and kind == "application/json"
    manifest = json.loads(body)
    validate(manifest, "manifest.json")
    assert manifest["versions"] == ["0.2"]
    assert {t["id"] for t in manifest["defaultTypes"]} == {"Person", "Organization", "Country", "Place"}
    assert manifest["preview"]["url"].startswith(server.url)
    assert manifest["identifierSpace"].endswith("/actor/")
    status, kind, body = get(server, "/reconcile", callback="jsonp_1")
    assert kind == "application/javascript" and body.startswith(b"jsonp_1(")
    validate(json.loads(body[len(b"jsonp_1("):-2]), "manifest.json")


def test_a_batch_in_both_scripts_reconciles_to_the_right_actors(server: LiveServer) -> None:
    status, results = reconcile_form(server, {key: query for key, (query, _) in BOTH_SCRIPTS.items()})
    assert status == 200
    validate(results, "reconciliation-result-batch.json")
    assert set(results) == set(BOTH_SCRIPTS)
    for key, (query, expected) in BOTH_SCRIPTS.items():
        candidates = results[key]["result"]
        matched = [c["id"] for c in candidates if c["match"]]
        assert matched == ([expected] if expected else []), (key, query, candidates[:2])
    assert results["q15"]["result"] == [] or all(c["type"][0]["id"] == "Place" for c in results["q15"]["result"])
    assert results["q10"]["result"][0]["id"] == "united-nations"  # still the best candidate, just not certain


def test_queries_as_get_parameter_and_as_json_body(server: LiveServer) -> None:
    batch = {"a": {"query": "Суджа", "type": "Place", "limit": 1}}
    status, _, body = get(server, "/reconcile", queries=json.dumps(batch))
    assert status == 200 and json.loads(body)["a"]["result"][0]["id"] == "sudzha"
    for payload in (batch, {"queries": batch}):
        status, results = post(server, "/reconcile", json.dumps(payload).encode(), "application/json")
        assert status == 200 and [c["id"] for c in results["a"]["result"]] == ["sudzha"]


def test_property_constraints_refine_the_match(server: LiveServer) -> None:
    status, results = reconcile_form(server, {
        "ru": {"query": "Москва", "properties": [{"pid": "country", "v": "russia"}]},
        "ua": {"query": "Москва", "properties": [{"pid": "country", "v": {"id": "ukraine", "name": "Ukraine"}}]},
        "name": {"query": "Moscow", "properties": [{"pid": "country", "v": "Росія"}]},
        "wd": {"query": "", "properties": [{"pid": "wikidata", "v": "Q56226"}]},
        "wrong": {"query": "Кім Чен Ин", "properties": [{"pid": "wikidata", "v": "Q1"}]},
    })
    assert status == 200
    validate(results, "reconciliation-result-batch.json")
    best = {key: value["result"][0] for key, value in results.items()}
    assert best["ru"]["id"] == "moscow" and best["ru"]["match"]
    assert {"id": "country", "value": True} in best["ru"]["features"]
    assert best["ua"]["id"] == "moscow" and not best["ua"]["match"] and best["ua"]["score"] < best["ru"]["score"]
    assert best["name"]["id"] == "moscow" and best["name"]["match"]
    assert best["wd"]["id"] == "kim-jong-un" and best["wd"]["score"] == 100 and best["wd"]["match"]
    assert not best["wrong"]["match"]


def test_suggest_services_validate(server: LiveServer) -> None:
    for prefix, kind, expected in (("Буд", None, "kyrylo-budanov"), ("kursk obl", "Place", "kursk-oblast"),
                                   ("Пхень", None, "pyongyang")):
        params = {"prefix": prefix, **({"type": kind} if kind else {})}
        status, _, body = get(server, "/reconcile/suggest/entity", **params)
        found = json.loads(body)
        assert status == 200
        validate(found, "suggest-entities-response.json")
        assert expected in [item["id"] for item in found["result"]], (prefix, found)
    status, _, body = get(server, "/reconcile/suggest/type", prefix="pl")
    validate(json.loads(body), "suggest-types-response.json")
    assert [t["id"] for t in json.loads(body)["result"]] == ["Place"]
    status, _, body = get(server, "/reconcile/suggest/property", prefix="")
    validate(json.loads(body), "suggest-properties-response.json")
    assert {p["id"] for p in json.loads(body)["result"]} == {"country", "wikidata"}


def test_preview_is_html_and_unknown_ids_are_404(server: LiveServer) -> None:
    status, kind, body = get(server, "/reconcile/preview", id="kyrylo-budanov")
    assert status == 200 and kind == "text/html"
    assert "Kyrylo Budanov" in body.decode() and "Кирило Буданов" in body.decode()
    status, kind, body = get(server, "/reconcile/preview", id="nobody")
    assert status == 404 and kind == "application/json"
    assert json.loads(body) == {"error": "not_found", "message": "no actor or place with id 'nobody'", "status": 404}


@pytest.mark.parametrize(("batch", "status", "words"), [
    ("{not json", 400, "not valid JSON"),
    ('{"q0": {"query": "Kyiv", "type": "Ship"}}', 400, "accepted: Person, Organization, Country, Place"),
    ('{"q0": {"query": "Kyiv", "properties": [{"pid": "colour", "v": "red"}]}}', 400, "accepted: country"),
    ('{"q0": {"query": 5}}', 400, "must be a string"),
    ('{"q0": {"limit": 3}}', 400, "neither"),
    ('["Kyiv"]', 400, "JSON object"),
    (json.dumps({f"q{i}": {"query": "Kyiv"} for i in range(MAX_QUERIES + 1)}), 413, "KG_RECONCILE_MAX_QUERIES"),
])
def test_bad_batches_get_the_json_error_shape(server: LiveServer, batch: str, status: int, words: str) -> None:
    code, body = post(server, "/reconcile", urllib.parse.urlencode({"queries": batch}).encode(),
                      "application/x-www-form-urlencoded")
    assert code == status and set(body) == {"error", "message", "status"} and words in body["message"], body


def test_index_matches_without_a_server() -> None:
    store = open_store("memory")
    ensure_system_graphs(store)
    index = Index(load_entities(store))
    [best, *_] = index.reconcile("Сергія Лаврова")
    assert best.entity.id == "sergei-lavrov" and best.match and best.how.startswith("lemma")
    assert index.reconcile("Sergey Lavrov")[0].entity.id == "sergei-lavrov"
    assert [m.entity.id for m in index.reconcile("Kyiv", ["Person"])] == []


def test_the_index_follows_writes_to_the_store() -> None:
    from ingest.mapping import report_graph
    from ingest.records import Actor, Extraction, Report
    from ontology.iris import report_graph_iri
    from server.app import create_app
    from server.config import Settings

    store = open_store("memory")
    ensure_system_graphs(store)
    client = create_app(Settings(store="memory"), store=store).test_client()
    batch = json.dumps({"q": {"query": "Ольга Стефанішина"}})
    assert client.get("/reconcile", query_string={"queries": batch}).get_json()["q"]["result"] == []
    report = Report(text="Ольга Стефанішина заявила.", date="2025-11-05", source="t")
    extraction = Extraction(actors=[Actor("olha_stefanishyna", "Olha Stefanishyna", "Person", known=False,
                                          labels={"uk": "Ольга Стефанішина", "en": "Olha Stefanishyna"})])
    store.replace_graph(str(report_graph_iri(report.content_hash)),
                        report_graph(report, extraction).serialize(format="nt"), "nt")
    [found] = client.get("/reconcile", query_string={"queries": batch}).get_json()["q"]["result"]
    assert found["id"] == "olha-stefanishyna" and found["match"]
