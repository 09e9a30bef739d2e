"""Linking, the pure parts: targets from the store, VALUES batches, Retry-After, scoring and decisions, the
cache, the RDF of links and decisions, VoID linksets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from ingest.linking.cache import AnswerCache
from ingest.linking.client import default_user_agent, retry_after_seconds
from ingest.linking.lookup import Hit, ItemDetails, Lookup, batches, describe_query, lookup_query, parse_lookup
from ingest.linking.records import SSSOM, add_decision, links_graph, parse_decisions, review_graph
from ingest.linking.scoring import (
    ACCEPTED,
    CLOSE,
    EXACT,
    NONE,
    REVIEW,
    Candidate,
    Decision,
    decide,
    score_candidates,
    with_details,
)
from ingest.linking.targets import EXPECTED_TYPES, STRONG_KEYS, Label, Target, find_targets
from ingest.linking.void import linkset_graph
from ingest.pipeline import ensure_system_graphs
from ontology.iris import actor_iri, system_graph_iri
from ontology.namespaces import VOID
from store import open_store

WD = "http://www.wikidata.org/entity/"
PERSON = Target("https://example.org/actor/x", "Person",
                (Label("Андрій Руденко", "uk", True), Label("Andrey Rudenko", "en", True),
                 Label("Андрей Руденко", "ru", True), Label("Andrei Rudenko", "en", False)))


def test_registries_are_not_empty() -> None:
    assert EXPECTED_TYPES and all(EXPECTED_TYPES.values())
    assert {"Person", "Organization", "Country", "Place"} <= set(EXPECTED_TYPES)
    assert STRONG_KEYS


def test_targets_leave_out_curated_actors_and_read_labels() -> None:
    store = open_store("memory")
    ensure_system_graphs(store)
    targets = {t.iri: t for t in find_targets(store)}
    assert str(actor_iri("north_korea")) not in targets  # curated in the gazetteer (Q423)
    kursk = targets[str(actor_iri("kursk_oblast"))]
    assert kursk.kind == "Place"
    assert {(label.text, label.lang) for label in kursk.labels if label.preferred} >= {
        ("Курська область", "uk"), ("Kursk Oblast", "en"), ("Курская область", "ru")}
    assert ("Курщина", "uk", False) in {(label.text, label.lang, label.preferred) for label in kursk.labels}


def test_an_exact_match_in_the_links_graph_is_not_a_curated_link() -> None:
    store = open_store("memory")
    ensure_system_graphs(store)
    kursk = str(actor_iri("kursk_oblast"))
    store.replace_graph(str(system_graph_iri("links")), f"<{kursk}> <{SKOS.exactMatch}> <{WD}Q1> .", "nt")
    assert kursk in {t.iri for t in find_targets(store)}
    store.replace_graph(str(system_graph_iri("external/partner")), f"<{kursk}> <{SKOS.exactMatch}> <{WD}Q1> .", "nt")
    assert kursk not in {t.iri for t in find_targets(store)}


def test_lookup_query_is_a_values_batch_with_literals_escaped() -> None:
    tricky = Lookup('He said "hi" \\ ok', "en", ("Q5",))
    batch = [Lookup("Суджа", "uk", ("Q515", "Q56061")), Lookup("Sudzha", "en", ("Q515", "Q56061"))]
    query = lookup_query(batch)
    assert "VALUES (?key ?label)" in query and '"Суджа"@uk' in query and "wdt:P31/wdt:P279*" in query
    store = ox.Store()
    data = (b'<http://www.wikidata.org/entity/Q1> <http://www.w3.org/2000/01/rdf-schema#label> '
            b'"He said \\"hi\\" \\\\ ok"@en .\n<http://www.wikidata.org/entity/Q1> '
            b'<http://www.wikidata.org/prop/direct/P31> <http://www.wikidata.org/entity/Q5> .')
    store.load(data, ox.RdfFormat.N_TRIPLES)
    solutions = store.query(lookup_query([tricky]))
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    rows = [{name: {"value": s[name].value} for name in names} for s in solutions]
    assert parse_lookup([tricky], rows) == {tricky.key: [Hit(f"{WD}Q1", "label", f"{WD}Q5")]}
    store.query(describe_query([f"{WD}Q1", f"{WD}Q2"]))  # parses and runs


def test_batches_group_by_expected_types_and_cut_to_size() -> None:
    items = [Lookup(f"n{i}", "en", ("Q5",)) for i in range(5)] + [Lookup("p", "en", ("Q515",))]
    cut = list(batches(items, 2))
    assert [len(b) for b in cut] == [2, 2, 1, 1]
    assert all(len({item.types for item in b}) == 1 for b in cut)
    with pytest.raises(ValueError, match="at least 1"):
        list(batches(items, 0))
    with pytest.raises(ValueError, match="share"):
        lookup_query(items[-2:])


def test_retry_after_in_seconds_or_as_an_http_date() -> None:
    now = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("3", now) == 3.0
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90.0
    assert retry_after_seconds(format_datetime(now - timedelta(seconds=90), usegmt=True), now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_user_agent_names_the_tool_and_the_contact() -> None:
    agent = default_user_agent("ops@example.org")
    assert agent.startswith("reportgraph/") and "ops@example.org" in agent and "SPARQLWrapper/" in agent


def _hits(target: Target, items: dict[str, list[tuple[str, str]]]) -> dict[str, list[Hit]]:
    """Hits per lookup: items maps an item to the (language, how) pairs naming it by the target's labels."""
    found: dict[str, list[Hit]] = {}
    for label in target.labels:
        key = Lookup(label.text, label.lang, target.types).key
        found[key] = [Hit(item, how, WD + "Q5") for item, pairs in items.items()
                      for lang, how in pairs if lang == label.lang and label.preferred]
    return found


