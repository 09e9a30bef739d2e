"""The domain gazetteer: known actors and places of this conflict's reporting, loaded from gazetteer.toml.

Each entry has a stable id, a kind (Person, Organization, Country, Place), labels in uk/en/ru, aliases per
language, the Wikidata id where it is certain, and optional flags: `metonym_of` (a capital standing for its
government, "Сеул" -> south_korea), `titles` (role phrases that name the person, "лідер КНДР"), `roles`
(outlet, intelligence, military, government, international, region, city, …) and `country`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SDO, SKOS

from ontology.iris import actor_iri
from ontology.namespaces import ACTOR_CLASSES, RG, SEM, WD

LANGUAGES = ("uk", "en", "ru")
KINDS = frozenset(ACTOR_CLASSES)


class GazetteerError(ValueError):
    """The gazetteer file is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class GazetteerEntry:
    """One known actor or place."""

    id: str
    kind: str
    labels: dict[str, str]
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    wikidata: str | None = None
    metonym_of: str | None = None
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    roles: tuple[str, ...] = ()
    country: str | None = None

    @property
    def iri(self) -> URIRef:
        """The actor's stable IRI under the instance base."""
        return actor_iri(self.id)

    @property
    def name(self) -> str:
        """The English label (the display name in the gold schema)."""
        return self.labels["en"]

    def surface_forms(self, lang: str | None = None) -> Iterator[tuple[str, str]]:
        """(form, how) pairs: labels, aliases and titles, for one language or all."""
        for code in (lang,) if lang else LANGUAGES:
            if code in self.labels:
                yield self.labels[code], "label"
            for alias in self.aliases.get(code, ()):
                yield alias, "alias"
            for title in self.titles.get(code, ()):
                yield title, "title"


def _strings(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise GazetteerError(f"{where}: expected a string or a list of strings, got {value!r}")


def parse_entry(raw: dict[str, object]) -> GazetteerEntry:
    """Validate one `[[entity]]` table and build its entry."""
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        raise GazetteerError(f"an entity has no string id: {raw!r}")
    kind = raw.get("type")
    if kind not in KINDS:
        raise GazetteerError(f"{entry_id}: type must be one of {sorted(KINDS)}, got {kind!r}")
    labels = {lang: str(raw[lang]) for lang in LANGUAGES if isinstance(raw.get(lang), str)}
    if "en" not in labels or "uk" not in labels:
        raise GazetteerError(f"{entry_id}: needs at least the labels 'en' and 'uk'")
    aliases = {lang: _strings(raw[f"aliases_{lang}"], f"{entry_id}.aliases_{lang}")
               for lang in LANGUAGES if f"aliases_{lang}" in raw}
    titles = {lang: _strings(raw[f"titles_{lang}"], f"{entry_id}.titles_{lang}")
              for lang in LANGUAGES if f"titles_{lang}" in raw}
    wikidata = raw.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and wikidata[:1] == "Q" and wikidata[1:].isdigit()):
        raise GazetteerError(f"{entry_id}: wikidata must look like 'Q123', got {wikidata!r}")
    known = {"id", "type", "wikidata", "metonym_of", "roles", "country", *LANGUAGES,
             *(f"aliases_{lang}" for lang in LANGUAGES), *(f"titles_{lang}" for lang in LANGUAGES)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise GazetteerError(f"{entry_id}: unknown field(s) {unknown}; accepted: {sorted(known)}")
    return GazetteerEntry(
        id=entry_id,
        kind=str(kind),
        labels=labels,
        aliases=aliases,
        wikidata=wikidata,
        metonym_of=raw.get("metonym_of") if isinstance(raw.get("metonym_of"), str) else None,  # type: ignore[arg-type]
        titles=titles,
        roles=_strings(raw.get("roles", []), f"{entry_id}.roles"),
        country=raw.get("country") if isinstance(raw.get("country"), str) else None,  # type: ignore[arg-type]
    )


def parse_gazetteer(text: str) -> dict[str, GazetteerEntry]:
    """Parse gazetteer TOML text; ids must be unique and every cross-reference must resolve."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GazetteerError(f"gazetteer is not valid TOML: {exc}") from exc
    entries: dict[str, GazetteerEntry] = {}
    for raw in data.get("entity", []):
        entry = parse_entry(raw)
        if entry.id in entries:
            raise GazetteerError(f"duplicate gazetteer id {entry.id!r}")
        entries[entry.id] = entry
    for entry in entries.values():
        for ref in (entry.metonym_of, entry.country):
            if ref is not None and ref not in entries:
                raise GazetteerError(f"{entry.id}: refers to unknown id {ref!r}")
    return entries


@lru_cache(maxsize=1)
def load_gazetteer() -> dict[str, GazetteerEntry]:
    """The bundled gazetteer, parsed once per process."""
    text = resources.files("ontology").joinpath("gazetteer.toml").read_text(encoding="utf-8")
    return parse_gazetteer(text)


def gazetteer_graph(entries: dict[str, GazetteerEntry] | None = None) -> Graph:
    """The gazetteer as RDF: types, language-tagged labels, aliases, curated Wikidata links."""
    graph = Graph()
    for entry in (entries or load_gazetteer()).values():
        node = entry.iri
        graph.add((node, RDF.type, ACTOR_CLASSES[entry.kind]))
        graph.add((node, RDF.type, SEM.Place if entry.kind in ("Place", "Country") else SEM.Actor))
        graph.add((node, RG.gazetteerId, Literal(entry.id)))
        graph.add((node, RDFS.label, Literal(entry.name, lang="en")))
        for lang, label in entry.labels.items():
            graph.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
        for lang in LANGUAGES:  # aliases and titles both become altLabels; neither may hide the other
            for form in (*entry.aliases.get(lang, ()), *entry.titles.get(lang, ())):
                graph.add((node, SKOS.altLabel, Literal(form, lang=lang)))
        if entry.wikidata:
            graph.add((node, SKOS.exactMatch, WD[entry.wikidata]))
        if entry.metonym_of:
            graph.add((node, RG.metonymFor, actor_iri(entry.metonym_of)))
        if entry.country:
            graph.add((node, SDO.location if entry.kind == "Place" else SDO.areaServed, actor_iri(entry.country)))
    return graph
