"""Attribution: who each sentence's claims come from (most direct first) and the outlet that relayed them.

Patterns: "за даними/оцінками/словами X", "according to X", "X повідомив(ла)/заявив/розповів, що",
"— сказав X", "пише X" / "повідомляє X" (an outlet), "в інтерв'ю X" (an outlet), "з посиланням на X",
"під час брифінгу X", "Про це повідомляє X" (applies to what came before), pronouns ("він", "за його словами")
to the last named person, role nouns ("у розвідці", "the spy agency") to the last organisation with that role,
groups ("аналітики"). Sentences without their own attribution continue the paragraph's, else the report's
lead attribution, unless they are background; a person's organisation (from the title) follows the person.
"""

from __future__ import annotations

from dataclasses import replace

from ingest.context import Attribution, Context, Mention
from ingest.cues import (
    ATTRIBUTION_PHRASES,
    BACKWARD,
    DEMONYM_PAIRS,
    DEMONYMS,
    GROUPS,
    OUTLET_VERBS,
    PRONOUNS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    TITLES,
)
from ingest.dates import in_participle_phrase
from ingest.nlp import Sentence, Token
from ingest.records import Actor

MAX_PHRASE = max(len(k) for k in ATTRIBUTION_PHRASES)
FIRST_WORDS = frozenset(k[0] for k in ATTRIBUTION_PHRASES)
ROLE_NOUNS = {"розвідка": "intelligence", "разведка": "intelligence", "intelligence": "intelligence",
              "spy": "intelligence", "розвідувальний": "intelligence", "разведывательный": "intelligence",
              "видання": "outlet", "издание": "outlet"}
ANONYMOUS = (("з'явилися", "повідомлення"), ("з'явилася", "інформація"), ("повідомлялося",), ("йшлося",),
             ("появились", "сообщения"), ("сообщалось",), ("reports", "emerged"), ("it", "was", "reported"))
#: A definite organisation noun standing for the last organisation named ("The agency said", "у відомстві").
ANAPHORIC_ORGS = frozenset({"agency", "ministry", "service", "committee", "council", "office", "department",
                            "відомство", "ведомство", "агентство", "міністерство", "министерство", "служба",
                            "комітет", "комитет"})
INVERTING = frozenset({"-", ",", '"', ":", "'"})
PASSIVE = frozenset({"been", "be", "was", "were", "is", "are", "being"})
AMBIGUOUS_SPEECH = frozenset({"передати", "передавати", "передать", "привести", "назвати"})


def last_person(ctx: Context, before: int) -> str | None:
    """The person named last before document token `before`."""
    people = [m for m in ctx.mentions if m.start < before and ctx.kind(m.actor_id) == "Person"]
    return max(people, key=lambda m: m.start).actor_id if people else None


def by_role(ctx: Context, role: str, before: int) -> str | None:
    """The organisation with a gazetteer role named last before `before` (else first after)."""
    orgs = [m for m in ctx.mentions if role in ctx.roles(m.actor_id) and ctx.kind(m.actor_id) == "Organization"]
    earlier = [m for m in orgs if m.start < before]
    if earlier:
        return max(earlier, key=lambda m: m.start).actor_id
    return min(orgs, key=lambda m: m.start).actor_id if orgs else None


def group_actor(ctx: Context, lemma: str) -> str:
    """The actor standing for an unnamed group of speakers ("аналітики" -> analysts)."""
    group = GROUPS[lemma]
    if group not in ctx.actors:
        ctx.actors[group] = Actor(id=group, name=group.capitalize(), kind="Organization", known=False,
                                  labels={"en": group}, role="group")
    return group


def _mention_at(mentions: list[Mention], i: int) -> Mention | None:
    return next((m for m in mentions if m.start <= i < m.end), None)


def _is_claimant(ctx: Context, mention: Mention) -> bool:
    return not mention.place_use and ctx.kind(mention.actor_id) in ("Person", "Organization", "Country")


def _actor_after(ctx: Context, sentence: Sentence, k: int, mentions: list[Mention], reach: int = 5) -> str | None:
    """The claimant named right after position k of the sentence: a mention, a pronoun, a group, a role noun."""
    tokens = sentence.tokens
    for j in range(k, min(k + reach, len(tokens))):
        tok = tokens[j]
        mention = _mention_at(mentions, tok.i)
        if tok.lemmas & TITLES and (mention is None or ctx.kind(mention.actor_id) != "Person"):
            person = _titled_person(ctx, sentence, j, mentions)
            if person:
                return person
        if mention is not None and not mention.nested and _is_claimant(ctx, mention):
            return mention.actor_id
        country = demonym(tokens, j)
        if country is not None and mention is None:
            return _national(ctx, country, tokens[j + 1:j + 3])
        named_next = j + 1 < len(tokens) and (tokens[j + 1].is_cap or _mention_at(mentions, tokens[j + 1].i))
        if tok.lemmas & ANAPHORIC_ORGS and named_next:
            continue  # "агентство Yonhap": the name follows
        found = _word_actor(ctx, tok)
        if found:
            return found
        if tok.is_punct and tok.text not in "()\"'":
            break
    return None


