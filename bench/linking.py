"""Linking and reconciliation benchmark: prints figures, asserts nothing.

- a linking pass over the samples (gold actors) against a real Oxigraph server holding the Wikidata-shaped test
  fixture, first with an empty cache, then again (answered by the cache);
- reconciliation throughput: a batch of names in Ukrainian, Russian and English spellings against the gazetteer
  and the samples' actors (index build and matching, in process).

Run: `.venv/bin/python -m bench.linking [ROUNDS]` (from the repository root).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from ingest.linking.client import ClientSettings
from ingest.linking.reconciliation import Index, load_entities
from ingest.linking.run import LinkOptions, link_store
from store import open_store
from tests.linking_support import WIKIDATA, CountingProxy, OxigraphServer, build_store

NAMES = ["Кирило Буданов", "Kyrylo Budanov", "Кирила Буданова", "Курської області", "Kursk Oblast", "Пхеньяні",
         "Pyongyang", "Ким Чен Ын", "Кім Чен Ин", "Міноборони РФ", "Організація Об’єднаних Націй", "Сергія Лаврова",
         "Sergey Lavrov", "Hromadske", "Kim Yong-chol", "Суджа", "Москва", "Володимира Зеленського",
         "National Intelligence Service", "Jong Un Kim"]


def bench_link(root: Path) -> None:
    server = OxigraphServer.start(root / "wikidata", WIKIDATA / "fixture.ttl")
    proxy = CountingProxy(server.url)
    try:
        store = open_store(str(build_store(root / "store")))
        options = LinkOptions(ClientSettings(endpoint=proxy.url, timeout=30), cache_dir=root / "cache")
        for label in ("empty cache", "warm cache"):
            before, started = len(proxy.seen), time.perf_counter()
            report = link_store(store, options)
            seconds = time.perf_counter() - started
            print(f"link pass ({label}): {len(report.outcomes)} targets, {report.asked} asked in "
                  f"{len(proxy.seen) - before} requests, {report.from_cache} from the cache: {seconds:.2f} s")
        store.close()
    finally:
        proxy.stop()
        server.stop()


def bench_reconcile(root: Path, rounds: int) -> None:
    store = open_store(str(root / "store"))
    started = time.perf_counter()
    index = Index(load_entities(store))
    build = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(rounds):
        for name in NAMES:
            index.reconcile(name, limit=5)
    seconds = time.perf_counter() - started
    queries = rounds * len(NAMES)
    print(f"reconcile: index of {len(index.entities)} entities built in {build * 1000:.0f} ms; {queries} queries "
          f"in {seconds:.2f} s ({queries / seconds:.0f} queries/s, {seconds / queries * 1000:.2f} ms each)")
    store.close()


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        bench_link(root)
        bench_reconcile(root, rounds)


if __name__ == "__main__":
    main()
