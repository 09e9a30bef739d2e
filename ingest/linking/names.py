"""Comparable forms of a name in Ukrainian, Russian or English spelling (pure, cached per string).

`plain` unifies apostrophes, quotes, dashes and look-alike letters (`ingest.normalize`), case-folds, folds ё to е
and drops punctuation; `lemmas` gives every word's possible lemmas (pymorphy3 through `ingest.morph`), so
"Курської області" and "Курська область" meet; `latin` transliterates Cyrillic (translitua: the Ukrainian
national system; the Russian international-passport one), so "Кирило Буданов" meets "Kyrylo Budanov".
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from translitua import RussianInternationalPassport, translit

from ingest.morph import analyse
from ingest.normalize import normalize

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NON_WORD = re.compile(r"[^\w]+")


def is_cyrillic(text: str) -> bool:
    """True when the text has a Cyrillic letter."""
    return bool(_CYRILLIC.search(text))


@lru_cache(maxsize=100_000)
def plain(text: str) -> str:
    """Case-folded words without punctuation or apostrophes: "Об’єднаних Націй" -> "обєднаних націй"."""
    unified = unicodedata.normalize("NFKC", normalize(text)).casefold().replace("ё", "е").replace("'", "")
    return " ".join(_NON_WORD.sub(" ", unified).split())


@lru_cache(maxsize=100_000)
def lemmas(text: str, lang: str) -> tuple[frozenset[str], ...]:
    """Per word, every lemma it may have in `lang` ('uk' or 'ru') plus the word itself; Latin words stand
    for themselves. Two names meet when each word's sets intersect ("Сергія Лаврова" ~ "Сергій Лавров")."""
    words = plain(text).split()
    if lang not in ("uk", "ru"):
        return tuple(frozenset({word}) for word in words)
    return tuple(frozenset({word} | {lemma.replace("'", "") for lemma in analyse(word, lang).lemmas})
                 if is_cyrillic(word) else frozenset({word}) for word in words)


def same_lemmas(left: tuple[frozenset[str], ...], right: tuple[frozenset[str], ...]) -> bool:
    """True when two names have as many words and each pair of words shares a lemma."""
    return len(left) == len(right) and all(a & b for a, b in zip(left, right, strict=True))


@lru_cache(maxsize=100_000)
def latin(text: str, lang: str = "uk") -> str:
    """A Latin transliteration of the plain form (Latin text is returned as `plain`); "" when letters of
    another alphabet remain (Ukrainian і, ї, є read as Russian)."""
    words = plain(text)
    if not is_cyrillic(words):
        return words
    result = plain(translit(words, RussianInternationalPassport) if lang == "ru" else translit(words))
    return "" if is_cyrillic(result) else result


def languages_of(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The languages to read a name in: its own, or uk and ru for untagged Cyrillic, en for Latin."""
    if lang:
        return (lang,)
    return ("uk", "ru") if is_cyrillic(text) else ("en",)


def forms(text: str, lang: str | None = None) -> dict[str, set[str]]:
    """{"plain": …, "latin": …} forms of a name (sets: untagged Cyrillic is read as uk and as ru)."""
    found: dict[str, set[str]] = {"plain": {plain(text)}, "latin": set()}
    for code in languages_of(text, lang):
        found["latin"].add(latin(text, code))
    return {kind: {form for form in values if form} for kind, values in found.items()}


def readings(text: str, lang: str | None = None) -> list[tuple[frozenset[str], ...]]:
    """The lemma readings of a name, one per language it may be in."""
    return [lemmas(text, code) for code in languages_of(text, lang)]


def _ratio(left: str, right: str) -> float:
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
        return 0.0
    return matcher.ratio()


def similarity(left: str, right: str) -> float:
    """0–1 similarity of two comparable forms: difflib's ratio, also with the words sorted (so "Jong Un Kim"
    meets "Kim Jong Un"); the cheap upper bounds are checked first."""
    return max(_ratio(left, right), _ratio(" ".join(sorted(left.split())), " ".join(sorted(right.split()))))
