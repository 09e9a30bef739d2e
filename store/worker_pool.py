"""Query execution in a pool of worker processes, so a query past its deadline is really stopped (killed).

Each worker (`store.query_worker`) opens a read-only snapshot of the on-disk store (`store.snapshots`). The pool
size is the cap on concurrent queries: a request waits for an idle worker, for at most the queue timeout. At the
deadline the worker is killed and replaced in the background; the other workers keep answering.
"""

from __future__ import annotations

import logging
import os
import queue
import select
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from store.execution import QueryError, QueryFailed, QueryOutcome, QueryRequest, QueryTimeout, TooBusy
from store.oxigraph_store import OxigraphStore
from store.query_worker import READY, decode_reply, encode_request
from store.shared import SharedSnapshots, SharedStore
from store.snapshots import Snapshots

log = logging.getLogger(__name__)
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)
_READY_TIMEOUT = 60.0


class _Worker:
    """One worker process and its end of the socket pair."""

    def __init__(self) -> None:
        parent, child = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH"))
                                                           if p)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "store.query_worker", str(child.fileno())],
            pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, env=env, close_fds=True,
        )
        child.close()
        self.connection = Connection(parent.detach())
        self.snapshot: str | None = None
        self._poller = select.poll()  # registered once: cheaper than Connection.poll's selector per call
        self._poller.register(self.connection.fileno(), select.POLLIN)

    def answered(self, timeout: float) -> bool:
        """True when the reply (or end of file) arrived within `timeout` seconds."""
        return bool(self._poller.poll(max(0, int(timeout * 1000 + 0.999))))

    def wait_ready(self, timeout: float) -> bool:
        """True once the process has said it is ready."""
        try:
            return self.connection.poll(timeout) and self.connection.recv_bytes() == READY
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        """Stop the process now and release its socket (idempotent)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if not self.connection.closed:
            self.connection.close()


class ProcessExecutor:
    """Runs queries in `size` worker processes over snapshots of an on-disk OxigraphStore."""

    def __init__(self, store: OxigraphStore, size: int = 4, timeout: float = 30.0, queue_timeout: float = 5.0) -> None:
        self.store = store
        self.size = max(1, size)
        self.timeout = timeout
        self.queue_timeout = queue_timeout
        self.snapshots: Snapshots | SharedSnapshots = (SharedSnapshots(store) if isinstance(store, SharedStore)
                                                       else Snapshots(store))
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(self.size):
            self._start_worker()

    # ------------------------------------------------------------------ pool management
    def _start_worker(self) -> None:
        """Start a worker and hand it to the idle queue once it is ready (in the background)."""
        def start() -> None:
            for attempt in range(3):
                if self._closed:
                    return
                worker = _Worker()
                with self._lock:
                    self._all.add(worker)
                if worker.wait_ready(_READY_TIMEOUT):
                    if self._closed:
                        self._discard(worker)
                    else:
                        self._idle.put(worker)
                    return
                self._discard(worker)
                if self._closed:
                    return
                log.error("query worker did not start (attempt %d)", attempt + 1)
                time.sleep(1)

        threading.Thread(target=start, name="query-worker-start", daemon=True).start()

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        self.snapshots.release(worker.snapshot)

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` and start another in its place."""
        self._discard(worker)
        if not self._closed:
            self._start_worker()

    # ------------------------------------------------------------------ queries
    def run(self, request: QueryRequest, timeout: float | None = None) -> QueryOutcome:
        """Run `request` within `timeout` seconds (default: the executor's), queueing included."""
        budget = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + budget
        try:
            worker = self._idle.get(timeout=max(0.0, min(self.queue_timeout, budget)))
        except queue.Empty:
            raise TooBusy(f"all {self.size} query slots are busy; try again shortly") from None
        try:
            worker.snapshot = self.snapshots.checkout(worker.snapshot)
            worker.connection.send_bytes(encode_request(worker.snapshot, request))
            if not worker.answered(deadline - time.monotonic()):
                self._replace(worker)
                worker = None  # type: ignore[assignment]
                raise QueryTimeout(f"the query did not finish within {budget:g} s and was stopped; simplify it, "
                                   "add a LIMIT, or ask the operator for a longer KG_QUERY_TIMEOUT")
            reply = decode_reply(worker.connection.recv_bytes())
        except (EOFError, OSError) as exc:
            if worker is not None:
                self._replace(worker)
                worker = None  # type: ignore[assignment]
            raise QueryFailed(f"the query worker failed: {exc or 'it exited'}") from exc
        finally:
            if worker is not None:
                self._idle.put(worker)
        if isinstance(reply, QueryError):
            raise reply
        return reply

    def close(self) -> None:
        """Stop every worker and remove the snapshots."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            worker.kill()
        self.snapshots.close()
