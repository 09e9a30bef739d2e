"""The two seed reports through the default pipeline, exported as GEXF with figures collapsed into edges: the
"killed" figures (at least 600, about 2,000) are edges with their claimants and dates, and the file is valid."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from ingest.pipeline import ingest_reports
from ingest.readers import read_paths
from queries.exports import ExportOptions, export_file, export_format
from queries.projection import ProjectionOptions
from queries.selection import Selection, select
from store import open_store
from tests.export_support import GEXF_RNC, need, run_tool

SAMPLES = Path(__file__).parent.parent / "ingest" / "samples"
GEXF = "{http://gexf.net/1.3}"


def _edges(path: Path) -> list[dict[str, str]]:
    root = etree.parse(str(path)).getroot()
    edges = []
    for edge in root.iter(f"{GEXF}edge"):
        values = {a.get("for"): a.get("value") for a in edge.iter(f"{GEXF}attvalue")}
        edges.append({**values, "source": edge.get("source"), "target": edge.get("target"),
                      "label": edge.get("label"), "start": edge.get("start")})
    return edges


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_seed_reports_killed_figures_as_gexf_edges(tmp_path: Path, dynamic: bool) -> None:
    pytest.importorskip("ingest.extraction", reason="needs the real extraction (ingest/extraction.py)")
    store = open_store("memory")
    ingest_reports(read_paths([str(SAMPLES)]), store)
    path = export_file(select(store, Selection()), export_format("gexf"), tmp_path / "seed.gexf",
                       ProjectionOptions(language="uk", collapse=True), ExportOptions(dynamic=dynamic))
    result = run_tool(need("jing"), "-c", GEXF_RNC, path)
    assert result.returncode == 0, result.stdout
    killed = {int(e["quantity"]): e for e in _edges(path)
              if e.get("relation") == "figure" and e.get("measure") == "killed" and e.get("quantity")}
    assert 600 in killed and 2000 in killed, sorted(killed)
    assert killed[600]["qualifier"] == "at_least" and killed[2000]["qualifier"] == "approximately"
    for edge in (killed[600], killed[2000]):
        assert edge["claimants"] and edge["source"].startswith("actor-")  # claimant -> subject
        assert edge["as_of"] and edge["report"].startswith("report-")
        assert (edge["start"] is not None) == dynamic
