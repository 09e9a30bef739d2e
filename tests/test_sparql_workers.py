"""Several server processes (KG_WORKERS > 1) over one on-disk store: a write through one process is seen by reads
in every process, the timeout still stops a query with 504 while others are answered, writes during reads never
show a half-written state, old snapshots are deleted only when no process holds them, and an in-memory store is
refused. Real gunicorn servers on 127.0.0.1; SharedStore tested directly for the snapshot bookkeeping."""

from __future__ import annotations

import os
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from store.shared import GENERATION_FILE, SharedStore, hold_snapshot, release_snapshot
from store.snapshots import snapshot_root
from tests import sparql_support
from tests.conftest import LiveServer, run_cli, stop_server
from tests.sparql_support import ENDLESS, http, serve_copy

support_store = sparql_support.support_store
TOKEN = "workers-test-token"
TIMEOUT = 2.0
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/w> { ?s <http://example.org/p> ?o } }"


@pytest.fixture(scope="module")
def workers_server(support_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = serve_copy(support_store, tmp_path_factory, "workers", {
        "KG_WORKERS": "2", "KG_UPDATE_TOKEN": TOKEN, "KG_ACCESS_LOG": "0", "KG_QUERY_TIMEOUT": str(TIMEOUT),
        "KG_MAX_CONCURRENT_QUERIES": "2"})
    yield server
    stop_server(server)
    assert not snapshot_root(server.store).exists()  # removed when the server exits


def count(server: LiveServer) -> int:
    status, _, body = http("GET", f"{server.sparql}?{urllib.parse.urlencode({'query': COUNT})}",
                           headers={"Accept": "text/csv"})
    assert status == 200, body
    return int(body.decode().split()[-1])


def insert(server: LiveServer, value: int) -> None:
    update = (f"INSERT DATA {{ GRAPH <http://example.org/w> {{ <http://example.org/s{value}> "
              f"<http://example.org/p> {value} }} }}")
    status, _, body = http("POST", f"{server.url}/update", body=urllib.parse.urlencode({"update": update}).encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded",
                                    "Authorization": f"Bearer {TOKEN}"})
    assert status == 204, body


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                status = Path(f"/proc/{entry}/status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.append(int(entry))
    return found


def held_snapshots(pid: int) -> set[str]:
    """Snapshot lock files held open by the query workers under gunicorn worker `pid`."""
    held = set()
    for child in children(pid):
        try:
            for fd in os.listdir(f"/proc/{child}/fd"):
                target = os.readlink(f"/proc/{child}/fd/{fd}")
                if target.endswith(".lock") and ".snapshots/" in target:
                    held.add(Path(target).name.removesuffix(".lock"))
        except OSError:
            continue
    return held


@pytest.mark.network
def test_a_write_in_one_process_is_seen_by_reads_in_every_process(workers_server: LiveServer) -> None:
    gunicorn_workers = children(workers_server.process.pid)
    assert len(gunicorn_workers) == 2
    for value in range(1, 4):
        insert(workers_server, value)
        # fresh connections are spread over both processes; every read comes after the write returned
        assert [count(workers_server) for _ in range(12)] == [value] * 12
    current = (snapshot_root(workers_server.store) / GENERATION_FILE).read_text().split()[1]
    for pid in gunicorn_workers:  # both processes answered from the snapshot published by the last write
        assert current in held_snapshots(pid), f"gunicorn worker {pid} did not read the latest snapshot"


@pytest.mark.network
def test_the_timeout_still_stops_a_query_with_504(workers_server: LiveServer) -> None:
    answers: list[int] = []
    stop = threading.Event()

    def cheap() -> None:
        while not stop.is_set():
            answers.append(http("GET", f"{workers_server.sparql}?query=ASK%7B%7D")[0])
            time.sleep(0.05)

    helper = threading.Thread(target=cheap)
    helper.start()
    started = time.monotonic()
    status, _, body = http("GET", f"{workers_server.sparql}?{urllib.parse.urlencode({'query': ENDLESS})}",
                           timeout=30)
    elapsed = time.monotonic() - started
    stop.set()
    helper.join()
    assert status == 504, body
    assert TIMEOUT - 0.1 <= elapsed <= TIMEOUT + 1.0
    assert len(answers) >= 5 and set(answers) == {200}


@pytest.mark.network
def test_writes_during_reads_are_atomic_and_seen_once_returned(workers_server: LiveServer) -> None:
    start = count(workers_server)
    seen: list[int] = []
    failures: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.append(count(workers_server))
            except AssertionError as exc:
                failures.append(str(exc))

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for thread in readers:
        thread.start()
    try:
        for value in range(100, 106):
            insert(workers_server, value)
            assert count(workers_server) == start + value - 99  # a read after the write sees it
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert not failures
    assert seen and set(seen) <= set(range(start, start + 7))  # only whole writes, never anything else


def test_snapshots_are_shared_and_deleted_only_when_no_one_holds_them(tmp_path: Path) -> None:
    first, second = SharedStore(tmp_path / "store"), SharedStore(tmp_path / "store")  # as two processes would
    assert len(first.store) == 0
    old_generation, old = first.current()
    held = hold_snapshot(old)  # a reader elsewhere still has the old snapshot open
    quad = ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("1"),
                   ox.NamedNode("http://example.org/g"))
    with second.writing() as database:
        database.add(quad)
        assert first.generation == old_generation  # not published before the write ends
    del database  # the database stays locked while anything refers to it
    assert first.generation == old_generation + 1 and list(first.store) == [quad]
    assert Path(old).exists()  # held: kept
    release_snapshot(held)
    first.close()
    second.update("DELETE DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> '1' } }")
    assert not Path(old).exists() and len(first.store) == 0  # no longer held: deleted by the next write
    snapshots = [p for p in first.root.iterdir() if p.is_dir()]
    assert snapshots == [Path(first.current()[1])]  # only the current one is left
    first.close()
    second.close()


def test_an_in_memory_store_is_refused_with_several_workers() -> None:
    result = run_cli("serve", "--store", "memory", "--workers", "2", check=False)
    assert result.returncode != 0
    assert "in-memory store lives in one process" in result.stderr
