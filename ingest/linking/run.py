"""One linking pass over the store: find targets, look their names up (cache first, then the endpoint in VALUES
batches), score, apply human decisions, and replace the links and review graphs. Nothing is written until every
lookup has an answer, so a failing endpoint leaves the store as it was (and the cache keeps what was answered).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from ingest.linking.cache import AnswerCache
from ingest.linking.client import WIKIDATA_ENDPOINT, ClientSettings, SparqlClient
from ingest.linking.lookup import (
    Hit,
    ItemDetails,
    Lookup,
    batches,
    describe_query,
    describe_rows,
    item_details,
    lookup_query,
    parse_lookup,
)
from ingest.linking.records import links_graph, parse_decisions, review_graph
from ingest.linking.scoring import (
    ACCEPTED,
    Decision,
    Outcome,
    Thresholds,
    decide,
    lookups_for,
    score_candidates,
    with_details,
)
from ingest.linking.targets import DECISIONS_GRAPH, LINKS_GRAPH, REVIEW_GRAPH, Target, find_targets
from ontology.iris import system_graph_iri
from store.base import GraphStore

Progress = Callable[[str], None]


class NotCached(RuntimeError):
    """Offline, some questions have no cached answer; nothing was written."""


@dataclass(frozen=True)
class LinkOptions:
    """Everything a linking pass needs besides the store."""

    client: ClientSettings
    cache_dir: Path
    batch_size: int = 50
    thresholds: Thresholds = field(default_factory=Thresholds)
    offline: bool = False  # answer from the cache only; a question not in the cache stops the pass


@dataclass
class LinkReport:
    """What a pass did."""

    endpoint: str
    outcomes: list[Outcome] = field(default_factory=list)
    requests: int = 0  # HTTP requests sent (retries included)
    from_cache: int = 0  # lookups and descriptions answered by the cache
    asked: int = 0  # lookups and descriptions sent to the endpoint
    missing: int = 0  # offline: not in the cache

    def count(self, status: str) -> int:
        """How many targets ended with `status`."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def graph_iri(name: str, base: str | None = None) -> str:
    """The IRI of one of the service's graphs (links, link-review, link-decisions)."""
    return str(system_graph_iri(name, base))


