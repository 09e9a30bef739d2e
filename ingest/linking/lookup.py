"""Candidate queries against a Wikidata-shaped SPARQL endpoint, built as VALUES batches, and their answers (pure).

Two kinds of query: `lookup` finds items whose label or alias (`rdfs:label`, `skos:altLabel`) is exactly one of
the given language-tagged names and that are instances of an expected class (`wdt:P31/wdt:P279*`); `describe`
fetches what is kept beside a link (English label, description, coordinates) and the strong keys of candidates.
Every literal and IRI is written by rdflib's N3 serialiser, never by pasting text into the query.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from ingest.linking.targets import STRONG_KEYS

WIKIDATA_PREFIXES = (
    "PREFIX wd: <http://www.wikidata.org/entity/>\n"
    "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "PREFIX schema: <http://schema.org/>\n"
)
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
#: Wikidata writes descriptions with the http (not https) schema.org namespace.
WIKIDATA_DESCRIPTION = "http://schema.org/description"
WIKIDATA_COORDINATES = "http://www.wikidata.org/prop/direct/P625"


@dataclass(frozen=True)
class Lookup:
    """One language-tagged name to look up, with the classes its candidates must belong to."""

    text: str
    lang: str
    types: tuple[str, ...]

    @property
    def key(self) -> str:
        """A stable cache key (independent of the batch it was sent in)."""
        return json.dumps([self.text, self.lang, sorted(self.types)], ensure_ascii=False)


@dataclass(frozen=True)
class Hit:
    """An item found for a lookup: which item, whether the name is its label or an alias, and its class."""

    item: str
    how: str  # "label" | "alias"
    cls: str


@dataclass(frozen=True)
class ItemDetails:
    """What is known of a candidate item: English label, description, coordinates (WKT), strong keys."""

    item: str
    label: str | None = None
    description: str | None = None
    coordinates: tuple[tuple[str, str | None], ...] = ()  # (lexical form, datatype IRI)
    keys: dict[str, frozenset[str]] = field(default_factory=dict)


def entity_iri(qid: str) -> str:
    """`Q123` -> the Wikidata entity IRI; an IRI is returned as it is."""
    return qid if "://" in qid else f"{WIKIDATA_ENTITY}{qid}"


def batches(items: Sequence[Lookup], size: int) -> Iterator[list[Lookup]]:
    """Lookups grouped by their expected classes (one VALUES ?class per query), then cut to `size`."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    groups: dict[tuple[str, ...], list[Lookup]] = defaultdict(list)
    for item in items:
        groups[tuple(sorted(item.types))].append(item)
    for types in sorted(groups):
        group = groups[types]
        for start in range(0, len(group), size):
            yield group[start:start + size]


def lookup_query(batch: Sequence[Lookup]) -> str:
    """The candidate query for lookups sharing their expected classes; ?key is the lookup's index in `batch`."""
    if not batch:
        raise ValueError("an empty batch has no query")
    types = batch[0].types
    if any(item.types != types for item in batch):
        raise ValueError("a batch must share its expected classes")
    rows = " ".join(f'("{index}" {Literal(item.text, lang=item.lang).n3()})' for index, item in enumerate(batch))
    classes = " ".join(URIRef(entity_iri(t)).n3() for t in types)
    return (WIKIDATA_PREFIXES
            + "SELECT DISTINCT ?key ?item ?how ?class WHERE {\n"
            + f"  VALUES (?key ?label) {{ {rows} }}\n"
            + '  { ?item rdfs:label ?label . BIND("label" AS ?how) }\n'
            + '  UNION { ?item skos:altLabel ?label . BIND("alias" AS ?how) }\n'
            + "  ?item wdt:P31/wdt:P279* ?class .\n"
            + f"  VALUES ?class {{ {classes} }}\n"
            + "}\n")


def parse_lookup(batch: Sequence[Lookup], bindings: Iterable[dict[str, dict[str, str]]]) -> dict[str, list[Hit]]:
    """SPARQL JSON bindings of `lookup_query(batch)` -> lookup key -> hits (every lookup present, maybe empty)."""
    found: dict[str, list[Hit]] = {item.key: [] for item in batch}
    for row in bindings:
        try:
            lookup = batch[int(row["key"]["value"])]
            hit = Hit(row["item"]["value"], row["how"]["value"], row["class"]["value"])
        except (KeyError, ValueError, IndexError) as exc:
            raise ValueError(f"unexpected row in the endpoint's answer: {row!r}") from exc
        if hit not in found[lookup.key]:
            found[lookup.key].append(hit)
    return found


def describe_query(items: Sequence[str]) -> str:
    """English label, description, coordinates and strong keys of `items`, one (field, value) per row."""
    if not items:
        raise ValueError("no items to describe")
    values = " ".join(URIRef(item).n3() for item in items)
    branches = [
        '{ ?item rdfs:label ?value . FILTER(LANG(?value) = "en") BIND("label" AS ?field) }',
        '{ ?item schema:description ?value . FILTER(LANG(?value) = "en") BIND("description" AS ?field) }',
        '{ ?item wdt:P625 ?value . BIND("coordinates" AS ?field) }',
        *(f'{{ ?item wdt:{key.remote} ?value . BIND("key:{key.name}" AS ?field) }}'
          for key in STRONG_KEYS if key.remote),
    ]
    return (WIKIDATA_PREFIXES
            + "SELECT ?item ?field ?value WHERE {\n"
            + f"  VALUES ?item {{ {values} }}\n  "
            + "\n  UNION ".join(branches)
            + "\n}\n")


def describe_rows(bindings: Iterable[dict[str, dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
    """SPARQL JSON bindings of `describe_query` -> item -> [{"field", "value", "datatype"?}] (cacheable)."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in bindings:
        try:
            entry = {"field": row["field"]["value"], "value": row["value"]["value"]}
        except KeyError as exc:
            raise ValueError(f"unexpected row in the endpoint's answer: {row!r}") from exc
        if row["value"].get("datatype"):
            entry["datatype"] = row["value"]["datatype"]
        rows[row["item"]["value"]].append(entry)
    return rows


def item_details(item: str, rows: Iterable[dict[str, str]]) -> ItemDetails:
    """Build an item's details from its cached describe rows."""
    label = description = None
    coordinates: list[tuple[str, str | None]] = []
    keys: dict[str, set[str]] = defaultdict(set)
    by_name = {key.name: key for key in STRONG_KEYS}
    for row in rows:
        name, value = row["field"], row["value"]
        if name == "label":
            label = label or value
        elif name == "description":
            description = description or value
        elif name == "coordinates":
            coordinates.append((value, row.get("datatype")))
        elif name.startswith("key:") and name[4:] in by_name:
            normalised = by_name[name[4:]].normalise(value)
            if normalised:
                keys[name[4:]].add(normalised)
    return ItemDetails(item, label, description, tuple(sorted(set(coordinates), key=str)),
                       {name: frozenset(values) for name, values in keys.items()})
