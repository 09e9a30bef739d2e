"""The query worker process: opens a read-only snapshot of the store and answers queries sent over a socket.

Started by `store.worker_pool` as `python -m store.query_worker FD`; FD is its end of a socket pair. Messages are
raw byte strings (`encode_request` / `encode_reply`: `marshal` of plain tuples, no pickling of objects): a request
names the snapshot and the query; the reply carries the serialised body or the error. The parent kills the
process when a query passes its deadline, which is what makes the timeout real. While a snapshot is open the
worker holds its shared lock (`store.shared.hold_snapshot`), so a writer in another process does not delete it.
"""

from __future__ import annotations

import marshal
import sys
from multiprocessing.connection import Connection

import pyoxigraph as ox

from store.execution import (
    FormatNotAcceptable,
    QueryError,
    QueryFailed,
    QueryOutcome,
    QueryRequest,
    QuerySyntaxError,
    QueryTimeout,
    ServiceNotAllowed,
    TooBusy,
    UpstreamFailed,
    execute,
)
from store.shared import hold_snapshot, release_snapshot

READY = b"ready"
_ERRORS: dict[str, type[QueryError]] = {cls.__name__: cls for cls in (
    QueryError, QuerySyntaxError, ServiceNotAllowed, FormatNotAcceptable, QueryTimeout, TooBusy, UpstreamFailed,
    QueryFailed)}


def encode_request(snapshot: str, request: QueryRequest) -> bytes:
    """One request as bytes: the snapshot path and the request's fields."""
    return marshal.dumps((snapshot, request.query, request.results_media_type, request.graph_media_type,
                          request.default_graphs, request.named_graphs, request.base_iri, request.max_rows,
                          request.service_allowlist, request.prefixes))


def decode_request(data: bytes) -> tuple[str, QueryRequest]:
    """The inverse of `encode_request`."""
    snapshot, *fields = marshal.loads(data)
    return snapshot, QueryRequest(*fields)


def encode_reply(outcome: QueryOutcome | QueryError) -> bytes:
    """A result, or an error by its class name and message."""
    if isinstance(outcome, QueryError):
        return marshal.dumps((False, type(outcome).__name__, outcome.message))
    return marshal.dumps((True, outcome.kind, outcome.media_type, outcome.body, outcome.rows, outcome.truncated,
                          outcome.seconds))


def decode_reply(data: bytes) -> QueryOutcome | QueryError:
    """The inverse of `encode_reply`."""
    ok, *fields = marshal.loads(data)
    if ok:
        return QueryOutcome(*fields)
    name, message = fields
    return _ERRORS.get(name, QueryFailed)(message)


def serve(connection: Connection) -> None:
    """Answer queries until the parent closes the connection."""
    path: str | None = None
    store: ox.Store | None = None
    held: int | None = None
    connection.send_bytes(READY)
    while True:
        try:
            snapshot, request = decode_request(connection.recv_bytes())
        except (EOFError, OSError, ValueError, TypeError):
            return
        try:
            if snapshot != path or store is None:
                store = None
                release_snapshot(held)
                held = hold_snapshot(snapshot)
                path = None
                store = ox.Store.read_only(snapshot)
                path = snapshot
            reply = encode_reply(execute(store, request))
        except QueryError as exc:
            reply = encode_reply(exc)
        except OSError as exc:
            reply = encode_reply(QueryFailed(f"cannot read the store snapshot {snapshot}: {exc}"))
        try:
            connection.send_bytes(reply)
        except OSError:
            return


def main(argv: list[str]) -> None:
    """Entry point: the socket's file descriptor is the only argument."""
    serve(Connection(int(argv[1])))


if __name__ == "__main__":
    main(sys.argv)
