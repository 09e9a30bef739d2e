"""Namespace objects for every vocabulary the graph uses; the project vocabulary fails on a misspelt term."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD, ClosedNamespace

#: Event types of the SKOS scheme rg:EventTypeScheme (besides rg:OtherEvent, the gold schema's "Other").
EVENT_TYPE_NAMES = ("Deployment", "PlannedDeployment", "Casualties", "Capture", "Agreement", "Construction", "Parade",
                    "Exhibition", "Statement", "Transfer", "Meeting")

#: The stable namespace of the project ontology (documented in the README).
RG_IRI = "https://w3id.org/reportgraph/ontology#"

RG = ClosedNamespace(
    RG_IRI,
    [
        # classes
        "Figure",
        "Evidence",
        # report properties
        "contentHash",
        "sourceFile",
        # actor properties
        "needsLinking",
        "gazetteerId",
        "metonymFor",
        # figure properties
        "quantity",
        "lowerBound",
        "upperBound",
        "qualifier",
        "measure",
        "population",
        "place",
        "concerns",
        "asOf",
        "asOfPrecision",
        "relayedBy",
        "evidence",
        # event properties
        "datePrecision",
        # evidence properties
        "exact",
        "start",
        "end",
        # concept schemes
        "EventTypeScheme",
        "MeasureScheme",
        "PopulationScheme",
        "QualifierScheme",
        "PrecisionScheme",
        # event types
        *EVENT_TYPE_NAMES,
        "OtherEvent",
        # measures
        "deployed",
        "planned",
        "present",
        "killed",
        "wounded",
        "casualties",
        "captured",
        "otherMeasure",
        # populations
        "soldiers",
        "construction_troops",
        "special_forces",
        "sappers",
        "workers",
        "otherPopulation",
        # qualifiers
        "exact_value",
        "approximately",
        "at_least",
        "at_most",
        "more_than",
        "up_to",
        "vague",
        # precisions
        "year",
        "month",
        "day",
    ],
)

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Prefixes bound on every graph and offered to SPARQL queries.
PREFIXES: dict[str, str] = {
    "rg": RG_IRI,
    "schema": str(SDO),
    "sem": str(SEM),
    "prov": str(PROV),
    "skos": str(SKOS),
    "time": str(TIME),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": str(WD),
    "wdt": str(WDT),
    "void": str(VOID),
}

#: Vocabulary names of the gold schema mapped to concept terms (qualifier "exact" is a Python-safe name).
QUALIFIER_TERMS = {
    "exact": RG.exact_value,
    "approximately": RG.approximately,
    "at_least": RG.at_least,
    "at_most": RG.at_most,
    "more_than": RG.more_than,
    "up_to": RG.up_to,
    "vague": RG.vague,
}
MEASURE_TERMS = {
    "deployed": RG.deployed,
    "planned": RG.planned,
    "present": RG.present,
    "killed": RG.killed,
    "wounded": RG.wounded,
    "casualties": RG.casualties,
    "captured": RG.captured,
    "other": RG.otherMeasure,
}
POPULATION_TERMS = {
    "soldiers": RG.soldiers,
    "construction_troops": RG.construction_troops,
    "special_forces": RG.special_forces,
    "sappers": RG.sappers,
    "workers": RG.workers,
    "other": RG.otherPopulation,
}
EVENT_TYPE_TERMS = {name: RG[name] for name in EVENT_TYPE_NAMES} | {"Other": RG.OtherEvent}
PRECISION_TERMS = {"year": RG.year, "month": RG.month, "day": RG.day}

#: Actor kinds of the gazetteer and the gold schema mapped to schema.org classes.
ACTOR_CLASSES = {
    "Person": SDO.Person,
    "Organization": SDO.Organization,
    "Country": SDO.Country,
    "Place": SDO.Place,
}
