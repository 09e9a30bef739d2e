"""Query executors: where a read query runs, with its timeout, row cap and the cap on concurrent queries.

- `ProcessExecutor` (store.worker_pool): worker processes over read-only snapshots; a query past its deadline is
  killed. The default for an on-disk store.
- `ThreadExecutor`: the query runs in a thread of this process (the only choice for an in-memory store, which
  other processes cannot open). At the deadline the caller gets QueryTimeout at once; the engine stops at the
  next batch of rows it produces, but a single blocking step (a sort, an aggregate) runs to its end and keeps
  its slot until then.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Protocol

from store.execution import QueryError, QueryFailed, QueryOutcome, QueryRequest, QueryTimeout, TooBusy, execute
from store.oxigraph_store import OxigraphStore

MODES = ("auto", "process", "thread")


class QueryExecutor(Protocol):
    """Runs read queries with a time budget."""

    store: OxigraphStore
    timeout: float

    def run(self, request: QueryRequest, timeout: float | None = None) -> QueryOutcome:
        """The serialised result, or a QueryError (QueryTimeout, TooBusy, QuerySyntaxError, …)."""
        ...

    def close(self) -> None:
        """Release workers and files."""
        ...


class ThreadExecutor:
    """Runs queries on `size` daemon threads of this process (daemons: a runaway query never holds up exit)."""

    def __init__(self, store: OxigraphStore, size: int = 4, timeout: float = 30.0, queue_timeout: float = 5.0) -> None:
        self.store = store
        self.size = max(1, size)
        self.timeout = timeout
        self.queue_timeout = queue_timeout
        self._slots = threading.BoundedSemaphore(self.size)
        self._tasks: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        for number in range(self.size):
            threading.Thread(target=self._serve, name=f"query-{number}", daemon=True).start()

    def _serve(self) -> None:
        while True:
            self._tasks.get()()

    def run(self, request: QueryRequest, timeout: float | None = None) -> QueryOutcome:
        """Run `request` within `timeout` seconds (default: the executor's), waiting for a slot included."""
        budget = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + budget
        if not self._slots.acquire(timeout=max(0.0, min(self.queue_timeout, budget))):
            raise TooBusy(f"all {self.size} query slots are busy; try again shortly")
        done = threading.Event()
        cancel = threading.Event()
        box: dict[str, object] = {}

        def work() -> None:
            # pyoxigraph results must be dropped on the thread that made them: hand over fresh exceptions, whose
            # tracebacks hold no frames of this thread.
            try:
                box["outcome"] = execute(self.store.store, request, cancelled=cancel.is_set)
            except QueryError as exc:
                box["error"] = type(exc)(exc.message)
            except Exception as exc:  # noqa: BLE001 - reported to the caller as a failed query, never as a 400
                box["error"] = QueryFailed(f"the query failed while running: {exc}")
            finally:
                self._slots.release()
                done.set()

        self._tasks.put(work)
        if not done.wait(max(0.0, deadline - time.monotonic())):
            cancel.set()
            raise QueryTimeout(f"the query did not finish within {budget:g} s; simplify it, add a LIMIT, or ask "
                               "the operator for a longer KG_QUERY_TIMEOUT")
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["outcome"]  # type: ignore[return-value]

    def close(self) -> None:
        """Nothing to release."""


def make_executor(store: OxigraphStore, *, mode: str = "auto", size: int = 4, timeout: float = 30.0,
                  queue_timeout: float = 5.0) -> QueryExecutor:
    """The executor for `store`: worker processes for an on-disk store (mode auto or process), threads for an
    in-memory one or when asked for."""
    if mode not in MODES:
        raise ValueError(f"unknown query mode {mode!r}; accepted: {', '.join(MODES)}")
    if mode == "process" and store.path is None:
        raise ValueError("query mode 'process' needs an on-disk store; an in-memory store runs in threads")
    if mode == "thread" or store.path is None:
        return ThreadExecutor(store, size, timeout, queue_timeout)
    from store.worker_pool import ProcessExecutor

    return ProcessExecutor(store, size, timeout, queue_timeout)
