"""Selections: which triples an export takes from the store, chosen through the store's SPARQL.

- `all`: every named graph except the ontology (reports, gazetteer, links), streamed.
- `report`: one report's named graph, plus the gazetteer's description of every actor or place it mentions.
- `around`: the k-hop neighbourhood of an entity over links between reports, actors, places, events and figures,
  with the evidence of its figures and events; links leaving the neighbourhood are left out.
- `measure`: the figures of one measure (killed, deployed, …) with their evidence, and the labels of the
  claimants, subjects, places and reports they link to.
- `construct`: the triples of a CONSTRUCT (or DESCRIBE) query.
Every selection is capped at `max_triples` (None: no cap) and fails with `SelectionTooLarge` past it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ontology.gazetteer import load_gazetteer
from ontology.iris import actor_iri, base_iri, report_iri, system_graph_iri
from ontology.namespaces import MEASURE_TERMS, PREFIXES, RG
from store.base import GraphStore

KINDS = ("all", "report", "around", "measure", "construct")
MAX_HOPS = 5
STAGING_PREFIX = "urn:reportgraph:staging:"
_ENTITY_CLASSES = " ".join(f"<{iri}>" for iri in (
    "https://schema.org/NewsArticle", str(RG.Figure), "http://semanticweb.cs.vu.nl/2009/11/sem/Event",
    "https://schema.org/Person", "https://schema.org/Organization", "https://schema.org/Country",
    "https://schema.org/Place", "http://semanticweb.cs.vu.nl/2009/11/sem/Actor",
    "http://semanticweb.cs.vu.nl/2009/11/sem/Place"))
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DESCRIPTIVE_LINKS = (_TYPE, "http://www.w3.org/2004/02/skos/core#exactMatch",
                      "http://www.w3.org/2004/02/skos/core#closeMatch")
_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
_CHUNK = 2_000  # IRIs per VALUES block


class SelectionError(ValueError):
    """The selection cannot be made: unknown entity, report or measure, a bad query, bad hops."""


class SelectionNotFound(SelectionError):
    """The report or entity named is not in the store."""


class SelectionTooLarge(SelectionError):
    """The selection has more triples than the configured cap."""


@dataclass(frozen=True)
class Selection:
    """What to export: `kind` (one of KINDS) with its `value` (report, entity, measure or query) and `hops`."""

    kind: str = "all"
    value: str | None = None
    hops: int = 1

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise SelectionError(f"unknown selection {self.kind!r}; accepted: {', '.join(KINDS)}")
        if self.kind != "all" and not (self.value or "").strip():
            raise SelectionError(f"the {self.kind} selection needs a value")
        if self.kind == "around" and not 0 <= self.hops <= MAX_HOPS:
            raise SelectionError(f"hops must be between 0 and {MAX_HOPS}, got {self.hops}")

    @property
    def slug(self) -> str:
        """A file-name stem: "all", "report-<hash>", "around-north-korea-2", "measure-killed", "construct"."""
        if self.kind in ("all", "construct"):
            return self.kind
        tail = (self.value or "").rstrip("/").rsplit("/", 1)[-1]
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in tail.lower()).strip("-")[:60] or "x"
        return f"{self.kind}-{safe}-{self.hops}" if self.kind == "around" else f"{self.kind}-{safe}"


def select(store: GraphStore, selection: Selection, *, max_triples: int | None = None,
           base: str | None = None) -> Iterator[Any]:
    """The selected triples (pyoxigraph Triple objects), in no particular order."""
    base = base or base_iri()
    if selection.kind == "all":
        triples: Iterable[Any] = _all(store, base)
    elif selection.kind == "report":
        triples = _report(store, str(selection.value), base)
    elif selection.kind == "around":
        triples = _around(store, resolve_entity(store, str(selection.value), base), selection.hops)
    elif selection.kind == "measure":
        triples = _measure(store, str(selection.value))
    else:
        triples = _construct(store, str(selection.value))
    return _capped(triples, max_triples)


def _capped(triples: Iterable[Any], cap: int | None) -> Iterator[Any]:
    for count, triple in enumerate(triples, start=1):
        if cap is not None and count > cap:
            raise SelectionTooLarge(f"the selection has more than {cap} triples (the export cap, "
                                    "KG_EXPORT_MAX_TRIPLES); choose a report, a neighbourhood, a measure or a "
                                    "CONSTRUCT query")
        yield triple


def _run(store: GraphStore, sparql: str) -> Any:
    try:
        return store.query(_PROLOGUE + sparql)
    except SyntaxError as exc:  # our own queries are fixed text: a syntax error here is a bug
        raise RuntimeError(f"internal selection query failed: {exc}") from exc


def _iri(value: str) -> str:
    try:
        return str(ox.NamedNode(value))
    except ValueError as exc:
        raise SelectionError(f"not a valid IRI: {value!r}") from exc


def _values(iris: list[str]) -> Iterator[str]:
    for start in range(0, len(iris), _CHUNK):
        yield " ".join(_iri(iri) for iri in iris[start:start + _CHUNK])


def _all(store: GraphStore, base: str) -> Iterator[tuple[Any, Any, Any]]:
    """Streamed as SELECT solutions: a CONSTRUCT would first collect every triple to remove duplicates (a triple
    stored in two graphs comes twice here; the projection and the RDF writers take that in their stride)."""
    ontology = _iri(str(system_graph_iri("ontology", base)))
    solutions = _run(store, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                            f"FILTER(?g != {ontology} && !STRSTARTS(STR(?g), \"{STAGING_PREFIX}\")) }}")
    for solution in solutions:
        yield solution["s"], solution["p"], solution["o"]


def _report(store: GraphStore, value: str, base: str) -> list[Any]:
    value = value.strip()
    candidates = [value] if "://" in value else [str(report_iri(value, base))]
    found = None
    for candidate in candidates:
        rows = list(_run(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ {_iri(candidate)} a schema:NewsArticle }} }} "
                                "LIMIT 1"))
        if rows:
            found = rows[0]["g"].value
            break
    if found is None:
        raise SelectionNotFound(f"no report {value!r} in the store; give a report IRI or its content hash")
    graph, gazetteer = _iri(found), _iri(str(system_graph_iri("gazetteer", base)))
    return list(_run(store, f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ GRAPH {graph} {{ ?s ?p ?o }} }}
        UNION
        {{ {{ SELECT DISTINCT ?s WHERE {{ GRAPH {graph} {{ ?x ?q ?s }} FILTER(isIRI(?s)) }} }}
           GRAPH {gazetteer} {{ ?s ?p ?o }}
           FILTER(!isIRI(?o) || ?p IN (rdf:type, skos:exactMatch, skos:closeMatch)
                  || EXISTS {{ GRAPH {graph} {{ ?y ?r ?o }} }}) }}
    }}"""))


