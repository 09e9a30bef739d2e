"""Cue lemmas for events: the trigger words of each event type, and the objects some of them need.

A trigger is ('verb', lemma) — a finite verb, infinitive or English verb form — or ('noun', lemma). Gerunds
and participles never trigger an event (they are background to the main clause).
"""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


VERB_TRIGGERS: dict[str, frozenset[str]] = {
    "Deployment": _set("""відправити відправляти відправлятися направлятися направити направляти перекинути
                          перекидати розгорнути розгортати
                          надіслати прибути прибувати переправити
                          отправить отправлять направить направлять перебросить перебрасывать развернуть прибыть
                          deploy send sent dispatch"""),
    "Casualties": _set("""загинути гинути померти загибнути погибнуть погибать умереть die втратити потерять lose
                          kill"""),
    "Agreement": _set("укласти підписати ратифікувати заключить подписать ратифицировать sign ratify conclude pledge"),
    "Construction": _set("збудувати будувати звести построить строить build"),
    "Transfer": _set("""постачати поставити поставляти передати передавати надати надавати отримувати отримати
                        поставить поставлять передать предоставить предоставлять получать получить
                        provide supply ship deliver transfer receive"""),
    "Meeting": _set("зустрітися зустрічатися встретиться встречаться meet met"),
    "Capture": _set("полонити пленить capture"),
    "Parade": _set(""),
    "Exhibition": _set(""),
}
NOUN_TRIGGERS: dict[str, frozenset[str]] = {
    "Deployment": _set("відправка відправлення розгортання перекидання переброска отправка развертывание"),
    "Casualties": _set("втрата загибель загиблий потеря гибель погибший casualty casualties losses"),
    "Construction": _set("будівництво будова строительство construction"),
    "Transfer": _set("постачання поставка передача shipment deliveries"),
    "Meeting": _set("зустріч переговори саміт візит встреча переговоры саммит визит summit meeting talks visit"),
    "Parade": _set("парад parade"),
    "Exhibition": _set("виставка выставка exhibition"),
}
#: Triggers that count only with an amount in the sentence ("втратила понад 3000", "over 1,000 casualties").
NEEDS_AMOUNT = _set("casualty casualties losses втратити потерять lose kill")
#: Objects an Agreement verb needs ("уклали угоду", "signed the treaty"); "ratify" and "pledge" need none.
AGREEMENT_OBJECTS = _set("угода договір договор соглашение treaty agreement pact партнерство меморандум "
                         "memorandum закон law указ ратифікація ратификация ratification protocol протокол")
#: Objects a Transfer verb needs ("передати снаряди", "provided … shells").
TRANSFER_OBJECTS = _set("""зброя снаряд ракета боєприпас техніка допомога технологія продукт продовольство енергія
                           нафта паливо гаубиця контейнер
                           оружие снаряд ракета боеприпас техника помощь технология продовольствие нефть топливо
                           shell missile weapon ammunition arms aid technology food oil fuel munition""")
#: Verb + noun triggers: "взяли в полон", "taken prisoner", "набув чинності", "entered into force".
PHRASE_TRIGGERS: tuple[tuple[frozenset[str], frozenset[str], str], ...] = (
    (_set("взяти брати захопити потрапити взять захватить попасть take taken"), _set("полон плен prisoner captive"),
     "Capture"),
    (_set("набути набувати вступити вступать enter"), _set("чинність сила силу force"), "Agreement"),
)
#: Verbs that make a statement event of their own (admitting, denying).
STATEMENT_VERBS = _set("визнати визнавати відкинути заперечити заперечувати спростувати признать отрицать "
                       "опровергнуть deny admit acknowledge")
#: Words that open a relative clause (its triggers describe, they do not report an event).
RELATIVE = _set("який яка яке які якого якої яких якому яким котрий который которая которое которые которых "
                "которым who which")
