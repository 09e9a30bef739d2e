"""Commands that serve and query: serve (gunicorn) and query (SPARQL or a named query from the command line)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from queries.binding import BindingError, bind
from queries.catalog import CatalogError, NamedQuery, load_catalog
from server.commands.options import open_or_fail, store_option
from server.config import Settings
from server.negotiation import GRAPH_FORMATS, RESULT_FORMATS, OutputFormat
from store.execution import QueryError, QueryRequest
from store.executor import MODES, ThreadExecutor
from store.oxigraph_store import OxigraphStore

EXAMPLE_QUERY = ("PREFIX schema: <https://schema.org/> SELECT ?report ?date ?title WHERE { ?report a "
                 "schema:NewsArticle ; schema:datePublished ?date . OPTIONAL { ?report schema:headline ?title } }")


def _csv(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(v.strip() for v in value.split(",") if v.strip())


def _token(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise click.ClickException(f"cannot read the update token file {path}: {exc}") from exc
    if not token:
        raise click.ClickException(f"the update token file {path} is empty")
    return token


@click.command("serve")
@click.option("--host", envvar="KG_HOST", default="127.0.0.1", show_default=True, help="Env KG_HOST.")
@click.option("--port", envvar="KG_PORT", default=5000, show_default=True, type=int, help="Env KG_PORT.")
@click.option("--workers", envvar="KG_WORKERS", type=click.IntRange(min=1),
              help="Server processes (env KG_WORKERS, default 1). More than 1 serves reads in parallel from "
                   "snapshots and serialises writes across processes; needs a store folder.")
@click.option("--threads", envvar="KG_THREADS", type=int, help="Threads per server process (env KG_THREADS, "
              "default 8).")
@click.option("--access-log/--no-access-log", envvar="KG_ACCESS_LOG", default=None,
              help="Log every request on stderr (env KG_ACCESS_LOG, default on).")
@click.option("--query-timeout", envvar="KG_QUERY_TIMEOUT", type=float,
              help="Seconds a query may run before it is stopped with 504 (env KG_QUERY_TIMEOUT, default 30).")
@click.option("--max-rows", envvar="KG_MAX_ROWS", type=int,
              help="Result row cap; a cut result is flagged in X-SPARQL-MaxRows (env KG_MAX_ROWS, default 100000).")
@click.option("--max-body-bytes", envvar="KG_MAX_BODY_BYTES", type=int,
              help="Request body cap, 413 above it (env KG_MAX_BODY_BYTES).")
@click.option("--max-concurrent-queries", envvar="KG_MAX_CONCURRENT_QUERIES", type=int,
              help="Queries running at once; more wait, then 503 (env KG_MAX_CONCURRENT_QUERIES, default 4).")
@click.option("--query-queue-timeout", envvar="KG_QUERY_QUEUE_TIMEOUT", type=float,
              help="Seconds a query may wait for a free slot (env KG_QUERY_QUEUE_TIMEOUT, default 5).")
@click.option("--query-mode", envvar="KG_QUERY_MODE", type=click.Choice(MODES),
              help="Where queries run: process (killed at the deadline; default for a folder), thread, auto.")
@click.option("--cors-origins", envvar="KG_CORS_ORIGINS",
              help="Comma-separated origins allowed to read cross-origin, '*' for any, '' for none.")
@click.option("--service-allowlist", envvar="KG_SERVICE_ALLOWLIST",
              help="Comma-separated SPARQL endpoints that SERVICE and LOAD may use (default none).")
@click.option("--update-token-file", type=click.Path(dir_okay=False),
              help="File holding the bearer token that turns on /update and /store writes "
                   "(env KG_UPDATE_TOKEN or KG_UPDATE_TOKEN_FILE).")
@click.option("--export-max-triples", envvar="KG_EXPORT_MAX_TRIPLES", type=click.IntRange(min=0),
              help="Triples one HTTP export may select; 0 for no cap (env KG_EXPORT_MAX_TRIPLES, default 5000000).")
@click.option("--reconcile-max-queries", envvar="KG_RECONCILE_MAX_QUERIES", type=click.IntRange(min=1),
              help="Queries in one reconciliation batch (env KG_RECONCILE_MAX_QUERIES, default 100).")
@click.option("--reconcile-max-limit", envvar="KG_RECONCILE_MAX_LIMIT", type=click.IntRange(min=1),
              help="Candidates per reconciliation query (env KG_RECONCILE_MAX_LIMIT, default 50).")
@click.option("--queries-dir", envvar="KG_QUERIES_DIR", type=click.Path(file_okay=False),
              help="Extra folder of named queries (*.rq) served beside the bundled ones.")
@store_option
def serve_command(host: str, port: int, workers: int | None, threads: int | None, access_log: bool | None,
                  query_timeout: float | None, max_rows: int | None,
                  max_body_bytes: int | None, max_concurrent_queries: int | None, query_queue_timeout: float | None,
                  query_mode: str | None, cors_origins: str | None, service_allowlist: str | None,
                  update_token_file: str | None, export_max_triples: int | None, reconcile_max_queries: int | None,
                  reconcile_max_limit: int | None, queries_dir: str | None, store_location: str) -> None:
    """Serve the SPARQL endpoint and the rest of the HTTP API with gunicorn."""
    from server.wsgi import check_workers, serve

    if queries_dir:
        try:
            load_catalog(queries_dir)
        except CatalogError as exc:
            raise click.ClickException(str(exc)) from exc
    settings = Settings.from_env(
        store=store_location, host=host, port=port, workers=workers, threads=threads, access_log=access_log,
        query_timeout=query_timeout,
        max_rows=max_rows, max_body_bytes=max_body_bytes, max_concurrent_queries=max_concurrent_queries,
        query_queue_timeout=query_queue_timeout, query_mode=query_mode, cors_origins=_csv(cors_origins),
        service_allowlist=_csv(service_allowlist), update_token=_token(update_token_file), queries_dir=queries_dir,
        export_max_triples=export_max_triples, reconcile_max_queries=reconcile_max_queries,
        reconcile_max_limit=reconcile_max_limit, preload_workers=True)
    try:
        check_workers(settings)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    url = f"http://{host}:{port}"
    click.echo(f"reportgraph serving {store_location} at {url}/sparql (writes "
               f"{'on' if settings.update_token else 'off'}; named queries at {url}/queries)", err=True)
    click.echo(f"try: curl -G {url}/sparql -H 'Accept: text/csv' --data-urlencode 'query={EXAMPLE_QUERY}'",
               err=True)
    serve(settings)


def _format(name: str | None, formats: tuple[OutputFormat, ...], default: str) -> OutputFormat | None:
    key = (name or default).lower()
    return next((f for f in formats if key in (f.name, f.media_type, *f.aliases)), None)


def _list_queries(catalog: dict[str, NamedQuery]) -> None:
    for query in sorted(catalog.values(), key=lambda q: q.name):
        click.echo(f"{query.name}: {query.title}")
        for p in query.parameters:
            default = f" = {p.default}" if p.default else ""
            need = "required" if p.required else "optional"
            click.echo(f"    --param {p.name}=…  ({p.type}, {need}{default}) {p.description}")


@click.command("query")
@click.argument("query", required=False)
@click.option("--name", "name", help="Run a named query (see --list) instead of QUERY.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the named query; repeat for several.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and their parameters.")
@click.option("--format", "fmt", default=None,
              help="Output: " + ", ".join(f.name for f in RESULT_FORMATS) + " for SELECT/ASK (default csv); "
              + ", ".join(f.name for f in GRAPH_FORMATS) + " for CONSTRUCT/DESCRIBE (default turtle).")
@store_option
def query_command(query: str | None, name: str | None, params: tuple[str, ...], list_only: bool, fmt: str | None,
                  store_location: str) -> None:
    """Run a SPARQL query (text, or a path to a .rq file) or a named query against the store."""
    settings = Settings.from_env(store=store_location)
    try:
        catalog = load_catalog(settings.queries_dir)
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from exc
    if list_only:
        _list_queries(catalog)
        return
    if (query is None) == (name is None):
        raise click.UsageError("give a QUERY or --name NAME (see --list)")
    if params and name is None:
        raise click.UsageError("--param needs --name")
    if name is not None:
        if name not in catalog:
            raise click.ClickException(f"no named query {name!r}; available: {', '.join(sorted(catalog))}")
        values: dict[str, str] = {}
        for item in params:
            key, sep, value = item.partition("=")
            if not sep or not key:
                raise click.UsageError(f"--param {item!r}: write NAME=VALUE")
            values[key.strip()] = value
        try:
            text = bind(catalog[name], values)
        except BindingError as exc:
            raise click.ClickException(str(exc)) from exc
    else:
        assert query is not None
        text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") and Path(query).is_file() else query
    results, graph = _format(fmt, RESULT_FORMATS, "csv"), _format(fmt, GRAPH_FORMATS, "turtle")
    if results is None and graph is None:
        raise click.ClickException(f"unknown format {fmt!r}; accepted: "
                                   + ", ".join(f.name for f in (*RESULT_FORMATS, *GRAPH_FORMATS)))
    store = open_or_fail(store_location)
    if not isinstance(store, OxigraphStore):
        raise click.ClickException(f"queries need the embedded Oxigraph store, not {type(store).__name__}")
    executor = ThreadExecutor(store, 1, settings.query_timeout, settings.query_timeout)
    request = QueryRequest(text, results.media_type if results else "", graph.media_type if graph else "",
                           base_iri=settings.base_iri, max_rows=settings.max_rows,
                           service_allowlist=settings.service_allowlist)
    try:
        outcome = executor.run(request)
    except QueryError as exc:
        raise click.ClickException(exc.message if exc.status != 406 else
                                   f"format {fmt!r} does not fit this query's {exc.message} result") from exc
    sys.stdout.buffer.write(outcome.body)
    sys.stdout.buffer.flush()
    if outcome.truncated:
        click.echo(f"result truncated to {settings.max_rows} rows (KG_MAX_ROWS)", err=True)
