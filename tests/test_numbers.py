"""The number grammar: digits, number words in any case, multipliers, qualifiers, ranges, vague amounts."""

from __future__ import annotations

import pytest

from tests.extraction_support import numbers

UK = [
    ("Північна Корея відправила близько 5 тисяч військових", [(5000, "approximately", None)]),
    ("відправила до Росії 1 500 своїх спецназівців", [(1500, "exact", None)]),
    ("взяли в полон двох військових", [(2, "exact", None)]),
    ("загибель майже двох тисяч військовослужбовців", [(2000, "approximately", None)]),
    ("втрат — приблизно 4,7 тисячі осіб, із яких 600 загинули",
     [(4700, "approximately", None), (600, "exact", None)]),
    ("направить тисячу саперів і п'ять тисяч будівельників", [(1000, "exact", None), (5000, "exact", None)]),
    ("направить тисячу саперів і п’ять тисяч будівельників", [(1000, "exact", None), (5000, "exact", None)]),
    ("ще тисячі отримали поранення", [(None, "vague", None)]),
    ("кількість поранених може сягнути до тисячі", [(1000, "up_to", None)]),
    ("втратила понад 3000 військових", [(3000, "more_than", None)]),
    ("щонайменше 600 солдатів загинули", [(600, "at_least", None)]),
    ("не менше ніж 300 бійців", [(300, "at_least", None)]),
    ("від 10 до 12 тисяч військових", [(10000, "range", 12000)]),
    ("10–12 тисяч військових", [(10000, "range", 12000)]),
    ("2 тис. солдатів", [(2000, "exact", None)]),
    ("кілька тисяч північнокорейських солдат", [(None, "vague", None)]),
    ("десятки тисяч робітників", [(None, "vague", None)]),
    ("сотні загиблих", [(None, "vague", None)]),
    ("сто двадцять п'ять тисяч снарядів", [(125000, "exact", None)]),
    ("півтори тисячі військових", [(1500, "exact", None)]),
    ("трьохсот бійців", [(300, "exact", None)]),
    ("близько сорока тисяч робітників", [(40000, "approximately", None)]),
    ("щонайбільше 800 осіб", [(800, "at_most", None)]),
    ("3,7 млн снарядів", [(3700000, "exact", None)]),
    ("приблизно 12 000 військових", [(12000, "approximately", None)]),
    ("орієнтовно 2 600 бійців", [(2600, "approximately", None)]),
    ("принаймні сім тисяч", [(7000, "at_least", None)]),
    ("більш ніж 900 військових", [(900, "more_than", None)]),
    ("до 40 тисяч робітників", [(40000, "up_to", None)]),
    ("11 тисяч солдатів і більше", [(11000, "at_least", None)]),
]
RU = [
    ("Около 2 тыс. северокорейских военных погибли", [(2000, "approximately", None)]),
    ("около тысячи боевых саперов уже прибыли", [(1000, "approximately", None)]),
    ("направила около 13 тыс. военнослужащих", [(13000, "approximately", None)]),
    ("превышает 3000", [(3000, "more_than", None)]),
    ("потерять тысячу человек", [(1000, "exact", None)]),
    ("исчисляются сотнями человек", [(None, "vague", None)]),
    ("не менее двух тысяч солдат", [(2000, "at_least", None)]),
    ("более шести тысяч военных", [(6000, "more_than", None)]),
    ("от 5 до 7 тыс. рабочих", [(5000, "range", 7000)]),
    ("несколько тысяч солдат", [(None, "vague", None)]),
    ("почти полторы тысячи военных", [(1500, "approximately", None)]),
]
EN = [
    ("at least 3,800 have been killed", [(3800, "at_least", None)]),
    ("up to 40,000 more troops", [(40000, "up_to", None)]),
    ("3.7 million artillery shells", [(3700000, "exact", None)]),
    ("between 10,000 and 12,000 North Korean troops", [(10000, "range", 12000)]),
    ("10,000-12,000 troops", [(10000, "range", 12000)]),
    ("some 15-hundred special forces", [(1500, "approximately", None)]),
    ("preparing to send ten-thousand troops", [(10000, "exact", None)]),
    ("over 1,000 casualties", [(1000, "more_than", None)]),
    ("hundreds of soldiers", [(None, "vague", None)]),
    ("thousands of troops", [(None, "vague", None)]),
    ("about 1,500 soldiers", [(1500, "approximately", None)]),
    ("nearly two thousand soldiers", [(2000, "approximately", None)]),
    ("no fewer than 500 workers", [(500, "at_least", None)]),
    ("more than 11,000 troops", [(11000, "more_than", None)]),
    ("a thousand sappers", [(1000, "exact", None)]),
    ("tens of thousands of workers", [(None, "vague", None)]),
    ("an estimated 4,700 casualties", [(4700, "approximately", None)]),
    ("2,600 soldiers or more", [(2600, "at_least", None)]),
]


@pytest.mark.parametrize(("text", "expected"), UK)
def test_ukrainian_amounts(text: str, expected: list[tuple[int | None, str, int | None]]) -> None:
    assert numbers(text, "uk") == expected


@pytest.mark.parametrize(("text", "expected"), RU)
def test_russian_amounts(text: str, expected: list[tuple[int | None, str, int | None]]) -> None:
    assert numbers(text, "ru") == expected


@pytest.mark.parametrize(("text", "expected"), EN)
def test_english_amounts(text: str, expected: list[tuple[int | None, str, int | None]]) -> None:
    assert numbers(text, "en") == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("1-й батальйон", "uk"), ("the 2nd brigade", "en"), ("", "uk"), ("Пхеньян", "uk"),
])
def test_no_amounts(text: str, lang: str) -> None:
    assert numbers(text, lang) == []
