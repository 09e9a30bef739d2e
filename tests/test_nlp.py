"""Normalisation, sentences, tokens, lemmas, nominative names and gazetteer matching on lemmas."""

from __future__ import annotations

import pytest

from ingest.gazetteer_match import match_gazetteer
from ingest.morph import analyse, nominative
from ingest.nlp import analyse_text
from ingest.normalize import normalize


@pytest.mark.parametrize("text", ["зв’язкам", "зв'язкам", "зв`язкам", "«Шторм» — 2", "Пiвнiчна Корея", "a\u00a0b"])
def test_normalisation_keeps_offsets(text: str) -> None:
    out = normalize(text)
    assert len(out) == len(text)


def test_normalisation_unifies_apostrophes_quotes_dashes_and_lookalikes() -> None:
    assert normalize("п’ять ʼ «a» —") == "п'ять ' \"a\" -"
    assert normalize("Пiвнiчна") == "Північна"  # Latin i inside a Cyrillic word
    assert normalize("IT-фахівців") == "IT-фахівців"  # a Latin word stays Latin


def test_tokens_point_into_the_original_text() -> None:
    text = "Зв’язки з «Пхеньяном» — міцні.\n\nІнтерв’ю 1 500 військових."
    doc = analyse_text(text, "uk")
    for tok in doc.tokens:
        assert normalize(text[tok.start:tok.end]) == tok.text
    assert [s.paragraph for s in doc.sentences] == [0, 1]


@pytest.mark.parametrize(("text", "count"), [
    ("Перше речення. Друге речення.", 2),
    ("Вони прибули 2 тис. військових. Далі.", 2),
    ("The U.S. and Japan agreed. Then they met.", 2),
    ("said Oct. 8.In a statement, it said so.", 2),
    ("Президент В. Зеленський заявив це.", 1),
    ("«Ми готові», — сказав він. Інше.", 2),
])
def test_sentence_splitting(text: str, count: int) -> None:
    assert len(analyse_text(text, "uk" if not text.isascii() else "en").sentences) == count


def test_headline_and_headings() -> None:
    doc = analyse_text("Заголовок без крапки\n\nТекст статті тут.\n\nЩо відомо\n\nДалі текст.", "uk")
    assert doc.sentences[0].headline and not doc.sentences[1].headline
    assert doc.sentences[2].heading and not doc.sentences[3].heading


@pytest.mark.parametrize(("word", "lemma"), [
    ("Курській", "курський"), ("Кореї", "корея"), ("Сеула", "сеул"), ("Москви", "москва"),
    ("відправивши", "відправити"), ("саперов", "сапер"),
])
def test_lemmas(word: str, lemma: str) -> None:
    lang = "ru" if word == "саперов" else "uk"
    assert lemma in analyse(word, lang).lemmas


@pytest.mark.parametrize(("word", "lang", "expected"), [
    ("Квеном", "uk", "Квен"), ("Сергія", "uk", "Сергій"), ("Вадима", "uk", "Вадим"), ("Іванової", "uk", "Іванова"),
    ("Шойгу", "uk", "Шойгу"), ("Мацегора", "uk", "Мацегора"), ("Зеленского", "ru", "Зеленский"),
    ("Kirby", "en", "Kirby"),
])
def test_nominative(word: str, lang: str, expected: str) -> None:
    assert nominative(word, lang) == expected


@pytest.mark.parametrize(("text", "lang", "entity"), [
    ("у Курській області", "uk", "kursk_oblast"),
    ("разом із Кім Чен Ином", "uk", "kim_jong_un"),
    ("у Північній Кореї", "uk", "north_korea"),
    ("за оцінками Сеула", "uk", "seoul"),
    ("підтримку Москви", "uk", "moscow"),
    ("в Курской области", "ru", "kursk_oblast"),
    ("North Korea’s troops", "en", "north_korea"),
])
def test_gazetteer_matches_inflected_names(text: str, lang: str, entity: str) -> None:
    doc = analyse_text(text, lang)
    found = match_gazetteer(doc.tokens, [(0, len(doc.tokens))], lang)
    assert entity in {m.entry_id for m in found}


def test_longest_match_wins_and_inner_names_are_nested() -> None:
    doc = analyse_text("Головного управління розвідки Міністерства оборони України", "uk")
    found = match_gazetteer(doc.tokens, [(0, len(doc.tokens))], "uk")
    top = [m for m in found if not m.nested]
    assert len(top) == 1 and top[0].entry_id == "hur"
    assert {"ministry_of_defence_ukraine", "ukraine"} <= {m.entry_id for m in found if m.nested}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Курській області", "uk", "курський область"), ("Кім Чен Ином", "uk", "кім чен ин"),
    ("Північній Кореї", "uk", "північний корея"), ("Курской области", "ru", "курский область"),
])
def test_phrase_lemma(text: str, lang: str, expected: str) -> None:
    from ingest.nlp import phrase_lemma

    assert phrase_lemma(text, lang) == expected
