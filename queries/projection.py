"""Projection: RDF triples become a property graph (a networkx MultiDiGraph) that visualisation tools can open.

Pure: triples in (rdflib or pyoxigraph terms), a graph out. Reports, actors, places, events and figures become
nodes; literals become attributes; `rdf:type` becomes a `category`; Wikidata ids, concept terms (qualifier,
measure, event type, …) and dates become plain strings; evidence nodes fold into the figure or event they back.
Every value is converted here, once, to str, int, float or bool: the writers never see an RDF term, None, a list
or a date. With `collapse=True` each figure becomes weighted edges claimant -> subject (`rg:concerns`) carrying
quantity, qualifier, measure, as-of date, place, report and evidence.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import networkx as nx
from rdflib.namespace import PROV, RDF, RDFS, SDO, SKOS

from ontology.iris import base_iri, slugify
from ontology.namespaces import RG, SEM
from queries.terms import IRI, Value, concept_name, curie, plain_triples

LANGUAGES = ("uk", "en", "ru")

#: Node classes in order of precedence: the first a node has becomes its `category`.
NODE_CLASSES: tuple[tuple[str, str], ...] = (
    (str(SDO.NewsArticle), "Report"),
    (str(RG.Figure), "Figure"),
    (str(SEM.Event), "Event"),
    (str(SDO.Person), "Person"),
    (str(SDO.Organization), "Organization"),
    (str(SDO.Country), "Country"),
    (str(SDO.Place), "Place"),
    (str(SEM.Place), "Place"),
    (str(SEM.Actor), "Actor"),
)
CATEGORIES = ("Report", "Figure", "Event", "Person", "Organization", "Country", "Place", "Actor", "Resource")
_CLASS_CATEGORY = dict(NODE_CLASSES)
_CATEGORY_RANK = {name: rank for rank, name in enumerate(CATEGORIES)}
_PATH_CATEGORY = {"report": "Report", "figure": "Figure", "event": "Event", "actor": "Actor"}

#: Predicates whose IRI objects are nodes: the edge relation each becomes.
RELATIONS: dict[str, str] = {
    str(SDO.mentions): "mentions",
    str(SDO.publisher): "published_by",
    str(PROV.wasAttributedTo): "claimed_by",
    str(RG.relayedBy): "relayed_by",
    str(RG.place): "place",
    str(RG.concerns): "concerns",
    str(PROV.wasDerivedFrom): "from_report",
    str(SEM.hasActor): "has_actor",
    str(SEM.hasPlace): "has_place",
    str(RG.metonymFor): "stands_for",
    str(SDO.location): "located_in",
    str(SDO.areaServed): "area_served",
}

#: Predicates whose objects become attributes of the subject: the attribute name for each.
ATTRIBUTES: dict[str, str] = {
    str(SDO.headline): "headline",
    str(SDO.datePublished): "date_published",
    str(SDO.inLanguage): "language",
    str(SDO.articleBody): "text",
    str(SDO.url): "url",
    str(RG.contentHash): "content_hash",
    str(RG.sourceFile): "source_file",
    str(RG.gazetteerId): "gazetteer_id",
    str(RG.needsLinking): "needs_linking",
    str(SKOS.exactMatch): "wikidata",
    str(SKOS.closeMatch): "wikidata_candidate",
    str(SKOS.altLabel): "aliases",
    str(SDO.description): "description",
    str(RG.quantity): "quantity",
    str(RG.lowerBound): "lower_bound",
    str(RG.upperBound): "upper_bound",
    str(RG.qualifier): "qualifier",
    str(RG.measure): "measure",
    str(RG.population): "population",
    str(RG.asOf): "as_of",
    str(RG.asOfPrecision): "as_of_precision",
    str(SEM.eventType): "event_type",
    str(SEM.hasTimeStamp): "date",
    str(RG.datePrecision): "date_precision",
}
_LABELS = {str(SKOS.prefLabel): 0, str(RDFS.label): 1}
_TYPE = str(RDF.type)
_EVIDENCE = str(RG.evidence)
_EVIDENCE_CLASS = str(RG.Evidence)
_EXACT = str(RG.exact)
_BODY = str(SDO.articleBody)
#: Attribute names the writers or the tools reserve (sigma.js reads `type` as its renderer).
RESERVED = frozenset({"id", "key", "type", "source", "target", "weight", "category", "label", "iri", "relation",
                      "parent", "name", "interaction", "color", "size", "x", "y"})

_NON_ID = re.compile(r"[^a-z0-9._-]+")



@dataclass(frozen=True)
class ProjectionOptions:
    """How to project: label language, figures collapsed into edges, report bodies kept, the instance base."""

    language: str = "en"
    collapse: bool = False
    include_text: bool = False
    base: str | None = None

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"unknown label language {self.language!r}; accepted: {', '.join(LANGUAGES)}")


@dataclass(slots=True)
class _Subject:
    types: set[str] = field(default_factory=set)
    labels: list[tuple[int, str | None, str]] = field(default_factory=list)  # (rank, lang, text)
    values: dict[str, list[Value]] = field(default_factory=lambda: defaultdict(list))
    links: list[tuple[str, str]] = field(default_factory=list)  # (predicate, object IRI)
    maybe: list[tuple[str, str]] = field(default_factory=list)  # other IRI objects: a link if the object is a node



def _fallback_name(predicate: str) -> str:
    name = curie(predicate)
    if name == predicate:
        name = predicate.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    name = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_") or "value"
    return name + "_" if name in RESERVED else name


class _Ids:
    """Node ids as slugs (NMTOKEN-safe), unique, deterministic for a given input order."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.by_iri: dict[str, str] = {}
        self.taken: set[str] = set()

    def __call__(self, iri: str) -> str:
        found = self.by_iri.get(iri)
        if found is not None:
            return found
        if iri.startswith("_:"):
            slug = "blank-" + _NON_ID.sub("-", iri[2:].lower()).strip("-")
        elif iri.startswith(self.base):
            slug = _NON_ID.sub("-", iri[len(self.base):].lower()).strip("-.")
        else:
            slug = slugify(iri.split("://", 1)[-1])
        slug = slug or "node"
        if slug in self.taken or not slug[0].isalpha():
            slug = f"n-{slug}-{hashlib.sha1(iri.encode()).hexdigest()[:8]}"
        self.taken.add(slug)
        self.by_iri[iri] = slug
        return slug


