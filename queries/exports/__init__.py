"""The export formats, registered in one place: name, media type, file extension, writer.

The CLI choices, the HTTP routes (`/export/<name>`), the docs table and the parametrised tests all derive from
`EXPORT_FORMATS`. A writer takes the property graph (`source="graph"`, from `queries.projection.project`) or the
selected triples (`source="rdf"`) and writes bytes to a stream; `export` runs one format over selected triples and
`export_file` writes a file atomically (a temporary file renamed into place, so a failed export leaves nothing).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from queries.exports.common import ExportOptions
from queries.exports.csvformats import write_gephi_csv, write_neo4j_csv
from queries.exports.dot import write_dot
from queries.exports.gexf import write_gexf
from queries.exports.graphml import write_graphml, write_graphml_yed
from queries.exports.jsonformats import write_cytoscape, write_d3, write_graphology
from queries.exports.rdf import oxigraph_writer, rdf_writer
from queries.projection import ProjectionOptions, project

Writer = Callable[[Any, IO[bytes], ExportOptions], None]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: how it is named, served, saved and written."""

    name: str
    media_type: str
    extension: str  # file suffix without the leading dot
    writer: Writer
    source: str  # "graph": the property-graph projection; "rdf": the selected triples
    tools: str  # who opens it
    dynamic: bool = False  # honours ExportOptions.dynamic (time spells)


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("graphml", "application/graphml+xml", "graphml", write_graphml, "graph",
                 "Gephi, Cytoscape desktop, yEd, networkx, igraph"),
    ExportFormat("graphml-yed", "application/graphml+xml", "yed.graphml", write_graphml_yed, "graph",
                 "yEd (labels, colours, sizes and positions drawn at once)"),
    ExportFormat("gexf", "application/gexf+xml", "gexf", write_gexf, "graph",
                 "Gephi (timeline with --dynamic), graphology-gexf", dynamic=True),
    ExportFormat("cytoscape", "application/json", "cyjs", write_cytoscape, "graph",
                 "Cytoscape.js, Cytoscape desktop (File > Import > Network)"),
    ExportFormat("d3", "application/json", "d3.json", write_d3, "graph", "D3 force layouts (nodes/links)"),
    ExportFormat("graphology", "application/json", "graphology.json", write_graphology, "graph",
                 "graphology Graph.import, sigma.js"),
    ExportFormat("dot", "text/vnd.graphviz", "dot", write_dot, "graph", "Graphviz (dot, neato, sfdp)"),
    ExportFormat("gephi-csv", "application/zip", "gephi.zip", write_gephi_csv, "graph",
                 "Gephi spreadsheet import, Kumu, spreadsheets"),
    ExportFormat("neo4j-csv", "application/zip", "neo4j.zip", write_neo4j_csv, "graph",
                 "neo4j-admin database import"),
    ExportFormat("turtle", "text/turtle", "ttl", oxigraph_writer(ox.RdfFormat.TURTLE), "rdf", "any RDF tool"),
    ExportFormat("ntriples", "application/n-triples", "nt", oxigraph_writer(ox.RdfFormat.N_TRIPLES), "rdf",
                 "any RDF tool"),
    ExportFormat("nquads", "application/n-quads", "nq", oxigraph_writer(ox.RdfFormat.N_QUADS), "rdf",
                 "any RDF tool"),
    ExportFormat("trig", "application/trig", "trig", oxigraph_writer(ox.RdfFormat.TRIG), "rdf",
                 "any RDF tool"),
    ExportFormat("jsonld", "application/ld+json", "jsonld", oxigraph_writer(ox.RdfFormat.JSON_LD), "rdf",
                 "JSON-LD processors"),
    ExportFormat("rdfxml", "application/rdf+xml", "rdf", oxigraph_writer(ox.RdfFormat.RDF_XML), "rdf",
                 "Protégé, older RDF tools"),
    ExportFormat("n3", "text/n3", "n3", rdf_writer("n3", batched=True), "rdf", "N3 tools"),
)


class UnknownExportFormat(ValueError):
    """An export format name that is not registered; the message lists the accepted names."""


def format_names() -> list[str]:
    """Every registered format name, in registry order."""
    return [fmt.name for fmt in EXPORT_FORMATS]


def export_format(name: str) -> ExportFormat:
    """The registered format called `name` (case-insensitive)."""
    key = name.strip().lower()
    for fmt in EXPORT_FORMATS:
        if fmt.name == key:
            return fmt
    raise UnknownExportFormat(f"unknown export format {name!r}; accepted: {', '.join(format_names())}")


def check_options(fmt: ExportFormat, options: ExportOptions) -> None:
    """Refuse options a format cannot honour, naming the formats that can."""
    if options.dynamic and not fmt.dynamic:
        able = ", ".join(f.name for f in EXPORT_FORMATS if f.dynamic)
        raise ValueError(f"dynamic (time spells) applies to: {able}; not to {fmt.name}")


def export(triples: Iterable[Any], fmt: ExportFormat, stream: IO[bytes],
           projection: ProjectionOptions | None = None, options: ExportOptions | None = None) -> None:
    """Write the selected `triples` to `stream` in `fmt` (projecting them first for property-graph formats)."""
    options = options or ExportOptions()
    check_options(fmt, options)
    data = triples if fmt.source == "rdf" else project(triples, projection)
    fmt.writer(data, stream, options)


def export_file(triples: Iterable[Any], fmt: ExportFormat, path: str | Path,
                projection: ProjectionOptions | None = None, options: ExportOptions | None = None) -> Path:
    """Write an export to `path` atomically: a temporary file beside it is renamed into place only when the
    whole export succeeded; on failure it is removed and an existing file at `path` is left untouched."""
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            export(triples, fmt, handle, projection, options)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


__all__ = ["EXPORT_FORMATS", "ExportFormat", "ExportOptions", "UnknownExportFormat", "check_options", "export",
           "export_file", "export_format", "format_names"]
