"""The extraction in the gold-annotation schema (`../shared/gold/SCHEMA.md`): a pure function of a report and
its extraction, so `reportgraph extract --format json` and the evaluation see the same thing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.records import Actor, Event, Extraction, Figure, Report


def _unique(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if text not in out:
            out.append(text)
    return out


def actor_to_gold(actor: Actor, report: Report) -> dict[str, Any]:
    """One actor: id, English name, type, the distinct mention texts, Wikidata id, role."""
    mentions = _unique([m.text for m in actor.mentions])
    if not mentions and actor.role == "photo credit":
        mentions = [n.replace("©", "").strip() for n in report.noise if actor.name.lower() in n.lower()] or [actor.name]
    out: dict[str, Any] = {"id": actor.id, "name": actor.name, "type": actor.kind, "mentions": mentions,
                           "wikidata": actor.wikidata}
    if actor.role:
        out["role"] = actor.role
    if not actor.known:
        out["known"] = False
    return out


def figure_to_gold(figure: Figure) -> dict[str, Any]:
    """One figure as a claim."""
    out: dict[str, Any] = {
        "quantity": figure.quantity, "qualifier": figure.qualifier, "measure": figure.measure,
        "population": figure.population, "source": list(figure.sources),
        "as_of": figure.as_of.value if figure.as_of else None, "place": figure.place,
        "evidence": _unique([e.text for e in figure.evidence]),
    }
    if figure.outlet:
        out["via"] = figure.outlet
    if figure.concerns:
        out["concerns"] = figure.concerns
    if figure.lower is not None or figure.upper is not None:
        out["range"] = [figure.lower, figure.upper]
    if figure.quantity is None:
        out["vague"] = True
    return out


def event_to_gold(event: Event) -> dict[str, Any]:
    """One event."""
    return {"type": event.type, "summary": event.summary, "date": event.date.value if event.date else None,
            "place": event.place, "participants": list(event.participants), "evidence": event.evidence.text,
            "source": event.source}


def to_gold(report: Report, extraction: Extraction) -> dict[str, Any]:
    """The report's extraction as a gold-schema document. Group speakers ("analysts") appear as sources but not
    as actors, as in the annotations."""
    return {
        "report": Path(report.source).name if report.source else None,
        "date": report.date,
        "language": report.language,
        "title_hint": report.title,
        "noise": list(report.noise),
        "actors": [actor_to_gold(a, report) for a in extraction.actors if a.role != "group"],
        "figures": [figure_to_gold(f) for f in extraction.figures],
        "events": [event_to_gold(e) for e in extraction.events],
    }
