"""The query worker process: opens a read-only snapshot of the store and answers queries sent over a socket.

Started by `store.worker_pool` as `python -m store.query_worker FD`; FD is its end of a socket pair. Each message
is ("query", snapshot_path, QueryRequest); the answer is ("ok", QueryOutcome) or ("error", QueryError). The
parent kills the process when a query passes its deadline, which is what makes the timeout real.
"""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

import pyoxigraph as ox

from store.execution import QueryError, QueryFailed, execute


def serve(connection: Connection) -> None:
    """Answer queries until the parent closes the connection."""
    path: str | None = None
    store: ox.Store | None = None
    connection.send(("ready",))
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message[0] != "query":
            return
        _, snapshot, request = message
        try:
            if snapshot != path or store is None:
                store = None
                store = ox.Store.read_only(snapshot)
                path = snapshot
            reply: tuple[str, object] = ("ok", execute(store, request))
        except QueryError as exc:
            reply = ("error", exc)
        except OSError as exc:
            reply = ("error", QueryFailed(f"cannot read the store snapshot {snapshot}: {exc}"))
        try:
            connection.send(reply)
        except (BrokenPipeError, OSError):
            return


def main(argv: list[str]) -> None:
    """Entry point: the socket's file descriptor is the only argument."""
    serve(Connection(int(argv[1])))


if __name__ == "__main__":
    main(sys.argv)
