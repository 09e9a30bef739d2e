"""Cue lemmas for figures: what a number counts (population) and what happened to them (measure).

Lemmas are lower case with ё folded to е; English entries are base forms (the English stemmer also yields
"killed" -> "kill", "troops" -> "troop").
"""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Population cues, most specific first: the first category whose cue is in the noun phrase wins.
POPULATIONS: tuple[tuple[str, frozenset[str]], ...] = (
    ("construction_troops", _set("""будівельник будівельний військово-будівельний будбат строитель строительный
                                    builder construction""")),
    ("special_forces", _set("""спецназівець спецназ спецпризначенець спецпризначення спецназовец commando
                               спеціальний специальный special""")),
    ("sappers", _set("сапер розмінувальник мінер деміньор sapper deminer engineer")),
    ("workers", _set("""робітник працівник трудівник фахівець робочий рабочий работник трудящийся специалист
                        worker laborer labourer specialist""")),
    ("soldiers", _set("""військовий солдат військовослужбовець боєць вояк піхотинець воїн військо контингент
                         військовик бійці північнокореєць кореєць офіцер генерал найманець
                         военный военнослужащий боец пехотинец войско северокореец наемник
                         soldier troop serviceman servicemen personnel infantry infantryman fighter
                         military force mercenary""")),
)
#: People in general ("осіб", "людей", "people"): the population comes from the rest of the sentence.
PEOPLE = _set("особа людина чоловік человек люди people person individual")
#: Materiel counted by a figure that is not people (measure and population "other").
MATERIEL = _set("""снаряд ракета боєприпас міна контейнер гаубиця танк дрон безпілотник
                   снаряд ракета боеприпас мина контейнер гаубица танк дрон беспилотник
                   shell missile round munition ammunition rocket container howitzer tank drone""")
#: Words after a number that make it a duration, a share or money, never a figure.
UNITS = _set("""рік місяць тиждень день година хвилина кілометр км відсоток долар гривня рубль вона тонна метр
                год месяц неделя день час минута километр процент доллар рубль тонна метр
                year month week day hour minute kilometre kilometer km mile percent dollar won ton metre meter
                % $ р""")

MEASURES: tuple[tuple[str, frozenset[str]], ...] = (
    ("killed", _set("""загинути загиблий загибель вбити вбитий убити убитий смерть померти ліквідувати
                       ліквідований гинути
                       погибнуть погибший гибель убить убитый умереть погибать
                       kill dead die death fatality""")),
    ("wounded", _set("""поранення поранений поранити ранений ранити
                        ранение ранить раненый
                        wound wounded injure injured injury""")),
    ("casualties", _set("втрата втрати потеря потери casualty casualties loss")),
    ("captured", _set("""полон полонений полонити захопити
                         плен пленный пленить захватить
                         capture captured prisoner pow captivity""")),
    ("deployed", _set("""відправити відправляти відправитися відправлятися направлятися направити направляти перекинути
                         перекидати розгорнути розгортати розгортання відправка відправлення перекидання прибути
                         прибувати надіслати переправити
                         отправить отправлять направить направлять перебросить перебрасывать развернуть
                         прибыть прибывать отправка переброска
                         send sent deploy deployed dispatch transport arrive""")),
    ("present", _set("""перебувати знаходитися розташувати розташований розміщений розмістити дислокувати
                        проходити тренуватися навчатися залишатися лишатися
                        находиться пребывать дислоцировать размещать проходить оставаться
                        station stationed train training remain stay""")),
    ("planned", _set("""планувати план намір збиратися готуватися розглядати можливість
                        планировать собираться намереваться готовиться рассматривать
                        plan intend prepare preparing consider""")),
)
MEASURE_OF = {lemma: measure for measure, cues in MEASURES for lemma in cues}
#: Words before a deployment cue that make it a plan ("планує відправити", "could deploy", "буде відправлено").
PLAN_MARKERS = _set("""планувати намір збиратися готуватися розглядати можливість буде будуть мати підготовка
                       могти мочь подготовка preparation
                       планировать собираться намереваться готовиться рассматривать будет
                       plan intend prepare preparing consider could may might will would""")
