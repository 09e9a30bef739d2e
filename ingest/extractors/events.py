"""Events: typed triggers found by lemma, with date, place, participants and source.

One event per event family and sentence (the first trigger wins; a noun trigger gives way to a verb trigger
of another type). Triggers in relative clauses, gerunds and participles describe rather than report and are
skipped. A hedged report of a deployment with a speech verb ("ймовірно, направить", "could deploy") is a
Statement; a speech act with no reported event of its own is a Statement unless it continues the previous
speaker's. Repeats of one event (same type and date, or undated and close together) are merged.
"""

from __future__ import annotations

from ingest.context import Context
from ingest.cues import HEDGES, SPEECH_VERBS, STATEMENT_NOUNS
from ingest.dates import in_participle_phrase
from ingest.event_cues import (
    AGREEMENT_OBJECTS,
    NEEDS_AMOUNT,
    NOUN_TRIGGERS,
    PHRASE_TRIGGERS,
    RELATIVE,
    STATEMENT_VERBS,
    TRANSFER_OBJECTS,
    VERB_TRIGGERS,
)
from ingest.extractors.figures import future, population_of
from ingest.figure_cues import PEOPLE, PLAN_MARKERS
from ingest.nlp import Sentence, Token
from ingest.records import DateValue, Event

VERB_POS = frozenset({"VERB", "INFN"})
NOT_VERB_POS = frozenset({"GRND", "PRTF", "PRTS", "ADJF"})
FAMILY = {"PlannedDeployment": "Deployment"}
ORDER = {"day": 0, "month": 1, "year": 2}
#: Event types a hedged or conditional sentence does not assert.
UNASSERTED = frozenset({"Deployment", "PlannedDeployment", "Capture", "Transfer", "Casualties"})
#: Noun triggers that give way to a verb trigger of another type ("отримує допомогу … в обмін на відправку").
YIELDING = frozenset({"Deployment", "Transfer", "Casualties", "Capture"})
CONDITIONAL = frozenset({"разі", "якщо", "случае", "если", "if", "unless"})


def _relative_positions(tokens: list[Token]) -> set[int]:
    """Positions inside relative clauses (", який …" up to the next comma)."""
    inside: set[int] = set()
    k = 0
    while k < len(tokens):
        if tokens[k].lower in RELATIVE and k > 0 and tokens[k - 1].text == ",":
            j = k
            while j < len(tokens) and not (j > k and tokens[j].text in ",;"):
                inside.add(j)
                j += 1
            k = j
        k += 1
    return inside


def _is_verb(tok: Token, lang: str) -> bool:
    if lang == "en":
        return True
    return bool(tok.info.best_tags & VERB_POS) or tok.info.pos in VERB_POS


def _trigger(tok: Token, tokens: list[Token], k: int, lang: str, has_amount: bool) -> tuple[str, bool] | None:
    """(event type, is a verb trigger) for the token at k, or None."""
    lemmas = tok.lemmas
    if tok.info.pos in NOT_VERB_POS and not tok.lemmas & {"загиблий", "погибший"}:
        return None
    for verbs, nouns, kind in PHRASE_TRIGGERS:
        if lemmas & verbs and any(t.lemmas & nouns for t in tokens[k + 1:k + 6]):
            return kind, True
    if lang == "en" and k > 0 and tok.lower.endswith("ed") and population_of(tokens[k - 1]):
        return None  # "troops deployed to …": a participle describing the troops
    for kind, verbs in VERB_TRIGGERS.items():
        if lemmas & verbs and _is_verb(tok, lang):
            if lemmas & NEEDS_AMOUNT and not has_amount:
                continue
            if kind == "Agreement" and not lemmas & {"ратифікувати", "ратифицировать", "ratify", "pledge"} and \
                    not any(t.lemmas & AGREEMENT_OBJECTS for t in tokens[max(k - 5, 0):k + 6]):
                continue
            if kind == "Transfer" and not any(t.lemmas & TRANSFER_OBJECTS for t in tokens[k + 1:k + 9]):
                continue
            return kind, True
    modifier = k + 1 < len(tokens) and (population_of(tokens[k + 1]) is not None or
                                        bool(tokens[k + 1].lemmas & PEOPLE))
    for kind, nouns in NOUN_TRIGGERS.items():
        if lemmas & nouns and not modifier:
            if lemmas & NEEDS_AMOUNT and not has_amount:
                continue
            return kind, False
    return None


