"""Benchmark: time and peak memory of exporting a graph of about 1M triples in every registered format.

    .venv/bin/python bench/export.py [--triples 1000000] [--formats gexf,graphml] [--collapse] [--store DIR]

The graph has the project's shape: synthetic reports mapped through `ingest.mapping.report_graph` (figures with
claimants, subjects, as-of dates and evidence; events; known and new actors), one named graph per report, plus
the gazetteer, loaded once into an on-disk Oxigraph store (kept in DIR and reused when it already holds the
requested size). Each format then runs in a fresh process (select the whole graph -> project -> write to a file)
so its peak memory (max RSS) is its own; the table gives seconds, peak RSS, the RSS of the bare process before the
export, and the output size.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.mapping import report_graph  # noqa: E402
from ingest.pipeline import ensure_system_graphs  # noqa: E402
from ingest.records import Actor, DateValue, Event, Extraction, Figure, Report, Span  # noqa: E402
from ontology.gazetteer import load_gazetteer  # noqa: E402
from ontology.iris import report_graph_iri  # noqa: E402
from store import open_store  # noqa: E402

MEASURES = ("deployed", "planned", "present", "killed", "wounded", "casualties", "captured")
QUALIFIERS = ("exact", "approximately", "at_least", "more_than", "up_to")
POPULATIONS = ("soldiers", "construction_troops", "special_forces", "workers")
EVENTS = ("Deployment", "Casualties", "Capture", "Meeting", "Statement", "Transfer")
SENTENCE = "За даними джерела, близько {n} військових КНДР перебувають у Курській області станом на {d}. "


def synthetic_report(number: int, rng: random.Random, known: list[str]) -> tuple[Report, Extraction]:
    """One report with 20 figures, 10 events, 12 known actors and one new actor."""
    month = rng.randrange(15)
    year, mon = 2024 + (9 + month) // 12, (9 + month) % 12 + 1
    date = f"{year}-{mon:02d}-{rng.randrange(1, 28):02d}"
    text = "".join(SENTENCE.format(n=rng.randrange(100, 20000), d=date) for _ in range(30))
    report = Report(text=f"{number}: {text}", date=date, language="uk", title=f"Звіт {number}",
                    source=f"synthetic-{number}.txt")
    span = Span(0, 40, report.text[:40])
    mentioned = rng.sample(known, 12)
    new = Actor(f"source_{number % 500}", f"Source {number % 500}", "Person", [span], known=False,
                labels={"uk": f"Джерело {number % 500}", "en": f"Source {number % 500}"})
    actors = [Actor(a, a, "Organization", [span]) for a in mentioned] + [new]
    figures = [Figure(rng.randrange(1, 20000), rng.choice(QUALIFIERS), rng.choice(MEASURES), rng.choice(POPULATIONS),
                      sources=[rng.choice(mentioned[:6] + [new.id])], as_of=DateValue(date[:7], "month"),
                      place=rng.choice(mentioned[6:]), concerns="north_korea", evidence=[span]) for _ in range(20)]
    events = [Event(rng.choice(EVENTS), f"event {number}-{i}", span, date=DateValue(date, "day"),
                    place=rng.choice(mentioned[6:]), participants=rng.sample(mentioned, 2)) for i in range(10)]
    return report, Extraction(actors=actors, figures=figures, events=events)


def build_store(folder: Path, triples: int) -> int:
    """Fill `folder` with about `triples` triples (N-Quads, one load); returns the quad count."""
    store = open_store(str(folder))
    if store.count() >= triples:
        return store.count()
    ensure_system_graphs(store)
    rng = random.Random(7)
    known = sorted(load_gazetteer())
    written, number = store.count(), 0
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile("w", suffix=".nq", encoding="utf-8", delete=False) as handle:
        while written < triples:
            report, extraction = synthetic_report(number, rng, known)
            graph = f" <{report_graph_iri(report.content_hash)}> .\n"
            for line in report_graph(report, extraction).serialize(format="nt").splitlines():
                if line.strip():
                    handle.write(line[:-2] + graph)
                    written += 1
            number += 1
    with open(handle.name, "rb") as data:
        store.load(data, "nq")
    Path(handle.name).unlink()
    count = store.count()
    store.close()
    print(f"built {count:,} quads from {number:,} synthetic reports in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return count


def _current_rss_kib() -> int:
    """The resident set size of this process now, in KiB (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() // 1024


def _peak_mib() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def run_graph_formats(folder: Path, names: list[str], collapse: bool) -> list[dict[str, object]]:
    """Select and project the whole store once, then write each property-graph format from the same projection:
    one row for select+project, one per writer (its seconds, and the process's peak RSS after it)."""
    from queries.exports import ExportOptions, export_format
    from queries.projection import ProjectionOptions, project
    from queries.selection import Selection, select

    store = open_store(str(folder))
    rows: list[dict[str, object]] = [{"format": "(base)", "seconds": 0.0, "peak_mib": round(_current_rss_kib() / 1024)}]
    started = time.perf_counter()
    graph = project(select(store, Selection()), ProjectionOptions(collapse=collapse))
    rows.append({"format": f"(select+project: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} "
                           "edges)", "seconds": round(time.perf_counter() - started, 2), "peak_mib": _peak_mib()})
    with tempfile.TemporaryDirectory() as out:
        for name in names:
            fmt = export_format(name)
            path = Path(out) / f"bench.{fmt.extension}"
            started = time.perf_counter()
            with path.open("wb") as handle:
                fmt.writer(graph, handle, ExportOptions(dynamic=fmt.dynamic))
            rows.append({"format": name, "seconds": round(time.perf_counter() - started, 2),
                         "peak_mib": _peak_mib(), "output_mib": round(path.stat().st_size / 2**20, 1)})
            path.unlink()
    return rows


def run_rdf_format(folder: Path, name: str) -> dict[str, object]:
    """Export the whole store in one RDF format (select + write), in this process."""
    from queries.exports import export_file, export_format
    from queries.selection import Selection, select

    fmt = export_format(name)
    store = open_store(str(folder))
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        path = export_file(select(store, Selection()), fmt, Path(out) / f"bench.{fmt.extension}")
        seconds = time.perf_counter() - started
        size = path.stat().st_size
    return {"format": name, "seconds": round(seconds, 2), "peak_mib": _peak_mib(),
            "output_mib": round(size / 2**20, 1)}


def _child(args: list[str]) -> list[dict[str, object]]:
    result = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed")
    return list(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    """Build (or reuse) the store; property-graph formats share one process (one projection), each RDF format
    gets its own; print the table."""
    from queries.exports import EXPORT_FORMATS

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--formats", default=",".join(f.name for f in EXPORT_FORMATS))
    parser.add_argument("--collapse", action="store_true", help="figures as edges")
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "reportgraph-bench-export")
    parser.add_argument("--graph-formats", help=argparse.SUPPRESS)
    parser.add_argument("--rdf-format", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = args.store / str(args.triples)
    if args.graph_formats:
        print(json.dumps(run_graph_formats(folder, args.graph_formats.split(","), args.collapse)))
        return
    if args.rdf_format:
        print(json.dumps([run_rdf_format(folder, args.rdf_format)]))
        return
    count = build_store(folder, args.triples)
    wanted = args.formats.split(",")
    sources = {f.name: f.source for f in EXPORT_FORMATS}
    unknown = [name for name in wanted if name not in sources]
    if unknown:
        parser.error(f"unknown formats {unknown}; accepted: {', '.join(sources)}")
    common = ["--triples", str(args.triples), "--store", str(args.store)] + (["--collapse"] if args.collapse else [])
    print(f"exporting the whole graph: {count:,} quads; figures {'collapsed' if args.collapse else 'as nodes'}")
    print(f"{'format':<58} {'seconds':>8} {'peak MiB':>9} {'out MiB':>8}", flush=True)
    jobs = []
    graph_names = [n for n in wanted if sources[n] == "graph"]
    if graph_names:
        jobs.append(["--graph-formats", ",".join(graph_names)])
    jobs += [["--rdf-format", name] for name in wanted if sources[name] == "rdf"]
    total = time.perf_counter()
    for job in jobs:
        try:
            rows = _child(job + common)
        except RuntimeError as exc:
            print(f"{job[1]:<58} failed: {exc}", flush=True)
            continue
        for row in rows:
            print(f"{row['format']:<58} {row['seconds']:>8} {row['peak_mib']:>9} {row.get('output_mib', ''):>8}",
                  flush=True)
    print(f"total {time.perf_counter() - total:.0f} s")


if __name__ == "__main__":
    main()
