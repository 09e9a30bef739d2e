"""The W3C SPARQL 1.1 Protocol tests, replayed by tests/w3c_runner.py against a live gunicorn server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.w3c_runner import Target, W3CTest, load_tests, run, serve_target

MANIFEST = DATA / "w3c" / "protocol" / "manifest.ttl"
TESTS = load_tests(MANIFEST)
TOKEN = "w3c-protocol-token"


def test_the_manifest_has_all_34_protocol_tests() -> None:
    assert len(TESTS) == 34
    assert {t.name for t in TESTS} >= {"query_post_form", "update_dataset_full", "bad_update_dataset_conflict"}


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    with serve_target(Path(tmp_path_factory.mktemp("w3c-protocol")) / "store", TOKEN, KG_QUERY_TIMEOUT="20") as target:
        yield target


@pytest.mark.network
@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_w3c_protocol(target: Target, test: W3CTest) -> None:
    run(test, target)
