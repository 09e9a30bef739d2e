"""CSV for Gephi's spreadsheet import and for `neo4j-admin database import`, each as a zip of a node table and
an edge table.

Gephi: `nodes.csv` (Id, Label, …) and `edges.csv` (Source, Target, Type, Id, Label, Weight, …), the column names
its import wizard recognises. Neo4j: `nodes.csv` (`id:ID`, `:LABEL`, typed columns such as `quantity:long`) and
`relationships.csv` (`:START_ID`, `:END_ID`, `:TYPE`, …), for
`neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv`.
`generate_…_tables` are pure (table name -> rows); `write_…` zips them onto a stream.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from queries.exports.common import (
    ExportOptions,
    attribute_kinds,
    degrees,
    edge_colour,
    node_colour,
    node_size,
    text_of,
)

Table = tuple[list[str], Iterator[list[str]]]
_NEO4J_TYPES = {"boolean": "boolean", "long": "long", "double": "double", "string": "string"}


def _cell(value: Any) -> str:
    return "" if value is None else text_of(value)


def generate_gephi_tables(graph: nx.MultiDiGraph) -> dict[str, Table]:
    """Gephi's node and edge tables."""
    node_kinds = attribute_kinds((attrs for _, attrs in graph.nodes(data=True)), skip=("label",))
    edge_kinds = attribute_kinds((attrs for *_, attrs in graph.edges(data=True)), skip=("label", "weight"))
    degree = degrees(graph)

    def node_rows() -> Iterator[list[str]]:
        for node, attrs in graph.nodes(data=True):
            yield [node, _cell(attrs.get("label", node)), node_colour(attrs), _cell(node_size(degree[node])),
                   *(_cell(attrs.get(name)) for name in node_kinds)]

    def edge_rows() -> Iterator[list[str]]:
        for source, target, key, attrs in graph.edges(keys=True, data=True):
            yield [source, target, "Directed", key, _cell(attrs.get("label", "")), _cell(attrs.get("weight", 1.0)),
                   edge_colour(attrs), *(_cell(attrs.get(name)) for name in edge_kinds)]

    return {"nodes.csv": (["Id", "Label", "color", "size", *node_kinds], node_rows()),
            "edges.csv": (["Source", "Target", "Type", "Id", "Label", "Weight", "color", *edge_kinds], edge_rows())}


def neo4j_type(relation: str) -> str:
    """A relationship type in Neo4j's style: "claimed_by" -> "CLAIMED_BY"."""
    return relation.upper().replace("-", "_").replace(" ", "_") or "RELATED"


def generate_neo4j_tables(graph: nx.MultiDiGraph) -> dict[str, Table]:
    """neo4j-admin import's node and relationship files (header rows included)."""
    node_kinds = attribute_kinds((attrs for _, attrs in graph.nodes(data=True)), skip=("category",))
    edge_kinds = attribute_kinds((attrs for *_, attrs in graph.edges(data=True)), skip=("relation",))

    def node_rows() -> Iterator[list[str]]:
        for node, attrs in graph.nodes(data=True):
            yield [node, _cell(attrs.get("category", "Resource")), *(_cell(attrs.get(name)) for name in node_kinds)]

    def edge_rows() -> Iterator[list[str]]:
        for source, target, key, attrs in graph.edges(keys=True, data=True):
            yield [source, target, neo4j_type(str(attrs.get("relation", "related"))), key,
                   *(_cell(attrs.get(name)) for name in edge_kinds)]

    node_header = ["id:ID", ":LABEL", *(f"{name}:{_NEO4J_TYPES[kind]}" for name, kind in node_kinds.items())]
    edge_header = [":START_ID", ":END_ID", ":TYPE", "edge_id:string",
                   *(f"{name}:{_NEO4J_TYPES[kind]}" for name, kind in edge_kinds.items())]
    return {"nodes.csv": (node_header, node_rows()), "relationships.csv": (edge_header, edge_rows())}


def _zip_tables(tables: dict[str, Table], stream: IO[bytes]) -> None:
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, (header, rows) in tables.items():
            with archive.open(name, "w", force_zip64=True) as member:
                text = io.TextIOWrapper(member, encoding="utf-8", newline="")
                writer = csv.writer(text)
                writer.writerow(header)
                writer.writerows(rows)
                text.flush()
                text.detach()


def write_gephi_csv(graph: nx.MultiDiGraph, stream: IO[bytes], options: ExportOptions | None = None) -> None:
    """Write Gephi's nodes.csv and edges.csv, zipped, to a binary stream."""
    _zip_tables(generate_gephi_tables(graph), stream)


def write_neo4j_csv(graph: nx.MultiDiGraph, stream: IO[bytes], options: ExportOptions | None = None) -> None:
    """Write neo4j-admin's nodes.csv and relationships.csv, zipped, to a binary stream."""
    _zip_tables(generate_neo4j_tables(graph), stream)
