"""Human decisions on candidates (`reportgraph link --accept/--reject ACTOR=QID`) and the review list.

A decision names an actor (its IRI, its path under `<base>actor/`, or its gazetteer id) and an item (a Q-id or
an IRI). Decisions are kept in `<base>graph/link-decisions`, one per (actor, item) pair, the latest winning; the
next linking pass applies them (an accepted item becomes `skos:exactMatch`, a rejected one is never proposed
again).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.linking.lookup import WIKIDATA_DESCRIPTION, entity_iri
from ingest.linking.records import SSSOM, add_decision
from ingest.linking.run import graph_iri, now, read_graph
from ingest.linking.scoring import Decision
from ingest.linking.targets import DECISIONS_GRAPH, REVIEW_GRAPH, prologue
from ontology.iris import actor_iri, base_iri
from store.base import GraphStore

_QID = re.compile(r"^Q[1-9]\d*$")


class DecisionError(ValueError):
    """A decision names an unknown actor or a malformed item; the message says what is accepted."""


@dataclass(frozen=True)
class ReviewRow:
    """One candidate waiting for review."""

    actor: str
    name: str
    item: str
    score: float
    label: str
    description: str
    reason: str


def _exists(store: GraphStore, iri: str) -> bool:
    return bool(store.query(f"ASK {{ <{iri}> a ?class }}"))


def resolve_actor(store: GraphStore, text: str, base: str | None = None) -> str:
    """The IRI of an actor named by IRI, path under `<base>actor/`, or gazetteer id; it must be in the store."""
    root = base or base_iri()
    candidates = [text] if "://" in text else [f"{root}actor/{text}", str(actor_iri(text, root))]
    for iri in candidates:
        if re.fullmatch(r"[^\s<>\"{}|\\^`]+", iri) and _exists(store, iri):
            return iri
    raise DecisionError(f"no actor {text!r} in the store; give its IRI, its id under {root}actor/ "
                        "or its gazetteer id (e.g. kursk_oblast)")


def parse_pair(store: GraphStore, text: str, base: str | None = None) -> tuple[str, str]:
    """`ACTOR=QID` (or `ACTOR=IRI`) -> (actor IRI, item IRI)."""
    actor, sep, item = text.rpartition("=")
    if not sep or not actor.strip() or not item.strip():
        raise DecisionError(f"expected ACTOR=QID (e.g. kursk_oblast=Q1234), got {text!r}")
    item = item.strip()
    if not (_QID.match(item) or re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", item)):
        raise DecisionError(f"{item!r} is neither a Wikidata id (Q123) nor an http(s) IRI")
    return resolve_actor(store, actor.strip(), base), entity_iri(item)


def record(store: GraphStore, pairs: Sequence[tuple[str, str, bool]], by: str = "", note: str = "",
           base: str | None = None) -> list[Decision]:
    """Record (actor, item, accept) decisions, replacing earlier ones on the same pairs (one atomic write)."""
    graph = read_graph(store, DECISIONS_GRAPH, base)
    when = now()
    made = [Decision(actor, item, accept, by, when, note) for actor, item, accept in pairs]
    for decision in made:
        add_decision(graph, decision, base)
    store.replace_graph(graph_iri(DECISIONS_GRAPH, base), graph.serialize(format="nt"), fmt="nt")
    return made


def review_list(store: GraphStore, base: str | None = None) -> list[ReviewRow]:
    """The candidates in the review graph, by actor, best first."""
    sparql = prologue() + f"PREFIX sssom: <{SSSOM}>\n" + (
        "SELECT ?actor ?name ?item ?score ?label ?description ?reason WHERE { GRAPH <"
        + graph_iri(REVIEW_GRAPH, base) + "> { ?m owl:annotatedSource ?actor ; owl:annotatedTarget ?item ; "
        "sssom:confidence ?score ; sssom:subject_label ?name . OPTIONAL { ?m rdfs:comment ?reason } "
        "OPTIONAL { ?item rdfs:label ?label } OPTIONAL { ?item <" + WIKIDATA_DESCRIPTION + "> ?description } } }"
        " ORDER BY ?actor DESC(?score) ?item")
    rows = []
    for solution in store.query(sparql):
        text = {name: solution[name].value if solution[name] is not None else "" for name in
                ("actor", "name", "item", "score", "label", "description", "reason")}
        rows.append(ReviewRow(text["actor"], text["name"], text["item"], float(text["score"] or 0), text["label"],
                              text["description"], text["reason"]))
    return rows