def _category(iri: str, types: set[str], base: str) -> str:
    ranked = [_CLASS_CATEGORY[t] for t in types if t in _CLASS_CATEGORY]
    if ranked:
        return min(ranked, key=_CATEGORY_RANK.__getitem__)
    if iri.startswith(base):
        return _PATH_CATEGORY.get(iri[len(base):].split("/", 1)[0], "Resource")
    return "Resource"


def _pick_label(labels: list[tuple[int, str | None, str]], language: str) -> str | None:
    for lang in (language, "en", None):
        found = sorted((rank, text) for rank, tag, text in labels if tag == lang)
        if found:
            return found[0][1]
    return sorted((rank, text) for rank, _, text in labels)[0][1] if labels else None


def _flatten(values: list[Value]) -> Value:
    unique = list(dict.fromkeys(values))
    if len(unique) == 1:
        return unique[0]
    return "; ".join(sorted(str(v) for v in unique))


def _clean(text: str) -> str:
    return " ".join(text.split())


def collect(triples: Iterable[Any], include_text: bool = False) -> dict[str, _Subject]:
    """Group converted triples by subject: types, labels, attribute values and links."""
    subjects: dict[str, _Subject] = defaultdict(_Subject)
    for s, p, o in plain_triples(triples):
        if not isinstance(s, IRI):
            continue
        record = subjects[s]
        if p == _TYPE and isinstance(o, IRI):
            record.types.add(o)
        elif isinstance(o, IRI):
            if p in RELATIONS or p == _EVIDENCE:
                if (p, o) not in record.links:
                    record.links.append((p, o))
            elif p in ATTRIBUTES:
                record.values[p].append(concept_name(o))
            else:
                record.maybe.append((p, o))
        elif p in _LABELS:
            record.labels.append((_LABELS[p], o.lang, _clean(str(o.value))))
        elif p != _BODY or include_text:
            record.values[p].append(o.value)
    evidence = {iri for iri, rec in subjects.items() if _EVIDENCE_CLASS in rec.types}
    for record in subjects.values():
        for predicate, target in record.maybe:
            if target in subjects and target not in evidence:
                if (predicate, target) not in record.links:
                    record.links.append((predicate, target))
            else:
                record.values[predicate].append(concept_name(target))
        record.maybe.clear()
    return subjects


def project(triples: Iterable[Any], options: ProjectionOptions | None = None) -> nx.MultiDiGraph:
    """The property graph of `triples` (rdflib (s, p, o) tuples, an rdflib Graph, or pyoxigraph triples)."""
    options = options or ProjectionOptions()
    base = options.base or base_iri()
    subjects = collect(triples, options.include_text)
    ids = _Ids(base)
    evidence = {iri for iri, rec in subjects.items() if _EVIDENCE_CLASS in rec.types}
    nodes: dict[str, dict[str, Value]] = {}
    edges: list[tuple[str, str, dict[str, Value]]] = []

    def node(iri: str) -> str:
        node_id = ids(iri)
        if node_id not in nodes:
            record = subjects.get(iri)
            nodes[node_id] = _node_attributes(iri, record, options.language, base, subjects, evidence)
        return node_id

    for iri, record in subjects.items():
        if iri in evidence:
            continue
        source = node(iri)
        for predicate, target in record.links:
            if predicate == _EVIDENCE:
                continue
            edges.append((source, node(target), dict(_edge_attributes(predicate))))
    subjects.clear()  # free the grouped triples before the graph is built
    if options.collapse:
        edges = _collapse(nodes, edges)
    return _build(nodes, edges, options)


@lru_cache(maxsize=4096)
def _edge_attributes(predicate: str) -> tuple[tuple[str, Value], ...]:
    relation = RELATIONS.get(predicate) or _fallback_name(predicate)
    return (("relation", relation), ("label", relation.replace("_", " ")), ("predicate", curie(predicate)))


