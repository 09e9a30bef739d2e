"""Figures: amounts of people (or materiel) with what happened to them, whose they are, where, as of when and
who claims them.

The population comes from the noun phrase after the amount ("5 тисяч будівельних військових",
"1 500 своїх спецназівців", "12,000 North Korean troops"), or from the sentence when the amount stands alone
("із яких 600 загинули", "at least 3,800 have been killed"); the measure from the nearest cue word in the
sentence (left of an object, right of a subject; a comma or a conjunction counts as distance), turned into
'planned' by a plan marker or the future tense and into 'casualties' when killed and wounded go together.
A range gives two figures (at_least, at_most); the same figure repeated in a report is merged.
"""

from __future__ import annotations

import re

from ingest.context import Context, SentenceFacts
from ingest.cues import PLACE_PREPOSITIONS
from ingest.dates import in_participle_phrase
from ingest.figure_cues import MATERIEL, MEASURE_OF, PEOPLE, PLAN_MARKERS, POPULATIONS, UNITS
from ingest.nlp import Sentence, Token
from ingest.numbers import NumberMatch
from ingest.records import DateValue, Figure

ADJECTIVE_CUES = frozenset({"будівельний", "спеціальний", "специальный", "special", "construction",
                            "строительный", "військово-будівельний"})
SKIPPABLE = frozenset({"ще", "more", "of", "the", "its", "their", "additional", "new", "other", "ещё", "еще",
                       "своїх", "своих", "north", "korean", "south", "russian", "ukrainian", "з",
                       "із", "від", "own", "elite", "regular", "combat"})
SKIP_POS = frozenset({"ADJF", "PRTF", "NPRO", "NUMR"})
BOUNDARY = frozenset({",", ";", ":", "-", "(", ")", '"'})
CONJ = frozenset({"та", "і", "й", "а", "и", "and", "but", "але", "но"})
MAX_CUE_DISTANCE = 14
#: Verbs that state an amount of what the sentence already named ("кількість убитих перевищує 3000").
AMOUNT_VERBS = frozenset({"перевищувати", "перевищити", "превышать", "превысить", "exceed", "становити",
                          "складати", "скласти", "составлять", "составить", "сягати", "сягнути", "достигать",
                          "достигнуть", "reach", "total", "number"})
#: English words that end a noun phrase (prepositions, auxiliaries, conjunctions).
ENGLISH_STOP = frozenset(re.findall(r"\S+", """to in at from by with on into have has had were was are is be been
being will would could may might and or but that which who for as than since after before during including"""))
NORTH_KOREAN = frozenset({"північнокорейський", "северокорейский", "північнокореєць", "северокореец"})
SPECIFICITY = {name: rank for rank, (name, _) in enumerate(POPULATIONS)}


def population_of(tok: Token) -> str | None:
    """The population category a token names, most specific first."""
    for name, cues in POPULATIONS:
        if tok.lemmas & cues:
            return name
    return None


def noun_phrase(tokens: list[Token], match: NumberMatch) -> tuple[str | None, int]:
    """(what the amount counts, end of its noun phrase): a population, 'people', 'materiel', 'unit' or None.
    Every population word of the phrase counts and the most specific wins ("військових будівельників",
    "military construction workers" -> construction troops)."""
    k, limit = match.end, min(len(tokens), match.end + 6)
    found: list[str] = []
    head_seen = False
    end = match.end
    while k < limit:
        tok = tokens[k]
        category = population_of(tok)
        if category is not None:
            found.append(category)
            end = k + 1
            head_seen = head_seen or not tok.lemmas & ADJECTIVE_CUES
            k += 1
            continue
        if head_seen:
            break
        if tok.lemmas & PEOPLE:
            return (_most_specific(found) if found else "people"), k + 1
        if tok.lemmas & MATERIEL:
            return "materiel", k + 1
        if tok.lemmas & UNITS or tok.text in UNITS:
            return "unit", k + 1
        english_word = tok.text.isascii() and tok.is_alpha and tok.lower not in ENGLISH_STOP
        if tok.lower in SKIPPABLE or (tok.info.pos in SKIP_POS and tok.info.pos is not None) or english_word:
            k += 1
            continue
        break
    if head_seen:
        return _most_specific(found), end
    return None, match.end


