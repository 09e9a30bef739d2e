"""GEXF 1.3 for Gephi: valid against the 1.3 RELAX NG grammar, attribute ids equal to their titles, `viz` colours
by category and sizes by degree; in dynamic mode every dated node and edge gets a spell starting at its event or
as-of date (actors at their first dated link), so Gephi's timeline plays the war month by month.

Edges carry a `kind` (the relation, or the measure for figure edges) made unique per (source, target) pair, since
Gephi merges parallel edges of the same kind. `generate_gexf` is pure; `write_gexf` writes a stream.
"""

from __future__ import annotations

from collections import Counter
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
    edge_thickness,
    node_colour,
    node_size,
    rgb,
    text_of,
    timeline,
    xml_attr,
    xml_safe,
)

NAMESPACE = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
_TYPES = {"boolean": "boolean", "long": "long", "double": "double", "string": "string"}
#: Attributes written as GEXF's own fields rather than attvalues.
_NODE_FIELDS = frozenset({"label"})
_EDGE_FIELDS = frozenset({"label", "weight"})


def _token(text: Any) -> str:
    """An xsd:token: no leading, trailing or repeated whitespace."""
    return " ".join(xml_safe(str(text)).split())


def _attributes(kind: str, kinds: dict[str, str], dynamic: bool) -> Iterator[str]:
    mode = ' mode="static"' if dynamic else ""
    yield f'    <attributes class="{kind}"{mode}>\n'
    for name, value_kind in kinds.items():
        yield f'      <attribute id="{name}" title="{name}" type="{_TYPES[value_kind]}"/>\n'
    yield "    </attributes>\n"


def _attvalues(attrs: dict[str, Any], kinds: dict[str, str]) -> str:
    values = "".join(f"<attvalue for=\"{name}\" value={xml_attr(text_of(as_kind(value, kinds[name])))}/>"
                     for name, value in attrs.items() if name in kinds)
    return f"<attvalues>{values}</attvalues>" if values else ""


def _colour(hex_colour: str) -> str:
    red, green, blue = rgb(hex_colour)
    return f'<viz:color r="{red}" g="{green}" b="{blue}"/>'


def _edge_kinds(graph: nx.MultiDiGraph) -> dict[str, str]:
    """A kind per edge: relation (measure for figures), suffixed "#2", "#3" … within one node pair."""
    seen: Counter[tuple[str, str, str]] = Counter()
    kinds: dict[str, str] = {}
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        base = str(attrs.get("measure") if attrs.get("relation") == "figure" else attrs.get("relation", "related"))
        seen[(source, target, base)] += 1
        count = seen[(source, target, base)]
        kinds[key] = _token(base if count == 1 else f"{base} #{count}")
    return kinds


def generate_gexf(graph: nx.MultiDiGraph, options: ExportOptions | None = None) -> Iterator[str]:
    """The GEXF 1.3 document of `graph`, in chunks of text."""
    dynamic = bool(options and options.dynamic)
    node_kinds = attribute_kinds((attrs for _, attrs in graph.nodes(data=True)), skip=_NODE_FIELDS)
    edge_kinds = attribute_kinds((attrs for *_, attrs in graph.edges(data=True)), skip=_EDGE_FIELDS)
    times = timeline(graph) if dynamic else None
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           f'<gexf xmlns="{NAMESPACE}" xmlns:viz="{VIZ}" version="1.3">\n'
           "  <meta>\n    <creator>reportgraph</creator>\n"
           f"    <description>{_description(graph, dynamic)}</description>\n  </meta>\n")
    if dynamic:
        yield '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">\n'
    else:
        yield '  <graph defaultedgetype="directed" mode="static">\n'
    yield from _attributes("node", node_kinds, dynamic)
    yield from _attributes("edge", edge_kinds, dynamic)
    degree = degrees(graph)
    kinds = _edge_kinds(graph)

    def body() -> Iterator[str]:
        yield f'    <nodes count="{graph.number_of_nodes()}">\n'
        for node, attrs in graph.nodes(data=True):
            start = f' start="{times.nodes[node]}"' if times and node in times.nodes else ""
            yield (f"      <node id={xml_attr(node)} label={xml_attr(_token(attrs.get('label', node)))}{start}>"
                   f"{_attvalues(attrs, node_kinds)}{_colour(node_colour(attrs))}"
                   f'<viz:size value="{node_size(degree[node])}"/></node>\n')
        yield "    </nodes>\n"
        yield f'    <edges count="{graph.number_of_edges()}">\n'
        for source, target, key, attrs in graph.edges(keys=True, data=True):
            start = f' start="{times.edges[key]}"' if times and key in times.edges else ""
            weight = f' weight="{float(attrs["weight"])}"' if isinstance(attrs.get("weight"), int | float) else ""
            yield (f"      <edge id={xml_attr(key)} source={xml_attr(source)} target={xml_attr(target)} "
                   f"kind={xml_attr(kinds[key])} label={xml_attr(_token(attrs.get('label', '')))}{weight}{start}>"
                   f"{_attvalues(attrs, edge_kinds)}{_colour(edge_colour(attrs))}"
                   f'<viz:thickness value="{edge_thickness(attrs)}"/></edge>\n')
        yield "    </edges>\n"

    yield from chunked(body())
    yield "  </graph>\n</gexf>\n"


def _description(graph: nx.MultiDiGraph, dynamic: bool) -> str:
    parts = ["reportgraph export", f"labels: {graph.graph.get('language', 'en')}"]
    if graph.graph.get("collapse"):
        parts.append("figures collapsed into claimant-to-subject edges")
    if dynamic:
        parts.append("dynamic: spells from event and as-of dates")
    return "; ".join(parts)


def write_gexf(graph: nx.MultiDiGraph, stream: IO[bytes], options: ExportOptions | None = None) -> None:
    """Write `graph` as GEXF 1.3 (UTF-8) to a binary stream."""
    for chunk in generate_gexf(graph, options):
        stream.write(chunk.encode("utf-8"))
