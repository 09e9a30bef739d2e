"""SPARQL 1.1 Update at /update (POST form or application/sparql-update), behind the write token.

The protocol's `using-graph-uri`/`using-named-graph-uri` become USING / USING NAMED clauses of each operation
(400 when an operation has its own USING or WITH). The whole request is one transaction: when any operation
fails, nothing is changed. LOAD may only fetch from endpoints on the SERVICE allow-list.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from server.auth import require_write_token
from server.errors import ApiError
from server.limits import oxigraph_store, settings, write_lock
from server.protocol import read_operation
from store.sparql_text import DatasetConflict, SparqlTextError, apply_using, load_sources

blueprint = Blueprint("update", __name__)


def check_loads(update: str, allowlist: tuple[str, ...]) -> None:
    """Refuse LOAD from a source that is not on the allow-list (403)."""
    for source in load_sources(update):
        if source is None or source not in allowlist:
            allowed = ", ".join(allowlist) or "none (set KG_SERVICE_ALLOWLIST)"
            raise ApiError(403, f"LOAD <{source}> is not allowed; allowed sources: {allowed}")


@blueprint.route("/update", methods=["POST"])
def update() -> Response:
    """Run a SPARQL 1.1 Update atomically; 204 when done."""
    require_write_token()
    operation = read_operation(request, "update")
    if operation is None:
        raise ApiError(400, "missing the update: a form field 'update', or a body of type application/sparql-update")
    try:
        text = apply_using(operation.text, operation.graphs or [], operation.named_graphs or [])
        check_loads(text, settings().service_allowlist)
    except DatasetConflict as exc:
        raise ApiError(400, str(exc)) from exc
    except SparqlTextError as exc:
        raise ApiError(400, f"bad SPARQL update: {exc}") from exc
    store = oxigraph_store()
    with write_lock():
        try:
            store.update(text, base_iri=settings().base_iri)
        except ValueError as exc:
            raise ApiError(400, f"bad SPARQL update: {exc}") from exc
        except RuntimeError as exc:  # e.g. CREATE of a graph that exists, DROP of one that does not
            raise ApiError(400, f"the update failed and changed nothing: {exc}") from exc
        except OSError as exc:  # LOAD could not fetch its source
            raise ApiError(502, f"the update failed and changed nothing: {exc}") from exc
    return Response(status=204)
