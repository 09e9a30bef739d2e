"""Test data for the SPARQL service: three hand-made reports with known figures, events and actors, written
through the real ingest pipeline (mapping, named graphs, system graphs) with a fixed extraction.

Known facts the tests rely on: "killed soldiers" is claimed as 600 (NIS) and 1000 (HUR) and "deployed soldiers"
as 10000 (NIS) and 11000 (HUR), so both conflict; "deployed construction troops" is only 5000; Kim Jong Un and
Sergei Shoigu meet in Pyongyang; two events happen in Kursk Oblast.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.parse
from collections.abc import Iterator
from http.client import HTTPConnection
from pathlib import Path

import pytest

from ingest.pipeline import ingest_reports
from ingest.records import Actor, DateValue, Event, Extraction, Figure, Report, Span
from store import OxigraphStore
from tests.conftest import BIN, LiveServer, free_port, start_server, stop_server, wait_for


def _span(text: str, fragment: str) -> Span:
    start = text.index(fragment)
    return Span(start, start + len(fragment), fragment)


TEXT_A = ("За даними NIS, щонайменше 600 військових КНДР загинули в Курській області. "
          "Близько 10 тисяч військових КНДР перебувають у Росії. Кім Чен Ин зустрівся з Шойгу в Пхеньяні.")
TEXT_B = "ГУР повідомило, що 1000 військових КНДР загинули. За даними ГУР, 11 тисяч військових КНДР у Курській області."
TEXT_C = "NIS: 5 тисяч будівельних військових КНДР відправлено до Росії."

REPORTS = {
    "a": Report(text=TEXT_A, date="2025-11-04", language="uk", title="Звіт А", outlet="ukrinform", source="a.txt"),
    "b": Report(text=TEXT_B, date="2025-10-24", language="uk", title="Звіт Б", outlet="kcna", source="b.txt"),
    "c": Report(text=TEXT_C, date="2025-09-01", language="uk", title="Звіт В", outlet="tass", source="c.txt"),
}


def _extraction(report: Report) -> Extraction:
    text = report.text
    if report is REPORTS["a"]:
        return Extraction(
            actors=[Actor("nis", "National Intelligence Service", "Organization", [_span(text, "NIS")]),
                    Actor("kim_jong_un", "Kim Jong Un", "Person", [_span(text, "Кім Чен Ин")]),
                    Actor("sergei_shoigu", "Sergei Shoigu", "Person", [_span(text, "Шойгу")]),
                    Actor("kursk_oblast", "Kursk Oblast", "Place", [_span(text, "Курській області")])],
            figures=[Figure(600, "at_least", "killed", "soldiers", sources=["nis"], outlet="ukrinform",
                            as_of=DateValue("2025-11", "month"), place="kursk_oblast", concerns="north_korea",
                            evidence=[_span(text, "щонайменше 600 військових КНДР загинули")]),
                     Figure(10000, "approximately", "present", "soldiers", sources=["nis"],
                            as_of=DateValue("2025-11-04", "day"), place="russia", concerns="north_korea",
                            evidence=[_span(text, "Близько 10 тисяч військових КНДР")])],
            events=[Event("Casualties", "North Korean soldiers killed in Kursk Oblast",
                          _span(text, "600 військових КНДР загинули"), date=DateValue("2025-11", "month"),
                          place="kursk_oblast", participants=["north_korea"], source="nis"),
                    Event("Meeting", "Kim Jong Un meets Shoigu", _span(text, "Кім Чен Ин зустрівся з Шойгу"),
                          date=DateValue("2025-11-04", "day"), place="pyongyang",
                          participants=["kim_jong_un", "sergei_shoigu"])])
    if report is REPORTS["b"]:
        return Extraction(
            actors=[Actor("hur", "HUR", "Organization", [_span(text, "ГУР")]),
                    Actor("kim_jong_un", "Kim Jong Un", "Person", [_span(text, "КНДР")])],
            figures=[Figure(1000, "exact", "killed", "soldiers", sources=["hur"], as_of=DateValue("2025-10", "month"),
                            concerns="north_korea", evidence=[_span(text, "1000 військових КНДР загинули")]),
                     Figure(11000, "exact", "present", "soldiers", sources=["hur"],
                            as_of=DateValue("2025-10-01", "day"), place="kursk_oblast", concerns="north_korea",
                            evidence=[_span(text, "11 тисяч військових КНДР")])],
            events=[Event("Deployment", "North Korean troops in Kursk Oblast", _span(text, "11 тисяч військових"),
                          date=DateValue("2025-10-01", "day"), place="kursk_oblast",
                          participants=["north_korea", "russia"], source="hur")])
    return Extraction(
        actors=[Actor("nis", "National Intelligence Service", "Organization", [_span(text, "NIS")])],
        figures=[Figure(5000, "exact", "deployed", "construction_troops", sources=["nis"],
                        as_of=DateValue("2025-09", "month"), place="russia", concerns="north_korea",
                        evidence=[_span(text, "5 тисяч будівельних військових")])])


def build_store(path: Path) -> Path:
    """Write the three reports (and the ontology and gazetteer graphs) into an on-disk store at `path`."""
    store = OxigraphStore(path)
    ingest_reports(list(REPORTS.values()), store, extractor=_extraction)
    store.close()
    del store
    return path


# ----------------------------------------------------------------------------------------------- fixtures

ALLOWED_ORIGIN = "http://allowed.example"
SERVICE_TOKEN = "test-token-do-not-use"
#: An allow-listed endpoint where nothing listens: SERVICE calls to it fail (502).
DOWN_ENDPOINT = f"http://127.0.0.1:{free_port()}/sparql"


@pytest.fixture(scope="session")
def support_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store with the three reports (built once; copy it before writing)."""
    return build_store(tmp_path_factory.mktemp("sparql-support") / "store")


