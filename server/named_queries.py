"""Named queries over HTTP: the catalog at /queries (JSON, or HTML for a browser), a query run at
/queries/<name>?param=value in any result format, and its SPARQL text at /queries/<name>/text.

Parameters are bound by `queries.binding` (terms, never string formatting); the run goes through the same limits
as /sparql. `format`/`output` choose the result format and are not parameters.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request

from queries.binding import BindingError, bind
from queries.catalog import CatalogError, NamedQuery, load_catalog
from server.errors import ApiError
from server.limits import settings
from server.sparql import answer_query

blueprint = Blueprint("named_queries", __name__, template_folder="templates")
RESERVED = frozenset({"format", "output"})


def catalog() -> dict[str, NamedQuery]:
    """The named queries this server offers (bundled, plus KG_QUERIES_DIR)."""
    try:
        return load_catalog(settings().queries_dir)
    except CatalogError as exc:
        raise ApiError(500, f"the named-query catalog is broken: {exc}") from exc


def named(name: str) -> NamedQuery:
    """One named query, or 404 listing the names."""
    queries = catalog()
    if name not in queries:
        raise ApiError(404, f"no named query {name!r}; available: {', '.join(sorted(queries))}")
    return queries[name]


@blueprint.route("/queries", methods=["GET"])
def list_queries() -> Response:
    """The catalog: HTML for a browser, JSON otherwise (or ?format=json|html)."""
    queries = sorted(catalog().values(), key=lambda q: q.name)
    wanted = request.args.get("format")
    best = request.accept_mimetypes.best_match(["application/json", "text/html"], "application/json")
    if wanted == "html" or (wanted is None and best == "text/html"):
        return Response(render_template("named_queries.html", queries=queries), mimetype="text/html")
    if wanted not in (None, "json"):
        raise ApiError(406, f"unknown format {wanted!r} for the catalog; accepted: json, html")
    return jsonify({"queries": [q.as_dict() for q in queries]})


@blueprint.route("/queries/<name>", methods=["GET", "POST"])
def run_named(name: str) -> Response:
    """Run a named query with parameters from the URL (or a POSTed form)."""
    query = named(name)
    values = {key: value for key, value in request.values.items() if key not in RESERVED}
    try:
        text = bind(query, values)
    except BindingError as exc:
        raise ApiError(400, str(exc)) from exc
    return answer_query(text)


@blueprint.route("/queries/<name>/text", methods=["GET"])
def query_text(name: str) -> Response:
    """The SPARQL text of a named query, with its header."""
    return Response(named(name).text, mimetype="application/sparql-query")
