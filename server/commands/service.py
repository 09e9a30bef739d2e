"""Commands that serve and query: serve (gunicorn) and query (SPARQL from the command line)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pyoxigraph as ox

from server.commands.options import open_or_fail, store_option
from server.config import Settings
from server.negotiation import GRAPH_FORMATS, RESULT_FORMATS

EXAMPLE_QUERY = ("PREFIX schema: <https://schema.org/> SELECT ?report ?date ?title WHERE { ?report a "
                 "schema:NewsArticle ; schema:datePublished ?date . OPTIONAL { ?report schema:headline ?title } }")


@click.command("serve")
@click.option("--host", envvar="KG_HOST", default="127.0.0.1", show_default=True, help="Env KG_HOST.")
@click.option("--port", envvar="KG_PORT", default=5000, show_default=True, type=int, help="Env KG_PORT.")
@click.option("--threads", envvar="KG_THREADS", type=int, help="Worker threads (env KG_THREADS, default 8).")
@click.option("--query-timeout", envvar="KG_QUERY_TIMEOUT", type=float,
              help="Seconds a query may run (env KG_QUERY_TIMEOUT, default 30).")
@click.option("--max-rows", envvar="KG_MAX_ROWS", type=int, help="Result row cap (env KG_MAX_ROWS).")
@click.option("--max-body-bytes", envvar="KG_MAX_BODY_BYTES", type=int,
              help="Request body cap (env KG_MAX_BODY_BYTES).")
@store_option
def serve_command(host: str, port: int, threads: int | None, query_timeout: float | None, max_rows: int | None,
                  max_body_bytes: int | None, store_location: str) -> None:
    """Serve the SPARQL endpoint and the rest of the HTTP API with gunicorn."""
    from server.wsgi import serve

    settings = Settings.from_env(store=store_location, host=host, port=port, threads=threads,
                                 query_timeout=query_timeout, max_rows=max_rows, max_body_bytes=max_body_bytes)
    url = f"http://{host}:{port}"
    click.echo(f"reportgraph serving {store_location} at {url}/sparql", err=True)
    click.echo(f"try: curl -G {url}/sparql -H 'Accept: text/csv' --data-urlencode 'query={EXAMPLE_QUERY}'",
               err=True)
    serve(settings)


@click.command("query")
@click.argument("query")
@click.option("--format", "fmt", default=None,
              help="Output: " + ", ".join(f.name for f in RESULT_FORMATS) + " for SELECT/ASK (default csv); "
              + ", ".join(f.name for f in GRAPH_FORMATS) + " for CONSTRUCT/DESCRIBE (default turtle).")
@store_option
def query_command(query: str, fmt: str | None, store_location: str) -> None:
    """Run a SPARQL query (text, or a path to a .rq file) against the store; results on stdout."""
    text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") and Path(query).is_file() else query
    store = open_or_fail(store_location)
    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise click.ClickException(f"bad SPARQL query: {exc}") from exc
    formats = GRAPH_FORMATS if isinstance(result, ox.QueryTriples) else RESULT_FORMATS
    default = "turtle" if formats is GRAPH_FORMATS else "csv"
    chosen = next((f for f in formats if (fmt or default) in (f.name, *f.aliases)), None)
    if chosen is None:
        raise click.ClickException(f"unknown format {fmt!r}; accepted: {', '.join(f.name for f in formats)}")
    sys.stdout.buffer.write(result.serialize(format=chosen.writer))
