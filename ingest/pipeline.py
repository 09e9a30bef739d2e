"""The ingest pipeline: reports are extracted, mapped to RDF and written, each into its own named graph."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph

from ingest.mapping import report_graph
from ingest.records import Extraction, Report
from ontology.files import vocabulary_text
from ontology.gazetteer import gazetteer_graph
from ontology.iris import report_graph_iri, report_iri, system_graph_iri
from store.base import GraphStore

Extractor = Callable[[Report], Extraction]
Progress = Callable[[str], None]


def default_extractor() -> Extractor:
    """The registered extractors of `ingest.extraction`, run in order."""
    from ingest.extraction import extract

    return extract


@dataclass
class IngestSummary:
    """What one ingest run wrote."""

    reports: list[str] = field(default_factory=list)  # report IRIs, in input order
    triples: int = 0
    figures: int = 0
    events: int = 0
    actors: int = 0


@lru_cache(maxsize=1)
def system_graphs() -> tuple[tuple[str, str, int], ...]:
    """(graph IRI, N-Triples, triple count) of the ontology and the gazetteer, built once per process."""
    graphs = (("ontology", Graph().parse(data=vocabulary_text(), format="turtle")), ("gazetteer", gazetteer_graph()))
    return tuple((str(system_graph_iri(name)), graph.serialize(format="nt"), len(graph)) for name, graph in graphs)


def _triples_in(store: GraphStore, graph: str) -> int:
    [row] = list(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))
    return int(row["n"].value)


def ensure_system_graphs(store: GraphStore) -> None:
    """Load the ontology and the gazetteer into their own named graphs, unless the store already holds them
    whole (a graph with another triple count, or none, is replaced)."""
    for graph, ntriples, count in system_graphs():
        if _triples_in(store, graph) != count:
            store.replace_graph(graph, ntriples, fmt="nt")


def ingest_reports(reports: Iterable[Report], store: GraphStore, *, extractor: Extractor | None = None,
                   progress: Progress | None = None) -> IngestSummary:
    """Extract and write every report. Extraction of all reports happens before the first write, so a failure
    stores nothing; each report's graph is then replaced atomically (re-ingesting changes nothing)."""
    extract = extractor or default_extractor()
    batch = list(reports)
    mapped = []
    for report in batch:
        extraction = extract(report)
        mapped.append((report, extraction, report_graph(report, extraction)))
    ensure_system_graphs(store)
    summary = IngestSummary()
    for report, extraction, graph in mapped:
        summary.triples += store.replace_graph(str(report_graph_iri(report.content_hash)),
                                               graph.serialize(format="nt"), fmt="nt")
        summary.reports.append(str(report_iri(report.content_hash)))
        summary.figures += len(extraction.figures)
        summary.events += len(extraction.events)
        summary.actors += len(extraction.actors)
        if progress:
            progress(f"ingested {report.source or 'report'} -> {report_iri(report.content_hash)} "
                     f"({len(extraction.figures)} figures, {len(extraction.events)} events)")
    return summary


def stderr_progress(message: str) -> None:
    """Progress to stderr, results stay on stdout."""
    print(message, file=sys.stderr)
