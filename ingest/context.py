"""The shared state of one extraction: the analysed report, the gazetteer, and what each extractor has found so
far (mentions, actors, dates, numbers, attributions, figures, events). Extractors read and extend it in the
order of the registry (`ingest.extractors.REGISTRY`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.dates import DateMatch
from ingest.nlp import Doc, Sentence, Token
from ingest.numbers import NumberMatch
from ingest.records import Actor, DateValue, Event, Extraction, Figure, Report, Span
from ontology.gazetteer import GazetteerEntry


@dataclass
class Mention:
    """An actor named in the text, over tokens[start:end] of the document."""

    start: int
    end: int
    actor_id: str
    how: str  # label, alias, title, surname, pattern, coref, pronoun
    sent: int
    place_use: bool = False  # a place named as a place (not standing for its government)
    nested: bool = False  # inside a longer name


@dataclass
class Attribution:
    """Who a sentence's claims come from, most direct first, and the outlet that relayed them."""

    sources: list[str] = field(default_factory=list)
    outlet: str | None = None
    kind: str = "none"  # own, backward, inherited, anonymous, agent, none
    date: DateValue | None = None  # the date the claim was made, when the sentence says it
    speaker_positions: list[int] = field(default_factory=list)  # document token indices of speech verbs


@dataclass
class SentenceFacts:
    """What the extractors found in one sentence (positions are indices into `Sentence.tokens`)."""

    dates: list[DateMatch] = field(default_factory=list)
    numbers: list[NumberMatch] = field(default_factory=list)
    attribution: Attribution = field(default_factory=Attribution)
    background: bool = False  # background section ("Нагадаємо", "Передісторія", after a heading)
    hedged: bool = False  # "ймовірно", "можуть", "could": what it says is not asserted


@dataclass
class Context:
    """Everything one extraction works on and produces."""

    report: Report
    doc: Doc
    gazetteer: dict[str, GazetteerEntry]
    mentions: list[Mention] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    facts: list[SentenceFacts] = field(default_factory=list)
    affiliation: dict[str, str] = field(default_factory=dict)  # person id -> organisation id
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    lead: Attribution | None = None  # the report-level attribution ("Про це пише Yonhap …")
    _by_sentence: dict[int, list[Mention]] = field(default_factory=dict, repr=False)
    _covered: set[int] = field(default_factory=set, repr=False)

    @property
    def lang(self) -> str:
        """The report language."""
        return self.doc.lang

    def sentence(self, index: int) -> Sentence:
        """A sentence by index."""
        return self.doc.sentences[index]

    def span(self, start: int, end: int) -> Span:
        """The Span of document tokens[start:end] (end exclusive), with the original text."""
        a, b = self.doc.tokens[start].start, self.doc.tokens[end - 1].end
        return Span(a, b, self.doc.text[a:b])

    def sentence_span(self, index: int) -> Span:
        """The Span of a whole sentence."""
        s = self.doc.sentences[index]
        return Span(s.start, s.end, self.doc.text[s.start:s.end])

    def tokens_span(self, tokens: list[Token]) -> Span:
        """The Span covering a list of consecutive tokens."""
        return self.span(tokens[0].i, tokens[-1].i + 1)

    def add_mention(self, mention: Mention) -> None:
        """Record a mention (kept indexed by sentence and by the tokens it covers)."""
        self.mentions.append(mention)
        found = self._by_sentence.setdefault(mention.sent, [])
        found.append(mention)
        found.sort(key=lambda m: (m.start, -m.end))
        self._covered.update(range(mention.start, mention.end))

    def mentions_in(self, sent: int) -> list[Mention]:
        """Mentions in one sentence, in text order."""
        return list(self._by_sentence.get(sent, ()))

    def covered(self) -> set[int]:
        """Document token indices inside some mention (a copy)."""
        return set(self._covered)

    def kind(self, actor_id: str) -> str | None:
        """The kind (Person, Organization, Country, Place) of an actor found so far or in the gazetteer."""
        if actor_id in self.actors:
            return self.actors[actor_id].kind
        entry = self.gazetteer.get(actor_id)
        return entry.kind if entry else None

    def roles(self, actor_id: str) -> tuple[str, ...]:
        """Gazetteer roles of an actor (outlet, intelligence, …) or the role noted on a new actor."""
        entry = self.gazetteer.get(actor_id)
        if entry:
            return entry.roles
        actor = self.actors.get(actor_id)
        return (actor.role,) if actor and actor.role else ()

    def is_outlet(self, actor_id: str) -> bool:
        """The actor is a news outlet."""
        return "outlet" in self.roles(actor_id)

    def result(self) -> Extraction:
        """The records produced so far."""
        return Extraction(actors=list(self.actors.values()), figures=list(self.figures), events=list(self.events))
