"""The extractor end to end: actors, figures and events on invented sentences, the registry, robustness."""

from __future__ import annotations

import pytest

from ingest.extraction import extract
from ingest.extractors import EXTRACTORS, REGISTRY
from ingest.records import EVENT_TYPES, MEASURES, POPULATIONS, QUALIFIERS, Extraction
from tests.extraction_support import report, run


def test_the_registry_is_not_empty_and_named_once() -> None:
    assert REGISTRY and len(EXTRACTORS) == len(REGISTRY)
    assert {"gazetteer", "figures", "events", "attribution"} <= set(EXTRACTORS)


def test_an_extra_extractor_slots_into_the_registry() -> None:
    from ingest.context import Context, Mention
    from ingest.extractors import Extractor, with_extractor
    from ingest.extractors.actors import add_mention

    def model(ctx: Context) -> None:  # stands for a model-based extractor: it only adds what is new
        first = ctx.doc.tokens[0]
        if not any(m.start == first.i for m in ctx.mentions):
            add_mention(ctx, Mention(first.i, first.i + 1, "russia", "model", first.sent))

    pipeline = with_extractor(Extractor("model", model, "a stand-in model"), after="gazetteer")
    assert [e.name for e in pipeline][:3] == ["gazetteer", "model", "new_actors"]
    extraction = extract(report("Щось сталося."), extractors=pipeline)
    assert [a.id for a in extraction.actors] == ["russia"]
    with pytest.raises(KeyError):
        with_extractor(Extractor("model", model, ""), after="nothing")


def test_extract_with_a_subset_of_the_registry() -> None:
    only_actors = extract(report("Північна Корея відправила 5 тисяч військових."), extractors=REGISTRY[:1])
    assert only_actors.actors and not only_actors.figures


@pytest.mark.parametrize(("text", "measure", "population"), [
    ("КНДР відправила до Росії 3 тисячі будівельних військових.", "deployed", "construction_troops"),
    ("КНДР планує відправити до Росії 20 тисяч робітників.", "planned", "workers"),
    ("КНДР направить до Росії 500 саперів.", "planned", "sappers"),
    ("У Курській області загинули 700 північнокорейських солдатів.", "killed", "soldiers"),
    ("Ще 900 військових КНДР отримали поранення.", "wounded", "soldiers"),
    ("Північна Корея втратила 4 тисячі військових убитими і пораненими.", "casualties", "soldiers"),
    ("Сили оборони взяли в полон трьох військових КНДР.", "captured", "soldiers"),
    ("У Росії перебуває 11 тисяч військових КНДР.", "present", "soldiers"),
    ("КНДР перекинула до Росії 1 500 спецназівців.", "deployed", "special_forces"),
    ("Pyongyang has sent 2,000 military builders to Russia.", "deployed", "construction_troops"),
    ("About 400 North Korean troops were killed in Kursk.", "killed", "soldiers"),
    ("North Korea could deploy up to 30,000 more troops.", "planned", "soldiers"),
    ("Около 2 тыс. северокорейских военных погибли.", "killed", "soldiers"),
    ("В Россию прибыли около тысячи саперов из КНДР.", "deployed", "sappers"),
])
def test_measure_and_population(text: str, measure: str, population: str) -> None:
    figures = run(text).figures
    assert len(figures) == 1
    assert (figures[0].measure, figures[0].population) == (measure, population)


def test_a_range_is_two_figures() -> None:
    figures = run("КНДР може відправити від 10 до 12 тисяч військових.").figures
    assert [(f.quantity, f.qualifier) for f in figures] == [(10000, "at_least"), (12000, "at_most")]
    assert all((f.lower, f.upper) == (10000, 12000) for f in figures)


def test_as_of_dates() -> None:
    text = ("11 січня 2025 року ЗСУ взяли в полон двох військових КНДР. Станом на серпень 2025 року у Росії "
            "перебуває близько 11 тисяч військових із КНДР. За оцінками NIS, загинули 2 000 військових КНДР.")
    as_of = {f.quantity: f.as_of.value if f.as_of else None for f in run(text, "2025-10-24").figures}
    assert as_of == {2: "2025-01-11", 11000: "2025-08", 2000: "2025-10-24"}


def test_a_figure_in_a_gerund_clause_has_no_date() -> None:
    figures = run("КНДР стала союзником Росії, відправивши тисячі солдатів.").figures
    assert figures[0].quantity is None and figures[0].measure == "deployed" and figures[0].as_of is None


def test_numbers_that_are_not_figures() -> None:
    text = "Війна триває 3 роки. Стаття 4 договору. На 2 відсотки більше. 1-й батальйон."
    assert run(text).figures == []


def test_repeated_figure_is_merged_and_the_body_wins_over_the_headline() -> None:
    text = ("КНДР відправила 6 тисяч військових\n\nЗа даними NIS, КНДР відправила до Росії близько 6 тисяч "
            "будівельних військових.")
    figures = run(text).figures
    assert len(figures) == 1
    f = figures[0]
    assert (f.qualifier, f.population, len(f.evidence)) == ("approximately", "construction_troops", 2)


@pytest.mark.parametrize(("text", "expected", "not_expected"), [
    ("За оцінками Сеула, загинули 600 солдатів КНДР.", "south_korea", "seoul"),
    ("Пхеньян активно співпрацює з Кремлем.", "russia", "kremlin"),
    ("У Москві відбулася виставка.", "moscow", "russia"),
    ("Саміт відбувся у Пхеньяні.", "pyongyang", "north_korea"),
    ("У Москві заявили, що нічого не знають.", "russia", "moscow"),
    ("Moscow and Pyongyang have regarded the troops as expendable.", "russia", "moscow"),
    ("The summit in Pyongyang lasted two days.", "pyongyang", "north_korea"),
])
def test_metonymy(text: str, expected: str, not_expected: str) -> None:
    ids = {a.id for a in run(text).actors}
    assert expected in ids and not_expected not in ids


