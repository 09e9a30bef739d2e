"""Bearer-token authorisation for writes (SPARQL Update, Graph Store writes).

Writes are off unless the operator sets KG_UPDATE_TOKEN (or KG_UPDATE_TOKEN_FILE): then 403. With a token set,
a request without `Authorization: Bearer <token>`, or with another token, gets 401 and changes nothing.
"""

from __future__ import annotations

import hmac

from flask import request

from server.errors import ApiError
from server.limits import abort_with, settings


def require_write_token() -> None:
    """Stop the request unless writes are on and it carries the right bearer token."""
    token = settings().update_token
    if not token:
        raise ApiError(403, "writes are off on this server; the operator enables SPARQL Update and Graph Store "
                       "writes by setting KG_UPDATE_TOKEN (or KG_UPDATE_TOKEN_FILE)")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        abort_with(401, "this write needs a bearer token: send 'Authorization: Bearer <token>'",
                   {"WWW-Authenticate": 'Bearer realm="reportgraph"'})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        abort_with(401, "the bearer token is not valid",
                   {"WWW-Authenticate": 'Bearer realm="reportgraph", error="invalid_token"'})