def resolve_entity(store: GraphStore, value: str, base: str | None = None) -> str:
    """An entity's IRI from an IRI, a gazetteer id ("north_korea"), a path ("actor/north-korea") or an export
    node id ("actor-north-korea"); fails when the store says nothing about it."""
    base = base or base_iri()
    value = value.strip()
    if "://" in value:
        iri = value
    elif value in load_gazetteer():
        iri = str(actor_iri(value, base))
    elif "/" in value:
        iri = base + value.lstrip("/")
    else:
        kind, _, rest = value.partition("-")
        iri = f"{base}{kind}/{rest}" if kind in ("actor", "report", "figure", "event") and rest else \
            str(actor_iri(value, base))
    node = _iri(iri)
    if not _run(store, f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}"):
        raise SelectionNotFound(f"no entity {value!r} in the store (looked for <{iri}>); give an IRI, a gazetteer id "
                             "such as north_korea, or a node id such as actor-north-korea")
    return iri


def _entities(store: GraphStore, iris: list[str]) -> set[str]:
    """Those of `iris` typed as a report, actor, place, event or figure."""
    found: set[str] = set()
    for block in _values(iris):
        rows = _run(store, f"SELECT DISTINCT ?n WHERE {{ VALUES ?n {{ {block} }} ?n a ?t . "
                           f"VALUES ?t {{ {_ENTITY_CLASSES} }} }}")
        found.update(row["n"].value for row in rows)
    return found


def _neighbours(store: GraphStore, frontier: list[str]) -> set[str]:
    found: set[str] = set()
    for block in _values(frontier):
        rows = _run(store, f"""SELECT DISTINCT ?n WHERE {{ VALUES ?f {{ {block} }}
            {{ ?f ?p ?n }} UNION {{ ?n ?p ?f }}
            FILTER(isIRI(?n) && ?p != rdf:type && ?p != rg:evidence)
            ?n a ?t . VALUES ?t {{ {_ENTITY_CLASSES} }} }}""")
        found.update(row["n"].value for row in rows)
    return found


def _around(store: GraphStore, entity: str, hops: int) -> list[Any]:
    members = {entity}
    frontier = [entity]
    for _ in range(hops):
        frontier = sorted(_neighbours(store, frontier) - members)
        if not frontier:
            break
        members.update(frontier)
    return _describe(store, sorted(members), links="inside")


def _measure(store: GraphStore, measure: str) -> list[Any]:
    term = MEASURE_TERMS.get(measure.strip())
    if term is None:
        raise SelectionError(f"unknown measure {measure!r}; accepted: {', '.join(MEASURE_TERMS)}")
    rows = _run(store, f"SELECT DISTINCT ?f WHERE {{ ?f a rg:Figure ; rg:measure {_iri(str(term))} }}")
    return _describe(store, sorted(row["f"].value for row in rows), links="labelled")


def _describe(store: GraphStore, core: list[str], links: str) -> list[Any]:
    """The triples of `core` with their evidence. links="inside": links to entities outside `core` are dropped;
    links="labelled": they are kept and the linked entities' literals, types and Wikidata matches added."""
    triples: list[Any] = []
    for block in _values(core):
        triples.extend(_run(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {block} }} ?s ?p ?o }}"))
        triples.extend(_run(store, f"CONSTRUCT {{ ?e ?p ?o }} WHERE {{ VALUES ?s {{ {block} }} "
                                   "?s rg:evidence ?e . ?e ?p ?o }"))
    members = set(core)
    objects = sorted({t.object.value for t in triples if isinstance(t.object, ox.NamedNode)
                      and t.predicate.value not in _DESCRIPTIVE_LINKS} - members)
    outside = _entities(store, objects)
    if links == "inside":
        return [t for t in triples if not (isinstance(t.object, ox.NamedNode) and t.object.value in outside)]
    described = ", ".join(f"<{iri}>" for iri in _DESCRIPTIVE_LINKS)
    for block in _values(sorted(outside)):
        triples.extend(_run(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {block} }} ?s ?p ?o "
                                   f"FILTER((!isIRI(?o) && ?p != schema:articleBody) || ?p IN ({described})) }}"))
    return triples


def _construct(store: GraphStore, query: str) -> Iterable[Any]:
    try:
        result = store.query(query)
    except SyntaxError as exc:
        raise SelectionError(f"bad SPARQL query: {exc}") from exc
    if not isinstance(result, ox.QueryTriples):
        raise SelectionError("the query must be a CONSTRUCT or DESCRIBE query (it returns triples to export)")
    return result
