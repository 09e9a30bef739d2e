"""The Flask app factory: one store per process, blueprints registered in one place."""

from __future__ import annotations

from flask import Flask, Response, jsonify

from server.config import Settings
from server.errors import register_error_handlers
from store import GraphStore, open_store

#: Every blueprint module (each exposes `blueprint`); a new HTTP area is added here and nowhere else.
BLUEPRINTS = (
    "server.sparql",
    "server.update",
    "server.graph_store",
    "server.void",
    "server.cors",
    "server.named_queries",
    "server.linked_data",
    "server.reconcile",
    "server.export",
    "server.reports",
)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> Flask:
    """Build the app for `settings` (default: from the environment) over `store` (default: opened from
    `settings.store`)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.extensions["reportgraph.settings"] = settings
    app.extensions["reportgraph.store"] = store if store is not None else open_store(settings.store)
    register_error_handlers(app)
    from importlib import import_module

    for name in BLUEPRINTS:
        app.register_blueprint(import_module(name).blueprint)

    @app.get("/health")
    def health() -> Response:
        return jsonify({"status": "ok"})

    return app
