"""Readers turn the sample format, plain text, JSON, JSON lines and folders into reports, or say what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.readers import InputError, parse_text, read_paths
from tests.conftest import DATA, SAMPLES


def test_sample_format_header_date_title_and_furniture() -> None:
    [report] = read_paths([DATA / "reports" / "alpha.txt"])
    assert report.date == "2025-03-14"
    assert report.language == "uk"
    assert report.title == "Розвідка Південної Кореї: КНДР відправила ще 3 тисячі військових"
    assert "Реклама" not in report.text and "©" not in report.text
    assert set(report.noise) == {"Реклама", "© Example Photo"}
    assert report.text.startswith("Розвідка Південної Кореї")


def test_bundled_samples_read() -> None:
    reports = read_paths([SAMPLES])
    assert sorted(r.date for r in reports) == ["2025-10-24", "2025-11-04"]
    assert len({r.content_hash for r in reports}) == 2


def test_json_lines_with_metadata_and_language_detection() -> None:
    reports = read_paths([DATA / "reports" / "beta.jsonl"])
    assert [r.date for r in reports] == ["2025-06-20", "2025-07-07"]
    assert reports[0].outlet == "Test Outlet" and reports[0].url == "https://example.org/news/1"
    assert reports[0].language == "uk" and reports[1].language == "en"
    assert reports[1].title == "Workers sent"


def test_json_list_and_object() -> None:
    one = {"text": "Текст звіту.", "date": "2025-01-02"}
    assert len(parse_text(json.dumps(one), "x.json")) == 1
    assert len(parse_text(json.dumps([one, one]), "x.json")) == 2


def test_plain_text_needs_a_date() -> None:
    with pytest.raises(InputError, match="--date"):
        parse_text("Просто текст без заголовка.", "stdin")
    [report] = parse_text("Просто текст без заголовка.", "stdin", date="2025-02-03")
    assert report.date == "2025-02-03"


def test_same_content_same_hash_regardless_of_source() -> None:
    a = parse_text(" date 2025-01-01 Текст.", "a.txt")[0]
    b = parse_text(json.dumps({"text": "Текст.", "date": "2025-01-01"}), "b.json")[0]
    assert a.content_hash == b.content_hash


@pytest.mark.parametrize(("raw", "where", "message"), [
    ('{"text": "x", "date": "2025-13-01"}', "x.json", "YYYY-MM-DD"),
    ('{"text": "", "date": "2025-01-01"}', "x.json", "empty"),
    ('{"date": "2025-01-01"}', "x.json", "empty"),
    ('{"text": "x", "date": "2025-01-01", "colour": "red"}', "x.json", "unknown field"),
    ('{"text": "x", "date": "2025-01-01", "language": "de"}', "x.json", "language must be one of"),
    ("[1, 2]", "x.json", "expected a JSON object"),
    ('{"text": "x", "date": "2025-01-01"}\n{broken', "x.jsonl", "x.jsonl:2"),
    ("{not json", "x.json", "not valid JSON"),
])
def test_bad_input_says_what_is_wrong(raw: str, where: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_text(raw, where)


def test_missing_path_and_non_utf8(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_paths([tmp_path / "nope.txt"])
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b" date 2025-01-01 \xff\xfe")
    with pytest.raises(InputError, match="not UTF-8"):
        read_paths([bad])