def _most_specific(categories: list[str]) -> str:
    return min(categories, key=lambda c: SPECIFICITY[c])


def _distance(tokens: list[Token], a: int, b: int) -> int:
    """Tokens between positions a < b, plus a penalty for each boundary or conjunction crossed."""
    between = tokens[a + 1:b]
    return (b - a) + 3 * sum(1 for t in between if t.text in BOUNDARY or t.lower in CONJ)


def future(tok: Token) -> bool:
    """A perfective verb in the future tense ("направить", "направит"), not also a past or present form."""
    tags = tok.info.tags
    return "futr" in tags and "perf" in tags and not tags & {"past", "pres"}


def find_measure(tokens: list[Token], match: NumberMatch, np_end: int) -> tuple[str | None, int | None]:
    """(measure, cue position) from the nearest cue word; None when no cue is near."""
    best: tuple[int, int, str] | None = None
    for k, tok in enumerate(tokens):
        if match.start <= k < np_end:
            continue
        measure = next((MEASURE_OF[lemma] for lemma in tok.lemmas if lemma in MEASURE_OF), None)
        if measure is None:
            continue
        d = _distance(tokens, k, match.start) if k < match.start else _distance(tokens, np_end - 1, k) + 1
        if d <= MAX_CUE_DISTANCE and (best is None or (d, k > match.start) < (best[0], best[1] > match.start)):
            best = (d, k, measure)
    if best is None:
        return None, None
    _, k, measure = best
    near = {MEASURE_OF.get(lemma) for t in tokens[max(k - 3, 0):k + 4] for lemma in t.lemmas}
    if measure in ("killed", "wounded") and {"killed", "wounded"} <= near:
        measure = "casualties"
    if measure == "present" and "captured" in near:
        measure = "captured"  # "у полоні перебувають": being somewhere in captivity
    if measure == "deployed":
        before = tokens[max(k - 3, 0):k]
        if any(t.lemmas & PLAN_MARKERS for t in before) or future(tokens[k]):
            measure = "planned"
    return measure, k


def context_population(tokens: list[Token], skip: range) -> str:
    """The population named elsewhere in the sentence (soldiers when none is)."""
    found = [population_of(t) for k, t in enumerate(tokens) if k not in skip and not t.lemmas & ADJECTIVE_CUES]
    named = [p for p in found if p]
    return named[0] if named else "soldiers"


def as_of(facts: SentenceFacts, tokens: list[Token], match: NumberMatch, cue: int | None,
          report_date: str) -> DateValue | None:
    """When the figure holds: an explicit as-of date, else the sentence's date (the most precise one), else
    the date its attribution gives, else the report date; a figure in a gerund clause has none."""
    explicit = [d for d in facts.dates if d.role == "as_of"]
    if explicit:
        return explicit[0].value
    if cue is not None and tokens[cue].info.pos == "GRND":
        return None
    points = [d for d in facts.dates if d.role == "point" and not in_participle_phrase(tokens, d)]
    if points:
        order = {"day": 0, "month": 1, "year": 2}
        return min(points, key=lambda d: (order[d.value.precision], abs(d.start - match.start))).value
    if facts.attribution.date is not None:
        return facts.attribution.date
    return DateValue(report_date, "day")


def find_place(ctx: Context, sentence: Sentence, match: NumberMatch) -> str | None:
    """The place nearest the amount that the sentence names as a place ("до Росії", "у Курській області")."""
    first = sentence.tokens[0].i
    places = [m for m in ctx.mentions_in(sentence.index)
              if not m.nested and m.start > first and ctx.kind(m.actor_id) in ("Place", "Country")
              and ctx.doc.tokens[m.start - 1].lower in PLACE_PREPOSITIONS]
    if not places:
        return None
    return min(places, key=lambda m: abs(m.start - first - match.start)).actor_id


