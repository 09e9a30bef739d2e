"""Commands that move data in and out of the store: ingest, dump, load, validate."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click
import pyoxigraph as ox
from rdflib import Graph

from ingest.pipeline import ingest_reports, stderr_progress
from ingest.readers import InputError, parse_text, read_paths
from ontology.validation import validate_graph
from server.commands.options import open_or_fail, store_option
from store import StoreError
from store.formats import RDF_FORMATS


@click.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--samples", is_flag=True, help="Also ingest the sample reports bundled with reportgraph.")
@click.option("--date", help="Date (YYYY-MM-DD) for plain-text input without a ' date ' header.")
@click.option("--format", "fmt", type=click.Choice(["auto", "sample", "json", "jsonl"]), default="auto",
              show_default=True, help="Input format; auto looks at the file name and content.")
@click.option("--language", type=click.Choice(["uk", "en", "ru"]), help="Language (default: detected).")
@store_option
def ingest_command(paths: tuple[str, ...], samples: bool, date: str | None, fmt: str, language: str | None,
                   store_location: str) -> None:
    """Ingest report files, folders, or '-' for stdin, each report into its own named graph."""
    if not paths and not samples:
        raise click.UsageError("give report files or folders, '-' for stdin, or --samples")
    try:
        reports = read_paths([bundled_samples()]) if samples else []
        files = [p for p in paths if p != "-"]
        if files:
            reports.extend(read_paths(files, fmt=fmt, date=date, language=language))
        if "-" in paths:
            reports.extend(parse_text(sys.stdin.read(), "stdin", fmt=fmt, date=date, language=language))
    except InputError as exc:
        raise click.ClickException(str(exc)) from exc
    if not reports:
        raise click.ClickException("no reports found in " + ", ".join(paths)
                                   + " (looked for .txt, .json, .jsonl)")
    store = open_or_fail(store_location)
    try:
        summary = ingest_reports(reports, store, progress=stderr_progress)
    finally:
        store.close()
    click.echo(f"ingested {len(summary.reports)} reports: {summary.figures} figures, {summary.events} events, "
               f"{summary.actors} actor mentions; {store.count()} quads in {store_location}", err=True)
    for iri in summary.reports:
        click.echo(iri)


def bundled_samples() -> Path:
    """The folder of sample reports shipped inside the ingest package."""
    return Path(str(resources.files("ingest").joinpath("samples")))


@click.command("dump")
@click.option("--format", "fmt", default="nq", show_default=True,
              help="RDF format: " + ", ".join(sorted(RDF_FORMATS)) + ".")
@click.option("--graph", help="Dump one named graph (with a triple format such as ttl or nt).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="File (default stdout).")
@store_option
def dump_command(fmt: str, graph: str | None, output: str | None, store_location: str) -> None:
    """Write the store (all graphs as N-Quads/TriG, or one graph) to stdout or a file."""
    store = open_or_fail(store_location)
    if graph is not None and graph not in store.graph_counts():
        raise click.ClickException(f"no graph <{graph}> in the store")
    try:
        if output is None:
            store.dump(sys.stdout.buffer, fmt, graph)
            return
        target = Path(output)
        partial = target.with_name(target.name + ".partial")
        try:
            with partial.open("wb") as handle:
                store.dump(handle, fmt, graph)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", help="RDF format (default: from the file extension).")
@click.option("--graph", help="Named graph for the triples (replaced atomically); quads keep their graphs.")
@store_option
def load_command(file: str, fmt: str | None, graph: str | None, store_location: str) -> None:
    """Load an RDF file (any format) into the store, in one transaction."""
    store = open_or_fail(store_location)
    try:
        with open(file, "rb") as handle:
            added = store.replace_graph(graph, handle, fmt or file) if graph else store.load(handle, fmt or file)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    click.echo(f"loaded {added} statements from {file}" + (f" into <{graph}>" if graph else ""), err=True)


@click.command("validate")
@store_option
def validate_command(store_location: str) -> None:
    """Check the whole store against the SHACL shapes; exit 1 with a readable report on violations."""
    store = open_or_fail(store_location)
    union = Graph().parse(data=store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").serialize(
        format=ox.RdfFormat.N_TRIPLES), format="nt")
    result = validate_graph(union)
    if result.conforms:
        click.echo(f"conforms: {len(union)} triples checked against the SHACL shapes")
        return
    for violation in result.violations:
        click.echo(str(violation))
    raise click.ClickException(f"{len(result.violations)} SHACL violation(s)")
