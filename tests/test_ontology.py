"""The vocabulary, its namespace object and the SHACL shapes agree with each other."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, SKOS

from ingest.records import EVENT_TYPES, MEASURES, POPULATIONS, QUALIFIERS
from ontology.files import shapes_graph, vocabulary_graph
from ontology.namespaces import (
    EVENT_TYPE_TERMS,
    MEASURE_TERMS,
    POPULATION_TERMS,
    QUALIFIER_TERMS,
    RG,
    RG_IRI,
)


def test_misspelt_term_fails() -> None:
    with pytest.raises(AttributeError):
        _ = RG.quantiy  # noqa: B018


def test_every_namespace_term_is_declared_in_the_vocabulary() -> None:
    graph = vocabulary_graph()
    declared = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(RG_IRI)}
    terms = {URIRef(RG_IRI + name) for name in RG._ClosedNamespace__uris}  # type: ignore[attr-defined]
    assert terms, "the closed namespace lists no terms"
    assert terms - declared == set(), "terms used in code but not declared in reportgraph.ttl"
    assert declared - terms == set(), "terms declared in reportgraph.ttl but missing from the namespace"


def test_concept_schemes_cover_the_record_vocabularies() -> None:
    graph = vocabulary_graph()
    for names, terms, scheme in ((QUALIFIERS, QUALIFIER_TERMS, RG.QualifierScheme),
                                 (MEASURES, MEASURE_TERMS, RG.MeasureScheme),
                                 (POPULATIONS, POPULATION_TERMS, RG.PopulationScheme),
                                 (EVENT_TYPES, EVENT_TYPE_TERMS, RG.EventTypeScheme)):
        assert set(names) == set(terms)
        for term in terms.values():
            assert (term, RDF.type, SKOS.Concept) in graph
            assert (term, SKOS.inScheme, scheme) in graph


def test_ontology_header_and_shapes_parse() -> None:
    assert (URIRef("https://w3id.org/reportgraph/ontology"), RDF.type, OWL.Ontology) in vocabulary_graph()
    shapes = shapes_graph()
    names = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape"))}
    assert {"ReportShape", "ActorShape", "EventShape", "FigureShape", "EvidenceShape"} <= names