def concerns(ctx: Context, tokens: list[Token], match: NumberMatch, np_end: int) -> str | None:
    """Whose people are counted: from the noun phrase's adjectives or names, else North Korea's."""
    window = tokens[match.start:np_end + 3]
    for tok in window:
        lemmas = tok.lemmas
        if NORTH_KOREAN & lemmas or tok.lower == "north":
            return "north_korea"
        if {"російський", "российский", "russian"} & lemmas:
            return "russia"
        if {"український", "украинский", "ukrainian"} & lemmas:
            return "ukraine"
    return "north_korea" if "north_korea" in ctx.actors else None


def sentence_figures(ctx: Context, sentence: Sentence) -> list[Figure]:
    """The figures of one sentence."""
    facts = ctx.facts[sentence.index]
    tokens = sentence.tokens
    out: list[Figure] = []
    for match in facts.numbers:
        what, np_end = noun_phrase(tokens, match)
        if what == "unit" or (what == "materiel" and match.vague):
            continue
        measure, cue = find_measure(tokens, match, np_end)
        if what is None:
            predicate = any(t.lemmas & AMOUNT_VERBS for t in tokens[max(match.start - 1, 0):match.core_start])
            if measure is None or cue is None or (abs(cue - match.start) > 5 and not predicate):
                continue
            what = context_population(tokens, range(match.start, np_end))
        elif what == "people":
            what = context_population(tokens, range(match.start, np_end))
        if what == "materiel":
            measure, population = "other", "other"
        else:
            population = what
        att = facts.attribution
        base = dict(measure=measure or "other", population=population, sources=list(att.sources),
                    outlet=att.outlet, as_of=as_of(facts, tokens, match, cue, ctx.report.date),
                    place=find_place(ctx, sentence, match), concerns=concerns(ctx, tokens, match, np_end),
                    evidence=[ctx.sentence_span(sentence.index)])
        if match.qualifier == "range":
            for quantity, qualifier in ((match.value, "at_least"), (match.upper, "at_most")):
                out.append(Figure(quantity=quantity, qualifier=qualifier, lower=match.value, upper=match.upper,
                                  **base))  # type: ignore[arg-type]
        else:
            out.append(Figure(quantity=match.value, qualifier=match.qualifier, **base))  # type: ignore[arg-type]
    return out


def _compatible(a: Figure, b: Figure, a_head: bool, b_head: bool) -> bool:
    if a.quantity is None or a.quantity != b.quantity:
        return False
    if a.population != b.population and not ((a_head and a.population == "soldiers") or (
            b_head and b.population == "soldiers")):
        return False
    if a.qualifier != b.qualifier and {a.qualifier, b.qualifier} != {"exact", "approximately"} and not (
            a_head or b_head):
        return False
    return a.measure == b.measure or a_head or b_head or "other" in (a.measure, b.measure)


def merge_figures(figures: list[tuple[Figure, bool]]) -> list[Figure]:
    """Merge repeats of one figure (same amount, population, compatible qualifier and measure; a headline
    repeats the body): sources and evidence are joined, the body's reading wins over the headline's."""
    merged: list[tuple[Figure, bool]] = []
    for fig, head in figures:
        for k, (kept, kept_head) in enumerate(merged):
            if _compatible(kept, fig, kept_head, head):
                main, other = (fig, kept) if kept_head and not head else (kept, fig)
                if kept_head == head and main.qualifier == "exact" and other.qualifier != "exact":
                    main.qualifier = other.qualifier
                if main.measure == "other":
                    main.measure = other.measure
                sources = list(main.sources)
                sources += [s for s in other.sources if s not in sources]
                main.sources = sources
                main.outlet = main.outlet or other.outlet
                main.place = main.place or other.place
                main.evidence = main.evidence + [e for e in other.evidence if e not in main.evidence]
                merged[k] = (main, kept_head and head)
                break
        else:
            merged.append((fig, head))
    return [fig for fig, _ in merged]


def extract_figures(ctx: Context) -> None:
    """All figures of the report, repeats merged."""
    found: list[tuple[Figure, bool]] = []
    for sentence in ctx.doc.sentences:
        found.extend((fig, sentence.headline) for fig in sentence_figures(ctx, sentence))
    ctx.figures.extend(merge_figures(found))