@pytest.fixture(scope="session")
def remote_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve` on 127.0.0.1 with one triple, for federated SERVICE tests."""
    folder = tmp_path_factory.mktemp("remote") / "store"
    data = folder.parent / "remote.nt"
    data.write_text('<http://remote.example/thing> <http://www.w3.org/2000/01/rdf-schema#label> "remote" .\n')
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(folder), "--file", str(data)], check=True,
                   capture_output=True, timeout=120)
    port = free_port()
    process = subprocess.Popen([str(BIN / "oxigraph"), "serve", "--location", str(folder), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_for(f"{url}?query=ASK%7B%7D", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()


#: A cross product over the whole store: it cannot finish in seconds (for timeout tests).
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def serve_copy(support_store: Path, tmp_path_factory: pytest.TempPathFactory, name: str,
               env: dict[str, str], *extra: str) -> LiveServer:
    """gunicorn over a fresh copy of the support store (so each server's writes stay its own)."""
    store = tmp_path_factory.mktemp(name) / "store"
    shutil.copytree(support_store, store)
    return start_server(store, env, *extra)


@pytest.fixture(scope="session")
def sparql_server(support_store: Path, remote_endpoint: str, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[LiveServer]:
    """gunicorn over a copy of the support store: writes off, CORS for one origin, SERVICE allowed to the
    remote endpoint and to DOWN_ENDPOINT (where nothing listens) only, a 64 KiB body limit."""
    allowed = f"{remote_endpoint},{DOWN_ENDPOINT}"
    server = serve_copy(support_store, tmp_path_factory, "sparql-server", {
        "KG_CORS_ORIGINS": ALLOWED_ORIGIN, "KG_SERVICE_ALLOWLIST": allowed, "KG_MAX_BODY_BYTES": str(64 * 1024),
        "KG_UPDATE_TOKEN": "", "KG_UPDATE_TOKEN_FILE": ""})
    yield server
    stop_server(server)


def http(method: str, url: str, *, body: bytes | None = None, headers: dict[str, str] | None = None,
         timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """One request with http.client (no headers added behind our back); status, headers and body."""
    parts = urllib.parse.urlsplit(url)
    connection = HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        connection.close()


def error_body(body: bytes, status: int) -> dict[str, object]:
    """The JSON error shape, checked."""
    data = json.loads(body)
    assert data["status"] == status and data["error"] and data["message"], data
    return data  # type: ignore[no-any-return]
