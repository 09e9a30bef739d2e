"""An on-disk store shared by several server processes (gunicorn with `KG_WORKERS` > 1).

The embedded RocksDB database allows one process at a time to open it for writing, so no process keeps it open:

- **Reads** use the *current snapshot*: a read-only checkpoint of the store (`Store.backup`, hard links) in the
  hidden folder beside it (`store.snapshots.snapshot_root`). The folder's `generation` file names it; a process
  checks that file (one `stat`) before each read and opens the new snapshot when it moved on.
- **Writes** (`writing()`) are serialised across processes by an `fcntl` lock on `write.lock` in that folder (and
  by a thread lock within a process). The writer opens the database, writes, takes a new snapshot and publishes
  it by renaming a new `generation` file into place before the lock is released, then closes the database. A read
  that starts after a write returned therefore sees it, in every process.
- **Old snapshots** are deleted once no process uses them: whoever opens a snapshot (a query worker, a server
  process) holds a shared `flock` on `<snapshot>.lock`; a writer deletes a superseded snapshot only when it can take
  that lock exclusively. A killed process releases its locks, so nothing leaks.

Writing this way costs about 50 ms more per write at 1M triples (opening the database and the checkpoint);
reads cost nothing extra. Only processes that go through this class see each other's writes: other programs must
not write the store folder while a multi-process server runs (stop it first).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from store.base import StoreError
from store.oxigraph_store import OxigraphStore
from store.snapshots import snapshot_root

GENERATION_FILE = "generation"
WRITE_LOCK_FILE = "write.lock"
_OPEN_RETRY_SECONDS = 10.0


def lock_path(snapshot: str | Path) -> Path:
    """The lock file of a snapshot: held shared by every process that has the snapshot open."""
    return Path(f"{snapshot}.lock")


def hold_snapshot(snapshot: str) -> int | None:
    """Take a shared lock on `snapshot` so no writer deletes it while it is open; returns the descriptor to close
    when done, or None when the snapshot has no lock file (a single-process snapshot) or is already gone."""
    try:
        fd = os.open(lock_path(snapshot), os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


def release_snapshot(fd: int | None) -> None:
    """Give up a lock taken by `hold_snapshot`."""
    if fd is not None:
        os.close(fd)


class SharedStore(OxigraphStore):
    """An OxigraphStore whose database is opened only for writes; reads see the current snapshot.

    `store` is the read-only snapshot, except in the thread that is inside `writing()`, which gets the database
    itself; `generation` is the published write generation, common to every process."""

    def __init__(self, path: str | Path) -> None:  # noqa: D107 - the database is not opened here
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.root = snapshot_root(self.path)
        self.root.mkdir(parents=True, exist_ok=True)
        self._thread_lock = threading.RLock()
        self._local = threading.local()
        self._read_lock = threading.Lock()
        self._seen: tuple[int, int] | None = None  # (inode, mtime) of the generation file last read
        self._published: tuple[int, str] | None = None
        self._reader: tuple[str, ox.Store, int | None] | None = None  # (snapshot, read-only store, lock fd)

    def __repr__(self) -> str:
        return f"SharedStore({str(self.path)!r})"

    # ------------------------------------------------------------------ published state
    def current(self) -> tuple[int, str]:
        """The published (generation, snapshot path), publishing a first snapshot when there is none."""
        generation_file = self.root / GENERATION_FILE
        try:
            stat = os.stat(generation_file)
        except FileNotFoundError:
            with self.writing():
                pass  # takes and publishes a snapshot of the store as it is
            stat = os.stat(generation_file)
        key = (stat.st_ino, stat.st_mtime_ns)
        published = self._published
        if published is not None and key == self._seen:
            return published
        generation, _, name = generation_file.read_text(encoding="utf-8").partition("\n")
        published = (int(generation), str(self.root / name.strip()))
        self._published, self._seen = published, key
        return published

    @property
    def generation(self) -> int:
        """The write generation published for every process (OxigraphStore counts writes the same way); inside
        `writing()` the one published before it (the write is published when it ends)."""
        if getattr(self._local, "primary", None) is not None:
            return self._published[0] if self._published is not None else 0
        return self.current()[0]

    @generation.setter
    def generation(self, value: int) -> None:
        """OxigraphStore's write methods bump the counter; here `writing()` publishes it instead."""

    @property
    def store(self) -> ox.Store:
        """The database in a thread that is writing, else a read-only store on the current snapshot."""
        primary = getattr(self._local, "primary", None)
        if primary is not None:
            return primary
        _, snapshot = self.current()
        reader = self._reader
        if reader is not None and reader[0] == snapshot:
            return reader[1]
        with self._read_lock:
            for _ in range(20):
                _, snapshot = self.current()
                if self._reader is not None and self._reader[0] == snapshot:
                    return self._reader[1]
                fd = hold_snapshot(snapshot)
                try:
                    opened = ox.Store.read_only(snapshot)
                except OSError:  # deleted between reading the generation and locking it: read it again
                    release_snapshot(fd)
                    time.sleep(0.01)
                    continue
                previous, self._reader = self._reader, (snapshot, opened, fd)
                if previous is not None:
                    release_snapshot(previous[2])
                return opened
        raise StoreError(f"cannot open the current snapshot of {self.path}")

    @store.setter
    def store(self, value: ox.Store) -> None:
        """The database is opened by `writing()` only."""
        raise AttributeError("a SharedStore opens its database in writing() only")

    # ------------------------------------------------------------------ writes
    @contextlib.contextmanager
    def writing(self) -> Iterator[ox.Store]:
        """Hold the write lock of every process, with the database open in this thread; on leaving, publish a
        snapshot that includes what was written. Re-entrant within a thread."""
        with self._thread_lock:
            if getattr(self._local, "primary", None) is not None:
                yield self._local.primary
                return
            with open(self.root / WRITE_LOCK_FILE, "a+b") as lock:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
                primary = self._open_primary()
                self._local.primary = primary
                try:
                    yield primary
                finally:
                    self._local.primary = None
                    try:
                        self._publish(primary)
                    finally:
                        del primary
                        gc.collect()  # results still referring to the database keep it locked

    def _open_primary(self) -> ox.Store:
        deadline = time.monotonic() + _OPEN_RETRY_SECONDS
        while True:
            try:
                return ox.Store(str(self.path))
            except OSError as exc:  # another program holds the database (it is not ours to wait for forever)
                if time.monotonic() > deadline:
                    raise StoreError(f"cannot open the store at {self.path} for writing: {exc}") from exc
                time.sleep(0.05)

    def _publish(self, primary: ox.Store) -> None:
        """Checkpoint the database as a new snapshot, name it in the generation file, delete unused snapshots."""
        try:
            generation = int((self.root / GENERATION_FILE).read_text(encoding="utf-8").partition("\n")[0])
        except (FileNotFoundError, ValueError):
            generation = 0
        generation += 1
        name = f"{generation}-{uuid.uuid4().hex[:8]}"
        primary.backup(str(self.root / name))
        lock_path(self.root / name).touch()
        staging = self.root / f"{GENERATION_FILE}.{os.getpid()}.tmp"
        staging.write_text(f"{generation}\n{name}\n", encoding="utf-8")
        os.replace(staging, self.root / GENERATION_FILE)
        self.collect(keep=name)

    def collect(self, keep: str) -> None:
        """Delete every snapshot other than `keep` that no process holds."""
        for child in self.root.iterdir():
            if not child.is_dir() or child.name == keep:
                continue
            try:
                fd = os.open(lock_path(child), os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                shutil.rmtree(child, ignore_errors=True)
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(lock_path(child))
            finally:
                os.close(fd)

    def load(self, data: bytes | str | IO[bytes], fmt: str, graph: str | None = None) -> int:
        """As OxigraphStore.load, under the write lock of every process."""
        with self.writing():
            return super().load(data, fmt, graph)

    def replace_graph(self, graph: str, data: str | bytes | IO[bytes], fmt: str = "nt") -> int:
        """As OxigraphStore.replace_graph, under the write lock of every process."""
        with self.writing():
            return super().replace_graph(graph, data, fmt)

    def drop_graph(self, graph: str) -> bool:
        """As OxigraphStore.drop_graph, under the write lock of every process."""
        with self.writing():
            return super().drop_graph(graph)

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """As OxigraphStore.update, under the write lock of every process."""
        with self.writing():
            super().update(sparql, base_iri=base_iri)

    def close(self) -> None:
        """Let go of the snapshot this process reads (the database is never left open)."""
        with self._read_lock:
            if self._reader is not None:
                release_snapshot(self._reader[2])
                self._reader = None

    def remove_snapshots(self) -> None:
        """Delete the snapshot folder (when the server exits: no process reads any more)."""
        self.close()
        shutil.rmtree(self.root, ignore_errors=True)


def reset_snapshots(path: str | Path) -> None:
    """Delete the snapshots of an earlier run, so the first read takes a fresh one (writes made while no server
    ran are seen). Run by the server before its worker processes start; it must not open the database itself:
    RocksDB's background threads do not survive `fork`, and a forked worker would wait for them forever."""
    root = snapshot_root(Path(path))
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)


class SharedSnapshots:
    """The snapshot source of a query executor over a SharedStore: always the published snapshot (the worker
    processes hold their snapshots with `hold_snapshot`; deleting old ones is the writers' job)."""

    def __init__(self, store: SharedStore) -> None:
        self.store = store
        self.root = store.root

    def checkout(self, previous: str | None) -> str:
        """The snapshot a query should run on now."""
        return self.store.current()[1]

    def release(self, path: str | None) -> None:
        """Nothing to count: the worker's lock goes when the worker does."""

    def close(self) -> None:
        """The snapshots belong to the store, not to one executor."""
