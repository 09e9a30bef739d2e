"""Every registered export format, checked with the real readers and validators: xmllint (GraphML XSD), jing and
xmllint (GEXF 1.3 RELAX NG), networkx and python-igraph, Graphviz `dot`, rdflib, and the JavaScript libraries
(graphology, cytoscape, d3-force, graphology-gexf) in Node."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree

from queries.exports import EXPORT_FORMATS, ExportFormat, ExportOptions, export_file, export_format
from queries.exports import rdf as rdf_module
from queries.projection import ProjectionOptions, project
from tests.export_support import GEXF_RNC, GEXF_RNG, GRAPHML_XSD, JS_DIR, need, run_tool, union_graph

GRAPH_FORMATS = [f for f in EXPORT_FORMATS if f.source == "graph"]
RDF_FORMATS = [f for f in EXPORT_FORMATS if f.source == "rdf"]
GEXF = "{http://gexf.net/1.3}"
RDF_READ = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
            "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML,
            "n3": ox.RdfFormat.N3}
# rdflib reads N3 only into a deprecated graph class, so N3 is checked by Oxigraph alone
RDFLIB_READ = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


@pytest.fixture(scope="module")
def triples() -> list[Any]:
    return list(union_graph())


@pytest.fixture(scope="module", params=[False, True], ids=["nodes", "collapsed"])
def projection(request: pytest.FixtureRequest) -> ProjectionOptions:
    return ProjectionOptions(language="uk", collapse=request.param)


def _write(tmp_path: Path, triples: list[Any], fmt: ExportFormat, projection: ProjectionOptions | None = None,
           dynamic: bool = False) -> Path:
    target = tmp_path / f"out.{fmt.extension}"
    return export_file(triples, fmt, target, projection, ExportOptions(dynamic=dynamic))


def test_registry_is_not_empty_and_consistent() -> None:
    names = [f.name for f in EXPORT_FORMATS]
    assert len(names) >= 16 and len(set(names)) == len(names)
    assert len({f.extension for f in EXPORT_FORMATS}) == len(EXPORT_FORMATS)
    assert all("/" in f.media_type and f.source in ("graph", "rdf") for f in EXPORT_FORMATS)
    assert {"graphml", "gexf", "cytoscape", "d3", "graphology", "dot", "gephi-csv", "neo4j-csv"} <= set(names)
    with pytest.raises(ValueError, match="accepted: graphml, graphml-yed, gexf"):
        export_format("pajek")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS, ids=lambda f: f.name)
def test_every_format_writes_a_file(tmp_path: Path, triples: list[Any], fmt: ExportFormat) -> None:
    path = _write(tmp_path, triples, fmt, ProjectionOptions(collapse=True))
    assert path.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


@pytest.mark.parametrize("fmt", EXPORT_FORMATS, ids=lambda f: f.name)
def test_a_failed_export_leaves_no_file(tmp_path: Path, triples: list[Any], fmt: ExportFormat) -> None:
    def failing() -> Iterator[Any]:
        yield from triples[:50]
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError, match="store went away"):
        export_file(failing(), fmt, tmp_path / f"new.{fmt.extension}")
    existing = tmp_path / f"old.{fmt.extension}"
    existing.write_bytes(b"previous export")
    with pytest.raises(RuntimeError):
        export_file(failing(), fmt, existing)
    assert existing.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing.name]


def test_dynamic_is_refused_where_it_means_nothing(tmp_path: Path, triples: list[Any]) -> None:
    with pytest.raises(ValueError, match="applies to: gexf"):
        _write(tmp_path, triples, export_format("graphml"), dynamic=True)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------------- GraphML
def test_graphml_is_schema_valid_and_reads_back(tmp_path: Path, triples: list[Any],
                                                projection: ProjectionOptions) -> None:
    path = _write(tmp_path, triples, export_format("graphml"), projection)
    result = run_tool(need("xmllint"), "--noout", "--schema", GRAPHML_XSD, path)
    assert result.returncode == 0, result.stderr
    expected = project(triples, projection)
    back = nx.read_graphml(path, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (expected.number_of_nodes(),
                                                                expected.number_of_edges())
    assert back.nodes["actor-north-korea"]["label"] == "Північна Корея"
    assert back.nodes["actor-north-korea"]["name"] == "Північна Корея"  # Cytoscape's node column
    assert all("interaction" in d for *_, d in back.edges(data=True))  # Cytoscape's edge column
    import igraph

    read = igraph.Graph.Read_GraphML(str(path))
    assert (read.vcount(), read.ecount()) == (expected.number_of_nodes(), expected.number_of_edges())
    assert "label" in read.vs.attributes() and "category" in read.vs.attributes()


def test_graphml_keys_are_named_for_what_they_hold(tmp_path: Path, triples: list[Any]) -> None:
    path = _write(tmp_path, triples, export_format("graphml"), ProjectionOptions(collapse=True))
    keys = etree.parse(str(path)).getroot().findall("{http://graphml.graphdrawing.org/xmlns}key")
    ids = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in keys}
    assert ids["label"] == ("node", "label", "string") and ids["edge_label"] == ("edge", "label", "string")
    assert ids["quantity"] == ("edge", "quantity", "long") and ids["weight"] == ("edge", "weight", "double")
    assert not [k for k in ids if k[:1] == "d" and k[1:].isdigit()]
    assert all(k.replace("edge_", "", 1) == name for k, (_, name, _) in ids.items())


def test_graphml_validator_rejects_a_broken_file(tmp_path: Path, triples: list[Any]) -> None:
    path = _write(tmp_path, triples, export_format("graphml"))
    broken = tmp_path / "broken.graphml"
    broken.write_text(path.read_text(encoding="utf-8").replace('id="actor-north-korea"',
                                                               'id="https://w3id.org/actor/north-korea"', 1))
    assert run_tool(need("xmllint"), "--noout", "--schema", GRAPHML_XSD, broken).returncode != 0


def test_graphml_for_yed_draws_labels_and_colours(tmp_path: Path, triples: list[Any]) -> None:
    path = _write(tmp_path, triples, export_format("graphml-yed"), ProjectionOptions(language="uk"))
    tree = etree.parse(str(path))
    y, g = "{http://www.yworks.com/xml/graphml}", "{http://graphml.graphdrawing.org/xmlns}"
    shapes = {n.get("id"): n.find(f".//{y}ShapeNode") for n in tree.iter(f"{g}node")}
    assert all(shape is not None for shape in shapes.values())
    korea = shapes["actor-north-korea"]
    assert korea.findtext(f"{y}NodeLabel") == "Північна Корея"  # type: ignore[union-attr]
    assert korea.find(f"{y}Fill").get("color") == "#937860"  # type: ignore[union-attr]
    back = nx.read_graphml(path, force_multigraph=True)
    expected = project(triples, ProjectionOptions(language="uk"))
    assert (back.number_of_nodes(), back.number_of_edges()) == (expected.number_of_nodes(),
                                                                expected.number_of_edges())
    # everything but the yFiles graphics is plain, schema-valid GraphML
    for element in list(tree.iter(f"{g}data", f"{g}key")):
        if element.find(f"{y}ShapeNode") is not None or element.find(f"{y}PolyLineEdge") is not None \
                or element.get("yfiles.type"):
            element.getparent().remove(element)  # type: ignore[union-attr]
    plain = tmp_path / "plain.graphml"
    tree.write(str(plain), encoding="utf-8", xml_declaration=True)
    result = run_tool(need("xmllint"), "--noout", "--schema", GRAPHML_XSD, plain)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------------------------------- GEXF
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_gexf_is_valid_relax_ng(tmp_path: Path, triples: list[Any], projection: ProjectionOptions,
                                dynamic: bool) -> None:
    path = _write(tmp_path, triples, export_format("gexf"), projection, dynamic=dynamic)
    jing = run_tool(need("jing"), "-c", GEXF_RNC, path)
    assert jing.returncode == 0, jing.stdout + jing.stderr
    xmllint = run_tool(need("xmllint"), "--noout", "--relaxng", GEXF_RNG, path)
    assert xmllint.returncode == 0, xmllint.stderr
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    for attribute in root.iter(f"{GEXF}attribute"):
        assert attribute.get("id") == attribute.get("title")
    graph = root.find(f"{GEXF}graph")
    assert graph is not None and graph.get("mode") == ("dynamic" if dynamic else "static")
    nodes = root.findall(f"{GEXF}graph/{GEXF}nodes/{GEXF}node")
    assert len(nodes) == project(triples, projection).number_of_nodes()
    assert all(n.find("{http://gexf.net/1.3/viz}color") is not None for n in nodes)
    dated = [n for n in nodes if n.get("start")]
    assert bool(dated) == dynamic


def test_gexf_dynamic_spells_follow_the_dates(tmp_path: Path, triples: list[Any]) -> None:
    path = _write(tmp_path, triples, export_format("gexf"), ProjectionOptions(collapse=True), dynamic=True)
    root = etree.parse(str(path)).getroot()
    assert root.find(f"{GEXF}graph").get("timeformat") == "date"  # type: ignore[union-attr]
    starts = {e.get("label"): e.get("start") for e in root.iter(f"{GEXF}edge")}
    assert starts["at least 600 soldiers killed"] == "2025-11-01"  # as of 2025-11 (month precision)
    assert starts["approximately 2,000 soldiers killed"] == "2025-10-24"
    nodes = {n.get("id"): n.get("start") for n in root.iter(f"{GEXF}node")}
    assert nodes["actor-nis"] <= "2025-10-24"  # an actor appears with its first dated link
    assert nodes["event-" + next(k for k in nodes if k.startswith("event-"))[6:]] is not None


def test_gexf_validator_rejects_a_broken_file(tmp_path: Path, triples: list[Any]) -> None:
    path = _write(tmp_path, triples, export_format("gexf"))
    broken = tmp_path / "broken.gexf"
    broken.write_text(path.read_text(encoding="utf-8").replace('version="1.3"', 'version="1.2"', 1))
    assert run_tool(need("jing"), "-c", GEXF_RNC, broken).returncode != 0


# ---------------------------------------------------------------------------------------------------- DOT
def test_dot_renders_without_warnings(tmp_path: Path, triples: list[Any], projection: ProjectionOptions) -> None:
    path = _write(tmp_path, triples, export_format("dot"), projection)
    svg = tmp_path / "out.svg"
    result = run_tool(need("dot"), "-Tsvg", path, "-o", svg)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    text = svg.read_text(encoding="utf-8")
    assert "Північна Корея" in text and "<title>https</title>" not in text
    for line in path.read_text(encoding="utf-8").splitlines()[4:-1]:
        assert line.startswith('  "'), line  # every node and edge statement starts with a quoted id


# ---------------------------------------------------------------------------------------------------- JSON
def test_json_formats_load_in_javascript(tmp_path: Path, triples: list[Any], projection: ProjectionOptions) -> None:
    node = need("node")
    if not (JS_DIR / "node_modules").is_dir():
        pytest.fail("tests/js/node_modules is missing: run `npm ci` in tests/js (.ci/run does)")
    expected = project(triples, projection)
    args: list[str | Path] = []
    for name, loader in (("graphology", "graphology"), ("cytoscape", "cytoscape"), ("d3", "d3"), ("gexf", "gexf")):
        args += [loader, _write(tmp_path, triples, export_format(name), projection)]
    result = run_tool(node, JS_DIR / "check.js", *args)
    assert result.returncode == 0, result.stderr
    seen = {r["format"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(seen) == {"graphology", "cytoscape", "d3", "gexf"}
    for report in seen.values():
        assert (report["nodes"], report["edges"]) == (expected.number_of_nodes(), expected.number_of_edges())
    assert seen["graphology"]["nodesWithType"] == 0 and seen["gexf"]["categories"]["Country"] > 0
    assert seen["cytoscape"]["labels"] == expected.number_of_nodes()


def test_json_conventions(tmp_path: Path, triples: list[Any]) -> None:
    d3 = json.loads(_write(tmp_path, triples, export_format("d3")).read_text(encoding="utf-8"))
    assert "links" in d3 and "edges" not in d3
    cy = json.loads(_write(tmp_path, triples, export_format("cytoscape")).read_text(encoding="utf-8"))
    ids = [e["data"]["id"] for e in cy["elements"]["nodes"] + cy["elements"]["edges"]]
    assert len(ids) == len(set(ids)) and all(e["data"].get("id") for e in cy["elements"]["edges"])
    graphology = json.loads(_write(tmp_path, triples, export_format("graphology")).read_text(encoding="utf-8"))
    assert graphology["options"] == {"type": "directed", "multi": True, "allowSelfLoops": True}
    assert not [n for n in graphology["nodes"] + graphology["edges"] if "type" in n["attributes"]]


# ---------------------------------------------------------------------------------------------------- CSV
def _tables(path: Path) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(path) as archive:
        return {name: list(csv.reader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))
                for name in archive.namelist()}


def test_csv_for_gephi_and_neo4j(tmp_path: Path, triples: list[Any]) -> None:
    expected = project(triples, ProjectionOptions(collapse=True))
    gephi = _tables(_write(tmp_path, triples, export_format("gephi-csv"), ProjectionOptions(collapse=True)))
    assert gephi["nodes.csv"][0][:2] == ["Id", "Label"]
    assert gephi["edges.csv"][0][:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    assert len(gephi["nodes.csv"]) - 1 == expected.number_of_nodes()
    assert len(gephi["edges.csv"]) - 1 == expected.number_of_edges()
    neo4j = _tables(_write(tmp_path, triples, export_format("neo4j-csv"), ProjectionOptions(collapse=True)))
    header = neo4j["nodes.csv"][0]
    assert header[:2] == ["id:ID", ":LABEL"] and "label:string" in header
    assert neo4j["relationships.csv"][0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "quantity:long" in neo4j["relationships.csv"][0]
    types = {row[2] for row in neo4j["relationships.csv"][1:]}
    assert {"FIGURE", "MENTIONS", "CLAIMED_BY"} <= types
    ids = {row[0] for row in neo4j["nodes.csv"][1:]}
    assert all(row[0] in ids and row[1] in ids for row in neo4j["relationships.csv"][1:])


# ---------------------------------------------------------------------------------------------------- RDF
@pytest.mark.parametrize("fmt", RDF_FORMATS, ids=lambda f: f.name)
def test_rdf_formats_round_trip(tmp_path: Path, triples: list[Any], fmt: ExportFormat,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rdf_module, "BATCH", 500)  # several batches, concatenated
    path = _write(tmp_path, triples, fmt)
    back = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=RDF_READ[fmt.name])}
    assert len(back) == len(set(triples))
    if fmt.name in RDFLIB_READ:  # and by rdflib's parsers, independent of the writers (Oxigraph's or rdflib's)
        from rdflib import Graph

        assert len(Graph().parse(str(path), format=RDFLIB_READ[fmt.name])) == len(set(triples))


def test_docs_list_every_format() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "exports.md").read_text(encoding="utf-8")
    for fmt in EXPORT_FORMATS:
        assert f"| `{fmt.name}` | {fmt.media_type} | `.{fmt.extension}` |" in docs, fmt.name


def test_awkward_text_survives_every_xml_format(tmp_path: Path) -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    node = URIRef("http://example.org/x")
    data = Graph()
    data.add((node, RDF.type, URIRef("https://schema.org/Person")))
    data.add((node, RDFS.label, Literal('a "b" & <c>\x01 ]]>  d')))
    data.add((node, URIRef("http://example.org/note"), Literal("line one\nline\ttwo")))
    triples = list(data)
    graphml = _write(tmp_path, triples, export_format("graphml"))
    assert run_tool(need("xmllint"), "--noout", "--schema", GRAPHML_XSD, graphml).returncode == 0
    back = nx.read_graphml(graphml)
    [(_, attrs)] = back.nodes(data=True)
    assert attrs["label"] == 'a "b" & <c> ]]> d' and attrs["note"] == "line one\nline\ttwo"
    gexf = _write(tmp_path, triples, export_format("gexf"))
    assert run_tool(need("jing"), "-c", GEXF_RNC, gexf).returncode == 0
    [element] = etree.parse(str(gexf)).getroot().iter(f"{GEXF}node")
    assert element.get("label") == 'a "b" & <c> ]]> d'
