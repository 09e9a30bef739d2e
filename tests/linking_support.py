"""Helpers for the linking tests: a real Oxigraph server holding the Wikidata-shaped fixture, a counting HTTP
proxy in front of it (able to answer 429 with Retry-After on demand), and a store with the sample reports
ingested through the real pipeline using the gold annotations as the extractor."""

from __future__ import annotations

import gc
import json
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ingest.pipeline import ingest_reports
from ingest.readers import read_paths
from ingest.records import Actor, DateValue, Extraction, Figure, Report, Span
from ontology.gazetteer import load_gazetteer
from tests.conftest import BIN, DATA, SAMPLES, free_port, stop_process, wait_for

WIKIDATA = DATA / "wikidata"
GOLD = DATA / "gold"  # the samples' gold, copied from ../shared/gold (see its README)


@dataclass
class OxigraphServer:
    """`oxigraph serve` on 127.0.0.1 over a folder loaded with RDF files."""

    process: subprocess.Popen[bytes]
    url: str  # the SPARQL query endpoint

    @classmethod
    def start(cls, location: Path, *files: Path) -> OxigraphServer:
        for file in files:
            subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(file)],
                           check=True, capture_output=True, timeout=120)
        port = free_port()
        process = subprocess.Popen([str(BIN / "oxigraph"), "serve", "--location", str(location), "--bind",
                                    f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}/query"
        try:
            wait_for(f"{url}?query=ASK%7B%7D", process)
        except Exception:
            process.kill()
            process.wait()
            raise
        return cls(process, url)

    def stop(self) -> None:
        stop_process(self.process)


@dataclass
class Seen:
    """One request the proxy received."""

    at: float
    method: str
    user_agent: str
    body: str
    status: int


@dataclass
class CountingProxy:
    """A stdlib HTTP proxy on 127.0.0.1 that forwards to `upstream`, records every request, and answers the next
    requests with a queued failure (status, Retry-After) when told to."""

    upstream: str
    seen: list[Seen] = field(default_factory=list)
    failures: deque[tuple[int, str | None]] = field(default_factory=deque)
    delays: deque[float] = field(default_factory=deque)

    def __post_init__(self) -> None:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
                return

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                agent = self.headers.get("User-Agent", "")
                if proxy.failures:
                    status, retry_after = proxy.failures.popleft()
                    proxy.seen.append(Seen(time.monotonic(), self.command, agent, body.decode(), status))
                    payload = b"slow down"
                    self.send_response(status)
                    if retry_after is not None:
                        self.send_header("Retry-After", retry_after)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                if proxy.delays:
                    time.sleep(proxy.delays.popleft())  # longer than the client waits: it gives up and retries
                upstream = proxy.upstream + (self.path[self.path.index("?"):] if "?" in self.path else "")
                request = urllib.request.Request(upstream, data=body or None, method=self.command)
                for name in ("Content-Type", "Accept", "User-Agent"):
                    if self.headers.get(name):
                        request.add_header(name, self.headers[name])
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        status, headers, payload = response.status, response.headers, response.read()
                except urllib.error.HTTPError as exc:
                    status, headers, payload = exc.code, exc.headers, exc.read()
                    exc.close()
                proxy.seen.append(Seen(time.monotonic(), self.command, agent, body.decode(), status))
                self.send_response(status)
                self.send_header("Content-Type", headers.get("Content-Type", "application/octet-stream"))
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = _handle
            do_POST = _handle

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                return  # a client that timed out closed its socket: nothing to report

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/sparql"

    def fail_next(self, status: int = 429, retry_after: str | None = "1", times: int = 1) -> None:
        """Answer the next `times` requests with `status` (and Retry-After) instead of forwarding them."""
        self.failures.extend([(status, retry_after)] * times)

    def delay_next(self, seconds: float) -> None:
        """Hold the next request for `seconds` before forwarding it."""
        self.delays.append(seconds)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def _span(text: str, fragment: str) -> Span | None:
    start = text.find(fragment)
    return Span(start, start + len(fragment), fragment) if start >= 0 else None


def _date(value: str | None) -> DateValue | None:
    if not value:
        return None
    return DateValue(value, {4: "year", 7: "month"}.get(len(value), "day"))


def gold_extraction(report: Report) -> Extraction:
    """The gold annotations of a sample report as an Extraction (actors and figures)."""
    gold = json.loads((GOLD / (Path(report.source or "").stem + ".gold.json")).read_text(encoding="utf-8"))
    known = load_gazetteer()
    actors = [Actor(a["id"], a["name"], a["type"], known=a["id"] in known, wikidata=a.get("wikidata"),
                    labels={} if a["id"] in known else {"en": a["name"]}, role=a.get("role"))
              for a in gold["actors"]]
    figures = []
    for f in gold["figures"]:
        evidence = [s for s in (_span(report.text, e) for e in f.get("evidence", [])) if s is not None]
        figures.append(Figure(f.get("quantity"), f["qualifier"], f["measure"], f["population"],
                              sources=list(f.get("source", [])), outlet=f.get("via"), as_of=_date(f.get("as_of")),
                              place=f.get("place"), evidence=evidence))
    return Extraction(actors=actors, figures=figures)


#: A report whose actors are new to the gazetteer: an outlet and a person proposed with a Wikidata id.
EXTRA_TEXT = "Hromadske reports that Kim Yong-chol visited Moscow."
EXTRA_REPORT = Report(text=EXTRA_TEXT, date="2025-11-05", language="en", outlet="Hromadske", source="extra")
EXTRA_EXTRACTION = Extraction(actors=[Actor(
    "kim_yong_chol", "Kim Yong-chol", "Person", [Span(23, 36, "Kim Yong-chol")], known=False,
    wikidata="Q90000012", labels={"uk": "Кім Йон Чхоль", "en": "Kim Yong-chol"}, role="North Korean official")])


def extractor(report: Report) -> Extraction:
    """Gold for the samples, the hand-made extraction for the extra report."""
    return EXTRA_EXTRACTION if report.source == "extra" else gold_extraction(report)


def build_store(path: Path) -> Path:
    """An on-disk store with the samples (gold actors and figures) and the extra report, released afterwards so
    that `reportgraph` subprocesses can open it."""
    from store import open_store

    store = open_store(str(path))
    ingest_reports([*read_paths([SAMPLES]), EXTRA_REPORT], store, extractor=extractor)
    store.close()
    del store
    gc.collect()
    return path
