"""Mapping: a report and its extraction become the RDF statements of the report's named graph (pure)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO, SKOS, XSD

from ingest.records import DateValue, Event, Extraction, Figure, Report, Span
from ontology.gazetteer import load_gazetteer
from ontology.iris import actor_iri, iri, report_iri, slugify
from ontology.namespaces import (
    ACTOR_CLASSES,
    EVENT_TYPE_TERMS,
    MEASURE_TERMS,
    POPULATION_TERMS,
    PRECISION_TERMS,
    QUALIFIER_TERMS,
    RG,
    SEM,
)

_DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def date_literal(value: DateValue) -> Literal:
    """A date as xsd:date, xsd:gYearMonth or xsd:gYear by its precision."""
    return Literal(value.value, datatype=_DATE_TYPES[value.precision])


def _add_evidence(graph: Graph, owner: URIRef, spans: list[Span], report: URIRef) -> None:
    # Offsets are xsd:integer: Oxigraph stores derived integer types (xsd:nonNegativeInteger) as xsd:integer.
    for index, span in enumerate(spans, start=1):
        node = URIRef(f"{owner}/evidence-{index}")
        graph.add((owner, RG.evidence, node))
        graph.add((node, RDF.type, RG.Evidence))
        graph.add((node, RG.exact, Literal(span.text)))
        graph.add((node, RG.start, Literal(span.start, datatype=XSD.integer)))
        graph.add((node, RG.end, Literal(span.end, datatype=XSD.integer)))
        graph.add((node, PROV.wasDerivedFrom, report))


def report_graph(report: Report, extraction: Extraction | None = None, base: str | None = None) -> Graph:
    """All statements of one report: the article, the actors it mentions, its figures and events."""
    graph = Graph()
    key = report.content_hash
    article = report_iri(key, base)
    graph.add((article, RDF.type, SDO.NewsArticle))
    graph.add((article, SDO.datePublished, Literal(report.date, datatype=XSD.date)))
    graph.add((article, SDO.inLanguage, Literal(report.language)))
    graph.add((article, SDO.articleBody, Literal(report.text)))
    graph.add((article, RG.contentHash, Literal(key)))
    if report.title:
        graph.add((article, SDO.headline, Literal(report.title, lang=report.language)))
    if report.url:
        graph.add((article, SDO.url, URIRef(report.url)))
    if report.source:
        graph.add((article, RG.sourceFile, Literal(report.source)))
    if report.outlet:
        _add_publisher(graph, article, report.outlet, base)
    if extraction is None:
        return graph
    _add_actors(graph, article, extraction, base)
    for number, figure in enumerate(extraction.figures, start=1):
        _add_figure(graph, iri("figure", f"{key}-{number}", base), figure, article, base)
    for number, event in enumerate(extraction.events, start=1):
        _add_event(graph, iri("event", f"{key}-{number}", base), event, article, base)
    return graph


def _add_publisher(graph: Graph, article: URIRef, outlet: str, base: str | None) -> None:
    """The report's outlet: a gazetteer id is that actor; any other name a new organisation to link later."""
    known = outlet in load_gazetteer()
    node = actor_iri(outlet if known else slugify(outlet) or "unnamed-outlet", base)
    graph.add((article, SDO.publisher, node))
    if not known:
        graph.add((node, RDF.type, SDO.Organization))
        graph.add((node, RDF.type, SEM.Actor))
        graph.add((node, RDFS.label, Literal(outlet)))
        graph.add((node, RG.needsLinking, Literal(True)))


def _add_actors(graph: Graph, article: URIRef, extraction: Extraction, base: str | None) -> None:
    for actor in extraction.actors:
        node = actor_iri(actor.id, base)
        graph.add((article, SDO.mentions, node))
        if actor.known:
            continue  # described once, in the gazetteer graph
        graph.add((node, RDF.type, ACTOR_CLASSES[actor.kind]))
        graph.add((node, RDF.type, SEM.Place if actor.kind in ("Place", "Country") else SEM.Actor))
        graph.add((node, RDFS.label, Literal(actor.name, lang="en")))
        graph.add((node, RG.needsLinking, Literal(True)))
        for lang, label in actor.labels.items():
            graph.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
        if actor.wikidata:
            graph.add((node, SKOS.closeMatch, URIRef(f"http://www.wikidata.org/entity/{actor.wikidata}")))
        if actor.role:
            graph.add((node, SDO.description, Literal(actor.role, lang="en")))


def _add_figure(graph: Graph, node: URIRef, figure: Figure, article: URIRef, base: str | None) -> None:
    graph.add((node, RDF.type, RG.Figure))
    if figure.quantity is not None:
        graph.add((node, RG.quantity, Literal(figure.quantity, datatype=XSD.integer)))
    if figure.lower is not None:
        graph.add((node, RG.lowerBound, Literal(figure.lower, datatype=XSD.integer)))
    if figure.upper is not None:
        graph.add((node, RG.upperBound, Literal(figure.upper, datatype=XSD.integer)))
    graph.add((node, RG.qualifier, QUALIFIER_TERMS[figure.qualifier]))
    graph.add((node, RG.measure, MEASURE_TERMS[figure.measure]))
    graph.add((node, RG.population, POPULATION_TERMS[figure.population]))
    for source in figure.sources:
        graph.add((node, PROV.wasAttributedTo, actor_iri(source, base)))
    if figure.outlet:
        graph.add((node, RG.relayedBy, actor_iri(figure.outlet, base)))
    if figure.as_of:
        graph.add((node, RG.asOf, date_literal(figure.as_of)))
        graph.add((node, RG.asOfPrecision, PRECISION_TERMS[figure.as_of.precision]))
    if figure.place:
        graph.add((node, RG.place, actor_iri(figure.place, base)))
    if figure.concerns:
        graph.add((node, RG.concerns, actor_iri(figure.concerns, base)))
    graph.add((node, PROV.wasDerivedFrom, article))
    graph.add((node, RDFS.label, Literal(figure_label(figure), lang="en")))
    _add_evidence(graph, node, figure.evidence, article)


def figure_label(figure: Figure) -> str:
    """A short English label: "at least 600 soldiers killed"."""
    qualifier = "" if figure.qualifier in ("exact", "vague") else figure.qualifier.replace("_", " ") + " "
    amount = "an unspecified number of" if figure.quantity is None else f"{qualifier}{figure.quantity:,}"
    return f"{amount} {figure.population.replace('_', ' ')} {figure.measure}"


def _add_event(graph: Graph, node: URIRef, event: Event, article: URIRef, base: str | None) -> None:
    graph.add((node, RDF.type, SEM.Event))
    graph.add((node, SEM.eventType, EVENT_TYPE_TERMS[event.type]))
    graph.add((node, RDFS.label, Literal(event.summary)))
    for participant in event.participants:
        graph.add((node, SEM.hasActor, actor_iri(participant, base)))
    if event.place:
        graph.add((node, SEM.hasPlace, actor_iri(event.place, base)))
    if event.date:
        graph.add((node, SEM.hasTimeStamp, date_literal(event.date)))
        graph.add((node, RG.datePrecision, PRECISION_TERMS[event.date.precision]))
    if event.source:
        graph.add((node, PROV.wasAttributedTo, actor_iri(event.source, base)))
    graph.add((node, PROV.wasDerivedFrom, article))
    _add_evidence(graph, node, [event.evidence], article)
