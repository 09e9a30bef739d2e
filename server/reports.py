"""Ingest over HTTP: POST /reports with report text, JSON or JSON lines, behind the write token.

The body is read and checked whole before anything is written (a bad report anywhere in a batch is a 400 that
names it and stores nothing); each report then replaces its own named graph atomically, as `reportgraph ingest`
does, so posting the same report twice changes nothing.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from ingest.pipeline import ingest_reports
from ingest.readers import InputError, parse_text
from server.auth import require_write_token
from server.errors import ApiError
from server.limits import oxigraph_store, write_lock

blueprint = Blueprint("reports", __name__)

#: Request media types and the reader format each one means.
BODY_FORMATS = {
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl",
    "text/plain": "sample",
}


@blueprint.route("/reports", methods=["POST"])
def post_reports() -> tuple[Response, int]:
    """Ingest the reports in the body; 201 with the report IRIs and what was extracted."""
    require_write_token()
    fmt = BODY_FORMATS.get((request.mimetype or "").lower())
    if fmt is None:
        raise ApiError(415, f"unsupported Content-Type {request.mimetype or '(none)'!r}; accepted: "
                       + ", ".join(BODY_FORMATS))
    try:
        text = request.get_data(as_text=False).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"the body is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    date = request.args.get("date")
    language = request.args.get("language")
    try:
        reports = parse_text(text, "POST /reports", fmt=fmt, date=date, language=language)
    except InputError as exc:
        raise ApiError(400, f"{exc} (text/plain takes the sample format or ?date=YYYY-MM-DD; JSON takes "
                       "objects with 'text' and 'date')") from exc
    if not reports:
        raise ApiError(400, "the body holds no report")
    store = oxigraph_store()
    with write_lock():
        summary = ingest_reports(reports, store)
    return jsonify({"reports": summary.reports, "figures": summary.figures, "events": summary.events,
                    "actors": summary.actors}), 201
