"""GraphML: valid against the GraphML 1.0 schema, keys named for what they hold, Cytoscape's name/interaction.

Node keys take the attribute's name as id (`label`, `category`, `iri`, …); an edge attribute whose name is also a
node key gets the id `edge_<name>` (key ids are unique per file). Besides the projection's attributes each node
carries `name` (Cytoscape's node column), `color` and `r`/`g`/`b`/`size` (Gephi reads these), and each edge
`interaction` (Cytoscape's edge column) and `color`. The `graphml-yed` variant adds yFiles graphics so that yEd
draws labels and colours without its properties mapper. `generate_graphml` is pure; `write_…` write a stream.
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
    layout,
    node_colour,
    node_size,
    rgb,
    text_of,
    xml_attr,
    xml_text,
)

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
YFILES = "http://www.yworks.com/xml/graphml"
YED_NODE_KEY = "yed_node_graphics"
YED_EDGE_KEY = "yed_edge_graphics"
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


def _yed_node(row: dict[str, Any], position: tuple[float, float]) -> str:
    size = float(row["size"]) * 2
    return (f'<data key="{YED_NODE_KEY}"><y:ShapeNode><y:Geometry height="{size}" width="{size}" '
            f'x="{position[0] * 20}" y="{position[1] * 20}"/><y:Fill color="{row["color"]}" transparent="false"/>'
            f'<y:NodeLabel>{xml_text(text_of(row.get("label", "")))}</y:NodeLabel><y:Shape type="ellipse"/>'
            "</y:ShapeNode></data>")


def _yed_edge(row: dict[str, Any]) -> str:
    return (f'<data key="{YED_EDGE_KEY}"><y:PolyLineEdge><y:LineStyle color="{row["color"]}" type="line" '
            'width="1.0"/><y:Arrows source="none" target="standard"/>'
            f'<y:EdgeLabel>{xml_text(text_of(row.get("label", "")))}</y:EdgeLabel></y:PolyLineEdge></data>')


def generate_graphml(graph: nx.MultiDiGraph, options: ExportOptions | None = None, *,
                     yed: bool = False) -> Iterator[str]:
    """The GraphML document of `graph`, in chunks of text. `yed=True` adds yFiles graphics (label, fill colour,
    size, position) that yEd draws directly; those elements lie outside the GraphML schema."""
    node_kinds = attribute_kinds(_node_rows(graph))
    edge_kinds = attribute_kinds(row for *_, row in _edge_rows(graph))
    edge_ids = {name: f"edge_{name}" if name in node_kinds else name for name in edge_kinds}
    yfiles = f' xmlns:y="{YFILES}"' if yed else ""
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           f'<graphml xmlns="{NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"{yfiles} '
           f'xsi:schemaLocation="{NAMESPACE} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for name, kind in node_kinds.items():
        yield f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{_TYPES[kind]}"/>\n'
    for name, kind in edge_kinds.items():
        yield f'  <key id="{edge_ids[name]}" for="edge" attr.name="{name}" attr.type="{_TYPES[kind]}"/>\n'
    if yed:
        yield f'  <key id="{YED_NODE_KEY}" for="node" yfiles.type="nodegraphics"/>\n'
        yield f'  <key id="{YED_EDGE_KEY}" for="edge" yfiles.type="edgegraphics"/>\n'
    yield f'  <graph id={xml_attr(str(graph.graph.get("name", "reportgraph")))} edgedefault="directed">\n'
    positions = layout(graph) if yed else {}

    def body() -> Iterator[str]:
        for node, row in zip(graph.nodes, _node_rows(graph), strict=True):
            data = "".join(_data(name, value, node_kinds[name]) for name, value in row.items())
            graphics = _yed_node(row, positions[node]) if yed else ""
            yield f"    <node id={xml_attr(node)}>{data}{graphics}</node>\n"
        for source, target, key, row in _edge_rows(graph):
            data = "".join(_data(edge_ids[name], value, edge_kinds[name]) for name, value in row.items())
            graphics = _yed_edge(row) if yed else ""
            yield (f"    <edge id={xml_attr(key)} source={xml_attr(source)} target={xml_attr(target)}>"
                   f"{data}{graphics}</edge>\n")

    yield from chunked(body())
    yield "  </graph>\n</graphml>\n"


def write_graphml(graph: nx.MultiDiGraph, stream: IO[bytes], options: ExportOptions | None = None) -> None:
    """Write `graph` as GraphML (UTF-8) to a binary stream."""
    for chunk in generate_graphml(graph, options):
        stream.write(chunk.encode("utf-8"))


def write_graphml_yed(graph: nx.MultiDiGraph, stream: IO[bytes], options: ExportOptions | None = None) -> None:
    """Write `graph` as GraphML with yFiles graphics for yEd (UTF-8) to a binary stream."""
    for chunk in generate_graphml(graph, options, yed=True):
        stream.write(chunk.encode("utf-8"))
