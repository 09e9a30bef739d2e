"""RDF serialisation formats known to the store: short names, file extensions and media types."""

from __future__ import annotations

import pyoxigraph as ox

from store.base import StoreError

#: Short name -> pyoxigraph format. The first name of each format is its canonical one.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "nq": ox.RdfFormat.N_QUADS,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "rdf": ox.RdfFormat.RDF_XML,
    "xml": ox.RdfFormat.RDF_XML,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "n3": ox.RdfFormat.N3,
}


def rdf_format(name_or_path: str) -> ox.RdfFormat:
    """The format for a short name ("ttl"), a media type ("text/turtle") or a file name ("x.trig")."""
    key = name_or_path.lower()
    if key in RDF_FORMATS:
        return RDF_FORMATS[key]
    if "/" in key and not key.startswith((".", "/")):
        found = ox.RdfFormat.from_media_type(key)
        if found is not None:
            return found
    suffix = key.rsplit(".", 1)[-1]
    if suffix in RDF_FORMATS:
        return RDF_FORMATS[suffix]
    found = ox.RdfFormat.from_extension(suffix)
    if found is None:
        raise StoreError(f"unknown RDF format {name_or_path!r}; accepted: {', '.join(sorted(RDF_FORMATS))}")
    return found
