"""Morphology: lemmas and grammatical tags of words (pymorphy3 with the uk and ru dictionaries, a small rule
stemmer for English), cached per word, and inflection of names to the nominative case.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pymorphy3

NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


@dataclass(frozen=True)
class WordInfo:
    """What the morphology knows about one word form (shared by every token with that form)."""

    lemma: str  # the most likely lemma (lower case, ё folded to е)
    lemmas: frozenset[str]  # every possible lemma plus the lower-cased form itself
    pos: str | None  # part of speech of the most likely analysis (pymorphy names: NOUN, VERB, ADJF, …)
    poses: frozenset[str]  # every possible part of speech
    tags: frozenset[str]  # every grammeme of every analysis
    best_tags: frozenset[str]  # the grammemes of the most likely analysis
    known: bool  # the dictionary knows the word (not a guess)

    def has(self, *grammemes: str) -> bool:
        """True when some analysis carries one of `grammemes`."""
        return any(g in self.tags for g in grammemes)

    @property
    def is_name(self) -> bool:
        """Some analysis is a first name, surname or patronymic."""
        return bool(self.tags & NAME_TAGS)


def fold(text: str) -> str:
    """Lower-case and fold ё to е, so lemmas compare across spellings."""
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=4)
def analyzer(lang: str) -> Any:
    """The pymorphy3 analyser for 'uk' or 'ru', built once per process."""
    return pymorphy3.MorphAnalyzer(lang=lang)


def _english_lemmas(lower: str) -> set[str]:
    """Candidate base forms of an English word by suffix rules (plural, past, gerund)."""
    word = lower[:-2] if lower.endswith(("'s", "s'")) else lower
    out = {word}
    if len(word) > 4 and word.endswith("ies"):
        out.add(word[:-3] + "y")
    if len(word) > 3 and word.endswith("es"):
        out.add(word[:-2])
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        out.add(word[:-1])
    if len(word) > 4 and word.endswith("ied"):
        out.add(word[:-3] + "y")
    if len(word) > 3 and word.endswith("ed"):
        out.update({word[:-2], word[:-1]})
        if len(word) > 5 and word[-3] == word[-4]:
            out.add(word[:-3])
    if len(word) > 5 and word.endswith("ing"):
        out.update({word[:-3], word[:-3] + "e"})
        if word[-4] == word[-5]:
            out.add(word[:-4])
    return out


@lru_cache(maxsize=300_000)
def analyse(word: str, lang: str) -> WordInfo:
    """Analyse one word form in 'uk', 'ru' or 'en'; cached, so repeated words cost a dictionary lookup."""
    lower = fold(word)
    if lang not in ("uk", "ru") or not any(ch.isalpha() for ch in word) or not _cyrillic(word):
        lemmas = _english_lemmas(lower) if lang == "en" or not _cyrillic(word) else {lower}
        return WordInfo(lemma=lower, lemmas=frozenset(lemmas | {lower}), pos=None, poses=frozenset(),
                        tags=frozenset(), best_tags=frozenset(), known=False)
    morph = analyzer(lang)
    parses = morph.parse(word.lower())
    lemmas = {fold(p.normal_form) for p in parses} | {lower}
    if any("GRND" in p.tag.grammemes for p in parses):
        lemmas |= _gerund_infinitives(lower, lang)
    tags: set[str] = set()
    poses: set[str] = set()
    for p in parses:
        tags.update(p.tag.grammemes)
        if p.tag.POS:
            poses.add(str(p.tag.POS))
    best = parses[0]
    return WordInfo(
        lemma=fold(best.normal_form),
        lemmas=frozenset(lemmas),
        pos=str(best.tag.POS) if best.tag.POS else None,
        poses=frozenset(poses),
        tags=frozenset(tags),
        best_tags=frozenset(best.tag.grammemes),
        known=bool(morph.word_is_known(word.lower())),
    )


def _gerund_infinitives(word: str, lang: str) -> set[str]:
    """Likely infinitives of a gerund ("відправивши" -> "відправити", "отправив" -> "отправить"): pymorphy3
    lemmatises gerunds to themselves."""
    out = set()
    if lang == "uk":
        for suffix, repl in (("вшись", "тися"), ("вши", "ти"), ("ючись", "тися"), ("ючи", "ти"), ("учи", "ти"),
                             ("ачи", "ити"), ("ячи", "ити")):
            if word.endswith(suffix):
                out.add(word[: -len(suffix)] + repl)
    else:
        for suffix, repl in (("вшись", "ться"), ("вши", "ть"), ("в", "ть"), ("ясь", "ться"), ("я", "ть"),
                             ("а", "ть")):
            if word.endswith(suffix):
                out.add(word[: -len(suffix)] + repl)
    return out


def _cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


@lru_cache(maxsize=50_000)
def nominative(word: str, lang: str) -> str:
    """A name word in the nominative case, capitalisation kept ("Квеном" -> "Квен", "Сергія" -> "Сергій");
    words that can already be nominative, or cannot be inflected, are returned unchanged."""
    if lang not in ("uk", "ru") or not _cyrillic(word):
        return word
    parses = analyzer(lang).parse(word.lower())
    if any({"nomn", "Fixd"} & p.tag.grammemes for p in parses):
        return word
    ranked = sorted(parses, key=lambda p: (not (NAME_TAGS & p.tag.grammemes), "plur" in p.tag.grammemes))
    for p in ranked:
        if p.tag.POS not in ("NOUN", "ADJF"):
            continue
        inflected = p.inflect({"nomn", "sing"} if lang == "ru" else {"nomn"})
        if inflected is not None:
            return _recase(inflected.word, word)
    return word


def _recase(form: str, like: str) -> str:
    """Give `form` the capitalisation pattern of `like`."""
    if like.isupper() and len(like) > 1:
        return form.upper()
    if like[:1].isupper():
        return form[:1].upper() + form[1:]
    return form
