"""Link targets: the actors and places in the store without a curated Wikidata link, with their labels, the type
they must have on the other side, and the strong keys (identifiers) that can make a match certain.

"Curated" means a `skos:exactMatch` to a Wikidata entity in any graph except the linking service's own graphs
(the gazetteer's ids, a partner's triples loaded with `reportgraph load`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ontology.iris import system_graph_iri
from ontology.namespaces import ACTOR_CLASSES, PREFIXES, WD
from store.base import GraphStore

#: The linking service's own named graphs (derived data; never counted as curated).
LINKS_GRAPH = "links"
REVIEW_GRAPH = "link-review"
DECISIONS_GRAPH = "link-decisions"

#: Actor kind -> the Wikidata classes an item must be an instance of (through P31/P279*). One registry: add a
#: class here to widen what a kind may match.
EXPECTED_TYPES: dict[str, tuple[str, ...]] = {
    "Person": ("Q5",),  # human
    "Organization": ("Q43229",),  # organization (news agencies, ministries, armies are subclasses)
    "Country": ("Q6256", "Q3624078"),  # country, sovereign state
    "Place": (
        "Q515",  # city
        "Q486972",  # human settlement
        "Q56061",  # administrative territorial entity (oblasts, krais)
        "Q82794",  # geographic region
        "Q15324",  # body of water (rivers)
    ),
}

KIND_BY_CLASS = {str(cls): kind for kind, cls in ACTOR_CLASSES.items()}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LANGUAGES = ("uk", "en", "ru")


@dataclass(frozen=True)
class Label:
    """One name of a target: its text, language, and whether it is a preferred label (or an alias)."""

    text: str
    lang: str
    preferred: bool


@dataclass(frozen=True)
class Target:
    """An actor or place to link."""

    iri: str
    kind: str
    labels: tuple[Label, ...]
    keys: dict[str, frozenset[str]] = field(default_factory=dict)  # strong-key name -> normalised values

    @property
    def name(self) -> str:
        """A display name: the English preferred label, else the first label."""
        for label in self.labels:
            if label.lang == "en" and label.preferred:
                return label.text
        return self.labels[0].text if self.labels else self.iri

    @property
    def types(self) -> tuple[str, ...]:
        """The Wikidata classes a candidate must belong to."""
        return EXPECTED_TYPES[self.kind]


@dataclass(frozen=True)
class StrongKey:
    """An identifier shared by both sides that makes a match unambiguous (then `skos:exactMatch`).

    `local` is a SPARQL group binding ?actor and ?value in our store; `remote` the Wikidata property holding the
    same identifier (None: the value is the candidate item's IRI itself); `normalise` maps both sides to one form.
    """

    name: str
    local: str
    remote: str | None
    normalise: Callable[[str], str | None]


def _wikidata_iri(value: str) -> str | None:
    return value if value.startswith(str(WD)) else None


def _geonames_id(value: str) -> str | None:
    match = re.search(r"geonames\.org/(\d+)", value) or re.fullmatch(r"\s*(\d+)\s*", value)
    return match.group(1) if match else None


def _web_host(value: str) -> str | None:
    match = re.match(r"(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?([^/:?#\s]+)", value.strip().lower())
    return match.group(1) if match and "." in match.group(1) else None


#: One registry of strong keys; the candidate description query fetches every `remote` property.
STRONG_KEYS: tuple[StrongKey, ...] = (
    # A Wikidata id proposed by the extractor (skos:closeMatch in a report graph), confirmed by label and type.
    StrongKey("wikidata", "?actor skos:closeMatch ?value", None, _wikidata_iri),
    # A GeoNames id from loaded external data (owl:sameAs / skos:exactMatch / schema:sameAs to sws.geonames.org).
    StrongKey("geonames", "?actor owl:sameAs|skos:exactMatch|schema:sameAs ?value . "
              'FILTER(CONTAINS(STR(?value), "geonames.org/"))', "P1566", _geonames_id),
    # An official website (schema:url on the actor, P856 on the item), compared by host name.
    StrongKey("website", "?actor schema:url ?value", "P856", _web_host),
)


def prologue() -> str:
    """PREFIX declarations for the store's own vocabularies."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def own_graphs(base: str | None = None) -> tuple[str, ...]:
    """The IRIs of the linking service's own graphs."""
    return tuple(str(system_graph_iri(name, base)) for name in (LINKS_GRAPH, REVIEW_GRAPH, DECISIONS_GRAPH))


def _rows(store: GraphStore, sparql: str, **kwargs: Any) -> Iterator[dict[str, str]]:
    """Solutions as {variable: lexical value}, unbound variables left out."""
    solutions = store.query(prologue() + sparql, **kwargs)
    names = [variable.value for variable in solutions.variables]
    for solution in solutions:
        yield {name: solution[name].value for name in names if solution[name] is not None}


def _label_language(text: str, lang: str) -> tuple[str, ...]:
    if lang in LANGUAGES:
        return (lang,)
    if lang:
        return ()
    return ("uk", "ru") if _CYRILLIC.search(text) else ("en",)


def curated_actors(store: GraphStore, base: str | None = None) -> set[str]:
    """Actors with a `skos:exactMatch` to a Wikidata entity outside the linking service's own graphs."""
    mine = own_graphs(base)
    found = {row["actor"] for row in _rows(store, "SELECT ?actor WHERE { ?actor skos:exactMatch ?wd "
                                           f'FILTER(STRSTARTS(STR(?wd), "{WD}")) }}', union_default_graph=False)}
    named = "SELECT ?g ?actor WHERE { GRAPH ?g { ?actor skos:exactMatch ?wd } " \
            f'FILTER(STRSTARTS(STR(?wd), "{WD}")) }}'
    found |= {row["actor"] for row in _rows(store, named) if row["g"] not in mine}
    return found


def strong_key_values(store: GraphStore, base: str | None = None) -> dict[str, dict[str, set[str]]]:
    """actor IRI -> strong-key name -> normalised values, read from every graph but the service's own."""
    mine = own_graphs(base)
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key in STRONG_KEYS:
        sparql = f"SELECT ?g ?actor ?value WHERE {{ GRAPH ?g {{ {key.local} }} }}"
        for row in _rows(store, sparql):
            if row["g"] in mine:
                continue
            value = key.normalise(row["value"])
            if value:
                values[row["actor"]][key.name].add(value)
    return values


def find_targets(store: GraphStore, base: str | None = None) -> list[Target]:
    """Every typed actor or place without a curated link, sorted by IRI, with its labels in uk, en and ru."""
    classes = " ".join(f"<{cls}>" for cls in ACTOR_CLASSES.values())
    sparql = ("SELECT ?actor ?class ?prop ?label WHERE { VALUES ?class { " + classes + " } ?actor a ?class . "
              "VALUES ?prop { skos:prefLabel rdfs:label skos:altLabel } ?actor ?prop ?label "
              "FILTER(isIRI(?actor) && isLiteral(?label)) }")
    kinds: dict[str, str] = {}
    labels: dict[str, dict[tuple[str, str], bool]] = defaultdict(dict)
    rows = list(store.query(prologue() + sparql))
    for solution in rows:
        actor, cls = solution["actor"].value, solution["class"].value
        kinds.setdefault(actor, KIND_BY_CLASS[cls])
        if KIND_BY_CLASS[cls] == "Country":  # a Country is also a Place in some data: the narrower kind wins
            kinds[actor] = "Country"
        literal = solution["label"]
        preferred = not solution["prop"].value.endswith("altLabel")
        text = " ".join(literal.value.split())
        for lang in _label_language(text, getattr(literal, "language", None) or ""):
            key = (text, lang)
            labels[actor][key] = labels[actor].get(key, False) or preferred
    curated = curated_actors(store, base)
    keys = strong_key_values(store, base)
    targets = []
    for actor in sorted(kinds):
        if actor in curated or not labels[actor]:
            continue
        ordered = sorted(labels[actor].items(), key=lambda item: (not item[1], LANGUAGES.index(item[0][1]),
                                                                   item[0][0]))
        targets.append(Target(
            iri=actor, kind=kinds[actor],
            labels=tuple(Label(text, lang, preferred) for (text, lang), preferred in ordered),
            keys={name: frozenset(found) for name, found in keys.get(actor, {}).items()},
        ))
    return targets
