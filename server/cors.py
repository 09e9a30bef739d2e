"""Cross-origin access (CORS) for browser clients such as YASGUI, for the origins in KG_CORS_ORIGINS.

`*` (the default) lets any origin read; a comma-separated list allows only those origins (the response then
names the origin and varies on it); an empty value turns CORS off. Preflight OPTIONS requests are answered with
the methods the route allows and the headers the client asked for.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from server.limits import EXPOSED_HEADERS, settings

blueprint = Blueprint("cors", __name__)
PREFLIGHT_MAX_AGE = "600"


@blueprint.after_app_request
def add_cors_headers(response: Response) -> Response:
    """Add Access-Control-* headers when the request comes from an allowed origin."""
    origin = request.headers.get("Origin")
    if not origin:
        return response
    allowed = settings().cors_origins
    if "*" in allowed:
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif origin in allowed:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.vary.add("Origin")
    else:
        return response
    response.headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "GET, HEAD, POST, OPTIONS")
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", "Accept, Authorization, Content-Type")
        response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response
