"""Plain records passed between readers, extractors and the mapping: no RDF, no I/O.

Vocabulary values (qualifier, measure, population, event type, date precision) use the names of the gold
schema (`../shared/gold/SCHEMA.md`); the mapping turns them into ontology terms.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

QUALIFIERS = ("exact", "approximately", "at_least", "at_most", "more_than", "up_to", "vague")
MEASURES = ("deployed", "planned", "present", "killed", "wounded", "casualties", "captured", "other")
POPULATIONS = ("soldiers", "construction_troops", "special_forces", "sappers", "workers", "other")
EVENT_TYPES = ("Deployment", "PlannedDeployment", "Casualties", "Capture", "Agreement", "Construction", "Parade",
               "Exhibition", "Statement", "Transfer", "Meeting", "Other")
PRECISIONS = ("year", "month", "day")
LANGUAGES = ("uk", "en", "ru")


@dataclass(frozen=True)
class Report:
    """One news report as read: its text (normalised, page furniture kept out), date and where it came from."""

    text: str
    date: str  # YYYY-MM-DD
    language: str = "uk"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    source: str | None = None  # the file path or "stdin" it was read from
    noise: tuple[str, ...] = ()  # page furniture that was dropped from the text

    @property
    def content_hash(self) -> str:
        """16 hex digits of SHA-256 over date and text: the same report always gets the same IRIs."""
        return hashlib.sha256(f"{self.date}\n{self.text}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Span:
    """A stretch of the report text: `text == report.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateValue:
    """A date with its precision: "2025", "2025-10" or "2025-10-24"."""

    value: str
    precision: str  # one of PRECISIONS


@dataclass
class Actor:
    """An actor or place the report names. `id` is the gazetteer id, or a slug minted from the normalised,
    transliterated name for an actor the gazetteer does not know (then `known` is False)."""

    id: str
    name: str  # English (or transliterated) display name
    kind: str  # Person | Organization | Country | Place
    mentions: list[Span] = field(default_factory=list)
    known: bool = True
    wikidata: str | None = None
    labels: dict[str, str] = field(default_factory=dict)  # language -> label, for actors new to the gazetteer
    role: str | None = None  # a free note: "outlet", "South Korean lawmaker", …


@dataclass
class Figure:
    """A figure as a claim: who says how many of whom did what, as of when, and where it was said."""

    quantity: int | None
    qualifier: str
    measure: str
    population: str
    sources: list[str] = field(default_factory=list)  # actor ids, most direct first
    outlet: str | None = None  # actor id of the outlet that relayed the claim
    as_of: DateValue | None = None
    place: str | None = None  # actor id
    concerns: str | None = None  # actor id of whose people are counted (e.g. north_korea)
    lower: int | None = None
    upper: int | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Event:
    """Something that happened (or was said), typed, with its date, place, participants and evidence."""

    type: str
    summary: str
    evidence: Span
    date: DateValue | None = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    source: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one report."""

    actors: list[Actor] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
