"""The linking service's graphs as RDF (pure): links with provenance, candidates for review, human decisions.

- `<base>graph/links`: the asserted links (`actor skos:closeMatch|skos:exactMatch wd:Q…`), one SSSOM mapping
  per link (an `owl:Axiom` naming source, property and target, with `sssom:confidence` = the score and
  `sssom:mapping_justification`), its PROV provenance (`prov:wasGeneratedBy` the lookup, which `prov:used` the
  endpoint and ended at the query time; `prov:generatedAtTime` the same time), and what users want beside the
  link in Wikidata's own shape: `rdfs:label`@en, `<http://schema.org/description>`@en, `wdt:P625` coordinates.
- `<base>graph/link-review`: the same mappings for candidates waiting for a decision; nothing asserted.
- `<base>graph/link-decisions`: what a person accepted or rejected (`sssom:predicate_modifier "Not"`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from ingest.linking.lookup import WIKIDATA_COORDINATES, WIKIDATA_DESCRIPTION, ItemDetails
from ingest.linking.scoring import ACCEPTED, EXACT, Candidate, Decision, Outcome
from ontology.iris import base_iri, iri
from ontology.namespaces import PREFIXES

SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
GEO_WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")
TOOL = "reportgraph link"

JUSTIFICATIONS = {EXACT: SEMAPV.CompositeMatching, ACCEPTED: SEMAPV.ManualMappingCuration}


def _bind(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("sssom", SSSOM)
    graph.bind("semapv", SEMAPV)
    return graph


def _key(actor: str, base: str) -> str:
    prefix = f"{base}actor/"
    if actor.startswith(prefix) and "/" not in actor[len(prefix):]:
        return actor[len(prefix):]
    return hashlib.sha256(actor.encode()).hexdigest()[:16]


def _local(item: str) -> str:
    tail = item.rstrip("/").rsplit("/", 1)[-1]
    return tail if tail.isalnum() else hashlib.sha256(item.encode()).hexdigest()[:16]


def mapping_iri(actor: str, item: str, kind: str = "", base: str | None = None) -> URIRef:
    """A mapping's IRI: `<base>link/<actor key>--<Q…>` (decisions under `link/decision/`)."""
    root = base or base_iri()
    return iri("link", f"{kind + '/' if kind else ''}{_key(actor, root)}--{_local(item)}", root)


def lookup_activity(endpoint: str, time: str, base: str | None = None) -> URIRef:
    """The PROV activity of the lookup that an endpoint answered at `time`."""
    return iri("link", "query/" + hashlib.sha256(f"{endpoint} {time}".encode()).hexdigest()[:16], base)


def add_details(graph: Graph, details: ItemDetails | None) -> None:
    """An item's English label, description and coordinates, as Wikidata writes them."""
    if details is None:
        return
    item = URIRef(details.item)
    if details.label:
        graph.add((item, RDFS.label, Literal(details.label, lang="en")))
    if details.description:
        graph.add((item, URIRef(WIKIDATA_DESCRIPTION), Literal(details.description, lang="en")))
    for value, datatype in details.coordinates:
        graph.add((item, URIRef(WIKIDATA_COORDINATES), Literal(value, datatype=URIRef(datatype or GEO_WKT))))