def _planned(tokens: list[Token], k: int) -> bool:
    before = tokens[max(k - 3, 0):k]
    to_infinitive = k > 0 and tokens[k - 1].lower == "to" and tokens[k].text.isascii()  # "North Korea to send"
    return any(t.lemmas & PLAN_MARKERS for t in before) or future(tokens[k]) or to_infinitive


def _date(ctx: Context, index: int, near: int) -> DateValue | None:
    """The date of an event: the sentence's date nearest the trigger, leaving out dates that belong to a
    participle phrase ("договір, підписаний 19 червня")."""
    tokens = ctx.doc.sentences[index].tokens
    dates = [d for d in ctx.facts[index].dates if d.role in ("point", "since", "as_of")
             and not in_participle_phrase(tokens, d)]
    if not dates:
        return None
    return min(dates, key=lambda d: (abs(d.start - near), ORDER[d.value.precision])).value


def _place(ctx: Context, sentence: Sentence, near: int) -> str | None:
    first = sentence.tokens[0].i
    places = [m for m in ctx.mentions_in(sentence.index) if m.place_use and not m.nested]
    if not places:
        return None
    return min(places, key=lambda m: (ctx.kind(m.actor_id) != "Place", abs(m.start - first - near))).actor_id


def _participants(ctx: Context, sentence: Sentence, kind: str) -> list[str]:
    out: list[str] = []
    for m in ctx.mentions_in(sentence.index):
        if m.nested or m.place_use or ctx.is_outlet(m.actor_id) or ctx.kind(m.actor_id) == "Place":
            continue
        if m.actor_id not in out:
            out.append(m.actor_id)
    if kind in ("Deployment", "PlannedDeployment") and "north_korea" in ctx.actors and "north_korea" not in out:
        out.insert(0, "north_korea")
    return out


def _unasserted(tokens: list[Token], k: int, speech: bool) -> bool:
    """A hedge reported by a speaker before the trigger at k ("ймовірно, направить", "could deploy"), or a
    condition anywhere in the sentence ("надати допомогу у разі нападу")."""
    return any(t.lower in CONDITIONAL for t in tokens) or (speech and any(t.lower in HEDGES for t in tokens[:k]))


def sentence_events(ctx: Context, sentence: Sentence, speech: bool = False,
                    amounts: frozenset[int] = frozenset()) -> list[Event]:
    """The content events of one sentence (no statements); with `speech`, hedged ones are left out; `amounts`
    holds the start offsets of sentences that gave a figure."""
    tokens = sentence.tokens
    facts = ctx.facts[sentence.index]
    relative = _relative_positions(tokens)
    has_amount = sentence.start in amounts
    hits: list[tuple[int, str, bool]] = []
    for k, tok in enumerate(tokens):
        if k in relative:
            continue
        found = _trigger(tok, tokens, k, ctx.lang, has_amount)
        if found is not None:
            kind, is_verb = found
            if kind == "Deployment" and _planned(tokens, k):
                kind = "PlannedDeployment"
            if kind in UNASSERTED and _unasserted(tokens, k, speech):
                continue
            if any(t.lemmas & STATEMENT_VERBS for t in tokens[:k]):
                continue  # "визнала, що відправила", "denied sending": the admission or denial is the event
            hits.append((k, kind, is_verb))
    verb_kinds = {FAMILY.get(kind, kind) for _, kind, is_verb in hits if is_verb}
    events: list[Event] = []
    seen: set[str] = set()
    for k, kind, is_verb in hits:
        family = FAMILY.get(kind, kind)
        if family in seen or (not is_verb and family in YIELDING and verb_kinds and family not in verb_kinds):
            continue
        seen.add(family)
        att = facts.attribution
        events.append(Event(type=kind, summary=_summary(ctx, sentence), evidence=ctx.sentence_span(sentence.index),
                            date=_date(ctx, sentence.index, k), place=_place(ctx, sentence, k),
                            participants=_participants(ctx, sentence, kind),
                            source=att.sources[0] if att.sources else att.outlet))
    return events


