"""Selections from the store: whole graph, one report, k-hop neighbourhood, one measure, CONSTRUCT; their errors."""

from __future__ import annotations

from typing import Any

import pytest

from queries.projection import ProjectionOptions, project
from queries.selection import Selection, SelectionError, SelectionNotFound, SelectionTooLarge, resolve_entity, select
from store import GraphStore
from tests.export_support import REPORT_A, REPORT_B, memory_store


@pytest.fixture(scope="module")
def store() -> GraphStore:
    return memory_store()


def _subjects(triples: list[Any]) -> set[str]:
    return {(t.subject if hasattr(t, "subject") else t[0]).value for t in triples}


def test_whole_graph_leaves_out_the_ontology(store: GraphStore) -> None:
    triples = list(select(store, Selection()))
    assert any(s.endswith(f"report/{REPORT_A.content_hash}") for s in _subjects(triples))
    assert not [s for s in _subjects(triples) if s.startswith("https://w3id.org/reportgraph/ontology#")]


def test_one_report_with_gazetteer_labels(store: GraphStore) -> None:
    triples = list(select(store, Selection("report", REPORT_A.content_hash)))
    subjects = _subjects(triples)
    assert not [s for s in subjects if REPORT_B.content_hash in s]  # nothing of the other report
    graph = project(triples, ProjectionOptions(language="uk"))
    assert graph.nodes["actor-nis"]["label"] == "Національна розвідувальна служба Південної Кореї"
    assert graph.nodes["actor-north-korea"]["label"] == "Північна Корея"  # from the gazetteer graph
    assert graph.nodes["actor-kim-jong-un"]["wikidata"].startswith("Q")
    # the gazetteer's links to actors the report does not mention are left out
    assert "actor-united-states" not in graph
    by_iri = list(select(store, Selection("report", f"https://w3id.org/reportgraph/id/report/{REPORT_A.content_hash}")))
    assert len(by_iri) == len(triples)


def test_neighbourhood_grows_with_hops(store: GraphStore) -> None:
    sizes = []
    for hops in (0, 1, 2):
        graph = project(select(store, Selection("around", "actor-nis", hops)))
        sizes.append(graph.number_of_nodes())
        if hops == 0:
            assert list(graph) == ["actor-nis"]
        if hops == 1:  # NIS's figures, the reports mentioning it, its country; not what the figures link to
            assert sorted(d["category"] for _, d in graph.nodes(data=True)) == [
                "Country", "Figure", "Figure", "Organization", "Report", "Report"]
            assert "actor-north-korea" not in graph
    assert sizes[0] < sizes[1] < sizes[2]
    two = project(select(store, Selection("around", "nis", 2)))
    assert "actor-north-korea" in two and two.nodes["actor-north-korea"]["label"] == "North Korea"
    figure = next(d for _, d in two.nodes(data=True) if d.get("quantity") == 600)
    assert figure["evidence"]  # the evidence of the neighbourhood's figures comes along


def test_figures_of_one_measure(store: GraphStore) -> None:
    graph = project(select(store, Selection("measure", "killed")), ProjectionOptions(collapse=True))
    figures = [d for *_, d in graph.edges(data=True) if d["relation"] == "figure"]
    assert sorted(d["quantity"] for d in figures) == [600, 2000]
    assert {graph.nodes[n]["label"] for n in ("actor-nis", "actor-north-korea")} == {
        "National Intelligence Service (South Korea)", "North Korea"}
    plain = project(select(store, Selection("measure", "captured")))
    assert [d["quantity"] for _, d in plain.nodes(data=True) if d["category"] == "Figure"] == [2]


def test_construct_query(store: GraphStore) -> None:
    query = ("PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
             "CONSTRUCT { ?r schema:mentions ?a . ?a rdfs:label ?l . ?r a schema:NewsArticle } "
             "WHERE { ?r schema:mentions ?a . ?a rdfs:label ?l . ?r a schema:NewsArticle }")
    graph = project(select(store, Selection("construct", query)))
    assert {d["relation"] for *_, d in graph.edges(data=True)} == {"mentions"}


@pytest.mark.parametrize(("selection", "error", "message"), [
    (lambda: Selection("report", "0000000000000000"), SelectionNotFound, "no report"),
    (lambda: Selection("around", "atlantis"), SelectionNotFound, "no entity 'atlantis'"),
    (lambda: Selection("measure", "eaten"), SelectionError, "accepted: deployed"),
    (lambda: Selection("construct", "SELECT * WHERE { ?s ?p ?o }"), SelectionError, "CONSTRUCT"),
    (lambda: Selection("construct", "CONSTRUCT WHERE { ?s ?p"), SelectionError, "bad SPARQL"),
    (lambda: Selection("around", "nis", 9), SelectionError, "hops must be between 0 and 5"),
    (lambda: Selection("nearby", "nis"), SelectionError, "accepted: all, report"),
    (lambda: Selection("report"), SelectionError, "needs a value"),
])
def test_bad_selections_say_what_is_accepted(store: GraphStore, selection: Any, error: type[Exception],
                                             message: str) -> None:
    with pytest.raises(error, match=message):
        list(select(store, selection()))


def test_the_cap_is_enforced(store: GraphStore) -> None:
    assert len(list(select(store, Selection(), max_triples=10**6))) > 100
    with pytest.raises(SelectionTooLarge, match="more than 100 triples"):
        list(select(store, Selection(), max_triples=100))


def test_entity_names_resolve(store: GraphStore) -> None:
    expected = "https://w3id.org/reportgraph/id/actor/north-korea"
    for name in ("north_korea", "actor-north-korea", "actor/north-korea", expected):
        assert resolve_entity(store, name) == expected
