"""The date grammar: absolute, yearless and relative dates resolved against the report date, with roles."""

from __future__ import annotations

import pytest

from tests.extraction_support import dates

CASES = [
    # Ukrainian
    ("uk", "2025-11-04", "Про це стало відомо 4 листопада", [("2025-11-04", "day", "point")]),
    ("uk", "2025-11-04", "Від вересня 2025 року Північна Корея відправила", [("2025-09", "month", "since")]),
    ("uk", "2025-10-24", "У жовтні 2024 року розвідка повідомила", [("2024-10", "month", "point")]),
    ("uk", "2025-10-24", "11 січня 2025 року ЗСУ взяли в полон", [("2025-01-11", "day", "point")]),
    ("uk", "2025-10-24", "станом на серпень 2025 року", [("2025-08", "month", "as_of")]),
    ("uk", "2025-10-24", "Минулого року Росія та КНДР уклали угоду", [("2024", "year", "point")]),
    ("uk", "2025-11-04", "у минулому місяці повідомила", [("2025-10", "month", "point")]),
    ("uk", "2025-09-02", "З жовтня минулого року КНДР направила", [("2024-10", "month", "since")]),
    ("uk", "2024-12-27", "помер у п'ятницю", [("2024-12-27", "day", "point")]),
    ("uk", "2024-12-27", "помер у п’ятницю", [("2024-12-27", "day", "point")]),
    ("uk", "2025-01-10", "підписали 19 грудня", [("2024-12-19", "day", "point")]),
    ("uk", "2025-03-01", "у березні", [("2025-03", "month", "point")]),
    ("uk", "2025-03-01", "у квітні", [("2024-04", "month", "point")]),
    ("uk", "2024-12-19", "з середини грудня", [("2024-12", "month", "since")]),
    ("uk", "2025-09-02", "Влітку 2024 року сторони підписали", [("2024", "year", "point")]),
    ("uk", "2025-05-20", "торік", [("2024", "year", "point")]),
    ("uk", "2025-05-20", "вчора", [("2025-05-19", "day", "point")]),
    ("uk", "2025-05-20", "до 1 червня", [("2024-06-01", "day", "until")]),
    ("uk", "2025-05-20", "у 2023 році", [("2023", "year", "point")]),
    ("uk", "2025-05-20", "наприкінці квітня", [("2025-04", "month", "point")]),
    # Russian
    ("ru", "2025-09-02", "С октября прошлого года Северная Корея направила", [("2024-10", "month", "since")]),
    ("ru", "2024-12-27", "17 декабря источник сообщил", [("2024-12-17", "day", "point")]),
    ("ru", "2024-12-27", "в пятницу", [("2024-12-27", "day", "point")]),
    ("ru", "2025-09-02", "в прошлом году", [("2024", "year", "point")]),
    ("ru", "2025-09-02", "по состоянию на август 2025 года", [("2025-08", "month", "as_of")]),
    ("ru", "2025-02-10", "в январе", [("2025-01", "month", "point")]),
    # English
    ("en", "2025-01-08", "Zelenskyy said Monday", [("2025-01-06", "day", "point")]),
    ("en", "2025-01-08", "told reporters Dec. 27 in Washington", [("2024-12-27", "day", "point")]),
    ("en", "2025-01-08", "in late December", [("2024-12", "month", "point")]),
    ("en", "2025-01-08", "deployed to Russia since October", [("2024-10", "month", "since")]),
    ("en", "2025-01-08", "following their June 18 summit", [("2024-06-18", "day", "point")]),
    ("en", "2025-01-08", "the February 9, 2000 treaty", [("2000-02-09", "day", "point")]),
    ("en", "2025-01-08", "last month", [("2024-12", "month", "point")]),
    ("en", "2025-01-08", "as of November 2024", [("2024-11", "month", "as_of")]),
    ("en", "2025-01-08", "4 December 2024", [("2024-12-04", "day", "point")]),
]


@pytest.mark.parametrize(("lang", "report_date", "text", "expected"), CASES)
def test_dates(lang: str, report_date: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert dates(text, lang, report_date) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "they may deploy more"), ("en", "a march to the border"), ("uk", "2600 солдатів"),
    ("uk", "1 500 спецназівців"),
])
def test_not_dates(lang: str, text: str) -> None:
    assert dates(text, lang, "2025-01-08") == []


def test_a_season_takes_the_narrative_year() -> None:
    from ingest.dates import find_dates
    from ingest.nlp import analyse_text

    doc = analyse_text("А восени з'явилися повідомлення", "uk")
    assert [m.value.value for m in find_dates(doc.tokens, "uk", "2025-09-02", context_year=2024)] == ["2024"]
