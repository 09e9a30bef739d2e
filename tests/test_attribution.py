"""Attribution of figures: prepositional and verbal patterns, outlets, pronouns, titles, inheritance."""

from __future__ import annotations

import pytest

from ingest.records import Figure
from tests.extraction_support import run


def figure(text: str, quantity: int, date: str = "2025-05-20", lang: str | None = None) -> Figure:
    """The figure with `quantity` extracted from `text`."""
    found = [f for f in run(text, date, lang).figures if f.quantity == quantity]
    assert found, f"no figure {quantity} in {[f.quantity for f in run(text, date, lang).figures]}"
    return found[0]


@pytest.mark.parametrize(("text", "sources"), [
    ("За даними ГУР, у Росії перебуває близько 12 тисяч військових КНДР.", ["hur"]),
    ("За оцінками Сеула, загинули щонайменше 800 північнокорейських солдатів.", ["south_korea"]),
    ("Південнокорейська розвідка повідомила, що КНДР відправила ще 3 тисячі військових.", ["nis"]),
    ("Кирило Буданов заявив, що в Курській області загинули 900 військових КНДР.", ["kyrylo_budanov"]),
    ("У Росії перебуває 11 тисяч солдатів КНДР, - сказав Володимир Зеленський.", ["volodymyr_zelenskyy"]),
    ("Згідно з даними Міноборони Південної Кореї, до Росії прибули 2 тисячі робітників.",
     ["ministry_of_national_defense_south_korea"]),
    ("According to the NIS, about 1,500 North Korean soldiers were killed.", ["nis"]),
    ("Ukrainian President Volodymyr Zelenskyy said 3,000 North Korean soldiers were wounded.",
     ["volodymyr_zelenskyy"]),
    ("По данным ГУР, в России находятся около 11 тыс. военных КНДР.", ["hur"]),
    ("Аналітики кажуть, що Північна Корея відправила тисячі робітників.", ["analysts"]),
])
def test_claimant(text: str, sources: list[str]) -> None:
    found = run(text).figures
    assert found and found[0].sources[:len(sources)] == sources


def test_unknown_person_with_title_is_a_source_and_gets_an_id() -> None:
    text = "Депутат Південної Кореї Пак Чжі Вон розповів журналістам, що в Україні загинули 300 військових КНДР."
    extraction = run(text)
    person = next(a for a in extraction.actors if a.kind == "Person")
    assert not person.known and person.id == "pak_chzhi_von" and person.name == "Pak Chzhi Von"
    assert extraction.figures[0].sources[0] == person.id


def test_inflected_unknown_name_is_normalised_to_the_nominative() -> None:
    text = "Журналісти поговорили з послом Росії Олегом Мацюком. Посол Олег Мацюк сказав, що прибули 500 робітників."
    ids = {a.id for a in run(text).actors if a.kind == "Person"}
    assert "oleh_matsiuk" in ids


def test_outlet_is_kept_apart_from_the_claimant() -> None:
    f = figure("За даними NIS, у Росії перебувають 10 тисяч солдатів КНДР, пише Yonhap.", 10000)
    assert f.sources[0] == "nis" and f.outlet == "yonhap"


def test_interview_outlet_and_the_person_s_organisation() -> None:
    text = ("Начальник Головного управління розвідки Кирило Буданов в інтерв'ю Суспільному розповів, що у Росії "
            "перебуває 12 тисяч військових КНДР.")
    f = figure(text, 12000)
    assert f.sources[:2] == ["kyrylo_budanov", "hur"] and f.outlet == "suspilne"


def test_pronoun_refers_to_the_last_named_person() -> None:
    text = ("Кирило Буданов виступив на брифінгу. За його словами, у Курській області загинули 400 солдатів КНДР.")
    assert figure(text, 400).sources[0] == "kyrylo_budanov"


def test_title_refers_to_its_holder() -> None:
    text = "Лідер КНДР заявив, що до Росії прибудуть ще 5 тисяч будівельників."
    assert figure(text, 5000).sources[0] == "kim_jong_un"


def test_a_deputy_is_not_the_head() -> None:
    text = ("Заступник начальника Головного управління розвідки Андрій Петренко повідомив, що в Росії перебувають "
            "8 тисяч військових КНДР.")
    f = figure(text, 8000)
    assert f.sources[0] != "kyrylo_budanov" and f.sources[0].startswith("andrii_petrenko")


def test_backward_attribution_applies_to_the_sentence_before() -> None:
    text = ("Північна Корея відправила до Росії ще 2 тисячі солдатів.\n\n"
            "Про це повідомляє Yonhap з посиланням на Національну розвідувальну службу Південної Кореї.")
    f = figure(text, 2000)
    assert f.sources[0] == "nis" and f.outlet == "yonhap"


def test_unattributed_sentences_continue_the_lead_but_not_background() -> None:
    text = ("Розвідка Південної Кореї повідомляє про загибель 600 військових КНДР.\n\n"
            "З жовтня КНДР направила 11 тисяч бійців.\n\n"
            "Що відомо\n\n"
            "Північна Корея раніше відправила 3 тисячі робітників.")
    extraction = run(text, "2025-03-01")
    by_quantity = {f.quantity: f for f in extraction.figures}
    assert by_quantity[11000].sources == ["nis"]
    assert by_quantity[3000].sources == []


def test_reports_emerged_has_no_source() -> None:
    text = ("Генштаб ЗСУ повідомив про бої.\n\nА восени з'явилися повідомлення, що КНДР перекинула 9 тисяч солдатів.")
    assert figure(text, 9000).sources == []


def test_russian_after_the_quote() -> None:
    text = "«В Курской области погибли около 500 северокорейских военных», - заявил Андрей Юсов."
    assert figure(text, 500, lang="ru").sources[0] == "andriy_yusov"


@pytest.mark.parametrize(("text", "lang", "source"), [
    ("About 600 of them were killed, according to South Korean estimates.", "en", "south_korea"),
    ("За даними південнокорейської розвідки, загинули 600 військових КНДР.", "uk", "nis"),
    ("За оцінками українських військових, загинули 700 солдатів КНДР.", "uk", "ukraine"),
])
def test_a_national_adjective_names_the_country_or_its_service(text: str, lang: str, source: str) -> None:
    assert run(text, lang=lang).figures[0].sources[0] == source
