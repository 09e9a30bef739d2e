"""The limits every read query runs under, wired to the app: one query executor per app (time budget, row cap,
cap on concurrent queries), the lock that serialises writes, and the helpers that turn a query into a response.

Other blueprints that run SPARQL on behalf of a client should go through `run_query` so the same limits hold.
"""

from __future__ import annotations

import atexit
import json
import logging
import threading
from contextlib import AbstractContextManager

from flask import Flask, Response, abort, current_app

from ontology.namespaces import PREFIXES
from server.config import Settings
from server.errors import ApiError, error_response
from store.execution import FormatNotAcceptable, QueryError, QueryOutcome, QueryRequest, TooBusy
from store.executor import QueryExecutor, ThreadExecutor, make_executor
from store.oxigraph_store import OxigraphStore
from store.shared import SharedStore

log = logging.getLogger(__name__)
EXECUTOR = "reportgraph.executor"
WRITE_LOCK = "reportgraph.write_lock"
_CREATE_LOCK = threading.Lock()
#: Headers a browser client (YASGUI) may read from a cross-origin response.
EXPOSED_HEADERS = ("X-SPARQL-MaxRows", "X-Result-Truncated", "X-Result-Rows", "Server-Timing", "Location")


def settings() -> Settings:
    """The settings of the current app."""
    return current_app.extensions["reportgraph.settings"]


def oxigraph_store(app: Flask | None = None) -> OxigraphStore:
    """The app's store as an OxigraphStore (the only backend the executor runs on so far)."""
    store = (app or current_app).extensions["reportgraph.store"]
    if not isinstance(store, OxigraphStore):
        raise ApiError(500, f"the SPARQL service needs the embedded Oxigraph store, not {type(store).__name__}")
    return store


def query_executor(app: Flask | None = None) -> QueryExecutor:
    """The app's executor, created on first use (worker processes start then) and closed at exit."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    executor = app.extensions.get(EXECUTOR)
    if executor is not None:
        return executor
    with _CREATE_LOCK:
        executor = app.extensions.get(EXECUTOR)
        if executor is None:
            config: Settings = app.extensions["reportgraph.settings"]
            store = oxigraph_store(app)
            options = {"size": config.max_concurrent_queries, "timeout": config.query_timeout,
                       "queue_timeout": config.query_queue_timeout}
            try:
                executor = make_executor(store, mode=config.query_mode, **options)  # type: ignore[arg-type]
            except ValueError as exc:
                raise ApiError(500, f"bad query settings: {exc}") from exc
            except OSError as exc:  # no room for snapshots beside the store: run queries in threads instead
                log.warning("query workers unavailable (%s); queries run in threads, timeouts cannot stop them",
                            exc)
                executor = ThreadExecutor(store, **options)  # type: ignore[arg-type]
            app.extensions[EXECUTOR] = executor
            atexit.register(executor.close)
    return executor


def write_lock(app: Flask | None = None) -> AbstractContextManager[object]:
    """What is held while the store is written through the HTTP API (one writer at a time): a lock of this
    process, or for a store shared by several server processes, the lock of all of them with the database open
    for writing (`store.shared.SharedStore.writing`; leaving it publishes the write to every process)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    store = app.extensions["reportgraph.store"]
    if isinstance(store, SharedStore):
        return store.writing()
    return app.extensions.setdefault(WRITE_LOCK, threading.Lock())


_PREFIXES = tuple(PREFIXES.items())


def make_request(query: str, *, results_media_type: str = "", graph_media_type: str = "",
                 default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryRequest:
    """A QueryRequest with this service's limits: row cap, SERVICE allow-list, base IRI, Turtle prefixes."""
    config = settings()
    return QueryRequest(
        query, results_media_type, graph_media_type,
        None if default_graphs is None else tuple(default_graphs),
        None if named_graphs is None else tuple(named_graphs),
        config.base_iri, config.max_rows, config.service_allowlist, _PREFIXES,
    )


def abort_with(status: int, message: str, headers: dict[str, str]) -> None:
    """Stop the request with the JSON error shape and extra headers (Retry-After, WWW-Authenticate)."""
    response = error_response(status, message)
    response.headers.update(headers)
    abort(response)


def run_query(request: QueryRequest, timeout: float | None = None) -> QueryOutcome:
    """Run under the app's limits; failures become the JSON error with their status (400 bad query, 403 SERVICE
    not allowed, 502 SERVICE failed, 503 every slot busy, with Retry-After, 504 timeout). FormatNotAcceptable
    is re-raised for the caller, which knows the formats to list."""
    try:
        return query_executor().run(request, timeout)
    except FormatNotAcceptable:
        raise
    except TooBusy as exc:
        abort_with(503, exc.message, {"Retry-After": "1"})
        raise  # unreachable: abort raises
    except QueryError as exc:
        raise ApiError(exc.status, exc.message) from exc


def select_rows(query: str, timeout: float | None = None) -> list[dict[str, dict[str, str]]]:
    """The solutions of a SELECT run under the app's limits, as SPARQL JSON bindings (variable -> term)."""
    outcome = run_query(make_request(query, results_media_type="application/sparql-results+json"), timeout)
    if outcome.kind != "solutions":
        raise ApiError(500, "expected a SELECT query")
    return json.loads(outcome.body)["results"]["bindings"]


def outcome_response(outcome: QueryOutcome) -> Response:
    """The HTTP response for a result: its body and media type, with the row count, the engine time and, when the
    row cap cut it, X-SPARQL-MaxRows and X-Result-Truncated (the cut is reported, never silent)."""
    headers = [("Vary", "Accept"), ("X-Result-Rows", str(outcome.rows)),
               ("Server-Timing", f"query;dur={outcome.seconds * 1000:.1f}")]
    if outcome.truncated:
        headers += [("X-SPARQL-MaxRows", str(settings().max_rows)), ("X-Result-Truncated", "true")]
    return Response(outcome.body, mimetype=outcome.media_type, headers=headers)
