"""`reportgraph export`: the graph (or a selection of it) in a format for visualisation tools or RDF."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

from queries.exports import EXPORT_FORMATS, ExportOptions, export, export_file, export_format
from queries.projection import LANGUAGES, ProjectionOptions
from queries.selection import MAX_HOPS, Selection, SelectionError, select
from server.commands.options import open_or_fail, store_option


def _selection(report: str | None, around: str | None, hops: int, measure: str | None,
               query: str | None) -> Selection:
    chosen = [(kind, value) for kind, value in (("report", report), ("around", around), ("measure", measure),
                                                ("construct", query)) if value]
    if len(chosen) > 1:
        raise click.UsageError("give at most one of --report, --around, --measure, --query")
    if not chosen:
        return Selection("all")
    kind, value = chosen[0]
    if kind == "construct" and value.endswith(".rq") and Path(value).is_file():
        value = Path(value).read_text(encoding="utf-8")
    return Selection(kind, value, hops)


@click.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice([f.name for f in EXPORT_FORMATS]),
              help="Output format (see docs/exports.md for which tool opens which).")
@click.option("--report", help="Only this report (IRI or content hash), with its actors' labels.")
@click.option("--around", help="The neighbourhood of an entity (IRI, gazetteer id like north_korea, or node id).")
@click.option("--hops", type=click.IntRange(0, MAX_HOPS), default=1, show_default=True,
              help="How far --around reaches.")
@click.option("--measure", help="Only the figures of one measure (killed, deployed, …).")
@click.option("--query", help="A CONSTRUCT query (text or a .rq file) selecting the triples.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Label language.")
@click.option("--collapse", is_flag=True, help="Figures as weighted edges claimant -> subject.")
@click.option("--dynamic", is_flag=True, help="Time spells from event and as-of dates (gexf).")
@click.option("--text", "include_text", is_flag=True, help="Keep report bodies as a node attribute.")
@click.option("--max-triples", type=click.IntRange(min=0), envvar="KG_EXPORT_MAX_TRIPLES",
              help="Fail when the selection has more triples (env KG_EXPORT_MAX_TRIPLES; 0 or unset: no cap).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="File to write (written atomically); default stdout.")
@store_option
def export_command(fmt: str, report: str | None, around: str | None, hops: int, measure: str | None,
                   query: str | None, lang: str, collapse: bool, dynamic: bool, include_text: bool,
                   max_triples: int | None, output: str | None, store_location: str) -> None:
    """Export the graph, one report, a neighbourhood, a measure's figures or a CONSTRUCT result."""
    selection = _selection(report, around, hops, measure, query)
    chosen = export_format(fmt)
    projection = ProjectionOptions(language=lang, collapse=collapse, include_text=include_text)
    options = ExportOptions(dynamic=dynamic)
    store = open_or_fail(store_location)
    try:
        triples = select(store, selection, max_triples=max_triples or None)
        if output is not None:
            export_file(triples, chosen, output, projection, options)
            click.echo(f"wrote {chosen.name} export of {selection.slug} to {output}", err=True)
            return
        with tempfile.TemporaryFile() as handle:  # nothing reaches stdout unless the whole export succeeded
            export(triples, chosen, handle, projection, options)
            handle.seek(0)
            shutil.copyfileobj(handle, sys.stdout.buffer)
    except (SelectionError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
