"""Running the app under gunicorn, the production WSGI server; the store opens in the worker, after fork."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from server.config import Settings


class ReportgraphServer(BaseApplication):
    """gunicorn configured from Settings instead of its own command line."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        self.cfg.set("bind", f"{self.settings.host}:{self.settings.port}")
        # One process: the embedded store allows a single writer; threads share it (pyoxigraph releases the GIL).
        self.cfg.set("workers", 1)
        self.cfg.set("threads", self.settings.threads)
        self.cfg.set("worker_class", "gthread")
        self.cfg.set("timeout", max(60, int(self.settings.query_timeout) + 30))
        self.cfg.set("accesslog", "-")

    def load(self) -> Any:
        from server.app import create_app

        return create_app(self.settings)


def serve(settings: Settings) -> None:
    """Serve until interrupted."""
    ReportgraphServer(settings).run()
