"""Reading a SPARQL 1.1 Protocol operation (a query or an update) and its dataset from an HTTP request.

The three ways the protocol allows: GET with `query=`; POST of an HTML form (application/x-www-form-urlencoded,
`query=` or `update=`); POST of the text itself (application/sparql-query, application/sparql-update) with the
dataset parameters in the URL. The operation must be given exactly once and in UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Request
from werkzeug.datastructures import MultiDict

from server.errors import ApiError

FORM = "application/x-www-form-urlencoded"
DIRECT = {"query": "application/sparql-query", "update": "application/sparql-update"}
#: The dataset parameters of each operation: (default graphs, named graphs).
DATASET = {"query": ("default-graph-uri", "named-graph-uri"), "update": ("using-graph-uri", "using-named-graph-uri")}


@dataclass(frozen=True)
class Operation:
    """A query or update text with the dataset the request gave (None when it gave none)."""

    text: str
    graphs: list[str] | None
    named_graphs: list[str] | None


def _check_charset(request: Request) -> None:
    charset = request.mimetype_params.get("charset")
    if charset and charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ApiError(415, f"the body must be UTF-8, not {charset}; send it as UTF-8 (charset=utf-8)")


def read_operation(request: Request, kind: str) -> Operation | None:
    """The `kind` ("query" or "update") operation of `request`, or None when it carries none. Raises 400 for
    a repeated or non-UTF-8 operation, 415 for a POST of another media type."""
    sources: list[MultiDict[str, str]] = [request.args]
    if request.method in ("GET", "HEAD"):
        texts = request.args.getlist(kind)
    else:
        mimetype = (request.mimetype or "").lower()
        if mimetype == FORM:
            _check_charset(request)
            sources.append(request.form)
            texts = request.args.getlist(kind) + request.form.getlist(kind)
        elif mimetype == DIRECT[kind]:
            _check_charset(request)
            if request.args.getlist(kind):
                raise ApiError(400, f"the {kind} is in the body; do not also give '{kind}=' in the URL")
            try:
                texts = [request.get_data(cache=False).decode("utf-8")]
            except UnicodeDecodeError as exc:
                raise ApiError(400, f"the {kind} is not valid UTF-8: {exc}") from exc
        else:
            raise ApiError(415, f"unsupported Content-Type {request.mimetype or '(none)'!r} for a {kind}; "
                           f"accepted: {DIRECT[kind]}, {FORM}")
    if not texts:
        return None
    if len(texts) > 1:
        raise ApiError(400, f"give exactly one '{kind}' parameter, not {len(texts)}")
    text = texts[0]
    if not text.strip():
        raise ApiError(400, f"the {kind} is empty")
    default_name, named_name = DATASET[kind]
    graphs = [g for source in sources for g in source.getlist(default_name)]
    named = [g for source in sources for g in source.getlist(named_name)]
    return Operation(text, graphs or None, named or None)
