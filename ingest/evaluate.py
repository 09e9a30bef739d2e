"""Scoring an extraction against gold annotations, as `../shared/gold/SCHEMA.md` describes.

- actors match one to one by Wikidata id, then by name, then by a shared mention;
- figures match by quantity within the report (vague ones, without a quantity, with each other), then their
  qualifier, measure, source (the most direct predicted source is one of the gold sources, or neither has one)
  and as_of are checked;
- events match by type and, where both have a date, by date to the month; `optional` gold events are not
  counted against recall, and a prediction matching one is not a false positive (it is left out of both).

`score_report` and `aggregate` are pure; `evaluate_dir` loads gold files and reports and runs the extractor.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.normalize import normalize

ATTRIBUTES = ("qualifier", "measure", "source", "as_of")
KINDS = ("actors", "figures", "events")


@dataclass
class PRF:
    """Counts of one kind of record."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Matched predictions over predictions (1.0 when nothing was predicted and nothing expected)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        """Matched gold records over gold records."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Add another count in place."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Accuracy:
    """Correct over checked."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        """The accuracy (1.0 when nothing was checked)."""
        return self.correct / self.total if self.total else 1.0


@dataclass
class Scores:
    """Scores of one report or of many added together."""

    counts: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in KINDS})
    accuracy: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES})
    reports: int = 0

    def add(self, other: Scores) -> None:
        """Add another report's scores in place."""
        for kind in KINDS:
            self.counts[kind].add(other.counts[kind])
        for attr in ATTRIBUTES:
            self.accuracy[attr].correct += other.accuracy[attr].correct
            self.accuracy[attr].total += other.accuracy[attr].total
        self.reports += other.reports

    def as_dict(self) -> dict[str, Any]:
        """Plain numbers for JSON output."""
        out: dict[str, Any] = {"reports": self.reports}
        for kind, c in self.counts.items():
            out[kind] = {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                         "tp": c.tp, "fp": c.fp, "fn": c.fn}
        out["accuracy"] = {a: {"value": round(acc.value, 4), "correct": acc.correct, "total": acc.total}
                           for a, acc in self.accuracy.items()}
        out["mean_f1"] = round(sum(c.f1 for c in self.counts.values()) / len(self.counts), 4)
        return out


def _norm(text: str) -> str:
    return " ".join(normalize(text).casefold().split())


def match_actors(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, str]:
    """Predicted actor id -> gold actor id: by Wikidata id, then name, then a shared mention (one to one)."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    keys: tuple[Callable[[dict[str, Any]], set[str]], ...] = (
        lambda a: {a["wikidata"]} if a.get("wikidata") else set(),
        lambda a: {_norm(a["name"])} if a.get("name") else set(),
        lambda a: {_norm(m) for m in a.get("mentions", [])},
    )
    for key in keys:
        for g in gold:
            if g["id"] in used:
                continue
            g_keys = key(g)
            for p in predicted:
                if p["id"] in mapping or not g_keys & key(p):
                    continue
                mapping[p["id"]] = g["id"]
                used.add(g["id"])
                break
    return mapping


def _source_ok(pred: list[str], gold: list[str], mapping: dict[str, str]) -> bool:
    if not pred or not gold:
        return not pred and not gold
    return mapping.get(pred[0], pred[0]) in gold


def _figure_checks(p: dict[str, Any], g: dict[str, Any], mapping: dict[str, str]) -> dict[str, bool]:
    return {"qualifier": p.get("qualifier") == g.get("qualifier"),
            "measure": p.get("measure") == g.get("measure"),
            "source": _source_ok(list(p.get("source") or []), list(g.get("source") or []), mapping),
            "as_of": p.get("as_of") == g.get("as_of")}


def _overlap(a: str | list[str] | None, b: str | list[str] | None) -> float:
    def _words(x: str | list[str] | None) -> set[str]:
        text = " ".join(x) if isinstance(x, list) else (x or "")
        return set(_norm(text).split())
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    size = min(len(a), len(b), 7)
    return a[:size] == b[:size]


def score_report(predicted: dict[str, Any], gold: dict[str, Any]) -> Scores:
    """Score one report's predicted gold-schema document against its gold annotation."""
    scores = Scores(reports=1)
    p_actors, g_actors = predicted.get("actors", []), gold.get("actors", [])
    mapping = match_actors(p_actors, g_actors)
    scores.counts["actors"] = PRF(tp=len(mapping), fp=len(p_actors) - len(mapping), fn=len(g_actors) - len(mapping))

    p_figs, g_figs = list(predicted.get("figures", [])), gold.get("figures", [])
    free = list(range(len(p_figs)))
    tp = 0
    for g in g_figs:
        candidates = [i for i in free if p_figs[i].get("quantity") == g.get("quantity")]
        if not candidates:
            continue
        best = max(candidates, key=lambda i: (sum(_figure_checks(p_figs[i], g, mapping).values()),
                                              _overlap(p_figs[i].get("evidence"), g.get("evidence")), -i))
        free.remove(best)
        tp += 1
        for attr, ok in _figure_checks(p_figs[best], g, mapping).items():
            scores.accuracy[attr].total += 1
            scores.accuracy[attr].correct += int(ok)
    scores.counts["figures"] = PRF(tp=tp, fp=len(p_figs) - tp, fn=len(g_figs) - tp)

    p_events, g_events = list(predicted.get("events", [])), gold.get("events", [])
    free = list(range(len(p_events)))
    required_hits = optional_hits = 0
    for g in sorted(g_events, key=lambda e: bool(e.get("optional"))):
        candidates = [i for i in free if p_events[i].get("type") == g.get("type")
                      and _dates_agree(p_events[i].get("date"), g.get("date"))]
        if not candidates:
            continue
        best = max(candidates, key=lambda i: (_overlap(p_events[i].get("evidence"), g.get("evidence")), -i))
        free.remove(best)
        if g.get("optional"):
            optional_hits += 1
        else:
            required_hits += 1
    required = sum(1 for e in g_events if not e.get("optional"))
    scores.counts["events"] = PRF(tp=required_hits, fp=len(free), fn=required - required_hits)
    return scores


