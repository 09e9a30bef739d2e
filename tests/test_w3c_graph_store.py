"""The W3C SPARQL 1.1 Graph Store HTTP Protocol tests (direct and indirect graph identification), replayed by
tests/w3c_runner.py against a live gunicorn server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.w3c_runner import Target, W3CTest, load_tests, run, serve_target

MANIFEST = DATA / "w3c" / "graph-store-protocol" / "manifest.ttl"
TESTS = load_tests(MANIFEST)
TOKEN = "w3c-gsp-token"


def test_the_manifests_have_the_graph_store_tests() -> None:
    names = {t.name for t in TESTS}
    assert len(TESTS) >= 14
    assert {"put_get_repeat_direct", "post_get_new_graph", "put_get_uri_pct_encoded_twice",
            "head_non_existing_direct"} <= names


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    with serve_target(Path(tmp_path_factory.mktemp("w3c-gsp")) / "store", TOKEN) as target:
        yield target


@pytest.mark.network
@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_w3c_graph_store(target: Target, test: W3CTest) -> None:
    run(test, target)
