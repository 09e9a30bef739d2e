"""The W3C Entity Reconciliation API 0.2 (what OpenRefine speaks) at /reconcile, over the graph's actors and places.

- `GET /reconcile`: the service manifest (JSONP with `callback=`).
- `GET|POST /reconcile` with `queries=` (a form field or query parameter holding a JSON batch), or a POST
  `application/json` body (the batch, or `{"queries": batch}`): one result list per query, with types (Person,
  Organization, Country, Place) and property constraints (`country`, `wikidata`).
- `/reconcile/suggest/entity|type|property?prefix=…`, `/reconcile/preview?id=…` (HTML for OpenRefine's iframe).

Limits (environment): KG_RECONCILE_MAX_QUERIES (queries per batch, default 100) and KG_RECONCILE_MAX_LIMIT
(candidates per query, default 50). Matching lives in `ingest.linking.reconciliation`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from markupsafe import escape

from ingest.linking.reconciliation import PROPERTIES, TYPES, Entity, Index, Match, load_entities
from ontology.iris import base_iri
from server.errors import ApiError

blueprint = Blueprint("reconcile", __name__)

DEFAULT_LIMIT = 5
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$")
_SCHEMA = "https://schema.org/"


def _limit_setting(name: str) -> int:
    """A reconciliation limit from the app's Settings (env KG_RECONCILE_MAX_QUERIES / KG_RECONCILE_MAX_LIMIT)."""
    return max(1, int(getattr(current_app.extensions["reportgraph.settings"], name)))


def _reply(body: Any) -> Response:
    """JSON, or JSONP when a valid `callback` is given."""
    callback = request.values.get("callback")
    if callback is None:
        return jsonify(body)
    if not _CALLBACK.match(callback):
        raise ApiError(400, "callback must be a JavaScript identifier such as 'jsonp123'")
    return Response(f"{callback}({json.dumps(body, ensure_ascii=False)});", mimetype="application/javascript")


def _index() -> Index:
    """The index over the store's actors, rebuilt when the store's write generation moves on (every request when
    the store does not count its writes)."""
    store = current_app.extensions["reportgraph.store"]
    generation = getattr(store, "generation", None)
    cached = current_app.extensions.get("reportgraph.reconcile_index")
    key = (id(store), generation, base_iri())
    if generation is not None and cached is not None and cached[0] == key:
        return cached[1]
    index = Index(load_entities(store, base_iri()))
    current_app.extensions["reportgraph.reconcile_index"] = (key, index)
    return index


def _type_ref(kind: str) -> dict[str, str]:
    return {"id": kind, "name": kind}


def _types(value: Any) -> list[str]:
    """Type ids from a query: one string or a list; "Person" or "https://schema.org/Person"."""
    if value is None:
        return []
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ApiError(400, "type must be a type id or a list of type ids")
    kinds = []
    for item in values:
        kind = item[len(_SCHEMA):] if item.startswith((_SCHEMA, "http://schema.org/")) else item
        kind = kind.rsplit("/", 1)[-1]
        if kind not in TYPES:
            raise ApiError(400, f"unknown type {item!r}; accepted: {', '.join(TYPES)}")
        kinds.append(kind)
    return kinds


