"""Running one SPARQL query against a pyoxigraph store with a row cap, serialised by pyoxigraph.

`execute` is the single place a read query is evaluated, whether in a worker process (on-disk stores, killed at
the deadline) or in a thread of the server (in-memory stores). The request and the outcome are plain, picklable
values; failures are the exceptions below, each mapped to one HTTP status by the server.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

from store.sparql_text import SparqlTextError, has_dataset_clause, service_targets


class QueryError(Exception):
    """A query could not be answered; `status` is the HTTP status the server answers with."""

    status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return (type(self), (self.message,))


class QuerySyntaxError(QueryError):
    """The query does not parse."""

    status = 400


class ServiceNotAllowed(QueryError):
    """A SERVICE clause names an endpoint that is not on the allow-list."""

    status = 403


class FormatNotAcceptable(QueryError):
    """The client accepts no format for this kind of result ("solutions", "boolean" or "graph")."""

    status = 406


class QueryTimeout(QueryError):
    """The query did not finish within its time budget."""

    status = 504


class TooBusy(QueryError):
    """Every query slot stayed busy for as long as a request may wait."""

    status = 503


class UpstreamFailed(QueryError):
    """A SERVICE endpoint failed or could not be reached."""

    status = 502


class QueryFailed(QueryError):
    """The engine failed while evaluating (a store error, a crashed worker)."""

    status = 500


@dataclass(frozen=True)
class QueryRequest:
    """One query to run. Formats are media types ("" when the client accepts none for that kind of result);
    `default_graphs`/`named_graphs` are the protocol's dataset (None: not given)."""

    query: str
    results_media_type: str = "application/sparql-results+json"
    graph_media_type: str = "text/turtle"
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    max_rows: int = 100_000
    service_allowlist: tuple[str, ...] = ()
    prefixes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class QueryOutcome:
    """A serialised result: its kind ("solutions", "boolean", "graph"), media type, body, the number of rows
    (solutions or triples) in the body, whether the row cap cut it, and the time spent in the engine."""

    kind: str
    media_type: str
    body: bytes
    rows: int = 0
    truncated: bool = False
    seconds: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


Cancelled = Callable[[], bool]
_CHECK_EVERY = 256


def check_services(query: str, allowlist: tuple[str, ...]) -> None:
    """Refuse SERVICE clauses whose endpoint is not on the allow-list (variables are always refused)."""
    try:
        targets = service_targets(query)
    except SparqlTextError as exc:
        raise QuerySyntaxError(f"bad SPARQL query: {exc}") from exc
    for target in targets:
        if target is None:
            raise ServiceNotAllowed("SERVICE with a variable or an unknown prefix is not allowed; name the "
                                    "endpoint with a full IRI from the allow-list")
        if target not in allowlist:
            allowed = ", ".join(allowlist) if allowlist else "none (federation is off; set KG_SERVICE_ALLOWLIST)"
            raise ServiceNotAllowed(f"SERVICE <{target}> is not on the allow-list; allowed endpoints: {allowed}")


def dataset_arguments(request: QueryRequest) -> dict[str, object]:
    """pyoxigraph query arguments for the dataset: the protocol's graphs when given (replacing any FROM in the
    query), the query's own FROM clauses when present, otherwise the union of all graphs as default graph."""
    if request.default_graphs is not None or request.named_graphs is not None:
        return {"default_graph": [ox.NamedNode(g) for g in request.default_graphs or ()],
                "named_graphs": [ox.NamedNode(g) for g in request.named_graphs or ()]}
    try:
        own_dataset = has_dataset_clause(request.query)
    except SparqlTextError:
        own_dataset = False  # the engine reports the syntax error
    return {} if own_dataset else {"use_default_graph_as_union": True}


