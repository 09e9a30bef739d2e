"""The number grammar: amounts in Ukrainian, Russian and English text, with their qualifiers and ranges.

Handles digits with spaces, commas or points ("1 500", "12,000", "4,7", "3.7"), multipliers ("5 тисяч",
"2 тис.", "13 тыс.", "3.7 million", "15-hundred"), numerals in any case ("двох", "п'ять тисяч", "тисячу",
"ten-thousand"), bare multipliers ("тисячу" = 1000, "тисячі"/"сотні"/"hundreds" = an unstated amount), ranges
("10-12 тисяч", "від 10 до 12 тисяч", "between 10,000 and 12,000") and qualifiers before or after the number
("близько", "щонайменше", "понад", "до", "at least", "up to", "не менее", "or more").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.nlp import Token
from ingest.numwords import (
    ENGLISH,
    MAX_QUALIFIER_WORDS,
    MULTIPLIER_LEMMAS,
    QUALIFIER_PHRASES,
    RANGE_OPENERS,
    SEVERAL,
    VAGUE_LEMMAS,
    number_forms,
)

DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
THREE = re.compile(r"\d{3}")
TRAILING: dict[tuple[str, ...], str] = {
    ("or", "more"): "at_least", ("and", "more"): "at_least", ("або", "більше"): "at_least",
    ("і", "більше"): "at_least", ("и", "более"): "at_least", ("или", "более"): "at_least",
    ("з", "гаком"): "more_than", ("с", "лишним"): "more_than", ("plus",): "more_than",
}
SINGULAR_THOUSAND = frozenset({"тисяча", "тисячу", "тисячею", "тысяча", "тысячу", "тысячей", "тысячью"})
GENITIVE_SINGULAR = frozenset({"тисячі", "тысячи"})


@dataclass(frozen=True)
class NumberMatch:
    """An amount found in a token sequence; positions index that sequence, `end` is exclusive."""

    start: int  # first token, the qualifier included
    end: int
    core_start: int  # first token of the number itself
    value: int | None  # None for an unstated amount ("тисячі")
    qualifier: str  # exact, approximately, at_least, at_most, more_than, up_to, vague, or range
    upper: int | None = None  # the upper bound of a range (value is then the lower one)

    @property
    def vague(self) -> bool:
        """An amount without a number ("тисячі", "hundreds")."""
        return self.value is None


@dataclass(frozen=True)
class _Core:
    value: float | None
    end: int
    multiplied: bool


def _lower(tok: Token) -> str:
    return tok.lower


def _multiplier(tok: Token) -> int | None:
    word = _lower(tok).rstrip(".")
    if word in MULTIPLIER_LEMMAS:
        return MULTIPLIER_LEMMAS[word]
    for lemma in tok.lemmas:
        if lemma in MULTIPLIER_LEMMAS and lemma not in ("тис",):
            return MULTIPLIER_LEMMAS[lemma]
    return None


def _digits_value(text: str, lang: str, multiplied: bool) -> float:
    seps = re.findall(r"[.,]", text)
    if not seps:
        return float(text)
    parts = re.split(r"[.,]", text)
    if lang == "en":
        if len(set(seps)) == 2:
            return float(text.replace(",", ""))
        if seps[0] == ",":
            return float(text.replace(",", ""))
        return float(text)
    if len(seps) > 1 or (len(parts[-1]) == 3 and not multiplied):
        return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def _adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


def _digit_core(tokens: Sequence[Token], j: int, lang: str) -> _Core:
    text = tokens[j].text
    k = j + 1
    if re.fullmatch(r"\d{1,3}", text):
        while k < len(tokens) and THREE.fullmatch(tokens[k].text) and tokens[k].start - tokens[k - 1].end == 1:
            text += tokens[k].text
            k += 1
    mult = None
    if k < len(tokens):
        mult = _multiplier(tokens[k])
        if mult is None and k + 1 < len(tokens) and tokens[k].text == "-" and _adjacent(tokens[k - 1], tokens[k]) \
                and _adjacent(tokens[k], tokens[k + 1]):
            mult = _multiplier(tokens[k + 1])
            if mult is not None:
                k += 1
        if mult is not None:
            k += 1
            if k < len(tokens) and tokens[k].text == "." and _lower(tokens[k - 1]) in ("тис", "тыс", "млн", "млрд"):
                k += 1
    value = _digits_value(text, lang, mult is not None)
    return _Core(value * (mult or 1), k, mult is not None)


def _word_core(tokens: Sequence[Token], j: int, lang: str) -> _Core | None:
    forms = number_forms(lang) if lang in ("uk", "ru") else ENGLISH
    total = 0.0
    current = 0.0
    seen = False
    multiplied = False
    k = j
    while k < len(tokens):
        word = _lower(tokens[k])
        if word in forms and not (lang == "en" and word in ("one",) and seen):
            current += forms[word]
            seen = True
        elif seen and (mult := _multiplier(tokens[k])) is not None:
            if mult == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * mult
                current = 0
            multiplied = True
        elif seen and word in ("-", "and") and k + 1 < len(tokens) and (
                _lower(tokens[k + 1]) in forms or _multiplier(tokens[k + 1]) is not None):
            pass
        else:
            break
        k += 1
    if not seen:
        return None
    return _Core(total + current, k, multiplied)


def _bare_core(tokens: Sequence[Token], j: int, qualified: bool) -> _Core | None:
    tok = tokens[j]
    word = _lower(tok)
    if word in SEVERAL:
        if j + 1 < len(tokens) and (_multiplier(tokens[j + 1]) or VAGUE_LEMMAS & tokens[j + 1].lemmas):
            return _Core(None, j + 2, True)
        return None
    if word in ("a", "one") and j + 1 < len(tokens) and _lower(tokens[j + 1]) in ("thousand", "million", "hundred"):
        return _Core(float(MULTIPLIER_LEMMAS[_lower(tokens[j + 1])]), j + 2, True)
    mult = _multiplier(tok)
    if word in SINGULAR_THOUSAND or (word in GENITIVE_SINGULAR and qualified):
        return _Core(1000.0, j + 1, True)
    if word in ("сотню",):
        return _Core(100.0, j + 1, True)
    if word in ("tens", "dozens", "десятки", "десятків", "десятками", "десятки", "десятков") and \
            j + 2 < len(tokens) and _lower(tokens[j + 1]) == "of" and _multiplier(tokens[j + 2]):
        return _Core(None, j + 3, True)
    if (mult is not None or VAGUE_LEMMAS & tok.lemmas) and word not in ("ten", "one", "hundred", "thousand",
                                                                            "million", "dozen", "тис", "тыс"):
        end = j + 1
        while end < len(tokens) and (_multiplier(tokens[end]) is not None or VAGUE_LEMMAS & tokens[end].lemmas):
            end += 1
        return _Core(None, end, True)
    return None


def _qualifier_before(tokens: Sequence[Token], j: int) -> tuple[str | None, int]:
    """The longest qualifier phrase ending right before position j: (qualifier, its first position)."""
    for size in range(min(MAX_QUALIFIER_WORDS, j), 0, -1):
        words = tuple(_lower(t) for t in tokens[j - size:j])
        if words in QUALIFIER_PHRASES:
            return QUALIFIER_PHRASES[words], j - size
    return None, j


def _core_at(tokens: Sequence[Token], j: int, lang: str, qualified: bool) -> _Core | None:
    if DIGITS.fullmatch(tokens[j].text):
        return _digit_core(tokens, j, lang)
    core = _word_core(tokens, j, lang)
    if core is not None:
        return core
    return _bare_core(tokens, j, qualified)


def _is_ordinal(tokens: Sequence[Token], core: _Core) -> bool:
    if core.end < len(tokens):
        nxt = tokens[core.end]
        if _adjacent(tokens[core.end - 1], nxt) and re.fullmatch(r"-?(й|го|ї|та|те|th|st|nd|rd|я|е|ої|ий)", nxt.text):
            return True
    return False


def _trailing(tokens: Sequence[Token], end: int, qualifier: str | None) -> tuple[str | None, int]:
    """A qualifier after the amount and its noun ("5 тисяч і більше", "2,600 soldiers or more"): up to three
    words may come between, and the phrase must close the clause."""
    for gap in range(0, 4):
        if any(t.is_punct for t in tokens[end:end + gap]):
            break
        for phrase, trailing in TRAILING.items():
            stop = end + gap + len(phrase)
            words = tuple(_lower(t) for t in tokens[end + gap:stop])
            if words == phrase and (stop >= len(tokens) or tokens[stop].is_punct):
                return trailing, stop if gap == 0 else end
    return qualifier, end


def _may_start(tok: Token, lang: str) -> bool:
    """Cheap test: can an amount start at this token?"""
    if tok.text[:1].isdigit():
        return True
    word = tok.lower
    if word in SEVERAL or word in ("a", "one", "tens", "dozens", "десятки", "десятків", "десятками", "десятков"):
        return True
    forms = number_forms(lang) if lang in ("uk", "ru") else ENGLISH
    return word in forms or bool(tok.lemmas & VAGUE_LEMMAS) or _multiplier(tok) is not None


def find_numbers(tokens: Sequence[Token], lang: str, skip: frozenset[int] = frozenset()) -> list[NumberMatch]:
    """Every amount in `tokens` (a sentence), left to right; positions in `skip` (dates) are never numbers."""
    out: list[NumberMatch] = []
    j = 0
    while j < len(tokens):
        if j in skip:
            j += 1
            continue
        if not _may_start(tokens[j], lang):
            j += 1
            continue
        qualifier, q_start = _qualifier_before(tokens, j)
        opener = j > 0 and _lower(tokens[j - 1]) in RANGE_OPENERS
        core = _core_at(tokens, j, lang, qualified=qualifier is not None or opener)
        if core is None or any(k in skip for k in range(j, core.end)) or _is_ordinal(tokens, core):
            j += 1
            continue
        start, end, upper = (q_start if qualifier else j), core.end, None
        value = core.value
        if value is not None and end + 1 < len(tokens) and end not in skip:
            joiner = _lower(tokens[end])
            ok = joiner == "-" or (joiner in ("до", "to", "по") and opener) or (
                joiner == "and" and j > 0 and _lower(tokens[j - 1]) == "between")
            second = _core_at(tokens, end + 1, lang, qualified=True) if ok else None
            if second is not None and second.value is not None and not any(
                    k in skip for k in range(end + 1, second.end)):
                low = value
                if not core.multiplied and second.multiplied:
                    for mult in (1_000_000_000, 1_000_000, 1000, 100):
                        if second.value / 100 <= low * mult <= second.value:
                            low *= mult
                            break
                if low < second.value:
                    value, upper, end = low, second.value, second.end
                    if opener and j > 0:
                        start = min(start, j - 1)
        if upper is None:
            qualifier, end = _trailing(tokens, end, qualifier)
        if value is None:
            final = "vague"
        elif upper is not None:
            final = "range"
        else:
            final = qualifier or "exact"
        out.append(NumberMatch(start=start, end=end, core_start=j,
                               value=None if value is None else int(round(value)),
                               qualifier=final, upper=None if upper is None else int(round(upper))))
        j = end
    return out
