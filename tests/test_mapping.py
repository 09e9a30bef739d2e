"""Mapping records to RDF: deterministic IRIs, figures as claims with evidence, and SHACL conformance."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SDO, XSD

from ingest.mapping import report_graph
from ingest.records import Actor, DateValue, Event, Extraction, Figure, Report, Span
from ontology.gazetteer import gazetteer_graph
from ontology.iris import actor_iri, report_iri
from ontology.namespaces import RG, SEM
from ontology.validation import validate_graph

TEXT = "За даними NIS, щонайменше 600 військових КНДР загинули. Депутат Лі Сон Квен розповів про це."
REPORT = Report(text=TEXT, date="2025-11-04", language="uk", title="Тест", source="test")


def _span(fragment: str) -> Span:
    start = TEXT.index(fragment)
    return Span(start, start + len(fragment), fragment)


def _extraction() -> Extraction:
    return Extraction(
        actors=[Actor("nis", "National Intelligence Service (South Korea)", "Organization", [_span("NIS")]),
                Actor("lee_seong_kweon", "Lee Seong-kweon", "Person", [_span("Лі Сон Квен")], known=False,
                      labels={"uk": "Лі Сон Квен", "en": "Lee Seong-kweon"}, role="South Korean lawmaker")],
        figures=[Figure(600, "at_least", "killed", "soldiers", sources=["nis"], as_of=DateValue("2025-11", "month"),
                        place="ukraine", concerns="north_korea",
                        evidence=[_span("щонайменше 600 військових КНДР загинули")])],
        events=[Event("Casualties", "North Korean soldiers killed", _span("600 військових КНДР загинули"),
                      date=DateValue("2025-11-04", "day"), participants=["north_korea"], source="nis")],
    )


def test_report_graph_shape_and_deterministic_iris() -> None:
    graph = report_graph(REPORT, _extraction())
    again = report_graph(REPORT, _extraction())
    assert set(graph) == set(again)
    article = report_iri(REPORT.content_hash)
    assert (article, RDF.type, SDO.NewsArticle) in graph
    assert (article, SDO.datePublished, Literal("2025-11-04", datatype=XSD.date)) in graph
    assert (article, SDO.mentions, actor_iri("nis")) in graph
    [figure] = graph.subjects(RDF.type, RG.Figure)
    assert graph.value(figure, RG.quantity) == Literal(600, datatype=XSD.integer)
    assert graph.value(figure, RG.qualifier) == RG.at_least
    assert graph.value(figure, PROV.wasAttributedTo) == actor_iri("nis")
    assert graph.value(figure, RG.asOf) == Literal("2025-11", datatype=XSD.gYearMonth)
    evidence = graph.value(figure, RG.evidence)
    start, end = int(graph.value(evidence, RG.start)), int(graph.value(evidence, RG.end))  # type: ignore[arg-type]
    assert TEXT[start:end] == str(graph.value(evidence, RG.exact))
    [event] = graph.subjects(RDF.type, SEM.Event)
    assert graph.value(event, SEM.eventType) == RG.Casualties
    new_actor = actor_iri("lee_seong_kweon")
    assert graph.value(new_actor, RG.needsLinking) == Literal(True)


def _with_reference(graph: Graph) -> Graph:
    from ontology.files import vocabulary_graph

    return graph + gazetteer_graph() + vocabulary_graph()


def test_mapped_report_conforms_to_the_shapes() -> None:
    result = validate_graph(_with_reference(report_graph(REPORT, _extraction())))
    assert result.conforms, [str(v) for v in result.violations]


def test_broken_figure_fails_naming_the_shape() -> None:
    graph = report_graph(REPORT, _extraction())
    [figure] = graph.subjects(RDF.type, RG.Figure)
    graph.remove((figure, RG.qualifier, None))
    graph.add((figure, RG.quantity, Literal("many")))
    result = validate_graph(_with_reference(graph))
    assert not result.conforms
    shapes = {v.shape for v in result.violations}
    assert shapes == {"FigureShape"}
    assert any("qualifier" in v.message for v in result.violations)


def test_broken_report_fails_naming_the_shape() -> None:
    graph = report_graph(REPORT, _extraction())
    graph.remove((report_iri(REPORT.content_hash), SDO.datePublished, None))
    result = validate_graph(_with_reference(graph))
    assert {v.shape for v in result.violations} == {"ReportShape"}
    assert URIRef(result.violations[0].focus) == report_iri(REPORT.content_hash)
