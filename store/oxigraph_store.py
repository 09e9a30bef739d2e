"""The embedded Oxigraph store (on disk under a folder, or in memory)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from store.base import StoreError
from store.formats import rdf_format

STAGING_PREFIX = "urn:reportgraph:staging:"


def _graph_term(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph in (None, "") else ox.NamedNode(graph)


class OxigraphStore:
    """A GraphStore over pyoxigraph. `path=None` keeps everything in memory."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = None if path is None else Path(path)
        self.generation = 0  # counts writes; read-only snapshots of the store compare it to see they are stale
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
            try:
                self.store = ox.Store(str(self.path))
            except OSError as exc:
                raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        else:
            self.store = ox.Store()

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path) if self.path else 'memory'!r})"

    # ------------------------------------------------------------------ writes
    def load(self, data: bytes | str | IO[bytes], fmt: str, graph: str | None = None) -> int:
        """Load RDF in one transaction (all or nothing); triples go to `graph`, quads keep their graph."""
        before = len(self.store)
        try:
            self.store.load(data, rdf_format(fmt), to_graph=_graph_term(graph) if graph else None)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot parse the {fmt} data: {exc}") from exc
        finally:
            self.generation += 1
        return len(self.store) - before

    def replace_graph(self, graph: str, data: str | bytes | IO[bytes], fmt: str = "nt") -> int:
        """Atomically replace `graph`: parse into a staging graph first, then MOVE it over in one update, so
        a parse error or crash leaves the old graph untouched."""
        staging = f"{STAGING_PREFIX}{uuid.uuid4().hex}"
        try:
            self.store.load(data, rdf_format(fmt), to_graph=ox.NamedNode(staging))
        except (SyntaxError, ValueError) as exc:  # the load is transactional: nothing was staged
            raise StoreError(f"cannot parse the {fmt} data for <{graph}>: {exc}") from exc
        count = sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.NamedNode(staging)))
        try:
            if count == 0:
                # MOVE from a graph that was never created would fail: write an empty graph explicitly.
                self.store.update(f"DROP SILENT GRAPH <{graph}> ; CREATE SILENT GRAPH <{graph}>")
            else:
                self.store.update(f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{graph}>")
        finally:
            self.generation += 1
        return count

    def drop_graph(self, graph: str) -> bool:
        """Remove a named graph; True when it existed."""
        node = ox.NamedNode(graph)
        if not self.store.contains_named_graph(node):
            return False
        try:
            self.store.remove_graph(node)
        finally:
            self.generation += 1
        return True

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL 1.1 Update; Oxigraph applies it in one transaction."""
        try:
            self.store.update(sparql, base_iri=base_iri)
        except SyntaxError as exc:
            raise ValueError(str(exc)) from exc
        finally:
            self.generation += 1

    # ------------------------------------------------------------------ reads
    def query(self, sparql: str, *, union_default_graph: bool = True, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None) -> Any:
        """Run a SPARQL query (raises SyntaxError on a bad query). With no dataset given the default graph is
        the union of all graphs; `default_graphs`/`named_graphs` set the dataset as the protocol asks."""
        kwargs: dict[str, Any] = {"base_iri": base_iri}
        if default_graphs is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = union_default_graph
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return self.store.query(sparql, **kwargs)

    def dump(self, output: IO[bytes], fmt: str = "nq", graph: str | None = None) -> None:
        """Write the dataset (quad formats) or one graph (triple formats) to a binary stream."""
        rdf = rdf_format(fmt)
        if rdf.supports_datasets and graph is None:
            self.store.dump(output, rdf)
        else:
            self.store.dump(output, rdf, from_graph=_graph_term(graph))

    def graph_counts(self) -> dict[str, int]:
        """Triples per named graph; the default graph under "" when it holds any."""
        counts: dict[str, int] = {}
        solutions = self.store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        assert isinstance(solutions, ox.QuerySolutions)
        for solution in solutions:
            counts[solution["g"].value] = int(solution["n"].value)
        default = sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        if default:
            counts[""] = default
        return counts

    def named_graphs(self) -> list[str]:
        """The names of all named graphs."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self) -> int:
        """All quads in the store."""
        return len(self.store)

    def close(self) -> None:
        """Flush pending writes."""
        if self.path is not None:
            self.store.flush()
