"""Limits that hold, over real HTTP: a timeout that stops the work (504 within timeout + 1 s, the worker process
killed, other queries answered meanwhile), the row cap reported in headers, the cap on concurrent queries (503
with Retry-After), and the same limits in the in-process thread executor used for in-memory stores."""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from store import OxigraphStore, open_store
from store.execution import QueryRequest, QueryTimeout, TooBusy
from store.executor import ThreadExecutor, make_executor
from tests import sparql_support
from tests.conftest import LiveServer, stop_server
from tests.sparql_support import ENDLESS, error_body, http, serve_copy

support_store = sparql_support.support_store
TIMEOUT = 2.0
CHEAP = "ASK { ?f <https://w3id.org/reportgraph/ontology#quantity> 600 }"


@pytest.fixture(scope="module")
def limited_server(support_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = serve_copy(support_store, tmp_path_factory, "limits", {
        "KG_QUERY_TIMEOUT": str(TIMEOUT), "KG_MAX_ROWS": "3", "KG_MAX_CONCURRENT_QUERIES": "2",
        "KG_QUERY_QUEUE_TIMEOUT": "0.5"})
    yield server
    stop_server(server)


def query(server: LiveServer, text: str, accept: str = "application/sparql-results+json", timeout: float = 30
          ) -> tuple[int, dict[str, str], bytes]:
    return http("GET", f"{server.sparql}?{urllib.parse.urlencode({'query': text})}", headers={"Accept": accept},
                timeout=timeout)


def query_workers(root: int) -> set[int]:
    """PIDs of the query worker processes under process `root` (read from /proc)."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
            commands[int(entry)] = Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        parents[int(entry)] = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))

    def under_root(pid: int) -> bool:
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 0)
        return False

    return {pid for pid, command in commands.items() if "store.query_worker" in command and under_root(pid)}


@pytest.mark.network
def test_a_query_past_the_timeout_is_stopped_with_504_while_others_are_answered(limited_server: LiveServer) -> None:
    assert query(limited_server, CHEAP)[0] == 200  # the worker pool is up
    deadline = time.monotonic() + 10
    while len(query_workers(limited_server.process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    before = query_workers(limited_server.process.pid)
    assert len(before) == 2
    answers: list[int] = []
    stop = threading.Event()

    def cheap_queries() -> None:
        while not stop.is_set():
            answers.append(query(limited_server, CHEAP)[0])
            time.sleep(0.05)

    helper = threading.Thread(target=cheap_queries)
    started = time.monotonic()
    helper.start()
    status, _, body = query(limited_server, ENDLESS)
    elapsed = time.monotonic() - started
    stop.set()
    helper.join()
    assert status == 504, body
    assert "did not finish within 2 s" in error_body(body, 504)["message"]  # type: ignore[operator]
    assert TIMEOUT - 0.1 <= elapsed <= TIMEOUT + 1.0
    assert len(answers) >= 5 and set(answers) == {200}
    after = query_workers(limited_server.process.pid)
    assert before - after, "the worker that ran the query was not killed"
    deadline = time.monotonic() + 10
    while len(query_workers(limited_server.process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(query_workers(limited_server.process.pid)) == 2  # replaced
    assert query(limited_server, CHEAP)[0] == 200


@pytest.mark.network
def test_the_row_cap_is_reported_not_silent(limited_server: LiveServer) -> None:
    status, headers, body = query(limited_server, "SELECT ?s WHERE { ?s ?p ?o }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 3
    assert headers["X-SPARQL-MaxRows"] == "3" and headers["X-Result-Truncated"] == "true"
    status, headers, body = query(limited_server, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert status == 200 and len(body.decode().strip().splitlines()) == 3 and headers["X-Result-Truncated"] == "true"
    status, headers, body = query(limited_server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2")
    assert status == 200 and "X-SPARQL-MaxRows" not in headers and headers["X-Result-Rows"] == "2"


@pytest.mark.network
def test_more_concurrent_queries_than_slots_get_503_with_retry_after(limited_server: LiveServer) -> None:
    assert query(limited_server, CHEAP)[0] == 200
    slow = [threading.Thread(target=query, args=(limited_server, ENDLESS)) for _ in range(2)]
    for thread in slow:
        thread.start()
    time.sleep(0.5)
    status, headers, body = query(limited_server, CHEAP)
    for thread in slow:
        thread.join()
    assert status == 503 and headers["Retry-After"] == "1"
    assert "slots are busy" in error_body(body, 503)["message"]  # type: ignore[operator]
    deadline = time.monotonic() + 15
    while query(limited_server, CHEAP)[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert query(limited_server, CHEAP)[0] == 200


def test_thread_executor_answers_at_the_deadline_and_caps_rows() -> None:
    store = open_store("memory")
    assert isinstance(store, OxigraphStore)
    for index in range(300):
        store.store.add(ox.Quad(ox.NamedNode(f"http://example.org/{index}"), ox.NamedNode("http://example.org/p"),
                                ox.Literal(str(index)), ox.NamedNode("http://example.org/g")))
    executor = ThreadExecutor(store, size=1, timeout=1.0, queue_timeout=0.2)
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        executor.run(QueryRequest(ENDLESS))
    assert time.monotonic() - started < 1.5
    with pytest.raises(TooBusy):  # the runaway query still holds the only slot
        executor.run(QueryRequest(CHEAP))
    outcome = ThreadExecutor(store, size=2).run(QueryRequest("SELECT ?s WHERE { ?s ?p ?o }", max_rows=10))
    assert outcome.rows == 10 and outcome.truncated


def test_process_executor_stops_the_work_and_sees_writes(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.store.extend([ox.Quad(ox.NamedNode(f"http://example.org/a{i}"), ox.NamedNode("http://example.org/p"),
                                ox.Literal(str(i)), ox.NamedNode("http://example.org/g")) for i in range(2000)])
    executor = make_executor(store, size=1, timeout=1.0)
    try:
        ask = QueryRequest("ASK { <http://example.org/b> ?p ?o }")
        assert executor.run(ask, timeout=30).body.endswith(b"false}")
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            executor.run(QueryRequest(ENDLESS))
        assert time.monotonic() - started < 2.0
        store.update("INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/b> <http://example.org/p> 2 } }")
        assert executor.run(ask, timeout=30).body.endswith(b"true}")  # a new worker, a fresh snapshot
    finally:
        executor.close()
    assert not executor.snapshots.root.exists()  # type: ignore[attr-defined]