def test_scores_count_languages_and_ties_go_to_review() -> None:
    every = [("uk", "label"), ("en", "label"), ("ru", "label")]
    scored = score_candidates(PERSON, _hits(PERSON, {WD + "Q1": every, WD + "Q2": [("en", "label")]}))
    assert [(c.item, c.score) for c in scored] == [(WD + "Q1", 1.0), (WD + "Q2", 0.667)]
    assert decide(PERSON, scored).status == CLOSE
    tie = score_candidates(PERSON, _hits(PERSON, {WD + "Q1": every, WD + "Q2": every}))
    outcome = decide(PERSON, tie)
    assert outcome.status == REVIEW and "ambiguous" in outcome.reason and len(outcome.candidates) == 2
    weak = score_candidates(PERSON, _hits(PERSON, {WD + "Q3": [("en", "alias")]}))
    assert weak[0].score < 0.6 and decide(PERSON, weak).status == REVIEW
    assert decide(PERSON, []).status == NONE


def test_a_single_strong_key_makes_an_exact_match() -> None:
    target = Target(PERSON.iri, "Person", PERSON.labels, {"wikidata": frozenset({WD + "Q2"})})
    every = [("uk", "label"), ("en", "label"), ("ru", "label")]
    scored = with_details(score_candidates(target, _hits(target, {WD + "Q1": every, WD + "Q2": every})), {}, target)
    outcome = decide(target, scored)
    assert outcome.status == EXACT and outcome.link is not None and outcome.link.item == WD + "Q2"
    place = Target("https://example.org/actor/p", "Place", (Label("Sudzha", "en", True),),
                   {"geonames": frozenset({"42"})})
    found = score_candidates(place, {Lookup("Sudzha", "en", place.types).key: [Hit(WD + "Q7", "label", WD + "Q515"),
                                                                                Hit(WD + "Q8", "label", WD + "Q4022")]})
    details = {WD + "Q8": ItemDetails(WD + "Q8", keys={"geonames": frozenset({"42"})})}
    assert decide(place, with_details(found, details, place)).link.item == WD + "Q8"  # type: ignore[union-attr]


def test_human_decisions_win() -> None:
    every = [("uk", "label"), ("en", "label"), ("ru", "label")]
    tie = score_candidates(PERSON, _hits(PERSON, {WD + "Q1": every, WD + "Q2": every}))
    accepted = decide(PERSON, tie, [Decision(PERSON.iri, WD + "Q2", True, "ana", "2025-11-04T12:00:00+00:00")])
    assert accepted.status == ACCEPTED and accepted.link.item == WD + "Q2"  # type: ignore[union-attr]
    rejected = decide(PERSON, tie, [Decision(PERSON.iri, WD + "Q2", False)])
    assert rejected.status == CLOSE and rejected.link.item == WD + "Q1"  # type: ignore[union-attr]
    everything = decide(PERSON, tie, [Decision(PERSON.iri, WD + q, False) for q in ("Q1", "Q2")])
    assert everything.status == NONE


