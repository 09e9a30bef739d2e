"""Actors and places from the gazetteer: lemma matches, titles ("лідер КНДР"), and metonymy — a capital named
for its government ("за оцінками Сеула", "підтримку Москви") is the government, a capital named as a place
("у Москві відбулася виставка", "summit in Pyongyang") is the city.
"""

from __future__ import annotations

from ingest.context import Context, Mention
from ingest.cues import (
    CONJUNCTIONS,
    FROM_PREPOSITIONS,
    NOT_THE_HOLDER,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
    VISIT_VERBS,
)
from ingest.gazetteer_match import GazMatch, match_gazetteer
from ingest.nlp import Token
from ingest.records import Actor
from ontology.gazetteer import GazetteerEntry


def place_use(tokens: list[Token], start: int, end: int, sent_start: int) -> bool:
    """True when the name at tokens[start:end] is used as a place: after a locative or directional
    preposition ("у Москві", "до Москви", "in Seoul", "з Пхеньяна" with the genitive), and not the subject of
    a speech verb ("у Москві заявили" is the government speaking)."""
    if start <= sent_start:
        # a dateline: "TOKYO, December 5."
        return tokens[start].is_upper and end < len(tokens) and tokens[end].text == ","
    prev = tokens[start - 1]
    word = prev.lower
    if prev.lemmas & VISIT_VERBS:
        return True  # "відвідала Москву", "visited Pyongyang"
    used_as_place = word in PLACE_PREPOSITIONS or (
        word in FROM_PREPOSITIONS and (not tokens[start].info.tags or "gent" in tokens[start].info.tags))
    if not used_as_place:
        return False
    following = tokens[end:end + 2]
    return not any(t.lemmas & SPEECH_VERBS for t in following)


def _title_holds(ctx: Context, match: GazMatch, matches: list[GazMatch]) -> bool:
    """A title names its holder unless a deputy/former word precedes it or another person's name follows."""
    tokens = ctx.doc.tokens
    before = tokens[max(match.start - 2, 0):match.start]
    if any(t.lemmas & NOT_THE_HOLDER for t in before if t.sent == tokens[match.start].sent):
        return False
    for other in matches:
        if other.start == match.end and ctx.gazetteer[other.entry_id].kind == "Person":
            return other.entry_id == match.entry_id
    return True


def add_mention(ctx: Context, mention: Mention, entry: GazetteerEntry | None = None) -> None:
    """Record a mention and create or extend its actor (from the gazetteer entry when given)."""
    ctx.add_mention(mention)
    actor = ctx.actors.get(mention.actor_id)
    if actor is None:
        entry = entry or ctx.gazetteer.get(mention.actor_id)
        if entry is None:
            return
        actor = Actor(id=entry.id, name=entry.name, kind=entry.kind, known=True, wikidata=entry.wikidata,
                      labels=dict(entry.labels), role="outlet" if "outlet" in entry.roles else None)
        ctx.actors[entry.id] = actor
    span = ctx.span(mention.start, mention.end)
    if all(m.start != span.start for m in actor.mentions):
        actor.mentions.append(span)


def extract_gazetteer_actors(ctx: Context) -> None:
    """Match the gazetteer on lemmas, resolve titles and metonyms, and record mentions and actors."""
    doc = ctx.doc
    ranges = [(s.tokens[0].i, s.tokens[-1].i + 1) for s in doc.sentences]
    matches = match_gazetteer(doc.tokens, ranges, ctx.lang, ctx.gazetteer)
    previous: Mention | None = None
    for match in matches:
        entry = ctx.gazetteer[match.entry_id]
        if match.how == "title" and not _title_holds(ctx, match, matches):
            continue
        sent = doc.tokens[match.start].sent
        sent_start = doc.sentences[sent].tokens[0].i
        actor_id = entry.id
        as_place = entry.kind in ("Place", "Country") and place_use(doc.tokens, match.start, match.end, sent_start)
        if entry.metonym_of:
            as_place = place_use(doc.tokens, match.start, match.end, sent_start)
            prev = doc.tokens[match.start - 1] if match.start > sent_start else None
            if previous is not None and prev is not None and prev.lower in CONJUNCTIONS \
                    and previous.end == match.start - 1 and ctx.gazetteer.get(previous.actor_id) is not None:
                prev_entry = ctx.gazetteer.get(previous.actor_id)
                if prev_entry is not None and (prev_entry.metonym_of or previous.how == "metonym"):
                    as_place = previous.place_use
            if not as_place:
                actor_id = entry.metonym_of
        mention = Mention(match.start, match.end, actor_id, "metonym" if actor_id != entry.id else match.how,
                          sent, place_use=as_place, nested=match.nested)
        add_mention(ctx, mention)
        if not match.nested:
            previous = mention


def extract_credits(ctx: Context) -> None:
    """Actors named only in a dropped photo credit ("© Associated Press"): kept without mentions."""
    from ingest.nlp import analyse_text

    for noise in ctx.report.noise:
        if "©" not in noise:
            continue
        credit = analyse_text(noise.replace("©", " "), ctx.lang)
        ranges = [(s.tokens[0].i, s.tokens[-1].i + 1) for s in credit.sentences]
        for match in match_gazetteer(credit.tokens, ranges, ctx.lang, ctx.gazetteer):
            entry = ctx.gazetteer[match.entry_id]
            if entry.id not in ctx.actors and entry.kind == "Organization":
                ctx.actors[entry.id] = Actor(id=entry.id, name=entry.name, kind=entry.kind, known=True,
                                             wikidata=entry.wikidata, labels=dict(entry.labels),
                                             role="photo credit")
