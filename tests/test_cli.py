"""The `reportgraph` command end to end: ingest (idempotent), query, dump, load, validate and their errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.conftest import DATA, SHARED, run_cli

REPORTS_QUERY = ("PREFIX schema: <https://schema.org/> SELECT ?date WHERE { ?r a schema:NewsArticle ; "
                 "schema:datePublished ?date } ORDER BY ?date")


def _count(store: Path) -> int:
    out = run_cli("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store)).stdout
    return int(out.splitlines()[1])


def test_help_on_every_command() -> None:
    for command in ("ingest", "serve", "query", "dump", "load", "validate"):
        assert "--store" in run_cli(command, "--help").stdout


def test_ingest_twice_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "data"
    first = run_cli("ingest", "--samples", "--store", str(store))
    assert len(first.stdout.split()) == 2, "one report IRI per line on stdout"
    assert "ingested" in first.stderr
    count = _count(store)
    run_cli("ingest", "--samples", "--store", str(store))
    assert _count(store) == count
    dates = [row[0] for row in csv.reader(io.StringIO(run_cli("query", REPORTS_QUERY, "--store", str(store)).stdout))]
    assert dates == ["date", "2025-10-24", "2025-11-04"]


def test_ingest_stdin_and_jsonl(tmp_path: Path) -> None:
    store = tmp_path / "data"
    run_cli("ingest", "-", "--date", "2025-05-05", "--store", str(store),
            input_text="Північна Корея відправила війська.")
    run_cli("ingest", str(DATA / "reports" / "beta.jsonl"), "--store", str(store))
    out = run_cli("query", REPORTS_QUERY, "--store", str(store)).stdout
    assert out.split() == ["date", "2025-05-05", "2025-06-20", "2025-07-07"]


def test_bad_input_fails_with_one_line_and_stores_nothing(tmp_path: Path) -> None:
    store = tmp_path / "data"
    run_cli("ingest", "--samples", "--store", str(store))
    before = _count(store)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok", "date": "2025-01-01"}\n{"text": "x", "date": "yesterday"}\n', encoding="utf-8")
    result = run_cli("ingest", str(bad), "--store", str(store), check=False)
    assert result.returncode != 0
    assert "bad.jsonl:2" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert _count(store) == before
    result = run_cli("ingest", "-", "--store", str(store), input_text="no header", check=False)
    assert result.returncode != 0 and "--date" in result.stderr


def test_query_formats_and_bad_query(tmp_path: Path) -> None:
    store = tmp_path / "data"
    run_cli("ingest", "--samples", "--store", str(store))
    assert '"bindings"' in run_cli("query", REPORTS_QUERY, "--format", "json", "--store", str(store)).stdout
    turtle = run_cli("query", "CONSTRUCT WHERE { ?s a <https://schema.org/NewsArticle> }", "--store", str(store)).stdout
    assert "https://schema.org/NewsArticle" in turtle
    bad = run_cli("query", "SELEC ?x", "--store", str(store), check=False)
    assert bad.returncode != 0 and "bad SPARQL query" in bad.stderr
    rq = tmp_path / "q.rq"
    rq.write_text(REPORTS_QUERY, encoding="utf-8")
    assert "2025-10-24" in run_cli("query", str(rq), "--store", str(store)).stdout


def test_dump_load_round_trip(tmp_path: Path) -> None:
    store = tmp_path / "data"
    run_cli("ingest", "--samples", "--store", str(store))
    dump = tmp_path / "all.nq"
    run_cli("dump", "--output", str(dump), "--store", str(store))
    copy = tmp_path / "copy"
    run_cli("load", str(dump), "--store", str(copy))
    assert _count(copy) == _count(store)
    failed = run_cli("dump", "--graph", "http://nope/", "--output", str(tmp_path / "x.ttl"), "--store", str(store),
                     check=False)
    assert failed.returncode != 0 and not (tmp_path / "x.ttl").exists()


def test_load_into_named_graph_and_bad_file(tmp_path: Path) -> None:
    store = tmp_path / "data"
    ttl = tmp_path / "ext.ttl"
    ttl.write_text("<http://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> \"X\" .\n", encoding="utf-8")
    run_cli("load", str(ttl), "--graph", "http://example.org/external", "--store", str(store))
    out = run_cli("query", "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store)).stdout
    assert "http://example.org/external" in out
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/x> <oops", encoding="utf-8")
    result = run_cli("load", str(broken), "--graph", "http://example.org/external", "--store", str(store), check=False)
    assert result.returncode != 0 and "cannot parse" in result.stderr
    assert "http://example.org/external" in run_cli(
        "query", "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store)).stdout


def test_validate_passes_on_samples_and_fails_on_a_broken_graph(tmp_path: Path) -> None:
    store = tmp_path / "data"
    run_cli("ingest", "--samples", "--store", str(store))
    ok = run_cli("validate", "--store", str(store))
    assert "conforms" in ok.stdout
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/reportgraph/id/report/0000000000000000> a schema:NewsArticle ;\n"
        "  schema:inLanguage \"uk\" ; schema:articleBody \"text\" .\n", encoding="utf-8")
    graph = "https://w3id.org/reportgraph/id/graph/report/broken"
    run_cli("load", str(broken), "--graph", graph, "--store", str(store))
    failed = run_cli("validate", "--store", str(store), check=False)
    assert failed.returncode == 1
    assert "ReportShape" in failed.stdout and "datePublished" in failed.stdout


def test_every_report_ingests_and_the_store_conforms(tmp_path: Path) -> None:
    """All reports we have, in three languages (../shared/reports when present, and the test data), ingest
    without an error and the whole store passes the SHACL shapes."""
    store = tmp_path / "data"
    sources = [str(DATA / "reports"), str(DATA / "extraction" / "reports")]
    if SHARED.is_dir():
        sources.append(str(SHARED / "reports"))
    ingested = run_cli("ingest", *sources, "--store", str(store)).stdout.split()
    assert len(ingested) >= (3 + 3 + (13 if SHARED.is_dir() else 0))
    assert "conforms" in run_cli("validate", "--store", str(store)).stdout
