"""The SPARQL 1.1 Graph Store HTTP Protocol at /store.

A graph is named indirectly (`/store?graph=IRI`, `/store?default`) or directly (`/store/<path>` names the graph
whose IRI is that URL). GET/HEAD read a graph (or, without a graph, the whole dataset as TriG/N-Quads); PUT
replaces, POST merges (POST /store without a graph creates a new graph and answers 201 with its IRI in
Location), DELETE removes. Reads are open like /sparql; writes need the bearer token (server.auth) and are atomic.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator

import pyoxigraph as ox
from flask import Blueprint, Response, request

from ontology.namespaces import PREFIXES
from server.auth import require_write_token
from server.errors import ApiError
from server.limits import oxigraph_store, write_lock
from server.negotiation import GRAPH_FORMATS, OutputFormat, choose_format
from server.sparql import rdf_response
from store.base import StoreError
from store.graph_ops import Payload, delete_graph, graph_exists, graph_triples, post_graph, put_graph

blueprint = Blueprint("graph_store", __name__)
DATASET_FORMATS = tuple(f for f in GRAPH_FORMATS if f.name in ("trig", "nquads"))
_CHUNK = 1 << 16


class _Dataset:
    """Marks a request that names no graph: the whole dataset."""


DATASET = _Dataset()


def target() -> str | None | _Dataset:
    """The graph a request names: an IRI, None for the default graph, or DATASET when it names none."""
    direct = (request.view_args or {}).get("path")
    graphs = request.args.getlist("graph")
    default = "default" in request.args
    if len(graphs) > 1 or (graphs and default) or (direct is not None and (graphs or default)):
        raise ApiError(400, "name one graph: ?graph=<IRI>, ?default, or a path under /store/")
    if direct is not None:
        return request.base_url
    if default:
        return None
    if graphs:
        try:
            ox.NamedNode(graphs[0])
        except ValueError as exc:
            raise ApiError(400, f"?graph= must be an absolute IRI: {exc}") from exc
        return graphs[0]
    return DATASET


def payloads() -> list[Payload]:
    """The RDF sent with a PUT/POST: the body, or each part of a multipart/form-data body."""
    accepted = "text/turtle, application/n-triples, application/rdf+xml, application/ld+json, text/n3"
    if request.mimetype == "multipart/form-data":
        parts: list[Payload] = []
        for upload in request.files.values():
            fmt = ox.RdfFormat.from_media_type(upload.mimetype or "") or (
                ox.RdfFormat.from_extension(upload.filename.rsplit(".", 1)[-1]) if upload.filename else None)
            if fmt is None:
                raise ApiError(415, f"unknown RDF type of part {upload.name!r} ({upload.mimetype}); accepted: "
                               + accepted)
            parts.append((upload.read(), fmt))
        if not parts:
            raise ApiError(400, "the multipart body has no file parts")
        return parts
    fmt = ox.RdfFormat.from_media_type(request.mimetype or "")
    if fmt is None:
        raise ApiError(415, f"unsupported Content-Type {request.mimetype or '(none)'!r}; accepted: {accepted}")
    return [(request.get_data(cache=False), fmt)]


def _dump_dataset(fmt: OutputFormat) -> Response:
    """The whole dataset, spooled to a temporary file and streamed."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response generator once streamed
    oxigraph_store().store.dump(spool, ox.RdfFormat.from_media_type(fmt.media_type))
    spool.seek(0)

    def chunks() -> Iterator[bytes]:
        with spool:
            while chunk := spool.read(_CHUNK):
                yield chunk

    response = Response(chunks(), mimetype=fmt.media_type)
    response.headers["Vary"] = "Accept"
    return response


def read(graph: str | None | _Dataset) -> Response:
    """GET/HEAD: one graph in the negotiated format, 404 when the store does not hold it."""
    if isinstance(graph, _Dataset):
        return _dump_dataset(choose_format(request, DATASET_FORMATS))
    fmt = choose_format(request, GRAPH_FORMATS)
    store = oxigraph_store()
    if not graph_exists(store, graph):
        raise ApiError(404, f"no graph <{graph}> in the store")
    triples = graph_triples(store, graph)
    if fmt.name in ("trig", "nquads") and graph is not None:
        name = ox.NamedNode(graph)
        body = ox.serialize([ox.Quad(t.subject, t.predicate, t.object, name) for t in triples],
                            format=ox.RdfFormat.from_media_type(fmt.media_type), prefixes=PREFIXES)
        return Response(body, mimetype=fmt.media_type, headers={"Vary": "Accept"})
    return rdf_response(triples, fmt, PREFIXES)


def write(graph: str | None | _Dataset) -> Response:
    """PUT/POST/DELETE behind the token; 201 with Location when a graph was created, else 204."""
    require_write_token()
    store = oxigraph_store()
    location = None
    if isinstance(graph, _Dataset):
        if request.method != "POST":
            raise ApiError(400, f"{request.method} needs a graph: ?graph=<IRI>, ?default, or a path under /store/")
        graph = location = f"{request.url_root}store/{uuid.uuid4().hex}"
    with write_lock():
        try:
            if request.method == "DELETE":
                if not delete_graph(store, graph):
                    raise ApiError(404, f"no graph <{graph}> in the store")
                return Response(status=204)
            operation = put_graph if request.method == "PUT" else post_graph
            created = operation(store, graph, payloads())
        except StoreError as exc:
            raise ApiError(400, str(exc)) from exc
    if not created:
        return Response(status=204)
    response = Response(status=201)
    if location is not None or graph is not None:
        response.headers["Location"] = location or str(graph)
    return response


@blueprint.route("/store", methods=["GET", "PUT", "POST", "DELETE"])
@blueprint.route("/store/<path:path>", methods=["GET", "PUT", "POST", "DELETE"])
def graph_store(path: str | None = None) -> Response:
    """Dispatch by method: GET/HEAD read, PUT/POST/DELETE write."""
    graph = target()
    return read(graph) if request.method in ("GET", "HEAD") else write(graph)
