"""DOT for Graphviz: every id, attribute name and value quoted and escaped (an unquoted IRI would become a node
named `https`), labels, fill colours by category, and the projection's attributes kept as extra DOT attributes
(Graphviz passes unknown attributes through without a warning). `generate_dot` is pure; `write_dot` writes a stream.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from queries.exports.common import ExportOptions, chunked, edge_colour, edge_thickness, node_colour, text_of, xml_safe

#: Attributes Graphviz itself interprets; projection attributes of these names are written with a `rg_` prefix.
_GRAPHVIZ_NAMES = frozenset({"label", "color", "fillcolor", "style", "shape", "width", "height", "penwidth",
                             "weight", "URL", "href", "tooltip", "id", "class", "comment", "group", "pos",
                             "fontname", "fontsize", "fontcolor", "layer", "root", "rank", "ordering", "dir"})
_NAME = re.compile(r"[^A-Za-z0-9_]")


def quote(value: Any) -> str:
    """A DOT double-quoted string: backslashes, quotes and line breaks escaped."""
    text = xml_safe(text_of(value)).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def _attribute_list(pairs: dict[str, Any]) -> str:
    return ", ".join(f"{quote(name)}={quote(value)}" for name, value in pairs.items())


def _extra(attrs: dict[str, Any], skip: frozenset[str]) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for name, value in attrs.items():
        if name in skip:
            continue
        safe = _NAME.sub("_", name)
        extra[f"rg_{safe}" if safe in _GRAPHVIZ_NAMES else safe] = value
    return extra


def generate_dot(graph: nx.MultiDiGraph, options: ExportOptions | None = None) -> Iterator[str]:
    """The DOT digraph of `graph`, in chunks of text."""
    yield f"digraph {quote(graph.graph.get('name', 'reportgraph'))} {{\n"
    yield '  graph [overlap="false", splines="true"];\n'
    yield '  node [style="filled", shape="ellipse", fontsize="10"];\n'
    yield '  edge [fontsize="8"];\n'

    def body() -> Iterator[str]:
        for node, attrs in graph.nodes(data=True):
            pairs = {"label": attrs.get("label", node), "fillcolor": node_colour(attrs),
                     "tooltip": attrs.get("iri", node), **_extra(attrs, frozenset({"label"}))}
            yield f"  {quote(node)} [{_attribute_list(pairs)}];\n"
        for source, target, key, attrs in graph.edges(keys=True, data=True):
            pairs = {"id": key, "label": attrs.get("label", ""), "color": edge_colour(attrs),
                     "penwidth": edge_thickness(attrs), **_extra(attrs, frozenset({"label"}))}
            yield f"  {quote(source)} -> {quote(target)} [{_attribute_list(pairs)}];\n"

    yield from chunked(body())
    yield "}\n"


def write_dot(graph: nx.MultiDiGraph, stream: IO[bytes], options: ExportOptions | None = None) -> None:
    """Write `graph` as DOT (UTF-8) to a binary stream."""
    for chunk in generate_dot(graph, options):
        stream.write(chunk.encode("utf-8"))
