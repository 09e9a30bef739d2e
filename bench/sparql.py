"""Benchmark: the reportgraph SPARQL endpoint against a bare `oxigraph serve` on the same data, in one run.

    .venv/bin/python bench/sparql.py [--reports 4500] [--concurrency 8] [--seconds 10] [--workers 2] [--repeat 3]
                                     [--modes process,thread] [--access-log]

Generates (once, cached in --data) about 230 triples per report in the project's shape (bench/sparql_data.py:
4500 reports give just over 1M quads), copies the store for Oxigraph, starts both servers on 127.0.0.1 and drives
each with the same keep-alive HTTP load (raw sockets, one thread per connection) for a cheap lookup (all
statements of one figure, 2000 different figures) and an aggregation (figures and their total per measure, one
of 7 claimants per request). Oxigraph runs with --union-default-graph so both answer the same queries the same
way. Each lookup names a different figure (a random draw from 2000, the same sequence for every server), so no cache
can help. reportgraph runs with --workers server processes (default: the number of CPUs) and, like `oxigraph
serve`, which logs nothing per request, without the access log (--access-log turns it on for reportgraph and the
ceiling app). Prints requests/s, p50 and p99 latency for each and reportgraph's throughput as a ratio of
Oxigraph's; with --repeat N the whole comparison runs N times and the median ratios are printed.
Goal: the lookup at >= 0.5x.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

# bench/ holds scripts named like the project's packages (bench/ingest.py): keep it off the import path and load
# the data generator by its file name.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
_spec = importlib.util.spec_from_file_location("bench_sparql_data", HERE / "sparql_data.py")
assert _spec is not None and _spec.loader is not None
sparql_data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sparql_data)
generate = sparql_data.generate

BIN = Path(sys.executable).parent
RG = "https://w3id.org/reportgraph/ontology#"
LOOKUP = "SELECT ?p ?o WHERE {{ <{figure}> ?p ?o }}"
AGGREGATION = (f"PREFIX rg: <{RG}> PREFIX prov: <http://www.w3.org/ns/prov#> "
               "SELECT ?measure (COUNT(?f) AS ?figures) (SUM(?q) AS ?total) WHERE {{ "
               "?f prov:wasAttributedTo <{source}> ; rg:measure ?measure ; rg:quantity ?q }} GROUP BY ?measure")


@dataclass
class Result:
    """One load run."""

    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] * 1000 if ordered else float("nan")


def _read_response(sock: socket.socket, buffer: bytes) -> tuple[int, bytes]:
    """Read one HTTP/1.1 response (Content-Length or chunked); returns its status and what follows it."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buffer += chunk
    head, _, rest = buffer.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(b":") for line in lines[1:])}
    if b"content-length" in headers:
        length = int(headers[b"content-length"])
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            rest += chunk
        return status, rest[length:]
    while True:  # chunked
        while b"\r\n" not in rest:
            rest += sock.recv(65536)
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        while len(rest) < size + 2:
            rest += sock.recv(65536)
        rest = rest[size + 2:]
        if size == 0:
            return status, rest


