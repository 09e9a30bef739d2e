"""The SPARQL 1.1 Protocol query endpoint at /sparql.

GET, POST form and POST application/sparql-query; `default-graph-uri`/`named-graph-uri` replace the dataset
(without them the default graph is the union of all graphs, unless the query has FROM); results negotiated by
Accept or `format=`; the Service Description on a GET without a query. Every query runs through
`server.limits` (timeout 504, row cap reported in headers, concurrent-query cap 503).
"""

from __future__ import annotations

import logging

import pyoxigraph as ox
from flask import Blueprint, Response, request
from flask.blueprints import BlueprintSetupState

from ontology.namespaces import SD, VOID
from server.errors import ApiError
from server.limits import make_request, outcome_response, query_executor, run_query, settings
from server.negotiation import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    OutputFormat,
    choose_format,
    format_override,
    negotiate,
    not_acceptable,
)
from server.protocol import read_operation
from server.service_description import describe
from store.execution import FormatNotAcceptable

log = logging.getLogger(__name__)
blueprint = Blueprint("sparql", __name__)


@blueprint.record_once
def _preload(state: BlueprintSetupState) -> None:
    """A served app starts its query workers at once, so the first query does not wait for them."""
    if state.app.extensions["reportgraph.settings"].preload_workers:
        try:
            query_executor(state.app)  # type: ignore[arg-type]
        except ApiError as exc:
            log.warning("query workers not started: %s", exc.message)


def answer_query(query: str, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
                 timeout: float | None = None) -> Response:
    """Run `query` for the current request and answer in the negotiated format."""
    override = format_override(request)
    results = negotiate(request, RESULT_FORMATS, override)
    graph = negotiate(request, GRAPH_FORMATS, override)
    if results is None and graph is None:
        raise not_acceptable(request, RESULT_FORMATS + GRAPH_FORMATS, override)
    query_request = make_request(query, results_media_type=results.media_type if results else "",
                                 graph_media_type=graph.media_type if graph else "",
                                 default_graphs=default_graphs, named_graphs=named_graphs)
    try:
        outcome = run_query(query_request, timeout)
    except FormatNotAcceptable as exc:
        raise not_acceptable(request, GRAPH_FORMATS if exc.message == "graph" else RESULT_FORMATS, override) from exc
    return outcome_response(outcome)


def void_dataset_iri() -> str:
    """The IRI of this service's VoID dataset description."""
    return f"{request.host_url}.well-known/void#dataset"


SD_PREFIXES = {"sd": str(SD), "void": str(VOID), "dcterms": "http://purl.org/dc/terms/",
               "formats": "http://www.w3.org/ns/formats/"}


def rdf_response(triples: list[ox.Triple], fmt: OutputFormat, prefixes: dict[str, str] | None = None) -> Response:
    """Triples serialised in `fmt` (quad formats put them in the default graph)."""
    rdf = ox.RdfFormat.from_media_type(fmt.media_type)
    assert rdf is not None
    items: list[ox.Triple] | list[ox.Quad] = triples
    if rdf.supports_datasets:
        items = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    body = ox.serialize(items, format=rdf, prefixes=prefixes or SD_PREFIXES)
    response = Response(body, mimetype=fmt.media_type)
    response.headers["Vary"] = "Accept"
    return response


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    """SELECT/ASK as JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD, RDF/XML, TriG,
    N-Quads; the Service Description when a GET carries no query."""
    if request.method in ("GET", "HEAD") and "update" in request.args:
        raise ApiError(400, "updates are not run at /sparql; POST them to /update")
    operation = read_operation(request, "query")
    if operation is None:
        if request.method == "POST":
            raise ApiError(400, "missing the query: a form field 'query', or a body of type "
                           "application/sparql-query")
        fmt = choose_format(request, GRAPH_FORMATS)
        return rdf_response(describe(request.base_url, void_dataset_iri(), settings()), fmt)
    return answer_query(operation.text, operation.graphs, operation.named_graphs)