def _values(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("id") or item.get("name")
        if isinstance(item, str | int | float | bool) and str(item).strip():
            out.append(str(item))
    return out


def _properties(value: Any) -> list[tuple[str, list[str]]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ApiError(400, "properties must be a list of {pid, v} objects")
    out = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("pid"), str) or "v" not in item:
            raise ApiError(400, "each property needs a string 'pid' and a value 'v'")
        if item["pid"] not in PROPERTIES:
            raise ApiError(400, f"unknown property {item['pid']!r}; accepted: {', '.join(PROPERTIES)}")
        out.append((item["pid"], _values(item["v"])))
    return out


def _description(entity: Entity, index: Index) -> str:
    if entity.description:
        return entity.description
    countries = [index.by_iri[c].name for c in sorted(entity.countries) if c in index.by_iri]
    return entity.kind + (f", {', '.join(countries)}" if countries else "")


def _result(match: Match, index: Index) -> dict[str, Any]:
    return {
        "id": match.entity.id,
        "name": match.entity.name,
        "description": _description(match.entity, index),
        "score": match.score,
        "match": match.match,
        "type": [_type_ref(match.entity.kind)],
        "features": [{"id": name, "value": value} for name, value in match.features],
    }


def read_batch() -> dict[str, Any]:
    """The query batch from `queries=` (query string or form) or a JSON body; None when there is none."""
    raw: Any = request.values.get("queries")
    if raw is None and request.method == "POST" and request.is_json:
        body = request.get_json(silent=True)
        if body is None:
            raise ApiError(400, "the body is not valid JSON")
        raw = body.get("queries", body) if isinstance(body, dict) else body
    if raw is None:
        return {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError as exc:
            raise ApiError(400, f"queries is not valid JSON: {exc}") from exc
    if not isinstance(raw, dict) or not raw:
        raise ApiError(400, 'queries must be a JSON object such as {"q0": {"query": "Kyiv", "type": "Place"}}')
    maximum = _limit_setting("reconcile_max_queries")
    if len(raw) > maximum:
        raise ApiError(413, f"{len(raw)} queries in one batch; at most {maximum} (KG_RECONCILE_MAX_QUERIES)")
    return raw


def manifest() -> dict[str, Any]:
    """The service manifest; URLs point at this host."""
    root = request.url_root
    return {
        "versions": ["0.2"],
        "name": "reportgraph: actors and places of conflict reporting",
        "identifierSpace": f"{base_iri()}actor/",
        "schemaSpace": _SCHEMA,
        "view": {"url": f"{root}actor/{{{{id}}}}"},
        "defaultTypes": [_type_ref(kind) for kind in TYPES],
        "preview": {"url": f"{root}reconcile/preview?id={{{{id}}}}", "width": 400, "height": 140},
        "suggest": {
            "entity": {"service_url": root.rstrip("/"), "service_path": "/reconcile/suggest/entity"},
            "type": {"service_url": root.rstrip("/"), "service_path": "/reconcile/suggest/type"},
            "property": {"service_url": root.rstrip("/"), "service_path": "/reconcile/suggest/property"},
        },
    }


@blueprint.route("/reconcile", methods=["GET", "POST"])
def reconcile() -> Response:
    """The manifest, or the results of a batch of queries."""
    batch = read_batch()
    if not batch:
        return _reply(manifest())
    max_limit = _limit_setting("reconcile_max_limit")
    index = _index()
    results: dict[str, Any] = {}
    for key, query in batch.items():
        if not isinstance(query, dict):
            raise ApiError(400, f"query {key!r} must be an object with 'query' (and 'type', 'limit', 'properties')")
        text = query.get("query", "")
        if not isinstance(text, str):
            raise ApiError(400, f"query {key!r}: 'query' must be a string")
        properties = _properties(query.get("properties"))
        if not text.strip() and not properties:
            raise ApiError(400, f"query {key!r} has neither a 'query' string nor 'properties'")
        limit = query.get("limit", DEFAULT_LIMIT)
        if not isinstance(limit, int | float) or isinstance(limit, bool) or limit < 0:
            raise ApiError(400, f"query {key!r}: 'limit' must be a non-negative number")
        matches = index.reconcile(text, _types(query.get("type")), min(int(limit), max_limit), properties)
        results[key] = {"result": [_result(match, index) for match in matches]}
    return _reply(results)


def _paging() -> tuple[int, int]:
    try:
        cursor = int(request.values.get("cursor", 0))
        limit = int(request.values.get("limit", 10))
    except ValueError as exc:
        raise ApiError(400, "cursor and limit must be whole numbers") from exc
    if cursor < 0 or limit < 0:
        raise ApiError(400, "cursor and limit must not be negative")
    return cursor, min(limit, _limit_setting("reconcile_max_limit"))


def _prefix() -> str:
    prefix = request.values.get("prefix")
    if prefix is None:
        raise ApiError(400, "missing the 'prefix' parameter")
    return prefix


@blueprint.get("/reconcile/suggest/entity")
def suggest_entity() -> Response:
    """Entities whose names start with `prefix`, in either script."""
    prefix, (cursor, limit) = _prefix(), _paging()
    index = _index()
    types = _types(request.values.getlist("type") or None)
    found = index.suggest(prefix, types, limit, cursor) if prefix.strip() else []
    return _reply({"result": [{"id": e.id, "name": e.name, "description": _description(e, index),
                               "notable": [_type_ref(e.kind)]} for e in found]})


@blueprint.get("/reconcile/suggest/type")
def suggest_type() -> Response:
    """The four types, filtered by prefix."""
    prefix = _prefix().casefold()
    return _reply({"result": [_type_ref(kind) for kind in TYPES if kind.casefold().startswith(prefix)]})


@blueprint.get("/reconcile/suggest/property")
def suggest_property() -> Response:
    """The property constraints the service understands, filtered by prefix."""
    prefix = _prefix().casefold()
    return _reply({"result": [{"id": pid, "name": pid, "description": about} for pid, about in PROPERTIES.items()
                              if pid.startswith(prefix) or about.casefold().startswith(prefix)]})


@blueprint.get("/reconcile/preview")
def preview() -> Response:
    """A small HTML card for OpenRefine's preview iframe."""
    entity_id = request.values.get("id")
    if not entity_id:
        raise ApiError(400, "missing the 'id' parameter")
    index = _index()
    entity = index.by_id.get(entity_id)
    if entity is None:
        raise ApiError(404, f"no actor or place with id {entity_id!r}")
    labels = "".join(f"<li>{escape(text)} <small>{escape(lang or '')}{'' if preferred else ' (alias)'}</small></li>"
                     for text, lang, preferred in entity.labels[:12])
    wikidata = "".join(f' <a href="http://www.wikidata.org/entity/{escape(q)}" target="_blank">{escape(q)}</a>'
                       for q in sorted(entity.wikidata))
    html = (f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(entity.name)}</title></head>"
            f"<body style='font-family:sans-serif;font-size:13px;margin:6px'>"
            f"<a href='{escape(entity.iri)}' target='_blank'><b>{escape(entity.name)}</b></a> "
            f"<i>{escape(entity.kind)}</i>{wikidata}<p>{escape(_description(entity, index))}</p>"
            f"<ul style='margin:0;padding-left:16px'>{labels}</ul></body></html>")
    return Response(html, mimetype="text/html")