def _summary(ctx: Context, sentence: Sentence) -> str:
    text = " ".join(ctx.doc.text[sentence.start:sentence.end].split())
    return text if len(text) <= 200 else text[:197].rstrip() + "…"


def _speech(ctx: Context, sentence: Sentence) -> bool:
    return any(t.lemmas & (SPEECH_VERBS | STATEMENT_VERBS | STATEMENT_NOUNS) for t in sentence.tokens)


def _statement(ctx: Context, sentence: Sentence) -> Event:
    facts = ctx.facts[sentence.index]
    att = facts.attribution
    speaker = att.sources[0] if att.sources else None
    participants = [speaker] if speaker else []
    participants += [p for p in _participants(ctx, sentence, "Statement") if p not in participants][:3]
    return Event(type="Statement", summary=_summary(ctx, sentence), evidence=ctx.sentence_span(sentence.index),
                 date=_date(ctx, sentence.index, 0), place=_place(ctx, sentence, 0), participants=participants,
                 source=att.outlet or speaker)


def extract_events(ctx: Context) -> None:
    """All events of the report, repeats merged."""
    amounts = frozenset(e.start for f in ctx.figures for e in f.evidence)
    found: list[tuple[Event, Sentence]] = []
    last_speaker: tuple[str, int] | None = None
    for sentence in ctx.doc.sentences:
        facts = ctx.facts[sentence.index]
        att = facts.attribution
        speaker = att.sources[0] if att.sources else None
        speech = att.kind in ("own", "backward") and _speech(ctx, sentence)
        events = sentence_events(ctx, sentence, speech, amounts)
        backward_only = att.kind == "backward" and not any(t.lemmas & STATEMENT_NOUNS for t in sentence.tokens)
        continuing = last_speaker is not None and speaker == last_speaker[0] and \
            sentence.index - last_speaker[1] <= 3
        if speech and not events and not backward_only and not continuing:
            events = [_statement(ctx, sentence)]
        if speaker and speech and not backward_only and not sentence.headline:
            last_speaker = (speaker, sentence.index)
        found.extend((event, sentence) for event in events)
    ctx.events.extend(merge_events(found))


def merge_events(found: list[tuple[Event, Sentence]]) -> list[Event]:
    """Merge repeats: same type with the same date; an undated one with a dated one in the same paragraph or
    the next sentence; two undated ones at most two paragraphs apart."""
    kept: list[tuple[Event, Sentence]] = []
    for event, sentence in found:
        for k, (other, other_sentence) in enumerate(kept):
            if other.type != event.type or (
                    event.type == "Statement" and other.participants[:1] != event.participants[:1]):
                continue
            dated = (event.date is not None) + (other.date is not None)
            same_date = event.date is not None and other.date is not None and event.date.value == other.date.value
            near = sentence.paragraph == other_sentence.paragraph or sentence.index - other_sentence.index <= 1 \
                or other_sentence.headline
            close = (dated == 1 and near) or (dated == 0 and (
                sentence.paragraph - other_sentence.paragraph <= 2 or other_sentence.headline))
            if same_date or close:
                if other_sentence.headline and not sentence.headline:
                    other, event = event, other  # the body says it better than the headline
                other.date = other.date or event.date
                other.place = other.place or event.place
                other.participants += [p for p in event.participants if p not in other.participants]
                other.source = other.source or event.source
                kept[k] = (other, sentence)
                break
        else:
            kept.append((event, sentence))
    return [event for event, _ in kept]
