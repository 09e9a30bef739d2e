"""Read-only snapshots of an on-disk store for the query workers.

A snapshot is an Oxigraph backup (a RocksDB checkpoint: hard links to the immutable data files, so it costs a few
milliseconds). Worker processes open snapshots read-only, never the live database, so a write in the server can
never change files under a reader. A new snapshot is taken lazily, on the first query after a write; a snapshot
is deleted once no worker uses it.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from store.oxigraph_store import OxigraphStore


def snapshot_root(store_path: Path) -> Path:
    """Where snapshots of `store_path` live: a hidden folder beside it, on the same file system (hard links)."""
    return store_path.parent / f".{store_path.name}.snapshots"


class Snapshots:
    """The current snapshot of one store, refreshed when the store's write generation moves on."""

    def __init__(self, store: OxigraphStore) -> None:
        if store.path is None:
            raise ValueError("snapshots need an on-disk store")
        self.store = store
        self.root = snapshot_root(store.path)
        shutil.rmtree(self.root, ignore_errors=True)  # left over by an earlier run; we hold the store's lock
        self.root.mkdir(parents=True)
        self._lock = threading.Lock()
        self._serial = 0
        self._current: tuple[int, str] | None = None  # (store generation, path)
        self._users: dict[str, int] = {}

    def checkout(self, previous: str | None) -> str:
        """The snapshot a worker that last used `previous` should query now: one that includes every write so
        far (taken here if needed). The worker is counted as its user, and no longer as a user of `previous`."""
        current = self._current
        if current is not None and current[0] == self.store.generation and current[1] == previous:
            return previous
        with self._lock:
            generation = self.store.generation  # read before the backup: a later write makes it stale again
            if self._current is None or self._current[0] != generation:
                self._serial += 1
                path = str(self.root / f"{os.getpid()}-{self._serial}")
                self.store.store.backup(path)
                self._current = (generation, path)
            path = self._current[1]
            if path != previous:
                self._users[path] = self._users.get(path, 0) + 1
                if previous is not None:
                    self._users[previous] = self._users.get(previous, 1) - 1
                self._collect()
            return path

    def release(self, path: str | None) -> None:
        """A worker that used `path` is gone."""
        if path is None:
            return
        with self._lock:
            self._users[path] = self._users.get(path, 1) - 1
            self._collect()

    def _collect(self) -> None:
        current = self._current[1] if self._current else None
        for path, users in list(self._users.items()):
            if users <= 0 and path != current:
                del self._users[path]
                shutil.rmtree(path, ignore_errors=True)
        for child in self.root.iterdir():
            if str(child) != current and str(child) not in self._users:
                shutil.rmtree(child, ignore_errors=True)

    def close(self) -> None:
        """Remove every snapshot."""
        with self._lock:
            shutil.rmtree(self.root, ignore_errors=True)
            self._current = None
            self._users.clear()
