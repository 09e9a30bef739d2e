"""The embedded store: atomic graph replacement, dump and load, counts, on disk and in memory."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from store import OxigraphStore, StoreError, open_store

G = "http://example.org/g"
ONE = '<http://example.org/a> <http://example.org/p> "1" .\n'
TWO = ONE + '<http://example.org/a> <http://example.org/p> "2" .\n'


@pytest.fixture(params=["memory", "disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> OxigraphStore:
    return open_store("memory" if request.param == "memory" else str(tmp_path / "store"))  # type: ignore[return-value]


def test_replace_graph_replaces_exactly_that_graph(store: OxigraphStore) -> None:
    store.replace_graph(G, ONE)
    store.replace_graph("http://example.org/other", ONE)
    assert store.replace_graph(G, TWO) == 2
    assert store.graph_counts() == {G: 2, "http://example.org/other": 1}


def test_failed_replace_leaves_the_old_graph(store: OxigraphStore) -> None:
    store.replace_graph(G, TWO)
    with pytest.raises(StoreError, match="cannot parse"):
        store.replace_graph(G, ONE + "this is not N-Triples\n")
    assert store.graph_counts() == {G: 2}
    assert store.named_graphs() == [G], "no staging graph may be left behind"


def test_replace_with_empty_graph(store: OxigraphStore) -> None:
    store.replace_graph(G, TWO)
    assert store.replace_graph(G, "") == 0
    assert store.graph_counts() == {}


def test_dump_and_load_round_trip(store: OxigraphStore, tmp_path: Path) -> None:
    store.replace_graph(G, TWO)
    buffer = io.BytesIO()
    store.dump(buffer, "trig")
    other = open_store("memory")
    assert other.load(buffer.getvalue(), "trig") == 2
    assert other.graph_counts() == {G: 2}
    single = io.BytesIO()
    store.dump(single, "ttl", graph=G)
    assert other.load(single.getvalue(), "ttl", graph="http://example.org/copy") == 2


def test_load_is_all_or_nothing(store: OxigraphStore) -> None:
    with pytest.raises(StoreError):
        store.load(ONE + "<broken", "nt")
    assert store.count() == 0


def test_unknown_format_lists_accepted(store: OxigraphStore) -> None:
    with pytest.raises(StoreError, match="accepted: .*ttl"):
        store.load(ONE, "docx")


def test_query_sees_union_by_default_and_respects_dataset(store: OxigraphStore) -> None:
    store.replace_graph(G, ONE)
    assert bool(store.query("ASK { ?s ?p ?o }"))
    assert not bool(store.query("ASK { ?s ?p ?o }", union_default_graph=False))
    assert bool(store.query("ASK { ?s ?p ?o }", default_graphs=[G]))


def test_disk_store_persists(tmp_path: Path) -> None:
    first = open_store(str(tmp_path / "s"))
    first.replace_graph(G, TWO)
    first.close()
    del first
    again = open_store(str(tmp_path / "s"))
    assert again.count() == 2


def test_remote_location_is_refused_clearly() -> None:
    with pytest.raises(StoreError, match="folder or 'memory'"):
        open_store("http://127.0.0.1:1/sparql")


def test_system_graphs_are_written_only_when_missing_or_changed() -> None:
    from ingest.pipeline import ensure_system_graphs, system_graphs
    from ontology.iris import system_graph_iri

    store = open_store("memory")
    ensure_system_graphs(store)
    counts = store.graph_counts()
    assert {g: counts[g] for g, _, _ in system_graphs()} == {g: n for g, _, n in system_graphs()}
    generation = store.generation  # type: ignore[attr-defined]
    ensure_system_graphs(store)
    assert store.generation == generation, "nothing is rewritten when the graphs are whole"  # type: ignore[attr-defined]
    store.drop_graph(str(system_graph_iri("gazetteer")))
    ensure_system_graphs(store)
    assert store.graph_counts() == counts
