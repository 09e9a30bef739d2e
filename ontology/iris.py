"""Instance IRIs: one configurable base (KG_BASE_IRI) and readable, deterministic paths."""

from __future__ import annotations

import os
import re
import unicodedata

from rdflib import URIRef

DEFAULT_BASE_IRI = "https://w3id.org/reportgraph/id/"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def base_iri() -> str:
    """The instance base IRI from KG_BASE_IRI, always ending in a slash."""
    base = os.environ.get("KG_BASE_IRI", DEFAULT_BASE_IRI).strip() or DEFAULT_BASE_IRI
    return base if base.endswith(("/", "#")) else base + "/"


def slugify(text: str) -> str:
    """A lower-case ASCII slug with hyphens: "Kim Jong Un" -> "kim-jong-un" (non-Latin text must be
    transliterated first; what cannot be folded to ASCII is dropped)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_SLUG.sub("-", folded).strip("-")


def iri(kind: str, key: str, base: str | None = None) -> URIRef:
    """The IRI of an instance of `kind` (actor, report, figure, event, graph/…) with `key`."""
    return URIRef(f"{base or base_iri()}{kind}/{key}")


def actor_iri(actor_id: str, base: str | None = None) -> URIRef:
    """An actor's IRI from its gazetteer id or normalised name; underscores become hyphens."""
    return iri("actor", slugify(actor_id.replace("_", "-")), base)


def report_iri(content_hash: str, base: str | None = None) -> URIRef:
    """A report's IRI from its content hash."""
    return iri("report", content_hash, base)


def report_graph_iri(content_hash: str, base: str | None = None) -> URIRef:
    """The named graph that holds one report's statements."""
    return iri("graph/report", content_hash, base)


def system_graph_iri(name: str, base: str | None = None) -> URIRef:
    """A named graph of the service itself: ontology, gazetteer, links, external/…"""
    return iri("graph", name, base)
