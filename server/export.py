"""Graph exports over HTTP: `/export/<format>` (one route per registered format) and `/export` (the list).

Parameters (query string, or a POST form; a CONSTRUCT may also be POSTed as application/sparql-query):
`report`, `around` (+ `hops`), `measure` or `query` choose the selection (none: the whole graph); `lang`
(uk, en, ru), `collapse`, `dynamic` and `text` shape the projection. The export is written to a temporary file
first, so a failure answers with the JSON error shape instead of a cut-off file, then streamed with its media type
and a `Content-Disposition` file name. The cap on selected triples is KG_EXPORT_MAX_TRIPLES (default 5,000,000).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from werkzeug.datastructures import MultiDict

from queries.exports import EXPORT_FORMATS, ExportOptions, UnknownExportFormat, export, export_format
from queries.projection import ProjectionOptions
from queries.selection import Selection, SelectionError, SelectionNotFound, select
from server.errors import ApiError

blueprint = Blueprint("export", __name__)

_SELECTORS = ("report", "around", "measure", "query")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")
_BLOCK = 1 << 16


class ParameterError(ValueError):
    """A request parameter has a value that is not accepted."""


def max_export_triples() -> int | None:
    """The app's cap on selected triples (Settings.export_max_triples, env KG_EXPORT_MAX_TRIPLES; 0: no cap)."""
    cap = current_app.extensions["reportgraph.settings"].export_max_triples
    return cap or None


def flag(params: MultiDict[str, str], name: str) -> bool:
    """A boolean parameter: 1/true/yes/on or 0/false/no/off (a bare `?collapse` means true)."""
    if name not in params:
        return False
    value = params.get(name, "").strip().lower()
    if value in _TRUE or (value == "" and name in params):
        return True
    if value in _FALSE:
        return False
    raise ParameterError(f"{name} must be one of {', '.join(_TRUE + _FALSE[:-1])}, got {value!r}")


def selection_from(params: MultiDict[str, str], query_body: str | None = None) -> Selection:
    """The selection a request asks for; at most one of report, around, measure, query."""
    chosen = [name for name in _SELECTORS if params.get(name)]
    if query_body:
        chosen = [*[c for c in chosen if c != "query"], "query"]
    if len(chosen) > 1:
        raise ParameterError(f"give at most one of {', '.join(_SELECTORS)}; got {', '.join(chosen)}")
    if not chosen:
        return Selection("all")
    name = chosen[0]
    value = query_body if name == "query" and query_body else params[name]
    hops_text = params.get("hops", "1")
    try:
        hops = int(hops_text)
    except ValueError as exc:
        raise ParameterError(f"hops must be a whole number, got {hops_text!r}") from exc
    return Selection("construct" if name == "query" else name, value, hops)


def _stream(handle: IO[bytes]) -> Iterator[bytes]:
    try:
        handle.seek(0)
        while block := handle.read(_BLOCK):
            yield block
    finally:
        handle.close()


@blueprint.get("/export")
def export_index() -> Response:
    """The export formats as JSON: name, media type, file extension, tools, URL."""
    return jsonify({"formats": [{"name": fmt.name, "media_type": fmt.media_type, "extension": fmt.extension,
                                 "source": fmt.source, "tools": fmt.tools, "dynamic": fmt.dynamic,
                                 "url": url_for("export.export_graph", name=fmt.name)} for fmt in EXPORT_FORMATS],
                    "parameters": {"report": "report IRI or content hash", "around": "entity IRI, gazetteer id or "
                                   "node id", "hops": "0-5 (with around)", "measure": "killed, deployed, …",
                                   "query": "a CONSTRUCT query", "lang": "uk, en, ru", "collapse": "figures as "
                                   "edges", "dynamic": "time spells (gexf)", "text": "keep report bodies"}})


@blueprint.route("/export/<name>", methods=["GET", "POST"])
def export_graph(name: str) -> Response:
    """One export of the selection the parameters choose, as an attachment."""
    try:
        fmt = export_format(name)
    except UnknownExportFormat as exc:
        raise ApiError(406, str(exc), accepted=[f.name for f in EXPORT_FORMATS]) from exc
    params: MultiDict[str, str] = MultiDict(request.args)
    body = None
    if request.method == "POST":
        if (request.mimetype or "").lower() == "application/sparql-query":
            body = request.get_data(as_text=True)
        else:
            params.update(request.form)
    try:
        selection = selection_from(params, body)
        projection = ProjectionOptions(language=params.get("lang", "en"), collapse=flag(params, "collapse"),
                                       include_text=flag(params, "text"))
        options = ExportOptions(dynamic=flag(params, "dynamic"))
    except (ParameterError, SelectionError, ValueError) as exc:
        raise ApiError(400, str(exc)) from exc
    try:
        cap = max_export_triples()
    except ParameterError as exc:  # the service's configuration, not the request, is wrong
        raise ApiError(500, str(exc)) from exc
    store = current_app.extensions["reportgraph.store"]
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _stream once the response is sent
    try:
        export(select(store, selection, max_triples=cap), fmt, handle, projection, options)
    except SelectionNotFound as exc:
        handle.close()
        raise ApiError(404, str(exc)) from exc
    except (SelectionError, ValueError) as exc:
        handle.close()
        raise ApiError(400, str(exc)) from exc
    except BaseException:
        handle.close()
        raise
    size = handle.tell()
    filename = f"reportgraph-{selection.slug}.{fmt.extension}"
    return Response(_stream(handle), content_type=_content_type(fmt.media_type), direct_passthrough=True,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Content-Length": str(size)})


def _content_type(media_type: str) -> str:
    textual = media_type.startswith("text/") or media_type.endswith(("json", "+xml", "n-triples", "n-quads",
                                                                      "trig", "trix"))
    return f"{media_type}; charset=utf-8" if textual else media_type