def aggregate(per_report: Iterable[Scores]) -> Scores:
    """Micro-averaged scores over reports."""
    total = Scores()
    for scores in per_report:
        total.add(scores)
    return total


def default_reports_dir(gold_dir: Path) -> Path:
    """The reports folder beside the gold folder, with the same relative layout (gold/dev -> reports/dev)."""
    gold_dir = gold_dir.resolve()
    for ancestor in (gold_dir, *gold_dir.parents):
        candidate = ancestor.parent / "reports" / gold_dir.relative_to(ancestor)
        if candidate.is_dir():
            return candidate
    return gold_dir.parent / "reports"


def load_gold(gold_dir: Path, pattern: str = "*.gold.json") -> list[tuple[Path, dict[str, Any]]]:
    """Every gold file directly in `gold_dir` matching `pattern`, parsed, in name order."""
    return [(path, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(gold_dir.glob(pattern))]


def evaluate_dir(gold_dir: Path, reports_dir: Path | None = None,
                 pattern: str = "*.gold.json") -> tuple[Scores, list[tuple[str, Scores]]]:
    """Extract every report that has a gold file and score it: (total, per-report scores)."""
    from ingest.extraction import extract
    from ingest.gold import to_gold
    from ingest.readers import read_paths

    reports_dir = reports_dir or default_reports_dir(gold_dir)
    rows: list[tuple[str, Scores]] = []
    for path, gold in load_gold(gold_dir, pattern):
        report_path = reports_dir / gold.get("report", path.name.replace(".gold.json", ".txt"))
        if not report_path.is_file():
            raise FileNotFoundError(f"{path}: its report {report_path} does not exist")
        report = read_paths([report_path])[0]
        rows.append((report_path.name, score_report(to_gold(report, extract(report)), gold)))
    return aggregate(s for _, s in rows), rows


def format_table(total: Scores, rows: list[tuple[str, Scores]] | None = None) -> str:
    """A plain-text table of the scores."""
    lines = [f"{'':10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for kind, c in total.counts.items():
        lines.append(f"{kind:10} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:4d} {c.fp:4d} {c.fn:4d}")
    mean = sum(c.f1 for c in total.counts.values()) / len(total.counts)
    lines.append(f"{'mean F1':10} {'':6} {'':6} {mean:6.3f}")
    lines.append("")
    lines.append("figure attribute accuracy")
    for attr, acc in total.accuracy.items():
        lines.append(f"  {attr:9} {acc.value:6.3f} ({acc.correct}/{acc.total})")
    if rows:
        lines.append("")
        lines.append(f"{'report':34} {'actors':>7} {'figures':>7} {'events':>7}")
        for name, s in rows:
            lines.append(f"{name:34} {s.counts['actors'].f1:7.3f} {s.counts['figures'].f1:7.3f} "
                         f"{s.counts['events'].f1:7.3f}")
    lines.append(f"reports: {total.reports}")
    return "\n".join(lines)