def load(host: str, port: int, path: str, queries: list[str], connections: int, seconds: float) -> Result:
    """Keep `connections` keep-alive connections busy with random queries from `queries` for `seconds`."""
    requests = [(f"GET {path}?{urllib.parse.urlencode({'query': q})} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                 "Accept: application/sparql-results+json\r\n\r\n").encode() for q in queries]
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        mine: list[float] = []
        failed = 0
        sock = socket.create_connection((host, port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buffer = b""
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                sock.sendall(rng.choice(requests))
                status, buffer = _read_response(sock, buffer)
            except OSError:
                sock.close()
                sock, buffer, failed = socket.create_connection((host, port)), b"", failed + 1
                continue
            if status == 200:
                mine.append(time.perf_counter() - started)
            else:
                failed += 1
        sock.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(len(latencies), errors[0], time.monotonic() - started, latencies)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def sample_queries(store_path: Path) -> tuple[list[str], list[str]]:
    """2000 lookups of figures and 7 aggregations over claimants, from the generated data."""
    store = ox.Store.read_only(str(store_path))
    figures = [row["f"].value for row in store.query(  # type: ignore[union-attr]
        f"SELECT ?f WHERE {{ GRAPH ?g {{ ?f a <{RG}Figure> }} }} LIMIT 20000")]
    sources = [row["s"].value for row in store.query(  # type: ignore[union-attr]
        "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?f <http://www.w3.org/ns/prov#wasAttributedTo> ?s } } LIMIT 7")]
    del store
    lookups = [LOOKUP.format(figure=f) for f in random.Random(1).sample(figures, min(2000, len(figures)))]
    return lookups, [AGGREGATION.format(source=s) for s in sources]


def run_once(args: argparse.Namespace, store: Path, oxigraph_copy: Path, lookups: list[str],
             aggregations: list[str]) -> dict[str, float]:
    """Start each server in turn, drive it, print its figures; returns the ratios to oxigraph serve."""
    servers: list[tuple[str, list[str], str, dict[str, str]]] = [
        ("oxigraph serve", [str(BIN / "oxigraph"), "serve", "--location", str(oxigraph_copy),
                            "--union-default-graph", "--bind"], "/query", {})]
    for mode in filter(None, args.modes.split(",")):
        servers.append((f"reportgraph ({mode})", [str(BIN / "reportgraph"), "serve", "--store", str(store),
                                                  "--query-mode", mode, "--threads", str(args.threads),
                                                  "--max-concurrent-queries", str(max(4, args.concurrency)),
                                                  "--workers", str(args.workers),
                                                  "--access-log" if args.access_log else "--no-access-log",
                                                  "--host", "127.0.0.1", "--port"], "/sparql", {}))
    if not args.no_ceiling:
        servers.append(("gunicorn ceiling", [str(BIN / "gunicorn"), "--chdir", str(HERE), "--worker-class",
                                             "gthread", "--workers", str(args.workers), "--threads",
                                             str(args.threads), *(["--access-logfile", "-"] if args.access_log else []),
                                             "gunicorn_ceiling:app", "--bind"],
                        "/sparql", {}))
    results: dict[tuple[str, str], Result] = {}
    print(f"{'workload':12} {'server':24} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
    for name, command, path, env in servers:
        port = free_port()
        argv = [*command, str(port) if name.startswith("reportgraph") else f"127.0.0.1:{port}"]
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, **env})
        try:
            wait_until_up(f"http://127.0.0.1:{port}{path}?query=ASK%7B%7D", process)
            load("127.0.0.1", port, path, lookups, args.concurrency, 2)  # warm-up
            workloads = [("lookup", lookups, args.concurrency),
                         ("aggregation", aggregations, args.aggregation_concurrency)]
            for workload, queries, connections in workloads[:1] if name == "gunicorn ceiling" else workloads:
                result = load("127.0.0.1", port, path, queries, connections, args.seconds)
                results[(workload, name)] = result
                print(f"{workload:12} {name:24} {connections:>5} {result.rate:>9.1f} {result.percentile(0.5):>8.1f} "
                      f"{result.percentile(0.99):>8.1f} {result.errors:>6}", flush=True)
        finally:
            process.terminate()
            process.wait(timeout=30)
    ratios: dict[str, float] = {}
    for workload in ("lookup", "aggregation"):
        base = results.get((workload, "oxigraph serve"))
        for (kind, name), result in results.items():
            if kind == workload and name.startswith("reportgraph") and base and base.rate:
                goal = " (goal >= 0.50)" if workload == "lookup" else ""
                ratios[f"ratio {workload}: {name} / oxigraph serve"] = result.rate / base.rate
                print(f"ratio {workload}: {name} / oxigraph serve = {result.rate / base.rate:.2f}{goal}")
    ceiling = results.get(("lookup", "gunicorn ceiling"))
    if ceiling and ceiling.rate and results.get(("lookup", "oxigraph serve")):
        ratios["ceiling / oxigraph serve"] = ceiling.rate / results[("lookup", "oxigraph serve")].rate
        print(f"ceiling: a fixed-answer app under the same gunicorn reaches "
              f"{ceiling.rate / results[('lookup', 'oxigraph serve')].rate:.2f}x of oxigraph serve; "
              + ", ".join(f"{name} {r.rate / ceiling.rate:.2f}x of it" for (kind, name), r in results.items()
                          if kind == "lookup" and name.startswith("reportgraph")))
    return ratios


def main() -> None:
    """Generate or reuse the data, start both servers, run the workloads and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=4500, help="reports to generate (~230 triples each)")
    parser.add_argument("--data", type=Path, default=Path("bench-data"), help="folder for the generated stores")
    parser.add_argument("--concurrency", type=int, default=8, help="keep-alive connections for the lookup")
    parser.add_argument("--aggregation-concurrency", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each load run")
    parser.add_argument("--modes", default="process", help="reportgraph query modes to measure (process,thread)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="gunicorn processes of reportgraph and of the ceiling app (default: CPUs)")
    parser.add_argument("--threads", type=int, default=8, help="gunicorn threads per process")
    parser.add_argument("--access-log", action="store_true", help="log every request (reportgraph and ceiling)")
    parser.add_argument("--repeat", type=int, default=1, help="run the whole comparison this many times")
    parser.add_argument("--no-ceiling", action="store_true",
                        help="skip the fixed-answer gunicorn app that shows the ceiling of a Python front")
    args = parser.parse_args()

    store = args.data / f"reportgraph-{args.reports}"
    if not (store / "CURRENT").exists():
        shutil.rmtree(store, ignore_errors=True)
        print(f"generating {args.reports} reports into {store} …", file=sys.stderr)
        generate(store, args.reports)
    oxigraph_copy = args.data / f"oxigraph-{args.reports}"
    shutil.rmtree(oxigraph_copy, ignore_errors=True)
    shutil.copytree(store, oxigraph_copy)
    lookups, aggregations = sample_queries(store)
    quads = len(ox.Store.read_only(str(store)))
    print(f"data: {quads:,} quads from {args.reports} reports; {os.cpu_count()} CPUs; load average "
          f"{os.getloadavg()[0]:.1f}; {args.seconds:g} s per run")

    print(f"reportgraph: {args.workers} gunicorn process(es) x {args.threads} threads, "
          f"{max(4, args.concurrency)} query workers per process, access log {'on' if args.access_log else 'off'}; "
          "oxigraph serve: its own thread pool, no access log")
    ratios: dict[str, list[float]] = {}
    for run in range(args.repeat):
        if args.repeat > 1:
            print(f"-- run {run + 1}/{args.repeat} (load average {os.getloadavg()[0]:.1f})", flush=True)
        for key, value in run_once(args, store, oxigraph_copy, lookups, aggregations).items():
            ratios.setdefault(key, []).append(value)
    if args.repeat > 1:
        for key, values in ratios.items():
            print(f"median {key}: {statistics.median(values):.2f} (runs: {', '.join(f'{v:.2f}' for v in values)})")
    shutil.rmtree(oxigraph_copy, ignore_errors=True)


if __name__ == "__main__":
    main()