def demonym(tokens: list[Token], j: int) -> str | None:
    """The country an adjective at j names ("південнокорейської", "South Korean")."""
    for pair, country in DEMONYM_PAIRS.items():
        if tuple(t.lower for t in tokens[j:j + len(pair)]) == pair:
            return country
    return next((DEMONYMS[lemma] for lemma in tokens[j].lemmas if lemma in DEMONYMS), None)


def _national(ctx: Context, country: str, following: list[Token]) -> str:
    """A country's organisation with the role a following noun names ("південнокорейської розвідки" -> NIS),
    else the country itself."""
    role = next((ROLE_NOUNS[lemma] for t in following for lemma in t.lemmas if lemma in ROLE_NOUNS), None)
    if role is not None:
        for entry in ctx.gazetteer.values():
            if entry.kind == "Organization" and entry.country == country and role in entry.roles:
                return entry.id
    return country


def _titled_person(ctx: Context, sentence: Sentence, j: int, mentions: list[Mention]) -> str | None:
    """The person a title at position j introduces ("представитель ГУР Андрей Юсов")."""
    for tok in sentence.tokens[j + 1:j + 12]:
        mention = _mention_at(mentions, tok.i)
        if mention is not None and ctx.kind(mention.actor_id) == "Person":
            return mention.actor_id
        if tok.is_punct and tok.text not in "()":
            return None
    return None


def _word_actor(ctx: Context, tok: Token) -> str | None:
    if tok.lower in PRONOUNS:
        return last_person(ctx, tok.i)
    group = next((lemma for lemma in tok.lemmas if lemma in GROUPS), None)
    if group and ("plur" in tok.info.tags or tok.lower.endswith("s")):
        return group_actor(ctx, group)
    role = next((ROLE_NOUNS[lemma] for lemma in tok.lemmas if lemma in ROLE_NOUNS), None)
    if role:
        return by_role(ctx, role, tok.i)
    if tok.lemmas & ANAPHORIC_ORGS and not tok.is_cap and "plur" not in tok.info.best_tags and not (
            ctx.lang == "en" and tok.lower.endswith("s")):
        return last_organisation(ctx, tok.i)
    return None


def last_organisation(ctx: Context, before: int) -> str | None:
    """The organisation named last before `before`, preferring one that is not an outlet."""
    orgs = [m for m in ctx.mentions if m.start < before and ctx.kind(m.actor_id) == "Organization"
            and ctx.roles(m.actor_id) != ("group",)]
    for m in sorted(orgs, key=lambda m: -m.start):
        if not ctx.is_outlet(m.actor_id):
            return m.actor_id
    return orgs[-1].actor_id if orgs else None


def _actor_before(ctx: Context, sentence: Sentence, k: int, mentions: list[Mention]) -> list[str]:
    """The claimant(s) before position k: the nearest named actor, with actors coordinated with it."""
    tokens = sentence.tokens
    for j in range(k - 1, -1, -1):
        tok = tokens[j]
        mention = _mention_at(mentions, tok.i)
        if mention is not None and not mention.nested and _is_claimant(ctx, mention) and not _in_outlet_slot(
                ctx, sentence, mention):
            found = [mention.actor_id]
            first = mention.start - tokens[0].i
            if first >= 2 and tokens[first - 1].lower in ("і", "та", "и", "and"):
                other = _mention_at(mentions, tokens[first - 2].i)
                if other is not None and _is_claimant(ctx, other):
                    found.insert(0, other.actor_id)
            return found
        if mention is None:
            word = _word_actor(ctx, tok)
            if word:
                return [word]
        if tok.lower in ("що", "что", "that") and j < k - 1:
            continue
    return []


def _in_outlet_slot(ctx: Context, sentence: Sentence, mention: Mention) -> bool:
    k = mention.start - sentence.tokens[0].i
    for size in range(1, min(MAX_PHRASE, k) + 1):
        words = tuple(t.lower for t in sentence.tokens[max(k - size, 0):k])
        if ATTRIBUTION_PHRASES.get(words) in ("outlet", "citation"):
            return True
    return False


