"""The projection RDF -> property graph: nodes, plain attributes, labels by language, collapse mode."""

from __future__ import annotations

import io
import re

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from queries.projection import ProjectionOptions, project
from tests.export_support import REPORT_A, REPORT_B, memory_store, union_graph

NMTOKEN = re.compile(r"^[A-Za-z0-9._:-]+$")


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return project(union_graph(), ProjectionOptions(language="uk"))


@pytest.fixture(scope="module")
def collapsed() -> nx.MultiDiGraph:
    return project(union_graph(), ProjectionOptions(collapse=True))


def _by_iri(graph: nx.MultiDiGraph, suffix: str) -> tuple[str, dict[str, object]]:
    [found] = [(n, d) for n, d in graph.nodes(data=True) if str(d["iri"]).endswith(suffix)]
    return found


def test_nodes_by_category_and_evidence_folded(graph: nx.MultiDiGraph) -> None:
    categories = {d["category"] for _, d in graph.nodes(data=True)}
    assert {"Report", "Figure", "Event", "Country", "Organization", "Person", "Place"} <= categories
    assert not [n for n, d in graph.nodes(data=True) if "Evidence" in str(d.get("types", ""))]
    node, figure = _by_iri(graph, f"figure/{REPORT_A.content_hash}-1")
    assert figure["quantity"] == 600 and figure["qualifier"] == "at_least" and figure["measure"] == "killed"
    assert figure["as_of"] == "2025-11" and figure["as_of_precision"] == "month"
    assert figure["evidence"] == "щонайменше 600 військових КНДР загинули"
    relations = {(t, d["relation"]) for _, t, d in graph.out_edges(node, data=True)}
    assert relations == {("actor-nis", "claimed_by"), ("actor-north-korea", "concerns"), ("actor-ukraine", "place"),
                         (f"report-{REPORT_A.content_hash}", "from_report")}


def test_every_value_is_plain(graph: nx.MultiDiGraph, collapsed: nx.MultiDiGraph) -> None:
    for projected in (graph, collapsed):
        values = [v for _, d in projected.nodes(data=True) for v in d.values()]
        values += [v for *_, d in projected.edges(data=True) for v in d.values()]
        assert values and all(type(v) in (str, int, float, bool) for v in values)
        # networkx's own writer rejects rdflib terms, None, lists and dates: it must take the projection as is
        nx.write_graphml(projected, io.BytesIO())


def test_labels_in_the_chosen_language(graph: nx.MultiDiGraph) -> None:
    _, korea = _by_iri(graph, "actor/north-korea")
    assert korea["label"] == "Північна Корея" and korea["label_en"] == "North Korea"
    assert korea["wikidata"] == "Q423" and korea["category"] == "Country"
    english = project(union_graph(), ProjectionOptions(language="en"))
    assert _by_iri(english, "actor/north-korea")[1]["label"] == "North Korea"
    _, figure = _by_iri(graph, f"figure/{REPORT_B.content_hash}-1")
    assert figure["label"] == "approximately 2,000 soldiers killed"  # English only: falls back
    _, report = _by_iri(graph, f"report/{REPORT_A.content_hash}")
    assert report["label"] == 'Тест "А" <перший>' and report["date_published"] == "2025-11-04"
    assert "text" not in report
    with_text = project(union_graph(), ProjectionOptions(include_text=True))
    assert _by_iri(with_text, f"report/{REPORT_A.content_hash}")[1]["text"] == REPORT_A.text


def test_unknown_language_refused() -> None:
    with pytest.raises(ValueError, match="accepted: uk, en, ru"):
        ProjectionOptions(language="de")


def test_node_ids_are_slugs_with_the_iri_as_attribute(graph: nx.MultiDiGraph) -> None:
    assert "actor-north-korea" in graph
    assert graph.nodes["actor-north-korea"]["iri"] == "https://w3id.org/reportgraph/id/actor/north-korea"
    assert all(NMTOKEN.match(n) and "://" not in n for n in graph)
    keys = [k for *_, k in graph.edges(keys=True)]
    assert len(set(keys)) == len(keys) and not set(keys) & set(graph)


def test_colliding_slugs_stay_apart() -> None:
    data = Graph()
    data.add((URIRef("http://example.org/a/b"), RDF.type, URIRef("https://schema.org/Person")))
    data.add((URIRef("http://example.org/a-b"), RDF.type, URIRef("https://schema.org/Person")))
    projected = project(data)
    assert projected.number_of_nodes() == 2
    assert {d["iri"] for _, d in projected.nodes(data=True)} == {"http://example.org/a/b", "http://example.org/a-b"}


def test_unknown_predicates_become_attributes_never_named_type() -> None:
    node = URIRef("http://example.org/x")
    data = Graph()
    data.add((node, RDF.type, URIRef("http://example.org/Thing")))
    data.add((node, DCTERMS.type, Literal("memo")))
    data.add((node, URIRef("http://example.org/type"), Literal("7", datatype=XSD.integer)))
    data.add((node, URIRef("http://example.org/on"), Literal("2025-01-02", datatype=XSD.date)))
    [(_, attrs)] = project(data).nodes(data=True)
    assert attrs["dcterms_type"] == "memo" and attrs["type_"] == 7 and attrs["on"] == "2025-01-02"
    assert "type" not in attrs and attrs["category"] == "Resource"


def test_collapse_turns_figures_into_weighted_claim_edges(collapsed: nx.MultiDiGraph) -> None:
    figures = [(s, t, d) for s, t, d in collapsed.edges(data=True) if d["relation"] == "figure"]
    killed = {d["quantity"]: (s, t, d) for s, t, d in figures if d["measure"] == "killed"}
    assert set(killed) == {600, 2000}
    source, target, edge = killed[2000]
    assert (source, target) == ("actor-nis", "actor-north-korea")
    assert edge["weight"] == 2000.0 and edge["qualifier"] == "approximately" and edge["as_of"] == "2025-10-24"
    assert edge["report"] == f"report-{REPORT_B.content_hash}" and "National Intelligence" in str(edge["claimants"])
    assert killed[600][2]["place_label"] == "Ukraine"
    # the vague figure has no subject: it stays a node, nothing is lost
    remaining = [d for _, d in collapsed.nodes(data=True) if d["category"] == "Figure"]
    assert [d["measure"] for d in remaining] == ["deployed"]


def test_oxigraph_and_rdflib_input_project_alike() -> None:
    from queries.selection import Selection, select

    store = memory_store()
    from_store = project(select(store, Selection("all")))
    from_rdflib = project(union_graph())
    assert sorted(from_store.nodes) == sorted(from_rdflib.nodes)
    assert dict(from_store.nodes(data=True)) == dict(from_rdflib.nodes(data=True))
    assert from_store.number_of_edges() == from_rdflib.number_of_edges()
