"""Whole-graph operations of the SPARQL 1.1 Graph Store Protocol on an OxigraphStore, each atomic.

The data is parsed completely first; only then is the target changed, by one SPARQL update (one transaction:
drop, create, insert), so bad data or a failure leaves the store exactly as it was and no half-written or staging
graph is ever visible. `graph=None` is the default graph. Every write moves the store's write generation on
(read snapshots see they are stale).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

import pyoxigraph as ox

from store.base import StoreError
from store.oxigraph_store import OxigraphStore

Payload = tuple[bytes | str | IO[bytes], ox.RdfFormat]


def _target(graph: str | None) -> str:
    return "DEFAULT" if graph is None else f"GRAPH <{graph}>"


def graph_exists(store: OxigraphStore, graph: str | None) -> bool:
    """True for the default graph and for a named graph the store holds (even when empty)."""
    return graph is None or store.store.contains_named_graph(ox.NamedNode(graph))


def graph_triples(store: OxigraphStore, graph: str | None) -> list[ox.Triple]:
    """The triples of one graph."""
    term = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
    return [ox.Triple(q.subject, q.predicate, q.object) for q in store.store.quads_for_pattern(None, None, None, term)]


def parse_payloads(payloads: Iterable[Payload]) -> list[ox.Triple]:
    """Every triple of the payloads; raises StoreError (naming the problem) when one does not parse or holds
    several graphs."""
    triples: list[ox.Triple] = []
    for data, fmt in payloads:
        if fmt.supports_datasets:
            raise StoreError(f"{fmt.name} holds several graphs; send one graph as Turtle, N-Triples, RDF/XML, "
                             "JSON-LD or N3")
        try:
            triples.extend(ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, fmt))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot parse the {fmt.name} data: {exc}") from exc
    return triples


def _write(store: OxigraphStore, graph: str | None, triples: list[ox.Triple], replace: bool) -> bool:
    created = not graph_exists(store, graph)
    target = _target(graph)
    steps = [f"DROP SILENT {target}"] if replace else []
    if graph is not None:
        steps.append(f"CREATE SILENT GRAPH <{graph}>")
    if triples:
        body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
        block = body if graph is None else f"GRAPH <{graph}> {{ {body} }}"
        steps.append(f"INSERT DATA {{ {block} }}")
    try:
        store.store.update(" ;\n".join(steps))
    except (SyntaxError, RuntimeError) as exc:
        raise StoreError(f"cannot write <{graph or 'default graph'}>: {exc}") from exc
    finally:
        store.generation += 1
    return created


def put_graph(store: OxigraphStore, graph: str | None, payloads: Iterable[Payload]) -> bool:
    """Replace a graph with the data (creating it); True when the graph did not exist before."""
    return _write(store, graph, parse_payloads(payloads), replace=True)


def post_graph(store: OxigraphStore, graph: str | None, payloads: Iterable[Payload]) -> bool:
    """Merge the data into a graph (creating it); True when the graph did not exist before."""
    return _write(store, graph, parse_payloads(payloads), replace=False)


def delete_graph(store: OxigraphStore, graph: str | None) -> bool:
    """Remove a named graph, or empty the default graph; False when the named graph does not exist."""
    if not graph_exists(store, graph):
        return False
    try:
        if graph is None:
            store.store.clear_graph(ox.DefaultGraph())
        else:
            store.store.remove_graph(ox.NamedNode(graph))
    finally:
        store.generation += 1
    return True