def _speech_verbs(ctx: Context, sentence: Sentence, mentions: list[Mention]) -> list[int]:
    out = []
    for k, tok in enumerate(sentence.tokens):
        if not tok.lemmas & SPEECH_VERBS or _mention_at(mentions, tok.i) is not None:
            continue
        if ctx.lang != "en" and tok.info.poses and not tok.info.poses & {"VERB", "INFN", "GRND", "PRTS", "PRTF"}:
            continue
        if tok.lemmas & AMBIGUOUS_SPEECH:
            near = [m for m in mentions if abs(m.start - tok.i) <= 3 and ctx.is_outlet(m.actor_id)]
            if not near and tok.lemma != "привести":
                continue
        out.append(k)
    return out


def own_attribution(ctx: Context, sentence: Sentence) -> Attribution:
    """The attribution a sentence gives itself (kind 'own'), or an empty one."""
    mentions = [m for m in ctx.mentions_in(sentence.index) if not m.nested]
    tokens = sentence.tokens
    att = Attribution()
    claims: list[tuple[int, str]] = []  # (position, actor); citations get -1: they are the most direct
    k = 0
    while k < len(tokens):
        kind, size = None, 0
        for n in range(MAX_PHRASE, 0, -1) if tokens[k].lower in FIRST_WORDS else ():
            words = tuple(t.lower for t in tokens[k:k + n])
            if len(words) == n and words in ATTRIBUTION_PHRASES:
                kind, size = ATTRIBUTION_PHRASES[words], n
                break
        if kind is None:
            if tokens[k].lemmas & STATEMENT_NOUNS:
                actor = _actor_after(ctx, sentence, k + 1, mentions, reach=4)
                if actor and not ctx.is_outlet(actor):
                    claims.append((k, actor))
            k += 1
            continue
        actor = last_person(ctx, tokens[k].i) if kind == "pronoun" else _actor_after(ctx, sentence, k + size, mentions)
        if actor:
            if kind == "outlet" or (kind == "citation" and ctx.is_outlet(actor)):
                att.outlet = actor if kind == "citation" or att.outlet is None else att.outlet
            else:
                claims.append((-1 if kind == "citation" else k, actor))
        k += size
    for k in _speech_verbs(ctx, sentence, mentions):
        att.speaker_positions.append(tokens[k].i)
        inverted = k == 0 or tokens[k - 1].text in INVERTING or tokens[k - 1].lower in ("це", "этом", "this")
        if ctx.lang == "en" and k > 0 and tokens[k - 1].lower in PASSIVE:
            continue  # "have been reported": nobody named says it
        before = [] if inverted else _actor_before(ctx, sentence, k, mentions)
        found = before or ([a] if (a := _actor_after(ctx, sentence, k + 1, mentions)) else [])
        others = [m for m in mentions if not ctx.is_outlet(m.actor_id) and _is_claimant(ctx, m)]
        for actor in found:
            relays = bool(tokens[k].lemmas & OUTLET_VERBS) or (not att.sources and not others)
            if ctx.is_outlet(actor) and relays:
                att.outlet = att.outlet or actor
            else:
                claims.append((k, actor))
    if len(tokens) > 2 and sentence.headline or sentence.first_in_paragraph:
        lead = _mention_at(mentions, tokens[0].i)
        if lead is not None and lead.end - tokens[0].i < len(tokens) and ctx.doc.tokens[lead.end].text == ":" \
                and ctx.kind(lead.actor_id) in ("Person", "Organization"):
            claims.append((0, lead.actor_id))  # "Зеленський: …", the headline style of a quote
    for _, actor in sorted(claims, key=lambda c: c[0]):
        _add(att.sources, actor)
    if att.sources or att.outlet:
        att.kind = "own"
        facts = ctx.facts[sentence.index]
        points = [d for d in facts.dates if d.role == "point" and not in_participle_phrase(tokens, d)]
        if points:
            att.date = max(points, key=lambda d: len(d.value.value)).value
    return att


def _add(sources: list[str], actor: str, first: bool = False) -> None:
    if actor in sources:
        return
    if first:
        sources.insert(0, actor)
    else:
        sources.append(actor)


def _opens(sentence: Sentence, phrases: tuple[tuple[str, ...], ...], within: int = 1) -> bool:
    """One of `phrases` starts among the first `within` words of the sentence."""
    words = tuple(t.lower for t in sentence.tokens if t.text not in ("-",))
    return any(words[i:i + len(p)] == p for p in phrases for i in range(min(within, len(words))))