def _node_attributes(iri: str, record: _Subject | None, language: str, base: str, subjects: dict[str, _Subject],
                     evidence: set[str]) -> dict[str, Value]:
    record = record or _Subject()
    category = _category(iri, record.types, base)
    attrs: dict[str, Value] = {"iri": str(iri), "category": category}
    others = sorted(curie(t) for t in record.types)
    if others:
        attrs["types"] = " ".join(others)
    for predicate, values in record.values.items():
        name = ATTRIBUTES.get(predicate) or _fallback_name(predicate)
        attrs[name] = _flatten(values)
    for lang in LANGUAGES:
        label = _pick_label([entry for entry in record.labels if entry[1] == lang], lang)
        if label:
            attrs[f"label_{lang}"] = label
    texts = [_clean(str(v)) for p, target in record.links if p == _EVIDENCE and target in evidence
             for v in subjects[target].values.get(_EXACT, [])]
    if texts:
        attrs["evidence"] = " … ".join(texts)
    attrs["label"] = _pick_label(record.labels, language) or _default_label(iri, attrs, base)
    return attrs


def _default_label(iri: str, attrs: dict[str, Value], base: str) -> str:
    if attrs["category"] == "Report":
        title = attrs.get("headline")
        return _clean(str(title)) if title else f"report {attrs.get('date_published', '')}".strip()
    if iri.startswith(base):
        return iri[len(base):].split("/", 1)[-1].replace("-", " ")
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _collapse(nodes: dict[str, dict[str, Value]], edges: list[tuple[str, str, dict[str, Value]]]
              ) -> list[tuple[str, str, dict[str, Value]]]:
    """Figures with a claimant and a subject become one weighted edge per (claimant, subject); a figure missing
    either stays a node so that nothing is lost. Nodes linked only to collapsed figures (a report, a place) are
    dropped: they live on as the edges' `report` and `place` attributes."""
    out: dict[str, list[tuple[str, dict[str, Value]]]] = defaultdict(list)
    for source, target, attrs in edges:
        if nodes[source]["category"] == "Figure":
            out[source].append((target, attrs))
    kept: list[tuple[str, str, dict[str, Value]]] = []
    collapsed: set[str] = set()
    new_edges: list[tuple[str, str, dict[str, Value]]] = []
    for figure, links in out.items():
        by_relation: dict[str, list[str]] = defaultdict(list)
        for target, attrs in links:
            by_relation[str(attrs["relation"])].append(target)
        claimants, subjects = sorted(by_relation.get("claimed_by", [])), sorted(by_relation.get("concerns", []))
        if not claimants or not subjects:
            continue
        collapsed.add(figure)
        new_edges.extend((claimant, subject, _figure_edge(figure, nodes, by_relation, claimants))
                         for claimant in claimants for subject in subjects)
    touched: set[str] = set()
    for source, target, attrs in edges:
        if source in collapsed or target in collapsed:
            touched.update((source, target))
        else:
            kept.append((source, target, attrs))
    result = kept + new_edges
    linked = {end for source, target, _ in result for end in (source, target)}
    for orphan in (touched - linked) | collapsed:  # nodes left alone only because their figures became edges
        del nodes[orphan]
    return result


def _figure_edge(figure: str, nodes: dict[str, dict[str, Value]], by_relation: dict[str, list[str]],
                 claimants: list[str]) -> dict[str, Value]:
    data = nodes[figure]
    attrs: dict[str, Value] = {"relation": "figure", "label": data["label"], "figure": figure,
                               "iri": data["iri"]}
    for name in ("quantity", "lower_bound", "upper_bound", "qualifier", "measure", "population", "as_of",
                 "as_of_precision", "evidence"):
        if name in data:
            attrs[name] = data[name]
    amount = data.get("quantity", data.get("lower_bound", data.get("upper_bound")))
    attrs["weight"] = float(amount) if isinstance(amount, int | float) and amount > 0 else 1.0
    attrs["claimants"] = "; ".join(str(nodes[c]["label"]) for c in claimants)
    for relation, name in (("from_report", "report"), ("place", "place"), ("relayed_by", "relayed_by")):
        targets = by_relation.get(relation, [])
        if targets:
            attrs[name] = "; ".join(targets)
            attrs[f"{name}_label"] = "; ".join(str(nodes[t]["label"]) for t in targets)
    return attrs


def _build(nodes: dict[str, dict[str, Value]], edges: list[tuple[str, str, dict[str, Value]]],
           options: ProjectionOptions) -> nx.MultiDiGraph:
    """The networkx graph; `nodes` and `edges` are emptied as they are copied in, so only one copy is alive."""
    graph = nx.MultiDiGraph(name="reportgraph", language=options.language, collapse=options.collapse)
    taken = set(nodes)
    for node_id in list(nodes):
        graph.add_node(node_id, **nodes.pop(node_id))
    number = 0
    edges.reverse()
    while edges:
        source, target, attrs = edges.pop()
        number += 1
        key = f"e{number}"
        while key in taken:
            number += 1
            key = f"e{number}"
        graph.add_edge(source, target, key=key, **attrs)
    return graph
