"""Number words of Ukrainian, Russian and English in every inflected form, and the qualifier phrases that
precede a number ("близько", "щонайменше", "at least", "не менее" …).

Inflected forms of the Ukrainian and Russian numerals are generated from pymorphy3's paradigms, so "двох",
"п'ятьох", "сорока", "тисячу", "шести" all map to their values without hand-written tables of cases.
"""

from __future__ import annotations

from functools import lru_cache

from ingest.morph import analyzer, fold

BASES: dict[str, dict[str, float]] = {
    "uk": {
        "один": 1, "два": 2, "три": 3, "чотири": 4, "п'ять": 5, "шість": 6, "сім": 7, "вісім": 8, "дев'ять": 9,
        "десять": 10, "одинадцять": 11, "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14,
        "п'ятнадцять": 15, "шістнадцять": 16, "сімнадцять": 17, "вісімнадцять": 18, "дев'ятнадцять": 19,
        "двадцять": 20, "тридцять": 30, "сорок": 40, "п'ятдесят": 50, "шістдесят": 60, "сімдесят": 70,
        "вісімдесят": 80, "дев'яносто": 90, "двісті": 200, "триста": 300, "чотириста": 400, "п'ятсот": 500,
        "шістсот": 600, "сімсот": 700, "вісімсот": 800, "дев'ятсот": 900, "півтори": 1.5, "півтора": 1.5,
        "двоє": 2, "троє": 3, "четверо": 4, "п'ятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8,
        "дев'ятеро": 9, "десятеро": 10,
    },
    "ru": {
        "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
        "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
        "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
        "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
        "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
        "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "полтора": 1.5,
        "полторы": 1.5, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8,
        "девятеро": 9, "десятеро": 10,
    },
}
#: Forms the paradigms miss or mark as another part of speech.
EXTRA_FORMS: dict[str, dict[str, float]] = {
    "uk": {"сто": 100, "ста": 100, "одна": 1, "одну": 1, "дві": 2},
    "ru": {"ста": 100, "одна": 1, "одну": 1, "две": 2, "двух": 2},
}
MULTIPLIER_LEMMAS: dict[str, int] = {
    "тисяча": 1000, "тис": 1000, "тисяч": 1000, "тысяча": 1000, "тыс": 1000, "мільйон": 1_000_000,
    "млн": 1_000_000, "миллион": 1_000_000, "мільярд": 1_000_000_000, "млрд": 1_000_000_000,
    "миллиард": 1_000_000_000, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
    "hundred": 100, "mln": 1_000_000, "bn": 1_000_000_000, "сотня": 100,
}
ENGLISH: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
#: Words for an unstated amount: "тисячі", "сотні", "hundreds", "кілька тисяч".
VAGUE_LEMMAS = frozenset({
    "тисяча", "тысяча", "сотня", "десяток", "десятка", "мільйон", "миллион", "thousand", "hundred", "dozen",
    "ten", "million",
})
SEVERAL = frozenset({"кілька", "декілька", "кількох", "декількох", "несколько", "нескольких", "several",
                     "кількасот", "кількадесят", "many"})

#: Phrases before a number, as lower-case word tuples, with the qualifier they give.
QUALIFIER_PHRASES: dict[tuple[str, ...], str] = {}
for _words, _q in (
    ("близько|приблизно|майже|орієнтовно|порядку|ледь не|понад приблизно|близько до", "approximately"),
    ("около|примерно|почти|приблизительно|порядка|почти что|ориентировочно", "approximately"),
    ("about|around|approximately|roughly|nearly|almost|some|an estimated|estimated|an approximate|circa",
     "approximately"),
    ("понад|більше|більш ніж|більше ніж|більш як|більше за|свыше|более|больше|более чем|больше чем|over|"
     "more than|above|upward of|upwards of|in excess of|перевищує|перевищила|перевищили|перевищило|"
     "превышает|превысило|превысила|превысили|exceeds|exceeded|exceeding", "more_than"),
    ("щонайменше|принаймні|не менше|не менше ніж|не менш ніж|не менш як|мінімум|як мінімум|щонайменш|"
     "по меньшей мере|не менее|как минимум|минимум|по крайней мере|at least|no fewer than|no less than|"
     "a minimum of|at a minimum", "at_least"),
    ("щонайбільше|не більше|не більше ніж|не більш ніж|максимум|менше|менше ніж|менш ніж|не более|"
     "максимум|менее|меньше|менее чем|at most|no more than|less than|fewer than|under|a maximum of|"
     "not more than", "at_most"),
    ("до|сягнути до|сягає до|aж до|до почти|up to|as many as|as much as", "up_to"),
):
    for _phrase in _words.split("|"):
        QUALIFIER_PHRASES[tuple(_phrase.split())] = _q
MAX_QUALIFIER_WORDS = max(len(k) for k in QUALIFIER_PHRASES)

#: Range joiners between two numbers.
RANGE_JOINERS = frozenset({"-", "до", "to", "and", "або", "or", "или", "і", "та"})
RANGE_OPENERS = frozenset({"від", "between", "from", "от", "з", "із"})


@lru_cache(maxsize=4)
def number_forms(lang: str) -> dict[str, float]:
    """Every inflected form of the cardinal numerals of `lang` ('uk', 'ru') mapped to its value."""
    if lang not in BASES:
        return dict(ENGLISH)
    morph = analyzer(lang)
    forms: dict[str, float] = {}
    for base, value in BASES[lang].items():
        forms[base] = value
        for parse in morph.parse(base):
            if parse.tag.POS != "NUMR":
                continue
            for form in parse.lexeme:
                forms.setdefault(fold(form.word), value)
    forms.update(EXTRA_FORMS.get(lang, {}))
    return forms
