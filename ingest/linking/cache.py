"""The on-disk cache of endpoint answers: one JSON file per (endpoint, kind, key), so a second run asks nothing.

Entries are keyed by what was asked (a label lookup or an item description), not by the batch it travelled in,
so adding one actor costs one small query. Files are written atomically (temporary file, then rename); an
unreadable file counts as a miss and is asked again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Bump when the shape of cached answers or of the queries changes; older entries are then ignored.
CACHE_VERSION = 1


def default_cache_dir() -> Path:
    """$KG_LINK_CACHE, else $XDG_CACHE_HOME/reportgraph/linking, else ~/.cache/reportgraph/linking."""
    configured = os.environ.get("KG_LINK_CACHE")
    if configured:
        return Path(configured)
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "reportgraph" / "linking"


@dataclass(frozen=True)
class CacheEntry:
    """A cached answer and when the endpoint gave it (ISO 8601, UTC)."""

    rows: Any
    time: str


class AnswerCache:
    """Answers of one endpoint under a folder."""

    def __init__(self, directory: str | Path, endpoint: str) -> None:
        self.directory = Path(directory)
        self.endpoint = endpoint

    def _path(self, kind: str, key: str) -> Path:
        digest = hashlib.sha256(json.dumps([CACHE_VERSION, self.endpoint, kind, key]).encode()).hexdigest()
        return self.directory / digest[:2] / f"{digest}.json"

    def get(self, kind: str, key: str) -> CacheEntry | None:
        """The cached answer, or None when missing or unreadable."""
        path = self._path(kind, key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("key") != key or "rows" not in data or "time" not in data:
            return None
        return CacheEntry(data["rows"], str(data["time"]))

    def put(self, kind: str, key: str, rows: Any, time: str) -> None:
        """Store an answer atomically."""
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"version": CACHE_VERSION, "endpoint": self.endpoint, "kind": kind, "key": key, "time": time,
                  "rows": rows}
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(record, out, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
