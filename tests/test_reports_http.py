"""POST /reports over real HTTP: ingest behind the write token, idempotent, all-or-nothing on bad input."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import LiveServer, start_server, stop_server

TOKEN = "s3cret-token"
SAMPLE = (" date 2025-03-14 Розвідка Південної Кореї: КНДР відправила ще 3 тисячі військових\n\n"
          "За даними Національної розвідки Південної Кореї, Північна Корея відправила до Росії близько "
          "3 тисяч військових.")


def _post(server: LiveServer, body: bytes, content_type: str, token: str | None = TOKEN,
          query: str = "") -> tuple[int, dict[str, object]]:
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{server.url}/reports{query}", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.loads(exc.read())


def _count(server: LiveServer) -> int:
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    request = urllib.request.Request(f"{server.sparql}?{query}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.read().decode().split()[1])


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(tmp_path_factory.mktemp("reports") / "data",
                          {"KG_UPDATE_TOKEN": TOKEN, "KG_MAX_BODY_BYTES": "20000"})
    yield server
    stop_server(server)


@pytest.mark.network
def test_post_ingests_once_and_the_report_is_queryable(writable: LiveServer) -> None:
    status, body = _post(writable, SAMPLE.encode(), "text/plain; charset=utf-8")
    assert status == 201, body
    [report] = body["reports"]  # type: ignore[misc]
    assert body["figures"] >= 1  # type: ignore[operator]
    count = _count(writable)
    status, again = _post(writable, SAMPLE.encode(), "text/plain")
    assert status == 201 and again["reports"] == [report]
    assert _count(writable) == count, "posting the same report twice changes nothing"
    query = urllib.parse.urlencode({"query": f"ASK {{ <{report}> a <https://schema.org/NewsArticle> }}"})
    with urllib.request.urlopen(f"{writable.sparql}?{query}", timeout=30) as response:
        assert json.loads(response.read())["boolean"] is True


@pytest.mark.network
def test_json_lines_batch_and_plain_text_with_date(writable: LiveServer) -> None:
    lines = "\n".join(json.dumps({"text": f"КНДР відправила {n} саперів до Росії.", "date": "2025-06-0" + str(n)})
                      for n in (1, 2))
    status, body = _post(writable, lines.encode(), "application/x-ndjson")
    assert status == 201 and len(body["reports"]) == 2  # type: ignore[arg-type]
    status, body = _post(writable, "Північна Корея відправила війська.".encode(), "text/plain",
                         query="?date=2025-07-01")
    assert status == 201


@pytest.mark.network
def test_bad_input_is_refused_and_nothing_is_stored(writable: LiveServer, tmp_path: Path) -> None:
    before = _count(writable)
    batch = json.dumps([{"text": "КНДР відправила 100 саперів.", "date": "2025-01-01"},
                        {"text": "друга", "date": "вчора"}])
    status, body = _post(writable, batch.encode(), "application/json")
    assert status == 400 and "[1]" in body["message"] and "YYYY-MM-DD" in body["message"]  # type: ignore[operator]
    status, body = _post(writable, b"no header, no date", "text/plain")
    assert status == 400 and "date" in body["message"]  # type: ignore[operator]
    status, body = _post(writable, b"\xff\xfe", "text/plain")
    assert status == 400 and "UTF-8" in body["message"]  # type: ignore[operator]
    status, body = _post(writable, b"<html/>", "text/html")
    assert status == 415 and "application/json" in body["message"]  # type: ignore[operator]
    status, body = _post(writable, b"x" * 30000, "text/plain")
    assert status == 413
    assert _count(writable) == before


@pytest.mark.network
def test_writes_need_the_token(writable: LiveServer, live_server: LiveServer) -> None:
    before = _count(writable)
    status, body = _post(writable, SAMPLE.encode(), "text/plain", token=None)
    assert status == 401
    status, body = _post(writable, SAMPLE.encode(), "text/plain", token="wrong")
    assert status == 401
    status, body = _post(live_server, SAMPLE.encode(), "text/plain")  # a server without a token: writes off
    assert status == 403 and "KG_UPDATE_TOKEN" in body["message"]  # type: ignore[operator]
    assert _count(writable) == before
