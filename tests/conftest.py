"""Shared fixtures: test data paths, stores, and a real gunicorn server on a free 127.0.0.1 port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
DATA = TESTS / "data"
REPO = TESTS.parent
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "ingest" / "samples"
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    """Poll `url` until it answers, failing early when the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read().decode()[-2000:]}"
                               if process.stderr else f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not answer within {timeout} s")


@dataclass
class LiveServer:
    """A running `reportgraph serve` (gunicorn) and its base URL."""

    url: str
    store: Path
    process: subprocess.Popen[bytes]

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"


def run_cli(*args: str, env: dict[str, str] | None = None, input_text: str | None = None,
            check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the installed `reportgraph` command."""
    result = subprocess.run([str(BIN / "reportgraph"), *args], capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, input=input_text, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"reportgraph {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


def start_server(store: Path, env: dict[str, str] | None = None, *extra: str) -> LiveServer:
    """Start gunicorn through `reportgraph serve` on a free port and wait until it answers."""
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "reportgraph"), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port),
         *extra],
        env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/health", process)
    except Exception:
        process.kill()
        raise
    return LiveServer(url=url, store=store, process=process)


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server process started by a test (kill it after 20 s) and close its stderr pipe."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stderr:
        process.stderr.close()


def stop_server(server: LiveServer) -> None:
    """Stop gunicorn and wait for it."""
    stop_process(server.process)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store with the bundled samples and the test reports ingested through the CLI."""
    store = tmp_path_factory.mktemp("store") / "data"
    run_cli("ingest", "--samples", str(DATA / "reports"), "--store", str(store))
    return store


@pytest.fixture(scope="session")
def live_server(sample_store: Path) -> Iterator[LiveServer]:
    """gunicorn serving `sample_store` on 127.0.0.1."""
    server = start_server(sample_store)
    yield server
    stop_server(server)
