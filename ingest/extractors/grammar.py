"""Per-sentence grammar facts: dates (resolved against the report date), amounts, whether the sentence is
background (after "Нагадаємо", "Раніше", a section heading) and whether it is hedged ("ймовірно", "could").
"""

from __future__ import annotations

from dataclasses import replace

from ingest.context import Context, SentenceFacts
from ingest.cues import BACKGROUND_OPENERS, HEDGES
from ingest.dates import ROLE_WORDS as DATE_ROLE_WORDS
from ingest.dates import find_dates
from ingest.nlp import Token
from ingest.numbers import find_numbers

#: Words that introduce a date ("від", "до", "станом на"): a date never swallows them from an amount.
ROLE_WORDS = frozenset(word for phrase in DATE_ROLE_WORDS for word in phrase)


def _dateline(tokens: list[Token]) -> bool:
    """The sentence opens with a news dateline: "SEOUL, June 20 (Reuters) -", "TOKYO, December 5."."""
    return len(tokens) > 2 and tokens[0].is_upper and tokens[0].is_alpha and tokens[1].text == ","


def _opens_with(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(words[:len(p)]) == p for p in phrases)


def extract_grammar(ctx: Context) -> None:
    """Fill `ctx.facts` with each sentence's dates, amounts, background and hedge flags."""
    doc = ctx.doc
    background = False
    paragraph = -1
    narrative_year: int | None = None
    for sentence in doc.sentences:
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            narrative_year = None
        words = [t.lower for t in sentence.tokens if t.text not in ("-", '"')]
        if sentence.heading or _opens_with(words, BACKGROUND_OPENERS):
            background = True
        dates = find_dates(sentence.tokens, ctx.lang, ctx.report.date, narrative_year)
        if _dateline(sentence.tokens):
            dates = [replace(d, role="dateline") if d.end <= 6 else d for d in dates]
        for match in dates:
            if match.value.value[:4].isdigit() and match.role != "until":
                explicit = any(t.text == match.value.value[:4] for t in sentence.tokens[match.start:match.end])
                if explicit:
                    narrative_year = int(match.value.value[:4])
        skip = frozenset(k for m in dates for k in range(m.start, m.end)
                         if sentence.tokens[k].lower not in ROLE_WORDS)
        numbers = find_numbers(sentence.tokens, ctx.lang, skip)
        facts = SentenceFacts(dates=dates, numbers=numbers, background=background and not sentence.heading,
                              hedged=any(t.lower in HEDGES for t in sentence.tokens))
        ctx.facts.append(facts)