def read_graph(store: GraphStore, name: str, base: str | None = None) -> Graph:
    """One of the service's graphs as an rdflib graph (empty when missing)."""
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri(name, base)}> {{ ?s ?p ?o }} }}")
    return Graph().parse(data=result.serialize(format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")


def read_decisions(store: GraphStore, base: str | None = None) -> dict[str, list[Decision]]:
    """actor IRI -> recorded decisions, oldest first."""
    return parse_decisions(read_graph(store, DECISIONS_GRAPH, base))


def recorded_endpoint(store: GraphStore, base: str | None = None) -> str | None:
    """The endpoint of the last pass, as recorded in the links graph."""
    links = URIRef(graph_iri(LINKS_GRAPH, base))
    for solution in store.query(f"SELECT ?e WHERE {{ GRAPH <{links}> {{ <{links}> <{DCTERMS.source}> ?e }} }}"):
        return str(solution["e"].value)
    return None


class _Resolver:
    """Answers lookups and descriptions from the cache, asking the endpoint for the rest in batches."""

    def __init__(self, options: LinkOptions, report: LinkReport, progress: Progress | None,
                 sleep: Callable[[float], None]) -> None:
        self.options = options
        self.report = report
        self.progress = progress
        self.cache = AnswerCache(options.cache_dir, options.client.endpoint)
        self.client = SparqlClient(options.client, sleep=sleep, progress=progress)

    def lookups(self, lookups: Sequence[Lookup]) -> tuple[dict[str, list[Hit]], dict[str, str]]:
        hits: dict[str, list[Hit]] = {}
        times: dict[str, str] = {}
        todo = []
        for lookup in lookups:
            entry = self.cache.get("lookup", lookup.key)
            if entry is None:
                todo.append(lookup)
                continue
            self.report.from_cache += 1
            hits[lookup.key] = [Hit(**row) for row in entry.rows]
            times[lookup.key] = entry.time
        if self.options.offline:
            self.report.missing += len(todo)
            return hits, times
        for number, batch in enumerate(batches(todo, self.options.batch_size), start=1):
            if self.progress:
                self.progress(f"looking up {len(batch)} names ({number}) at {self.options.client.endpoint}")
            found = parse_lookup(batch, self.client.select(lookup_query(batch)))
            answered = now()
            for lookup in batch:
                rows = [{"item": h.item, "how": h.how, "cls": h.cls} for h in found[lookup.key]]
                self.cache.put("lookup", lookup.key, rows, answered)
                hits[lookup.key], times[lookup.key] = found[lookup.key], answered
            self.report.asked += len(batch)
            self.report.requests = self.client.requests
        return hits, times

    def details(self, items: Sequence[str]) -> dict[str, ItemDetails]:
        found: dict[str, ItemDetails] = {}
        todo = []
        for item in items:
            entry = self.cache.get("describe", item)
            if entry is None:
                todo.append(item)
            else:
                self.report.from_cache += 1
                found[item] = item_details(item, entry.rows)
        if self.options.offline:
            self.report.missing += len(todo)
            return found
        size = self.options.batch_size
        for start in range(0, len(todo), size):
            batch = todo[start:start + size]
            if self.progress:
                self.progress(f"describing {len(batch)} candidates at {self.options.client.endpoint}")
            rows = describe_rows(self.client.select(describe_query(batch)))
            answered = now()
            for item in batch:
                self.cache.put("describe", item, rows.get(item, []), answered)
                found[item] = item_details(item, rows.get(item, []))
            self.report.asked += len(batch)
            self.report.requests = self.client.requests
        return found


def plan(targets: Sequence[Target]) -> list[Lookup]:
    """Every distinct lookup the targets need, in a stable order."""
    seen: dict[str, Lookup] = {}
    for target in targets:
        for lookup in lookups_for(target):
            seen.setdefault(lookup.key, lookup)
    return [seen[key] for key in sorted(seen)]


def link_store(store: GraphStore, options: LinkOptions, *, base: str | None = None,
               progress: Progress | None = None, sleep: Callable[[float], None] = time.sleep) -> LinkReport:
    """Run one linking pass and replace the links and review graphs; returns what happened."""
    endpoint = options.client.endpoint or WIKIDATA_ENDPOINT
    report = LinkReport(endpoint=endpoint)
    targets = find_targets(store, base)
    decisions = read_decisions(store, base)
    resolver = _Resolver(options, report, progress, sleep)
    hits, times = resolver.lookups(plan(targets))
    scored = {target.iri: score_candidates(target, hits, times) for target in targets}
    items = sorted({c.item for candidates in scored.values() for c in candidates}
                   | {d.item for t in targets for d in decisions.get(t.iri, []) if d.accept})
    details = resolver.details(items)
    if report.missing:
        raise NotCached(f"{report.missing} questions have no answer in the cache at {options.cache_dir} for "
                        f"{endpoint} (--offline)")
    for target in targets:
        outcome = decide(target, with_details(scored[target.iri], details, target), decisions.get(target.iri),
                         options.thresholds)
        chosen = outcome.link
        if outcome.status == ACCEPTED and chosen is not None and chosen.details is None and chosen.item in details:
            outcome = replace(outcome, candidates=(replace(chosen, details=details[chosen.item]),
                                                   *outcome.candidates[1:]))
        report.outcomes.append(outcome)
    write_graphs(store, report.outcomes, endpoint, base)
    return report


def write_graphs(store: GraphStore, outcomes: Sequence[Outcome], endpoint: str, base: str | None = None) -> None:
    """Replace the links and review graphs (each atomically)."""
    links = links_graph(outcomes, endpoint, base)
    links_iri = URIRef(graph_iri(LINKS_GRAPH, base))
    links.add((links_iri, DCTERMS.source, URIRef(endpoint)))
    links.add((links_iri, DCTERMS.modified, Literal(now(), datatype=XSD.dateTime)))
    store.replace_graph(str(links_iri), links.serialize(format="nt"), fmt="nt")
    store.replace_graph(graph_iri(REVIEW_GRAPH, base), review_graph(outcomes, endpoint, base).serialize(format="nt"),
                        fmt="nt")
