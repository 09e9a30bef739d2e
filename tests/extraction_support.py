"""Helpers for the extraction tests: analyse a sentence, find its amounts, dates, or extract a small report."""

from __future__ import annotations

from ingest.dates import DateMatch, find_dates
from ingest.extraction import extract
from ingest.nlp import analyse_text
from ingest.numbers import NumberMatch, find_numbers
from ingest.readers import make_report
from ingest.records import Extraction, Report


def numbers(text: str, lang: str) -> list[tuple[int | None, str, int | None]]:
    """(value, qualifier, upper) of every amount in `text`."""
    doc = analyse_text(text, lang)
    found: list[NumberMatch] = find_numbers(doc.tokens, lang)
    return [(m.value, m.qualifier, m.upper) for m in found]


def dates(text: str, lang: str, report_date: str) -> list[tuple[str, str, str]]:
    """(value, precision, role) of every date in `text`."""
    doc = analyse_text(text, lang)
    found: list[DateMatch] = find_dates(doc.tokens, lang, report_date)
    return [(m.value.value, m.value.precision, m.role) for m in found]


def report(text: str, date: str = "2025-05-20", lang: str | None = None) -> Report:
    """A report from text (page furniture and language handled as the readers do)."""
    return make_report(text, date, where="test", language=lang)


def run(text: str, date: str = "2025-05-20", lang: str | None = None) -> Extraction:
    """Extract a report made from `text`."""
    return extract(report(text, date, lang))
