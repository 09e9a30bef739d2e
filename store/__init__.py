"""Where quads live: an embedded Oxigraph store on disk (default) or in memory, behind one small interface."""

from __future__ import annotations

from store.base import GraphStore, StoreError
from store.oxigraph_store import OxigraphStore


def open_store(location: str) -> GraphStore:
    """Open a store from a location: "memory" for an in-memory store, otherwise a folder for the embedded
    on-disk store (created when missing)."""
    if location in ("memory", ":memory:"):
        return OxigraphStore(None)
    if location.startswith(("http://", "https://")):
        raise StoreError(f"remote stores are not supported yet: {location!r}; give a folder or 'memory'")
    return OxigraphStore(location)


__all__ = ["GraphStore", "OxigraphStore", "StoreError", "open_store"]
