"""Scoring against gold annotations, the `extract` and `eval` commands, and the quality bar on shared gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ingest.evaluate import default_reports_dir, evaluate_dir, match_actors, score_report
from ingest.extraction import extract
from ingest.readers import read_paths
from server.commands.extraction import eval_command, extract_command
from tests.conftest import DATA, SHARED

OWN_GOLD = DATA / "extraction" / "gold"
needs_shared = pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared (the project's shared gold "
                                  "and reports) is not present; tests/data/extraction covers the same features")


def actor(id_: str, name: str, mentions: list[str], wikidata: str | None = None) -> dict[str, Any]:
    return {"id": id_, "name": name, "type": "Organization", "mentions": mentions, "wikidata": wikidata}


def test_actors_match_by_wikidata_then_name_then_mention() -> None:
    gold = [actor("nk", "North Korea", ["КНДР"], "Q423"), actor("nis", "NIS", ["NIS"]),
            actor("lee", "Lee Seong-kweon", ["Лі Сон Квен"])]
    predicted = [actor("x1", "DPRK", [], "Q423"), actor("x2", "nis", []), actor("x3", "Li Son Kven", ["Лі Сон Квен"]),
                 actor("x4", "Other", ["Інше"])]
    assert match_actors(predicted, gold) == {"x1": "nk", "x2": "nis", "x3": "lee"}


def test_figures_match_by_quantity_then_attributes_are_checked() -> None:
    gold = {"actors": [actor("nis", "NIS", ["NIS"])], "events": [], "figures": [
        {"quantity": 600, "qualifier": "at_least", "measure": "killed", "source": ["south_korea", "nis"],
         "as_of": "2025-11-04"},
        {"quantity": None, "qualifier": "vague", "measure": "wounded", "source": [], "as_of": None},
        {"quantity": 5000, "qualifier": "approximately", "measure": "deployed", "source": ["nis"], "as_of": "2025"},
    ]}
    predicted = {"actors": [actor("my_nis", "NIS", ["NIS"])], "events": [], "figures": [
        {"quantity": 600, "qualifier": "at_least", "measure": "casualties", "source": ["my_nis"],
         "as_of": "2025-11-04"},
        {"quantity": None, "qualifier": "vague", "measure": "wounded", "source": [], "as_of": None},
        {"quantity": 7, "qualifier": "exact", "measure": "other", "source": [], "as_of": None},
    ]}
    scores = score_report(predicted, gold)
    figures = scores.counts["figures"]
    assert (figures.tp, figures.fp, figures.fn) == (2, 1, 1)
    acc = scores.accuracy
    assert (acc["qualifier"].correct, acc["measure"].correct, acc["source"].correct, acc["as_of"].correct) == \
        (2, 1, 2, 2)
    assert acc["measure"].total == 2


def test_events_match_by_type_and_month_and_optional_ones_do_not_count_against_recall() -> None:
    gold = {"actors": [], "figures": [], "events": [
        {"type": "Deployment", "date": "2024-10", "evidence": "a"},
        {"type": "Statement", "date": None, "evidence": "b"},
        {"type": "Exhibition", "date": None, "evidence": "c", "optional": True},
        {"type": "Capture", "date": "2025-01-11", "evidence": "d"},
    ]}
    predicted = {"actors": [], "figures": [], "events": [
        {"type": "Deployment", "date": "2024-10-08", "evidence": "a"},
        {"type": "Statement", "date": "2025-01-01", "evidence": "b"},
        {"type": "Exhibition", "date": None, "evidence": "c"},
        {"type": "Capture", "date": "2025-02", "evidence": "d"},
    ]}
    events = score_report(predicted, gold).counts["events"]
    assert (events.tp, events.fp, events.fn) == (2, 1, 1)
    assert events.precision == pytest.approx(2 / 3)  # the optional match is neither a hit nor a false positive


def test_default_reports_folder_keeps_the_relative_layout(tmp_path: Path) -> None:
    (tmp_path / "gold" / "dev").mkdir(parents=True)
    (tmp_path / "reports" / "dev").mkdir(parents=True)
    assert default_reports_dir(tmp_path / "gold") == (tmp_path / "reports").resolve()
    assert default_reports_dir(tmp_path / "gold" / "dev") == (tmp_path / "reports" / "dev").resolve()


def test_own_gold_scores_well() -> None:
    total, rows = evaluate_dir(OWN_GOLD)
    assert total.reports == 3 and len(rows) == 3
    assert total.counts["figures"].f1 >= 0.9
    assert total.counts["actors"].f1 >= 0.9
    assert total.counts["events"].f1 >= 0.75


def test_eval_command_prints_the_table_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(eval_command, [str(OWN_GOLD)])
    assert result.exit_code == 0, result.output
    assert "figures" in result.output and "as_of" in result.output
    result = runner.invoke(eval_command, [str(OWN_GOLD), "--json", "--pattern", "*_uk.gold.json"])
    data = json.loads(result.output)
    assert data["reports"] == 1 and set(data["per_report"]) == {"okns_uk.txt"}
    assert 0 <= data["figures"]["f1"] <= 1


def test_eval_command_errors() -> None:
    runner = CliRunner()
    result = runner.invoke(eval_command, [str(OWN_GOLD), "--pattern", "nothing*"])
    assert result.exit_code != 0 and "no gold files" in result.output
    result = runner.invoke(eval_command, [str(OWN_GOLD), "--reports", str(DATA)])
    assert result.exit_code != 0 and "does not exist" in result.output


def test_extract_command_json_and_text(tmp_path: Path) -> None:
    runner = CliRunner()
    path = DATA / "extraction" / "reports" / "okns_uk.txt"
    result = runner.invoke(extract_command, [str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["report"] == "okns_uk.txt" and doc["date"] == "2025-03-15" and doc["language"] == "uk"
    assert {"actors", "figures", "events"} <= set(doc)
    text = (path.read_text(encoding="utf-8"))
    for a in doc["actors"]:
        assert all(m in text for m in a["mentions"])
    result = runner.invoke(extract_command, [str(path), "--format", "text"])
    assert result.exit_code == 0 and "figures:" in result.output
    plain = tmp_path / "plain.txt"
    plain.write_text("КНДР відправила 500 саперів.", encoding="utf-8")
    assert runner.invoke(extract_command, [str(plain)]).exit_code != 0
    result = runner.invoke(extract_command, [str(plain), "--date", "2025-01-01"])
    assert json.loads(result.output)["figures"][0]["quantity"] == 500
    result = runner.invoke(extract_command, ["-", "--date", "2025-01-01"], input="КНДР відправила 500 саперів.")
    assert json.loads(result.output)["figures"][0]["quantity"] == 500


# --- the acceptance bar on the project's shared gold (skipped only where ../shared is missing) ---

@needs_shared
def test_seed_gold_meets_the_bar() -> None:
    total, _ = evaluate_dir(SHARED / "gold")
    counts, acc = total.counts, total.accuracy
    assert total.reports == 2
    assert counts["figures"].f1 >= 0.95
    assert counts["actors"].f1 >= 0.9
    assert counts["events"].f1 >= 0.8
    assert acc["source"].value >= 0.9 and acc["as_of"].value >= 0.9


@needs_shared
def test_ukrainian_dev_gold_meets_the_bar() -> None:
    total, _ = evaluate_dir(SHARED / "gold" / "dev", pattern="*_uk.gold.json")
    assert total.reports >= 2
    mean = sum(c.f1 for c in total.counts.values()) / 3
    assert mean >= 0.75


@needs_shared
def test_every_shared_report_extracts() -> None:
    reports = read_paths([SHARED / "reports"])
    assert len(reports) >= 13
    for r in reports:
        extraction = extract(r)
        assert extraction.actors, r.source


@needs_shared
def test_both_seed_killed_figures() -> None:
    first = read_paths([SHARED / "reports" / "000_c8d1523c75eff35d.txt"])[0]
    second = read_paths([SHARED / "reports" / "004_72b32b953e1b3a19.txt"])[0]
    killed = [f for f in extract(first).figures if f.measure == "killed"]
    assert [(f.quantity, f.qualifier, f.as_of.value if f.as_of else None) for f in killed] == \
        [(600, "at_least", "2025-11-04")]
    assert killed[0].sources[0] in ("south_korea", "nis") and "nis" in killed[0].sources
    killed = [f for f in extract(second).figures if f.measure == "killed"]
    assert [(f.quantity, f.qualifier, f.as_of.value if f.as_of else None, f.sources) for f in killed] == \
        [(2000, "approximately", "2025-10-24", ["nis"])]
