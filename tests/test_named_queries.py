"""Named queries: the catalog and its headers, safe parameter binding, every query over HTTP in every result
format with the facts of the test data, and the same from `reportgraph query --name`."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest

from queries.binding import TYPES, BindingError, bind, bindings
from queries.catalog import CatalogError, bundled_queries, load_catalog, parse_named_query
from store.sparql_text import service_targets
from tests import sparql_support
from tests.conftest import LiveServer, run_cli
from tests.sparql_support import error_body, http

support_store = sparql_support.support_store
remote_endpoint = sparql_support.remote_endpoint
sparql_server = sparql_support.sparql_server
CATALOG = bundled_queries()
LIBRARY = {"figures-for-measure", "conflicting-figures", "figure-timeline", "events-at-place", "events-by-type",
           "actor", "actors-together", "reports-by-outlet", "claims-per-source", "graph-contents"}
ACTOR = "https://w3id.org/reportgraph/id/actor/"
RG = "https://w3id.org/reportgraph/ontology#"


def test_the_catalog_holds_the_library() -> None:
    assert set(CATALOG) >= LIBRARY
    for query in CATALOG.values():
        assert query.title and query.description and query.form in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
        assert all(p.type in TYPES for p in query.parameters)


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_named_query_parses_with_its_defaults_bound(name: str) -> None:
    ox.Store().query(bind(CATALOG[name], {}))


@pytest.mark.parametrize(("text", "problem"), [
    ("SELECT * WHERE { ?s ?p ?o }", "title"),
    ("# title: T\n# param: x iri\nSELECT * WHERE { ?s ?p ?o }", "not a variable"),
    ("# title: T\n# param: s colour\nSELECT * WHERE { ?s ?p ?o }", "unknown type"),
    ("# title: T\n# param: s\nSELECT * WHERE { ?s ?p ?o }", "bad parameter line"),
    ("# title: T\n# param: s iri\n# param: s iri\nSELECT * WHERE { ?s ?p ?o }", "twice"),
    ("# title: T\nINSERT DATA { <a:b> <a:c> <a:d> }", "no SELECT"),
])
def test_malformed_headers_are_reported(text: str, problem: str) -> None:
    with pytest.raises(CatalogError, match=problem):
        parse_named_query("broken", text)


def test_header_fields_and_continuation_lines() -> None:
    query = parse_named_query("demo", "# title: Demo\n# description: first line\n#   second line\n"
                                      "# param: who actor = nis -- the actor\n# param: n integer? -- a number\n"
                                      "SELECT * WHERE { ?who ?p ?n }")
    assert query.description == "first line second line"
    assert [(p.name, p.type, p.required, p.default) for p in query.parameters] == [
        ("who", "actor", False, "nis"), ("n", "integer", False, None)]


def test_an_extra_folder_adds_and_overrides_queries(tmp_path: Path) -> None:
    (tmp_path / "mine.rq").write_text("# title: Mine\nSELECT * WHERE { ?s ?p ?o } LIMIT 1\n")
    catalog = load_catalog(str(tmp_path))
    assert "mine" in catalog and set(catalog) >= LIBRARY
    with pytest.raises(CatalogError, match="does not exist"):
        load_catalog(str(tmp_path / "missing"))


DEMO = parse_named_query("demo", "# title: Demo\n# param: text string\n# param: n integer?\n# param: who actor?\n"
                                 "# param: term vocab?\n# param: day date?\n# param: link iri?\n"
                                 "SELECT ?text ?n ?who ?term ?day ?link WHERE { }")


@pytest.mark.parametrize("value", ['x" } ; DROP ALL ; #', "a\\\" ) } } SELECT * {", "line\nbreak\t'\"", "<http://x>"])
def test_a_string_that_would_break_out_of_its_literal_stays_a_literal(value: str) -> None:
    text = bind(DEMO, {"text": value})
    [row] = list(ox.Store().query(text))
    assert row["text"] == ox.Literal(value)


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("n", "42", ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("who", "kim_jong_un", ox.NamedNode(ACTOR + "kim-jong-un")),
    ("who", ACTOR + "nis", ox.NamedNode(ACTOR + "nis")),
    ("term", "killed", ox.NamedNode(RG + "killed")),
    ("term", "rg:Deployment", ox.NamedNode(RG + "Deployment")),
    ("day", "2025-10", ox.Literal("2025-10", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth"))),
    ("link", "schema:Person", ox.NamedNode("https://schema.org/Person")),
])
def test_values_become_typed_terms(name: str, value: str, expected: ox.NamedNode | ox.Literal) -> None:
    assert bindings(DEMO, {"text": "t", name: value})[name] == expected
    [row] = list(ox.Store().query(bind(DEMO, {"text": "t", name: value})))
    assert row[name] == expected


@pytest.mark.parametrize(("values", "problem"), [
    ({}, "needs the parameter 'text'"),
    ({"text": "t", "n": "4 } ; DROP ALL"}, "not a whole number"),
    ({"text": "t", "who": "x> } ; DROP ALL ; <y"}, "not an actor id"),
    ({"text": "t", "link": "http://a> } DROP ALL { <b"}, "not an absolute IRI"),
    ({"text": "t", "term": "notAThing"}, "not a term of the reportgraph vocabulary"),
    ({"text": "t", "day": "2025-13-01"}, "not a date"),
    ({"text": "t", "colour": "red"}, "unknown parameter"),
])
def test_bad_values_are_rejected_with_what_is_accepted(values: dict[str, str], problem: str) -> None:
    with pytest.raises(BindingError, match=problem):
        bind(DEMO, values)


# --------------------------------------------------------------------------------------------- over HTTP


def run(server: LiveServer, name: str, accept: str = "application/sparql-results+json", **params: str
        ) -> tuple[int, dict[str, str], bytes]:
    return http("GET", f"{server.url}/queries/{name}?{urllib.parse.urlencode(params)}", headers={"Accept": accept})


def rows(server: LiveServer, name: str, **params: str) -> list[dict[str, str]]:
    status, _, body = run(server, name, **params)
    assert status == 200, body
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


@pytest.mark.network
@pytest.mark.parametrize("name", sorted(CATALOG))
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_every_named_query_runs_in_every_result_format(sparql_server: LiveServer, name: str, fmt: str) -> None:
    status, headers, body = http("GET", f"{sparql_server.url}/queries/{name}?format={fmt}")
    if service_targets(CATALOG[name].text):  # federated: answers only for an allow-listed endpoint
        assert status == 403 and b"not on the allow-list" in body, body
        return
    assert status == 200, body
    media = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
             "csv": "text/csv", "tsv": "text/tab-separated-values"}[fmt]
    assert headers["Content-Type"].startswith(media)
    assert int(headers["X-Result-Rows"]) >= (0 if name in ("figure-timeline",) else 1)


@pytest.mark.network
def test_the_library_answers_with_the_facts_of_the_test_data(sparql_server: LiveServer) -> None:
    killed = rows(sparql_server, "figures-for-measure", measure="killed")
    assert sorted(int(r["quantity"]) for r in killed) == [600, 1000]
    assert {r["claimant"] for r in killed} == {ACTOR + "nis", ACTOR + "hur"}
    conflicts = rows(sparql_server, "conflicting-figures")
    assert {(r["measure"].removeprefix(RG), r["lowest"], r["highest"]) for r in conflicts} == {
        ("killed", "600", "1000"), ("present", "10000", "11000")}
    assert all(r["population"] == RG + "soldiers" for r in conflicts)
    timeline = rows(sparql_server, "figure-timeline", measure="present", population="soldiers")
    assert [(r["asOf"], r["quantity"]) for r in timeline] == [("2025-10-01", "11000"), ("2025-11-04", "10000")]
    assert len(rows(sparql_server, "events-at-place", place="kursk_oblast")) == 2
    [meeting] = rows(sparql_server, "events-by-type", type="Meeting")
    assert meeting["placeLabel"] == "Pyongyang"
    about = rows(sparql_server, "actor", actor="kim_jong_un")
    assert ("takes part in event", "Kim Jong Un meets Shoigu") in {(r["relation"], r["detail"]) for r in about}
    partners = {r["other"]: int(r["together"]) for r in rows(sparql_server, "actors-together", actor="kim_jong_un")}
    assert partners[ACTOR + "sergei-shoigu"] == 2
    [kcna] = rows(sparql_server, "reports-by-outlet", outlet="kcna")
    assert kcna["title"] == "Звіт Б"
    sources = {r["source"]: (int(r["figures"]), int(r["events"])) for r in rows(sparql_server, "claims-per-source")}
    assert sources[ACTOR + "nis"] == (3, 1) and sources[ACTOR + "hur"] == (2, 1)
    holdings = {(r["graphs"], r["class"]): int(r["instances"]) for r in rows(sparql_server, "graph-contents")}
    assert holdings[("report graphs", RG + "Figure")] == 5


@pytest.mark.network
def test_the_catalog_in_json_and_html(sparql_server: LiveServer) -> None:
    status, _, body = http("GET", f"{sparql_server.url}/queries")
    listed = {q["name"]: q for q in json.loads(body)["queries"]}
    assert status == 200 and set(listed) >= LIBRARY
    assert listed["figures-for-measure"]["parameters"][0] == {
        "name": "measure", "type": "vocab", "required": False, "default": "killed",
        "description": listed["figures-for-measure"]["parameters"][0]["description"]}
    status, headers, body = http("GET", f"{sparql_server.url}/queries", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "Conflicting figures" in body.decode() and 'href="/queries/actor?format=csv"' in body.decode()
    status, headers, body = http("GET", f"{sparql_server.url}/queries/actor/text")
    assert status == 200 and headers["Content-Type"] == "application/sparql-query" and b"# title:" in body


@pytest.mark.network
@pytest.mark.parametrize(("path", "status", "words"), [
    ("/queries/nothing-like-this", 404, "available"),
    ("/queries/actor?actor=x%22%3E%20%7D%20DROP%20ALL", 400, "not an actor id"),
    ("/queries/actor?colour=red", 400, "unknown parameter"),
    ("/queries/figures-for-measure?measure=killt", 400, "vocabulary"),
    ("/queries/actor?format=turtle", 406, "accepted"),
    ("/queries?format=pdf", 406, "json, html"),
])
def test_named_query_errors(sparql_server: LiveServer, path: str, status: int, words: str) -> None:
    got, _, body = http("GET", sparql_server.url + path)
    assert got == status and words in str(error_body(body, status)["message"])


def test_the_cli_runs_and_lists_named_queries(support_store: Path) -> None:
    listing = run_cli("query", "--list").stdout
    assert all(name in listing for name in LIBRARY) and "--param measure=" in listing
    result = run_cli("query", "--store", str(support_store), "--name", "figures-for-measure",
                     "--param", "measure=killed", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(int(r["quantity"]) for r in table) == [600, 1000]
    result = run_cli("query", "--store", str(support_store), "--name", "actor", "--param", "actor=x> } DROP ALL",
                     check=False)
    assert result.returncode == 1 and "not an actor id" in result.stderr
    result = run_cli("query", "--store", str(support_store), "--name", "nope", check=False)
    assert result.returncode == 1 and "available" in result.stderr
    result = run_cli("query", "--store", str(support_store), "--param", "a=b", "SELECT * {}", check=False)
    assert result.returncode == 2
