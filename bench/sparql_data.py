"""Synthetic data in the project's shape for the SPARQL benchmark: reports with figures, events and actors.

Every report goes through `ingest.mapping.report_graph` (the same mapping the ingest uses) with a made-up
extraction drawn from the gazetteer, so the generated graph has exactly the shape of real data: one named graph
per report, plus the ontology and gazetteer graphs. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from ingest.mapping import report_graph
from ingest.pipeline import ensure_system_graphs
from ingest.records import (
    EVENT_TYPES,
    MEASURES,
    POPULATIONS,
    QUALIFIERS,
    Actor,
    DateValue,
    Event,
    Extraction,
    Figure,
    Report,
    Span,
)
from ontology.gazetteer import load_gazetteer
from ontology.iris import report_graph_iri
from store import OxigraphStore

WORDS = ("військових", "КНДР", "Росії", "розвідка", "повідомила", "близько", "тисяч", "кордону", "Курській",
         "області", "загинули", "поранені", "відправила", "будівельних", "за", "даними", "станом", "на")


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
                    for _ in range(sentences))


def _span(text: str, rng: random.Random) -> Span:
    start = rng.randrange(0, max(1, len(text) - 60))
    end = min(len(text), start + rng.randint(20, 60))
    return Span(start, end, text[start:end])


def _date(rng: random.Random) -> DateValue:
    precision = rng.choice(("day", "day", "month", "year"))
    year, month, day = rng.choice((2024, 2025)), rng.randint(1, 12), rng.randint(1, 28)
    value = {"day": f"{year}-{month:02d}-{day:02d}", "month": f"{year}-{month:02d}", "year": str(year)}[precision]
    return DateValue(value, precision)


def synthetic_report(number: int, rng: random.Random, figures: int = 8, events: int = 4) -> tuple[Report, Extraction]:
    """One report and a plausible extraction for it (actors from the gazetteer)."""
    gazetteer = load_gazetteer()
    by_kind: dict[str, list[str]] = {}
    for key, entry in gazetteer.items():
        by_kind.setdefault(entry.kind, []).append(key)
    outlets = [k for k, e in gazetteer.items() if "outlet" in e.roles]
    sources = by_kind["Organization"] + by_kind["Person"]
    places = by_kind["Place"] + by_kind["Country"]
    text = _text(rng, 12)
    date = f"{rng.choice((2024, 2025))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    report = Report(text=f"{text} #{number}", date=date, language="uk", title=f"Звіт {number}",
                    outlet=rng.choice(outlets), source=f"bench/{number}.txt")
    mentioned = rng.sample(sources, 4) + rng.sample(places, 2)
    actors = [Actor(key, gazetteer[key].name, gazetteer[key].kind, [_span(report.text, rng)]) for key in mentioned]
    figure_list = []
    for _ in range(figures):
        quantity = rng.choice((100, 200, 500, 600, 1000, 1500, 3000, 5000, 10000, 11000, 12000, 15000))
        figure_list.append(Figure(quantity, rng.choice(QUALIFIERS), rng.choice(MEASURES[:7]),
                                  rng.choice(POPULATIONS[:5]), sources=[rng.choice(mentioned[:4])],
                                  outlet=report.outlet, as_of=_date(rng), place=rng.choice(places),
                                  concerns="north_korea", evidence=[_span(report.text, rng)]))
    event_list = [Event(rng.choice(EVENT_TYPES[:11]), f"event {number}-{k}", _span(report.text, rng), date=_date(rng),
                        place=rng.choice(places), participants=rng.sample(mentioned, 2), source=mentioned[0])
                  for k in range(events)]
    return report, Extraction(actors=actors, figures=figure_list, events=event_list)


def generate(store_path: Path, reports: int, seed: int = 7, progress: bool = True) -> int:
    """Write `reports` synthetic reports (about 230 triples each) into an on-disk store; returns its quads."""
    rng = random.Random(seed)
    store = OxigraphStore(store_path)
    ensure_system_graphs(store)
    started = time.monotonic()
    batch: list[ox.Quad] = []
    for number in range(reports):
        report, extraction = synthetic_report(number, rng)
        graph = ox.NamedNode(str(report_graph_iri(report.content_hash)))
        for quad in ox.parse(report_graph(report, extraction).serialize(format="nt").encode(),
                             ox.RdfFormat.N_TRIPLES):
            batch.append(ox.Quad(quad.subject, quad.predicate, quad.object, graph))
        if len(batch) > 200_000 or number == reports - 1:
            store.store.bulk_extend(batch)
            batch = []
            if progress:
                print(f"  generated {number + 1}/{reports} reports, {len(store.store)} quads "
                      f"({time.monotonic() - started:.0f} s)", file=sys.stderr)
    store.store.optimize()
    store.close()
    count = len(store.store)
    del store
    return count
