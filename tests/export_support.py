"""Test data for the export tests: two hand-made reports mapped with `ingest.mapping.report_graph`, a store
holding them beside the gazetteer, and the external validators (xmllint, jing, dot, node)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph

from ingest.mapping import report_graph
from ingest.pipeline import ensure_system_graphs
from ingest.records import Actor, DateValue, Event, Extraction, Figure, Report, Span
from ontology.gazetteer import gazetteer_graph
from ontology.iris import report_graph_iri
from store import GraphStore, open_store

TESTS = Path(__file__).parent
SCHEMAS = TESTS / "data" / "schemas"
GRAPHML_XSD = SCHEMAS / "graphml" / "graphml.xsd"
GEXF_RNG = SCHEMAS / "gexf-1.3" / "gexf.rng"
GEXF_RNC = SCHEMAS / "gexf-1.3" / "gexf.rnc"
JS_DIR = TESTS / "js"

TEXT_A = ("За даними NIS, щонайменше 600 військових КНДР загинули в Україні. Депутат Лі Сон Квен розповів про "
          "«відновлення інфраструктури» & інше. Кім Чен Ин зустрівся з Путіним у Москві.")
TEXT_B = ("За оцінками NIS, близько 2 000 північнокорейських військових загинули. ЗСУ взяли в полон двох "
          "військових КНДР у Курській області.")
REPORT_A = Report(text=TEXT_A, date="2025-11-04", language="uk", title="Тест \"А\" <перший>", source="a.txt")
REPORT_B = Report(text=TEXT_B, date="2025-10-24", language="uk", source="b.txt", outlet="Suspilne Test Outlet")


def _span(text: str, fragment: str) -> Span:
    start = text.index(fragment)
    return Span(start, start + len(fragment), fragment)


def extraction_a() -> Extraction:
    """Actors (one new to the gazetteer), a figure with a claimant and subject, a vague one, a meeting."""
    return Extraction(
        actors=[Actor("nis", "NIS", "Organization", [_span(TEXT_A, "NIS")]),
                Actor("north_korea", "North Korea", "Country", [_span(TEXT_A, "КНДР")]),
                Actor("ukraine", "Ukraine", "Country", [_span(TEXT_A, "Україні")]),
                Actor("lee_seong_kweon", "Lee Seong-kweon", "Person", [_span(TEXT_A, "Лі Сон Квен")],
                      known=False, labels={"uk": "Лі Сон Квен", "en": "Lee Seong-kweon"},
                      role="South Korean lawmaker")],
        figures=[Figure(600, "at_least", "killed", "soldiers", sources=["nis"],
                        as_of=DateValue("2025-11", "month"), place="ukraine", concerns="north_korea",
                        evidence=[_span(TEXT_A, "щонайменше 600 військових КНДР загинули")]),
                 Figure(None, "vague", "deployed", "workers", sources=["lee_seong_kweon"],
                        evidence=[_span(TEXT_A, "«відновлення інфраструктури» & інше")])],
        events=[Event("Meeting", "Kim Jong Un met Putin in Moscow", _span(TEXT_A, "Кім Чен Ин зустрівся з Путіним"),
                      date=DateValue("2025-09-03", "day"), place="moscow",
                      participants=["kim_jong_un", "vladimir_putin"])],
    )


def extraction_b() -> Extraction:
    """A second report: a killed figure as of a day, a capture with a year-precision date."""
    return Extraction(
        actors=[Actor("nis", "NIS", "Organization", [_span(TEXT_B, "NIS")]),
                Actor("kursk_oblast", "Kursk Oblast", "Place", [_span(TEXT_B, "Курській області")])],
        figures=[Figure(2000, "approximately", "killed", "soldiers", sources=["nis"],
                        as_of=DateValue("2025-10-24", "day"), concerns="north_korea",
                        evidence=[_span(TEXT_B, "близько 2 000 північнокорейських військових загинули")]),
                 Figure(2, "exact", "captured", "soldiers", sources=["armed_forces_of_ukraine"],
                        as_of=DateValue("2025", "year"), place="kursk_oblast", concerns="north_korea",
                        evidence=[_span(TEXT_B, "взяли в полон двох")])],
        events=[Event("Capture", "Ukraine captured two North Korean soldiers", _span(TEXT_B, "взяли в полон двох"),
                      date=DateValue("2025-01", "month"), place="kursk_oblast",
                      participants=["armed_forces_of_ukraine", "north_korea"], source="armed_forces_of_ukraine")],
    )


def report_graphs() -> list[tuple[Report, Graph]]:
    """The two reports and their mapped graphs."""
    return [(REPORT_A, report_graph(REPORT_A, extraction_a())), (REPORT_B, report_graph(REPORT_B, extraction_b()))]


def union_graph() -> Graph:
    """Both reports and the gazetteer in one rdflib graph (what a whole-graph selection returns)."""
    graph = gazetteer_graph()
    for _, mapped in report_graphs():
        graph += mapped
    return graph


def fill_store(store: GraphStore) -> GraphStore:
    """Write the ontology, the gazetteer and both reports into `store`."""
    ensure_system_graphs(store)
    for report, mapped in report_graphs():
        store.replace_graph(str(report_graph_iri(report.content_hash)), mapped.serialize(format="nt"), fmt="nt")
    return store


def memory_store() -> GraphStore:
    """An in-memory store with the test data."""
    return fill_store(open_store("memory"))


def need(tool: str) -> str:
    """The path of an external tool the test needs (the test fails, not skips, when CI lacks it)."""
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"{tool} is not installed (.ci/run installs it)")
    return found


def run_tool(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run an external validator, capturing its output."""
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout)
