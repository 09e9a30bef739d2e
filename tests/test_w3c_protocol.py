"""The W3C SPARQL 1.1 Protocol tests, replayed by tests/w3c_runner.py against a live gunicorn server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, start_server, stop_server
from tests.w3c_runner import Target, W3CTest, load_tests, run

MANIFEST = DATA / "w3c" / "protocol" / "manifest.ttl"
TESTS = load_tests(MANIFEST)
TOKEN = "w3c-protocol-token"


def test_the_manifest_has_all_34_protocol_tests() -> None:
    assert len(TESTS) == 34
    assert {t.name for t in TESTS} >= {"query_post_form", "update_dataset_full", "bad_update_dataset_conflict"}


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    server = start_server(Path(tmp_path_factory.mktemp("w3c-protocol")) / "store",
                          {"KG_UPDATE_TOKEN": TOKEN, "KG_QUERY_TIMEOUT": "20"})
    host, port = server.url.removeprefix("http://").split(":")
    yield Target(host, int(port), TOKEN)
    stop_server(server)


@pytest.mark.network
@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_w3c_protocol(target: Target, test: W3CTest) -> None:
    run(test, target)
