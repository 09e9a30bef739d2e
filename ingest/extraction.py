"""The extraction entry point: one report in, its actors, figures and events out."""

from __future__ import annotations

from collections.abc import Iterable

from ingest.context import Context
from ingest.extractors import REGISTRY, Extractor
from ingest.nlp import analyse_text
from ingest.records import Extraction, Report
from ontology.gazetteer import GazetteerEntry, load_gazetteer


def extract(report: Report, *, gazetteer: dict[str, GazetteerEntry] | None = None,
            extractors: Iterable[Extractor] = REGISTRY) -> Extraction:
    """Run the registered extractors over one report and return what they found."""
    ctx = Context(report=report, doc=analyse_text(report.text, report.language),
                  gazetteer=gazetteer if gazetteer is not None else load_gazetteer())
    for extractor in extractors:
        extractor.run(ctx)
    return ctx.result()
