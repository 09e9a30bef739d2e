"""The store interface every backend implements: atomic graph replacement, queries, dump/load, counts."""

from __future__ import annotations

from typing import IO, Any, Protocol


class StoreError(RuntimeError):
    """A store operation failed; nothing was written."""


class GraphStore(Protocol):
    """One small interface over where quads live."""

    def replace_graph(self, graph: str, data: str | bytes | IO[bytes], fmt: str = "nt") -> int:
        """Atomically replace the named graph `graph` with the triples in `data`; returns its triple count."""
        ...

    def drop_graph(self, graph: str) -> bool:
        """Remove a named graph; True when it existed."""
        ...

    def query(self, sparql: str, *, union_default_graph: bool = True,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> Any:
        """Run a SPARQL query; the default graph is the union of all graphs unless graphs are given."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update in one transaction."""
        ...

    def dump(self, output: IO[bytes], fmt: str = "nq", graph: str | None = None) -> None:
        """Write the whole dataset (nq, trig) or one graph (nt, ttl, …) to `output`."""
        ...

    def load(self, data: str | bytes | IO[bytes], fmt: str, graph: str | None = None) -> int:
        """Load RDF in one transaction; triples go to `graph` (or the default graph). Returns quads added."""
        ...

    def graph_counts(self) -> dict[str, int]:
        """Triples per named graph (the default graph under the key "")."""
        ...

    def count(self) -> int:
        """All quads in the store."""
        ...

    def close(self) -> None:
        """Flush and release the store."""
        ...