def test_short_name_refers_to_the_full_name() -> None:
    text = "Посол Олег Мацюк прибув до Пхеньяна. Мацюк заявив, що відносини зміцнюються."
    person = next(a for a in run(text).actors if a.kind == "Person")
    assert [m.text for m in person.mentions] == ["Олег Мацюк", "Мацюк"]


def test_organisations_by_pattern() -> None:
    text = "Про це повідомило видання The Korea Herald і Центр стратегічних досліджень."
    actors = {a.id: a for a in run(text).actors}
    assert "the_korea_herald" in actors and not actors["the_korea_herald"].known
    assert any(a.startswith("tsentr") for a in actors)


def test_photo_credit_actor_has_no_mention() -> None:
    extraction = run("Заголовок / © Associated Press\n\nТекст новини.")
    ap = next(a for a in extraction.actors if a.id == "associated_press")
    assert ap.mentions == [] and ap.role == "photo credit"


@pytest.mark.parametrize(("text", "types"), [
    ("КНДР відправила до Росії 3 тисячі військових.", ["Deployment"]),
    ("КНДР планує відправити до Росії 3 тисячі військових.", ["PlannedDeployment"]),
    ("У боях загинули 300 солдатів КНДР.", ["Casualties"]),
    ("ЗСУ взяли в полон двох солдатів КНДР.", ["Capture"]),
    ("Росія та КНДР підписали угоду про партнерство.", ["Agreement"]),
    ("КНДР розпочала будівництво заводу.", ["Construction"]),
    ("Кім Чен Ин відвідав військовий парад.", ["Parade"]),
    ("У Пхеньяні відкрилася виставка.", ["Exhibition"]),
    ("КНДР передала Росії 100 гаубиць.", ["Transfer"]),
    ("Путін і Кім Чен Ин зустрілися в Пхеньяні.", ["Meeting"]),
    ("Міноборони Південної Кореї заявило, що КНДР, ймовірно, направить війська.", ["Statement"]),
    ("Північна Корея відкинула ці звинувачення.", ["Statement"]),
    ("Росія зобов'язується надати допомогу у разі нападу на КНДР.", []),
    ("Загиблих солдатів, яких відправили на фронт, ховають таємно.", []),
])
def test_event_types(text: str, types: list[str]) -> None:
    assert [e.type for e in run(text).events] == types


def test_event_date_place_and_participants() -> None:
    event = run("11 січня 2025 року Збройні сили України взяли в полон у Курській області двох військових КНДР.",
                "2025-10-24").events[0]
    assert event.type == "Capture" and event.date is not None and event.date.value == "2025-01-11"
    assert event.place == "kursk_oblast" and "armed_forces_of_ukraine" in event.participants


def _check_records(extraction: Extraction, text: str) -> None:
    for actor in extraction.actors:
        for span in actor.mentions:
            assert text[span.start:span.end] == span.text
    for f in extraction.figures:
        assert f.qualifier in QUALIFIERS and f.measure in MEASURES and f.population in POPULATIONS
        for span in f.evidence:
            assert text[span.start:span.end] == span.text
    for e in extraction.events:
        assert e.type in EVENT_TYPES
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text


@pytest.mark.parametrize("text", [
    "x", "1", "—", "\n\n\n.", "Реклама", "2025 2025 2025", "«»«»", "тисячі тисяч сотні", "Кім Кім Кім",
    "За даними, за словами, — сказав.", "від до між and or", "999999999999999999 солдатів",
    "Zelenskyy said Monday Tuesday Wednesday", "а" * 5000, "А. Б. В. Г.", "1,2,3,4,5,6 тисяч",
])
def test_odd_input_never_fails(text: str) -> None:
    r = report(text)
    _check_records(extract(r), r.text)


def test_english_and_russian_reports_produce_records() -> None:
    en = run("North Korea has sent about 12,000 troops to Russia, South Korea's spy agency said on Monday.")
    ru = run("По данным разведки Южной Кореи, КНДР направила в Россию около 12 тыс. военных.")
    for extraction in (en, ru):
        assert extraction.actors and extraction.figures and extraction.events
        assert extraction.figures[0].quantity == 12000


def test_a_visited_capital_is_the_city() -> None:
    ids = {a.id for a in run("Міністр закордонних справ КНДР відвідала Москву.").actors}
    assert "moscow" in ids and "russia" not in ids


def test_an_admission_is_a_statement_not_the_admitted_event() -> None:
    types = [e.type for e in run("Pyongyang acknowledged on Monday that it had sent troops to Russia.",
                                 "2025-05-05").events]
    assert types == ["Statement"]


def test_a_date_in_a_participle_phrase_is_not_the_figure_s_date() -> None:
    text = "Розвідка підтвердила, що двоє військових КНДР, захоплених у січні, перебувають у полоні."
    f = run(text, "2025-02-14").figures[0]
    assert (f.quantity, f.measure, f.as_of.value if f.as_of else None) == (2, "captured", "2025-02-14")


def test_the_headline_event_merges_with_the_body_s() -> None:
    text = ("North Korea parades returning soldiers\n\nA military parade was held in Pyongyang on Sunday to "
            "welcome the soldiers.")
    events = run(text, "2025-05-05").events
    assert [(e.type, e.date.value if e.date else None, e.place) for e in events] == \
        [("Parade", "2025-05-04", "pyongyang")]
