"""GraphML: valid against the GraphML 1.0 schema, keys named for what they hold, Cytoscape's name/interaction.

Node keys take the attribute's name as id (`label`, `category`, `iri`, …); an edge attribute whose name is also a
node key gets the id `edge_<name>` (key ids are unique per file). Besides the projection's attributes each node
carries `name` (Cytoscape's node column), `color` and `r`/`g`/`b`/`size` (Gephi reads these), and each edge
`interaction` (Cytoscape's edge column) and `color`. `generate_graphml` is pure; `write_graphml` writes a stream.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from queries.exports.common import (
    ExportOptions,
    as_kind,
    attribute_kinds,
    chunked,
    degrees,
    edge_colour,
    node_colour,
    node_size,
    rgb,
    text_of,
    xml_attr,
    xml_text,
)

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_TYPES = {"boolean": "boolean", "long": "long", "double": "double", "string": "string"}


def _node_rows(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    degree = degrees(graph)
    for node, attrs in graph.nodes(data=True):
        colour = node_colour(attrs)
        red, green, blue = rgb(colour)
        yield {**attrs, "name": attrs.get("label", node), "color": colour, "r": red, "g": green, "b": blue,
               "size": node_size(degree[node])}


def _edge_rows(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        yield source, target, key, {**attrs, "interaction": attrs.get("relation", "related"),
                                    "color": edge_colour(attrs)}


def _data(key: str, value: Any, kind: str) -> str:
    return f"<data key={xml_attr(key)}>{xml_text(text_of(as_kind(value, kind)))}</data>"


def generate_graphml(graph: nx.MultiDiGraph, options: ExportOptions | None = None) -> Iterator[str]:
    """The GraphML document of `graph`, in chunks of text."""
    node_kinds = attribute_kinds(_node_rows(graph))
    edge_kinds = attribute_kinds(row for *_, row in _edge_rows(graph))
    edge_ids = {name: f"edge_{name}" if name in node_kinds else name for name in edge_kinds}
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           f'<graphml xmlns="{NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xsi:schemaLocation="{NAMESPACE} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for name, kind in node_kinds.items():
        yield f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{_TYPES[kind]}"/>\n'
    for name, kind in edge_kinds.items():
        yield f'  <key id="{edge_ids[name]}" for="edge" attr.name="{name}" attr.type="{_TYPES[kind]}"/>\n'
    yield f'  <graph id={xml_attr(str(graph.graph.get("name", "reportgraph")))} edgedefault="directed">\n'

    def body() -> Iterator[str]:
        for node, row in zip(graph.nodes, _node_rows(graph), strict=True):
            data = "".join(_data(name, value, node_kinds[name]) for name, value in row.items())
            yield f"    <node id={xml_attr(node)}>{data}</node>\n"
        for source, target, key, row in _edge_rows(graph):
            data = "".join(_data(edge_ids[name], value, edge_kinds[name]) for name, value in row.items())
            yield (f"    <edge id={xml_attr(key)} source={xml_attr(source)} target={xml_attr(target)}>"
                   f"{data}</edge>\n")

    yield from chunked(body())
    yield "  </graph>\n</graphml>\n"


def write_graphml(graph: nx.MultiDiGraph, stream: IO[bytes], options: ExportOptions | None = None) -> None:
    """Write `graph` as GraphML (UTF-8) to a binary stream."""
    for chunk in generate_graphml(graph, options):
        stream.write(chunk.encode("utf-8"))
