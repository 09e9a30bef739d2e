"""`/export/<format>` over real HTTP (gunicorn on 127.0.0.1) and `reportgraph export` from the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
import requests

from queries.exports import EXPORT_FORMATS, ExportFormat
from store import open_store
from tests.conftest import LiveServer, run_cli, start_server, stop_server
from tests.export_support import GEXF_RNC, REPORT_A, fill_store, need, run_tool

pytestmark = pytest.mark.network


@pytest.fixture(scope="module")
def export_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "data"
    fill_store(open_store(str(folder))).close()
    return folder


@pytest.fixture(scope="module")
def server(export_store: Path) -> Iterator[LiveServer]:
    live = start_server(export_store)
    yield live
    stop_server(live)


def test_index_lists_every_registered_format(server: LiveServer) -> None:
    listed = requests.get(f"{server.url}/export", timeout=30).json()["formats"]
    assert [f["name"] for f in listed] == [f.name for f in EXPORT_FORMATS]
    assert listed[0]["url"] == "/export/graphml"


@pytest.mark.parametrize("fmt", EXPORT_FORMATS, ids=lambda f: f.name)
def test_every_format_is_served_as_an_attachment(server: LiveServer, fmt: ExportFormat) -> None:
    response = requests.get(f"{server.url}/export/{fmt.name}", params={"around": "north_korea", "hops": "1"},
                            timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].split(";")[0] == fmt.media_type
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="reportgraph-around-north_korea-1.{fmt.extension}"')
    assert int(response.headers["Content-Length"]) == len(response.content) > 100


def test_gexf_over_http_is_valid_and_dynamic(server: LiveServer, tmp_path: Path) -> None:
    response = requests.get(f"{server.url}/export/gexf", params={"measure": "killed", "collapse": "1",
                                                                 "dynamic": "true", "lang": "uk"}, timeout=60)
    assert response.status_code == 200, response.text
    path = tmp_path / "killed.gexf"
    path.write_bytes(response.content)
    result = run_tool(need("jing"), "-c", GEXF_RNC, path)
    assert result.returncode == 0, result.stdout
    text = response.text
    assert 'mode="dynamic"' in text and 'label="Північна Корея"' in text and 'start="2025-10-24"' in text


def test_report_selection_and_construct_by_post(server: LiveServer, tmp_path: Path) -> None:
    response = requests.get(f"{server.url}/export/graphml", params={"report": REPORT_A.content_hash}, timeout=60)
    path = tmp_path / "report.graphml"
    path.write_bytes(response.content)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert sum(1 for _, d in graph.nodes(data=True) if d["category"] == "Report") == 1
    query = ("PREFIX schema: <https://schema.org/> "
             "CONSTRUCT { ?r a schema:NewsArticle } WHERE { ?r a schema:NewsArticle }")
    posted = requests.post(f"{server.url}/export/d3", data=query, timeout=60,
                           headers={"Content-Type": "application/sparql-query"})
    assert posted.status_code == 200 and len(posted.json()["nodes"]) == 2
    form = requests.post(f"{server.url}/export/d3", data={"query": query}, timeout=60)
    assert form.json()["nodes"] == posted.json()["nodes"]


@pytest.mark.parametrize(("path", "params", "status", "message"), [
    ("/export/pajek", {}, 406, "accepted: graphml, graphml-yed, gexf"),
    ("/export/gexf", {"around": "nis", "hops": "many"}, 400, "hops must be a whole number"),
    ("/export/gexf", {"around": "nis", "hops": "8"}, 400, "hops must be between 0 and 5"),
    ("/export/gexf", {"around": "atlantis"}, 404, "no entity 'atlantis'"),
    ("/export/gexf", {"report": "abc"}, 404, "no report 'abc'"),
    ("/export/gexf", {"report": "abc", "measure": "killed"}, 400, "at most one of"),
    ("/export/graphml", {"dynamic": "1"}, 400, "applies to: gexf"),
    ("/export/gexf", {"lang": "de"}, 400, "accepted: uk, en, ru"),
    ("/export/gexf", {"collapse": "maybe"}, 400, "collapse must be one of"),
    ("/export/gexf", {"measure": "eaten"}, 400, "unknown measure 'eaten'"),
    ("/export/gexf", {"query": "SELECT * WHERE { ?s ?p ?o }"}, 400, "CONSTRUCT"),
])
def test_bad_requests_get_the_json_error_shape(server: LiveServer, path: str, params: dict[str, str], status: int,
                                               message: str) -> None:
    response = requests.get(f"{server.url}{path}", params=params, timeout=60)
    assert response.status_code == status
    body = response.json()
    assert body["status"] == status and message in body["message"] and body["error"]
    if status == 406:
        assert "gexf" in body["accepted"]


def test_the_triple_cap_is_configurable(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    fill_store(open_store(str(folder))).close()
    live = start_server(folder, {"KG_EXPORT_MAX_TRIPLES": "50"})
    try:
        response = requests.get(f"{live.url}/export/gexf", timeout=60)
        assert response.status_code == 400 and "more than 50 triples" in response.json()["message"]
        small = requests.get(f"{live.url}/export/gexf", params={"around": "nis", "hops": "0"}, timeout=60)
        assert small.status_code == 200
    finally:
        stop_server(live)


# ------------------------------------------------------------------------------------------------------- CLI
@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of its own: the running server holds the lock on `export_store`."""
    folder = tmp_path_factory.mktemp("cli") / "data"
    fill_store(open_store(str(folder))).close()
    return folder


def test_cli_exports_a_neighbourhood_to_a_file(cli_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "around.gexf"
    result = run_cli("export", "--format", "gexf", "--around", "north_korea", "--hops", "2", "--collapse",
                     "--dynamic", "--lang", "uk", "-o", str(target), "--store", str(cli_store))
    assert "wrote gexf export of around-north_korea-2" in result.stderr
    check = run_tool(need("jing"), "-c", GEXF_RNC, target)
    assert check.returncode == 0, check.stdout
    assert 'label="Північна Корея"' in target.read_text(encoding="utf-8")
    stdout = run_cli("export", "--format", "d3", "--measure", "killed", "--store", str(cli_store))
    nodes = json.loads(stdout.stdout)["nodes"]
    assert sorted(n["quantity"] for n in nodes if n["category"] == "Figure") == [600, 2000]


def test_cli_errors_are_one_line_and_leave_no_file(cli_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "nothing.graphml"
    result = run_cli("export", "--format", "graphml", "--around", "atlantis", "-o", str(target), "--store",
                     str(cli_store), check=False)
    assert result.returncode == 1 and "no entity 'atlantis'" in result.stderr and result.stdout == ""
    assert list(tmp_path.iterdir()) == []
    both = run_cli("export", "--format", "graphml", "--report", "x", "--measure", "killed", "--store",
                   str(cli_store), check=False)
    assert both.returncode == 2 and "at most one of" in both.stderr
    unknown = run_cli("export", "--format", "pajek", "--store", str(cli_store), check=False)
    assert unknown.returncode == 2 and "graphml" in unknown.stderr