def add_mapping(graph: Graph, outcome: Outcome, candidate: Candidate, prop: URIRef, endpoint: str,
                base: str | None = None) -> URIRef:
    """One SSSOM mapping with its provenance and the candidate's details."""
    actor = outcome.target.iri
    node = mapping_iri(actor, candidate.item, base=base)
    graph.add((node, RDF.type, OWL.Axiom))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, OWL.annotatedSource, URIRef(actor)))
    graph.add((node, OWL.annotatedProperty, prop))
    graph.add((node, OWL.annotatedTarget, URIRef(candidate.item)))
    graph.add((node, SSSOM.confidence, Literal(candidate.score, datatype=XSD.double)))
    graph.add((node, SSSOM.mapping_justification, JUSTIFICATIONS.get(outcome.status, SEMAPV.LexicalMatching)))
    graph.add((node, SSSOM.mapping_tool, Literal(TOOL)))
    graph.add((node, SSSOM.subject_label, Literal(outcome.target.name)))
    if candidate.details and candidate.details.label:
        graph.add((node, SSSOM.object_label, Literal(candidate.details.label)))
    notes = [outcome.reason, "names matched (ours=theirs): " + (", ".join(candidate.matched) or "none")]
    if candidate.strong:
        notes.append("shared strong keys: " + ", ".join(candidate.strong))
    graph.add((node, RDFS.comment, Literal("; ".join(notes))))
    if candidate.query_time:
        activity = lookup_activity(endpoint, candidate.query_time, base)
        graph.add((node, PROV.wasGeneratedBy, activity))
        graph.add((node, PROV.generatedAtTime, Literal(candidate.query_time, datatype=XSD.dateTime)))
        graph.add((activity, RDF.type, PROV.Activity))
        graph.add((activity, PROV.used, URIRef(endpoint)))
        graph.add((activity, PROV.endedAtTime, Literal(candidate.query_time, datatype=XSD.dateTime)))
    if outcome.status == ACCEPTED:
        if outcome.decided_by:
            graph.add((node, SSSOM.author_label, Literal(outcome.decided_by)))
        if outcome.decided_at:
            graph.add((node, SSSOM.mapping_date, Literal(outcome.decided_at, datatype=XSD.dateTime)))
    add_details(graph, candidate.details)
    return node


def links_graph(outcomes: Iterable[Outcome], endpoint: str, base: str | None = None) -> Graph:
    """The links graph: asserted links, their mappings and provenance, and the linked items' details."""
    graph = _bind(Graph())
    for outcome in outcomes:
        link = outcome.link
        if link is None:
            continue
        prop = SKOS.exactMatch if outcome.status in (EXACT, ACCEPTED) else SKOS.closeMatch
        graph.add((URIRef(outcome.target.iri), prop, URIRef(link.item)))
        add_mapping(graph, outcome, link, prop, endpoint, base)
    return graph


def review_graph(outcomes: Iterable[Outcome], endpoint: str, base: str | None = None) -> Graph:
    """Candidates waiting for review: one mapping per candidate, nothing asserted."""
    graph = _bind(Graph())
    for outcome in outcomes:
        if outcome.status != "review":
            continue
        for candidate in outcome.candidates:
            add_mapping(graph, outcome, candidate, SKOS.closeMatch, endpoint, base)
    return graph


def add_decision(graph: Graph, decision: Decision, base: str | None = None) -> URIRef:
    """Record a decision, replacing an earlier one on the same pair."""
    node = mapping_iri(decision.actor, decision.item, "decision", base)
    graph.remove((node, None, None))
    graph.add((node, RDF.type, OWL.Axiom))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, OWL.annotatedSource, URIRef(decision.actor)))
    graph.add((node, OWL.annotatedProperty, SKOS.exactMatch))
    graph.add((node, OWL.annotatedTarget, URIRef(decision.item)))
    graph.add((node, SSSOM.mapping_justification, SEMAPV.ManualMappingCuration))
    if not decision.accept:
        graph.add((node, SSSOM.predicate_modifier, Literal("Not")))
    if decision.by:
        graph.add((node, SSSOM.author_label, Literal(decision.by)))
    if decision.at:
        graph.add((node, PROV.generatedAtTime, Literal(decision.at, datatype=XSD.dateTime)))
    if decision.note:
        graph.add((node, RDFS.comment, Literal(decision.note)))
    return node


def parse_decisions(graph: Graph) -> dict[str, list[Decision]]:
    """actor IRI -> its decisions, oldest first."""
    found: dict[str, list[Decision]] = {}
    for node in graph.subjects(SSSOM.mapping_justification, SEMAPV.ManualMappingCuration):
        actor, item = graph.value(node, OWL.annotatedSource), graph.value(node, OWL.annotatedTarget)
        if actor is None or item is None or isinstance(actor, BNode):
            continue
        found.setdefault(str(actor), []).append(Decision(
            actor=str(actor), item=str(item),
            accept=(node, SSSOM.predicate_modifier, Literal("Not")) not in graph,
            by=str(graph.value(node, SSSOM.author_label) or ""),
            at=str(graph.value(node, PROV.generatedAtTime) or ""),
            note=str(graph.value(node, RDFS.comment) or "")))
    for decisions in found.values():
        decisions.sort(key=lambda d: (d.at, d.item))
    return found
