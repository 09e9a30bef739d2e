"""The ceiling of any Python front served like reportgraph: a WSGI app that answers every request with a fixed
SPARQL JSON result, run by bench/sparql.py under gunicorn with reportgraph's settings (the same number of
processes and threads, gthread workers, the access log on or off like
reportgraph's). Whatever reportgraph adds (Flask, protocol, negotiation, the query) comes below it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

BODY = b'{"head":{"vars":["p","o"]},"results":{"bindings":[]}}'


def app(environ: dict[str, object], start_response: Callable[..., object]) -> Iterable[bytes]:
    """Answer with BODY."""
    start_response("200 OK", [("Content-Type", "application/sparql-results+json"),
                              ("Content-Length", str(len(BODY)))])
    return [BODY]