def _contains(sentence: Sentence, phrases: tuple[tuple[str, ...], ...]) -> bool:
    words = [t.lower for t in sentence.tokens]
    return any(tuple(words[i:i + len(p)]) == p for p in phrases for i in range(len(words)))


def _with_affiliations(ctx: Context, att: Attribution) -> Attribution:
    sources: list[str] = []
    for actor in att.sources:
        _add(sources, actor)
        org = ctx.affiliation.get(actor)
        if org:
            _add(sources, org)
        entry = ctx.gazetteer.get(actor)
        lead = ctx.lead
        if entry and entry.kind == "Country" and lead:
            for lead_source in lead.sources:
                lead_entry = ctx.gazetteer.get(lead_source)
                if lead_entry and lead_entry.country == actor and lead_entry.kind == "Organization":
                    _add(sources, lead_source)
    return replace(att, sources=sources)


def find_affiliations(ctx: Context) -> None:
    """A person introduced with an organisation in the title ("Керівник ГУР Кирило Буданов", "NSC spokesman
    John Kirby") belongs to that organisation."""
    for sentence in ctx.doc.sentences:
        mentions = [m for m in ctx.mentions_in(sentence.index)]
        for m in mentions:
            if ctx.kind(m.actor_id) != "Person" or m.actor_id in ctx.affiliation:
                continue
            titles = [t for t in mentions if not t.nested and ctx.kind(t.actor_id) == "Person"]
            window = [o for o in mentions if o.end <= m.start and m.start - o.end <= 6
                      and ctx.kind(o.actor_id) == "Organization" and not ctx.is_outlet(o.actor_id)
                      and (not o.nested or any(t.start <= o.start and o.end <= t.end for t in titles))]
            if not window:
                continue
            between = ctx.doc.tokens[window[0].end:m.start]
            if not any(t.is_punct and t.text not in "()" for t in between) and not any(
                    t.info.pos == "VERB" for t in between):
                ctx.affiliation[m.actor_id] = window[0].actor_id


def extract_attribution(ctx: Context) -> None:
    """Attribute every sentence: own patterns, backward "Про це …" sentences, inheritance, agent fallback."""
    find_affiliations(ctx)
    sentences = ctx.doc.sentences
    own = [own_attribution(ctx, s) for s in sentences]
    for i, sentence in enumerate(sentences):
        if own[i].kind == "own" and _opens(sentence, BACKWARD, within=12):
            own[i].kind = "backward"
            for j in range(i - 1, max(i - 4, -1), -1):
                if own[j].kind != "none":
                    if own[j].outlet is None:
                        own[j].outlet = own[i].outlet
                    break
                own[j] = replace(own[i], kind="inherited", date=own[j].date or own[i].date, speaker_positions=[])
            if ctx.lead is None and i <= 3:
                ctx.lead = own[i]
            elif ctx.lead is not None and ctx.lead.outlet is None:
                ctx.lead.outlet = own[i].outlet
        elif ctx.lead is None and own[i].kind == "own" and i <= 2 and own[i].sources:
            ctx.lead = own[i]
    for i, sentence in enumerate(sentences):
        att = own[i]
        facts = ctx.facts[i]
        if att.kind == "none":
            if _contains(sentence, ANONYMOUS):
                att = Attribution(kind="anonymous")
            elif i > 0 and sentences[i - 1].paragraph == sentence.paragraph and own[i - 1].kind != "none" \
                    and not facts.background:
                att = replace(own[i - 1], kind="inherited", date=None, speaker_positions=[])
            elif ctx.lead is not None and not facts.background:
                att = replace(ctx.lead, kind="inherited", date=None, speaker_positions=[])
            else:
                agent = _agent(ctx, sentence)
                if agent:
                    att = Attribution(sources=[agent], kind="agent")
            own[i] = att
        facts.attribution = _with_affiliations(ctx, att)


def _agent(ctx: Context, sentence: Sentence) -> str | None:
    """The organisation or person doing what an unattributed sentence reports (its subject)."""
    for tok in sentence.tokens:
        if tok.info.pos == "VERB" or (ctx.lang == "en" and tok.lower in ("has", "have", "was", "were")):
            break
        mention = _mention_at(ctx.mentions_in(sentence.index), tok.i)
        if mention is None or mention.nested or ctx.is_outlet(mention.actor_id):
            continue
        nominative = "nomn" in (ctx.doc.tokens[mention.start].info.tags or {"nomn"})
        if ctx.kind(mention.actor_id) in ("Person", "Organization") and nominative:
            return mention.actor_id
    return None
