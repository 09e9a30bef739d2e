"""The extractor registry: every extractor, in the order they run, in one place.

Each extractor is a function of the shared `ingest.context.Context` that reads what earlier ones found and adds
its own. A model-based extractor (a NER or relation model) is added here as one more entry; where it and the
gazetteer disagree the gazetteer wins, so such an entry runs after `gazetteer` and only adds what is new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ingest.context import Context
from ingest.extractors.actors import extract_credits, extract_gazetteer_actors
from ingest.extractors.attribution import extract_attribution
from ingest.extractors.events import extract_events
from ingest.extractors.figures import extract_figures
from ingest.extractors.grammar import extract_grammar
from ingest.extractors.people import extract_new_actors


@dataclass(frozen=True)
class Extractor:
    """One registered extractor."""

    name: str
    run: Callable[[Context], None]
    description: str


REGISTRY: tuple[Extractor, ...] = (
    Extractor("gazetteer", extract_gazetteer_actors, "known actors and places matched on lemmas, metonymy"),
    Extractor("new_actors", extract_new_actors, "unknown people and organisations by pattern, short names"),
    Extractor("credits", extract_credits, "actors named only in a dropped photo credit"),
    Extractor("grammar", extract_grammar, "dates, amounts, background and hedges per sentence"),
    Extractor("attribution", extract_attribution, "sources and outlets of each sentence"),
    Extractor("figures", extract_figures, "figures as claims"),
    Extractor("events", extract_events, "typed events"),
)

EXTRACTORS: dict[str, Extractor] = {extractor.name: extractor for extractor in REGISTRY}


def with_extractor(extra: Extractor, after: str, registry: tuple[Extractor, ...] = REGISTRY) -> tuple[Extractor, ...]:
    """The registry with one more extractor placed after the one named `after` (for a model-based extractor or
    an experiment: pass the result to `ingest.extraction.extract(report, extractors=...)`)."""
    names = [e.name for e in registry]
    if after not in names:
        raise KeyError(f"no extractor named {after!r}; registered: {', '.join(names)}")
    if extra.name in names:
        raise ValueError(f"an extractor named {extra.name!r} is already registered")
    at = names.index(after) + 1
    return (*registry[:at], extra, *registry[at:])
