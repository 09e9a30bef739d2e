"""Content negotiation: the output formats for SPARQL results and RDF graphs, registered in one place."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Request

from server.errors import ApiError


@dataclass(frozen=True)
class OutputFormat:
    """A format by short name, with its media type, aliases and the pyoxigraph format that writes it."""

    name: str
    media_type: str
    writer: ox.QueryResultsFormat | ox.RdfFormat
    aliases: tuple[str, ...] = ()


#: SELECT and ASK results.
RESULT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("json", "application/sparql-results+json", ox.QueryResultsFormat.JSON, ("application/json",)),
    OutputFormat("xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML, ("application/xml",
                                                                                        "text/xml")),
    OutputFormat("csv", "text/csv", ox.QueryResultsFormat.CSV),
    OutputFormat("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
)

#: CONSTRUCT and DESCRIBE results, and RDF documents.
GRAPH_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("turtle", "text/turtle", ox.RdfFormat.TURTLE, ("ttl", "application/x-turtle")),
    OutputFormat("ntriples", "application/n-triples", ox.RdfFormat.N_TRIPLES, ("nt", "text/plain")),
    OutputFormat("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, ("json-ld", "json", "application/json")),
    OutputFormat("rdfxml", "application/rdf+xml", ox.RdfFormat.RDF_XML, ("xml", "rdf", "application/xml")),
    OutputFormat("trig", "application/trig", ox.RdfFormat.TRIG),
    OutputFormat("nquads", "application/n-quads", ox.RdfFormat.N_QUADS, ("nq",)),
)


def _by_name(formats: tuple[OutputFormat, ...], name: str) -> OutputFormat | None:
    key = name.strip().lower()
    for fmt in formats:
        if key in (fmt.name, fmt.media_type, *fmt.aliases):
            return fmt
    return None


def accepted_list(formats: tuple[OutputFormat, ...]) -> list[str]:
    """Media types a client may ask for, for 406 messages."""
    return [fmt.media_type for fmt in formats]


def choose_format(request: Request, formats: tuple[OutputFormat, ...], override: str | None = None) -> OutputFormat:
    """The format a client asked for: `?format=` (or `override`) first, then Accept with q-values; the first
    registered format when the client accepts anything. Raises 406 listing what is accepted."""
    name = override or request.args.get("format") or request.args.get("output")
    if name:
        fmt = _by_name(formats, name)
        if fmt is None:
            raise ApiError(406, f"unknown format {name!r}; accepted: "
                           + ", ".join(f"{f.name} ({f.media_type})" for f in formats),
                           accepted=accepted_list(formats))
        return fmt
    accept = request.accept_mimetypes
    if not accept or not request.headers.get("Accept"):
        return formats[0]
    offers: dict[str, OutputFormat] = {}
    for fmt in formats:
        for media in (fmt.media_type, *(a for a in fmt.aliases if "/" in a)):
            offers.setdefault(media, fmt)
    best = accept.best_match(list(offers))
    if best is None:
        raise ApiError(406, f"cannot produce any of the accepted types ({request.headers.get('Accept')}); "
                       "accepted: " + ", ".join(accepted_list(formats)), accepted=accepted_list(formats))
    return offers[best]