def test_links_and_review_graphs_carry_provenance() -> None:
    every = [("uk", "label"), ("en", "label"), ("ru", "label")]
    scored = score_candidates(PERSON, _hits(PERSON, {WD + "Q1": every}), {})
    linked = decide(PERSON, [Candidate(c.item, c.score, c.matched, (), ItemDetails(c.item, "Andrey Rudenko",
                                                                                   "diplomat"),
                                       "2025-11-04T12:00:00+00:00") for c in scored])
    graph = links_graph([linked], "http://127.0.0.1:1/sparql", "https://example.org/")
    assert (URIRef(PERSON.iri), SKOS.closeMatch, URIRef(WD + "Q1")) in graph
    [mapping] = graph.subjects(OWL.annotatedTarget, URIRef(WD + "Q1"))
    assert graph.value(mapping, SSSOM.confidence) == Literal(1.0)
    activity = graph.value(mapping, URIRef("http://www.w3.org/ns/prov#wasGeneratedBy"))
    assert graph.value(activity, URIRef("http://www.w3.org/ns/prov#used")) == URIRef("http://127.0.0.1:1/sparql")
    tie = score_candidates(PERSON, _hits(PERSON, {WD + "Q1": every, WD + "Q2": every}))
    review = review_graph([decide(PERSON, tie)], "http://127.0.0.1:1/sparql", "https://example.org/")
    assert not list(review.triples((URIRef(PERSON.iri), None, None)))  # nothing asserted
    assert len(set(review.subjects(OWL.annotatedSource, URIRef(PERSON.iri)))) == 2


def test_decisions_round_trip_and_the_latest_wins() -> None:
    graph = Graph()
    add_decision(graph, Decision(PERSON.iri, WD + "Q1", True, "ana", "2025-11-04T12:00:00+00:00"))
    add_decision(graph, Decision(PERSON.iri, WD + "Q1", False, "bo", "2025-11-05T12:00:00+00:00", "wrong person"))
    add_decision(graph, Decision(PERSON.iri, WD + "Q2", True, "bo", "2025-11-05T12:01:00+00:00"))
    decisions = parse_decisions(graph)[PERSON.iri]
    assert [(d.item, d.accept, d.by) for d in decisions] == [(WD + "Q1", False, "bo"), (WD + "Q2", True, "bo")]
    assert decisions[0].note == "wrong person"


def test_cache_round_trip_misses_and_atomic_files(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path, "http://127.0.0.1:1/sparql")
    assert cache.get("lookup", "k") is None
    cache.put("lookup", "k", [{"item": "x"}], "2025-11-04T12:00:00+00:00")
    entry = cache.get("lookup", "k")
    assert entry is not None and entry.rows == [{"item": "x"}] and entry.time.startswith("2025-11-04")
    assert AnswerCache(tmp_path, "http://127.0.0.1:2/sparql").get("lookup", "k") is None  # per endpoint
    [path] = [p for p in tmp_path.rglob("*.json")]
    assert not [p for p in tmp_path.rglob(".tmp-*")]
    path.write_text("{not json", encoding="utf-8")
    assert cache.get("lookup", "k") is None


def test_void_linksets_count_links_to_wikidata() -> None:
    store = open_store("memory")
    ensure_system_graphs(store)
    kursk = actor_iri("kursk_oblast")
    store.replace_graph(str(system_graph_iri("links")), f"<{kursk}> <{SKOS.closeMatch}> <{WD}Q90000001> .", "nt")
    void = linkset_graph(store)
    counts = {str(void.value(s, VOID.linkPredicate)): int(str(void.value(s, VOID.triples)))
              for s in void.subjects(VOID.linkPredicate, None)}
    curated = sum(1 for _ in store.query(f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{SKOS.exactMatch}> ?o "
                                         f'FILTER(STRSTARTS(STR(?o), "{WD}")) }}'))
    assert counts == {str(SKOS.exactMatch): curated, str(SKOS.closeMatch): 1}
    assert curated > 30
