"""Content negotiation: the output formats for SPARQL results and RDF graphs, registered in one place.

A client picks a format with `?format=` (or `output=`: a short name, alias or media type), else with Accept
(q-values, `type/*` and `*/*` honoured; the first registered format wins ties and an absent Accept). A request
that accepts none of them gets 406 with the list of what is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from flask import Request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from server.errors import ApiError


@dataclass(frozen=True)
class OutputFormat:
    """A format by short name, with its media type, aliases and the pyoxigraph format that writes it."""

    name: str
    media_type: str
    writer: ox.QueryResultsFormat | ox.RdfFormat
    aliases: tuple[str, ...] = ()
    format_iri: str | None = None  # the W3C "Unique URI for a format" (service descriptions name formats by it)


_W3 = "http://www.w3.org/ns/formats/"

#: SELECT and ASK results.
RESULT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("json", "application/sparql-results+json", ox.QueryResultsFormat.JSON, ("application/json",),
                 f"{_W3}SPARQL_Results_JSON"),
    OutputFormat("xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML, ("application/xml",
                                                                                        "text/xml"),
                 f"{_W3}SPARQL_Results_XML"),
    OutputFormat("csv", "text/csv", ox.QueryResultsFormat.CSV, (), f"{_W3}SPARQL_Results_CSV"),
    OutputFormat("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV, ("tab",), f"{_W3}SPARQL_Results_TSV"),
)

#: CONSTRUCT and DESCRIBE results, and RDF documents.
GRAPH_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("turtle", "text/turtle", ox.RdfFormat.TURTLE, ("ttl", "n3", "application/x-turtle",
                                                               "application/turtle", "text/n3", "text/rdf+n3"),
                 f"{_W3}Turtle"),
    OutputFormat("ntriples", "application/n-triples", ox.RdfFormat.N_TRIPLES, ("nt", "text/plain"),
                 f"{_W3}N-Triples"),
    OutputFormat("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, ("json-ld", "json", "application/json",
                                                                     "application/x-json+ld"),
                 f"{_W3}JSON-LD"),
    OutputFormat("rdfxml", "application/rdf+xml", ox.RdfFormat.RDF_XML, ("xml", "rdf", "rdf+xml", "application/xml"),
                 f"{_W3}RDF_XML"),
    OutputFormat("trig", "application/trig", ox.RdfFormat.TRIG, (), f"{_W3}TriG"),
    OutputFormat("nquads", "application/n-quads", ox.RdfFormat.N_QUADS, ("nq",), f"{_W3}N-Quads"),
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


def format_override(request: Request) -> str | None:
    """The format named by `format=` or `output=` (in the URL, or in a POSTed form as SPARQLWrapper sends it)."""
    args = request.args
    name = args.get("format") or args.get("output")
    if name is None and request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded":
        name = request.form.get("format") or request.form.get("output")
    return name


def negotiate(request: Request, formats: tuple[OutputFormat, ...], override: str | None = None) -> OutputFormat | None:
    """The format a client asked for, or None when it accepts none of `formats`."""
    name = override or format_override(request)
    if name:
        return _by_name(formats, name)
    return _by_accept(request.headers.get("Accept") or "", formats)


@lru_cache(maxsize=512)
def _by_accept(header: str, formats: tuple[OutputFormat, ...]) -> OutputFormat | None:
    """The best of `formats` for an Accept header (cached: clients send the same few headers again and again)."""
    if not header.strip():
        return formats[0]
    offers: dict[str, OutputFormat] = {fmt.media_type: fmt for fmt in formats}  # main types win wildcard ties
    for fmt in formats:
        for media in (a for a in fmt.aliases if "/" in a):
            offers.setdefault(media, fmt)
    # Media-type parameters (charset=utf-8) do not change which format fits; q-values stay.
    accepted = MIMEAccept([(value.split(";", 1)[0].strip(), quality)
                           for value, quality in parse_accept_header(header, MIMEAccept)])
    best = accepted.best_match(list(offers))
    return None if best is None else offers[best]


def not_acceptable(request: Request, formats: tuple[OutputFormat, ...], override: str | None = None) -> ApiError:
    """The 406 error for a request that accepts none of `formats`, listing them."""
    name = override or format_override(request)
    listing = ", ".join(f"{f.name} ({f.media_type})" for f in formats)
    if name:
        return ApiError(406, f"unknown format {name!r}; accepted: {listing}", accepted=accepted_list(formats))
    return ApiError(406, f"cannot produce any of the accepted types ({request.headers.get('Accept')}); "
                    f"accepted: {listing}", accepted=accepted_list(formats))


def choose_format(request: Request, formats: tuple[OutputFormat, ...], override: str | None = None) -> OutputFormat:
    """The format a client asked for: `?format=` (or `override`) first, then Accept with q-values; the first
    registered format when the client accepts anything. Raises 406 listing what is accepted."""
    fmt = negotiate(request, formats, override)
    if fmt is None:
        raise not_acceptable(request, formats, override)
    return fmt
