"""The JSON formats of the web tools: Cytoscape.js (`elements`), D3 node-link (`nodes`/`links`) and graphology
(`nodes`/`edges` with `key` and `attributes`, as `Graph.import` reads it).

All three are written element by element (no whole document in memory). Colours by category and sizes by degree
are included as `color` and `size`; graphology nodes also get `x`/`y` starting positions (sigma.js needs them) and
never an attribute named `type` (sigma.js reads it as the renderer). Cytoscape.js edges carry explicit ids,
unique across nodes and edges. `generate_…` is pure; `write_…` writes a stream.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from queries.exports.common import (
    ExportOptions,
    chunked,
    degrees,
    edge_colour,
    edge_thickness,
    layout,
    node_colour,
    node_size,
)

#: A Cytoscape.js stylesheet that shows labels and the exported colours and sizes.
CYTOSCAPE_STYLE: list[dict[str, Any]] = [
    {"selector": "node", "style": {"label": "data(label)", "background-color": "data(color)",
                                   "width": "data(size)", "height": "data(size)", "font-size": 8}},
    {"selector": "edge", "style": {"label": "data(label)", "line-color": "data(color)",
                                   "target-arrow-color": "data(color)", "target-arrow-shape": "triangle",
                                   "curve-style": "bezier", "width": "data(width)", "font-size": 6}},
]


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _sequence(items: Iterator[str]) -> Iterator[str]:
    first = True
    for item in items:
        yield item if first else "," + item
        first = False


def _graph_info(graph: nx.MultiDiGraph) -> dict[str, Any]:
    return {key: value for key, value in graph.graph.items() if isinstance(value, str | int | float | bool)}


def generate_cytoscape(graph: nx.MultiDiGraph, options: ExportOptions | None = None) -> Iterator[str]:
    """Cytoscape.js JSON (also read by Cytoscape desktop): `{"data", "elements": {"nodes", "edges"}, "style"}`."""
    degree = degrees(graph)
    nodes = (_dump({"data": {"id": node, "name": attrs.get("label", node), **attrs, "color": node_colour(attrs),
                             "size": node_size(degree[node])}, "group": "nodes"})
             for node, attrs in graph.nodes(data=True))
    edges = (_dump({"data": {**attrs, "id": key, "source": source, "target": target,
                             "interaction": attrs.get("relation", "related"), "color": edge_colour(attrs),
                             "width": edge_thickness(attrs)}, "group": "edges"})
             for source, target, key, attrs in graph.edges(keys=True, data=True))
    yield ('{"format_version":"1.0","generated_by":"reportgraph","target_cytoscapejs_version":"~3",'
           f'"data":{_dump(_graph_info(graph))},"elements":{{"nodes":[')
    yield from chunked(_sequence(nodes))
    yield '],"edges":['
    yield from chunked(_sequence(edges))
    yield f']}},"style":{_dump(CYTOSCAPE_STYLE)}}}\n'


def generate_d3(graph: nx.MultiDiGraph, options: ExportOptions | None = None) -> Iterator[str]:
    """D3 node-link JSON: `{"directed", "multigraph", "graph", "nodes": [{"id", …}], "links": [{"source",
    "target", "key", …}]}`."""
    degree = degrees(graph)
    nodes = (_dump({**attrs, "id": node, "color": node_colour(attrs), "size": node_size(degree[node])})
             for node, attrs in graph.nodes(data=True))
    links = (_dump({**attrs, "source": source, "target": target, "key": key, "color": edge_colour(attrs)})
             for source, target, key, attrs in graph.edges(keys=True, data=True))
    yield f'{{"directed":true,"multigraph":true,"graph":{_dump(_graph_info(graph))},"nodes":['
    yield from chunked(_sequence(nodes))
    yield '],"links":['
    yield from chunked(_sequence(links))
    yield "]}\n"


def _no_type(attrs: dict[str, Any]) -> dict[str, Any]:
    return {("kind" if name == "type" else name): value for name, value in attrs.items()}


def generate_graphology(graph: nx.MultiDiGraph, options: ExportOptions | None = None) -> Iterator[str]:
    """graphology's serialisation: `{"attributes", "options": {"type", "multi", "allowSelfLoops"}, "nodes":
    [{"key", "attributes"}], "edges": [{"key", "source", "target", "attributes"}]}`, ready for sigma.js."""
    degree = degrees(graph)
    positions = layout(graph)
    nodes = (_dump({"key": node, "attributes": {**_no_type(attrs), "x": positions[node][0],
                                                "y": positions[node][1], "size": node_size(degree[node]),
                                                "color": node_colour(attrs)}})
             for node, attrs in graph.nodes(data=True))
    edges = (_dump({"key": key, "source": source, "target": target,
                    "attributes": {**_no_type(attrs), "color": edge_colour(attrs), "size": edge_thickness(attrs)}})
             for source, target, key, attrs in graph.edges(keys=True, data=True))
    yield (f'{{"attributes":{_dump(_graph_info(graph))},'
           '"options":{"type":"directed","multi":true,"allowSelfLoops":true},"nodes":[')
    yield from chunked(_sequence(nodes))
    yield '],"edges":['
    yield from chunked(_sequence(edges))
    yield "]}\n"


def _writer(generate: Any) -> Any:
    def write(graph: nx.MultiDiGraph, stream: IO[bytes], options: ExportOptions | None = None) -> None:
        for chunk in generate(graph, options):
            stream.write(chunk.encode("utf-8"))

    write.__doc__ = f"Write the output of {generate.__name__} (UTF-8) to a binary stream."
    return write


write_cytoscape = _writer(generate_cytoscape)
write_d3 = _writer(generate_d3)
write_graphology = _writer(generate_graphology)
