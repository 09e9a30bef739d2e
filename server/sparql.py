"""The SPARQL 1.1 Protocol endpoint at /sparql (read-only queries)."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from server.errors import ApiError
from server.negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose_format

blueprint = Blueprint("sparql", __name__)


def read_query() -> tuple[str, list[str] | None, list[str] | None]:
    """The query string and dataset from GET parameters, a POST form or a direct POST body."""
    if request.method == "GET":
        params = request.args
        query = params.get("query")
    else:
        content_type = (request.mimetype or "").lower()
        if content_type == "application/sparql-query":
            query = request.get_data(as_text=True)
            params = request.args
        elif content_type == "application/x-www-form-urlencoded":
            params = request.form
            query = params.get("query")
        else:
            raise ApiError(415, f"unsupported Content-Type {request.mimetype or '(none)'!r}; accepted: "
                           "application/sparql-query, application/x-www-form-urlencoded")
    if query is None or not query.strip():
        raise ApiError(400, "missing the 'query' parameter (GET ?query=…, a POST form field 'query', "
                       "or a POST body of type application/sparql-query)")
    defaults = params.getlist("default-graph-uri") or None
    named = params.getlist("named-graph-uri") or None
    return query, defaults, named


def run_query(query: str, defaults: list[str] | None, named: list[str] | None) -> Response:
    """Execute and serialise in the negotiated format."""
    store = current_app.extensions["reportgraph.store"]
    try:
        result = store.query(query, default_graphs=defaults, named_graphs=named)
    except SyntaxError as exc:
        raise ApiError(400, f"bad SPARQL query: {exc}") from exc
    if isinstance(result, ox.QueryTriples):
        fmt = choose_format(request, GRAPH_FORMATS)
    else:
        fmt = choose_format(request, RESULT_FORMATS)
    try:
        body = result.serialize(format=fmt.writer)
    except OSError as exc:
        raise ApiError(500, f"query failed while running: {exc}") from exc
    return Response(body, mimetype=fmt.media_type, headers={"Vary": "Accept"})


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    """SELECT/ASK as JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as RDF; 400 on a bad query."""
    query, defaults, named = read_query()
    return run_query(query, defaults, named)