def _limited(items: Iterator[object], limit: int, cancelled: Cancelled | None) -> tuple[list[object], bool]:
    """Up to `limit` items and whether more were there, checking `cancelled` every few hundred items."""
    if cancelled is None:
        taken = list(islice(items, limit + 1))
    else:
        taken = []
        for item in items:
            taken.append(item)
            if len(taken) > limit:
                break
            if len(taken) % _CHECK_EVERY == 0 and cancelled():
                raise QueryTimeout("the query was cancelled at its deadline")
    truncated = len(taken) > limit
    return taken[:limit], truncated


def _solutions_body(result: ox.QuerySolutions, fmt: ox.QueryResultsFormat, limit: int,
                    cancelled: Cancelled | None) -> tuple[bytes, int, bool]:
    """Serialise at most `limit` solutions: the rows are taken lazily, written as TSV term by term (N-Triples
    syntax, exact), read back and serialised by pyoxigraph in the requested format."""
    names = [v.value for v in result.variables]
    rows, truncated = _limited(iter(result), limit, cancelled)
    lines = ["\t".join("?" + name for name in names)]
    lines.extend("\t".join("" if term is None else str(term) for term in row) for row in rows)  # type: ignore[attr-defined]
    tsv = ("\n".join(lines) + "\n").encode()
    if fmt == ox.QueryResultsFormat.TSV:
        return tsv, len(rows), truncated
    body = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=fmt) or b""
    return body, len(rows), truncated


def execute(store: ox.Store, request: QueryRequest, cancelled: Cancelled | None = None) -> QueryOutcome:
    """Evaluate `request` on `store`; raises a QueryError subclass on failure."""
    started = time.monotonic()
    check_services(request.query, request.service_allowlist)
    try:
        result = store.query(request.query, base_iri=request.base_iri, **dataset_arguments(request))  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise QuerySyntaxError(f"bad SPARQL query: {exc}") from exc
    except ValueError as exc:  # e.g. an invalid graph IRI in the dataset
        raise QuerySyntaxError(str(exc)) from exc
    try:
        return _serialise(result, request, cancelled, started)
    except OSError as exc:
        if service_targets(request.query):
            raise UpstreamFailed(f"a SERVICE endpoint failed: {exc}") from exc
        raise QueryFailed(f"the query failed while running: {exc}") from exc
    except RuntimeError as exc:
        raise QueryFailed(f"the query failed while running: {exc}") from exc


def _serialise(result: object, request: QueryRequest, cancelled: Cancelled | None, started: float) -> QueryOutcome:
    if isinstance(result, ox.QueryBoolean):
        fmt = _results_format(request, "boolean")
        return QueryOutcome("boolean", request.results_media_type, result.serialize(format=fmt) or b"", 1,
                            seconds=time.monotonic() - started)
    if isinstance(result, ox.QuerySolutions):
        fmt = _results_format(request, "solutions")
        body, rows, truncated = _solutions_body(result, fmt, request.max_rows, cancelled)
        return QueryOutcome("solutions", request.results_media_type, body, rows, truncated,
                            time.monotonic() - started)
    assert isinstance(result, ox.QueryTriples)
    rdf = ox.RdfFormat.from_media_type(request.graph_media_type) if request.graph_media_type else None
    if rdf is None:
        raise FormatNotAcceptable("graph")
    triples, truncated = _limited(iter(result), request.max_rows, cancelled)
    items: list[object] = triples
    if rdf.supports_datasets:  # TriG, N-Quads: the constructed triples form the default graph
        items = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]  # type: ignore[attr-defined]
    body = ox.serialize(items, format=rdf, prefixes=dict(request.prefixes) or None) or b""  # type: ignore[arg-type]
    return QueryOutcome("graph", request.graph_media_type, body, len(triples), truncated,
                        time.monotonic() - started)


def _results_format(request: QueryRequest, kind: str) -> ox.QueryResultsFormat:
    fmt = ox.QueryResultsFormat.from_media_type(request.results_media_type) if request.results_media_type else None
    if fmt is None:
        raise FormatNotAcceptable(kind)
    return fmt
