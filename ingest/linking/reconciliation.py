"""Reconciling names against the graph's actors and places (the matching behind `/reconcile`).

Entities are every typed actor under the instance base: gazetteer actors (preferred labels and aliases in uk, en
and ru) and actors new to the gazetteer found in reports. A name matches an entity's label or alias by its plain
form (100 for a label, 95 for an alias), by lemmas (92/88: "Курської області"), by transliteration (85/80:
"Kyrylo Budanov" for "Кирило Буданов"), else by similarity of the Latin forms (up to 75). Property constraints
refine it: `country` (an id or a name; a mismatch costs 30) and `wikidata` (a Q-id; equal wins outright, a
mismatch costs 50). A candidate is a `match` when it scores 90 or more and is alone at the top.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ingest.linking.lookup import WIKIDATA_ENTITY
from ingest.linking.names import forms, plain, readings, same_lemmas, similarity
from ingest.linking.targets import KIND_BY_CLASS, prologue
from ontology.iris import base_iri
from ontology.namespaces import ACTOR_CLASSES
from store.base import GraphStore

TYPES = tuple(ACTOR_CLASSES)  # Person, Organization, Country, Place
LEVELS = {("plain", True): 100, ("plain", False): 95, ("lemma", True): 92, ("lemma", False): 88,
          ("latin", True): 85, ("latin", False): 80}
FUZZY_MAX = 75
FUZZY_MIN_RATIO = 0.75
MATCH_SCORE = 90
PROPERTIES = {"country": "Country (an id such as 'russia' or a name)", "wikidata": "Wikidata id (Q…)"}


@dataclass
class Entity:
    """A reconcilable actor or place."""

    id: str  # the path under <base>actor/
    iri: str
    kind: str
    labels: list[tuple[str, str | None, bool]] = field(default_factory=list)  # (text, lang, preferred)
    description: str | None = None
    countries: set[str] = field(default_factory=set)  # country IRIs
    wikidata: set[str] = field(default_factory=set)  # Q-ids

    @property
    def name(self) -> str:
        """English preferred label, else any preferred label, else any label, else the id."""
        for wanted in (lambda lang, pref: lang == "en" and pref, lambda lang, pref: pref, lambda lang, pref: True):
            for text, lang, preferred in self.labels:
                if wanted(lang, preferred):
                    return text
        return self.id


@dataclass(frozen=True)
class Match:
    """One candidate for a query."""

    entity: Entity
    score: float
    how: str
    features: tuple[tuple[str, float | bool], ...] = ()
    match: bool = False


def _select(store: GraphStore, sparql: str) -> Iterable[dict[str, Any]]:
    solutions = store.query(prologue() + sparql)
    names = [variable.value for variable in solutions.variables]
    for solution in solutions:
        yield {name: solution[name] for name in names if solution[name] is not None}


def load_entities(store: GraphStore, base: str | None = None) -> list[Entity]:
    """Every typed actor under `<base>actor/` with labels, description, countries and Wikidata ids."""
    prefix = f"{base or base_iri()}actor/"
    classes = " ".join(f"<{cls}>" for cls in ACTOR_CLASSES.values())
    entities: dict[str, Entity] = {}
    for row in _select(store, f"SELECT ?a ?class WHERE {{ VALUES ?class {{ {classes} }} ?a a ?class }}"):
        actor = row["a"].value
        if not actor.startswith(prefix):
            continue
        kind = KIND_BY_CLASS[row["class"].value]
        entity = entities.setdefault(actor, Entity(actor[len(prefix):], actor, kind))
        if kind == "Country":
            entity.kind = kind
    seen: set[tuple[str, str, str | None]] = set()
    for row in _select(store, "SELECT ?a ?p ?l WHERE { VALUES ?p { skos:prefLabel rdfs:label skos:altLabel } "
                              "?a ?p ?l FILTER(isLiteral(?l)) }"):
        found = entities.get(row["a"].value)
        if found is None:
            continue
        entity = found
        text, lang = row["l"].value, getattr(row["l"], "language", None)
        preferred = not row["p"].value.endswith("altLabel")
        if (entity.iri, text, lang) in seen:
            continue
        seen.add((entity.iri, text, lang))
        entity.labels.append((text, lang, preferred))
    for row in _select(store, "SELECT ?a ?c WHERE { ?a schema:location|schema:areaServed ?c FILTER(isIRI(?c)) }"):
        if row["a"].value in entities:
            entities[row["a"].value].countries.add(row["c"].value)
    for row in _select(store, "SELECT ?a ?w WHERE { ?a skos:exactMatch|skos:closeMatch ?w "
                              f'FILTER(STRSTARTS(STR(?w), "{WIKIDATA_ENTITY}")) }}'):
        if row["a"].value in entities:
            entities[row["a"].value].wikidata.add(row["w"].value[len(WIKIDATA_ENTITY):])
    for row in _select(store, "SELECT ?a ?d WHERE { ?a schema:description ?d }"):
        if row["a"].value in entities and entities[row["a"].value].description is None:
            entities[row["a"].value].description = row["d"].value
    for entity in entities.values():  # a stable order: preferred labels first, then by language and text
        entity.labels.sort(key=lambda label: (not label[2], label[1] or "", label[0]))
    return sorted(entities.values(), key=lambda e: e.id)


class Index:
    """Entities indexed by the comparable forms of their labels and aliases."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = list(entities)
        self.by_iri = {e.iri: e for e in self.entities}
        self.by_id = {e.id: e for e in self.entities}
        self.forms: dict[str, dict[str, list[tuple[int, bool]]]] = {k: defaultdict(list) for k in ("plain", "latin")}
        self.lemmas_by_first: dict[str, list[tuple[int, tuple[frozenset[str], ...], bool]]] = defaultdict(list)
        self.latin_by_token: dict[str, set[tuple[int, str, bool]]] = defaultdict(set)
        for number, entity in enumerate(self.entities):
            for text, lang, preferred in entity.labels:
                for kind, values in forms(text, lang).items():
                    for value in values:
                        self.forms[kind][value].append((number, preferred))
                        if kind == "latin":
                            for token in value.split():
                                self.latin_by_token[token[:3]].add((number, value, preferred))
                for reading in readings(text, lang):
                    for lemma in reading[0] if reading else ():
                        self.lemmas_by_first[lemma].append((number, reading, preferred))

    def country_names(self, entity: Entity) -> set[str]:
        """Plain forms of an entity's countries: their ids and every label."""
        names: set[str] = set()
        for country in entity.countries:
            other = self.by_iri.get(country)
            if other is not None:
                names.add(plain(other.id.replace("-", " ")))
                names.update(plain(text) for text, _, _ in other.labels)
        return names

    def _name_scores(self, query: str) -> dict[int, tuple[float, str]]:
        best: dict[int, tuple[float, str]] = {}

        def offer(number: int, score: float, how: str) -> None:
            if score > best.get(number, (0.0, ""))[0]:
                best[number] = (score, how)

        query_forms = forms(query)
        for kind, values in query_forms.items():
            for value in values:
                for number, preferred in self.forms[kind].get(value, ()):
                    offer(number, LEVELS[(kind, preferred)], f"{kind} {'label' if preferred else 'alias'}")
        for reading in readings(query):
            for lemma in reading[0] if reading else ():
                for number, lemma_words, preferred in self.lemmas_by_first.get(lemma, ()):
                    if same_lemmas(reading, lemma_words):
                        offer(number, LEVELS[("lemma", preferred)], f"lemma {'label' if preferred else 'alias'}")
        for value in query_forms["latin"]:
            near = {hit for token in value.split() for hit in self.latin_by_token.get(token[:3], ())}
            for number, other, _preferred in near:
                if number in best:
                    continue
                ratio = similarity(value, other)
                if ratio >= FUZZY_MIN_RATIO:
                    offer(number, round(ratio * FUZZY_MAX, 1), "similar")
        return best

    def reconcile(self, query: str, types: Sequence[str] = (), limit: int = 5,
                  properties: Sequence[tuple[str, list[str]]] = ()) -> list[Match]:
        """Candidates for one query, best first, at most `limit`."""
        wanted = set(types)
        scored: list[Match] = []
        names = self._name_scores(query) if query.strip() else \
            {number: (0.0, "no name") for number in range(len(self.entities))}
        for number, (score, how) in names.items():
            entity = self.entities[number]
            if wanted and entity.kind not in wanted:
                continue
            features: list[tuple[str, float | bool]] = [("name", score)]
            for pid, values in properties:
                verdict = self._property(entity, pid, values)
                if verdict is None:
                    continue
                features.append((pid, verdict))
                if pid == "wikidata":
                    score = 100.0 if verdict else score - 50
                elif not verdict:
                    score -= 30
            if score > 0:
                scored.append(Match(entity, score, how, tuple(features)))
        scored.sort(key=lambda m: (-m.score, m.entity.id))
        top = scored[:max(0, limit)]
        if top and top[0].score >= MATCH_SCORE and (len(scored) < 2 or scored[1].score < top[0].score):
            top[0] = Match(top[0].entity, top[0].score, top[0].how, top[0].features, True)
        return top

    def _property(self, entity: Entity, pid: str, values: list[str]) -> bool | None:
        """True/False when the entity's value agrees/disagrees; None when it has none or `pid` is unknown."""
        if pid == "wikidata":
            if not entity.wikidata:
                return None
            wanted = {v.strip().rsplit("/", 1)[-1] for v in values}
            return bool(wanted & entity.wikidata)
        if pid == "country":
            names = self.country_names(entity)
            if not names:
                return None
            return any(plain(v.replace("-", " ").replace("_", " ")) in names for v in values)
        return None

    def suggest(self, prefix: str, types: Sequence[str] = (), limit: int = 10, cursor: int = 0) -> list[Entity]:
        """Entities with a label or alias (or a word of one) starting with `prefix`, in any script."""
        wanted = set(types)
        keys = {form for values in forms(prefix).values() for form in values if form}
        found: list[tuple[int, str, Entity]] = []
        for entity in self.entities:
            if wanted and entity.kind not in wanted:
                continue
            rank = None
            for text, lang, preferred in entity.labels:
                for kind_values in forms(text, lang).values():
                    for value in kind_values:
                        if any(value.startswith(k) for k in keys):
                            rank = min(rank if rank is not None else 9, 0 if preferred else 1)
                        elif any(word.startswith(k) for k in keys for word in value.split()):
                            rank = min(rank if rank is not None else 9, 2 if preferred else 3)
            if rank is not None:
                found.append((rank, entity.name.casefold(), entity))
        found.sort(key=lambda item: (item[0], item[1]))
        return [entity for _, _, entity in found[cursor:cursor + limit]]
