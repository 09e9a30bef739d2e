"""Running the app under gunicorn, the production WSGI server; the store opens in each worker, after fork.

With `workers` = 1 the one process keeps the embedded store open (its query workers read snapshots of it). With
more, no process keeps it open: the store is a `store.shared.SharedStore` in every worker (reads from the
published snapshot, writes under a lock shared by all processes). The master deletes old snapshots before the
workers start (the first read takes a fresh one) and removes the snapshots when it exits; it never opens the
database, since RocksDB's background threads would not survive the fork. An in-memory store lives in one process only.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication

from server.config import Settings
from store.shared import SharedStore, reset_snapshots
from store.snapshots import snapshot_root

MEMORY = ("memory", ":memory:")


def check_workers(settings: Settings) -> None:
    """Refuse worker counts that cannot work (ValueError with the reason and what is accepted)."""
    if settings.workers < 1:
        raise ValueError(f"workers must be 1 or more, got {settings.workers}")
    if settings.workers > 1 and settings.store in MEMORY:
        raise ValueError(f"an in-memory store lives in one process: use workers=1 (got {settings.workers}), "
                         "or serve a store folder")


class ReportgraphServer(BaseApplication):
    """gunicorn configured from Settings instead of its own command line."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.shared = settings.workers > 1
        super().__init__()

    def load_config(self) -> None:
        self.cfg.set("bind", f"{self.settings.host}:{self.settings.port}")
        self.cfg.set("workers", self.settings.workers)
        self.cfg.set("threads", self.settings.threads)
        self.cfg.set("worker_class", "gthread")
        self.cfg.set("timeout", max(60, int(self.settings.query_timeout) + 30))
        self.cfg.set("accesslog", "-" if self.settings.access_log else None)
        if self.shared:
            store = self.settings.store

            def on_exit(server: object) -> None:
                shutil.rmtree(snapshot_root(Path(store)), ignore_errors=True)

            self.cfg.set("on_exit", on_exit)

    def load(self) -> Any:
        from server.app import create_app

        store = SharedStore(self.settings.store) if self.shared else None
        return create_app(self.settings, store)


def serve(settings: Settings) -> None:
    """Serve until interrupted."""
    check_workers(settings)
    if settings.workers > 1:
        reset_snapshots(settings.store)  # no database opened here: the workers are forked from this process
    ReportgraphServer(settings).run()
